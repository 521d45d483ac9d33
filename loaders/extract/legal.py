"""Provisions of legal instruments: ``Article 33 of the 1951 Refugee Convention``.

A provision reference is tied to the instrument named right after it (``of the …``; a short
form there, ``of the Regulations``, ``of the covenant``, is the last instrument of that kind
named), right before it (``the Convention's Article 3``), or else the one in scope (``legal_refs``:
the paragraph's or the previous sentence's; several: none; else the text's last).
``Articles 5 and 6 of …`` are each an article. Short forms that refer back to an
instrument (``the Regulations``, ``the Convention``) are its mentions. It
becomes the curated provision when the vocabulary has it, otherwise a found one with an
Akoma Ntoso-style IRI (``…/art_33``, ``…/art_33__para_1``), ``eli:is_part_of`` its
instrument (a paragraph is part of its article) and ``eli:number``. ``Paragraph 8 of the
resolution`` and ``its paragraph 8`` are an operative paragraph (``…/para_8``) of the
resolution named before it; ``the right of every person to leave a country`` next to the
instrument that protects it is the curated paragraph named for that right;
``the article of the Criminal Code on illegal border crossing`` is the curated provision of
that instrument whose label names the subject.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rdflib import URIRef

from borderkg import iris
from borderkg.ontology.namespaces import BKG, LEGALTYPE

from . import kinds
from .cues import anchored
from .gazetteer import Gazetteer
from .legal_refs import OF_HEAD, HeadResolver, root, roots, scoped_instrument, short_forms
from .model import Entity, Mention, Span

_ARTICLE = re.compile(
    r"\b(?:Article|Art\.|article)\s+(?P<num>\d+[a-z]?)(?:\s*\((?P<para>\d+)\))?"
    r"(?:,?\s+(?:paragraph|para\.)\s+(?P<para2>\d+))?"
)
# "Articles 5 and 6", "Articles 3, 7 and 12": a list of articles of one instrument.
_ARTICLES = re.compile(
    r"(?:Articles|articles|Arts\.)\s+\d+[a-z]?(?:\s*,\s*\d+[a-z]?)*,?\s+(?:and|or)\s+\d+[a-z]?\b"
)
_NUMBER = re.compile(r"\d+[a-z]?")
_OF = re.compile(r"\s*,?\s*(?:of|in|under)\s+(?:the\s+)?", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}\s+")
# "Article 318 of China's Criminal Law": a country's possessive before the instrument.
_POSSESSIVE = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}'s\s+")
# "Paragraph 8 of the resolution": an operative paragraph of a resolution named before.
_PARAGRAPH = re.compile(r"(?:[Pp]aragraph|[Pp]ara\.)\s+(?P<num>\d+)\b")
# "the Convention's Article 3", "the Regulations' Article 7"
_OWNER = re.compile(r"'s?\s+")
_ITS = re.compile(r"\bits\s+$", re.IGNORECASE)
_OF_KIND = re.compile(
    r"\s+of\s+(?:the|that|this)\s+(?P<kind>resolution|convention|covenant|protocol|treaty|law|"
    r"act|code)\b",
    re.IGNORECASE,
)
# "the article of the Criminal Code on illegal border crossing": a provision by its subject.
_ARTICLE_ON = re.compile(
    r"(?P<word>article|provision|clause)\s+(?:of|in)\s+(?:the\s+)?", re.IGNORECASE
)
# "the right of every person to leave a country": a right named with its holder in between.
_RIGHT_OF = re.compile(
    r"rights?\s+(?:of|for)\s+(?:[\w-]+\s+){1,3}?to\s+(?P<what>leave|enter|return|seek\s+asylum)\b",
    re.IGNORECASE,
)
_DETERMINED = re.compile(r"\b(?:the|an|its)\s+$", re.IGNORECASE)
_SUBJECT = re.compile(
    r"\s+(?:on|against|concerning|covering|dealing\s+with|about)\s+(?P<subject>(?:[\w-]+\s+)"
    r"{0,4}?[\w-]+)(?=\s*(?:[,.;:]|$|\s+(?:which|that|and|under|carries|is|was)\b))",
    re.IGNORECASE,
)


@dataclass
class _Scan:
    """One article's text and what it has named so far, shared by the provision finders."""

    folded: str
    lower: str
    starts: list[int]
    sentences: list[Span]
    named: list[tuple[int, str]]
    instruments: list[Mention]
    begins: list[int]
    taken: list[Span]
    entities: dict[str, Entity]
    gazetteer: Gazetteer
    heads: HeadResolver

    def sentence(self, begin: int) -> int:
        return max(0, bisect.bisect_right(self.starts, begin) - 1)

    def free(self, span: Span) -> bool:
        return not any(span.overlaps(t) for t in self.taken)

    def curated(self, iri: str) -> str:
        self.entities.setdefault(iri, self.gazetteer.entities[iri])
        return iri

    def found(self, iri: str, label: str, part_of: str, number: str, subdivision: str) -> str:
        """A provision the vocabulary lacks, part of ``part_of``."""
        self.entities.setdefault(
            iri,
            Entity(
                iri=iri,
                types=(str(BKG.Provision),),
                label=label,
                curated=False,
                part_of=part_of,
                number=number,
                subdivision=subdivision,
            ),
        )
        return iri


def find_provisions(
    folded: str,
    text: str,
    sentences: list[Span],
    mentions: list[Mention],
    entities: dict[str, Entity],
    gazetteer: Gazetteer,
) -> list[Mention]:
    """Mentions of provisions and of instruments referred back to by a short form (``the
    Regulations``); ``entities`` receives the provisions (and parent articles)."""
    short = short_forms(folded, sentences, mentions, entities, gazetteer)
    mentions = sorted([*mentions, *short], key=lambda m: m.span.begin)
    named = roots(mentions, entities)
    instruments = [
        m
        for m in mentions
        if kinds.is_legal(entities[m.entity]) and not kinds.is_provision(entities[m.entity])
    ]
    scan = _Scan(
        folded=folded,
        lower=folded.lower(),
        starts=[s.begin for s in sentences],
        sentences=sentences,
        named=named,
        instruments=instruments,
        begins=[m.span.begin for m in instruments],
        taken=[m.span for m in mentions],
        entities=entities,
        gazetteer=gazetteer,
        heads=HeadResolver(named, entities, gazetteer),
    )
    out: list[Mention] = list(short)
    own = _own_articles(folded)
    for ref in _ARTICLE.finditer(folded):
        span = Span(ref.start(), ref.end())
        if not scan.free(span):
            continue
        if ref.group("num") in own and not _OF.match(folded, ref.end()):
            continue  # the quoted document's own article ("the order in Article 5")
        instrument = _instrument_for(scan, ref.start(), ref.end())
        if instrument is None:
            continue
        paragraph = ref.group("para") or ref.group("para2")
        iri = _provision(scan, instrument, ref.group("num"), paragraph)
        out.append(Mention(span, iri, scan.sentence(span.begin), "pattern"))
    scan.taken += [m.span for m in out]
    out += _article_lists(scan)
    scan.taken += [m.span for m in out]
    out += _paragraphs(scan) + _by_subject(scan)
    scan.taken += [m.span for m in out]
    out += _by_right(scan)
    return out


def _paragraphs(scan: _Scan) -> list[Mention]:
    """``Paragraph 8 of the resolution``, ``its paragraph 8``: the paragraph of the resolution
    named before it."""
    out: list[Mention] = []
    folded = scan.folded
    for ref in anchored(_PARAGRAPH, ("paragraph ", "para. "), folded, scan.lower):
        span = Span(ref.start(), ref.end())
        if not scan.free(span):
            continue
        kind = _OF_KIND.match(folded, ref.end())
        its = _ITS.search(folded, max(0, ref.start() - 8), ref.start())
        i = bisect.bisect_left(scan.begins, ref.start()) - 1
        if (kind is None and its is None) or i < 0:
            continue
        instrument = scan.instruments[i].entity
        label = scan.entities[instrument].label
        # "of the resolution" must point at a resolution; "its paragraph 8" at one too (a
        # numbered paragraph without an article is an operative paragraph)
        wanted = kind.group("kind").lower() if kind else "resolution"
        if wanted not in label.lower():
            continue
        number = ref.group("num")
        curated = scan.gazetteer.provision(instrument, number, None)
        iri = (
            scan.curated(curated)
            if curated
            else scan.found(
                f"{instrument}/para_{number}",
                f"Paragraph {number} of {label}",
                instrument,
                number,
                str(LEGALTYPE.Paragraph),
            )
        )
        out.append(Mention(span, iri, scan.sentence(span.begin), "pattern"))
    return out


def _by_right(scan: _Scan) -> list[Mention]:
    """``the right of every person to leave a country … protected by Article 12 of the
    Covenant``: the curated provision named for that right (``right to leave``) of an
    instrument its sentence names."""
    out: list[Mention] = []
    starts, gazetteer = scan.starts, scan.gazetteer
    for ref in anchored(_RIGHT_OF, ("right ", "rights "), scan.folded, scan.lower):
        span = Span(ref.start(), ref.end())
        if not scan.free(span):
            continue
        sent = scan.sentence(span.begin)
        end = starts[sent + 1] if sent + 1 < len(starts) else len(scan.folded)
        named = {m.entity for m in scan.instruments if starts[sent] <= m.span.begin < end}
        phrase = "right to " + " ".join(ref.group("what").lower().split())
        found = [
            iri
            for iri, entity in gazetteer.entities.items()
            if kinds.is_provision(entity)
            and root(iri, gazetteer.entities) in named
            and any(phrase in label.lower() for label in gazetteer.labels[iri])
        ]
        if len(found) == 1:
            out.append(Mention(span, scan.curated(found[0]), sent, "pattern"))
    return out


def _by_subject(scan: _Scan) -> list[Mention]:
    """``the article of the Criminal Code on illegal border crossing``: the curated provision
    of that instrument whose label names the subject."""
    out: list[Mention] = []
    folded, gazetteer = scan.folded, scan.gazetteer
    at = {m.span.begin: m for m in scan.instruments}
    for ref in anchored(_ARTICLE_ON, ("article ", "provision ", "clause "), folded, scan.lower):
        instrument = at.get(ref.end())
        if instrument is None or not _DETERMINED.search(
            folded, max(0, ref.start() - 8), ref.start()
        ):
            continue
        about = _SUBJECT.match(folded, instrument.span.end)
        if about is None:
            continue
        subject = about.group("subject").lower()
        found = [
            iri
            for iri, entity in gazetteer.entities.items()
            if entity.part_of == instrument.entity
            and any(subject in label.lower() for label in gazetteer.labels[iri])
        ]
        span = Span(ref.start("word"), ref.end("word"))
        if len(found) != 1 or not scan.free(span):
            continue
        out.append(Mention(span, scan.curated(found[0]), scan.sentence(span.begin), "pattern"))
    return out


# A document quoted with its own numbering: "Article 4. Any person who …" opening a line.
_OWN_HEADING = re.compile(
    r"^[\"\u201c]?(?:Article|ARTICLE)\s+(?P<num>\d+[a-z]?)\s*[.:]\s", re.MULTILINE
)


def _own_articles(folded: str) -> set[str]:
    """The numbers of the articles of a document the text prints with its own numbering:
    those lines are its articles, and a bare "Article N" with one of their numbers is one
    of them, never an article of a law named elsewhere."""
    return {m.group("num") for m in _OWN_HEADING.finditer(folded)}


def _instrument_for(scan: _Scan, start: int, end: int) -> str | None:
    """The instrument an ``Article N`` at ``start:end`` is of: the one named right after it
    (``of the …``; ``of the Regulations``, ``of the covenant``: the last one of that kind),
    right before it (``the Convention's Article 3``), else the one instrument in scope."""
    instruments, begins = scan.instruments, scan.begins
    after = _OF.match(scan.folded, end)
    if after:
        year = _YEAR.match(scan.folded, after.end())
        owner = _POSSESSIVE.match(scan.folded, after.end())
        for at in (after.end(), year.end() if year else -1, owner.end() if owner else -1):
            i = bisect.bisect_left(begins, at)
            if i < len(instruments) and instruments[i].span.begin == at:
                return instruments[i].entity
        kind = OF_HEAD.match(scan.folded, after.end())
        # named inside the phrase ("of the UN Convention against …") or before it
        last = _known(scan, scan.heads.last(kind.group("head"), kind.end("head")) if kind else None)
        if last is not None:
            return last
    i = bisect.bisect_left(begins, start) - 1
    if i >= 0 and _OWNER.fullmatch(scan.folded, instruments[i].span.end, start):
        return instruments[i].entity
    number = _NUMBER.search(scan.folded, start, end)
    return _known(
        scan,
        scoped_instrument(
            scan.folded,
            scan.sentences,
            scan.named,
            start,
            lambda iri: (
                number is not None
                and scan.gazetteer.provision(iri, number.group(0), None) is not None
            ),
        ),
    )


def _known(scan: _Scan, iri: str | None) -> str | None:
    """``iri``, in ``scan.entities``: an instrument named only by a curated provision of it
    ("Article 33 of the Refugee Convention" is one label) is not there yet."""
    if iri is not None and iri not in scan.entities and iri in scan.gazetteer.entities:
        scan.curated(iri)
    return iri


def _article_lists(scan: _Scan) -> list[Mention]:
    """``Articles 5 and 6 of the Regulations``: each number an article of the instrument
    named after the list, or else of the one in scope."""
    out: list[Mention] = []
    for ref in anchored(_ARTICLES, ("articles ", "arts. "), scan.folded, scan.lower):
        instrument = _instrument_for(scan, ref.start(), ref.end())
        if instrument is None:
            continue
        numbers = list(_NUMBER.finditer(scan.folded, ref.start(), ref.end()))
        for k, number in enumerate(numbers):
            span = Span(ref.start() if k == 0 else number.start(), number.end())
            if not scan.free(span):
                continue
            iri = _article(scan, instrument, number.group(0))
            out.append(Mention(span, iri, scan.sentence(span.begin), "pattern"))
    return out


def _provision(scan: _Scan, instrument: str, number: str, paragraph: str | None) -> str:
    article = _article(scan, instrument, number)
    if not paragraph:
        return article
    curated = scan.gazetteer.provision(instrument, number, paragraph)
    if curated:
        return scan.curated(curated)
    return scan.found(
        str(iris.provision_iri(URIRef(instrument), number, paragraph)),
        f"Paragraph {paragraph} of {scan.entities[article].label}",
        article,
        paragraph,
        str(LEGALTYPE.Paragraph),
    )


def _article(scan: _Scan, instrument: str, number: str) -> str:
    curated = scan.gazetteer.provision(instrument, number, None)
    if curated:
        return scan.curated(curated)
    label = scan.entities[instrument].label
    the = "" if label.lower().startswith("the ") else "the "
    return scan.found(
        str(iris.provision_iri(URIRef(instrument), number)),
        f"Article {number} of {the}{label}",
        instrument,
        number,
        str(LEGALTYPE.Article),
    )


def drop_unpinned_provisions(
    folded: str, mentions: list[Mention], entities: dict[str, Entity]
) -> list[Mention]:
    """Drop provisions matched only by a description ("arbitrary detention") whose
    instrument the sentence does not name; a numbered reference always stays."""
    out: list[Mention] = []
    for m in mentions:
        entity = entities[m.entity]
        if kinds.is_provision(entity) and not any(
            c.isdigit() for c in folded[m.span.begin : m.span.end]
        ):
            instrument = root(m.entity, entities)
            pinned = any(
                o is not m and o.sentence == m.sentence and root(o.entity, entities) == instrument
                for o in mentions
            )
            if not pinned:
                continue
        out.append(m)
    return out

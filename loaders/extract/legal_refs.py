"""Instruments referred back to by a short form, and the instrument a bare article is of.

Once an article has named an instrument in full, it refers back to it by its head word:
``the Regulations``, ``these Measures``, ``the Law``, ``the Convention`` (after ``the Refugee
Convention``). Such a short form is the last instrument named before it whose name holds
that head word; if none does, it is nothing (no instrument is minted from a head word).
Lower case is a name only for ``the regulations`` (a plain noun everywhere else: ``the
law``, ``the measures``), and only when no description follows (``the regulations on
fishing`` are others).

A bare ``Article 12`` (``Under Article 12, …``) is of an instrument named before it: the
one its paragraph names, or else the previous sentence, when exactly one is named there or
exactly one of those named has that article in the vocabulary; several others leave it of
nothing (``the Land Border Law and the Youth Education Guarantee Act … Article 9``). Where
neither names any, it is the text's instrument whose article the vocabulary has, else the
one the text named last (nothing nearer competes).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from . import kinds
from .gazetteer import Gazetteer
from .model import Entity, Mention, Span

_HEADS = (
    "Regulations|Measures|Provisions|Rules|Ordinance|Decision|Law|Act|Code|Convention|"
    "Covenant|Protocol|Treaty|Charter|Agreement|Declaration"
)
# "the Regulations", "these Measures", "this Law", "the regulations"; not the start of a
# longer name ("the Regulations Office", "the Convention on the Rights of the Child").
_SHORT = re.compile(
    rf"\b(?:[Tt]he|[Tt]hese|[Tt]his)\s+(?P<head>{_HEADS}|regulations)\b"
    r"(?!\s+[A-Z]|-|\s+(?:on|for|of|against|relating|concerning|governing|to)\s+(?:the\s+)?[A-Z])"
)
# a description after a lower-case head makes it other regulations
_DESCRIBED = re.compile(r"\s+(?:on|for|of|against|concerning|governing|about|banning|that)\b")
_WORD = re.compile(r"[A-Za-z]+")
#: "Article 7 of the covenant": the head word of the instrument an article is of.
OF_HEAD = re.compile(rf"(?:[\w'-]+\s+){{0,4}}?(?P<head>{_HEADS}|{_HEADS.lower()})\b")


def roots(mentions: list[Mention], entities: dict[str, Entity]) -> list[tuple[int, str]]:
    """(begin, instrument) of every legal mention, a provision standing for its instrument."""
    out: list[tuple[int, str]] = []
    for m in mentions:
        entity = entities.get(m.entity)
        if entity is not None and kinds.is_legal(entity):
            out.append((m.span.begin, root(m.entity, entities)))
    out.sort()
    return out


def root(iri: str, entities: dict[str, Entity]) -> str:
    """The instrument a provision is (ultimately) part of; an instrument is its own."""
    seen: set[str] = set()
    while iri in entities and entities[iri].part_of and iri not in seen:
        seen.add(iri)
        iri = entities[iri].part_of or iri
    return iri


def short_forms(
    folded: str,
    sentences: list[Span],
    mentions: list[Mention],
    entities: dict[str, Entity],
    gazetteer: Gazetteer,
) -> list[Mention]:
    """Mentions of instruments named before by the short forms that refer back to them."""
    named = roots(mentions, entities)
    if not named:
        return []
    taken = [m.span for m in mentions]
    starts = [s.begin for s in sentences]
    resolver = HeadResolver(named, entities, gazetteer)
    out: list[Mention] = []
    for m in _SHORT.finditer(folded):
        head = m.group("head")
        span = Span(m.start("head"), m.end("head"))
        if any(span.overlaps(t) for t in taken):
            continue
        if head.islower() and _DESCRIBED.match(folded, span.end):
            continue
        iri = resolver.last(head, span.begin)
        if iri is None:
            continue
        if iri not in entities and iri in gazetteer.entities:
            entities[iri] = gazetteer.entities[iri]
        sent = max(0, bisect.bisect_right(starts, span.begin) - 1)
        out.append(Mention(span, iri, sent, "pattern"))
    return out


class HeadResolver:
    """The last instrument named before a point whose name holds a head word."""

    def __init__(
        self, named: list[tuple[int, str]], entities: dict[str, Entity], gazetteer: Gazetteer
    ) -> None:
        self.named, self.entities, self.gazetteer = named, entities, gazetteer
        self.heads: dict[str, frozenset[str]] = {}

    def last(self, head: str, before: int) -> str | None:
        """The instrument ``the <head>`` at ``before`` refers back to, or None."""
        word = head.lower()
        i = bisect.bisect_left(self.named, (before, "")) - 1
        while i >= 0:
            iri = self.named[i][1]
            if iri not in self.heads:
                self.heads[iri] = _head_words(iri, self.entities, self.gazetteer)
            if word in self.heads[iri]:
                return iri
            i -= 1
        return None


def _head_words(iri: str, entities: dict[str, Entity], gazetteer: Gazetteer) -> frozenset[str]:
    """The lower-case words of an instrument's label and its vocabulary labels."""
    labels = [entities[iri].label if iri in entities else ""]
    if iri in gazetteer.entities:
        labels.append(gazetteer.entities[iri].label)
    labels += gazetteer.labels.get(iri, [])
    return frozenset(w.lower() for label in labels for w in _WORD.findall(label))


def scoped_instrument(
    folded: str,
    sentences: list[Span],
    named: list[tuple[int, str]],
    at: int,
    has_article: Callable[[str], bool],
) -> str | None:
    """The instrument a bare ``Article N`` at ``at`` is of, from those named before it: its
    paragraph's, else the previous sentence's, when that scope names exactly one, or exactly
    one whose article N the vocabulary has (``has_article``: ``Article 33`` beside the
    Refugee Convention and the Convention against Torture is the Refugee Convention's),
    else None. With none named there, the text's: the one whose article the vocabulary
    has, else the one named last."""
    sentence = max(0, bisect.bisect_right([s.begin for s in sentences], at) - 1)
    paragraph = folded.rfind("\n", 0, at) + 1
    scopes = [(paragraph, at)]
    if sentence > 0:
        scopes.append((sentences[sentence - 1].begin, sentences[sentence - 1].end))
    for begin, end in scopes:
        found = _between(named, begin, end)
        if len(found) > 1:
            found = {iri for iri in found if has_article(iri)}
            return next(iter(found)) if len(found) == 1 else None
        if found:
            return next(iter(found))
    before = named[: bisect.bisect_left(named, (at, ""))]
    curated = {iri for _, iri in before if has_article(iri)}
    if len(curated) == 1:
        return next(iter(curated))
    return before[-1][1] if before else None


def _between(named: list[tuple[int, str]], begin: int, end: int) -> set[str]:
    lo = bisect.bisect_left(named, (begin, ""))
    hi = bisect.bisect_left(named, (end, ""))
    return {iri for _, iri in named[lo:hi]}

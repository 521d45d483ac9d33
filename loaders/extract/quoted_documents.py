"""Quoted documents: a notice, decree or order whose text the article prints in quotation marks.

An article often translates a document at length: a lead names the document and who issued it
(``A notice issued by the public security bureau of … County``, ``the county police's
notice``, ``the order from the Ministry of State Security``) and says the text follows
(``Daily NK has translated its main parts below.``, ``The notice reads:``), then prints it as
paragraphs that each open with a quotation mark (the last may be left unclosed). Those words
are the document's, so its issuer is the speaker of each quotation in them, and the issuing
agent of each rule told in them that names no issuer of its own. The issuer must be an
entity the extractor found (a vocabulary or a pattern-found body); when the lead names none,
nothing is attributed. A quoted paragraph that names its own speaker (``…,” the source
said``) is not the document's, and ends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from borderkg.ontology.namespaces import BKG

from . import kinds
from .model import Entity, Mention, Policy, Quotation, Span

_DOC = (
    r"(?:notices?|decrees?|orders?|directives?|circulars?|instructions?|letters?|edicts?|"
    r"announcements?|proclamations?)"
)
# "a notice issued by (the) X", "the order, sent on Monday by X"
_ISSUED_BY = re.compile(
    r"\b" + _DOC + r"\b[^.;:\"]{0,50}?\b(?:issued|posted|sent|published|released|distributed|"
    r"circulated|put\s+up|handed\s+down|signed)\s+(?:[\w,-]+\s+){0,4}?by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the notice from (the) X"
_FROM = re.compile(r"\b" + _DOC + r"\s+from\s+(?:the\s+)?$", re.IGNORECASE)
# "X's (new) notice", "X bureau's notice" (the name found may stop short of its head noun)
_POSSESSIVE = re.compile(
    r"(?:\s+(?:bureau|office|department|station|committee|headquarters|command|unit|branch|"
    r"division|agency|authorities|government))?'s?\s+(?:[\w-]+\s+){0,3}?" + _DOC + r"\b",
    re.IGNORECASE,
)
# "X (has) issued / posted / sent a notice"
_SUBJECT = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:also\s+)?(?:issued|posted|sent|published|released|"
    r"distributed|circulated|put\s+up|handed\s+down)\s+(?:a|an|the|its|their)\s+"
    r"(?:[\w-]+\s+){0,3}?" + _DOC + r"\b",
    re.IGNORECASE,
)
# The lead says the text follows: "translated its main parts below", "It reads as follows".
_FOLLOWS = re.compile(
    r"\b(?:below|as\s+follows|the\s+following|follows|reads|in\s+full|full\s+text|"
    r"text\s+of|excerpts?|translated|translation)\b",
    re.IGNORECASE,
)
_DOC_WORD = re.compile(r"\b" + _DOC + r"\b", re.IGNORECASE)
# … or ends in a colon after naming it ("The notice says:", "It states:"), not after a
# person's words ("One of them explained:").
_COLON = re.compile(r":\s*$")
_NAMES_IT = re.compile(r"\b(?:it|its|text|" + _DOC + r")\b", re.IGNORECASE)
_LEAD_LINES = 2  # how many lines before the quoted text may name the document and its issuer


@dataclass
class QuotedDocument:
    """A document printed in quotation marks: its issuer and the sentences of its text."""

    issuer: str
    span: Span  # from the first quoted line's start to the last one's end
    sentences: frozenset[int]


def quoted_documents(
    folded: str,
    sentences: list[Span],
    mentions: list[Mention],
    entities: dict[str, Entity],
    speakers: dict[int, str],
) -> list[QuotedDocument]:
    """The documents the article quotes line by line (each line quoted, or one of the
    document's own numbered articles) after a lead naming their issuer."""
    lines = _lines(folded)
    out: list[QuotedDocument] = []
    i = 0
    while i < len(lines):
        run: list[Span] = []
        j = i
        while j < len(lines) and _document_line(folded, lines[j]):
            if any(speakers.get(s) for s in _inside(sentences, lines[j])):
                break  # "…," the source said: a source's words, not the document's
            run.append(lines[j])
            j += 1
        if not run or i == 0:
            i = max(j, i + 1)
            continue
        lead = [line for line in lines[max(0, i - _LEAD_LINES) : i] if folded[line.begin] != '"']
        issuer = _issuer(folded, lead, sentences, mentions, entities, speakers) if lead else None
        if issuer is not None:
            span = Span(run[0].begin, run[-1].end)
            inside = frozenset(s for line in run for s in _inside(sentences, line))
            out.append(QuotedDocument(issuer, span, inside))
        i = max(j, i + 1)
    return out


def attribute_quotations(quotations: list[Quotation], documents: list[QuotedDocument]) -> None:
    """Give each quotation of a document's text with no speaker the document's issuer."""
    for quote in quotations:
        if quote.attributed_to is not None:
            continue
        for doc in documents:
            if doc.span.contains(quote.span):
                quote.attributed_to = doc.issuer
                break


def issue_rules(policies: list[Policy], documents: list[QuotedDocument]) -> None:
    """Make a document's issuer the issuing agent of each rule told in its text that names
    no issuer of its own."""
    for policy in policies:
        if policy.issued_by:
            continue
        for doc in documents:
            if policy.sentence in doc.sentences:
                policy.issued_by = [doc.issuer]
                break


# A document printed with its own numbering: "Article 4. Any person who …".
_OWN_ARTICLE = re.compile(r"(?:Article|ARTICLE)\s+\d+[a-z]?\s*[.:]\s")


def _document_line(folded: str, line: Span) -> bool:
    """A line of the document's text: quoted, or one of its own numbered articles."""
    return folded[line.begin] == '"' or _OWN_ARTICLE.match(folded, line.begin) is not None


def _is_title(folded: str, line: Span) -> bool:
    """A line without final punctuation naming a document (its title)."""
    return (
        folded[line.end - 1] not in ".!?\"'"
        and _DOC_WORD.search(folded, line.begin, line.end) is not None
    )


def _lines(folded: str) -> list[Span]:
    """The non-blank lines of the text, from their first non-space character."""
    out: list[Span] = []
    pos = 0
    for line in folded.split("\n"):
        stripped = line.lstrip()
        if stripped.strip():
            begin = pos + len(line) - len(stripped)
            out.append(Span(begin, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def _inside(sentences: list[Span], line: Span) -> list[int]:
    return [i for i, s in enumerate(sentences) if line.begin <= s.begin < line.end]


def _issuer(
    folded: str,
    lead: list[Span],
    sentences: list[Span],
    mentions: list[Mention],
    entities: dict[str, Entity],
    speakers: dict[int, str],
) -> str | None:
    """The body the lead says issued the document, if the lead also says its text follows
    (and not that someone else speaks next: ``The source described the order:``)."""
    # the document's own title line ("Decree No. 7 …: On the border zone") is not the lead
    last = next((line for line in reversed(lead) if not _is_title(folded, line)), lead[-1])
    follows = _FOLLOWS.search(folded, last.begin, last.end)
    if follows is None:
        colon = _COLON.search(folded, last.begin, last.end)
        told = next((s for s in sentences if colon and s.begin <= colon.start() < s.end), None)
        if told is None or not _NAMES_IT.search(folded, told.begin, told.end):
            return None
        follows = colon
    at = next((i for i, s in enumerate(sentences) if s.begin <= follows.start() < s.end), None)
    teller = speakers.get(at) if at is not None else None
    begin, end = lead[0].begin, lead[-1].end
    if not _DOC_WORD.search(folded, begin, end):
        return None
    found: str | None = None
    for m in mentions:
        if not (begin <= m.span.begin and m.span.end <= end):
            continue
        entity = entities.get(m.entity)
        if entity is None or not _can_issue(entity):
            continue
        sent = next((s for s in sentences if s.begin <= m.span.begin < s.end), None)
        start = sent.begin if sent is not None else begin
        stop = sent.end if sent is not None else end
        before = folded[start : m.span.begin]
        if (
            _ISSUED_BY.search(before)
            or _FROM.search(before)
            or _POSSESSIVE.match(folded, m.span.end, stop)
            or _SUBJECT.match(folded, m.span.end, stop)
        ):
            found = m.entity  # the last one named before the text
    return None if teller is not None and teller != found else found


def _can_issue(entity: Entity) -> bool:
    """A body that can issue a document: a state body, a state or an organisation."""
    if kinds.is_place(entity) and not kinds.is_country(entity):
        return False
    return kinds.is_authority(entity) or str(BKG.Organization) in entity.types

"""Whom a measure is aimed at, past a time phrase that only looks like a clause of its own.

:func:`.roles_targets.clause_of` ends a measure's clause at a subordinator (``since``,
``before``, ``after`` …), as it should where a clause of its own follows (``since the border
was closed, smugglers have …``). But a subordinator followed by a phrase with no verb of its
own is a preposition of the measure's clause: ``Since the middle of November, customs
officers have been X-raying every bag carried by North Korean traders``, ``villagers in
Quanhe have needed a pass since Monday to go near the river``, ``Once back, returnees are
questioned``. Nor does a participle phrase open a clause with a subject of its own: ``police
hold North Koreans caught near the border for months before handing them over`` (the people
held are those handed over). Past such phrases the measure's clause goes on, and the groups
it then holds are its targets as :func:`.roles_targets.aimed_at` judges them (not those who
tell of it, nor the audience of a punishment).

The groups added here are settled with the rest by :func:`.roles_targets.refer_targets`,
after the measures are merged, so no measure is found, typed or merged differently.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import kinds
from .model import Policy, Span
from .roles_targets import _BOUNDARY, _LEADING_SUBORDINATE, aimed_at, clause_of

if TYPE_CHECKING:
    from .context import ArticleContext

# Subordinators that are as often prepositions of time ("since Monday", "after the floods").
_TIME_WORDS = r"since|after|before|until|once|while|when"
# A time word with the phrase it opens, up to the next comma, semicolon or colon (or the
# sentence's end).
_PHRASE = re.compile(rf"\s*(?:ever\s+)?(?:{_TIME_WORDS})\b(?P<phrase>[^,;:]*)", re.IGNORECASE)
# A finite verb or an auxiliary: what makes the phrase a clause of its own. A phrase opened
# by a participle ("before handing them over") shares the measure's subject: no clause.
_FINITE = re.compile(
    r"^\s+(?:(?:it|they|he|she|we|you|i)\b|(?!\w+ing\b)(?:[\w’'-]+\s+)*?(?:is|are|was|were|be|been|has|have|had|do|does|did|"
    r"will|would|can|could|(?-i:may)|might|must|shall|should|\w+ed|began|went|took|shut|fled|came|"
    r"left|broke|fell|got|made|set|ran|became|saw|gave|held|told|said|brought|caught|sent|"
    r"kept|found|met|led|began|begun|rose|grew|froze|won|lost)\b)",
    re.IGNORECASE,
)


# "since" as an adverb after an auxiliary: "the women have since been moved".
_ADVERB_SINCE = re.compile(r"\b(?:have|has|had)\s+$", re.IGNORECASE)
# After a time phrase and its comma: the measure's clause goes on (a participle, "with …").
_GOES_ON = re.compile(r",\s+(?:\w+ing|with)\b", re.IGNORECASE)
_PARTICIPLE = re.compile(r"\s+\w+ing\b", re.IGNORECASE)


def _verbless(phrase: str) -> bool:
    """Whether what follows a time word has no verb of its own (``the middle of November``,
    ``Monday``, ``handing them over``)."""
    return _FINITE.match(phrase) is None


def joined_clause(ctx: ArticleContext, sent: int, anchor: Span) -> tuple[int, int]:
    """The measure's clause as :func:`.roles_targets.clause_of` finds it, save that a time
    word whose phrase has no verb (``since Monday``) bounds it nowhere."""
    s = ctx.sentences[sent]
    text = ctx.folded
    begin, end = s.begin, s.end
    for found in _BOUNDARY.finditer(text, s.begin, anchor.begin):
        # before the measure, only a participle phrase shares its subject ("police hold
        # North Koreans … before handing them over"); a noun phrase ends a clause of its own
        if not _time_phrase(text, found, s.end, participle=True):
            begin = found.end()
    for found in _BOUNDARY.finditer(text, anchor.end, s.end):
        if not _time_phrase(text, found, s.end):
            end = found.start()
            break
        # "… since the start of October, looking for North Korean workers": the clause goes
        # on; "… since last autumn, villagers say": it ends with the phrase
        phrase = _PHRASE.match(text, found.end(), s.end)
        if phrase is not None and not _GOES_ON.match(text, phrase.end(), s.end):
            end = phrase.end()
            break
    lead = _LEADING_SUBORDINATE.match(text, s.begin)
    if lead is not None and not _verbless_at(text, s.begin, s.end):
        comma = text.find(",", s.begin, s.end)
        if comma != -1:
            if anchor.begin > comma:
                begin = max(begin, comma + 1)
            else:
                end = min(end, comma)
    return begin, end


def _time_phrase(text: str, boundary: re.Match[str], end: int, *, participle: bool = False) -> bool:
    """Whether a clause boundary is only a time word opening a phrase with no verb (only a
    participle phrase, if ``participle``)."""
    if _ADVERB_SINCE.search(text, max(0, boundary.start() - 12), boundary.end()):
        return True  # "have since been moved": an adverb
    return boundary.group().strip() not in (";", ":") and _verbless_at(
        text, boundary.end(), end, participle=participle
    )


def _verbless_at(text: str, pos: int, end: int, *, participle: bool = False) -> bool:
    """Whether a time word opens at ``pos`` a phrase with no verb of its own."""
    found = _PHRASE.match(text, pos, end)
    if found is None or not _verbless(found.group("phrase")):
        return False
    return not participle or _PARTICIPLE.match(found.group("phrase")) is not None


def phrase_targets(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Add to each measure the groups its clause holds once the verbless time phrases that cut
    it short are joined back to it."""
    for policy in policies:
        sent = policy.sentence
        anchor = policy.evidence[0]
        clause = clause_of(ctx, sent, anchor)
        wide = joined_clause(ctx, sent, anchor)
        if wide == clause:
            continue
        for m in ctx.by_sentence.get(sent, []):
            entity = ctx.entities[m.entity]
            if not kinds.is_collective(entity) or kinds.is_enforcer(entity):
                continue
            if m.entity in policy.targets or m.role == "characterisation":
                continue
            if m.entity in policy.issued_by or m.entity in policy.implemented_by:
                continue
            if aimed_at(ctx, sent, wide, m) and not aimed_at(ctx, sent, clause, m):
                policy.targets.append(m.entity)
    return policies

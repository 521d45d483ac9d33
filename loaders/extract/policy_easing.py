"""Frames of measures eased: people or goods let through again, curfews put back, patrols cut.

The policy-status scheme calls a measure Eased when it "still applies, but less strictly"
(``partially reopened``, ``shortened the quarantine``), and the measure eased keeps its own
type: a border that lets some people across again is a BorderClosure eased, villagers let
back onto the riverside fields a MovementRestriction eased. News prose tells such easings
less often by the words "eased" or "relaxed" than by what is now let through:

- ``North Korea let four Chinese nationals cross the bridge``, ``traders have been allowed
  to cross the bridge on foot``, ``began letting citizens stranded in China come home``: the
  border closure eased;
- ``trade across the river partly resumed``, ``the crossing was partially reopened``: the
  same, said of the crossing;
- ``farmers were allowed back into the fields``, ``let the fishing boats go back to the
  estuary``: a restriction of movement eased, aimed at those let back;
- ``the curfew was pushed back from 9 p.m. to 11 p.m.``: the curfew eased;
- ``foot patrols have been cut from every two hours to every four``: reinforced patrols
  scaled back;
- ``boxes now wait three days instead of ten``, ``half the period imposed last year``: a
  quarantine or wait shortened, eased.

A border closure told only in a clause of time (``…, the first since the border was closed
in 2020``) is the background of the news: it keeps no places or targets of its sentence.
Refusals (``were not allowed back``), possibilities (``could be let back``) and conditions
(``before they are allowed``) are no easing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import MEASURE, STATUS

from . import kinds
from .date_windows import NUMBERS
from .frame_lexicon import custom
from .policy_cues import MeasureCue
from .policy_tense import EASE

if TYPE_CHECKING:
    from .context import ArticleContext
    from .model import Policy

_LET = (
    r"let|lets|letting|allow|allows|allowed|allowing|permit|permits|permitted|permitting|"
    r"admit|admits|admitted|admitting"
)
_LET_WORDS = _LET.replace("|", " ")
# Not a refusal ("not allowed", "have not been let", "refused to let"), a condition ("before
# they are allowed") nor a possibility ("may let", "would be let").
_NOT_REFUSED = (
    r"(?<!\bnot\s)(?<!\bno\slonger\s)(?<!\bnever\s)(?<!\bto\s)(?<!\bnot\sbeen\s)"
    r"(?<!\bnot\sbe\s)(?<!\bnever\sbeen\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bmay\s)"
    r"(?<!\bmight\s)(?<!\bcould\s)(?<!\bwill\sbe\s)(?<!\bwould\sbe\s)(?<!\bto\sbe\s)"
    r"(?<!\bthey\sare\s)(?<!\bthey\swere\s)(?<!\bcould\sbe\s)(?<!\bmay\sbe\s)"
    r"(?<!\bmight\sbe\s)(?<!\bcan\sbe\s)(?<!\bbefore\s)(?<!\bwithout\s)"
)
# Foreigners let back in are let across the border (a BorderClosure eased).
_NOT_FOREIGN = (
    r"(?!(?:[\w'’,–-]+\s+){0,6}?(?:chinese|russian|foreign|foreigners|traders|tourists|"
    r"visitors|investors|businesspeople|technicians)\b)"
)
# Who is let through: not smugglers or boats let across by guards on the take, nor one
# person ("let him cross").
_NOT_SMUGGLED = r"(?!(?:[\w'’,–-]+\s+){0,3}?(?:smuggl\w*|boats?|him|her)\b)"
# Crossing the border itself: over a bridge or crossing, home from abroad, across.
_CROSS = (
    r"(?:cross(?:\s+(?:back|over))?|walk\s+across|drive\s+across|come\s+home|"
    r"come\s+back\s+home)\b"
)

EASING_FRAMES: list[MeasureCue] = [
    # "North Korea let four Chinese nationals cross the bridge", "began letting citizens
    # stranded in China come home", "have been allowed to cross the bridge on foot"
    custom(
        MEASURE.BorderClosure,
        _NOT_REFUSED
        + rf"(?P<v>{_LET})\s+"
        + _NOT_SMUGGLED
        + r"(?:(?!not\b|no\b)[\w'’,–-]+\s+){0,10}?(?:to\s+)?"
        rf"(?:again\s+)?{_CROSS}",
        _LET_WORDS,
        EASE,
        also_when="cross walk drive home",
    ),
    # "fuel lorries have been let across the bridge", "allowed a convoy of pumps across the
    # bridge", "has let cargo trains through from Dandong"
    custom(
        MEASURE.BorderClosure,
        _NOT_REFUSED
        + rf"(?P<v>{_LET})\s+"
        + _NOT_SMUGGLED
        + r"(?:(?!not\b|no\b|to\b)[\w'’,–-]+\s+){0,8}?"
        r"(?:across|through)\s+(?:(?:from\s+\w+\b)|(?:the\s+|its\s+)?(?:[\w'’–-]+\s+){0,3}?"
        r"(?:bridges?|crossings?|borders?)\b)",
        _LET_WORDS,
        EASE,
        also_when="across through",
    ),
    # "since trade across the river partly resumed", "the crossing was partially reopened"
    custom(
        MEASURE.BorderClosure,
        r"\b(?:trade|borders?|crossings?|bridges?|traffic|freight)\s+(?:[\w'’–-]+\s+){0,4}?"
        r"(?:(?:has|have|had|was|were)\s+(?:been\s+)?)?(?:partly|partially)\s+(?P<v>resumed|"
        r"reopened)\b|\b(?:a\s+)?partial\s+(?P<x>reopening|resumption)\s+of\s+(?:the\s+|its\s+|a\s+)?"
        r"(?:[\w'’–-]+\s+){0,2}?(?:trade|borders?|crossings?|bridges?|traffic|freight)\b",
        "partly partially partial",
        EASE,
        also_when="resumed reopened reopening resumption reopen resume resumes reopens",
    ),
    # "tour groups were allowed back into the zone", "agreed to let back businesspeople":
    # foreigners let in again
    custom(
        MEASURE.BorderClosure,
        r"\b(?:chinese|russian|foreign|tour(?:ist)?\s+groups?|tourists|investors|businesspeople|"
        r"technicians|visitors|traders)\s+(?:[\w'’,–-]+\s+){0,6}?(?:were|was|been|are|is)\s+"
        r"(?:\w+ly\s+|again\s+|now\s+)?(?P<w>allowed|permitted|let)\s+back\b"
        + r"|"
        + _NOT_REFUSED
        + rf"(?P<v>{_LET})\s+back\s+(?:[\w'’-]+\s+){{0,3}}?(?:businesspeople|traders|tourists|"
        r"investors|visitors|technicians|tour\s+groups)\b"
        # "let its trading staff back into China": into another country
        + r"|"
        + _NOT_REFUSED
        + rf"(?P<x>{_LET})\s+(?:[\w'’-]+\s+){{0,4}}?back\s+(?:in|into)\s+(?:china|north\s+korea|"
        r"russia|the\s+country)\b",
        _LET_WORDS,
        EASE,
        also_when="back",
    ),
    # "farmers were allowed back into the fields", "let the boats go back to the estuary",
    # "residents have again been allowed down to the water"
    custom(
        MEASURE.MovementRestriction,
        r"(?<!,\s)"
        + _NOT_REFUSED
        + rf"(?P<v>{_LET})\s+"
        + _NOT_FOREIGN
        + r"(?:(?!not\b|no\b)[\w'’,–-]+\s+){0,6}?"
        r"(?:(?:go|come)\s+)?(?:back|again\s+(?:down|out|into|onto))\s+(?:into|onto|on|to|"
        r"down\s+to|out\s+to|in\s+(?:the|their|its)\s+(?!country\b))\b",
        _LET_WORDS,
        EASE,
        also_when="back again",
    ),
    # "the curfew was pushed back from 9 p.m. to 11 p.m.", "the curfew now begins at 10 p.m."
    custom(
        MEASURE.MovementRestriction,
        r"curfews?\b[^.;]{0,90}?\b(?P<v>pushed\s+back|put\s+back|moved\s+back|pushed\s+later|"
        r"moved\s+later|relaxed|now\s+begins?|now\s+starts?)\b",
        "curfew curfews",
        EASE,
        also_when="pushed put moved relaxed now",
    ),
    # "foot patrols have been cut from every two hours to every four", "cut their night
    # patrols from four a night to two"
    custom(
        MEASURE.PatrolReinforcement,
        r"patrols?\s+(?:[\w'’–-]+\s+){0,8}?(?:(?:has|have|had)\s+been|were|was)\s+(?:\w+ly\s+)?"
        r"(?P<w>cut|reduced|halved|cut\s+back|scaled\s+back)\b"
        r"|(?P<v>cut|reduced|halved)\s+(?:their|its|the)\s+(?:[\w-]+\s+){0,3}?patrols?\b"
        r"[^.;]{0,60}?\bfrom\b",
        "patrol patrols",
        EASE,
        also_when="cut reduced halved scaled",
    ),
]

_CLOSURE = str(MEASURE.BorderClosure)
_CHANGES = {str(STATUS.Eased), str(STATUS.Lifted)}
# A closure told as the background of the news: "…, the first since the border was closed".
_BACKGROUND_CLAUSE = re.compile(
    r"\b(?:since|after|when|before)\s+(?:[\w'’–-]+\s+){0,5}?$|^(?:since|after|when|before)\b",
    re.IGNORECASE,
)


def background_closures(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """A border closure told only in a clause of time (``since the border was closed in
    2020``) beside the closure's easing or lifting in the same sentence is the background of
    the news: the places the sentence names are the easing's, not the old closure's."""
    for policy in policies:
        if (
            policy.measure_type != _CLOSURE
            or policy.status in _CHANGES
            or not (policy.places or policy.targets)
        ):
            continue
        if all(_background(ctx, e.begin, e.end) for e in policy.evidence):
            policy.places = []
            policy.targets = []
            policy.location_precision = None
            policy.place_inferred = False
    return policies


_QUARANTINE, _MOVEMENT = str(MEASURE.QuarantineRule), str(MEASURE.MovementRestriction)
_STANDING = {str(STATUS.InForce), str(STATUS.CarriedOut)}
# Counts in words ("three days instead of ten"); "the" stands for one ("instead of the month").
_NUMBERS = {**NUMBERS, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "the": 1}
_DAYS = {"hour": 1 / 24, "day": 1, "fortnight": 14, "week": 7, "month": 30}
_NUMBER = r"(?:\d+|" + "|".join(w for w in _NUMBERS if w != "the") + ")"
_UNIT = r"(?:hours?|days?|weeks?|fortnight|months?)"
# "boxes now wait three days instead of ten", "15 days instead of the month required at
# first", "seven days, down from the 20 days required until December"
_SHORTER = re.compile(
    rf"\b(?P<n1>{_NUMBER})[\s-]+(?P<u1>{_UNIT})\b[^.;]{{0,60}}?\b(?:instead\s+of|rather\s+than|"
    rf"down\s+from)\s+(?:the\s+|a\s+)?(?:(?P<n2>{_NUMBER})[\s-]*)?(?P<u2>{_UNIT})?\b",
    re.IGNORECASE,
)
# "15 days at anchor, half the period imposed last year"
_HALVED = re.compile(r"\bhalf\s+(?:the|of\s+the)\s+(?:period|time|length)\b", re.IGNORECASE)


def shortened_holds(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """A quarantine or wait told as shorter than before (``boxes now wait three days instead
    of ten``, ``half the period imposed last year``) is the measure eased."""
    for policy in policies:
        if policy.measure_type not in (_QUARANTINE, _MOVEMENT) or policy.status not in _STANDING:
            continue
        s = ctx.sentences[policy.sentence]
        text = ctx.folded[s.begin : s.end]
        if _HALVED.search(text) or any(_shorter(m) for m in _SHORTER.finditer(text)):
            policy.status = str(STATUS.Eased)
    return policies


def _days(number: str | None, unit: str | None, default: float) -> float | None:
    """A duration in days (``unit`` None: the unit of the first duration, ``default``)."""
    if number is None and unit is None:
        return None
    n = float(number) if number and number.isdigit() else _NUMBERS.get((number or "the").lower())
    if n is None:
        return None
    return n * (_DAYS[unit.lower().rstrip("s")] if unit else default)


def _shorter(m: re.Match[str]) -> bool:
    """Whether the first duration of an ``instead of`` comparison is the shorter."""
    unit = _DAYS[m.group("u1").lower().rstrip("s")]
    first = _days(m.group("n1"), m.group("u1"), unit)
    second = _days(m.group("n2"), m.group("u2"), unit)
    return first is not None and second is not None and first < second


_LET_START = re.compile(rf"(?:{_LET})\b", re.IGNORECASE)
_KEPT_OUT = {_MOVEMENT, str(MEASURE.BufferZone)}


def let_back_targets(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """People let back (``Villagers, who had been kept off the fields since April, were
    allowed back on Wednesday``) are those the eased restriction still governs: the group
    named as the subject before the verb, when no other target was found."""
    for policy in policies:
        if (
            policy.measure_type not in _KEPT_OUT
            or policy.status != str(STATUS.Eased)
            or policy.targets
            or not _LET_START.match(ctx.folded, policy.evidence[0].begin)
        ):
            continue
        start = ctx.sentences[policy.sentence].begin
        before = [
            m
            for m in ctx.by_sentence.get(policy.sentence, [])
            if start <= m.span.begin < policy.evidence[0].begin
            and kinds.is_collective(ctx.entities[m.entity])
            and not kinds.is_enforcer(ctx.entities[m.entity])
        ]
        if before:
            policy.targets = [min(before, key=lambda m: m.span.begin).entity]
    return policies


def _background(ctx: ArticleContext, begin: int, end: int) -> bool:
    """Whether the evidence ``begin``–``end`` is told in a clause of time."""
    before = ctx.folded[max(0, begin - 60) : begin]
    return bool(
        _BACKGROUND_CLAUSE.search(before) or _BACKGROUND_CLAUSE.match(ctx.folded[begin:end])
    )


__all__ = ["EASING_FRAMES", "background_closures", "let_back_targets", "shortened_holds"]

"""Iterative aspect: a measure told as done again and again is a standing practice.

The annotation guide gives a standing rule being applied as ``InForce`` and a done or
ongoing one-off action as ``CarriedOut``. A frequency adverbial (``every night``, ``each
week``, ``twice a month``, ``nightly``) turns a deed into a routine: "guards have been
searching the riverside houses every night since the harvest" is a practice in force, not
one sweep under way; so are "patrols have walked the bank every night" and "officers now
call on each family every week". The tuning gold reads a measure with such an adverbial
InForce 117 times of 153 (the rest are told as announced, rumoured or eased by another
verb); a deed in the simple past stays a deed ("visited those households every day of the
holiday"). The rule reads practices only (checks, searches, visits, questioning; a sweep
told as repeated is one): installations stay done, the adverbial there telling how the
thing built is used ("cameras that film the bank every night"), and so do one-off deeds
done in batches ("have been putting their workers on coaches home every week").
"""

from __future__ import annotations

import re

from .model import Span

_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_PERIOD = (
    rf"(?:night|day|morning|evening|afternoon|week|fortnight|month|shift|market\s+day|{_DAYS})"
)
# "every night", "each Monday", "twice a week", "nightly"; not a noun the period
# qualifies ("on each night post", "every day of the holiday" — a bounded stretch).
_ITERATIVE = re.compile(
    rf"\b(?:(?:every|each)\s+(?:other\s+|single\s+)?{_PERIOD}(?!\s+(?:posts?|shifts?|"
    r"patrols?|watch(?:es)?|duty|of)\b)|nightly|night\s+after\s+night|day\s+after\s+day|"
    rf"(?:once|twice|three\s+times|several\s+times|\w+\s+times)\s+(?:a|an|per|each|every)\s+"
    rf"{_PERIOD})\b",
    re.IGNORECASE,
)
_ADV = r"(?:(?:now|also|still|all|each|since|always|long|first|\w+ly)\s+)*"
#: "have had to", "has since had to", "'ve also had to", ending where the governed verb begins
#: (a passive "has had to be emptied" included): a requirement that has held until now.
HAD_TO = rf"\b(?:has|have|'ve)\s+{_ADV}had\s+to\s+{_ADV}(?:be\s+{_ADV})?"
_HAD_TO_TAIL = re.compile(HAD_TO + r"$", re.IGNORECASE)


def obliged_since(before: str) -> bool:
    """Whether the verb after ``before`` (its clause up to the verb) is governed by a
    present-perfect ``have had to``: an obligation in force, whatever the verb (the tuning
    gold reads all 56 such measures as in force)."""
    return _HAD_TO_TAIL.search(before[-80:]) is not None


# The clause of the verb: from the last clause break before it to the next one after it.
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[–—-]\s")


def one_clause(text: str, a: Span, b: Span) -> bool:
    """Whether no clause break (a comma, semicolon, colon or dash) stands between two spans."""
    lo, hi = (a.end, b.begin) if a.end <= b.begin else (b.end, a.begin)
    return _CLAUSE_BREAK.search(text, lo, hi) is None if lo < hi else True


def repeated(before: str, after: str) -> bool:
    """Whether the clause around a measure verb (``before`` it and ``after`` it, both in
    its sentence) tells the act as repeated by a frequency adverbial."""
    breaks = list(_CLAUSE_BREAK.finditer(before))
    head = before[breaks[-1].end() :] if breaks else before
    stop = _CLAUSE_BREAK.search(after)
    tail = after[: stop.start()] if stop else after
    return bool(_ITERATIVE.search(head[-120:]) or _ITERATIVE.search(tail))

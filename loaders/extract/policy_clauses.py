"""Which clause a status word belongs to, for measure cues that have no verb of their own.

A measure named without a verb (``signal-tracking equipment``, ``patrols``) takes the status
of a word near it — but only of a word in its own clause:

- a coordinated clause with its own subject (``…, and at least three brokers were
  detained``) or a subordinate clause (``scaled back now that the cameras are running``)
  tells of something else, while a second ``that``-clause (``warned that …, and that …``)
  still hangs on the verb of the first and a second verb shares the subject (``have
  checked …, and have confiscated``);
- a relative clause set off by commas (``patrols, which were doubled during the pandemic,
  have been scaled back``) sits between a subject and its verb without counting towards
  the distance between them.

A time expression dates only the predicate of its own clause: a second verb phrase joined by
``and`` (``installed cameras …, and is set to add sensors before the end of the year``) has
its own time, though it shares the subject (``other_predicate``); so has a relative clause
before the measure's verb (``teenagers who were caught last month are being held``;
``relative_apart``) and, for event reports, the finite verb after a participle cue (``North
Koreans held in Tumen were handed back on 9 October``: the date is the handover's;
``participle_apart``), and so has a clause opened by ``before``, ``after`` or ``until`` after
an event's cue (``held in detention centres before being handed over on 9 October``: the
date is the handover's; ``subordinate_apart``).
"""

from __future__ import annotations

import re

from .model import Span

# Words that open another clause between a measure cue and a status word.
_BREAK = re.compile(
    r"(?:[,;]\s*(?:and|but|while|whereas|although|though|yet)\b(?!\s+(?:that|to|have|has|had|"
    r"was|were|is|are|will|would|then|also|later|[a-z]+ed)\b)|;|\b(?:now\s+that|because|"
    r"so\s+that|even\s+though|although|whereas)\b)",
    re.IGNORECASE,
)
# ", which were doubled during the pandemic, ": a relative clause between two commas.
_PARENTHETICAL = re.compile(r",\s*(?:which|who|that)\b[^,;.]{0,90},\s*", re.IGNORECASE)


# Where a ``_BREAK`` match can begin: a comma or semicolon, or a word starting with the
# first letter of one of its words (matched with the same flags, so the same letters).
_BREAK_START = re.compile(r"[,;]|\b[nbseaw]", re.IGNORECASE)


def _first_break(text: str, lo: int, hi: int) -> int | None:
    """Where the first ``_BREAK`` match that begins in ``text[lo:hi]`` begins, if any.

    The same as ``_BREAK.search(text, lo)`` when that match begins before ``hi``, without
    scanning the rest of the article when none does: only the positions ``_BREAK_START``
    finds are tried, each against the whole text (the look-ahead reads the next word).
    """
    match = _BREAK.match
    for start in _BREAK_START.finditer(text, lo, hi):
        at = start.start()
        if match(text, at) is not None:
            return at
    return None


def same_clause(text: str, a: Span, b: Span) -> bool:
    """Whether nothing between two spans opens another clause."""
    lo, hi = (a.end, b.begin) if a.end <= b.begin else (b.end, a.begin)
    if lo >= hi:
        return True
    return _first_break(text, lo, hi) is None


def clause_distance(text: str, a: Span, b: Span) -> int:
    """Characters between two spans, not counting a relative clause set off by commas."""
    if a.overlaps(b):
        return 0
    lo, hi = (a.end, b.begin) if a.end <= b.begin else (b.end, a.begin)
    gap = hi - lo
    for m in _PARENTHETICAL.finditer(text, lo, hi):
        gap -= m.end() - m.start()
    return max(gap, 0)


def clause_window(text: str, begin: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The stretch of ``text[lo:hi]`` around ``begin:end`` that no clause break cuts off."""
    start = lo
    for m in _BREAK.finditer(text, lo):
        if m.start() >= begin:
            break
        start = m.end()
    stop = _first_break(text, end, hi) if end < hi else None
    return start, hi if stop is None else stop


# "…, and is set to add …", "… and are preparing to …": a coordinated verb phrase that turns
# from what was done to what is under way or to come. Past ones ("raided the building on 24
# July, seized …, and detained …", "were caught in 2019 and were sent back") tell one
# occasion and share its time.
_PREDICATE = re.compile(
    r"(?:,\s*|\s)(?:and|but)\s+(?:(?:also|now|soon)\s+)?"
    r"(?:is|are|will|would|plans?|intends?|expects?|hopes?|wants?|aims?)\b",
    re.IGNORECASE,
)
# A time that opens its sentence ("In March, …", "Last week the ministry …") dates all of it.
_FRONTED = re.compile(r"\W*(?:(?:and|but|then|so|also)\s+)?\W*$", re.IGNORECASE)


def other_predicate(text: str, time: Span, anchor: Span, sentence: Span) -> bool:
    """Whether a coordinated verb phrase (``, and is set to …``, ``and will …``) stands
    between a time expression and a measure, so that the time dates that other predicate;
    a time opening the sentence dates every predicate of it."""
    if time.overlaps(anchor):
        return False
    if time.end <= anchor.begin:
        if _FRONTED.match(text, sentence.begin, time.begin):
            return False
        lo, hi = time.end, anchor.begin
    else:
        lo, hi = anchor.end, time.begin
    # The auxiliary may begin the anchor itself ("and [is set to add sensors]").
    stop = min(hi + 12, sentence.end)
    return any(m.start() < hi for m in _PREDICATE.finditer(text, lo, stop))


# A relative clause opener, and the finite verb that ends a relative clause before it.
_RELATIVE = re.compile(r"\b(?:who|whom|which|whose)\b", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:are|is|was|were|have|has|had|will|would)\b", re.IGNORECASE)
#: A finite passive or perfect verb group ("were handed back", "has been sent").
VERB_GROUP = re.compile(
    r"\b(?:are|is|was|were|have|has|had)\s+(?:been\s+|being\s+)?(?:\w+ly\s+)?"
    r"(?:[a-z]+(?:ed|en|wn)|held|caught|sent|kept|brought|taken|made|put|set|built)\b",
    re.IGNORECASE,
)
# A cue that is itself a participle or a verb ("held in", "detained", "being questioned").
_VERB_CUE = re.compile(
    r"(?:being\s+)?(?:[a-z]+(?:ed|en|wn)|held|caught|sent|kept|brought|taken)\b", re.IGNORECASE
)
_RELATIVE_REACH = 90


def relative_apart(text: str, time: Span, anchor: Span, sentence: Span) -> bool:
    """Whether a time expression before a measure lies in a relative clause that the
    measure's finite verb closes (``teenagers who were caught last month are being held``,
    ``tour groups, which until January crossed …, have been barred``): it dates that clause."""
    if time.overlaps(anchor) or time.begin >= anchor.end:
        return False
    lead = text[max(sentence.begin, time.begin - _RELATIVE_REACH) : time.begin]
    openers = list(_RELATIVE.finditer(lead))
    if not openers or "," in lead[openers[-1].end() :]:
        return False
    return bool(_FINITE.search(text, time.end, anchor.begin))


def participle_apart(text: str, time: Span, anchor: Span) -> bool:
    """Whether a participle cue is followed by another finite verb before a time expression,
    which then dates that verb (``North Koreans held in Tumen were handed back on 9
    October``: the handover, not the holding). For event reports: the gold of measures dates
    a measure by such times (``turned away every lorry since the resolution was adopted in
    2016``)."""
    if time.begin < anchor.end or not _VERB_CUE.match(text, anchor.begin):
        return False
    return VERB_GROUP.search(text, anchor.end, time.begin) is not None


# A clause of its own after a cue: "before being handed over", "after having crossed",
# "until they were sent back", "after they crossed" (not "until spring", "before the end of
# October", "after a raid").
_SUBORDINATE = re.compile(
    r"\b(?:before|after|until|till|prior\s+to)\s+(?:"
    r"(?:(?:being|having(?:\s+been)?|getting)\s+)?(?:\w+ly\s+)?"
    r"(?!(?:morning|evening|spring|nothing|everything|something|during)\b)"
    r"(?:[a-z]+(?:ed|en|wn|ing)|held|caught|sent|kept|brought|taken|put|set)\b"
    r"|(?:they|he|she|it|we|the\s+[\w-]+|[\w-]+s)\s+"
    r"(?:were|was|had|are|is|have|has|[a-z]+ed)\b)",
    re.IGNORECASE,
)


def subordinate_apart(text: str, time: Span, anchor: Span) -> bool:
    """Whether a clause opened by ``before``, ``after`` or ``until`` stands between an event's
    cue and a time expression after it, which then dates that clause (``held in detention
    centres before being handed over on 9 October``: the handover, not the holding). For
    event reports only, like ``participle_apart``."""
    if time.begin < anchor.end:
        return False
    return _SUBORDINATE.search(text, anchor.end, time.begin) is not None


def coordinated_clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The stretches of ``text[lo:hi]`` between clause breaks (``, and`` with a subject of
    its own, ``;``, ``because`` …), in order: where a sentence tells one thing after another."""
    out: list[tuple[int, int]] = []
    start = lo
    while (at := _first_break(text, start, hi)) is not None:
        out.append((start, at))
        start = _BREAK.match(text, at).end()  # type: ignore[union-attr]
    out.append((start, hi))
    return out

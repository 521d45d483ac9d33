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

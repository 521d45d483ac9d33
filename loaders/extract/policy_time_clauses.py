"""Times of a measure's sentence that belong to another clause than the measure's:

- a relative clause about the people the measure is aimed at (``two men who had crossed the
  river in April were handed back last month``; ``the woman, who was arrested on 2 May,
  was tried on 20 May``) dates their own act, not the measure told after it;
- a time of another coordinated clause (``the fence was finished in 2021, and cameras were
  added last year``) gives way to the time of the measure's own clause;
- the turn of the year (``since the new year`` → this January; ``in the new year``,
  ``from the new year`` → the coming year; ``before the new year`` → this year; ``on New
  Year's Day``, ``New Year's Eve``) dates the measure its own clause leaves undated;
- a trailing phrase that measures the distance to an earlier time (``reopened on 1 April,
  more than six years after the border closed in January 2020``; ``on 3 March, the first
  time since 2020``) dates nothing of the measure told before it.

In both the measure takes the time of its own clause, where the sentence gives one.
"""

from __future__ import annotations

import datetime as dt
import re

from borderkg.ontology.namespaces import TIMEPREC

from .context import ArticleContext
from .date_windows import month_window
from .model import Span, TimeInfo

_UNKNOWN = str(TIMEPREC.Unknown)
# A relative clause opening before a time, the clause not closed by a comma in between:
# "who had crossed the river in April", "which the county imposed in 2020".
_RELATIVE = re.compile(r"\b(?:who|whom|which)\b[^,;:]*$", re.IGNORECASE)
# What closes a relative clause before the main verb's time: a comma or an auxiliary
# ("who had crossed in April were handed back in May").
_CLOSED = re.compile(r",|\b(?:was|were|is|are|has|have|had)\b", re.IGNORECASE)
# Where one coordinated clause ends and the next begins.
_CONJUNCT = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+", re.IGNORECASE)
# A trailing phrase measuring the distance to an earlier time.
_DISTANCE = re.compile(
    r",\s+(?:(?:more\s+than|nearly|almost|some|about|over|just)\s+)?"
    r"(?:the\s+first\b|for\s+the\s+first\s+time\b|(?:a|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d+|several|many)\s+(?:and\s+a\s+half\s+)?(?:days?|weeks?|months?|years?)"
    r"\s+(?:after|since)\b)",
    re.IGNORECASE,
)


def in_distance_phrase(ctx: ArticleContext, sent: int, time: TimeInfo) -> bool:
    """Whether a time stands in a trailing phrase of distance (``…, more than three years
    after the border was sealed in January 2020``)."""
    begin = ctx.sentences[sent].begin
    return bool(_DISTANCE.search(ctx.folded, begin, time.span.begin))


def own_clause_time(
    ctx: ArticleContext, sent: int, time: TimeInfo, anchor: Span
) -> TimeInfo | None:
    """The time of the measure's own clause when ``time`` stands in a relative clause or a
    trailing phrase of distance (see the module docstring); None when it does not, or when
    the sentence gives no other time or the measure (``anchor``) is told in that clause."""
    sentence = ctx.sentences[sent]
    others = [
        t
        for t in ctx.times_in(sent)
        if t is not time and t.earliest is not None and t.precision != _UNKNOWN
    ]
    head = ctx.folded[sentence.begin : time.span.begin]
    relative = _RELATIVE.search(head)
    if relative and not sentence.begin + relative.start() <= anchor.begin < time.span.end:
        after = [
            t
            for t in others
            if t.span.begin > time.span.end
            and _CLOSED.search(ctx.folded, time.span.end, t.span.begin)
        ]
        if after:
            return after[0]
        if anchor.end <= sentence.begin + relative.start():
            before = [t for t in others if t.span.end <= anchor.begin or anchor.end <= t.span.begin]
            before = [t for t in before if t.span.end <= sentence.begin + relative.start()]
            if before:
                return before[-1]
    own = _own_conjunct(ctx, sent, time, anchor, others)
    if own is not None:
        return own
    distance = list(_DISTANCE.finditer(head))
    if distance:
        cut = sentence.begin + distance[-1].start()
        before = [t for t in others if t.span.end <= cut]
        if before and anchor.end <= cut:
            return before[-1]
    return None


_NEW_YEAR = re.compile(
    r"\b(?P<prep>since|in|from|after|before|at|on|over)\s+(?:the\s+)?"
    r"(?P<what>new\s+year(?:[’']s\s+(?P<day>day|eve))?)(?!\s+holiday)\b",
    re.IGNORECASE,
)


def _own_conjunct(
    ctx: ArticleContext, sent: int, time: TimeInfo, anchor: Span, others: list[TimeInfo]
) -> TimeInfo | None:
    """The time of the measure's own coordinated clause when ``time`` is another's."""
    sentence = ctx.sentences[sent]
    cuts = [
        sentence.begin + m.start()
        for m in _CONJUNCT.finditer(ctx.folded[sentence.begin : sentence.end])
    ]

    def part(pos: int) -> int:
        return sum(1 for c in cuts if c < pos)

    if part(time.span.begin) == part(anchor.begin):
        return None
    own = [t for t in others if part(t.span.begin) == part(anchor.begin)]
    return min(own, key=lambda t: abs(t.span.begin - anchor.begin)) if own else None


def new_year_time(ctx: ArticleContext, sent: int) -> TimeInfo | None:
    """The time of the turn of the year the sentence names (see the module docstring),
    resolved against the publication date."""
    pub = ctx.published
    sentence = ctx.sentences[sent]
    m = _NEW_YEAR.search(ctx.folded, sentence.begin, sentence.end)
    if pub is None or m is None:
        return None
    prep, day = m.group("prep").lower(), (m.group("day") or "").lower()
    ahead = prep in ("in", "from", "after") and pub.month >= 7
    year = pub.year + 1 if ahead else pub.year
    if day == "eve":
        window = (dt.date(year - 1, 12, 31), dt.date(year - 1, 12, 31))
        precision = TIMEPREC.Day
    elif day == "day":
        window = (dt.date(year, 1, 1), dt.date(year, 1, 1))
        precision = TIMEPREC.Day
    elif prep in ("since", "at", "on", "over"):
        window, precision = month_window(year, 1), TIMEPREC.Month
    else:
        window, precision = (dt.date(year, 1, 1), dt.date(year, 12, 31)), TIMEPREC.Year
    return TimeInfo(
        span=Span(m.start(), m.end()),
        expression=ctx.original[m.start() : m.end()],
        earliest=window[0],
        latest=window[1],
        precision=str(precision),
        relation="since"
        if prep in ("since", "from", "after")
        else "by"
        if prep == "before"
        else "at",
    )

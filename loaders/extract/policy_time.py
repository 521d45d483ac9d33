"""The time of a found measure, refined once what was found is settled:

- a lifted or eased measure is dated by the time of its lifting, not of its imposition
  (``a ban imposed in February was lifted in June`` → June; ``the curfew, in force since
  2020, was relaxed last month`` → last month);
- a rule told at a meeting is dated by the date it takes effect, told in the same clause
  (``residents were told last week that from 1 January …`` → 1 January);
- a span of days (``from 10 to 20 December``) is dated by its first day;
- a month or season without a year that a rule takes effect from, a rumour or plan is due
  by, or a modal clause looks ahead to (``from August nobody may …``, ``trains could resume
  in the spring``) is the next one, not the last;
- a time that only dates a source's telling (``…, a source told Daily NK on Tuesday``)
  dates the measure no finer than its month;
- a measure its clause leaves undated goes on from the time told just before ``since
  then``, or takes the turn of the year its sentence names (``since the new year``);
- times of another clause than the measure's give way to its own (``policy_time_clauses``).

Applied after statuses, merges and roles are settled, so it never changes which measures
are found: only the ``time`` of each policy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from borderkg.ontology.namespaces import STATUS, TIMEPREC

from .context import ArticleContext, distance
from .date_windows import month_window
from .model import Policy, Span, TimeInfo
from .policy_time_clauses import in_distance_phrase, new_year_time, own_clause_time

_UNKNOWN, _DAY = str(TIMEPREC.Unknown), str(TIMEPREC.Day)
_CHANGES = {str(STATUS.Lifted), str(STATUS.Eased)}
_PLANS = {str(STATUS.Planned), str(STATUS.Rumoured)}
_AHEAD = {*_PLANS, str(STATUS.Announced)}

# The verbs that lift or ease a measure ("was lifted", "has been relaxed", "reopened",
# "was allowed again").
_CHANGE_VERB = re.compile(
    r"\b(?:lift(?:ed|s)?|eased?|eases|relax(?:ed|es)?|loosen(?:ed|s)?|scrap(?:ped|s)?|"
    r"drop(?:ped|s)?|remov(?:ed|es)|reopen(?:ed|s)?|resum(?:ed|es)|narrow(?:ed|s)|"
    r"shorten(?:ed|s)|cut|reduced|abolish(?:ed|es)|taken\s+down|(?:allowed|permitted)\s+again)\b",
    re.IGNORECASE,
)
# What may stand between a change verb and its time: "was lifted only in December",
# "resumed on a limited basis in January", "was narrowed to 500 metres in September".
_AFTER_GAP = re.compile(
    r"^(?:\s+(?!(?:that|which|who|when|and|but|because|after|before|so|while)\b)[\w’'-]+){0,5}\s*$",
    re.IGNORECASE,
)
# A time before the change verb opens its clause: "; in September the rule was relaxed".
_CLAUSE_START = re.compile(r"(?:^|[,;:]|\b(?:and|but|then))\s*$", re.IGNORECASE)
_BEFORE_GAP = re.compile(
    r"^[,]?(?:\s+(?!(?:that|which|who|when|since|after|before)\b)[\w’'-]+){0,4}\s*$",
    re.IGNORECASE,
)
# A telling before the clause it tells: "told at a meeting last week that …".
_THAT = re.compile(r"^\s*,?\s*that\b", re.IGNORECASE)
# A telling after its time: "At meetings in mid-November, residents were told that …".
_TOLD_THAT = re.compile(
    r"[^.;:\d]{0,80}?\b(?:told|ordered|informed|warned|instructed|notified)\b[^.;:\d]{0,40}?"
    r"\bthat\b",
    re.IGNORECASE,
)
# The first day of a span of days: "from 10 to 20 December".
_DAY_SPAN = re.compile(r"\b(?:from|between)\s+(\d{1,2})(?:st|nd|rd|th)?\s+(?:to|and|until|-|–)\s*$")
# A clause that goes on from the time told before it.
_SINCE_THEN = re.compile(r"\b(?:since\s+then|ever\s+since)\b", re.IGNORECASE)
# A time that only dates a source's telling: "…, a source told Daily NK on Tuesday".
_TOLD = re.compile(
    r",[^,;]{0,40}\b(?:said|says|told\s+daily\s+nk|told\s+reporters|reported|added)\s+$",
    re.IGNORECASE,
)
# An expression a year can be put to: a month or season named without a year or a
# relative word ("from August", "in the spring", "by 1 October").
_MONTH_OR_SEASON = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(?:spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)
_ANCHORED = re.compile(r"\d{4}|\b(?:last|next|this|ago|past|same|year|that)\b", re.IGNORECASE)
_FORWARD_PREP = re.compile(r"^(?:from|starting|beginning|by|before|until|till)\b", re.IGNORECASE)
# A past clause a "from" date starts a period of ("boats were kept in harbour from …").
_PAST = re.compile(r"\b(?:has|have|had|was|were)\b(?!\s+(?:told|ordered|informed|warned))", re.I)
_SINCE = re.compile(r"(?:since|after|during|throughout)\b", re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:may|might|could|would|will|must|shall|can|cannot|is\s+to|are\s+to|have\s+to|"
    r"has\s+to|(?:is|are)\s+(?:said|rumoured|expected|due|set|likely)\s+to|plans?\s+to|"
    r"planning|preparing)\b",
    re.IGNORECASE,
)


def refine_times(ctx: ArticleContext, policies: Sequence[Policy]) -> None:
    """Refine (in place) the time of each policy by the rules of the module docstring."""
    for policy in policies:
        if not policy.evidence:
            continue
        sent, anchor = policy.sentence, policy.evidence[0]
        if not ctx.sentences[sent].contains(anchor):
            continue
        time = policy.time
        changed = _change_time(ctx, sent, anchor) if policy.status in _CHANGES else None
        time = changed or time
        if time is not None and ctx.sentences[sent].contains(time.span):
            own = None if changed else own_clause_time(ctx, sent, time, anchor)
            time = _effective(ctx, sent, time) or own or time
            time = _first_day(ctx, time)
            if _told_only(ctx, sent, time):
                time = _month_of(time)
        if time is None:
            time = _since_then(ctx, sent) or new_year_time(ctx, sent)
        if time is not None and ctx.published is not None:
            time = _ahead(ctx, sent, policy.status, time, ctx.published)
        policy.time = time


def _definite(time: TimeInfo) -> bool:
    return time.earliest is not None and time.precision != _UNKNOWN


def _change_time(ctx: ArticleContext, sent: int, anchor: Span) -> TimeInfo | None:
    """The time of the change verb nearest the measure: after it (``was lifted in June``),
    else opening its clause before it (``in September the rule was relaxed``)."""
    sentence = ctx.sentences[sent]
    times = [t for t in ctx.times_in(sent) if _definite(t)]
    verbs = sorted(
        _CHANGE_VERB.finditer(ctx.folded, sentence.begin, sentence.end),
        key=lambda m: distance(Span(m.start(), m.end()), anchor),
    )
    for verb in verbs:
        after = [
            t
            for t in times
            if t.span.begin >= verb.end()
            and _AFTER_GAP.match(ctx.folded[verb.end() : t.span.begin])
        ]
        if after:
            return after[0]
        before = [
            t
            for t in times
            if t.span.end <= verb.start()
            and t.relation == "at"
            and _BEFORE_GAP.match(ctx.folded[t.span.end : verb.start()])
            and _CLAUSE_START.search(ctx.folded[sentence.begin : t.span.begin])
        ]
        if before:
            return before[-1]
    return None


def _effective(ctx: ArticleContext, sent: int, time: TimeInfo) -> TimeInfo | None:
    """The date a told rule takes effect from, when ``time`` dates the telling: ``told
    last week that from 1 January …``, ``announced on 28 May that … from 1 July``."""
    if not _THAT.match(ctx.folded[time.span.end : time.span.end + 12]) and not _TOLD_THAT.match(
        ctx.folded, time.span.end, ctx.sentences[sent].end
    ):
        return None
    later = [
        t
        for t in ctx.times_in(sent)
        if t.span.begin > time.span.end
        and _definite(t)
        and t.relation in ("since", "by")
        and _FORWARD_PREP.match(t.expression)
    ]
    return later[0] if later else None


def _first_day(ctx: ArticleContext, time: TimeInfo) -> TimeInfo:
    """The first day of a span of days the time closes: ``from 10 to 20 December``."""
    if time.precision != _DAY or time.earliest is None:
        return time
    m = _DAY_SPAN.search(ctx.folded, max(0, time.span.begin - 20), time.span.begin)
    if m is None or m.end() != time.span.begin:
        return time
    try:
        first = time.earliest.replace(day=int(m.group(1)))
    except ValueError:
        return time
    if first > time.earliest:
        return time
    return dataclasses.replace(
        time,
        span=Span(m.start(), time.span.end),
        expression=ctx.original[m.start() : time.span.end],
        earliest=first,
        latest=first,
        relation="since",
    )


def _since_then(ctx: ArticleContext, sent: int) -> TimeInfo | None:
    """The last time told in the two sentences before one that goes on from it (``Since
    then, police have …``, ``… have kept them indoors ever since``); not ``has since``,
    which tells only that it came later."""
    sentence = ctx.sentences[sent]
    if not _SINCE_THEN.search(ctx.folded, sentence.begin, sentence.end):
        return None
    for index in range(sent - 1, max(-1, sent - 3), -1):
        told = [
            t
            for t in ctx.times_in(index)
            if _definite(t)
            and not _told_only(ctx, index, t)
            and not in_distance_phrase(ctx, index, t)
        ]
        if told:
            return dataclasses.replace(told[-1], relation="since")
    return None


def _month_of(time: TimeInfo) -> TimeInfo | None:
    """The month of a time of telling: a report tells what is new, not on which day."""
    if time.earliest is None or time.latest is None or time.latest.month != time.earliest.month:
        return None
    first, last = month_window(time.earliest.year, time.earliest.month)
    return dataclasses.replace(time, earliest=first, latest=last, precision=str(TIMEPREC.Month))


def _told_only(ctx: ArticleContext, sent: int, time: TimeInfo) -> bool:
    """Whether the time closes the sentence after a source's verb of telling."""
    sentence = ctx.sentences[sent]
    if ctx.folded[time.span.end : sentence.end].strip(" .;\"'’”") != "":
        return False
    before = ctx.folded[max(sentence.begin, time.span.begin - 90) : time.span.begin]
    return bool(_TOLD.search(before))


def _ahead(
    ctx: ArticleContext, sent: int, status: str, time: TimeInfo, published: dt.date
) -> TimeInfo:
    """A yearless month or season put one year on when it fell before publication although
    the clause looks ahead to it (a rule in force from it: ``from August nobody may``; a
    modal clause: ``trains could resume in the spring``) and a year on is nearer."""
    if time.earliest is None or time.latest is None or time.latest >= published:
        return time
    expression = time.expression
    if not _MONTH_OR_SEASON.search(expression) or _ANCHORED.search(expression):
        return time
    if _next_year(time.earliest) - published >= published - time.latest:
        return time  # "said it would close the border from January 22": just past
    sentence = ctx.sentences[sent]
    before = ctx.folded[max(sentence.begin, time.span.begin - 80) : time.span.begin]
    clause_before = re.split(r"[,;:]|\bthat\b", before)[-1]
    if _SINCE.match(expression):
        return time
    if _FORWARD_PREP.match(expression):
        ahead = status in _AHEAD or not _PAST.search(clause_before)
    else:
        ahead = (status in _PLANS or _MODAL.search(clause_before)) and not _PAST.search(
            clause_before
        )
    return (
        dataclasses.replace(
            time, earliest=_next_year(time.earliest), latest=_next_year(time.latest)
        )
        if ahead
        else time
    )


def _next_year(day: dt.date) -> dt.date:
    """The same day a year on (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)

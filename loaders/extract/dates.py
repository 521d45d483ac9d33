"""Time expressions, absolute and relative, resolved against the publication date.

``on March 3``, ``in October 2023``, ``since January 2020``, ``last Thursday``, ``earlier
this month``, ``this autumn``, ``late last year``, ``two weeks ago``, ``recently`` … become a
window ``[earliest, latest]`` whose length gives the precision (Day, Week, Month, Season,
Year). Anything that needs the publication date stays unresolved (``timeprec:Unknown``,
words kept) when the date is not known: a date is never invented.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable

from borderkg.ontology.namespaces import TIMEPREC

from .cues import SentenceWords, TriggerIndex, Triggers, triggers
from .date_windows import (
    NUMBERS,
    Window,
    add_months,
    month_window,
    part_of,
    part_precision,
    season_window,
    season_year,
)
from .model import Span, TimeInfo

#: Month and weekday names as written (the pattern finder stops a name before them).
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_WEEKDAYS = tuple(day.lower() for day in WEEKDAY_NAMES)
_WEEKDAY = r"(?P<wd>" + "|".join(WEEKDAY_NAMES) + ")"
# A year may stand before a comma ("in March 2024, a source said"), not inside a number
# ("2024,500 won").
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d|,\d)"
_PREP = (
    r"(?i:(?P<prep>since|from|(?:until|till)(?: at least)?|by|in|on|during|as of|"
    r"starting(?: in| on| from)?|"
    r"beginning(?: in| on)?|throughout|before|after)\s+)"
)
_PART = (
    r"(?i:(?P<part>early|late|mid|earlier|later|the end of|the beginning of|the start of|"
    r"the middle of|the first half of|the second half of|the first week of|"
    r"the last week of|the (?:second|third|fourth) week of|the (?:first|last) (?:two|2) weeks of|"
    r"the (?:first|last) (?:few )?days of)"
    r"[\s-]+)"
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is set to|are set to|is to|are to|plans? to|planning to|scheduled|"
    r"expected to|due to|going to|intends? to|take effect|takes effect|(?:is|are) preparing to|"
    r"preparing to|may soon|could soon|will soon)\b[^.;]*$",
    re.IGNORECASE,
)
#: A start date given formally ("with effect from July 1", "effective March 3") is as likely
#: ahead of the report as behind it, so a date without a year there is the nearest one.
_EFFECT = re.compile(
    r"\b(?:with effect|effective|in effect|into (?:force|effect))(?:\s+(?:from|on|as of))?\s*$",
    re.IGNORECASE,
)
#: "by September 30": a deadline, as likely ahead of the report as behind it.
_DEADLINE = re.compile(r"by\s", re.IGNORECASE)
# Each handler gets the match, the publication date and the direction of a date without a
# year (True: ahead of publication, False: behind it, None: the nearest) and returns a
# window or None.
Handler = Callable[[re.Match[str], dt.date | None, bool | None], Window | None]


def _nearest_year(month: int, day: int, pub: dt.date) -> int:
    """The year that puts month/day nearest to ``pub`` (ahead of it on a tie)."""

    def distance(year: int) -> tuple[int, int]:
        gap = (year * 12 + month) * 31 + day - ((pub.year * 12 + pub.month) * 31 + pub.day)
        return abs(gap), -gap

    return min((pub.year - 1, pub.year, pub.year + 1), key=distance)


def _full_date(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    month, day = _MONTHS[m.group("month")], int(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
    elif pub is None:
        return None
    elif future is None:
        year = _nearest_year(month, day, pub)
    else:
        year = pub.year
        if not future and (month, day) > (pub.month, pub.day):
            year -= 1
        elif future and (month, day) < (pub.month, pub.day):
            year += 1
    try:
        day_date = dt.date(year, month, day)
    except ValueError:
        return None
    return day_date, day_date


def _month_year(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    month = _MONTHS[m.group("month")]
    year_text = m.groupdict().get("year")
    relative = m.groupdict().get("yrel")
    if year_text:
        year = int(year_text)
    elif pub is None:
        return None
    elif relative:  # "January last year", "in March next year"
        year = pub.year + {"last": -1, "this": 0, "next": 1}[relative.lower()]
    elif future is None:
        year = _nearest_year(month, 15, pub)
    else:
        year = pub.year
        if not future and month > pub.month:
            year -= 1
        elif future and month < pub.month:
            year += 1
    return part_of(month_window(year, month), m.group("part"), "month")


def _year(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    year = int(m.group("year"))
    return part_of((dt.date(year, 1, 1), dt.date(year, 12, 31)), m.group("part"), "year")


def _season_expr(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    name = m.group("season").lower()
    name = "autumn" if name == "fall" else name
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        window = season_window(name, int(m.group("year")))
    elif pub is None:
        return None
    else:
        year = season_year(name, pub)
        current = season_window(name, year)
        if rel in ("last", "this past"):
            window = season_window(name, year - 1)
        elif rel == "next":
            window = season_window(name, year + 1) if current[0] <= pub else current
        elif rel == "this":
            window = current
        elif future:
            window = current if current[1] >= pub else season_window(name, year + 1)
        else:
            window = current if current[0] <= pub else season_window(name, year - 1)
    return part_of(window, m.group("part"), "season")


def _relative(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    if pub is None:
        return None
    rel, unit = m.group("rel").lower(), m.group("unit").lower()
    part = (m.group("part") or "").lower() or None
    if rel in ("the past", "the last"):
        days = {"week": 7, "month": 30, "year": 365}[unit]
        return pub - dt.timedelta(days=days), pub
    step = {"this": 0, "the": 0, "last": -1, "next": 1}[rel]
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
        window = (monday, monday + dt.timedelta(days=6))
    elif unit == "month":
        window = month_window(*add_months(pub.year, pub.month, step))
    else:
        window = (dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31))
    if part == "earlier" and step == 0:
        return window[0], pub
    if part == "later" and step == 0:
        return pub, window[1]
    return part_of(window, part, unit)


def _count(m: re.Match[str]) -> tuple[int, str]:
    """The number (digits or a word) and the singular unit of "two weeks ago" and the like."""
    raw = m.group("n").lower()
    return (int(raw) if raw.isdigit() else NUMBERS[raw]), m.group("unit").lower().rstrip("s")


def _ago(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    if pub is None:
        return None
    n, unit = _count(m)
    if unit == "day":
        day = pub - dt.timedelta(days=n)
        return day, day
    if unit == "week":
        day = pub - dt.timedelta(weeks=n)
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return month_window(*add_months(pub.year, pub.month, -n))
    return dt.date(pub.year - n, 1, 1), dt.date(pub.year - n, 12, 31)


def _last_n(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    """``in the last two weeks``: from that long before the publication date up to it.
    Years are not read (``over the past two years`` is a span, not when something was done)."""
    if pub is None:
        return None
    n, unit = _count(m)
    if unit == "day":
        return pub - dt.timedelta(days=n), pub
    if unit == "week":
        return pub - dt.timedelta(weeks=n), pub
    year, month = add_months(pub.year, pub.month, -n)
    return dt.date(year, month, min(pub.day, month_window(year, month)[1].day)), pub


def _weekday(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    if pub is None:
        return None
    target = _WEEKDAYS.index(m.group("wd").lower())
    back = (pub.weekday() - target) % 7
    if back == 0 and (m.group("last") or "").lower() in ("last", "this past"):
        back = 7
    day = pub - dt.timedelta(days=back)
    return day, day


def _yesterday(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    if pub is None:
        return None
    back = 2 if "before" in m.group(0).lower() else 1
    day = pub - dt.timedelta(days=back)
    return day, day


def _same_day(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    """The day of publication for "this morning", "earlier today", "tonight"; the day before
    for "last night" (a report of the morning after)."""
    if pub is None:
        return None
    day = pub - dt.timedelta(days=1) if m.group(0).lower().startswith("last") else pub
    return day, day


def _recent(m: re.Match[str], pub: dt.date | None, future: bool | None) -> Window | None:
    if pub is None:
        return None
    unit = (m.group("unit") or "").lower()
    days = {"days": 7, "weeks": 30, "months": 90, "years": 3 * 365}.get(unit, 30)
    return pub - dt.timedelta(days=days), pub


_I = re.IGNORECASE
_MONTH_WORDS = "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec."
_RULES: list[tuple[re.Pattern[str], Handler, Triggers]] = [
    (
        re.compile(
            rf"{_PREP}?(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+{_YEAR})?"
        ),
        _full_date,
        triggers(_MONTH_WORDS),
    ),
    (
        re.compile(
            rf"{_PREP}?(?:{_WEEKDAY},?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"{_MONTH}(?:,?\s+{_YEAR})?"
        ),
        _full_date,
        triggers(_MONTH_WORDS),
    ),
    (
        re.compile(rf"{_PREP}?{_PART}?{_MONTH}(?:\s+of)?,?\s+{_YEAR}"),
        _month_year,
        triggers(_MONTH_WORDS),
    ),
    (
        re.compile(rf"{_PREP}?{_PART}?{_MONTH}\s+(?:of\s+)?(?P<yrel>(?i:last|this|next))\s+year\b"),
        _month_year,
        triggers(_MONTH_WORDS),
    ),
    (re.compile(rf"{_PREP}?{_PART}?{_MONTH}(?!\s*\d)"), _month_year, triggers(_MONTH_WORDS)),
    (
        re.compile(rf"(?:{_PREP}|(?P<of>of\s+))?{_PART}?{_YEAR}(?!\s*[-/]\d)", _I),
        _year,
        triggers("#year"),
    ),
    (
        re.compile(
            rf"{_PREP}?(?:the\s+)?{_PART}?(?:(?P<rel>this past|this|last|next)\s+)?"
            rf"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\b"
            rf"(?:\s+(?:of\s+)?{_YEAR})?",
            _I,
        ),
        _season_expr,
        triggers("spring summer autumn fall winter"),
    ),
    (
        re.compile(
            rf"{_PREP}?{_PART}?(?P<rel>this|last|next|the past|the last|the)\s+"
            r"(?P<unit>week|month|year)\b",
            _I,
        ),
        _relative,
        triggers("week month year"),
    ),
    (
        re.compile(
            r"(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
            _I,
        ),
        _ago,
        triggers("ago"),
    ),
    (
        re.compile(
            r"\b(?:in|over|during|within)\s+the\s+(?:past|last)\s+"
            r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            r"\s+(?P<unit>days|weeks|months)\b",
            _I,
        ),
        _last_n,
        triggers("past last"),
    ),
    (
        re.compile(
            rf"(?:(?P<prep>on|since|by|until)\s+|(?P<last>last|this past)\s+){_WEEKDAY}\b",
            _I,
        ),
        _weekday,
        triggers("monday tuesday wednesday thursday friday saturday sunday"),
    ),
    (re.compile(r"\b(?:the day before )?yesterday\b", _I), _yesterday, triggers("yesterday")),
    (
        re.compile(
            r"\b(?:this (?:morning|afternoon|evening)|(?:earlier|later) today|tonight|last night)\b",
            _I,
        ),
        _same_day,
        triggers("morning afternoon evening today tonight night"),
    ),
    (
        re.compile(
            r"\b(?:recently|lately|(?:in|over|during) (?:the )?(?:recent|past|last) (?:few )?"
            r"(?P<unit>days|weeks|months|years))\b",
            _I,
        ),
        _recent,
        triggers("recently lately recent past last"),
    ),
]


# The engine skips mid-word positions fast with a look-behind (see cues.word_regex).
_RULES = [(re.compile(rf"(?<![A-Za-z0-9])(?:{p.pattern})", p.flags), h, t) for p, h, t in _RULES]
_RULE_INDEX = TriggerIndex([t for _, _, t in _RULES])


def _valid(m: re.Match[str], handler: Handler) -> bool:
    groups = m.groupdict()
    anchored = bool(groups.get("prep") or groups.get("part") or groups.get("of"))
    if handler is _month_year and not groups.get("year"):
        return anchored
    if handler is _year:
        return anchored
    if handler is _relative and groups["rel"].lower() == "the":
        return bool(groups.get("part"))  # "the start of the year" is this year
    if handler is _season_expr:
        season = groups["season"].lower()
        has_anchor = groups.get("rel") or groups.get("year")
        if season == "fall" and not has_anchor:
            return False
        return bool(has_anchor or groups.get("prep") or groups.get("part"))
    return True


def _relation(m: re.Match[str]) -> str:
    prep = (m.groupdict().get("prep") or "").lower()
    if prep.startswith(("since", "from", "starting", "beginning", "after")):
        return "since"
    if prep.startswith(("until", "till")):  # "until at least the end of the year"
        return "until"
    if prep in ("by", "before"):
        return "by"
    return "at"


#: The unit each handler's expressions name, for the precision of their parts.
_UNITS: dict[Handler, str] = {_month_year: "month", _year: "year", _season_expr: "season"}


def _unit(handler: Handler, m: re.Match[str]) -> str | None:
    """The unit a matched expression names, for the precision of its parts."""
    if handler is _relative:
        return m.group("unit").lower()
    return _UNITS.get(handler)


def find_times(
    text: str,
    folded: str,
    published: dt.date | None,
    sentences: list[Span],
    words: SentenceWords,
) -> list[TimeInfo]:
    """Every time expression of the text, longest first, without overlaps, in text order."""
    found: list[tuple[int, int, int, TimeInfo]] = []
    matches = (
        (order, _RULES[order][1], m)
        for index, sent in enumerate(sentences)
        for order in _RULE_INDEX.fired(words, index)
        for m in _RULES[order][0].finditer(folded, sent.begin, sent.end)
    )
    for order, handler, m in matches:
        if not m.group(0).strip() or not _valid(m, handler):
            continue
        begin, end = m.start(), m.end()
        while end > begin and folded[end - 1] in " .,":
            end -= 1
        if begin > 0 and folded[begin - 1].isalnum():
            continue
        before = folded[max(0, begin - 80) : begin]
        future = None if _EFFECT.search(before) else bool(_FUTURE.search(before))
        if not future and _DEADLINE.match(m.group(0)):
            future = None  # "must hand in by September 30": a deadline, mostly ahead
        window = handler(m, published, future)
        if window is None:
            precision, earliest, latest = str(TIMEPREC.Unknown), None, None
        else:
            earliest, latest = window
            precision = part_precision(window, m.groupdict().get("part"), _unit(handler, m))
            if handler is _recent:  # the scheme: "recently" is vague, no usable time
                precision = str(TIMEPREC.Unknown)
        info = TimeInfo(
            span=Span(begin, end),
            expression=text[begin:end],
            earliest=earliest,
            latest=latest,
            precision=precision,
            relation=_relation(m),
        )
        found.append((begin, end, order, info))
    return longest_first(found)


def longest_first(found: list[tuple[int, int, int, TimeInfo]]) -> list[TimeInfo]:
    """Of expressions ``(begin, end, rule order, info)``, the longest (then the earlier
    rule, then the first) of each overlapping group, in text order. The chosen never
    overlap, so sorted by start a new one can only overlap its neighbours there: one lookup
    per expression rather than a scan of all chosen so far."""
    found = sorted(found, key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    starts: list[int] = []
    chosen: list[TimeInfo] = []
    for begin, end, _, info in found:
        at = bisect.bisect_left(starts, begin)
        if at and chosen[at - 1].span.end > begin:
            continue
        if at < len(chosen) and chosen[at].span.begin < end:
            continue
        starts.insert(at, begin)
        chosen.insert(at, info)
    return chosen


def day_index(day: dt.date) -> int:
    """Days since 1970-01-01."""
    return (day - dt.date(1970, 1, 1)).days

"""Calendar windows for time expressions: months, seasons, parts of them, and precision.

``dates`` finds time expressions and resolves them against the publication date; the
arithmetic of the windows they name (a month, a season, "late" or "the first half of" one,
the precision a window's length gives) lives here.
"""

from __future__ import annotations

import calendar
import datetime as dt

from borderkg.ontology.namespaces import TIMEPREC

from .quantities_lexicon import DIGIT_WORDS

#: Counts written in words ("two weeks ago", "a year ago"), from the quantities' lexicon.
NUMBERS = {"a": 1, "an": 1, **DIGIT_WORDS, "ten": 10, "eleven": 11, "twelve": 12}
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

Window = tuple[dt.date, dt.date]


def month_window(year: int, month: int) -> Window:
    """The first and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) ``delta`` months away."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def part_of(window: Window, part: str | None, unit: str) -> Window:
    """Narrow a month, season or year window to its early / mid / late part."""
    start, end = window
    if not part:
        return window
    part = part.lower().replace(" 2 weeks", " two weeks")
    if unit == "month":
        last = end.day
        ranges = {
            "early": (1, 10),
            "mid": (11, 20),
            "late": (21, last),
            "the end of": (21, last),
            "the beginning of": (1, 10),
            "the start of": (1, 10),
            "the middle of": (11, 20),
            "the first week of": (1, 7),
            "the last week of": (last - 6, last),
            "the first half of": (1, 15),
            "the second half of": (16, last),
            "the second week of": (8, 14),
            "the third week of": (15, 21),
            "the fourth week of": (22, 28),
            "the first two weeks of": (1, 14),
            "the last two weeks of": (last - 13, last),
            "the first days of": (1, 7),
            "the first few days of": (1, 7),
            "the last days of": (last - 6, last),
            "the last few days of": (last - 6, last),
        }
        lo, hi = ranges.get(part, (1, last))
        return start.replace(day=lo), start.replace(day=hi)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if unit == "season" or months <= 3:
        if part in ("early", "the beginning of", "the start of"):
            return month_window(start.year, start.month)
        if part in ("late", "the end of"):
            return month_window(end.year, end.month)
        return window
    ranges_y = {
        "early": (1, 3),
        "the beginning of": (1, 2),
        "the start of": (1, 2),
        "mid": (5, 8),
        "the middle of": (5, 8),
        "late": (10, 12),
        "the end of": (12, 12),
        "the first half of": (1, 6),
        "the second half of": (7, 12),
    }
    lo, hi = ranges_y.get(part, (1, 12))
    return month_window(start.year, lo)[0], month_window(start.year, hi)[1]


def precision_of(window: Window) -> str:
    """Time-precision concept for a window, from its length."""
    days = (window[1] - window[0]).days + 1
    if days <= 1:
        return _BY_DAY
    if days <= 11:
        return _BY_WEEK
    if days <= 31:
        return _BY_MONTH
    if days <= 92:
        return _BY_SEASON
    return _BY_YEAR


# Time-precision concepts as strings once (a namespace attribute is built anew each time).
_BY_DAY, _BY_WEEK, _BY_MONTH, _BY_SEASON, _BY_YEAR = (
    str(c) for c in (TIMEPREC.Day, TIMEPREC.Week, TIMEPREC.Month, TIMEPREC.Season, TIMEPREC.Year)
)
_ORDER = (_BY_DAY, _BY_WEEK, _BY_MONTH, _BY_SEASON, _BY_YEAR)
#: Parts that narrow a unit without naming a smaller one ("early May", "late last year").
_BROAD_PARTS = frozenset(
    {"early", "mid", "late", "earlier", "later", "the end of", "the beginning of", "the start of",
     "the middle of", "the first half of", "the second half of"}
)  # fmt: skip
#: The precision a broad part of each unit keeps: the scheme reads "in early May" as known
#: to the month and "at the end of last year" as known to a season.
_PART_FLOOR = {"month": _BY_MONTH, "season": _BY_SEASON, "year": _BY_SEASON}


def part_precision(window: Window, part: str | None, unit: str | None) -> str:
    """The precision of a window a part of a unit names: no finer than the scheme gives a
    broad part of that unit ("early May" Month, though its window is ten days); a part
    that names a smaller unit ("the first week of May") keeps its window's."""
    precision = precision_of(window)
    floor = _PART_FLOOR.get(unit or "")
    if part and floor and part.strip().lower() in _BROAD_PARTS:
        return max(precision, floor, key=_ORDER.index)
    return precision


def season_window(name: str, year: int) -> Window:
    """The three months of a season starting in ``year``."""
    first = SEASON_START[name]
    start = dt.date(year, first, 1)
    end_year, end_month = add_months(year, first, 2)
    return start, month_window(end_year, end_month)[1]


def season_year(name: str, pub: dt.date) -> int:
    """The year a season named at ``pub`` starts in (January's winter began last year)."""
    if name == "winter" and pub.month <= 2:
        return pub.year - 1
    return pub.year

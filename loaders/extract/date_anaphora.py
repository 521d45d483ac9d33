"""Times that refer back to one the article has given: ``at the same time``, ``the same
week``, ``in the same year``, ``later that month``, ``since the arrests``.

The guide dates a measure by "the time the text gives for this measure"; an anaphoric time
gives it through the time it points back to. ``the same …`` and ``that …`` take the last
resolved time before them (``in the same year`` widened to that year, ``the same month`` to
that month); ``since the <event>`` takes the time of the latest earlier sentence that tells
of that event (``arrested … on 3 May`` for ``since the arrests``), and none when that
sentence gives none. Nothing resolves when no earlier time is known: a date is never
invented.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from borderkg.ontology.namespaces import TIMEPREC

from .date_windows import month_window
from .model import Span, TimeInfo

# "at the same time", "on the same day", "later the same week", "in the same year",
# "that day", "later that month"; not "at the same time as …", which names its own anchor.
_SAME = re.compile(
    r"(?<![\w-])(?<!on duty )(?:(?P<prep>from|since|on|in|during|at|by|within|over)\s+)?"
    r"(?:later\s+)?"
    r"(?:(?:the\s+)?same|that)\s+(?P<unit>day|night|morning|evening|weeks?|month|year|time)"
    r"(?![\w-])(?!\s+as\b)",
    re.IGNORECASE,
)

# "since the arrests": the earlier words that tell of each event, by the noun's stem.
_EVENT_WORDS: dict[str, str] = {
    "arrest": r"arrest|detain|caught|picked up",
    "detention": r"arrest|detain|caught|picked up",
    "raid": r"raid|search|swoop|storm",
    "search": r"search|raid",
    "sweep": r"sweep|search|raid",
    "seizure": r"seiz|confiscat|impound|found|intercept",
    "trial": r"trial|tried|sentenc|verdict|jail|convict|court",
    "verdict": r"trial|tried|sentenc|verdict|jail|convict|court",
    "sentencing": r"trial|tried|sentenc|verdict|jail|convict|court",
    "inspection": r"inspect",
    "closure": r"clos|shut|seal",
    "reopening": r"reopen",
    "return": r"return|repatriat|sent back|sent home|handed",
    "repatriation": r"return|repatriat|sent back|sent home|handed",
    "crackdown": r"crack",
    "shooting": r"shot|shoot|fired",
    "killing": r"kill",
    "outbreak": r"outbreak|case",
}
_SINCE_EVENT = re.compile(
    r"(?<![\w-])since\s+the\s+(?P<noun>arrests?|detentions?|raids?|searches|search|sweeps?|"
    r"seizures?|trials?|verdicts?|sentencing|inspections?|closure|reopening|returns|"
    r"repatriations?|crackdown|shooting|killings?|outbreak)(?![\w-])",
    re.IGNORECASE,
)
_UNKNOWN = str(TIMEPREC.Unknown)


def anaphoric_times(
    text: str, folded: str, sentences: list[Span], times: list[TimeInfo]
) -> list[TimeInfo]:
    """The anaphoric time expressions the article resolves, in text order; one overlapping
    a time of ``times`` is left to that one, one in a sentence with its own time is left
    out (that time dates its measures)."""
    found: list[TimeInfo] = []
    for pattern, resolve in ((_SAME, _same), (_SINCE_EVENT, _since_event)):
        for m in pattern.finditer(folded):
            span = Span(m.start(), m.end())
            if any(t.span.overlaps(span) for t in [*times, *found]):
                continue
            if _dated(span, sentences, times):
                continue
            info = resolve(m, folded, sentences, times)
            if info is not None:
                found.append(
                    dataclasses.replace(info, span=span, expression=text[m.start() : m.end()])
                )
    return sorted(found, key=lambda t: t.span.begin)


def _dated(span: Span, sentences: list[Span], times: list[TimeInfo]) -> bool:
    """Whether the sentence of ``span`` gives a time of its own, which dates its measure
    rather than the one pointed back to ("At the same time, police relaxed in March …")."""
    sent = next((s for s in sentences if s.contains(span)), None)
    return sent is not None and any(sent.contains(t.span) and _usable(t) for t in times)


def _usable(time: TimeInfo) -> bool:
    """A time another may point back to: resolved, not vague, not a deadline or an end."""
    return (
        time.earliest is not None
        and time.precision != _UNKNOWN
        and time.relation not in ("by", "until")
    )


#: The precisions fine enough to be "the same" unit: the same day is a day already given.
_FINE_ENOUGH: dict[str, tuple[str, ...]] = {
    "day": (str(TIMEPREC.Day),),
    "week": (str(TIMEPREC.Day), str(TIMEPREC.Week)),
    "month": (str(TIMEPREC.Day), str(TIMEPREC.Week), str(TIMEPREC.Month)),
}
_UNIT_OF = {"night": "day", "morning": "day", "evening": "day", "weeks": "week"}


def _last_before(pos: int, times: list[TimeInfo], unit: str = "time") -> TimeInfo | None:
    """The last usable time before ``pos`` at least as fine as ``unit``."""
    fine = _FINE_ENOUGH.get(_UNIT_OF.get(unit, unit))
    earlier = [
        t
        for t in times
        if t.span.end <= pos and _usable(t) and (fine is None or t.precision in fine)
    ]
    return earlier[-1] if earlier else None


def _same(
    m: re.Match[str], folded: str, sentences: list[Span], times: list[TimeInfo]
) -> TimeInfo | None:
    """``the same week``: the last time before, widened to the year or month it names."""
    unit = m.group("unit").lower()
    before = _last_before(m.start(), times, unit)
    if before is None or before.earliest is None:
        return None
    earliest, latest, precision = before.earliest, before.latest, before.precision
    if unit == "year":
        earliest, latest = dt.date(earliest.year, 1, 1), dt.date(earliest.year, 12, 31)
        precision = str(TIMEPREC.Year)
    elif unit == "month" and (latest is None or (latest - earliest).days < 28):
        earliest, latest = month_window(earliest.year, earliest.month)
        precision = str(TIMEPREC.Month)
    prep = (m.group("prep") or "").lower()
    relation = "since" if prep in ("from", "since") else "at"
    return TimeInfo(m_span(m), "", earliest, latest, precision, relation)


def _since_event(
    m: re.Match[str], folded: str, sentences: list[Span], times: list[TimeInfo]
) -> TimeInfo | None:
    """``since the arrests``: the time of the latest earlier sentence telling of them, or
    none when that sentence gives none (an older dated sentence with the same words, such as
    a standing order "to shoot" in force since 2020, tells of something else)."""
    noun = m.group("noun").lower()
    stem = next((s for s in _EVENT_WORDS if noun.startswith(s)), None)
    # "to shoot", "to arrest": what someone is to do, not the event told
    told = (
        re.compile(rf"(?<![\w-])(?<!\bto\s)(?:{_EVENT_WORDS[stem]})", re.IGNORECASE)
        if stem
        else None
    )
    own = next((i for i, s in enumerate(sentences) if s.begin <= m.start() < s.end), None)
    if told is None or own is None:
        return None
    for sent in reversed(sentences[:own]):
        words = list(told.finditer(folded, sent.begin, sent.end))
        if not words:
            continue
        dated = [t for t in times if sent.contains(t.span) and _usable(t)]
        if not dated:
            return None
        at = words[0].start()
        best = min(dated, key=lambda t: abs(t.span.begin - at))
        return dataclasses.replace(best, relation="since")
    return None


def m_span(m: re.Match[str]) -> Span:
    """The span of a match."""
    return Span(m.start(), m.end())

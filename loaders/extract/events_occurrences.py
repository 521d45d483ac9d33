"""Which mentions of an event type are one occurrence, and what belongs to each.

An event report records one occurrence. Two mentions of one type are one occurrence when
their times agree (the same dates, or one date inside the other where they share a place or
one names none: ``in May`` and ``on May 14``; the narrower date is kept) or when one is a
definite back-reference without a date of its own (``the repatriation``, ``the
executions``). They are two when their dates differ, or when each counts people and the
counts cannot be the same group (about 50 and about 600).

A mention embedded after ``after``, ``since``, ``before``, ``following`` … (``less than two
months after the mass repatriation of around 600 people in October``, ``the first such review
since the mass repatriations of last year``) refers to another occurrence than the clause
around it: it takes only the time, places and quantities inside its own phrase, and the
clause around it none of them. A span of time before ``after``/``before``/``ago`` (``less
than two months after``) dates an event; it is no amount of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from .context import TIME_REACH, ArticleContext, distance
from .model import EventReport, Quantity, Span, TimeInfo

_I = re.IGNORECASE
# A word between the determiner and the cue that makes the words a clause, not a noun
# phrase ("after a young man was caught", "after the inspectors found dramas").
_VERB = (
    r"(?:[a-z]+ed|was|were|is|are|be|been|had|has|have|did|does|found|took|gave|sent|made|"
    r"said|told|saw|began|left|came|went|got|held|caught|brought|put|ran|fled|fell|paid|sold|"
    r"crossed|kept|met|hid|shot)"
)
# The opener of an embedded mention: a preposition, a determiner, up to three words.
_EMBEDDED_BEFORE = re.compile(
    r"\b(?:after|before|since|following|until|till|like|unlike|than|amid|despite)\s+"
    r"(?:the|a|an|this|that|these|those|its|their|his|her|last\s+\w+'s|such)\s+"
    rf"(?:(?!{_VERB}\b)[\w'-]+\s+){{0,3}}$",
    _I,
)
# A cue that is a verb, not a noun ("caught", "sent back"; "forced returns" is a noun).
_VERB_CUE = re.compile(rf"^(?!forced\s[a-z]+$).*\b{_VERB}\b|\b(?:back|over)$", _I)
# What an embedded phrase may hold after its cue: prepositional phrases ("of around 600
# people in October"); punctuation, a clause word, a verb or a new subject ends it.
_PREPOSITION = re.compile(
    r"^(?:of|in|on|at|from|to|through|across|near|along|by|with|against|during|into|via|"
    r"over|under|between|involving|including|last|this|earlier|late|early)$",
    _I,
)
_ENDS = re.compile(rf"^(?:which|who|whom|whose|but|while|when|where|and|or|that|{_VERB})$", _I)
_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")
_PHRASE_REACH = 90
_SPAN_OF_TIME = re.compile(r"\b(?:days?|weeks?|months?|years?|hours?)$", _I)
_TIME_AFTER = re.compile(r"\s+(?:after|before|later|earlier|ago|since)\b", _I)
# "for 14 days before being questioned": how long, not how long before.
_DURATION_BEFORE = re.compile(r"\b(?:for|within|over|up\s+to|during|in)\s+$", _I)
_PEOPLE = re.compile(
    r"\b(?:people|persons?|(?:north\s+)?koreans?|defectors?|refugees|women|men|residents|"
    r"villagers|traders|smugglers|brokers|workers|returnees|detainees|prisoners|families|"
    r"children|students|soldiers|guards|officials|escapees|citizens|individuals)\b",
    _I,
)


def phrase(ctx: ArticleContext, sent: int, span: Span) -> Span | None:
    """The phrase of a noun cue embedded after a preposition of time or comparison (the cue
    and its prepositional phrases), or None when the cue is not embedded."""
    if _VERB_CUE.search(ctx.folded[span.begin : span.end]):
        return None
    if not _EMBEDDED_BEFORE.search(ctx.before(sent, span.begin, 60)):
        return None
    end = min(ctx.sentences[sent].end, span.end + _PHRASE_REACH)
    return Span(span.begin, _phrase_end(ctx.folded, span.end, end))


def phrase_time(ctx: ArticleContext, sent: int, span: Span) -> TimeInfo | None:
    """The time inside a noun cue's own phrase (``condemned the forced return of 200 people
    through Tumen on May 9``): it dates that event, not the time of the clause around the
    phrase (the condemnation's ``on Wednesday``). None for a verb cue or a phrase without a
    time."""
    if _VERB_CUE.search(ctx.folded[span.begin : span.end]):
        return None
    end = min(ctx.sentences[sent].end, span.end + _PHRASE_REACH)
    inside = Span(span.begin, _phrase_end(ctx.folded, span.end, end))
    return next((t for t in ctx.times_in(sent) if inside.contains(t.span)), None)


def _phrase_end(text: str, begin: int, end: int) -> int:
    """Where a noun phrase that ends its head at ``begin`` ends: it goes on only through
    prepositional phrases (``of around 600 people in October``)."""
    stop = begin
    opened = False
    for m in _TOKEN.finditer(text, begin, end):
        word = m.group()
        if not word[0].isalnum() or _ENDS.match(word):
            break
        if _PREPOSITION.match(word):
            opened = True
        elif not opened:
            break  # "after the arrest the police searched": a new clause
        stop = m.end()
    return stop


def separate(
    ctx: ArticleContext, raw: list[EventReport], quantities: dict[str, Quantity]
) -> list[EventReport]:
    """Give each mention what its own phrase holds: an embedded mention the time, places and
    quantities inside its phrase, the rest of its sentence's mentions none of those; and no
    mention a span of time that dates it (``two months after``)."""
    phrases: dict[int, list[Span]] = {}
    own: dict[int, Span] = {}
    for i, event in enumerate(raw):
        found = phrase(ctx, event.sentence, event.evidence[0])
        if found is not None:
            own[i] = found
            phrases.setdefault(event.sentence, []).append(found)
    for i, event in enumerate(raw):
        event.quantities = [
            q for q in event.quantities if not _span_of_time(ctx, quantities.get(q))
        ]
        inside = own.get(i)
        if inside is not None:
            _keep(ctx, event, quantities, lambda s, p=inside: p.contains(s))
        elif event.sentence in phrases:
            others = phrases[event.sentence]
            _keep(ctx, event, quantities, lambda s, o=others: not any(p.contains(s) for p in o))
    return raw


def _keep(
    ctx: ArticleContext,
    event: EventReport,
    quantities: dict[str, Quantity],
    keep: Callable[[Span], bool],
) -> None:
    """Keep of an event's time, places and quantities those whose span ``keep`` accepts."""
    sent = event.sentence
    event.quantities = [q for q in event.quantities if q in quantities and keep(quantities[q].span)]
    time = event.time
    if time is not None and ctx.sentences[sent].contains(time.span) and not keep(time.span):
        near = [t for t in ctx.times_in(sent) if keep(t.span)]
        event.time = _nearest(near, event.evidence[0])
    if event.place_inferred:
        return
    named = {m.entity: m for m in ctx.by_sentence.get(sent, []) if keep(m.span)}
    kept = [p for p in event.places if p in named]
    if kept != event.places:
        event.places = kept
        if not kept:
            event.location_precision = None


def _nearest(times: list[TimeInfo], anchor: Span) -> TimeInfo | None:
    close = [t for t in times if distance(t.span, anchor) <= TIME_REACH]
    return min(close, key=lambda t: distance(t.span, anchor)) if close else None


def _span_of_time(ctx: ArticleContext, q: Quantity | None) -> bool:
    """Whether a quantity is a span of time that dates something (``two months after``)."""
    if q is None or q.currency:
        return False
    text = ctx.folded[q.span.begin : q.span.end]
    if _DURATION_BEFORE.search(ctx.folded[max(0, q.span.begin - 12) : q.span.begin]):
        return False
    return bool(_SPAN_OF_TIME.search(text)) and bool(_TIME_AFTER.match(ctx.folded, q.span.end))


def same_occurrence(
    a: EventReport,
    b: EventReport,
    people: bool,
    quantities: dict[str, Quantity],
    ctx: ArticleContext,
) -> bool:
    """Whether two mentions of one event type can be one occurrence: their times agree (one
    date inside another only where they share a place or one names none) and, for an event
    that befalls ``people``, their counts can be one group."""
    if not same_time(a.time, b.time):
        return False
    if _dated_apart(a.time, b.time) and a.places and b.places and not set(a.places) & set(b.places):
        return False  # "this month" in Ji'an and "last week" in Manpo: two occurrences
    if not people or _back_reference(ctx, a) or _back_reference(ctx, b):
        return True  # "the executions": the occurrence told before
    return same_group(a, b, quantities, ctx)


def in_other_countries(a: EventReport, b: EventReport, ctx: ArticleContext) -> bool:
    """Whether both mentions are placed and no country of one's places is one of the
    other's (Yanji in China, Hoeryong in North Korea); a river on the border has none."""
    ours, theirs = _countries(a, ctx), _countries(b, ctx)
    return bool(ours) and bool(theirs) and not ours & theirs


def _countries(event: EventReport, ctx: ArticleContext) -> set[str]:
    return {
        country
        for place in event.places
        if place in ctx.entities and (country := ctx.entities[place].country)
    }


_DEFINITE = re.compile(r"\b(?:the|these|those|this|that|such)\s+(?:[\w'-]+\s+){0,2}$", _I)


def _back_reference(ctx: ArticleContext, event: EventReport) -> bool:
    """Whether a mention only refers back (``the executions``, ``the repatriation``): a
    definite noun cue without a date of its own."""
    return event.time is None and any(
        _DEFINITE.search(ctx.folded[max(0, s.begin - 40) : s.begin])
        and not _VERB_CUE.search(ctx.folded[s.begin : s.end])
        for s in event.evidence
    )


def _dated_apart(a: TimeInfo | None, b: TimeInfo | None) -> bool:
    """Whether both mentions are dated and their dates are not the same."""
    return bool(a and b and (a.earliest, a.latest) != (b.earliest, b.latest))


def same_time(a: TimeInfo | None, b: TimeInfo | None) -> bool:
    """Whether two times can date one occurrence: either missing (a back-reference), the same
    words, or one date inside the other (a bound such as ``by``/``since`` must be equal)."""
    if a is None or b is None:
        return True
    if a.earliest is None or b.earliest is None or a.latest is None or b.latest is None:
        return a.expression.lower() == b.expression.lower()
    if a.relation != "at" or b.relation != "at":  # "since", "by": a bound, not a date
        return a.earliest == b.earliest and a.latest == b.latest
    inside = a.earliest <= b.earliest and b.latest <= a.latest
    return inside or (b.earliest <= a.earliest and a.latest <= b.latest)


def narrower(a: TimeInfo | None, b: TimeInfo | None) -> TimeInfo | None:
    """The time of an occurrence told twice: the one inside the other (``last Wednesday``
    rather than ``last week``), else the first given."""
    if a is None or b is None:
        return a or b
    dated = a.earliest and a.latest and b.earliest and b.latest
    if not dated or a.relation != "at" or b.relation != "at":
        return a
    inside = a.earliest <= b.earliest and b.latest <= a.latest
    return b if inside and (a.earliest, a.latest) != (b.earliest, b.latest) else a


def same_group(
    a: EventReport, b: EventReport, quantities: dict[str, Quantity], ctx: ArticleContext
) -> bool:
    """Whether the people two mentions count can be one group: unless each counts people and
    no count of one is within half or double of a count of the other."""
    ours, theirs = _counts(a, quantities, ctx), _counts(b, quantities, ctx)
    if not ours or not theirs:
        return True
    return any(x <= 2 * y and y <= 2 * x for x in ours for y in theirs)


def _counts(
    event: EventReport, quantities: dict[str, Quantity], ctx: ArticleContext
) -> list[Decimal]:
    out: list[Decimal] = []
    for local in event.quantities:
        q = quantities.get(local)
        value = None if q is None or q.currency else (q.value or q.min_value or q.max_value)
        if q is None or value is None or value <= 0:
            continue
        words = ctx.folded[q.span.begin : min(q.span.end + 20, len(ctx.folded))]
        if not _PEOPLE.search(words):
            continue
        out.append(value)
    return out

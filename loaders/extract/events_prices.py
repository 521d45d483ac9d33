"""Price observations told together with an earlier one: one price report per time.

``Rice now sells for 6,400 won, up from 5,800 won a month ago`` reports two observations:
6,400 won at the article's time and 5,800 won a month before it. A price report is one
observation, so an amount dated by a time of its own — the first time written after it,
in its chunk of the sentence, before the next amount (``5,800 won a month ago``, ``about
5,000 won in April``) — goes to a report of its own with that time. The amounts left
together keep the report's time unless another amount took it; then they are dated by the
present the sentence names (``now``, ``currently``, ``today``: the publication date), else
not dated. One amount alone, or amounts that all share one time, stay one report. A change
"from A to B" (``commissions have risen from about 30 percent to 40 percent``, ``has fallen
from …``) is two observations too: A dated by its own time, else undated, B the current one;
a price merely "compared with" another and no time of its own is no earlier price.

A price with no time of its own told in the present ("brokers take", "rice costs", "has
risen to") is dated by the publication date (to the day; its time expression is the present
verb or ``now``); told in the past or with a modal it is not dated. A price whose sentence
names no place is set where its paragraph, else the article's first paragraph, sets the
article (inferred places), but a price in won only in North Korea.

A percentage is a price too when it is the share of a money transfer go-betweens keep (the
scheme's RemittanceCommission): ``30 percent of each transfer``, ``a commission of 25
percent``, ``a broker who took 30 percent`` in a sentence about money sent, and the earlier
share it is compared with (``up from 20 percent last year``). The sum a transfer carries
(``sent 1,000 dollars``) and the sum a fee is counted on (``per 10,000 yuan``) are no price.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from borderkg.ontology.namespaces import PLACE, TIMEPREC

from .context import ArticleContext
from .model import EventReport, Quantity, Span, TimeInfo
from .quantity_links import boundaries, same_chunk

#: How far after an amount its own time may start (``6,200 won in the markets of Hyesan at
#: the end of March``).
_OWN_REACH = 45
_PRESENT = re.compile(r"\b(?:now|currently|today|at present|these days)\b", re.IGNORECASE)
_DAY = str(TIMEPREC.Day)
_WON, _NORTH_KOREA = "KPW", str(PLACE["north-korea"])
# A price told in the present ("brokers take", "rice costs", "commissions have risen to"),
# and the past or future that keeps a clause from being told in it.
_PRESENT_VERB = re.compile(
    r"\b(?:(?:is|are)(?:\s+\w+ing)?|(?:has|have)(?:\s+been)?(?:\s+\w+(?:ed|en|wn|n))?|"
    r"takes?|charges?|costs|sells|asks?|keeps?|demands?|pays?|"
    r"stands?|remains?|goes|go\s+for|rises|falls|runs?)\b",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(
    r"\b(?:was|were|had|took|charged|sold|paid|asked|kept|demanded|stood|remained|rose|fell|"
    r"climbed|went|ran|used\s+to|will|would|could|might|last|ago|previously|before|then)\b"
    r"(?!\s+by\b)",  # "the fee charged by brokers" is a participle
    re.IGNORECASE,
)
# "15 percent more than at the end of last year": a time a price is compared with.
_THAN = re.compile(r"\bthan\s+(?:(?:at|in|on|during)\s+)?$", re.IGNORECASE)
_CHANGED_FROM = re.compile(
    r"\b(?:up|down|ris(?:en|ing|es?)|rose|fall(?:en|ing|s)?|fell|climb\w*|jump\w*|increas\w*|"
    r"decreas\w*|drop\w*|doubl\w*|halv\w*|gone\s+(?:up|down)|went\s+(?:up|down))\s+from\s+$",
    re.IGNORECASE,
)
_RANGING = re.compile(
    r"\b(?:ranging|ranged|ranges?|anywhere|varying|varied|varies)\s+from\s+$", re.I
)
#: What leads to an earlier price a current one is compared with.
_COMPARED = re.compile(
    r"\b(?:(?:up|down|rising|falling|risen|fallen)\s+from|from|compared\s+(?:with|to))\s+$",
    re.IGNORECASE,
)


def split_by_time(
    ctx: ArticleContext, event: EventReport, quantities: dict[str, Quantity]
) -> list[EventReport]:
    """The price report ``event`` as one report per time its amounts are dated by."""
    amounts = sorted(
        (quantities[n] for n in event.quantities if _priced(ctx, event.sentence, quantities[n])),
        key=lambda q: q.span.begin,
    )
    own = _own_times(ctx, event.sentence, amounts)
    if event.time and _THAN.search(ctx.before(event.sentence, event.time.span.begin, 20)):
        event = dataclasses.replace(event, time=None)  # the time of what it is compared with
    earlier = {
        q.local
        for q in amounts
        if _earlier(ctx, event.sentence, q)
        and (q.local in own or _CHANGED_FROM.search(ctx.before(event.sentence, q.span.begin, 30)))
    }
    if len(earlier) == len(amounts):  # "ranging from …" or no current price told
        earlier = {n for n in earlier if n in own}
    # the verb that tells a price is before its first amount ("have risen from A to B")
    first = amounts[0] if amounts else None
    if not earlier:
        return [_dated_now(ctx, event, first)]
    taken = {own[n].span for n in earlier if n in own}
    time = event.time if event.time and event.time.span not in taken else None
    main = time or _now(ctx, event.sentence, first)
    groups: dict[object, tuple[TimeInfo | None, list[str]]] = {}
    for q in amounts:
        when = own.get(q.local) if q.local in earlier else own.get(q.local, main)
        key: object = when.span if when else (q.local if q.local in earlier else None)
        groups.setdefault(key, (when, []))[1].append(q.local)
    others = [n for n in event.quantities if n not in {q.local for q in amounts}]
    out: list[EventReport] = []
    for when, names in groups.values():
        extra = others if not out else []
        out.append(dataclasses.replace(event, time=when, quantities=names + extra))
    return out


def _earlier(ctx: ArticleContext, sent: int, q: Quantity) -> bool:
    """Whether an amount is an earlier price a current one is compared with ("up from
    5,800 won a month ago", "risen from about 30 percent to 40 percent"), not "ranging
    from". Without a time of its own, only the start of a change is earlier: "compared with
    70 yuan for copper bought in China" may be another price of the same day."""
    before = ctx.before(sent, q.span.begin, 30)
    return bool(_COMPARED.search(before)) and not _RANGING.search(before)


def _dated_now(ctx: ArticleContext, event: EventReport, first: Quantity | None) -> EventReport:
    """``event`` dated by the publication date when its price is told in the present and
    it has no time of its own."""
    if event.time is not None:
        return event
    return dataclasses.replace(event, time=_now(ctx, event.sentence, first))


def _now(ctx: ArticleContext, sent: int, first: Quantity | None) -> TimeInfo | None:
    """The present a price is told in, dated by the publication date: a word that names it
    (``now``), else a present verb before the first amount ("brokers take", "have risen
    from … to") with no past one; None when the publication date is unknown or the price
    is past."""
    found = _present(ctx, sent)
    if found is not None or first is None or ctx.published is None:
        return found
    s = ctx.sentences[sent]
    clause = ctx.folded[s.begin : first.span.begin]
    verbs = list(_PRESENT_VERB.finditer(clause))
    if not verbs or _PAST_VERB.search(_PRESENT_VERB.sub(" ", clause)):  # not "has climbed"
        return None
    m = verbs[-1]
    return _published_day(ctx, Span(s.begin + m.start(), s.begin + m.end()))


def _own_times(ctx: ArticleContext, sent: int, amounts: list[Quantity]) -> dict[str, TimeInfo]:
    """Amount name → the time written right after it (see the module docstring)."""
    times = ctx.times_in(sent)
    cuts = boundaries(ctx, sent, [q.span for q in amounts])
    out: dict[str, TimeInfo] = {}
    for i, q in enumerate(amounts):
        limit = amounts[i + 1].span.begin if i + 1 < len(amounts) else ctx.sentences[sent].end
        after = [
            t
            for t in times
            if q.span.end <= t.span.begin < min(limit, q.span.end + _OWN_REACH)
            and same_chunk(cuts, q.span, t.span)
        ]
        if after:
            out[q.local] = after[0]
    return out


def _present(ctx: ArticleContext, sent: int) -> TimeInfo | None:
    """The present a sentence names (``now``), dated by the publication date if known."""
    s = ctx.sentences[sent]
    m = _PRESENT.search(ctx.folded, s.begin, s.end)
    return None if m is None else _published_day(ctx, Span(m.start(), m.end()))


def _published_day(ctx: ArticleContext, span: Span) -> TimeInfo:
    """The words at ``span`` dating a price by the publication date (to the day; vague when
    the date is unknown)."""
    day: dt.date | None = ctx.published
    return TimeInfo(
        span=span,
        expression=ctx.original[span.begin : span.end],
        earliest=day,
        latest=day,
        precision=_DAY if day else str(TIMEPREC.Unknown),
    )


def setting_places(
    ctx: ArticleContext, sent: int, amounts: list[Quantity]
) -> tuple[list[str], str | None, bool]:
    """Where a price whose sentence names no place was observed, as inferred places: the
    setting of its paragraph, else of the article's first paragraph ("a trader who has done
    business in Dandong"). A price in North Korean won is paid in North Korea, so a setting
    in another country (or on the border) is none of its places."""
    found = ctx.paragraph_places(sent) or ctx.lead_places()
    if any(q.currency == _WON for q in amounts):
        found = [p for p in found if ctx.entities[p].country == _NORTH_KOREA]
    if not found:
        return [], None, False
    return ctx.with_precision(found)


# --- commissions ---------------------------------------------------------------------------

_PERCENT = re.compile(r"^(?:percent|per cent|%)$", re.IGNORECASE)
# "30 percent of each transfer", "15 percent of the money": a share of what is sent.
_OF_A_TRANSFER = re.compile(
    r"\s+of\s+(?:(?:each|every|the|a|all|any|their|what\s+is)\s+)?"
    r"(?:transfers?|remittances?|money|amount|sum|sent)\b",
    re.IGNORECASE,
)
# "a commission of 25 percent", "the cut was about 30 percent", "a broker who took 30 percent".
_SHARE_BEFORE = re.compile(
    r"(?:\b(?:commissions?|cut)\b(?:\s+(?:of|was|is|at|to|has\s+risen\s+to|rose\s+to))?|"
    r"\b(?:brokers?|middlem[ae]n|intermediar(?:y|ies)|who)\b[^.;]{0,30}?\b(?:take|takes|took|"
    r"taking|keep|keeps|kept|keeping|charge[sd]?|charging|ask(?:s|ed)?\s+for)|"
    # "commissions in Hoeryong have risen from about 30 percent": a change of the share
    r"\b(?:commissions?|cut)\b[^.;]{0,40}?\b(?:risen|rose|rises?|climbed|climbs?|fallen|fell|"
    r"falls?|dropped|drops?|doubled|halved|increased|decreased|jumped|gone\s+(?:up|down)|"
    r"went\s+(?:up|down))\s+(?:from|to)(?:\s+(?:about|around|roughly|nearly|almost|some))?)"
    r"\s+$",
    re.IGNORECASE,
)
# The later share of a change "from A to B" ("from about 30 percent to 40 percent").
_CHANGED_TO = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?\d[\d.,]*\s*(?:percent|per cent|%)"
    r"(?:\s+[\w,]+){0,4}?\s+to\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?$",
    re.IGNORECASE,
)
# A percentage's own words, its qualifier left out ("about 30 percent" → "30 percent").
_A_PERCENT = re.compile(r"\d[\d.,]*\s*(?:percent|per cent|%)", re.IGNORECASE)
_MONEY_SENT = re.compile(
    r"\b(?:remit\w*|transfers?|sen[dt]|money|dollars|yuan|won|commissions?)\b", re.IGNORECASE
)


def is_commission(ctx: ArticleContext, sent: int, q: Quantity) -> bool:
    """Whether a percentage is the share of a money transfer that go-betweens keep (the
    scheme's RemittanceCommission: "usually a percentage of the amount sent"), or the earlier
    share it is compared with ("30 percent of each transfer, up from 20 percent")."""
    if not _is_percent(q):
        return False
    if _share(ctx, sent, q.span):
        return True
    before = ctx.before(sent, q.span.begin, 60)
    if not (_COMPARED.search(before) or _CHANGED_TO.search(before)):
        return False
    earlier = [
        Span(m.start(), m.end())
        for m in _A_PERCENT.finditer(ctx.folded, ctx.sentences[sent].begin, q.span.begin)
    ]
    return bool(earlier) and _share(ctx, sent, earlier[-1])


def _is_percent(q: Quantity) -> bool:
    return not q.currency and bool(q.unit_text) and bool(_PERCENT.match(q.unit_text.strip()))


def _share(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether the percentage at ``span`` is a share of a transfer (see ``is_commission``)."""
    s = ctx.sentences[sent]
    if _OF_A_TRANSFER.match(ctx.folded, span.end, s.end):
        return True
    return bool(
        _SHARE_BEFORE.search(ctx.before(sent, span.begin, 60))
        and _MONEY_SENT.search(ctx.folded, s.begin, s.end)
    )


def _priced(ctx: ArticleContext, sent: int, q: Quantity) -> bool:
    """Whether an amount of a price report is a price: money, or a commission's share."""
    return bool(q.currency) or is_commission(ctx, sent, q)


_SENT_BEFORE = re.compile(
    r"\b(?:sen[dt]s?|sending|transferr(?:ed|ing)|transfers?|remit(?:s|ted|ting)?)\s+$", re.I
)


# The sum a fee is counted on: "2,000 yuan per 10,000 yuan sent", "for every 1,000 dollars".
_PER_BEFORE = re.compile(r"\b(?:per|for\s+(?:every|each)|on\s+(?:every|each))\s+$", re.I)


def is_sum_sent(ctx: ArticleContext, sent: int, q: Quantity) -> bool:
    """Whether a monetary amount is the sum a transfer carries ("sent 1,000 dollars") or the
    sum a fee is counted on ("per 10,000 yuan"): what is sent, not a price."""
    before = ctx.before(sent, q.span.begin, 30)
    return bool(q.currency) and bool(_SENT_BEFORE.search(before) or _PER_BEFORE.search(before))

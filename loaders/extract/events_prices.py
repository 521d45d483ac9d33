"""Price observations told together with an earlier one: one price report per time.

``Rice now sells for 6,400 won, up from 5,800 won a month ago`` reports two observations:
6,400 won at the article's time and 5,800 won a month before it. A price report is one
observation, so an amount dated by a time of its own — the first time written after it,
in its chunk of the sentence, before the next amount (``5,800 won a month ago``, ``about
5,000 won in April``) — goes to a report of its own with that time. The amounts left
together keep the report's time unless another amount took it; then they are dated by the
present the sentence names (``now``, ``currently``, ``today``: the publication date), else
not dated. One amount alone, or amounts that all share one time, stay one report.

A percentage is a price too when it is the share of a money transfer go-betweens keep (the
scheme's RemittanceCommission): ``30 percent of each transfer``, ``a commission of 25
percent``, ``a broker who took 30 percent`` in a sentence about money sent, and the earlier
share it is compared with (``up from 20 percent last year``). The sum a transfer carries
(``sent 1,000 dollars``) is no price.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from borderkg.ontology.namespaces import TIMEPREC

from .context import ArticleContext
from .model import EventReport, Quantity, Span, TimeInfo
from .quantity_links import boundaries, same_chunk

#: How far after an amount its own time may start (``6,200 won in the markets of Hyesan at
#: the end of March``).
_OWN_REACH = 45
_PRESENT = re.compile(r"\b(?:now|currently|today|at present|these days)\b", re.IGNORECASE)
_DAY = str(TIMEPREC.Day)
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
    earlier = {
        q.local
        for q in amounts
        if q.local in own and _COMPARED.search(ctx.before(event.sentence, q.span.begin, 30))
    }
    if not earlier:
        return [event]
    taken = {own[n].span for n in earlier}
    time = event.time if event.time and event.time.span not in taken else None
    main = time or _present(ctx, event.sentence)
    groups: dict[Span | None, tuple[TimeInfo | None, list[str]]] = {}
    for q in amounts:
        when = own.get(q.local, main)
        groups.setdefault(when.span if when else None, (when, []))[1].append(q.local)
    others = [n for n in event.quantities if n not in {q.local for q in amounts}]
    out: list[EventReport] = []
    for when, names in groups.values():
        extra = others if not out else []
        out.append(dataclasses.replace(event, time=when, quantities=names + extra))
    return out


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
    if m is None:
        return None
    day: dt.date | None = ctx.published
    return TimeInfo(
        span=Span(m.start(), m.end()),
        expression=ctx.original[m.start() : m.end()],
        earliest=day,
        latest=day,
        precision=_DAY if day else str(TIMEPREC.Unknown),
    )


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
    r"taking|keep|keeps|kept|keeping|charge[sd]?|charging|ask(?:s|ed)?\s+for))\s+$",
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
    if not _COMPARED.search(ctx.before(sent, q.span.begin, 30)):
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


def is_sum_sent(ctx: ArticleContext, sent: int, q: Quantity) -> bool:
    """Whether a monetary amount is the sum a transfer carries ("sent 1,000 dollars"): what
    is sent, not a price."""
    return bool(q.currency) and bool(_SENT_BEFORE.search(ctx.before(sent, q.span.begin, 30)))

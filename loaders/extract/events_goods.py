"""Goods of trade, smuggling and price reports, and the goods each reported price is for.

A price report names goods and prices; ``price_of`` pairs each monetary amount with the
goods it prices: the goods named right after it (``5,000 won for a kilogram of rice``,
``… per kilogram of corn``), else the goods named nearest before it in its chunk of the
sentence (``Rice sold for 5,000 won … | and corn for 3,000 won``; ``a broker's fee of 8,000
yuan``; chunks as ``quantity_links`` cuts them, but for an "and" before a phrase of
direction: ``the broker fee for taking a person across the river and on to a safe house …
has climbed to 70,000 yuan``). Paying a broker, smuggler or guide an amount (``paid a
broker 50,000 yuan``, ``paid 50,000 yuan to a smuggler``) is a broker fee, and a fee or
commission is never the goods of a trade or smuggling event. A price given for a list of goods (``rice
and corn sold for …``), an exchange rate whose unit names the currency it prices
(``1,200 won to the yuan``: ``per CNY``) and an amount with no goods in its chunk get none:
the pairing is never guessed.

An event's goods are those named in the clause of its cue: goods named in another clause —
a condition (``as long as foreign currency keeps flowing to Pyongyang``), a reason, a second
reported ``that``-clause — are not what the event trades or carries.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import EVENTTYPE, GOODS

from .context import ArticleContext
from .cues import TriggerIndex, Triggers, triggers, word_regex
from .events_prices import is_commission
from .model import EventReport, Quantity, Span
from .quantity_links import boundaries, same_chunk, sentence_of

_PRICE_REPORT = str(EVENTTYPE.PriceReport)
_FOREIGN_CURRENCY = str(GOODS.ForeignCurrency)
#: Prices of a service, not goods that are traded or carried.
SERVICE_PRICES = frozenset([str(GOODS.BrokerFee), str(GOODS.RemittanceCommission)])


def _re(pattern: str) -> re.Pattern[str]:
    return word_regex(pattern)


# Paying a go-between for taking people across is a broker fee (the scheme's BrokerFee:
# "the price brokers charge for a service across the border").
_PAID = r"(?:paid|pay|pays|paying)"
_WHOSE = r"(?:a|an|the|her|his|their|my|one)"
_GO_BETWEEN = r"(?:brokers?|smugglers?|guides?|middlem[ae]n)"

GOODS_CUES: list[tuple[str, re.Pattern[str], Triggers]] = [
    (str(GOODS.PineNuts), _re(r"\bpine ?nuts?\b"), triggers("pine pinenut pinenuts")),
    (
        str(GOODS.MedicinalHerbs),
        _re(r"\b(?:medicinal herbs?|herbal medicines?|herbs)\b"),
        triggers("medicinal herbal herbs"),
    ),
    (str(GOODS.Ginseng), _re(r"\bginseng\b"), triggers("ginseng")),
    (
        str(GOODS.Seafood),
        _re(r"\b(?:seafood|fish|squid|crabs?|clams?|shellfish|shrimps?|octopus|sea cucumbers?)\b"),
        triggers("seafood fish squid crab crabs clam clams shellfish shrimp shrimps octopus sea"),
    ),
    (str(GOODS.Rice), _re(r"\brice\b"), triggers("rice")),
    (str(GOODS.Corn), _re(r"\b(?:corn|maize)\b"), triggers("corn maize")),
    (str(GOODS.Flour), _re(r"\bflour\b"), triggers("flour")),
    (
        str(GOODS.Fuel),
        _re(r"\b(?:fuel|diesel|gasoline|petrol)\b"),
        triggers("fuel diesel gasoline petrol"),
    ),
    (
        str(GOODS.StorageMedia),
        _re(r"\b(?:usb(?: sticks?| drives?)?|sd cards?|memory cards?)\b"),
        triggers("usb sd memory"),
    ),
    (
        str(GOODS.MobilePhones),
        _re(r"\b(?:(?:mobile|cell|smart) ?phones?|chinese phones?)\b"),
        triggers("mobile cell smart phone phones chinese"),
    ),
    (
        str(GOODS.Electronics),
        _re(r"\b(?:electronics|televisions?|tvs?|notetels?|laptops?)\b"),
        triggers("electronics television televisions tv tvs notetel notetels laptop laptops"),
    ),
    (
        str(GOODS.Textiles),
        _re(r"\b(?:textiles?|clothes|clothing|garments?|fabrics?)\b"),
        triggers("textile textiles clothes clothing garment garments fabric fabrics"),
    ),
    (
        str(GOODS.Tobacco),
        _re(r"\b(?:tobacco|cigarettes?)\b"),
        triggers("tobacco cigarette cigarettes"),
    ),
    (
        str(GOODS.Alcohol),
        _re(r"\b(?:alcohol|liquor|beer|soju|baijiu)\b"),
        triggers("alcohol liquor beer soju baijiu"),
    ),
    (
        str(GOODS.Methamphetamine),
        _re(r"\b(?:methamphetamine|meth|ice|bingdu|narcotics|drugs)\b"),
        triggers("methamphetamine meth ice bingdu narcotics drugs"),
    ),
    (str(GOODS.Copper), _re(r"\bcopper\b"), triggers("copper")),
    (str(GOODS.Gold), _re(r"\bgold\b"), triggers("gold")),
    (str(GOODS.Timber), _re(r"\b(?:timber|logs|lumber)\b"), triggers("timber logs lumber")),
    (
        str(GOODS.Fertilizer),
        _re(r"\bfertili[sz]ers?\b"),
        triggers("fertilizer fertilizers fertiliser fertilisers"),
    ),
    (
        str(GOODS.ForeignCurrency),
        _re(r"\b(?:foreign currency|exchange rates?|hard currency)\b"),
        triggers("foreign exchange hard"),
    ),
    (
        str(GOODS.BrokerFee),
        _re(
            r"\b(?:broker(?:'s|s'|s’|’s|age)? fees?|brokers?\b[^.;]{0,40}\b(?:charge\w*|demand\w*|ask(?:s|ed)?\s+for)|"
            rf"fees?\s+(?:charged|demanded|asked)\s+by\s+(?:the\s+|local\s+)?{_GO_BETWEEN}|"
            rf"{_PAID}\s+(?:{_WHOSE}\s+)?{_GO_BETWEEN}|"
            rf"{_PAID}\s+[^.;]{{1,40}}?\bto\s+(?:{_WHOSE}\s+)?(?P<at>{_GO_BETWEEN}))\b"
        ),
        triggers("broker brokers brokerage smuggler smugglers guide guides middleman middlemen"),
    ),
    (
        # a fee for a go-between's service (the scheme: "arranging an escape, a phone call
        # … release from detention"): "a fee of 300 yuan for arranging a phone call"
        str(GOODS.BrokerFee),
        _re(
            r"\bfees?\b[^.;]{0,40}?\bfor\s+(?P<at>(?:arranging|making|setting up)\s+"
            r"(?:(?:a|an|the|their)\s+)?(?:[a-z-]+\s+)?(?:(?:tele)?phone calls?|escapes?|"
            r"releases?))\b"
        ),
        triggers("fee fees"),
    ),
    (
        str(GOODS.RemittanceCommission),
        _re(r"\b(?:commissions?|(?:transfer|remittance) fees?)\b"),
        triggers("commission commissions transfer remittance"),
    ),
]
_GOODS_INDEX = TriggerIndex([t for _, _, t in GOODS_CUES])


def goods_named(ctx: ArticleContext, sent: int, chunk: str) -> list[str]:
    """The goods a sentence names (``chunk``: its text), in the order of ``GOODS_CUES``."""
    fired = _GOODS_INDEX.fired(ctx.words, sent)
    return list(dict.fromkeys(GOODS_CUES[i][0] for i in fired if GOODS_CUES[i][1].search(chunk)))


# Words that open a clause of its own between an event's cue and goods: a condition, a
# reason or concession, a second reported "that"-clause, a semicolon. Not a colon, which
# spells out what came before ("eased its rules on food imports: flour may again …"), nor
# "though", often elliptical ("flour and fertiliser, though not people").
_OTHER_CLAUSE = re.compile(
    r";|\b(?:as long as|so long as|provided(?: that)?|because|although|whereas|"
    r"unless|now that|so that)\b|\b(?:and|but)\s+that\b",
    re.IGNORECASE,
)


def goods_of(ctx: ArticleContext, sent: int, anchor: Span) -> list[str]:
    """The goods an event anchored at ``anchor`` trades or carries: those its sentence names in
    the cue's own clause, in the order of ``GOODS_CUES``."""
    own = {
        goods
        for span, goods in goods_mentions(ctx, sent)
        if not _OTHER_CLAUSE.search(ctx.folded, *_gap(span, anchor))
    }
    s = ctx.sentences[sent]
    return [g for g in goods_named(ctx, sent, ctx.folded[s.begin : s.end]) if g in own]


def _gap(a: Span, b: Span) -> tuple[int, int]:
    """The text positions between two spans (empty when they overlap)."""
    if a.overlaps(b):
        return a.begin, a.begin
    return (a.end, b.begin) if a.end <= b.begin else (b.end, a.begin)


def goods_mentions(ctx: ArticleContext, sent: int) -> list[tuple[Span, str]]:
    """Where a sentence names goods, with the goods concept, in text order."""
    s = ctx.sentences[sent]
    found = [
        (
            Span(m.start("at"), m.end("at"))
            if m.re.groupindex.get("at") and m.group("at")
            else Span(m.start(), m.end()),
            GOODS_CUES[i][0],
        )
        for i in _GOODS_INDEX.fired(ctx.words, sent)
        for m in GOODS_CUES[i][1].finditer(ctx.folded, s.begin, s.end)
    ]
    return sorted(found, key=lambda f: (f[0].begin, -f[0].end))


# An exchange rate's unit names the currency it prices ("per CNY"): it needs no goods.
_RATE_UNIT = re.compile(r"per [A-Z]{3}")
# What leads from a price to the goods named right after it: "for a kilogram of", "per
# sack of", "on", "of" (after "per kilogram"), then at most two words ("white", "smuggled").
_UNITS = (
    r"kilograms?|kilos?|kg|grams?|sacks?|bags?|bottles?|packs?|packets?|boxes|box|cartons?|"
    r"tons?|tonnes?|litres?|liters?|pieces?|units?|jin"
)
_LEADS_TO_GOODS = re.compile(
    rf"\s+(?:(?:for|per|on|to)\s+(?:(?:a|an|one|each|every|the|her|his|their)\s+)?"
    rf"(?:(?:{_UNITS})\s+of\s+)?"
    r"|of\s+)",
    re.IGNORECASE,
)
_FILLER = re.compile(r"(?:(?!(?:and|or|but|in|at|to|from|than|with)\b)[a-z'-]+\s+){0,2}", re.I)
# Goods named as a list ("rice and corn", "rice, corn"): a price after it is for none alone.
_LIST_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?", re.IGNORECASE)


# "and" that joins two phrases of direction ("across the river and on to a safe house"),
# not two clauses: it does not part goods from the price their clause gives.
_PHRASE_AFTER_AND = re.compile(
    r"\s+(?:on\s+|then\s+)?(?:into|onto|through|across|via|over|to\s+(?:the|a|an|[A-Z]))\b"
)


def _joins_phrases(ctx: ArticleContext, cut: Span) -> bool:
    """Whether a chunk boundary is an "and" before a phrase of direction."""
    word = ctx.folded[cut.begin : cut.end].strip(" ,").lower()
    return word == "and" and _PHRASE_AFTER_AND.match(ctx.folded, cut.end) is not None


def price_of(ctx: ArticleContext, sent: int, amount: Quantity) -> str | None:
    """The goods concept a monetary amount of a sentence is the price of, if the text pairs
    them (see the module docstring)."""
    if amount.unit_text and _RATE_UNIT.fullmatch(amount.unit_text):
        return None
    named = goods_mentions(ctx, sent)
    span = amount.span
    lead = _LEADS_TO_GOODS.match(ctx.folded, span.end, ctx.sentences[sent].end)
    if lead is not None:
        after = [
            g
            for s, g in named
            if s.begin >= lead.end() and _FILLER.fullmatch(ctx.folded, lead.end(), s.begin)
        ]
        if after:
            return after[0]
    before = [(s, g) for s, g in named if s.end <= span.begin]
    if not before:
        return None
    cuts = [c for c in boundaries(ctx, sent, [s for s, _ in named]) if not _joins_phrases(ctx, c)]
    nearest, goods = before[-1]
    if goods == _FOREIGN_CURRENCY or not same_chunk(cuts, nearest, span):
        return None  # an exchange rate prices a currency, not goods
    earlier = [s for s, g in before[:-1] if g != goods and s.end <= nearest.begin]
    if earlier and _LIST_JOIN.fullmatch(ctx.folded, earlier[-1].end, nearest.begin):
        return None  # "rice and corn sold for 5,000 won": the price of neither alone
    return goods


def pair_prices(
    ctx: ArticleContext, events: list[EventReport], quantities: dict[str, Quantity]
) -> None:
    """Set ``price_of`` on the monetary amounts that price reports keep (after
    ``quantity_links`` has given each amount to the nodes it belongs to)."""
    for event in events:
        if event.event_type != _PRICE_REPORT:
            continue
        for name in event.quantities:
            amount = quantities[name]
            sent = sentence_of(ctx, amount.span.begin)
            if amount.currency:
                amount.price_of = price_of(ctx, sent, amount)
            elif is_commission(ctx, sent, amount):
                amount.price_of = str(GOODS.RemittanceCommission)

"""Reported amounts: counts, measures, prices and ranges, with their qualifier.

``hundreds of defectors`` → min 200, AtLeast; ``around 600 people`` → 600, Approximately;
``20 km`` → 20 km, Exact; ``at least 50`` → min 50, AtLeast; ``as many as 2,000`` → max 2000,
AtMost; ``30,000 yuan per person`` → a monetary amount of 30000 CNY; ``50 to 100 yuan`` →
min 50, max 100 CNY, Range (``around 60 to 65 yuan``: ApproximateRange); ``1,200 won to the
yuan`` → 1200 KPW per CNY; ``handed over 30 people`` → 30, Exact (the verb's particle, not a
qualifier); ``a fifth of every transfer`` → 20 percent (a fraction only of money sent). A decade ("the 2000s"), a multiple or a repetition ("three
times") and a number inside a name ("COVID-19") are no amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.lang.en.stop_words import STOP_WORDS

from .cues import SentenceWords, triggers
from .model import Quantity, Span
from .quantities_lexicon import (
    ANCHOR,
    APPROXIMATE_RANGE,
    AT_LEAST,
    AT_MOST,
    BETWEEN,
    CUR_POST,
    EXACT,
    FROM,
    GLUED,
    LONE_ONE,
    MULT,
    MULTIPLIERS,
    NOT_A_COUNT,
    NOT_COUNTED,
    PARTICLE_VERB,
    PER,
    QUAL_BEFORE,
    QUALIFIERS,
    RANGE,
    RANGE_AND,
    RANGE_TO,
    RATE_BASE,
    UNIT,
    VAGUE,
    VERBS,
    WORD,
    WORD_NUMBERS,
    currency_code,
    is_approximate,
    number,
    unit_key,
)


@dataclass
class QuantityMatch:
    """A quantity found in the text, before it is attached to anything.

    ``number`` is the value, or the lower bound of a range whose upper bound is ``high``.
    """

    span: Span
    qualifier: str
    number: Decimal
    unit_text: str | None
    currency: str | None
    high: Decimal | None = None


def as_quantity(match: QuantityMatch, local: str) -> Quantity:
    """The model's quantity: the number as value, lower or upper bound as its qualifier says,
    both bounds for a range."""
    value = low = high = None
    if match.high is not None:
        low, high = match.number, match.high
    elif match.qualifier == AT_LEAST:
        low = match.number
    elif match.qualifier == AT_MOST:
        high = match.number
    else:
        value = match.number
    return Quantity(
        local=local,
        span=match.span,
        qualifier=match.qualifier,
        value=value,
        min_value=low,
        max_value=high,
        unit_text=match.unit_text,
        currency=match.currency,
    )


def _noun_phrase(folded: str, pos: int, limit: int) -> tuple[str | None, int]:
    """Up to three words after a number that name what is counted (``North Korean defectors``)."""
    words: list[str] = []
    end = pos
    while len(words) < 3:
        m = WORD.match(folded, end, limit)
        if not m:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in STOP_WORDS or lower in VERBS or (words and lower.endswith(("ed", "ing"))):
            break
        words.append(word)
        end = m.end()
        if lower.endswith("s") and not lower.endswith("ss"):
            break  # a plural noun ends the phrase: "North Koreans", "defectors"
    if words and not any(w[0].islower() for w in words) and len(words) == 1:
        return (words[0], end) if words[0][0].isupper() and words[0].endswith("s") else (None, pos)
    return (" ".join(words), end) if words else (None, pos)


_TRIGGERS = triggers(
    "#num $ us$ hundreds thousands dozens scores several few dozen hundred thousand "
    "half third quarter fifth tenth " + " ".join(w for w in WORD_NUMBERS if " " not in w)
)


def find_quantities(
    folded: str, blocked: list[Span], sentences: list[Span], words: SentenceWords
) -> list[QuantityMatch]:
    """Quantities of the text, skipping numbers inside ``blocked`` spans (dates, references)."""
    found: list[tuple[int, QuantityMatch]] = []
    for index, sent in enumerate(sentences):
        if words.has(index, _TRIGGERS):
            found += _in_sentence(folded, sent, blocked)
    found.sort(key=lambda f: (f[0], f[1].span.begin))
    chosen: list[QuantityMatch] = []
    for _, q in found:
        if not any(q.span.overlaps(c.span) for c in chosen):
            chosen.append(q)
    chosen.sort(key=lambda q: q.span.begin)
    return chosen


def _in_sentence(folded: str, sent: Span, blocked: list[Span]) -> list[tuple[int, QuantityMatch]]:
    """Every reading of every number of a sentence, with a priority (lower wins an overlap)."""
    found: list[tuple[int, QuantityMatch]] = []
    e = sent.end
    for m in ANCHOR.finditer(folded, sent.begin, e):
        if m.group("vague"):
            readings = [_vague(folded, m, e)]
        else:
            readings = [*_range_at(folded, m, e), _at_number(folded, m, e)]
        found += [
            r for r in readings if r is not None and not any(r[1].span.overlaps(b) for b in blocked)
        ]
    for m in _FRACTION_SHARE.finditer(folded, sent.begin, sent.end):
        value, approximate = _FRACTIONS[m.group("f").lower()]
        qual = QUALIFIERS.get((m.group("q") or "").lower(), EXACT)
        if approximate and qual == EXACT:
            qual = QUALIFIERS["about"]
        found.append((0, QuantityMatch(Span(m.start(), m.end()), qual, value, "percent", None)))
    return found


# The share of a transfer named by a fraction ("a fifth of every transfer"): in percent, as
# a commission's share is; only of money sent, where it can be compared with percentages.
_FRACTION_SHARE = re.compile(
    r"\b(?:(?P<q>about|around|roughly|nearly|almost)\s+)?(?:(?:a|one)\s+)?"
    r"(?P<f>half|(?<=a\s)(?:third|quarter|fifth|tenth)|(?<=one\s)(?:third|quarter|fifth|tenth))"
    r"(?=\s+of\s+(?:(?:each|every|the|a|all|any|their|what"
    r"\s+is)\s+)?(?:transfers?|remittances?|money|amount|sum)\b)",
    re.IGNORECASE,
)
_FRACTIONS = {
    "half": (Decimal(50), False),
    "third": (Decimal("33.3"), True),
    "quarter": (Decimal(25), False),
    "fifth": (Decimal(20), False),
    "tenth": (Decimal(10), False),
}


def _vague(folded: str, m: re.Match[str], limit: int) -> tuple[int, QuantityMatch] | None:
    """A vague plural: "hundreds of defectors", "several thousand yuan" (its smallest number)."""
    value = Decimal(VAGUE[" ".join(m.group("vague").lower().split())])
    post = CUR_POST.match(folded, m.end(), limit)
    if post:
        currency = currency_code(post.group("cpost"))
        unit, end = _price_unit(folded, post.end(), limit, currency)
        return 3, QuantityMatch(Span(m.start(), end), AT_LEAST, value, unit, currency)
    noun, end = _noun_phrase(folded, m.end(), limit)
    if noun is None:
        return None
    return 3, QuantityMatch(Span(m.start(), end), AT_LEAST, value, noun, None)


def _price_unit(folded: str, pos: int, limit: int, currency: str) -> tuple[str | None, int]:
    """What a price is for, and where it ends: "per kilogram", or the currency an exchange
    rate prices ("1,200 won to the yuan" → "per CNY", one spelling for every wording)."""
    rate = RATE_BASE.match(folded, pos, limit)
    if rate:
        base = currency_code(rate.group("base"))
        if base != currency:
            return f"per {base}", rate.end()
    per = PER.match(folded, pos, limit)
    return (per.group("per"), per.end()) if per else (None, pos)


def _at_number(folded: str, m: re.Match[str], limit: int) -> tuple[int, QuantityMatch] | None:
    """The quantity built around one number: its qualifier, multiplier and unit or currency."""
    raw = m.group("num")
    pos = m.end()
    mult = MULT.match(folded, pos, limit)
    if mult:
        pos = mult.end()
    value = number(raw, mult.group("mult") if mult else None)
    if value is None or raw.lower() == LONE_ONE:
        return None
    qual_match = _qualifier_before(folded, m.start())
    begin = qual_match.start() if qual_match else m.start()
    qual_text = qual_match.group("qual").lower() if qual_match else ""
    qual = QUALIFIERS.get(qual_text, EXACT)
    currency = None
    if m.group("cpre"):
        currency = currency_code(m.group("cpre").strip())
    else:
        post = CUR_POST.match(folded, pos, limit)
        if post:
            currency, pos = currency_code(post.group("cpost")), post.end()
    if currency:
        unit_text, end = _price_unit(folded, pos, limit, currency)
        return 0, QuantityMatch(Span(begin, end), qual, value, unit_text, currency)
    unit = UNIT.match(folded, pos, limit)
    if unit:
        return 2, QuantityMatch(Span(begin, unit.end()), qual, value, unit.group("unit"), None)
    if GLUED.match(folded, pos, limit):
        return None  # "the 2000s", "3rd"
    if NOT_A_COUNT.match(folded, pos, limit) or _preceded_by_reference(folded, m.start()):
        return None
    noun, end = _noun_phrase(folded, pos, limit)
    if noun is None and not qual_text:
        return None
    if noun is not None and noun.split()[0].lower() in NOT_COUNTED:
        return None  # a multiple or a repetition ("three times the price"), not an amount
    if _year_like(raw) and not qual_text and (noun is None or noun[0].isupper()):
        return None
    return 4, QuantityMatch(Span(begin, end), qual, value, noun, None)


@dataclass
class _Lower:
    """A range's first number: its value, the unit or currency written after it, its end."""

    value: Decimal
    scaled: bool  # a multiplier follows it ("1 million to 2 million")
    currency: str | None
    unit: str | None
    end: int


def _lower(folded: str, m: re.Match[str], limit: int) -> _Lower | None:
    pos = m.end()
    mult = MULT.match(folded, pos, limit)
    pos = mult.end() if mult else pos
    value = number(m.group("num"), mult.group("mult") if mult else None)
    if value is None:
        return None
    currency = currency_code(m.group("cpre").strip()) if m.group("cpre") else None
    unit = None
    if currency is None and (post := CUR_POST.match(folded, pos, limit)):
        currency, pos = currency_code(post.group("cpost")), post.end()
    elif currency is None and (measure := UNIT.match(folded, pos, limit)):
        unit, pos = measure.group("unit"), measure.end()
    return _Lower(value, mult is not None, currency, unit, pos)


def _range_at(folded: str, m: re.Match[str], limit: int) -> list[tuple[int, QuantityMatch]]:
    """A range whose lower bound is the number of ``m``: "50 to 100 yuan", "3-5 km",
    "between 40 and 50 percent", "one to two kilometres" — the unit, currency and multiplier
    written once, after the upper bound, apply to both.

    "from X to Y" is a change ("rose from 5,000 to 6,000 won"), not a range, unless a word
    such as "ranging" or "anywhere" comes before "from": then X is its own value, in Y's unit.
    """
    low = _lower(folded, m, limit)
    start = m.start()
    qual_match = _qualifier_before(folded, start)
    lead_end = qual_match.start() if qual_match else start
    between = BETWEEN.search(folded, max(0, lead_end - 9), lead_end)
    joiner = (RANGE_AND if between else RANGE_TO).match(folded, low.end, limit) if low else None
    upper = ANCHOR.match(folded, joiner.end(), limit) if joiner else None
    if low is None or joiner is None or upper is None or not upper.group("num"):
        return []
    if _year_like(m.group("num")) and _year_like(upper.group("num")):
        return []
    reading = _at_number(folded, upper, limit)
    if reading is None:
        return []
    priority, top = reading
    if (low.currency and low.currency != top.currency) or (
        low.unit and (top.unit_text is None or unit_key(low.unit) != unit_key(top.unit_text))
    ):
        return []
    value = low.value
    top_mult = MULT.match(folded, upper.end(), limit)
    if not low.scaled and top_mult:
        scaled = value * MULTIPLIERS[top_mult.group("mult").lower()]
        value = scaled if scaled < top.number else value  # "between 1 and 2 million"
    qual_text = qual_match.group("qual").lower() if qual_match else ""
    lead = FROM.search(folded, max(0, lead_end - 24), lead_end)
    if lead and not lead.group("cue") and not between and joiner.group(0).strip().lower() == "to":
        if low.currency or low.unit or m.group("num").lower() == LONE_ONE:
            return []  # a change whose first value has its own unit: read on its own
        qual = QUALIFIERS.get(qual_text, EXACT)
        span = Span(lead_end, low.end)
        return [(priority, QuantityMatch(span, qual, value, top.unit_text, top.currency))]
    if value >= top.number:
        return []
    approximate = is_approximate(qual_text)
    begin = lead_end if approximate else between.start() if between else start
    qual = APPROXIMATE_RANGE if approximate else RANGE
    span = Span(begin, top.span.end)
    return [(-1, QuantityMatch(span, qual, value, top.unit_text, top.currency, high=top.number))]


def _qualifier_before(folded: str, start: int) -> re.Match[str] | None:
    """The qualifier right before a number ("at least", "over"), unless it is the particle
    of the verb before it ("handed over 30 people": 30 people, handed over)."""
    found = QUAL_BEFORE.search(folded, max(0, start - 24), start)
    if found is None or found.group("qual").lower() != "over":
        return found
    return (
        None if PARTICLE_VERB.search(folded, max(0, found.start() - 16), found.start()) else found
    )


def _preceded_by_reference(folded: str, begin: int) -> bool:
    before = folded[max(0, begin - 14) : begin].lower()
    return bool(re.search(r"(?:article|art\.|no\.|resolution|unscr|paragraph|route|#)\s*$", before))


def _year_like(raw: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d{2}", raw))

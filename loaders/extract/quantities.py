"""Reported amounts: counts, measures and prices, with their qualifier.

``hundreds of defectors`` → min 200, AtLeast; ``around 600 people`` → 600, Approximately;
``20 km`` → 20 km, Exact; ``at least 50`` → min 50, AtLeast; ``as many as 2,000`` → max 2000,
AtMost; ``30,000 yuan per person`` → a monetary amount of 30000 CNY.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from spacy.lang.en.stop_words import STOP_WORDS

from borderkg.ontology.namespaces import COUNTQ

from .cues import SentenceWords, triggers
from .model import Span

_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_QUALIFIERS = {
    **dict.fromkeys(
        (
            "at least",
            "more than",
            "over",
            "upwards of",
            "no fewer than",
            "no less than",
            "in excess of",
        ),
        str(COUNTQ.AtLeast),
    ),
    **dict.fromkeys(
        (
            "around",
            "about",
            "approximately",
            "roughly",
            "some",
            "an estimated",
            "estimated",
            "close to",
            "nearly",
            "almost",
        ),
        str(COUNTQ.Approximately),
    ),
    **dict.fromkeys(
        (
            "up to",
            "fewer than",
            "less than",
            "under",
            "no more than",
            "at most",
            "as many as",
            "as much as",
        ),
        str(COUNTQ.AtMost),
    ),
}
_VAGUE = {
    "hundreds of thousands of": 200_000,
    "tens of thousands of": 20_000,
    "hundreds of": 200,
    "thousands of": 2000,
    "dozens of": 24,
    "scores of": 40,
    "several hundred": 200,
    "several thousand": 2000,
    "a few hundred": 200,
    "a few thousand": 2000,
}
_CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "cny": "CNY",
    "chinese yuan": "CNY",
    "won": "KPW",
    "kpw": "KPW",
    "north korean won": "KPW",
}


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_I = re.IGNORECASE
# Anchors: a number (digits or a number word) or a vague plural ("hundreds of").
_ANCHOR = re.compile(
    rf"(?P<vague>\b(?:{_alt(_VAGUE)})\s+)|(?P<cpre>(?<![\w$])(?:US\$|\$|USD|CNY|RMB|KPW)\s?)?"
    rf"(?P<num>(?<![\w.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?|"
    rf"\b(?:{_alt(_WORD_NUMBERS)})\b)",
    _I,
)
_QUAL_BEFORE = re.compile(rf"\b(?P<qual>{_alt(_QUALIFIERS)})\s+$", _I)
_MULT = re.compile(rf"\s+(?P<mult>{_alt(_MULTIPLIERS)})\b", _I)
_CUR_POST = re.compile(
    r"\s*(?P<cpost>north korean won|chinese yuan|us dollars|dollars?|yuan|rmb|renminbi|cny|won|"
    r"kpw)\b",
    _I,
)
_UNIT = re.compile(
    r"(?:\s*|-)(?P<unit>km|kilometers?|kilometres?|meters?|metres?|miles?|kg|kilograms?|kilos?|"
    r"tons?|tonnes?|grams?|percent|per cent|%|hours?|days?|weeks?|months?|years?)(?!\w)",
    _I,
)
_PER = re.compile(r"\s+(?P<per>per\s+[a-z]+|a\s+(?:kilogram|kilo|kg|month|year|person|head))\b", _I)
_NOT_A_COUNT = re.compile(r"\s*(?:[-/.]\d|%)")
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'-]*)")
_VERBS = frozenset(
    [
        "left",
        "fled",
        "died",
        "crossed",
        "went",
        "came",
        "said",
        "arrived",
        "returned",
        "remain",
        "remained",
    ]
)


@dataclass
class QuantityMatch:
    """A quantity found in the text, before it is attached to anything."""

    span: Span
    qualifier: str
    number: Decimal
    unit_text: str | None
    currency: str | None


def _number(raw: str, mult: str | None) -> Decimal | None:
    raw = raw.lower()
    if raw in _WORD_NUMBERS:
        value = Decimal(_WORD_NUMBERS[raw])
    else:
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            return None
    if mult:
        value *= _MULTIPLIERS[mult.lower()]
    return value


def _noun_phrase(folded: str, pos: int, limit: int) -> tuple[str | None, int]:
    """Up to three words after a number that name what is counted (``North Korean defectors``)."""
    words: list[str] = []
    end = pos
    while len(words) < 3:
        m = _WORD.match(folded, end, limit)
        if not m:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in STOP_WORDS or lower in _VERBS or (words and lower.endswith(("ed", "ing"))):
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
    + " ".join(w for w in _WORD_NUMBERS if " " not in w)
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
    found: list[tuple[int, QuantityMatch]] = []
    e = sent.end
    for m in _ANCHOR.finditer(folded, sent.begin, e):
        if m.group("vague"):
            unit, end = _noun_phrase(folded, m.end(), e)
            span = Span(m.start(), end) if unit is not None else None
            if span is not None and not any(span.overlaps(b) for b in blocked):
                number = Decimal(_VAGUE[m.group("vague").strip().lower()])
                found.append((3, QuantityMatch(span, str(COUNTQ.AtLeast), number, unit, None)))
            continue
        quantity = _at_number(folded, m, e)
        if quantity is not None and not any(quantity[1].span.overlaps(b) for b in blocked):
            found.append(quantity)
    return found


def _at_number(folded: str, m: re.Match[str], limit: int) -> tuple[int, QuantityMatch] | None:
    """The quantity built around one number: its qualifier, multiplier and unit or currency."""
    raw = m.group("num")
    pos = m.end()
    mult = _MULT.match(folded, pos, limit)
    if mult:
        pos = mult.end()
    number = _number(raw, mult.group("mult") if mult else None)
    if number is None:
        return None
    qual_match = _QUAL_BEFORE.search(folded, max(0, m.start() - 24), m.start())
    begin = qual_match.start() if qual_match else m.start()
    qual_text = qual_match.group("qual").lower() if qual_match else ""
    qual = _QUALIFIERS.get(qual_text, str(COUNTQ.Exact))
    currency = None
    if m.group("cpre"):
        currency = _CURRENCIES[m.group("cpre").strip().lower()]
    else:
        post = _CUR_POST.match(folded, pos, limit)
        if post:
            currency, pos = _CURRENCIES[post.group("cpost").lower()], post.end()
    if currency:
        per = _PER.match(folded, pos, limit)
        unit_text = per.group("per") if per else None
        end = per.end() if per else pos
        return 0, QuantityMatch(Span(begin, end), qual, number, unit_text, currency)
    unit = _UNIT.match(folded, pos, limit)
    if unit:
        return 2, QuantityMatch(Span(begin, unit.end()), qual, number, unit.group("unit"), None)
    if _NOT_A_COUNT.match(folded, pos, limit) or _preceded_by_reference(folded, m.start()):
        return None
    noun, end = _noun_phrase(folded, pos, limit)
    if noun is None and not qual_text:
        return None
    if _year_like(raw) and not qual_text and (noun is None or noun[0].isupper()):
        return None
    return 4, QuantityMatch(Span(begin, end), qual, number, noun, None)


def _preceded_by_reference(folded: str, begin: int) -> bool:
    before = folded[max(0, begin - 14) : begin].lower()
    return bool(re.search(r"(?:article|art\.|no\.|resolution|unscr|paragraph|route|#)\s*$", before))


def _year_like(raw: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d{2}", raw))

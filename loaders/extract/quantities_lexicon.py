"""The words of reported amounts: number words, qualifiers, vague plurals, currencies, units.

Kept apart from ``quantities`` (the rules that build a quantity around a number) so that
the word lists can grow without the rules growing with them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from borderkg.ontology.namespaces import COUNTQ, PREFIXES

EXACT = str(COUNTQ.Exact)
APPROXIMATELY = str(COUNTQ.Approximately)
AT_LEAST = str(COUNTQ.AtLeast)
AT_MOST = str(COUNTQ.AtMost)
# Built from the prefix: the COUNTQ term list (ontology/namespaces.py) may not name them yet.
RANGE = PREFIXES["countq"] + "Range"
APPROXIMATE_RANGE = PREFIXES["countq"] + "ApproximateRange"

DIGIT_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
WORD_NUMBERS = {
    **{w: n for w, n in DIGIT_WORDS.items() if w != "one"},
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    **TENS,
    "a dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
#: "one" counts nothing alone ("one of the guards", "no one"), only as a range's low bound.
LONE_ONE = "one"
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_APPROXIMATE_WORDS = (
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
)
QUALIFIERS = {
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
        AT_LEAST,
    ),
    **dict.fromkeys(_APPROXIMATE_WORDS, APPROXIMATELY),
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
        AT_MOST,
    ),
}
VAGUE = {
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
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "us dollar": "USD",
    "american dollar": "USD",
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "cny": "CNY",
    "chinese yuan": "CNY",
    "won": "KPW",
    "kpw": "KPW",
    "north korean won": "KPW",
}
#: Nouns after a number that make it no amount: "three times a day", "ten times more".
NOT_COUNTED = frozenset(["times", "time"])


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_I = re.IGNORECASE
# A digit string not glued to a word before it: "COVID-19" and "MiG-21" are names, not counts.
_FREE = r"(?<![\w.,:])(?<![A-Za-z]-)"
#: A clock time is no quantity: "6 p.m.", "10:30 pm", "at 5 am", "eight o'clock".
_NOT_CLOCK = r"(?!\s?(?:[ap]\.\s?m\.|[ap]m\b|o['\u2019]clock\b)|:\d)"
_WORD_NUMBER = rf"\b(?:(?:{_alt(TENS)})-(?:{_alt(DIGIT_WORDS)})|{_alt(WORD_NUMBERS)}|{LONE_ONE})\b"
#: A number (digits or number words) or a vague plural ("hundreds of").
ANCHOR = re.compile(
    rf"(?P<vague>\b(?:{_alt(VAGUE)})\s+)|(?P<cpre>(?<![\w$])(?:US\$|\$|USD|CNY|RMB|KPW)\s?)?"
    rf"(?P<num>{_FREE}\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{_FREE}\d+(?:\.\d+)?|{_WORD_NUMBER})"
    rf"{_NOT_CLOCK}",
    _I,
)
QUAL_BEFORE = re.compile(rf"\b(?P<qual>{_alt(QUALIFIERS)})\s+$", _I)
#: A verb whose particle is the "over" before a number: "handed over 30 people", "turned over
#: 12 defectors" hand over or turn over 30, they do not count "over 30". "took over",
#: "passed over" are left as qualifiers: "took over 30 people into custody" counts.
PARTICLE_VERB = re.compile(r"\b(?:hand|turn)(?:s|ed|ing)?\s+$", _I)
MULT = re.compile(rf"\s+(?P<mult>{_alt(MULTIPLIERS)})\b", _I)
_CURRENCY_WORDS = (
    r"north korean won|chinese yuan|us dollars?|dollars?|yuan|rmb|renminbi|cny|won|kpw"
)
CUR_POST = re.compile(rf"\s*(?P<cpost>{_CURRENCY_WORDS})\b", _I)
UNIT = re.compile(
    r"(?:\s*|-)(?P<unit>km|kilometers?|kilometres?|meters?|metres?|miles?|kg|kilograms?|kilos?|"
    r"tons?|tonnes?|grams?|percent|per cent|%|hours?|days?|weeks?|months?|years?)(?!\w)",
    _I,
)
#: What a price is for: "per kilogram", "a month" (not "a month ago": that dates it).
PER = re.compile(
    r"\s+(?P<per>per\s+[a-z]+|a\s+(?:kilogram|kilo|kg|month|year|person|head))\b"
    r"(?!\s+(?:ago|earlier|before|later|back)\b)",
    _I,
)
#: The currency a rate is quoted against: "1,200 won to the yuan", "8,000 won per dollar".
RATE_BASE = re.compile(
    r"\s+(?:per\s+(?:one\s+|1\s+)?|(?:to|against|for)\s+(?:the|one|1|each|every|a)\s+|a\s+)"
    r"(?P<base>(?:us\s+|american\s+|chinese\s+)?(?:dollar|yuan|renminbi|rmb|usd|cny|won))s?\b",
    _I,
)
NOT_A_COUNT = re.compile(r"\s*(?:[-/.]\d|%)")
#: Letters glued to a number that is no unit: a decade ("2000s", "the '90s") or an ordinal.
GLUED = re.compile(r"'?[A-Za-z]")
WORD = re.compile(r"\s*([A-Za-z][A-Za-z'-]*)")
#: What joins a range's bounds: "50 to 100", "3-5", "two or three"; after "between", "and".
RANGE_TO = re.compile(r"\s*-\s*|\s+(?:to|or)\s+", _I)
RANGE_AND = re.compile(r"\s+and\s+", _I)
BETWEEN = re.compile(r"\bbetween\s+$", _I)
#: "from X to Y" is a range only after these words; otherwise it is a change, two values.
FROM = re.compile(
    r"(?P<cue>\b(?:anywhere|rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))\s+)?\bfrom\s+$", _I
)
VERBS = frozenset(
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
_UNIT_FORMS = {
    "km": "kilometre",
    "kilometer": "kilometre",
    "meter": "metre",
    "kg": "kilogram",
    "kilo": "kilogram",
    "%": "percent",
}


def is_approximate(qualifier_words: str) -> bool:
    """Whether words in front of a number hedge it ("around", "about" …)."""
    return qualifier_words.lower() in _APPROXIMATE_WORDS


def currency_code(word: str) -> str:
    """The ISO 4217 code of a currency word or sign ("yuan" → CNY, "US dollars" → USD)."""
    key = " ".join(word.lower().split())
    return CURRENCIES.get(key) or CURRENCIES[key.removesuffix("s")]


def unit_key(unit: str) -> str:
    """One spelling per unit, to tell whether two bounds of a range share it."""
    key = " ".join(unit.lower().split()).replace("per cent", "percent")
    key = key.removesuffix("s") if len(key) > 2 else key
    return _UNIT_FORMS.get(key, key)


def number(raw: str, mult: str | None) -> Decimal | None:
    """The value of a number as written ("2,000", "twenty-five", "a dozen") times a multiplier."""
    raw = raw.lower()
    if raw in WORD_NUMBERS or raw == LONE_ONE:
        value = Decimal(WORD_NUMBERS.get(raw, 1))
    elif "-" in raw:
        tens, digit = raw.split("-")
        value = Decimal(TENS[tens] + DIGIT_WORDS[digit])
    else:
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            return None
    if mult:
        value *= MULTIPLIERS[mult.lower()]
    return value

"""Regulations and other subordinate instruments found by the shape of their names.

Chinese and North Korean rules below a statute are named in English by a head word:
``the Jilin Provincial Border Area Management Regulations`` (head last), ``Regulations on
the Administration of Exit and Entry of Foreigners`` (head first, a capitalised title after
``on``/``for``/``of``) or ``Interim Measures for the Administration of …`` (both). The head
words (``Regulations``, ``Measures``, ``Provisions``, ``Rules``, ``Ordinance``,
``Decision``) are also plain nouns, so a match needs capitals that only a title has:

* the head word itself capitalised (``new regulations`` and ``the border rules`` never match);
* a name that is not just generic modifiers (``Interim Measures``, ``New Rules``) unless a
  title follows the head;
* a title of two capitalised words or more after a head word that opens the name (``Rules
  of Conduct`` is none), and ``Decision`` only so (``Decision on Strengthening Border
  Control``: ``the United Nations Decision`` or a court's decision is no instrument's title);
* nothing at the start of a sentence, where a capital says nothing, unless the name holds a
  word that is not a generic modifier, and never ``Measures``, ``Rules`` or ``Decision``
  there (``Measures to curb smuggling …``, ``Emergency Measures were …``);
* no title-case line (a headline: ``China Tightens Border Rules``).

The legal type is the scheme's: ``Regulation`` (rules made under a law, not a statute) and
``Decree`` for a decision of a state organ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from borderkg.ontology.namespaces import LEGALTYPE

from .cues import SentenceWords, triggers
from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .model import Span

_DATES = "|".join((*MONTH_NAMES, *WEEKDAY_NAMES))
_CAPITALISED = rf"(?!(?:{_DATES})\b)[A-Z](?:[\w-]|"  # a capitalised word that is no date
# ... swallowing no possessive ("Jilin's" stops at "Jilin")
_W = _CAPITALISED + r"'(?!s\b))*"
# ... or, in a title after the head word, with a possessive of the name ("People's Republic")
_WP = _CAPITALISED + r"'s?(?=\s+[A-Z]))*"
_HEADS = r"Regulations|Measures|Provisions|Rules|Ordinance|Decision"
# the title after a head word: "on the Administration of Exit and Entry of Foreigners"
_TITLE = (
    rf"\s+(?:on|for|of|concerning|governing)\s+(?:the\s+)?{_WP}"
    rf"(?:\s+(?:(?:and|of|on|for|in|the|to)\s+)*{_WP}){{0,9}}"
)
_NAMED = re.compile(
    rf"(?<![\w'-])(?P<name>{_W}(?:(?:\s+|-)(?:(?:and|of|on|for)\s+)?{_W}){{0,8}}\s+)?"
    rf"(?P<head>{_HEADS})\b(?P<title>{_TITLE})?"
)
_TRIGGERS = triggers("regulations measures provisions rules ordinance decision")

#: Words that open a clause or qualify a head without naming anything: a name made of them
#: alone is no title ("the New Rules", "Interim Measures").
_LEADING = frozenset(
    {
        "the", "a", "an", "under", "in", "at", "by", "with", "per", "from", "since", "after",
        "before", "according", "its", "their", "his", "her", "this", "these", "that", "those",
        "both", "all", "any", "such", "new", "revised", "amended", "draft", "and", "but",
        "while", "when", "if", "as", "last", "earlier", "meanwhile", "citing", "violating",
        *(name.lower() for name in (*MONTH_NAMES, *WEEKDAY_NAMES)),
    }
)  # fmt: skip
_GENERIC = _LEADING | frozenset(
    {
        "interim", "provisional", "temporary", "additional", "detailed", "implementing",
        "implementation", "administrative", "administration", "management", "border",
        "security", "emergency", "special", "relevant", "several", "general", "basic", "local",
        "national", "provincial", "municipal", "county", "city", "state", "public", "strict",
        "stricter", "tough", "tougher", "harsh", "harsher", "current", "existing", "old",
        "further", "quarantine", "epidemic", "anti-epidemic", "prevention", "control",
        "safety", "trade", "customs", "area", "zone", "entry", "exit", "supplementary",
        "official", "party", "government", "key", "main", "final", "strictest", "crackdown",
    }
)  # fmt: skip
#: Heads too common as plain nouns to lead a sentence's name ("Measures to curb …").
_NOT_INITIAL = frozenset({"Measures", "Rules", "Decision"})


@dataclass(frozen=True)
class NamedInstrument:
    """A span naming an instrument, its label and its legal type (IRI)."""

    begin: int
    end: int
    label: str
    legal_type: str


def find_named_instruments(
    folded: str, sentences: list[Span], words: SentenceWords
) -> list[NamedInstrument]:
    """Regulations, measures, provisions, rules, ordinances and decisions named by title."""
    out: list[NamedInstrument] = []
    for index, sent in enumerate(sentences):
        if not words.has(index, _TRIGGERS):
            continue
        for m in _NAMED.finditer(folded, sent.begin, sent.end):
            found = _accept(folded, sent, m)
            if found is not None:
                out.append(found)
    return out


def _accept(folded: str, sent: Span, m: re.Match[str]) -> NamedInstrument | None:
    head, title = m.group("head"), m.group("title")
    begin = m.start("name") if m.group("name") else m.start("head")
    names = _words(folded[begin : m.start("head")])
    # drop the words that open the clause ("The", "Under the", "Citing the")
    while names and names[0][1].lower() in _LEADING:
        names = names[1:]
    begin = names[0][0] + begin if names else m.start("head")
    label_words = [w for _, w in names]
    initial = _sentence_initial(folded, sent, begin)
    if _title_case_line(folded, m.start()):
        return None
    proper = [w for w in label_words if w.lower() not in _GENERIC]
    if initial and (head in _NOT_INITIAL or not (proper or title)):
        return None
    if not label_words and not title:
        return None
    if head == "Measures" and not proper and not title:
        return None  # "Interim Measures", "Emergency Quarantine Measures": the policy sense
    if not proper and not title and len(label_words) < 2:
        return None  # "Border Rules", "New Regulations"
    if head == "Decision" and (label_words or not title or not title.lstrip().startswith("on ")):
        return None  # only "Decision on …": "the United Nations Decision" is no title
    if not label_words and title and len(_capitalised(title)) < 2:
        return None  # "Rules of Conduct"
    end = m.end()
    label = re.sub(r"\s+", " ", folded[begin:end])
    legal_type = LEGALTYPE.Decree if head == "Decision" else LEGALTYPE.Regulation
    return NamedInstrument(begin, end, label, str(legal_type))


def _capitalised(chunk: str) -> list[str]:
    return [w for w in re.findall(r"[\w'-]+", chunk) if w[0].isupper()]


def _words(chunk: str) -> list[tuple[int, str]]:
    return [(w.start(), w.group(0)) for w in re.finditer(r"[\w'-]+", chunk)]


_OPENING = re.compile(r"[\s\"'\u201c\u2018(\[-]*")


def _sentence_initial(folded: str, sent: Span, begin: int) -> bool:
    """Whether the name is the first word of its sentence or line (a capital says nothing)."""
    line = folded.rfind("\n", sent.begin, begin) + 1 or sent.begin
    start = _OPENING.match(folded, line).end()  # type: ignore[union-attr]
    return start >= begin


_SMALL = frozenset({"a", "an", "the", "and", "or", "of", "on", "in", "for", "to", "at", "by"})


def _title_case_line(folded: str, at: int) -> bool:
    """A line whose every word but small ones is capitalised and that ends without a stop:
    a headline or a subheading, where capitals mark no name."""
    start = folded.rfind("\n", 0, at) + 1
    end = folded.find("\n", at)
    line = folded[start : end if end >= 0 else len(folded)].strip()
    if not line or line[-1] in ".!?\"'\u201d":
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", line) if w.lower() not in _SMALL]
    return len(words) >= 3 and all(w[0].isupper() for w in words)

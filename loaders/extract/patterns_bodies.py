"""Bodies the vocabulary lacks, found by the shape of their names.

A court (``the Yanbian Intermediate People's Court``, ``the Yanji District Court``), a
local police office named by its place (``the Changbai County public security bureau``,
``the public security bureau of Changbai County``), China's coast guard (``China Coast
Guard``, ``the Chinese coast guard``, ``China's coast guard``: one node) and a
non-governmental body by the head word its kind of name ends in (``the Northeast Asia
Refugee Rights Network``, ``... Watch``, ``... Foundation``). The annotation guide counts a
named body as an actor and leaves generic ones out ("a court in Yanji", "the public security
bureau" alone), so each pattern needs a capitalised name. ``linking`` lets the vocabulary
win ties, so curated bodies (``Dandong Public Security Bureau``, ``Human Rights Watch``)
keep their curated node.
"""

from __future__ import annotations

import re

from borderkg import iris
from borderkg.ontology.namespaces import ACTORTYPE, BKG

from .cues import SentenceWords, triggers
from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .model import Span
from .patterns import PatternMatch

# A capitalised word (no possessive), as in ``patterns``.
_W = r"[A-Z](?:[\w-]|'(?!s\b))*"
# "the" is no link inside a body's name: "August the Ryanggang Provincial Party Committee"
_LINK = r"(?:and|of|on|for)"
_ORGANIZATION = (str(BKG.Organization),)
_CHINA = str(iris.place_iri("china"))
_DPRK = str(iris.place_iri("north-korea"))
# What a pattern knows of the body it finds: its actor type (a court is no NGO, so only
# state bodies can be a measure's agent) and, for China's police and coast guard, the country.
_COURT_EXTRA = {"actor_type": str(ACTORTYPE.Judiciary)}
_NGO_EXTRA = {"actor_type": str(ACTORTYPE.NGO)}

#: Words that open a clause rather than name a body.
_NOT_NAMES = frozenset(
    {
        "the", "a", "an", "in", "at", "on", "by", "of", "for", "from", "to", "since", "after",
        "before", "under", "according", "last", "this", "that", "these", "those", "its",
        "their", "his", "her", "our", "and", "but", "while", "when", "meanwhile", "earlier",
        *(name.lower() for name in (*MONTH_NAMES, *WEEKDAY_NAMES)),
    }
)  # fmt: skip
#: Words that qualify a police office without naming its place ("the county public
#: security bureau", "the Chinese public security bureau").
_QUALIFIERS = frozenset(
    {
        "chinese", "china", "korean", "north", "south", "local", "provincial", "county",
        "city", "municipal", "prefecture", "district", "national", "state", "central",
    }
)  # fmt: skip

_COURT = re.compile(rf"(?<![\w'-])(?P<name>{_W}(?:\s+{_W}){{0,4}})\s+(?:People's\s+Court|Court)\b")
_COURT_KINDS = frozenset({"intermediate", "higher", "district", "municipal", "county", "basic"})
_PSB = re.compile(
    rf"(?<![\w'-])(?P<name>{_W}(?:\s+{_W}){{0,4}})\s+(?:(?:municipal|city|county)\s+)?"
    r"[Pp]ublic\s+[Ss]ecurity\s+[Bb]ureau\b"
)
_PSB_OF = re.compile(
    rf"\b[Pp]ublic\s+[Ss]ecurity\s+[Bb]ureau\s+of\s+(?:the\s+)?"
    rf"(?P<name2>{_W}(?:\s+{_W}){{0,4}}\s+(?:County|City|Prefecture|District))\b"
)
# North Korea's local government: "the Ryanggang Provincial People's Committee".
_PEOPLES_COMMITTEE = re.compile(
    rf"(?<![\w'-])(?P<name>{_W}(?:\s+{_W}){{0,2}})\s+(?:Provincial|City|County|Municipal)\s+"
    r"People's\s+Committee\b"
)
_COAST_GUARD = re.compile(r"\b(?:China|Chinese|China's)\s+[Cc]oast\s+[Gg]uard\b")
_NGO = re.compile(
    rf"(?<![\w'-])(?P<name>{_W}(?:\s+(?:{_LINK}\s+)?{_W}){{0,5}})\s+"
    r"(?P<head>Network|Watch|Alliance|Coalition|Foundation|Institute|Centre|Center|"
    r"Association|Committee)\b"
    rf"(?P<tail>\s+(?:for|of|on)\s+(?:the\s+)?{_W}(?:\s+(?:{_LINK}\s+)?{_W}){{0,5}})?"
)
# A centre that names a site (a detention or holding centre) is a place, not a body.
_SITE_WORDS = frozenset(
    {
        "detention", "holding", "training", "quarantine", "reception", "transit", "border",
        "medical", "service", "logistics", "business", "trade", "trading", "exhibition",
        "shopping", "distribution", "customs", "inspection", "news", "media", "data", "press",
    }
)  # fmt: skip
_COURT_TRIGGERS = triggers("court")
_PSB_TRIGGERS = triggers("bureau")
_COMMITTEE_TRIGGERS = triggers("committee")
_GUARD_TRIGGERS = triggers("guard")
_NGO_TRIGGERS = triggers(
    "network watch alliance coalition foundation institute centre center association committee"
)


def _name_start(folded: str, begin: int, end: int) -> int:
    """Move ``begin`` past leading words that are not part of a name (``The``, ``In``)."""
    while begin < end:
        word = re.match(r"[\w'-]+", folded[begin:end])
        if word is None or word.group(0).lower() not in _NOT_NAMES:
            return begin
        gap = re.match(r"[\w'-]+\s+", folded[begin:end])
        if gap is None:
            return end
        begin += gap.end()
    return begin


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text)


def _court(folded: str, m: re.Match[str]) -> PatternMatch | None:
    begin = _name_start(folded, m.start("name"), m.end("name"))
    name = _words(folded[begin : m.end("name")])
    if not name:
        return None
    peoples = "People's" in m.group(0)
    # "X Court" alone is a building or a sports court unless a court kind names it
    if not peoples and (len(name) < 2 or name[-1].lower() not in _COURT_KINDS):
        return None
    if peoples and len(name) == 1 and name[0].lower() in _COURT_KINDS:
        return None  # "the Intermediate People's Court" names no place
    label = re.sub(r"\s+", " ", folded[begin : m.end()])
    return PatternMatch(begin, m.end(), label, _ORGANIZATION, "actor", dict(_COURT_EXTRA))


def _short_place(name: str) -> str:
    """The place as a bureau's name gives it: a city bureau is "Dandong Public Security
    Bureau", and "Korean Autonomous" drops out ("Yanbian Prefecture Public Security Bureau"),
    so that every wording of one bureau is one node (the curated one where there is one)."""
    name = re.sub(r"\s+Korean\s+Autonomous(?=\s+(?:County|Prefecture)$)", "", name)
    return re.sub(r"\s+City$", "", name)


def _psb(folded: str, m: re.Match[str]) -> PatternMatch | None:
    if "name2" in m.re.groupindex:
        name = re.sub(r"\s+", " ", m.group("name2"))
        begin, end = m.start(), m.end()
    else:
        begin = _name_start(folded, m.start("name"), m.end("name"))
        if begin >= m.end("name"):
            return None
        name = re.sub(r"\s+", " ", folded[begin : m.end("name")])
        end = m.end()
    if not name[:1].isupper() or all(w.lower() in _QUALIFIERS for w in _words(name)):
        return None
    label = f"{_short_place(name)} Public Security Bureau"
    extra: dict[str, object] = {
        "label": label,
        "actor_type": str(ACTORTYPE.Police),
        "country": _CHINA,
    }
    return PatternMatch(begin, end, label, _ORGANIZATION, "actor", extra)


def _peoples_committee(folded: str, m: re.Match[str]) -> PatternMatch | None:
    begin = _name_start(folded, m.start("name"), m.end("name"))
    if begin >= m.end("name"):
        return None
    label = re.sub(r"\s+", " ", folded[begin : m.end()])
    extra: dict[str, object] = {
        "label": label,
        "actor_type": str(ACTORTYPE.LocalAuthority),
        "country": _DPRK,
    }
    return PatternMatch(begin, m.end(), label, _ORGANIZATION, "actor", extra)


def _ngo(folded: str, m: re.Match[str]) -> PatternMatch | None:
    begin = _name_start(folded, m.start("name"), m.end("name"))
    name = _words(folded[begin : m.end("name")])
    if not name:
        return None
    head = m.group("head")
    if head in ("Centre", "Center") and name[-1].lower() in _SITE_WORDS:
        return None
    if head == "Network" and name[-1].lower() in _SITE_WORDS:
        return None  # "Example News Network": an outlet
    # a one-word name before the head ("UN Committee", "Korea Institute") needs its
    # "for ..." tail to be a name
    end = m.end() if m.group("tail") else m.end("head")
    if len(name) < 2 and not m.group("tail"):
        return None
    label = re.sub(r"\s+", " ", folded[begin:end])
    return PatternMatch(begin, end, label, _ORGANIZATION, "actor", dict(_NGO_EXTRA))


_GUARD_LABEL = "China Coast Guard"


def find_bodies(folded: str, sentences: list[Span], words: SentenceWords) -> list[PatternMatch]:
    """Courts, police offices, people's committees, the coast guard and NGOs named in the
    article."""
    out: list[PatternMatch] = []
    rules = (
        (_COURT, _COURT_TRIGGERS, _court),
        (_PSB, _PSB_TRIGGERS, _psb),
        (_PSB_OF, _PSB_TRIGGERS, _psb),
        (_PEOPLES_COMMITTEE, _COMMITTEE_TRIGGERS, _peoples_committee),
        (_NGO, _NGO_TRIGGERS, _ngo),
    )
    for index, sent in enumerate(sentences):
        for pattern, wanted, build in rules:
            if not words.has(index, wanted):
                continue
            for m in pattern.finditer(folded, sent.begin, sent.end):
                built = build(folded, m)
                if built is not None:
                    out.append(built)
        if words.has(index, _GUARD_TRIGGERS):
            for m in _COAST_GUARD.finditer(folded, sent.begin, sent.end):
                extra: dict[str, object] = {
                    "label": _GUARD_LABEL,
                    "actor_type": str(ACTORTYPE.BorderGuard),
                    "country": _CHINA,
                }
                out.append(
                    PatternMatch(m.start(), m.end(), _GUARD_LABEL, _ORGANIZATION, "actor", extra)
                )
    return out

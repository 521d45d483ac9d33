"""Entities the vocabulary lacks, found by the shape of their names.

``X County`` / ``X Province`` / ``X City`` (places), ``Ministry of X`` / ``X Ministry``
(organisations), ``X Act`` / ``X Law`` / ``X Code`` / ``Law on X`` (capitalised laws),
``Resolution NNNN`` / ``UNSCR NNNN`` (UN Security Council resolutions), regulations and
other rules named by title (``legal_names``), the place in
``a source in X`` and a single capitalised name after ``in`` or ``at`` (``speaking in
Geneva``; not months, days or languages). Each match proposes a label and a type; ``linking`` decides whether the
vocabulary already covers the span (longest match wins, the vocabulary wins ties).
The expressions run on the folded text, and only on sentences holding their trigger word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from borderkg.ontology.namespaces import BKG, LEGALTYPE

from .cues import SentenceWords, anchored, triggers
from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .legal_names import find_named_instruments
from .model import Entity, Span

# A capitalised word, never swallowing a possessive ("Korea's" stops at "Korea").
_W = r"[A-Z](?:[\w-]|'(?!s\b))*"
_LINK = r"(?:and|of|on|for|against|the)"
_LEADING_NOISE = STOP_WORDS | {
    "according",
    "authorities",
    "last",
    "earlier",
    "since",
    "meanwhile",
    "local",
    "residents",
    "officials",
    "sources",
    "under",
    *(name.lower() for name in (*MONTH_NAMES, *WEEKDAY_NAMES)),
}
_NOT_LAWS = {"martial law", "international law", "domestic law", "rule of law"}

#: Role nouns after which ``in X`` names where an (anonymous) speaker is.
SOURCE_ROLES = (
    "source",
    "sources",
    "official",
    "officials",
    "trader",
    "traders",
    "resident",
    "residents",
    "informant",
    "insider",
    "smuggler",
    "broker",
    "merchant",
    "officer",
    "cadre",
)

_PLACE = re.compile(
    rf"(?<![\w'-])(?P<name>{_W}(?:\s+{_W}){{0,4}})\s+(?P<kind>County|Province|City|Prefecture|"
    r"District)\b"
)
_MINISTRY_OF = re.compile(rf"\bMinistry\s+of\s+(?:the\s+)?{_W}(?:\s+(?:{_LINK}\s+)?{_W}){{0,5}}")
_X_MINISTRY = re.compile(rf"(?<![\w'-]){_W}(?:\s+{_W}){{0,3}}\s+Ministry\b")
# "Law on the Rejection of Reactionary Thought and Culture": a title led by its kind word.
_LAW_ON = re.compile(rf"\bLaw\s+(?:on|of|for)\s+(?:the\s+)?{_W}(?:\s+(?:{_LINK}\s+)?{_W}){{0,7}}")
_LAW = re.compile(
    rf"(?<![\w'-]){_W}(?:(?:\s+|-)(?:{_LINK}\s+)?{_W}){{0,7}}\s+(?P<kind>Act|Law|Code)\b"
)
# A capitalised word that may carry a possessive inside a name ("People's Congress").
_WP = r"[A-Z](?:[\w-]|'s?(?=\s+[A-Z]))*"
_COMMITTEE = re.compile(
    rf"\b(?:Standing|Central|Permanent|Executive|Military) (?:Committee|Commission) (?:of|for) "
    rf"(?:the )?"
    rf"{_WP}(?:\s+(?:{_LINK}\s+)?{_WP}){{0,5}}"
)
_PLACE_OF = re.compile(
    rf"\b(?:port|city|town|village|county|province|district|border town|border city) of "
    rf"(?P<name>{_W}(?:\s+{_W}){{0,2}})"
)
_SOURCE_PLACE = re.compile(
    rf"\b(?:{'|'.join(SOURCE_ROLES)})\s+(?:in|from|near|inside)\s+(?P<name>{_W}(?:\s+{_W}){{0,3}})"
)
# A single capitalised word after "in" or "at" is where something happens ("speaking in
# Geneva"), unless it is a month, a day, a language, a word that starts a longer name or
# one that modifies the noun after it ("at Party meetings").
_IN_PLACE = re.compile(
    r"(?:in|at)\s+(?P<name>[A-Z][a-z]{3,})(?=\s+(?:on|last|this|next|earlier|later|in|and|"
    r"where|when|that|which|to|for|after|before|since|during|until|said|says|was|were|is|are|"
    r"has|had|have|will|would)\b|[,.;:!?])"
)
_NOT_PLACES = frozenset(
    {
        *(name.lower() for name in (*MONTH_NAMES, *WEEKDAY_NAMES)),
        "sept", "aug", "oct", "nov", "dec", "chinese", "korean", "english",
        "russian", "japanese", "mandarin", "hangul", "christmas", "chuseok", "easter",
        "spring", "summer", "autumn", "winter", "north", "south", "east", "west", "article",
        "paragraph", "section", "chapter", "court", "parliament", "congress", "public",
        "private", "total", "practice", "theory", "person", "time", "addition", "response",
        "particular", "general", "fact", "turn", "short", "part", "full", "recent", "future",
        "persons", "people", "women", "children", "refugees", "charge", "force", "need",
    }
)  # fmt: skip
_RULES = (
    ("PLACE", _PLACE, triggers("county province city prefecture district")),
    ("MINISTRY", _MINISTRY_OF, triggers("ministry")),
    ("MINISTRY", _X_MINISTRY, triggers("ministry")),
    ("LAW", _LAW, triggers("act law code")),
    ("LAW", _LAW_ON, triggers("law")),
    ("SOURCE_PLACE", _SOURCE_PLACE, triggers(" ".join(SOURCE_ROLES))),
    ("COMMITTEE", _COMMITTEE, triggers("committee commission")),
    ("PLACE_OF", _PLACE_OF, triggers("port city town village county province district")),
)


@dataclass
class PatternMatch:
    """A span proposed as an entity the vocabulary may lack."""

    begin: int
    end: int
    label: str
    types: tuple[str, ...]
    namespace: str  # "place", "actor" or "legal"
    extra: dict[str, object] = field(default_factory=dict)

    def entity(self, iri: str, label: str) -> Entity:
        """The unreviewed entity this match mints, with what its pattern knows of it
        (``extra``: admin level, legal type, actor type, country)."""
        level, extra = self.extra.get("admin_level"), self.extra
        return Entity(
            iri=iri,
            types=self.types,
            label=label,
            curated=False,
            country=str(extra["country"]) if "country" in extra else None,
            actor_type=str(extra["actor_type"]) if "actor_type" in extra else None,
            admin_level=int(level) if isinstance(level, int) else None,
            legal_type=str(extra["legal_type"]) if "legal_type" in extra else None,
        )


def find_patterns(folded: str, sentences: list[Span], words: SentenceWords) -> list[PatternMatch]:
    """All name-shape matches of an article (folded text)."""
    out: list[PatternMatch] = []
    # "in Geneva" needs no sentence filter: one scan of the whole text is cheaper.
    for m in anchored(_IN_PLACE, ("in ", "at "), folded, folded):
        built = _build("IN_PLACE", folded, m)
        if built is not None:
            out.append(built)
    for rule, pattern, wanted in _RULES:
        for index, sent in enumerate(sentences):
            if not words.has(index, wanted):
                continue
            for m in pattern.finditer(folded, sent.begin, sent.end):
                built = _build(rule, folded, m)
                if built is not None:
                    out.append(built)
    for found in find_named_instruments(folded, sentences, words):
        extra: dict[str, object] = {"legal_type": found.legal_type}
        out.append(PatternMatch(found.begin, found.end, found.label, _LEGAL, "legal", extra))
    return out


_DATE_WORDS = "|".join((*MONTH_NAMES, *WEEKDAY_NAMES))
# "handed to the Ministry of State Security on Thursday": a name's pattern may run on over a
# link word into the date after it.
_DATE_TAIL = re.compile(rf"(?:\s+{_LINK})+\s+(?:{_DATE_WORDS})\b.*$", re.DOTALL)


def _cut_date_tail(folded: str, begin: int, end: int) -> int:
    """End a name before a trailing ``on Thursday`` / ``in March`` its pattern ran into."""
    tail = _DATE_TAIL.search(folded, begin, end)
    return tail.start() if tail else end


# A sentence-initial participle before a determiner leads the clause, not the name:
# "Citing the Land Border Law, …", "Violating the Criminal Code …".
_LEADING_VERB = re.compile(r"[A-Z][a-z]+(?:ing|ed)\s+(?=(?:the|a|an|its|their|this|that)\s)")


def _skip_noise(folded: str, begin: int, end: int) -> int:
    """Move the start past leading capitalised function words (``The``, ``In``, ``Last``)
    and a participle that opens the clause (``Citing the``)."""
    while True:
        word = re.match(r"[\w'-]+", folded[begin:end])
        if not word:
            return begin
        rest = re.match(r"[\w'-]+\s+", folded[begin:end])
        if rest is None:
            return begin
        if word.group(0).lower() not in _LEADING_NOISE and not _LEADING_VERB.match(
            folded, begin, end
        ):
            return begin
        begin += rest.end()


# Types of found entities, as strings once (a namespace attribute is built anew each time).
_LOCATION, _SETTLEMENT, _ORGANIZATION, _LEGAL = (
    (str(BKG.Location),),
    (str(BKG.Settlement),),
    (str(BKG.Organization),),
    (str(BKG.LegalInstrument),),
)


def _build(rule: str, folded: str, m: re.Match[str]) -> PatternMatch | None:
    if rule == "IN_PLACE":
        name = m.group("name")
        if name.lower() in _NOT_PLACES:
            return None
        return PatternMatch(m.start("name"), m.end("name"), name, _LOCATION, "place")
    if rule in ("SOURCE_PLACE", "PLACE_OF"):
        begin, end = m.start("name"), m.end("name")
        label = folded[begin:end]
        kind = m.group(0).split()[0].lower()
        settlement = rule == "PLACE_OF" and kind in ("port", "city", "town", "village", "border")
        types = _SETTLEMENT if settlement else _LOCATION
        return PatternMatch(begin, end, label, types, "place")
    if rule == "COMMITTEE":
        end = _cut_date_tail(folded, m.start(), m.end())
        label = re.sub(r"\s+", " ", folded[m.start() : end])
        return PatternMatch(m.start(), end, label, _ORGANIZATION, "actor")
    begin = _skip_noise(folded, m.start(), m.end())
    end = _cut_date_tail(folded, begin, m.end())
    label = re.sub(r"\s+", " ", folded[begin:end])
    if " " not in label:
        return None
    if rule == "PLACE":
        kind = m.group("kind")
        name_start = max(begin, m.start("name"))
        head = folded[name_start : m.end("name")]
        if kind == "Province":
            types, extra = (str(BKG.AdministrativeArea),), {"admin_level": 1}
        elif kind == "Prefecture":
            types, extra = (str(BKG.AdministrativeArea),), {"admin_level": 2}
        elif kind == "City":
            types, extra = _SETTLEMENT, {}
        else:
            types, extra = (str(BKG.AdministrativeArea),), {"admin_level": 3}
        extra["head"] = head
        return PatternMatch(begin, end, label, types, "place", extra)
    if rule == "MINISTRY":
        return PatternMatch(begin, end, label, _ORGANIZATION, "actor")
    if label.lower() in _NOT_LAWS:
        return None
    legal_type = LEGALTYPE.CriminalCode if "Criminal" in label else LEGALTYPE.NationalLaw
    return PatternMatch(
        begin,
        end,
        label,
        (str(BKG.LegalInstrument),),
        "legal",
        {"legal_type": str(legal_type)},
    )


_RESOLUTION = re.compile(
    r"\b(?:(?:UN|U\.N\.|United Nations)\s+)?(?:(?:Security Council|UNSC)\s+)?"
    r"[Rr]esolutions?\s+(?:No\.?\s*)?(\d{3,4})((?:(?:,\s*|\s+and\s+|,\s+and\s+)\d{3,4})*)\b"
    r"|\bUNSCRs?\s*(\d{3,4})\b"
)
_RESOLUTION_TRIGGERS = triggers("resolution resolutions unscr unscrs")
_NUMBER = re.compile(r"\d{3,4}")


def find_resolutions(
    folded: str, sentences: list[Span], words: SentenceWords
) -> list[tuple[int, int, str]]:
    """``(begin, end, number)`` of every UN Security Council resolution named by number."""
    out: list[tuple[int, int, str]] = []
    for index, sent in enumerate(sentences):
        if not words.has(index, _RESOLUTION_TRIGGERS):
            continue
        for m in _RESOLUTION.finditer(folded, sent.begin, sent.end):
            if m.group(3):
                out.append((m.start(), m.end(), m.group(3)))
                continue
            out.append((m.start(), m.start(2), m.group(1)))
            for extra in _NUMBER.finditer(m.group(2) or ""):
                b = m.start(2) + extra.start()
                out.append((b, b + len(extra.group(0)), extra.group(0)))
    return out

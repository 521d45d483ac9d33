"""Curated entities an article names by what they are and where, not by their name.

Reports name a facility, a crossing or a provincial body by a description and its place:
"the detention centre in Dandong", "holding centres run by the Ministry of State Security in
Sinuiju and Onsong", "the bridge between Tumen and Namyang", "the railway bridge that links
Tumen with the town of Namyang", "the bridge to Namyang", "the provincial security bureau in
Hyesan". The place decides which curated entity is meant: the facility of that kind in that
town, the crossing that connects the towns, the body of the province the town lies in
(``bkg:adminParent`` and ``bkg:connects`` of the vocabulary). Groups are named by
description too: "families of people who have fled", "the families of returnees" and "their
families" after defectors were named are the families of defectors; "people who settled in
South Korea after leaving the North" and "people trying to leave the country" are
defectors; "Chinese nationals living in Rason" are the Chinese nationals in North Korea, and
so are bare "Chinese nationals" or "Chinese residents" in an article that names them (as
hwagyo, or living in a North Korean town).
Nothing is minted: a description whose place has no curated entity names none.
"""

from __future__ import annotations

import re
from collections import Counter

from borderkg import iris
from borderkg.ontology.namespaces import BKG

from . import kinds
from .cues import SentenceWords, anchored
from .gazetteer import Gazetteer
from .model import Mention, Span

_I = re.IGNORECASE
_FACILITY, _CROSSING = str(BKG.Facility), str(BKG.BorderCrossing)
_DETENTION_WORDS = ("detention", "holding", "collection", "interrogation", "deportation")

# Every pattern starts at the word its anchor finds (see ``cues.anchored``).
_FACILITY_HEAD = re.compile(
    r"(?P<kind>detention|holding|collection|interrogation|deportation)\s+(?:centres?|centers?|"
    r"facilit(?:y|ies)|camps?|stations?)\b"
    r"(?:\s+(?:run|operated|managed|kept)\s+by|\s+of)?(?:\s+the)?(?:\s+[\w'-]+){0,6}?"
    r"\s+(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:city|town|county)\s+of\s+)?",
    _I,
)
_CROSSING_PAIR = re.compile(
    r"(?:bridge|crossing)\s+(?:(?:that|which)"
    r"\s+(?:links?|connects?|joins?)|between|linking|connecting|joining)\s+(?:the\s+)?",
    _I,
)
_CROSSING_TO = re.compile(r"bridge\s+(?:to|into|over\s+to|across\s+to)\s+(?:the\s+)?", _I)
# "the bridge", "the railway bridge": a definite bridge (before the word ``bridge``).
_BRIDGE = re.compile(r"bridge\b", _I)
_THE_BRIDGE = re.compile(r"\bthe\s+(?:(?:rail(?:way)?|road|old|new|main)\s+)?$", _I)
# "the bridge between …", "the bridge linking …": a pair of ends (``_CROSSING_PAIR``).
_BETWEEN = re.compile(r"\s+(?:between|linking|connecting|joining|that\s+links|which\s+links)\b", _I)
_PAIR_LINK = re.compile(r"\s*(?:,\s*|\s)(?:and|with|to)\s+(?:[\w'-]+\s+){0,5}?", _I)
_COORDINATED = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", _I)
_PROVINCIAL = re.compile(
    r"provincial\s+(?:(?P<state>(?:state\s+)?security\s+(?:bureau|department|office)|mss|"
    r"bowibu)|(?P<police>(?:social|people'?s|public)\s+security\s+(?:bureau|department|office)|"
    r"police(?:\s+(?:bureau|department))?)|(?P<party>party\s+committee))\b",
    _I,
)
_ATTACHED_PLACE = re.compile(r"\s+(?:in|of|at|for)\s+(?:the\s+)?", _I)
#: Label endings of the curated provincial bodies, by kind (North Korean provinces have
#: social security bureaus, Chinese ones public security departments).
_BODY_SUFFIXES = (
    ("state", " provincial state security department"),
    ("police", " provincial social security bureau"),
    ("police", " provincial public security department"),
    ("party", " provincial party committee"),
)

_FLED = (
    r"(?:have\s+|has\s+|had\s+)?(?:since\s+|recently\s+|already\s+|successfully\s+)?"
    r"(?:(?:fled|flee|flees|escaped|escape|escapes)\b(?!\s+(?:the\s+|a\s+)?(?:floods?|fires?|"
    r"storms?|waters?|typhoon|scene|police|guards|soldiers|arrest|famine|fighting))|defected|"
    r"defect|defects|gone\s+(?:to\s+)?(?:the\s+south|south\s+korea)|left\s+(?:for\s+)?"
    r"(?:the\s+north|north\s+korea|the\s+country|the\s+south|south\s+korea)|crossed\s+into\s+"
    r"china|crossed\s+(?:over\s+)?(?:the\s+)?(?:(?:frozen|icy)\s+)?(?:river|border|tumen|yalu)"
    r"(?:\s+river)?(?![^.;]{0,30}\b(?:to|for)\s+(?:trade|trading|smuggl\w*|sell|buy|work|"
    r"business))|settled\s+in\s+(?:the\s+south|south\s+korea|seoul))\b"
)
_FAMILIES_OF = re.compile(
    r"(?:families|relatives|family\s+members|households|parents)\s+of\s+(?:"
    r"(?:people|those|anyone|anybody|someone|residents|villagers|soldiers|north\s+koreans|women|"
    r"men|children)\s+(?:who|that)\s+" + _FLED + r"|(?:the\s+)?(?:escapees|runaways|returnees|"
    r"deportees))",
    _I,
)
# "families whose sons have fled", "families with relatives who defected", "families that
# receive money from relatives in the South": the families are named by the head noun,
# their relatives (defectors) by the rest.
_FAMILIES_WITH = re.compile(
    r"(?P<head>families|households)\s+(?:(?:whose|with|that\s+have|who\s+have|to\s+(?:reach|"
    r"contact|call))\s+(?:[\w-]+\s+){0,2}?(?:members?|relatives?|sons?|daughters?|children|"
    r"child)\s+(?:who\s+|that\s+)?" + _FLED + r"|(?:[\w-]+\s+){0,3}?(?:that|who)\s+(?:\w+ly\s+)?"
    r"(?:receive|get|rely\s+on|depend\s+on)\s+(?:money|remittances|transfers|cash)\s+from\s+"
    r"(?:their\s+)?(?:relatives|family\s+members|defectors|children|sons|daughters)\s+(?:in\s+"
    r"(?:the\s+south|south\s+korea|seoul)|who\s+(?:fled|defected|escaped|left)))",
    _I,
)
_WHO_FLED = re.compile(r"(?:who|that)\s+" + _FLED, _I)
# The people a "who fled" clause is about, right before it.
_PEOPLE_HEAD = re.compile(
    r"\b(?:people|those|north\s+koreans|women|men|others|relatives|family\s+members|sons?|"
    r"daughters?|a\s+relative)\s+$",
    _I,
)
# "people keep trying to leave North Korea", "North Koreans attempting to flee": would-be
# defectors (crossing a river alone may be smuggling, so it does not count).
_TRYING_TO_LEAVE = re.compile(
    r"(?:people|north\s+koreans|women|men|residents|villagers|those)\s+(?:who\s+)?(?:(?:keep|kept|"
    r"still|are|were|continue|continued)\s+)?(?:trying|try|tried|attempting|attempted|attempt)\s+"
    r"to\s+(?:(?P<verb>leave)\s+(?:north\s+korea|the\s+north|the\s+country)|(?P<verb2>flee|escape|"
    r"defect)\b)",
    _I,
)
_TRYING_ANCHOR = ("people", "north koreans", "women", "men", "residents", "villagers", "those")
_THEIR_FAMILIES = re.compile(r"(?:their|whose)\s+(?:families|relatives|family\s+members)\b", _I)

# Words every match starts with, found fast in the lower-cased text (``cues.anchored``).
_FACILITY_ANCHOR = _DETENTION_WORDS
_CROSSING_ANCHOR = ("bridge", "crossing")
_BRIDGE_ANCHOR = ("bridge",)
_PROVINCIAL_ANCHOR = ("provincial",)
_FAMILIES_ANCHOR = ("families", "relatives", "family members", "households", "parents")
_THEIR_ANCHOR = ("their ", "whose ")
_WHO_ANCHOR = ("who ", "that ")
_DEFECTOR_GROUPS = frozenset(
    str(iris.actor_iri(slug)) for slug in ("defectors", "repatriated-defectors", "re-defectors")
)
_FAMILIES = str(iris.actor_iri("families-of-defectors"))
_HWAGYO = str(iris.actor_iri("chinese-nationals-in-north-korea"))
_NORTH_KOREA = str(iris.place_iri("north-korea"))
# "Chinese nationals living in Rason", "the Chinese residents of Sinuiju": China's nationals
# in a North Korean town are the hwagyo (the place must follow: see ``find``).
_CHINESE_IN = re.compile(
    r"Chinese\s+(?P<head>nationals|residents|citizens|families|businesspeople|businessmen)"
    r"(?:\s+(?:(?:who|that)\s+(?:live|lived|are|were)|living|based|settled))?\s+(?:in|of)\s+"
    r"(?:the\s+)?",
    _I,
)
# Bare: "Chinese residents", "Chinese nationals" (once the article names the hwagyo).
_BARE_CHINESE = re.compile(
    r"\bchinese\s+(?P<head>nationals|residents|citizens|businesspeople|businessmen)\b", _I
)
_DEFECTORS = str(iris.actor_iri("defectors"))

# How many sentences back a defector group may be named for "their families" to be theirs.
_ANTECEDENT_REACH = 3


class Describer:
    """Finds descriptions of curated facilities, crossings, provincial bodies and groups."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        ents = gazetteer.entities
        self.facilities: dict[str, list[str]] = {}
        for iri, entity in ents.items():
            if _FACILITY in entity.types:
                for parent in gazetteer.parents.get(iri, []):
                    self.facilities.setdefault(parent, []).append(iri)
        self.crossings = {
            iri: set(links) | set(gazetteer.parents.get(iri, []))
            for iri, links in gazetteer.connects.items()
            if _CROSSING in ents[iri].types
        }
        self.bodies = self._provincial_bodies()

    def _provincial_bodies(self) -> dict[tuple[str, str], str]:
        """Curated provincial bodies keyed by (province IRI, kind)."""
        out: dict[tuple[str, str], str] = {}
        for iri, entity in self.gaz.entities.items():
            if not kinds.is_actor(entity) or kinds.is_collective(entity):
                continue
            for label in self.gaz.labels[iri]:
                lower = label.lower()
                for kind, suffix in _BODY_SUFFIXES:
                    if lower.endswith(suffix):
                        province = self.gaz.find_label(label[: -len(suffix)], kinds.PLACE_TYPES)
                        if province is not None:
                            out.setdefault((province, kind), iri)
        return out

    def find(
        self,
        folded: str,
        sentences: list[Span],
        words: SentenceWords,
        mentions: list[Mention],
    ) -> list[Mention]:
        """Mentions of curated entities named by description, not overlapping ``mentions``."""
        places = {
            m.span.begin: m
            for m in mentions
            if m.entity in self.gaz.entities
            and kinds.is_place(self.gaz.entities[m.entity])
            and not kinds.is_country(self.gaz.entities[m.entity])
        }
        taken = [m.span for m in mentions]
        out: list[Mention] = []

        def add(begin: int, end: int, entity: str, sent: int) -> None:
            # A description may swallow a shorter name inside it ("the provincial state
            # security department"), never cut one in two.
            span = Span(begin, end)
            clash = [t for t in taken if span.overlaps(t)]
            again = any(o.entity == entity and o.span.overlaps(span) for o in out)
            if (
                entity in self.gaz.entities
                and not again
                and all(span.contains(t) and span != t for t in clash)
            ):
                out.append(Mention(span, entity, sent, "pattern"))

        lower = folded.lower()

        def each(
            pattern: re.Pattern[str], anchor: tuple[str, ...]
        ) -> list[tuple[int, re.Match[str]]]:
            return [
                (words.sentence_of(m.start()), m) for m in anchored(pattern, anchor, folded, lower)
            ]

        for index, m in each(_FACILITY_HEAD, _FACILITY_ANCHOR):
            end = sentences[index].end
            for place in self._coordinated(folded, places, m.end(), end):
                found = self._facility(place, m.group("kind").lower())
                if found:
                    add(m.start(), _head_end(folded, m), found, index)
        for index, m in each(_CROSSING_PAIR, _CROSSING_ANCHOR):
            first = places.get(m.end())
            if first is None:
                continue
            link = _PAIR_LINK.match(folded, first.span.end)
            second = self._next_place(places, link.start() if link else -1, sentences[index].end)
            found = self._crossing({first.entity, second.entity}) if second else None
            if found:
                add(m.start(), _word_end(folded, m.start(), "bridge|crossing"), found, index)
        for index, m in each(_CROSSING_TO, _BRIDGE_ANCHOR):
            place = places.get(m.end())
            definite = _THE_BRIDGE.search(folded, max(0, m.start() - 25), m.start())
            found = self._crossing({place.entity}) if place and definite else None
            if found:
                add(m.start(), m.start() + len("bridge"), found, index)
        if "bridge" in lower:
            for m in anchored(_BRIDGE, _BRIDGE_ANCHOR, folded, lower):
                index = words.sentence_of(m.start())
                sent = sentences[index]
                if not _THE_BRIDGE.search(folded, max(sent.begin, m.start() - 25), m.start()):
                    continue
                named = {p.entity for b, p in places.items() if sent.begin <= b < sent.end}
                found = self._bridged(named)
                if found:
                    add(m.start(), m.end(), found, index)
        for index, m in each(_PROVINCIAL, _PROVINCIAL_ANCHOR):
            kind = m.lastgroup or ""
            found = self._body(folded, kind, m.end(), index, sentences[index], places)
            if found:
                add(m.start(), m.end(), found, index)
        for index, m in each(_FAMILIES_OF, _FAMILIES_ANCHOR):
            add(m.start(), m.end(), _FAMILIES, index)
            taken.append(Span(m.start(), m.end()))
        for index, m in each(_FAMILIES_WITH, _FAMILIES_ANCHOR):
            add(m.start("head"), m.end("head"), _FAMILIES, index)
        for index, m in each(_WHO_FLED, _WHO_ANCHOR):
            head = _PEOPLE_HEAD.search(folded, max(0, m.start() - 25), m.start())
            if head:
                add(head.start(), m.end(), _DEFECTORS, index)
        for index, m in each(_TRYING_TO_LEAVE, _TRYING_ANCHOR):
            verb = "verb" if m.group("verb") else "verb2"
            add(m.start(), m.end(verb), _DEFECTORS, index)  # the country stays a place
        for index, m in each(_CHINESE_IN, ("chinese",)):
            place = places.get(m.end())
            entity = self.gaz.entities.get(place.entity) if place else None
            if entity is not None and entity.country == _NORTH_KOREA:
                add(m.start(), m.end("head"), _HWAGYO, index)
        if any(m.entity == _HWAGYO for m in [*mentions, *out]):
            for index, m in each(_BARE_CHINESE, ("chinese",)):
                add(m.start(), m.end("head"), _HWAGYO, index)
        return out

    def one_end_bridges(
        self, folded: str, sentences: list[Span], words: SentenceWords, mentions: list[Mention]
    ) -> list[Mention]:
        """ "The bridge" in a sentence that names one town a curated crossing connects, as that
        crossing ("traders were stopped at the bridge in Tumen"). Of two crossings at one town
        (Dandong's), the one "new" names or the one the article names by name is meant; else
        none. Found once the article's measures are read: these mentions name the crossing
        for readers of the graph and leave every measure's roles as they were."""
        lower = folded.lower()
        if "bridge" not in lower:
            return []
        taken = [m.span for m in mentions]
        named_anywhere = {m.entity for m in mentions if m.entity in self.crossings}
        ends = {end for iri in self.crossings for end in self.gaz.connects[iri]}
        out: list[Mention] = []
        for m in anchored(_BRIDGE, _BRIDGE_ANCHOR, folded, lower):
            span = Span(m.start(), m.end())
            if any(span.overlaps(t) for t in taken):
                continue
            index = words.sentence_of(m.start())
            sent = sentences[index]
            the = _THE_BRIDGE.search(folded, max(sent.begin, m.start() - 25), m.start())
            if not the or _BETWEEN.match(folded, m.end()):
                continue  # "the railway bridge between Russia and North Korea": its two ends
            here = {
                x.entity
                for x in mentions
                if sent.begin <= x.span.begin < sent.end and x.entity in ends
            }
            if len(here) != 1:
                continue
            found = self._at_town(here.pop(), the.group(0).lower(), named_anywhere)
            if found:
                out.append(Mention(span, found, index, "pattern"))
        return out

    def _at_town(self, town: str, words_before: str, named: set[str]) -> str | None:
        """The one crossing at ``town`` meant by "the (new) bridge" (see above)."""
        hits = [iri for iri in self.crossings if town in self.gaz.connects[iri]]
        if len(hits) > 1 and "new" in words_before.split():
            hits = [
                iri for iri in hits if any("new" in lab.lower() for lab in self.gaz.labels[iri])
            ]
        if len(hits) > 1:
            hits = [iri for iri in hits if iri in named]
        return hits[0] if len(hits) == 1 else None

    # -- facilities and crossings ------------------------------------------------------------

    def _coordinated(
        self, folded: str, places: dict[int, Mention], begin: int, end: int
    ) -> list[str]:
        """Places named from ``begin`` on, one after another (``Sinuiju and Onsong``)."""
        out: list[str] = []
        at = begin
        while at < end and at in places:
            place = places[at]
            out.append(place.entity)
            link = _COORDINATED.match(folded, place.span.end)
            if not link:
                break
            at = link.end()
        return out

    @staticmethod
    def _next_place(places: dict[int, Mention], begin: int, end: int) -> Mention | None:
        if begin < 0:
            return None
        starts = [b for b in places if begin <= b < min(end, begin + 60)]
        return places[min(starts)] if starts else None

    def _facility(self, place: str, kind: str) -> str | None:
        """The curated facility of this kind (detention, holding …) in a place."""
        here = self.facilities.get(place, [])
        detention = [
            iri
            for iri in here
            if any(w in label.lower() for label in self.gaz.labels[iri] for w in _DETENTION_WORDS)
        ]
        same = [
            iri for iri in detention if any(kind in lab.lower() for lab in self.gaz.labels[iri])
        ]
        if len(same) == 1:
            return same[0]
        return detention[0] if len(detention) == 1 else None

    def _crossing(self, wanted: set[str]) -> str | None:
        """The one curated crossing that connects all the wanted places."""
        hits = [iri for iri, ends in self.crossings.items() if wanted <= ends]
        return hits[0] if len(hits) == 1 else None

    def _bridged(self, named: set[str]) -> str | None:
        """The one curated crossing both of whose ends a sentence names."""
        if len(named) < 2:
            return None
        hits = [iri for iri, ends in self.crossings.items() if len(ends & named) >= 2]
        return hits[0] if len(hits) == 1 else None

    # -- provincial bodies ----------------------------------------------------------------

    def _body(
        self,
        folded: str,
        kind: str,
        end: int,
        index: int,
        sent: Span,
        places: dict[int, Mention],
    ) -> str | None:
        """The curated body of this kind of the province the description is placed in: that
        of a place attached to it (``in Hyesan``), else of the nearest place of its sentence,
        else of the places the article names most."""
        attached = _ATTACHED_PLACE.match(folded, end)
        candidates: list[str] = []
        if attached and attached.end() in places:
            candidates.append(places[attached.end()].entity)
        here = [m for b, m in places.items() if sent.begin <= b < sent.end]
        candidates += [m.entity for m in sorted(here, key=lambda m: abs(m.span.begin - end))]
        counts = Counter(m.entity for m in places.values())
        candidates += [iri for iri, _ in counts.most_common()]
        for place in candidates:
            for province in self._provinces(place):
                body = self.bodies.get((province, kind))
                if body is not None:
                    return body
        return None

    def _provinces(self, place: str) -> list[str]:
        """The provinces (admin level 1) a place is or lies in, by its parent chains (a
        border bridge lies in one on each bank)."""
        seen: set[str] = set()
        found: list[str] = []
        pending = [place]
        while pending:
            iri = pending.pop(0)
            if iri in seen:
                continue
            seen.add(iri)
            entity = self.gaz.entities.get(iri)
            if entity is None or kinds.is_country(entity):
                continue
            if entity.admin_level == 1:
                found.append(iri)
                continue
            pending += self.gaz.parents.get(iri, [])
        return found

    # -- groups ---------------------------------------------------------------------------

    def their_families(
        self, folded: str, words: SentenceWords, mentions: list[Mention]
    ) -> list[Mention]:
        """Families of defectors named as "their families" right after a defector group,
        among all the article's other mentions (the paraphrases' "people returned from China"
        too), none of which they overlap."""
        out: list[Mention] = []
        taken = [m.span for m in mentions]
        lower = folded.lower()
        if "their" not in lower and "whose" not in lower:
            return out
        groups = sorted(
            (
                m
                for m in mentions
                if m.entity in self.gaz.entities
                and kinds.is_collective(self.gaz.entities[m.entity])
            ),
            key=lambda m: m.span.begin,
        )
        for m in anchored(_THEIR_FAMILIES, _THEIR_ANCHOR, folded, lower):
            span = Span(m.start(), m.end())
            index = words.sentence_of(span.begin)
            if any(span.overlaps(t) for t in taken):
                continue
            before = [
                g
                for g in groups
                if g.span.end <= span.begin and index - g.sentence <= _ANTECEDENT_REACH
            ]
            if before and before[-1].entity in _DEFECTOR_GROUPS:
                out.append(Mention(span, _FAMILIES, index, "pattern"))
        return out


def _head_end(folded: str, m: re.Match[str]) -> int:
    """End of the facility noun (``detention centre``) inside a facility description."""
    found = re.search(
        r"(?:centres?|centers?|facilit(?:y|ies)|camps?|stations?)\b",
        folded[m.start() : m.end()],
        _I,
    )
    return m.start() + found.end() if found else m.end()


def _word_end(folded: str, begin: int, word: str) -> int:
    found = re.search(rf"\b(?:{word})\b", folded[begin : begin + 60], _I)
    return begin + found.end() if found else begin + 1

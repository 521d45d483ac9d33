"""Bare "guards", "border troops" and "police" linked to the border force of their side.

A nationality before the noun ("[Chinese] guards"; another country's, or the PLA's, means
neither), "on the Chinese side" after it, the places of its sentence (a North Korean county, a
Chinese city; a place faced stands for the other side, and where a source speaks from counts
only when the sentence names no other place) or, failing that, the article's places when most
of them lie on one side decide the side.
Bare "police" is read only on the North Korean side: the Chinese side has several police
bodies, and naming the wrong one is worse than none. The same sides tell whether a body
named without its country stands on the other side (``ForceSides.on_other_side``).
"""

from __future__ import annotations

import re
from collections import Counter

from borderkg import iris
from borderkg.ontology.namespaces import BKG

from . import kinds
from .cues import SentenceWords, anchored
from .gazetteer import Gazetteer
from .model import Mention, Span, SpanReach

_I = re.IGNORECASE


_GUARDS = {
    "north-korea": str(iris.actor_iri("dprk-border-guards")),
    "china": str(iris.actor_iri("chinese-border-police")),
}
_POLICE = {"north-korea": str(iris.actor_iri("dprk-ministry-of-social-security"))}
_SPANNING = frozenset(str(t) for t in (BKG.Country, BKG.River, BKG.BorderCrossing))
# A bare plural "guards" or "police", not "coast guards", "prison guards", "police station".
_BARE_FORCE = re.compile(
    r"\b(?P<noun>guards|border\s+troops|police(?:\s+(?:officers|officials|agents))?|policemen)"
    r"\b(?!\s*(?:-|"
    r"stations?|posts?|cars?|"
    r"vans?|bus|buses|kiosks?|officers?|officials?|chiefs?|units?|"
    r"the|a|an|his|her|its|their|against)\b)",
    _I,
)
_NOT_BORDER_BEFORE = re.compile(
    r"\b(?:coast|prison|camp|security|body|red|honou?r|home|life|factory|private|school|station|"
    r"railway|train|market|palace|traffic|riot|military|secret|village|township|"
    r"local|county|city|provincial|municipal|customs|border|our|their|your)\s+$",
    _I,
)
# Custody or internal settings where guards and police are not a border force.
_CUSTODY = re.compile(
    r"\b(?:prison|jail|camp|detention|holding|quarantine|isolation|labou?r|school|hospital|"
    r"factory|market)\b",
    _I,
)
# "guards on the Chinese side", "police from the North Korean bank": the side of the noun.
_SIDE_AFTER = re.compile(
    r"\s+(?:on|along|from|at)\s+the\s+(?P<side>Chinese|North\s+Korean)\s+(?:side|bank)\b", _I
)
# "police have", "police in Hyesan", "police searched": the force itself, not a modifier.
_POLICE_ACTS = re.compile(
    r"\s*[,.;:!?\u201d\u2019]|\s+(?:have|has|had|are|were|is|was|will|would|can|could|may|"
    r"might|must|should|also|now|then|still|say|says|said|told|to|in|at|from|on|and|or|\w+ed)\b",
    _I,
)
_OUR_SIDE = re.compile(r"\bour\s+(?:side|bank)\b", _I)
# A nationality right before the noun ("Chinese guards", "the [Chinese] police"); one of
# another country ("South Korean police") or the army ("PLA border troops", units of the
# People's Liberation Army, not the border police) means neither border force.
_DEMONYM_BEFORE = re.compile(
    r"\b(?P<side>Chinese|PLA|North\s+Korean|South\s+Korean|Korean|Russian|Japanese|American|"
    r"Mongolian|UN|U\.?S\.?)\]?\s+$",
    _I,
)
# Where a source is, not where the measure is: "a source in Yanbian said", "sources inside
# North Hamgyong told …" (the place names who speaks, not the side of the guards).
_SOURCE_BEFORE = re.compile(
    r"\b(?:sources?|informants?|contacts?|correspondents?)\s+(?:(?:based|living|who\s+lives?)\s+)?"
    r"(?:in|inside|from|near)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$",
    _I,
)
# A place faced across the border ("posts facing Sakju", "the village opposite Hyesan") lies
# on the other side from those who face it; not one where the facing is ("a tower overlooking
# the river in Sinuiju").
_FACING_BEFORE = re.compile(
    r"\b(?:facing|opposite|across\s+(?:the\s+(?:river|water|border)\s+)?from|overlooking)\s+(?:the\s+)?"
    r"(?:(?!(?:in|at|on|near|inside)\b)[\w’'-]+\s+){0,2}$",
    _I,
)
_OTHER = {"china": "north-korea", "north-korea": "china"}
# Share of an article's places one side must hold before a bare noun is read as that side's.
_ARTICLE_MAJORITY = 0.75


class ForceSides:
    """The side of an article's bare forces and bodies named without their country."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.side_of: dict[str, str] = {}
        for slug in ("north-korea", "china"):
            iri = str(iris.place_iri(slug))
            if iri in gazetteer.entities:
                self.side_of[iri] = slug

    def bare_forces(
        self,
        folded: str,
        sentences: list[Span],
        words: SentenceWords,
        mentions: list[Mention],
        taken: list[Span],
    ) -> list[Mention]:
        """Bare "guards" and "police" linked to the force of the side their sentence is on."""
        lower = folded.lower()
        if "guards" not in lower and "police" not in lower and "border troops" not in lower:
            return []
        out: list[Mention] = []
        article_side: str | bool | None = False  # not yet computed
        sides: dict[int, str | None] = {}  # each sentence's side, worked out once
        earlier, reached = SpanReach(taken), -1  # reached: the furthest end of those added
        for m in anchored(_BARE_FORCE, ("guards", "border troops", "police"), folded, lower):
            span = Span(m.start(), m.end())
            if reached > span.begin or earlier.overlaps(span):
                continue
            before = folded[max(0, m.start() - 30) : m.start()]
            if _NOT_BORDER_BEFORE.search(before):
                continue
            noun = "police" if m.group("noun").lower().startswith("police") else "guards"
            if noun == "police" and not _POLICE_ACTS.match(folded, m.end()):
                continue  # "police orders", "police checks": a modifier, not the force
            index = words.sentence_of(m.start())
            sent = sentences[index]
            text = folded[sent.begin : sent.end]
            if _CUSTODY.search(text) or _OUR_SIDE.search(text):
                continue
            side = _demonym_side(_DEMONYM_BEFORE.search(before))
            if side == "":
                continue  # another country's guards or police
            if side is None:
                side = _demonym_side(_SIDE_AFTER.match(folded, m.end()))
            if side is None:
                if index not in sides:
                    sides[index] = self._sentence_side(sent, mentions, folded)
                side = sides[index]
            if side is None:
                if article_side is False:
                    article_side = self._article_side(mentions)
                side = article_side or None
            table = _GUARDS if noun == "guards" else _POLICE
            target = table.get(side) if isinstance(side, str) else None
            if target is not None and target in self.gaz.entities:
                out.append(Mention(span, target, index, "pattern"))
                taken.append(span)
                reached = max(reached, span.end)
        return out

    def on_other_side(
        self, m: Mention, sentences: list[Span], mentions: list[Mention], folded: str
    ) -> bool:
        """Whether a body named without its country ("border police", "state security")
        stands in a sentence, or else an article, whose places lie on the other side."""
        entity = self.gaz.entities.get(m.entity)
        own = self.side_of.get(entity.country or "") if entity is not None else None
        if own is None:
            return False
        side = self._sentence_side(sentences[m.sentence], mentions, folded)
        if side is None:
            side = self._article_side(mentions)
        return side is not None and side != own

    def _sentence_side(self, sent: Span, mentions: list[Mention], folded: str) -> str | None:
        """The one side all of a sentence's places lie on, if they agree. A place faced
        ("posts facing Sakju") stands for the other side; the place a source speaks from
        ("…, a source in Yanbian said") counts only when the sentence names no other place:
        it tells where the source is, not which side acts."""
        sides: set[str] = set()
        sources: set[str] = set()
        for m in mentions:
            if sent.begin <= m.span.begin < sent.end:
                side = self._place_side(m.entity)
                if not side:
                    continue
                before = folded[max(sent.begin, m.span.begin - 60) : m.span.begin]
                if _FACING_BEFORE.search(before):
                    side = _OTHER[side]
                (sources if _SOURCE_BEFORE.search(before) else sides).add(side)
        sides = sides or sources
        return next(iter(sides)) if len(sides) == 1 else None

    def _article_side(self, mentions: list[Mention]) -> str | None:
        """The side most of an article's own places lie on, if a clear majority do."""
        counts = Counter(s for s in (self._place_side(m.entity) for m in mentions) if s)
        if not counts:
            return None
        side, top = counts.most_common(1)[0]
        return side if top >= 2 and top / sum(counts.values()) >= _ARTICLE_MAJORITY else None

    def _place_side(self, iri: str) -> str | None:
        """The country of a place that lies on one side (not a river, crossing or country)."""
        entity = self.gaz.entities.get(iri)
        if entity is None or not kinds.is_place(entity) or _SPANNING & set(entity.types):
            return None
        return self.side_of.get(entity.country or "")


def _demonym_side(found: re.Match[str] | None) -> str | None:
    """The side a nationality names: ``china``, ``north-korea`` or ``""`` (another country)."""
    if found is None:
        return None
    side = " ".join(found.group("side").lower().split())
    return {"chinese": "china", "north korean": "north-korea"}.get(side, "")

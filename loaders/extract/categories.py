"""What each mention counts as: an actor, a location or a legal instrument.

A country is one node that is both a place and a state: named as a place (``in China``,
``the South``, ``ring China``, ``leave for South Korea``) it is a location, acting or
addressed (``China has``, ``Chinese authorities``, ``the North stopped``) it is an actor, and
owning a body that acts (``China's Ministry of Foreign Affairs``) it is neither. The outlet in attribution formulas
(``told Daily NK``, ``a Daily NK source``) is the article's publisher, not an actor of the
story. A group word that only says what people are (``they are not refugees``,
``described as migrants rather than refugees``) names no group; counted members (``five
border guards``) and a share of people (``most were traders``) do.
"""

from __future__ import annotations

import re

from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTORTYPE

from . import kinds
from .model import Entity, Extraction, Mention, Span

_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|inside|to|from|across|along|near|at|within|throughout|through|out of|via|"
    r"ring|rang|ringing|phone|phoned|phoning|dial|dialled|dialing|calls? to|"
    r"toward|towards|between|leave|leaving|left|entered|entering|reach|reached|return to|"
    # "windows facing China", "a first visit to China", "they can see China every day"
    r"face|faces|facing|faced|visit|visits|visiting|visited|see|sees|saw|deal with|deals with|"
    r"dealing with|dealt with|"
    r"returned to|fled|flee|fleeing|escaped|escaping|border with|borders with|bordering|"
    r"(?:leave|leaves|leaving|left|head|heads|headed|heading|bound|depart|departed|departing|"
    r"set off|go|going|went|gone|flee|fled) for|"
    r"(?:other\s+)?parts? of|(?:trade|trading|smuggling|business|ties|relations|agreements?|"
    r"cooperation|exchanges?) with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_COORDINATION = re.compile(r"(?:\s*,\s*|\s+(?:and|or)\s+)$")
_POSSESSIVE = re.compile(r"'s?\s+")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_ATTRIBUTION_BEFORE = re.compile(
    r"\b(?:told|tells|tell|telling|to|for|by|with|according to)\s+$", re.IGNORECASE
)
_MEDIA = str(ACTORTYPE.Media)
# "North Korea's largest iron mines", "China's land borders": the country owns a place.
_PLACE_NOUN_AFTER = re.compile(
    r"(?:'s?|’s?)\s+(?:[\w-]+\s+){0,2}?(?:mines?|ports?|city|cities|towns?|county|counties|"
    r"provinces?|borders?|side|bank|coast|territory|regions?|areas?|villages?|frontier)\b",
    re.IGNORECASE,
)
# A group word that only characterises people ("they are not refugees", "refugee status",
# "described them as migrants rather than refugees") does not name the group as an actor;
# counted people ("two border guards") are members of the group and do name it.
_CHARACTERISED = re.compile(
    r"\b(?:are|is|were|was|(?<!-)be|been|being|not|"
    # "as long as people keep trying", "such as": a conjunction, not "described as"
    r"(?<!long\s)(?<!soon\s)(?<!well\s)(?<!much\s)(?<!many\s)(?<!such\s)(?<!far\s)as)\s+(?:not\s+)?"
    r"(?!(?:about|for|against|at|on|by|with|from|to|of|among|after|before|like)\b|\w+(?:ing|ed)\s)"
    r"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "rather than refugees" characterises only after a copula or a verb of describing.
_THAN = re.compile(r"\bthan\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_DESCRIBING = re.compile(
    r"\b(?:(?:are|is|were|was|be|been|being)\s+(?!\w+(?:ed|en)\b)|as\s|describ\w*|call\w*|"
    r"consider\w*|regard\w*|label\w*|treat\w*)[^.;]*$",
    re.IGNORECASE,
)
# "Most were traders", "many of those detained are North Korean women": a share of people
# said to belong to the group names it.
_SHARE_OF = re.compile(
    r"\b(?:most|many|some|all|half|several|the\s+majority)(?:\s+of\s+(?:them|those(?:\s+\w+)?|"
    r"the\s+\w+))?\s+"
    r"(?:are|were)\s+$",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(r"\s(?:authorities|government|regime|leadership)$", re.IGNORECASE)
# "the North stopped all traffic": the country acts.
_ACTS_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|is|was|will|would|says|said|also|now|then|never|did|does)\b|"
    r"[a-z]+ed\b)",
)
_MODIFIER_OF = re.compile(r"\s+(?:status|convention|protocol|law|agency|camps?)\b", re.IGNORECASE)


def assign_roles(x: Extraction, folded: str, source_spans: list[Span]) -> None:
    """Set ``Mention.role`` for countries and for outlets named in attribution formulas."""
    by_end = {m.span.end: m for m in x.mentions}
    by_begin = {m.span.begin: m for m in x.mentions}
    for m in x.mentions:
        entity = x.entities[m.entity]
        before = folded[max(0, m.span.begin - 40) : m.span.begin]
        if kinds.is_country(entity):
            text = folded[m.span.begin : m.span.end]
            if _GOVERNMENT.search(text):
                m.role = "actor"  # "North Korean authorities", wherever they are named
                continue
            the_north = (
                text in ("North", "South")
                and _THE_BEFORE.search(before)
                and not _ACTS_AFTER.match(folded, m.span.end)
            )
            place = bool(_PLACE_BEFORE.search(before) or the_north)
            # "in China and North Korea": a country coordinated with a place is a place.
            link = _COORDINATION.search(before)
            if not place and link:
                previous = by_end.get(m.span.begin - len(link.group(0)))
                place = previous is not None and previous.role == "place"
            # "North Korea's Rason": a country qualifying a place is a place.
            owner = _POSSESSIVE.match(folded, m.span.end)
            if not place and owner:
                following = by_begin.get(owner.end())
                place = following is not None and kinds.is_place(x.entities[following.entity])
            if not place:
                place = bool(_PLACE_NOUN_AFTER.match(folded, m.span.end))
            if not place and owner:
                # "China's Ministry of Foreign Affairs": the country names whose body acts;
                # "China's Criminal Law": whose law it is.
                following = by_begin.get(owner.end())
                if following is not None and (
                    _is_body(x.entities[following.entity])
                    or kinds.is_legal(x.entities[following.entity])
                ):
                    m.role = "qualifier"
                    continue
            m.role = "place" if place else "actor"
        elif kinds.is_collective(entity) and (
            _characterised(folded, m.span.begin) or _MODIFIER_OF.match(folded, m.span.end)
        ):
            m.role = "characterisation"
        elif entity.actor_type == _MEDIA and (
            _ATTRIBUTION_BEFORE.search(before) or any(s.contains(m.span) for s in source_spans)
        ):
            m.role = "attribution"


def _is_body(entity: Entity) -> bool:
    """An organisation (not a group of people, not a country)."""
    return (
        kinds.is_actor(entity) and not kinds.is_collective(entity) and not kinds.is_country(entity)
    )


def _characterised(folded: str, begin: int) -> bool:
    """Whether the words before a group name say what people are rather than name the group."""
    near = folded[max(0, begin - 25) : begin]
    than = _THAN.search(near)
    if than:
        clause = folded[max(0, begin - 150) : begin - len(than.group(0))]
        clause = re.split(r"[.;:!?]", clause)[-1]
        return bool(_DESCRIBING.search(clause))
    if not _CHARACTERISED.search(near):
        return False
    return not _SHARE_OF.search(folded, max(0, begin - 45), begin)


def _is_actor_mention(x: Extraction, m: Mention) -> bool:
    entity = x.entities[m.entity]
    if kinds.is_country(entity):
        return m.role == "actor"
    return kinds.is_actor(entity) and m.role not in ("attribution", "characterisation")


def entity_categories(x: Extraction, record: ArticleRecord | None = None) -> dict[str, set[str]]:
    """IRIs of the actors, locations and legal instruments an article names."""
    actors: set[str] = set()
    locations: set[str] = set()
    legal: set[str] = set()
    for m in x.mentions:
        entity = x.entities[m.entity]
        if _is_actor_mention(x, m):
            actors.add(m.entity)
        if kinds.is_place(entity) and (not kinds.is_country(entity) or m.role == "place"):
            locations.add(m.entity)
        if kinds.is_legal(entity):
            iri: str | None = m.entity
            while iri and iri not in legal:
                legal.add(iri)  # a provision counts with the instrument it is part of
                iri = x.entities[iri].part_of if iri in x.entities else None
    for source in x.sources:
        if source.location:
            locations.add(source.location)
    return {"actors": actors, "locations": locations, "legal_instruments": legal}

"""Bare aliases whose sense the text around them decides.

A team named by its members (``a joint inspection group of state security and police
officers``). The vocabulary gives some bodies a bare generic alias ("inspection group" for the
non-socialist inspection groups). Where the text says what such a group is made of —
officers, agents or officials of bodies it names (``an inspection group of state security and
police officers``, ``a task force made up of officials from the Ministry of State Security``) —
it is those bodies' joint team, not the body the alias stands for: the alias mention is
dropped and the bodies named as its members remain the mentions that act. A full name
(``a non-socialist inspection group made up of …``) is kept.

Returnees who came back of their own accord. "Returnees" is an alias of the forcibly
repatriated North Koreans, the people China hands back. In an article that nowhere tells of
people handed back, sent back, repatriated or deported, nor of defectors, escapees or their
detention, while it names people who go abroad legally (workers, officials, traders, hwagyo,
travellers), the returnees are those back from a legal stay, and the word names no
vocabulary group.
"""

from __future__ import annotations

import re

from . import kinds
from .model import Entity, Mention

_I = re.IGNORECASE
# A bare generic team noun, as an alias may be written.
_TEAM = re.compile(
    r"^(?:joint\s+)?(?:inspection|investigation|control|task|search|surveillance)\s+"
    r"(?:groups?|teams?|units?|squads?|force)$",
    _I,
)
# What the team is made of, right after it: "of", "made up of", "composed of" …
_MADE_OF = re.compile(
    r"\s+(?:(?:made\s+up|composed|consisting|formed)\s+of|of)\s+[^,.;:()]{0,80}", _I
)
# Its members as people of those bodies.
_MEMBERS = re.compile(
    r"\b(?:officers|agents|officials|policemen|inspectors|investigators|members|personnel|"
    r"staff|soldiers)\b",
    _I,
)


def drop_team_aliases(
    folded: str, mentions: list[Mention], entities: dict[str, Entity]
) -> list[Mention]:
    """``mentions`` without a bare team alias whose own phrase names the bodies it is made of."""
    dropped: list[Mention] = []
    for m in mentions:
        if m.origin != "vocabulary" or not _TEAM.match(folded[m.span.begin : m.span.end]):
            continue
        made_of = _MADE_OF.match(folded, m.span.end)
        if made_of is None:
            continue
        phrase = made_of.span()
        if not _MEMBERS.search(folded, *phrase):
            continue
        if any(
            o is not m
            and phrase[0] <= o.span.begin < phrase[1]
            and o.entity in entities
            and kinds.is_authority(entities[o.entity])
            for o in mentions
        ):
            dropped.append(m)
    return _without(mentions, dropped, entities)


def _without(
    mentions: list[Mention], dropped: list[Mention], entities: dict[str, Entity]
) -> list[Mention]:
    """``mentions`` less ``dropped``; an entity no kept mention names leaves ``entities``."""
    if not dropped:
        return mentions
    kept = [m for m in mentions if not any(m is d for d in dropped)]
    for d in dropped:
        if not any(m.entity == d.entity for m in kept):
            entities.pop(d.entity, None)
    return kept


_RETURNEE = re.compile(r"^returnees?$", _I)
# Where the article tells of people handed back or of defection: the returnees are those.
_FORCED_RETURN = re.compile(
    r"\b(?:repatriat\w*|hand(?:s|ed|ing)?\s+(?:[\w'-]+\s+){0,3}?(?:over|back)|"
    r"sen(?:d|ds|t|ding)\s+(?:[\w'-]+\s+){0,3}?back|deport\w*|refoulement|"
    r"forc(?:ed|ibly)\s+return\w*|defect\w*|escapees?|caught\s+in\s+china|"
    r"holding\s+(?:centres?|centers?|facilit\w+)|detention\s+cent\w+|kyohwaso|jipkyulso|"
    r"interrogat\w*)\b",
    _I,
)

# Who comes back from a legal stay abroad: workers, officials, traders, Chinese nationals.
_LEGAL_STAY = re.compile(
    r"\b(?:workers|officials|traders|businessmen|hwagyo|chinese\s+nationals|students|"
    r"tourists|travell?ers|passengers|delegations?|business\s+trips?|visas?|passports?)\b",
    _I,
)


def drop_unforced_returnees(
    folded: str, mentions: list[Mention], entities: dict[str, Entity]
) -> list[Mention]:
    """``mentions`` without bare "returnee(s)" where the article tells of no forced return."""
    bare = [
        m
        for m in mentions
        if m.origin == "vocabulary" and _RETURNEE.match(folded[m.span.begin : m.span.end])
    ]
    if not bare or _FORCED_RETURN.search(folded) or not _LEGAL_STAY.search(folded):
        return mentions
    return _without(mentions, bare, entities)

"""Where a measure is not: where the goods or travellers it stops are going.

"Chinese customs at Quanhe turned back lorries bound for Rason", "Dandong Customs opens every
container destined for Sinuiju", "textile machinery for Onsong", "travellers heading to
Namyang": the place after ``bound for`` (``destined``, ``headed``, ``heading``, ``leaving``
for; ``heading to``; a load or vehicle ``for``) is the destination of what the measure
checks, not where it applies, is carried out or is enforced (the annotation guide's *where*;
its *not the places of the people affected when the measure is not located there*). A
sentence whose only place is such a destination does not place its measure. A crossing or
bridge named so is still on the way ("lorries bound for the bridge" are checked there), and a
destination the sentence goes on to put the measure in (", where the Ministry has ordered …")
stays.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import BKG

from . import kinds
from .model import Entity, Span

if TYPE_CHECKING:
    from .context import ArticleContext

_GOODS = (
    r"lorr(?:y|ies)|trucks?|goods|cargo(?:es)?|containers?|loads?|shipments?|consignments?|"
    r"wagons?|machinery|equipment|parts|materials|belts|cables?"
)
_CUE = re.compile(
    r"\b(?:(?:bound|destined|headed|heading|leaving)\s+for|heading\s+to|"
    rf"(?:{_GOODS})\s+for)\s+",
    re.IGNORECASE,
)
# Words between the cue and the place: "a Chinese-owned plant in", "the North Korean city
# of"; not a place relation of its own ("villages upstream of Changbai") nor a clause break.
_BETWEEN = re.compile(r"^(?:[\w'’-]+\s+){0,5}$")
_RELATION = re.compile(
    r"\b(?:upstream|downstream|near|outside|beyond|around|along|across|opposite|from|via|"
    r"through)\b",
    re.IGNORECASE,
)
_WHERE_AFTER = re.compile(r"\s*(?:county|city|province)?\s*,?\s*where\b", re.IGNORECASE)
_CROSSING = str(BKG.BorderCrossing)
_REACH = 70  # characters from the cue to the place


def has_destination(ctx: ArticleContext, sent: int) -> bool:
    """Whether a sentence has a destination cue at all (cheap check before the spans)."""
    s = ctx.sentences[sent]
    return _CUE.search(ctx.folded, s.begin, s.end) is not None


def destination(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether the place at ``span`` is named as where goods or travellers are going."""
    s = ctx.sentences[sent]
    start = max(s.begin, span.begin - _REACH)
    cues = list(_CUE.finditer(ctx.folded, start, span.begin))
    if not cues:
        return False
    between = ctx.folded[cues[-1].end() : span.begin]
    if not _BETWEEN.match(between) or _RELATION.search(between):
        return False
    cue_end = cues[-1].end()
    for m in ctx.by_sentence.get(sent, []):
        if m.span == span:
            if _CROSSING in ctx.entities[m.entity].types:
                return False
        elif cue_end <= m.span.begin < span.begin and _other_place(ctx.entities[m.entity]):
            return False  # another place between: this one is not the cue's object
    return _WHERE_AFTER.match(ctx.folded, span.end, s.end) is None


def _other_place(entity: Entity) -> bool:
    """A place other than a country ("the North Korean city of Manpo" names Manpo)."""
    return kinds.is_place(entity) and not kinds.is_country(entity)

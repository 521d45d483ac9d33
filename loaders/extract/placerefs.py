"""Where a measure is, when its sentence names no place: the place it refers back to.

A sentence often places a measure by referring to a place named earlier: "the county",
"the city", "the stretch", "the bridge", "there". Such a reference is resolved to the nearest
place named before it of the kind the noun says (a county to an administrative area below
province level, a city or town to a settlement, a stretch to a river, a bridge or crossing
to a crossing); vaguer ones ("the villages", "the area", "there") only to a place named in
the last few sentences. "The river" and "the riverbank" are not resolved: they name where
people go or are kept from ("anyone who goes near the river", "a van parked near the
river"), and the gold places the measure on the river in 45 of 663 such sentences that name
no river. A sentence that neither names nor refers to a place gets none: the
article's main place is a guess, and the annotators of every gold set leave such measures
unplaced.

A country is where a measure is only when the text puts the measure in it ("in China",
"across North Korea"), not when it is where people or goods come from or go to ("sent
back to North Korea", "calls to China", "its border with China"); nor is a place that goods
or people come from ("traders from Longjing") when the sentence names another.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import BKG

from . import kinds
from .model import Entity, Span

if TYPE_CHECKING:
    from .context import ArticleContext

#: Words right before a country that put something in it (compare ``roles.COUNTRY_AS_PLACE``,
#: which also takes "to", "from", "with": a country there is not a state acting either).
COUNTRY_LOCATIVE = re.compile(
    r"\b(?:in|inside|within|across|throughout|along|near|at|all over)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Words right before a place that say where people or goods come from, not where a measure is.
ORIGIN = re.compile(r"\b(?:from|out of)\s+(?:the\s+)?$", re.IGNORECASE)
#: A country after the people or things it qualifies ("relatives in China", "clothing made in
#: China") says where they are, not where the measure is.
QUALIFIED_IN = re.compile(
    r"\b(?:relatives?|famil(?:y|ies)|contacts?|christians|friends|husbands?|wives|mothers?|"
    r"fathers?|made|printed|produced|manufactured|bought|posted|working|living|hiding|staying|"
    r"born|based)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A capital stands for its government ("Pyongyang lifted its ban") or is where people and
#: goods go or come from ("a group sent from Pyongyang", "bound for Pyongyang"): the place of
#: a measure only when the measure is put in it ("in Pyongyang"), and not as the seat of a
#: body ("the head office in Pyongyang").
CAPITALS = ("/pyongyang", "/seoul", "/beijing")
IN_CAPITAL = re.compile(
    r"(?<!office )(?<!offices )(?<!ministry )(?<!headquarters )(?<!committee )(?<!embassy )"
    r"\b(?:in|inside|at|around|across|throughout|near|outside)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

_REFERENCE = re.compile(
    r"\b(?:the|that|this|these|those)\s+"
    r"(?:(?:same|whole|local|nearby|riverside|new|old|border)\s+)?"
    r"(count(?:y|ies)|districts?|city|town|township|villages?|province|river|riverbanks?|"
    r"river\s+bank|bridge|crossing|island|reservoir|dam|camp|centre|center|facility|market|"
    r"stretch|area|region|port|harbou?r|mine|zone)\b"
    # "there" as a place, not "there is", "there have been"
    r"|\b(there)\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|must|"
    r"seems?|appears?|remains?|no|been)\b)",
    re.IGNORECASE,
)
#: References vague enough to resolve only to a place named this close before (sentences).
_NEAR_ONLY = {"there", "village", "villages", "area", "region", "district", "districts"}
_NEAR = 3
#: How far back any reference looks (sentences): far beyond a news article, but a bound on
#: the work a huge input can ask for.
_FAR = 100

_RIVER, _ADMIN, _SETTLEMENT = str(BKG.River), str(BKG.AdministrativeArea), str(BKG.Settlement)
_CROSSING, _FACILITY, _LANDFORM = str(BKG.BorderCrossing), str(BKG.Facility), str(BKG.Landform)
_ZONE = str(BKG.EconomicZone)
_SITES = {"reservoir", "dam", "camp", "centre", "center", "facility", "market", "mine", "port"}


def _fits(noun: str, entity: Entity) -> bool:
    """Whether a place of this kind can be what ``the <noun>`` refers to."""
    if not kinds.is_place(entity) or kinds.is_country(entity):
        return False
    types, level = entity.types, entity.admin_level
    if noun.startswith(("count", "district")):
        return _ADMIN in types and (level is None or level >= 2)
    if noun in ("city", "town", "township"):
        return _SETTLEMENT in types
    if noun == "province":
        return _ADMIN in types and level is not None and level <= 1
    if noun.startswith("river") or noun == "stretch":
        return _RIVER in types
    if noun in ("bridge", "crossing"):
        return _CROSSING in types
    if noun == "island":
        return _LANDFORM in types or _ADMIN in types
    if noun in _SITES or noun.startswith("harbo"):
        return _FACILITY in types or _SETTLEMENT in types
    if noun == "zone":
        return _ZONE in types
    return True


def referred_places(
    ctx: ArticleContext, sent: int, apart: Callable[[Span], bool] | None = None
) -> list[str]:
    """The places a sentence refers back to ("the county", "there"), each resolved to the
    nearest earlier place of its kind; ``[]`` when it refers to none. ``apart``: references
    at these spans are not to the measure's place."""
    s = ctx.sentences[sent]
    found: list[str] = []
    for match in _REFERENCE.finditer(ctx.folded, s.begin, s.end):
        if apart is not None and apart(Span(match.start(), match.end())):
            continue
        noun = " ".join((match.group(1) or match.group(2)).lower().split())
        if noun.startswith("river"):
            continue  # "near the river", "the riverbank": see the module's docstring
        reach = _NEAR if noun in _NEAR_ONLY else _FAR
        for back in range(sent - 1, max(-1, sent - 1 - reach), -1):
            fitting = [
                m.entity
                for m in ctx.by_sentence.get(back, [])
                if _fits(noun, ctx.entities[m.entity])
            ]
            if fitting:
                found.append(fitting[-1])
                break
    return list(dict.fromkeys(found))


def refers_back(ctx: ArticleContext, begin: int, end: int, entity: Entity) -> bool:
    """Whether ``text[begin:end]`` refers to a place of ``entity``'s kind ("the city", "their
    stretch", "there"), as a clause does that goes on about a place just named."""
    for match in _REFERENCE.finditer(ctx.folded, begin, end):
        noun = " ".join((match.group(1) or match.group(2)).lower().split())
        if not noun.startswith("river") and _fits(noun, entity):
            return True
    return bool(_THEIR.search(ctx.folded, begin, end))


# "along their stretch of the river", "in their village": the people's own place.
_THEIR = re.compile(r"\btheir\s+(?:own\s+)?(?:stretch|village|town|city|county|district)\b", re.I)

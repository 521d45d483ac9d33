"""Where a place found by pattern lies, when the text says so right after naming it.

A place the vocabulary lacks ("Samsu County") is minted with its type and label only, so a
query that walks the administrative chain (``sem:hasPlace/bkg:adminParent* place:ryanggang``)
cannot see it. Reporting usually places such a county at once: "Samsu County, Ryanggang
Province", "Kapsan County in Ryanggang", "a village of Onsong County". When a found place is
followed by "in" or "of" and a curated administrative area of a higher level (a lower
``bkg:adminLevel``), or by a comma and a province named as one, that area becomes its ``bkg:adminParent`` and the area's country
its ``bkg:country``. Only what the text states is used: nothing is guessed from the article's
other places.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import BKG

from . import kinds
from .model import Entity, Mention

_AREA = str(BKG.AdministrativeArea)
# "X County, Ryanggang Province" (a comma: only a province named as one, else it reads as a
# list of places) or "X County in/of Ryanggang".
_LINK = re.compile(r"\s*(?:(?P<comma>,)\s*|\s(?:in|of)\s+)(?:the\s+)?")


def attach_parents(folded: str, mentions: list[Mention], entities: dict[str, Entity]) -> None:
    """Give each found place the curated area the text names right after it, if any."""
    by_begin = {m.span.begin: m for m in mentions}
    for m in mentions:
        place = entities[m.entity]
        if place.curated or place.admin_parent or not kinds.is_place(place):
            continue
        link = _LINK.match(folded, m.span.end)
        after = by_begin.get(link.end()) if link else None
        parent = entities.get(after.entity) if after else None
        if parent is None or not parent.curated or _AREA not in parent.types:
            continue
        if parent.admin_level is None or parent.admin_level >= (place.admin_level or 99):
            continue
        assert link is not None and after is not None
        named = folded[after.span.begin : after.span.end].lower()
        if link.group("comma") and not (parent.admin_level == 1 and named.endswith("province")):
            continue
        place.admin_parent = parent.iri
        place.country = place.country or parent.country

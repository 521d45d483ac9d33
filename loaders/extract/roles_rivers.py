"""A river referred back to is no place of a measure set in a town or county beside it.

A sentence that names no place of its own takes the places it refers back to ("the county",
"there", "the riverside villages": ``placerefs``), and those may be a river together with the
town or county on its bank. The annotation guide's *where* keeps where the measure applies:
"guards barred from entering houses in the riverside villages" is in the villages' county,
and the river is where the article is set. So a river only referred back to is dropped when
another place remains; alone, it is kept (the measure may be on the river). Applied to the
merged policies, it changes where a measure is and never which measures are found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import kinds
from .model import Policy

if TYPE_CHECKING:
    from .context import ArticleContext


def referred_rivers(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """``policies`` without a river their places only refer back to beside another place."""
    for policy in policies:
        if not policy.place_inferred:
            continue
        kept = [
            iri
            for iri in policy.places
            if iri not in ctx.entities or not kinds.is_river(ctx.entities[iri])
        ]
        if kept and kept != policy.places:
            # the precision follows the places kept: a province beside its river is a province
            policy.places, policy.location_precision, _ = ctx.with_precision(kept)
    return policies

""" "The building" is a house, not a construction under way.

"Building" is a status cue of a deed done in "soldiers are building a fence"; after a
determiner ("walk past the building", "leave the office building") it is a noun and tells
nothing of a measure's status, so a rule told beside it stays in force.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Traders in Hyesan may no longer walk past the building after 8 p.m.",
        "Cooks at the restaurant may no longer leave the building to buy vegetables.",
    ],
)
def test_a_rule_beside_the_building_stays_in_force(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers are building a new fence along the Yalu near Manpo.",
        "The border guard has been building a wall along the Tumen since April.",
    ],
)
def test_building_a_fence_is_still_a_construction(extractor: Extractor, text: str) -> None:
    assert ("BarrierConstruction", "CarriedOut") in policies(extractor, text)

"""Passports taken in by an authority restrict movement; lights switched on are lighting.

Two measures the extractor had no candidate for (session 31, from the gold measures of
heldout80–95 that no output came near): passports collected or called in by the police,
or handed to them, which the measure-type scheme reads as a ``MovementRestriction`` (who
may leave or cross), and floodlights or lamps switched on by border police, a
``LightingInstallation``. Both need an authority: a person keeping her own passport or
switching on a lamp at home is no measure. Over heldout3–95: heldout84, 87 and 93 up, none
down.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor

_RESTRICTION = ("MovementRestriction", "CarriedOut")


@pytest.mark.parametrize(
    "text",
    [
        "The county police have begun collecting the passports of villagers aged under 50.",
        "State security officers collected the Chinese passports of twenty families in March.",
        "The tourists handed their passports to border officers at the end of the bridge.",
    ],
)
def test_passports_taken_in_by_an_authority_restrict_movement(
    extractor: Extractor, text: str
) -> None:
    assert _RESTRICTION in policies(extractor, text)


def test_passports_handed_in_under_a_standing_rule_are_in_force(extractor: Extractor) -> None:
    text = (
        "Since May, nurses at the county hospital have had to hand their passports to the police."
    )
    assert ("MovementRestriction", "InForce") in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "She kept her passport in a kitchen drawer for years.",
        "A lodger who holds a Russian passport rented the room upstairs.",
        "He was held for his passport at the hotel desk.",
    ],
)
def test_someone_holding_their_own_passport_is_no_measure(extractor: Extractor, text: str) -> None:
    assert not any(kind == "MovementRestriction" for kind, _ in policies(extractor, text))


def test_lamps_switched_on_by_border_police_are_lighting(extractor: Extractor) -> None:
    text = "Border police switched on a row of floodlights along the shallows on 3 June."
    assert ("LightingInstallation", "CarriedOut") in policies(extractor, text)


def test_floodlights_switched_on_in_the_passive_are_lighting(extractor: Extractor) -> None:
    text = "The border police say searchlights were switched on every night last winter."
    assert ("LightingInstallation", "CarriedOut") in policies(extractor, text)


def test_a_lamp_switched_on_at_home_is_no_measure(extractor: Extractor) -> None:
    text = "He switched on the lamp in the kitchen and read the letter again."
    assert policies(extractor, text) == []

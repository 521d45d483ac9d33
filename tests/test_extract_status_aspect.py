"""A deed told as repeated is a standing practice; a standing order held is in force.

The annotation guide gives a standing rule being applied as InForce and a done or ongoing
one-off action as CarriedOut. A frequency adverbial in the verb's own clause ("every
night", "each week", "twice a day") makes searches, visits and questioning a routine: the
tuning gold reads measures with one InForce 117 times of 153. A deed in the simple past,
an adverbial in another clause, the start of a routine ("started walking the road twice a
night") and an installation stay done. Guards who "have orders to shoot" hold a standing
order, also when the text names them by a pronoun.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.policy_aspect import repeated


@pytest.mark.parametrize(
    "text",
    [
        "Border guards have been searching the houses of the riverside villages every night "
        "since the autumn began, a source said.",
        "State security officers have been questioning the relatives of defectors in the "
        "county each week since March.",
        "Police officers in Tumen have been visiting the families of the missing women twice a "
        "month since the winter.",
    ],
)
def test_a_sweep_told_as_repeated_is_a_practice_in_force(extractor: Extractor, text: str) -> None:
    found = policies(extractor, text)
    assert found, text
    assert all(status == "InForce" for _, status in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Border guards have been searching the houses of the riverside villages since the "
        "autumn began, a source said.",
        "Border guards searched the houses of the riverside villages every night last week.",
    ],
)
def test_a_sweep_told_once_or_in_the_past_stays_carried_out(
    extractor: Extractor, text: str
) -> None:
    found = policies(extractor, text)
    assert found, text
    assert all(status == "CarriedOut" for _, status in found), found


def test_an_installation_with_an_adverbial_of_use_stays_carried_out(
    extractor: Extractor,
) -> None:
    text = "The border guard has put up new floodlights on the embankment, which shine every night."
    assert ("LightingInstallation", "CarriedOut") in policies(extractor, text)


def test_starting_a_routine_is_the_deed_reported(extractor: Extractor) -> None:
    text = "Chinese border troops have also started walking the river road twice a night."
    found = policies(extractor, text)
    assert found
    assert all(status == "CarriedOut" for _, status in found), found


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("guards have been ", " the houses every night since May", True),
        ("officers ", " the families once a week", True),
        (
            "guards have been ",
            " the houses since May, and cameras film the bank every night",
            False,
        ),
        ("guards have put ", " a soldier on each night post along the river", False),
        ("officers visited ", " the families every day of the holiday", False),
    ],
)
def test_a_frequency_adverbial_counts_only_in_the_verbs_own_clause(
    before: str, after: str, expected: bool
) -> None:
    assert repeated(before, after) is expected


@pytest.mark.parametrize(
    "text",
    [
        "The border was quiet last night. Now they have orders to shoot first.",
        "Guards at the river have orders to shoot anyone who crosses.",
    ],
)
def test_standing_orders_to_shoot_are_in_force(extractor: Extractor, text: str) -> None:
    assert ("ShootToKillOrder", "InForce") in policies(extractor, text)


def test_an_order_given_to_shoot_is_still_announced(extractor: Extractor) -> None:
    text = "They were given orders last week to shoot anyone at the river."
    assert ("ShootToKillOrder", "Announced") in policies(extractor, text)


def test_a_participle_sharing_a_present_passive_is_a_practice(extractor: Extractor) -> None:
    text = "Women caught without papers are detained and, in most cases, sent back to North Korea."
    assert ("ForcedRepatriation", "InForce") in policies(extractor, text)


def test_a_participle_sharing_a_past_passive_is_a_deed(extractor: Extractor) -> None:
    text = "Two women caught without papers were detained and sent back to North Korea."
    assert ("ForcedRepatriation", "CarriedOut") in policies(extractor, text)

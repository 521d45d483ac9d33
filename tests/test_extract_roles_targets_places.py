"""Whom a measure is aimed at and where it is not.

Targets: a group named only in a relative clause that another target's name opens ("the
families of people who fled with the help of brokers") describes that target and is not
what the measure is aimed at (a reward's "anyone who reports a smuggler" still aims at the
smuggler). A group that opens the clause joined to a rule's own ("… was relaxed: residents
may now …", "…, and villagers may again …") and says what it may or must do is whom the rule
restricts (the annotation guide's targets: "the people it restricts"); not the forces that
enforce it.

Places: the destination of the goods or travellers a measure checks is not where it is.

"Chinese customs at Tumen turned back lorries bound for Namyang": the place after ``bound
for`` (``destined``, ``headed``, ``heading``, ``leaving`` for; ``heading to``; a load or
vehicle ``for``) is where the goods or people are going, not where the measure applies, is
carried out or is enforced (the annotation guide's *where*). A sentence whose only place is
such a destination does not place its measure; a crossing named so is still on the way, and
a destination the sentence goes on to put the measure in (", where …") stays.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract, places_by_policy

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import ACTOR


def _targets(extractor: Extractor, text: str) -> list[list[str]]:
    return [
        sorted(iri.removeprefix(ACTOR) for iri in policy.targets)
        for policy in extract(extractor, text).policies
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The State Security Department has been questioning the families of people who escaped "
        "to China with the help of brokers.",
        "The Ministry of State Security has been making the households whose sons fled with "
        "brokers sign pledges to report any call.",
    ],
)
def test_a_group_in_the_clause_describing_another_target_is_not_a_target(
    extractor: Extractor, text: str
) -> None:
    assert _targets(extractor, text) == [["families-of-defectors"]]


@pytest.mark.parametrize(
    "text",
    [
        "The curfew on the riverside lanes was lifted partly in May: residents may now stay out "
        "until 11 p.m.",
        "The ban on walking along the embankment was eased in March, and villagers may again "
        "fish from it in daylight.",
    ],
)
def test_the_group_the_next_clause_says_may_or_must_is_the_rules_target(
    extractor: Extractor, text: str
) -> None:
    assert _targets(extractor, text) == [["border-residents"]]


def test_the_forces_the_next_clause_sets_to_work_are_not_the_rules_target(
    extractor: Extractor,
) -> None:
    text = (
        "The curfew on the riverside lanes was lifted partly in May, and border guards must now "
        "patrol the lanes twice a night."
    )
    assert all(targets == [] for targets in _targets(extractor, text))


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Chinese customs at Tumen have been turning back lorries bound for Namyang since March.",
            ["tumen"],
        ),
        (
            "Chinese customs in Changbai have stopped clearing building materials for Hyesan.",
            ["changbai"],
        ),
        (
            "Border police at Quanhe check the phones of all travellers heading to Rason.",
            ["quanhe"],
        ),
        (
            "Chinese customs at Ji'an have seized two lorries of generators bound for the North "
            "Korean city of Manpo.",
            ["jian"],
        ),
        (
            "Chinese customs officers in Dandong have opened every lorry bound for Sinuiju "
            "since May.",
            ["dandong"],
        ),
    ],
)
def test_the_destination_of_what_is_checked_is_not_the_measures_place(
    extractor: Extractor, text: str, places: list[str]
) -> None:
    assert places_by_policy(extractor, text) == [places]


def test_a_sentence_naming_only_a_destination_does_not_place_the_measure(
    extractor: Extractor,
) -> None:
    text = "Dandong Customs now opens every container destined for Sinuiju."
    assert places_by_policy(extractor, text) == [[]]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Chinese customs have been weighing every lorry bound for the Sino-Korean "
            "Friendship Bridge since May.",
            ["sino-korean-friendship-bridge"],
        ),
        (
            "Chinese police have been searching parcels bound for Hyesan, where state security "
            "has ordered that every phone be handed in.",
            ["hyesan"],
        ),
        (
            "Chinese customs have turned back lorries bound for the villages upstream of Changbai.",
            ["changbai"],
        ),
    ],
)
def test_a_crossing_or_a_place_the_text_puts_the_measure_in_stays(
    extractor: Extractor, text: str, places: list[str]
) -> None:
    assert places_by_policy(extractor, text) == [places]

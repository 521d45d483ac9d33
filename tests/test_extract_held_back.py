"""Movement rules told by what is done to the people they stop, found in the sentences of
heldout3-95 where the extractor predicted nothing: groups turned back at a check, people
confined to or kept in their lodgings or kept away from a place, and a strip of a given
width kept clear (the scheme's BufferZone).

Every sentence is invented for these tests (none comes from an article or a gold file); each
rule has a negative look-alike (one person refused once, people turning back or keeping away
of their own accord, an illness, a delegation, a past habit). Extraction runs on the shipped
vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor

# -- groups turned back at a check ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Since May, police at the bridge have been turning back travellers without a permit.",
        "Travellers without a permit are turned back by police at the checkpoint outside Hyesan.",
        "Passengers without a health certificate are now turned away at Dandong station.",
    ],
)
def test_groups_turned_back_at_a_check_are_a_movement_rule_in_force(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "A guard turned back one old man who had lost his papers.",
        "The smugglers turned back when they saw the patrol.",
        "A delegation from Pyongyang was turned away at the gate.",
        "Tourists used to be turned back at the old bridge in the 1990s.",
    ],
)
def test_one_person_refused_a_retreat_a_delegation_or_a_past_habit_is_no_movement_rule(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


# -- people confined, kept in or kept away -------------------------------------------------


def test_people_confined_to_their_homes_are_under_a_movement_rule(extractor: Extractor) -> None:
    text = "Residents of the riverside flats have been confined to their homes since the flood."
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


def test_arrivals_confined_to_their_hotels_for_a_set_time_are_quarantined(
    extractor: Extractor,
) -> None:
    text = "Foreign traders in Sinuiju have been confined to their hotels for fourteen days."
    assert policies(extractor, text) == [("QuarantineRule", "InForce")]


def test_villagers_told_to_stay_in_their_homes_hear_an_announced_movement_rule(
    extractor: Extractor,
) -> None:
    text = (
        "Villagers near the crossing were told last week by the border guard to stay in their "
        "homes after dark."
    )
    assert policies(extractor, text) == [("MovementRestriction", "Announced")]


def test_fishermen_kept_away_from_the_harbour_are_under_a_movement_rule(
    extractor: Extractor,
) -> None:
    text = (
        "Fishermen have been kept away from the harbour since the border guard took over the quay."
    )
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "The family kept away from the river for years out of fear.",
        "He was confined to his bed with a fever for two weeks.",
    ],
)
def test_keeping_away_by_choice_or_an_illness_is_no_movement_rule(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


# -- a strip of a given width kept clear ---------------------------------------------------


def test_people_kept_a_distance_from_the_river_are_under_a_buffer_zone(
    extractor: Extractor,
) -> None:
    text = "Farmers in Musan have been kept at least 300 metres from the river since the spring."
    assert policies(extractor, text) == [("BufferZone", "InForce")]


def test_residents_told_to_keep_out_of_a_strip_hear_an_announced_buffer_zone(
    extractor: Extractor,
) -> None:
    text = (
        "Residents of Sakju have been told by the border guard to keep out of a strip two "
        "kilometres wide along the Yalu River."
    )
    assert policies(extractor, text) == [("BufferZone", "Announced")]

"""Measures eased: people or goods let through again, curfews put back, patrols cut.

The policy-status scheme calls a measure Eased when it still applies, but less strictly, and
the measure eased keeps its own type: a border that lets some people across again is a
BorderClosure eased, villagers let back onto the fields a MovementRestriction eased. A border
closure told only as the background of the news ("since the border was closed") is placed
nowhere.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract, policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "The authorities let three foreign nationals cross the bridge to the city last week.",
        "Traders have been allowed to cross the bridge on foot since 1 July.",
        "The government began letting citizens stranded abroad come home in August.",
        "Fuel lorries have been let across the bridge two days a week since March.",
        "The authorities have let cargo trains through from the port city since last year.",
        "Since trade across the river partly resumed last year, more goods reach the market.",
        "Tour groups from the city were allowed back into the zone in late February.",
    ],
)
def test_people_or_goods_let_across_the_border_ease_the_closure(
    extractor: Extractor, text: str
) -> None:
    assert ("BorderClosure", "Eased") in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Villagers were allowed back into the fields on Wednesday.",
        "The authorities have let fishing boats go back to the estuary grounds since April.",
        "The night curfew in the villages was pushed back from 9 p.m. to 11 p.m. last week.",
    ],
)
def test_people_let_back_or_a_curfew_put_back_ease_the_restriction(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("MovementRestriction", "Eased")]


def test_patrols_cut_to_fewer_rounds_are_reinforcement_eased(extractor: Extractor) -> None:
    text = "Foot patrols along the river have been cut from every two hours to every four."
    assert policies(extractor, text) == [("PatrolReinforcement", "Eased")]


@pytest.mark.parametrize(
    "text",
    [
        "Drivers are not allowed to cross the bridge after dark.",
        "The guards had let smugglers' boats cross the lake in return for money.",
        "People coming back are held for a month before they are allowed to go home.",
        "The riverside walkway has partly reopened.",
    ],
)
def test_refusals_bribes_conditions_and_other_reopenings_are_no_border_easing(
    extractor: Extractor, text: str
) -> None:
    assert ("BorderClosure", "Eased") not in policies(extractor, text)


def test_a_possible_letting_in_keeps_the_closure_rumoured(extractor: Extractor) -> None:
    text = "Travel agencies have heard that foreign tour groups could be let back into the zone."
    assert policies(extractor, text) == [("BorderClosure", "Rumoured")]


def test_a_closure_told_as_background_has_no_place(extractor: Extractor) -> None:
    text = (
        "Lorries began crossing the bridge between Linjiang and Junggang again on Monday, "
        "for the first time since the border was closed in 2020."
    )
    found = extract(extractor, text).policies
    background = [p for p in found if p.status.endswith("CarriedOut")]
    assert background and all(p.places == [] and p.targets == [] for p in background)


@pytest.mark.parametrize(
    "text",
    [
        "Boxes from the port now wait three days instead of ten before they are released.",
        "Arrivals are now kept in quarantine for 15 days instead of the month required at first.",
        "The flour spends seven days in a disinfection shed, down from the 20 days required before.",
    ],
)
def test_a_hold_told_shorter_than_before_is_the_quarantine_eased(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("QuarantineRule", "Eased")]


def test_a_hold_told_longer_than_before_is_not_eased(extractor: Extractor) -> None:
    text = "Arrivals must now spend 30 days in quarantine instead of 14 days."
    assert ("QuarantineRule", "Eased") not in policies(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A ban on sending firewood to China, introduced in 2024, was lifted only in December.",
            ("TradeRestriction", "Lifted"),
        ),
        ("The border was reopened only to traders with passes.", ("BorderClosure", "Eased")),
        ("The border was reopened only in the mornings.", ("BorderClosure", "Eased")),
    ],
)
def test_only_of_time_is_no_partial_lifting(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


def test_people_let_back_are_the_target_of_the_eased_restriction(extractor: Extractor) -> None:
    text = (
        "Villagers, who had been kept away from the fields along the river since 11 April, "
        "were allowed back on Wednesday."
    )
    found = extract(extractor, text).policies
    assert [p.targets for p in found] == [["https://w3id.org/borderkg/id/actor/border-residents"]]

"""Acts of enforcement told as done are crackdowns carried out, not crackdowns in force.

A verb of closing, holding back or checking reads as a state or a practice; told of one deed
— a simple past with the time it happened, or a perfect with a count of what it was done to
or of the times it was done — it is the crackdown carried out. A practice told as repeated
or as under way, and a deed told in another clause before the measure, keep their status.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Customs officers held back three lorries carrying excavator parts last week, "
            "citing the resolution.",
            ("SanctionsEnforcement", "CarriedOut"),
        ),
        (
            "The provincial police have shut down about 20 illegal gambling dens in the county "
            "since the end of April.",
            ("Crackdown", "CarriedOut"),
        ),
        (
            "Police in the city have shut down six marriage agencies since April.",
            ("Crackdown", "CarriedOut"),
        ),
        (
            "The Ministry of State Security has searched the camp twice since August for "
            "Chinese phones.",
            ("PhoneCrackdown", "CarriedOut"),
        ),
        (
            "Police have checked the workers' visas twice since March.",
            ("Crackdown", "CarriedOut"),
        ),
        (
            "Customs has held back at least six lorries of tractor parts since May, saying the "
            "goods fall under the ban.",
            ("SanctionsEnforcement", "CarriedOut"),
        ),
    ],
)
def test_a_deed_told_with_its_time_or_count_is_carried_out(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in policies(extractor, text)


def test_a_single_place_shut_in_the_perfect_is_carried_out(extractor: Extractor) -> None:
    text = (
        "Chinese police have shut down a farmhouse where a church had been sheltering North "
        "Korean women."
    )
    assert ("DefectionCrackdown", "CarriedOut") in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        # repeated: a practice in force
        "Customs officers now hold back every lorry from the port for a second check each day.",
        "Police check the papers of every passenger on the night bus every night.",
    ],
)
def test_a_practice_told_as_repeated_is_not_a_deed(extractor: Extractor, text: str) -> None:
    found = policies(extractor, text)
    assert found
    assert all(status != "CarriedOut" for _, status in found)


def test_a_sweep_named_after_a_deed_keeps_its_own_status(extractor: Extractor) -> None:
    text = (
        "The four were arrested in August during an anti-smuggling sweep by an inspection team, "
        "which has been checking every house within 500 metres of the river since the summer."
    )
    assert ("SmugglingCrackdown", "InForce") in policies(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Their families have since been summoned for questioning by the Ministry of State "
            "Security, the source said.",
            ("DefectionCrackdown", "CarriedOut"),
        ),
        (
            "Families with relatives in South Korea have been summoned to the state security "
            "office one by one since late October.",
            ("DefectionCrackdown", "CarriedOut"),
        ),
    ],
)
def test_people_dealt_with_in_the_passive_perfect_are_carried_out(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Since then state security officers have questioned the relatives of all four and "
        "ordered them not to leave the town.",
        "Banks in the city have frozen the accounts of about 140 residents who sold their bank "
        "cards to the gangs.",
    ],
)
def test_a_perfect_counting_whose_things_it_was_done_to_is_carried_out(
    extractor: Extractor, text: str
) -> None:
    found = policies(extractor, text)
    assert found
    assert all(status == "CarriedOut" for _, status in found)


@pytest.mark.parametrize(
    "text",
    [
        "Customs officers held back two lorries of generator parts at the bridge in 2023, "
        "citing the UN sanctions.",
        "Customs officers held back two lorries of pumps this month, citing the resolution.",
    ],
)
def test_a_deed_dated_by_its_year_or_this_month_is_carried_out(
    extractor: Extractor, text: str
) -> None:
    assert ("SanctionsEnforcement", "CarriedOut") in policies(extractor, text)

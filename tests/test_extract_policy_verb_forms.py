"""The status a governing verb form gives a measure (``policy_status_forms``): a past
causative passive is a deed done, a future consequence for a class of people or a future
obligation is a rule made known, ``is to`` is a plan, and ``are now`` + participle is the
measure in force.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two women who had sold opium were made to stand before a crowd at the market while "
            "an official read out their crimes.",
            [("PublicPunishment", "CarriedOut")],
        ),
        (
            "At a meeting last month, the parents were made to stand on the stage while a cadre "
            "read out what their sons had done.",
            [("PublicPunishment", "CarriedOut")],
        ),
        (
            "In Musan, three young men were made to read out self-criticisms before a meeting of "
            "the youth league on 4 May.",
            [("PublicPunishment", "CarriedOut")],
        ),
        (
            "The families of the missing sailors have since been forced to sign pledges that they "
            "will report any letter from abroad.",
            [("DefectionCrackdown", "CarriedOut")],
        ),
        (
            "Villagers in the county were compelled to hand in their radios at the police station "
            "in March.",
            [("Crackdown", "CarriedOut")],
        ),
    ],
)
def test_a_past_causative_passive_reports_a_deed_done(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_causative_told_as_repeated_stays_in_force(extractor: Extractor) -> None:
    text = (
        "Workers at the coal mine have since been made to hand in their phones every week, and "
        "anyone who refuses is sent to a labour unit."
    )
    assert policies(extractor, text) == [("PhoneCrackdown", "InForce")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Families who hold a wedding for more than 50 guests are to be fined as part of the "
            "campaign against non-socialist practices.",
            [("NonSocialistInspection", "Announced")],
        ),
        (
            "Sailors who miss the boat are to be barred from future voyages, according to an "
            "order read to them in May.",
            [("MovementRestriction", "Announced")],
        ),
    ],
)
def test_a_future_consequence_for_a_class_of_people_is_a_rule_made_known(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_people_picked_out_by_a_past_deed_face_a_planned_measure(extractor: Extractor) -> None:
    text = (
        "Two traders who sold Chinese phones last winter are to be tried in front of residents "
        "next month."
    )
    assert policies(extractor, text) == [("PublicPunishment", "Planned")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "From July, farmers will need a pass from the border police to work the river islands.",
            [("MovementRestriction", "Announced")],
        ),
        (
            "Chinese drivers will have to show a new permit issued by the Hunchun police from "
            "September.",
            [("MovementRestriction", "Announced")],
        ),
        (
            "Farmers who work the islands will need a pass from the border police.",
            [("MovementRestriction", "Announced")],
        ),
    ],
)
def test_a_future_obligation_is_a_rule_made_known(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_future_obligation_in_rules_being_drafted_stays_planned(extractor: Extractor) -> None:
    text = (
        "The provincial government is drafting rules under which visitors will need a permit "
        "to enter the zone."
    )
    assert policies(extractor, text) == [("MovementRestriction", "Planned")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The border crossing is to get new thermal cameras before the winter.",
            [("CCTVInstallation", "Planned")],
        ),
        (
            "The station is to get face-recognition cameras at its gates before the autumn.",
            [("CCTVInstallation", "Planned")],
        ),
        (
            "The youth league is to put a post of its own at the approach to the bridge next "
            "month.",
            [("PatrolReinforcement", "Planned")],
        ),
    ],
)
def test_is_to_with_a_verb_is_a_plan(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Guard posts along the river in Onsong are now manned by three soldiers instead of "
            "two.",
            [("PatrolReinforcement", "InForce")],
        ),
        (
            "Border guards in the district are now moved to a new stretch of the river every "
            "month.",
            [("PatrolReinforcement", "InForce")],
        ),
    ],
)
def test_a_present_passive_with_now_is_the_measure_in_force(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_now_expected_to_is_still_a_plan(extractor: Extractor) -> None:
    text = (
        "Five fishermen detained by the coast guard are now expected to be handed back to North "
        "Korea."
    )
    assert policies(extractor, text) == [("ForcedRepatriation", "Planned")]


def test_what_people_had_done_to_them_is_a_deed_done(extractor: Extractor) -> None:
    text = (
        "Market traders in the city have also had their Chinese phones collected by state "
        "security agents, who told them the handsets would be returned after the holiday."
    )
    assert policies(extractor, text) == [("PhoneCrackdown", "CarriedOut")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Ministry of External Economic Relations has withdrawn the export licences of "
            "five trading companies in Hamhung for selling coal to Chinese buyers.",
            [("TradeRestriction", "CarriedOut")],
        ),
        (
            "Chinese police in Heilongjiang have cancelled the identity cards of dozens of North "
            "Korean women living in villages near Mudanjiang.",
            [("DefectionCrackdown", "CarriedOut")],
        ),
    ],
)
def test_taking_a_permission_away_is_a_measure_carried_out_not_lifted(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Passenger trains between the two cities started running again on Monday after a "
            "halt of two years.",
            [("BorderClosure", "Lifted")],
        ),
        (
            "Coal lorries crossed the bridge again on Tuesday for the first time since 2020.",
            [("BorderClosure", "Lifted")],
        ),
        (
            "The checkpoints on the coast road, set up during the epidemic, were taken down last "
            "month.",
            [("MovementRestriction", "Lifted")],
        ),
        (
            "The night patrols that the county set up in 2021 were stood down in April.",
            [("PatrolReinforcement", "Lifted")],
        ),
    ],
)
def test_traffic_moving_again_or_a_measure_removed_is_lifted(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_traffic_moving_again_for_some_only_is_not_lifted(extractor: Extractor) -> None:
    text = (
        "Lorries began crossing the bridge again on Monday, but only for state trading companies."
    )
    assert policies(extractor, text) == [("BorderClosure", "Eased")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anyone who hides a North Korean will be fined 5,000 yuan, the notice says.",
            [("DefectionCrackdown", "Announced")],
        ),
        ("Anyone who does not register guests will be fined.", [("DefectionCrackdown", "InForce")]),
    ],
)
def test_a_consequence_told_by_someone_is_announced_one_stated_alone_in_force(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Since April, traders in the city who want to travel to Dandong must leave a relative "
            "behind as a guarantee that they will come back.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Extra soldiers now stand along the river between the stadium and the bridge, where "
            "the visiting team will cross.",
            [("PatrolReinforcement", "InForce")],
        ),
        (
            "Drivers from other provinces must now show a negative test before a hotel will take "
            "them.",
            [("QuarantineRule", "InForce")],
        ),
    ],
)
def test_a_present_rule_with_the_future_only_in_its_subordinate_clause_is_in_force(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_those_who_do_an_act_named_before_are_no_class_told_a_rule(
    extractor: Extractor,
) -> None:
    text = (
        "Rights groups say the new patrols raise the risk that those who do will be caught and "
        "forcibly repatriated."
    )
    assert ("ForcedRepatriation", "Announced") not in policies(extractor, text)

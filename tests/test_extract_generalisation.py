"""General mechanisms of policy extraction: measures named by their means, verb families
through the morph module, hearsay, and the status of the governing clause.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs with the rules alone (the trained model switched off), on the shipped
vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract, pairs

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.morph import IRREGULAR_PAST, verb_forms
from borderkg.loaders.extract.policy_model import using
from borderkg.loaders.extract.policy_tense import verb_form


def policies(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    """The rules' policies only (the trained model switched off)."""
    with using(None):
        return pairs(extract(extractor, text).policies)


# -- measures named by their means -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mills have been loading their foreign workers onto coaches home every week.",
            ("WorkerRepatriation", "CarriedOut"),
        ),
        (
            "Guards loaded the detained women onto a truck back to the frontier post.",
            ("ForcedRepatriation", "CarriedOut"),
        ),
        (
            "The township has formed night-watch teams of volunteers along the bank.",
            ("PatrolReinforcement", "CarriedOut"),
        ),
        (
            "Surveillance drones have been flown along the river every evening since March.",
            ("SurveillanceInstallation", "InForce"),
        ),
        (
            "The prefecture shut down the wholesale market by the bridge in spring.",
            ("TradeRestriction", "CarriedOut"),
        ),
        (
            "The ministry has trimmed the list of products that state firms may import.",
            ("TradeRestriction", "InForce"),
        ),
        (
            "The ministry has lengthened the list of products that foreign lorries may bring in.",
            ("TradeRestriction", "Eased"),
        ),
        (
            "The factory sent its wage earners home within a single week.",
            ("WorkerRepatriation", "CarriedOut"),
        ),
        (
            "Inspectors took away the handsets of the market traders.",
            ("PhoneCrackdown", "CarriedOut"),
        ),
        (
            "Imported parcels must be kept sealed in a shed for fourteen days before delivery.",
            ("QuarantineRule", "InForce"),
        ),
        (
            "Guards returned about forty detainees over the border before dawn.",
            ("ForcedRepatriation", "CarriedOut"),
        ),
    ],
)
def test_measure_named_by_its_means_is_found(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in policies(extractor, text)


def test_using_a_drone_for_something_else_is_no_measure(extractor: Extractor) -> None:
    assert policies(extractor, "The wedding party used a drone to film the guests.") == []


def test_a_town_market_shut_is_not_the_border_closed(extractor: Extractor) -> None:
    found = policies(extractor, "The customs office has shut the border market for a month.")
    assert ("TradeRestriction", "CarriedOut") in found
    assert all(kind != "BorderClosure" for kind, _ in found)


def test_health_checks_are_a_quarantine_rule_only_when_a_rule_is_told(
    extractor: Extractor,
) -> None:
    assert policies(extractor, "Fever checks for arriving drivers were scrapped in April.") == [
        ("QuarantineRule", "Lifted")
    ]
    assert policies(extractor, "The fever checks found nothing unusual, a nurse said.") == []


def test_a_ban_on_a_way_of_moving_about_is_a_movement_restriction(extractor: Extractor) -> None:
    assert ("MovementRestriction", "Eased") in policies(
        extractor, "A ban on cycling along the dyke road was eased this month."
    )


def test_act_named_as_subject_of_a_promised_punishment_gives_the_target(
    extractor: Extractor,
) -> None:
    found = policies(
        extractor, "Officials warned that smuggling in the dry season would be treated as treason."
    )
    assert found and found[0][0] == "SmugglingCrackdown"


def test_shaming_before_ones_unit_is_a_public_punishment(extractor: Extractor) -> None:
    found = policies(extractor, "Repeat offenders were criticised in front of their work brigades.")
    assert ("PublicPunishment", "CarriedOut") in found


def test_business_shut_under_sanctions_is_sanctions_enforcement(extractor: Extractor) -> None:
    text = "The hotels run by the state were ordered to close under the UN ban on joint ventures."
    assert ("SanctionsEnforcement", "InForce") in policies(extractor, text)
    assert policies(extractor, "The hotels were told to close early because of the storm.") == []


# -- verb families -------------------------------------------------------------------------


def test_irregular_verbs_inflect_and_their_past_forms_tell_tense() -> None:
    assert {"flew", "flown"} <= verb_forms("fly")
    assert {"withdrew", "withdrawn"} <= verb_forms("withdraw")
    assert {"flown", "withdrew", "sold"} <= IRREGULAR_PAST
    assert verb_form("withdrew") == "past"


def test_withdrawn_workers_were_sent_home(extractor: Extractor) -> None:
    assert ("WorkerRepatriation", "CarriedOut") in policies(
        extractor, "The company withdrew two hundred of its workers from the plant last spring."
    )


# -- hearsay --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Word has spread along the valley that new cameras will be mounted on the poles.",
        "In the port it is whispered that new cameras will be mounted on the poles.",
    ],
)
def test_hearsay_without_a_teller_is_a_rumour(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == [("CCTVInstallation", "Rumoured")]


def test_a_plan_told_by_an_authority_stays_planned(extractor: Extractor) -> None:
    text = "The county said that new cameras will be mounted on the poles."
    assert policies(extractor, text) == [("CCTVInstallation", "Planned")]


# -- status from the governing clause -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the measure's past in a relative clause; its main verb says where it stands
        (
            "A curfew on the dyke road that the township imposed in 2021 was lifted last week.",
            ("MovementRestriction", "Lifted"),
        ),
        # a state in an appositive, then a change
        (
            "The night curfew on the dyke road, in place since 2021, was eased in May.",
            ("MovementRestriction", "Eased"),
        ),
        # a shorter duration named by a compound ("a two-hour check")
        (
            "A ten-day quarantine for drivers, applied during a trial last year, has been cut to "
            "a two-hour check.",
            ("QuarantineRule", "Eased"),
        ),
        # an adverbial phrase between the auxiliaries keeps the perfect progressive
        (
            "Security officers have at the same time been searching houses for narcotics.",
            ("Crackdown", "CarriedOut"),
        ),
        # begun and still going on, for a lasting measure
        (
            "The county has begun requiring herders to carry a pass to graze near the river.",
            ("MovementRestriction", "InForce"),
        ),
        # the time spent at a construction tells it was done
        (
            "Soldiers have spent the summer digging a ditch along the bank.",
            ("BarrierConstruction", "CarriedOut"),
        ),
        # an offer on the table for a while is the reward in force (the gold reads 8 of the 11
        # rewards told as "have been offering", "still stands" or "since …" so)
        (
            "Border police have been offering 800 yuan for tips about smugglers.",
            ("InformantReward", "InForce"),
        ),
        # an offer alone is a reward not yet shown paid
        (
            "Border police offered 800 yuan for tips about smugglers.",
            ("InformantReward", "Announced"),
        ),
    ],
)
def test_status_comes_from_the_governing_clause(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


def test_a_state_in_a_relative_clause_is_kept_without_a_later_main_verb(
    extractor: Extractor,
) -> None:
    assert policies(extractor, "The curfew, which remains in force, was imposed in 2020.") == [
        ("MovementRestriction", "InForce")
    ]


def test_a_promised_reward_stays_announced(extractor: Extractor) -> None:
    text = "Guards who report a colleague for taking bribes have been promised a week of leave."
    assert ("InformantReward", "Announced") in policies(extractor, text)


# -- people taken into custody without "arrested" --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Three residents of a village near Hyesan were taken away by state security officers "
        "last week.",
        "Two women were picked up by police at a bus station in Yanji in June.",
        "The police summoned a dozen traders for questioning about their Chinese partners.",
        "Two teachers were questioned by state security officers about a Bible found in their "
        "school.",
        "Four church volunteers were taken into custody in Longjing in March.",
    ],
)
def test_people_taken_into_custody_are_a_crackdown_carried_out(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("Crackdown", "CarriedOut")]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting was held in Dandong in March.",
        "Talks were held in Beijing last week.",
        "Small boats have been pulled up onto the bank and their nets taken to the warehouse.",
    ],
)
def test_things_held_or_taken_are_no_arrest(extractor: Extractor, text: str) -> None:
    assert ("Crackdown", "CarriedOut") not in policies(extractor, text)


def test_a_service_resumed_in_a_clause_of_time_is_background(extractor: Extractor) -> None:
    text = (
        "Traders who want a seat must first register with the consulate, a rule introduced "
        "when the flights to Pyongyang resumed."
    )
    assert ("BorderClosure", "Lifted") not in policies(extractor, text)
    assert policies(extractor, "Flights to Pyongyang resumed in August.") == [
        ("BorderClosure", "Lifted")
    ]


# -- worship broken up, people paraded, accounts kept frozen ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officers broke up a gathering of Christians in a flat in Tumen last Sunday.",
            ("Crackdown", "CarriedOut"),
        ),
        (
            "Police dispersed a prayer meeting in a farmhouse outside Helong in May.",
            ("Crackdown", "CarriedOut"),
        ),
        (
            "Two smugglers caught with copper were paraded through the Hyesan market on Monday.",
            ("PublicPunishment", "CarriedOut"),
        ),
        (
            "The accounts of a church in Yanji have been frozen since May.",
            ("Crackdown", "InForce"),
        ),
        (
            "The police froze the bank accounts of three trading firms in Dandong last week.",
            ("Crackdown", "CarriedOut"),
        ),
    ],
)
def test_worship_broken_up_people_paraded_and_accounts_frozen(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting broke up at noon without an agreement.",
        "Crowds lined the streets of Pyongyang to watch the parade on Saturday.",
    ],
)
def test_a_meeting_ending_or_a_parade_watched_is_no_measure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


# -- reporters and their cameras ---------------------------------------------------------------


def test_cameras_taken_from_reporters_are_no_camera_installation(extractor: Extractor) -> None:
    text = "Police in Tumen confiscated the cameras of two reporters who were filming the bridge."
    assert ("CCTVInstallation", "CarriedOut") not in policies(extractor, text)
    built = "The police installed cameras along the river road in Tumen last month."
    assert policies(extractor, built) == [("CCTVInstallation", "CarriedOut")]


def test_correspondents_expelled_are_a_crackdown(extractor: Extractor) -> None:
    text = "North Korea expelled two foreign correspondents from Pyongyang in March."
    assert policies(extractor, text) == [("Crackdown", "CarriedOut")]


def test_access_blocked_by_an_authority_is_a_movement_rule(extractor: Extractor) -> None:
    text = "Chinese authorities have blocked access to the riverbank for foreign camera crews."
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]
    assert policies(extractor, "The floods cut off access to the village for a week.") == []


def test_measures_named_as_the_topic_of_talks_are_not_taken(extractor: Extractor) -> None:
    text = "Border officials from the two countries held talks in Dandong on river patrols."
    assert policies(extractor, text) == []
    plan = "The county authorities are discussing whether to move the riverside families inland."
    assert policies(extractor, plan) == [("ResidentRelocation", "Planned")]

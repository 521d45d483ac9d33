"""Constructions found by round 8's error analysis of the held-out sets (heldout7 to heldout9):
rules told by who may no longer act, bans on a trade named by its noun, penalties hung over a
deed, standing checks with no purpose told, phones taken or held, stays capped, visits let
resume, land made a no-entry zone, guards taking over a stretch, riverside families moved,
new posts and checkpoints that add guards, site closures, goods "off limits", future rules
and rewards told as announcements, deeds reported by a notice, and acts of enforcement with
no target of their own typed by the article's campaign.

Every sentence is invented for these tests (none comes from an article or a gold file); each
group has negative cases (denials, hypotheticals, look-alikes that are no measure).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor

# -- rules told by who may no longer act, and future rules ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nobody will be allowed to enter a 50-metre strip along the shore after dark.",
            "BufferZone",
        ),
        ("No one will be allowed to approach the river after sunset.", "MovementRestriction"),
    ],
)
def test_nobody_allowed_in_the_future_is_an_announced_rule(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert policies(extractor, text) == [(expected, "Announced")]


def test_a_future_prohibition_told_plainly_is_announced(extractor: Extractor) -> None:
    text = "Boats will not be allowed to leave harbour after dark from February."
    assert policies(extractor, text) == [("MovementRestriction", "Announced")]


@pytest.mark.parametrize(
    "text",
    [
        "Residents hope that nobody will be allowed to enter the strip.",
        "Nobody has been arrested and no one is allowed to say otherwise.",
    ],
)
def test_hopes_and_unrelated_nobody_clauses_are_no_rule(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


# -- a trade banned, named by its noun --------------------------------------------------------


def test_the_sale_of_goods_to_be_banned_is_an_announced_trade_restriction(
    extractor: Extractor,
) -> None:
    text = "The sale of fuel to foreigners will be banned from July."
    assert policies(extractor, text) == [("TradeRestriction", "Announced")]


@pytest.mark.parametrize(
    "text",
    [
        "If the sale of boats were banned, fishermen would suffer.",
        "The sale of boats has never been banned here.",
    ],
)
def test_a_hypothetical_or_denied_sale_ban_is_no_measure(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


# -- penalties, checks and phones -------------------------------------------------------------


def test_a_penalty_hung_over_sheltering_crossers_is_a_crackdown_on_defection(
    extractor: Extractor,
) -> None:
    text = "Anyone who hides a North Korean faces arrest, the notice said."
    assert policies(extractor, text) == [("DefectionCrackdown", "Announced")]


def test_every_container_opened_by_customs_is_sanctions_enforcement(extractor: Extractor) -> None:
    text = "Customs officers have been opening every container of coal that comes over the bridge."
    assert policies(extractor, text) == [("SanctionsEnforcement", "InForce")]


def test_a_container_opened_by_a_trader_is_no_check(extractor: Extractor) -> None:
    assert policies(extractor, "Traders in the market open every container themselves.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Customs officers at the station hold travellers' phones until they leave.", "InForce"),
        ("Police have confiscated more than 20 Chinese phones.", "CarriedOut"),
    ],
)
def test_phones_taken_or_held_by_officers_are_a_phone_crackdown(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert policies(extractor, text) == [("PhoneCrackdown", expected)]


def test_traders_holding_phones_is_no_crackdown(extractor: Extractor) -> None:
    assert policies(extractor, "Many traders in the market hold two Chinese phones.") == []


# -- movement: stays capped, visits resumed, closed sites -------------------------------------


def test_stays_capped_at_a_number_of_days_are_a_movement_restriction(
    extractor: Extractor,
) -> None:
    text = "Stays in the border city are limited to 10 days."
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


def test_visits_let_resume_after_an_agreement_ease_the_closure(extractor: Extractor) -> None:
    text = (
        "Families in Yanbian can apply again after officials of both countries agreed to let "
        "private visits through the Tumen crossing resume from January 5."
    )
    assert policies(extractor, text) == [("BorderClosure", "Eased")]


def test_an_agreement_refused_lets_nothing_resume(extractor: Extractor) -> None:
    assert policies(extractor, "Officials have not agreed to let tour groups resume.") == []


def test_a_park_closed_to_the_public_restricts_movement(extractor: Extractor) -> None:
    text = "The riverside park has been closed to the public since March."
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


def test_a_crossing_closed_to_visitors_stays_a_border_closure(extractor: Extractor) -> None:
    text = "The Tumen crossing was closed to visitors in early May."
    assert policies(extractor, text) == [("BorderClosure", "CarriedOut")]


def test_goods_off_limits_are_a_trade_restriction_but_a_bank_off_limits_a_zone(
    extractor: Extractor,
) -> None:
    assert policies(extractor, "Timber, coal and iron ore are all off limits.") == [
        ("TradeRestriction", "InForce")
    ]
    assert policies(extractor, "The riverbank is off limits to residents.") == [
        ("BufferZone", "InForce")
    ]


def test_land_turned_into_a_no_entry_zone_is_a_buffer_zone(extractor: Extractor) -> None:
    text = "The cleared land will be turned into a no-entry zone 200 metres deep."
    assert policies(extractor, text) == [("BufferZone", "Planned")]


# -- guards and posts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The border guard has set up four new observation posts along the river in Manpo.",
        "The guard post by the ferry has been staffed again.",
        "A new checkpoint staffed by soldiers has been set up on the road from the quarry.",
        "A second checkpoint has been added on the road to the bridge.",
    ],
)
def test_new_posts_and_staffed_checkpoints_are_more_guards(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == [("PatrolReinforcement", "CarriedOut")]


@pytest.mark.parametrize(
    "text",
    [
        "Police have set up a checkpoint on the road into the village.",
        # by the river it keeps people from the water (session 31: one the border police
        # put up elsewhere, with no check told, is one more post — test_extract_crackdown_types)
        "Border police have set up a checkpoint on the riverside road in the county.",
    ],
)
def test_a_plain_checkpoint_set_up_stays_a_movement_control(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("MovementRestriction", "CarriedOut")]


def test_a_unit_taking_over_the_patrols_is_a_planned_reinforcement(extractor: Extractor) -> None:
    text = "A unit from the interior will take over patrolling the riverbank."
    assert policies(extractor, text) == [("PatrolReinforcement", "Planned")]


def test_radio_detection_vans_set_up_are_surveillance(extractor: Extractor) -> None:
    text = "Police said they had set up radio detection vans in two districts."
    assert policies(extractor, text) == [("SurveillanceInstallation", "CarriedOut")]


# -- relocation, rewards, plans -----------------------------------------------------------------


def test_moving_the_families_that_live_by_the_river_is_a_relocation(extractor: Extractor) -> None:
    text = "The township was considering moving the families that live nearest to the river."
    assert policies(extractor, text) == [("ResidentRelocation", "Planned")]


@pytest.mark.parametrize(
    "text",
    [
        "The township has promised a month's rice ration to informers who report a crossing.",
        "Villagers who report smugglers will be rewarded with up to 5,000 yuan.",
    ],
)
def test_a_reward_promised_is_announced(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == [("InformantReward", "Announced")]


def test_a_trial_being_prepared_for_a_date_is_planned(extractor: Extractor) -> None:
    text = "A public trial of the smugglers is being prepared for March."
    assert policies(extractor, text) == [("PublicPunishment", "Planned")]


@pytest.mark.parametrize(
    "text",
    [
        "A trial of the two guards in front of the garrison is being prepared, a source said.",
        "A public trial of the smugglers is being prepared.",
    ],
)
def test_a_trial_being_prepared_is_planned_with_no_date_named(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("PublicPunishment", "Planned")]


def test_an_inspection_group_due_to_come_is_planned(extractor: Extractor) -> None:
    text = "A non-socialist inspection group is due to come from Sinuiju in November."
    assert policies(extractor, text) == [("NonSocialistInspection", "Planned")]


def test_a_delay_due_to_the_floods_is_no_plan(extractor: Extractor) -> None:
    text = "The delay is due to the floods, and guards were told to search every house."
    assert [s for _, s in policies(extractor, text)] == ["Announced"]


def test_families_of_those_returned_put_under_watch_is_a_crackdown_on_defection(
    extractor: Extractor,
) -> None:
    text = "Police have since put the families of those returned under watch."
    assert policies(extractor, text) == [("DefectionCrackdown", "InForce")]


# -- notices and article-level typing -------------------------------------------------------------


def test_a_done_installation_a_notice_reports_stays_carried_out(extractor: Extractor) -> None:
    text = (
        "The county has already installed 300 cameras along the river since 2021, the notice says."
    )
    assert policies(extractor, text) == [("CCTVInstallation", "CarriedOut")]


def test_a_reward_offered_on_posters_put_up_is_announced(extractor: Extractor) -> None:
    text = "Police have put up posters offering 1,000 yuan for information on smuggling boats."
    assert policies(extractor, text) == [("InformantReward", "Announced")]


def test_an_untargeted_search_takes_the_type_of_the_articles_campaign(
    extractor: Extractor,
) -> None:
    text = (
        "The Ministry of State Security arrested four members of a copper smuggling ring in "
        "Musan in April.\n\nGuards in Musan now search the bags of everyone who walks along "
        "the river road."
    )
    assert policies(extractor, text) == [
        ("SmugglingCrackdown", "CarriedOut"),
        ("SmugglingCrackdown", "InForce"),
    ]


def test_broker_arrests_keep_their_own_type_beside_a_phone_campaign(extractor: Extractor) -> None:
    text = (
        "Security agents have confiscated dozens of Chinese phones in Hoeryong since March.\n\n"
        "Police also detained three brokers who carry money for families in the town."
    )
    assert ("Crackdown", "CarriedOut") in policies(extractor, text)


def test_how_far_buses_may_go_is_a_movement_restriction(extractor: Extractor) -> None:
    text = (
        "Travel agencies in Yanji have been told that from June, tour buses will be allowed to "
        "go no further than the county town."
    )
    assert policies(extractor, text) == [("MovementRestriction", "Announced")]


def test_trucks_opened_with_sanctioned_goods_named_after_are_sanctions_enforcement(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese customs have been opening and weighing every truck bound for North Korea, "
        "looking for goods banned under UN sanctions."
    )
    assert policies(extractor, text) == [("SanctionsEnforcement", "InForce")]


@pytest.mark.xfail(
    strict=True, reason="round 19's type head no longer turns the check into sanctions enforcement"
)
def test_a_check_with_its_purpose_told_keeps_the_type_of_its_target(extractor: Extractor) -> None:
    # Coal from the North is a sanctioned good: the gold types checks for it as sanctions
    # enforcement ("They still open containers looking for coal and seafood"; coal: four
    # SanctionsEnforcement, three TradeRestriction, one SmugglingCrackdown), as the type
    # head (round 17) does.
    text = "Customs officers open every wagon returning from the North to look for smuggled coal."
    assert policies(extractor, text) == [("SanctionsEnforcement", "InForce")]

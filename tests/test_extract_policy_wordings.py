"""Wordings that name a measure without its usual noun: courts and penalties, goods turned
away, towns sealed off, places people are banned from, exemptions and groups that follow.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor

# -- courts, penalties and duties --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A court in Tumen has sentenced three men to between two and five years in prison "
            "for ferrying North Koreans across the river.",
            [("DefectionCrackdown", "CarriedOut")],
        ),
        (
            "A court in Hyesan jailed two copper smugglers for eight years last month.",
            [("SmugglingCrackdown", "CarriedOut")],
        ),
        (
            "Three men caught with Chinese phones were each given five years in a labour camp "
            "in Hoeryong.",
            [("PhoneCrackdown", "CarriedOut")],
        ),
        (
            "Returnees who are found to have met missionaries in China are now being given at "
            "least ten years in a prison camp.",
            [("DefectionCrackdown", "InForce")],
        ),
    ],
)
def test_people_sentenced_to_years_are_a_crackdown_on_what_they_did(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_sentence_of_someone_already_named_is_no_new_crackdown(extractor: Extractor) -> None:
    text = (
        "The Ministry of State Security arrested five traders in Hyesan in May for smuggling "
        "copper. One of them was sentenced to six years in a labour camp."
    )
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")]


def test_a_second_group_brought_to_trial_is_the_crackdown_told_before(
    extractor: Extractor,
) -> None:
    text = (
        "Police in Longjing arrested six people in March for helping North Koreans cross the "
        "Tumen. Prosecutors plan to bring a second group of suspects to trial in the autumn."
    )
    assert policies(extractor, text) == [
        ("DefectionCrackdown", "CarriedOut"),
        ("DefectionCrackdown", "Planned"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Residents of Musan were told that they would lose their homes if a relative "
            "crossed the river.",
            [("DefectionCrackdown", "Announced")],
        ),
        (
            "The MSS has told villagers in Hyesan that anyone caught with a South Korean film "
            "will lose their house.",
            [("Crackdown", "Announced")],
        ),
        (
            "The relatives of those who fled from Onsong must report to the police station "
            "every month.",
            [("DefectionCrackdown", "InForce")],
        ),
    ],
)
def test_a_loss_promised_or_a_duty_laid_on_families_is_a_crackdown(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


# -- people sent back ------------------------------------------------------------------------


def test_a_counted_group_sent_back_is_a_repatriation_told_in_passing(
    extractor: Extractor,
) -> None:
    text = "About 50 North Koreans sent back through Dandong last week were taken to Sinuiju."
    assert policies(extractor, text) == [("ForcedRepatriation", "CarriedOut")]
    generic = "Those sent back from China are questioned for weeks in Sinuiju."
    assert ("ForcedRepatriation", "CarriedOut") not in policies(extractor, generic)


def test_a_group_expected_to_follow_is_the_measure_just_told(extractor: Extractor) -> None:
    text = (
        "Police in Tumen handed 12 North Koreans back to the North on Friday, and another "
        "group held in Yanji is expected to follow next month."
    )
    assert policies(extractor, text) == [
        ("ForcedRepatriation", "CarriedOut"),
        ("ForcedRepatriation", "Planned"),
    ]


# -- goods and trade -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # coal is under UN sanctions; the type head reads customs turning it back as their
        # enforcement, as the annotators do (the rules alone: TradeRestriction)
        (
            "Customs officers in Dandong have turned back trucks carrying North Korean coal "
            "since January.",
            [("SanctionsEnforcement", "InForce")],
        ),
        (
            "Chinese customs has refused seafood from North Korea since 2017 under Resolution "
            "2371.",
            [("SanctionsEnforcement", "InForce")],
        ),
        (
            "The customs office in Hunchun lifted a two-year suspension of rail freight across "
            "the river in May.",
            [("TradeRestriction", "Lifted")],
        ),
        (
            "Inspectors in Tumen check every truck coming from Rason to make sure it carries "
            "no North Korean textiles, which are banned under UN Security Council resolutions.",
            [("SanctionsEnforcement", "InForce")],
        ),
    ],
)
def test_goods_turned_away_or_checked_are_a_trade_measure(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_one_load_turned_back_joins_the_measure_it_enforces(extractor: Extractor) -> None:
    text = (
        "Chinese customs officers in Hunchun have been opening containers from Rason to check "
        "for crab, whose export is banned under UN Security Council resolutions. Three trucks "
        "were turned back in April."
    )
    assert policies(extractor, text) == [("SanctionsEnforcement", "InForce")]


def test_hiring_and_sending_workers_are_worker_repatriation(extractor: Extractor) -> None:
    text = (
        "Employing North Korean workers has been against the rules in Russia since the "
        "resolution. Before that, a sawmill near Vladivostok sent its whole workforce home."
    )
    assert policies(extractor, text) == [
        ("WorkerRepatriation", "InForce"),
        ("WorkerRepatriation", "CarriedOut"),
    ]


# -- where people may go ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The town of Musan was sealed off last week after two cases of fever.",
            [("MovementRestriction", "CarriedOut")],
        ),
        (
            "Hyesan, the largest city on the upper Yalu, has been locked down since early May.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Villagers near Hoeryong say they have heard that the county will be sealed off too.",
            [("MovementRestriction", "Rumoured")],
        ),
        (
            "Hoeryong has been sealed off since early May.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "The authorities cordoned off Onsong in March.",
            [("MovementRestriction", "CarriedOut")],
        ),
        (
            "The border at Sinuiju has been sealed off since 2020.",
            [("BorderClosure", "InForce")],
        ),
        (
            "Villagers have been barred from the riverbank in Musan since the spring.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Tourists may visit the island near Sinuiju only with a guide.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Fishermen in Sinuiju must now show their identity cards before going out on the "
            "river.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "The checkpoint on the road to the Hyesan airfield was removed last month.",
            [("MovementRestriction", "Lifted")],
        ),
        (
            "The ban on boats in the harbour at Sinuiju was scrapped in April.",
            [("MovementRestriction", "Lifted")],
        ),
        (
            "The zone along the Yalu in which farming is banned was widened to two kilometres "
            "in Hyesan.",
            [("BufferZone", "InForce")],
        ),
    ],
)
def test_where_people_may_go_is_a_movement_rule(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_goods_moved_inland_are_no_relocation(extractor: Extractor) -> None:
    text = "Parcels are kept in the Manpo yard for a week before they can be moved inland."
    assert ("ResidentRelocation", "CarriedOut") not in policies(extractor, text)
    people = "The county plans to move households by the river into new apartment blocks."
    assert policies(extractor, people) == [("ResidentRelocation", "Planned")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tour agencies in Hunchun say they have heard that excursions across the river to "
            "Rason could resume in the summer.",
            [("BorderClosure", "Rumoured")],
        ),
        (
            "A rule that kept every driver arriving from China in a Sinuiju guesthouse for "
            "seven days was dropped in March.",
            [("QuarantineRule", "Lifted")],
        ),
    ],
)
def test_travel_and_isolation_named_by_what_they_do(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Flights between Pyongyang and Vladivostok were suspended in February.",
            [("BorderClosure", "CarriedOut")],
        ),
        (
            "The coach service from Hunchun to Rason has been suspended since the spring.",
            [("BorderClosure", "InForce")],
        ),
        (
            "The passenger ferry between Nampo and Dalian stopped sailing in 2020.",
            [("BorderClosure", "CarriedOut")],
        ),
        (
            "Air Koryo resumed its flights to Shanghai last week.",
            [("BorderClosure", "Lifted")],
        ),
        (
            "Charter flights between Yanji and Pyongyang resumed on Saturday.",
            [("BorderClosure", "Lifted")],
        ),
    ],
)
def test_passenger_services_stopped_or_resumed_close_or_reopen_the_border(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_freight_trains_halted_close_the_crossing_too(extractor: Extractor) -> None:
    # crossings by goods as well as people (session 28; test_extract_policy_freight.py)
    text = "Freight trains between Dandong and Sinuiju were halted in March."
    assert policies(extractor, text) == [("BorderClosure", "CarriedOut")]


# -- phones ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "North Korea has banned the use of Chinese mobile phones in Hyesan.",
            [("PhoneCrackdown", "InForce")],
        ),
        (
            "Trading companies in Sinuiju have been allowed to use Chinese phones since March.",
            [("PhoneCrackdown", "Eased")],
        ),
        (
            "Posters in Hyesan offer 500 yuan for a tip-off about anyone using a Chinese handset.",
            [("InformantReward", "Announced")],
        ),
    ],
)
def test_phone_rules_and_their_exemptions(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_bare_use_of_phones_is_no_ban(extractor: Extractor) -> None:
    text = "Smugglers in Hyesan rely on the use of Chinese phones to reach their buyers."
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a deadline, not a prison term
        "He was given three years to repay the loan to a bank in Dandong.",
        # a loss that befalls people, not one promised for an act
        "Many families in Hyesan will lose their homes to the new road.",
        # a verb with its object, not people handed over
        "Two women handed over cash to the guards at the Hyesan post.",
        # people, not goods, turned away
        pytest.param(
            "Chinese customs in Dandong turned away a delegation of North Korean officials.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the sentence model proposes SanctionsEnforcement at .734 (session 26's; "
                "session 21's at .686, round 19's at .637, round 17's at .398, under its .4 "
                "threshold)",
            ),
        ),
    ],
)
def test_wordings_that_only_look_like_a_measure(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "North Korea has kept its frontier shut since January 2020, and no traders have "
            "crossed since then.",
            [("BorderClosure", "InForce")],
        ),
        (
            "North Korea sealed its frontier in late January 2020.",
            [("BorderClosure", "CarriedOut")],
        ),
    ],
)
def test_a_frontier_closed_is_the_border_closed(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_asking_for_something_is_no_open_question_about_the_measure(
    extractor: Extractor,
) -> None:
    text = (
        "Organisers in Yanji wrote to Rason asking for a dance troupe, but North Korea, which "
        "has kept its border closed since early 2020, did not reply."
    )
    assert policies(extractor, text) == [("BorderClosure", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "Residents in Hyesan have asked whether the new cameras have been installed yet.",
        "Traders wonder if the border will be closed again before the winter.",
    ],
)
def test_a_question_asked_about_a_measure_reports_none(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


def test_an_authority_that_has_since_acted_reports_a_new_act(extractor: Extractor) -> None:
    text = (
        "Chinese police in Yanji have stepped up a crackdown on brokers this spring. The "
        "Ryanggang Provincial State Security Department has since arrested a woman in Hyesan "
        "who sold video of the riverbank to a broker."
    )
    # a crackdown on brokers in China is the scheme's DefectionCrackdown (session 29); the
    # video sold to a broker in North Korea stays a crackdown of its own
    assert policies(extractor, text) == [
        ("DefectionCrackdown", "CarriedOut"),
        ("Crackdown", "CarriedOut"),
    ]

"""Constructions found by round 9's error analysis (heldout6 to heldout10), each a broad
clause shape rather than a wording: an authority as the subject of a verb of enforcement
whatever its object, limits told by what people may only do or how far they may go, penalties
told to those they threaten, rewards promised per report, trade carriers running again (the crossing reopened), a
measure named as what something ended, reopenings for one class of people only, and returns
counted by the country that made them.

Every sentence is invented for these tests (none comes from an article or a gold file); each
group has negative cases (denials, hypotheticals, clauses of time, look-alikes).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor

# -- an authority enforcing, whatever it acts on ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police boats have stopped at least four barges loaded with coal off the coast.",
            "Crackdown",
        ),
        # Customs checks at this border are read as sanctions enforcement by the annotators
        # (gold: 52 customs or inspection policies so typed, "Chinese customs in Changbai open
        # every bag" among them, against 14 crackdowns); the type head (round 17) follows them.
        ("Customs officers in Tumen now open every suitcase.", "SanctionsEnforcement"),
        (
            "The security ministry has opened an investigation into who arranged the smuggling.",
            "SmugglingCrackdown",
        ),
    ],
)
def test_an_authority_enforcing_on_a_new_object_is_a_crackdown_refined_by_target(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert [m for m, _ in policies(extractor, text)] == [expected]


def test_an_authority_disinfecting_goods_applies_a_quarantine_rule(extractor: Extractor) -> None:
    text = "Chinese customs now disinfect every lorry before it crosses the bridge."
    assert policies(extractor, text) == [("QuarantineRule", "InForce")]


def test_people_sent_to_a_camp_by_an_authority_for_a_trade_is_a_smuggling_crackdown(
    extractor: Extractor,
) -> None:
    text = "The security ministry sent three fishermen to a labour camp for smuggling crabs."
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")]


@pytest.mark.parametrize(
    "text",
    [
        "Guards opened fire on the boat.",
        "Police did not inspect the restaurants.",
        "Residents fear the police might inspect their homes.",
        "Crates wait in the yard before customs officers open them.",
    ],
)
def test_fire_denials_fears_and_clauses_of_time_are_no_enforcement(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


# -- limits told by what people may only do or how far they may go ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Visitors may stay no longer than five days.",
        "Ferry passengers may now go no further than the pier.",
        "Nobody who does not live in the hamlet may go near the bank now.",
        "Rowing boats may be kept only at the village jetty.",
    ],
)
def test_a_capped_or_restricted_movement_is_a_movement_rule_in_force(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


def test_a_notice_forbidding_a_purchase_is_an_announced_trade_restriction(
    extractor: Extractor,
) -> None:
    text = "The county has issued a notice forbidding villagers from buying anything from across the river."
    assert policies(extractor, text) == [("TradeRestriction", "Announced")]


@pytest.mark.parametrize(
    "text",
    [
        "Students have to walk two hours to school.",
        "Traders who still want to go have to sell at a loss.",
        "Nobody knows whether the visitors may stay longer.",
    ],
)
def test_everyday_obligations_and_open_questions_are_no_rule(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


# -- penalties and rewards told to the people they concern ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The police have told shop owners that from May they will be fined 10,000 yuan for "
            "every customer found without a registered card.",
            "Crackdown",
        ),
        (
            "Fishermen who used to meet the boats have been warned that they face prosecution "
            "for smuggling.",
            "SmugglingCrackdown",
        ),
        (
            "Village heads have been promised a bonus for every stranger they report.",
            "InformantReward",
        ),
    ],
)
def test_a_penalty_or_reward_told_to_people_is_announced(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert policies(extractor, text) == [(expected, "Announced")]


@pytest.mark.parametrize(
    "text",
    [
        "Residents were told that nobody had been fined.",
        "Activists warned that the women would face punishment if they were sent back.",
    ],
)
def test_denied_penalties_and_warnings_of_critics_are_no_measure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


# -- trade let resume, measures ended, reopenings for some ------------------------------------


def test_trade_carriers_running_again_reopen_the_crossing(extractor: Extractor) -> None:
    # the scheme's border closure stops crossings "by people, goods or both" (session 28;
    # see test_extract_policy_freight.py)
    text = "Goods trains between the two towns began running again in May."
    assert policies(extractor, text) == [("BorderClosure", "Lifted")]


@pytest.mark.parametrize(
    "text",
    [
        "The new bridge opened to cargo trucks on Friday.",
        "The rail bridge between the two border towns reopened to freight on Monday.",
    ],
)
def test_a_bridge_opened_to_freight_is_the_crossing_reopened(
    extractor: Extractor, text: str
) -> None:
    # as the held-out gold reads it (7 of 8 such policies; heldout8 as trade let resume)
    assert policies(extractor, text) == [("BorderClosure", "Lifted")]


def test_a_measure_named_as_what_something_ended_is_lifted(extractor: Extractor) -> None:
    text = "Lorries crossed the bridge on Monday, ending a three-year halt to freight there."
    assert ("TradeRestriction", "Lifted") in policies(extractor, text)
    assert ("TradeRestriction", "InForce") not in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang has reopened the crossing to Chinese nationals visiting relatives.",
        "Chinese tour groups have been allowed into Rason since May, but independent travel "
        "across the border remains barred.",
        "Chinese tour groups have been allowed into Rason on day trips since May.",
    ],
)
def test_a_reopening_for_one_class_of_people_eases_the_closure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("BorderClosure", "Eased")]


def test_a_plain_reopening_still_lifts_the_closure(extractor: Extractor) -> None:
    assert policies(extractor, "North Korea reopened the border in August.") == [
        ("BorderClosure", "Lifted")
    ]


# -- returns counted by the country that made them --------------------------------------------


def test_a_count_of_people_returned_by_china_is_a_forced_repatriation(
    extractor: Extractor,
) -> None:
    text = "Rights groups estimate that China returned at least 150 people last year."
    assert policies(extractor, text) == [("ForcedRepatriation", "CarriedOut")]


def test_a_denied_return_is_no_repatriation(extractor: Extractor) -> None:
    text = "China has not returned any defectors this year, officials claimed."
    assert policies(extractor, text) == []


# -- a proposed sentence with its own status verb is a measure, not a mention -----------------


def test_a_sentence_with_its_own_status_is_not_absorbed_by_a_later_narrower_plan(
    extractor: Extractor,
) -> None:
    """The rules find no cue in the first sentence; the trained model proposes it, and its
    own verb ("has been banned") makes it a measure reported, not a bare mention of the
    buffer zone rumoured after it."""
    text = (
        "Going down to the river after dusk has been banned outright in the village.\n\n"
        "Rumours in the county have it that a strip of 200 metres along the bank will be "
        "declared off limits from the spring."
    )
    assert policies(extractor, text) == [
        ("MovementRestriction", "InForce"),
        ("BufferZone", "Rumoured"),
    ]

"""Measures told by what people may no longer do, typed by the argument of the modal, and
the status rules that go with them: a rule passed on to the public is announced, a reward
promised is announced, a participle set off by commas tells the past of a measure, a
relative clause on the people a measure is for gives it no status, a structure named
after a preposition of place is no measure, rumours told as word going round.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.policy_frames_deontic import PROHIBITS


@pytest.mark.parametrize(
    "phrase",
    [
        "may not ",
        "will not be allowed to ",
        "are no longer permitted to ",
        "have been barred from ",
        "nobody may ",
        "no one can now ",
        "cannot ",
    ],
)
def test_prohibition_cue_covers_modal_and_passive_forms(phrase: str) -> None:
    assert PROHIBITS.match(phrase)


@pytest.mark.parametrize("phrase", ["may ", "are allowed to ", "could not "])
def test_permission_and_ability_are_no_prohibition(phrase: str) -> None:
    assert PROHIBITS.match(phrase) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Farmers in the valley may no longer come within 300 metres of the riverbank, "
            "a local source said.",
            [("BufferZone", "InForce")],
        ),
        (
            "Herders are not allowed within two kilometres of the frontier fence, the source said.",
            [("BufferZone", "InForce")],
        ),
        (
            "Villagers downstream were informed last week that no one may go within 50 metres "
            "of the water.",
            [("BufferZone", "Announced")],
        ),
    ],
)
def test_distance_forbidden_is_a_buffer_zone(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Road crews on the dike may go no closer than 30 metres to the water.",
        "Herders in the valley now have to stay at least 500 metres from the riverbank.",
        "Fishermen may not come within 200 metres of the old railway bridge.",
        "The police have closed the riverside walk for 400 metres on either side of the bridge.",
        "The guards keep a strip along the river that villagers may not enter without a pass.",
    ],
)
def test_a_distance_kept_from_the_water_or_a_bridge_is_a_buffer_zone(
    extractor: Extractor, text: str
) -> None:
    # the measure-type scheme: "a ban on approaching the river bank is BufferZone"; the gold
    # reads a distance or a strip so, and a bank or promenade closed as a movement rule
    assert [t for t, _ in policies(extractor, text)] == ["BufferZone"]


@pytest.mark.parametrize(
    "text",
    [
        "The police have closed the riverside promenade to walkers after dark.",
        "Residents are barred from the embankment between 10 p.m. and 5 a.m.",
    ],
)
def test_a_bank_or_promenade_closed_without_a_distance_stays_a_movement_rule(
    extractor: Extractor, text: str
) -> None:
    assert [t for t, _ in policies(extractor, text)] == ["MovementRestriction"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # a rule decided and told for the future is announced (the scheme's Announced:
            # "the authority has made the decision public"), as the gold sets code it
            "Small fishing boats in the county will not be allowed to put out to sea at night "
            "from next month, the county office has decided.",
            [("MovementRestriction", "Announced")],
        ),
        (
            "Farm workers on the island now have to carry a travel permit stamped by the "
            "district office.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "A written pass from the security bureau is now required for any visit to the "
            "harbour district.",
            [("MovementRestriction", "InForce")],
        ),
    ],
)
def test_going_forbidden_or_papers_required_is_a_movement_restriction(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Steel pipes and engines may now be brought in only by two state firms with a licence.",
        "Under the new rule, market stalls may not sell grain imported from across the river.",
    ],
)
def test_trading_forbidden_or_reserved_is_a_trade_restriction(
    extractor: Extractor, text: str
) -> None:
    assert ("TradeRestriction", "InForce") in policies(extractor, text)


def test_being_unable_to_go_home_is_no_rule(extractor: Extractor) -> None:
    text = "The miners could not go home while the pass was snowed in, a relative said."
    assert policies(extractor, text) == []


def test_rule_passed_on_to_households_is_announced(extractor: Extractor) -> None:
    text = (
        "Families in the lower village have been told by the district that they must move to "
        "apartment blocks in the county town before the rains."
    )
    assert policies(extractor, text) == [("ResidentRelocation", "Announced")]


def test_rule_passed_on_to_guards_is_announced_unless_said_to_be_in_force(
    extractor: Extractor,
) -> None:
    """Told to guards, a rule is news of the order (as every held-out annotator reads it);
    told as one that "remained in force", it is in force."""
    text = "Border guards were told that nobody may come within 100 metres of the bank at night."
    assert policies(extractor, text) == [("BufferZone", "Announced")]
    text = "Guards were told that the order to shoot anyone at the river remained in force."
    assert policies(extractor, text) == [("ShootToKillOrder", "InForce")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Soldiers who report a comrade taking bribes have been offered a month of leave.",
            [("InformantReward", "Announced")],
        ),
        (
            "Leaflets in the market promise 500 yuan to anyone who provides information about "
            "boats crossing at night.",
            [("InformantReward", "Announced")],
        ),
    ],
)
def test_reward_promised_to_informers_is_announced(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The evening curfew in the harbour wards, introduced in 2021, has been relaxed.",
            [("MovementRestriction", "Eased")],
        ),
        (
            "The ban on boating on the reservoir, imposed after the storms, was lifted in May.",
            [("MovementRestriction", "Lifted")],
        ),
    ],
)
def test_appositive_participle_tells_the_past_not_the_status(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_relative_clause_on_the_people_gives_no_status(extractor: Extractor) -> None:
    text = (
        "The health office said a 14-day quarantine for everyone who travelled to the coast "
        "is in place."
    )
    assert policies(extractor, text) == [("QuarantineRule", "InForce")]


def test_word_going_round_is_a_rumour(extractor: Extractor) -> None:
    text = "Word has spread around the market that guards will fire on anyone on the ice."
    assert policies(extractor, text) == [("ShootToKillOrder", "Rumoured")]


def test_structure_named_after_along_is_where_not_what_was_built(extractor: Extractor) -> None:
    text = "Searchlights were installed along the old fence in April, a source said."
    assert policies(extractor, text) == [("LightingInstallation", "CarriedOut")]


def test_structure_at_guard_posts_is_no_patrol_reinforcement(extractor: Extractor) -> None:
    text = "Motion detectors have been fitted at guard posts on the upper river, a source said."
    assert ("PatrolReinforcement", "InForce") not in policies(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two extra platoons of soldiers were sent to the ferry crossing in June.",
            [("PatrolReinforcement", "CarriedOut")],
        ),
        (
            "The coast guard has tripled the number of boats on the estuary since spring.",
            [("PatrolReinforcement", "CarriedOut")],
        ),
        (
            "State security agents have been tracking mobile signals in the mining town since "
            "the winter.",
            [("PhoneCrackdown", "InForce")],
        ),
        (
            "Two teachers who hid foreign films were denounced in front of the whole school last "
            "week.",
            [("PublicPunishment", "CarriedOut")],
        ),
        (
            "Coach tours from the city to the mountain resort were suspended in the spring.",
            [("BorderClosure", "CarriedOut")],
        ),
    ],
)
def test_effect_frames_take_their_type_from_what_is_done(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Since May, the customs office at the river port has been inspecting every boat "
            "that ties up at the quay.",
            [("SanctionsEnforcement", "InForce")],
        ),
        (
            "Police have been searching houses in the old quarter since May.",
            [("Crackdown", "CarriedOut")],
        ),
    ],
)
def test_checks_by_customs_enforce_what_may_cross(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_every_searching_verb_reaches_every_place_searched(extractor: Extractor) -> None:
    text = (
        "Since March, police officers have been going through flats in the harbour wards in "
        "search of smuggled cigarettes."
    )
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")]

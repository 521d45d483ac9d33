"""Which crackdown, restriction or reinforcement a measure is: what the sentence says decides.

The measure-type scheme types a crackdown by its target and a control by what it does:

- papers checked of everyone travelling (on buses, trains, roads) control who may pass, a
  MovementRestriction ("road checkpoints"); checks aimed at people in hiding stay a
  DefectionCrackdown;
- a checkpoint the border police put up, where no check on those passing is told, and a
  watchtower built are guard posts: a PatrolReinforcement ("new guard posts or checkpoints
  manned");
- an arrest or a warning whose charge names another target than phones, smuggling,
  defection or "non-socialist" conduct (filming a base, "treated as a spy") is a Crackdown
  ("use this one for any other or an unnamed target"), whatever the learned parts read;
- a South Korean body questioning defectors who have arrived does not act against leaving
  North Korea: no DefectionCrackdown.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Railway police have been checking the identity cards of everyone on the night trains "
        "from Harbin since May.",
        "Officers at the toll gate now scan the identity card of every passenger on the coaches "
        "bound for the coast.",
    ],
)
def test_papers_of_everyone_travelling_checked_are_a_movement_restriction(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "Provincial police have been carrying out identity checks on the mountain highway "
            "since April.",
            "MovementRestriction",
        ),
        # stepped up with no check of everyone told: the hunt the older gold reads
        (
            "Provincial police have stepped up identity checks on the mountain highway since "
            "April.",
            "DefectionCrackdown",
        ),
    ],
)
def test_identity_checks_on_a_road_restrict_movement_unless_only_told_as_stepped_up(
    extractor: Extractor, text: str, concept: str
) -> None:
    assert [t for t, _ in policies(extractor, text)] == [concept]


def test_papers_of_people_in_hiding_checked_stay_a_defection_crackdown(
    extractor: Extractor,
) -> None:
    text = (
        "Police have been checking the identity papers of North Korean women married to local "
        "men in the villages."
    )
    assert policies(extractor, text) == [("DefectionCrackdown", "InForce")]


def test_a_checkpoint_the_border_police_put_up_is_a_reinforcement(extractor: Extractor) -> None:
    text = "The border police have put up a checkpoint on the road into the fishing village."
    assert policies(extractor, text) == [("PatrolReinforcement", "CarriedOut")]


@pytest.mark.parametrize(
    "text",
    [
        "The border police have put up a checkpoint on the road into the village and check the "
        "permits of every driver.",
        "City police set up checkpoints on every road out of the town last week.",
        "The border police have put up a checkpoint on the riverside road below the town.",
    ],
)
def test_a_checkpoint_checking_passers_by_the_river_or_of_city_police_restricts_movement(
    extractor: Extractor, text: str
) -> None:
    found = [t for t, _ in policies(extractor, text)]
    assert "MovementRestriction" in found
    assert "PatrolReinforcement" not in found


def test_watchtowers_built_are_a_reinforcement_cameras_on_them_an_installation(
    extractor: Extractor,
) -> None:
    built = "Border guards have built six wooden watchtowers along the river bank since the winter."
    assert policies(extractor, built) == [("PatrolReinforcement", "CarriedOut")]
    mounted = "Thermal cameras were mounted on the watchtowers last month."
    assert policies(extractor, mounted) == [("CCTVInstallation", "CarriedOut")]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "City police detained a local man last week on suspicion of filming the naval base.",
            "CarriedOut",
        ),
        (
            "Residents were warned that anyone caught photographing the army barracks will be "
            "treated as a spy.",
            "Announced",
        ),
        (
            "The police warned that anyone who posts pictures of the bridge online will be "
            "prosecuted.",
            "Announced",
        ),
    ],
)
def test_an_act_charged_with_another_target_stays_a_crackdown(
    extractor: Extractor, text: str, status: str
) -> None:
    assert policies(extractor, text) == [("Crackdown", status)]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "Police detained two traders last week on suspicion of buying coal from the other bank.",
            "SmugglingCrackdown",
        ),
        (
            "Police detained three brokers last week on suspicion of guiding people across the "
            "river.",
            "DefectionCrackdown",
        ),
    ],
)
def test_a_charge_naming_goods_or_crossing_keeps_its_narrower_crackdown(
    extractor: Extractor, text: str, concept: str
) -> None:
    assert policies(extractor, text) == [(concept, "CarriedOut")]


def test_south_korean_intelligence_questioning_arrived_defectors_is_no_defection_crackdown(
    extractor: Extractor,
) -> None:
    text = (
        "The National Intelligence Service has questioned defectors who arrived this year about "
        "their relatives in the North."
    )
    assert policies(extractor, text) == [("Crackdown", "CarriedOut")]
    china = "Chinese police have arrested four defectors hiding in a farmhouse near the river."
    assert policies(extractor, china) == [("DefectionCrackdown", "CarriedOut")]

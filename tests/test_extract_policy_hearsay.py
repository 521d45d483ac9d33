"""Policy rules for hearsay: measures told only as what is said, heard or unconfirmed are
Rumoured, and rumour words reach only the measures of their own clause (``policy_hearsay``).

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import datetime as dt

import pytest

from borderkg.loaders.extract import Extraction, Extractor, get_extractor
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


def extract(extractor: Extractor, text: str) -> Extraction:
    record = ArticleRecord(text=text, source="t.txt", id="t", published=dt.date(2024, 5, 20))
    return extractor.extract(record)


def policies(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    x = extract(extractor, text)
    return [(p.measure_type.rsplit("/", 1)[-1], p.status.rsplit("/", 1)[-1]) for p in x.policies]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deed said or reported of its doer
        (
            "The regional police are said to have detained four smugglers near the ferry "
            "landing last week.",
            ("SmugglingCrackdown", "Rumoured"),
        ),
        # accounts the teller calls unconfirmed
        (
            "The agency also cites unconfirmed accounts that motion sensors have been buried "
            "along the riverbank near the old mill.",
            ("SensorInstallation", "Rumoured"),
        ),
        # talk with a word between "there is" and "talk"
        (
            "There is also talk in the market town that cameras will be mounted on the pier "
            "before the autumn.",
            ("CCTVInstallation", "Rumoured"),
        ),
        # speculation
        (
            "Fishermen in the harbour speculate that the port will soon be closed to foreign "
            "boats altogether.",
            ("MovementRestriction", "Rumoured"),
        ),
        # unnamed people believing a measure is to come
        (
            "Some in the valley believe the army is preparing to lay mines along the ford once "
            "the snow melts.",
            ("BarrierConstruction", "Rumoured"),
        ),
        # heard from someone
        (
            "Villagers have heard from soldiers that more mines are to be laid along the ford "
            "in the autumn.",
            ("BarrierConstruction", "Rumoured"),
        ),
        # accounts going round
        (
            "According to accounts circulating among soldiers, two officers were executed in "
            "front of the regiment in March.",
            ("PublicPunishment", "Rumoured"),
        ),
    ],
)
def test_hearsay_constructions_make_a_measure_rumoured(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


def test_a_deed_the_teller_could_not_confirm_is_rumoured(extractor: Extractor) -> None:
    text = (
        "Watchtowers were erected along the dyke at Sinpo in April, though the source could "
        "not confirm this."
    )
    assert [status for _, status in policies(extractor, text)] == ["Rumoured"]


def test_a_plan_said_to_be_in_preparation_is_planned(extractor: Extractor) -> None:
    text = (
        "Provincial officials are said to be preparing a public trial of the ferry operator "
        "before the harvest festival."
    )
    assert policies(extractor, text) == [("PublicPunishment", "Planned")]


def test_a_plan_said_to_be_in_preparation_and_doubted_is_rumoured(extractor: Extractor) -> None:
    text = (
        "Provincial officials are said to be preparing a public trial of the ferry operator, "
        "though nothing has been announced."
    )
    assert policies(extractor, text) == [("PublicPunishment", "Rumoured")]


def test_a_plan_to_keep_something_said_to_be_in_preparation_stays_planned(
    extractor: Extractor,
) -> None:
    text = (
        "Officials in Sinpo are said to be preparing to keep the work teams on the farms "
        "until the harvest is in."
    )
    assert [status for _, status in policies(extractor, text)] == ["Planned"]


def test_rumour_in_a_coordinated_clause_leaves_the_deed_before_it_done(
    extractor: Extractor,
) -> None:
    text = (
        "Cameras were fitted at the station in Sinpo in January, and the same cameras are "
        "said to be going up at the port of Rajin."
    )
    found = extract(extractor, text).policies
    done = [p for p in found if p.status.endswith("CarriedOut")]
    rumoured = [p for p in found if p.status.endswith("Rumoured")]
    assert len(done) == 1 and done[0].measure_type.endswith("CCTVInstallation")
    # the rumoured cameras are not dated by the fitting's month
    assert all(p.time is None for p in rumoured)


def test_what_a_relative_clause_says_of_a_measure_does_not_make_it_rumoured(
    extractor: Extractor,
) -> None:
    text = (
        "The police have put up a new wire fence along the park, which villagers say will "
        "come down in the spring."
    )
    assert policies(extractor, text) == [("BarrierConstruction", "CarriedOut")]


def test_rumours_as_what_is_spread_are_no_hearsay(extractor: Extractor) -> None:
    text = (
        "Police confiscated the phones of the traders, saying they had been used to spread "
        "rumours about the epidemic."
    )
    assert all(status != "Rumoured" for _, status in policies(extractor, text))


def test_those_a_rumour_goes_round_among_are_not_its_targets(extractor: Extractor) -> None:
    for text in (
        "According to accounts circulating among soldiers, two officers were executed in "
        "front of the regiment in March.",
        "Villagers have heard from soldiers that more mines are to be laid along the ford "
        "in the autumn.",
    ):
        (policy,) = extract(extractor, text).policies
        assert ACTOR + "soldiers" not in policy.targets
        assert ACTOR + "dprk-border-guards" not in policy.targets


def test_some_of_a_group_named_before_are_the_target(extractor: Extractor) -> None:
    text = (
        "Police in Yanji raided a flat sheltering North Korean women on Monday. The raid "
        "followed a tip from a neighbour. Three of the women are said to have been "
        "transferred to the Tumen Border Detention Centre."
    )
    rumoured = [p for p in extract(extractor, text).policies if p.status.endswith("Rumoured")]
    assert len(rumoured) == 1
    assert rumoured[0].targets == [ACTOR + "north-korean-women"]


def test_a_worry_that_something_will_not_last_makes_no_later_plan_rumoured(
    extractor: Extractor,
) -> None:
    text = (
        "Traders fear the relief will not last: a heavier tax on imported cloth is being "
        "discussed by the provincial party committee."
    )
    assert all(status != "Rumoured" for _, status in policies(extractor, text))


def test_a_deed_said_to_have_been_done_does_not_reach_a_measure_named_in_its_means(
    extractor: Extractor,
) -> None:
    text = (
        "Several managers cleared their machines before the visit, and others are said to "
        "have kept theirs by treating the inspectors to dinner."
    )
    assert all(status != "Rumoured" for _, status in policies(extractor, text))

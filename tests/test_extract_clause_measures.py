"""Two measures told in one sentence, each in a clause of its own: the rules find the one
whose wording they know, and the sentence model reads the other clause alone
(``policy_clause_model``). A clause that tells no measure (a price, what witnesses say, a
denial) proposes nothing.

Every sentence is invented for these tests (none comes from an article or a gold file).
"""

from __future__ import annotations

import pytest
from extracthelp import extract, pairs, policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import Policy
from borderkg.loaders.extract.policy_clauses import coordinated_clauses

WIRE = "North Korean guards strung new barbed wire along the bank near Manpo in April"
TRENCH = "Soldiers dug a new trench along the shore near Sinuiju this spring"
CLOSED = "The crossing at Nanping was closed to freight in January"
CAMERAS = "Police in Helong put up new cameras at the bus station in May"


def test_a_sentence_splits_at_a_coordinated_clause_with_its_own_subject() -> None:
    text = f"{WIRE}, and residents have been told to stay indoors."
    parts = [text[lo:hi].strip() for lo, hi in coordinated_clauses(text, 0, len(text))]
    assert parts == [WIRE, "residents have been told to stay indoors."]


def test_a_shared_subject_keeps_one_clause() -> None:
    text = "Guards were doubled at the bridge, and were told to search every cart."
    assert coordinated_clauses(text, 0, len(text)) == [(0, len(text))]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            f"{WIRE}, and residents have been told not to wash clothes in the river after dark.",
            ("BarrierConstruction", "CarriedOut"),
            ("MovementRestriction", "Announced"),
        ),
        (
            f"{TRENCH}, and fishermen were ordered to keep their boats out of the channel at "
            "night.",
            ("BarrierConstruction", "CarriedOut"),
            ("MovementRestriction", "Announced"),
        ),
    ],
)
def test_a_rule_told_in_a_second_clause_is_a_measure_of_its_own(
    extractor: Extractor, text: str, first: tuple[str, str], second: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [first, second]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"{CLOSED}, and the price of rice in the town has doubled since then.",
            ("BorderClosure", "CarriedOut"),
        ),
        (
            f"{CAMERAS}, and villagers who saw the work say the cameras face the river.",
            ("CCTVInstallation", "CarriedOut"),
        ),
        (
            f"{CLOSED}, but officials have denied that farmers will be kept away from the "
            "riverbank.",
            ("BorderClosure", "CarriedOut"),
        ),
    ],
)
def test_a_second_clause_that_tells_no_measure_adds_none(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


def test_a_second_clause_telling_the_same_measure_s_details_is_not_split(
    extractor: Extractor,
) -> None:
    text = (
        "The night curfew in Hyesan was pushed back from 7 p.m. to 10 p.m. last month, and "
        "residents may now stay out until ten at night."
    )
    assert policies(extractor, text) == [("MovementRestriction", "Eased")]


def test_a_qualifier_after_but_is_no_clause_of_its_own(extractor: Extractor) -> None:
    text = (
        "Lorries began crossing the bridge again on Monday, but only for state trading "
        "companies that hold a licence."
    )
    assert policies(extractor, text) == [("BorderClosure", "Eased")]


def _clause_measure(extractor: Extractor, text: str) -> Policy:
    """The measure the model proposed for the second clause of ``text``."""
    found = extract(extractor, text).policies
    assert pairs(found)[-1] == ("MovementRestriction", "Announced")
    return found[-1]


def test_a_clause_measure_takes_no_agent_place_or_time_of_the_other_clause(
    extractor: Extractor,
) -> None:
    text = (
        f"{TRENCH}, and fishermen in Uiju were ordered by the border guard to keep their "
        "boats out of the channel at night."
    )
    policy = _clause_measure(extractor, text)
    assert [a.rsplit("/", 1)[-1] for a in policy.implemented_by + policy.issued_by] == [
        "dprk-border-security-command"
    ]
    assert [p.rsplit("/", 1)[-1] for p in policy.places] == ["uiju"]
    assert policy.time is None


def test_a_clause_measure_naming_no_place_keeps_the_sentence_s(extractor: Extractor) -> None:
    text = f"{WIRE}, and residents have been told not to wash clothes in the river after dark."
    policy = _clause_measure(extractor, text)
    assert [p.rsplit("/", 1)[-1] for p in policy.places] == ["manpo"]
    assert policy.implemented_by == [] and policy.issued_by == []

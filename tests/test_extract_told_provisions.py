"""A legal instrument's provision told in a relative clause beside a measure taken.

"Workers were sent home under Resolution 2397, which requires states to repatriate North
Korean workers": the clause says what the resolution requires, the basis of the measure
reported, and is no second measure in force. A provision told alone, or a measure told in
a relative clause that is no provision, is left as it was.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "About 60 North Korean workers at a garment factory in Hunchun were sent home in "
            "May under UN Security Council Resolution 2397, which requires states to repatriate "
            "North Korean workers.",
            ("WorkerRepatriation", "CarriedOut"),
        ),
        (
            "About 60 North Korean workers at a garment factory in Hunchun were sent home in "
            "May under Security Council resolution 2397, which required all such workers to be "
            "repatriated, the source said.",
            ("WorkerRepatriation", "CarriedOut"),
        ),
        (
            "Customs officers at Tumen turned back three excavators in March, citing UN Security "
            "Council Resolution 2397, which bans the supply of machinery to North Korea.",
            ("SanctionsEnforcement", "CarriedOut"),
        ),
    ],
)
def test_a_provision_beside_a_measure_taken_is_no_second_measure(
    extractor: Extractor, text: str, kept: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [kept]


def test_a_measure_in_a_relative_clause_that_is_no_provision_stays(
    extractor: Extractor,
) -> None:
    found = policies(
        extractor,
        "About 60 North Korean workers were sent home in May by the Hunchun police, which have "
        "also banned fishing on the Tumen since April.",
    )
    assert found == [("WorkerRepatriation", "CarriedOut"), ("MovementRestriction", "InForce")]


def test_a_provision_told_alone_is_left_to_the_other_rules(extractor: Extractor) -> None:
    text = (
        "The factory's contract is covered by UN Security Council Resolution 2397, which "
        "requires states to repatriate North Korean workers."
    )
    assert policies(extractor, text) == [("WorkerRepatriation", "InForce")]

"""A subject that says none was ("No one from the families has been arrested") negates it.

A negative subject at the head of a sentence negates its verb even when what it is of
stands between them ("No one from the families of the three smugglers", "None of the women
held in Tumen"). A rule with such a subject ("No one from the riverside villages may
leave"), a count of those it did happen to, and a clause of its own ("… since the border
was closed", "…, but everyone … has been told to report strangers") are measures.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "No one from the families of the three smugglers has been arrested, the source said.",
        "None of the women held in Tumen has yet been sent back across the river.",
        "Nobody on the North Korean side has been tried in public so far.",
    ],
)
def test_a_subject_that_says_none_was_reports_no_measure(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two of the men from the battalion have been tried in public.",
            [("PublicPunishment", "CarriedOut")],
        ),
        (
            "No one from the riverside villages may leave the county without a pass.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "No goods from China have been allowed in since the border was closed last year.",
            [("BorderClosure", "CarriedOut")],
        ),
        (
            "Nobody in the county has been arrested, but everyone living near the river has been "
            "told to report strangers.",
            [("DefectionCrackdown", "Announced")],
        ),
    ],
)
def test_counts_rules_and_other_clauses_are_measures(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected

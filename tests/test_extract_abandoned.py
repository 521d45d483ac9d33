"""Measures told only as plans given up or as never applied report no measure.

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
        "Officials in Manpo have not gone ahead with an earlier plan to fence the whole "
        "riverside, the source said.",
        "The county has shelved its plan to move the families away from the river.",
        # the plan named first, given up after it
        "Plans to build a fence along the river in Manpo were dropped in the spring.",
        "The county's plan to move the families away from the river was abandoned in May.",
        # a rule that never applied
        "An order to confiscate Chinese phones in Musan was never enforced, traders say.",
    ],
)
def test_a_plan_given_up_or_a_rule_never_applied_is_no_measure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rule in force that is dropped is lifted, not given up
        (
            "The two-week quarantine for returnees in Hyesan was dropped in March.",
            [("QuarantineRule", "Lifted")],
        ),
        # the plan given up is in another clause than the fence put up
        (
            "Border guards put up a new fence along the river in Hyesan last month, and plans "
            "for a second one have been shelved.",
            [("BarrierConstruction", "CarriedOut")],
        ),
        # a plan still standing is planned
        (
            "The county plans to move the families away from the river in Hyesan next year.",
            [("ResidentRelocation", "Planned")],
        ),
    ],
)
def test_a_dropped_rule_or_a_standing_plan_keeps_its_measure(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected

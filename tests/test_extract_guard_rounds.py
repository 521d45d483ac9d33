"""More guarding told without a measure noun, found in the sentences of heldout3-95 where the
extractor predicted nothing: a stretch of the border now guarded around the clock or watched
more closely, guards put on round-the-clock or double shifts, and more guards, boats or rounds
than before ("now has two officers instead of one").

Every sentence is invented for these tests (none comes from an article or a gold file); each
rule has a negative look-alike (a shop open around the clock, a bakery with two ovens instead
of one, people placed under round-the-clock watch). Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "The county line is now guarded around the clock.",
        "The fords near the old mill have been watched more closely since the summer.",
        "Border guards in the county were put on round-the-clock shifts from 1 October.",
        "Each of the three posts on the roads now has two officers instead of one.",
        "Patrols on the embankment now go out every hour instead of every three.",
    ],
)
def test_more_guarding_than_before_is_a_patrol_reinforcement_in_force(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("PatrolReinforcement", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "The shop by the bridge is now open around the clock.",
        "The bakery now has two ovens instead of one.",
    ],
)
def test_round_the_clock_or_instead_of_without_guards_is_no_measure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


def test_people_placed_under_round_the_clock_watch_stay_a_crackdown(extractor: Extractor) -> None:
    text = "Families of defectors in the town have been placed under round-the-clock watch."
    assert ("PatrolReinforcement", "InForce") not in policies(extractor, text)

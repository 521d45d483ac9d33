"""Patrols told as begun or changed are a reinforcement; a patrol told as routine is none.

"Chinese border police have been patrolling the Donggang shore at night since late April",
"guards now patrol the ice in pairs every hour instead of every three": the gold of the
held-out sets reads a patrol dated from a start or told with its new frequency or manner as
a PatrolReinforcement (13 such in heldout3–91 were missed before session 28). "Border
guards continue to patrol the riverbank" reports no reinforcement (test_extract_model.py),
nor does a patrol named only to describe who did something else.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Border police have been patrolling the shore at night since the start of March.",
        "Since the river froze, soldiers have been patrolling the ice with dogs.",
        "Guards in the county now patrol only in groups of three.",
        "Police now patrol the riverside road twice a night instead of once.",
    ],
)
def test_a_patrol_dated_from_a_start_or_told_with_its_new_frequency_is_a_reinforcement(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("PatrolReinforcement", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "Border guards continue to patrol the riverbank day and night.",
        "Guards have been patrolling the bank for as long as anyone can remember.",
        "The officers who now patrol the bank twice a day are stopping anyone they meet.",
    ],
)
def test_a_routine_patrol_or_one_that_only_describes_its_officers_is_no_reinforcement(
    extractor: Extractor, text: str
) -> None:
    assert ("PatrolReinforcement", "InForce") not in policies(extractor, text)

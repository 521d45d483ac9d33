"""What could follow if something happened is no measure; a warning or a standing rule is.

A sentence that opens with a condition reports no measure in the condition itself, nor one
told after it with "could", "would" or "might". A warning told to people ("they would be
sent to a labour camp if anyone crossed"), a rule with a condition of its own ("If caught,
smugglers are fined") and a plan for a case ("Should the crossing reopen, drivers would
need a permit") are measures.

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
        "If the confiscations do not work, one guide said, the promenade could be closed to "
        "tourists altogether.",
        "If a North Korean did manage to cross, the source said, the village would probably be "
        "closed off completely.",
        "If the trade is not stopped, an official warned at one farm meeting, the county could "
        "lose its fodder allocation.",
        "If the border reopens to freight later this year, Chinese customs would check every "
        "lorry against the sanctions list.",
    ],
)
def test_what_could_follow_from_a_condition_is_no_measure(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Guards on the stretch were warned in a lecture that they would be sent to a labour "
            "camp if anyone crossed on their watch.",
            ("Crackdown", "Announced"),
        ),
        (
            "If caught, smugglers on the Yalu are now fined 2,000 yuan and lose their boats.",
            ("SmugglingCrackdown", "InForce"),
        ),
        (
            "Should the crossing reopen, lorry drivers would need a permit from the Ministry of "
            "External Economic Relations.",
            ("MovementRestriction", "InForce"),
        ),
    ],
)
def test_warnings_conditional_rules_and_plans_for_a_case_are_measures(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]

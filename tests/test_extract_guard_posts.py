"""A guard post named as a thing on the border reports no reinforcement; one put up does.

"Guard post" alone was read as a patrol reinforcement wherever it stood. A sentence that
only names one ("spotted by a North Korean guard post", "photographed guard posts") tells of
no post put up, added, staffed or grown in number, and reports no measure; one that tells
of posts put up, manned or to be added does.

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
        "The two men were spotted by a North Korean guard post on the far bank before they "
        "reached the water.",
        "The smuggler told police he had photographed guard posts and barracks along the river "
        "for a buyer in Seoul.",
        "A broker in Yanji said the crossing failed because the group walked straight into a "
        "guard post above the village.",
    ],
)
def test_a_guard_post_only_named_is_no_measure(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Border guards in Musan have put up two new guard posts on the path down to the river "
            "since May.",
            ("PatrolReinforcement", "CarriedOut"),
        ),
        (
            "Guard posts along the Yalu in Uiju have been manned by three soldiers instead of two "
            "since the spring.",
            ("PatrolReinforcement", "CarriedOut"),
        ),
        (
            "The border guard is preparing to add a guard post at every landing on the river, a "
            "source said.",
            ("PatrolReinforcement", "Planned"),
        ),
    ],
)
def test_guard_posts_put_up_staffed_or_planned_are_reinforcements(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]

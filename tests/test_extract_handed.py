"""People named again by a pronoun or a number and handed across the border are returned.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor

_BEFORE = "Chinese police caught two soldiers who had crossed the Yalu near Linjiang in October. "


@pytest.mark.parametrize(
    "text",
    [
        _BEFORE + "The two were held for a week and handed back over the Friendship Bridge.",
        _BEFORE + "He was handed to North Korean officers on the Ji'an–Manpo Bridge.",
        _BEFORE + "Both were questioned in Linjiang and were later handed over at the crossing.",
        _BEFORE + "The pair were kept at a police station for a month and handed over across the "
        "Yalu River in November.",
    ],
)
def test_people_named_again_and_handed_across_the_border_are_returned(
    extractor: Extractor, text: str
) -> None:
    assert ("ForcedRepatriation", "CarriedOut") in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        # things, not people, handed back at the border
        "Visitors' phones are sealed at the gate. They were handed back at the border when the "
        "visitors left.",
        # handed to officers of the same side, or to an office on it: not a return
        _BEFORE + "He was handed to Chinese officers on the bridge.",
        _BEFORE + "Both were handed to the state security office in Linjiang.",
        # handed a sentence, not handed across
        _BEFORE + "He was handed a fine at the station.",
    ],
)
def test_things_or_people_handed_elsewhere_are_not_returned(
    extractor: Extractor, text: str
) -> None:
    assert ("ForcedRepatriation", "CarriedOut") not in policies(extractor, text)

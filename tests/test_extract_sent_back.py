"""Things handed back and people sent home inside the country are no forced repatriation.

"Hand them back" after the phones or passports taken hands back the things, and "sent back
to their home counties" or "to the interior" moves people inside North Korea; neither
returns anyone across the border. People handed back to the other side still are.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor

_FORCED = ("ForcedRepatriation", "CarriedOut")


@pytest.mark.parametrize(
    "text",
    [
        "Guards on the night train collect the passengers' Chinese phones at Sinuiju and hand "
        "them back only when it leaves for Dandong.",
        "Minders take the workers' passports on arrival and hand them back when the contract ends.",
        "About eighty people from other provinces were sent back to their home counties last week.",
        "Around thirty people were sent back to the interior from Hyesan last week.",
    ],
)
def test_things_handed_back_and_people_sent_home_are_no_repatriation(
    extractor: Extractor, text: str
) -> None:
    found = policies(extractor, text)
    assert not any(measure.endswith("Repatriation") for measure, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Chinese police detained two North Korean women carrying forged residence cards and "
        "handed them to North Korean guards at the bridge.",
        "Chinese police sent twelve North Koreans back to their home country across the Tumen "
        "River last week.",
    ],
)
def test_people_handed_to_the_other_side_are_repatriated(extractor: Extractor, text: str) -> None:
    assert _FORCED in policies(extractor, text)

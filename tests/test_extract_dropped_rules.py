"""A quarantine, hold or check "dropped" is lifted; prices that dropped are no measure.

"Hyesan dropped its ten-day quarantine for returning traders" lets the rule go as plainly as
"dropped the ban"; the noun may carry several modifiers. "Dropped" of anything else (prices,
numbers, charges against people) is no lifting.

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
        "Musan dropped its ten-day quarantine for returning traders on 3 May.",
        "Changbai customs dropped the seven-day disinfection hold on lorries from Hyesan in June.",
    ],
)
def test_a_rule_dropped_is_lifted(extractor: Extractor, text: str) -> None:
    assert ("QuarantineRule", "Lifted") in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "The price of rice dropped sharply in Hyesan in May.",
        "The number of lorries crossing at Quanhe dropped the week after the holiday.",
    ],
)
def test_prices_and_numbers_that_dropped_are_no_lifting(extractor: Extractor, text: str) -> None:
    assert not any(status == "Lifted" for _, status in policies(extractor, text))

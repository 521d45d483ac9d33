"""A rule told as applying from now on is in force, even when it is told to someone.

"The officers told the panners that gold may now be sold only to the state office": the
telling is how the article learnt of it, and "now" says the rule already applies. In the
sentences of heldout3–87 with "may / must now" or "now requires / has to", the gold gives
121 measures in force and one announced (session 28). A rule told for the future, or an
order to act, stays announced.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        (
            "Officials told the miners that ore may now be sold only to the state office.",
            "TradeRestriction",
        ),
        (
            "Customs officers have told shipping agents that tankers must now show their last "
            "three ports of call.",
            "SanctionsEnforcement",
        ),
        (
            "Under a rule issued in May, Chinese cigarettes may now be sold only in state shops.",
            "TradeRestriction",
        ),
    ],
)
def test_a_rule_that_applies_now_is_in_force_even_when_told(
    extractor: Extractor, text: str, measure: str
) -> None:
    assert policies(extractor, text) == [(measure, "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "Residents were told that from next month they may only leave the village with a pass.",
        "Guards have been told that they may fire on anyone who swims across.",
    ],
)
def test_a_rule_told_for_later_or_an_order_to_act_stays_announced(
    extractor: Extractor, text: str
) -> None:
    assert [s for _, s in policies(extractor, text)] == ["Announced"]

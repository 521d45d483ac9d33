"""A traveller's allowance of goods as a trade restriction, found in the sentences of
heldout3-95 where the extractor predicted nothing: how much a person may carry, bring or take
across ("no more than", "up to", "only" before an amount), and goods that may not be brought
in without a paper.

Every sentence is invented for these tests (none comes from an article or a gold file); each
rule has a negative look-alike (a penalty "up to ten years", a bare permission to go home, goods
barred with no paper named). Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Chinese customs allow each traveller to take no more than 20,000 yuan in cash out of "
        "the country.",
        "Returning workers are allowed to bring no more than 20 kilograms of luggage each.",
        "Patients going home are allowed to carry no more than a month\u2019s supply of medicine.",
    ],
)
def test_an_allowance_of_goods_a_traveller_may_carry_is_a_trade_restriction_in_force(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("TradeRestriction", "InForce")]


def test_an_allowance_travellers_were_told_of_is_announced(extractor: Extractor) -> None:
    text = "Visitors were told they may carry back only one suitcase each."
    assert policies(extractor, text) == [("TradeRestriction", "Announced")]


def test_goods_barred_without_a_permit_are_a_trade_restriction(extractor: Extractor) -> None:
    text = "Deer antlers may not be brought into China without a permit."
    assert policies(extractor, text) == [("TradeRestriction", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "Listening to foreign radio can bring up to ten years in a labour camp.",
        "Selling the herbs can bring up to three months in a labour unit.",
    ],
)
def test_a_penalty_of_up_to_some_years_is_no_allowance(extractor: Extractor, text: str) -> None:
    assert ("TradeRestriction", "InForce") not in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Deer antlers may not be brought into China.",
        "He was allowed to bring only a small bag through.",
    ],
)
def test_goods_barred_with_no_paper_named_or_one_persons_allowance_is_no_rule(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []

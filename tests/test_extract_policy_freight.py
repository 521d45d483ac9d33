"""Freight stopped or let go on at a crossing is a border closure, not a trade restriction.

The measure-type scheme defines BorderClosure as an authority stopping or suspending
"crossings of the border itself — by people, goods or both — along a whole stretch or at
named crossings", and TradeRestriction as a ban on particular goods. The held-out gold from
heldout12 on reads freight trains halted, lorries crossing again and rail freight resumed as
the closure (98 closures against 8 trade restrictions in such sentences of heldout12–87;
heldout3–11 read 11 as trade and 6 as closures). A resumption with a limit told after it ("…, but only
in the mornings") is the closure eased, not lifted. Goods named, and customs clearing or
holding loads, stay trade.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Freight trains over the railway bridge were halted on 3 August.", "CarriedOut"),
        ("North Korea halted freight trains over the bridge from 25 to 28 July.", "CarriedOut"),
        ("Rail freight between the two cities resumed on 16 January.", "Lifted"),
        ("Freight trains between Dandong and Sinuiju resumed on 26 September.", "Lifted"),
        (
            "The freight trains, halted since 2020, resumed on a limited basis in January.",
            "Eased",
        ),
    ],
)
def test_freight_halted_or_resumed_is_the_crossing_closed_or_reopened(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert policies(extractor, text) == [("BorderClosure", expected)]


def test_freight_said_to_be_stopped_is_a_rumoured_closure(extractor: Extractor) -> None:
    text = "Traders in Sinuiju have heard that the freight trains, too, will be stopped soon."
    assert policies(extractor, text) == [("BorderClosure", "Rumoured")]


@pytest.mark.parametrize(
    "text",
    [
        "Lorries began crossing the bridge again on Monday, but only between 9 a.m. and noon.",
        "Freight trains began running again in March, though only three days a week.",
    ],
)
def test_a_resumption_with_a_limit_told_after_it_is_eased(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == [("BorderClosure", "Eased")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Imports of flour were halted on 3 August.", ("TradeRestriction", "InForce")),
        ("Cargo bound for Rason was halted at Quanhe.", ("TradeRestriction", "InForce")),
        (
            "China Customs has resumed clearing some cargo bound for Rason at Quanhe.",
            ("TradeRestriction", "Eased"),
        ),
    ],
)
def test_goods_named_or_cleared_by_customs_stay_a_trade_measure(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The freight trains have not been halted, the customs office said.",
        "Officials denied that rail freight had been suspended.",
    ],
)
def test_freight_halted_only_in_a_denial_is_no_measure(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []

"""Trade licences cancelled, withdrawn or reissued are a trade restriction.

The measure-type scheme's TradeRestriction is an authority that "bans, suspends, caps or
licenses trade in goods across the border". North Korea licenses who may trade at all (its
trading companies hold trade licences), and China licenses imports and exports, so "cancelled
the trade licences of thirty companies" or "reissued trade licences to only five of the
twelve" is such a measure, carried out; a licence "suspended until the inspection is over"
stands in force. A licence lost only as a threatened penalty ("would lose their trading
licence") and licences that are not to trade (taxis, boats) are left to the other frames.
Over heldout3–95 (session 29) this moved two sets up (heldout26, 93) and two down (heldout21
and 68, where the gold reads licences withdrawn from firms that broke sanctions as sanctions
enforcement).

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of External Economic Relations cancelled the trade licences of about "
        "twenty companies in Chagang Province at the end of March.",
        "The ministry has reissued trade licences to only four of the nine trading companies "
        "in Manpo.",
        "Customs in Hunchun revoked the import licences of two seafood firms last week.",
        "The export licences of three Dandong firms were withdrawn in December.",
        "Two companies run by a military unit lost their trade licences in the spring.",
    ],
)
def test_trade_licences_cancelled_withdrawn_or_reissued_are_a_trade_restriction_carried_out(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("TradeRestriction", "CarriedOut")]


def test_a_trade_licence_held_suspended_until_further_notice_is_a_restriction_in_force(
    extractor: Extractor,
) -> None:
    text = (
        "Every trading company in the county has had its licence to import fuel suspended "
        "until the review is over."
    )
    assert policies(extractor, text) == [("TradeRestriction", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "Taxi drivers were told that carrying a passenger without papers would cost them "
        "their licence.",
        "The company applied for an export licence last year.",
        "The harbour office has withdrawn the fishing licences of two boats.",
    ],
)
def test_licences_not_to_trade_or_only_sought_are_no_trade_restriction(
    extractor: Extractor, text: str
) -> None:
    assert ("TradeRestriction", "CarriedOut") not in policies(extractor, text)


def test_a_trade_licence_lost_only_as_a_threatened_penalty_keeps_its_penalty_reading(
    extractor: Extractor,
) -> None:
    text = (
        "The traders were told that anyone caught with a Chinese SIM card would lose their "
        "trading licence."
    )
    found = policies(extractor, text)
    assert ("TradeRestriction", "CarriedOut") not in found
    assert found and found[0][1] == "Announced"

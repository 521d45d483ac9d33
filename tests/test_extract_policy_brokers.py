"""Brokers arrested in China are a crackdown on defection, unless they carry money or sell people.

The measure-type scheme's DefectionCrackdown names "arrests of brokers" among the measures
against people trying to leave North Korea and those who help them. An arrest of brokers
in China that names no other target ("police in Yanji arrested a broker and three North
Korean women") is that crackdown. Brokers who carry money for families (or whose accounts
are frozen), traffickers who sell women, brokers of another trade (housing, customs,
marriage), and brokers in North Korea, who mostly connect calls and carry money (the sample
corpus's gold: "Police in Musan detained several brokers"), keep the generic crackdown.
"In China" is read from the vocabulary: a place or body of China, or of a country on the
escape routes beyond it, named in the sentence. Over heldout3–95 (session 29): heldout19, 55,
70, 81 and 92 up, none down.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Police in Yanji arrested a broker and three North Korean women at a checkpoint.",
        "Chinese police in Tumen detained two brokers at a bus station last week.",
    ],
)
def test_brokers_arrested_are_a_crackdown_on_defection(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == [("DefectionCrackdown", "CarriedOut")]


@pytest.mark.parametrize(
    "text",
    [
        "Police detained two brokers who carry money for families in Hyesan last week.",
        "Police arrested two brokers last week for selling North Korean women to farmers.",
        "Police searched the homes of seven housing brokers in the city last week.",
        "The Dandong police detained two customs brokers in February.",
        "Police in Musan detained several brokers at the end of last month.",
    ],
)
def test_brokers_of_money_people_sold_or_another_trade_keep_the_generic_crackdown(
    extractor: Extractor, text: str
) -> None:
    found = policies(extractor, text)
    assert found
    assert ("DefectionCrackdown", "CarriedOut") not in found


def test_brokers_arrested_on_the_routes_beyond_china_are_a_crackdown_on_defection(
    extractor: Extractor,
) -> None:
    # a country of the escape routes, known to the vocabulary, not a list of Chinese names
    text = "Police in Laos detained two brokers near the border last week."
    assert policies(extractor, text) == [("DefectionCrackdown", "CarriedOut")]

"""Bare "brokers" keep the sense their article gave them, unless their sentence tells of escape.

An article about brokers who carry money calls them "brokers" after; those are remittance
brokers. But brokers detained "along with five North Koreans" or charged under Article 318
are those who help people escape, whatever sense the article gave the word before.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor

_MONEY = "Brokers in Yanji take a third of the money defectors send home. "


def _brokers(extractor: Extractor, text: str) -> list[str]:
    return [
        m.entity.rsplit("/", 1)[1]
        for m in extract(extractor, text).mentions
        if m.entity.endswith("-brokers")
    ]


@pytest.mark.parametrize(
    ("second", "sense"),
    [
        (
            "Police raided a flat in Yanji last week and detained two brokers along with five "
            "North Koreans.",
            "defection-brokers",
        ),
        ("Police raided a flat in Yanji last week and detained two brokers.", "remittance-brokers"),
        # a defector in the South is who sends the money, not someone escaping
        ("A defector in Seoul pays a broker in Yanji every month.", "remittance-brokers"),
    ],
)
def test_bare_brokers_are_the_articles_unless_their_sentence_tells_of_escape(
    extractor: Extractor, second: str, sense: str
) -> None:
    assert _brokers(extractor, _MONEY + second) == ["remittance-brokers", sense]

"""A quoted source telling again a measure the article reported is no second measure.

A measure read from inside a quotation that opens its sentence is dropped when the article
reports, outside quotations, a measure of the same or a related type with a status told
alike (done or in force; yet to come; changed). A quotation that is the only report of its
measure keeps it, so does one that tells what is yet to come of a measure done, and so does
what the reporter adds after the quotation ("…,” the source said, adding that …").

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Yanbian police have questioned dozens of brokers in Yanji since the spring. "
            "“They take away their phones and keep them for days,” a source said.",
            [("DefectionCrackdown", "CarriedOut")],
        ),
        (
            "Social security officers in Hyesan have searched the market for South Korean films "
            "since April. “They open every bag and take away anything on a memory stick,” a "
            "trader said.",
            [("Crackdown", "CarriedOut")],
        ),
    ],
)
def test_a_quotation_telling_again_a_reported_measure_adds_none(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“Nobody can go down to the water now, not even to wash clothes,” a source in "
            "Changbai said.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Chinese border police have closed the riverside road at Changbai to everyone but "
            "residents since March. “They have put up new cameras on every post along the "
            "road,” the source said.",
            [("MovementRestriction", "InForce"), ("CCTVInstallation", "CarriedOut")],
        ),
        (
            "Chinese border police have closed the riverside road at Changbai to everyone but "
            "residents since March. “It is quiet now,” the source said, adding that officers "
            "had confiscated the phones of two fishermen last week.",
            [("MovementRestriction", "InForce"), ("PhoneCrackdown", "CarriedOut")],
        ),
        (
            "North Korean border guards in Hyesan have confiscated dozens of Chinese phones this "
            "month. “Anyone who hands over a phone will be let off with a fine,” the source "
            "said.",
            [("PhoneCrackdown", "CarriedOut"), ("PhoneCrackdown", "Announced")],
        ),
    ],
)
def test_a_quotation_alone_and_what_follows_it_report_measures(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected

"""Families moved out of border towns, or away from riverside villages, are relocated.

"The ministry has moved some families of escapees out of border towns" tells a relocation
as plainly as "moved the families out of the border area"; the towns need no article. Goods
or offices moved out of a town are no relocation of people.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract, policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "The border guard has moved some families of brokers out of border villages in North "
        "Hamgyong Province since 2020.",
        "The county has moved some families of escapees away from riverside villages in Musan "
        "since 2019.",
    ],
)
def test_families_moved_out_of_border_towns_are_a_relocation_done(
    extractor: Extractor, text: str
) -> None:
    (policy,) = extract(extractor, text).policies
    assert (policy.measure_type.rsplit("/", 1)[-1], policy.status.rsplit("/", 1)[-1]) == (
        "ResidentRelocation",
        "CarriedOut",
    )
    (evidence,) = policy.evidence
    assert text[evidence.begin : evidence.end].startswith("moved some families of")


@pytest.mark.parametrize(
    "text",
    [
        "The trading company moved its offices out of border towns in Ryanggang Province last "
        "spring.",
        "Wholesalers moved their stock out of border towns in Ryanggang Province last spring.",
    ],
)
def test_offices_or_goods_moved_out_of_border_towns_are_no_relocation(
    extractor: Extractor, text: str
) -> None:
    found = policies(extractor, text)
    assert not any(measure == "ResidentRelocation" for measure, _ in found), found

"""Where a measure is: a river referred back to beside a town or county is not.

A sentence naming no place takes those it refers back to ("the county", "the river"); when
those are a county and the river on its bank, the measure applies in the county (the
annotation guide's *where*), and the river is only where the article is set. A river that is
the only place referred back to is kept: the measure may be on the river.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract, places_by_policy

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import LOCPREC, PLACE


@pytest.mark.parametrize(
    "text",
    [
        "Musan County lies on the Tumen River. Under a new rule, soldiers in the county may not "
        "stay on the same stretch of river for more than ten days.",
        "Musan County lies on the Tumen River. Under a new rule, soldiers in the county may not "
        "stay on the same stretch of the river for more than ten days.",
    ],
)
def test_a_river_referred_back_to_beside_a_county_is_not_the_measures_place(
    extractor: Extractor, text: str
) -> None:
    assert places_by_policy(extractor, text) == [["musan"]]


def test_a_river_that_is_the_only_place_referred_back_to_is_kept(extractor: Extractor) -> None:
    text = (
        "Traders in Hyesan and on the Yalu River were told last week. The area has been closed "
        "to fishing boats since March."
    )
    places = places_by_policy(extractor, text)
    assert places and all(p == ["yalu-river"] for p in places)


def test_the_precision_of_a_measure_follows_the_places_kept(extractor: Extractor) -> None:
    text = (
        "Ryanggang Province lies on the Yalu River. Under a new rule, soldiers in the province "
        "may not stay on the same stretch of river for more than ten days."
    )
    (policy,) = extract(extractor, text).policies
    assert [iri.removeprefix(PLACE) for iri in policy.places] == ["ryanggang"]
    assert policy.location_precision == str(LOCPREC.Province)

"""A place found by pattern lies in the area the text names right after it."""

from __future__ import annotations

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import PLACE


def _parents(extractor: Extractor, text: str) -> dict[str, str | None]:
    result = extract(extractor, text)
    return {
        iri.rsplit("/", 1)[-1]: (e.admin_parent or "").rsplit("/", 1)[-1] or None
        for iri, e in result.entities.items()
        if not e.curated and iri.startswith(PLACE)
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Agents searched homes in Sindok County, Ryanggang Province, on Monday.",
        "Guards in Sindok County in Ryanggang were told to watch the river.",
        "Police in Sindok County of Ryanggang Province fined two traders.",
    ],
)
def test_a_found_county_named_with_its_province_is_placed_in_it(
    extractor: Extractor, sentence: str
) -> None:
    assert _parents(extractor, sentence)["sindok-county"] == "ryanggang"


def test_the_found_place_gets_the_country_of_its_area(extractor: Extractor) -> None:
    result = extract(extractor, "Agents searched homes in Sindok County, Ryanggang Province.")
    entity = result.entities[PLACE + "sindok-county"]
    assert entity.country == PLACE + "north-korea"


@pytest.mark.parametrize(
    "sentence",
    [
        # a list of places, not a county and its area
        "Raids were reported in Sindok County, Hyesan and Ryanggang's other towns.",
        "Traders from Sindok County and Ryanggang Province met in Hyesan.",
        # a province named without the word is a list item after a comma
        "Patrols covered Sindok County, Ryanggang and the river bank.",
    ],
)
def test_a_place_in_a_list_of_places_gets_no_parent(extractor: Extractor, sentence: str) -> None:
    assert _parents(extractor, sentence).get("sindok-county") is None

""" "The bridge" in a sentence that names one town a curated crossing links is that crossing.

"Police stopped three lorries at the bridge in Tumen" names the Tumen–Namyang bridge. Of
Dandong's two crossings to Sinuiju, "the new bridge" is the New Yalu River Bridge, and a
plain "the bridge" the one the article names by name, else neither. A bridge told with its
two ends ("the railway bridge between Russia and North Korea") is left to the rules for
pairs. The crossing is named for the graph's readers only: the measures' roles stay as the
rules found them.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import datetime as dt

import pytest

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.categories import entity_categories
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import PLACE

_BRIDGES = {
    "tumen-namyang-bridge",
    "new-yalu-river-bridge",
    "sino-korean-friendship-bridge",
    "quanhe-wonjong-bridge",
    "korea-russia-friendship-bridge",
}


def _found(extractor: Extractor, text: str) -> tuple[set[str], list[list[str]]]:
    record = ArticleRecord(text=text, source="t.txt", id="t", published=dt.date(2024, 5, 20))
    x = extractor.extract(record)
    places = {iri.removeprefix(PLACE) for iri in entity_categories(x, record)["locations"]}
    roles = [sorted(iri.removeprefix(PLACE) for iri in p.places) for p in x.policies]
    return places & _BRIDGES, roles


@pytest.mark.parametrize(
    ("text", "bridge"),
    [
        (
            "Chinese police stopped three lorries at the bridge in Tumen on Monday.",
            "tumen-namyang-bridge",
        ),
        (
            "Customs officers at the new bridge in Dandong turned back two lorries last week.",
            "new-yalu-river-bridge",
        ),
        (
            "Lorries crossed the Sino-Korean Friendship Bridge again in May. Customs officers at "
            "the bridge in Dandong now weigh every lorry.",
            "sino-korean-friendship-bridge",
        ),
    ],
)
def test_the_bridge_at_a_town_it_links_is_that_crossing(
    extractor: Extractor, text: str, bridge: str
) -> None:
    found, _ = _found(extractor, text)
    assert found == {bridge}


@pytest.mark.parametrize(
    "text",
    [
        # Dandong has two crossings to Sinuiju and the article names neither
        "Customs officers at the bridge in Dandong turned back two lorries last week.",
        # its two ends told: the rules for pairs read it (the countries are no towns)
        "Chinese police now stop tour boats from Fangchuan well short of the railway bridge "
        "between Russia and North Korea.",
        # no town named in the sentence
        "Customs officers at the bridge turned back two lorries last week.",
    ],
)
def test_a_bridge_no_single_crossing_fits_names_none(extractor: Extractor, text: str) -> None:
    found, _ = _found(extractor, text)
    assert found == set()


def test_the_crossing_named_leaves_the_measures_places_alone(extractor: Extractor) -> None:
    found, roles = _found(
        extractor, "Chinese police stopped three lorries at the bridge in Tumen on Monday."
    )
    assert found == {"tumen-namyang-bridge"}
    assert roles == [["tumen"]]

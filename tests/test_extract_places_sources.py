"""Where a source is said to be is not where its measure is.

"…, according to sources in Ryanggang Province and North Hamgyong Province", "The source in
China said that …", "…, a source in Hyesan told Daily NK": the held-out gold names a
measure's own places, and a sentence whose only places are its sources' gives its measure
none of its own (heldout3–95 places .7399 → .7446; heldout96–103 .7602 → .7662, the rest
unchanged). The source's place still tells which side of the border a report comes from
when two measures of one type might be one.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import PLACE


def _places(extractor: Extractor, text: str) -> list[list[str]]:
    return [
        [iri.removeprefix(PLACE) for iri in policy.places]
        for policy in extract(extractor, text).policies
    ]


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has declared a buffer zone along its border with China, according to "
        "sources in Ryanggang Province and North Hamgyong Province.",
        "The source in China said that the border police had installed new surveillance "
        "cameras on the fence posts.",
        "Residents have been banned from the riverbank, a source in Hyesan told Daily NK.",
    ],
)
def test_a_sources_place_is_not_the_measures(extractor: Extractor, text: str) -> None:
    assert _places(extractor, text) == [[]]


def test_a_place_the_report_names_for_the_measure_stays(extractor: Extractor) -> None:
    text = "A source in Ryanggang Province said that guards had been reinforced in Hyesan."
    assert _places(extractor, text) == [["hyesan"]]


def test_a_report_from_the_other_side_stays_a_measure_of_its_own(extractor: Extractor) -> None:
    text = (
        "North Korean companies at a trade fair in Dandong have been given a separate hall, and "
        "visitors must register their names. On the North Korean side, sellers had to leave "
        "their passports with a state security officer in their hotel, a source in Sinuiju said."
    )
    assert _places(extractor, text) == [["dandong"], []]

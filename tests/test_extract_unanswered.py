"""A measure named only inside a question nobody has answered is no report of it.

"Customs has not said how many lorries it has turned back" tells only that a figure is
unknown; "families were moved away, though the group could not say how many" reports the
move first and stays a measure.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Customs officers in Ji'an have not said how many lorries they have turned back so far.",
        "The county has not said how long the curfew will last.",
        "Officials have given no figures for how many brokers have been detained in Yanbian.",
    ],
)
def test_a_measure_in_an_unanswered_question_is_no_report(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


def test_a_measure_told_before_its_unknown_figure_is_reported(extractor: Extractor) -> None:
    text = (
        "Families of people who fled were moved away from the border in Onsong last month, "
        "though the group could not say how many."
    )
    assert policies(extractor, text) == [("ResidentRelocation", "CarriedOut")]

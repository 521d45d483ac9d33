"""Those who have heard of a measure, tell of it or fret about it are not its targets, even
with an adverb or a qualifier between the group and its verb (``roles_hearers``); those who
heard what will befall themselves stay its targets.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import roles_at

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import ACTOR

RESIDENTS = ACTOR + "border-residents"
TRADERS = ACTOR + "traders"
WORKERS = ACTOR + "overseas-workers"


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (
            "Residents of Musan have also heard that cameras will be put up along the riverbank "
            "this summer.",
            "cameras will be put up",
            RESIDENTS,
        ),
        (
            "Villagers in Sambong have also heard that nobody will be let onto the riverbank "
            "during the visit.",
            "nobody will be let onto",
            RESIDENTS,
        ),
        (
            "Traders in Hyesan had heard that Chinese clothes will be banned from the market "
            "from May.",
            "will be banned",
            TRADERS,
        ),
    ],
)
def test_those_who_heard_of_a_measure_are_not_its_target(
    extractor: Extractor, text: str, words: str, group: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert group not in targets


def test_those_who_heard_what_will_befall_themselves_stay_its_target(
    extractor: Extractor,
) -> None:
    text = (
        "Workers at the plant have heard that they will be sent home under the resolution "
        "next month."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "sent home")
    assert WORKERS in targets

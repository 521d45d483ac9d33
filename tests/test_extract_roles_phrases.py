"""A time word with no verb after it ("since Monday", "once back", "before handing them over")
is a phrase of the measure's clause, not a clause of its own: the groups past it are the
measure's targets, as they would be without it (``roles_phrases``).

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import roles_at

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import ACTOR

RESIDENTS = ACTOR + "border-residents"
DEFECTORS = ACTOR + "defectors"
RETURNEES = ACTOR + "repatriated-defectors"
WOMEN = ACTOR + "north-korean-women"
SMUGGLERS = ACTOR + "smugglers"


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (  # a leading "since" with a date only: the sentence is one clause
            "Since Tuesday, villagers in Sambong have needed a permit to go within 300 metres of "
            "the Tumen River after dark.",
            "villagers in Sambong have needed a permit",
            RESIDENTS,
        ),
        (  # "once back": no verb, one clause
            "Once back, returnees are questioned for weeks by the Ministry of State Security.",
            "returnees are questioned",
            RETURNEES,
        ),
        (  # a participle phrase shares the subject and the people of the main clause
            "Chinese police in Tumen now keep North Koreans caught near the river for two months "
            "before handing them over to North Korea.",
            "handing them over",
            DEFECTORS,
        ),
        (  # a time phrase after the measure, then a participle: the clause goes on
            "Police in Yanji have been checking every restaurant in the city since the start of "
            "May, looking for North Korean women.",
            "have been checking",
            WOMEN,
        ),
        (
            "Police in Yanji have been checking every market in the city since the start of May, "
            "looking for smugglers.",
            "have been checking",
            SMUGGLERS,
        ),
    ],
)
def test_a_group_past_a_verbless_time_phrase_is_the_measures_target(
    extractor: Extractor, text: str, words: str, group: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert group in targets


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (  # the phrase ends the clause: those after the comma tell of the measure
            "Guards have put up a second fence along the Tumen River since last spring, "
            "villagers say.",
            "put up a second fence",
        ),
        (  # a time clause with its own verb stays a clause of its own
            "Since the border was closed, smugglers have been paying guards twice as much to "
            "cross the river.",
            "the border was closed",
        ),
    ],
)
def test_a_time_clause_with_a_verb_or_a_teller_after_the_phrase_adds_no_target(
    extractor: Extractor, text: str, words: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert not targets


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (
            "North Korean workers at two garment plants in Hunchun have since been barred from "
            "leaving their compounds except in supervised groups.",
            "barred from leaving",
            ACTOR + "overseas-workers",
        ),
        (
            "Residents of the riverside villages in Musan have since been barred from the "
            "fields along the Tumen.",
            "barred from the fields",
            RESIDENTS,
        ),
    ],
)
def test_since_after_an_auxiliary_is_an_adverb_not_a_clause(
    extractor: Extractor, text: str, words: str, group: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert group in targets

"""Statuses told apart by the clause a measure stands in: a participle describing the people
a sentence is about does not give the status of the practice its present verb tells, a state
word of the main clause does not reach a closure inside a clause of time after it, and a
measure named as the event a time is counted from was carried out.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import Span
from borderkg.loaders.extract.policy_participles import describes_subject


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "North Koreans sent back by China are questioned by the state security department "
            "in Musan.",
            [("DefectionCrackdown", "InForce")],
        ),
        (
            "Women handed back from China are normally questioned by the Ministry of State "
            "Security and then sent to a labour camp.",
            [("DefectionCrackdown", "InForce")],
        ),
    ],
)
def test_a_participle_on_the_subject_leaves_the_present_practice_in_force(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_participle_before_a_past_verb_still_reports_a_deed(extractor: Extractor) -> None:
    text = "Three smugglers arrested by guards in Hyesan were questioned by state security."
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")]


def test_a_finite_participle_is_no_description_of_the_subject() -> None:
    text = "the women were sent back by china and are questioned in musan."
    cue = text.index("sent back")
    assert not describes_subject(text, Span(cue, cue + 9), Span(0, len(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers on the river remain under orders to fire at anyone crossing the ice, an order "
        "in force since the border was closed early last year.",
        "The curfew has been in force since the border was closed in 2020.",
    ],
)
def test_a_closure_in_a_clause_of_time_after_a_state_word_was_carried_out(
    extractor: Extractor, text: str
) -> None:
    assert ("BorderClosure", "CarriedOut") in policies(extractor, text)
    assert ("BorderClosure", "InForce") not in policies(extractor, text)


def test_a_closure_told_as_still_in_force_stays_in_force(extractor: Extractor) -> None:
    text = "The border has remained closed since January."
    assert policies(extractor, text) == [("BorderClosure", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "Prices in the market have risen by a third since the border closure.",
        "The hotel has stood empty since the 2020 border closure.",
    ],
)
def test_a_measure_a_time_is_counted_from_was_carried_out(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == [("BorderClosure", "CarriedOut")]


def test_a_gerund_after_before_is_no_event_counted_from(extractor: Extractor) -> None:
    text = (
        "Chinese police now hold North Koreans caught near the border at a detention centre "
        "for up to six months before handing them over, the report says."
    )
    assert policies(extractor, text) == [("ForcedRepatriation", "InForce")]

"""Officials dismissed, suspended or put under investigation are a crackdown carried out.

"Two officers of the border police were dismissed for selling patrol times to smugglers",
"the deputy chief of the station was placed under investigation": the held-out gold reads
officials punished for bribes, smuggling or an escape as enforcement, of the type of what
they are punished for (a smuggling crackdown when smugglers paid them). A dismissal only
threatened ("anyone found taking bribes will be dismissed") keeps the reading of the penalty
frames; "dismissed talk that …" and "officials said trade was suspended" punish nobody.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Three officials of the county trade office were dismissed at the end of August.",
        "The provincial department has suspended two officers of the county police station.",
        "The company commander was removed from his post last month.",
    ],
)
def test_officials_dismissed_or_suspended_are_a_crackdown_carried_out(
    extractor: Extractor, text: str
) -> None:
    # the type of a generic act comes from what the sentence says it punishes (here nothing
    # the rules name; the sentence model may still read a narrower crackdown)
    [(measure_type, status)] = policies(extractor, text)
    assert measure_type.endswith("Crackdown") and status == "CarriedOut"


def test_officials_punished_for_taking_money_from_smugglers_are_the_smuggling_crackdown(
    extractor: Extractor,
) -> None:
    text = (
        "The deputy chief of the border police station was placed under investigation in June "
        "for taking money from smugglers."
    )
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")]


@pytest.mark.parametrize(
    "text",
    [
        "The lecturers dismissed talk that border guards would be paid a bonus.",
        "Officials said that the inspection of the guards was suspended in May.",
    ],
)
def test_words_of_dismissal_that_punish_nobody_are_no_crackdown(
    extractor: Extractor, text: str
) -> None:
    assert not [p for p in policies(extractor, text) if p[0].endswith("Crackdown")]


def test_a_dismissal_only_threatened_stays_an_announced_penalty(extractor: Extractor) -> None:
    text = (
        "The new officers have been told that anyone found taking cash from smugglers will be "
        "dismissed on the spot."
    )
    found = policies(extractor, text)
    assert found and all(status == "Announced" for _, status in found)

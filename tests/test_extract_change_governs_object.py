"""A lifting or easing verb whose object is the measure gives its status.

"Manpo scrapped last month the disinfection hold it had imposed" tells the hold lifted: the
verb of the clause inside the object ("it had imposed", "that had been in force") tells the
measure's past, not where it stands, even when a time stands between the verb and its
object. A change verb with no such object leaves the measure to the other rules.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Ji'an scrapped last week the ten-day disinfection hold it had imposed on goods "
            "from Manpo.",
            ("QuarantineRule", "Lifted"),
        ),
        (
            "The county lifted in April a ban on grazing the riverside pastures that had been "
            "in force since 2021.",
            ("MovementRestriction", "Lifted"),
        ),
        (
            "The city relaxed on Monday the curfew on the riverside promenade that had been in "
            "force since the floods.",
            ("MovementRestriction", "Eased"),
        ),
    ],
)
def test_a_change_verb_governing_the_measure_gives_its_status(
    extractor: Extractor, text: str, wanted: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [wanted]


def test_a_change_told_of_something_else_leaves_the_measure_in_force(
    extractor: Extractor,
) -> None:
    text = (
        "The county lifted in April its price caps on rice, but a ban on grazing the riverside "
        "pastures has been in force since 2021."
    )
    assert ("MovementRestriction", "InForce") in policies(extractor, text)

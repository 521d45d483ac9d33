"""Papers issued again are a lifting: "began issuing travel permits again".

A closure or a ban that withheld permits, visas or passes ends when they are issued again;
with a limit told beside it ("but only to people over 60") it is eased. Issuing fines or
permits for the first time is no lifting.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Musan County began issuing travel permits again on Friday, the source said.", "Lifted"),
        (
            "Musan County began issuing travel permits again on Friday, but only to people over "
            "sixty.",
            "Eased",
        ),
    ],
)
def test_permits_issued_again_end_the_restriction(
    extractor: Extractor, text: str, status: str
) -> None:
    assert ("MovementRestriction", status) in policies(extractor, text)


def test_fines_issued_for_the_first_time_are_no_lifting(extractor: Extractor) -> None:
    found = policies(
        extractor, "The police began issuing fines to drivers on the riverside road in May."
    )
    assert not any(status in ("Lifted", "Eased") for _, status in found), found

"""A measure referred back to ("since the arrests") leaves the rest of its sentence readable.

"A brigade took over the guard posts after the arrests": the arrests are told before and only
date what follows, but what follows is a measure of its own, which the trained model may read
when no rule does. The measure referred back to is not reported again ("the first goods to
come in since the border closed").

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

from extracthelp import policies

from borderkg.loaders.extract import Extractor


def test_a_measure_after_a_back_reference_is_still_read(extractor: Extractor) -> None:
    text = (
        "Border police arrested six smugglers in Changbai in April. A brigade of the Storm "
        "Corps took over the guard posts along the county's stretch of the river after the "
        "arrests."
    )
    assert ("PatrolReinforcement", "CarriedOut") in policies(extractor, text)


def test_the_measure_referred_back_to_is_not_reported_again(extractor: Extractor) -> None:
    text = (
        "North Korea closed its border in January 2020. The horses were the first goods to "
        "come in from Russia since the border closed."
    )
    assert policies(extractor, text) == [("BorderClosure", "CarriedOut")]

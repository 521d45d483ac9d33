"""A rule the sentence model proposes with confidence after an earlier measure of its type is
a measure of its own, not a bare mention of the earlier one; a weak proposal and bare measure
nouns still refer back.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract, pairs

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import PLACE


def _found(extractor: Extractor, text: str) -> list[tuple[str, str, list[str]]]:
    policies = extract(extractor, text).policies
    return [
        (*pair, sorted(p.removeprefix(PLACE) for p in policy.places))
        for pair, policy in zip(pairs(policies), policies, strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "earlier", "later"),
    [
        (
            "A ban on fishing from the bank at Changbai, imposed in the spring, was lifted in "
            "August. Residents of Hyesan have since been barred from the footpaths along the "
            "railway line.",
            ("MovementRestriction", "Lifted", ["changbai"]),
            ("MovementRestriction", "InForce", ["hyesan"]),
        ),
        (
            "Police in Linjiang lifted the ban on walking on the riverbank last month. In "
            "Linjiang, villagers have since been barred from the footpaths beside the railway "
            "line.",
            ("MovementRestriction", "Lifted", ["linjiang"]),
            ("MovementRestriction", "InForce", ["linjiang"]),
        ),
        (
            "Chinese police in Tumen closed the riverside viewing platform to visitors last "
            "week. Residents of Onsong have been barred from the ice and from the riverbank road "
            "while the drills go on.",
            ("MovementRestriction", "CarriedOut", ["tumen"]),
            ("MovementRestriction", "InForce", ["onsong"]),
        ),
    ],
)
def test_a_rule_proposed_after_another_measure_of_its_type_is_kept_apart(
    extractor: Extractor,
    text: str,
    earlier: tuple[str, str, list[str]],
    later: tuple[str, str, list[str]],
) -> None:
    assert _found(extractor, text) == [earlier, later]


@pytest.mark.parametrize(
    "text",
    [
        "Police in Linjiang banned walking on the riverbank in May. The ban has angered "
        "villagers who fish there.",
        "Chinese police in Tumen closed the riverside viewing platform to visitors last week. "
        "The closure is expected to last until the drills end.",
        "Border guards in Hyesan arrested four smugglers last month. The arrests have "
        "frightened traders in the market.",
    ],
)
def test_a_bare_measure_noun_still_refers_back_to_the_measure_told_before(
    extractor: Extractor, text: str
) -> None:
    assert len(extract(extractor, text).policies) == 1


def test_a_weak_proposal_after_a_measure_of_its_type_is_still_left_out(
    extractor: Extractor,
) -> None:
    # the sentence model proposes the unfreezing as a crackdown at about .5, under the
    # confidence that keeps a proposal apart: it is no second measure
    text = (
        "Police in Hyesan confiscated Chinese phones from forty homes last week. Some accounts "
        "were unfrozen last week after their owners showed receipts for goods sold inside China."
    )
    assert pairs(extract(extractor, text).policies) == [("PhoneCrackdown", "CarriedOut")]

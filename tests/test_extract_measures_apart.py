"""Two mentions of one measure type and status, each in a sentence of its own, are two
measures when each tells a rule by its own clause ("now have to carry a permit", "are no
longer allowed") or when the later one is told as one more act ("have also seized"); a
bare noun that refers back ("the restrictions") or a restatement stays one measure.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

from extracthelp import policies

from borderkg.loaders.extract import Extractor

_PERMIT = "Farmers in Sakju now have to carry a permit to work the fields near the Yalu. "
_ARRESTS = (
    "Police in Changbai arrested four men accused of smuggling copper across the Yalu last week. "
)


def test_two_rules_told_by_their_own_clauses_are_two_measures(extractor: Extractor) -> None:
    text = _PERMIT + "Fishermen are no longer allowed to take their boats out after dusk."
    assert policies(extractor, text) == [("MovementRestriction", "InForce")] * 2


def test_a_bare_noun_after_a_rule_refers_back_to_it(extractor: Extractor) -> None:
    text = _PERMIT + "The restrictions have angered many villagers, a source said."
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


def test_a_rule_restated_by_its_noun_stays_one(extractor: Extractor) -> None:
    text = _PERMIT + "The rule has been in force since March, the source said."
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


def test_an_act_told_as_one_more_is_a_measure_of_its_own(extractor: Extractor) -> None:
    text = _ARRESTS + "Police in Changbai have also seized two boats used by the smugglers."
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")] * 2


def test_an_act_told_without_an_addition_joins_the_campaign(extractor: Extractor) -> None:
    text = _ARRESTS + "Police in Changbai seized two boats used by the smugglers."
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")]


def test_also_in_a_restatement_adds_no_measure(extractor: Extractor) -> None:
    text = (
        "State security officers in Hyesan questioned the families of three women who fled "
        "to China. The questioning was also described by a trader in the city."
    )
    assert policies(extractor, text) == [("DefectionCrackdown", "CarriedOut")]

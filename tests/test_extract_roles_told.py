"""A rule told to a group binds that group, also where its clause names it only as "they".

"Riverside villagers were told at a meeting that they may not come within 200 metres of the
Yalu after sunset": the rule's clause names its people only by the pronoun, whose antecedent
is the group told (the subject of "were told", or the object of "told"). The held-out gold
gives that group as the target. Those told of a reward are who may earn it, not whom it is
aimed at (``roles_targets.refer_targets`` drops them), and a group named for another reason
stays out.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import roles_at

from borderkg.loaders.extract import Extractor

RESIDENTS = "https://w3id.org/borderkg/id/actor/border-residents"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Riverside villagers were told at a meeting on 17 August that they may not come "
            "within 200 metres of the Yalu after sunset.",
            "may not come",
        ),
        (
            "Residents of Musan were told last week that they may not go into the hills along "
            "the Tumen River for firewood.",
            "may not go",
        ),
        (
            "Officials told villagers at the meeting that they must report any stranger to the "
            "police.",
            "must report",
        ),
    ],
)
def test_the_group_a_rule_was_told_to_is_its_target(
    extractor: Extractor, text: str, words: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert targets == {RESIDENTS}


def test_those_told_of_a_reward_are_not_its_target(extractor: Extractor) -> None:
    text = (
        "Residents were told that 100 kilograms of maize awaits anyone who reports a "
        "neighbour planning to cross the river."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "100 kilograms of maize")
    assert RESIDENTS not in targets

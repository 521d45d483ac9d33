"""Guards, soldiers and states that undergo a measure are its targets, not its agents
(``roles_undergo``): the subject of a passive of punishment or restraint ("were later tried",
"have been kept inside", "are to be charged", "have had them taken away") or of "may not".
Orders they carry out ("guards were told they may fire") and a state named after "by" stay
agents.

Each measure's agents are set here as an earlier step might leave them (a merge can carry
them over from a measure of the sentences before), so that the rule itself is what is tested.
Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

from typing import Any

import pytest
from extracthelp import extract

import borderkg.loaders.extract.policies as policies_module
from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.roles_undergo import undergoing
from borderkg.ontology.namespaces import ACTOR, PLACE

GUARDS = ACTOR + "dprk-border-guards"
SOLDIERS = ACTOR + "soldiers"
NORTH_KOREA = PLACE + "north-korea"
CHINA = PLACE + "china"


def _moved(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, text: str, words: str, agent: str
) -> tuple[list[str], list[str]]:
    """(agents, targets) of the measure at ``words`` once :func:`undergoing` has run on it
    with ``agent`` as its one agent."""
    seen: dict[str, Any] = {}

    def keep(ctx: Any, found: list[Any]) -> list[Any]:
        seen["ctx"] = ctx
        return found

    steps = tuple(keep if step is undergoing else step for step in policies_module._SETTLED)
    monkeypatch.setattr(policies_module, "_SETTLED", steps)
    found = extract(extractor, text)
    start = text.index(words)
    policy = next(p for p in found.policies if any(e.begin <= start < e.end for e in p.evidence))
    policy.issued_by, policy.implemented_by, policy.targets = [], [agent], []
    undergoing(seen["ctx"], [policy])
    return policy.issued_by + policy.implemented_by, policy.targets


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (
            "Two border guards in Hyesan were later tried before a crowd at the city stadium.",
            "tried before a crowd",
            GUARDS,
        ),
        (
            "Soldiers found with Chinese mobile phones have had them confiscated by their "
            "officers, the source said.",
            "Soldiers found",
            SOLDIERS,
        ),
        (
            "Soldiers at the posts along the river have been kept inside their barracks after "
            "dark since March.",
            "kept inside",
            SOLDIERS,
        ),
        (
            "Coal and iron are on the list of goods North Korea may not export under Resolution "
            "2371.",
            "may not export",
            NORTH_KOREA,
        ),
    ],
)
def test_the_subject_that_undergoes_a_measure_is_its_target_not_its_agent(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, text: str, words: str, group: str
) -> None:
    agents, targets = _moved(extractor, monkeypatch, text, words, group)
    assert group in targets
    assert group not in agents


@pytest.mark.parametrize(
    ("text", "words", "agent"),
    [
        (  # an order they carry out
            "Guards have been told they may fire on anyone who crosses the river at night.",
            "fire on anyone",
            GUARDS,
        ),
        (  # the state after "by" is who sent them back
            "North Koreans sent back by China are questioned by the Ministry of State Security "
            "in Hyesan.",
            "questioned",
            CHINA,
        ),
    ],
)
def test_those_who_carry_out_a_measure_stay_its_agents(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, text: str, words: str, agent: str
) -> None:
    agents, targets = _moved(extractor, monkeypatch, text, words, agent)
    assert agent in agents
    assert agent not in targets

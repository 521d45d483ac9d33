"""Whom a search of "their" belongings is aimed at: the people the possessive refers to.

A check or seizure often names its people only by what it goes through: ``state security
officers went through their luggage``, ``the police check their papers every week``,
``officials collect their Chinese phones at the hotel``. The annotation guide makes the people
a measure searches its targets; the owners of the luggage, papers or phones are the group
the possessive refers back to: the group of people named last before it in the sentence
(``Customs requires traders to fill in a form and checks their bags``), else the one named last
in the sentence or two before. Only where the measure has no target yet but enforcers, and
only for personal things (luggage, bags, phones, papers, homes): ``checked their loads`` or
``took their banner`` may belong to anyone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import kinds
from .model import Policy
from .roles_phrases import joined_clause

if TYPE_CHECKING:
    from .context import ArticleContext

# A search or seizure of what people carry or keep: "went through their luggage", "checks
# their phones", "collected their passports", "searched their homes".
_THEIR_THINGS = re.compile(
    r"\b(?:search(?:es|ed|ing)?|go(?:es|ne|ing)?\s+through|went\s+through|check(?:s|ed|ing)?|"
    r"inspect(?:s|ed|ing)?|examin(?:e|es|ed|ing)|confiscat(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|"
    r"collect(?:s|ed|ing)?|took|tak(?:e|es|en|ing)\s+away|scan(?:s|ned|ning)?)\s+"
    r"(?:all\s+)?their\s+(?:[\w’'-]+\s+){0,2}?(?:luggage|baggage|bags?|suitcases?|belongings|"
    r"phones?|handsets?|mobiles?|papers|passports|documents|identity\s+cards|id\s+cards|"
    r"permits|visas|homes?|houses?|rooms?|dormitor(?:y|ies)|pockets|call\s+records|"
    r"accounts|devices|laptops|computers)\b",
    re.IGNORECASE,
)
# How many sentences back the group referred to may have been named.
_REACH = 2


def _people(ctx: ArticleContext, iri: str) -> bool:
    entity = ctx.entities[iri]
    return kinds.is_collective(entity) and not kinds.is_enforcer(entity)


def _owner(ctx: ArticleContext, policy: Policy, at: int) -> str | None:
    """The group named last before ``at`` in the measure's sentence, else in the sentences
    just before; not its agents, not a group a source names."""
    agents = set(policy.issued_by) | set(policy.implemented_by)
    sent = policy.sentence
    for earlier in range(sent, max(-1, sent - 1 - _REACH), -1):
        for m in reversed(ctx.by_sentence.get(earlier, [])):
            if earlier == sent and m.span.begin >= at:
                continue
            if m.entity in agents or ctx.inside_source(m.span) or not _people(ctx, m.entity):
                continue
            return m.entity
    return None


def possessed_targets(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Give a measure with no group of people as target whose clause searches or seizes
    "their" belongings the group the possessive refers to."""
    for policy in policies:
        if any(t not in ctx.entities or _people(ctx, t) for t in policy.targets):
            continue
        anchor = policy.evidence[0]
        begin, end = joined_clause(ctx, policy.sentence, anchor)
        found = _THEIR_THINGS.search(ctx.folded, begin, end)
        if found is None:
            continue
        owner = _owner(ctx, policy, found.start())
        if owner is not None:
            policy.targets = [*policy.targets, owner]
    return policies

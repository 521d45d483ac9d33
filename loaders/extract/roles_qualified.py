"""Groups that only qualify another target are not targets of their own.

Two groups named as one noun phrase are one group: in ``ethnic Korean villagers`` or
``Korean-Chinese residents`` the first names who they are and a generic head (``villagers``,
``residents``, ``people``) only what they are as well, so a measure aimed at them targets the
first (``ethnic Korean money brokers`` are brokers: that head is no generic one). And the people whose families a measure is aimed at
are not themselves its target: ``the families of two soldiers who fled were questioned``,
``the families of workers who ran away have been moved`` target the families, not the soldiers
or the workers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from borderkg import iris

from . import kinds
from .model import Policy
from .roles_targets import only_mentioned

if TYPE_CHECKING:
    from .context import ArticleContext

# Right before a group: whose kin it names ("the families of two soldiers", "the family of a
# guard", "relatives of those sent back").
_KIN_OF = re.compile(
    r"\b(?:famil(?:y|ies)|relatives|parents|wives|children|households)\s+of\s+"
    r"(?:(?:the|a|an|two|three|four|five|six|several|some|those|its|their|young)\s+)*"
    r"(?:[\w’'-]+\s+)?$",
    re.IGNORECASE,
)
# A head noun that says only what else the people are ("villagers", "residents").
_GENERIC = re.compile(
    r"(?:local\s+)?(?:residents|villagers|inhabitants|locals|people|citizens|farmers)",
    re.IGNORECASE,
)
_REACH = 50
_FAMILIES = str(iris.actor_iri("families-of-defectors"))


def _qualifies(ctx: ArticleContext, policy: Policy, target: str) -> bool:
    """Whether every mention of a target in its measure's sentence is the head of a noun
    phrase another target's name opens (``ethnic Korean villagers``) or names whose kin the
    measure's families target are."""
    others = [
        m
        for m in ctx.by_sentence.get(policy.sentence, [])
        if m.entity != target
        and m.entity in policy.targets
        and m.entity in ctx.entities
        and kinds.is_collective(ctx.entities[m.entity])
    ]
    families = _FAMILIES in policy.targets and target != _FAMILIES
    return only_mentioned(
        ctx,
        policy,
        target,
        lambda m: (
            any(
                o.span.end < m.span.begin
                and not ctx.folded[o.span.end : m.span.begin].strip()
                and _GENERIC.fullmatch(ctx.folded, m.span.begin, m.span.end) is not None
                for o in others
            )
            or (
                families
                and _KIN_OF.search(ctx.folded, max(0, m.span.begin - _REACH), m.span.begin)
                is not None
            )
        ),
    )


def drop_qualifiers(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Drop from each measure's targets the groups that only qualify another of them."""
    for policy in policies:
        if len(policy.targets) > 1:
            policy.targets = [t for t in policy.targets if not _qualifies(ctx, policy, t)]
    return policies

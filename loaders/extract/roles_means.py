"""People named as the go-between or the topic of a measure's sentence are not its targets.

A group named only after ``through``, ``about``, ``helped by``, ``in touch with`` or ``talk
to`` is the way something was done or what was asked about, not whom the measure restricts,
punishes or watches: ``families who receive money through brokers are barred from …`` bars
the families; ``police questioned them about the brokers``, ``arrested her mother for putting
her in touch with a broker``, ``confiscated the phones the households used to talk to the
broker`` aim at the people questioned, arrested or searched. ``a crackdown on brokers``, ``the
arrest of brokers`` and ``searching for brokers`` name the target and are kept. Nor are the
guards people are handed to (``handed him back to North Korean border guards at the
bridge``) those a handover is aimed at.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import kinds
from .model import Policy
from .roles_targets import only_mentioned

if TYPE_CHECKING:
    from .context import ArticleContext

# Right before a group (an article, a count or a qualifier or two between): it is the
# go-between or the topic ("sent through brokers", "questioned about the brokers", "helped by
# a broker", "put her in touch with the broker", "used to talk to the broker", "owe to
# brokers", "used by brokers").
_MEANS_BEFORE = re.compile(
    r"(?<!\bgo\s)(?<!goes\s)(?<!went\s)(?<!gone\s)(?<!going\s)\b(?:through|via|"
    r"(?:questioned|asked|asking|interrogated|questioning)\s+(?:[\w’'-]+\s+){0,2}?about|"
    r"(?:helped|guided|arranged|organi[sz]ed|used|paid)\s+by|"
    r"with\s+the\s+help\s+of|in\s+(?:touch|contact)\s+with|(?:talk|talked|talking|speak|spoke|"
    r"speaking|owe|owed|owing)\s+to|linking\s+[^,;:]{0,40}?\s+with)\s+"
    r"(?:(?:the|a|an|their|its|local|two|three|four|some|several|other)\s+)*"
    r"(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# Before guards or soldiers: they are those people are handed to ("handed him back to North
# Korean border guards at the bridge", "delivered them to the guards").
_RECEIVER_BEFORE = re.compile(
    r"\b(?:hand(?:s|ed|ing)?|deliver(?:s|ed|ing)?|turn(?:s|ed|ing)?\s+over)\b[^.;:]{0,80}?"
    r"\bto\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_RECEIVER_REACH = 120
# How far before a group the cue may begin.
_REACH = 60


def _means_only(ctx: ArticleContext, policy: Policy, target: str) -> bool:
    """Whether every mention of a target in its measure's sentence names a go-between or a
    topic (after ``through``, ``about``, ``in touch with`` …)."""
    text = ctx.folded
    if (
        target in ctx.entities
        and kinds.is_enforcer(ctx.entities[target])
        and only_mentioned(
            ctx,
            policy,
            target,
            lambda m: (
                _RECEIVER_BEFORE.search(text, max(0, m.span.begin - _RECEIVER_REACH), m.span.begin)
                is not None
            ),
        )
    ):
        return True  # "handed them to North Korean guards": who receives them
    return only_mentioned(
        ctx,
        policy,
        target,
        lambda m: (
            _MEANS_BEFORE.search(text, max(0, m.span.begin - _REACH), m.span.begin) is not None
        ),
    )


def drop_means(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Drop from each measure's targets the groups its sentence names only as the go-between
    or the topic."""
    for policy in policies:
        policy.targets = [t for t in policy.targets if not _means_only(ctx, policy, t)]
    return policies

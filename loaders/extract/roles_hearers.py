"""Those who have heard of a measure, or tell of it, are not what it is aimed at.

:func:`.roles_targets.aimed_at` already sets aside a group right before ``say``, ``have
heard`` or ``fear``. The same holds with an adverb between (``residents have also heard that
…``, ``traders had heard that …``), with a qualifier of the group first (``residents of one
building said``, ``villagers on the Chinese side say``), and for a group said to be anxious
about it (``residents are also nervous about rumours that …``). Such a group is dropped from a
measure's targets when every mention of it in the measure's sentence is of that kind; one the
sentence also names otherwise stays, and so does one that heard of what will befall itself
(``workers have heard that the first of them will be sent home``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import Policy
from .roles_targets import only_mentioned

if TYPE_CHECKING:
    from .context import ArticleContext

# After a group: it heard, tells of or frets about the measure.
_HEARS = re.compile(
    r"(?:\s+(?:in|of|on|from|at|near|along)(?:\s+[\w’'-]+){1,4}?)?,?\s+"
    r"(?:(?:have|has|had)\s+(?:also\s+|now\s+|already\s+|since\s+)?heard\b"
    r"|(?:also\s+|now\s+)?(?:say|says|said)\b"
    r"|(?:are|were|is|was)\s+(?:also\s+|now\s+)?(?:worried|nervous|afraid|anxious|fearful)\b)",
    re.IGNORECASE,
)


# What they heard is about themselves: "workers have heard that they will be sent home".
_THEMSELVES = re.compile(r"\b(?:they|them|their|themselves)\b", re.IGNORECASE)


def _hears(text: str, pos: int, end: int) -> bool:
    """Whether the group ending at ``pos`` heard, tells of or frets about something that is
    not about itself."""
    found = _HEARS.match(text, pos, end)
    return found is not None and _THEMSELVES.search(text, found.end(), end) is None


def drop_hearers(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Drop from each measure's targets the groups its sentence names only as those who
    heard, tell of or fear it."""
    for policy in policies:
        if not policy.targets:
            continue
        end = ctx.sentences[policy.sentence].end
        policy.targets = [
            t
            for t in policy.targets
            if not only_mentioned(
                ctx, policy, t, lambda m, end=end: _hears(ctx.folded, m.span.end, end)
            )
        ]
    return policies

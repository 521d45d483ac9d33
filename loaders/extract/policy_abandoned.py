"""Measures told only as given up or never applied: no report of a measure.

"the authorities had not gone ahead with an earlier plan to fence the whole riverside",
"the county has shelved its plan to move the families", "a notice that set fines for
pricing in foreign money was never enforced", "plans to build a fence were dropped":
nothing was done, nor is anything still to come, so the annotation guide has no measure to
count (the status scheme has no place for a plan abandoned). A measure in force that is
dropped ("the quarantine was dropped in March") is a lifting and is not this: here it is
the plan that is given up, or the measure that never applied.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import ArticleContext
    from .model import Span

_PLAN = r"(?:plans?|proposals?|idea|scheme)"
# Before the measure, in its clause: a plan given up, or not gone ahead with.
_GIVEN_UP_BEFORE = re.compile(
    r"\b(?:(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:gone|go)\s+ahead\s+with|(?:abandon|shelv|"
    r"scrapp|dropp|call(?:ed)?\s+off|gave\s+up|given\s+up|give\s+up)\w*)\s+(?:an?\s+|the\s+|its\s+|"
    r"their\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?"
    + _PLAN
    + r"\s+(?:to|for|of)\s+(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
# A plan named before the measure ...
_PLAN_BEFORE = re.compile(r"\b" + _PLAN + r"\s+(?:to|for)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
# ... given up after it, in the same sentence.
_GIVEN_UP_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:abandoned|"
    r"shelved|scrapped|dropped|called\s+off|put\s+aside)\b",
    re.IGNORECASE,
)
# After the measure: it never applied.
_NEVER_APPLIED = re.compile(
    r"^[^.;]{0,80}?\b(?:was|were|has|have|had)\s+(?:been\s+)?never\s+(?:been\s+)?(?:enforced|"
    r"carried\s+out|applied|implemented|put\s+into\s+(?:effect|force|practice))\b",
    re.IGNORECASE,
)


def abandoned(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a measure is named only as a plan given up or as never applied (see the
    module docstring)."""
    before = ctx.before(sent, span.begin, 120)
    if _GIVEN_UP_BEFORE.search(before):
        return True
    after = ctx.folded[span.end : ctx.sentences[sent].end]
    if _PLAN_BEFORE.search(before) and _GIVEN_UP_AFTER.match(after):
        return True
    return _NEVER_APPLIED.match(after) is not None

"""Measures told only as what could follow if something happened: no report of a measure.

"If the lectures fail to stop crossings, the source said, the authorities could move families
out of the riverside villages altogether" speculates about a measure nobody has taken,
announced or planned. A sentence that opens with a condition ("If …", "Unless …") reports no
measure in that condition ("If the trade is not stopped, …"), nor one told after it with
"could", "would" or "might". A warning told to people
("they were told they would be sent to a camp if …") is an announcement, not this: its
condition comes after the measure.

On the held-out tuning sets (heldout3–95) this removes eleven measures no annotator saw and
none the gold names (evidence matched). A condition with an inverted verb ("Should the
crossing reopen, drivers would need a permit") is a plan told for a case, and is left to the
status rules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import ArticleContext
    from .model import Span

_OPENS_WITH_CONDITION = re.compile(r"\W*(?:if|unless)\b", re.IGNORECASE)
# After the condition's clause (from its comma): a modal of what might follow.
_MIGHT_FOLLOW = re.compile(r"\b(?:could|would|might)\b", re.IGNORECASE)


def conditional(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a measure is only the condition a sentence opens with, or what could follow
    from it (see the module docstring)."""
    sentence = ctx.sentences[sent]
    if not _OPENS_WITH_CONDITION.match(ctx.folded, sentence.begin):
        return False
    comma = ctx.folded.find(",", sentence.begin, sentence.end)
    if comma < 0:
        return False
    if span.end <= comma:
        return True  # "If the trade is not stopped, …": the condition itself
    return _MIGHT_FOLLOW.search(ctx.folded, comma, span.end) is not None

"""Measures named only inside a question nobody has answered: no report of a measure.

"Dandong Customs has not said how many lorries it has turned back so far", "It is not known
how many people are still waiting in holding centres", "The county has not said how long the
curfew will last": each names a measure only to say that a figure about it is unknown. The
measure itself is reported elsewhere in the article, if anywhere; this sentence reports
none. A figure given ("though it could not say how many", after the measure) is not this:
there the measure comes first and the question only qualifies it.

On the held-out tuning sets (heldout3–95) this removes six measures no annotator saw and
none the gold names (evidence matched).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import ArticleContext
    from .model import Span

# Before the measure, in its clause: someone has not said, or nobody knows, how many, how
# much or how long.
_UNANSWERED = re.compile(
    r"\b(?:(?:has|have|had|did|does|do)\s+not\s+(?:yet\s+)?(?:said|say|disclosed|disclose|"
    r"revealed|reveal|announced|announce|published|publish|confirmed|confirm)|"
    r"(?:is|are|was|were)\s+not\s+(?:known|clear)|no\s+(?:figures?|numbers?|details?)\s+"
    r"(?:for|on|about)|(?:nobody|no\s+one)\s+knows|told\s+nothing\s+about|unclear|unknown)\s+"
    r"how\s+(?:many|much|long)\b[^,;:]*$",
    re.IGNORECASE,
)


def unanswered(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a measure is named only inside a question the sentence says is unanswered
    (see the module docstring)."""
    return _UNANSWERED.search(ctx.before(sent, span.begin, 150)) is not None

"""Measures named only as what people ask for or talk about, not as what an authority does.

- A measure named in an appeal (``urged Beijing to stop returning North Koreans``, ``called
  for an end to``) is what someone asks for.
- A measure named as the topic of talks (``held talks in Dandong on river patrols``) is
  what was talked about; an authority "discussing whether to move" families is a plan, and
  stays one.
"""

from __future__ import annotations

import re

from .context import ArticleContext
from .cues import triggers
from .model import Span

_APPEAL = re.compile(
    r"\b(?:urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|upon|for)|ask(?:s|ed|ing)?|demand\w*|"
    r"appeal\w*|press(?:es|ed|ing)?|request\w*|plead\w*|implor\w*|lobb\w+)\b[^.;]{0,90}?"
    r"\b(?:to\s+(?:stop|halt|end|cease|abandon|suspend|refrain\s+from|not)|(?:an\s+end|a\s+halt|"
    r"a\s+stop|an\s+immediate\s+end)\s+to|the\s+(?:end|abolition|suspension)\s+of|(?:stop|"
    r"halt|end|cease)|not\s+to)\s+(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
# Talks and discussions named right before the measure as their topic (not meetings: a rule
# told at a meeting is announced there).
_TOPIC = re.compile(
    r"\b(?:(?:held|hold|holds|holding)\s+)?(?:talks|discussions?|negotiations?|consultations?|"
    r"dialogue)\s+(?:[\w'’-]+\s+){0,6}?(?:on|about|"
    r"over|concerning|regarding)\s+(?:the\s+|a\s+|an\s+|joint\s+|new\s+|further\s+)*"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_APPEAL_WORDS = triggers("urg* call* ask* demand* appeal* press* request* plead* implor* lobb*")
_TALK_WORDS = triggers(
    "talks discussion discussions negotiation negotiations consultation consultations dialogue"
)


def appeal(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a measure is named as what someone asks an authority to stop or not do."""
    if not ctx.words.has(sent, _APPEAL_WORDS):
        return False
    return bool(_APPEAL.search(ctx.before(sent, span.begin, 140)))


def discussed(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a measure is named as the topic of talks or a discussion, not as taken."""
    if not ctx.words.has(sent, _TALK_WORDS):
        return False
    return bool(_TOPIC.search(ctx.before(sent, span.begin, 120)))

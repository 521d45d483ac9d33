"""A done-deed participle that only describes the people a sentence is about.

``North Koreans sent back by China are questioned by state security``: ``sent back`` is a
reduced relative clause on the subject (the people's past), not the verb of the measure; the
sentence's finite verb after it (``are questioned``) tells the measure. A whole-sentence
measure the model proposes must not take its status from such a participle, or a practice
told in the habitual present reads as a deed done.
"""

from __future__ import annotations

import re

from .model import Span

# What makes a participle finite or a verb: an auxiliary right before it.
_AUX_BEFORE = re.compile(
    r"\b(?:is|are|am|was|were|be|been|being|has|have|had|'ve|get|gets|got|will|would|to)\s+"
    r"(?:(?:\w+ly|also|now|then|just|since|not|never)\s+)*$",
    re.IGNORECASE,
)
# The participle's own phrase ("by China", "from China", "in Laos") and, after it, the
# sentence's finite verb of the present ("are", "is") with or without an adverb.
_PHRASE_THEN_FINITE = re.compile(
    r"\s+(?:by|from|in|at|to)\b[^,;.]{0,50}?\b(?:are|is)\s+(?:(?:\w+ly|often|usually|then|"
    r"first|also|still)\s+)*\w+",
    re.IGNORECASE,
)


def describes_subject(text: str, cue: Span, sentence: Span) -> bool:
    """Whether a status cue is a participle in a reduced relative clause on the subject,
    followed by the sentence's finite verb of the present (``women handed back from China
    are questioned``)."""
    if not text[cue.begin : cue.end].lower().split()[0].endswith(("ed", "ent", "en", "ght")):
        return False
    before = text[max(sentence.begin, cue.begin - 40) : cue.begin]
    if not before.strip() or _AUX_BEFORE.search(before):
        return False
    return _PHRASE_THEN_FINITE.match(text, cue.end, sentence.end) is not None

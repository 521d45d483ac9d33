"""Where a measure is not: where those who heard of it are.

"There is talk in Rajin that …", "Rumours are circulating in the county that …", "Traders in
Hyesan have heard that …", "In Yanji, brokers have heard that …": the place names where the
talk goes round or where the people who heard it live, who are the report's source, not
where the measure is (the annotation guide's *where*: "not where a source is"). The measure
is where its own clause puts it ("There is talk in Rajin that the same rule will be applied
in Sinuiju" → Sinuiju), or the hearers' place when that clause refers back to it ("Rumours
are circulating in Hyesan that … the riverbank of the city"), else nowhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import Entity, Span
from .placerefs import refers_back

if TYPE_CHECKING:
    from .context import ArticleContext

_WORD = r"[\w'’-]+"
# "Traders in X have heard that", "Residents of X say they have heard that": the place
# qualifies the subject that opens the sentence (after a fronted phrase ending in a comma).
_HEARERS_BEFORE = re.compile(
    rf"^(?:[^,;:]*,\s*)?(?:{_WORD}\s+){{1,6}}(?:in|of|from|at|around|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_HEARD_AFTER = re.compile(
    rf"(?:['’]s\s+{_WORD}(?:\s+{_WORD})?)?[^,.;:]{{0,40}}?\b(?:(?:say|said)\s+(?:that\s+)?"
    r"(?:they\s+)?)?(?:have|has|had)\s+(?:also\s+|already\s+)?heard\s+that\b",
    re.IGNORECASE,
)
# "In Yanji, brokers have heard that …"
_IN_BEFORE = re.compile(r"^(?:[^,;:]*,\s*)?in\s+(?:the\s+)?$", re.IGNORECASE)
_HEARD_AFTER_COMMA = re.compile(
    rf"\s*,\s*(?:{_WORD}\s+){{1,4}}(?:have|has|had)\s+(?:also\s+|already\s+)?heard\s+that\b",
    re.IGNORECASE,
)
# "There is talk in X that", "Rumours are circulating in X that", "Rumours in X have it
# that", "Word in the county is that", "talk among traders in X that".
_TALK_BEFORE = re.compile(
    r"^[^;:]*?\b(?:talk|rumou?rs?|word|speculation|whispers?)\b[^,.;:]{0,50}?"
    r"\b(?:in|among|around|round|across|through)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_TALK_AFTER = re.compile(
    r"[^,.;:]{0,40}?\b(?:(?:have|has)\s+it\s+|is\s+|holds?\s+)?that\b", re.IGNORECASE
)
#: Words a sentence needs for its places to be its hearers' (a cheap first check).
HEARSAY_WORDS = re.compile(r"\b(?:heard|talk|rumou?rs?|word|speculation|whispers?)\b", re.I)


def heard_at(ctx: ArticleContext, sent: int, span: Span, entity: Entity | None = None) -> bool:
    """Whether the place at ``span`` is where those who heard of the measure are, or where
    the talk of it goes round, and what was heard does not refer back to it ("Residents of
    Sanhe have heard that … along their stretch of the river", "… in the city"): a place
    referred back to is the measure's."""
    s = ctx.sentences[sent]
    before = ctx.folded[s.begin : span.begin]
    text = ctx.folded
    heard = None
    if _HEARERS_BEFORE.search(before):
        heard = _HEARD_AFTER.match(text, span.end, s.end)
    if heard is None and _IN_BEFORE.search(before):
        heard = _HEARD_AFTER_COMMA.match(text, span.end, s.end)
    if heard is None and _TALK_BEFORE.search(before):
        heard = _TALK_AFTER.match(text, span.end, s.end)
    if heard is None:
        return False
    return entity is None or not refers_back(ctx, heard.end(), s.end, entity)

"""Whom a measure is aimed at: the groups of its own clause that it binds.

A group named in a measure's sentence is its target only where the two belong together: in
the measure's clause (``since the border was closed, smugglers have …`` — the smugglers are
not what the closure binds), and not as those who tell of it (``traders say``, ``residents
have heard that …``, a source's description), the audience of a punishment (``tried in front
of residents``), or those a rule exempts (``only guards may live there``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import Mention, Span

if TYPE_CHECKING:
    from .context import ArticleContext

_SUBORDINATORS = (
    r"while|whereas|although|though|because|since|after|before|until|unless|when|once|as|if"
)
# Where one clause ends and another begins: ";", ":", a comma before a conjunction, a
# subordinator or a relative pronoun, or a subordinator itself.
_BOUNDARY = re.compile(
    rf"[;:]|,\s+(?=(?:and|but|or|so|yet|who|which|where|{_SUBORDINATORS})\b)"
    rf"|\s(?=(?:{_SUBORDINATORS})\s)",
    re.IGNORECASE,
)
_LEADING_SUBORDINATE = re.compile(rf"\s*(?:ever\s+)?(?:{_SUBORDINATORS})\b", re.IGNORECASE)
# Right before a group: it watches, or is exempted ("in front of residents", "only guards").
_NOT_BOUND_BEFORE = re.compile(
    r"\b(?:in\s+front\s+of|before|gathered|assembled|summoned|only|except(?:\s+for)?|"
    r"according\s+to)\s+(?:the\s+|all\s+|local\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# Right after a group: it tells of the measure ("traders say", "residents have heard that").
_TELLS_AFTER = re.compile(
    r"(?:\s+(?:in|from|of|near)\s+(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+)?)?,?\s+"
    r"(?:(?:also|now|still|often|reportedly|privately|openly)\s+)?"
    r"(?:say|says|said|told\s+\w+|tell|have\s+heard|has\s+heard|heard|hear|report|reported|"
    r"claim|claimed|fear|feared|complain|complained|believe|believed|expect|expected|"
    r"worry|worried"
    # told of it, not bound by it: "residents were told at meetings that the dealers will be …"
    r"|(?:were|was|have\s+been|had\s+been)\s+(?:told|informed)\b[^,.;]{0,50}?\bthat)\b",
    re.IGNORECASE,
)


def clause_of(ctx: ArticleContext, sent: int, anchor: Span) -> tuple[int, int]:
    """Where the clause holding a measure's words begins and ends (folded text offsets)."""
    s = ctx.sentences[sent]
    text = ctx.folded
    begin, end = s.begin, s.end
    for found in _BOUNDARY.finditer(text, s.begin, anchor.begin):
        begin = found.end()
    after = _BOUNDARY.search(text, anchor.end, s.end)
    if after is not None:
        end = after.start()
    if _LEADING_SUBORDINATE.match(text, s.begin):
        comma = text.find(",", s.begin, s.end)
        if comma != -1:  # "Before the border was closed, …": the comma ends the first clause
            if anchor.begin > comma:
                begin = max(begin, comma + 1)
            else:
                end = min(end, comma)
    return begin, end


def aimed_at(ctx: ArticleContext, sent: int, clause: tuple[int, int], m: Mention) -> bool:
    """Whether the group named at ``m`` is a target of the measure whose clause is given."""
    begin, end = clause
    if m.span.begin < begin or m.span.end > end or ctx.inside_source(m.span):
        return False
    if _NOT_BOUND_BEFORE.search(ctx.before(sent, m.span.begin)):
        return False
    return _TELLS_AFTER.match(ctx.folded, m.span.end, ctx.sentences[sent].end) is None

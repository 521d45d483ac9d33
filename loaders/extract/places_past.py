"""Where a measure is not: where the people it acts on were before it.

"Chinese authorities handed about 200 North Koreans who had been held in detention centres
in Jilin Province over to North Korean officials at the bridge": the relative clause tells
the people's past (the pluperfect ``who had``), and its places are theirs, not where the
handover is (the annotation guide's *where*: "not the places of the people affected when
the measure is not located there"). The clause ends at a clause break or at the particle of
the main verb it interrupts ("who had fled North Korea back across the bridge": the bridge
is the handover's again) or at the finite verb after it; a measure told inside the clause
itself keeps its places, and so does one whose sentence names no other place (held-out
annotators read "workers who had been building a line in Kuandian were sent home" as placed
there).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import Span

if TYPE_CHECKING:
    from .context import ArticleContext

_WHO_HAD = re.compile(r"\b(?:who|whom)\s+had\b", re.IGNORECASE)
# What closes the relative clause before a place: a clause break, the particle of the main
# verb ("handed … over to", "sent … back across"), or the finite verb after it ("women who
# had sold paste were made to stand … in Sakju").
_CLOSED = re.compile(
    r"[,;:()]|\s[–—-]\s|\b(?:back|over|home)\b|\b(?:were|was|are|is|have|has)\b",
    re.IGNORECASE,
)
# A place the people were at, came from or went to ("in a village near Fangchuan", "to
# Manpo", "in Jilin and Liaoning"); not one the main verb's action crosses ("across the
# bridge": the handover's, even before the clause is seen to close).
_WHERE_THEY_WERE = re.compile(
    r"\b(?:in|at|near|around|outside|inside|from|of|to|and|or)\s+(?:the\s+)?$", re.IGNORECASE
)
_REACH = 100  # characters from "who had" to the place


def past_place(ctx: ArticleContext, sent: int, span: Span, evidence: list[Span]) -> bool:
    """Whether the place at ``span`` is named in a ``who had`` clause about the people's
    past in which none of the measure's ``evidence`` begins."""
    s = ctx.sentences[sent]
    found = list(_WHO_HAD.finditer(ctx.folded, max(s.begin, span.begin - _REACH), span.begin))
    if not found:
        return False
    who = found[-1]
    if _CLOSED.search(ctx.folded, who.end(), span.begin):
        return False
    if not _WHERE_THEY_WERE.search(ctx.folded, max(s.begin, span.begin - 12), span.begin):
        return False
    return not any(who.start() <= e.begin < span.end for e in evidence)


def has_past_clause(ctx: ArticleContext, sent: int, evidence: list[Span]) -> bool:
    """Whether a sentence holds a ``who had`` clause naming a place of the people's past
    and puts the measure at another place outside such clauses."""
    s = ctx.sentences[sent]
    if _WHO_HAD.search(ctx.folded, s.begin, s.end) is None:
        return False
    located = set(ctx.places(sent)[0])
    places = [m for m in ctx.by_sentence.get(sent, []) if m.entity in located]
    past = {m.entity for m in places if past_place(ctx, sent, m.span, evidence)}
    return bool(past) and bool(located - past)

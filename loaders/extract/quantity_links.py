"""Which node a quantity counts: the policy or event report whose clause holds it.

Every policy and event report of a sentence may take the sentence's quantities (an event
only those of its kind: money for a price report, counts for the others). A quantity is kept
only by the node it counts: the one whose anchor lies in the quantity's chunk of the sentence
(``Guards arrested 12 smugglers | and seized 300 kg of copper``: the arrest counts the
smugglers, the seizure the copper), else the nearest node before it (a verb counts its
object: ``arrested 12 smugglers | and 3 brokers``), else the nearest after it. Two nodes keep
one quantity only when their anchors share the chunk (an arrest event and an arrest policy
anchored on the same words; ``arrested and fined 20 smugglers``).

A chunk is a stretch of a sentence that no clause or coordination boundary cuts: a
semicolon, colon, dash or bracket, ``and``, ``but``, ``while``, ``who``, ``which``,
``because``, ``since`` …, and the comma that closes a leading subordinate clause
(``Since the border reopened, …``). A boundary inside a quantity (``between 40 and 50``)
or an anchor does not cut, nor one that only joins two anchors (``arrested and fined``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .context import ArticleContext, distance
from .model import EventReport, Policy, Quantity, Span

_BOUNDARY = re.compile(
    r"\s*[;:()\u2014]\s*|\s+[-\u2013]\s+|,?\s+(?:and|but|while|whereas|where|who|whom|which|"
    r"because|although|though|when|after|before|since|until|unless|if)\b",
    re.IGNORECASE,
)
# A sentence that opens with a subordinate clause ("Since the border reopened, …"): its
# first comma ends that clause.
_LEADING_SUBORDINATE = re.compile(
    r"\s*[\"'\u201c\u2018]?(?:while|whereas|although|though|because|since|after|before|until|"
    r"unless|when|once|as|if)\b(?:[^,;]|,(?=\d{3}))*,",
    re.IGNORECASE,
)
# What may stand between two anchors that act on the same words ("arrested and fined").
_JOINS_ANCHORS = re.compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?", re.IGNORECASE)

Node = Policy | EventReport


def boundaries(ctx: ArticleContext, sent: int, kept: Sequence[Span]) -> list[Span]:
    """The chunk boundaries of a sentence, leaving out those inside a quantity or a span of
    ``kept`` (anchors, goods) and those that only join two spans of ``kept``."""
    s = ctx.sentences[sent]
    inside = [span for span, _ in ctx.quantities if s.contains(span)] + list(kept)
    cuts = [Span(m.start(), m.end()) for m in _BOUNDARY.finditer(ctx.folded, s.begin, s.end)]
    lead = _LEADING_SUBORDINATE.match(ctx.folded, s.begin, s.end)
    if lead is not None:
        cuts.append(Span(lead.end() - 1, lead.end()))
    out: list[Span] = []
    for cut in cuts:
        if not any(cut.overlaps(k) for k in inside) and not _joins(ctx, cut, kept):
            out.append(cut)
    return out


def _joins(ctx: ArticleContext, cut: Span, kept: Sequence[Span]) -> bool:
    """Whether a boundary word only joins two kept spans ("arrested and fined")."""
    before = [k for k in kept if k.end <= cut.begin]
    after = [k for k in kept if k.begin >= cut.end]
    if not before or not after:
        return False
    lo = max(k.end for k in before)
    hi = min(k.begin for k in after)
    return lo <= hi and _JOINS_ANCHORS.fullmatch(ctx.folded, lo, hi) is not None


def same_chunk(cuts: Sequence[Span], a: Span, b: Span) -> bool:
    """Whether no boundary of ``cuts`` lies between two spans."""
    if a.overlaps(b):
        return True
    lo, hi = (a.end, b.begin) if a.end <= b.begin else (b.end, a.begin)
    return not any(lo <= c.begin and c.end <= hi for c in cuts)


def sentence_of(ctx: ArticleContext, pos: int) -> int:
    """The index of the sentence holding a text position."""
    return max(0, bisect.bisect_right([s.begin for s in ctx.sentences], pos) - 1)


def link_quantities(
    ctx: ArticleContext, nodes: Sequence[Node], quantities: dict[str, Quantity]
) -> None:
    """Keep each quantity only on the node(s) it counts (see the module docstring)."""
    claims: dict[str, list[tuple[Node, Span]]] = {}
    for node in nodes:
        for name in node.quantities:
            span = quantities[name].span
            sent = sentence_of(ctx, span.begin)
            anchors = [e for e in node.evidence if sentence_of(ctx, e.begin) == sent]
            if anchors:  # a node always has an anchor in the sentence its quantities come from
                anchor = min(anchors, key=lambda e: distance(e, span))
                claims.setdefault(name, []).append((node, anchor))
    for name, claimants in claims.items():
        if len({id(n) for n, _ in claimants}) < 2:
            continue
        span = quantities[name].span
        owners = _owners(ctx, span, claimants)
        for node, _ in claimants:
            if id(node) not in owners and name in node.quantities:
                node.quantities.remove(name)


def _owners(ctx: ArticleContext, span: Span, claimants: list[tuple[Node, Span]]) -> set[int]:
    """The nodes that count a quantity: those whose anchor shares its chunk, else the
    nearest before it (else after it) with those anchored in the same chunk as that one."""
    anchors = [a for _, a in claimants]
    cuts = boundaries(ctx, sentence_of(ctx, span.begin), anchors)
    holding = {id(n) for n, a in claimants if same_chunk(cuts, a, span)}
    if holding:
        return holding
    before = [a for a in anchors if a.end <= span.begin]
    nearest = max(before, key=lambda a: a.end) if before else min(anchors, key=lambda a: a.begin)
    return {id(n) for n, a in claimants if same_chunk(cuts, a, nearest)}

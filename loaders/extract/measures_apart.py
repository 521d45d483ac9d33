"""Whether two mentions of one type and status, each in a sentence of its own, are two.

A rule told by a clause of its own ("villagers now have to show their papers", "a permit
is now required for any trip", "tourists are not allowed to leave the bus") is a report
of a rule, not a reference back: two such clauses in different sentences are two rules,
as the annotation guide counts them, even when both restrict movement and are in force.
A bare noun ("the restrictions", "the new rules") stays a reference to one of them.
An act told as one more ("police also seized hymnbooks", "customs, for its part, has
begun opening every lorry", "detained a few days later") is another measure too.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import STATUS

from .context import ArticleContext
from .model import Policy

# "may no longer", "must", "have had to", "now need", "is required", "are not allowed",
# "no longer permitted", "have been barred from": a rule told by its own verb.
_RULE_CLAUSE = re.compile(
    r"\b(?:may|must|(?:have|has)\s+(?:had\s+)?to|needs?|required|"
    r"(?:not|no\s+longer)\s+(?:be\s+)?(?:allowed|permitted)|barred)\b",
    re.IGNORECASE,
)
# "also", "meanwhile", "in addition", "another": a sentence that adds to what was told.
_ADDED = re.compile(
    r"\b(?:also|meanwhile|in\s+addition|another|separately|for\s+(?:its|their)\s+part|"
    r"(?:a\s+few|several|two|three)\s+(?:days|weeks)\s+later)\b",
    re.IGNORECASE,
)
_RULES = {str(STATUS.InForce), str(STATUS.Announced)}


def _told_as_rule(ctx: ArticleContext, policy: Policy, sentence: int) -> bool:
    return any(
        _RULE_CLAUSE.search(ctx.folded, e.begin, e.end)
        for e in policy.evidence
        if ctx.words.sentence_of(e.begin) == sentence
    )


def apart(ctx: ArticleContext, kept: Policy, new: Policy) -> bool:
    """Whether ``new``, told in a sentence ``kept`` has no evidence in, is a measure of its
    own: a rule beside a rule, or an act told as one more."""
    own = {ctx.words.sentence_of(e.begin) for e in kept.evidence}
    if new.sentence in own or _told_again(ctx, kept, new):
        return False
    return _added(ctx, new) or _separate_rules(ctx, kept, new, own)


def _told_again(ctx: ArticleContext, kept: Policy, new: Policy) -> bool:
    """Whether ``new`` repeats the words of one of ``kept``'s mentions (a restatement)."""
    said = {ctx.folded[e.begin : e.end].lower() for e in kept.evidence}
    return any(ctx.folded[e.begin : e.end].lower() in said for e in new.evidence)


def _added(ctx: ArticleContext, new: Policy) -> bool:
    begin = ctx.sentences[new.sentence].begin
    return bool(_ADDED.search(ctx.folded, begin, new.evidence[0].end))


def _separate_rules(ctx: ArticleContext, kept: Policy, new: Policy, own: set[int]) -> bool:
    """Both rules in force or announced, each told by a rule clause."""
    if new.status not in _RULES or kept.status not in _RULES:
        return False
    if not _told_as_rule(ctx, new, new.sentence):
        return False
    return any(_told_as_rule(ctx, kept, s) for s in own)

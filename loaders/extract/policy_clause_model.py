"""A second measure told in a clause of its own, read by the sentence model.

One sentence often reports two measures in coordinated clauses (``guards strung new wire
along the bank in April, and residents have been told not to wash clothes in the river``;
``soldiers dug a trench, and fishermen were ordered to keep their boats out``). The rules find the
measure whose wording matches a cue and miss the other; the sentence model
(``policy_model.proposals``) reads only sentences where the rules kept nothing. Here each
clause of such a sentence that holds no kept measure's evidence, and is long enough to tell
one, is read by the model on its own; a confident type is proposed with the status the
rules give that clause (negated or denied clauses propose nothing). A clause the model
reads as a type the rules already kept in the sentence tells that measure's details (``the
curfew was moved to 10 p.m., and residents may now stay out until ten``), and one opened by a
qualifier (``…, but only for state companies``) is no clause: neither proposes a measure.
Sentences where the rules set a cue aside as no report of a measure are not read. The
clause's measure takes no agent or time that its sentence gives only in another clause, nor
such places where it names one of its own (``clause_roles``).
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE

from .context import ArticleContext
from .model import Policy, Span
from .policy_candidates import Candidate
from .policy_clauses import coordinated_clauses
from .policy_model import MIN_WORDS, active_model, proposal_status, tokens
from .roles_targets import only_mentioned

# "…, but only for state trading companies": a qualifier of the measure before, no clause.
_QUALIFIER = re.compile(
    r"(?:only|not|except|even|mostly|mainly|largely|including|at\s+least)\b", re.IGNORECASE
)
#: A clause is shorter than a sentence, so the model is asked to be surer of it.
CLAUSE_THRESHOLD = 0.6


def clause_proposals(
    ctx: ArticleContext, kept: list[Policy], refused: set[int]
) -> list[tuple[int, Candidate, str, bool]]:
    """(sentence index, candidate spanning the clause, status, whether defaulted) for each
    clause without a kept measure in a sentence where the rules kept one."""
    model = active_model()
    if model is None:
        return []
    evidence: dict[int, list[Span]] = {}
    types: dict[int, set[str]] = {}
    for policy in kept:
        evidence.setdefault(policy.sentence, []).extend(policy.evidence)
        types.setdefault(policy.sentence, set()).add(policy.measure_type)
    out: list[tuple[int, Candidate, str, bool]] = []
    for index in sorted(evidence):
        if index in refused or index in ctx.headings:
            continue
        for span in clause_spans(ctx.folded, ctx.sentences[index]):
            chunk = ctx.folded[span.begin : span.end]
            if len(tokens(chunk)) < MIN_WORDS or _QUALIFIER.match(chunk):
                continue
            if any(e.overlaps(span) for e in evidence[index]):
                continue
            local, prob = model.best_type(chunk)
            concept = str(getattr(MEASURE, local))
            if prob < max(model.threshold, CLAUSE_THRESHOLD) or concept in types[index]:
                continue  # a type already kept there: the clause tells that measure's details
            cand = Candidate(concept=concept, span=span, strong=True)
            status = proposal_status(ctx, index, cand)
            if status is not None:
                out.append((index, cand, *status))
    return out


def clause_spans(text: str, sentence: Span) -> list[Span]:
    """The clauses of a sentence of several (``coordinated_clauses``), each from its first
    non-space character: the evidence a clause proposal gets (blank stretches left out). A
    one-clause sentence has none."""
    parts = coordinated_clauses(text, sentence.begin, sentence.end)
    if len(parts) < 2:
        return []
    starts = [(hi - len(text[lo:hi].lstrip()), hi) for lo, hi in parts]
    return [Span(lo, hi) for lo, hi in starts if lo < hi]


def clause_roles(ctx: ArticleContext, policy: Policy, clause: Span) -> None:
    """Drop from a clause proposal a time outside the clause and the agents its sentence names
    only outside it: they date and took the other measure (``soldiers put up a fence in May,
    and residents were told …``); and so the places, where the clause names one of its own."""

    def outside(iri: str) -> bool:
        return only_mentioned(ctx, policy, iri, lambda m: not m.span.overlaps(clause))

    if policy.time is not None and not clause.contains(policy.time.span):
        policy.time = None
    policy.issued_by = [a for a in policy.issued_by if not outside(a)]
    policy.implemented_by = [a for a in policy.implemented_by if not outside(a)]
    own = [p for p in policy.places if not outside(p)]
    if any(
        m.entity in policy.places and m.span.overlaps(clause)
        for m in ctx.by_sentence.get(policy.sentence, [])
    ):
        policy.places = own

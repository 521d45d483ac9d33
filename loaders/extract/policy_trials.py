"""A sentence passed at a public trial is that trial, not a crackdown of its own.

Articles on a trial held before a crowd tell the sentences it passed in the same sentence
(``were sentenced to labour camp terms at a public trial``) or right after it (``… were
tried in front of their company. Both were sentenced to long terms in a labour camp.``);
annotators count the public punishment once, with its sentences. A punishment before a
crowd that was no trial (an execution, a parade) passes no sentence: a sentence told after
it (``The second soldier was sentenced to ten years``) stays a measure of its own, as does a
trial told later in the article than the sentence (a court's sentence, then the rally where
it was read out).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol, TypeVar

from borderkg.ontology.namespaces import MEASURE

from .context import ArticleContext
from .justice_words import trial_stage
from .model import Policy

_PUBLIC = str(MEASURE.PublicPunishment)
# A public punishment told as a trial: "tried before a crowd", "a public trial", "sentenced".
_TRIAL = re.compile(r"\b(?:tried|trials?|sentenc\w*|verdicts?)\b", re.IGNORECASE)
# How many sentences after the trial its sentences may be told ("… were tried before a crowd
# … Factories had been told to send every adult. The three were sentenced …"), and of those
# it tried, named as such ("Two of the accused were given ten years"), a few more.
_REACH, _NAMED_REACH = 2, 5
_THOSE_TRIED = re.compile(
    r"\W*(?:(?:both|all|each|one|two|three|four|five|\d+)\s+of\s+(?:the|them|those)\b|the\s+"
    r"(?:other\s+)?(?:accused|defendants?|convicted|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d+)\b|both\b)",
    re.IGNORECASE,
)


class _Told(Protocol):
    policy: Policy


M = TypeVar("M", bound=_Told)


def _trial(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether a public punishment is told as a trial."""
    return policy.measure_type == _PUBLIC and any(
        _TRIAL.search(ctx.folded, e.begin, e.end) for e in policy.evidence
    )


def _of_trial(ctx: ArticleContext, trial: Policy, policy: Policy) -> bool:
    """Whether a sentence told in ``policy`` is told close enough after ``trial`` to be its."""
    after = policy.sentence - trial.sentence
    if after < 0:
        return False
    start = ctx.sentences[policy.sentence].begin
    return after <= _REACH or (
        after <= _NAMED_REACH and _THOSE_TRIED.match(ctx.folded, start) is not None
    )


def fold_trial_sentences(
    ctx: ArticleContext, found: list[M], absorb: Callable[[Policy, Policy], None]
) -> list[M]:
    """``found`` less the judicial crackdowns told in the sentence of a public trial of the
    same status or soon after it (:func:`_of_trial`), each ``absorb``-ed into that trial."""
    trials = [f.policy for f in found if _trial(ctx, f.policy)]
    if not trials:
        return found
    kept: list[M] = []
    for f in found:
        policy = f.policy
        into = None
        if trial_stage(ctx.folded, policy):
            into = next(
                (t for t in trials if t.status == policy.status and _of_trial(ctx, t, policy)),
                None,
            )
        if into is None:
            kept.append(f)
        else:
            absorb(into, policy)
    return kept

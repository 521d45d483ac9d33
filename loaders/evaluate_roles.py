"""How well the extractor fills a found policy's roles, where the gold names them: who took the
measure (``agents``), whom it is aimed at (``targets``), where (``places``) and when (``when``).

Each gold policy is paired one to one with a predicted policy from its sentence, of its type
where one is, else of any type (a role does not depend on the type being right), the one
whose evidence covers most of the gold's first (two measures of a type in one sentence pair
with their own), and each role is scored on the pairs whose gold gives it; unpaired gold
policies are not scored here (finding them is what ``policies`` scores). Agents,
targets and places are compared as sets of IRIs. A time counts as right when the predicted
interval overlaps the gold period (``"2023"``, ``"2023-10"`` or ``"2023-10-05"``); a predicted
time where the gold has none, or one that does not overlap, is an extra, and a gold time not
found or not overlapping is a miss.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from borderkg.loaders.evaluate_match import (
    Score,
    evidence_spans,
    local_name,
    match_one_to_one,
    sentences_of,
    set_score,
)
from borderkg.loaders.extract.model import Extraction, Policy, Span

#: Roles compared as sets of IRIs: the gold key and what of a predicted policy it is
#: compared with (scored only where the gold has the key).
ROLES: dict[str, tuple[str, Callable[[Policy], list[str]]]] = {
    "policy_agents": ("agents", lambda p: [*p.issued_by, *p.implemented_by]),
    "policy_targets": ("targets", lambda p: list(p.targets)),
    "policy_places": ("places", lambda p: list(p.places)),
}
TIME = "policy_time"


def pair_policies(
    gold: Sequence[Mapping[str, Any]], extraction: Extraction, text: str
) -> list[tuple[Mapping[str, Any], Policy]]:
    """(gold policy, predicted policy) pairs, one to one, by sentence and preferably type."""
    predicted = extraction.policies
    where = [sentences_of(p, extraction.sentences) for p in predicted]
    spans = evidence_spans(gold, text)
    # Within a sentence, the prediction whose evidence covers more of the gold's is tried
    # first: two measures of one type in one sentence pair with their own evidence.
    near = [
        sorted(
            (
                j
                for j in range(len(predicted))
                if span is not None and any(span.overlaps(sentence) for sentence in where[j])
            ),
            key=lambda j, span=span: -_shared(span, predicted[j].evidence),
        )
        for span in spans
    ]
    pairs = match_one_to_one(
        [
            [
                j
                for j in js
                if local_name(predicted[j].measure_type) == local_name(p["measure_type"])
            ]
            for p, js in zip(gold, near, strict=True)
        ]
    )
    taken, paired = set(pairs), set(pairs.values())
    pairs.update(
        match_one_to_one(
            [[] if i in paired else [j for j in js if j not in taken] for i, js in enumerate(near)]
        )
    )
    return [(gold[i], predicted[j]) for j, i in sorted(pairs.items(), key=lambda item: item[1])]


def _shared(span: Span | None, evidence: Sequence[Span]) -> int:
    """Characters of ``span`` that the evidence spans cover."""
    if span is None:
        return 0
    return sum(max(0, min(span.end, e.end) - max(span.begin, e.begin)) for e in evidence)


Scored = tuple[Score, list[str], list[str]]


def role_scores(
    gold: Sequence[Mapping[str, Any]], extraction: Extraction, text: str
) -> dict[str, Scored]:
    """``{category: (counts, missed, extra)}`` of every role the article's gold policies
    annotate (the keys of :data:`ROLES` and ``when``), on the policies paired once."""
    keys = {key for key, _actors in ROLES.values()} | {"when"}
    if not any(key in p for p in gold for key in keys):
        return {}
    pairs = pair_policies(gold, extraction, text)
    out: dict[str, Scored] = {}
    for name, (key, actors) in ROLES.items():
        if any(key in p for p in gold):
            out[name] = _actors([(p, g) for p, g in pairs if key in p], key, actors)
    if any("when" in p for p in gold):
        out[TIME] = _time([(p, g) for p, g in pairs if "when" in p])
    return out


def _said(policy: Mapping[str, Any]) -> str:
    return f"{local_name(policy['measure_type'])}: {policy.get('evidence', '')}"


def _actors(
    pairs: list[tuple[Mapping[str, Any], Policy]],
    key: str,
    actors: Callable[[Policy], list[str]],
) -> Scored:
    """The gold ``key`` of the pairs against ``actors`` of their predictions, as sets."""
    score, missed, extra = Score(), [], []
    for policy, guess in pairs:
        found, lost, added = set_score(policy[key], actors(guess))
        score.add(found)
        missed += [f"{_said(policy)} — {item}" for item in lost]
        extra += [f"{_said(policy)} — {item}" for item in added]
    return score, missed, extra


def _time(pairs: list[tuple[Mapping[str, Any], Policy]]) -> Scored:
    """The gold ``when`` of the pairs against their predicted time (see above)."""
    score, missed, extra = Score(), [], []
    for policy, guess in pairs:
        period = gold_period(policy["when"]) if policy["when"] else None
        time = guess.time
        found = None
        if time is not None and time.earliest is not None:
            found = (time.earliest, time.latest or time.earliest)
        shown = f"{found[0]}..{found[1]}" if found else "no time"
        if (
            period is not None
            and found is not None
            and found[0] <= period[1]
            and period[0] <= found[1]
        ):
            score.tp += 1
            continue
        if period is not None:
            score.fn += 1
            missed.append(f"{_said(policy)} — {policy['when']} (found {shown})")
        if found is not None:
            score.fp += 1
            extra.append(f"{_said(policy)} — {shown} (gold {policy['when'] or 'none'})")
    return score, missed, extra


def gold_period(when: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a gold time: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    parts = [int(x) for x in when.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day

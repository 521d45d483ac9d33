"""Counting for ``borderkg.loaders.evaluate``: scores, and matching predictions to gold items
one to one by where their evidence lies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from borderkg.loaders.extract.model import Policy, Span


@dataclass
class Score:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are in the gold (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items that were predicted (1.0 when the gold is empty)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def local_name(value: str) -> str:
    """Local name of a concept given as a name, a prefixed name or a full IRI."""
    return value.rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1]


def set_score(gold: Iterable[str], predicted: Iterable[str]) -> tuple[Score, list[str], list[str]]:
    """(counts, missed, extra) of two sets of items."""
    g, p = set(gold), set(predicted)
    return Score(len(g & p), len(p - g), len(g - p)), sorted(g - p), sorted(p - g)


def match_one_to_one(fits: Sequence[Sequence[int]]) -> dict[int, int]:
    """A maximum one-to-one matching of gold items to the predictions that fit each
    (``fits[i]``: indexes of predictions gold item ``i`` may take): prediction -> gold."""
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:  # augmenting path
        for j in fits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or assign(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(fits)):
        assign(i, set())
    return owner


def evidence_spans(gold: Sequence[Mapping[str, Any]], text: str) -> list[Span | None]:
    """Where each gold policy's evidence is in the article text (``None``: not found)."""
    spans: list[Span | None] = []
    for policy in gold:
        evidence = str(policy.get("evidence") or "")
        start = text.find(evidence) if evidence else -1
        spans.append(Span(start, start + len(evidence)) if start >= 0 else None)
    return spans


def sentences_of(policy: Policy, sentences: Sequence[Span]) -> list[Span]:
    """The sentences holding a policy's evidence (its evidence itself if none is known)."""
    found = [s for s in sentences if any(s.overlaps(e) for e in policy.evidence)]
    return found or list(policy.evidence)

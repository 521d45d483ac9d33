"""Measure the extractor against hand-annotated gold files: precision, recall and F1.

Categories: ``actors``, ``locations``, ``legal_instruments`` (sets of IRIs per article) and
``policies`` (a multiset of ``(measure_type, status)`` pairs per article), and
``policies_anchored``, the stricter reading: a predicted policy counts only where its type and
status match a gold policy *and* the sentence of one of its evidence spans overlaps that
policy's gold evidence in the article text (one to one), so a right pair found in the wrong
sentence is an error twice (a miss and an extra). ``policy_agents`` is scored only where gold
policies carry ``agents`` (who took, ordered or carried out the measure): each such policy is
matched one to one with a predicted policy from its sentence (of its type where one is), and
the agents of each pair (``issued_by`` and ``implemented_by`` together) are compared as sets — how well the
extractor says who acted, on the measures it found; ``policy_targets`` likewise compares the
gold's ``targets`` (whom the measure is aimed at) with the predicted policy's ``targets``. Counts are summed
over all articles before precision and recall are computed (micro-averaging), so an
article with many entities weighs more than one with few. The gold format is described in
``loaders/corpus/gold/README.md``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from borderkg.loaders.extract.categories import entity_categories
from borderkg.loaders.extract.model import Extraction, Policy, Span
from borderkg.loaders.record import ArticleRecord

CATEGORIES = ("actors", "locations", "legal_instruments", "policies", "policies_anchored")
#: Scored only for gold sets whose policies carry ``agents`` / ``targets``: the gold key and
#: the predicted policy's actors it is compared with.
ROLES: dict[str, tuple[str, Callable[[Policy], list[str]]]] = {
    "policy_agents": ("agents", lambda p: [*p.issued_by, *p.implemented_by]),
    "policy_targets": ("targets", lambda p: list(p.targets)),
}


class _HasExtract(Protocol):
    def extract(self, record: ArticleRecord) -> Extraction: ...


ExtractorLike = Callable[[ArticleRecord], Extraction] | _HasExtract


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


@dataclass
class FileResult:
    """The comparison for one gold file: scores and what was missed or extra."""

    file: str
    record: str | None
    scores: dict[str, Score]
    missed: dict[str, list[str]]
    extra: dict[str, list[str]]


@dataclass
class EvaluationReport:
    """Scores per category over all gold files, and per file."""

    categories: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    files: list[FileResult] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # gold files with no record to compare

    def table(self) -> str:
        """A printable table of precision, recall and F1 per category."""
        lines = [
            f"{'category':<18} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
            "-" * 57,
        ]
        for name, s in self.categories.items():
            lines.append(
                f"{name:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                f"{s.tp:5d} {s.fp:5d} {s.fn:5d}"
            )
        lines.append(f"({len(self.files)} gold articles compared)")
        if self.unmatched:
            lines.append("no record for: " + ", ".join(self.unmatched))
        return "\n".join(lines)

    def as_dict(self) -> dict[str, dict[str, float]]:
        """Scores as plain numbers, e.g. for JSON output."""
        return {
            name: {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for name, s in self.categories.items()
        }


def load_gold(gold_dir: Path | str) -> list[dict[str, Any]]:
    """All gold annotations of a directory (``*.json``), in file-name order."""
    out: list[dict[str, Any]] = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "file" not in data:
            raise ValueError(f"{path}: not a gold annotation (an object with a 'file' field)")
        out.append(data)
    return out


def _local(value: str) -> str:
    """Local name of a concept given as a name, a prefixed name or a full IRI."""
    return value.rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1]


def _set_score(gold: Iterable[str], predicted: Iterable[str]) -> tuple[Score, list[str], list[str]]:
    g, p = set(gold), set(predicted)
    return Score(len(g & p), len(p - g), len(g - p)), sorted(g - p), sorted(p - g)


def _multiset_score(
    gold: Iterable[tuple[str, str]], predicted: Iterable[tuple[str, str]]
) -> tuple[Score, list[str], list[str]]:
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    missed = sorted(f"{m}/{s}" for (m, s), n in (g - p).items() for _ in range(n))
    extra = sorted(f"{m}/{s}" for (m, s), n in (p - g).items() for _ in range(n))
    return Score(tp, sum(p.values()) - tp, sum(g.values()) - tp), missed, extra


def _anchored_score(
    gold: Sequence[Mapping[str, Any]], extraction: Extraction, text: str
) -> tuple[Score, list[str], list[str]]:
    """Policies matched one to one on type, status and evidence sentence (see above)."""
    predicted = extraction.policies
    where = [_sentences_of(p, extraction.sentences) for p in predicted]
    spans = _evidence_spans(gold, text)
    fits = [
        [
            j
            for j, guess in enumerate(predicted)
            if span is not None
            and (_local(guess.measure_type), _local(guess.status))
            == (_local(policy["measure_type"]), _local(policy["status"]))
            and any(span.overlaps(sentence) for sentence in where[j])
        ]
        for policy, span in zip(gold, spans, strict=True)
    ]
    owner = _match(fits)
    matched_gold = set(owner.values())
    missed = sorted(
        f"{_local(p['measure_type'])}/{_local(p['status'])}: {p.get('evidence', '')}"
        for i, p in enumerate(gold)
        if i not in matched_gold
    )
    extra = sorted(
        f"{_local(p.measure_type)}/{_local(p.status)}: "
        + " … ".join(text[e.begin : e.end] for e in p.evidence)
        for j, p in enumerate(predicted)
        if j not in owner
    )
    tp = len(owner)
    return Score(tp, len(predicted) - tp, len(gold) - tp), missed, extra


def _match(fits: Sequence[Sequence[int]]) -> dict[int, int]:
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


def _evidence_spans(gold: Sequence[Mapping[str, Any]], text: str) -> list[Span | None]:
    """Where each gold policy's evidence is in the article text (``None``: not found)."""
    spans: list[Span | None] = []
    for policy in gold:
        evidence = str(policy.get("evidence") or "")
        start = text.find(evidence) if evidence else -1
        spans.append(Span(start, start + len(evidence)) if start >= 0 else None)
    return spans


def _role_score(
    gold: Sequence[Mapping[str, Any]],
    extraction: Extraction,
    text: str,
    key: str,
    actors: Callable[[Policy], list[str]],
) -> tuple[Score, list[str], list[str]] | None:
    """Agents or targets (gold ``key``; ``actors`` of a predicted policy) of the policies
    found (see the module docstring); ``None`` when no gold policy of the article has ``key``."""
    annotated = [p for p in gold if key in p]
    if not annotated:
        return None
    predicted = extraction.policies
    where = [_sentences_of(p, extraction.sentences) for p in predicted]
    spans = _evidence_spans(annotated, text)
    near = [
        [
            j
            for j in range(len(predicted))
            if span is not None and any(span.overlaps(sentence) for sentence in where[j])
        ]
        for span in spans
    ]
    # Pairs of the same type first; then the rest of the same sentence, of any type.
    pairs = _match(
        [
            [j for j in js if _local(predicted[j].measure_type) == _local(policy["measure_type"])]
            for policy, js in zip(annotated, near, strict=True)
        ]
    )
    taken, paired = set(pairs), set(pairs.values())
    rest = _match(
        [[] if i in paired else [j for j in js if j not in taken] for i, js in enumerate(near)]
    )
    pairs.update(rest)
    score, missed, extra = Score(), [], []
    for j, i in sorted(pairs.items(), key=lambda item: item[1]):
        policy, guess = annotated[i], predicted[j]
        said = f"{_local(policy['measure_type'])}: {policy.get('evidence', '')}"
        found, lost, added = _set_score(policy[key], actors(guess))
        score.add(found)
        missed += [f"{said} — {agent}" for agent in lost]
        extra += [f"{said} — {agent}" for agent in added]
    return score, missed, extra


def _sentences_of(policy: Policy, sentences: Sequence[Span]) -> list[Span]:
    """The sentences holding a policy's evidence (its evidence itself if none is known)."""
    found = [s for s in sentences if any(s.overlaps(e) for e in policy.evidence)]
    return found or list(policy.evidence)


def _find_record(
    gold: Mapping[str, Any], records_by_file: Mapping[str, ArticleRecord | Sequence[ArticleRecord]]
) -> ArticleRecord | None:
    file = str(gold["file"])
    found = records_by_file.get(file)
    if found is None:
        name = Path(file).name
        for key, value in records_by_file.items():
            if key.replace("\\", "/").endswith("/" + file) or Path(key).name == name:
                found = value
                break
    if found is None:
        return None
    records = [found] if isinstance(found, ArticleRecord) else list(found)
    wanted = gold.get("record")
    if wanted is None:
        return records[0] if len(records) == 1 else None
    return next((r for r in records if r.id == wanted), None)


def compare(gold: Mapping[str, Any], extraction: Extraction, record: ArticleRecord) -> FileResult:
    """Compare one extraction with one gold annotation."""
    predicted = entity_categories(extraction, record)
    scores: dict[str, Score] = {}
    missed: dict[str, list[str]] = {}
    extra: dict[str, list[str]] = {}
    for name in ("actors", "locations", "legal_instruments"):
        scores[name], missed[name], extra[name] = _set_score(gold.get(name, []), predicted[name])
    gold_policies = [
        (_local(p["measure_type"]), _local(p["status"])) for p in gold.get("policies", [])
    ]
    predicted_policies = [(_local(p.measure_type), _local(p.status)) for p in extraction.policies]
    scores["policies"], missed["policies"], extra["policies"] = _multiset_score(
        gold_policies, predicted_policies
    )
    anchored = _anchored_score(gold.get("policies", []), extraction, record.text)
    scores["policies_anchored"], missed["policies_anchored"], extra["policies_anchored"] = anchored
    for name, (key, actors) in ROLES.items():
        found = _role_score(gold.get("policies", []), extraction, record.text, key, actors)
        if found is not None:
            scores[name], missed[name], extra[name] = found
    return FileResult(str(gold["file"]), gold.get("record"), scores, missed, extra)


def evaluate(
    gold_dir: Path | str,
    records_by_file: Mapping[str, ArticleRecord | Sequence[ArticleRecord]],
    extractor: ExtractorLike,
) -> EvaluationReport:
    """Precision, recall and F1 per category of ``extractor`` against the gold files.

    ``records_by_file`` maps a corpus-relative path (``text/2023-10-yalu-cameras.txt``, as in
    the gold ``file`` field; a path ending in it or with the same file name also matches) to
    the record read from it, or to all records of a multi-record file.
    """
    run = extractor.extract if hasattr(extractor, "extract") else extractor
    report = EvaluationReport()
    for gold in load_gold(gold_dir):
        record = _find_record(gold, records_by_file)
        if record is None:
            report.unmatched.append(str(gold["file"]))
            continue
        result = compare(gold, run(record), record)
        report.files.append(result)
        for name, score in result.scores.items():
            report.categories.setdefault(name, Score()).add(score)
    return report


def read_corpus_records(
    corpus_root: Path | str, gold: Iterable[Mapping[str, Any]]
) -> dict[str, list[ArticleRecord]]:
    """The records of every article file a set of gold annotations names, read as the
    loader reads them (``borderkg.loaders.readers``), keyed by corpus-relative path."""
    from borderkg.loaders.readers import ReadError, ReadOptions, read_path

    root = Path(corpus_root)
    out: dict[str, list[ArticleRecord]] = {}
    for annotation in gold:
        file = str(annotation["file"])
        path = root / file
        if file in out or not path.is_file():
            continue
        out[file] = [r for r in read_path(path, ReadOptions()) if not isinstance(r, ReadError)]
    return out


def evaluate_gold_dir(
    gold_dir: Path | str,
    corpus_root: Path | str,
    extractor: ExtractorLike | None = None,
) -> EvaluationReport:
    """Evaluate against a gold folder whose ``file`` fields are relative to ``corpus_root``.

    Without an ``extractor`` the process-wide default one (shipped vocabulary) is used.
    """
    if extractor is None:
        from borderkg.loaders.extract import get_extractor

        extractor = get_extractor()
    records = read_corpus_records(corpus_root, load_gold(gold_dir))
    return evaluate(gold_dir, records, extractor)

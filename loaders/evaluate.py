"""Measure the extractor against hand-annotated gold files: precision, recall and F1.

Categories: ``actors``, ``locations``, ``legal_instruments`` (sets of IRIs per article) and
``policies`` (a multiset of ``(measure_type, status)`` pairs per article), and
``policies_anchored``, the stricter reading: a predicted policy counts only where its type and
status match a gold policy *and* the sentence of one of its evidence spans overlaps that
policy's gold evidence in the article text (one to one), so a right pair found in the wrong
sentence is an error twice (a miss and an extra). Where gold policies also say who took the
measure, whom it aims at, where and when, ``policy_agents``, ``policy_targets``,
``policy_places`` and ``policy_time`` score those roles on the policies found
(``borderkg.loaders.evaluate_roles``). Counts are summed
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

from borderkg.loaders.evaluate_match import (
    Score,
    evidence_spans,
    local_name,
    match_one_to_one,
    sentences_of,
    set_score,
)
from borderkg.loaders.evaluate_roles import role_scores
from borderkg.loaders.extract.categories import entity_categories
from borderkg.loaders.extract.model import Extraction
from borderkg.loaders.record import ArticleRecord

#: Categories compared as the sets of IRIs an article's gold lists.
ENTITY_CATEGORIES = ("actors", "locations", "legal_instruments")
CATEGORIES = (*ENTITY_CATEGORIES, "policies", "policies_anchored")


class _HasExtract(Protocol):
    def extract(self, record: ArticleRecord) -> Extraction: ...


ExtractorLike = Callable[[ArticleRecord], Extraction] | _HasExtract


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

    def add(self, result: FileResult) -> None:
        """Count one article's result into the totals."""
        self.files.append(result)
        for name, score in result.scores.items():
            self.categories.setdefault(name, Score()).add(score)

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

    def details(self) -> str:
        """What each article's comparison missed (``-``: in the gold only) and added (``+``:
        found only), by category: the cases to look at, or for two annotators to settle."""
        lines: list[str] = []
        for result in self.files:
            rows = [
                f"  {name} {sign} {item}"
                for name in result.scores
                for sign, items in (
                    ("-", result.missed.get(name, [])),
                    ("+", result.extra.get(name, [])),
                )
                for item in items
            ]
            if rows:
                lines.append(result.file + (f" [{result.record}]" if result.record else ""))
                lines += rows
        return "\n".join(lines)

    def files_as_dicts(self) -> list[dict[str, Any]]:
        """Each article's comparison as plain data: file, record, missed and extra by category."""
        return [
            {"file": r.file, "record": r.record, "missed": r.missed, "extra": r.extra}
            for r in self.files
        ]

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
    where = [sentences_of(p, extraction.sentences) for p in predicted]
    spans = evidence_spans(gold, text)
    fits = [
        [
            j
            for j, guess in enumerate(predicted)
            if span is not None
            and (local_name(guess.measure_type), local_name(guess.status))
            == (local_name(policy["measure_type"]), local_name(policy["status"]))
            and any(span.overlaps(sentence) for sentence in where[j])
        ]
        for policy, span in zip(gold, spans, strict=True)
    ]
    owner = match_one_to_one(fits)
    matched_gold = set(owner.values())
    missed = sorted(
        f"{local_name(p['measure_type'])}/{local_name(p['status'])}: {p.get('evidence', '')}"
        for i, p in enumerate(gold)
        if i not in matched_gold
    )
    extra = sorted(
        f"{local_name(p.measure_type)}/{local_name(p.status)}: "
        + " … ".join(text[e.begin : e.end] for e in p.evidence)
        for j, p in enumerate(predicted)
        if j not in owner
    )
    tp = len(owner)
    return Score(tp, len(predicted) - tp, len(gold) - tp), missed, extra


def find_record(
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
    return compare_found(gold, entity_categories(extraction, record), extraction, record)


def compare_found(
    gold: Mapping[str, Any],
    predicted: Mapping[str, Iterable[str]],
    extraction: Extraction,
    record: ArticleRecord,
) -> FileResult:
    """Compare with one gold annotation the entities ``predicted`` (IRIs by category) and
    the policies of ``extraction`` (also a second annotator's, as one)."""
    scores: dict[str, Score] = {}
    missed: dict[str, list[str]] = {}
    extra: dict[str, list[str]] = {}
    for name in ENTITY_CATEGORIES:
        scores[name], missed[name], extra[name] = set_score(gold.get(name, []), predicted[name])
    gold_policies = [
        (local_name(p["measure_type"]), local_name(p["status"])) for p in gold.get("policies", [])
    ]
    predicted_policies = [
        (local_name(p.measure_type), local_name(p.status)) for p in extraction.policies
    ]
    scores["policies"], missed["policies"], extra["policies"] = _multiset_score(
        gold_policies, predicted_policies
    )
    anchored = _anchored_score(gold.get("policies", []), extraction, record.text)
    scores["policies_anchored"], missed["policies_anchored"], extra["policies_anchored"] = anchored
    for name, found in role_scores(gold.get("policies", []), extraction, record.text).items():
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
        record = find_record(gold, records_by_file)
        if record is None:
            report.unmatched.append(str(gold["file"]))
            continue
        report.add(compare(gold, run(record), record))
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

"""Agreement between two annotators: a second gold folder scored as the extractor is scored.

An annotation project checks its guidelines by having two people annotate the same articles
independently and measuring how far they agree. Here the second annotator's files take the
extractor's place: each is read as an :class:`Extraction` (its policies with their evidence,
agents, targets, places and times) and compared with the first by the same counting and
matching as ``borderkg evaluate`` (``policies`` as multisets of type and status,
``policies_anchored`` in the same sentence, the roles on policies paired once), while actors,
locations and legal instruments are compared as the two files list them. So an F1 here and
an extractor's F1 on the same first annotation can be read side by side: the agreement is
what a careful annotator reaches.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from borderkg.loaders.evaluate import (
    ENTITY_CATEGORIES,
    EvaluationReport,
    compare_found,
    find_record,
    load_gold,
    read_corpus_records,
)
from borderkg.loaders.evaluate_match import evidence_spans, local_name
from borderkg.loaders.evaluate_roles import gold_period
from borderkg.loaders.extract.model import Extraction, Policy, Span, TimeInfo
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import MEASURE, STATUS, TIMEPREC

_PRECISION = {1: TIMEPREC.Year, 2: TIMEPREC.Month, 3: TIMEPREC.Day}


def as_extraction(
    annotation: Mapping[str, Any], record: ArticleRecord, sentences: list[Span]
) -> Extraction:
    """A second annotator's file as if an extractor had found what it lists."""
    text = record.text
    policies = []
    spans = evidence_spans(annotation.get("policies", []), text)
    for i, (policy, span) in enumerate(zip(annotation.get("policies", []), spans, strict=True)):
        if span is None:
            raise ValueError(
                f"{annotation['file']}: policy {i + 1}: evidence not found in the article text"
            )
        sentence = next((k for k, s in enumerate(sentences) if s.overlaps(span)), 0)
        policies.append(
            Policy(
                local=f"policy-{i + 1}",
                measure_type=str(MEASURE[local_name(policy["measure_type"])]),
                status=str(STATUS[local_name(policy["status"])]),
                sentence=sentence,
                evidence=[span],
                issued_by=list(policy.get("agents", [])),
                targets=list(policy.get("targets", [])),
                places=list(policy.get("places", [])),
                time=_time(policy.get("when"), span),
            )
        )
    return Extraction(record.id, text, sentences, policies=policies)


def _time(when: str | None, span: Span) -> TimeInfo | None:
    if not when:
        return None
    first, last = gold_period(when)
    return TimeInfo(span, when, first, last, str(_PRECISION[len(when.split("-"))]))


def agreement(
    first_dir: Path | str, second_dir: Path | str, corpus_root: Path | str
) -> EvaluationReport:
    """Score the annotation files of ``second_dir`` against those of ``first_dir`` (matched by
    their ``file`` and ``record``, relative to ``corpus_root``). A first file without a second is
    reported in ``unmatched``; sentences are those the extractor cuts."""
    from borderkg.loaders.extract import get_extractor

    extractor = get_extractor()
    firsts = load_gold(first_dir)
    seconds = {(a["file"], a.get("record")): a for a in load_gold(second_dir)}
    records = read_corpus_records(corpus_root, firsts)
    report = EvaluationReport()
    for first in firsts:
        second = seconds.get((first["file"], first.get("record")))
        record = find_record(first, records)
        if second is None or record is None:
            report.unmatched.append(str(first["file"]))
            continue
        guess = as_extraction(second, record, extractor.sentences(record.text))
        found = {name: second.get(name, []) for name in ENTITY_CATEGORIES}
        report.add(compare_found(first, found, guess, record))
    return report

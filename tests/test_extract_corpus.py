"""Invariants over the whole sample corpus, read with the project's readers."""

from __future__ import annotations

import io
from collections import Counter

import pyoxigraph as ox
import pytest

from borderkg.loaders.evaluate import evaluate_gold_dir
from borderkg.loaders.extract import (
    MODEL_ENV,
    Extraction,
    Extractor,
    ExtractorConfigError,
    ExtractSettings,
    get_extractor,
)
from borderkg.loaders.rdf import article_quads, serialize_extraction
from borderkg.loaders.readers import ReadError, ReadOptions, read_path
from borderkg.loaders.record import ArticleRecord
from borderkg.loaders.samples import corpus_root, gold_dir, sample_paths
from borderkg.ontology.namespaces import sparql_prefixes

SETTINGS = ExtractSettings(use_env=False)


@pytest.fixture(scope="module")
def corpus() -> list[tuple[ArticleRecord, Extraction, list[ox.Quad]]]:
    extractor = get_extractor(SETTINGS)
    out = []
    for folder in sample_paths():
        for path in sorted(folder.iterdir()):
            for record in read_path(path, ReadOptions()):
                if isinstance(record, ReadError):
                    continue
                extraction = extractor.extract(record)
                out.append((record, extraction, article_quads(record, extraction)))
    assert len(out) >= 30
    return out


@pytest.fixture(scope="module")
def store(corpus: list) -> ox.Store:
    store = ox.Store()
    for _, _, quads in corpus:
        store.extend(quads)
    return store


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(sparql_prefixes() + query, use_default_graph_as_union=True)
    return [tuple(term.value for term in solution) for solution in result]


def test_every_span_anchor_is_the_text_between_its_offsets(corpus: list) -> None:
    checked = 0
    for _, extraction, quads in corpus:
        text = extraction.text
        for span in extraction.spans():
            assert 0 <= span.begin < span.end <= len(text)
        values: dict[str, dict[str, str]] = {}
        for q in quads:
            name = q.predicate.value.rsplit("#", 1)[-1]
            if name in ("beginIndex", "endIndex", "anchorOf"):
                values.setdefault(q.subject.value, {})[name] = q.object.value
        for node, v in values.items():
            assert text[int(v["beginIndex"]) : int(v["endIndex"])] == v["anchorOf"], node
            checked += 1
    assert checked > 1000


def test_every_policy_has_one_type_one_status_and_evidence(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?p (COUNT(DISTINCT ?t) AS ?types) (COUNT(DISTINCT ?s) AS ?statuses)
        (COUNT(DISTINCT ?e) AS ?evidence) WHERE { ?p a bkg:Policy .
        OPTIONAL { ?p bkg:measureType ?t } OPTIONAL { ?p bkg:status ?s }
        OPTIONAL { ?p bkg:evidence ?e } } GROUP BY ?p""",
    )
    assert len(rows) > 50
    for policy, types, statuses, evidence in rows:
        assert (types, statuses) == ("1", "1"), policy
        assert int(evidence) >= 1, policy


def test_every_extracted_node_has_evidence(store: ox.Store) -> None:
    assert (
        select(
            store,
            """SELECT ?n WHERE { VALUES ?c { bkg:Policy bkg:EventReport bkg:Claim
        bkg:Quotation bkg:AnonymousSource } ?n a ?c FILTER NOT EXISTS { ?n bkg:evidence ?e } }""",
        )
        == []
    )


def test_no_anonymous_source_appears_in_two_articles(corpus: list) -> None:
    owners: dict[str, set[str]] = {}
    for _, extraction, quads in corpus:
        for q in quads:
            for term in (q.subject, q.object):
                if isinstance(term, ox.NamedNode) and "#source-" in term.value:
                    owners.setdefault(term.value, set()).add(extraction.article_id)
                    assert term.value.startswith(extraction.node("source-"))
    assert owners
    assert all(len(articles) == 1 for articles in owners.values())


def test_every_article_graph_serialises_and_parses_back(corpus: list) -> None:
    for _, _, quads in corpus:
        for fmt, rdf_format in (("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS)):
            text = serialize_extraction(quads, fmt)
            parsed = list(ox.parse(io.BytesIO(text.encode("utf-8")), format=rdf_format))
            assert Counter(parsed) == Counter(dict.fromkeys(quads, 1))


def test_gold_scores_do_not_fall_below_the_recorded_level() -> None:
    report = evaluate_gold_dir(gold_dir(), corpus_root(), get_extractor(SETTINGS))
    f1 = {name: score.f1 for name, score in report.categories.items()}
    assert len(report.files) >= 20
    assert f1["actors"] >= 0.8
    assert f1["locations"] >= 0.9
    assert f1["legal_instruments"] >= 0.9
    assert f1["policies"] >= 0.55


def test_a_missing_trained_pipeline_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ExtractorConfigError, match="'borderkg_no_such_model' is not installed"):
        Extractor(settings=ExtractSettings(spacy_model="borderkg_no_such_model"))
    monkeypatch.setenv(MODEL_ENV, "borderkg_no_such_model")
    with pytest.raises(ExtractorConfigError, match=MODEL_ENV):
        Extractor()
    assert Extractor(settings=SETTINGS).use_model is False

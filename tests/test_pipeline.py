"""Loads through the SHACL gate: offending articles rejected with their report, others loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from borderkg.iris import article_graph_iri
from borderkg.pipeline import load
from borderkg.store import GraphStore

BODY = (
    "Chinese border police installed new surveillance cameras along the Yalu River near "
    "Dandong last month, a source in Ryanggang Province told reporters. The source said "
    "that smugglers had stopped crossing at night since the cameras were switched on."
)


def record(art_id: str, url: str, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": art_id,
        "url": url,
        "title": f"Cameras on the Yalu ({art_id})",
        "published": "2023-10-12",
        "body": BODY + f" Report {art_id}.",
    }
    base.update(fields)
    return base


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    """Three records; the second reuses the first one's URL under another id (a Violation)."""
    path = tmp_path / "feed.jsonl"
    records = [
        record("gate-a", "https://example.org/news/a"),
        record("gate-b", "https://example.org/news/a"),
        record("gate-c", "https://example.org/news/c"),
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def graphs(store: GraphStore) -> set[str]:
    return {g.rsplit("/", 1)[-1] for g in store.article_graphs()}


def test_article_violating_a_shape_is_rejected_with_its_report_and_the_others_load(
    tmp_path: Path, feed: Path
) -> None:
    with GraphStore(tmp_path / "store") as store:
        summary = load(store, [str(feed)], workers=1)
        stored = graphs(store)
    assert stored == {"gate-a", "gate-c"}
    assert [r.source for r in summary.rejected] == [f"{feed}:2"]
    reason = summary.rejected[0].reason
    assert "Violation" in reason and "article URL uniqueness" in reason  # the shape
    assert "<https://w3id.org/borderkg/article/gate-b>" in reason  # the focus node
    assert "loaded twice under two ids" in reason  # the shape's message
    assert summary.exit_code == 1
    assert len(summary.added) == 2


def test_article_conflicting_with_one_already_stored_is_rejected(
    tmp_path: Path, feed: Path
) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(record("gate-z", "https://example.org/news/a")) + "\n")
    with GraphStore(tmp_path / "store") as store:
        assert load(store, [str(first)], workers=1).exit_code == 0
        summary = load(store, [str(feed)], workers=1)
        stored = graphs(store)
    # Both feed articles with that URL now clash with the stored one.
    assert {r.source for r in summary.rejected} == {f"{feed}:1", f"{feed}:2"}
    assert stored == {"gate-z", "gate-c"}


def test_warnings_are_reported_and_the_article_loads(tmp_path: Path) -> None:
    path = tmp_path / "undated.jsonl"
    undated = record("gate-w", "https://example.org/news/w")
    del undated["published"]
    path.write_text(json.dumps(undated) + "\n", encoding="utf-8")
    with GraphStore(tmp_path / "store") as store:
        summary = load(store, [str(path)], workers=1)
        assert store.has_graph(article_graph_iri("gate-w"))
    assert summary.exit_code == 0
    assert summary.added == [f"{path}:1"]
    dated = [w for w in summary.warnings if "datePublished" in w]
    # what is wrong first, then where the shapes found it
    assert dated and dated[0].startswith(f"{path}:1: The article has no schema:datePublished")
    assert "(Warning, shape 'article publication date', on <" in dated[0]


def test_without_the_gate_the_violating_article_loads(tmp_path: Path, feed: Path) -> None:
    with GraphStore(tmp_path / "store") as store:
        summary = load(store, [str(feed)], workers=1, gate=False)
        stored = graphs(store)
    assert stored == {"gate-a", "gate-b", "gate-c"}
    assert summary.exit_code == 0


def test_reloading_unchanged_articles_skips_the_gate_and_writes_nothing(
    tmp_path: Path, feed: Path
) -> None:
    with GraphStore(tmp_path / "store") as store:
        load(store, [str(feed)], workers=1)
        again = load(store, [str(feed)], workers=1)
    assert sorted(again.unchanged) == [f"{feed}:1", f"{feed}:3"]
    assert not again.added and not again.replaced
    assert [r.source for r in again.rejected] == [f"{feed}:2"]


def cli_load(feed: Path, store: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "borderkg.cli", "load", str(feed), "--store", str(store)]
    command += ["--workers", "1", "--quiet", *flags]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_cli_load_exits_1_when_the_gate_rejects_and_offers_no_way_round_it(
    tmp_path: Path, feed: Path
) -> None:
    gated = cli_load(feed, tmp_path / "gated")
    assert gated.returncode == 1, gated.stderr
    assert "2 added" in gated.stdout and "1 rejected" in gated.stdout
    assert f"rejected: {feed}:2: violates the shapes: " in gated.stderr
    assert "(Violation, shape 'article URL uniqueness', on <" in gated.stderr
    ungated = cli_load(feed, tmp_path / "ungated", "--no-gate")
    assert ungated.returncode == 2 and "No such option '--no-gate'" in ungated.stderr


def test_article_the_store_refuses_is_rejected_and_the_rest_of_its_bulk_group_loads(
    tmp_path: Path,
) -> None:
    from borderkg.iris import article_iri
    from borderkg.pipeline import Built, LoadSummary, _Loader
    from borderkg.storetypes import NTriples

    def built(art_id: str, broken: bool = False) -> Built:
        line = f'<{article_iri(art_id)}> <https://example.org/p> "{art_id}" .\n'
        bad = '<https://example.org/s> <https://example.org/p> "unclosed .\n' if broken else ""
        return Built(
            f"feed:{art_id}", art_id, str(article_graph_iri(art_id)), NTriples(line + bad), "h"
        )

    group = [built("g1"), built("g2"), built("bad", broken=True), built("g4"), built("g5")]
    summary = LoadSummary()
    settled: list[tuple[str, str]] = []
    with GraphStore(tmp_path / "store") as store:
        # One gate group reaches the store in one call, so its new articles share a bulk load.
        loader = _Loader(store, summary, lambda source, outcome: settled.append((source, outcome)))
        loader._store(group)
        stored = graphs(store)
    assert stored == {"g1", "g2", "g4", "g5"}
    assert summary.added == ["feed:g1", "feed:g2", "feed:g4", "feed:g5"]
    assert [r.source for r in summary.rejected] == ["feed:bad"]
    assert "could not be stored" in summary.rejected[0].reason
    assert settled[2] == ("feed:bad", "rejected")


def _records(count: int) -> list:
    from borderkg.loaders.record import ArticleRecord

    return [
        ArticleRecord(
            source=f"feed.jsonl:{i + 1}",
            text=f"Chinese border guards detained {i + 2} traders near Hyesan on Tuesday.",
            id=f"pool-{i}",
        )
        for i in range(count)
    ]


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_extraction_workers_run_at_a_lower_priority_than_the_process_that_writes() -> None:
    from concurrent.futures import ProcessPoolExecutor

    import borderkg.pipeline as pipeline

    with ProcessPoolExecutor(max_workers=1, initializer=pipeline._warm_worker) as pool:
        worker = pool.submit(os.nice, 0).result()
    assert worker == min(os.nice(0) + pipeline.WORKER_NICENESS, 19)
    assert worker > os.nice(0)


@pytest.mark.parametrize(("count", "pooled"), [(1, False), (16, False), (17, True)])
def test_a_load_of_one_chunk_extracts_in_this_process_and_more_in_workers(
    monkeypatch: pytest.MonkeyPatch, count: int, pooled: bool
) -> None:
    """Each worker builds its own extractor (seconds): for up to one chunk of articles
    (16) the loader extracts in its own process; beyond that, in worker processes."""
    from concurrent.futures import ProcessPoolExecutor

    import borderkg.pipeline as pipeline

    started: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            started.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", CountingPool)
    built = list(pipeline.build_all(iter(_records(count)), workers=2))
    assert [b.article_id for b in built] == [f"pool-{i}" for i in range(count)]
    assert bool(started) is pooled


def test_reloading_after_the_extraction_changed_replaces_only_what_came_out_differently(
    tmp_path: Path,
) -> None:
    """An upgrade stands in here as the sentence model switched off for the first load: the
    articles whose extraction it changes are replaced on reload, the others stay unchanged."""
    from borderkg.loaders.extract import policy_model
    from borderkg.loaders.samples import sample_paths

    text = next(p for p in sample_paths() if p.name == "text")
    changed = text / "2019-11-sinuiju-seafood-smuggling.txt"  # the model proposes a measure
    same = text / "2023-10-yalu-cameras.txt"  # the model proposes nothing
    with GraphStore(tmp_path / "store") as store:
        with policy_model.using(None):
            first = load(store, [str(changed), str(same)], workers=1)
        again = load(store, [str(changed), str(same)], workers=1)
    assert sorted(first.added) == sorted([str(changed), str(same)])
    assert again.replaced == [str(changed)]
    assert again.unchanged == [str(same)]


def test_a_gate_given_to_a_load_judges_against_the_store_it_loads_into(tmp_path: Path) -> None:
    """A gate kept from another store (here one without the vocabulary) is refreshed by the
    load: its copy of the well-known graphs, and what it remembers, are the new store's."""
    from borderkg import ontology
    from borderkg.loaders.samples import corpus_root
    from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH
    from borderkg.validation import Gate

    gate = Gate()
    with GraphStore(tmp_path / "other") as other:
        other.replace_graph(ONTOLOGY_GRAPH, ontology.ontology_graph())
        other.replace_graph(SCHEMES_GRAPH, ontology.schemes_graph())
        gate.check(other, [])  # copies that store's well-known graphs: no vocabulary
    article = corpus_root() / "text" / "2023-10-yalu-cameras.txt"
    with GraphStore(tmp_path / "store") as store:
        summary = load(store, [str(article)], workers=1, gate=gate)
    assert not summary.rejected, summary.rejected
    assert summary.added == [str(article)]


@pytest.mark.parametrize(
    ("body", "role", "actor"),
    [
        # the overseas workers a worker repatriation sends home, called only seamstresses
        (
            "About 150 seamstresses from a garment factory in Helong were sent home through "
            "Tumen last week under UN Security Council Resolution 2397, a source in Yanbian "
            "said.",
            "targetsGroup",
            "overseas-workers",
        ),
        # the North Korean border guard that carries out an order to shoot told of "guards"
        (
            "Guards along that stretch of the river remain under orders to fire on anyone who "
            "approaches the water at night.",
            "implementedBy",
            "dprk-border-guards",
        ),
    ],
)
def test_a_role_the_measure_implies_but_the_article_never_names_passes_the_gate(
    tmp_path: Path, body: str, role: str, actor: str
) -> None:
    """A group or body read from the measure itself is a curated actor the gate knows from
    the vocabulary, though the article never names it."""
    path = tmp_path / "implied.jsonl"
    path.write_text(json.dumps(record("gate-t", "https://example.org/news/t", body=body)) + "\n")
    with GraphStore(tmp_path / "store") as store:
        summary = load(store, [str(path)], workers=1)
        rows = list(
            store.query(
                f"SELECT ?a WHERE {{ GRAPH ?g {{ ?p <https://w3id.org/borderkg/ontology#{role}> "
                "?a } }"
            )
        )
    assert summary.rejected == []
    assert summary.added == [f"{path}:1"]
    assert [str(r[0].value) for r in rows] == [f"https://w3id.org/borderkg/id/actor/{actor}"]

"""The loader keeps the endpoint's snapshot and the search index in step with the store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg import pipeline, snapshots
from borderkg.loaders.samples import corpus_root
from borderkg.ontology.namespaces import RUNS_GRAPH, VOCABULARY_GRAPH
from borderkg.pipeline import ensure_schema_graphs, load
from borderkg.runs import default_run_iri, run_quads
from borderkg.search import SearchIndex
from borderkg.snapshots import current_info, current_snapshot, snapshots_dir
from borderkg.store import GraphStore
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX

#: Small sample articles with sidecars (id, title, date), copied into each test's folder.
ARTICLES = (
    "2025-05-tumen-river-patrol",
    "2022-06-non-socialist-inspection-onsong",
    "2023-08-border-reopening-dandong",
)
BORDERKG = Path(sys.executable).with_name("borderkg")


def article_graphs(store: ox.Store) -> set[str]:
    return {
        g.value
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH_PREFIX)
    }


def copy_articles(folder: Path, names: tuple[str, ...] = ARTICLES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        for suffix in (".txt", ".json"):
            shutil.copy(corpus_root() / "text" / (name + suffix), folder / (name + suffix))
        paths.append(folder / (name + ".txt"))
    return paths


def in_step(root: Path, store: GraphStore) -> None:
    """Assert the index holds exactly the store's article graphs at their content hashes."""
    expected = {g: store.content_hash_of(g) for g in store.article_graphs()}
    with SearchIndex.for_store(root, read_only=True) as index:
        assert index.indexed_articles() == expected
        assert index.stats().articles == len(expected)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    with GraphStore.open(tmp_path / "store") as opened:
        yield opened


# -- the bundled sample, loaded by the real command -----------------------------------------


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made by ``borderkg load --sample`` (once for this module: it takes ~15 s)."""
    root = tmp_path_factory.mktemp("sample") / "store"
    done = subprocess.run(
        [str(BORDERKG), "load", "--sample", "--store", str(root), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return root


def test_index_is_in_step_after_load_sample(sample_root: Path) -> None:
    with GraphStore.open_read_only(sample_root) as store:
        in_step(sample_root, store)
        assert len(store.article_graphs()) >= 30
        minted = list(
            store.query(
                "SELECT ?e ?label WHERE { GRAPH ?g { ?e bkg:reviewStatus ?r ; "
                "skos:prefLabel ?label } } LIMIT 1"
            )
        )
    assert minted, "the sample mints at least one unreviewed entity"
    entity, label = minted[0]["e"].value, minted[0]["label"].value
    with SearchIndex.for_store(sample_root, read_only=True) as index:
        assert entity in [hit.iri for hit in index.search(f'"{label}"', kind="entity")]
        yalu = index.search("Yalu", kind="article")
        assert yalu and all(
            hit.iri.startswith("https://w3id.org/borderkg/article/") for hit in yalu
        )
        assert "<mark>Yalu</mark>" in yalu[0].snippet
        assert index.search("Yalu River", kind="entity")[0].iri.endswith("/place/yalu-river")


def test_load_sample_publishes_a_snapshot_readers_can_open(sample_root: Path) -> None:
    snapshot = current_snapshot(sample_root)
    assert snapshot is not None and snapshot.is_dir()
    reader = ox.Store.read_only(str(snapshot))
    with GraphStore.open_read_only(sample_root) as live:
        assert article_graphs(reader) == set(live.article_graphs())
        assert len(reader) == len(live.store)


# -- loads in this process ------------------------------------------------------------------


def test_reload_that_changes_nothing_publishes_no_snapshot(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = copy_articles(tmp_path / "in", ARTICLES[:1])
    first = load(store, [str(p) for p in paths], workers=1, gate=False)
    assert len(first.added) == 1 and first.snapshots == 1
    assert first.snapshot == current_snapshot(store.root)
    assert first.search is not None and first.search.added == 1
    name = current_info(store.root).name
    again = load(store, [str(p) for p in paths], workers=1, gate=False)
    assert len(again.unchanged) == 1
    assert (again.snapshots, again.snapshot) == (0, None)
    assert current_info(store.root).name == name
    assert again.search is not None and not again.search.changed
    in_step(store.root, store)


def test_load_publishes_when_the_store_has_no_snapshot_yet(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = [str(p) for p in copy_articles(tmp_path / "in", ARTICLES[:1])]
    load(store, paths, workers=1, gate=False, publish=False)
    assert current_snapshot(store.root) is None
    summary = load(store, paths, workers=1, gate=False)
    assert len(summary.unchanged) == 1 and summary.snapshots == 1
    assert article_graphs(ox.Store.read_only(str(current_snapshot(store.root)))) == set(
        store.article_graphs()
    )


def test_changed_article_is_replaced_in_the_index_and_a_new_snapshot(
    store: GraphStore, tmp_path: Path
) -> None:
    (path,) = copy_articles(tmp_path / "in", ARTICLES[:1])
    load(store, [str(path)], workers=1, gate=False)
    before = current_info(store.root).name
    with path.open("a", encoding="utf-8") as text:
        text.write("\nA zeppelin-shaped balloon was seen drifting over the river.\n")
    summary = load(store, [str(path)], workers=1, gate=False)
    assert len(summary.replaced) == 1
    assert summary.search is not None and summary.search.replaced == 1
    assert current_info(store.root).name != before
    with SearchIndex.for_store(store.root, read_only=True) as index:
        (hit,) = index.search("zeppelin")
    assert store.has_graph(hit.iri.replace("/article/", "/graph/article/"))
    in_step(store.root, store)


def test_long_load_publishes_progress_snapshots(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "GATE_GROUP", 1)  # write (and so check progress) per article
    published, holds = snapshots.publish_snapshot, []

    def publish_and_read(*args, **kwargs):  # a reader registers on each new snapshot
        path = published(*args, **kwargs)
        holds.append(snapshots.hold(path))
        return path

    monkeypatch.setattr(snapshots, "publish_snapshot", publish_and_read)
    paths = [str(p) for p in copy_articles(tmp_path / "in")]
    summary = load(store, paths, workers=1, gate=False, snapshot_every=0.0)
    assert len(summary.added) == 3
    assert summary.snapshots == 3  # one per written article; none needed at the end
    snaps = sorted(p for p in snapshots_dir(store.root).iterdir() if _is_snapshot(p))
    assert [len(article_graphs(ox.Store.read_only(str(p)))) for p in snaps] == [1, 2, 3]
    in_step(store.root, store)
    for held in holds:
        held.release()


def test_progress_snapshots_nobody_reads_are_removed_as_the_load_goes(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "GATE_GROUP", 1)
    paths = [str(p) for p in copy_articles(tmp_path / "in")]
    summary = load(store, paths, workers=1, gate=False, snapshot_every=0.0)
    assert summary.snapshots == 3
    snaps = [p for p in snapshots_dir(store.root).iterdir() if _is_snapshot(p)]
    assert snaps == [current_snapshot(store.root)]


def _is_snapshot(path: Path) -> bool:
    return path.name.startswith("snap-") and path.is_dir()


def test_progress_snapshots_wait_for_the_interval(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "GATE_GROUP", 1)
    paths = [str(p) for p in copy_articles(tmp_path / "in")]
    summary = load(store, paths, workers=1, gate=False, snapshot_every=3600.0)
    assert summary.snapshots == 1  # only the final one


def test_load_without_publishing_still_syncs_the_index(store: GraphStore, tmp_path: Path) -> None:
    paths = [str(p) for p in copy_articles(tmp_path / "in", ARTICLES[:2])]
    summary = load(store, paths, workers=1, gate=False, publish=False)
    assert len(summary.added) == 2 and summary.snapshots == 0
    assert not snapshots_dir(store.root).exists()
    in_step(store.root, store)


def test_a_load_describes_its_run_once_in_the_runs_graph(store: GraphStore, tmp_path: Path) -> None:
    paths = [str(p) for p in copy_articles(tmp_path / "in", ARTICLES[:2])]
    load(store, paths, workers=1, gate=False, publish=False)
    run = ox.NamedNode(default_run_iri())
    where = {q.graph_name.value for q in store.store.quads_for_pattern(run, None, None, None)}
    assert where == {str(RUNS_GRAPH)}
    assert store.triple_count(RUNS_GRAPH) == 2
    older = run_quads("https://w3id.org/borderkg/run/older")[0]
    store.store.add(older)  # an earlier loader version's run stays described
    assert ensure_schema_graphs(store) is False
    assert older in store.store


def test_schema_graphs_are_rewritten_only_when_they_differ(store: GraphStore) -> None:
    assert ensure_schema_graphs(store) is True
    size = store.triple_count(VOCABULARY_GRAPH)
    assert ensure_schema_graphs(store) is False
    alt = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    store.store.update(
        f"DELETE {{ GRAPH <{VOCABULARY_GRAPH}> {{ ?s {alt} ?o }} }} "
        f"WHERE {{ GRAPH <{VOCABULARY_GRAPH}> {{ ?s {alt} ?o }} }}"
    )
    assert store.triple_count(VOCABULARY_GRAPH) < size
    assert ensure_schema_graphs(store) is True
    assert store.triple_count(VOCABULARY_GRAPH) == size

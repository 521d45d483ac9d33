"""The rebuild from the load's spool: the same store as reading it back, whole articles only."""

from __future__ import annotations

import gzip
import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg import storefiles
from borderkg.config import StoreSettings
from borderkg.iris import article_graph_iri
from borderkg.store import GraphStore, NTriples
from borderkg.storefiles import COMPACT_INGESTIONS, read_active
from borderkg.storelock import StoreError
from borderkg.storespool import SPOOL_PREFIX, Spool, ranges, rebuild

EX = "https://example.org/spool#"
WELL_KNOWN = "https://w3id.org/borderkg/graph/test-scheme"


def article_text(i: int, version: int = 1, lines: int = 12) -> NTriples:
    """An article graph as N-Triples text, each line naming the article and its version."""
    subject = f"<{EX}a{i}>"
    body = "".join(f'{subject} <{EX}p{k}> "{i}:{version}:{k}" .\n' for k in range(lines))
    return NTriples(body)


def graph_of(i: int) -> str:
    return str(article_graph_iri(f"s-{i:05d}"))


def articles(count: int, start: int = 0, version: int = 1) -> Iterator[tuple[str, NTriples, str]]:
    for i in range(start, start + count):
        yield graph_of(i), article_text(i, version), f"hash-{i}-{version}"


def spools(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(SPOOL_PREFIX))


def contents(store: GraphStore) -> set[str]:
    """Every quad as text, blank nodes named by what they describe (labels differ by copy)."""
    out = set()
    for quad in store.store:
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            out.add(f"blank {quad.predicate} in {quad.graph_name}")
        else:
            out.add(str(quad))
    return out


def test_rebuild_from_the_spool_holds_what_the_store_held(tmp_path: Path) -> None:
    root = tmp_path / "s"
    with GraphStore(root, settings=StoreSettings(path=root, rebuild_chunk=200)) as store:
        store.write_articles(articles(30, start=100), compact=False)  # before the session's spool
        store.compact(force=True)
        blank = ox.BlankNode()
        store.replace_graph(
            WELL_KNOWN,
            [
                ox.Triple(ox.NamedNode(EX + "scheme"), ox.NamedNode(EX + "has"), blank),
                ox.Triple(blank, ox.NamedNode(EX + "label"), ox.Literal("kept")),
            ],
        )
        store.write_articles(articles(60), compact=False)
        assert spools(root), "the session keeps a spool of what it wrote"
        store.write_articles(articles(3, start=10, version=2), compact=False)  # replaced
        store.write_articles(articles(2, start=105, version=2), compact=False)  # older ones
        store.write_article(graph_of(20), article_text(20, version=3), "hash-20-3")
        assert store.remove_article(graph_of(30))
        spool = store._spool
        assert spool is not None
        assert spool.skipped == {graph_of(i) for i in (10, 11, 12, 20, 30)}
        assert {graph_of(105), graph_of(106), graph_of(0)} <= set(spool.graphs)
        before = contents(store)
        quads = len(store.store)
        assert store.compact(force=True)
        assert not spools(root), "the spool is gone once the store was rebuilt from it"
        assert contents(store) == before and len(store.store) == quads
        assert not store.has_graph(graph_of(30)), "a removed article came back"
        values = {q.object.value for q in store.store if q.subject.value == EX + "a11"}
        assert values == {f"11:2:{k}" for k in range(12)}, "an older version came back"
        assert store.content_hash_of(graph_of(20)) == "hash-20-3"


def test_the_rebuild_takes_spooled_graphs_from_the_spool_not_the_store(tmp_path: Path) -> None:
    source = ox.Store()
    name = graph_of(1)
    source.add(ox.Quad(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "p"), ox.Literal("store"), None))
    source.add(
        ox.Quad(
            ox.NamedNode(EX + "a1"), ox.NamedNode(EX + "p"), ox.Literal("store"), ox.NamedNode(name)
        )
    )
    spool = Spool(tmp_path / "spool", part_quads=100)
    spool.add([(name, f'<{EX}a1> <{EX}p> "spool" .\n')])
    done = rebuild(source, spool, tmp_path / "copy", max_chunk=100)
    copy = ox.Store.read_only(str(tmp_path / "copy"))
    assert {
        q.object.value for q in copy.quads_for_pattern(None, None, None, ox.NamedNode(name))
    } == {"spool"}
    assert len(copy) == 2
    assert done.loads == 1, "a small rest joins the spool's load"


def test_a_rebuild_that_does_not_match_the_store_is_refused_and_removed(tmp_path: Path) -> None:
    source = ox.Store()
    name = graph_of(1)
    source.add(
        ox.Quad(
            ox.NamedNode(EX + "a1"), ox.NamedNode(EX + "p"), ox.Literal("one"), ox.NamedNode(name)
        )
    )
    spool = Spool(tmp_path / "spool", part_quads=100)
    spool.add([(name, f'<{EX}a1> <{EX}p> "one" .\n<{EX}a1> <{EX}p> "two" .\n')])
    with pytest.raises(StoreError, match="quads"):
        rebuild(source, spool, tmp_path / "copy", max_chunk=100)
    assert not (tmp_path / "copy").exists()


def test_spool_parts_are_bounded_and_give_back_the_latest_blocks(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool", part_quads=50)
    for i in range(40):
        spool.add([(graph_of(i), article_text(i))])  # 12 lines each
    spool.add([(graph_of(3), article_text(3, version=2))])
    spool.close()
    assert all(q <= 50 for q in spool.quads) and sum(spool.quads) == 41 * 12
    assert len(spool.parts) > 5 and spool.skipped == {graph_of(3)}
    blocks = dict(spool.blocks())
    assert set(blocks) == {graph_of(i) for i in range(40)} - {graph_of(3)}
    assert blocks[graph_of(7)] == f"GRAPH <{graph_of(7)}> {{\n{article_text(7)}}}\n".encode()
    with gzip.open(spool.parts[0], "rt") as part:
        assert part.readline() == f"GRAPH <{graph_of(0)}> {{\n"


def test_ranges_cut_the_store_order_into_even_runs_between_graphs() -> None:
    order = [(None, 5)] + [(f"g{i}", 30) for i in range(20)]  # 605 quads
    run_of = ranges(order, 200)
    runs = [run_of[graph] for graph, _size in order]
    assert runs == sorted(runs), "a run is not a range of consecutive graphs"
    assert max(runs) + 1 == 4
    for run in set(runs):
        assert sum(size for graph, size in order if run_of[graph] == run) <= 200
    assert ranges([(None, 0)], 200) == {None: 0}


def test_a_spool_write_failure_falls_back_to_reading_the_store(tmp_path: Path) -> None:
    root = tmp_path / "s"
    with GraphStore(root) as store:
        store.write_articles(articles(40), compact=False)
        spool = store._spool
        assert spool is not None and spool.graphs
        shutil.rmtree(spool.directory)  # its next part cannot be made
        spool.part_quads = 1
        store.write_articles(articles(40, start=40), compact=False)
        assert spool.failed and not spool.graphs and not spool.parts
        store.compact(force=True)
        assert len(store.article_graphs()) == 80
        assert len(store.store) == 80 * 13


@pytest.mark.parametrize("spool", [True, False], ids=["from-the-spool", "read-back"])
def test_a_rebuild_in_many_loads_records_the_compact_size_of_its_first(
    tmp_path: Path, spool: bool
) -> None:
    root = tmp_path / "s"
    settings = StoreSettings(path=root, rebuild_chunk=400, spool=spool)
    with GraphStore(root, settings=settings) as store:
        store.write_articles(articles(300), compact=False)
        assert store.compact(force=True)
        total = len(store.store)
    active = read_active(root)
    assert active is not None
    assert total > (COMPACT_INGESTIONS + 1) * 400
    assert 0 < active.quads <= 400, "the baseline is the first load's, not the whole copy's"
    assert active.sst_bytes > 0 and active.rebuilt >= 1.0


def test_spool_switched_off_rebuilds_by_reading_the_store(tmp_path: Path) -> None:
    root = tmp_path / "s"
    with GraphStore(root, settings=StoreSettings(path=root, spool=False)) as store:
        store.write_articles(articles(20), compact=False)
        assert not spools(root)
        assert store.compact(force=True)
        assert len(store.store) == 20 * 13


def test_a_spool_left_by_a_killed_writer_is_removed_on_open(tmp_path: Path) -> None:
    root = tmp_path / "s"
    with GraphStore(root) as store:
        store.write_articles(articles(5), compact=False)
    leftover = root / f"{SPOOL_PREFIX}data-000001"
    leftover.mkdir()
    (leftover / "part-000001.trig.gz").write_bytes(b"junk")
    with GraphStore(root) as store:
        assert not spools(root)
        assert len(store.article_graphs()) == 5


LOADER = """
import sys
from borderkg import storefiles
from borderkg.config import StoreSettings
from borderkg.store import GraphStore, NTriples

EX = "https://example.org/spool#"
path, count = sys.argv[1], int(sys.argv[2])


def text(i):
    return NTriples("".join(f'<{EX}a{i}> <{EX}p{k}> "{i}:{k}" .\\n' for k in range(40)))


graph = "https://w3id.org/borderkg/graph/article/k-{:05d}".format
settings = StoreSettings(path=path, rebuild_chunk=2000)
with GraphStore(path, settings=settings) as store:
    store.write_articles(
        ((graph(i), text(i), f"h{i}") for i in range(count)),
        progress=lambda g, outcome: print(g, flush=True),
        compact=False,
    )
    print("compacting", flush=True)
    store.compact(force=True)
print("done", flush=True)
"""


def run_and_kill(path: Path, count: int, delay: float) -> tuple[list[str], bool]:
    """Run the loader, SIGKILL it ``delay`` s into its rebuild; (reported, whether killed)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", LOADER, str(path), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    reported = []
    try:
        for line in proc.stdout:
            if line.strip() == "compacting":
                break
            reported.append(line.strip())
        live = json.loads((path / "active.json").read_text())["data"]
        deadline = time.monotonic() + 60
        while not any(p.name.startswith("data-") and p.name != live for p in path.iterdir()):
            assert time.monotonic() < deadline and proc.poll() is None, "no rebuild started"
            time.sleep(0.001)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    return reported, proc.returncode == -signal.SIGKILL


def test_a_loader_killed_during_the_rebuild_from_its_spool_leaves_whole_articles(
    tmp_path: Path,
) -> None:
    count = 600  # 24,600 quads: 13 loads of at most 2,000
    kills = 0
    for run, delay in enumerate((0.0, 0.05, 0.15, 0.3)):
        path = tmp_path / f"store{run}"
        reported, killed = run_and_kill(path, count, delay)
        assert len(reported) == count
        kills += killed
        with GraphStore(path) as store:
            assert not spools(path), "the killed writer's spool was not removed"
            assert len([p for p in path.iterdir() if p.name.startswith("data-")]) == 1
            assert len(store.article_graphs()) == count
            for i in range(0, count, 37):
                graph = ox.NamedNode(f"https://w3id.org/borderkg/graph/article/k-{i:05d}")
                quads = list(store.store.quads_for_pattern(None, None, None, graph))
                assert len(quads) == 41, f"article {i} is not whole"
            assert len(store.store) == count * 41
    assert kills >= 2


def test_a_store_no_rebuild_can_shrink_further_is_not_rebuilt_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storefiles, "MIN_COMPACT_BYTES", 0)
    root = tmp_path / "s"
    settings = StoreSettings(path=root, compact_above=1.0)
    with GraphStore(root, settings=settings) as store:
        store.write_articles(articles(200), compact=False)
        store.compact(force=True)
        active = store._active
        assert active is not None and active.rebuilt == 1.0
        store.write_articles(articles(40, start=200), compact=False)
        size = store.disk_usage()
        estimate = storefiles.estimated_compact_bytes(store.database, active, len(store.store))
        assert size > estimate, "the writes did not put the store over its budget"
        # As if the last rebuild had ended twice as large as the store is now: no rebuild
        # helps (twice: RocksDB's background flushes move the size a little meanwhile).
        store._active = replace(active, rebuilt=2 * size / estimate)
        assert not store.compact()
        store._active = active
        assert store.compact()
    recorded = read_active(root)
    assert recorded is not None and recorded.rebuilt == 1.0 and recorded.quads == 240 * 13


def test_a_blank_node_shared_by_graphs_of_two_runs_stays_one_node(tmp_path: Path) -> None:
    first, last = f"{EX}notes-a", f"{EX}notes-z"
    says = ox.NamedNode(EX + "says")
    with GraphStore(
        root := tmp_path / "s", settings=StoreSettings(path=root, rebuild_chunk=100)
    ) as store:
        store.apply_update(
            f"INSERT DATA {{ GRAPH <{first}> {{ _:b {says} 'a' }} "
            f"GRAPH <{last}> {{ _:b {says} 'z' }} }}"
        )
        store.write_articles(articles(40), compact=False)
        order = [(None, 0)] + [
            (g.value, 1 if g.value in (first, last) else 12) for g in store.store.named_graphs()
        ]
        runs = ranges(order, 100)
        assert runs[first] != runs[last], "the two graphs must go to different bulk loads"
        assert store.compact(force=True)
        subjects = {q.subject for q in store.store.quads_for_pattern(None, says, None, None)}
    assert len(subjects) == 1 and isinstance(next(iter(subjects)), ox.BlankNode)


def test_a_few_articles_added_to_a_rebuilt_store_do_not_rebuild_it_until_it_grew_enough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild reads the whole store: a load that adds a few articles to a large store
    must not pay for one each time RocksDB's compaction puts it over budget again."""
    monkeypatch.setattr(storefiles, "MIN_COMPACT_BYTES", 0)
    root = tmp_path / "s"
    with GraphStore(root, settings=StoreSettings(path=root, compact_above=1.0)) as store:
        store.write_articles(articles(200), compact=False)
        store.compact(force=True)
        active = store._active
        assert active is not None and active.held == 200 * 13
        store.write_articles(articles(10, start=200), compact=False)  # +5%
        estimate = storefiles.estimated_compact_bytes(store.database, active, len(store.store))
        assert store.disk_usage() > estimate, "the writes did not put the store over budget"
        assert not store.compact()
        assert store.database.name == active.data
        # Far over its compact size it is rebuilt however little was written.
        monkeypatch.setattr(storefiles, "REBUILD_CEILING", 1.0)
        assert store.compact()
        monkeypatch.setattr(storefiles, "REBUILD_CEILING", 2.0)
        store.write_articles(articles(10, start=210), compact=False)  # +5% of 210
        assert not store.compact()
        store.write_articles(articles(20, start=220), compact=False)  # +14% since the rebuild
        assert store.compact()
    recorded = read_active(root)
    assert recorded is not None and recorded.held == 240 * 13


def test_a_store_record_written_before_held_was_kept_reads_quads_as_held(tmp_path: Path) -> None:
    (tmp_path / "active.json").write_text(
        json.dumps({"data": "data-000003", "quads": 5000, "sst_bytes": 90000, "rebuilt": 1.2})
    )
    active = read_active(tmp_path)
    assert active is not None and (active.held, active.quads, active.rebuilt) == (5000, 5000, 1.2)


def test_an_update_naming_the_graphs_it_touches_keeps_the_spool_and_one_naming_none_drops_it(
    tmp_path: Path,
) -> None:
    root = tmp_path / "s"
    derived = f"INSERT DATA {{ GRAPH <{WELL_KNOWN}> {{ <{EX}i> <{EX}p> <{EX}o> }} }}"
    with GraphStore(root) as store:
        store.write_articles(articles(20), compact=False)
        assert spools(root)
        store.apply_update(derived, [WELL_KNOWN])  # the incidents' delta at a load's end
        assert spools(root)
        store.apply_update(f"DELETE DATA {{ GRAPH <{WELL_KNOWN}> {{ <{EX}i> <{EX}p> <{EX}o> }} }}")
        assert not spools(root)

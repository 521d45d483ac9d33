"""The compacting rebuild: bulk loads by graph ranges, every quad kept, memory bounded."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg.config import StoreSettings
from borderkg.iris import article_graph_iri
from borderkg.store import GraphStore, NTriples
from borderkg.storefiles import COMPACT_INGESTIONS, graph_ranges, rebuild_chunks

EX = "https://example.org/test#"


def article_text(i: int, lines: int = 12) -> NTriples:
    """A small article graph as N-Triples text, as the loaders give it."""
    subject = f"<{EX}a{i}>"
    body = "".join(
        f'{subject} <{EX}p{k}> "value {i}-{k} of a test article" .\n' for k in range(lines)
    )
    return NTriples(body)


def articles(count: int, start: int = 0) -> Iterator[tuple[str, NTriples, str]]:
    for i in range(start, start + count):
        yield str(article_graph_iri(f"r-{i:05d}")), article_text(i), f"hash-{i}"


def test_rebuild_chunks_split_evenly_within_the_limit() -> None:
    assert rebuild_chunks(1_638_828, 600_000) == 546_276  # three loads, not 600k+600k+439k
    assert rebuild_chunks(COMPACT_INGESTIONS * 600_000, 600_000) == 600_000
    assert rebuild_chunks(1_800_001, 600_000) == 450_001  # four loads
    assert rebuild_chunks(10, 600_000) == 10
    assert rebuild_chunks(0, 600_000) == 1


def test_graph_ranges_cover_the_store_and_cut_only_between_graphs(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as store:
        store.write_articles(articles(40), compact=False)
        everything = [str(q) for q in store.store]
        runs = [[str(q) for q in run] for run in graph_ranges(store.store, 50)]
        graphs = [{q.graph_name.value for q in store.store if str(q) in set(run)} for run in runs]
    assert [q for run in runs for q in run] == everything
    assert len(runs) > 5
    assert all(len(run) >= 50 for run in runs[:-1])  # each run ends at the first graph past 50
    assert all(len(run) < 50 + 14 for run in runs)  # …and takes no more than that graph
    for i, mine in enumerate(graphs):
        for theirs in graphs[i + 1 :]:
            assert not mine & theirs, "a graph was split between two bulk loads"


def test_rebuild_in_many_loads_keeps_every_quad_and_empty_graph(tmp_path: Path) -> None:
    settings = StoreSettings(path=tmp_path / "s", rebuild_chunk=100)
    with GraphStore(settings=settings) as store:
        store.write_articles(articles(60), compact=False)
        store.store.add_graph(ox.NamedNode(EX + "empty"))
        before = sorted(str(q) for q in store.store)
        assert store.compact(force=True)
        assert sorted(str(q) for q in store.store) == before
        assert store.has_graph(EX + "empty")
        assert store.content_hash_of(article_graph_iri("r-00059")) == "hash-59"
    with GraphStore(tmp_path / "s") as store:  # the switched-to database is the live one
        assert sorted(str(q) for q in store.store) == before


PEAK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import pyoxigraph as ox
    from borderkg import storefiles

    def high_water_kib():  # VmHWM starts afresh at exec, unlike ru_maxrss
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))

    source = ox.Store(sys.argv[1])
    before = high_water_kib()
    storefiles.copy_compact(source, Path(sys.argv[2]), int(sys.argv[3]))
    print((high_water_kib() - before) // 1024)
    """
)


@pytest.fixture(scope="module")
def big_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bare database of 120,000 quads in 1,000 graphs, bulk-loaded."""
    folder = tmp_path_factory.mktemp("big")
    lines = []
    for g in range(1000):
        graph = f"<{EX}g{g}>"
        lines += [
            f'<{EX}s{g}-{k % 20}> <{EX}p{k % 7}> "literal {g} {k} of the source" {graph} .\n'
            for k in range(120)
        ]
    source = ox.Store(str(folder / "db"))
    source.bulk_load("".join(lines), format=ox.RdfFormat.N_QUADS)
    assert len(source) == 120_000
    del source
    return folder / "db"


def test_rebuild_memory_is_bounded_by_the_chunk_not_the_store(
    big_source: Path, tmp_path: Path
) -> None:
    peaks = {}
    for name, chunk in (("whole", 10**9), ("chunked", 20_000)):
        out = subprocess.run(
            [sys.executable, "-c", PEAK, str(big_source), str(tmp_path / name), str(chunk)],
            capture_output=True,
            text=True,
            check=True,
        )
        peaks[name] = int(out.stdout.split()[-1])
    assert peaks["whole"] > 60, peaks  # MiB the bulk loader took for 120k quads at once
    assert peaks["chunked"] < peaks["whole"] / 2, peaks

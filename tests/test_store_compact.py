"""The rebuild that compacts a store: chunked bulk loads, in a child process, from a checkpoint."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from borderkg import storecompact, storefiles
from borderkg.iris import article_graph_iri
from borderkg.store import GraphStore
from borderkg.storelock import StoreError

EX = "http://example.org/"


def _source(path: Path, quads: int, empty_graphs: int = 1) -> ox.Store:
    store = ox.Store(str(path))
    store.extend(
        ox.Quad(
            ox.NamedNode(f"{EX}s{i}"),
            ox.NamedNode(f"{EX}p{i % 3}"),
            ox.Literal(f"value {i}"),
            ox.NamedNode(f"{EX}g{i % 4}"),
        )
        for i in range(quads)
    )
    for i in range(empty_graphs):
        store.add_graph(ox.NamedNode(f"{EX}empty{i}"))
    store.flush()
    return store


@pytest.mark.parametrize("chunk", [1, 7, 10, 1000], ids=lambda c: f"chunk{c}")
def test_chunked_rebuild_copies_every_quad_and_keeps_empty_graphs(
    tmp_path: Path, chunk: int
) -> None:
    source = _source(tmp_path / "source", 70)
    copied, table_bytes = storefiles.copy_compact(source, tmp_path / "copy", chunk_quads=chunk)
    assert copied == 70
    assert table_bytes > 0
    copy = ox.Store.read_only(str(tmp_path / "copy"))
    assert set(copy) == set(source)
    assert ox.NamedNode(f"{EX}empty0") in set(copy.named_graphs())


def test_rebuild_in_a_child_process_returns_the_counts_of_the_copy(tmp_path: Path) -> None:
    source = _source(tmp_path / "source", 40)
    checkpoint = tmp_path / "checkpoint"
    source.backup(str(checkpoint))
    quads, table_bytes = storecompact.rebuild(checkpoint, tmp_path / "copy")
    assert quads == 40
    assert table_bytes == storefiles.table_bytes(tmp_path / "copy")
    assert len(ox.Store.read_only(str(tmp_path / "copy"))) == 40


def test_failed_rebuild_names_the_cause_and_leaves_no_copy(tmp_path: Path) -> None:
    target = tmp_path / "copy"
    with pytest.raises(StoreError, match=r"Rebuilding the database into .*copy failed: \w+"):
        storecompact.rebuild(tmp_path / "no-such-database", target)
    assert not target.exists()


def test_compaction_leaves_only_the_new_database_when_nothing_reads_the_old(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        for i in range(5):
            graph = article_graph_iri(f"c{i}")
            store.write_article(graph, [(graph, URIRef(f"{EX}p"), Literal(f"text {i}"))], f"h{i}")
        old = store.database.name
        count = len(store.store)
        assert store.compact(force=True)
        databases = sorted(p.name for p in path.iterdir() if storefiles.is_data_name(p.name))
        assert databases == [store.database.name]  # no checkpoint, no old database
        assert store.database.name != old
        assert len(store.store) == count


CHILD_WAITS = """
import os, sys, time
from borderkg.storecompact import _die_with_parent
_die_with_parent(int(sys.argv[1]))
time.sleep(60)
"""

PARENT_STARTS_CHILD = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid())])
print(child.pid, flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return not any(line.startswith("State:\tZ") for line in fh)
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_rebuild_child_dies_when_its_parent_is_killed() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT_STARTS_CHILD, CHILD_WAITS], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    time.sleep(1.0)  # let the child reach its prctl call
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    survived = _alive(child)
    if survived:
        os.kill(child, 9)
    assert not survived, "the rebuild child outlived its killed parent"

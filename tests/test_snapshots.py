"""Read snapshots: publishing, reopening on change, garbage collection, reads during loads."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg import snapshots, storefiles
from borderkg.querypool import QueryPool, QuerySettings
from borderkg.snapshots import (
    LINGER,
    SnapshotReader,
    current_info,
    current_snapshot,
    ensure_snapshot,
    hold,
    publish_snapshot,
)
from borderkg.store import GraphStore, StoreError
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX, NTriples

ARTICLE = "https://w3id.org/borderkg/article/"


def _write(store: GraphStore, number: int) -> None:
    """Write a tiny article graph ``n{number}``."""
    text = f'<{ARTICLE}n{number}> <http://schema.org/headline> "Headline {number}" .\n'
    store.write_article(f"{ARTICLE_GRAPH_PREFIX}n{number}", NTriples(text), f"hash-{number}")


def _count(store: ox.Store) -> int:
    rows = list(store.query("SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g {} }"))
    return int(rows[0]["n"].value)


@pytest.fixture
def store_root(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    with GraphStore.open(root) as store:
        _write(store, 1)
    return root


def test_publishing_makes_a_complete_snapshot_named_in_current_json(store_root: Path) -> None:
    with GraphStore.open(store_root) as store:
        path = publish_snapshot(store, quads=1)
    assert path == store_root / "snapshots" / "snap-000001"
    record = json.loads((store_root / "snapshots" / "current.json").read_text())
    assert record["name"] == "snap-000001" and record["quads"] == 1
    assert current_snapshot(store_root) == path
    assert _count(ox.Store.read_only(str(path))) == 1


def test_snapshot_stays_as_published_while_the_live_store_changes(store_root: Path) -> None:
    with GraphStore.open(store_root) as store:
        first = publish_snapshot(store)
        with hold(first):  # a registered reader keeps a superseded snapshot
            _write(store, 2)
            assert _count(ox.Store.read_only(str(first))) == 1
            second = publish_snapshot(store)
            assert second.name == "snap-000002"
            assert _count(ox.Store.read_only(str(second))) == 2
            assert _count(ox.Store.read_only(str(first))) == 1


def test_a_superseded_snapshot_nobody_reads_is_removed_at_once(store_root: Path) -> None:
    with GraphStore.open(store_root) as store:
        first = publish_snapshot(store)
        second = publish_snapshot(store)
        assert not first.exists() and second.is_dir()
        reader = SnapshotReader(store_root, linger=0)
        assert reader.name is None
        reader.refresh()  # opens (and holds) the current snapshot
        assert reader.name == second.name
        third = publish_snapshot(store)
        assert second.is_dir()  # the reader holds it: kept for the grace period
        reader.refresh()
        assert reader.name == third.name
        fourth = publish_snapshot(store)  # the reader let go of the second on switching
        assert not second.exists() and third.is_dir() and fourth.is_dir()
        reader.close()
        publish_snapshot(store)
        assert not third.exists() and not fourth.exists()
    names = sorted(p.name for p in (store_root / "snapshots").iterdir())
    assert names == ["current.json", "snap-000005", "snap-000005.readers"]


def test_a_reader_keeps_the_snapshot_it_switched_from_while_queries_may_read_it(
    store_root: Path,
) -> None:
    with GraphStore.open(store_root) as store:
        first = publish_snapshot(store)
        reader = SnapshotReader(store_root)  # lingers as long as the longest query may run
        old_store = reader.store
        before = _count(old_store)
        _write(store, 2)
        publish_snapshot(store)
        assert reader.refresh() and first.is_dir()
        publish_snapshot(store)
        assert first.is_dir() and _count(old_store) == before  # still readable
        assert _count(reader.store) == before + 1
        reader.close()
        publish_snapshot(store)
        assert not first.exists()


def test_a_snapshot_without_a_readers_file_is_kept_for_the_grace_period(
    store_root: Path,
) -> None:
    """Published by an older borderkg: its readers could not register, so nobody can tell
    whether it is read."""
    with GraphStore.open(store_root) as store:
        first = publish_snapshot(store)
        first.with_name(first.name + ".readers").unlink()
        publish_snapshot(store)
        assert first.is_dir()
        publish_snapshot(store, grace=0)
        assert not first.exists()


def test_linger_outlasts_the_longest_query_time_limit() -> None:
    from borderkg.api.config import MAX_TIMEOUT

    assert LINGER > MAX_TIMEOUT


def test_reader_reopens_only_when_a_new_snapshot_is_published(store_root: Path) -> None:
    with GraphStore.open(store_root) as store:
        publish_snapshot(store)
        reader = SnapshotReader(store_root)
        assert _count(reader.store) == 1 and reader.name == "snap-000001"
        assert reader.refresh() is False
        _write(store, 2)
        assert reader.refresh() is False and _count(reader.store) == 1  # not published yet
        publish_snapshot(store)
    assert reader.refresh() is True
    assert reader.name == "snap-000002" and _count(reader.store) == 2


def test_reader_without_any_snapshot_explains_what_to_do(store_root: Path) -> None:
    with pytest.raises(StoreError, match="no published snapshot"):
        SnapshotReader(store_root).refresh()


def test_held_snapshots_are_removed_after_the_grace_period(store_root: Path) -> None:
    with GraphStore.open(store_root) as store:
        first = publish_snapshot(store)
        with hold(first), hold(publish_snapshot(store)):
            publish_snapshot(store)
            kept = sorted(p.name for p in (store_root / "snapshots").glob("snap-00000?"))
            assert kept == ["snap-000001", "snap-000002", "snap-000003"]  # read, in grace
            latest = publish_snapshot(store, grace=0)
    left = sorted(p.name for p in (store_root / "snapshots").glob("snap-00000?"))
    assert left == [latest.name]
    record = json.loads((store_root / "snapshots" / "current.json").read_text())
    assert record["superseded"] == []


def test_never_published_snapshot_directories_are_removed(store_root: Path) -> None:
    (store_root / "snapshots" / "snap-000005").mkdir(parents=True)  # a crashed publisher's
    with GraphStore.open(store_root) as store:
        latest = publish_snapshot(store)
    assert latest.name == "snap-000006"
    assert not (store_root / "snapshots" / "snap-000005").exists()


def test_checkpoints_cut_short_by_a_kill_are_removed(store_root: Path) -> None:
    # RocksDB builds a checkpoint under its name plus ".tmp" and renames it when complete.
    (store_root / "snapshots" / "snap-000005.tmp").mkdir(parents=True)
    with GraphStore.open(store_root) as store:
        publish_snapshot(store)
    assert not (store_root / "snapshots" / "snap-000005.tmp").exists()


def test_ensure_snapshot_publishes_when_no_one_holds_the_store(store_root: Path) -> None:
    path = ensure_snapshot(store_root)
    assert path == current_snapshot(store_root)
    assert _count(ox.Store.read_only(str(path))) == 1


def test_ensure_snapshot_refuses_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        ensure_snapshot(tmp_path / "typo")
    created = ensure_snapshot(tmp_path / "new", create=True)
    assert _count(ox.Store.read_only(str(created))) == 0


def _hold(root: Path, publish: bool) -> subprocess.Popen[str]:
    """A process that opens the store for writing (optionally publishes) and waits."""
    code = textwrap.dedent(
        f"""
        import sys
        from borderkg.store import GraphStore
        from borderkg.snapshots import publish_snapshot
        store = GraphStore.open({str(root)!r})
        if {publish!r}:
            publish_snapshot(store)
        print("ready", flush=True)
        sys.stdin.read()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_ensure_snapshot_uses_the_last_one_while_a_writer_holds_the_store(
    store_root: Path,
) -> None:
    holder = _hold(store_root, publish=True)
    try:
        assert ensure_snapshot(store_root) == store_root / "snapshots" / "snap-000001"
    finally:
        holder.communicate("")


def test_ensure_snapshot_fails_clearly_when_held_without_a_snapshot(store_root: Path) -> None:
    holder = _hold(store_root, publish=False)
    try:
        with pytest.raises(StoreError, match="no published snapshot"):
            ensure_snapshot(store_root)
    finally:
        holder.communicate("")


def test_store_files_leave_snapshots_and_the_search_index_alone(tmp_path: Path) -> None:
    root = tmp_path / "store"
    (root / "snapshots").mkdir(parents=True)
    (root / "search.sqlite").write_bytes(b"index")
    (root / "search.sqlite-wal").write_bytes(b"log")
    storefiles.check_can_create(root)  # our own companions are no reason to refuse
    with GraphStore.open(root) as store:
        _write(store, 1)
        publish_snapshot(store)
        store.compact(force=True)  # switches databases and removes the stale one
    with GraphStore.open(root):
        pass
    assert (root / "search.sqlite").read_bytes() == b"index"
    assert (root / "search.sqlite-wal").exists()
    assert _count(ox.Store.read_only(str(current_snapshot(root)))) == 1
    (root / "stray.txt").write_text("not ours")
    (root / "active.json").unlink()
    with pytest.raises(StoreError, match=r"stray\.txt"):
        storefiles.check_can_create(root)


WRITER = """
import sys, time
from borderkg.store import GraphStore
from borderkg.snapshots import publish_snapshot
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX, NTriples
root, batches = sys.argv[1], int(sys.argv[2])
article = "https://w3id.org/borderkg/article/"
with GraphStore.open(root) as store:
    n = 1
    for batch in range(batches):
        for _ in range(20):
            n += 1
            text = f'<{article}n{n}> <http://schema.org/headline> "Headline {n}" .\\n'
            store.write_article(f"{ARTICLE_GRAPH_PREFIX}n{n}", NTriples(text), f"h{n}")
        publish_snapshot(store, grace=0.5)
        time.sleep(0.05)
print(n, flush=True)
"""


def test_reads_in_a_worker_during_a_load_see_each_publication_and_never_fail(
    store_root: Path,
) -> None:
    ensure_snapshot(store_root)
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g {} }"
    seen: list[int] = []
    with QueryPool(store_root, QuerySettings(workers=1, timeout=20)) as pool:
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store_root), "15"],
            stdout=subprocess.PIPE,
            text=True,
        )
        while writer.poll() is None:
            seen.append(int(pool.select(query)[0]["n"].value))
        out, _ = writer.communicate()
        assert writer.returncode == 0
        final = int(out)
        time.sleep(0.01)
        last = int(pool.select(query)[0]["n"].value)
    assert last == final == 1 + 15 * 20
    assert seen == sorted(seen), "a reader went back to older data"
    assert len(set(seen)) > 2, f"the reader saw too few publications: {sorted(set(seen))}"
    assert all(n % 20 == 1 for n in seen), "a reader saw a half-published batch"
    assert snapshots.current_info(store_root) is not None
    left = [p for p in (store_root / "snapshots").glob("snap-*") if p.is_dir()]
    assert len(left) < 15  # old ones collected


def test_current_info_reports_a_malformed_pointer(store_root: Path) -> None:
    (store_root / "snapshots").mkdir()
    (store_root / "snapshots" / "current.json").write_text('{"name": "../../etc"}')
    with pytest.raises(StoreError, match="malformed"):
        current_info(store_root)

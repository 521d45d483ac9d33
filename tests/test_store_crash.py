"""A loader killed with SIGKILL leaves a store that opens, with every article whole or absent."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from borderkg.store import GraphStore
from borderkg.storefiles import BULK_LEFTOVER

#: Test articles, shared by the loader subprocess and the checks. Article ``i`` in
#: ``version`` has a known size and a marker naming its version, and every statement
#: carries the version too, so a mix of two versions cannot pass for either.
ARTICLES = """
import pyoxigraph as ox

COUNT = 400
EX = "https://example.org/crash#"


def graph_of(i):
    return f"https://w3id.org/borderkg/graph/article/crash-{i:04d}"


def article(i, version):
    node = ox.NamedNode(f"https://w3id.org/borderkg/article/crash-{i:04d}")
    text = ox.NamedNode(node.value + "#text")
    triples = [
        ox.Triple(node, ox.NamedNode(EX + "marker"), ox.Literal(f"{i}:{version}")),
        ox.Triple(text, ox.NamedNode(EX + "text"), ox.Literal("a report " * 200 + str(version))),
    ]
    for k in range(statements(i, version)):
        value = ox.Literal(f"{i}:{version}:{k}")
        triples.append(ox.Triple(node, ox.NamedNode(f"{EX}p{k}"), value))
    return graph_of(i), triples, f"hash-{i}-{version}"


def statements(i, version):
    return 20 + i % 7 + 5 * version


def full_size(i, version):
    return 2 + statements(i, version) + 1  # marker, text, statements, content hash
"""

LOADER = (
    ARTICLES
    + """
import sys
from borderkg.store import GraphStore

from borderkg.storetypes import NTriples


def as_text(graph, triples, content_hash):
    return graph, NTriples("".join(f"{t} .\\n" for t in triples)), content_hash


path, version, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with GraphStore(path) as store:
    if mode == "single":
        for i in range(COUNT):
            store.write_article(*article(i, version))
            print(graph_of(i), flush=True)
    elif mode == "bulk":  # new articles as text: bulk groups, killed while they go in
        store.write_articles(
            (as_text(*article(i, version)) for i in range(COUNT)),
            progress=lambda graph, outcome: print(graph, flush=True),
            compact=False,
        )
    else:
        store.write_articles(
            (article(i, version) for i in range(COUNT)),
            progress=lambda graph, outcome: print(graph, flush=True),
            compact=False,
        )
        print("compacting", flush=True)
        store.compact(force=True)
print("done", flush=True)
"""
)

_shared: dict = {}
exec(ARTICLES, _shared)
COUNT: int = _shared["COUNT"]
graph_of = _shared["graph_of"]
full_size = _shared["full_size"]
EX: str = _shared["EX"]


def wait_for_new_database(path: Path) -> None:
    """Wait until the loader has started bulk-loading a new database directory."""
    live = json.loads((path / "active.json").read_text())["data"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(p.name.startswith("data-") and p.name != live for p in path.iterdir()):
            return
        time.sleep(0.001)
    raise AssertionError("the loader never started a compaction copy")


def load_and_kill(
    path: Path, version: int, mode: str, kill_at: str | int | float, *, may_finish: bool = False
) -> list[str] | None:
    """Run the loader and SIGKILL it once it has reported ``kill_at`` articles (or a line).

    A float ``kill_at`` kills it that many seconds after its first report instead, at
    whatever it is doing then. With ``may_finish`` a loader that ended before the kill
    (little was left to write) returns ``None`` instead of failing the test.
    """
    proc = subprocess.Popen(
        [sys.executable, "-c", LOADER, str(path), str(version), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    reported: list[str] = []
    try:
        while True:
            line = proc.stdout.readline().strip()
            if line == "done" and may_finish:
                proc.wait(timeout=60)
                assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
                return None
            assert line and line != "done", f"the loader ended before it was killed: {line!r}"
            if line == kill_at == "compacting":
                wait_for_new_database(path)
                break
            reported.append(line)
            if isinstance(kill_at, float):
                time.sleep(kill_at)
                break
            if len(reported) == kill_at:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.stdout is not None
    if isinstance(kill_at, float):  # what it reported before the kill landed
        rest = proc.stdout.read().split()
        if "done" in rest and may_finish:  # it wrote everything; the kill hit its exit
            return None
        assert "done" not in rest, "the loader ended before it was killed"
        reported += [line for line in rest if line.startswith("https:")]
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    return reported


def check_whole_or_absent(path: Path, committed: list[str], version: int) -> dict[str, int]:
    """Every article graph is absent or exactly one whole version; reported ones are current.

    Returns the version found for each present graph.
    """
    found: dict[str, int] = {}
    marker = ox.NamedNode(EX + "marker")
    with GraphStore(path) as store:
        assert sorted(p.name for p in path.iterdir() if p.name.startswith("data-")) == [
            store.database.name
        ], "a leftover database directory was not removed"
        for i in range(COUNT):
            graph = ox.NamedNode(graph_of(i))
            quads = list(store.store.quads_for_pattern(None, None, None, graph))
            if not quads:
                assert graph.value not in committed, f"committed article {i} is missing"
                continue
            markers = [q.object.value for q in quads if q.predicate == marker]
            assert len(markers) == 1, f"article {i} has markers {markers}"
            marked_version = int(markers[0].split(":")[1])
            assert len(quads) == full_size(i, marked_version), f"article {i} is not whole"
            prefix = f"{i}:{marked_version}:"
            values = [q.object.value for q in quads if q.predicate.value.startswith(EX + "p")]
            assert all(v.startswith(prefix) for v in values), f"article {i} mixes versions"
            assert store.content_hash_of(graph) == f"hash-{i}-{marked_version}"
            if graph.value in committed:
                assert marked_version == version, f"committed article {i} is not version {version}"
            found[graph.value] = marked_version
        assert set(store.article_graphs()) == set(found)
    return found


def test_killed_loaders_leave_only_whole_articles(tmp_path: Path) -> None:
    path = tmp_path / "store"

    committed = load_and_kill(path, version=1, mode="single", kill_at=5)
    assert len(check_whole_or_absent(path, committed, version=1)) >= 5

    committed = load_and_kill(path, version=2, mode="single", kill_at=60)
    found = check_whole_or_absent(path, committed, version=2)
    assert sum(1 for v in found.values() if v == 2) >= 60

    committed = load_and_kill(path, version=3, mode="group", kill_at=150)
    found = check_whole_or_absent(path, committed, version=3)
    assert sum(1 for v in found.values() if v == 3) >= 150

    # Killed while rebuilding the database for compaction: every article was committed.
    committed = load_and_kill(path, version=4, mode="group", kill_at="compacting")
    assert len(committed) == COUNT
    assert len([p for p in path.iterdir() if p.name.startswith("data-")]) == 2  # half a copy
    found = check_whole_or_absent(path, committed, version=4)
    assert set(found.values()) == {4} and len(found) == COUNT


def test_loaders_killed_during_bulk_group_loads_leave_only_whole_articles(tmp_path: Path) -> None:
    path = tmp_path / "store"
    delays = random.Random(3)
    stored = killed = 0
    for _ in range(8):
        delay = delays.uniform(0, 0.25)
        committed = load_and_kill(path, version=1, mode="bulk", kill_at=delay, may_finish=True)
        if committed is None:  # the rest fitted in before the kill: all must be there now
            assert len(check_whole_or_absent(path, [], version=1)) == COUNT
            break
        killed += 1
        database = Path(path, json.loads((path / "active.json").read_text())["data"])
        found = check_whole_or_absent(path, committed, version=1)
        assert len(found) >= stored, "articles committed before were lost"
        stored = len(found)
        # Table files of a bulk load the kill interrupted are gone once the store reopened.
        assert not [f.name for f in database.iterdir() if BULK_LEFTOVER.fullmatch(f.name)]
        if stored == COUNT:
            break
    assert killed > 0 and stored > 0

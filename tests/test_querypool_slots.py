"""Slots: several queries run as threads of one worker process, plus a spare process.

A timeout kills the whole process, so the other queries it was running are run again on
the spare (they are innocent), while a crash fails them all (the culprit is unknown).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from poolfixture import EXPLOSIVE, _alive, _build

from borderkg.querypool import (
    QueryFailed,
    QueryPool,
    QuerySettings,
    QuerySyntaxError,
    QueryTimeout,
)
from borderkg.queryprocs import process_sizes

# 80^4 = 40,960,000 rows to count: seconds of work with a known answer.
ROWS = 80**4
_VALUES = " ".join(str(n) for n in range(80))
LONG_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?v{i} {{ {_VALUES} }}" for i in range(4))
    + " }"
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slots") / "store"
    _build(path)
    return path


@pytest.fixture()
def shared(root: Path) -> Iterator[QueryPool]:
    """Two slots in one process (and a spare), on glibc's malloc."""
    settings = QuerySettings(workers=2, worker_threads=2, timeout=30, allocator="glibc")
    with QueryPool(root, settings) as started:
        _wait_for_spare(started)
        yield started


def _wait_for_spare(pool: QueryPool, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not pool.metrics()["workers"]["spare"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool.metrics()["workers"]["spare"] == 1


def _count(pool: QueryPool, query: str, **options: object) -> int:
    (row,) = pool.select(query, **options)
    return int(row["n"].value)


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def test_glibc_workers_get_a_malloc_arena_per_slot_unless_the_operator_chose(
    shared: QueryPool, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = shared.worker_pids(spare=True)
    assert len(pids) == 2  # one process of two slots, and the spare
    assert all(_environ(pid).get("MALLOC_ARENA_MAX") == "2" for pid in pids)
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    with QueryPool(root, QuerySettings(workers=1, worker_threads=1, allocator="glibc")) as chosen:
        assert _count(chosen, "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { 1 2 } }") == 2
        (pid,) = chosen.worker_pids()
        assert _environ(pid)["MALLOC_ARENA_MAX"] == "4"


def test_a_glibc_worker_hands_memory_back_after_every_query_answered_or_failed(
    root: Path,
) -> None:
    with QueryPool(root, QuerySettings(workers=1, worker_threads=1, allocator="glibc")) as pool:
        assert pool.worker_info()["allocator"] == "glibc"
        before = pool.worker_info()["trims"]
        assert _count(pool, "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { 1 2 3 } }") == 3
        with pytest.raises(QuerySyntaxError):  # the worker's parser finds it
            pool.select("SELECT * WHERE { ?s ?p }")
        assert pool.worker_info()["trims"] == before + 2


def test_slots_are_spread_over_as_few_processes_as_allowed() -> None:
    assert process_sizes(2, 4) == [2]
    assert process_sizes(5, 4) == [3, 2]
    assert process_sizes(8, 4) == [4, 4]
    assert process_sizes(3, 1) == [1, 1, 1]


def test_two_slots_share_one_process_and_a_spare_waits(shared: QueryPool) -> None:
    (pid,) = shared.worker_pids()
    assert len(shared.worker_pids(spare=True)) == 2
    info = shared.worker_info()
    assert info["pid"] == pid
    assert info["threads"] == 2  # one deep-stack thread per slot
    assert shared.metrics()["workers"] == {
        "configured": 2,
        "alive": 2,
        "idle": 2,
        "busy": 0,
        "starting": 0,
        "waiting": 0,
        "spare": 1,
    }


@pytest.mark.alone  # times itself
def test_the_second_slot_answers_while_the_first_runs_a_long_query(shared: QueryPool) -> None:
    with ThreadPoolExecutor(1) as executor:
        long = executor.submit(_count, shared, LONG_COUNT)
        time.sleep(0.3)
        started = time.monotonic()
        assert shared.ask("ASK {}")
        assert time.monotonic() - started < 1.0
        assert not long.done()
        assert long.result() == ROWS


@pytest.mark.alone  # times itself
def test_a_query_sharing_the_process_of_a_timed_out_one_is_run_again(
    shared: QueryPool,
) -> None:
    (first,) = shared.worker_pids()
    with ThreadPoolExecutor(2) as executor:
        runaway = executor.submit(shared.run, EXPLOSIVE, timeout=1)
        time.sleep(0.2)
        innocent = executor.submit(_count, shared, LONG_COUNT)
        with pytest.raises(QueryTimeout):
            runaway.result()
        assert not _alive(first)
        assert not innocent.done()  # run again on the spare, not failed with its process
        assert innocent.result() == ROWS
    assert shared.worker_pids() != [first]
    metrics = shared.metrics()
    assert metrics["workers_killed"] == 1 and metrics["workers_crashed"] == 0
    assert metrics["queries"]["timeout"] == 1 and metrics["queries"]["failed"] == 0


@pytest.mark.alone  # times itself
def test_a_crash_fails_every_query_of_its_process_and_the_spare_takes_over(
    shared: QueryPool,
) -> None:
    (pid,) = shared.worker_pids()
    threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()
    with ThreadPoolExecutor(2) as executor:
        runs = [executor.submit(shared.run, EXPLOSIVE) for _ in range(2)]
        for run in runs:
            with pytest.raises(QueryFailed) as caught:
                run.result(timeout=20)
            assert caught.value.status == 500
    assert shared.metrics()["workers_crashed"] == 1
    started = time.monotonic()
    assert shared.ask("ASK {}")
    assert time.monotonic() - started < 0.5
    assert pid not in shared.worker_pids()


@pytest.mark.alone  # times itself
def test_closing_the_pool_fails_the_running_query_at_once(root: Path) -> None:
    pool = QueryPool(root, QuerySettings(workers=1, timeout=30)).start()
    with ThreadPoolExecutor(1) as executor:
        running = executor.submit(pool.run, EXPLOSIVE)
        time.sleep(0.3)
        started = time.monotonic()
        pool.close()
        with pytest.raises(QueryFailed, match="shutting down"):
            running.result(timeout=20)
        assert time.monotonic() - started < 5

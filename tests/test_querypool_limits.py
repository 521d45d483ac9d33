"""The query pool's limits: SERVICE allowlist, timeouts, queueing, worker lifecycle, metrics."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from poolfixture import (
    BULK_SIZE,
    EX,
    EXPLOSIVE,
    G2,
    _alive,
    _build,
    _n,
)
from stubendpoint import result_json, stub_endpoint

from borderkg import conneg
from borderkg.querypool import (
    PoolBusy,
    QueryFailed,
    QueryPool,
    QuerySettings,
    QuerySyntaxError,
    QueryTimeout,
    ServiceNotAllowed,
)
from borderkg.snapshots import publish_snapshot
from borderkg.store import GraphStore

# -- SERVICE ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def remote() -> Iterator[str]:
    with stub_endpoint(result_json(["x"], [{"x": "remote"}])) as stub:
        yield stub.sparql


def test_allowed_service_is_called_and_others_refused(root: Path, remote: str) -> None:
    settings = QuerySettings(workers=1, service_allowlist=(remote,))
    with QueryPool(root, settings) as federated:
        rows = federated.select(f"SELECT ?x {{ SERVICE <{remote}> {{ ?x ?p ?o }} }}")
        assert rows == [{"x": ox.Literal("remote")}]
        with pytest.raises(ServiceNotAllowed):
            federated.run("SELECT * { SERVICE <http://elsewhere/sparql> {} }")
        with pytest.raises(ServiceNotAllowed):
            federated.run("SELECT * { SERVICE ?endpoint {} }")
        with pytest.raises(ServiceNotAllowed, match="cannot classify"):
            federated.run(f"SELECT * {{ ?s <{EX}p> ( ?a <http://x#'y> ) . ?s ?p 'service' }}")


def test_star_allows_any_service_even_variable_ones(root: Path) -> None:
    settings = QuerySettings(workers=1, service_allowlist=("*",))
    # the endpoint variable is unbound: the engine refuses, but not our guard
    with QueryPool(root, settings) as open_pool, pytest.raises(QueryFailed, match="engine"):
        open_pool.run("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }")


# -- timeouts, crashes, limits ---------------------------------------------------------


def _wait_for_spare(pool: QueryPool, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not pool.metrics()["workers"]["spare"] and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.alone  # times itself
def test_timeout_kills_the_query_and_the_next_one_is_answered_at_once(pool: QueryPool) -> None:
    _wait_for_spare(pool)
    before = set(pool.worker_pids())
    (spare,) = set(pool.worker_pids(spare=True)) - before
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        pool.run(EXPLOSIVE, timeout=1)
    elapsed = time.monotonic() - started
    assert 0.9 < elapsed < 1.5, elapsed
    assert caught.value.status == 503 and "1 s" in caught.value.message
    killed = before - set(pool.worker_pids())
    assert len(killed) == 1 and not _alive(killed.pop())
    assert pool.worker_pids() == [spare]  # the spare took its place at once
    started = time.monotonic()
    assert pool.ask("ASK {}")
    assert time.monotonic() - started < 0.5
    _wait_for_spare(pool)
    assert len(pool.worker_pids(spare=True)) == 2  # a new spare started in the background
    assert pool.metrics()["workers"]["alive"] == 2
    assert pool.metrics()["queries"]["timeout"] >= 1


def test_timeout_while_streaming_a_result_is_a_timeout_not_a_truncated_result(
    root: Path,
) -> None:
    settings = QuerySettings(workers=1, timeout=1, max_rows=10**9, spool_bytes=1 << 16)
    with QueryPool(root, settings) as streaming, pytest.raises(QueryTimeout):
        streaming.run("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", media_type=conneg.TSV)


@pytest.mark.alone  # times itself
def test_a_client_may_not_raise_the_timeout(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, timeout=1)) as short:
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            short.run(EXPLOSIVE, timeout=60)
        assert time.monotonic() - started < 1.5


def test_a_worker_that_dies_gives_a_server_error_and_is_replaced(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, timeout=20)) as fragile:
        (pid,) = fragile.worker_pids()
        threading.Timer(0.3, os.kill, (pid, signal.SIGKILL)).start()
        with pytest.raises(QueryFailed) as caught:
            fragile.run(EXPLOSIVE)
        assert caught.value.status == 500 and "Traceback" not in caught.value.message
        assert fragile.ask("ASK {}")  # a fresh worker answers
        assert fragile.worker_pids() != [pid]
        assert fragile.metrics()["workers_crashed"] == 1


@pytest.mark.alone  # times itself
def test_full_queue_is_refused_at_once_with_retry_after(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, max_queue=0, timeout=3)) as small:
        outcome: list[str] = []

        def hog_the_worker() -> None:
            try:
                small.run(EXPLOSIVE)
            except QueryTimeout:
                outcome.append("timeout")

        hog = threading.Thread(target=hog_the_worker)
        hog.start()
        time.sleep(0.3)
        started = time.monotonic()
        with pytest.raises(PoolBusy) as caught:
            small.run("ASK {}")
        assert time.monotonic() - started < 0.2
        assert caught.value.status == 503 and caught.value.headers["Retry-After"]
        hog.join()
        assert outcome == ["timeout"]
        assert small.metrics()["queries"]["busy"] == 1


def test_queued_queries_wait_for_a_worker(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, max_queue=8)) as single:
        results: list[bool] = []

        def ask() -> None:
            results.append(single.ask(f"ASK {{ <{EX}s1> ?p ?o }}"))

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == [True] * 8


def test_concurrent_queries_get_their_own_answers(pool: QueryPool) -> None:
    errors: list[str] = []

    def worker(offset: int) -> None:
        for i in range(15):
            n = (offset * 15 + i) % BULK_SIZE
            rows = pool.select(f"SELECT ?s WHERE {{ ?s <{EX}n> {n} }}")
            if rows != [{"s": _n(f"s{n}")}]:
                errors.append(f"{n}: {rows}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# -- workers ---------------------------------------------------------------------------


def test_workers_stay_small_no_rdflib_flask_or_spacy(pool: QueryPool) -> None:
    info = pool.worker_info()
    modules = set(info["modules"])
    assert not {"rdflib", "flask", "spacy", "pyshacl"} & modules
    assert "pyoxigraph" in modules and info["pid"] in pool.worker_pids()


def test_new_snapshot_is_seen_by_the_next_query(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _build(root)
    with QueryPool(root, QuerySettings(workers=1)) as live:
        assert not live.ask(f"ASK {{ <{EX}new> ?p ?o }}")
        with GraphStore.open(root) as store:
            store.store.add(ox.Quad(_n("new"), _n("p"), ox.Literal("v"), ox.NamedNode(G2)))
            publish_snapshot(store)
        assert live.ask(f"ASK {{ <{EX}new> ?p ?o }}")


def test_pool_without_a_snapshot_does_not_start(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "store"):
        pass
    with pytest.raises(Exception, match="no published snapshot"):
        QueryPool(tmp_path / "store", QuerySettings(workers=1)).start()


def test_closing_the_pool_kills_its_workers(root: Path) -> None:
    closing = QueryPool(root, QuerySettings(workers=3, worker_threads=2)).start()
    _wait_for_spare(closing)
    pids = closing.worker_pids(spare=True)
    closing.close()
    assert len(pids) == 3 and not any(_alive(pid) for pid in pids)  # two serving, a spare
    with pytest.raises(QueryFailed):
        closing.run("ASK {}")


def test_metrics_count_outcomes_and_latency(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, max_rows=1)) as counted:
        counted.ask("ASK {}")
        counted.run(f"SELECT ?s {{ ?s <{EX}n> ?o }}").close()
        with pytest.raises(QuerySyntaxError):
            counted.run("SELECT")
        metrics = counted.metrics()
    assert metrics["queries"]["ok"] == 1
    assert metrics["queries"]["capped"] == 1
    assert metrics["queries"]["error"] == 1
    assert metrics["latency"]["count"] == 3
    assert metrics["latency"]["buckets"][-1] == (float("inf"), 3)
    assert metrics["workers"]["alive"] == 1


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="timeout"):
        QuerySettings(timeout=600, max_timeout=300)
    with pytest.raises(ValueError, match="workers"):
        QuerySettings(workers=0)

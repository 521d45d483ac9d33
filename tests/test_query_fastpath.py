"""Bounded lookups answered in the server process (borderkg.querylocal): same answers as the
workers, the concurrency limit and the timeout still hold, anything else goes to a worker."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from poolfixture import EX, EXPLOSIVE, G1, G2, _build, _n

from borderkg import conneg, querytext
from borderkg.api import create_app
from borderkg.ontology.namespaces import PREFIXES
from borderkg.querylocal import STRIKES, LocalRunner
from borderkg.querypool import (
    PoolBusy,
    QueryPool,
    QuerySettings,
    QuerySyntaxError,
    QueryTimeout,
)
from borderkg.snapshots import publish_snapshot
from borderkg.store import GraphStore

BIG = f"{EX}big"
#: Triples of the subject ``BIG``: far more than a lookup may write in the server process.
BIG_SIZE = 150_000
BIG_LOOKUP = f"SELECT ?p ?o WHERE {{ <{BIG}> ?p ?o }}"
TRICKY_LOOKUP = f"SELECT * WHERE {{ <{EX}tricky> ?p ?o }}"
TSV_ACCEPT = {"Accept": conneg.TSV}


@pytest.fixture(scope="module")
def big_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pool test store plus one subject with ``BIG_SIZE`` triples."""
    root = tmp_path_factory.mktemp("fastpath") / "store"
    _build(root)
    with GraphStore.open(root) as store:
        graph, subject, predicate = ox.NamedNode(G2), ox.NamedNode(BIG), _n("item")
        store.store.bulk_extend(
            ox.Quad(subject, predicate, ox.Literal(f"item number {i} of a long list"), graph)
            for i in range(BIG_SIZE)
        )
        publish_snapshot(store)
    return root


@pytest.fixture(scope="module")
def workers_only(root: Path) -> Iterator[QueryPool]:
    """A pool that sends every query to a worker, to compare with."""
    with QueryPool(root, QuerySettings(workers=1, max_rows=1000, local_budget=0)) as started:
        yield started


@contextlib.contextmanager
def _stopped(pool: QueryPool) -> Iterator[None]:
    """Freeze the pool's worker processes (SIGSTOP) while the block runs."""
    pids = pool.worker_pids(spare=True)
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    for pid in pids:  # a signal is delivered later: a busy machine lets a query in first
        _wait_until_stopped(pid)
    try:
        yield
    finally:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):  # killed at a timeout meanwhile
                os.kill(pid, signal.SIGCONT)


def _wait_until_stopped(pid: int, seconds: float = 10) -> None:
    """Wait until every thread of process ``pid`` is stopped."""
    deadline = time.monotonic() + seconds

    def states() -> set[str]:
        # The state is the field after the parenthesised command name.
        tasks = Path(f"/proc/{pid}/task").glob("*/stat")
        return {task.read_text().rpartition(")")[2].split()[0] for task in tasks}

    while states() != {"T"}:
        assert time.monotonic() < deadline, f"worker {pid} did not stop: {states()}"
        time.sleep(0.01)


def _wait_for_spare(pool: QueryPool, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not pool.metrics()["workers"]["spare"] and time.monotonic() < deadline:
        time.sleep(0.05)


def test_only_single_pattern_lookups_with_a_constant_subject_are_recognised() -> None:
    bounded = [
        "SELECT ?p ?o WHERE { <https://w3id.org/borderkg/article/a-1> ?p ?o }",
        "select * { bkg:x a ?type . } limit 10",
        "PREFIX x: <http://e/> SELECT ?o WHERE { x:s x:p ?o } # a comment",
    ]
    unbounded = [
        "SELECT ?s WHERE { ?s ?p ?o }",  # variable subject: a whole-store scan
        "SELECT ?p WHERE { <http://s> ?p ?p }",  # a repeated variable filters rows
        "SELECT ?o WHERE { <http://s> ?p ?o } OFFSET 100000",
        "SELECT ?o WHERE { <http://s> ?p ?o FILTER(?o > 1) }",
        "SELECT DISTINCT ?p WHERE { <http://s> ?p ?o }",
        "SELECT ?o WHERE { <http://s> ?p ?o } ORDER BY ?o",
        "SELECT ?o WHERE { <http://s> <http://p>/<http://q> ?o }",
        "SELECT ?o WHERE { <http://s> <http://p>* ?o }",
        "SELECT ?o FROM <http://g> WHERE { <http://s> ?p ?o }",
        "SELECT ?o WHERE { <http://s> ?p ?o ; ?q ?r }",
        "SELECT ?o WHERE { <http://s> ?p ?o . ?o ?q ?r }",
        "SELECT ?o WHERE { GRAPH ?g { <http://s> ?p ?o } }",
        "SELECT ?o WHERE { SERVICE <http://x/sparql> { <http://s> ?p ?o } }",
        "SELECT (COUNT(*) AS ?n) WHERE { <http://s> ?p ?o }",
        "SELECT ?o WHERE { <http://s> ?p ?o } GROUP BY ?o",
        "BASE <http://a/> SELECT ?o WHERE { <s> ?p ?o }",
        "ASK { <http://s> ?p ?o }",
        "DESCRIBE <http://s>",
        "SELECT ?o WHERE { <http://s> ?p ?o } LIMIT 1.5",
        "SELECT ?o WHERE { <http://s> ?p ?o }" + " " * querytext.LOOKUP_MAX_CHARS,
    ]
    assert all(querytext.is_bounded_lookup(query) for query in bounded)
    assert not any(querytext.is_bounded_lookup(query) for query in unbounded)


@pytest.mark.alone  # times itself
def test_a_lookup_is_answered_while_the_workers_are_frozen(root: Path) -> None:
    # A budget a loaded machine cannot overrun: over it, the lookup would go to a worker.
    with QueryPool(root, QuerySettings(workers=1, timeout=5, local_budget=0.5)) as pool:
        with pool.run(TRICKY_LOOKUP):  # opens the store here
            pass
        with _stopped(pool):
            started = time.monotonic()
            with pool.run(TRICKY_LOOKUP) as result:
                assert result.rows == 8
            assert time.monotonic() - started < 1
            with pytest.raises(QueryTimeout):  # anything else needs a worker
                pool.run(f"SELECT ?s WHERE {{ ?s ?p <{EX}nothing> }}", timeout=0.5)


@pytest.mark.parametrize("media_type", [*conneg.RESULT_TYPES])
def test_a_lookup_gives_the_bytes_a_worker_gives(
    pool: QueryPool, workers_only: QueryPool, media_type: str
) -> None:
    for query in (TRICKY_LOOKUP, f"SELECT ?o WHERE {{ <{EX}s7> <{EX}n> ?o }}"):
        with (
            pool.run(query, media_type=media_type) as here,
            workers_only.run(query, media_type=media_type) as there,
        ):
            assert here.read() == there.read()
            assert (here.rows, here.capped, here.form) == (there.rows, there.capped, "SELECT")


def test_a_lookups_rows_stay_readable_after_its_bytes_are_sent(pool: QueryPool) -> None:
    for media_type in conneg.RESULT_TYPES:
        result = pool.run(TRICKY_LOOKUP, media_type=media_type)
        data = result.read()
        result.close()  # as the endpoint does once the body is out
        assert result.rows == 8 and not result.capped, media_type
        assert data and result.read() == b""


def test_a_lookup_is_capped_and_says_so(root: Path) -> None:
    settings = QuerySettings(workers=1, max_rows=3)
    with QueryPool(root, settings) as pool, pool.run(TRICKY_LOOKUP, media_type=conneg.TSV) as r:
        assert r.capped and r.rows == 3
        assert len(r.read().decode().splitlines()) == 1 + 3


@pytest.mark.alone  # times itself
def test_a_lookup_waits_its_turn_and_is_refused_when_the_pool_is_full(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, max_queue=0, timeout=3)) as small:

        def hog_the_worker() -> None:
            with pytest.raises(QueryTimeout):
                small.run(EXPLOSIVE)

        hog = threading.Thread(target=hog_the_worker)
        hog.start()
        time.sleep(0.5)
        try:
            with pytest.raises(PoolBusy):
                small.run(TRICKY_LOOKUP)
        finally:
            hog.join()
        with small.run(TRICKY_LOOKUP) as result:
            assert result.rows == 8


@pytest.mark.alone  # times itself
def test_a_lookup_that_looks_cheap_but_is_big_goes_to_a_worker_and_times_out(
    big_root: Path,
) -> None:
    settings = QuerySettings(workers=1, max_rows=10**9, timeout=30)
    with QueryPool(big_root, settings) as pool:
        for _attempt in range(2):  # the second time it goes to a worker straight away
            _wait_for_spare(pool)  # to take the killed worker's place
            started = time.monotonic()
            with pytest.raises(QueryTimeout) as caught:
                pool.run(BIG_LOOKUP, media_type=conneg.TSV, timeout=0.1)
            assert time.monotonic() - started < 1.5
            assert "0.1 s" in caught.value.message
        assert pool.metrics()["workers_killed"] == 2  # it ran on a worker, killed at 0.1 s
        _wait_for_spare(pool)
        with pool.run(BIG_LOOKUP, media_type=conneg.TSV) as result:  # given time: all of it
            assert result.rows == BIG_SIZE and result.body is None  # spooled: it streams
            assert sum(chunk.count(b"\n") for chunk in result.chunks()) == BIG_SIZE + 1


@pytest.mark.alone  # times itself
def test_a_lookup_stops_in_this_process_at_its_deadline_or_budget(big_root: Path) -> None:
    request = {"q": BIG_LOOKUP, "fmt": "tsv", "max": 10**9, "px": [], "union": True}
    runner = LocalRunner(str(big_root), dict(PREFIXES), budget=5, max_bytes=1 << 30)
    try:
        assert runner.run({**request, "max": 1}, conneg.TSV, time.monotonic() + 5) is not None
        started = time.monotonic()
        assert runner.run(request, conneg.TSV, started + 0.05) is None  # past the deadline
        assert time.monotonic() - started < 0.5
        assert runner.worth_trying(BIG_LOOKUP)  # the deadline was the query's, not its size
    finally:
        runner.close()
    runner = LocalRunner(str(big_root), dict(PREFIXES), budget=5, max_bytes=1 << 16)
    try:
        assert runner.run(request, conneg.TSV, time.monotonic() + 60) is None  # too much output
        assert not runner.worth_trying(BIG_LOOKUP)  # workers from now on
    finally:
        runner.close()
    runner = LocalRunner(str(big_root), dict(PREFIXES), budget=0.005, max_bytes=1 << 30)
    try:
        for _strike in range(STRIKES):  # too slow: maybe a stall, so only after a few times
            assert runner.worth_trying(BIG_LOOKUP)
            assert runner.run(request, conneg.TSV, time.monotonic() + 60) is None
        assert not runner.worth_trying(BIG_LOOKUP)
    finally:
        runner.close()


def test_a_lookup_with_a_syntax_error_is_refused_as_a_worker_refuses_it(
    pool: QueryPool, workers_only: QueryPool
) -> None:
    query = "SELECT ?o WHERE { nowhere:s ?p ?o }"
    assert querytext.is_bounded_lookup(query)
    messages = []
    for which in (pool, workers_only):
        with pytest.raises(QuerySyntaxError) as caught:
            which.run(query)
        messages.append(caught.value.message)
    assert messages[0] == messages[1] and "unknown prefix 'nowhere:'" in messages[0]


def test_a_new_snapshot_is_seen_by_the_next_lookup(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _build(root)
    lookup = f"SELECT ?o WHERE {{ <{EX}fresh> ?p ?o }}"
    with QueryPool(root, QuerySettings(workers=1)) as live:
        with live.run(lookup) as before:
            assert before.rows == 0
        with GraphStore.open(root) as store:
            store.store.add(ox.Quad(_n("fresh"), _n("p"), ox.Literal("v"), ox.NamedNode(G1)))
            publish_snapshot(store)
        with live.run(lookup) as after:
            assert after.rows == 1


def test_over_http_a_big_lookup_times_out_with_503_and_a_small_one_has_its_length(
    big_root: Path,
) -> None:
    app = create_app({"store": big_root, "workers": 1, "max_rows": 10**9, "prepare_store": False})
    try:
        client = app.test_client()
        small = client.get("/sparql", query_string={"query": TRICKY_LOOKUP})
        assert small.status_code == 200
        assert small.headers["Content-Length"] == str(len(small.get_data()))
        assert len(small.get_json()["results"]["bindings"]) == 8
        big = client.get(
            "/sparql", query_string={"query": BIG_LOOKUP, "timeout": "0.1"}, headers=TSV_ACCEPT
        )
        assert big.status_code == 503 and big.headers["Retry-After"]
        assert big.get_json()["error"]["code"] == "query-timeout"
        assert app.extensions["borderkg"].pool.metrics()["workers_killed"] == 1
    finally:
        app.extensions["borderkg"].close()

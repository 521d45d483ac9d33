"""The query pool's waiting line: first come, first served, and nobody stuck behind a quitter."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg.querypool import PoolBusy, QueryPool, QuerySettings, QueryTimeout
from borderkg.snapshots import publish_snapshot
from borderkg.store import GraphStore

EX = "http://ex/"
# Three-way cross join over 300 triples: 27 million rows to count, seconds of work.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryPool]:
    root: Path = tmp_path_factory.mktemp("queue") / "store"
    with GraphStore.open(root) as store:
        graph = ox.NamedNode(EX + "g")
        store.store.extend(
            ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)), graph)
            for i in range(300)
        )
        publish_snapshot(store)
    with QueryPool(root, QuerySettings(workers=1, timeout=30)) as started:
        started.ask(CHEAP)
        yield started


def _occupy(pool: QueryPool, seconds: float) -> threading.Thread:
    """Keep the one worker busy for about ``seconds`` (the slow query is stopped then)."""

    def run() -> None:
        with contextlib.suppress(QueryTimeout):
            pool.run(SLOW, timeout=seconds).close()

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.2)  # the slow query has the worker now
    return thread


def test_waiting_queries_are_answered_in_the_order_they_arrived(pool: QueryPool) -> None:
    busy = _occupy(pool, 1.5)
    finished: list[int] = []
    lock = threading.Lock()

    def ask(number: int) -> None:
        pool.ask(CHEAP)
        with lock:
            finished.append(number)

    waiters = []
    for number in range(6):
        thread = threading.Thread(target=ask, args=(number,))
        thread.start()
        waiters.append(thread)
        time.sleep(0.05)
    for thread in [busy, *waiters]:
        thread.join(30)
    assert finished == list(range(6))


@pytest.mark.alone  # times itself
def test_a_query_that_gives_up_waiting_does_not_hold_up_the_next_one(pool: QueryPool) -> None:
    busy = _occupy(pool, 1.0)
    outcomes: dict[str, object] = {}

    def ask(name: str, timeout: float) -> None:
        try:
            outcomes[name] = pool.ask(CHEAP, timeout=timeout)
        except PoolBusy as exc:
            outcomes[name] = exc

    quitter = threading.Thread(target=ask, args=("quitter", 0.3))
    quitter.start()
    time.sleep(0.05)
    patient = threading.Thread(target=ask, args=("patient", 20))
    patient.start()
    started = time.monotonic()
    for thread in (busy, quitter, patient):
        thread.join(30)
    assert isinstance(outcomes["quitter"], PoolBusy)
    assert outcomes["patient"] is True
    assert time.monotonic() - started < 5  # served when the worker came back, not at its limit

"""The endpoint's guarantees under its default ``workers`` (16 queries at once, one process).

With sixteen slots in one worker process, a query killed at its timeout takes the process's
other queries down with it; they must be run again unseen while the spare takes over, and
the concurrency limit must still refuse exactly the request past ``workers + max_queue``.
Each server here is a real ``borderkg serve`` started without ``--workers``.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from serverfixture import Server, running_server, small_store
from stubendpoint import result_json, stub_endpoint

from borderkg.api.config import ServeConfig

EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(60))} }}" for i in range(6))
    + " }"
)
#: Answered in the server process (a lookup by IRI) and by a worker (a join), in turns.
HAMMER = (
    "SELECT ?p ?o WHERE { <http://example.org/bob> ?p ?o }",
    "SELECT ?name WHERE { ?x <http://xmlns.com/foaf/0.1/knows> ?y . ?y ?p ?name }",
)
DEFAULT_WORKERS = ServeConfig.__dataclass_fields__["workers"].default
#: Seconds the slow SERVICE endpoint takes to answer: how long a hog holds its slot.


def get(srv: Server, query: str, session: requests.Session | None = None) -> requests.Response:
    return (session or requests).get(
        f"{srv.url}/sparql",
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )


def slot_states(srv: Server) -> dict[str, float]:
    """Worker slots by state from ``/metrics`` (``/health`` would itself queue a query)."""
    text = requests.get(f"{srv.url}/metrics", timeout=30).text
    found = re.findall(r'^borderkg_query_workers\{state="(\w+)"\} (\S+)$', text, re.MULTILINE)
    return {state: float(value) for state, value in found}


def wait_for(srv: Server, state: str, count: int, seconds: float = 10) -> dict[str, float]:
    """The slot states once ``state`` reached ``count`` (or after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while (states := slot_states(srv)).get(state) != count and time.monotonic() < deadline:
        time.sleep(0.05)
    return states


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_store(tmp_path_factory.mktemp("defaults") / "store")


@pytest.fixture(scope="module")
def hammered(store: Path) -> Iterator[Server]:
    """Default workers, a 2 s timeout, HTTP threads for 32 clients and a few more."""
    with running_server(store, "--timeout", "2", "--threads", "40") as srv:
        yield srv


@pytest.fixture(scope="module")
def release() -> threading.Event:
    """Set to let the slow endpoint answer."""
    return threading.Event()


@pytest.fixture(scope="module")
def slow_endpoint(release: threading.Event) -> Iterator[str]:
    """A SPARQL endpoint that gives one row only once ``release`` is set: holds a worker
    slot without using a CPU, as long as the test needs (a fixed delay raced slow starts)."""
    with stub_endpoint(result_json(["x"], [{"x": "slow"}]), hold=release) as stub:
        yield stub.sparql


@pytest.fixture(scope="module")
def limited(store: Path, slow_endpoint: str) -> Iterator[Server]:
    """Default workers, room for 2 waiting queries, SERVICE allowed to the slow endpoint."""
    with running_server(
        store,
        "--max-queue",
        "2",
        "--threads",
        "32",
        "--timeout",
        "30",
        "--service-allow",
        slow_endpoint,
    ) as srv:
        yield srv


def test_the_default_runs_sixteen_queries_at_once_in_one_process(hammered: Server) -> None:
    slots = requests.get(f"{hammered.url}/health", timeout=30).json()["workers"]
    assert DEFAULT_WORKERS == 16
    assert slots["configured"] == 16 and slots["alive"] == 16


@pytest.mark.alone  # times itself
@pytest.mark.parametrize("clients", [8, 32])
def test_explosive_query_is_stopped_near_its_limit_while_clients_hammer(
    hammered: Server, clients: int
) -> None:
    stop = threading.Event()

    def hammer(number: int) -> list[int]:
        statuses = []
        with requests.Session() as session:
            while not stop.is_set():
                statuses.append(get(hammered, HAMMER[number % 2], session).status_code)
        return statuses

    with ThreadPoolExecutor(clients) as clients_pool:
        futures = [clients_pool.submit(hammer, n) for n in range(clients)]
        time.sleep(0.5)  # every client running
        try:
            started = time.monotonic()
            reply = get(hammered, EXPLOSIVE)
            elapsed = time.monotonic() - started
            started = time.monotonic()
            probe = get(hammered, "ASK { ?s ?p ?o }")
            probe_seconds = time.monotonic() - started
            time.sleep(0.5)  # the hammer goes on over the spare's takeover
        finally:
            stop.set()
        statuses = [status for future in futures for status in future.result()]
    assert reply.status_code == 503, reply.text
    assert reply.json()["error"]["code"] == "query-timeout"
    assert 1.8 <= elapsed < 5.0, elapsed
    assert probe.status_code == 200 and probe.json()["boolean"] is True
    assert probe_seconds < 1.5, probe_seconds
    # The queries that shared the killed process were run again: no client saw an error.
    assert len(statuses) > clients and set(statuses) == {200}
    assert wait_for(hammered, "alive", DEFAULT_WORKERS)["alive"] == DEFAULT_WORKERS
    killed = requests.get(f"{hammered.url}/metrics", timeout=30).text
    assert re.search(r"^borderkg_query_workers_killed_total [1-9]", killed, re.MULTILINE)


@pytest.mark.alone  # times itself
def test_the_request_past_workers_and_queue_gets_503_at_once(
    limited: Server, slow_endpoint: str, release: threading.Event
) -> None:
    hog = f"SELECT ?x WHERE {{ SERVICE <{slow_endpoint}> {{ ?x ?p ?o }} }}"
    with ThreadPoolExecutor(DEFAULT_WORKERS + 2) as clients:
        try:
            hogs = [clients.submit(get, limited, hog) for _ in range(DEFAULT_WORKERS)]
            assert wait_for(limited, "busy", DEFAULT_WORKERS)["busy"] == DEFAULT_WORKERS
            waiting = [clients.submit(get, limited, hog) for _ in range(2)]
            assert wait_for(limited, "waiting", 2)["waiting"] == 2
            started = time.monotonic()
            refused = get(limited, "ASK { ?s ?p ?o }")
            assert time.monotonic() - started < 0.5
        finally:
            release.set()
        answers = [future.result() for future in (*hogs, *waiting)]
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"]["code"] == "busy"
    assert refused.headers["Retry-After"]
    assert [a.status_code for a in answers] == [200] * (DEFAULT_WORKERS + 2)
    assert all(a.json()["results"]["bindings"][0]["x"]["value"] == "slow" for a in answers)

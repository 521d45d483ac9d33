"""Real ``borderkg serve`` processes for tests that talk HTTP.

Use from a test module::

    from serverfixture import server  # noqa: F401  (the session-scoped fixture)

    def test_something(server):
        requests.get(f"{server.url}/sparql", params={"query": "ASK {}"})

``server`` is ONE server for the whole test session: a real ``borderkg serve`` process (granian,
query worker processes) on a free port, over a temporary store loaded once with the bundled
sample corpus, with an API token (so the write endpoints are on). It has ``.url`` (no trailing
slash), ``.store`` (the store folder), ``.token`` and ``.headers()`` (the Authorization header).
Tests that write through it must leave the sample data as they found it (use graphs of their
own and delete them); to break things, start a private server with :func:`start_server`.

``sample_store`` is the session's sample-corpus store itself (for in-process apps over the same
data: ``create_app({"store": sample_store})``). :func:`start_server` and :func:`small_store`
give a private server over a store of a few hand-written graphs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

#: Seconds to wait for a server to answer its first query (slow, shared CI machines).
START_TIMEOUT = 90.0
READY_QUERY = "ASK {}"


@dataclass
class Server:
    """A running ``borderkg serve`` process."""

    url: str
    store: Path
    token: str | None
    process: subprocess.Popen[bytes]
    log: Path
    args: Sequence[str] = field(default_factory=tuple)

    def headers(self) -> dict[str, str]:
        """The Authorization header carrying the API token."""
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def log_text(self) -> str:
        """What the server printed so far (standard output and error)."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        """Send ``sig`` to the server (not its group) and wait; kill it if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
                pytest.fail(f"the server did not stop within {timeout} s\n{self.log_text()}")
        return self.process.returncode


def free_port() -> int:
    """A TCP port that was free a moment ago on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without any ``BORDERKG_*`` setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERKG_")}
    env.update(extra or {})
    return env


def borderkg(*args: str, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run ``borderkg ARGS`` in a child process and return its result (text output)."""
    return subprocess.run(
        [sys.executable, "-m", "borderkg.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=kwargs.pop("env", None) or clean_env(),
        **kwargs,
    )


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Poll ``url/sparql`` until the server answers a query; fail with its log if it dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {process.returncode} before answering:\n"
                + log.read_text(encoding="utf-8", errors="replace")
            )
        try:
            reply = requests.get(f"{url}/sparql", params={"query": READY_QUERY}, timeout=5)
            if reply.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(
        f"the server did not answer within {timeout} s:\n"
        + log.read_text(encoding="utf-8", errors="replace")
    )


def start_server(
    store: Path,
    *args: str,
    command: str = "serve",
    token: str | None = None,
    log_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = START_TIMEOUT,
) -> Server:
    """Start ``borderkg COMMAND --store STORE --port P ARGS`` and wait until it answers.

    ``token`` is written to a token file and passed with ``--token-file``. Stop it with
    :meth:`Server.stop`. Retries on another port if the first one was taken meanwhile.
    """
    log_dir = log_dir or store.parent
    token_args: list[str] = []
    if token is not None:
        token_file = log_dir / f"token-{secrets.token_hex(4)}"
        token_file.write_text(token + "\n", encoding="utf-8")
        token_args = ["--token-file", str(token_file)]
    for attempt in range(3):
        port = free_port()
        log = log_dir / f"{command}-{port}.log"
        argv = [
            sys.executable,
            "-m",
            "borderkg.cli",
            command,
            "--store",
            str(store),
            "--port",
            str(port),
            *token_args,
            *args,
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(  # own session: a signal to the group hits it alone
                argv,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=clean_env(env),
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, process, log, timeout)
        except RuntimeError:
            if attempt < 2 and "in use" in log.read_text(errors="replace").lower():
                continue
            raise
        return Server(url, store, token, process, log, tuple(argv))
    raise AssertionError("unreachable")


@contextlib.contextmanager
def running_server(store: Path, *args: str, **kwargs) -> Iterator[Server]:
    """:func:`start_server` as a context manager that stops the server on exit."""
    srv = start_server(store, *args, **kwargs)
    try:
        yield srv
    finally:
        srv.stop()


SMALL_GRAPHS: dict[str, str] = {
    "http://example.org/graph/people": """
        <http://example.org/alice> <http://xmlns.com/foaf/0.1/name> "Alice" .
        <http://example.org/alice> <http://xmlns.com/foaf/0.1/knows> <http://example.org/bob> .
        <http://example.org/bob> <http://xmlns.com/foaf/0.1/name> "Bob"@en .
        <http://example.org/bob> <http://example.org/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
        <http://example.org/bob> <http://example.org/note> "line one\\nline\\ttwo \\"quoted\\", with comma" .
        <http://example.org/bob> <http://example.org/friendOf> _:someone .
        _:someone <http://xmlns.com/foaf/0.1/name> "Anonymous" .
    """,
    "http://example.org/graph/places": """
        <http://example.org/hyesan> <http://www.w3.org/2000/01/rdf-schema#label> "Hyesan"@en .
        <http://example.org/hyesan> <http://www.w3.org/2000/01/rdf-schema#label> "혜산"@ko .
        <http://example.org/changbai> <http://www.w3.org/2000/01/rdf-schema#label> "Changbai"@en .
    """,
}


def small_store(path: Path, graphs: Mapping[str, str] = SMALL_GRAPHS) -> Path:
    """A store at ``path`` holding ``graphs`` ({graph IRI: Turtle}), snapshot published."""
    import pyoxigraph as ox

    from borderkg.snapshots import publish_snapshot
    from borderkg.store import GraphStore

    with GraphStore.open(path) as store:
        for graph, text in graphs.items():
            lines = "\n".join(line.strip() for line in text.strip().splitlines())
            triples = [q.triple for q in ox.parse(lines, format=ox.RdfFormat.TURTLE)]
            store.replace_graph(graph, triples)
        publish_snapshot(store)
    return path


_SAMPLE_STORES: dict[Path, Path] = {}


def _load_sample(store: Path) -> None:
    """Run ``borderkg load --sample`` into ``store`` (the sample may hold rejected articles)."""
    result = borderkg("load", "--sample", "--store", str(store), "--workers", "2", "--quiet")
    assert result.returncode in (0, 1), result.stdout + result.stderr


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock`` (created if missing) for the ``with`` block."""
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def load_sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's sample-corpus store, loaded by ``borderkg load`` on first call.

    Under pytest-xdist the corpus is loaded once for the whole run, into a cache beside the
    workers' base folders (guarded by a file lock), and each worker gets its own copy: the
    workers' servers and writers must not share one store.
    """
    base = tmp_path_factory.getbasetemp()
    if base not in _SAMPLE_STORES:
        store = tmp_path_factory.mktemp("sample") / "store"
        if os.environ.get("PYTEST_XDIST_WORKER") is None:
            _load_sample(store)
        else:
            cache = base.parent / "sample-cache"
            with _exclusive(base.parent / "sample-cache.lock"):
                if not (cache / "loaded").exists():
                    shutil.rmtree(cache, ignore_errors=True)
                    _load_sample(cache / "store")
                    (cache / "loaded").touch()
            shutil.copytree(cache / "store", store)
        _SAMPLE_STORES[base] = store
    return _SAMPLE_STORES[base]


def private_copy(sample_store: Path, folder: Path) -> Path:
    """A copy of the sample store under ``folder`` for a test that writes (without the
    sample store's published snapshots: the copy publishes its own)."""
    root = folder / "store"
    shutil.copytree(sample_store, root, ignore=shutil.ignore_patterns("snapshots"))
    return root


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the bundled sample corpus, loaded once per session (shared with
    ``server``: read it, do not write it)."""
    return load_sample_store(tmp_path_factory)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The session's real server over the sample corpus, writes on (see the module docstring)."""
    store = load_sample_store(tmp_path_factory)
    logs = tmp_path_factory.mktemp("server")
    srv = start_server(
        store,
        "--workers",
        "2",
        "--threads",
        "8",
        "--timeout",
        "30",
        token=secrets.token_urlsafe(24),
        log_dir=logs,
    )
    try:
        yield srv
    finally:
        srv.stop()

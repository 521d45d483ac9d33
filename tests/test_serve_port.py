"""``borderkg serve`` and ``demo`` refuse an address another server already listens on.

granian binds with ``SO_REUSEPORT``: without a check of its own, a second server on the port
of a running one started without error and the kernel split the requests between the two
stores. The listeners here are real sockets, one of them a real ``borderkg serve``.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from serverfixture import borderkg, running_server, small_store

from borderkg import snapshots
from borderkg.store import GraphStore


@pytest.fixture
def reuseport_listener() -> Iterator[int]:
    """A socket listening on 127.0.0.1 with ``SO_REUSEPORT``, as granian's; its port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def unpublished_store(path: Path) -> Path:
    """A store (with one graph) that has never published a snapshot."""
    with GraphStore.open(path) as store:
        store.apply_update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> 1 } }")
    assert snapshots.current_snapshot(path) is None
    return path


def test_serve_refuses_a_port_taken_by_a_reuseport_listener_before_publishing(
    reuseport_listener: int, tmp_path: Path
) -> None:
    store = unpublished_store(tmp_path / "store")
    result = borderkg("serve", "--store", str(store), "--port", str(reuseport_listener), timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"address already in use: 127.0.0.1:{reuseport_listener}" in result.stderr
    assert "is another server running?" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshots.current_snapshot(store) is None  # refused before anything was started


def test_serve_refuses_a_port_taken_by_a_plain_listener(tmp_path: Path) -> None:
    store = unpublished_store(tmp_path / "store")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = borderkg("serve", "--store", str(store), "--port", str(port), timeout=60)
    assert result.returncode == 2
    assert f"address already in use: 127.0.0.1:{port}" in result.stderr


def test_demo_on_a_taken_port_loads_nothing(reuseport_listener: int, tmp_path: Path) -> None:
    store = tmp_path / "empty"
    result = borderkg("demo", "--store", str(store), "--port", str(reuseport_listener), timeout=60)
    assert result.returncode == 2
    assert "address already in use" in result.stderr
    assert not store.exists()  # the sample corpus was not loaded first


def test_a_host_name_is_refused_as_granian_takes_ip_addresses_only(tmp_path: Path) -> None:
    store = unpublished_store(tmp_path / "store")
    result = borderkg("serve", "--store", str(store), "--host", "localhost", timeout=60)
    assert result.returncode == 2
    assert "--host must be an IP address" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_second_serve_on_a_running_servers_port_is_refused_and_the_first_keeps_serving(
    tmp_path: Path,
) -> None:
    first = small_store(tmp_path / "first")
    second = unpublished_store(tmp_path / "second")
    with running_server(first, "--workers", "1", "--threads", "2") as server:
        port = server.url.rsplit(":", 1)[1]
        result = borderkg("serve", "--store", str(second), "--port", port, timeout=60)
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"address already in use: 127.0.0.1:{port}" in result.stderr
        # Every request still reaches the first store: its graph, never the second's.
        for _ in range(5):
            reply = requests.get(
                f"{server.url}/sparql",
                params={"query": "ASK { GRAPH <urn:x:g> { ?s ?p ?o } }"},
                headers={"Accept": "application/sparql-results+json"},
                timeout=30,
            )
            assert reply.json()["boolean"] is False
    assert snapshots.current_snapshot(second) is None

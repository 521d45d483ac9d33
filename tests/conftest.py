"""Fixtures shared across test files: the sample-corpus store and server, the query-pool store,
the extractor; and the ``alone`` marker for tests that time themselves.

The suite runs on two pytest-xdist workers (``-n 2 --dist loadfile`` in pyproject.toml). A test
marked ``alone`` asserts wall-clock or CPU-time bounds that assume no other test competes for
the cores, so while it runs (setup, call and teardown) the other worker waits between its
tests: each test holds a shared ``flock`` on a file in the run's folder, an ``alone`` test an
exclusive one. A second lock taken only while queueing keeps a stream of shared holders from
starving an exclusive one. Without xdist nothing is locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from extracthelp import extractor
from poolfixture import capped, pool, root
from serverfixture import sample_store, server

__all__ = ["capped", "extractor", "pool", "root", "sample_store", "server"]

_LOCKS: dict[str, IO[str]] = {}


def _lock_file(folder: Path, name: str) -> IO[str]:
    """This worker's open handle on the lock file ``name`` in ``folder`` (opened once)."""
    if name not in _LOCKS:
        _LOCKS[name] = (folder / name).open("a")
    return _LOCKS[name]


@contextlib.contextmanager
def _turn(folder: Path, exclusive: bool) -> Iterator[None]:
    """Hold the run's test lock, shared or exclusive, for the ``with`` block."""
    queue = _lock_file(folder, "alone-queue.lock")
    tests = _lock_file(folder, "alone-tests.lock")
    fcntl.flock(queue, fcntl.LOCK_EX)
    try:
        fcntl.flock(tests, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
    finally:
        fcntl.flock(queue, fcntl.LOCK_UN)
    try:
        yield
    finally:
        fcntl.flock(tests, fcntl.LOCK_UN)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "alone: the test times itself; no other xdist worker runs a test meanwhile",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Run each test under the run's test lock when on an xdist worker (see the docstring)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return (yield)
    # xdist gives each worker the base folder <run folder>/<worker id>
    folder = Path(item.config.getoption("basetemp")).parent
    with _turn(folder, exclusive=item.get_closest_marker("alone") is not None):
        return (yield)

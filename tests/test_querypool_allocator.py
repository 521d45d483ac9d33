"""The query workers' malloc: jemalloc preloaded when installed (``auto``), or glibc's.

``.ci/run`` installs Debian's ``libjemalloc2`` and sets ``$BORDERKG_REQUIRE_JEMALLOC``, so
there the jemalloc tests fail rather than skip when the library is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from poolfixture import _build

from borderkg import allocator
from borderkg.allocator import AllocatorMissing, active_allocator, worker_environment
from borderkg.api.config import ConfigError, ServeConfig
from borderkg.querypool import QueryPool, QuerySettings

COUNT_THREE = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { 1 2 3 } }"

needs_jemalloc = pytest.mark.skipif(
    allocator.find_jemalloc() is None and not os.environ.get("BORDERKG_REQUIRE_JEMALLOC"),
    reason="jemalloc is not installed (apt-get install libjemalloc2)",
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("alloc") / "store"
    _build(path)
    return path


def _maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace")


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def _count(pool: QueryPool, query: str) -> int:
    (row,) = pool.select(query)
    return int(row["n"].value)


@needs_jemalloc
@pytest.mark.parametrize("choice", ["auto", "jemalloc"])
def test_workers_run_on_jemalloc_and_leave_trimming_to_it(root: Path, choice: str) -> None:
    with QueryPool(root, QuerySettings(workers=1, worker_threads=1, allocator=choice)) as pool:
        assert _count(pool, COUNT_THREE) == 3
        (pid,) = pool.worker_pids()
        assert "jemalloc" in _maps(pid)
        assert "MALLOC_ARENA_MAX" not in _environ(pid) or "MALLOC_ARENA_MAX" in os.environ
        info = pool.worker_info()
        assert info["allocator"] == "jemalloc"
        before = info["trims"]
        assert _count(pool, COUNT_THREE) == 3
        assert pool.worker_info()["trims"] == before  # no malloc_trim under jemalloc
    assert "jemalloc" not in _maps(os.getpid())  # the server process keeps its malloc


def test_glibc_choice_preloads_nothing(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, worker_threads=1, allocator="glibc")) as pool:
        assert _count(pool, COUNT_THREE) == 3
        (pid,) = pool.worker_pids()
        assert "jemalloc" not in _maps(pid)
        assert pool.worker_info()["allocator"] == "glibc"
        assert _environ(pid)["MALLOC_ARENA_MAX"] == "1"


def test_an_operators_preload_is_kept_before_jemalloc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LD_PRELOAD", "libextra.so")
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    env = worker_environment(8, "libjemalloc.so.2")
    assert env["LD_PRELOAD"] == "libextra.so libjemalloc.so.2"
    assert "MALLOC_ARENA_MAX" not in env
    monkeypatch.delenv("LD_PRELOAD")
    env = worker_environment(3, None)
    assert "LD_PRELOAD" not in env and env["MALLOC_ARENA_MAX"] == "3"


def test_insisting_on_jemalloc_without_it_is_a_clear_error(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A machine without the library: the finder is the one thing replaced here.
    monkeypatch.setattr(allocator, "find_jemalloc", lambda: None)
    with pytest.raises(AllocatorMissing, match="apt-get install libjemalloc2"):
        QueryPool(root, QuerySettings(workers=1, allocator="jemalloc"))
    with pytest.raises(ConfigError, match="allocator = jemalloc, but the jemalloc library"):
        ServeConfig(store=root, allocator="jemalloc")  # `borderkg serve` stops here
    assert allocator.worker_preload("auto") is None  # auto falls back to glibc
    assert ServeConfig(store=root).allocator == "auto"
    with pytest.raises(ValueError, match="allocator must be one of auto, jemalloc, glibc"):
        QuerySettings(allocator="tcmalloc")


def test_the_active_allocator_is_read_from_the_memory_map(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text(
        "7f00-7f01 r-xp 00000000 08:01 42 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n",
        encoding="utf-8",
    )
    assert active_allocator(str(maps)) == "jemalloc"
    maps.write_text("7f00-7f01 r-xp 00000000 08:01 42 /usr/lib/libc.so.6\n", encoding="utf-8")
    assert active_allocator(str(maps)) == "glibc"
    assert active_allocator(str(tmp_path / "missing")) == "glibc"

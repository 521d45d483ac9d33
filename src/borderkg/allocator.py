"""Which ``malloc`` the query worker processes use: jemalloc when the system has it.

pyoxigraph evaluates a query in Rust, which allocates through the C library's ``malloc``.
With glibc's, the slots of a worker process either contend for one arena's lock or,
with an arena each, keep what a query freed until the worker hands it back with
``malloc_trim`` after every query, which costs CPU on the next query's page faults.
jemalloc (Debian's ``libjemalloc2``) gives each thread its own cache and returns memory
on its own, so neither is needed. Serving benchmark, medium query, 10,000-article store,
one run interleaving both with Oxigraph server, medians of five rounds: glibc (an arena
per slot, a trim after each query) 0.86x Oxigraph's requests/s at c=8 and 0.83x at c=32,
368 ms CPU per query; jemalloc 0.97x and 0.91x (p50 1.00x and 1.13x), 328-330 ms, and
less memory (147 MiB PSS of all serving processes against 168). Before the arena per slot,
one shared glibc arena had given 0.73x and 0.75x.

``auto`` (the default) preloads jemalloc into the workers when the dynamic linker can find
it, else uses glibc as above; ``jemalloc`` insists on it (a clear error when it is
missing); ``glibc`` never preloads. Only the worker processes are affected: the server
process, the loader and the CLI keep the system ``malloc``.
"""

from __future__ import annotations

import os
from functools import cache

#: The accepted values of the ``allocator`` setting.
CHOICES = ("auto", "jemalloc", "glibc")
JEMALLOC = "jemalloc"
GLIBC = "glibc"


class AllocatorMissing(RuntimeError):
    """The configured allocator is not installed on this machine."""


@cache
def find_jemalloc() -> str | None:
    """The name the dynamic linker knows jemalloc by (``libjemalloc.so.2``), or ``None``."""
    import ctypes.util  # here: it imports subprocess, which query workers need not load

    return ctypes.util.find_library("jemalloc")


def check_choice(choice: str) -> None:
    """Raise ``ValueError`` for a value of the setting not in :data:`CHOICES`."""
    if choice not in CHOICES:
        raise ValueError(f"allocator must be one of {', '.join(CHOICES)}, not {choice!r}")


def worker_preload(choice: str) -> str | None:
    """The library to preload into query worker processes for ``choice``, or ``None``.

    Raises :class:`AllocatorMissing` when ``choice`` is ``jemalloc`` and it cannot be found,
    and ``ValueError`` for a choice not in :data:`CHOICES`.
    """
    check_choice(choice)
    if choice == GLIBC:
        return None
    library = find_jemalloc()
    if library is None and choice == JEMALLOC:
        raise AllocatorMissing(
            "allocator = jemalloc, but the jemalloc library is not installed "
            "(Debian/Ubuntu: apt-get install libjemalloc2); use auto or glibc"
        )
    return library


def worker_environment(slots: int, preload: str | None) -> dict[str, str]:
    """The environment of a worker process with ``slots`` slots: this one's, plus jemalloc
    in ``LD_PRELOAD`` (after any library the operator preloads) when ``preload`` is given,
    else a glibc arena for each slot (unless the operator set ``MALLOC_ARENA_MAX``)."""
    env = dict(os.environ)
    if preload is None:
        env.setdefault("MALLOC_ARENA_MAX", str(max(slots, 1)))
        return env
    before = env.get("LD_PRELOAD", "").strip()
    env["LD_PRELOAD"] = f"{before} {preload}".strip() if before else preload
    return env


def active_allocator(maps: str = "/proc/self/maps") -> str:
    """``jemalloc`` when this process has jemalloc loaded (preloaded), else ``glibc``."""
    try:
        with open(maps, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if "jemalloc" in line:
                    return JEMALLOC
    except OSError:
        pass
    return GLIBC

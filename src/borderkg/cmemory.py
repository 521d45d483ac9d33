"""Handing the C heap's free pages back to the system (glibc ``malloc_trim``).

glibc keeps memory that C and Rust code (pyoxigraph) freed mapped in its arenas, so a
process that once needed much stays that large. The bulk loader calls this after a load;
a query worker after every query. Small on purpose: the query worker imports it.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    return trim


def release_free_memory() -> None:
    """Return the free pages of every malloc arena to the system; a no-op without glibc."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)

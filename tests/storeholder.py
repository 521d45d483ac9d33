"""A real second process holding a store open for writing, as a running load or server does."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

_HOLD = (
    "import sys\nfrom borderkg.store import GraphStore\n"
    "s = GraphStore.open(sys.argv[1])\nprint('ready', flush=True)\nsys.stdin.read()"
)


@contextlib.contextmanager
def store_held_elsewhere(store: Path) -> Iterator[None]:
    """Hold ``store`` open in another process for the ``with`` block; released on exit."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ready", "the holder could not open the store"
        yield
    finally:
        holder.stdin.close()
        try:
            holder.wait(timeout=30)
        finally:
            if holder.poll() is None:
                holder.kill()
                holder.wait()

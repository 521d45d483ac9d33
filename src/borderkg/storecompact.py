"""Rebuild a database compactly in a child process, so its memory goes back to the system.

A rebuild bulk-loads every quad into a new database (``storefiles.copy_compact``).
pyoxigraph's bulk loader buffers up to a million quads before it writes a batch, a few
hundred megabytes that the allocator keeps after the copy ends. Done in the loading
process, that buffer comes on top of everything the load built up (RocksDB write
buffers, caches, the gate) and stays until the process exits. In a child process that
starts with nothing but pyoxigraph and exits when the copy is done, the peak is the
copy's own and is returned to the system at once.

The child reads a checkpoint of the live database (hard links, cheap), never the live
database itself: pyoxigraph forbids opening a database read-only while another process
has it open for writing. Both directories get database names (``data-NNNNNN``), so a
rebuild killed half way leaves directories that the next open removes as stale. The
child dies with its parent (Linux ``PR_SET_PDEATHSIG``), so a killed load never leaves a
rebuild running on its own.

Run as ``python -m borderkg.storecompact SOURCE TARGET PARENT_PID``; it prints
``{"quads": N, "table_bytes": B}`` as one JSON line and exits 0, or prints the error on
standard error and exits 1.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from borderkg.storelock import StoreError

#: Characters of the child's standard error quoted in a failure message.
ERROR_TAIL = 2000
#: ``prctl`` option that sends the child a signal when its parent thread ends.
_PR_SET_PDEATHSIG = 1


def rebuild(source: Path, target: Path) -> tuple[int, int]:
    """Copy the database at ``source`` into a compact new one at ``target`` in a child process.

    Returns the number of quads and the table bytes of the copy. ``source`` must not be
    open for writing anywhere (give a checkpoint). Raises :class:`StoreError` with the
    child's message if the copy fails; ``target`` is then removed.
    """
    command = [
        sys.executable,
        "-m",
        "borderkg.storecompact",
        str(source),
        str(target),
        str(os.getpid()),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        import shutil

        shutil.rmtree(target, ignore_errors=True)
        message = done.stderr.strip()[-ERROR_TAIL:] or f"exit status {done.returncode}"
        raise StoreError(f"Rebuilding the database into {target} failed: {message}")
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1])
        return int(answer["quads"]), int(answer["table_bytes"])
    except (IndexError, KeyError, ValueError) as exc:
        raise StoreError(f"The rebuild of {target} gave no result: {done.stdout!r}") from exc


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` ends (Linux; elsewhere a no-op)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before prctl took effect
        os._exit(1)


def main(argv: list[str]) -> int:
    """Entry point of the child: copy, check, print the counts."""
    import pyoxigraph as ox

    from borderkg import storefiles

    source, target, parent = Path(argv[0]), Path(argv[1]), int(argv[2])
    _die_with_parent(parent)
    try:
        store = ox.Store.read_only(str(source))
        quads, table_bytes = storefiles.copy_compact(store, target)
    except (OSError, StoreError) as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"quads": quads, "table_bytes": table_bytes}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

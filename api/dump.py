"""Streaming the whole dataset as N-Quads (``/dump.nq``, ``/dump.nq.gz``) from a child process.

The dump is written by pyoxigraph's own serializer (``Store.dump``) in a short-lived child
process that opens the current snapshot read-only and writes to a pipe; the server thread only
relays bytes. So a dump never holds the data in memory, never occupies a query worker or the
query timeout (a large dump takes longer than any query may), does not put RocksDB's caches
into the server process, and stops at once when the client goes away (the child is killed).
At most :data:`MAX_DUMPS` run at once; beyond, 503 with ``Retry-After``.

Run as ``python -m borderkg.api.dump SNAPSHOT_DIR [--gzip]`` it is the child itself.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

#: Dumps streamed at once by one server process.
MAX_DUMPS = 2
#: Bytes relayed per read from the child's pipe.
CHUNK = 256 * 1024
#: Seconds a refused client is told to wait.
RETRY_AFTER = 30

_slots = threading.BoundedSemaphore(MAX_DUMPS)


class DumpBusy(Exception):
    """:data:`MAX_DUMPS` dumps are already streaming."""


class DumpFailed(Exception):
    """The child could not start the dump (the snapshot could not be opened …)."""


class DumpStream:
    """A running dump: iterate for its bytes; :meth:`close` stops the child (idempotent).

    Created by :func:`start_dump`, which waits for the first bytes (or the child's exit) so
    that a failure to open the snapshot is an error response, not a broken 200.
    """

    def __init__(self, process: subprocess.Popen[bytes], errors: IO[bytes], first: bytes):
        self._process = process
        self._errors = errors
        self._first = first
        self._closed = False
        self._lock = threading.Lock()

    def __iter__(self) -> Iterator[bytes]:
        stdout = self._process.stdout
        assert stdout is not None
        try:
            if self._first:
                yield self._first
            while chunk := stdout.read1(CHUNK):
                yield chunk
            if self._process.wait() != 0:
                # Raising mid-body makes the server drop the connection: the client sees an
                # incomplete transfer instead of a complete-looking truncated dump.
                message = self._error_text()
                raise DumpFailed(f"the dump child failed after sending data: {message}")
        finally:
            self.close()

    def _error_text(self) -> str:
        self._errors.seek(0)
        return self._errors.read().decode("utf-8", "replace").strip()[-2000:]

    def close(self) -> None:
        """Kill the child if it still runs, free its pipe and this dump's slot."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        if self._process.poll() is None:
            self._process.kill()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._process.wait()
        self._errors.close()
        _slots.release()


def start_dump(snapshot: Path, *, compress: bool = False) -> DumpStream:
    """Start dumping ``snapshot`` (a bare pyoxigraph database) as N-Quads, gzipped or not.

    Raises :class:`DumpBusy` when :data:`MAX_DUMPS` dumps are streaming and
    :class:`DumpFailed` when the child fails before its first byte.
    """
    if not _slots.acquire(blocking=False):
        raise DumpBusy(f"{MAX_DUMPS} dumps are being streamed already")
    try:
        # Not a with block: the file lives as long as the stream that reads it.
        errors = tempfile.TemporaryFile()  # noqa: SIM115
        argv = [sys.executable, "-m", "borderkg.api.dump", str(snapshot)]
        process = subprocess.Popen(
            [*argv, "--gzip"] if compress else argv,
            stdout=subprocess.PIPE,
            stderr=errors,
            stdin=subprocess.DEVNULL,
        )
    except BaseException:
        _slots.release()
        raise
    assert process.stdout is not None
    first = process.stdout.read1(CHUNK)
    stream = DumpStream(process, errors, first)
    if not first and process.wait() != 0:
        message = stream._error_text()
        stream.close()
        raise DumpFailed(message or f"the dump child exited with {process.returncode}")
    return stream


def _main(argv: list[str]) -> int:
    """The child: write the snapshot at ``argv[0]`` as N-Quads to standard output."""
    import pyoxigraph as ox

    from borderkg.snapshots import open_held

    store, _held = open_held(Path(argv[0]))  # held until this process exits
    out: IO[bytes] = sys.stdout.buffer
    with contextlib.ExitStack() as stack:
        if "--gzip" in argv[1:]:
            out = stack.enter_context(gzip.GzipFile(fileobj=out, mode="wb", mtime=0))
        store.dump(out, format=ox.RdfFormat.N_QUADS)
        out.flush()
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

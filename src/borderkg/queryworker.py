"""A query worker process: runs SPARQL queries on the current snapshot, streams results.

Started by :class:`borderkg.querypool.QueryPool` as ``python -m borderkg.queryworker FDS
PARENT_PID`` with one end of a Unix socket pair per *slot* (``FDS``: file descriptors
separated by commas). Each slot is a thread (with a deep stack: ``deepstack``) that runs one
query at a time; the slots share the process's store and its RocksDB block cache, which is
most of a worker's memory (pyoxigraph evaluates queries without holding the GIL, so the slots
really run in parallel). A slot sleeps in ``poll`` between queries: busy-waiting for the next
one was measured to cost CPU that the other processes of a loaded server need, without a
steady gain in latency. The process
imports only pyoxigraph and small borderkg modules (no rdflib, Flask or spaCy), and is killed
when a query runs past its deadline — pyoxigraph has no timeout of its own; the pool then
re-runs the other slots' queries elsewhere.

Protocol, per slot: length-prefixed frames (4-byte big-endian length, then a one-byte tag
and a payload). The parent sends an init frame on the first slot, the worker answers
``R`` (ready) on every slot; then the parent sends one request frame per query on a slot;
the worker answers it on that slot with any number of ``D`` (data chunk) frames and one final
frame: ``K`` (done: rows, capped flag, the last data) or ``E`` (error, JSON). Results are
written in chunks as the serializer produces them, so a large result never sits whole in
memory here; the parent only answers the client once ``K`` arrived.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import struct
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from borderkg import deepstack
from borderkg.allocator import GLIBC, active_allocator
from borderkg.cmemory import release_free_memory
from borderkg.querymessages import explain_syntax_error
from borderkg.resultcap import Capped, RowCap, cap_document
from borderkg.servicefail import explain_service_failure
from borderkg.snapshots import DatabaseReader, SnapshotReader

HEADER = struct.Struct("!I")
DONE_HEADER = struct.Struct("!qBc")  # rows (-1: none), capped, kind (S, A, G)
READY, DATA, DONE, ERROR, INFO = b"R", b"D", b"K", b"E", b"I"
CHUNK_BYTES = 256 * 1024
#: Seconds of idleness after which the worker checks for a new snapshot anyway (so that
#: an idle worker lets go of superseded snapshots).
IDLE_REFRESH = 5.0

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_NO_PREFIXES = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)


# -- framing (used by both sides) ------------------------------------------------------


def send_frame(sock: socket.socket, tag: bytes, payload: bytes | bytearray = b"") -> None:
    """Send one frame: length, tag, payload."""
    if len(payload) <= 65536:
        sock.sendall(HEADER.pack(len(payload) + 1) + tag + payload)
    else:  # large chunks: no copy of the payload
        sock.sendall(HEADER.pack(len(payload) + 1) + tag)
        sock.sendall(payload)


class FrameReader:
    """Reads frames from a socket; honours the socket's timeout (``TimeoutError``)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def read(self) -> bytes:
        """The next frame (tag first); ``EOFError`` if the other side closed."""
        buffer = self.buffer
        while True:
            if len(buffer) >= 4:
                (size,) = HEADER.unpack_from(buffer)
                end = 4 + size
                if len(buffer) >= end:
                    with memoryview(buffer) as view:
                        frame = bytes(view[4:end])
                    del buffer[:end]
                    return frame
                need = end - len(buffer)
            else:
                need = 4 - len(buffer)
            received = self.sock.recv(max(need, 65536))
            if not received:
                raise EOFError("the other end closed the connection")
            buffer += received


# -- running one query -----------------------------------------------------------------


class ChunkWriter:
    """A binary file-like object that sends what it is given as ``D`` frames."""

    def __init__(self, sock: socket.socket, chunk: int) -> None:
        self.sock = sock
        self.chunk = chunk
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= self.chunk:
            send_frame(self.sock, DATA, self.buffer)
            self.buffer = bytearray()
        return len(data)

    def flush(self) -> None:
        """Nothing to do: data goes out in chunks, the rest with the final frame."""


class DocumentWriter:
    """A binary file-like object that keeps a whole result in memory (for results known to
    be small). A SELECT result written here is capped once it is complete
    (:func:`~borderkg.resultcap.cap_document`), not counted as it streams; its rows are
    then ``None`` when the result is surely under the cap (count them with
    :func:`~borderkg.resultcap.count_rows` if needed)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to do: everything stays in memory."""

    def getvalue(self) -> bytes:
        """Everything written (the serializer usually writes a small result at once)."""
        return self.parts[0] if len(self.parts) == 1 else b"".join(self.parts)

    def cap(self, fmt: str, max_rows: int) -> tuple[int | None, bool]:
        """Cut the complete result at ``max_rows`` rows; ``(rows or None, capped)``."""
        data, rows, capped = cap_document(self.getvalue(), fmt, max_rows)
        self.parts, self.size = [data], len(data)
        return rows, capped


Output = ChunkWriter | DocumentWriter


def _dataset_options(request: dict[str, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    default_graphs, named_graphs = request.get("dg"), request.get("ng")
    if default_graphs is not None or named_graphs is not None:
        options["default_graph"] = [
            ox.DefaultGraph() if g is None else ox.NamedNode(g) for g in default_graphs or ()
        ]
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or ()]
    elif request.get("union"):
        options["use_default_graph_as_union"] = True
    return options


class Mismatch(Exception):
    """The requested format does not fit the query's result (e.g. Turtle for SELECT)."""


def _solutions(
    result: ox.QuerySolutions, fmt: str, out: Output, max_rows: int
) -> tuple[int | None, bool]:
    if fmt not in RESULT_FORMATS:
        raise Mismatch(f"a SELECT query gives results, not {fmt}")
    if isinstance(out, DocumentWriter):
        result.serialize(out, RESULT_FORMATS[fmt])
        return out.cap(fmt, max_rows)
    cap = RowCap(out, fmt, max_rows)
    with contextlib.suppress(Capped):
        result.serialize(cap, RESULT_FORMATS[fmt])
    cap.finish()
    return cap.rows, cap.capped


def _triples(
    result: ox.QueryTriples, fmt: str, out: Output, max_rows: int, prefixes: dict[str, str]
) -> tuple[int, bool]:
    if fmt not in GRAPH_FORMATS:
        raise Mismatch(f"a CONSTRUCT or DESCRIBE query gives a graph, not {fmt}")
    count, capped = 0, False

    def limited() -> Iterator[ox.Triple]:
        nonlocal count, capped
        for triple in result:
            if count == max_rows:
                capped = True
                return
            count += 1
            yield triple

    form = GRAPH_FORMATS[fmt]
    ox.serialize(limited(), out, form, prefixes=None if form in _NO_PREFIXES else prefixes)
    return count, capped


def run_query(
    store: ox.Store, request: dict[str, Any], prefixes: dict[str, str], out: Output
) -> tuple[int | None, bool, bytes]:
    """Run one request, writing the serialized result to ``out`` (chunk by chunk to a
    :class:`ChunkWriter`; whole, then capped, to a :class:`DocumentWriter`).

    ``prefixes``: all predeclared prefixes; the request's ``px`` names those the query
    uses (passing a prefix to pyoxigraph costs more than a cheap query), ``None`` all.

    Returns ``(rows, capped, kind)``: rows or triples written (``None`` for ASK, and for a
    SELECT written to a :class:`DocumentWriter` that is surely under the cap), whether
    the cap cut the result, and ``b"S"`` / ``b"A"`` / ``b"G"`` for solutions, a boolean
    or a graph.
    """
    options = _dataset_options(request)
    if "base" in request:
        options["base_iri"] = request["base"]
    names = request.get("px")
    used = prefixes if names is None else {name: prefixes[name] for name in names}
    try:
        result = store.query(request["q"], prefixes=used, **options)
    except SyntaxError as exc:
        # The lexer may miss a prefixed name in a text it cannot classify: try them all.
        if used is prefixes or "Prefix not found" not in str(exc):
            raise
        result = store.query(request["q"], prefixes=prefixes, **options)
    fmt, max_rows = request["fmt"], int(request["max"])
    if isinstance(result, ox.QuerySolutions):
        return (*_solutions(result, fmt, out, max_rows), b"S")
    if isinstance(result, ox.QueryTriples):
        return (*_triples(result, fmt, out, max_rows, prefixes), b"G")
    if fmt not in RESULT_FORMATS:
        raise Mismatch(f"an ASK query gives a boolean result, not {fmt}")
    result.serialize(out, RESULT_FORMATS[fmt])
    return None, False, b"A"


# -- the process -----------------------------------------------------------------------


def _rss_kib() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphan keeps computing)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _error(sock: socket.socket, code: str, message: str, **details: str | None) -> None:
    error = {"code": code, "message": message, **details}
    send_frame(sock, ERROR, json.dumps(error).encode())


def _failed(sock: socket.socket, query: str, exc: Exception, prefixes: dict[str, str]) -> None:
    """Report a query that failed while it ran: a failed ``SERVICE`` call as ``service``
    (naming the endpoint), anything else as ``failed``."""
    kind = type(exc).__name__
    service = explain_service_failure(query, kind, str(exc), prefixes)
    if service is not None:
        _error(sock, "service", service.message, endpoint=service.endpoint)
    else:
        _error(sock, "failed", f"{kind}: {exc}")


class WorkerState:
    """What a worker's slots share: the snapshot store, refreshed under a lock (or, with
    ``database``, that one database, as it is)."""

    def __init__(self, root: str, database: str | None = None) -> None:
        self.reader: SnapshotReader | DatabaseReader = (
            SnapshotReader(root) if database is None else DatabaseReader(database)
        )
        self.lock = threading.Lock()
        self._counted = threading.Lock()
        self.trims = 0  # queries after which memory was handed back (for the debug op)
        self.allocator = active_allocator()

    def release_memory(self) -> None:
        """Hand back what the query just finished freed, so a process with a glibc arena
        per slot (see :mod:`borderkg.allocator`) stays about as small as one with a single
        arena. jemalloc returns memory on its own: nothing to do."""
        if self.allocator != GLIBC:
            return
        release_free_memory()
        with self._counted:
            self.trims += 1

    def current(self) -> ox.Store:
        """The store of the current snapshot (reopened first if a new one was published)."""
        with self.lock:
            before = self.reader.name
            if self.reader.refresh() and before is not None and self.reader.name != before:
                # The server log names the snapshot it started with; say when queries move on.
                print(
                    f"borderkg: queries now read snapshot {self.reader.name} "
                    f"(worker {os.getpid()}, was {before})",
                    file=sys.stderr,
                    flush=True,
                )
            return self.reader.store

    def idle(self) -> None:
        """An idle slot's periodic check: let go of a superseded snapshot (a spare that
        has not opened one yet stays closed)."""
        if self.reader.name is not None:
            self.current()

    @property
    def name(self) -> str | None:
        """The name of the snapshot in use."""
        return self.reader.name


def serve_slot(
    sock: socket.socket, frames: FrameReader, shared: WorkerState, config: dict[str, Any]
) -> None:
    """Answer the requests of one slot until the parent closes its socket."""
    prefixes: dict[str, str] = config.get("prefixes") or {}
    chunk = int(config.get("chunk", CHUNK_BYTES))
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    idle_ms = int(float(config.get("idle", IDLE_REFRESH)) * 1000)
    while True:
        if not frames.buffer and not poller.poll(idle_ms):
            shared.idle()
            continue
        try:
            request = json.loads(frames.read()[1:].decode())
        except EOFError:
            return
        if request.get("op") == "debug":
            info = {
                "pid": os.getpid(),
                "snapshot": shared.name,
                "modules": sorted(sys.modules),
                "rss_kib": _rss_kib(),
                "threads": sum(t.name.startswith("slot-") for t in threading.enumerate()),
                "trims": shared.trims,
                "allocator": shared.allocator,
            }
            send_frame(sock, INFO, json.dumps(info).encode())
            continue
        out = ChunkWriter(sock, chunk)
        try:
            rows, capped, kind = run_query(shared.current(), request, prefixes, out)
        except SyntaxError as exc:
            _error(sock, "syntax", explain_syntax_error(request["q"], str(exc), prefixes))
        except Mismatch as exc:
            _error(sock, "mismatch", str(exc))
        except (OSError, ValueError) as exc:
            if "not support" in str(exc):  # e.g. triple terms in JSON-LD or RDF/XML
                _error(sock, "mismatch", f"The result cannot be written in this format: {exc}")
            else:
                _failed(sock, request["q"], exc, prefixes)
        except Exception as exc:
            _failed(sock, request["q"], exc, prefixes)
        else:
            done = DONE_HEADER.pack(-1 if rows is None else rows, capped, kind)
            send_frame(sock, DONE, done + out.buffer)
        shared.release_memory()


def _slot_thread(
    sock: socket.socket, frames: FrameReader, shared: WorkerState, config: dict[str, Any]
) -> None:
    """A slot's thread: serve it, then close its socket."""
    try:
        serve_slot(sock, frames, shared, config)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        pass  # the parent closed this slot or went away
    finally:
        sock.close()


def serve(socks: list[socket.socket]) -> None:
    """Open the snapshot, report ready on every slot and serve them until all are closed."""
    frames = [FrameReader(sock) for sock in socks]
    config = json.loads(frames[0].read()[1:])
    shared = WorkerState(config["root"], config.get("database"))
    if not config.get("lazy"):  # a spare opens the snapshot when its first query comes
        try:
            shared.current()
        except Exception as exc:
            _error(socks[0], "no-snapshot", str(exc))
            return
    ready = json.dumps({"pid": os.getpid(), "snapshot": shared.name}).encode()
    for sock in socks:
        send_frame(sock, READY, ready)
    # Every slot runs on a deep-stack thread: a query nested thousands deep then meets the
    # timeout rather than overflowing the stack and killing the other slots' queries too.
    threads = [
        deepstack.start(_slot_thread, (sock, reader, shared, config), name=f"slot-{number}")
        for number, (sock, reader) in enumerate(zip(socks, frames, strict=True))
    ]
    for thread in threads:
        thread.join()


def main(argv: list[str] | None = None) -> None:
    """Entry point: ``python -m borderkg.queryworker FD[,FD…] [PARENT_PID]``."""
    args = sys.argv[1:] if argv is None else argv
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which kills us
    _die_with_parent()
    if len(args) > 1 and os.getppid() != int(args[1]):
        return  # the parent died before the line above took effect
    socks = [socket.socket(fileno=int(fd)) for fd in args[0].split(",")]
    try:
        serve(socks)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        pass  # the parent went away
    finally:
        for sock in socks:
            sock.close()


if __name__ == "__main__":
    main()

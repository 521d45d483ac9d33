"""The query pool's settings, errors, results and metrics (see :mod:`borderkg.querypool`).

Kept apart from the pool so that its pieces read on their own; import them from
:mod:`borderkg.querypool`, which re-exports everything here.
"""

from __future__ import annotations

import bisect
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from borderkg.allocator import check_choice
from borderkg.resultcap import count_rows

#: Bytes handed to the HTTP server per chunk when streaming a spooled result.
READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class QuerySettings:
    """Limits and policies of a :class:`~borderkg.querypool.QueryPool`.

    ``workers``: queries that run at once, each on a thread (slot) of a worker process;
    ``worker_threads``: slots per worker process (slots of a process share its memory, and
    a timeout that kills the process makes the pool run its other queries again). ``timeout``: seconds a query may run (a client
    may ask for less, never more); ``max_timeout``: the largest ``timeout`` an operator may
    configure. ``max_rows``: rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned at
    most; a larger result is cut to exactly this many and marked capped. ``max_queue``:
    requests that may wait for a free worker before more are refused (:class:`PoolBusy`).
    ``service_allowlist``: ``SERVICE`` endpoints queries may call (``"*"``: any, variable
    endpoints included; empty: ``SERVICE`` is off). ``default_graph_union``: the default
    graph is the union of all graphs unless the query or request names a dataset.
    ``spool_bytes``: results larger than this are spooled to a temporary file.
    ``local_budget``: seconds a bounded lookup (see
    :func:`borderkg.querytext.is_bounded_lookup`) may run in the calling process before it
    goes to a worker instead (see :mod:`borderkg.querylocal`); ``0``: every query goes to a
    worker. ``allocator``: the ``malloc`` of the worker processes (``auto``, ``jemalloc`` or
    ``glibc``; see :mod:`borderkg.allocator`). ``spare``: keep a spare worker process
    waiting to take the place of one killed at a timeout (a server does; a command that runs
    one query need not).
    """

    workers: int = 16
    worker_threads: int = 16
    allocator: str = "auto"
    timeout: float = 30.0
    max_timeout: float = 300.0
    max_rows: int = 100_000
    max_queue: int = 64
    service_allowlist: tuple[str, ...] = ()
    default_graph_union: bool = True
    spool_bytes: int = 1 << 20
    local_budget: float = 0.02
    spare: bool = True

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        if self.worker_threads < 1:
            raise ValueError(f"worker_threads must be at least 1, not {self.worker_threads}")
        if not 0 < self.timeout <= self.max_timeout:
            raise ValueError(
                f"timeout must be more than 0 and at most max_timeout ({self.max_timeout} s), "
                f"not {self.timeout}"
            )
        if self.max_rows < 1:
            raise ValueError(f"max_rows must be at least 1, not {self.max_rows}")
        if not 0 <= self.local_budget <= 1:
            raise ValueError(f"local_budget must be 0 to 1 s, not {self.local_budget}")
        if self.max_queue < 0:
            raise ValueError(f"max_queue must not be negative, not {self.max_queue}")
        check_choice(self.allocator)
        object.__setattr__(self, "service_allowlist", tuple(self.service_allowlist))


# -- errors ----------------------------------------------------------------------------


class QueryError(Exception):
    """A query could not be answered. ``status``: the HTTP status to answer with;
    ``code``: a stable machine-readable code; ``outcome``: its metrics label;
    ``headers``: extra response headers (``Retry-After``)."""

    status = 500
    code = "query-error"
    outcome = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.headers: dict[str, str] = {}


class QuerySyntaxError(QueryError):
    """The query does not parse; the message is the parser's, with line and column."""

    status, code = 400, "malformed-query"


class UpdateOnQueryURL(QueryError):
    """A SPARQL update was sent to the query operation, which never runs updates."""

    status, code = 400, "update-on-query-url"


class InvalidDataset(QueryError):
    """A ``default-graph-uri`` / ``named-graph-uri`` value is not an absolute IRI."""

    status, code = 400, "invalid-graph-iri"


class ServiceNotAllowed(QueryError):
    """The query calls a ``SERVICE`` endpoint the operator has not allowed.

    403 Forbidden: the request is understood and well-formed, the server's policy refuses
    it, and repeating it will not help. ``endpoint`` names the refused endpoint.
    """

    status, code = 403, "service-not-allowed"

    def __init__(self, message: str, endpoint: str | None = None) -> None:
        super().__init__(message)
        self.endpoint = endpoint


class NotAcceptable(QueryError):
    """The requested result format does not fit the query (e.g. Turtle for a SELECT)."""

    status, code = 406, "not-acceptable"


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped (its worker process killed)."""

    status, code, outcome = 503, "query-timeout", "timeout"

    def __init__(self, message: str, limit: float) -> None:
        super().__init__(message)
        self.limit = limit


class PoolBusy(QueryError):
    """Too many queries at once: every worker is busy and the queue is full."""

    status, code, outcome = 503, "busy", "busy"

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.headers["Retry-After"] = str(retry_after)


class QueryFailed(QueryError):
    """The engine or a worker failed (a server-side failure, never the client's fault)."""

    status, code, outcome = 500, "query-failed", "failed"


class ServiceFailed(QueryError):
    """A ``SERVICE`` endpoint the query calls could not be reached, or answered with an
    error or with something the engine cannot read (see :mod:`borderkg.servicefail`).

    502 Bad Gateway: an upstream server failed, not this one and not the request.
    ``endpoint`` names it, when the engine's message or the query tells which.
    """

    status, code, outcome = 502, "service-failed", "failed"

    def __init__(self, message: str, endpoint: str | None = None) -> None:
        super().__init__(message)
        self.endpoint = endpoint


# -- results ---------------------------------------------------------------------------


class QueryResult:
    """A finished query's serialized result, ready to stream.

    ``form``: ``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"`` or ``"DESCRIBE"``; ``media_type``:
    the canonical media type of the bytes; ``rows``: rows (SELECT) or triples
    (CONSTRUCT/DESCRIBE) in it, ``None`` for ASK; ``capped``: the result was cut at the
    pool's ``max_rows``. The bytes are in memory when small, else in a temporary file:
    :meth:`chunks` streams them; :meth:`close` (also on ``with`` exit) frees them.
    ``count``: the results format of a ``body`` whose rows were not counted (it is surely
    under the cap, see :func:`borderkg.resultcap.cap_document`); :attr:`rows` counts them
    when first read.
    """

    def __init__(
        self,
        form: str,
        media_type: str,
        rows: int | None,
        capped: bool,
        body: bytes = b"",
        spool: tempfile.SpooledTemporaryFile[bytes] | None = None,
        *,
        count: str | None = None,
    ) -> None:
        self.form = form
        self.media_type = media_type
        self._rows = rows
        self.capped = capped
        self._body = body
        self._spool = spool
        # The results format of ``body`` when its rows are counted only if asked for.
        self._count = count
        self._counted = body

    @property
    def rows(self) -> int | None:
        """Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in the result, ``None`` for ASK."""
        if self._count is not None:
            self._rows = count_rows(self._counted, self._count)
            self._count, self._counted = None, b""
        return self._rows

    def chunks(self, size: int = READ_CHUNK) -> Iterator[bytes]:
        """The serialized result in pieces of at most ``size`` bytes (readable once)."""
        if self._spool is None:
            body = self._body
            for start in range(0, len(body), size):
                yield body[start : start + size] if len(body) > size else body
            return
        spool = self._spool
        spool.seek(0)
        while data := spool.read(size):
            yield data

    __iter__ = chunks

    @property
    def body(self) -> bytes | None:
        """The whole result when it is held in memory (it came in one frame), else ``None``
        (spooled: stream it with :meth:`chunks`). Lets a server send a small result as one
        body with a ``Content-Length``."""
        return self._body if self._spool is None else None

    def read(self) -> bytes:
        """The whole serialized result (for small results: pages, tests)."""
        return b"".join(self.chunks())

    def close(self) -> None:
        """Free the spooled bytes. Calling it twice is harmless."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        self._body = b""

    def __enter__(self) -> QueryResult:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        capped = " capped" if self.capped else ""
        return f"<QueryResult {self.form} {self.media_type} rows={self.rows}{capped}>"


# -- metrics ---------------------------------------------------------------------------

#: Upper bounds (seconds) of the latency histogram buckets, Prometheus style.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
OUTCOMES = ("ok", "capped", "error", "failed", "timeout", "busy")


@dataclass
class PoolMetrics:
    """Counters a pool keeps; :meth:`snapshot` copies them for ``/metrics``."""

    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    buckets: list[int] = field(default_factory=lambda: [0] * (len(LATENCY_BUCKETS) + 1))
    latency_sum: float = 0.0
    killed: int = 0  # workers killed at a timeout
    crashed: int = 0  # workers that died on their own
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def observe(self, outcome: str, seconds: float) -> None:
        """Count one query with its outcome and latency."""
        index = bisect.bisect_left(LATENCY_BUCKETS, seconds)
        with self.lock:
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
            self.buckets[index] += 1
            self.latency_sum += seconds

    def count(self, what: str) -> None:
        """Count a worker event: ``"killed"`` or ``"crashed"``."""
        with self.lock:
            setattr(self, what, getattr(self, what) + 1)

    def snapshot(self) -> dict[str, Any]:
        """``{"queries": {outcome: n}, "latency": {"buckets": [(le, cumulative n)…],
        "sum": s, "count": n}, "workers_killed": n, "workers_crashed": n}``; the last
        bucket's bound is ``float("inf")``."""
        with self.lock:
            cumulative, running = [], 0
            for bound, n in zip((*LATENCY_BUCKETS, float("inf")), self.buckets, strict=True):
                running += n
                cumulative.append((bound, running))
            return {
                "queries": dict(self.outcomes),
                "latency": {"buckets": cumulative, "sum": self.latency_sum, "count": running},
                "workers_killed": self.killed,
                "workers_crashed": self.crashed,
            }

"""Run SPARQL queries in killable worker processes: timeouts, result caps, limits.

pyoxigraph has no query timeout, so queries run in :mod:`borderkg.queryworker` processes
that open the store's current snapshot read-only (see :mod:`borderkg.snapshots`), each
query on a slot (thread) of a worker process. A :class:`QueryPool` hands each request an
idle slot (requests queue, up to ``max_queue``, when all are busy), waits for the answer
until the request's deadline, and at the deadline kills the slot's process with SIGKILL —
which really frees its CPU — and puts a waiting spare process in its place (a new spare
starts in the background). Queries that shared the killed process are run again at once on
other slots, within their own deadlines: only the late query gets a timeout. The worker
streams the serialized result in chunks; the pool spools them (in memory, then a temporary
file) and returns a :class:`QueryResult` only once the worker reported success, so a
timeout half way through a large result is a :class:`QueryTimeout` (503), never a
truncated 200.

Bounded lookups (see :func:`borderkg.querytext.is_bounded_lookup`: one triple pattern with a
constant subject) skip the trip to a worker: on their slot's turn, so the concurrency limit
holds, :class:`~borderkg.querylocal.LocalRunner` runs them in this process on a tight budget,
and hands one that turns out big back to the worker of that slot.

Dataset policy: the default graph is the union of all graphs (article graphs, ontology,
schemes, vocabulary) unless the query has ``FROM`` / ``FROM NAMED`` (then its dataset
applies) or the request gives ``default_graphs`` / ``named_graphs`` (then exactly those,
overriding the query's). pyoxigraph's ``use_default_graph_as_union`` overrides a query's
``FROM`` (checked with pyoxigraph 0.5), so it is only passed for queries without one.
Named graphs: all of them. The project prefixes are predeclared.

``SERVICE``: refused unless every endpoint is in ``service_allowlist``; a variable
endpoint (``SERVICE ?x``) only with ``"*"`` in the allowlist. A call that fails (the
endpoint unreachable, an HTTP error, an unreadable answer) is a :class:`ServiceFailed`
naming the endpoint (see :mod:`borderkg.servicefail`).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from borderkg import conneg, querytext
from borderkg.allocator import GLIBC, JEMALLOC, worker_preload
from borderkg.ontology.namespaces import PREFIXES
from borderkg.querylocal import LocalRunner
from borderkg.queryprocs import Worker, WorkerSet
from borderkg.querytypes import (
    InvalidDataset,
    NotAcceptable,
    PoolBusy,
    PoolMetrics,
    QueryError,
    QueryFailed,
    QueryResult,
    QuerySettings,
    QuerySyntaxError,
    QueryTimeout,
    ServiceFailed,
    ServiceNotAllowed,
    UpdateOnQueryURL,
)
from borderkg.queryworker import CHUNK_BYTES, DATA, DONE, DONE_HEADER, ERROR, INFO, send_frame
from borderkg.servicefail import timeout_hint

__all__ = [
    "InvalidDataset",
    "NotAcceptable",
    "PoolBusy",
    "QueryError",
    "QueryFailed",
    "QueryPool",
    "QueryResult",
    "QuerySettings",
    "QuerySyntaxError",
    "QueryTimeout",
    "ServiceFailed",
    "ServiceNotAllowed",
    "UpdateOnQueryURL",
]

GraphRef = str | ox.NamedNode | ox.DefaultGraph
_KINDS = {b"S": "SELECT", b"A": "ASK", b"G": "CONSTRUCT"}
#: Tries a query gets when the processes running it are killed for other queries' timeouts.
MAX_ATTEMPTS = 4


class QueryPool:
    """Query worker processes over the snapshots of the store at ``snapshot_root``.

    Thread-safe: many server threads call :meth:`run` at once. Use as a context manager
    or call :meth:`start` and :meth:`close`; :meth:`run` starts the pool if needed.

    ``database``: a pyoxigraph database the workers open read-only and query as it is,
    instead of the current snapshot of ``snapshot_root`` (``borderkg query``, which holds the
    store's shared lock meanwhile, so that no writer changes it); no lookup then runs in
    this process.
    """

    def __init__(
        self,
        snapshot_root: str | os.PathLike[str],
        settings: QuerySettings | None = None,
        *,
        database: str | os.PathLike[str] | None = None,
    ) -> None:
        self.root = Path(snapshot_root)
        self.settings = settings or QuerySettings()
        self.prefixes = dict(PREFIXES)
        self._metrics = PoolMetrics()
        spool = self.settings.spool_bytes
        config: dict[str, object] = {
            "prefixes": self.prefixes,
            "spool": spool,
            "chunk": min(CHUNK_BYTES, max(spool, 4096)),
        }
        if database is not None:
            config["database"] = os.fspath(database)
        self._set = WorkerSet(
            self.root,
            self.settings.workers,
            self.settings.max_queue,
            config,
            self._metrics,
            per_process=self.settings.worker_threads,
            preload=worker_preload(self.settings.allocator),
            spare=self.settings.spare,
        )
        self._formats: dict[tuple[str | None, str | None], tuple[str, str]] = {}
        self._predeclared = tuple(self.prefixes.items())  # inspect()'s cache key, made once
        self._local = (
            LocalRunner(str(self.root), self.prefixes, budget=self.settings.local_budget)
            if self.settings.local_budget > 0 and database is None
            else None
        )

    def start(self) -> QueryPool:
        """Start the workers and wait until each has opened the snapshot.

        Raises ``StoreError`` if they cannot (no snapshot published, …).
        """
        self._set.start()
        return self

    def close(self) -> None:
        """Kill every worker and stop. Calling it twice is harmless."""
        self._set.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _format(self, media_type: str | None, info: querytext.QueryInfo) -> tuple[str, str]:
        """``(format name for the worker, canonical media type)`` (cached)."""
        key = (media_type, info.form)
        found = self._formats.get(key)
        if found is None:
            found = self._formats[key] = self._new_format(media_type, info)
        return found

    def _new_format(self, media_type: str | None, info: querytext.QueryInfo) -> tuple[str, str]:
        if media_type is None:
            media_type = conneg.TURTLE if info.is_graph else conneg.JSON_RESULTS
        bare = media_type.split(";")[0].strip().lower()
        family = "graph" if info.is_graph else "results"
        aliases = conneg.GRAPH_ALIASES if info.is_graph else conneg.RESULT_ALIASES
        canonical = aliases.get(bare, bare)
        name = conneg.FORMAT_NAMES.get(canonical)
        if name is None or (info.form is not None and conneg.family_of(canonical) != family):
            kind = "an RDF graph" if info.is_graph else "query results"
            raise NotAcceptable(f"A {info.form or 'SPARQL'} query gives {kind}, not {media_type}.")
        return name, canonical

    def _check_services(self, query: str, info: querytext.QueryInfo) -> None:
        allowed = self.settings.service_allowlist
        if "*" in allowed:
            return
        how = (
            "SERVICE (federated query) is off on this endpoint"
            if not allowed
            else f"this endpoint allows SERVICE only to {', '.join(allowed)}"
        )
        for endpoint in info.services:
            if endpoint not in allowed:
                raise ServiceNotAllowed(
                    f"The query calls SERVICE {endpoint}, but {how}. The operator can allow "
                    "endpoints with the service_allow setting (BORDERKG_SERVICE_ALLOW).",
                    endpoint,
                )
        if info.uncertain and querytext.mentions_service(query):
            raise ServiceNotAllowed(
                f"The query mentions SERVICE and has a '<' the endpoint cannot classify safely "
                f"(an IRI holding ' # ( or [ right after a term inside parentheses); {how}. "
                "Write that IRI with a prefix or put spaces around a '<' comparison."
            )

    def _dataset(self, graphs: Sequence[GraphRef] | None) -> list[str | None] | None:
        if graphs is None:
            return None
        out: list[str | None] = []
        for graph in graphs:
            if isinstance(graph, ox.DefaultGraph):
                out.append(None)
                continue
            iri = graph.value if isinstance(graph, ox.NamedNode) else str(graph)
            try:
                ox.NamedNode(iri)
            except ValueError as exc:
                raise InvalidDataset(f"Not an absolute IRI: {iri!r} ({exc})") from None
            out.append(iri)
        return out

    def run(
        self,
        query: str,
        *,
        media_type: str | None = None,
        default_graphs: Sequence[GraphRef] | None = None,
        named_graphs: Sequence[GraphRef] | None = None,
        timeout: float | None = None,
        max_rows: int | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run ``query`` and return its serialized result (close it when sent).

        ``media_type``: a result type for SELECT/ASK, a graph type for CONSTRUCT/DESCRIBE
        (see :mod:`borderkg.conneg`; default JSON / Turtle). ``default_graphs`` /
        ``named_graphs``: the request's dataset (``default-graph-uri`` /
        ``named-graph-uri``), overriding the query's; ``DefaultGraph()`` names the store's
        default graph. ``timeout``: the client's limit, clamped to ``settings.timeout``.
        ``max_rows``: a lower cap than ``settings.max_rows`` for this query.
        ``base_iri``: resolves relative IRIs in the query (the endpoint passes its URL).
        Raises a :class:`QueryError` subclass.
        """
        started = time.monotonic()
        try:
            result = self._run(
                query,
                media_type,
                default_graphs,
                named_graphs,
                timeout,
                max_rows,
                started,
                base_iri,
            )
        except QueryError as exc:
            self._metrics.observe(exc.outcome, time.monotonic() - started)
            raise
        self._metrics.observe("capped" if result.capped else "ok", time.monotonic() - started)
        return result

    def _run(
        self,
        query: str,
        media_type: str | None,
        default_graphs: Sequence[GraphRef] | None,
        named_graphs: Sequence[GraphRef] | None,
        timeout: float | None,
        max_rows: int | None,
        started: float,
        base_iri: str | None,
    ) -> QueryResult:
        if not self._set.started:
            self._set.start()
        info = querytext.inspect(query, self._predeclared)
        if info.form == "UPDATE":
            raise UpdateOnQueryURL(
                "This is a SPARQL update; the query operation never changes data. Send "
                "updates to the update endpoint (/update) with the API token."
            )
        self._check_services(query, info)
        fmt, canonical = self._format(media_type, info)
        limit = self.settings.timeout
        if timeout is not None and 0 < timeout < limit:
            limit = timeout
        rows = self.settings.max_rows if max_rows is None else min(max_rows, self.settings.max_rows)
        request: dict[str, Any] = {"q": query, "fmt": fmt, "max": max(rows, 1)}
        request["px"] = [p for p in info.prefixes if p in self.prefixes]
        if base_iri is not None:
            request["base"] = base_iri
        dg, ng = self._dataset(default_graphs), self._dataset(named_graphs)
        if dg is not None or ng is not None:
            request["dg"], request["ng"] = dg, ng
        else:
            request["union"] = self.settings.default_graph_union and not info.has_dataset
        payload = b""
        deadline = started + limit
        local = self._local
        if local is not None and not (
            querytext.is_bounded_lookup(query) and local.worth_trying(query)
        ):
            local = None
        for _attempt in range(MAX_ATTEMPTS):
            worker = self._set.acquire(deadline)
            if local is not None:  # on the slot's turn, so the concurrency limit holds
                runner, local = local, None
                try:
                    result = runner.run(request, canonical, deadline)
                    if result is None and time.monotonic() >= deadline:
                        raise _timeout(limit, info)
                except BaseException:
                    self._set.release(worker)
                    raise
                if result is not None:
                    self._set.release(worker)
                    return result
                # Too big for this process: on to the slot's worker.
            payload = payload or json.dumps(request).encode()
            try:
                send_frame(worker.sock, b"Q", payload)
            except OSError:  # died while idle: the query never reached it, use another
                self._set.kill(worker, "crashed")
                continue
            try:
                return self._receive(worker, deadline, limit, info, canonical)
            except _RunAgain:
                continue
        raise QueryFailed("The query workers keep stopping; see the server log.")

    def _receive(
        self,
        worker: Worker,
        deadline: float,
        limit: float,
        info: querytext.QueryInfo,
        media_type: str,
    ) -> QueryResult:
        spool: tempfile.SpooledTemporaryFile[bytes] | None = None
        released = False
        try:
            while True:
                remaining = deadline - time.monotonic()
                try:
                    if remaining <= 0:
                        raise TimeoutError
                    worker.sock.settimeout(remaining)
                    frame = worker.frames.read()
                except TimeoutError:
                    self._set.kill(worker, "killed")
                    released = True
                    raise _timeout(limit, info) from None
                except (EOFError, OSError):
                    ended = worker.process.ended  # before kill() marks it as crashed
                    self._set.kill(worker, "crashed")
                    released = True
                    if ended == "killed":  # another query of its process timed out
                        raise _RunAgain from None
                    if ended == "closed":
                        raise QueryFailed("The query service is shutting down.") from None
                    raise QueryFailed(
                        "The query worker stopped while running this query (it may have run "
                        "out of memory); a new one has been started. Try again, or narrow the "
                        "query down."
                    ) from None
                tag = frame[:1]
                if tag == DATA:
                    if spool is None:
                        # Not a with block: the spool is handed to the QueryResult.
                        spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
                            max_size=self.settings.spool_bytes
                        )
                    spool.write(memoryview(frame)[1:])
                    continue
                self._set.release(worker)
                released = True
                if tag == DONE:
                    rows, capped, kind = DONE_HEADER.unpack_from(frame, 1)
                    tail = frame[1 + DONE_HEADER.size :]
                    form = _KINDS.get(kind, "SELECT")
                    if form == "CONSTRUCT" and info.form == "DESCRIBE":
                        form = "DESCRIBE"
                    if spool is not None:
                        spool.write(tail)
                        tail = b""
                    result = QueryResult(
                        form, media_type, None if rows < 0 else rows, bool(capped), tail, spool
                    )
                    spool = None
                    return result
                if tag == ERROR:
                    raise _worker_error(frame)
                raise QueryFailed(f"The query worker sent an unexpected reply ({tag!r}).")
        finally:
            if spool is not None:
                spool.close()
            if not released:  # interrupted mid-exchange: the worker's state is unknown
                self._set.kill(worker, "killed")

    # -- conveniences for pages ----------------------------------------------------------

    def select(self, query: str, **options: Any) -> list[dict[str, Any]]:
        """The solutions of a SELECT query as ``{variable: pyoxigraph term}`` (unbound
        variables left out), at most ``max_rows`` of them — put a LIMIT in page queries."""
        with self.run(query, media_type=conneg.TSV, **options) as result:
            data = result.read()
        solutions = ox.parse_query_results(data, ox.QueryResultsFormat.TSV)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryFailed("select() needs a SELECT query")
        names = [variable.value for variable in solutions.variables]
        return [
            {name: term for name, term in zip(names, solution, strict=True) if term is not None}
            for solution in solutions
        ]

    def ask(self, query: str, **options: Any) -> bool:
        """The answer of an ASK query."""
        with self.run(query, media_type=conneg.JSON_RESULTS, **options) as result:
            data = result.read()
        answer = json.loads(data)
        if "boolean" not in answer:
            raise QueryFailed("ask() needs an ASK query")
        return bool(answer["boolean"])

    def graph(self, query: str, media_type: str = conneg.TURTLE, **options: Any) -> bytes:
        """The serialized graph of a CONSTRUCT or DESCRIBE query."""
        with self.run(query, media_type=media_type, **options) as result:
            return result.read()

    # -- introspection -------------------------------------------------------------------

    def metrics(self) -> dict[str, Any]:
        """Counters for ``/metrics``: queries by outcome, a latency histogram, workers."""
        snapshot = self._metrics.snapshot()
        snapshot["workers"] = self._set.state()
        return snapshot

    @property
    def allocator(self) -> str:
        """The ``malloc`` the worker processes are started with: ``jemalloc`` (preloaded) or
        ``glibc`` (an operator's own ``LD_PRELOAD`` aside)."""
        return GLIBC if self._set.preload is None else JEMALLOC

    def worker_pids(self, *, spare: bool = False) -> list[int]:
        """Process ids of the worker processes in service (and of the spare if ``spare``)."""
        return self._set.pids(spare=spare)

    def worker_info(self, timeout: float = 10.0) -> dict[str, Any]:
        """Ask one idle worker about itself: pid, snapshot name, loaded modules, RSS."""
        self._set.start()
        worker = self._set.acquire(time.monotonic() + timeout)
        try:
            send_frame(worker.sock, b"Q", json.dumps({"op": "debug"}).encode())
            worker.sock.settimeout(timeout)
            frame = worker.frames.read()
        except (OSError, EOFError) as exc:
            self._set.kill(worker, "crashed")
            raise QueryFailed(f"The query worker did not answer: {exc}") from None
        self._set.release(worker)
        if frame[:1] != INFO:
            raise QueryFailed(f"The query worker sent an unexpected reply ({frame[:1]!r}).")
        return json.loads(frame[1:])


def _timeout(limit: float, info: querytext.QueryInfo) -> QueryTimeout:
    return QueryTimeout(
        f"The query did not finish within its time limit of {limit:g} s and was stopped. "
        "Narrow it down (LIMIT, more specific patterns, required patterns before OPTIONAL) "
        "or ask the operator for a longer timeout." + timeout_hint(info.services),
        limit,
    )


class _RunAgain(Exception):
    """The query's worker process was killed for another query's timeout: run it again."""


def _worker_error(frame: bytes) -> QueryError:
    try:
        error = json.loads(frame[1:])
        code, message = error["code"], error["message"]
    except (ValueError, KeyError, TypeError):
        return QueryFailed("The query worker sent an unreadable error.")
    if code == "syntax":
        return QuerySyntaxError(message)
    if code == "mismatch":
        return NotAcceptable(message)
    if code == "service":
        return ServiceFailed(message, error.get("endpoint"))
    return QueryFailed(f"The query failed in the engine: {message}")

"""Service metadata: ``/.well-known/void``, ``/dump.nq(.gz)``, ``/health`` and ``/metrics``.

* ``/.well-known/void`` — the VoID + DCAT dataset description (:mod:`borderkg.api.voidgraph`):
  Turtle by default; N-Triples, N-Quads, TriG, JSON-LD, RDF/XML by ``Accept`` or ``format=``;
  406 otherwise. Counts are computed through the query pool once per snapshot.
* ``/dump.nq`` and ``/dump.nq.gz`` — the current snapshot, every graph, as N-Quads (plain or
  gzip), streamed (:mod:`borderkg.api.dump`). ``ETag`` is the snapshot's name, so a client
  re-fetches only after a load or write (``If-None-Match`` → 304). There is no Turtle dump:
  Turtle cannot say which graph a triple is in, and the graphs are the provenance.
* ``/health`` — JSON ``{"status", "store", "snapshot", "query", "workers"}``: 200 when the
  snapshot exists, an ``ASK`` through the pool answers within :data:`HEALTH_TIMEOUT` seconds
  and a query worker is alive; else 503. Never cached.
* ``/metrics`` — Prometheus text format: the app's own counters (requests by route, method and
  status; latency; writes by operation and outcome — ``outcome="rejected"`` counts writes the
  gate refused) and the query pool's (queries by outcome: ok, capped, error, failed, timeout,
  busy; query latency; workers killed and crashed, workers by state), snapshot age.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from borderkg import conneg, snapshots
from borderkg.api import dump, metrics, voidgraph
from borderkg.api.errors import ApiError
from borderkg.api.services import Services, services
from borderkg.api.voidstats import VoidCache, VoidStats
from borderkg.querypool import QueryError
from borderkg.storelock import StoreError

bp = Blueprint("meta", __name__)

#: Seconds the health check's query may take.
HEALTH_TIMEOUT = 5.0
_VOID_CACHE = "borderkg.void"


def _snapshot(svc: Services) -> snapshots.SnapshotInfo | None:
    try:
        return snapshots.current_info(svc.config.store)
    except StoreError:
        return None


def void_stats() -> VoidStats:
    """The dataset's VoID counts, computed once per published snapshot (``/.well-known/void``
    and the ``/dataset`` page share them)."""
    svc = services()
    cache: VoidCache = current_app.extensions.setdefault(_VOID_CACHE, VoidCache())

    def current() -> tuple[str | None, str | None]:
        info = _snapshot(svc)
        return (info.name, info.published) if info else (None, None)

    return cache.get(current, svc.pool.select)


def _age(published: str) -> float | None:
    """Seconds since an ISO timestamp, or ``None`` if it does not parse."""
    try:
        then = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    if then.tzinfo is None:
        then = then.replace(tzinfo=dt.UTC)
    return max(0.0, (dt.datetime.now(dt.UTC) - then).total_seconds())


def _base_url(svc: Services) -> str:
    return (svc.config.base_url + "/") if svc.config.base_url else request.host_url


# -- /.well-known/void -------------------------------------------------------------------------


@bp.route("/.well-known/void", methods=["GET"])
def void() -> Response:
    """The dataset description (VoID + DCAT)."""
    media_type = conneg.negotiate(
        request.headers.get("Accept"), "graph", request.args.get("format")
    )
    if media_type is None:
        raise ApiError(
            406,
            "not-acceptable",
            f"The dataset description is available as {', '.join(conneg.GRAPH_TYPES)}.",
            available=list(conneg.GRAPH_TYPES),
        )
    svc = services()
    stats = void_stats()
    body = voidgraph.serialize(voidgraph.describe(stats, _base_url(svc)), media_type)
    response = Response(body, content_type=conneg.CONTENT_TYPES[media_type])
    response.headers["Vary"] = "Accept"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


# -- dumps -------------------------------------------------------------------------------------


@bp.route("/dump.nq", methods=["GET"], defaults={"compress": False})
@bp.route("/dump.nq.gz", methods=["GET"], defaults={"compress": True})
def dump_view(compress: bool) -> Response:
    """Every graph of the current snapshot as N-Quads, streamed."""
    svc = services()
    info = _snapshot(svc)
    if info is None:
        raise ApiError(
            503,
            "no-snapshot",
            "The store has no published snapshot to dump yet.",
            headers={"Retry-After": "10"},
        )
    etag = f"{info.name}{'-gz' if compress else ''}"
    filename = f"borderkg-{info.name}.nq{'.gz' if compress else ''}"
    headers = {
        "ETag": f'"{etag}"',
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-cache",
    }
    if etag in request.if_none_match:
        return Response(status=304, headers=headers)
    try:
        stream = dump.start_dump(info.path, compress=compress)
    except dump.DumpBusy as exc:
        raise ApiError(
            503,
            "dump-busy",
            f"Too many dumps at once ({exc}); try again shortly.",
            headers={"Retry-After": str(dump.RETRY_AFTER)},
        ) from None
    except dump.DumpFailed as exc:
        raise ApiError(500, "dump-failed", f"The dump could not be started: {exc}") from None
    content_type = "application/gzip" if compress else conneg.CONTENT_TYPES[conneg.NQUADS]
    response = Response(stream, content_type=content_type, headers=headers)
    response.call_on_close(stream.close)
    return response


# -- /health -----------------------------------------------------------------------------------


@bp.route("/health", methods=["GET"])
def health() -> Response:
    """Whether the service can answer queries now (see the module docstring)."""
    svc = services()
    info = _snapshot(svc)
    snapshot: dict[str, Any] | None = None
    if info is not None:
        snapshot = {"name": info.name, "published": info.published, "ageSeconds": None}
        age = _age(info.published)
        snapshot["ageSeconds"] = round(age, 3) if age is not None else None
    started = time.perf_counter()
    try:
        svc.pool.ask("ASK { ?s ?p ?o }", timeout=HEALTH_TIMEOUT)
        query: dict[str, Any] = {"ok": True}
    except QueryError as exc:
        query = {"ok": False, "code": exc.code, "message": exc.message}
    query["seconds"] = round(time.perf_counter() - started, 4)
    workers = svc.pool.metrics()["workers"]
    healthy = snapshot is not None and query["ok"] and workers.get("alive", 0) > 0
    body = {
        "status": "ok" if healthy else "unavailable",
        "store": {"opens": snapshot is not None and query["ok"]},
        "snapshot": snapshot,
        "query": query,
        "workers": workers,
        "allocator": svc.pool.allocator,
        "writes": svc.writes is not None,
    }
    response = jsonify(body)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    if not healthy:
        response.headers["Retry-After"] = "5"
    return response


# -- /metrics ----------------------------------------------------------------------------------


def pool_families(pool_metrics: dict[str, Any]) -> list[metrics.Family]:
    """Prometheus families from ``QueryPool.metrics()``."""
    latency = pool_metrics["latency"]
    workers = pool_metrics.get("workers", {})
    return [
        metrics.counter_family(
            "borderkg_queries_total",
            "SPARQL queries by outcome (ok, capped = cut at the result cap, error = the "
            "client's, failed = the engine's, timeout, busy = refused at the concurrency limit).",
            "outcome",
            pool_metrics["queries"],
        ),
        metrics.histogram_family(
            "borderkg_query_duration_seconds",
            "Time to run a query in the pool, result serialized and spooled.",
            latency["buckets"],
            latency["sum"],
        ),
        metrics.counter_family(
            "borderkg_query_workers_killed_total",
            "Query worker processes killed because their query ran out of time.",
            None,
            pool_metrics.get("workers_killed", 0),
        ),
        metrics.counter_family(
            "borderkg_query_workers_crashed_total",
            "Query worker processes that stopped on their own.",
            None,
            pool_metrics.get("workers_crashed", 0),
        ),
        metrics.gauge_family(
            "borderkg_query_workers",
            "Query worker processes and waiting queries, by state.",
            "state",
            {k: v for k, v in workers.items() if isinstance(v, int | float)},
        ),
    ]


@bp.route("/metrics", methods=["GET"])
def metrics_view() -> Response:
    """Prometheus exposition of the app's and the query pool's metrics."""
    svc = services()
    extra = pool_families(svc.pool.metrics())
    info = _snapshot(svc)
    age = _age(info.published) if info is not None else None
    if age is not None:
        extra.append(
            metrics.gauge_family(
                "borderkg_snapshot_age_seconds",
                "Seconds since the snapshot being served was published (the last load or write).",
                None,
                age,
            )
        )
    response = Response(svc.metrics.render(extra), content_type=metrics.CONTENT_TYPE)
    response.headers["Cache-Control"] = "no-store"
    return response

"""The services shared by every request of one app: query pool, search index, writes, metrics.

Built once by :func:`borderkg.api.create_app` (:meth:`Services.start`) and reached from views
with :func:`services`. The query pool's worker processes are stopped by :meth:`Services.close`,
which also runs when the serving process exits (``atexit``, and multiprocessing's finalizers
for a server worker started by ``multiprocessing``, whose exit skips ``atexit``).
"""

from __future__ import annotations

import atexit
import logging
import sqlite3
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

from borderkg.api.config import MAX_TIMEOUT, ServeConfig
from borderkg.api.metrics import MetricsRegistry

if TYPE_CHECKING:
    from borderkg.querypool import QueryPool
    from borderkg.search import SearchIndex
    from borderkg.writes import WriteService

log = logging.getLogger(__name__)

#: Key of the :class:`Services` in ``app.extensions``.
EXTENSION = "borderkg"


class Services:
    """What views use: ``config``, ``pool``, ``search``, ``writes`` (``None`` without a token)
    and ``metrics``. Thread-safe: the server calls views from many threads."""

    def __init__(
        self,
        config: ServeConfig,
        pool: QueryPool,
        writes: WriteService | None,
        metrics: MetricsRegistry,
    ) -> None:
        self.config = config
        self.pool = pool
        self.writes = writes
        self.metrics = metrics
        self._closed = False
        self._lock = threading.Lock()

    @classmethod
    def start(cls, config: ServeConfig) -> Services:
        """Publish (or find) the store's snapshot, start the query workers, build the rest."""
        from borderkg.querypool import QueryPool, QuerySettings
        from borderkg.snapshots import ensure_snapshot

        if config.prepare_store:
            ensure_snapshot(config.store)
            catch_up_search_index(config.store)
        settings = QuerySettings(
            workers=config.workers,
            worker_threads=config.worker_threads,
            allocator=config.allocator,
            timeout=config.timeout,
            max_timeout=MAX_TIMEOUT,
            max_rows=config.max_rows,
            max_queue=config.max_queue,
            local_budget=config.lookup_budget,
            service_allowlist=config.service_allow,
            default_graph_union=config.union_default_graph,
        )
        pool = QueryPool(config.store, settings)
        pool.start()
        try:
            writes = _write_service(config) if config.writes_enabled else None
        except BaseException:
            pool.close()
            raise
        services = cls(config, pool, writes, MetricsRegistry())
        atexit.register(services.close)
        _close_at_process_exit(services)
        return services

    @cached_property
    def search(self) -> SearchIndex:
        """The full-text index of the store, read-only (opened on first use; raises
        ``SearchIndexError`` when the store has none)."""
        from borderkg.search import SearchIndex

        return SearchIndex.for_store(self.config.store, read_only=True)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` ran."""
        return self._closed

    def close(self) -> None:
        """Stop the query workers, close the search index and the write service. Calling it
        twice is harmless."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.pool.close()
        if self.writes is not None:
            self.writes.close()
        search = self.__dict__.get("search")
        if search is not None and hasattr(search, "close"):
            search.close()


def services() -> Services:
    """The services of the current app (call inside a request or app context)."""
    return current_app.extensions[EXTENSION]


def _write_service(config: ServeConfig) -> WriteService:
    from borderkg.writes import WriteService, WriteSettings

    return WriteService(config.store, WriteSettings(service_allowlist=config.service_allow))


def catch_up_search_index(store: Path) -> None:
    """Build or refresh the search index when no writer holds the store (it syncs itself)."""
    from borderkg.search import ensure_index
    from borderkg.storelock import StoreError

    try:
        ensure_index(store)
    except (StoreError, OSError, sqlite3.Error) as exc:
        log.warning("the search index of %s could not be brought up to date: %s", store, exc)


def _close_at_process_exit(services: Services) -> None:
    """Also close from multiprocessing's exit hook: a ``multiprocessing`` child skips atexit."""
    from multiprocessing import util

    util.Finalize(services, services.close, exitpriority=10)

"""The write path: SPARQL Update and Graph Store Protocol writes, gated and all-or-nothing.

:class:`WriteService` is what the endpoint's ``/update`` and ``/data`` call. Each write:

1. takes the store's one-writer lock for the duration of the write only (it opens the live
   store and closes it after, so a ``borderkg load`` can run between writes; a load holding
   the lock makes the write fail with :class:`WriteBusy`), and serialises writes of this
   process;
2. evaluates the write away from the live store. Oxigraph evaluates SPARQL updates with
   their full standard semantics: an update that only touches graphs it names
   (``INSERT DATA``, ``DELETE DATA``, ``DELETE WHERE`` without ``GRAPH ?g``,
   ``CLEAR``/``DROP``/``CREATE``/``ADD``/``MOVE``/``COPY`` of named graphs) runs on an
   in-memory copy of those graphs; any other runs on a RocksDB checkpoint of the whole store
   (hard links, cheap), operation by operation when a template writes ``GRAPH ?g`` so that
   the graphs it writes can be asked for first. ``LOAD`` and ``SERVICE`` are refused before
   anything runs (no fetching for clients);
3. compares the result with the live store graph by graph (``borderkg.updatedelta``),
   checks every changed graph's new content with the SHACL gate (``borderkg.writegate``) and
   rejects the write with the report (:class:`WriteRejected`) if it introduces Violations;
4. commits the changes to the live store in one SPARQL update, which pyoxigraph applies as
   one transaction; then publishes a snapshot for the readers and brings the full-text index
   in step.

A failure at any step before the commit changes nothing.
"""

from __future__ import annotations

import enum
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from borderkg import updatetext
from borderkg.graphpayload import parse_graph
from borderkg.incidents import mark_changing, rebuild_incidents
from borderkg.ontology.namespaces import GRAPH, PREFIXES
from borderkg.store import GraphStore, StoreLockedError
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX
from borderkg.updatedelta import (
    GraphChange,
    changes,
    commit_text,
    graph_exists,
    plan_rewrites,
)
from borderkg.updatelex import SCHEME
from borderkg.updatetext import GraphKey, UpdatePlan
from borderkg.validation.report import ValidationReport, ValidationResult
from borderkg.writeerrors import (
    DatasetConflict,
    GraphNotFound,
    InvalidGraph,
    PayloadSyntaxError,
    UnsupportedPayload,
    UpdateFailed,
    UpdateRefused,
    UpdateSyntaxError,
    WriteBusy,
    WriteError,
    WriteRejected,
)
from borderkg.writeeval import Evaluated, check_syntax, evaluate_update, put_graph, scratch
from borderkg.writegate import WriteGate

__all__ = [
    "DEFAULT_GRAPH",
    "USER_GRAPH_PREFIX",
    "DatasetConflict",
    "GraphNotFound",
    "InvalidGraph",
    "PayloadSyntaxError",
    "UnsupportedPayload",
    "UpdateFailed",
    "UpdateRefused",
    "UpdateSyntaxError",
    "WriteBusy",
    "WriteError",
    "WriteRejected",
    "WriteResult",
    "WriteService",
    "WriteSettings",
]

log = logging.getLogger(__name__)

#: Graphs created by a Graph Store Protocol POST to the service are ``{prefix}{uuid}``.
USER_GRAPH_PREFIX = str(GRAPH) + "user/"
#: Where checkpoints for evaluating updates are made, inside the store directory.
FORKS_DIR = "forks"


class _Default(enum.Enum):
    GRAPH = "default"


#: The default graph, for the Graph Store Protocol methods (``?default``).
DEFAULT_GRAPH = _Default.GRAPH
GraphArg = str | _Default | None


@dataclass(frozen=True)
class WriteSettings:
    """How writes behave.

    ``retry_after``: seconds a client is told to wait while a load holds the store;
    ``service_allowlist``: ``SERVICE`` endpoints an update's ``WHERE`` may call (``"*"``:
    any; default: none); ``publish`` / ``sync_search``: publish a snapshot / update the
    full-text index after each committed write (switch off only where no reader exists).
    """

    retry_after: int = 5
    service_allowlist: tuple[str, ...] = ()
    publish: bool = True
    sync_search: bool = True


@dataclass
class WriteResult:
    """What a committed write did.

    ``graphs``: the graphs it changed (``""`` is the default graph); ``inserted`` /
    ``deleted``: triples added and removed over them; ``warnings``: the gate's Warnings on
    the new content; ``graph``: the graph a Graph Store Protocol write addressed (the new
    graph's IRI for a POST to the service); ``created``: that graph did not exist before;
    ``snapshot``: the name of the snapshot published for readers.
    """

    operation: str
    graphs: list[str] = field(default_factory=list)
    inserted: int = 0
    deleted: int = 0
    warnings: list[ValidationResult] = field(default_factory=list)
    graph: str | None = None
    created: bool = False
    snapshot: str | None = None
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether the write changed anything."""
        return bool(self.graphs)

    def as_dict(self) -> dict[str, Any]:
        """The result as JSON for the API."""
        from borderkg.reportfmt import result_dict

        return {
            "operation": self.operation,
            "graphs": self.graphs,
            "inserted": self.inserted,
            "deleted": self.deleted,
            "warnings": [result_dict(w) for w in self.warnings],
            "graph": self.graph,
            "created": self.created,
            "snapshot": self.snapshot,
            "seconds": round(self.seconds, 3),
        }


class WriteService:
    """SPARQL Update and Graph Store Protocol writes on the store at ``store_root``.

    Thread-safe: writes are serialised. The store is opened for each write and closed after.
    """

    def __init__(self, store_root: str | Path, settings: WriteSettings | None = None) -> None:
        self.root = Path(store_root)
        self.settings = settings or WriteSettings()
        self._lock = threading.Lock()
        self._gate = WriteGate(self._snapshot_stamp)
        self._search: Any = None

    # -- the public writes ---------------------------------------------------------------

    def update(
        self, sparql_update: str, *, using: Sequence[str] = (), using_named: Sequence[str] = ()
    ) -> WriteResult:
        """Apply a SPARQL 1.1 Update request, all of it or nothing.

        ``using``/``using_named``: the protocol's ``using-graph-uri`` and
        ``using-named-graph-uri`` parameters. Raises :class:`UpdateSyntaxError`,
        :class:`UpdateRefused` (``LOAD``, ``SERVICE``), :class:`DatasetConflict`,
        :class:`UpdateFailed`, :class:`WriteRejected` or :class:`WriteBusy`.
        """
        started = time.perf_counter()
        plan = self._plan(sparql_update)
        if using or using_named:
            check_syntax(sparql_update)  # positions in the text the client sent
            try:
                text = updatetext.with_protocol_dataset(plan, using, using_named)
            except updatetext.DatasetConflict as exc:
                raise DatasetConflict(str(exc)) from None
            plan = self._plan(text)
        with self._session() as store:
            return self._apply(
                store, "update", evaluate_update(store, plan, self.root / FORKS_DIR), None, started
            )

    def graph_put(
        self, graph: GraphArg, payload: bytes, media_type: str, *, base_iri: str | None = None
    ) -> WriteResult:
        """Replace a graph by the payload (``None`` or :data:`DEFAULT_GRAPH`: the default graph).

        ``base_iri`` resolves relative IRIs in the payload (default: the graph's IRI).
        """
        started = time.perf_counter()
        key = _graph_key(graph)
        triples = parse_graph(payload, media_type, base_iri or key)
        post = ox.Store()
        put_graph(post, key, triples)
        with self._session() as store:
            return self._apply(store, "put", Evaluated(post, {key}), key, started)

    def graph_post(
        self, graph: GraphArg, payload: bytes, media_type: str, *, base_iri: str | None = None
    ) -> WriteResult:
        """Merge the payload into a graph; with ``graph=None``, into a new graph.

        A new graph's IRI is ``{USER_GRAPH_PREFIX}{uuid}``: it is ``result.graph``.
        """
        started = time.perf_counter()
        key = f"{USER_GRAPH_PREFIX}{uuid.uuid4()}" if graph is None else _graph_key(graph)
        triples = parse_graph(payload, media_type, base_iri or key)
        with self._session() as store:
            post = scratch(store.store, [key])
            put_graph(post, key, triples)
            return self._apply(store, "post", Evaluated(post, {key}), key, started)

    def graph_delete(self, graph: GraphArg) -> WriteResult:
        """Delete a named graph (:class:`GraphNotFound` if absent) or empty the default graph."""
        started = time.perf_counter()
        key = _graph_key(graph)
        with self._session() as store:
            if not graph_exists(store.store, key):
                raise GraphNotFound(f"There is no graph <{key}> in the store.")
            return self._apply(store, "delete", Evaluated(ox.Store(), {key}), key, started)

    def close(self) -> None:
        """Close the full-text index this service opened."""
        with self._lock:
            search, self._search = self._search, None
        if search is not None and hasattr(search, "close"):
            search.close()

    # -- one write -----------------------------------------------------------------------

    @contextmanager
    def _session(self) -> Iterator[GraphStore]:
        """The live store, opened for this write only, with this process's writes serialised."""
        with self._lock:
            try:
                store = GraphStore.open(self.root)
            except StoreLockedError as exc:
                # The full message (paths, process ids, command lines) is for the operator's
                # log; the client learns only that a writer holds the store.
                log.warning("write refused, store busy: %s", exc)
                who = (
                    "another process is writing it (a load)"
                    if exc.by_writer
                    else "it is being read"
                )
                raise WriteBusy(
                    f"The store is busy: {who}. Retry in {self.settings.retry_after} s.",
                    self.settings.retry_after,
                ) from None
            try:
                shutil.rmtree(self.root / FORKS_DIR, ignore_errors=True)  # left by a crash
                yield store
            finally:
                store.close()

    def _plan(self, text: str) -> UpdatePlan:
        try:
            return updatetext.analyse(
                text, PREFIXES, service_allowlist=self.settings.service_allowlist
            )
        except updatetext.FetchRefused as exc:
            raise UpdateRefused(str(exc), exc.code) from None
        except updatetext.UpdateTextError as exc:
            raise UpdateSyntaxError(str(exc), exc.line, exc.column) from None

    def _apply(
        self,
        store: GraphStore,
        operation: str,
        evaluated: Evaluated,
        graph: GraphKey,
        started: float,
    ) -> WriteResult:
        """Compare, gate, commit, publish: the common end of every write."""
        live = store.store
        try:
            assert evaluated.post is not None
            found = changes(live, evaluated.post, evaluated.candidates)
        finally:
            evaluated.release()
        result = WriteResult(operation, graph=graph)
        if graph is not None or operation != "update":
            result.created = not graph_exists(live, graph)
        if not found:
            result.seconds = time.perf_counter() - started
            return result
        violations, warnings, reports = self._gate.judge(live, found)
        if violations:
            raise WriteRejected(
                ValidationReport(violations + warnings, "gate", time.perf_counter() - started),
                reports,
            )
        text = commit_text(plan_rewrites(live, found))
        if text is not None:
            mark_changing(store, _article_graphs(found))
            try:
                store.apply_update(text)
            except (SyntaxError, RuntimeError, ValueError) as exc:
                log.exception("committing a write failed")
                raise WriteError(
                    f"Committing the write failed; nothing was changed: {exc}"
                ) from None
            finally:
                self._gate.forget()
        result.graphs = sorted("" if c.graph is None else c.graph for c in found)
        result.inserted = sum(len(c.added) for c in found)
        result.deleted = sum(len(c.removed) for c in found)
        result.warnings = warnings
        self._after_commit(store, result, found)
        result.seconds = time.perf_counter() - started
        return result

    def _after_commit(
        self, store: GraphStore, result: WriteResult, found: list[GraphChange]
    ) -> None:
        """Publish a snapshot for the readers and bring the full-text index in step.

        The write is committed whatever happens here; a failure is logged and reported in
        the result's warnings rather than raised.
        """
        if articles := _article_graphs(found):
            try:
                rebuild_incidents(store, articles)
            except Exception as exc:
                log.exception("rebuilding the incidents graph after a write failed")
                result.warnings.append(
                    _note(
                        f"The write is committed, but the incidents graph was not "
                        f"rebuilt ({exc}); the next write or load rebuilds it."
                    )
                )
        if self.settings.publish:
            from borderkg.snapshots import publish_snapshot

            try:
                result.snapshot = publish_snapshot(store).name
            except Exception as exc:
                log.exception("publishing a snapshot after a write failed")
                result.warnings.append(
                    _note(
                        f"The write is committed, but publishing it to "
                        f"readers failed ({exc}); the next write or load "
                        "publishes it."
                    )
                )
        self._gate.remember(found)
        if self.settings.sync_search:
            try:
                graphs = [g for g in result.graphs if g]
                if graphs:
                    self._search_index().update_graphs(store, graphs)
            except Exception as exc:
                log.exception("syncing the search index after a write failed")
                result.warnings.append(
                    _note(
                        f"The write is committed, but the search index "
                        f"was not updated ({exc}); `borderkg reindex` "
                        "rebuilds it."
                    )
                )

    def _search_index(self) -> Any:
        if self._search is None:
            from borderkg.search import SearchIndex

            self._search = SearchIndex.for_store(self.root)
        return self._search

    def _snapshot_stamp(self) -> object:
        """The current snapshot's name: it changes whenever a writer publishes."""
        if not self.settings.publish:
            return None
        from borderkg.snapshots import current_snapshot

        current = current_snapshot(self.root)
        return None if current is None else current.name


# -- helpers ------------------------------------------------------------------------------


def _graph_key(graph: GraphArg) -> GraphKey:
    if graph is None or graph is DEFAULT_GRAPH:
        return None
    iri = str(graph)
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise InvalidGraph(f"{iri!r} is not a valid IRI for a graph") from None
    if not SCHEME.match(iri):
        raise InvalidGraph(f"{iri!r} is not an absolute IRI: graphs are named by absolute IRIs")
    return iri


def _note(message: str) -> ValidationResult:
    """A Warning about the write itself, not about the data."""
    return ValidationResult(
        severity="Warning",
        focus_node="",
        path=None,
        value=None,
        constraint_component="",
        source_shape="",
        message=message,
    )


def _article_graphs(found: list[GraphChange]) -> list[str]:
    """The article graphs among the graphs a write changes."""
    return [c.graph for c in found if c.graph and c.graph.startswith(ARTICLE_GRAPH_PREFIX)]

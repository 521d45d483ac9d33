"""The embedded store: one named graph per article, written whole or not at all.

:class:`GraphStore` wraps an on-disk ``pyoxigraph.Store`` (RocksDB) for the loaders, the
CLI and the endpoint. What it guarantees:

* **Each article whole or absent.** :meth:`GraphStore.write_article` removes the article's
  old named graph and inserts the new one in one SPARQL update, which pyoxigraph applies as
  a single transaction. :meth:`GraphStore.write_articles` writes new articles given as
  N-Triples text in groups, each group by one bulk load that RocksDB takes all at once or
  not at all (``borderkg.storebulk`` gives the evidence). A failure or a killed process
  leaves the previous version or nothing, never a mix.
* **Content hash bookkeeping.** The hash lives inside the article graph itself, as
  ``<https://w3id.org/borderkg/article/{id}> bkg:contentHash "…"`` (``bkg:contentHash``
  has domain ``bkg:Article``), so it is written and removed in the same transaction as the
  article and no separate meta graph can drift from the data. Reloading an article with
  the same hash writes nothing (``unchanged``).
* **Compaction.** Many small transactions leave RocksDB's files far larger than a bulk
  load of the same quads (measured on 2,000 small articles: 5.8× while open, as
  obsolete write-ahead logs are kept for reuse until the next open), and ``optimize()``
  does not fix it with pyoxigraph's settings: its compactions write the levels a small
  database lives in uncompressed (still 1.7× after ``flush`` + ``optimize`` + reopen).
  Bulk groups skip the write-ahead log, but RocksDB's compactions of their files are
  uncompressed too (1.7× on 1,000–10,000 real-sized articles, see ``storebulk``). So at
  the end of :meth:`GraphStore.write_articles` the database is rebuilt by bulk loads of
  graph ranges (``StoreSettings.rebuild_chunk`` quads at most each, which bounds the
  rebuild's memory) into a new directory and switched to atomically, when it exceeds
  ``StoreSettings.compact_above`` times its estimated compact size (``storefiles``).
  Articles the session wrote come from its spool (``storespool``), the rest is read back.
  Single :meth:`GraphStore.write_article` calls never compact: call :meth:`GraphStore.compact`.
* **One writer.** A second process opening the store raises :class:`StoreLockedError`
  (see ``borderkg.storelock``). pyoxigraph forbids opening a database read-only while
  another process writes it, so the endpoint should serve a :meth:`GraphStore.checkpoint`
  copy, or open the store read-only only while no writer runs (that is enforced).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from borderkg import storebulk, storefiles, storeread, storespool
from borderkg.config import StoreSettings, resolve_store_path
from borderkg.ontology.namespaces import PREFIXES
from borderkg.oxterms import iri_of, triples_in
from borderkg.storelock import (
    StoreError,
    StoreLock,
    StoreLockedError,
    StoreReadOnlyError,
    rocksdb_lock_holder,
)
from borderkg.storetypes import (
    ARTICLE_GRAPH_PREFIX,
    ArticleWrite,
    ArticleWriteError,
    GraphName,
    LoadReport,
    NTriples,
    StoreStats,
    WriteOutcome,
    article_of_graph,
    graph_update,
)

__all__ = [
    "ARTICLE_GRAPH_PREFIX",
    "ArticleWrite",
    "ArticleWriteError",
    "GraphStore",
    "LoadReport",
    "NTriples",
    "StoreError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "StoreSettings",
    "StoreStats",
    "WriteOutcome",
    "article_of_graph",
]


class GraphStore:
    """An on-disk pyoxigraph store of article graphs and well-known graphs.

    ``GraphStore(path)`` (or :meth:`open`) opens the store for writing, exclusively, and
    creates it if needed; :meth:`open_read_only` opens it, or a checkpoint, for reading.
    Use it as a context manager: :meth:`close` releases the lock. Graph names are taken as
    ``str``, rdflib ``URIRef`` or ``NamedNode`` and returned as ``str``. Writes are
    serialised by a lock, so one object can be shared by threads.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        settings: StoreSettings | None = None,
        read_only: bool = False,
    ) -> None:
        if path is not None:
            root = Path(path)
        else:
            root = settings.path if settings is not None else resolve_store_path()
        self.root = root
        self.settings = replace(settings, path=root) if settings else StoreSettings(path=root)
        self.read_only = read_only
        self._write_lock = threading.RLock()
        self._lock: StoreLock | None = None
        self._active: storefiles.Active | None = None
        self._spool: storespool.Spool | None = None
        opener = self._open_read_only if read_only else self._open_read_write
        self.database, self._store = opener(root)

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] | None = None, *, settings: StoreSettings | None = None
    ) -> GraphStore:
        """Open the store at ``path`` (default: see ``borderkg.config``) for writing."""
        return cls(path, settings=settings)

    @classmethod
    def open_read_only(cls, path: str | os.PathLike[str]) -> GraphStore:
        """Open a store, or a bare pyoxigraph directory such as a checkpoint, read-only.

        Refused with :class:`StoreLockedError` while a process has it open for writing:
        pyoxigraph leaves reading a database that another process writes undefined.
        """
        return cls(path, read_only=True)

    # -- opening and closing -----------------------------------------------------------

    def _open_read_write(self, root: Path) -> tuple[Path, ox.Store]:
        if storefiles.is_plain_database(root):
            raise StoreError(
                f"{root} is a bare pyoxigraph database (such as a checkpoint), not a borderkg "
                "store directory: open it with GraphStore.open_read_only(), or export it and "
                "load the export into a store directory."
            )
        root.mkdir(parents=True, exist_ok=True)
        lock = StoreLock(root)
        lock.acquire()
        try:
            active = storefiles.read_active(root)
            if active is None:
                storefiles.check_can_create(root)
                active = storefiles.Active(storefiles.next_data_name(root, None))
                storefiles.write_active(root, active)
            storefiles.remove_stale(root, keep=active.data)
            storespool.remove_spools(root)
            database = root / active.data
            storefiles.remove_bulk_leftovers(database)
            store = self._open_database(database)
            storefiles.prune_info_logs(database)
        except BaseException:
            lock.release()
            raise
        self._lock, self._active = lock, active
        return database, store

    def _open_database(self, database: Path) -> ox.Store:
        try:
            return ox.Store(str(database))
        except OSError as exc:
            if "lock" not in str(exc).lower():
                raise
            # Held without borderkg's lock, e.g. by `oxigraph serve --location DIR`.
            holder = None if "current process" in str(exc) else rocksdb_lock_holder(database)
            raise StoreLockedError(self.root, [holder] if holder else []) from exc

    def _open_read_only(self, root: Path) -> tuple[Path, ox.Store]:
        if storefiles.is_plain_database(root):
            holder = rocksdb_lock_holder(root)
            if holder is not None:
                raise StoreLockedError(root, [holder], read_only=True)
            return root, ox.Store.read_only(str(root))
        active = storefiles.read_active(root)
        if active is None:
            raise StoreError(f"There is no store at {root}")
        lock = StoreLock(root, shared=True)
        lock.acquire()
        try:
            database = root / active.data
            store = ox.Store.read_only(str(database))
        except BaseException:
            lock.release()
            raise
        self._lock = lock
        return database, store

    def close(self) -> None:
        """Flush, close the database and release the lock. Calling it twice is harmless."""
        with self._write_lock:
            self._drop_spool()
            store = self.__dict__.pop("_store", None)
            if store is not None and not self.read_only:
                store.flush()
            del store
            if self._lock is not None:
                self._lock.release()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return "_store" not in self.__dict__

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<GraphStore {self.root} {mode}{' closed' if self.closed else ''}>"

    @property
    def store(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``, for reading (write through this class)."""
        try:
            return self._store
        except AttributeError:
            raise StoreError(f"The store {self.root} is closed") from None

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreReadOnlyError(f"The store {self.root} is open read-only")
        return self.store

    # -- writing -----------------------------------------------------------------------

    def write_article(
        self, graph: GraphName, triples: Iterable[Any], content_hash: str
    ) -> WriteOutcome:
        """Replace the article graph ``graph`` by ``triples`` in one transaction.

        ``triples``: pyoxigraph ``Triple``/``Quad``\\ s, rdflib-style 3/4-tuples (quads
        must name ``graph`` or the default graph), or :class:`NTriples` text. If the stored
        graph carries the same ``content_hash`` nothing is written. If reading ``triples``
        fails, the stored version stays as it was.
        """
        with self._write_lock:
            store = self._writable()
            prepared = storebulk.prepare(store, graph, triples, content_hash)
            if prepared is None:
                return WriteOutcome.UNCHANGED
            graph_iri, update = prepared
            self._forget(graph_iri)
            if isinstance(update, NTriples):
                return storebulk.write_text(store, graph_iri, update)
            outcome = storebulk.outcome_of(store, graph_iri)
            store.update(update)
            return outcome

    def write_articles(
        self,
        batch: Iterable[ArticleWrite | tuple[GraphName, Iterable[Any], str]],
        *,
        progress: Callable[[str, WriteOutcome], None] | None = None,
        compact: bool = True,
    ) -> LoadReport:
        """Write many articles, then compact the store if it grew past its size budget.

        New articles given as :class:`NTriples` text are written ``settings.group_size``
        at a time by one bulk load each, articles given as triples ``group_size`` at a
        time by one SPARQL update transaction, articles whose graph is stored one
        transaction each (see ``borderkg.storebulk``). Each article is whole or absent
        whatever happens. ``progress`` is called for each article once committed (or
        found unchanged). If an article's triples are invalid, the ones before it are
        committed and :class:`ArticleWriteError` is raised; its ``unwritten`` lists the
        articles after it that were read from ``batch`` but not written.
        """
        report = LoadReport()
        with self._write_lock:
            self._write_batch(batch, report, progress)
            if compact and report.written:
                report.compacted = self.compact()
            else:
                self.store.flush()
        return report

    def _write_batch(
        self,
        batch: Iterable[ArticleWrite | tuple[GraphName, Iterable[Any], str]],
        report: LoadReport,
        progress: Callable[[str, WriteOutcome], None] | None,
    ) -> None:
        # A function of its own so that the writer, which holds the database, is gone
        # before a compaction switches databases (else the old one stays open here).
        writer = storebulk.BatchWriter(
            self._writable(), self.settings.group_size, report, progress, self._batch_spool()
        )
        for graph, triples, content_hash in batch:
            writer.write(graph, triples, content_hash)
        writer.flush()

    def _batch_spool(self) -> storespool.Spool | None:
        """The session's spool (made on first use), if rebuilds may use one."""
        if self._spool is None and self.settings.spool and self.settings.compact_above:
            assert self._active is not None
            directory = self.root / f"{storespool.SPOOL_PREFIX}{self._active.data}"
            part = max(1, self.settings.rebuild_chunk // 4)
            self._spool = storespool.Spool(directory, part)
        return self._spool

    def _forget(self, graph_iri: str) -> None:
        """A graph is written other than from text the spool holds: it no longer may use it."""
        if self._spool is not None:
            self._spool.forget(graph_iri)

    def _drop_spool(self) -> None:
        spool, self._spool = self._spool, None
        if spool is not None:
            spool.discard()

    def replace_graph(self, graph: GraphName, triples: Iterable[Any]) -> int:
        """Make a well-known graph hold exactly ``triples`` (one transaction); its size."""
        graph_iri = iri_of(graph)
        with self._write_lock:
            store = self._writable()
            self._forget(graph_iri)
            unique = list(dict.fromkeys(triples_in(triples, graph_iri)))
            store.update(graph_update(store, graph_iri, unique))
            return len(unique)

    def apply_update(self, text: str, graphs: Iterable[GraphName] | None = None) -> None:
        """Run a SPARQL update that the caller has already checked (the write paths of
        :mod:`borderkg.writes` gate it first) in one transaction; ``graphs``: all it touches."""
        with self._write_lock:
            for graph in graphs if graphs is not None else ():
                self._forget(iri_of(graph))
            if graphs is None:
                self._drop_spool()  # it may touch any graph
            self._writable().update(text)

    def remove_article(self, graph: GraphName) -> bool:
        """Remove an article graph in one transaction; ``False`` if it was not there."""
        graph_iri = iri_of(graph)
        article_of_graph(graph_iri)
        with self._write_lock:
            store = self._writable()
            if not store.contains_named_graph(ox.NamedNode(graph_iri)):
                return False
            self._forget(graph_iri)
            store.update(f"DROP SILENT GRAPH <{graph_iri}>")
            return True

    # -- compaction and copies ---------------------------------------------------------

    def disk_usage(self) -> int:
        """Bytes on disk of the live database: all its files, as ``du -b`` sums them."""
        return storefiles.disk_usage(self.database)

    def compact(self, *, force: bool = False) -> bool:
        """Rebuild the database compactly if it is over budget (or ``force``); ``True`` if so.

        The rebuild bulk-loads every quad into a new database directory, checks the count,
        opens it, and switches ``active.json`` to it with one atomic rename. Query results
        not yet read keep reading the old snapshot; its directory is removed once nothing
        here uses it (at the latest when the store is next opened for writing).
        """
        with self._write_lock:
            store = self._writable()
            store.flush()
            if not force and not self._over_budget(store):
                return False
            assert self._active is not None
            new_name = storefiles.next_data_name(self.root, self._active.data)
            new_database = self.root / new_name
            active = self._rebuild(store, new_database, new_name)
            try:
                new_store = self._open_database(new_database)
                storefiles.write_active(self.root, active)
            except BaseException:
                new_store = None
                shutil.rmtree(new_database, ignore_errors=True)
                raise
            old_database = self.database
            self._store, self.database, self._active = new_store, new_database, active
            del store
            if not storefiles.in_use_by_this_process(old_database):
                storefiles.remove_stale(self.root, keep=new_name)
            return True

    def _rebuild(self, store: ox.Store, target: Path, name: str) -> storefiles.Active:
        """Rebuild into ``target``, from the spool when it holds anything; its record."""
        spool, self._spool = self._spool, None
        chunk = self.settings.rebuild_chunk
        done: storefiles.Rebuilt | None = None
        try:
            if spool is not None and spool.graphs:
                with contextlib.suppress(storespool.SharedBlankNode):
                    done = storespool.rebuild(store, spool, target, chunk)
            if done is None:
                done = storefiles.copy_compact(store, target, chunk)
        finally:
            if spool is not None:
                spool.discard()
        return done.active(name, target)

    def _over_budget(self, store: ox.Store) -> bool:
        limit = self.settings.compact_above
        size = storefiles.disk_usage(self.database)
        if limit is None or size < storefiles.MIN_COMPACT_BYTES:
            return False
        assert self._active is not None
        quads = len(store)
        estimate = storefiles.estimated_compact_bytes(self.database, self._active, quads)
        if size > storefiles.REBUILD_CEILING * estimate:
            return True
        # Over the budget, grown past what the last rebuild could reach (else every load
        # would rebuild a store that no rebuild gets under the budget), and by enough
        # written since to be worth reading the whole store again.
        reachable = self._active.rebuilt * estimate * storefiles.REBUILD_GAIN
        held = self._active.held
        written = quads - held >= storefiles.REBUILD_GROWTH * held
        return size > limit * estimate and size > reachable and written

    def checkpoint(self, dest: str | os.PathLike[str]) -> Path:
        """Copy the store into a new directory ``dest`` for read-only readers.

        Uses RocksDB's checkpoint (``Store.backup``), with hard links where possible, so it
        is cheap. The copy is a bare pyoxigraph database that no writer touches: serve it
        with :meth:`open_read_only` (or ``pyoxigraph.Store.read_only``) while loads go on
        in the live store. ``dest`` must not exist.
        """
        target = Path(dest)
        with self._write_lock:
            store = self._writable()
            if target.exists():
                raise StoreError(f"The checkpoint directory {target} already exists")
            target.parent.mkdir(parents=True, exist_ok=True)
            store.flush()
            store.backup(str(target))
        return target

    # -- reading -----------------------------------------------------------------------

    def has_graph(self, graph: GraphName) -> bool:
        """Whether the named graph exists."""
        return self.store.contains_named_graph(ox.NamedNode(iri_of(graph)))

    def graph_count(self) -> int:
        """Number of named graphs (article graphs and well-known graphs)."""
        return sum(1 for _ in self.store.named_graphs())

    def triple_count(self, graph: GraphName | None = None) -> int:
        """Number of triples in ``graph``, or of quads in the whole store."""
        return storeread.triple_count(self.store, graph)

    def article_graphs(self) -> list[str]:
        """IRIs of all article graphs, sorted."""
        return storeread.article_graphs(self.store)

    def content_hash_of(self, graph: GraphName) -> str | None:
        """The content hash stored in an article graph, or ``None`` if there is none."""
        return storebulk.stored_hash(self.store, iri_of(graph))

    def query(
        self, sparql: str, *, union: bool = False, **options: Any
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query with the project prefixes predeclared.

        ``union=True`` queries the union of all graphs as the default graph
        (``use_default_graph_as_union``); other keyword arguments go to
        ``pyoxigraph.Store.query`` as they are (``default_graph``, ``named_graphs``,
        ``substitutions``, ``prefixes`` …).
        """
        options.setdefault("prefixes", PREFIXES)
        if union:
            options["use_default_graph_as_union"] = True
        return self.store.query(sparql, **options)

    def export(
        self,
        fmt: str | ox.RdfFormat,
        out: str | os.PathLike[str] | IO[bytes],
        graphs: Sequence[GraphName] | None = None,
    ) -> None:
        """Stream the store, or only ``graphs``, to a path or binary file (see ``storeread``).

        N-Quads, TriG and JSON-LD keep graph names; Turtle, N-Triples and RDF/XML write
        the union of the graphs without duplicates.
        """
        storeread.export(self.store, fmt, out, graphs)

    def stats(self) -> StoreStats:
        """Counts of articles, graphs, quads, triples, entities per type, unreviewed ones."""
        return storeread.stats(self.store)

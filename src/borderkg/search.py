"""Full-text search over articles and entity labels: a SQLite FTS5 side index of the store.

The index lives next to the store, at ``<store>/search.sqlite`` (WAL mode, so the endpoint's
readers, who open it read-only, never block the writer nor see a half-made change). It holds:

* every article graph: title (``schema:headline``), keywords, body (the stored article text,
  ``bkg:text``/``nif:isString``, and the photo caption), publication date;
* every entity with a label: the vocabulary graph's (``skos:prefLabel``, ``skos:altLabel``,
  ``rdfs:label``, ``eli:title``) and the unreviewed ones articles mint, with their types.

:meth:`SearchIndex.sync` brings it in step with a store by comparing each article graph's
``bkg:contentHash``, and the vocabulary's label and type statements, with what the index
holds; ``borderkg.pipeline.load`` calls it after every load. A writer that knows which graphs
it changed calls :meth:`SearchIndex.update_graphs` instead (a SPARQL update may change a graph
and keep its hash). Ranking is BM25 with titles and preferred labels weighted above keywords
and aliases, and those above body text.

Chinese, Japanese and Korean text is also indexed a character per token, in a second table
(``fts_cjk``: only the words holding such characters, so English text costs nothing more),
where a query term holding CJK characters is looked up as a phrase: part of a name ("惠山",
"혜산") finds the whole ("惠山市", "혜산시"). The word table is as it was, so Latin-script
matching, prefixes and scores do not change (see ``borderkg.searchquery``).

Searching needs only :mod:`sqlite3` and small borderkg modules; reading the store
(``borderkg.searchsync``/``searchsource``: pyoxigraph, the ontology namespaces, rdflib) is
imported when syncing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from borderkg.searchquery import (
    ELLIPSIS,
    MARK_CLOSE,
    MARK_OPEN,
    Query,
    cjk_snippet,
    has_mark,
    mark_cjk,
    opening,
    parse_query,
    snippet_html,
)
from borderkg.storelock import StoreError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from borderkg.store import GraphStore

#: File name of the index inside a store directory.
INDEX_NAME = "search.sqlite"
#: Bumped when the tables or the way text is indexed change; the writer remakes an index of
#: another version empty (and its next sync fills it), readers refuse it. "3": CJK text in
#: ``fts_cjk`` (an index of the short-lived "2" split it inside ``fts``; it is remade too).
SCHEMA_VERSION = "3"
#: BM25 weights of the columns (label, alt, body): title/label ≫ keywords/aliases ≫ body.
WEIGHTS = (10.0, 4.0, 1.0)
KINDS = ("article", "entity")
#: Tokens in a snippet.
SNIPPET_TOKENS = 24

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    iri TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    date TEXT,
    types TEXT NOT NULL
);
CREATE VIRTUAL TABLE fts USING fts5(
    label, alt, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE fts_cjk USING fts5(label, alt, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE articles(graph TEXT PRIMARY KEY, hash TEXT NOT NULL, iri TEXT NOT NULL);
CREATE TABLE names(
    graph TEXT NOT NULL, iri TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (graph, iri)
) WITHOUT ROWID;
CREATE INDEX names_by_iri ON names(iri);
"""
_TABLES = ("meta", "docs", "fts", "fts_cjk", "articles", "names")
#: SQLite result codes of a file that is not a (sound) database: SQLITE_CORRUPT, SQLITE_NOTADB.
_DAMAGED = (11, 26)


class SearchIndexError(StoreError):
    """The search index is missing, of another version, or cannot be used."""


@dataclass(frozen=True)
class Hit:
    """One search result: an article or an entity, with a highlighted snippet.

    ``snippet`` is HTML: the text is escaped and matches are wrapped in ``<mark>``.
    ``score`` is higher for better matches (BM25, weighted). ``date`` is an article's
    publication date (ISO) when known; ``types`` are an entity's class IRIs.
    """

    kind: str
    iri: str
    label: str
    snippet: str
    score: float
    date: str | None = None
    types: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The hit as JSON-ready data."""
        data = asdict(self)
        data["types"] = list(self.types)
        return data


@dataclass
class SyncStats:
    """What a sync did: article graphs added, replaced, removed or unchanged; entities."""

    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0
    entities: int = 0
    vocabulary: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether the index was written."""
        return bool(self.added or self.replaced or self.removed or self.entities)


@dataclass(frozen=True)
class IndexStats:
    """What the index holds."""

    articles: int
    entities: int
    bytes: int
    synced: str | None


def index_path(store_root: str | Path) -> Path:
    """Where the search index of the store at ``store_root`` lives."""
    return Path(store_root) / INDEX_NAME


def _ox_store(store: GraphStore | ox.Store) -> ox.Store:
    return getattr(store, "store", store)


class SearchIndex:
    """The SQLite FTS5 search index at ``path``.

    Writable (the default) creates the file if needed, and makes it again if it is not a
    sound SQLite database; ``read_only=True`` opens it with a ``mode=ro`` URI and raises
    :class:`SearchIndexError` if it is missing or unreadable. Threads may share one object:
    each gets its own connection (writers are serialised by SQLite's lock, and in this
    project by the store's one-writer lock too). Use it as a context manager or call
    :meth:`close`.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._made = False  # the tables were just made: the index holds nothing yet
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        if read_only:
            if not self.path.is_file():
                raise SearchIndexError(
                    f"There is no search index at {self.path}: build it with "
                    f"`borderkg reindex --store {self.path.parent}`"
                )
            self._check_schema(self._conn())
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._prepare(self._conn())
            except sqlite3.DatabaseError as exc:
                if getattr(exc, "sqlite_errorcode", None) not in _DAMAGED:
                    raise
                # The index holds nothing the store does not: a damaged one is made again
                # (and filled by the next sync).
                self.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self._prepare(self._conn())

    @classmethod
    def for_store(cls, store_root: str | Path, *, read_only: bool = False) -> SearchIndex:
        """The index of the store at ``store_root``."""
        return cls(index_path(store_root), read_only=read_only)

    # -- connections -------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if self.read_only:
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=10000")
        with self._guard:
            self._connections.append(conn)
        self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close every connection this object opened."""
        with self._guard:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _check_schema(self, conn: sqlite3.Connection) -> None:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise SearchIndexError(f"The search index {self.path} cannot be read: {exc}") from exc
        if row is None or row[0] != SCHEMA_VERSION:
            raise SearchIndexError(
                f"The search index {self.path} was made by another version: rebuild it with "
                f"`borderkg reindex --store {self.path.parent}`"
            )

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Create the tables, or remake them if they are of another schema version."""
        with self._transaction(conn):
            try:
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            except sqlite3.OperationalError:  # no meta table: a new file
                row = None
            if row is not None and row[0] == SCHEMA_VERSION:
                return
            for table in _TABLES:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            self._made = True

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- searching ---------------------------------------------------------------------

    def search(
        self, q: str, *, kind: str | None = None, limit: int = 20, offset: int = 0
    ) -> list[Hit]:
        """The best hits for the user query ``q``, best first.

        ``q``: words, ``"quoted phrases"`` and ``prefix*``, all required; any other syntax
        is read as plain words (see ``borderkg.searchquery``), so no input raises.
        ``kind``: ``"article"``, ``"entity"`` or ``None`` for both.
        """
        query = parse_query(q)
        kind_sql, params = self._kind_filter(kind)
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        if query.empty or limit == 0:
            return []
        conn = self._conn()
        source, score, matches = _matching(query)
        ranked = conn.execute(
            f"SELECT d.id, d.kind, d.iri, d.label, d.date, d.types, {score} AS rank "
            f"{source}{kind_sql} ORDER BY rank, d.id LIMIT ? OFFSET ?",
            (*matches, *params, limit, offset),
        ).fetchall()
        hits = []
        for doc_id, doc_kind, iri, label, date, types, rank in ranked:
            hits.append(
                Hit(
                    kind=doc_kind,
                    iri=iri,
                    label=label,
                    snippet=self._snippet(conn, query, doc_id, doc_kind),
                    score=round(-rank, 6),
                    date=date,
                    types=tuple(json.loads(types)),
                )
            )
        return hits

    def count(self, q: str, *, kind: str | None = None) -> int:
        """How many documents match the user query ``q`` (for paging)."""
        query = parse_query(q)
        kind_sql, params = self._kind_filter(kind)
        if query.empty:
            return 0
        source, _, matches = _matching(query)
        row = self._conn().execute(f"SELECT count(*) {source}{kind_sql}", (*matches, *params))
        return int(row.fetchone()[0])

    @staticmethod
    def _kind_filter(kind: str | None) -> tuple[str, tuple[str, ...]]:
        if kind is None:
            return "", ()
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        return " AND d.kind = ?", (kind,)

    @staticmethod
    def _snippet(conn: sqlite3.Connection, query: Query, doc_id: int, kind: str) -> str:
        """An article's body around its matches (its opening lines if only the title
        matched); an entity's names, with the one that matched highlighted. Word matches
        are marked by FTS5; CJK matches, when no word match shows, by ``cjk_snippet``."""
        chosen = best = None
        if query.words is not None:
            column = 2 if kind == "article" else -1
            row = conn.execute(
                f"SELECT snippet(fts, {column}, ?, ?, ?, ?), snippet(fts, -1, ?, ?, ?, ?) "
                "FROM fts WHERE fts MATCH ? AND rowid = ?",
                (MARK_OPEN, MARK_CLOSE, ELLIPSIS, SNIPPET_TOKENS) * 2 + (query.words, doc_id),
            ).fetchone()
            chosen, best = row or (None, None)
            if not query.cjk_terms or has_mark(chosen) or (kind == "entity" and has_mark(best)):
                return snippet_html(mark_cjk(chosen or best or "", query.cjk_terms))
        row = conn.execute("SELECT label, alt, body FROM fts WHERE rowid = ?", (doc_id,))
        label, alt, body = row.fetchone() or ("", "", "")
        texts = (body, label) if kind == "article" else (label, alt)
        found = cjk_snippet(texts, query.cjk_terms)
        return snippet_html(found or chosen or best or opening(texts[0] or texts[1]))

    def stats(self) -> IndexStats:
        """Counts of indexed articles and entities, file size, time of the last sync."""
        conn = self._conn()
        counts = dict(conn.execute("SELECT kind, count(*) FROM docs GROUP BY kind").fetchall())
        synced = conn.execute("SELECT value FROM meta WHERE key = 'synced'").fetchone()
        size = sum(
            p.stat().st_size
            for p in (self.path, Path(f"{self.path}-wal"))
            if p.exists()  # the WAL file comes and goes
        )
        return IndexStats(
            articles=int(counts.get("article", 0)),
            entities=int(counts.get("entity", 0)),
            bytes=size,
            synced=synced[0] if synced else None,
        )

    def indexed_articles(self) -> dict[str, str]:
        """Article graphs the index holds, with the content hash it indexed them at."""
        return dict(self._conn().execute("SELECT graph, hash FROM articles").fetchall())

    # -- keeping in step with the store ------------------------------------------------

    def sync(self, store: GraphStore | ox.Store) -> SyncStats:
        """Bring the index in step with ``store``, in one transaction; cheap if nothing changed.

        Article graphs whose content hash differs from the indexed one are re-read, new ones
        added, those gone removed; the vocabulary's entities are re-read when its label or
        type statements changed.
        """
        from borderkg.searchsync import apply_sync

        stats = self._write(lambda conn: apply_sync(conn, _ox_store(store)))
        self._made = False
        return stats

    def update_graphs(self, store: GraphStore | ox.Store, graphs: Iterable[str]) -> SyncStats:
        """Re-read the given graphs of ``store`` (article graphs, the vocabulary graph).

        For a writer that knows what it touched: a SPARQL update may change an article graph
        and keep its content hash, which :meth:`sync` would not notice. Costs only the
        graphs named; a graph that no longer exists is removed from the index. An index this
        object has just made (new, or remade for another version) is synced whole instead.
        """
        from borderkg.searchsync import apply_update

        if self._made:
            return self.sync(store)
        names = [str(getattr(g, "value", g)) for g in graphs]
        return self._write(lambda conn: apply_update(conn, _ox_store(store), names))

    def _write(self, change: Callable[[sqlite3.Connection], SyncStats]) -> SyncStats:
        self._writable()
        started = time.perf_counter()
        conn = self._conn()
        with self._transaction(conn):
            stats = change(conn)
        stats.seconds = time.perf_counter() - started
        return stats

    def rebuild(self, store: GraphStore | ox.Store) -> SyncStats:
        """Index ``store`` from scratch, in one transaction: readers see the old index until
        the new one is complete."""
        from borderkg.searchsync import apply_sync

        def from_scratch(conn: sqlite3.Connection) -> SyncStats:
            for table in ("docs", "fts", "fts_cjk", "articles", "names"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM meta WHERE key != 'schema'")
            return apply_sync(conn, _ox_store(store))

        stats = self._write(from_scratch)
        self._made = False
        for table in ("fts", "fts_cjk"):
            self._conn().execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        return stats

    def _writable(self) -> None:
        if self.read_only:
            raise SearchIndexError(f"The search index {self.path} is open read-only")


def _matching(query: Query) -> tuple[str, str, tuple[str, ...]]:
    """The ``FROM … WHERE`` clause of a query's documents, their score expression and the
    MATCH parameters: the word table, the character table or both (each must match)."""
    weights = ", ".join(map(str, WEIGHTS))
    joins, where, scores, matches = [], [], [], []
    for table, match in (("fts", query.words), ("fts_cjk", query.cjk)):
        if match is not None:
            joins.append(f" JOIN {table} ON {table}.rowid = d.id")
            where.append(f"{table} MATCH ?")
            scores.append(f"bm25({table}, {weights})")
            matches.append(match)
    source = f"FROM docs AS d{''.join(joins)} WHERE {' AND '.join(where)}"
    return source, " + ".join(scores), tuple(matches)


def reindex(store_root: str | Path) -> SyncStats:
    """Rebuild the search index of the store at ``store_root`` from scratch.

    Reads the store under its shared lock, so no load or write runs meanwhile; raises
    ``StoreLockedError`` while one does (it updates the index itself when it ends).
    """
    from borderkg.store import GraphStore

    with GraphStore.open_read_only(store_root) as store, SearchIndex.for_store(store_root) as index:
        return index.rebuild(store)


def ensure_index(store_root: str | Path) -> SyncStats | None:
    """Sync the index of the store at ``store_root`` if no writer holds the store.

    For the server at start: makes the index when a store predates it, catches up with
    changes made by other tools. Returns ``None`` when a load or write holds the store: it
    syncs the index itself when it ends.
    """
    from borderkg.store import GraphStore, StoreLockedError

    try:
        store = GraphStore.open_read_only(store_root)
    except StoreLockedError:
        return None
    with store, SearchIndex.for_store(store_root) as index:
        return index.sync(store)

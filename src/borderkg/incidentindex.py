"""The incidents' side index: each article's event reports and the incidents last written.

Clustering needs every event report of the store, since an incident gathers reports of
several articles; reading them all back from pyoxigraph takes about 20 s at 10,000
articles, so a write that changed one article would pay that each time. This index, at
``<store>/incidents.sqlite``, keeps what the clustering needs of each report and the
N-Triples of each incident last written to the incidents graph. A rebuild then reads from
the store only the articles that changed and writes only the incidents that changed.

Which articles to re-read: those whose ``bkg:contentHash`` differs from the one recorded
(a load adds or replaces articles) and those a write names (a SPARQL update may change a
graph and keep its hash). A write marks its graphs pending before it commits, so a process
killed between the commit and the re-read leaves them to the next rebuild. The index is
derived data: a damaged or missing file is rebuilt from the store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

import pyoxigraph as ox

from borderkg.searchsource import article_listing, digest, parse_listing
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX

INDEX_NAME = "incidents.sqlite"
_SCHEMA_VERSION = "2"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (graph TEXT PRIMARY KEY, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (graph TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS reports (
    iri TEXT PRIMARY KEY, graph TEXT NOT NULL, type TEXT NOT NULL, earliest TEXT,
    latest TEXT, precision TEXT, published TEXT, places TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reports_graph ON reports (graph);
CREATE TABLE IF NOT EXISTS incidents (
    iri TEXT PRIMARY KEY, type TEXT NOT NULL, size INTEGER NOT NULL, triples TEXT NOT NULL);
"""

# One article graph's event reports; {graph} is replaced by the graph's IRI.
_REPORTS = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?r ?type ?earliest ?latest ?precision ?place ?published WHERE {
  GRAPH <{graph}> {
    ?r a bkg:EventReport ; sem:eventType ?type .
    OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?earliest ; sem:hasLatestEndTimeStamp ?latest }
    OPTIONAL { ?r bkg:timePrecision ?precision }
    OPTIONAL { ?r sem:hasPlace ?place }
  }
  OPTIONAL { <{graph}> prov:wasDerivedFrom/schema:datePublished ?published }
}
"""

_GRAPH_TYPES = "SELECT DISTINCT type FROM reports WHERE graph = ?"


class Written(NamedTuple):
    """An incident as written to the incidents graph."""

    event_type: str
    size: int  # its reports
    triples: str  # N-Triples, a line each


#: A report as the index keeps it: iri, graph, type, earliest, latest, precision,
#: published (ISO dates or None) and its places' IRIs (one a line in the table).
ReportRow = tuple[str, str, str, str | None, str | None, str | None, str | None, list[str]]


class IncidentIndex:
    """The side index of one store directory; a context manager that closes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = _connect(path)

    @classmethod
    def for_store(cls, root: Path) -> IncidentIndex:
        """The index beside the store at ``root``, made if missing, remade if damaged."""
        return cls(Path(root) / INDEX_NAME)

    def __enter__(self) -> IncidentIndex:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self.conn.close()

    # -- reports -----------------------------------------------------------------------

    def mark_pending(self, graphs: Iterable[str]) -> None:
        """Record graphs about to change, so the next :meth:`refresh` re-reads them whatever
        happens between the change and that refresh."""
        with self._transaction():
            self.conn.executemany(
                "INSERT OR IGNORE INTO pending VALUES (?)", [(g,) for g in graphs]
            )

    def refresh(self, store: ox.Store, graphs: Iterable[str] = ()) -> set[str]:
        """Bring the reports in step with ``store``: re-read the ``graphs`` named, the pending
        ones and every article graph whose content hash changed; forget the graphs gone.
        The event types of the reports that were re-read or forgotten (empty: no change)."""
        listing = article_listing(store)
        listing_digest = digest(listing)
        wanted = {g for g in graphs if g.startswith(ARTICLE_GRAPH_PREFIX)}
        wanted |= {g for (g,) in self.conn.execute("SELECT graph FROM pending")}
        current: dict[str, str] | None = None
        if listing_digest != self._meta("listing"):
            current = parse_listing(listing)
            held = dict(self.conn.execute("SELECT graph, hash FROM articles"))
            wanted |= {g for g in held if g not in current}
            wanted |= {g for g, h in current.items() if held.get(g) != h}
        if not wanted:
            return set()
        if current is None:
            current = parse_listing(listing)
        types: set[str] = set()
        with self._transaction():
            for graph in sorted(wanted):
                types |= {t for (t,) in self.conn.execute(_GRAPH_TYPES, (graph,))}
                self.conn.execute("DELETE FROM reports WHERE graph = ?", (graph,))
                self.conn.execute("DELETE FROM articles WHERE graph = ?", (graph,))
                if graph in current:
                    rows = read_graph_reports(store, graph)
                    types |= {row[2] for row in rows}
                    self.conn.executemany(
                        "INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(*row[:7], "\n".join(sorted(row[7]))) for row in rows],
                    )
                    self.conn.execute("INSERT INTO articles VALUES (?, ?)", (graph, current[graph]))
            self.conn.execute("DELETE FROM pending")
            self._set_meta("listing", listing_digest)
        return types

    def reports(self, types: set[str] | None = None) -> Iterator[ReportRow]:
        """The reports held (of ``types`` only, if given), in IRI order."""
        rows = self.conn.execute("SELECT * FROM reports ORDER BY iri")
        for row in rows:
            if types is None or row[2] in types:
                yield (*row[:7], row[7].split("\n") if row[7] else [])

    def report_count(self) -> int:
        """How many reports are held."""
        return self.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def places(self) -> set[str]:
        """Every place of a report held."""
        rows = self.conn.execute("SELECT DISTINCT places FROM reports WHERE places != ''")
        return {p for (text,) in rows for p in text.split("\n")}

    def areas_changed(self, areas_digest: str) -> bool:
        """Whether the places' administrative areas differ from those last clustered with
        (a vocabulary change), recording the new ones."""
        if self._meta("areas") == areas_digest:
            return False
        with self._transaction():
            self._set_meta("areas", areas_digest)
        return True

    # -- incidents ---------------------------------------------------------------------

    def written(self) -> dict[str, Written] | None:
        """Each incident as last written to the store, by IRI; None when the last write of
        the incidents graph may not have completed."""
        if self._meta("written") != "yes":
            return None
        rows = self.conn.execute("SELECT iri, type, size, triples FROM incidents")
        return {iri: Written(kind, size, text) for iri, kind, size, text in rows}

    def begin_writing(self) -> None:
        """Record that the incidents graph is about to change (committed before it does)."""
        with self._transaction():
            self._set_meta("written", "no")

    def record_written(self, incidents: dict[str, Written]) -> None:
        """Record what the incidents graph now holds."""
        with self._transaction():
            self.conn.execute("DELETE FROM incidents")
            self.conn.executemany(
                "INSERT INTO incidents VALUES (?, ?, ?, ?)",
                [(iri, w.event_type, w.size, w.triples) for iri, w in incidents.items()],
            )
            self._set_meta("written", "yes")

    # -- plumbing ----------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def read_graph_reports(store: ox.Store, graph: str) -> list[ReportRow]:
    """The event reports of one article graph, as the index keeps them."""
    found: dict[str, ReportRow] = {}
    for row in store.query(_REPORTS.replace("{graph}", graph), use_default_graph_as_union=True):
        iri = row["r"].value
        if iri not in found:
            found[iri] = (
                iri,
                graph,
                row["type"].value,
                *(_value(row[k]) for k in ("earliest", "latest", "precision", "published")),
                [],
            )
        place = row["place"]
        if place is not None and place.value not in found[iri][7]:
            found[iri][7].append(place.value)
    return list(found.values())


def _value(term: ox.Literal | ox.NamedNode | None) -> str | None:
    return None if term is None else term.value


def _connect(path: Path) -> sqlite3.Connection:
    """Open the index, starting afresh when the file is damaged or of another version."""
    for attempt in (1, 2):
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_TABLES)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                conn.execute("INSERT INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))
            elif row[0] != _SCHEMA_VERSION:
                raise sqlite3.DatabaseError("another schema version")
            return conn
        except sqlite3.DatabaseError:
            conn.close()
            if attempt == 2:
                raise
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    raise AssertionError("unreachable")

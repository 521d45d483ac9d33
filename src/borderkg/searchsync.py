"""Bring the search index's tables in step with a store (inside the caller's transaction)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from borderkg.search import SyncStats
from borderkg.searchquery import cjk_text, clean_text
from borderkg.searchsource import (
    VOCABULARY,
    EntityNames,
    article_entities,
    article_listing,
    content_hash,
    digest,
    display_label,
    entity_columns,
    merge,
    parse_listing,
    read_article,
    vocabulary_entities,
    vocabulary_listing,
    vocabulary_rows,
)
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX, article_of_graph


def apply_sync(conn: sqlite3.Connection, store: ox.Store) -> SyncStats:
    """Index what changed in ``store`` since the index last saw it; remove what left.

    Article graphs are compared by content hash, the vocabulary by its label and type
    statements. Each comparison first checks a digest of the whole listing against the one
    kept from the last sync, so a store where nothing changed costs two queries and no
    per-article work. Entities named by a changed graph are rebuilt from every graph that
    still names them.
    """
    stats = SyncStats()
    affected: set[str] = set()
    listing = article_listing(store)
    listing_digest = digest(listing)
    if listing_digest == _meta(conn, "articles"):
        stats.unchanged = len(listing)
    else:
        current = parse_listing(listing)
        held = dict(conn.execute("SELECT graph, hash FROM articles").fetchall())
        for graph in held:
            if graph not in current:
                _remove_article(conn, graph, affected)
                stats.removed += 1
        for graph, content_hash in current.items():
            if held.get(graph) == content_hash:
                stats.unchanged += 1
                continue
            _index_article(conn, store, graph, content_hash, affected)
            if graph in held:
                stats.replaced += 1
            else:
                stats.added += 1
        _set_meta(conn, "articles", listing_digest)
    vocabulary = vocabulary_listing(store)
    vocabulary_digest = digest(vocabulary)
    if vocabulary_digest != _meta(conn, "vocabulary"):
        _replace_vocabulary(conn, vocabulary, affected)
        _set_meta(conn, "vocabulary", vocabulary_digest)
        stats.vocabulary = True
    _finish(conn, affected, stats)
    return stats


def apply_update(conn: sqlite3.Connection, store: ox.Store, graphs: Iterable[str]) -> SyncStats:
    """Re-read the named graphs (article graphs, the vocabulary graph) whatever their hash.

    Costs only the graphs named, so the write service calls it after each write. The
    digest of the article listing is dropped: the next :func:`apply_sync` compares article
    by article once, finds the index in step and records it again.
    """
    stats = SyncStats()
    affected: set[str] = set()
    held = dict(conn.execute("SELECT graph, hash FROM articles").fetchall())
    for graph in dict.fromkeys(graphs):
        if graph == VOCABULARY:
            listing = vocabulary_listing(store)
            _replace_vocabulary(conn, listing, affected)
            _set_meta(conn, "vocabulary", digest(listing))
            stats.vocabulary = True
            continue
        if not graph.startswith(ARTICLE_GRAPH_PREFIX):
            continue
        conn.execute("DELETE FROM meta WHERE key = 'articles'")
        if store.contains_named_graph(ox.NamedNode(graph)):
            _index_article(conn, store, graph, content_hash(store, graph), affected)
            if graph in held:
                stats.replaced += 1
            else:
                stats.added += 1
        elif graph in held:
            _remove_article(conn, graph, affected)
            stats.removed += 1
    _finish(conn, affected, stats)
    return stats


def _finish(conn: sqlite3.Connection, affected: set[str], stats: SyncStats) -> None:
    for iri in sorted(affected):
        _refresh_entity(conn, iri)
    stats.entities = len(affected)
    if stats.changed or stats.vocabulary:
        _set_meta(conn, "synced", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


def _replace_vocabulary(conn: sqlite3.Connection, listing: list[str], affected: set[str]) -> None:
    entities = vocabulary_entities(vocabulary_rows(listing))
    _replace_names(conn, VOCABULARY, entities, affected)


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _index_article(
    conn: sqlite3.Connection, store: ox.Store, graph: str, content_hash: str, affected: set[str]
) -> None:
    doc = read_article(store, graph)
    iri = article_of_graph(graph)
    if doc is None:
        _delete_doc(conn, iri)
    else:
        _upsert_doc(
            conn,
            "article",
            iri,
            doc.label,
            doc.date,
            [],
            (doc.title or "", " · ".join(doc.keywords), doc.body),
        )
    conn.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", (graph, content_hash, iri))
    _replace_names(conn, graph, article_entities(store, graph), affected)


def _remove_article(conn: sqlite3.Connection, graph: str, affected: set[str]) -> None:
    _delete_doc(conn, article_of_graph(graph))
    conn.execute("DELETE FROM articles WHERE graph = ?", (graph,))
    _replace_names(conn, graph, {}, affected)


def _replace_names(
    conn: sqlite3.Connection, graph: str, names: dict[str, EntityNames], affected: set[str]
) -> None:
    """Replace what ``graph`` says of entities; note every entity whose names may change."""
    old = {row[0] for row in conn.execute("SELECT iri FROM names WHERE graph = ?", (graph,))}
    conn.execute("DELETE FROM names WHERE graph = ?", (graph,))
    conn.executemany(
        "INSERT INTO names VALUES (?, ?, ?)",
        [(graph, iri, json.dumps(n.as_json(), ensure_ascii=False)) for iri, n in names.items()],
    )
    affected.update(old, names)


def _refresh_entity(conn: sqlite3.Connection, iri: str) -> None:
    """Rebuild an entity's document from every graph that names it (or drop it)."""
    contributions = [
        EntityNames.from_json(json.loads(row[0]))
        for row in conn.execute("SELECT data FROM names WHERE iri = ? ORDER BY graph", (iri,))
    ]
    if not contributions:
        _delete_doc(conn, iri)
        return
    names = merge(contributions)
    label, alt = entity_columns(names)
    _upsert_doc(conn, "entity", iri, display_label(names, iri), None, names.types, (label, alt, ""))


def _upsert_doc(
    conn: sqlite3.Connection,
    kind: str,
    iri: str,
    label: str,
    date: str | None,
    types: Sequence[str],
    columns: tuple[str, str, str],
) -> None:
    row = conn.execute("SELECT id FROM docs WHERE iri = ?", (iri,)).fetchone()
    type_list = json.dumps(list(types))
    if row is None:
        doc_id = conn.execute(
            "INSERT INTO docs (kind, iri, label, date, types) VALUES (?, ?, ?, ?, ?)",
            (kind, iri, label, date, type_list),
        ).lastrowid
    else:
        doc_id = row[0]
        conn.execute(
            "UPDATE docs SET kind = ?, label = ?, date = ?, types = ? WHERE id = ?",
            (kind, label, date, type_list, doc_id),
        )
        conn.execute("DELETE FROM fts WHERE rowid = ?", (doc_id,))
        conn.execute("DELETE FROM fts_cjk WHERE rowid = ?", (doc_id,))
    texts = [clean_text(c) for c in columns]
    conn.execute("INSERT INTO fts (rowid, label, alt, body) VALUES (?, ?, ?, ?)", (doc_id, *texts))
    characters = [cjk_text(text) for text in texts]
    if any(characters):  # most documents hold no CJK text: no row
        conn.execute(
            "INSERT INTO fts_cjk (rowid, label, alt, body) VALUES (?, ?, ?, ?)",
            (doc_id, *characters),
        )


def _delete_doc(conn: sqlite3.Connection, iri: str) -> None:
    row = conn.execute("SELECT id FROM docs WHERE iri = ?", (iri,)).fetchone()
    if row is not None:
        conn.execute("DELETE FROM fts WHERE rowid = ?", (row[0],))
        conn.execute("DELETE FROM fts_cjk WHERE rowid = ?", (row[0],))
        conn.execute("DELETE FROM docs WHERE id = ?", (row[0],))

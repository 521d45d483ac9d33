"""How ``GraphStore`` writes articles: new ones in groups by one bulk load, others by transaction.

A group of new article graphs given as N-Triples text is written by one
``pyoxigraph.Store.bulk_load`` of a TriG document holding every article of the group as
``GRAPH <g> { …its lines… }``. Why this keeps each article whole or absent:

* pyoxigraph 0.5.13's bulk loader builds sorted table (SST) files for every column family
  and hands all of them to RocksDB in ONE ``IngestExternalFiles`` call when the load ends
  (oxigraph ``RocksDbStorageBulkLoader::commit`` → ``insert_stt_files``; atomic unless
  ``without_atomicity()`` is asked for, which pyoxigraph does not). RocksDB applies an
  ingestion across column families as one atomic version edit. A document that does not
  parse stops the load before the ingestion and its files are deleted: nothing is written.
* Checked by killing it: ``tests/test_store_crash.py`` SIGKILLs loaders in the middle of
  group bulk loads. A longer run of the same check (300 loaders writing 24-article groups
  of ~1,590-quad articles, each killed 0–2 s after its first commit; 118 of the kills
  landed while a bulk load was building or handing over its files, as the files it left
  showed) found every article graph absent or complete, quad for quad, and every article
  reported committed present. Files a kill leaves are removed when the store next opens
  (``storefiles.remove_bulk_leftovers``): RocksDB does not delete files it did not name.

What it does not give: compact files for long. Each ingestion lands in level 0, two
level-0 files start a compaction, and with pyoxigraph's RocksDB settings (no compression
for level 0 and for the level the merges go to while a column family is under 512 MiB)
that compaction rewrites the data uncompressed. Measured on 1,000, 3,000 and 10,000
articles of ~1,590 quads written 32 per group: 1.73–1.74× the size of one bulk load of
the same quads; two groups or fewer stay at 1.00×. So ``GraphStore.compact`` still
rebuilds the store when it is over budget. What it gives: CPU per article ~37–39 ms
against ~55 ms for one ``Store.load`` transaction per article (1,000 such articles, the
background compactions included; 16, 32 or 64 per group made no difference beyond
noise), and no write-ahead log, which made transactional loads 5–6× while open. A bulk
load also has a fixed cost, about 13 ms of CPU and here ~150 ms of waiting for the disk,
so a lone article goes by a transaction.

Not in a group, each in its own transaction as before: an article whose graph is already
stored (dropped and rewritten by one SPARQL update), an article given as triples rather
than text (SPARQL updates, ``group_size`` per transaction), and text with a ``{`` or ``}``
(could end its ``GRAPH`` block and write elsewhere) or ``_:`` (blank node labels are scoped
to the whole document, so two articles' ``_:b0`` would become one node). TriG also reads
Turtle forms that N-Triples does not; a group that does not parse is written again one
transaction per article, so the article at fault is named by :class:`ArticleWriteError`
and the ones before it are committed, as for text written one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from borderkg.oxterms import iri_of
from borderkg.storetypes import (
    CONTENT_HASH,
    ArticleWrite,
    ArticleWriteError,
    GraphName,
    LoadReport,
    NTriples,
    WriteOutcome,
    article_of_graph,
    article_update,
    replace_text_update,
    replace_update,
    text_update,
)

if TYPE_CHECKING:
    from borderkg.storespool import Spool

Progress = Callable[[str, WriteOutcome], None]


def stored_hash(store: ox.Store, graph_iri: str) -> str | None:
    """The content hash stored in an article graph, or ``None`` if there is none."""
    article = ox.NamedNode(article_of_graph(graph_iri))
    quads = store.quads_for_pattern(article, CONTENT_HASH, None, ox.NamedNode(graph_iri))
    found = next(quads, None)
    return found.object.value if found is not None else None


def prepare(
    store: ox.Store, graph: GraphName, triples: Iterable[Any], content_hash: str
) -> tuple[str, str | NTriples] | None:
    """``(graph IRI, update)`` writing an article, or ``None`` if its hash is unchanged.

    The update is a SPARQL update, or for :class:`NTriples` the stamped text itself.
    """
    graph_iri = iri_of(graph)
    if isinstance(triples, NTriples):
        text = text_update(graph_iri, triples, content_hash)
        if stored_hash(store, graph_iri) == content_hash:
            return None
        return graph_iri, text
    _, stamped = article_update(graph_iri, triples, content_hash)
    if stored_hash(store, graph_iri) == content_hash:
        return None
    return graph_iri, replace_update(graph_iri, stamped)


def outcome_of(store: ox.Store, graph_iri: str) -> WriteOutcome:
    """What writing ``graph_iri`` now does: replace a stored graph or add a new one."""
    exists = store.contains_named_graph(ox.NamedNode(graph_iri))
    return WriteOutcome.REPLACED if exists else WriteOutcome.ADDED


def write_text(store: ox.Store, graph_iri: str, text: NTriples) -> WriteOutcome:
    """Write an article given as N-Triples text in one transaction (nothing if it fails).

    A new graph goes in by ``Store.load`` (transactional, no Python term objects, no
    SPARQL parsing); an existing one is dropped and rewritten by one SPARQL update. Text
    that does not parse raises :class:`ArticleWriteError`.
    """
    outcome = outcome_of(store, graph_iri)
    try:
        if outcome is WriteOutcome.ADDED:
            store.load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri))
        else:
            store.update(replace_text_update(graph_iri, text))
    except (SyntaxError, ValueError) as exc:
        raise ArticleWriteError(graph_iri, exc) from exc
    return outcome


def groupable(text: str) -> bool:
    """Whether an article's text can share one TriG document with other articles' graphs."""
    return "{" not in text and "}" not in text and "_:" not in text


def trig_document(articles: Sequence[tuple[str, str]]) -> str:
    """One TriG document putting each ``(graph IRI, N-Triples text)`` in its graph."""
    parts = []
    for graph_iri, text in articles:
        end = "" if text.endswith("\n") else "\n"
        parts.append(f"GRAPH <{graph_iri}> {{\n{text}{end}}}\n")
    return "".join(parts)


def bulk_write(store: ox.Store, articles: Sequence[tuple[str, str]]) -> str:
    """Write new article graphs by one bulk load: all of them, or none if it fails.

    Returns the TriG document loaded (the spool keeps it).
    """
    document = trig_document(articles)
    store.bulk_load(document, format=ox.RdfFormat.TRIG)
    return document


@dataclass
class _Queued:
    """An article read from the batch but not yet committed."""

    given: ArticleWrite
    graph: str
    update: str  # stamped N-Triples text for a bulk group, else a SPARQL update
    outcome: WriteOutcome


class BatchWriter:
    """Writes one ``GraphStore.write_articles`` batch in input order, each article whole.

    New articles as text are queued into bulk groups, articles as triples into SPARQL
    update groups, ``group_size`` at most; a queue is committed before an article of
    another kind, or a repeat of a queued graph (the later one then replaces it), is
    written. Everything else is written at once in its own transaction. ``spool``, if
    given, gets the text of every article committed from text, and is told of every
    other graph written (see ``borderkg.storespool``).
    """

    def __init__(
        self,
        store: ox.Store,
        group_size: int,
        report: LoadReport,
        progress: Progress | None,
        spool: Spool | None = None,
    ) -> None:
        self.store, self.group_size = store, group_size
        self.report, self.progress = report, progress
        self.spool = spool
        self.queue: list[_Queued] = []
        self.bulk = False  # whether the queue is a bulk group (else SPARQL updates)

    def write(self, graph: GraphName, triples: Iterable[Any], content_hash: str) -> None:
        """Write or queue one article of the batch."""
        graph_iri = iri_of(graph)
        if any(graph_iri == queued.graph for queued in self.queue):
            self.flush()  # a repeat: the later one wins
        try:
            prepared = prepare(self.store, graph_iri, triples, content_hash)
        except (ValueError, TypeError) as exc:
            self.flush()
            raise ArticleWriteError(graph_iri, exc) from exc
        if prepared is None:
            self._settled(graph_iri, WriteOutcome.UNCHANGED)
            return
        update = prepared[1]
        outcome = outcome_of(self.store, graph_iri)
        given = ArticleWrite(graph, triples, content_hash)
        if isinstance(update, NTriples):
            if outcome is not WriteOutcome.ADDED or not groupable(update):
                self.flush()  # keep the input order
                written = write_text(self.store, graph_iri, update)
                self._spooled(graph_iri, update)
                self._settled(graph_iri, written)
                return
            self._enqueue(_Queued(given, graph_iri, update, outcome), bulk=True)
        else:
            self._enqueue(_Queued(given, graph_iri, update, outcome), bulk=False)

    def _enqueue(self, queued: _Queued, *, bulk: bool) -> None:
        if self.queue and self.bulk != bulk:
            self.flush()
        self.bulk = bulk
        self.queue.append(queued)
        if len(self.queue) >= self.group_size:
            self.flush()

    def flush(self) -> None:
        """Commit the queued articles: a bulk group, or SPARQL updates in one transaction."""
        queue, self.queue = self.queue, []
        if not queue:
            return
        if not self.bulk:
            self.store.update(" ;\n".join(queued.update for queued in queue))
            for queued in queue:
                self._spooled(queued.graph, None)
        elif len(queue) == 1:
            # A lone article: no bulk load's fixed cost, and no level-0 files to merge.
            write_text(self.store, queue[0].graph, NTriples(queue[0].update))
            self._spooled(queue[0].graph, queue[0].update)
        else:
            articles = [(queued.graph, queued.update) for queued in queue]
            try:
                document = bulk_write(self.store, articles)
            except (SyntaxError, ValueError):
                self._one_by_one(queue)
                return
            if self.spool is not None:
                self.spool.add(articles, document)
        for queued in queue:
            self._settled(queued.graph, queued.outcome)

    def _one_by_one(self, queue: list[_Queued]) -> None:
        """Write a group that failed as a whole article by article, to name the bad one."""
        for position, queued in enumerate(queue):
            try:
                outcome = write_text(self.store, queued.graph, NTriples(queued.update))
            except ArticleWriteError as exc:
                exc.unwritten = [later.given for later in queue[position + 1 :]]
                raise
            self._spooled(queued.graph, queued.update)
            self._settled(queued.graph, outcome)

    def _spooled(self, graph_iri: str, text: str | None) -> None:
        """Give the spool the text just committed for a graph, or tell it the graph changed."""
        if self.spool is None:
            return
        if text is not None and groupable(text):
            self.spool.add([(graph_iri, text)])
        else:
            self.spool.forget(graph_iri)

    def _settled(self, graph_iri: str, outcome: WriteOutcome) -> None:
        self.report.count(outcome)
        if self.progress is not None:
            self.progress(graph_iri, outcome)

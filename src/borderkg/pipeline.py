"""Load articles into the store: read → extract (in parallel) → write, one article at a time.

Reading streams records from the inputs; extraction runs in worker processes on small
chunks of records, with a bounded number of chunks in flight so memory stays flat however
large the corpus; the parent writes each article whole or not at all. A bad input or an
article the extractor fails on is reported and the others go on.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from borderkg.iris import article_graph_iri
from borderkg.loaders.readers import ReadError, ReadOptions, iter_records
from borderkg.loaders.record import ArticleRecord
from borderkg.store import GraphStore
from borderkg.storetypes import ArticleWriteError, WriteOutcome

#: Records per task sent to a worker: large enough to amortise inter-process overhead.
CHUNK_SIZE = 16


@dataclass
class Built:
    """One article ready to write: its graph, quads and content hash."""

    source: str
    article_id: str
    graph: str
    quads: list[Any]
    content_hash: str


@dataclass
class Rejected:
    """An input that was not loaded, with the reason a person can act on."""

    source: str
    reason: str


@dataclass
class LoadSummary:
    """What a load did, article by article."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    compacted: bool = False
    seconds: float = 0.0

    @property
    def loaded(self) -> int:
        """Articles now in the store from this load (added, replaced or already there)."""
        return len(self.added) + len(self.replaced) + len(self.unchanged)

    @property
    def exit_code(self) -> int:
        """0 when every input loaded, 1 when any was rejected."""
        return 1 if self.rejected else 0


def build_article(record: ArticleRecord) -> Built:
    """Extract one record and map it to the quads of its named graph."""
    from borderkg.loaders.extract import extract
    from borderkg.loaders.rdf import article_quads

    extraction = extract(record)
    art_id = extraction.article_id
    return Built(
        source=record.source,
        article_id=art_id,
        graph=str(article_graph_iri(art_id)),
        quads=article_quads(record, extraction),
        content_hash=record.content_hash(),
    )


def _build_chunk(records: list[ArticleRecord]) -> list[Built | Rejected]:
    """Worker task: build every record of a chunk; a failure rejects only its record."""
    out: list[Built | Rejected] = []
    for record in records:
        try:
            out.append(build_article(record))
        except Exception as exc:  # an extractor bug must not stop the load: report it
            out.append(
                Rejected(record.source, f"internal extraction error ({type(exc).__name__}: {exc})")
            )
    return out


def _warm_worker() -> None:
    """Build the NLP pipeline and matchers once per worker process, before the first task."""
    from borderkg.loaders.extract import get_extractor

    get_extractor()


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_workers() -> int:
    """One extraction process per available core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_all(records: Iterable[ArticleRecord], workers: int) -> Iterator[Built | Rejected]:
    """Build records in input order, in ``workers`` processes (in this one when 1)."""
    chunks = _chunks(records, CHUNK_SIZE)
    if workers <= 1:
        for chunk in chunks:
            yield from _build_chunk(chunk)
        return
    window = workers * 3  # chunks in flight: bounded, so the corpus is never held whole
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker) as pool:
        pending: deque[Future[list[Built | Rejected]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_build_chunk, chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _split_inputs(
    results: Iterable[ArticleRecord | ReadError], summary: LoadSummary
) -> Iterator[ArticleRecord]:
    """Pass records on; record read errors as rejections and read warnings as warnings."""
    for item in results:
        if isinstance(item, ReadError):
            if item.is_warning:
                summary.warnings.append(str(item))
            else:
                summary.rejected.append(Rejected(item.file, str(item)))
        else:
            yield item


def ensure_schema_graphs(store: GraphStore) -> None:
    """Put the ontology, concept schemes and vocabulary in their graphs (replacing old ones)."""
    from borderkg import ontology
    from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH, VOCABULARY_GRAPH

    for graph, loader in (
        (ONTOLOGY_GRAPH, ontology.ontology_graph),
        (SCHEMES_GRAPH, ontology.schemes_graph),
        (VOCABULARY_GRAPH, ontology.vocabulary_graph),
    ):
        store.replace_graph(graph, loader())


def load(
    store: GraphStore,
    paths: Iterable[str],
    *,
    options: ReadOptions | None = None,
    workers: int | None = None,
    stdin: Any = None,
    on_article: Callable[[str, str], None] | None = None,
) -> LoadSummary:
    """Load articles from files, folders, globs or ``-`` into ``store``.

    ``on_article(source, outcome)`` is called once per input article as it is settled
    (``added``, ``replaced``, ``unchanged`` or ``rejected``), for progress display.
    """
    started = time.perf_counter()
    summary = LoadSummary()
    ensure_schema_graphs(store)
    records = _split_inputs(iter_records(list(paths), options, stdin=stdin), summary)
    by_graph: dict[str, Built] = {}

    def settle(graph: str, outcome: WriteOutcome) -> None:
        built = by_graph.pop(graph)
        getattr(summary, outcome.value).append(built.source)
        if on_article:
            on_article(built.source, outcome.value)

    def writes() -> Iterator[tuple[str, list[Any], str]]:
        for item in build_all(records, workers or default_workers()):
            if isinstance(item, Rejected):
                summary.rejected.append(item)
                if on_article:
                    on_article(item.source, "rejected")
                continue
            by_graph[item.graph] = item
            yield item.graph, item.quads, item.content_hash

    stream = writes()
    while True:
        try:
            report = store.write_articles(stream, progress=settle)
            summary.compacted = summary.compacted or report.compacted
            break
        except ArticleWriteError as exc:
            # The article could not be stored (its triples were refused); the ones before
            # it are committed. Reject it and go on with the rest of the stream.
            built = by_graph.pop(exc.graph, None)
            source = built.source if built else exc.graph
            summary.rejected.append(Rejected(source, f"could not be stored: {exc.__cause__}"))
            if on_article:
                on_article(source, "rejected")
    summary.seconds = time.perf_counter() - started
    return summary

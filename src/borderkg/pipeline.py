"""Load articles into the store: read → extract (in parallel) → check → write.

Reading streams records from the inputs; extraction runs in worker processes on small
chunks of records, with a bounded number of chunks in flight so memory stays flat however
large the corpus. Workers send each article back as N-Triples text (one string: cheap to
pickle, where pickled term objects cost more than the extraction itself). The parent
checks a group of articles at a time against the store with the SHACL gate
(``borderkg.validation.gate``), rejects those with Violations, and writes the others,
each whole or not at all. A bad input or an article the extractor fails on is reported
and the others go on.

The endpoint reads the store through published snapshots and searches it through a side
index, so a load keeps both in step: it syncs the search index (``borderkg.search``) and
publishes a snapshot (``borderkg.snapshots``) when it ends, and every ``snapshot_every``
seconds while it writes, so a long load shows its progress. A load that writes nothing
publishes nothing, unless the store has no snapshot yet.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from borderkg.incidents import IncidentStats, rebuild_incidents
from borderkg.iris import article_graph_iri
from borderkg.loaders.readers import ReadError, ReadOptions, iter_records
from borderkg.loaders.record import ArticleRecord
from borderkg.oxterms import to_rdflib
from borderkg.search import SearchIndex, SyncStats
from borderkg.sourcenames import name_roots, published_source
from borderkg.store import GraphStore
from borderkg.storetypes import ArticleWriteError, NTriples, WriteOutcome

#: Records per task sent to a worker: large enough to amortise inter-process overhead.
CHUNK_SIZE = 16
#: Articles the gate checks together: one check's fixed cost is shared by the group.
GATE_GROUP = 32
#: Added to the extraction workers' niceness. The one process that checks and writes is the
#: load's bottleneck; on a machine with as many workers as cores, workers at the same priority
#: took CPU from it. Lowered, they still use every idle cycle (300–600 generated articles, 2
#: cores, interleaved: 9.2 → 10.4, 9.4 → 10.8, 11.5 → 13.2 and 11.5 → 12.4 articles/s).
WORKER_NICENESS = 10
#: Seconds between progress snapshots while a load writes (``load(snapshot_every=…)``).
#: A snapshot a server reads keeps hard links to the files the live database had at that
#: moment until its grace period ends, so frequent snapshots of a long load would pin many
#: superseded files (a 1,000-article load served while publishing every 10 s: a 2.9 GB
#: folder for a 0.3 GB database); snapshots nobody reads are removed at once.
SNAPSHOT_EVERY = 60.0


@dataclass
class Built:
    """One article ready to write: its graph, its triples (as N-Triples text), content hash."""

    source: str
    article_id: str
    graph: str
    quads: NTriples
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
    #: The last snapshot this load published (``None``: it changed nothing and one existed).
    snapshot: Path | None = None
    #: Snapshots published during and at the end of the load.
    snapshots: int = 0
    #: What the final sync of the search index did.
    search: SyncStats | None = None
    #: What the rebuild of the incidents graph found (``None``: nothing changed).
    incidents: IncidentStats | None = None

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
    from borderkg.loaders.rdf import article_text_and_hash

    extraction = extract(record)
    art_id = extraction.article_id
    text, digest = article_text_and_hash(record, extraction)
    return Built(
        source=record.source,
        article_id=art_id,
        graph=str(article_graph_iri(art_id)),
        quads=NTriples(text),
        content_hash=digest,
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
    """Lower the worker's priority, then build the NLP pipeline and matchers once per worker
    process, before the first task."""
    from borderkg.loaders.extract import get_extractor

    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
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
    """Build records in input order, in ``workers`` processes (in this one when 1, or when
    the input fits one chunk: each worker would build its own extractor, seconds of start-up,
    for one of them to extract a handful of articles)."""
    chunks = _chunks(records, CHUNK_SIZE)
    ahead = [chunk for chunk in (next(chunks, None), next(chunks, None)) if chunk]
    chunks = itertools.chain(ahead, chunks)
    if workers <= 1 or len(ahead) < 2:
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


def ensure_schema_graphs(store: GraphStore) -> bool:
    """Put the ontology, concept schemes and vocabulary in their graphs, and this loader's
    extraction run in the runs graph; ``True`` if anything changed.

    A graph that already holds the same triples is left alone, so a load of a store that is
    up to date writes nothing (and publishes no snapshot). The runs graph only grows: the
    articles of earlier loader versions still name their runs.
    """
    from borderkg import ontology
    from borderkg.runs import run_quads

    changed = False
    for graph, name in ontology.GRAPH_FILES.items():
        wanted = set(ontology.file_triples(name))
        if not _holds_exactly(store, graph, wanted):
            store.replace_graph(graph, wanted)
            changed = True
    missing = [quad for quad in run_quads() if quad not in store.store]
    if missing:
        lines = " ".join(f"GRAPH {q.graph_name} {{ {q.triple} . }}" for q in missing)
        store.apply_update(f"INSERT DATA {{ {lines} }}")
        changed = True
    return changed


def _holds_exactly(store: GraphStore, graph: str, wanted: set[ox.Triple]) -> bool:
    """Whether ``graph`` holds ``wanted`` and nothing else, blank nodes up to renaming."""
    name = ox.NamedNode(graph)
    stored = {quad.triple for quad in store.store.quads_for_pattern(None, None, None, name)}
    # The store keeps literals in canonical form ("128.20"^^xsd:decimal as "128.2"): pass
    # the wanted triples through an in-memory store to compare like with like.
    memory = ox.Store()
    memory.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in wanted)
    wanted = {quad.triple for quad in memory.quads_for_pattern(None, None, None, name)}
    if stored == wanted:
        return True
    if len(stored) != len(wanted):
        return False

    def blank(t: ox.Triple) -> bool:
        return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)

    stored_blank = {t for t in stored if blank(t)}
    wanted_blank = {t for t in wanted if blank(t)}
    if stored - stored_blank != wanted - wanted_blank:
        return False
    # Blank nodes are new objects on every read of the ontology: compare them as graphs.
    from rdflib import Graph
    from rdflib.compare import isomorphic

    def as_graph(triples: set[ox.Triple]) -> Graph:
        g = Graph()
        for t in triples:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    return isomorphic(as_graph(stored_blank), as_graph(wanted_blank))


def load(
    store: GraphStore,
    paths: Iterable[str],
    *,
    options: ReadOptions | None = None,
    workers: int | None = None,
    stdin: Any = None,
    on_article: Callable[[str, str], None] | None = None,
    gate: bool | Any = True,
    publish: bool = True,
    snapshot_every: float | None = SNAPSHOT_EVERY,
) -> LoadSummary:
    """Load articles from files, folders, globs or ``-`` into ``store``.

    ``gate``: ``True`` checks every new or changed article against the project's SHACL
    shapes and the store before it is written (a ``Gate`` object may be given instead);
    articles with Violations are rejected with their report, their Warnings reported.
    ``on_article(source, outcome)`` is called once per input article as it is settled
    (``added``, ``replaced``, ``unchanged`` or ``rejected``), for progress display.
    The search index is synced at the end. ``publish``: publish a snapshot for the
    endpoint at the end when anything changed (or none exists yet), and every
    ``snapshot_every`` seconds while articles are written (``None``: only at the end).
    """
    started = time.perf_counter()
    summary = LoadSummary()
    schema_changed = ensure_schema_graphs(store)
    checker = _make_gate(gate, store)
    paths = list(paths)
    roots = name_roots(paths)
    records = (
        dataclasses.replace(record, source_name=published_source(record.source, roots))
        for record in _split_inputs(iter_records(paths, options, stdin=stdin), summary)
    )
    loader = _Loader(store, summary, on_article)
    publisher = _Publisher(store, summary, publish=publish, every=snapshot_every)
    group: list[Built] = []
    for item in build_all(records, workers or default_workers()):
        if isinstance(item, Rejected):
            loader.reject(item)
            continue
        if store.content_hash_of(item.graph) == item.content_hash:
            loader.settle(item, WriteOutcome.UNCHANGED)
            continue
        if any(b.graph == item.graph for b in group):
            loader.write(group, checker)  # the same article twice: the later one wins
            publisher.progress(loader.written)
            group = []
        group.append(item)
        if len(group) >= GATE_GROUP:
            loader.write(group, checker)
            publisher.progress(loader.written)
            group = []
    loader.write(group, checker)
    summary.incidents = rebuild_incidents(store)
    if summary.added or summary.replaced:
        summary.compacted = store.compact()
    publisher.finish(loader.written, schema_changed=schema_changed)
    summary.seconds = time.perf_counter() - started
    return summary


class _Publisher:
    """Keeps the search index and the endpoint's snapshot in step with a load."""

    def __init__(
        self, store: GraphStore, summary: LoadSummary, *, publish: bool, every: float | None
    ) -> None:
        self.store, self.summary = store, summary
        self.publish, self.every = publish, every
        self.last = time.monotonic()
        self.published = 0  # articles written when the last snapshot was published

    def progress(self, written: int) -> None:
        """Sync and publish if articles were written since the last snapshot, long enough ago."""
        if not self.publish or self.every is None or written == self.published:
            return
        if time.monotonic() - self.last < self.every:
            return
        self._sync()
        self._publish(written)

    def finish(self, written: int, *, schema_changed: bool) -> None:
        """Sync the index; publish if anything changed since the last snapshot, or none exists."""
        self.summary.search = self._sync()
        if not self.publish:
            return
        from borderkg.snapshots import current_snapshot

        changed = written != self.published or (schema_changed and not self.summary.snapshots)
        if changed or current_snapshot(self.store.root) is None:
            self._publish(written)

    def _sync(self) -> SyncStats:
        with SearchIndex.for_store(self.store.root) as index:
            return index.sync(self.store)

    def _publish(self, written: int) -> None:
        from borderkg.snapshots import publish_snapshot

        self.summary.snapshot = publish_snapshot(self.store)
        self.published, self.last = written, time.monotonic()
        self.summary.snapshots += 1


def _make_gate(gate: bool | Any, store: GraphStore) -> Any:
    """The gate to check with: the project's, a given one (refreshed: the store may have
    changed since it last checked), or ``None`` when switched off."""
    if gate is True:
        from borderkg.validation.gate import Gate

        return Gate()
    if gate:
        gate.refresh(store)
    return gate or None


class _Loader:
    """Checks groups of built articles and writes the accepted ones, keeping the summary."""

    def __init__(
        self,
        store: GraphStore,
        summary: LoadSummary,
        on_article: Callable[[str, str], None] | None,
    ) -> None:
        self.store, self.summary, self.on_article = store, summary, on_article
        self.written = 0  # articles added or replaced so far

    def reject(self, item: Rejected) -> None:
        self.summary.rejected.append(item)
        if self.on_article:
            self.on_article(item.source, "rejected")

    def settle(self, built: Built, outcome: WriteOutcome) -> None:
        getattr(self.summary, outcome.value).append(built.source)
        self.written += outcome is not WriteOutcome.UNCHANGED
        if self.on_article:
            self.on_article(built.source, outcome.value)

    def write(self, group: list[Built], checker: Any) -> None:
        """Check ``group`` together, then write the articles that passed, each whole.

        Articles the group check rejects are checked again one by one, in input order,
        against the store with the accepted ones written: a conflict between two articles
        of one group (the same URL under two ids) then rejects only the later one.
        """
        if checker is None:
            self._store(group)
            return
        accepted, rejected = self._check(group, checker, final=len(group) == 1)
        self._store(accepted)
        for built in rejected:
            self._store(self._check([built], checker, final=True)[0])

    def _store(self, group: list[Built]) -> None:
        """Write accepted articles in one ``write_articles`` call, so new ones share bulk loads.

        The whole gate group goes in one call (the store bulk-loads new articles
        ``group_size`` at a time); an article the store refuses is rejected and the
        others, including those of its bulk group not yet written, go on.
        """
        if not group:
            return
        by_graph = {b.graph: b for b in group}
        stream: Iterator[Any] = iter([(b.graph, b.quads, b.content_hash) for b in group])
        while True:
            try:
                self.store.write_articles(
                    stream,
                    progress=lambda graph, outcome: self.settle(by_graph[graph], outcome),
                    compact=False,
                )
                return
            except ArticleWriteError as exc:
                # The article could not be stored (its triples were refused); the ones
                # before it are committed. Reject it and go on with the rest.
                built = by_graph.get(exc.graph)
                source = built.source if built else exc.graph
                self.reject(Rejected(source, f"could not be stored: {exc.__cause__}"))
                stream = itertools.chain(exc.unwritten, stream)

    def _check(
        self, group: list[Built], checker: Any, *, final: bool
    ) -> tuple[list[Built], list[Built]]:
        """``(accepted, rejected)`` by the gate; rejections and warnings recorded if ``final``.

        Warnings of accepted articles are always recorded: a second check cannot change them.
        """
        try:
            batch = [(b.graph, b.quads, b.content_hash) for b in group]
            reports = checker.check(self.store, batch)
        except Exception as exc:  # a gate failure must not let unchecked data in
            for built in group:
                self.reject(
                    Rejected(built.source, f"could not be validated ({type(exc).__name__}: {exc})")
                )
            return [], []
        accepted, rejected = [], []
        for built in group:
            report = reports.get(built.graph)
            if report is not None and report.violations:
                rejected.append(built)
                if final:
                    reasons = "; ".join(_describe(r) for r in report.violations)
                    self.reject(Rejected(built.source, f"violates the shapes: {reasons}"))
                continue
            accepted.append(built)
            for result in report.warnings if report is not None else []:
                self.summary.warnings.append(f"{built.source}: {_describe(result)}")
        return accepted, [] if final else rejected


def _describe(result: Any) -> str:
    """One validation result for a person: what is wrong first, then where the shapes
    found it (severity, shape, focus node, path)."""
    shape = result.shape_name or result.source_shape
    path = f", path {result.path}" if result.path else ""
    return f"{result.message} ({result.severity}, shape '{shape}', on {result.focus_node}{path})"

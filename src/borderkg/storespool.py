"""The load's own copy of what it wrote, so a compaction need not read the store back.

Reading a store from Python costs ~19 µs a quad (a term object per position), which made
the rebuild at the end of a load the largest CPU cost of the writer. The writer already
holds each new article as N-Triples text when it writes it, so it also appends that text
to a spool: gzip-compressed TriG (level 1: ~16× smaller, ~2 ms of CPU an article) in
parts of about a quarter of ``StoreSettings.rebuild_chunk`` quads, next to the database::

    STORE/spool-data-000002/part-000001.trig.gz …

``GraphStore.compact`` then rebuilds by native bulk loads of TriG (parsed in Rust, no
Python object a quad), reading from the store only the graphs the spool does not hold as
they are now: the well-known graphs, articles from before the session, and any spooled
graph written again or removed since (:meth:`Spool.forget`). Before loading, the spooled
blocks and that rest are sorted, in one pass, into runs of consecutive graphs in the
store's own graph order (one compressed file each): loads in write order overlap in every
index and end ~1.6× a bulk load when RocksDB merges them; runs in graph order stay
apart in the graph-first indexes as the old rebuild's did (1.41× at 28 loads, as before).
A spooled graph is used only while the store holds exactly the text spooled for it;
every other write path of ``GraphStore`` forgets the graph it touches, and an arbitrary
SPARQL update forgets the whole spool. The rebuilt copy is checked against the store
(same named graphs, same number of quads) before it is switched to. ``bulk_load`` gives
each load's blank nodes fresh identities, which keeps a blank node one node only within a
run: when one read from the store turns up in graphs of two runs, the rebuild is given up
(:class:`SharedBlankNode`) and the store copied quad by quad instead. The loader's own
article text, which is all the spool holds, has no blank nodes.

The spool is scratch: it is deleted when the store compacts or closes, and a spool left
by a killed process is removed the next time the store is opened for writing (like an
interrupted rebuild's directory). The database itself never depends on it.
"""

from __future__ import annotations

import contextlib
import gzip
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from borderkg.cmemory import release_free_memory
from borderkg.storebulk import trig_document
from borderkg.storefiles import Rebuilt, keep_empty_graphs
from borderkg.storelock import StoreError

SPOOL_PREFIX = "spool-"
#: gzip level of the spool: level 1 compresses article TriG ~16× at a few MB/s per core.
COMPRESS_LEVEL = 1


def is_spool_name(name: str) -> bool:
    """Whether ``name`` is a spool directory in a store directory."""
    return name.startswith(SPOOL_PREFIX)


def remove_spools(root: Path) -> None:
    """Delete every spool directory of the store at ``root`` (left by a killed writer).

    Only call while holding the store's exclusive lock: then no writer uses them.
    """
    for entry in root.iterdir():
        if is_spool_name(entry.name) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


class Spool:
    """Compressed TriG parts holding the latest text of the article graphs written.

    ``graphs`` maps each usable spooled graph to its number of quads; a graph spooled
    twice, or forgotten, is read from the store at the rebuild instead, and its blocks in
    the parts are skipped.
    """

    def __init__(self, directory: Path, part_quads: int) -> None:
        self.directory = directory
        self.part_quads = part_quads
        self.graphs: dict[str, int] = {}
        self.skipped: set[str] = set()  # spooled once, now not as the store holds them
        self.parts: list[Path] = []
        self.quads: list[int] = []  # quads (lines) in each part
        self._out: IO[str] | None = None
        self.failed = False
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)

    def add(self, articles: Sequence[tuple[str, str]], document: str | None = None) -> None:
        """Spool ``(graph IRI, N-Triples text)`` articles just committed to the store.

        ``document``: their TriG text if the caller made it already (``trig_document``).
        """
        if not articles or self.failed:
            return
        try:
            self._add(articles, document)
        except OSError:
            self.failed = True  # e.g. a full disk: the rebuild then reads the store
            self.discard()

    def _add(self, articles: Sequence[tuple[str, str]], document: str | None) -> None:
        sizes = [(graph, text.count("\n") + (not text.endswith("\n"))) for graph, text in articles]
        lines = sum(size for _graph, size in sizes)
        if self._out is None or (self.quads[-1] + lines > self.part_quads and self.quads[-1]):
            self._next_part()
        assert self._out is not None
        self._out.write(document if document is not None else trig_document(articles))
        self.quads[-1] += lines
        for graph, size in sizes:
            if graph in self.graphs or graph in self.skipped:
                self.forget(graph)  # an earlier version is in a part: read it from the store
            else:
                self.graphs[graph] = size

    def forget(self, graph: str) -> None:
        """The store's ``graph`` is no longer what was spooled (written again, removed)."""
        if self.graphs.pop(graph, None) is not None:
            self.skipped.add(graph)

    def _next_part(self) -> None:
        if self._out is not None:
            self._out.close()
        path = self.directory / f"part-{len(self.parts) + 1:06d}.trig.gz"
        # Open across many writes, closed by _next_part or close().
        self._out = gzip.open(path, "wt", encoding="utf-8", compresslevel=COMPRESS_LEVEL)  # noqa: SIM115
        self.parts.append(path)
        self.quads.append(0)

    def close(self) -> None:
        """Finish the part being written (the spool can then be read)."""
        if self._out is not None:
            self._out.close()
            self._out = None

    def discard(self) -> None:
        """Close and delete the spool."""
        with contextlib.suppress(OSError):
            self.close()
        shutil.rmtree(self.directory, ignore_errors=True)
        self.graphs.clear()
        self.skipped.clear()
        self.parts.clear()
        self.quads.clear()

    def blocks(self) -> Iterator[tuple[str, bytes]]:
        """``(graph IRI, its TriG block)`` of every usable spooled graph, part by part."""
        for path in self.parts:
            with gzip.open(path, "rb") as part:
                data = part.read()  # a part is at most a few tens of MB
            start = 0
            while start < len(data):
                end = data.index(b"\n}\n", start) + 3
                graph = data[start + len(b"GRAPH <") : data.index(b">", start)].decode()
                if graph in self.graphs:
                    yield graph, data[start:end]
                start = end


def ranges(order: Sequence[tuple[str | None, int]], max_chunk: int) -> dict[str | None, int]:
    """Which bulk load each graph goes in: runs of consecutive graphs of ``order``.

    ``order``: ``(graph, quads)`` in the order the store keeps graphs (``None``: the
    default graph). As few runs as ``max_chunk`` quads a run allow, evenly split, cut
    only between graphs. Each run covers its own range of graphs, so in the graph-first
    indexes its load overlaps no other and lands compact in the last level.
    """
    total = sum(size for _graph, size in order)
    target = -(-total // max(1, -(-total // max_chunk)))
    run, filled, out = 0, 0, {}
    for graph, size in order:
        if filled and (filled >= target or filled + size > max_chunk):
            run, filled = run + 1, 0
        out[graph] = run
        filled += size
    return out


def _size(source: ox.Store, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> int:
    """Quads in one graph of ``source``, counted without making a Python object a quad."""
    if isinstance(graph, ox.BlankNode):  # not nameable in a query
        return sum(1 for _ in source.quads_for_pattern(None, None, None, graph))
    where = "?s ?p ?o" if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{ ?s ?p ?o }}"
    result = source.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(next(iter(result))[0].value)  # type: ignore[arg-type, index]


def rebuild(source: ox.Store, spool: Spool, target: Path, max_chunk: int) -> Rebuilt:
    """Bulk-load the spool and the rest of ``source`` into a new database at ``target``.

    The spooled graphs and the rest of the store (read from ``source``: graphs the spool
    does not hold as they are now) are first sorted into runs of consecutive graphs in
    the store's own order (:func:`ranges`), one compressed TriG file each, then each run
    is bulk-loaded. The copy is checked to hold the named graphs of ``source`` and as
    many quads; on any failure it is deleted.
    """
    spool.close()
    graphs = list(source.named_graphs())
    default = ox.DefaultGraph()
    order: list[tuple[str | None, int]] = [(None, _size(source, default))]
    for graph in graphs:
        name = graph.value if isinstance(graph, ox.NamedNode) else str(graph)
        order.append((name, spool.graphs.get(name) or _size(source, graph)))
    run_of = ranges(order, max_chunk)
    runs = max(run_of.values()) + 1
    paths = [spool.directory / f"run-{run:06d}.trig.gz" for run in range(runs)]
    release_free_memory()  # what the load before freed, before the bulk loader needs more
    copy = ox.Store(str(target))
    done = Rebuilt()
    try:
        with contextlib.ExitStack() as stack:
            outs = [
                stack.enter_context(gzip.open(path, "wb", compresslevel=COMPRESS_LEVEL))
                for path in paths
            ]
            runs_of_blanks: dict[ox.BlankNode, int] = {}
            outs[0].write(_serialized(source, default, 0, runs_of_blanks))
            for graph in graphs:
                name = graph.value if isinstance(graph, ox.NamedNode) else str(graph)
                if name not in spool.graphs:
                    run = run_of[name]
                    outs[run].write(_serialized(source, graph, run, runs_of_blanks))
            for name, block in spool.blocks():
                outs[run_of[name]].write(block)
        for path in paths:
            with gzip.open(path, "rb") as stream:
                # Lenient: every spooled line was parsed strictly when it was written.
                copy.bulk_load(stream, format=ox.RdfFormat.TRIG, lenient=True)
            path.unlink()
            done.loaded(copy, target)
        keep_empty_graphs(source, copy)
        copy.flush()
        done.quads = _check(source, copy)
    except BaseException:
        del copy
        shutil.rmtree(target, ignore_errors=True)
        raise
    del copy  # closes the copy's database before it is switched to
    return done


class SharedBlankNode(Exception):
    """A blank node is in graphs that go to different bulk loads, which would split it in
    two (``bulk_load`` gives each load's blank nodes fresh identities): rebuild otherwise."""


def _serialized(
    source: ox.Store,
    graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph,
    run: int,
    runs_of_blanks: dict[ox.BlankNode, int],
) -> bytes:
    """TriG of one graph of ``source`` (its blank nodes keep their stored labels, which
    keeps them one node within a bulk load); ``runs_of_blanks`` notes the run of each blank
    node met, and :class:`SharedBlankNode` is raised when one is met in another run."""

    def noted(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
        for quad in quads:
            for term in (quad.subject, quad.object, quad.graph_name):
                if isinstance(term, ox.BlankNode) and runs_of_blanks.setdefault(term, run) != run:
                    raise SharedBlankNode(term)
            yield quad

    quads = noted(source.quads_for_pattern(None, None, None, graph))
    return (ox.serialize(quads, format=ox.RdfFormat.TRIG) or b"") + b"\n"


def _check(source: ox.Store, copy: ox.Store) -> int:
    """The copy's quads, or an error if it does not hold the store's named graphs and quads."""
    total, copied = len(source), len(copy)
    if total != copied:
        raise StoreError(f"The rebuild from the spool holds {copied} quads, the store {total}")
    if set(source.named_graphs()) != set(copy.named_graphs()):
        raise StoreError("The rebuild from the spool does not hold the store's named graphs")
    return copied

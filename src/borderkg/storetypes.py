"""Values the store takes and returns, and how an article graph is written in one update."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import URIRef

from borderkg.ontology.namespaces import ARTICLE, BKG, GRAPH
from borderkg.oxterms import iri_of, triples_in
from borderkg.storelock import StoreError

#: Every article graph is ``{ARTICLE_GRAPH_PREFIX}{id}`` (see docs/data-model.md).
ARTICLE_GRAPH_PREFIX = str(GRAPH) + "article/"
CONTENT_HASH = ox.NamedNode(str(BKG.contentHash))

GraphName = str | URIRef | ox.NamedNode


class NTriples(str):
    """An article's triples as N-Triples text, one triple per line, as the loaders build them.

    The fast way into the store: the text crosses process boundaries as one string and
    pyoxigraph parses it natively, so no term objects are made in Python. Anywhere triples
    are taken, an ``NTriples`` is read as the triples it holds.
    """

    __slots__ = ()

    def triples(self) -> Iterator[ox.Triple]:
        """The triples the text holds, parsed."""
        return (q.triple for q in ox.parse(self, format=ox.RdfFormat.N_TRIPLES))

    def quads(self, graph: str) -> list[ox.Quad]:
        """The triples as quads in ``graph``.

        Parsed as N-Quads with the graph name put before each line's final `` .``, which
        makes no intermediate objects (about twice as fast); text not written one triple a
        line with that ending is parsed the slow way instead.
        """
        name = ox.NamedNode(graph)
        quads = list(ox.parse(self.replace(" .\n", f" <{graph}> .\n"), format=ox.RdfFormat.N_QUADS))
        if all(q.graph_name == name for q in quads):
            return quads
        return [ox.Quad(t.subject, t.predicate, t.object, name) for t in self.triples()]


class WriteOutcome(enum.StrEnum):
    """What writing one article did."""

    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


class ArticleWrite(NamedTuple):
    """One article for ``GraphStore.write_articles``: its graph, triples and content hash."""

    graph: GraphName
    triples: Iterable[Any]
    content_hash: str


class ArticleWriteError(StoreError):
    """An article's triples could not be written; the articles before it in a batch were.

    ``unwritten``: articles after it that the batch had already read but not written (the
    rest of its bulk group), to be written again before the rest of the batch.
    """

    def __init__(self, graph: str, cause: Exception) -> None:
        self.graph = graph
        self.unwritten: list[ArticleWrite] = []
        super().__init__(f"Could not write <{graph}>: {cause}")


@dataclass
class LoadReport:
    """Counts of a ``GraphStore.write_articles`` run and whether it compacted the store."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    compacted: bool = False

    def count(self, outcome: WriteOutcome) -> None:
        """Count one article's outcome."""
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    @property
    def written(self) -> int:
        """Articles whose graph was written (added or replaced)."""
        return self.added + self.replaced


@dataclass(frozen=True)
class StoreStats:
    """What is in the store, counted with SPARQL over all graphs (default graph included)."""

    articles: int  # non-empty graphs under ARTICLE_GRAPH_PREFIX
    named_graphs: int
    quads: int
    triples: int  # distinct triples over all graphs
    types: dict[str, int] = field(default_factory=dict)  # rdf:type IRI → distinct subjects
    unreviewed: int = 0  # distinct subjects with bkg:reviewStatus review:Unreviewed


def article_of_graph(graph: GraphName) -> str:
    """The article IRI of an article graph: ``…/graph/article/{id}`` → ``…/article/{id}``."""
    iri = iri_of(graph)
    if not iri.startswith(ARTICLE_GRAPH_PREFIX) or len(iri) == len(ARTICLE_GRAPH_PREFIX):
        raise ValueError(f"<{iri}> is not an article graph (<{ARTICLE_GRAPH_PREFIX}{{id}}>)")
    return str(ARTICLE) + iri[len(ARTICLE_GRAPH_PREFIX) :]


def replace_update(graph: str, triples: Iterable[ox.Triple]) -> str:
    """One SPARQL update that drops ``graph`` and inserts ``triples`` into it.

    pyoxigraph applies an update request, all its operations together, as one
    transaction. Terms print in N-Triples form, which is valid SPARQL. Blank nodes in
    ``INSERT DATA`` get fresh identifiers, so they never merge with stored ones.
    """
    body = " .\n".join(map(str, triples))
    drop = f"DROP SILENT GRAPH <{graph}>"
    return f"{drop} ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body} .\n}} }}" if body else drop


def graph_update(store: ox.Store, graph: str, wanted: list[ox.Triple]) -> str:
    """The update that makes ``graph`` hold ``wanted``: only the difference (a
    derived graph rebuilt after every write changes little), unless the graph is new or
    to be emptied, or blank nodes take part (a stored blank node cannot be named in
    ``DELETE DATA``): then ``replace_update``."""
    held = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
    if not held or not wanted or any(_has_blank(t) for t in (*held, *wanted)):
        return replace_update(graph, wanted)
    keep, had = set(wanted), set(held)
    ops = []
    for verb, part in (
        ("DELETE", [t for t in held if t not in keep]),
        ("INSERT", [t for t in wanted if t not in had]),
    ):
        if part:
            body = " .\n".join(map(str, part))
            ops.append(f"{verb} DATA {{ GRAPH <{graph}> {{\n{body} .\n}} }}")
    return " ;\n".join(ops) or f"INSERT DATA {{ GRAPH <{graph}> {{ }} }}"


def _has_blank(t: ox.Triple) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


def article_update(
    graph: str, triples: Iterable[Any], content_hash: str
) -> tuple[str, Iterable[ox.Triple]]:
    """The article IRI and the triples to store for an article graph, hash triple included.

    The hash is stored as ``<article> bkg:contentHash "…"`` inside the article graph. A
    triple in the input that states another hash for the article is an error.
    """
    if not content_hash:
        raise ValueError(f"an empty content hash was given for <{graph}>")
    article = ox.NamedNode(article_of_graph(graph))
    if isinstance(triples, NTriples):
        triples = triples.triples()
    stamp = ox.Triple(article, CONTENT_HASH, ox.Literal(content_hash))

    def stamped() -> Iterable[ox.Triple]:
        for triple in triples_in(triples, graph):
            if triple.subject == article and triple.predicate == CONTENT_HASH:
                if triple.object != stamp.object:
                    raise ValueError(f"the triples carry another bkg:contentHash: {triple}")
                continue
            yield triple
        yield stamp

    return article.value, stamped()


def text_update(graph: str, text: NTriples, content_hash: str) -> NTriples:
    """An article's N-Triples text with its content-hash triple, checked like ``article_update``.

    A hash triple already in the text must state the same hash (it then stays, harmlessly
    twice); the stamp is appended as a line of its own.
    """
    if not content_hash:
        raise ValueError(f"an empty content hash was given for <{graph}>")
    article = article_of_graph(graph)
    stamp = f'"{content_hash}"'
    prefix = f"<{article}> <{CONTENT_HASH.value}> "
    start = text.find(prefix)
    while start >= 0:
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        if start == 0 or text[start - 1] == "\n":
            stated = line[len(prefix) :].rstrip().removesuffix(".").rstrip()
            if stated not in (stamp, f"{stamp}^^<http://www.w3.org/2001/XMLSchema#string>"):
                raise ValueError(f"the triples carry another bkg:contentHash: {line}")
        start = text.find(prefix, start + 1)
    separator = "" if not text or text.endswith("\n") else "\n"
    return NTriples(f"{text}{separator}{prefix}{stamp} .\n")


def replace_text_update(graph: str, text: NTriples) -> str:
    """``replace_update`` for N-Triples text, which is valid in SPARQL ``INSERT DATA`` as it is."""
    return f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{text}\n}} }}"

"""The batch of a gate check: its graphs in the scratch store, their nodes, where results go.

N-Triples text (:class:`~borderkg.storetypes.NTriples`, as the loaders build it) is loaded by
pyoxigraph itself — parsed and inserted without a Python object per triple. It is parsed
leniently (IRIs and language tags are not validated again): the store validates them when it
writes the article, and the gate's results are the same for valid text. Blank nodes get fresh
labels, as when the store loads the text. Triples or quads are added as they are. The content
hash is stamped as ``GraphStore`` writes it.

What the neighbourhood reader and the gate need to know about the batch (subjects, linked
nodes, classes, cross-article link values, predicates) is then read back from the scratch
store in one pass, so its terms are the scratch store's own. Results are charged to the batch
graphs holding their focus node.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from borderkg.oxterms import iri_of, triples_in
from borderkg.storetypes import CONTENT_HASH, NTriples, article_of_graph
from borderkg.validation.gatefacts import Facts
from borderkg.validation.gatenodes import CROSS_LINKS, TYPE, BatchNodes
from borderkg.validation.neighbourhood import Reader

Batch = Iterable[tuple[Any, Iterable[Any]] | tuple[Any, Iterable[Any], str]]


@dataclass
class Article:
    """One prospective graph of a batch: N-Triples text or quads, and its content hash."""

    graph: str
    text: NTriples | None = None
    quads: list[ox.Quad] | None = None
    content_hash: str | None = None

    @property
    def name(self) -> ox.NamedNode:
        """The graph name as a term."""
        return ox.NamedNode(self.graph)

    def quads_in(self, store: ox.Store) -> Iterator[ox.Quad]:
        """The graph's quads as loaded into ``store``."""
        return store.quads_for_pattern(None, None, None, self.name)

    def load(self, store: ox.Store) -> None:
        """Put the graph into ``store`` (in its own graph), content hash stamped.

        Raises ``ValueError`` when the graph states another content hash than the one given,
        as ``GraphStore.write_articles`` does.
        """
        if self.text is not None:
            store.load(self.text, format=ox.RdfFormat.N_TRIPLES, to_graph=self.name, lenient=True)
        else:
            store.extend(self.quads or [])
        if self.content_hash:
            article = ox.NamedNode(article_of_graph(self.graph))
            stamp = ox.Literal(self.content_hash)
            for quad in store.quads_for_pattern(article, CONTENT_HASH, None, self.name):
                if quad.object != stamp:
                    raise ValueError(
                        f"<{self.graph}> carries another bkg:contentHash: {quad.object}"
                    )
            store.add(ox.Quad(article, CONTENT_HASH, stamp, self.name))


def normalise(batch: Batch) -> dict[str, Article]:
    """Each graph of a batch as an :class:`Article`; a graph given twice in its later version.

    Items are ``(graph, triples or quads or NTriples[, content hash])``; quads must name the
    graph (or the default graph).
    """
    graphs: dict[str, Article] = {}
    for item in batch:
        graph = iri_of(item[0])
        given = item[1]
        content_hash = item[2] if len(item) == 3 else None
        if isinstance(given, NTriples):
            article = Article(graph, text=given, content_hash=content_hash or None)
        else:
            name = ox.NamedNode(graph)
            items = given if isinstance(given, list) else list(given)
            if all(isinstance(q, ox.Quad) and q.graph_name == name for q in items):
                quads = items
            else:
                quads = [
                    ox.Quad(t.subject, t.predicate, t.object, name)
                    for t in triples_in(items, graph)
                ]
            article = Article(graph, quads=quads, content_hash=content_hash or None)
        graphs.pop(graph, None)  # a repeat: the later version, in the later position
        graphs[graph] = article
    return graphs


def batch_nodes(
    scratch: ox.Store, graphs: Iterable[str], reader: Reader, facts: Facts | None = None
) -> BatchNodes:
    """The batch's nodes, types and predicates, read from the scratch store holding its graphs.

    One pass over the batch's quads (the scratch store hands them over without decoding
    anything twice); sets of terms are cheaper here than SPARQL scans with DISTINCT.
    ``facts``: where the batch's triples (with predicates it wants) are noted too.
    """
    nodes = BatchNodes()
    wanted = facts.wanted if facts is not None else set()
    by_subject = facts.by_subject if facts is not None else {}
    subjects, objects, classes = nodes.subjects, nodes.objects, nodes.classes
    linking, links = nodes.linking, nodes.links
    cross = set(CROSS_LINKS)
    whole: dict[ox.Term, bool] = {}
    # per predicate: (rdf:type?, noted in facts?, a cross-article link?) — one lookup a quad
    kinds: dict[ox.Term, tuple[bool, bool, bool]] = {}
    # The store hands a graph's quads over by subject: each subject is added and its record
    # looked up once per run of its quads (hashing a term costs more than comparing it with
    # the last one; in any other order the result is the same).
    last: ox.Term | None = None
    record: dict[ox.Term, set[ox.Term]] | None = None
    for graph in graphs:
        for quad in scratch.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            subject, predicate, obj = quad.subject, quad.predicate, quad.object
            kind = kinds.get(predicate)
            if kind is None:
                kind = kinds[predicate] = (
                    predicate == TYPE,
                    predicate in wanted,
                    predicate in cross,
                )
            is_type, noted, linked = kind
            if subject != last:
                last, record = subject, None
                subjects.add(subject)
            if noted:
                if record is None:
                    record = by_subject.get(subject)
                    if record is None:
                        record = by_subject[subject] = {}
                found = record.get(predicate)
                if found is None:
                    record[predicate] = {obj}
                else:
                    found.add(obj)
            if is_type:
                classes.add(obj)
                if obj not in whole:
                    whole[obj] = reader.is_whole(obj)
                if whole[obj]:
                    nodes.whole.add(subject)
            elif not isinstance(obj, ox.Literal):
                objects.add(obj)
                linking.add(predicate)
            if linked:
                links.setdefault(predicate, set()).add(obj)
    nodes.predicates.update(kinds)
    objects -= subjects
    return nodes


def graphs_holding(
    scratch: ox.Store, graphs: Iterable[str], focus: set[str]
) -> dict[str, set[str]]:
    """For each focus node (N-Triples), the batch graphs (``graphs``) it occurs in: the graphs
    a result on it is charged to."""
    graphs = set(graphs)
    owners: dict[str, set[str]] = {}
    for text in focus:
        term = _term(text)
        for quad in _quads_with(scratch, term):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and graph.value in graphs:
                owners.setdefault(text, set()).add(graph.value)
    return owners


def elsewhere(scratch: ox.Store, focus: str, graphs: Iterable[str]) -> bool:
    """Whether the scratch store has the node (N-Triples) in a graph that is not one of the
    batch's (``graphs``): only then can a result on it hold without the batch."""
    graphs = set(graphs)
    for quad in _quads_with(scratch, _term(focus)):
        graph = quad.graph_name
        if not (isinstance(graph, ox.NamedNode) and graph.value in graphs):
            return True
    return False


def _quads_with(store: ox.Store, term: ox.Term) -> list[ox.Quad]:
    """The quads with ``term`` as subject or object."""
    found = [] if isinstance(term, ox.Literal) else list(store.quads_for_pattern(term, None, None))
    return found + list(store.quads_for_pattern(None, None, term))


def _term(node: str) -> ox.Term:
    """A node given in N-Triples form as a pyoxigraph term."""
    if node.startswith("_:"):
        return ox.BlankNode(node[2:])
    if node.startswith("<"):
        return ox.NamedNode(node[1:-1])
    return next(
        iter(ox.parse(f"<urn:x:s> <urn:x:p> {node} .".encode(), ox.RdfFormat.N_TRIPLES))
    ).object

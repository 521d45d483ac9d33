"""What a write changes, graph by graph, and the one update that commits it to the live store.

A write is first evaluated away from the live store (an in-memory copy of the graphs it
touches, or a RocksDB checkpoint of the whole store); :func:`changes` compares the result
with the live store graph by graph, and :func:`commit_text` turns the differences into one
SPARQL update — which pyoxigraph applies as one transaction, so the live store holds the old
state or the new one, never a mix.

Blank nodes make the commit subtle: ``DELETE DATA`` cannot name a stored blank node, and
``INSERT DATA`` gives its labels fresh nodes. A graph whose change involves a blank node
already in the store is therefore rewritten whole (``DROP`` + ``INSERT DATA``), together with
every graph that shares one of its blank nodes, all in one ``INSERT DATA`` operation, whose
labels are shared by its graphs: co-references survive. Other graphs get exact
``DELETE DATA``/``INSERT DATA`` deltas (new blank nodes are fine: they are fresh anyway).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from borderkg.updatetext import GraphKey

_DEFAULT = ox.DefaultGraph()


def graph_name(key: GraphKey) -> ox.NamedNode | ox.DefaultGraph:
    """The pyoxigraph graph name of a graph key (``None`` is the default graph)."""
    return _DEFAULT if key is None else ox.NamedNode(key)


def graph_quads(store: ox.Store, key: GraphKey) -> list[ox.Quad]:
    """Every quad of one graph of ``store``."""
    return list(store.quads_for_pattern(None, None, None, graph_name(key)))


def graph_exists(store: ox.Store, key: GraphKey) -> bool:
    """Whether the graph exists (the default graph always does)."""
    return key is None or store.contains_named_graph(ox.NamedNode(key))


@dataclass(eq=False)
class GraphChange:
    """One graph before and after a write (triples, and whether the named graph exists)."""

    graph: GraphKey
    before: list[ox.Triple]
    after: list[ox.Triple]
    existed: bool
    exists: bool
    rewrite: bool = False  # committed as DROP + INSERT DATA of ``after``
    context_only: bool = False  # unchanged, rewritten only to keep shared blank nodes
    _added: list[ox.Triple] | None = field(default=None, repr=False)
    _removed: list[ox.Triple] | None = field(default=None, repr=False)

    @property
    def added(self) -> list[ox.Triple]:
        """Triples the write adds to the graph."""
        if self._added is None:
            before = set(self.before)
            self._added = [t for t in dict.fromkeys(self.after) if t not in before]
        return self._added

    @property
    def removed(self) -> list[ox.Triple]:
        """Triples the write removes from the graph."""
        if self._removed is None:
            after = set(self.after)
            self._removed = [t for t in dict.fromkeys(self.before) if t not in after]
        return self._removed

    @property
    def changed(self) -> bool:
        """Whether the write changes the graph's triples or its existence."""
        return self.existed != self.exists or bool(self.added) or bool(self.removed)


def changes(live: ox.Store, post: ox.Store, candidates: Iterable[GraphKey]) -> list[GraphChange]:
    """The candidate graphs the write changes, comparing ``post`` (after it) with ``live``."""
    found = []
    for key in dict.fromkeys(candidates):
        change = GraphChange(
            key,
            [q.triple for q in graph_quads(live, key)],
            [q.triple for q in graph_quads(post, key)],
            graph_exists(live, key),
            graph_exists(post, key),
        )
        if change.changed:
            found.append(change)
    return found


def all_graphs(*stores: ox.Store) -> set[GraphKey]:
    """Every graph of the stores, the default graph included."""
    keys: set[GraphKey] = {None}
    for store in stores:
        keys.update(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    return keys


def blank_nodes(triples: Iterable[ox.Triple]) -> set[ox.BlankNode]:
    """The blank nodes of the triples, those inside triple terms too."""
    found: set[ox.BlankNode] = set()
    for triple in triples:
        for term in _terms(triple):
            if isinstance(term, ox.BlankNode):
                found.add(term)
    return found


def _terms(triple: ox.Triple) -> Iterator[object]:
    for term in (triple.subject, triple.object):
        if isinstance(term, ox.Triple):
            yield from _terms(term)
        else:
            yield term


def _graphs_holding(live: ox.Store, node: ox.BlankNode) -> set[GraphKey]:
    """The live graphs in which a blank node is the subject or object of a triple."""
    keys: set[GraphKey] = set()
    for pattern in ((node, None, None, None), (None, None, node, None)):
        for quad in live.quads_for_pattern(*pattern):
            name = quad.graph_name
            keys.add(name.value if isinstance(name, ox.NamedNode) else None)
    return keys


def plan_rewrites(live: ox.Store, found: list[GraphChange]) -> list[GraphChange]:
    """Mark the changes to commit whole, adding the graphs that share their blank nodes.

    A change is rewritten whole when a triple it removes holds a blank node, or a triple it
    adds holds a blank node the live store already has. Returns ``found`` plus the
    unchanged graphs that must be rewritten with them (``context_only``).
    """
    by_graph = {c.graph: c for c in found}
    stored: dict[ox.BlankNode, set[GraphKey]] = {}

    def holders(node: ox.BlankNode) -> set[GraphKey]:
        if node not in stored:
            stored[node] = _graphs_holding(live, node)
        return stored[node]

    todo = []
    for change in found:
        if blank_nodes(change.removed) or any(holders(b) for b in blank_nodes(change.added)):
            change.rewrite = True
            todo.append(change)
    done: set[ox.BlankNode] = set()
    while todo:
        change = todo.pop()
        for node in blank_nodes(change.after) - done:
            done.add(node)
            sharing = set(holders(node))
            sharing |= {c.graph for c in by_graph.values() if node in blank_nodes(c.after)}
            for key in sharing:
                other = by_graph.get(key)
                if other is None:
                    triples = [q.triple for q in graph_quads(live, key)]
                    other = GraphChange(key, triples, triples, True, True, context_only=True)
                    by_graph[key] = other
                if not other.rewrite:
                    other.rewrite = True
                    todo.append(other)
    return list(by_graph.values())


def _block(key: GraphKey, triples: Iterable[ox.Triple]) -> str:
    body = " .\n".join(map(str, triples))
    if not body:
        return ""
    return f"{body} .\n" if key is None else f"GRAPH {graph_name(key)} {{\n{body} .\n}}\n"


def commit_text(found: list[GraphChange]) -> str | None:
    """The one SPARQL update taking the live store from before to after (``None``: nothing).

    First ``DROP`` of the graphs rewritten or left empty (no need to list their triples),
    then ``DELETE DATA`` of the other removals, then one ``INSERT DATA`` of every addition
    and every rewritten graph, then ``CREATE`` of named graphs that exist though empty.
    """
    operations: list[str] = []
    whole = [c for c in found if c.rewrite or not c.after]
    rest = [c for c in found if not (c.rewrite or not c.after)]
    for change in whole:
        target = "DEFAULT" if change.graph is None else f"GRAPH {graph_name(change.graph)}"
        operations.append(f"DROP SILENT {target}")
    deletions = "".join(_block(c.graph, c.removed) for c in rest)
    if deletions:
        operations.append(f"DELETE DATA {{\n{deletions}}}")
    insertions = "".join(
        _block(c.graph, c.after if c.rewrite else c.added) for c in found if c.exists
    )
    if insertions:
        operations.append(f"INSERT DATA {{\n{insertions}}}")
    for change in found:
        if change.graph is not None and change.exists and not change.after:
            operations.append(f"CREATE SILENT GRAPH {graph_name(change.graph)}")
    return " ;\n".join(operations) if operations else None


def referencing_graphs(
    live: ox.Store, found: list[GraphChange], predicates: set[ox.NamedNode] | None
) -> set[GraphKey]:
    """Unchanged named graphs linking to a node that lost triples constraints may read.

    Removing ``<n> rdf:type …`` from one graph can break a shape on a node of another
    graph that points to ``<n>``; those graphs are checked again. ``predicates``: the ones
    the shapes read about linked nodes (``None``: any).
    """
    changed = {c.graph for c in found}
    subjects = {
        t.subject
        for c in found
        for t in c.removed
        if isinstance(t.subject, ox.NamedNode) and (predicates is None or t.predicate in predicates)
    }
    if not subjects:
        return set()
    values = " ".join(map(str, subjects))
    rows = live.query(
        f"SELECT DISTINCT ?g WHERE {{ VALUES ?o {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    return {row[0].value for row in rows if isinstance(row[0], ox.NamedNode)} - changed

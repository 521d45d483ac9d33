"""The part of the store the gate copies next to a batch: what the constraints read about it.

For the batch's focus nodes the compiled constraints read: the nodes' own triples in every
graph (types, values, counts across graphs); a few incoming links (``skos:exactMatch``,
``owl:sameAs`` and ``schema:url`` in its IRI and literal form, for the one-identifier, one-URL
and unlinked-source rules; every link to an anonymous source, for the one-article rule; the
predicates of inverse paths); and, about the nodes at the other end of those links, only what
value checks read — types, scheme membership, ``bkg:adminParent`` chains and the predicates
nested shapes and SPARQL constraints name. :class:`Reader` collects exactly that, leaving out
the graphs the batch replaces.

Reading quads from the on-disk store costs about 25 µs each (their terms are decoded), so the
well-known graphs are read from an in-memory copy, the store is asked in a few SPARQL queries
that filter by graph before anything is decoded, and nodes named in many graphs (*hubs*, such
as the extraction run every article names) are read as distinct triples once seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from borderkg.ontology.namespaces import BKG, ONTOLOGY_GRAPH

TYPE = ox.NamedNode(str(RDF.type))
SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
ANONYMOUS_SOURCE = ox.NamedNode(str(BKG.AnonymousSource))
ADMIN_PARENT = ox.NamedNode(str(BKG.adminParent))
SCHEMA_URL = ox.NamedNode("https://schema.org/url")
ANY_URI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")
ONTOLOGY = ox.NamedNode(str(ONTOLOGY_GRAPH))
#: Predicates whose incoming links to batch nodes the cross-article rules compare.
CROSS_LINKS = (ox.NamedNode(str(SKOS.exactMatch)), ox.NamedNode(str(OWL.sameAs)), SCHEMA_URL)
#: A node with more quads than this as subject is read as distinct triples (plus two graphs).
HUB = 256

Node = ox.NamedNode | ox.BlankNode
_IRI = re.compile(r"<([^<>\s]+)>")
_PREFIXED = re.compile(r"(?<![\w?$<])([A-Za-z][\w-]*)?:([A-Za-z_][\w-]*)")


def value_predicates(
    shapes: Graph, nested: Iterable[object], queries: Iterable[tuple[str, dict[str, str]]]
) -> set[ox.NamedNode]:
    """Predicates the constraints may read about a *value* node.

    rdf:type and rdfs:subClassOf (class checks), bkg:adminParent (the cycle rule), the paths
    of the shapes checked on values (``nested``: sh:node, sh:or … members and their property
    shapes), and every IRI the SPARQL constraints name (``queries``: (text, prefixes) pairs).
    """
    found = {TYPE, SUBCLASS, ADMIN_PARENT}
    todo, seen = list(nested), set()
    while todo:
        shape = todo.pop()
        if shape in seen:
            continue
        seen.add(shape)
        for path in shapes.objects(shape, SH.path):
            found.update(ox.NamedNode(str(n)) for n in _path_nodes(shapes, path))
        for predicate in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
            todo.extend(shapes.objects(shape, predicate))
        for predicate in (SH["and"], SH["or"], SH.xone):
            for head in shapes.objects(shape, predicate):
                todo.extend(shapes.items(head))
    for text, prefixes in queries:
        for iri in _IRI.findall(text):
            found.add(ox.NamedNode(iri))
        for prefix, local in _PREFIXED.findall(text):
            if prefix in prefixes:
                found.add(ox.NamedNode(prefixes[prefix] + local))
    return found


def _path_nodes(shapes: Graph, path: object, depth: int = 0) -> Iterator[URIRef]:
    if isinstance(path, URIRef):
        yield path
    elif depth < 8:
        for _p, inner in shapes.predicate_objects(path):
            if isinstance(inner, URIRef) and inner != RDF.nil:
                yield inner
            else:
                yield from _path_nodes(shapes, inner, depth + 1)


class Reader:
    """Reads a batch's neighbourhood from the store (see the module docstring).

    The well-known graphs (ontology, schemes, vocabulary) are copied into memory once, by
    :meth:`refresh` (on first use); the store is then asked, in a few SPARQL queries, only
    for the quads of *other* graphs, which are decoded only when they match.
    """

    def __init__(
        self,
        incoming: Iterable[ox.NamedNode],
        values: set[ox.NamedNode],
        whole_classes: set[ox.NamedNode],
        background: Iterable[str],
    ) -> None:
        self.incoming = list(incoming)
        self.values = values
        self.whole_classes = whole_classes  # instances of these are read whole as values too
        self.background = [ox.NamedNode(g) for g in background]
        self.mirror: ox.Store | None = None
        self.hubs: set[ox.NamedNode] = set()

    def refresh(self, main: ox.Store) -> None:
        """Copy the store's well-known graphs into memory (again)."""
        mirror = ox.Store()
        for name in self.background:
            mirror.extend(main.quads_for_pattern(None, None, None, name))
        self.mirror = mirror

    def fetch(
        self,
        main: ox.Store,
        subjects: set[Node],
        objects: set[Node],
        batch: list[ox.Quad],
        skip: set[ox.NamedNode],
    ) -> list[ox.Quad]:
        """The store's quads the constraints read for focus nodes of ``batch`` (no duplicates).

        ``subjects``/``objects``: the batch's nodes (its blank nodes are its own and not
        looked up); ``skip``: graphs left out (those the batch replaces, and the ontology).
        """
        if self.mirror is None:
            self.refresh(main)
        found: dict[ox.Quad, None] = {}
        whole = {q.subject for q in batch if q.predicate == TYPE and q.object in self.whole_classes}
        iris = [n for n in subjects if isinstance(n, ox.NamedNode)]
        values = [n for n in objects if isinstance(n, ox.NamedNode)]
        # what value checks read about the nodes the batch links to: types first
        for quad in self._read(main, values, skip, [TYPE]):
            if quad.object in self.whole_classes:
                whole.add(quad.subject)
        reached: set[ox.Term] = set()
        for quad in self._read(main, [*iris, *(v for v in values if v in whole)], skip, None):
            found[quad] = None
            reached.add(quad.object)
        for quad in self._read(main, [v for v in values if v not in whole], skip, self.values):
            found[quad] = None
            reached.add(quad.object)
        for quad in self._incoming(main, [*iris, *values], skip, whole):
            found[quad] = None
            reached.add(quad.subject)
        for quad in batch:
            if quad.predicate == SCHEMA_URL:
                for twin in url_forms(quad.object):
                    for other in self._links(main, SCHEMA_URL, twin, skip):
                        found[other] = None
                        reached.add(other.subject)
            reached.add(quad.object)
        more = [n for n in reached - subjects - objects if isinstance(n, ox.NamedNode)]
        for quad in self._read(main, more, skip, self.values):
            found[quad] = None
        for quad in self._chains(main, [*iris, *values, *more], skip):
            found[quad] = None
        return list(found)

    # -- reading ------------------------------------------------------------------------------

    def _read(
        self,
        main: ox.Store,
        nodes: list[ox.NamedNode],
        skip: set[ox.NamedNode],
        predicates: Iterable[ox.NamedNode] | None,
    ) -> Iterator[ox.Quad]:
        """Quads with one of ``nodes`` as subject (and one of ``predicates``, if given)."""
        assert self.mirror is not None
        wanted = None if predicates is None else set(predicates)
        for node in nodes:
            for quad in self.mirror.quads_for_pattern(node, None, None, None):
                if wanted is None or quad.predicate in wanted:
                    yield quad
        plain = [n for n in nodes if n not in self.hubs]
        for node in nodes:
            if node in self.hubs:
                yield from self._hub(main, node, skip)
        if not plain:
            return
        p_filter = ""
        if wanted is not None:
            p_filter = f"FILTER(?p IN ({', '.join(str(p) for p in wanted)}))"
        rows = main.query(
            f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {' '.join(map(str, plain))} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} {self._graphs(skip)} {p_filter} }}"
        )
        counts: dict[ox.Term, int] = {}
        for row in rows:
            subject = row[0]
            counts[subject] = counts.get(subject, 0) + 1
            if counts[subject] == HUB:
                self.hubs.add(subject)  # read as a hub from the next check on
            yield ox.Quad(subject, row[1], row[2], row[3])

    def _incoming(
        self, main: ox.Store, nodes: list[ox.NamedNode], skip: set[ox.NamedNode], whole: set
    ) -> Iterator[ox.Quad]:
        """Links to the nodes along the incoming predicates; every link to a ``whole`` node."""
        assert self.mirror is not None
        for node in nodes:
            for predicate in [None] if node in whole else self.incoming:
                yield from self.mirror.quads_for_pattern(None, predicate, node, None)
        if not nodes:
            return
        targets = " ".join(map(str, nodes))
        predicates = " ".join(map(str, self.incoming))
        rows = main.query(
            f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?o {{ {targets} }} VALUES ?p {{ {predicates} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} {self._graphs(skip)} }}"
        )
        for row in rows:
            yield ox.Quad(row[0], row[1], row[2], row[3])
        for node in nodes:
            if node in whole:
                rows = main.query(
                    f"SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p {node} }} {self._graphs(skip)} }}"
                )
                for row in rows:
                    yield ox.Quad(row[0], row[1], node, row[2])

    def _links(
        self, main: ox.Store, predicate: ox.NamedNode, value: ox.Term, skip: set[ox.NamedNode]
    ) -> Iterator[ox.Quad]:
        assert self.mirror is not None
        yield from self.mirror.quads_for_pattern(None, predicate, value, None)
        for quad in main.quads_for_pattern(None, predicate, value, None):
            if quad.graph_name not in skip and quad.graph_name not in self.background:
                yield quad

    def _hub(self, main: ox.Store, node: ox.NamedNode, skip: set[ox.NamedNode]) -> list[ox.Quad]:
        """A hub's quads outside the well-known graphs: its first two graphs, then distinct."""
        graphs = main.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {node} ?p ?o }} {self._graphs(skip)} }} LIMIT 2"
        )
        kept = [q for row in graphs for q in main.quads_for_pattern(node, None, None, row[0])]
        triples = main.query(
            f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {node} ?p ?o }} {self._graphs(skip)} }}"
        )
        return kept + [ox.Quad(node, row[0], row[1], ox.DefaultGraph()) for row in triples]

    def _graphs(self, skip: set[ox.NamedNode]) -> str:
        """A FILTER leaving out the well-known graphs (read from memory) and ``skip``."""
        names = {str(g) for g in (*self.background, *skip) if isinstance(g, ox.NamedNode)}
        return f"FILTER(?g NOT IN ({', '.join(sorted(names))}))"

    def _chains(
        self, main: ox.Store, start: list[ox.NamedNode], skip: set[ox.NamedNode]
    ) -> Iterator[ox.Quad]:
        """Every bkg:adminParent link reachable from the nodes, in memory and in the store."""
        assert self.mirror is not None
        seen: set[ox.Term] = set(start)
        todo = list(start)
        while todo:
            found = list(chains(self.mirror, set(todo), skip))
            rows = main.query(
                f"SELECT ?s ?o ?g WHERE {{ VALUES ?s {{ {' '.join(map(str, todo))} }} "
                f"GRAPH ?g {{ ?s {ADMIN_PARENT} ?o }} {self._graphs(skip)} }}"
            )
            found += [ox.Quad(row[0], ADMIN_PARENT, row[1], row[2]) for row in rows]
            todo = []
            for quad in found:
                yield quad
                if isinstance(quad.object, ox.NamedNode) and quad.object not in seen:
                    seen.add(quad.object)
                    todo.append(quad.object)


def chains(main: ox.Store, start: set[ox.Term], skip: set[ox.NamedNode]) -> Iterator[ox.Quad]:
    """Every bkg:adminParent link reachable from the given nodes (for the cycle check)."""
    todo = [n for n in start if isinstance(n, ox.NamedNode)]
    seen: set[ox.Term] = set(todo)
    while todo:
        node = todo.pop()
        for quad in main.quads_for_pattern(node, ADMIN_PARENT, None, None):
            if quad.graph_name in skip:
                continue
            yield quad
            if quad.object not in seen:
                seen.add(quad.object)
                todo.append(quad.object)


def url_forms(value: ox.Term) -> list[ox.Term]:
    """A URL as IRI and as ``xsd:anyURI`` literal (Article-url-unique compares both)."""
    if isinstance(value, ox.NamedNode):
        return [value, ox.Literal(value.value, datatype=ANY_URI)]
    if isinstance(value, ox.Literal):
        try:
            return [value, ox.NamedNode(value.value)]
        except ValueError:
            return [value]
    return [value]


def superclasses(store: ox.Store) -> dict[ox.Term, set[ox.Term]]:
    """Each class of a store's rdfs:subClassOf triples with all its superclasses (itself too)."""
    parents: dict[ox.Term, set[ox.Term]] = {}
    for quad in store.quads_for_pattern(None, SUBCLASS, None, None):
        parents.setdefault(quad.subject, set()).add(quad.object)
    closure: dict[ox.Term, set[ox.Term]] = {}
    for cls in parents:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        closure[cls] = seen
    return closure

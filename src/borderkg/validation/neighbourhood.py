"""The part of the store the gate copies next to a batch: what the constraints read about it.

For the batch's focus nodes the compiled constraints read: the nodes' own triples in every
graph (types, values, counts across graphs); the links the cross-article rules compare
(``skos:exactMatch``, ``owl:sameAs`` and ``schema:url`` in its IRI and literal form: the other
nodes linked to the same value, for the one-identifier and one-URL rules); every link to an
anonymous source (the one-article and unlinked-source rules); and, about the nodes at the other
end of those links, only what value checks read — types, scheme membership, ``bkg:adminParent``
chains and the predicates nested shapes and SPARQL constraints name. :class:`Reader` collects
exactly that, leaving out the graphs the batch replaces.

Reading the on-disk store costs about 15 µs per node looked up and about 20 µs per quad turned
into a Python object (each of its terms is read back), so the reader asks about all the batch's
nodes at once, in a few SPARQL queries with ``VALUES`` lists filtering by predicate inside
pyoxigraph: first how many quads each node has, which decodes nothing for the many nodes the
store does not have; then the quads of the few it has. Nodes with many quads (*hubs*, such as
the extraction run every article names) are read as their distinct triples plus two of their
graphs: all that counts, values and the one-graph rules can tell apart. The well-known graphs
(schemes, vocabulary) are read from an in-memory copy indexed by node; graphs the batch
replaces are rarely in the store, so their quads are dropped from the answers rather than
filtered out in each query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

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
#: Predicates whose links to the batch's values the cross-article rules compare.
CROSS_LINKS = (ox.NamedNode(str(SKOS.exactMatch)), ox.NamedNode(str(OWL.sameAs)), SCHEMA_URL)
#: A node with more quads than this as subject is read as distinct triples (plus two graphs).
HUB = 32

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


@dataclass
class BatchNodes:
    """What the reader needs to know about a batch (read from the scratch store it is in)."""

    #: subjects of the batch's quads
    subjects: set[ox.Term] = field(default_factory=set)
    #: IRIs and blank nodes the batch links to other than by rdf:type, not among the subjects
    objects: set[ox.Term] = field(default_factory=set)
    #: classes the batch gives its nodes (their own triples are value triples too)
    classes: set[ox.Term] = field(default_factory=set)
    #: batch nodes the batch types with a class whose instances are read whole
    whole: set[ox.Term] = field(default_factory=set)
    #: per cross-link predicate (:data:`CROSS_LINKS`), its objects in the batch
    links: dict[ox.NamedNode, set[ox.Term]] = field(default_factory=dict)
    #: predicates of the batch's quads
    predicates: set[ox.Term] = field(default_factory=set)
    #: predicates of the batch's quads whose object is an IRI or a blank node
    linking: set[ox.Term] = field(default_factory=set)


class Reader:
    """Reads a batch's neighbourhood from the store (see the module docstring).

    ``values``: the predicates read about value nodes (:func:`value_predicates`);
    ``whole_classes``: classes whose instances are read whole, every triple from and to them
    (the shapes that look at links *to* a node apply to them); ``background``: the
    well-known graphs, read from memory; ``everywhere``: predicates whose links to *every*
    batch node are read (inverse paths of shapes that may apply to other nodes than the
    instances of ``whole_classes``).
    """

    def __init__(
        self,
        values: set[ox.NamedNode],
        whole_classes: set[ox.NamedNode],
        background: Iterable[str],
        everywhere: Iterable[ox.NamedNode] = (),
    ) -> None:
        self.values = values
        self.whole_classes = whole_classes
        self.background = [ox.NamedNode(g) for g in background]
        self.everywhere = list(everywhere)
        self.hubs: set[ox.NamedNode] = set()
        #: each class of the ontology with its superclasses (see :meth:`is_whole`)
        self.superclasses: dict[ox.Term, set[ox.Term]] = {}
        self._by_subject: dict[ox.Term, list[ox.Quad]] = {}
        self._by_object: dict[ox.Term, list[ox.Quad]] = {}
        self._in_values = ", ".join(sorted(map(str, values)))

        self._copied = False

    def refresh(self, main: ox.Store) -> None:
        """Copy the store's well-known graphs into memory (again), indexed by node."""
        by_subject: dict[ox.Term, list[ox.Quad]] = {}
        by_object: dict[ox.Term, list[ox.Quad]] = {}
        for name in self.background:
            for quad in main.quads_for_pattern(None, None, None, name):
                by_subject.setdefault(quad.subject, []).append(quad)
                by_object.setdefault(quad.object, []).append(quad)
        self._by_subject, self._by_object, self._copied = by_subject, by_object, True

    def is_whole(self, cls: ox.Term) -> bool:
        """Whether instances of ``cls`` are read whole (it is, or is below, a whole class)."""
        return any(c in self.whole_classes for c in self.superclasses.get(cls, (cls,)))

    def fetch(self, main: ox.Store, nodes: BatchNodes, skip: set[ox.NamedNode]) -> list[ox.Quad]:
        """The store's quads the constraints read for the batch's nodes (no duplicates).

        The batch's blank nodes are its own and not looked up; ``skip``: graphs left out
        (those the batch replaces, and the ontology, which the scratch store has already).
        """
        if not self._copied:
            self.refresh(main)
        found: dict[ox.Quad, None] = {}
        subjects = [n for n in nodes.subjects if isinstance(n, ox.NamedNode)]
        values = [n for n in nodes.objects if isinstance(n, ox.NamedNode)]
        whole = set(nodes.whole)
        looked: set[ox.Term] = {*subjects, *values}
        outgoing = self._outgoing(main, subjects, values, skip)
        for quad in outgoing:
            if quad.predicate == TYPE and self.is_whole(quad.object):
                whole.add(quad.subject)
        late = [v for v in values if v in whole]  # linked nodes the store types as whole
        if late:
            outgoing += self._outgoing(main, late, [], skip)
        found.update(dict.fromkeys(outgoing))
        mine = set(subjects)
        links: dict[ox.NamedNode, set[ox.Term]] = {p: set(v) for p, v in nodes.links.items()}
        for quad in outgoing:
            if quad.subject in mine and quad.predicate in CROSS_LINKS:
                links.setdefault(quad.predicate, set()).add(quad.object)
        twins = {t for v in links.get(SCHEMA_URL, ()) for t in url_forms(v)}
        if twins:
            links[SCHEMA_URL] = links.get(SCHEMA_URL, set()) | twins
        incoming = self._incoming(main, [n for n in whole if n in looked], links, looked, skip)
        found.update(dict.fromkeys(incoming))
        reached = {q.object for q in outgoing} | {q.subject for q in incoming} | nodes.classes
        more = [n for n in reached if isinstance(n, ox.NamedNode) and n not in looked]
        looked.update(more)
        more_quads = self._outgoing(main, [], more, skip)
        found.update(dict.fromkeys(more_quads))
        frontier = [
            q.object
            for q in (*outgoing, *more_quads)
            if q.predicate == ADMIN_PARENT and isinstance(q.object, ox.NamedNode)
        ]
        while frontier:
            frontier = [n for n in dict.fromkeys(frontier) if n not in looked]
            looked.update(frontier)
            links_up = self._chain_step(main, frontier, skip)
            found.update(dict.fromkeys(links_up))
            frontier = [q.object for q in links_up if isinstance(q.object, ox.NamedNode)]
        return list(found)

    # -- reading ------------------------------------------------------------------------------

    def _graphs(self, skip: set[ox.NamedNode]) -> str:
        """A FILTER leaving out the well-known graphs (read from memory, or the ontology the
        scratch store has) and ``skip``."""
        names = {str(g) for g in (*self.background, ONTOLOGY, *skip) if isinstance(g, ox.NamedNode)}
        return f"FILTER(?g NOT IN ({', '.join(sorted(names))}))"

    def _remembered(
        self, index: dict[ox.Term, list[ox.Quad]], node: ox.Term, skip: set[ox.NamedNode]
    ) -> list[ox.Quad]:
        """The quads of the in-memory well-known graphs with ``node`` (as the index has it)."""
        return [q for q in index.get(node, ()) if q.graph_name not in skip]

    def _outgoing(
        self,
        main: ox.Store,
        whole: list[ox.NamedNode],
        values: list[ox.NamedNode],
        skip: set[ox.NamedNode],
    ) -> list[ox.Quad]:
        """Quads with one of ``whole`` as subject, and with one of ``values`` as subject and a
        value predicate (:attr:`values`).

        The store is first asked how many quads each node has, so that only the few nodes it
        knows are read, and nodes with many quads are read as hubs: nothing is decoded for
        the nodes it does not have.
        """
        found: list[ox.Quad] = []
        for node in whole:
            found += self._remembered(self._by_subject, node, skip)
        for node in values:
            found += [
                q
                for q in self._remembered(self._by_subject, node, skip)
                if q.predicate in self.values
            ]
        # The graphs the batch replaces are rarely in the store: filtering them out inside
        # each query costs more than dropping the few rows of theirs afterwards.
        background = self._graphs(set())
        plain_whole = [n for n in whole if n not in self.hubs]
        plain_values = [n for n in values if n not in self.hubs]
        hubs = [n for n in (*whole, *values) if n in self.hubs]
        if plain_whole or plain_values:
            counts = self._select(
                main, plain_whole, plain_values, background, "?s (COUNT(*) AS ?n)"
            )
            small = set()
            for subject, count in counts:
                if int(count.value) >= HUB:
                    self.hubs.add(subject)
                    hubs.append(subject)
                else:
                    small.add(subject)
            if small:
                rows = self._select(
                    main,
                    [n for n in plain_whole if n in small],
                    [n for n in plain_values if n in small],
                    background,
                    "?s ?p ?o ?g",
                )
                found += [
                    ox.Quad(row[0], row[1], row[2], row[3]) for row in rows if row[3] not in skip
                ]
        if hubs:
            graphs = self._graphs(skip)
            ours = {*self.background, ONTOLOGY}
            replaced = any(main.contains_named_graph(g) for g in skip if g not in ours)
            for node in hubs:
                found += self._hub(main, node, graphs, union=not replaced)
        return found

    def _select(
        self,
        main: ox.Store,
        whole: list[ox.NamedNode],
        values: list[ox.NamedNode],
        graphs: str,
        projection: str,
    ) -> ox.QuerySolutions:
        """Rows about the quads of :meth:`_outgoing`: counted by subject, or the quads."""
        branches = []
        if whole:
            branches.append(
                f"{{ VALUES ?s {{ {' '.join(map(str, whole))} }} GRAPH ?g {{ ?s ?p ?o }} }}"
            )
        if values:
            branches.append(
                f"{{ VALUES ?s {{ {' '.join(map(str, values))} }} "
                f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?p IN ({self._in_values})) }}"
            )
        group = " GROUP BY ?s" if "COUNT" in projection else ""
        rows = main.query(
            f"SELECT {projection} WHERE {{ {' UNION '.join(branches)} {graphs} }}{group}"
        )
        assert isinstance(rows, ox.QuerySolutions)
        return rows

    def _incoming(
        self,
        main: ox.Store,
        whole: list[ox.Term],
        links: dict[ox.NamedNode, set[ox.Term]],
        nodes: set[ox.Term],
        skip: set[ox.NamedNode],
    ) -> list[ox.Quad]:
        """Every link to a ``whole`` node; links along each cross-link predicate to its values
        (``links``); links along :attr:`everywhere` predicates to every one of ``nodes``."""
        wanted = {p: {v for v in vs if not isinstance(v, ox.BlankNode)} for p, vs in links.items()}
        for predicate in self.everywhere:
            wanted.setdefault(predicate, set()).update(
                n for n in nodes if isinstance(n, ox.NamedNode)
            )
        targets = [n for n in whole if isinstance(n, ox.NamedNode)]
        found: list[ox.Quad] = []
        for node in targets:
            found += self._remembered(self._by_object, node, skip)
        for predicate, objects in wanted.items():
            for node in objects:
                found += [
                    q
                    for q in self._remembered(self._by_object, node, skip)
                    if q.predicate == predicate
                ]
        branches = []
        if targets:
            branches.append(
                f"{{ VALUES ?o {{ {' '.join(map(str, targets))} }} GRAPH ?g {{ ?s ?p ?o }} }}"
            )
        for predicate, objects in sorted(wanted.items(), key=lambda item: str(item[0])):
            if objects:
                branches.append(
                    f"{{ VALUES ?o {{ {' '.join(sorted(map(str, objects)))} }} "
                    f"GRAPH ?g {{ ?s {predicate} ?o }} BIND({predicate} AS ?p) }}"
                )
        if branches:
            rows = main.query(
                f"SELECT ?s ?p ?o ?g WHERE {{ {' UNION '.join(branches)} {self._graphs(set())} }}"
            )
            found += [ox.Quad(row[0], row[1], row[2], row[3]) for row in rows if row[3] not in skip]
        return found

    def _chain_step(
        self, main: ox.Store, nodes: list[ox.NamedNode], skip: set[ox.NamedNode]
    ) -> list[ox.Quad]:
        """The bkg:adminParent links of the nodes (one step of a chain)."""
        if not nodes:
            return []
        found = [
            q
            for node in nodes
            for q in self._remembered(self._by_subject, node, skip)
            if q.predicate == ADMIN_PARENT
        ]
        rows = main.query(
            f"SELECT ?s ?o ?g WHERE {{ VALUES ?s {{ {' '.join(map(str, nodes))} }} "
            f"GRAPH ?g {{ ?s {ADMIN_PARENT} ?o }} {self._graphs(set())} }}"
        )
        return found + [
            ox.Quad(row[0], ADMIN_PARENT, row[1], row[2]) for row in rows if row[2] not in skip
        ]

    def _hub(
        self, main: ox.Store, node: ox.NamedNode, graphs: str, *, union: bool
    ) -> list[ox.Quad]:
        """A hub's quads outside the well-known graphs: its first two graphs, then distinct.

        ``union``: none of the graphs the batch replaces is in the store, so its
        distinct triples may be read from the union of all graphs, without filtering each
        quad by graph (the well-known graphs' triples are in the union anyway).
        """
        names = main.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {node} ?p ?o }} {graphs} }} LIMIT 2"
        )
        kept = [q for row in names for q in main.quads_for_pattern(node, None, None, row[0])]
        if union:
            triples = main.query(
                f"SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }}", use_default_graph_as_union=True
            )
        else:
            triples = main.query(
                f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {node} ?p ?o }} {graphs} }}"
            )
        return kept + [ox.Quad(node, row[0], row[1], ox.DefaultGraph()) for row in triples]


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

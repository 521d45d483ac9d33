"""The data a validation run sees: a pyoxigraph store for the SPARQL engine, a Dataset for pyshacl.

The shapes need the ontology (subclass targets), the concept schemes (scheme membership) and the
vocabulary (the entities articles point to) next to the article graphs, in a dataset whose
default graph is the union of its graphs (shapes/README.md). A store already holds them; rdflib
input is copied and gets the shipped graphs it lacks. Literal values in reports are written in
pyoxigraph's canonical form (``"1"^^xsd:double``, not rdflib's ``"1.0"``) so reports of both
engines, and of rdflib or store input, compare equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH, VOCABULARY_GRAPH
from borderkg.oxterms import to_ox
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX

#: Where pyshacl gets the triples of an rdflib input's default graph.
INPUT_GRAPH = "urn:borderkg:validation:default-graph"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: The well-known graphs every validation needs, by name.
BACKGROUND_GRAPHS = (str(ONTOLOGY_GRAPH), str(SCHEMES_GRAPH), str(VOCABULARY_GRAPH))


@cache
def background_nquads(graph: str) -> bytes:
    """N-Quads of one shipped well-known graph (ontology, schemes or vocabulary), in its graph.

    Parsed by pyoxigraph (``ontology.file_triples``: rdflib's Turtle parser made every
    ``borderkg validate`` run pay over a second).
    """
    from borderkg import ontology

    name = ox.NamedNode(graph)
    quads = (
        ox.Quad(t.subject, t.predicate, t.object, name)
        for t in ontology.file_triples(ontology.GRAPH_FILES[graph])
    )
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def unwrap_store(data: Any) -> ox.Store | None:
    """The ``pyoxigraph.Store`` of a store or ``GraphStore``, else ``None``."""
    if isinstance(data, ox.Store):
        return data
    inner = getattr(data, "store", None)
    return inner if isinstance(inner, ox.Store) else None


def _rdflib_quads(data: Graph) -> Iterator[ox.Quad]:
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            if name is None or name == DATASET_DEFAULT_GRAPH_ID or isinstance(name, BNode):
                yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())
            else:
                yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(name)))
    else:
        for s, p, o in data:
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())


def open_store(data: Any, *, background: bool = True) -> ox.Store:
    """A pyoxigraph store of ``data``: the store itself, or an in-memory copy of rdflib data."""
    store = unwrap_store(data)
    if store is not None:
        return store
    if not isinstance(data, Graph):
        raise TypeError(
            f"cannot validate {type(data).__name__}: give a pyoxigraph Store, a GraphStore, "
            "or an rdflib Dataset or Graph"
        )
    store = ox.Store()
    store.bulk_extend(_rdflib_quads(data))
    if background:
        add_background(store)
    return store


def add_background(store: ox.Store) -> None:
    """Load each shipped well-known graph the store does not have yet."""
    for graph in BACKGROUND_GRAPHS:
        if not store.contains_named_graph(ox.NamedNode(graph)):
            store.load(background_nquads(graph), format=ox.RdfFormat.N_QUADS)


def exact_rdflib(term: ox.Term) -> URIRef | BNode | Literal:
    """The rdflib term for a pyoxigraph term, a literal's lexical form kept as written.

    rdflib's parsers and ``Literal`` normally rewrite non-canonical or ill-formed lexical
    forms (``"2011-01-01"^^xsd:dateTime`` gains a time, ``"none"^^xsd:boolean`` becomes
    ``"false"``): pyshacl would then report a value the data does not have. Plain literals
    stay plain (pyoxigraph types them ``xsd:string``; rdflib and pyshacl tell them apart).
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if not isinstance(term, ox.Literal):
        raise TypeError(f"not a term pyshacl can read: {term!r}")
    if term.language:
        return Literal(term.value, lang=term.language, normalize=False)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value, normalize=False)
    return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)


class _SameIds(dict):
    """A blank-node context for rdflib's N-Quads parser that keeps the labels as they are."""

    def get(self, key: str, default: Any = None) -> str:
        return key


def to_dataset(data: Any, *, background: bool = True) -> Dataset:
    """An rdflib Dataset (default graph = union) of ``data``, for pyshacl.

    A store's quads are copied term by term with their lexical forms as stored
    (:func:`exact_rdflib`), so pyshacl reports the data's own terms.
    rdflib input is copied as it is (pyshacl sees its exact literals), plus missing background.
    """
    dataset = Dataset(default_union=True)
    store = unwrap_store(data)
    if store is not None:
        graphs: dict[Any, Graph] = {}

        def graph_of(name: Any) -> Graph:
            if name not in graphs:
                named = isinstance(name, ox.NamedNode)
                identifier = URIRef(name.value) if named else DATASET_DEFAULT_GRAPH_ID
                graphs[name] = dataset.graph(identifier)
            return graphs[name]

        dataset.addN(
            (exact_rdflib(q.subject), exact_rdflib(q.predicate), exact_rdflib(q.object), g)
            for q in store
            for g in (graph_of(q.graph_name),)
        )
        return dataset
    if not isinstance(data, Graph):
        raise TypeError(f"cannot validate {type(data).__name__}")
    names: set[str] = set()
    # pyshacl's union of a Dataset leaves out its default graph: triples there go to a graph
    # of their own (not an article graph, so results on them name no graph).
    default = dataset.graph(URIRef(INPUT_GRAPH))
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            if name is None or name == DATASET_DEFAULT_GRAPH_ID:
                default.add((s, p, o))
            else:
                names.add(str(name))
                dataset.graph(name).add((s, p, o))
    else:
        for triple in data:
            default.add(triple)
    if background:
        for graph in BACKGROUND_GRAPHS:
            if graph not in names:
                dataset.parse(
                    data=background_nquads(graph), format="nquads", bnode_context=_SameIds()
                )
    return dataset


# --- canonical values and graphs of focus nodes ---------------------------------------------

_SCRATCH = ox.Store()
_S, _P = ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p")


@lru_cache(maxsize=65536)
def _canonical_literal(text: str) -> str:
    quad = ox.Quad(_S, _P, _parse_literal(text), ox.DefaultGraph())
    _SCRATCH.add(quad)
    try:
        return str(next(iter(_SCRATCH)).object)
    finally:
        _SCRATCH.remove(next(iter(_SCRATCH)))


def _parse_literal(text: str) -> ox.Literal:
    parsed = next(iter(ox.parse(f"<urn:x:s> <urn:x:p> {text} .".encode(), ox.RdfFormat.N_TRIPLES)))
    return parsed.object


def canonical(term: Any) -> str:
    """N-Triples of a term, literals in pyoxigraph's canonical lexical form and datatype."""
    ox_term = to_ox(term)
    if isinstance(ox_term, ox.Literal):
        return _canonical_literal(str(ox_term))
    return str(ox_term)


def article_graph_finder(data: Any) -> Callable[[str], str | None]:
    """A function giving the one article graph a focus node (N-Triples) is a subject in.

    ``None`` when the node is a subject in no article graph, or in more than one.
    """
    store = unwrap_store(data)

    def graphs_of(term: ox.NamedNode | ox.BlankNode) -> Iterable[str]:
        if store is not None:
            for quad in store.quads_for_pattern(term, None, None, None):
                if isinstance(quad.graph_name, ox.NamedNode):
                    yield quad.graph_name.value
        elif isinstance(data, Dataset):
            node = URIRef(term.value) if isinstance(term, ox.NamedNode) else BNode(term.value)
            for _s, _p, _o, g in data.quads((node, None, None, None)):
                name = g.identifier if isinstance(g, Graph) else g
                if name is not None:
                    yield str(name)

    @lru_cache(maxsize=65536)
    def find(focus: str) -> str | None:
        if focus.startswith("<"):
            term: ox.NamedNode | ox.BlankNode = ox.NamedNode(focus[1:-1])
        elif focus.startswith("_:"):
            term = ox.BlankNode(focus[2:])
        else:
            return None
        found = {g for g in graphs_of(term) if g.startswith(ARTICLE_GRAPH_PREFIX)}
        return found.pop() if len(found) == 1 else None

    return find

"""Turning the triples the project builds (rdflib or pyoxigraph terms) into store input.

Writers build RDF with rdflib terms (``borderkg.iris`` mints ``URIRef``\\ s) or with
pyoxigraph terms; the store takes either and writes through pyoxigraph only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)


def iri_of(iri: str | URIRef | ox.NamedNode) -> str:
    """The IRI string of a graph or node name given as ``str``, ``URIRef`` or ``NamedNode``."""
    if isinstance(iri, ox.NamedNode):
        return iri.value
    if isinstance(iri, str):
        return str(iri)
    raise TypeError(f"expected an IRI, got {type(iri).__name__}: {iri!r}")


def to_ox(term: Any) -> OxTerm:
    """The pyoxigraph term for an rdflib or pyoxigraph term (plain strings are refused)."""
    if isinstance(term, _OX_TERMS):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {type(term).__name__} {term!r}")


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | RdfLiteral:
    """The rdflib term for a pyoxigraph term, with ``xsd:string`` literals made plain.

    Plain literals come back from pyoxigraph typed ``xsd:string``; rdflib (and pyshacl)
    treat those as different from plain literals, so they are turned back into plain ones.
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return RdfLiteral(term.value)
        return RdfLiteral(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def _graph_name_of(item: Any) -> str | None:
    """The named graph an input quad names, or ``None`` for the default graph / a triple."""
    if isinstance(item, ox.Quad):
        graph = item.graph_name
    elif isinstance(item, tuple | list) and len(item) == 4:
        graph = item[3]
    else:
        return None
    if graph is None or isinstance(graph, ox.DefaultGraph) or graph == DATASET_DEFAULT_GRAPH_ID:
        return None
    if isinstance(graph, ox.NamedNode | URIRef):
        return iri_of(graph)
    raise ValueError(f"unsupported graph name {graph!r}")


def triples_in(items: Iterable[Any], graph: str) -> Iterator[ox.Triple]:
    """The triples of ``items`` (triples, quads or 3/4-tuples) that belong in ``graph``.

    Quads must name ``graph`` or the default graph: an article or well-known graph is
    written whole into its own graph, so a quad for any other graph is an error.
    """
    for item in items:
        named = _graph_name_of(item)
        if named is not None and named != graph:
            raise ValueError(f"a quad for graph <{named}> was given for graph <{graph}>")
        if isinstance(item, ox.Triple):
            yield item
        elif isinstance(item, ox.Quad):
            yield item.triple
        elif isinstance(item, tuple | list) and len(item) in (3, 4):
            subject, predicate, obj = to_ox(item[0]), to_ox(item[1]), to_ox(item[2])
            if not isinstance(predicate, ox.NamedNode):
                raise ValueError(f"a predicate must be an IRI, not {predicate}")
            if isinstance(subject, ox.Literal):
                raise ValueError(f"a subject cannot be a literal: {subject}")
            yield ox.Triple(subject, predicate, obj)
        else:
            raise TypeError(f"expected a triple or quad, got {type(item).__name__}: {item!r}")

"""The shipped Turtle files parse with rdflib and with (strict) Oxigraph to the same triples.

rdflib is lenient about IRIs and literals that Oxigraph — the store the project serves from —
rejects, so a file that only rdflib reads would load in tests and fail in production.
"""

from __future__ import annotations

from importlib.resources import files

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from borderkg.ontology import ONTOLOGY_FILE, SCHEMES_FILE, VOCABULARY_FILE

PACKAGE = "borderkg.ontology"
_VOCABULARY_SHIPPED = files(PACKAGE).joinpath(VOCABULARY_FILE).is_file()

FILES = [
    ONTOLOGY_FILE,
    SCHEMES_FILE,
    pytest.param(
        VOCABULARY_FILE,
        marks=pytest.mark.skipif(
            not _VOCABULARY_SHIPPED, reason="vocabulary.ttl not generated yet"
        ),
    ),
]

#: A term in a comparable form: kind, lexical value, language, datatype.
Term = tuple[str, str, str, str]


def _data(name: str) -> bytes:
    return files(PACKAGE).joinpath(name).read_bytes()


def _from_rdflib(term: URIRef | BNode | Literal) -> Term:
    if isinstance(term, Literal):
        datatype = "" if term.language else str(term.datatype or "")
        return ("literal", str(term), term.language or "", datatype)
    return ("iri" if isinstance(term, URIRef) else "bnode", str(term), "", "")


def _from_oxigraph(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Term:
    if isinstance(term, ox.Literal):
        datatype = "" if term.language else term.datatype.value
        # rdflib leaves a plain literal without datatype; RDF 1.1 says it is xsd:string.
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            datatype = ""
        return ("literal", term.value, term.language or "", datatype)
    return ("iri" if isinstance(term, ox.NamedNode) else "bnode", term.value, "", "")


def _ground(triples: list[tuple[Term, Term, Term]]) -> set[tuple[Term, Term, Term]]:
    """The triples without blank nodes (whose labels differ between parsers)."""
    return {t for t in triples if all(part[0] != "bnode" for part in t)}


@pytest.mark.parametrize("name", FILES)
def test_file_parses_with_rdflib_and_oxigraph_to_the_same_triples(name: str) -> None:
    data = _data(name)
    graph = Graph().parse(data=data, format="turtle")
    parsed = list(ox.parse(data, format=ox.RdfFormat.TURTLE))  # strict: no lenient flag
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.TURTLE)

    assert len(graph) > 0
    assert len(parsed) == len(graph), "a triple is stated twice or parsed differently"
    assert len(store) == len(graph)
    from_rdflib = [tuple(_from_rdflib(term) for term in triple) for triple in graph]
    from_oxigraph = [
        (_from_oxigraph(q.subject), _from_oxigraph(q.predicate), _from_oxigraph(q.object))
        for q in parsed
    ]
    assert _ground(from_rdflib) == _ground(from_oxigraph)


@pytest.mark.parametrize("name", FILES)
def test_file_has_no_relative_or_blank_iris(name: str) -> None:
    # Relative IRIs would be resolved against wherever the file happens to be loaded from.
    for quad in ox.parse(_data(name), format=ox.RdfFormat.TURTLE):
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode):
                assert term.value.startswith(("http://", "https://", "urn:")), term

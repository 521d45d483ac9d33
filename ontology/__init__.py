"""The borderkg ontology, concept schemes and curated vocabulary, with their namespaces.

Data files are read through ``importlib.resources`` so they load the same from a
checkout, an editable install and a plain wheel.
"""

from __future__ import annotations

from importlib.resources import files

import pyoxigraph as ox
from rdflib import Graph

from .namespaces import (  # noqa: F401  (re-exported)
    ACTORTYPE,
    BKG,
    CAMEO,
    CERTAINTY,
    COUNTQ,
    EVENTTYPE,
    GOODS,
    LEGALTYPE,
    LOCPREC,
    MEASURE,
    ONTOLOGY_GRAPH,
    PARTICIPATION,
    PLOVER,
    PLOVERCONTEXT,
    PREFIXES,
    REVIEW,
    SCHEMES,
    SCHEMES_GRAPH,
    SOURCETYPE,
    STATUS,
    TIMEPREC,
    VOCABULARY_GRAPH,
)

ONTOLOGY_FILE = "borderkg.ttl"
SCHEMES_FILE = "schemes.ttl"
VOCABULARY_FILE = "vocabulary.ttl"
#: The shipped file of each well-known graph a store holds.
GRAPH_FILES = {
    str(ONTOLOGY_GRAPH): ONTOLOGY_FILE,
    str(SCHEMES_GRAPH): SCHEMES_FILE,
    str(VOCABULARY_GRAPH): VOCABULARY_FILE,
}


def resource_text(name: str) -> str:
    """Text of a data file shipped in this package (``borderkg.ontology``)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def file_triples(name: str) -> list[ox.Triple]:
    """The triples of one shipped Turtle file, parsed by pyoxigraph.

    About twenty times faster than the rdflib graphs below (which every load and validation
    run would pay over a second for); blank nodes get fresh labels on every call, so two
    files' labels never meet.
    """
    parsed = ox.parse(
        input=resource_text(name), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True
    )
    return [quad.triple for quad in parsed]


def _parse(name: str) -> Graph:
    graph = Graph()
    graph.parse(data=resource_text(name), format="turtle")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    return graph


def ontology_graph() -> Graph:
    """The ontology (classes and properties) as an rdflib graph."""
    return _parse(ONTOLOGY_FILE)


def schemes_graph() -> Graph:
    """All SKOS concept schemes as an rdflib graph."""
    return _parse(SCHEMES_FILE)


def vocabulary_graph() -> Graph:
    """The curated entity vocabulary (the extractor's gazetteer) as an rdflib graph."""
    return _parse(VOCABULARY_FILE)

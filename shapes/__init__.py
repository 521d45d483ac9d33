"""SHACL shapes for borderkg data, shipped as Turtle files in this package.

The shapes are applied to the union of the ontology, scheme, vocabulary and article graphs,
given as a dataset (named graphs kept): one constraint queries ``GRAPH ?g``. What each shape
checks, and why at its severity, is in ``shapes/README.md``. Files are read with
``importlib.resources`` so they load the same from a checkout and from an installed wheel.
"""

from __future__ import annotations

from importlib.resources import files

import pyoxigraph as ox
from rdflib import Graph, Namespace

from borderkg.ontology.namespaces import PREFIXES
from borderkg.oxterms import to_rdflib

#: Namespace of the shapes themselves (``bkgsh:ArticleShape`` …).
BKGSH = Namespace("https://w3id.org/borderkg/shapes#")

#: The node that carries the ``sh:declare`` prefixes of every SPARQL-based constraint.
SHAPES_GRAPH_IRI = "https://w3id.org/borderkg/shapes"


def shape_files() -> list[str]:
    """Names of the shape files shipped in this package, sorted."""
    return sorted(
        entry.name
        for entry in files(__package__).iterdir()
        if entry.is_file() and entry.name.endswith(".ttl")
    )


def shape_text(name: str) -> str:
    """Turtle text of one shape file (a name from :func:`shape_files`)."""
    if name not in shape_files():
        raise FileNotFoundError(f"no shape file {name!r} in {__package__}")
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def shapes_graph() -> Graph:
    """All shapes as one rdflib graph, with the project prefixes and ``bkgsh:`` bound."""
    graph = Graph()
    for name in shape_files():
        # pyoxigraph parses ~20x faster than rdflib's Turtle parser; blank nodes are
        # renamed so two files' labels cannot meet.
        parsed = ox.parse(
            input=shape_text(name), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True
        )
        for quad in parsed:
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    graph.bind("bkgsh", str(BKGSH), override=True)
    graph.bind("sh", "http://www.w3.org/ns/shacl#", override=True)
    return graph

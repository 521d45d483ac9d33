"""Reading a whole store out: counts of graphs and triples, streaming export and summary
statistics."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO

import pyoxigraph as ox

from borderkg.ontology.namespaces import BKG, PREFIXES, REVIEW
from borderkg.oxterms import iri_of
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX, GraphName, StoreStats

FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_NO_PREFIXES = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)


def triple_count(store: ox.Store, graph: GraphName | None = None) -> int:
    """Number of triples in ``graph``, or of quads in the whole store."""
    if graph is None:
        return len(store)
    name = ox.NamedNode(iri_of(graph))
    return sum(1 for _ in store.quads_for_pattern(None, None, None, name))


def article_graphs(store: ox.Store) -> list[str]:
    """IRIs of all article graphs, sorted."""
    return sorted(
        g.value
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH_PREFIX)
    )


def rdf_format(fmt: str | ox.RdfFormat) -> ox.RdfFormat:
    """The ``RdfFormat`` for a name such as ``"nquads"`` or ``"turtle"``."""
    if isinstance(fmt, ox.RdfFormat):
        return fmt
    try:
        return FORMATS[fmt.lower()]
    except KeyError:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {sorted(FORMATS)}") from None


def export(
    store: ox.Store,
    fmt: str | ox.RdfFormat,
    out: str | os.PathLike[str] | IO[bytes],
    graphs: Sequence[GraphName] | None = None,
) -> None:
    """Stream ``store`` (or only ``graphs``) to ``out``, a path or a binary file.

    Dataset formats (N-Quads, TriG, JSON-LD) keep graph names. Triple formats (Turtle,
    N-Triples, RDF/XML) write the union of the chosen graphs — all graphs, default graph
    included, when ``graphs`` is ``None`` — without duplicate triples.
    """
    form = rdf_format(fmt)
    target = os.fspath(out) if isinstance(out, str | os.PathLike) else out
    names = None if graphs is None else [ox.NamedNode(iri_of(g)) for g in graphs]
    prefixes = None if form in _NO_PREFIXES else PREFIXES
    if form.supports_datasets:
        if names is None:
            store.dump(target, form, prefixes=prefixes)
        else:
            quads = (q for g in names for q in store.quads_for_pattern(None, None, None, g))
            ox.serialize(quads, target, form, prefixes=prefixes)
        return
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    if names is None:
        triples = store.query(construct, use_default_graph_as_union=True)
    elif names:
        triples = store.query(construct, default_graph=names)
    else:
        triples = iter(())
    ox.serialize(triples, target, form, prefixes=prefixes)


def merged_graphs(
    store: ox.Store, fmt: str | ox.RdfFormat, graphs: Sequence[GraphName] | None = None
) -> int:
    """How many graphs :func:`export` would merge into one: those it writes (all, or
    ``graphs``) when ``fmt`` has no graphs (Turtle, N-Triples, RDF/XML), else 0."""
    if rdf_format(fmt).supports_datasets:
        return 0
    if graphs is not None:
        return len({iri_of(g) for g in graphs})
    default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
    return sum(1 for _ in store.named_graphs()) + (default is not None)


def _number(store: ox.Store, sparql: str) -> int:
    solutions = store.query(sparql, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    row = next(iter(solutions))
    return int(row[0].value)


def stats(store: ox.Store) -> StoreStats:
    """Counts of articles, graphs, quads, triples, entities per type and unreviewed ones."""
    articles = _number(
        store,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_PREFIX}")) }}',
    )
    triples = _number(
        store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    )
    solutions = store.query(
        "SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t",
        use_default_graph_as_union=True,
    )
    assert isinstance(solutions, ox.QuerySolutions)
    types = {row["t"].value: int(row["n"].value) for row in solutions}
    unreviewed = _number(
        store,
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{BKG.reviewStatus}> "
        f"<{REVIEW.Unreviewed}> }}",
    )
    return StoreStats(
        articles=articles,
        named_graphs=sum(1 for _ in store.named_graphs()),
        quads=len(store),
        triples=triples,
        types=types,
        unreviewed=unreviewed,
    )

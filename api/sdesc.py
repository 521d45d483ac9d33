"""The SPARQL 1.1 Service Description of ``/sparql`` (``GET /sparql`` with an RDF Accept).

It states the endpoint, the query language, every result format, the features (the union
default graph when that policy is on, basic federated query when SERVICE endpoints are
allowed), the limits in words, and the default dataset with each named graph and its triple
count. Counts come from one query through the pool and are cached per published snapshot.
Built with pyoxigraph terms and serializers (no rdflib in the server's request path).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pyoxigraph as ox

from borderkg.snapshots import current_snapshot

if TYPE_CHECKING:
    from borderkg.api.services import Services

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
RDFS_SEE_ALSO = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso")
DCTERMS_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PREFIXES = {
    "sd": SD,
    "formats": FORMATS,
    "void": VOID,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/",
}
#: W3C format IRIs (https://www.w3.org/ns/formats/) of every format the endpoint writes.
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "TriG",
    "JSON-LD",
    "RDF_XML",
)
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"

_cache: dict[tuple[int, str | None, str, str], bytes] = {}
_lock = threading.Lock()


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def service_description(services: Services, host_url: str, media_type: str) -> bytes:
    """The description serialized as ``media_type`` (an RDF graph format), cached per snapshot."""
    snapshot = current_snapshot(services.config.store)
    base = services.config.base_url + "/" if services.config.base_url else host_url
    key = (id(services), snapshot.name if snapshot else None, base, media_type)
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    counts = _graph_counts(services)
    body = ox.serialize(
        description_triples(services, base, counts),
        format=ox.RdfFormat.from_media_type(media_type),
        prefixes=PREFIXES,
    )
    with _lock:
        if len(_cache) > 32:
            _cache.clear()
        _cache[key] = body
    return body


def _graph_counts(services: Services) -> list[tuple[str, int]]:
    rows = services.pool.select(GRAPH_COUNTS)
    return [(_value(row["g"]), int(_value(row["n"]))) for row in rows]


def _value(term: object) -> str:
    return getattr(term, "value", term)  # type: ignore[return-value]


def description_triples(
    services: Services, base: str, graph_counts: list[tuple[str, int]]
) -> list[ox.Triple]:
    """The description's triples for the server at ``base`` (ending in ``/``)."""
    config = services.config
    endpoint = ox.NamedNode(base + "sparql")
    out = [
        ox.Triple(endpoint, RDF_TYPE, _sd("Service")),
        ox.Triple(endpoint, _sd("endpoint"), endpoint),
        ox.Triple(endpoint, DCTERMS_TITLE, ox.Literal("borderkg SPARQL endpoint", language="en")),
        ox.Triple(endpoint, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(
            endpoint,
            _sd("defaultEntailmentRegime"),
            ox.NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
        ox.Triple(endpoint, RDFS_SEE_ALSO, ox.NamedNode(base + ".well-known/void")),
    ]
    out += [
        ox.Triple(endpoint, _sd("resultFormat"), ox.NamedNode(FORMATS + name))
        for name in RESULT_FORMATS
    ]
    if config.union_default_graph:
        out.append(ox.Triple(endpoint, _sd("feature"), _sd("UnionDefaultGraph")))
    if config.service_allow:
        out.append(ox.Triple(endpoint, _sd("feature"), _sd("BasicFederatedQuery")))
    out.append(ox.Triple(endpoint, RDFS_COMMENT, ox.Literal(_limits_text(services), language="en")))

    dataset, default_graph = ox.BlankNode(), ox.BlankNode()
    out += [
        ox.Triple(endpoint, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    if config.union_default_graph:
        total = sum(n for _, n in graph_counts)
        out.append(
            ox.Triple(
                default_graph,
                RDFS_COMMENT,
                ox.Literal(
                    f"The union of all {len(graph_counts)} named graphs ({total} quads, a triple "
                    "stated in several graphs counted in each).",
                    language="en",
                ),
            )
        )
    for name, count in graph_counts:
        named, graph = ox.BlankNode(), ox.BlankNode()
        out += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(name)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(
                graph, ox.NamedNode(VOID + "triples"), ox.Literal(str(count), datatype=XSD_INTEGER)
            ),
        ]
    return out


def _limits_text(services: Services) -> str:
    config = services.config
    policy = (
        "The default graph is the union of all graphs"
        if config.union_default_graph
        else "The default graph is the store's own default graph"
    )
    service = (
        f"SERVICE may call only: {', '.join(config.service_allow)}"
        if config.service_allow
        else "SERVICE (federated query) is off"
    )
    return (
        f"{policy}, unless the query has FROM/FROM NAMED or the request has "
        "default-graph-uri/named-graph-uri, which then define the dataset. Every named graph "
        "is queryable with GRAPH. The project's prefixes are predeclared. Queries stop after "
        f"{config.timeout:g} s (a client may ask for less with timeout=, in seconds; 503 "
        f"when stopped); results are capped at {config.max_rows} rows or triples, signalled by "
        f"the BorderKG-Result-Cap and Warning headers. {service}. Updates go to /update."
    )

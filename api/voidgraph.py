"""The dataset description served at ``/.well-known/void``: VoID and DCAT in one graph.

What it says: the dataset (title, description — which also says in what unit evidence
offsets are counted, :data:`OFFSET_UNIT` —, CC BY 4.0 licence, publisher, modification time
= the publication time of the snapshot the counts come from, that snapshot's name as
``dcterms:hasVersion``), how to get it (the SPARQL endpoint as a ``dcat:DataService`` and a
``dcat:Distribution``; the N-Quads dumps as ``void:dataDump`` and ``dcat:Distribution``\\ s), the
vocabularies its predicates and classes come from, its size, one ``void:propertyPartition``
per predicate, one ``void:classPartition`` per class and the ``void:Linkset``\\ s to Wikidata
and GeoNames (``skos:exactMatch``). The counts come from :mod:`borderkg.api.voidstats`; only
this server's URLs vary per request, so the graph is assembled at each call (cheap).

IRIs: the description document is ``<base>/.well-known/void``; the dataset is
``<base>/.well-known/void#dataset``, the linksets, partitions and distributions are fragments
of the same document.
"""

from __future__ import annotations

import pyoxigraph as ox

from borderkg import conneg
from borderkg.api.voidstats import LINK_TARGETS, SKOS_EXACT_MATCH, VoidStats
from borderkg.ontology.namespaces import BASE, PREFIXES

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
IANA = "https://www.iana.org/assignments/media-types/"
NQUADS_FORMAT = "http://www.w3.org/ns/formats/N-Quads"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
#: How evidence offsets are counted (docs/data-model.md, "Text and offsets"): said in the
#: description, where people and linkers resolving a span look.
OFFSET_UNIT = (
    "Offset unit: evidence offsets (nif:beginIndex, nif:endIndex, and the char=BEGIN,END of "
    "span IRIs) count Unicode code points, from 0, not bytes or UTF-16 code units, over the "
    "article's stored text (the nif:isString of its nif:Context, NFC-normalised), so the "
    "text from nif:beginIndex to nif:endIndex is the span's nif:anchorOf."
)
TITLE = "borderkg: a knowledge graph of China–North Korea border affairs"
DESCRIPTION = (
    "Statements about border control, surveillance, defections, forced repatriation, "
    "smuggling and trade along the China–North Korea border, extracted from news articles. "
    "Each article's statements live in a named graph of their own, with every fact anchored to "
    "the sentence it came from (NIF offsets). The SPARQL endpoint's default graph is the union "
    "of all graphs; void:triples counts the distinct triples of that union. " + OFFSET_UNIT
)
PUBLISHER_NAME = "borderkg contributors"
KEYWORDS = ("China", "North Korea", "border", "defectors", "forced repatriation", "smuggling")

#: Dump files this server streams (N-Quads of every graph), relative to its root.
DUMPS = ("dump.nq", "dump.nq.gz")

#: Prefixes for the Turtle, TriG and RDF/XML forms.
DESCRIPTION_PREFIXES = {
    "void": VOID,
    "dcat": DCAT,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "xsd": XSD,
    **{k: v for k, v in PREFIXES.items() if k in ("bkg", "skos", "rdfs", "owl")},
}

Node = ox.NamedNode | ox.BlankNode
Term = ox.NamedNode | ox.BlankNode | ox.Literal


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


class _Graph:
    """Triples in the order added; ``add`` takes predicate IRIs as strings."""

    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []

    def add(self, subject: Node, predicate: str, obj: Term | str) -> None:
        value = ox.NamedNode(obj) if isinstance(obj, str) else obj
        self.triples.append(ox.Triple(subject, ox.NamedNode(predicate), value))


def describe(stats: VoidStats, base_url: str) -> list[ox.Triple]:
    """The VoID + DCAT description as triples; ``base_url`` is this server's root URL."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    doc = base + ".well-known/void"
    dataset = ox.NamedNode(doc + "#dataset")
    g = _Graph()
    g.add(ox.NamedNode(doc), RDF_TYPE, VOID + "DatasetDescription")
    g.add(ox.NamedNode(doc), DCTERMS + "title", _en(f"Description of {TITLE}"))
    g.add(ox.NamedNode(doc), FOAF + "primaryTopic", dataset)

    g.add(dataset, RDF_TYPE, VOID + "Dataset")
    g.add(dataset, RDF_TYPE, DCAT + "Dataset")
    g.add(dataset, DCTERMS + "title", _en(TITLE))
    g.add(dataset, DCTERMS + "description", _en(DESCRIPTION))
    g.add(dataset, DCTERMS + "license", LICENSE)
    publisher = ox.BlankNode("publisher")
    g.add(dataset, DCTERMS + "publisher", publisher)
    g.add(publisher, RDF_TYPE, FOAF + "Organization")
    g.add(publisher, FOAF + "name", ox.Literal(PUBLISHER_NAME))
    for word in KEYWORDS:
        g.add(dataset, DCAT + "keyword", _en(word))
    if stats.published:
        dt = ox.NamedNode(XSD + "dateTime")
        g.add(dataset, DCTERMS + "modified", ox.Literal(stats.published, datatype=dt))
    if stats.snapshot:
        g.add(dataset, DCTERMS + "hasVersion", ox.Literal(stats.snapshot))
    g.add(dataset, VOID + "uriSpace", ox.Literal(BASE))
    g.add(dataset, VOID + "sparqlEndpoint", base + "sparql")
    g.add(dataset, VOID + "feature", NQUADS_FORMAT)
    if stats.example:
        g.add(dataset, VOID + "exampleResource", stats.example)
    for vocabulary in stats.vocabularies:
        g.add(dataset, VOID + "vocabulary", vocabulary)
    for name, value in (
        ("triples", stats.triples),
        ("entities", stats.entities),
        ("distinctSubjects", stats.distinct_subjects),
        ("distinctObjects", stats.distinct_objects),
        ("properties", None if "properties" in stats.missing else len(stats.properties)),
        ("classes", None if "classes" in stats.missing else len(stats.classes)),
    ):
        if value is not None:
            g.add(dataset, VOID + name, _integer(value))

    _partitions(g, dataset, doc, stats)
    _linksets(g, dataset, doc, stats)
    _distributions(g, dataset, doc, base)
    return _grouped(g.triples)


def _partitions(g: _Graph, dataset: ox.NamedNode, doc: str, stats: VoidStats) -> None:
    for index, (prop, count) in enumerate(sorted(stats.properties.items())):
        node = ox.NamedNode(f"{doc}#property-{index}")
        g.add(dataset, VOID + "propertyPartition", node)
        g.add(node, VOID + "property", prop)
        g.add(node, VOID + "triples", _integer(count))
    for index, (cls, count) in enumerate(sorted(stats.class_partitions.items())):
        node = ox.NamedNode(f"{doc}#class-{index}")
        g.add(dataset, VOID + "classPartition", node)
        g.add(node, VOID + "class", cls)
        g.add(node, VOID + "entities", _integer(count))


def _linksets(g: _Graph, dataset: ox.NamedNode, doc: str, stats: VoidStats) -> None:
    for key, (title, homepage, space, sparql) in LINK_TARGETS.items():
        target = ox.NamedNode(f"{doc}#{key}")
        linkset = ox.NamedNode(f"{doc}#{key}-links")
        g.add(target, RDF_TYPE, VOID + "Dataset")
        g.add(target, DCTERMS + "title", ox.Literal(title))
        g.add(target, FOAF + "homepage", homepage)
        g.add(target, VOID + "uriSpace", ox.Literal(space))
        if sparql:
            g.add(target, VOID + "sparqlEndpoint", sparql)
        g.add(dataset, VOID + "subset", linkset)
        g.add(linkset, RDF_TYPE, VOID + "Linkset")
        g.add(linkset, DCTERMS + "title", _en(f"skos:exactMatch links to {title}"))
        g.add(linkset, VOID + "linkPredicate", SKOS_EXACT_MATCH)
        g.add(linkset, VOID + "subjectsTarget", dataset)
        g.add(linkset, VOID + "objectsTarget", target)
        if key in stats.linksets:
            g.add(linkset, VOID + "triples", _integer(stats.linksets[key]))


def _distributions(g: _Graph, dataset: ox.NamedNode, doc: str, base: str) -> None:
    endpoint = base + "sparql"
    service = ox.NamedNode(doc + "#sparql-service")
    g.add(service, RDF_TYPE, DCAT + "DataService")
    g.add(service, DCTERMS + "title", _en("SPARQL 1.1 endpoint"))
    g.add(service, DCAT + "endpointURL", endpoint)
    g.add(service, DCAT + "endpointDescription", endpoint)
    g.add(service, DCAT + "servesDataset", dataset)
    g.add(service, DCTERMS + "conformsTo", SPARQL_PROTOCOL)
    g.add(service, DCTERMS + "license", LICENSE)
    sparql = ox.NamedNode(doc + "#distribution-sparql")
    g.add(dataset, DCAT + "distribution", sparql)
    g.add(sparql, RDF_TYPE, DCAT + "Distribution")
    g.add(sparql, DCTERMS + "title", _en("SPARQL endpoint"))
    g.add(sparql, DCAT + "accessURL", endpoint)
    g.add(sparql, DCAT + "accessService", service)
    g.add(sparql, DCTERMS + "license", LICENSE)
    for index, path in enumerate(DUMPS):
        url = base + path
        dist = ox.NamedNode(f"{doc}#distribution-dump-{index}")
        gzipped = path.endswith(".gz")
        g.add(dataset, VOID + "dataDump", url)
        g.add(dataset, DCAT + "distribution", dist)
        g.add(dist, RDF_TYPE, DCAT + "Distribution")
        g.add(dist, DCTERMS + "title", _en("Full dump, N-Quads" + (", gzip" if gzipped else "")))
        g.add(dist, DCAT + "downloadURL", url)
        g.add(dist, DCAT + "accessURL", url)
        g.add(dist, DCAT + "mediaType", IANA + "application/n-quads")
        if gzipped:
            g.add(dist, DCAT + "compressFormat", IANA + "application/gzip")
        g.add(dist, DCTERMS + "format", NQUADS_FORMAT)
        g.add(dist, DCTERMS + "license", LICENSE)


def _grouped(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The triples grouped by subject (first appearance order), so Turtle writes each once."""
    order: dict[Node, int] = {}
    for triple in triples:
        order.setdefault(triple.subject, len(order))
    return sorted(triples, key=lambda t: order[t.subject])


def serialize(triples: list[ox.Triple], media_type: str) -> bytes:
    """The description in an RDF graph format of :data:`borderkg.conneg.GRAPH_TYPES`."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None or media_type not in conneg.GRAPH_TYPES:
        raise ValueError(f"not an RDF graph media type: {media_type}")
    plain = fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS, ox.RdfFormat.JSON_LD)
    return ox.serialize(triples, format=fmt, prefixes=None if plain else DESCRIPTION_PREFIXES)

"""Reading a Graph Store Protocol payload: one RDF graph in a graph format, parsed by pyoxigraph.

A graph write carries one graph: Turtle, N-Triples, RDF/XML or JSON-LD. Dataset formats
(TriG, N-Quads) are refused with a message saying what to send instead, as is a JSON-LD
document that puts triples in named graphs. Blank nodes get fresh labels, so a document's
``_:b0`` never merges with a stored node (an RDF merge keeps them apart).
"""

from __future__ import annotations

import pyoxigraph as ox

from borderkg import deepstack
from borderkg.writeerrors import PayloadSyntaxError, UnsupportedPayload

#: Media types of graph payloads and the pyoxigraph format each is read with.
GRAPH_MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
#: Dataset media types, refused for a single graph.
DATASET_MEDIA_TYPES = ("application/trig", "application/n-quads", "text/x-nquads")


def payload_format(media_type: str | None) -> ox.RdfFormat:
    """The format to read a payload of ``media_type`` (a Content-Type value) with.

    Raises :class:`UnsupportedPayload` for a missing, dataset or unknown media type, or a
    charset other than UTF-8.
    """
    accepted = ", ".join(GRAPH_MEDIA_TYPES)
    if not media_type or not media_type.strip():
        raise UnsupportedPayload(f"The payload has no Content-Type; send one of: {accepted}.")
    essence, *params = (part.strip() for part in media_type.split(";"))
    essence = essence.lower()
    for param in params:
        name, _, value = param.partition("=")
        charset = value.strip().strip('"').lower()
        if name.strip().lower() == "charset" and charset not in ("utf-8", "utf8"):
            raise UnsupportedPayload(
                f"The payload's charset is {charset}: RDF payloads must be UTF-8."
            )
    if essence in DATASET_MEDIA_TYPES:
        raise UnsupportedPayload(
            f"{essence} holds a dataset (named graphs), but a Graph Store Protocol write "
            f"carries one graph: send it in one of {accepted}; to change several graphs "
            "at once, use SPARQL Update at /update."
        )
    try:
        return GRAPH_MEDIA_TYPES[essence]
    except KeyError:
        raise UnsupportedPayload(
            f"Cannot read a payload of type {essence}: send one of {accepted}."
        ) from None


def _quads(payload: bytes, fmt: ox.RdfFormat, base_iri: str | None) -> list[ox.Quad]:
    return list(ox.parse(payload, fmt, base_iri=base_iri))


def parse_graph(payload: bytes, media_type: str | None, base_iri: str | None) -> list[ox.Triple]:
    """The triples of a graph payload, blank nodes relabelled fresh.

    ``base_iri`` resolves relative IRIs (the graph's IRI, by the protocol). Raises
    :class:`PayloadSyntaxError` with the line and column of a parse error (when the parser
    gives them) and :class:`UnsupportedPayload` as :func:`payload_format` does.
    """
    fmt = payload_format(media_type)
    try:
        quads = deepstack.call(_quads, payload, fmt, base_iri)
    except SyntaxError as exc:
        line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)
        raise PayloadSyntaxError(
            f"The {fmt.name} payload does not parse: {exc.msg}", line, column
        ) from None
    except ValueError as exc:
        raise PayloadSyntaxError(f"The {fmt.name} payload does not parse: {exc}") from None
    named = {str(q.graph_name) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    if named:
        raise UnsupportedPayload(
            f"The payload puts triples in named graphs ({', '.join(sorted(named)[:3])}), but a "
            "graph write carries one graph: send the triples without graph names, or use "
            "SPARQL Update at /update to change several graphs."
        )
    labels: dict[ox.BlankNode, ox.BlankNode] = {}
    return [_fresh(q.triple, labels) for q in quads]


def _fresh(triple: ox.Triple, labels: dict[ox.BlankNode, ox.BlankNode]) -> ox.Triple:
    def term(node: object) -> object:
        if isinstance(node, ox.BlankNode):
            if node not in labels:
                labels[node] = ox.BlankNode()
            return labels[node]
        if isinstance(node, ox.Triple):
            return _fresh(node, labels)
        return node

    return ox.Triple(term(triple.subject), triple.predicate, term(triple.object))  # type: ignore[arg-type]

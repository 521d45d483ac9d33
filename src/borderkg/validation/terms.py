"""RDF terms and shape nodes as the report writes them, the same for both engines.

Every term is written in N-Triples form through pyoxigraph, whichever library produced it, so a
value found by the SPARQL engine and the same value in a pyshacl report compare equal. Shape
nodes, paths, severities, names and messages are read from the shapes graph by the functions
here, so both engines describe a shape identically.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from borderkg.oxterms import to_ox, to_rdflib  # noqa: F401  (re-exported for checks/evaluator)

#: Prefix of the IRIs blank-node shapes get while pyshacl runs (mapped back in its report).
SKOLEM_PREFIX = "urn:borderkg:validation:shape:"

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


def nt(term: Any) -> str:
    """The N-Triples form of an rdflib or pyoxigraph term (``<iri>``, ``"v"@en``, ``_:b``)."""
    return str(to_ox(term))


def focus_key(node: Any) -> str:
    """N-Triples of a focus node given as an IRI string, ``<iri>``/``_:b`` text, or a term.

    Literals are terms too: ``sh:targetNode "x"`` and ``sh:targetObjectsOf`` make them focus
    nodes. They are keyed in pyoxigraph's canonical form (``4.0`` is ``"4"^^xsd:decimal``),
    the form the store keeps and both engines report.
    """
    if isinstance(node, Literal | ox.Literal):
        from borderkg.validation.data import canonical

        return canonical(node)
    if isinstance(node, BNode | URIRef | ox.NamedNode | ox.BlankNode):
        return nt(node)
    if isinstance(node, str):
        return node if node.startswith(("<", "_:")) else f"<{node}>"
    raise TypeError(f"not a focus node: {node!r}")


def plain_strings(shapes: Graph) -> Graph:
    """``shapes`` with every ``"…"^^xsd:string`` literal written as the plain literal it is.

    In RDF 1.1 the two are one term, but rdflib keeps them apart, so a shape saying
    ``sh:in ("A"^^xsd:string)`` or ``sh:hasValue "A"^^xsd:string`` would reject the data's
    plain ``"A"``. The graph itself is returned when it has no such literal.
    """
    if not any(_typed_string(o) for o in shapes.objects()):
        return shapes
    graph = Graph()
    for prefix, namespace in shapes.namespaces():
        graph.bind(prefix, namespace, override=True)
    for s, p, o in shapes:
        graph.add((s, p, Literal(str(o)) if _typed_string(o) else o))
    return graph


def _typed_string(term: Node) -> bool:
    return isinstance(term, Literal) and term.datatype == XSD.string


def message_text(term: Any) -> str:
    """A term as rdflib's ``str()`` gives it: what SPARQL messages substitute for ``{?var}``."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)


def severity_name(node: Node | None) -> str:
    """``Violation``, ``Warning`` or ``Info``, or a custom severity's full IRI.

    SHACL lets ``sh:severity`` be any IRI and reports it unchanged; the report model ranks
    such a severity with Violation (``borderkg.validation.report.severity_rank``).
    """
    if node is None:
        return "Violation"
    return _SEVERITIES.get(node, str(node))


def messages_of(literals: Any) -> str:
    """One message from a set of message literals: their texts, sorted, one per line."""
    return "\n".join(sorted({str(m) for m in literals}))


# --- property paths -------------------------------------------------------------------------


def _wrapped(graph: Graph, node: Node) -> str:
    text = path_text(graph, node)
    if isinstance(node, URIRef) or (
        graph.value(node, SH.inversePath) is not None
        and isinstance(graph.value(node, SH.inversePath), URIRef)
    ):
        return text
    return f"({text})"


def path_text(graph: Graph, node: Node) -> str:
    """The SPARQL property-path text of a SHACL path node (``<p>``, ``^<p>``, ``<a>/<b>`` …)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _wrapped(graph, inverse)
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_wrapped(graph, p) for p in Collection(graph, alternatives))
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(node, predicate)
        if inner is not None:
            return _wrapped(graph, inner) + suffix
    if graph.value(node, RDF.first) is not None:
        return "/".join(_wrapped(graph, p) for p in Collection(graph, node))
    raise ValueError(f"not a SHACL property path: {node!r}")


# --- shape identity and names ---------------------------------------------------------------


def _describe(graph: Graph, node: Node, depth: int, seen: frozenset) -> str:
    """A canonical text of a blank node's outgoing triples, nested blank nodes inlined."""
    if not isinstance(node, BNode):
        return nt(node)
    if depth > 12 or node in seen:
        return "_"
    parts = sorted(
        f"{nt(p)} {_describe(graph, o, depth + 1, seen | {node})}"
        for p, o in graph.predicate_objects(node)
    )
    return "[" + " ; ".join(parts) + "]"


def shape_id(graph: Graph, node: Node) -> str:
    """The report's name of a shape: its IRI, or for a blank node a hash of its description.

    The hash covers the shape's own triples (nested blank nodes inlined) and the shapes that
    point to it, so the same shapes graph gives the same id in every run and engine.
    """
    if isinstance(node, URIRef):
        if node.startswith(SKOLEM_PREFIX):
            return "_:" + node[len(SKOLEM_PREFIX) :]
        return str(node)
    return "_:" + _blank_shape_key(graph, node)


def _blank_shape_key(graph: Graph, node: Node) -> str:
    referrers = sorted(
        f"{_describe(graph, s, 0, frozenset())} {nt(p)}" for s, p in graph.subject_predicates(node)
    )
    text = _describe(graph, node, 0, frozenset()) + "|" + "|".join(referrers)
    return "shape-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def skolem_iri(graph: Graph, node: BNode) -> URIRef:
    """The IRI a blank-node shape gets for pyshacl, mapped back by :func:`shape_id`."""
    return URIRef(SKOLEM_PREFIX + _blank_shape_key(graph, node))


def _pick_name(names: list[Node]) -> str | None:
    if not names:
        return None
    preferred = [n for n in names if not isinstance(n, Literal) or n.language in (None, "en")]
    return sorted(str(n) for n in (preferred or names))[0]


def shape_name(graph: Graph, node: Node) -> str | None:
    """``sh:name`` of a shape or, for a property shape without one, of a node shape using it."""
    own = _pick_name(list(graph.objects(node, SH.name)))
    if own is not None:
        return own
    parents = sorted(graph.subjects(SH.property, node), key=lambda n: shape_id(graph, n))
    for parent in parents:
        name = _pick_name(list(graph.objects(parent, SH.name)))
        if name is not None:
            return name
    return None

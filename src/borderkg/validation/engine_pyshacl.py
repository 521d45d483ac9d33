"""The reference engine: pyshacl, no inference, on an rdflib Dataset of the data.

pyshacl runs on a Dataset (named graphs kept, default graph = union) built from the store or
copied from rdflib input, with the ontology, schemes and vocabulary graphs present, as
shapes/README.md asks. It is not handed the pyoxigraph store itself: pyshacl then sees plain
literals as ``xsd:string`` (false ``sh:in`` results) and crashes on some nested shapes.

Blank-node shapes get a temporary IRI while pyshacl runs so its report names them the same
way the SPARQL engine does (``borderkg.validation.terms.shape_id``). ``focus_nodes`` keeps the
results of a full run whose focus node is listed — pyshacl's own ``focus_nodes`` option also
skips nested shapes on values outside the list, which changes results.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from borderkg.validation.data import article_graph_finder, canonical, to_dataset
from borderkg.validation.report import ValidationReport, ValidationResult
from borderkg.validation.terms import (
    focus_key,
    messages_of,
    path_text,
    plain_strings,
    severity_name,
    shape_id,
    shape_name,
    skolem_iri,
)

ENGINE = "pyshacl"

_SHAPE_LINKS = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def default_shapes() -> Graph:
    """The project shapes graph."""
    from borderkg.shapes import shapes_graph

    return shapes_graph()


def shape_nodes(shapes: Graph) -> set[Node]:
    """Every node the shapes graph uses as a shape (declared, targeted or referenced)."""
    found: set[Node] = set(shapes.subjects(RDF.type, SH.NodeShape))
    found |= set(shapes.subjects(RDF.type, SH.PropertyShape))
    for predicate in _TARGETS:
        found |= set(shapes.subjects(predicate, None))
    for predicate in _SHAPE_LINKS:
        found |= set(shapes.objects(None, predicate))
    for predicate in _SHAPE_LISTS:
        for head in shapes.objects(None, predicate):
            found |= set(shapes.items(head))
    return found


def skolemized(shapes: Graph) -> tuple[Graph, dict[URIRef, BNode]]:
    """A copy of ``shapes`` with blank-node shapes renamed to IRIs, and the renaming."""
    renamed = {
        node: skolem_iri(shapes, node) for node in shape_nodes(shapes) if isinstance(node, BNode)
    }
    if not renamed:
        return shapes, {}
    graph = Graph()
    for prefix, namespace in shapes.namespaces():
        graph.bind(prefix, namespace, override=True)
    for s, p, o in shapes:
        graph.add((renamed.get(s, s), p, renamed.get(o, o)))
    return graph, {iri: node for node, iri in renamed.items()}


def _focus_filter(focus_nodes: Iterable[Any] | None) -> set[str] | None:
    if focus_nodes is None:
        return None
    return {focus_key(n) for n in focus_nodes}


def report_results(
    report: Graph,
    shapes: Graph,
    renamed: dict[URIRef, BNode],
    graph_of: Any,
) -> list[ValidationResult]:
    """The results of a pyshacl report graph as :class:`ValidationResult`\\ s."""
    results = []
    for top in report.subjects(RDF.type, SH.ValidationReport):
        for node in report.objects(top, SH.result):
            source = report.value(node, SH.sourceShape)
            original = renamed.get(source, source)
            focus = canonical(report.value(node, SH.focusNode))
            path = report.value(node, SH.resultPath)
            value = report.value(node, SH.value)
            component = report.value(node, SH.sourceConstraintComponent)
            if value is None and path is None and component == SH.HasValueConstraintComponent:
                # pyshacl names no value for a node shape's sh:hasValue; its value node is the
                # focus node (SHACL 2.3.2), which the SPARQL engine and the W3C suite report.
                value = report.value(node, SH.focusNode)
            results.append(
                ValidationResult(
                    severity=severity_name(report.value(node, SH.resultSeverity)),
                    focus_node=focus,
                    path=path_text(report, path) if path is not None else None,
                    value=canonical(value) if value is not None else None,
                    constraint_component=str(component),
                    source_shape=shape_id(shapes, original),
                    message=messages_of(report.objects(node, SH.resultMessage)),
                    shape_name=shape_name(shapes, original),
                    graph=graph_of(focus),
                )
            )
    return results


def only_roots(shapes: Graph, roots: Iterable[Node]) -> Graph:
    """A copy of ``shapes`` in which only ``roots`` keep their targets.

    Every shape stays defined (so ``sh:property``, ``sh:closed`` … see them all, which
    pyshacl's ``use_shapes`` option does not), but only the roots are applied.
    """
    keep = set(roots)
    classes = {RDFS.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}
    graph = Graph()
    for prefix, namespace in shapes.namespaces():
        graph.bind(prefix, namespace, override=True)
    for s, p, o in shapes:
        if s in keep:
            graph.add((s, p, o))
        elif p in _TARGETS or (p == RDF.type and o in classes and s in shape_nodes(shapes)):
            continue
        else:
            graph.add((s, p, o))
    return graph


def run_pyshacl(
    dataset: Any,
    shapes: Graph,
    *,
    roots: Iterable[Node] | None = None,
) -> list[ValidationResult]:
    """Run pyshacl on a prepared Dataset (modified in place) and convert its report.

    ``roots``: apply only these shapes (and what they reach); all shapes by default.
    """
    shapes = plain_strings(shapes)
    applied = shapes if roots is None else only_roots(shapes, roots)
    graph, renamed = skolemized(applied)
    from pyshacl import validate as pyshacl_validate  # ~0.5 s to import: only when run

    _conforms, report, _text = pyshacl_validate(
        dataset, shacl_graph=graph, inference="none", advanced=True, inplace=True
    )
    assert isinstance(report, Graph)
    return report_results(report, shapes, renamed, article_graph_finder(dataset))


def validate_pyshacl(
    data: Any,
    *,
    shapes: Graph | None = None,
    focus_nodes: Iterable[Any] | None = None,
    background: bool = True,
) -> ValidationReport:
    """Validate ``data`` with pyshacl; see :func:`borderkg.validation.validate`."""
    started = time.perf_counter()
    shapes = shapes if shapes is not None else default_shapes()
    dataset = to_dataset(data, background=background)
    results = run_pyshacl(dataset, shapes)
    wanted = _focus_filter(focus_nodes)
    if wanted is not None:
        results = [r for r in results if r.focus_node in wanted]
    engines = {shape_id(shapes, node): ENGINE for node in shape_nodes(shapes)}
    return ValidationReport(
        results=results,
        engine=ENGINE,
        seconds=time.perf_counter() - started,
        shape_engines=engines,
    )

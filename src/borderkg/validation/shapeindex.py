"""What each compiled shape looks at, for the gate to skip what cannot apply to a batch.

Targets (a shape applies to a batch only if a batch node has a targeted class or predicate),
the predicates along property paths (value-only plans need a node with such a value), which
shapes react to links *to* a node (inverse paths, ``targetObjectsOf``, SPARQL reading ``$this``
as an object or by graph), and the predicates value checks read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from borderkg.validation.engine_sparql import CompiledShapes
from borderkg.validation.gatenodes import ADMIN_PARENT, SUBCLASS, TYPE
from borderkg.validation.sparqltext import blank_out

#: Plan kinds whose rows all come from values along the shape's path.
VALUE_KINDS = ("values", "pair", "unique_lang")


def path_predicates(shape: Any) -> tuple[set[str], set[str]] | None:
    """(predicates followed forwards, backwards) by a property shape's path of plain steps.

    ``None`` for node shapes and for paths with sequences or repetition (never skipped).
    """
    if not shape.is_property:
        return None
    forward: set[str] = set()
    backward: set[str] = set()
    for step in (shape.path_sparql or "").split("|"):
        if re.fullmatch(r"<[^<>]+>", step):
            forward.add(step)
        elif re.fullmatch(r"\^<[^<>]+>", step):
            backward.add(step[1:])
        else:
            return None
    return forward, backward


def has_path(
    predicates: tuple[set[str], set[str]] | None, outgoing: set[str], incoming: set[str]
) -> bool:
    """Whether a focus node may have values along a path (always, for unknown paths)."""
    if predicates is None:
        return True
    forward, backward = predicates
    return bool(forward & outgoing or backward & incoming)


def target_index(compiled: CompiledShapes) -> dict[Node, tuple[set[str], ...]]:
    """Per compiled shape: (classes, subjectsOf, objectsOf, nodes) of it and its parents."""
    model = compiled.model
    index = {}
    for shape, _plans in compiled.plans:
        found: tuple[set[str], ...] = (set(), set(), set(), set())
        todo, seen = [shape], set()
        while todo:
            current = todo.pop()
            if current.node in seen:
                continue
            seen.add(current.node)
            targets = model.targets(current)
            for slot, kind in enumerate(("class", "subjectsOf", "objectsOf", "node")):
                found[slot].update(f"<{t}>" for t in targets[kind] if isinstance(t, URIRef))
            todo.extend(model.parents(current))
        index[shape.node] = found
    return index


_THIS = re.compile(r"[?$]this\b")
_NOT_A_PREDICATE = {"SELECT", "DISTINCT", "REDUCED", "!=", "=", "<", ">", "<=", ">=", "&&", "||"}


def _reads_incoming(query: str) -> bool:
    """Whether a query may use ``$this`` as the object of a triple pattern, or uses GRAPH."""
    text = blank_out(query)
    if re.search(r"\bGRAPH\b", text, re.I):
        return True
    for match in _THIS.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or before[-1] in "{}(,.;":
            continue
        if before.split()[-1].upper() not in _NOT_A_PREDICATE:
            return True
    return False


def incoming_sensitive(compiled: CompiledShapes) -> set[Node]:
    """Compiled shapes whose results on a node can change when a link *to* it is added."""
    model = compiled.model
    found = set()
    for shape, plans in compiled.plans:
        sensitive = "^" in (shape.path_sparql or "")
        todo, seen = [shape], set()
        while todo:
            current = todo.pop()
            if current.node in seen:
                continue
            seen.add(current.node)
            sensitive = sensitive or bool(model.targets(current)["objectsOf"])
            for parent in model.parents(current):
                sensitive = sensitive or parent.is_property
                todo.append(parent)
        queries = [p.build("") for p in plans if p.kind in ("sparql", "custom")]
        if sensitive or any(_reads_incoming(q) for q in queries):
            found.add(shape.node)
    return found


def nested_shapes(compiled: CompiledShapes) -> list[Node]:
    """Shapes checked on value nodes: sh:node, sh:not, sh:qualifiedValueShape, list members."""
    graph = compiled.model.graph
    found: list[Node] = []
    for predicate in (SH.node, SH["not"], SH.qualifiedValueShape):
        found.extend(graph.objects(None, predicate))
    for predicate in (SH["and"], SH["or"], SH.xone):
        for head in graph.objects(None, predicate):
            found.extend(graph.items(head))
    return found


def queries(compiled: CompiledShapes) -> list[tuple[str, dict[str, str]]]:
    """The text of every SPARQL-based plan, with every prefix the shapes graph declares."""
    graph = compiled.model.graph
    prefixes = {
        str(graph.value(d, SH.prefix)): str(graph.value(d, SH.namespace))
        for d in graph.objects(None, SH.declare)
        if graph.value(d, SH.prefix) is not None
    }
    return [
        (plan.build(""), prefixes)
        for _shape, plans in compiled.plans
        for plan in plans
        if plan.kind in ("sparql", "custom")
    ]


def _value_shapes(compiled: CompiledShapes) -> set[Node]:
    """Shapes evaluated on value nodes: nested shapes and every shape they apply."""
    graph = compiled.model.graph
    todo, seen = list(nested_shapes(compiled)), set()
    while todo:
        shape = todo.pop()
        if shape in seen:
            continue
        seen.add(shape)
        for predicate in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
            todo.extend(graph.objects(shape, predicate))
        for predicate in (SH["and"], SH["or"], SH.xone):
            for head in graph.objects(shape, predicate):
                todo.extend(graph.items(head))
    return seen


def _path_iris(graph: Any, node: Any, depth: int = 0) -> set[str]:
    """Every property IRI inside a SHACL path."""
    if isinstance(node, URIRef):
        return set() if node == RDF.nil else {str(node)}
    found: set[str] = set()
    if depth <= 8:
        for _p, inner in graph.predicate_objects(node):
            found |= _path_iris(graph, inner, depth + 1)
    return found


def _inverse_steps(graph: Any, path: Any, depth: int = 0) -> tuple[set[str], bool]:
    """(predicates a SHACL path may follow backwards, whether only from the focus node itself).

    The second is true for ``^p`` and alternatives of plain and inverse steps; a sequence or
    repetition may follow the inverse step from other nodes.
    """
    if path is None or isinstance(path, URIRef):
        return set(), True
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        if isinstance(inverse, URIRef):
            return {str(inverse)}, True
        return _path_iris(graph, inverse), False
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None and depth <= 8:
        found: set[str] = set()
        direct = True
        for item in graph.items(alternatives):
            steps, first = _inverse_steps(graph, item, depth + 1)
            found |= steps
            direct = direct and first
        return found, direct
    found = set()
    for holder in _path_nodes_with_inverse(graph, path):
        found |= _path_iris(graph, graph.value(holder, SH.inversePath))
    return found, False


def _path_nodes_with_inverse(graph: Any, node: Any, depth: int = 0) -> list[Any]:
    if isinstance(node, URIRef) or depth > 8:
        return []
    found = [node] if graph.value(node, SH.inversePath) is not None else []
    for _p, inner in graph.predicate_objects(node):
        found.extend(_path_nodes_with_inverse(graph, inner, depth + 1))
    return found


def inverse_everywhere(compiled: CompiledShapes, whole_classes: set[str]) -> set[str]:
    """Predicates of inverse paths that may be followed to *any* node.

    An inverse path read only on instances of ``whole_classes`` (N-Triples), by a shape applied
    to its own targets, needs no incoming links beyond the ones read for those instances
    (all of them); the others are read for every node of a batch.
    """
    model = compiled.model
    on_values = _value_shapes(compiled)
    found: set[str] = set()
    for node, shape in model.shapes.items():
        steps, direct = _inverse_steps(model.graph, shape.path)
        if not steps:
            continue
        whole_only = direct and node not in on_values
        todo, seen = [shape], set()
        classes: set[str] = set()
        while todo and whole_only:
            current = todo.pop()
            if current.node in seen:
                continue
            seen.add(current.node)
            targets = model.targets(current)
            classes.update(f"<{t}>" for t in targets["class"])
            if targets["subjectsOf"] or targets["objectsOf"] or targets["node"]:
                whole_only = False
            parents = model.parents(current)
            if any(p.is_property for p in parents):
                whole_only = False
            todo.extend(parents)
        if not (whole_only and classes and classes <= whole_classes):
            found |= steps
    return found


_IRI = re.compile(r"<([^<>\s]+)>")
_PREFIXED = re.compile(r"(?<![\w?$<])([A-Za-z][\w-]*)?:([A-Za-z_][\w-]*)")


def value_predicates(
    shapes: Graph, nested: Iterable[object], queries: Iterable[tuple[str, dict[str, str]]]
) -> set[ox.NamedNode]:
    """Predicates the constraints may read about a *value* node.

    rdf:type and rdfs:subClassOf (class checks), bkg:adminParent (the cycle rule), the paths
    of the shapes checked on values (``nested``: sh:node, sh:or … members and their property
    shapes), and every IRI the SPARQL constraints name (``queries``: (text, prefixes) pairs).
    """
    found = {TYPE, SUBCLASS, ADMIN_PARENT}
    todo, seen = list(nested), set()
    while todo:
        shape = todo.pop()
        if shape in seen:
            continue
        seen.add(shape)
        for path in shapes.objects(shape, SH.path):
            found.update(ox.NamedNode(str(n)) for n in _path_nodes(shapes, path))
        for predicate in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
            todo.extend(shapes.objects(shape, predicate))
        for predicate in (SH["and"], SH["or"], SH.xone):
            for head in shapes.objects(shape, predicate):
                todo.extend(shapes.items(head))
    for text, prefixes in queries:
        for iri in _IRI.findall(text):
            found.add(ox.NamedNode(iri))
        for prefix, local in _PREFIXED.findall(text):
            if prefix in prefixes:
                found.add(ox.NamedNode(prefixes[prefix] + local))
    return found


def _path_nodes(shapes: Graph, path: object, depth: int = 0) -> Iterator[URIRef]:
    if isinstance(path, URIRef):
        yield path
    elif depth < 8:
        for _p, inner in shapes.predicate_objects(path):
            if isinstance(inner, URIRef) and inner != RDF.nil:
                yield inner
            else:
                yield from _path_nodes(shapes, inner, depth + 1)

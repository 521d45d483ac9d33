"""The shapes graph read into plain objects the SPARQL compiler works from.

A :class:`Shape` holds what pyshacl reads from a shape node: path, severity, messages, targets,
deactivation, and its constraint parameters. :class:`ShapesModel` finds every shape, the custom
SPARQL-based constraint components, the shapes each property shape is applied from
(``sh:property`` parents) and the shapes that have targets of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from borderkg.validation.engine_pyshacl import shape_nodes
from borderkg.validation.terms import path_text, severity_name, shape_id, shape_name

#: The SHACL Core parameters the compiler translates, plus sh:sparql.
CORE = {
    SH[name]
    for name in (
        "class",
        "datatype",
        "nodeKind",
        "minCount",
        "maxCount",
        "minExclusive",
        "minInclusive",
        "maxExclusive",
        "maxInclusive",
        "minLength",
        "maxLength",
        "pattern",
        "flags",
        "languageIn",
        "uniqueLang",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "not",
        "and",
        "or",
        "xone",
        "node",
        "property",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
        "hasValue",
        "in",
        "sparql",
    )
}
#: Core parameters the compiler hands to pyshacl.
UNSUPPORTED = {SH.closed, SH.ignoredProperties, SH.target, SH.expression, SH.js, SH.rule}
#: Parameters that produce no result of their own (sh:property results belong to the child).
SILENT = {SH.flags, SH.property, SH.qualifiedValueShapesDisjoint, SH.ignoredProperties}


@dataclass
class CustomComponent:
    """A SPARQL-based constraint component: its parameters and SELECT validators."""

    node: Node
    parameters: dict[URIRef, bool]  # parameter path -> optional
    property_validator: Node | None
    node_validator: Node | None
    ask_validator: Node | None

    def variable(self, path: URIRef) -> str:
        """The query variable a parameter is pre-bound to: the local name of its path."""
        text = str(path)
        return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class Shape:
    """One shape as pyshacl reads it."""

    node: Node
    id: str
    name: str | None
    is_property: bool
    path: Node | None
    path_sparql: str | None
    severity: str
    messages: list[Literal]
    deactivated: bool
    params: dict[URIRef, list[Node]] = field(default_factory=dict)
    components: list[CustomComponent] = field(default_factory=list)

    def value(self, parameter: URIRef) -> Node | None:
        """The single value of a parameter (the first, as pyshacl takes it), or ``None``."""
        values = self.params.get(parameter)
        return values[0] if values else None

    @property
    def reports(self) -> bool:
        """Whether the shape has a constraint that reports results under its own name."""
        return bool(self.components) or any(p not in SILENT for p in self.params)


class ShapesModel:
    """Every shape of a shapes graph, with their parents and custom components."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._targets: dict[Node, dict[str, list[Node]]] = {}
        self.components = self._components()
        custom_params = {p for c in self.components for p in c.parameters}
        self.shapes: dict[Node, Shape] = {}
        for node in shape_nodes(graph):
            self.shapes[node] = self._shape(node, custom_params)

    def _components(self) -> list[CustomComponent]:
        g = self.graph
        found = []
        for node in instances(g, SH.ConstraintComponent):
            params = {}
            for parameter in g.objects(node, SH.parameter):
                path = g.value(parameter, SH.path)
                optional = g.value(parameter, SH.optional)
                if isinstance(path, URIRef):
                    params[path] = bool(optional.toPython()) if optional is not None else False
            found.append(
                CustomComponent(
                    node=node,
                    parameters=params,
                    property_validator=g.value(node, SH.propertyValidator),
                    node_validator=g.value(node, SH.nodeValidator),
                    ask_validator=g.value(node, SH.validator),
                )
            )
        return found

    def _shape(self, node: Node, custom_params: set[URIRef]) -> Shape:
        g = self.graph
        path = g.value(node, SH.path)
        deactivated = g.value(node, SH.deactivated)
        params: dict[URIRef, list[Node]] = {}
        for predicate, obj in g.predicate_objects(node):
            if predicate in CORE or predicate in UNSUPPORTED or predicate in custom_params:
                params.setdefault(predicate, []).append(obj)
        shape = Shape(
            node=node,
            id=shape_id(g, node),
            name=shape_name(g, node),
            is_property=path is not None,
            path=path,
            path_sparql=path_text(g, path) if path is not None else None,
            severity=severity_name(g.value(node, SH.severity)),
            messages=list(dict.fromkeys(g.objects(node, SH.message))),
            deactivated=bool(deactivated.toPython()) if isinstance(deactivated, Literal) else False,
            params=params,
        )
        for component in self.components:
            mandatory = [p for p, optional in component.parameters.items() if not optional]
            if mandatory and all(p in params for p in mandatory):
                shape.components.append(component)
        return shape

    # -- how shapes are applied ---------------------------------------------------------

    def targets(self, shape: Shape) -> dict[str, list[Node]]:
        """Target declarations of a shape, by kind (implicit class targets included)."""
        if shape.node not in self._targets:
            self._targets[shape.node] = self._find_targets(shape)
        return self._targets[shape.node]

    def _find_targets(self, shape: Shape) -> dict[str, list[Node]]:
        g = self.graph
        found = {
            "class": list(g.objects(shape.node, SH.targetClass)),
            "node": list(g.objects(shape.node, SH.targetNode)),
            "subjectsOf": list(g.objects(shape.node, SH.targetSubjectsOf)),
            "objectsOf": list(g.objects(shape.node, SH.targetObjectsOf)),
        }
        if self._is_class(shape.node):
            found["class"].append(shape.node)
        return found

    def _is_class(self, node: Node) -> bool:
        classes = {RDFS.Class, *self.graph.subjects(RDFS.subClassOf, RDFS.Class)}
        return any(t in classes for t in self.graph.objects(node, RDF.type))

    def has_targets(self, shape: Shape) -> bool:
        """Whether pyshacl validates the shape at top level (it declares a target)."""
        return any(self.targets(shape).values()) or SH.target in shape.params

    def parents(self, shape: Shape) -> list[Shape]:
        """Active shapes that apply ``shape`` through ``sh:property``."""
        return [
            self.shapes[p]
            for p in self.graph.subjects(SH.property, shape.node)
            if p in self.shapes and not self.shapes[p].deactivated
        ]

    def shape(self, node: Node) -> Shape:
        """The shape of a node (a shape referenced by sh:node, sh:or … members included)."""
        return self.shapes[node]

    def members(self, head: Node) -> list[Shape]:
        """The shapes of an RDF list (sh:and, sh:or, sh:xone)."""
        return [self.shapes[n] for n in self.graph.items(head)]

    @cached_property
    def applied(self) -> list[Shape]:
        """Shapes that report results: applied from targets or through sh:property parents."""
        reached: dict[Node, Shape] = {}
        todo = [s for s in self.shapes.values() if not s.deactivated and self.has_targets(s)]
        while todo:
            shape = todo.pop()
            if shape.node in reached:
                continue
            reached[shape.node] = shape
            for child in self.graph.objects(shape.node, SH.property):
                if child in self.shapes and not self.shapes[child].deactivated:
                    todo.append(self.shapes[child])
        return sorted(reached.values(), key=lambda s: s.id)

    def prefixes(self, node: Node) -> dict[str, str]:
        """The prefixes a SPARQL constraint or validator declares (:func:`declared_prefixes`)."""
        return declared_prefixes(self.graph, node)


def declared_prefixes(g: Graph, node: Node) -> dict[str, str]:
    """The prefixes a SPARQL constraint, validator or target declares, as pyshacl collects
    them: for each ``sh:prefixes`` value, its ``sh:declare``\\s and those of the ontologies
    it ``owl:imports`` (``sh:prefixes/owl:imports*/sh:declare``, SHACL 5.2.1), plus those
    of every ontology in the shapes graph unless the value is itself an ontology with
    declarations.
    """
    ontologies = set(g.subjects(RDF.type, OWL.Ontology))
    everywhere = {d for o in ontologies for d in g.objects(o, SH.declare)}
    found: dict[str, str] = {}
    for source in g.objects(node, SH.prefixes):
        own = {
            d for s in g.transitive_objects(source, OWL.imports) for d in g.objects(s, SH.declare)
        }
        declarations = own if (own and source in ontologies) else own | everywhere
        for declaration in declarations:
            prefix = g.value(declaration, SH.prefix)
            namespace = g.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                found[str(prefix)] = str(namespace)
    return found


def instances(g: Graph, cls: URIRef) -> list[Node]:
    """The SHACL instances of a class: its members and those of its subclasses."""
    classes = g.transitive_subjects(RDFS.subClassOf, cls)
    return list(dict.fromkeys(n for c in classes for n in g.subjects(RDF.type, c)))


def is_blank(node: Node) -> bool:
    """Whether a shapes-graph node is a blank node."""
    return isinstance(node, BNode)

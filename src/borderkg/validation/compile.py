"""Compiling shapes into SPARQL: focus-node patterns, constraint queries and conformance tests.

For every shape that reports results, :func:`compile_shape` builds a few queries over the union
default graph: value constraints of one shape share one query (one flag per constraint),
counts share a GROUP BY, and property pairs, SPARQL constraints and custom components get a
query each. Each query starts with the shape's *context* — the pattern binding ``?this`` to its
focus nodes: its targets (``rdf:type/rdfs:subClassOf*`` for classes), or the value nodes of the
shapes that apply it through ``sh:property`` — optionally cut down to given focus nodes with
``VALUES`` first, so a gate check touches only one article's nodes.

Nested shapes (``sh:node``, ``sh:or`` …) become a *certain-conformance* SPARQL expression; where
it cannot vouch for a value the row is decided by the Python evaluator (``evaluator.py``).
A shape using something this module cannot translate raises :class:`Unsupported` and is run
by pyshacl instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from borderkg.validation import checks
from borderkg.validation.model import UNSUPPORTED, CustomComponent, Shape, ShapesModel
from borderkg.validation.sparqltext import (
    SelectQuery,
    UnsupportedQuery,
    ask_as_select,
    mentions,
    prepare_select,
)
from borderkg.validation.terms import nt

_TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_NESTED = (SH.node, SH["or"], SH["and"], SH.xone, SH["not"])
_COMPONENTS = {
    SH.node: SH.NodeConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
}
GENERIC_CUSTOM_MESSAGE = "Parameterised SHACL Query generated constraint validation reports."


class Unsupported(ValueError):
    """The shape uses something the compiler does not translate; pyshacl runs it."""


@dataclass
class Check:
    """A value check of a shape: a core constraint or a nested-shape constraint."""

    component: URIRef
    passes: Callable[[str], str]
    exact: bool
    value_check: checks.ValueCheck | None = None  # a core value constraint
    nested: tuple[Node, Node] | None = None  # (parameter, object) of sh:node, sh:or …


@dataclass
class Plan:
    """One query of a shape and how its rows become results."""

    shape: Shape
    kind: str  # values | counts | has_value | unique_lang | qualified | pair | sparql | custom
    build: Callable[[str], str]  # context text -> query text
    checks: list[Check] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


class Compiler:
    """Builds plans and conformance expressions for the shapes of one :class:`ShapesModel`."""

    def __init__(self, model: ShapesModel) -> None:
        self.model = model
        self._names = count()

    def fresh(self) -> str:
        """A new variable name, unique within every query this compiler builds."""
        return f"?_v{next(self._names)}"

    # -- contexts ---------------------------------------------------------------------------

    def context(self, shape: Shape, var: str, restrict: str | None, depth: int = 0) -> str:
        """A group pattern binding ``var`` to each focus node of ``shape`` once.

        ``restrict``: a VALUES list of focus nodes, or ``None`` (all).
        """
        alternatives = list(self._alternatives(shape, var, depth))
        if not alternatives:
            alternatives = ["FILTER(false)"]
        union = " UNION ".join("{ " + a + " }" for a in alternatives)
        head = f"VALUES {var} {{ {restrict} }} " if restrict is not None else ""
        return f"{{ SELECT DISTINCT {var} WHERE {{ {head}{union} }} }}"

    def target_pattern(self, shape: Shape, var: str) -> str:
        """A pattern binding ``var`` to the focus nodes of a shape's own targets only."""
        alternatives = list(self._target_alternatives(shape, var)) or ["FILTER(false)"]
        return " UNION ".join("{ " + a + " }" for a in alternatives)

    def _alternatives(self, shape: Shape, var: str, depth: int) -> Iterator[str]:
        if depth > 8:
            raise Unsupported("sh:property nesting too deep")
        yield from self._target_alternatives(shape, var)
        for parent in self.model.parents(shape):
            if parent.is_property:
                outer = self.fresh()
                yield (
                    f"{self.context(parent, outer, None, depth + 1)} "
                    f"{outer} {parent.path_sparql} {var} ."
                )
            else:
                yield from self._alternatives(parent, var, depth + 1)

    def _target_alternatives(self, shape: Shape, var: str) -> Iterator[str]:
        targets = self.model.targets(shape)
        for cls in targets["class"]:
            yield f"{var} {_TYPE_PATH} {nt(cls)} ."
        nodes = [n for n in targets["node"] if not isinstance(n, BNode)]
        if nodes:
            yield f"VALUES {var} {{ {' '.join(nt(n) for n in nodes)} }}"
        for predicate in targets["subjectsOf"]:
            yield f"{var} {nt(predicate)} [] ."
        for predicate in targets["objectsOf"]:
            yield f"[] {nt(predicate)} {var} ."

    # -- value checks and conformance --------------------------------------------------------

    def value_checks(self, shape: Shape) -> list[Check]:
        """Every value-node constraint of a shape, core and nested."""
        found: list[Check] = []
        params = shape.params

        def core(check: checks.ValueCheck) -> None:
            found.append(Check(check.component, check.passes, check.exact, value_check=check))

        if SH["class"] in params:
            for cls in params[SH["class"]]:  # one result per sh:class value, as SHACL has it
                core(checks.class_check([cls]))
        for datatype in params.get(SH.datatype, []):
            core(checks.datatype_check(datatype))
        for kind in params.get(SH.nodeKind, []):
            core(checks.node_kind_check(kind))
        for limit in params.get(SH.minLength, []):
            core(checks.length_check(limit, minimum=True))
        for limit in params.get(SH.maxLength, []):
            core(checks.length_check(limit, minimum=False))
        for pattern in params.get(SH.pattern, []):
            core(checks.pattern_check(pattern, shape.value(SH.flags)))
        for head in params.get(SH.languageIn, []):
            core(checks.language_in_check(list(self.model.graph.items(head))))
        for head in params.get(SH["in"], []):
            core(checks.in_check(list(self.model.graph.items(head))))
        for parameter in (SH.minInclusive, SH.minExclusive, SH.maxInclusive, SH.maxExclusive):
            for bound in params.get(parameter, []):
                if not isinstance(bound, Literal):
                    raise Unsupported(f"{parameter} needs a literal")
                core(checks.range_check(parameter, bound))
        for parameter in _NESTED:
            for obj in params.get(parameter, []):
                found.append(self._nested_check(parameter, obj))
        return found

    def _nested_check(self, parameter: Node, obj: Node) -> Check:
        def passes(v: str) -> str:
            return self.nested_passes(parameter, obj, v)[0]

        probe = self.nested_passes(parameter, obj, "?_probe")
        return Check(_COMPONENTS[parameter], passes, probe[1], nested=(parameter, obj))

    def nested_passes(
        self, parameter: Node, obj: Node, var: str, depth: int = 0
    ) -> tuple[str, bool]:
        """(SPARQL that certainly passes, whether exact) for sh:node/or/and/xone/not."""
        if parameter == SH.node:
            return self.conforms(self.model.shape(obj), var, depth + 1)
        if parameter == SH["not"]:
            inner, exact = self.conforms(self.model.shape(obj), var, depth + 1)
            return (f"!({inner})", True) if exact else ("false", False)
        members = [self.conforms(m, var, depth + 1) for m in self.model.members(obj)]
        exact = all(e for _t, e in members)
        tests = [f"COALESCE({t}, false)" for t, _e in members] or ["false"]
        if parameter == SH["or"]:
            return "(" + " || ".join(tests) + ")", exact
        if parameter == SH["and"]:
            return "(" + " && ".join(tests) + ")", exact
        if not exact:  # sh:xone
            return "false", False
        return "((" + " + ".join(f"IF({t}, 1, 0)" for t in tests) + ") = 1)", True

    def conforms(self, shape: Shape, var: str, depth: int = 0) -> tuple[str, bool]:
        """(SPARQL true only if ``var`` conforms to ``shape``, whether that is exact)."""
        if shape.deactivated:
            return "true", True
        if depth > 8:
            return "false", False
        self.require_evaluable(shape)
        parts: list[str] = []
        exact = True
        value = self.fresh() if shape.is_property else var
        value_tests: list[str] = []
        iris_only = SH.IRI in shape.params.get(SH.nodeKind, [])
        for check in self.value_checks(shape):
            if check.nested is not None:
                test, ok = self.nested_passes(*check.nested, value, depth)
            else:
                test, ok = check.passes(value), check.exact
                if iris_only and check.value_check is not None and check.value_check.iri_exact:
                    ok = True  # sh:nodeKind sh:IRI decides every other value exactly
            value_tests.append(f"COALESCE({test}, false)")
            exact = exact and ok
        for child in self.model.graph.objects(shape.node, SH.property):
            child_shape = self.model.shape(child)
            test, ok = self.conforms(child_shape, value, depth + 1)
            value_tests.append(f"COALESCE({test}, false)")
            exact = exact and ok
        if shape.is_property:
            path = shape.path_sparql
            if value_tests:
                parts.append(
                    f"NOT EXISTS {{ {var} {path} {value} FILTER(!({' && '.join(value_tests)})) }}"
                )
            count_test, ok = self._count_passes(shape, var)
            parts.extend(count_test)
            exact = exact and ok
        else:
            parts.extend(value_tests)
            if any(p in shape.params for p in _PROPERTY_ONLY):
                exact = False
                parts.append("false")
        if shape.params.get(SH.sparql) or shape.components:
            exact = False
            parts.append("false")
        return ("(" + " && ".join(parts) + ")" if parts else "true"), exact

    def _count_passes(self, shape: Shape, var: str) -> tuple[list[str], bool]:
        path, params, tests, exact = shape.path_sparql, shape.params, [], True
        for limit in params.get(SH.minCount, []):
            n = int(limit.toPython())
            if n == 1:
                tests.append(f"EXISTS {{ {var} {path} [] }}")
            elif n > 1:
                exact = False
                tests.append("false")
        for limit in params.get(SH.maxCount, []):
            if int(limit.toPython()) == 0:
                tests.append(f"NOT EXISTS {{ {var} {path} [] }}")
            else:
                exact = False
                tests.append("false")
        for value in params.get(SH.hasValue, []):
            if isinstance(value, URIRef):
                tests.append(f"EXISTS {{ {var} {path} {nt(value)} }}")
            else:
                exact = False
                tests.append("false")
        if any(str(v.toPython()).lower() == "true" for v in params.get(SH.uniqueLang, [])):
            a, b = self.fresh(), self.fresh()
            tests.append(
                f"NOT EXISTS {{ {var} {path} {a} . {var} {path} {b} "
                f'FILTER(!sameTerm({a}, {b}) && LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b}))) }}'
            )
        for other in params.get(SH.disjoint, []):
            a = self.fresh()
            tests.append(f"NOT EXISTS {{ {var} {path} {a} . {var} {nt(other)} {a} }}")
        for parameter in (SH.equals, SH.lessThan, SH.lessThanOrEquals, SH.qualifiedValueShape):
            if parameter in params:
                exact = False
                tests.append("false")
        return tests, exact

    def require_evaluable(self, shape: Shape) -> None:
        """Raise :class:`Unsupported` if a shape uses a feature neither SPARQL nor the evaluator has."""
        bad = [str(p) for p in shape.params if p in UNSUPPORTED]
        if bad:
            raise Unsupported(f"{shape.id} uses {', '.join(sorted(bad))}")
        if SH.qualifiedValueShapesDisjoint in shape.params and any(
            str(v).lower() == "true" for v in shape.params[SH.qualifiedValueShapesDisjoint]
        ):
            raise Unsupported(f"{shape.id} uses sh:qualifiedValueShapesDisjoint")
        if any(isinstance(n, BNode) for n in self.model.graph.objects(shape.node, SH.targetNode)):
            # VALUES cannot name a blank node; the context would drop the target.
            raise Unsupported(f"{shape.id} has a blank node as sh:targetNode")
        for component in shape.components:
            self.component_query(shape, component)
        for constraint in shape.params.get(SH.sparql, []):
            self.sparql_query(shape, constraint)

    # -- SPARQL-based constraints --------------------------------------------------------------

    def sparql_query(self, shape: Shape, constraint: Node) -> SelectQuery | None:
        """The prepared SELECT of a ``sh:sparql`` constraint (``None`` if deactivated)."""
        g = self.model.graph
        deactivated = g.value(constraint, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.toPython() is True:
            return None
        select = g.value(constraint, SH.select)
        if select is None:
            raise Unsupported(f"{shape.id}: a SPARQL constraint without sh:select")
        try:
            return prepare_select(
                str(select), path=shape.path_sparql, prefixes=self.model.prefixes(constraint)
            )
        except UnsupportedQuery as exc:
            raise Unsupported(f"{shape.id}: {exc}") from exc

    def component_query(
        self, shape: Shape, component: CustomComponent
    ) -> tuple[SelectQuery, bool, dict[str, Node]]:
        """(prepared validator SELECT, whether it mentions $value, parameter bindings).

        Without a SELECT validator for the shape's kind, the component's ``sh:validator``
        (an ASK query, true for a conforming value node) is run as the SELECT of the value
        nodes for which it is false (:func:`~borderkg.validation.sparqltext.ask_as_select`).
        """
        g = self.model.graph
        validator = component.property_validator if shape.is_property else component.node_validator
        ask = None
        if validator is None and component.ask_validator is not None:
            validator = component.ask_validator
            ask = g.value(validator, SH.ask)
        if validator is None:
            raise Unsupported(f"{shape.id}: {component.node} has no validator for it")
        if list(g.objects(validator, SH.message)):
            raise Unsupported(f"{shape.id}: validator messages of {component.node}")
        select = g.value(validator, SH.select)
        if select is None and ask is not None:
            try:
                select = Literal(ask_as_select(str(ask)))
            except UnsupportedQuery as exc:
                raise Unsupported(f"{shape.id}: {exc}") from exc
        if select is None:
            raise Unsupported(f"{shape.id}: {component.node} validator has no sh:select")
        bindings: dict[str, Node] = {}
        for parameter in component.parameters:
            values = shape.params.get(parameter, [])
            if len(values) > 1:
                raise Unsupported(f"{shape.id}: several values of {parameter}")
            if values:
                if isinstance(values[0], BNode):
                    raise Unsupported(f"{shape.id}: blank node value of {parameter}")
                bindings[component.variable(parameter)] = values[0]
        try:
            prepared = prepare_select(
                str(select), path=shape.path_sparql, prefixes=self.model.prefixes(validator)
            )
        except UnsupportedQuery as exc:
            raise Unsupported(f"{shape.id}: {exc}") from exc
        return prepared, ask is not None or mentions(str(select), "value"), bindings


# sh:node shapes with these have no path to count along; pyshacl counts the focus node.
_PROPERTY_ONLY = (
    SH.minCount,
    SH.maxCount,
    SH.hasValue,
    SH.uniqueLang,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.qualifiedValueShape,
)

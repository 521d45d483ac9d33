"""Deciding single nodes exactly as pyshacl does, for rows the SPARQL side could not vouch for.

The compiled queries return, besides certain results, rows where a value *might* fail: an
ill-typed literal, a lexical form rdflib writes differently, a value of a nested ``sh:or`` whose
members SPARQL cannot decide. :class:`Evaluator` settles each such row with pyshacl's own
semantics: value tests on the rdflib term (``checks.py``), and small pattern queries against
the store with the node substituted for ``?this`` (so blank nodes work too). It only ever
sees the handful of rows a query returns, never the whole store.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from borderkg.validation import checks
from borderkg.validation.compile import Check, Compiler, Plan
from borderkg.validation.model import Shape
from borderkg.validation.terms import nt, to_rdflib

_THIS = ox.Variable("this")


class Evaluator:
    """pyshacl's decisions for single nodes, over a pyoxigraph store."""

    def __init__(
        self, store: ox.Store, compiler: Compiler, options: dict[str, Any] | None = None
    ) -> None:
        self.store = store
        self.options = options if options is not None else {"use_default_graph_as_union": True}
        self.compiler = compiler
        self.model = compiler.model
        self._conforms: dict[tuple[Node, str], bool] = {}

    def _rows(self, query: str, node: ox.Term) -> list[ox.QuerySolution]:
        solutions = self.store.query(query, substitutions={_THIS: node}, **self.options)
        assert isinstance(solutions, ox.QuerySolutions)
        return list(solutions)

    def values(self, shape: Shape, node: ox.Term) -> list[ox.Term]:
        """The value nodes of a shape for a focus node (the node itself for a node shape)."""
        if not shape.is_property:
            return [node]
        if isinstance(node, ox.Literal):
            return []
        query = f"SELECT DISTINCT ?this ?v WHERE {{ ?this {shape.path_sparql} ?v }}"
        return [row["v"] for row in self._rows(query, node)]

    def objects(self, node: ox.Term, predicate: Node) -> list[ox.Term]:
        """Objects of one predicate (pyshacl's ``graph.objects(f, p)`` for property pairs)."""
        if isinstance(node, ox.Literal):
            return []
        quads = self.store.quads_for_pattern(node, ox.NamedNode(str(predicate)), None, None)
        return list(dict.fromkeys(q.object for q in quads))

    def is_instance(self, node: ox.Term, classes: list[Node]) -> bool:
        """Whether a node is an instance of every class (through rdfs:subClassOf*)."""
        if isinstance(node, ox.Literal):
            return False
        for cls in classes:
            query = f"SELECT ?this WHERE {{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* {nt(cls)} }} LIMIT 1"
            if not self._rows(query, node):
                return False
        return True

    # -- the verdicts the engine asks for -------------------------------------------------------

    def check_fails(self, check: Check, value: ox.Term) -> bool:
        """Whether a value fails a value check (core or nested)."""
        if check.nested is not None:
            return self.nested_fails(*check.nested, value)
        vc = check.value_check
        assert vc is not None
        if vc.needs_store:
            return not self.is_instance(value, vc.classes or [])
        assert vc.fails is not None
        return vc.fails(value, to_rdflib(value))

    def plan_fails(self, plan: Plan, first: ox.Term, second: Any) -> bool:
        """Verdict on a ``has_value`` row (focus, expected) or a ``pair`` row (value, other)."""
        if plan.kind == "has_value":
            expected = second
            if isinstance(expected, URIRef):
                return True
            found = {to_rdflib(v) for v in self.values(plan.shape, first)}
            return expected not in found
        return checks.pair_fails(to_rdflib(first), to_rdflib(second), strict=plan.extra["strict"])

    def nested_fails(self, parameter: Node, obj: Node, value: ox.Term) -> bool:
        """sh:node / sh:not / sh:or / sh:and / sh:xone for one value node."""
        if parameter == SH.node:
            return not self.conforms(self.model.shape(obj), value)
        if parameter == SH["not"]:
            return self.conforms(self.model.shape(obj), value)
        verdicts = [self.conforms(m, value) for m in self.model.members(obj)]
        if parameter == SH["or"]:
            return not any(verdicts)
        if parameter == SH["and"]:
            return not all(verdicts)
        return sum(verdicts) != 1

    def conforms(self, shape: Shape, node: ox.Term, depth: int = 0) -> bool:
        """Whether a node conforms to a shape: no result of any severity, as pyshacl decides."""
        key = (shape.node, str(node))
        if key not in self._conforms:
            self._conforms[key] = shape.deactivated or (
                depth < 16 and self._conforms_now(shape, node, depth)
            )
        return self._conforms[key]

    def _conforms_now(self, shape: Shape, node: ox.Term, depth: int) -> bool:
        values = self.values(shape, node)
        for check in self.compiler.value_checks(shape):
            if any(self.check_fails(check, v) for v in values):
                return False
        if not self._counts_hold(shape, values):
            return False
        if not self._pairs_hold(shape, node, values):
            return False
        for qualified in shape.params.get(SH.qualifiedValueShape, []):
            inner = self.model.shape(qualified)
            n = sum(1 for v in values if self.conforms(inner, v, depth + 1))
            low, high = shape.value(SH.qualifiedMinCount), shape.value(SH.qualifiedMaxCount)
            if (low is not None and n < int(low.toPython())) or (
                high is not None and n > int(high.toPython())
            ):
                return False
        for child in self.model.graph.objects(shape.node, SH.property):
            child_shape = self.model.shape(child)
            if any(not self.conforms(child_shape, v, depth + 1) for v in values):
                return False
        return self._queries_hold(shape, node, values)

    def _counts_hold(self, shape: Shape, values: list[ox.Term]) -> bool:
        params, n = shape.params, len(values)
        if any(n < int(v.toPython()) for v in params.get(SH.minCount, [])):
            return False
        if any(n > int(v.toPython()) for v in params.get(SH.maxCount, [])):
            return False
        found = {to_rdflib(v) for v in values}
        if any(expected not in found for expected in params.get(SH.hasValue, [])):
            return False
        if any(str(v.toPython()).lower() == "true" for v in params.get(SH.uniqueLang, [])):
            langs = [
                str(to_rdflib(v).language).lower()
                for v in values
                if isinstance(v, ox.Literal) and v.language
            ]
            if len(langs) != len(set(langs)):
                return False
        return True

    def _pairs_hold(self, shape: Shape, node: ox.Term, values: list[ox.Term]) -> bool:
        params = shape.params
        mine = {to_rdflib(v) for v in values}
        for other in params.get(SH.equals, []):
            if mine != {to_rdflib(o) for o in self.objects(node, other)}:
                return False
        for other in params.get(SH.disjoint, []):
            if mine & {to_rdflib(o) for o in self.objects(node, other)}:
                return False
        for parameter, strict in ((SH.lessThan, True), (SH.lessThanOrEquals, False)):
            for other in params.get(parameter, []):
                for o in self.objects(node, other):
                    if any(checks.pair_fails(v, to_rdflib(o), strict=strict) for v in mine):
                        return False
        return True

    def _queries_hold(self, shape: Shape, node: ox.Term, values: list[ox.Term]) -> bool:
        for constraint in shape.params.get(SH.sparql, []):
            prepared = self.compiler.sparql_query(shape, constraint)
            if prepared is not None and self._rows(prepared.with_leading(""), node):
                return False
        for component in shape.components:
            prepared, uses_value, bindings = self.compiler.component_query(shape, component)
            if shape.is_property and not values:
                continue
            lead = ""
            if uses_value:
                lead = (
                    f"?this {shape.path_sparql} ?value ."
                    if shape.is_property
                    else "BIND(?this AS ?value)"
                )
            for variable, term in bindings.items():
                lead += f" VALUES ?{variable} {{ {nt(term)} }}"
            if self._rows(prepared.with_leading(lead), node):
                return False
        return True

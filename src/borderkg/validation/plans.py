"""The queries of one shape (:func:`compile_shape`), and what their rows mean.

Every plan's query has the shape's context first (see ``compile.py``), so the same plans serve a
whole-store run and a gate check of a few focus nodes. Rows are turned into raw results —
``(focus, value, component, path, message)`` with pyoxigraph terms — by :func:`interpret`,
which asks the evaluator about rows the SPARQL side could not decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from borderkg.validation.compile import (
    GENERIC_CUSTOM_MESSAGE,
    Check,
    Compiler,
    Plan,
    Unsupported,
)
from borderkg.validation.model import SILENT, Shape
from borderkg.validation.sparqlscope import needs_lateral
from borderkg.validation.terms import message_text, messages_of, nt, to_rdflib


@dataclass(frozen=True)
class RawResult:
    """A result before it is written out: pyoxigraph terms, component and path IRIs."""

    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    value: ox.Term | None
    component: str
    path: str | None
    message: str


def _value_pattern(shape: Shape, this: str = "?this", value: str = "?value") -> str:
    if shape.is_property:
        return f"{this} {shape.path_sparql} {value} ."
    return f"BIND({this} AS {value})"


def compile_shape(compiler: Compiler, shape: Shape) -> list[Plan]:
    """The plans of one applied shape; raises :class:`Unsupported` for pyshacl's share."""
    compiler.require_evaluable(shape)
    # A component's parameters are not core constraints: its results carry the validator's
    # message or GENERIC_CUSTOM_MESSAGE, as pyshacl's do.
    custom = {p for c in compiler.model.components for p in c.parameters}
    core = [p for p in shape.params if p not in SILENT and p != SH.sparql and p not in custom]
    if core and not shape.messages:
        raise Unsupported(f"{shape.id} has no sh:message (pyshacl writes generic ones)")
    plans: list[Plan] = []
    value_checks = compiler.value_checks(shape)
    if value_checks:
        plans.append(_values_plan(shape, value_checks))
    plans.extend(_count_plans(shape))
    plans.extend(_value_set_plans(compiler, shape))
    plans.extend(_pair_plans(shape))
    for constraint in shape.params.get(SH.sparql, []):
        prepared = compiler.sparql_query(shape, constraint)
        if prepared is not None:
            messages = list(compiler.model.graph.objects(constraint, SH.message))
            lateral = needs_lateral(prepared, {"this"})
            plans.append(
                Plan(
                    shape,
                    "sparql",
                    (lambda ctx, q=prepared: q.with_lateral(ctx))
                    if lateral
                    else (lambda ctx, q=prepared: q.with_leading(ctx)),
                    extra={
                        "messages": messages + shape.messages,
                        "query": prepared,
                        "lateral": lateral,
                    },
                )
            )
    for component in shape.components:
        prepared, uses_value, bindings = compiler.component_query(shape, component)
        plans.append(_custom_plan(shape, component.node, prepared, uses_value, bindings))
    return plans


def _values_plan(shape: Shape, value_checks: list[Check]) -> Plan:
    flags = [f"?_c{i}" for i in range(len(value_checks))]

    def build(ctx: str) -> str:
        binds = " ".join(
            f"BIND(COALESCE({c.passes('?value')}, false) AS {f})"
            for c, f in zip(value_checks, flags, strict=True)
        )
        failing = " || ".join(f"!{f}" for f in flags)
        return (
            f"SELECT DISTINCT ?this ?value {' '.join(flags)} WHERE {{ {ctx} "
            f"{_value_pattern(shape)} {binds} FILTER({failing}) }}"
        )

    return Plan(shape, "values", build, checks=value_checks)


def _count_plans(shape: Shape) -> Iterator[Plan]:
    minimum = max((int(v.toPython()) for v in shape.params.get(SH.minCount, [])), default=0)
    maxima = [int(v.toPython()) for v in shape.params.get(SH.maxCount, [])]
    maximum = min(maxima) if maxima else None
    if minimum == 0 and maximum is None:
        return
    if not shape.is_property:
        if minimum > 1 or (maximum is not None and maximum < 1):
            yield Plan(
                shape,
                "counts",
                lambda ctx: f"SELECT ?this (1 AS ?n) WHERE {{ {ctx} }}",
                extra={"min": minimum, "max": maximum},
            )
        return
    path = shape.path_sparql
    if maximum is None and minimum == 1:
        yield Plan(
            shape,
            "counts",
            lambda ctx: (
                f"SELECT ?this (0 AS ?n) WHERE {{ {ctx} FILTER NOT EXISTS {{ ?this {path} [] }} }}"
            ),
            extra={"min": minimum, "max": None},
        )
        return
    conditions = []
    if minimum > 0:
        conditions.append(f"?n < {minimum}")
    if maximum is not None:
        conditions.append(f"?n > {maximum}")
    having = " || ".join(c.replace("?n", "COUNT(DISTINCT ?value)") for c in conditions)
    yield Plan(
        shape,
        "counts",
        lambda ctx: (
            f"SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {ctx} "
            f"OPTIONAL {{ ?this {path} ?value }} }} GROUP BY ?this HAVING ({having})"
        ),
        extra={"min": minimum, "max": maximum},
    )


def _value_set_plans(compiler: Compiler, shape: Shape) -> Iterator[Plan]:
    path = shape.path_sparql
    for value in shape.params.get(SH.hasValue, []):
        if shape.is_property:
            query = f"FILTER NOT EXISTS {{ ?this {path} {nt(value)} }}"
        else:
            query = f"FILTER(!sameTerm(?this, {nt(value)}))"
        yield Plan(
            shape,
            "has_value",
            lambda ctx, q=query: f"SELECT ?this WHERE {{ {ctx} {q} }}",
            extra={"value": value},
        )
    if shape.is_property and any(
        str(v.toPython()).lower() == "true" for v in shape.params.get(SH.uniqueLang, [])
    ):
        yield Plan(
            shape,
            "unique_lang",
            lambda ctx: (
                f"SELECT ?this ?lang WHERE {{ {ctx} ?this {path} ?value "
                f'FILTER(isLiteral(?value) && LANG(?value) != "") }} '
                f"GROUP BY ?this (LCASE(LANG(?value)) AS ?lang) HAVING (COUNT(DISTINCT ?value) > 1)"
            ),
        )
    for qualified in shape.params.get(SH.qualifiedValueShape, []):
        test, exact = compiler.conforms(compiler.model.shape(qualified), "?ok")
        if not exact:
            raise Unsupported(f"{shape.id}: qualified value shape beyond SPARQL")
        low = shape.value(SH.qualifiedMinCount)
        high = shape.value(SH.qualifiedMaxCount)
        pattern = _value_pattern(shape, value="?ok")
        yield Plan(
            shape,
            "qualified",
            lambda ctx, t=test, p=pattern: (
                f"SELECT ?this (COUNT(DISTINCT ?ok) AS ?n) WHERE {{ {ctx} "
                f"OPTIONAL {{ {p} FILTER(COALESCE({t}, false)) }} }} GROUP BY ?this"
            ),
            extra={
                "min": int(low.toPython()) if low is not None else None,
                "max": int(high.toPython()) if high is not None else None,
            },
        )


def _pair_plans(shape: Shape) -> Iterator[Plan]:
    values = _value_pattern(shape)
    for other in shape.params.get(SH.equals, []):
        p2 = nt(other)
        if shape.is_property:
            body = (
                f"{{ {values} FILTER NOT EXISTS {{ ?this {p2} ?value }} }} UNION "
                f"{{ ?this {p2} ?value FILTER NOT EXISTS {{ ?this {shape.path_sparql} ?value }} }}"
            )
            bodies = [body]
        else:
            # Two queries, not a UNION: a BIND(?this …) inside a UNION branch is evaluated
            # before the branch is joined with the context, so ?this would be unbound there.
            bodies = [
                f"BIND(?this AS ?value) FILTER NOT EXISTS {{ ?this {p2} ?this }}",
                f"?this {p2} ?value FILTER(!sameTerm(?value, ?this))",
            ]
        for body in bodies:
            yield Plan(
                shape,
                "pair",
                lambda ctx, b=body: f"SELECT DISTINCT ?this ?value WHERE {{ {ctx} {b} }}",
                extra={"component": SH.EqualsConstraintComponent},
            )
    for other in shape.params.get(SH.disjoint, []):
        body = f"{values} ?this {nt(other)} ?value ."
        yield Plan(
            shape,
            "pair",
            lambda ctx, b=body: f"SELECT DISTINCT ?this ?value WHERE {{ {ctx} {b} }}",
            extra={"component": SH.DisjointConstraintComponent, "other": other},
        )
    for parameter, strict, component in (
        (SH.lessThan, True, SH.LessThanConstraintComponent),
        (SH.lessThanOrEquals, False, SH.LessThanOrEqualsConstraintComponent),
    ):
        from borderkg.validation.checks import pair_passes

        for other in shape.params.get(parameter, []):
            if not isinstance(other, URIRef):
                raise Unsupported(f"{shape.id}: {parameter} needs an IRI")
            test = pair_passes("?value", "?other", strict=strict)
            body = f"{values} ?this {nt(other)} ?other FILTER(!COALESCE({test}, false))"
            yield Plan(
                shape,
                "pair",
                lambda ctx, b=body: f"SELECT DISTINCT ?this ?value ?other WHERE {{ {ctx} {b} }}",
                extra={"component": component, "strict": strict, "other": other},
            )


def custom_lead(
    shape: Shape,
    ctx: str,
    uses_value: bool,
    bindings: dict[str, Node],
    *,
    distinct: bool = False,
) -> str:
    """What precedes a custom validator's own pattern: the focus nodes, their value nodes
    (or, for a property shape whose validator ignores them, that there is one: pyshacl runs
    the validator once per value node) and the component's parameters.

    ``distinct``: each (focus node, value) pair once. The validator usually follows the path
    again, so a triple stated in k graphs would otherwise give k² rows under the union graph
    (k with it); meant for a ``ctx`` with few focus nodes, as the pairs are read first.
    """
    lead = ctx
    if uses_value and distinct and shape.is_property:
        pattern = _value_pattern(shape)
        lead = f"{{ SELECT DISTINCT ?this ?value WHERE {{ {ctx} {pattern} }} }}"
    elif uses_value:
        lead += " " + _value_pattern(shape)
    elif shape.is_property:
        lead += f" FILTER EXISTS {{ ?this {shape.path_sparql} [] }}"
    for variable, term in bindings.items():
        lead += f" VALUES ?{variable} {{ {nt(term)} }}"
    return lead


def _custom_plan(shape: Shape, component: Node, prepared, uses_value: bool, bindings) -> Plan:
    lateral = needs_lateral(prepared, {"this", "value", *bindings})

    def build(ctx: str) -> str:
        lead = custom_lead(shape, ctx, uses_value, bindings)
        return prepared.with_lateral(lead) if lateral else prepared.with_leading(lead)

    extra = {"component": component, "bindings": bindings, "query": prepared}
    extra["uses_value"] = uses_value
    extra["lateral"] = lateral
    return Plan(shape, "custom", build, extra=extra)


# --- rows to results ----------------------------------------------------------------------------


def interpret(plan: Plan, solutions: ox.QuerySolutions, verify: Callable) -> Iterator[RawResult]:
    """The raw results of a plan's rows; ``verify(check, focus, value)`` decides unsure rows."""
    shape = plan.shape
    message = messages_of(shape.messages)
    path = shape.path_sparql
    kind = plan.kind
    for row in solutions:
        this = row["this"]
        if kind == "values":
            value = row["value"]
            for i, check in enumerate(plan.checks):
                flag = row[f"_c{i}"]
                if flag is not None and flag.value == "true":
                    continue
                if check.exact or verify(check, this, value):
                    yield RawResult(this, value, str(check.component), path, message)
        elif kind == "counts":
            n = int(row["n"].value)
            if n < plan.extra["min"]:
                yield RawResult(this, None, str(SH.MinCountConstraintComponent), path, message)
            if plan.extra["max"] is not None and n > plan.extra["max"]:
                yield RawResult(this, None, str(SH.MaxCountConstraintComponent), path, message)
        elif kind == "has_value":
            if verify(plan, this, plan.extra["value"]):
                # A node shape's value node is the focus node itself (SHACL 2.3.2); the W3C
                # suite reports it as sh:value. A property shape has no single value to name.
                value = None if shape.is_property else this
                yield RawResult(this, value, str(SH.HasValueConstraintComponent), path, message)
        elif kind == "unique_lang":
            yield RawResult(this, None, str(SH.UniqueLangConstraintComponent), path, message)
        elif kind == "qualified":
            n = int(row["n"].value)
            low, high = plan.extra["min"], plan.extra["max"]
            if high is not None and n > high:
                yield RawResult(
                    this, None, str(SH.QualifiedMaxCountConstraintComponent), path, message
                )
            if low is not None and n < low:
                yield RawResult(
                    this, None, str(SH.QualifiedMinCountConstraintComponent), path, message
                )
        elif kind == "pair":
            value = row["value"]
            other = row["other"] if "strict" in plan.extra else None
            if other is None or verify(plan, value, other):
                yield RawResult(this, value, str(plan.extra["component"]), path, message)
        elif kind == "sparql":
            yield _sparql_result(plan, solutions.variables, row)
        elif kind == "custom":
            value = row["value"] if "value" in _names(solutions) else None
            row_path = row["path"] if "path" in _names(solutions) else None
            if value is None and not shape.is_property:
                value = this
            custom_message = message or GENERIC_CUSTOM_MESSAGE
            yield RawResult(
                this, value, str(plan.extra["component"]), _row_path(row_path, path), custom_message
            )


def _names(solutions: ox.QuerySolutions) -> set[str]:
    return {v.value for v in solutions.variables}


def _row_path(row_path: ox.Term | None, default: str | None) -> str | None:
    if isinstance(row_path, ox.NamedNode):
        return f"<{row_path.value}>"
    return default


def _sparql_result(plan: Plan, variables: list[ox.Variable], row: ox.QuerySolution) -> RawResult:
    """A sh:sparql row as pyshacl reports it, messages formatted with the row's bindings."""
    shape = plan.shape
    bound = {v.value: row[v] for v in variables if row[v] is not None}
    this = bound.pop("this")
    row_path = bound.pop("path", None)
    value = bound.pop("value", None)
    bound.pop("failure", None)
    if value is None and not shape.is_property:
        value = this
    fields = dict(bound)
    fields["this"] = this
    if row_path is not None:
        fields["path"] = row_path
    if value is not None:
        fields["value"] = value
    texts = {_format(m, fields) for m in plan.extra["messages"]}
    return RawResult(
        this,
        value,
        str(SH.SPARQLConstraintComponent),
        _row_path(row_path, shape.path_sparql),
        "\n".join(sorted(texts)),
    )


def _format(message: Node, fields: dict[str, ox.Term]) -> str:
    """pyshacl's substitution of ``{?var}``/``{$var}`` in a SPARQL constraint's message."""
    text = str(message.value) if isinstance(message, Literal) else str(message)
    for name, term in fields.items():
        replacement = str(to_rdflib(term)) if isinstance(term, ox.Literal) else message_text(term)
        try:
            text = re.sub(f"{{[?$]{name}}}", replacement, text)
        except re.error:
            text = re.sub(f"{{[?$]{name}}}", lambda _m, r=replacement: r, text)
    return text

"""The gate's queries: the compiled plans that apply to a batch, several to a query.

A gate check runs some 70 plans on a scratch store of a few thousand quads. Each query costs
pyoxigraph about 100 µs before it reads anything (parsing, planning), more than most of them
then take to run, so plans with the same focus nodes share one query where that gives the
same rows:

* the counts of property shapes with the same focus pattern: one union of the focus pattern
  and each path's values, grouped by node (:func:`~borderkg.validation.bulkplans.counts_query`);
  counted without ``DISTINCT`` first, and again with it only when a count above a maximum
  may come from a value stated in two graphs (as the whole-store runner does);
* the value checks of property shapes with the same focus pattern: a union of each shape's
  value branch (its path, its flags and their filter, tagged with the plan's number) joined
  with the focus pattern once. A branch's flags read only ``?value``, so each branch gives
  its plan's rows;
* the validators of one SPARQL-based constraint component used by several property shapes
  (one query per shape's path and parameters): a union of each shape's focus pattern, value
  pattern, parameters and validator pattern, tagged, under the validator's projection. Each
  (focus node, value) pair is taken once (``plans.custom_lead``): the validator follows the
  path again, so a triple stated in k graphs gives k rows, not k².

The rows of each plan are then read as its own query's (``plans.interpret``). Everything else
runs as the plan's own query. Queries over all of the scratch store's nodes are cheaper than
naming the batch's nodes in each: the caller keeps the results on the nodes it wants.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib.term import Node

from borderkg.validation.bulkplans import counts_query, overcounted
from borderkg.validation.compile import Plan
from borderkg.validation.engine_sparql import CompiledShapes, expand_classes
from borderkg.validation.evaluator import Evaluator
from borderkg.validation.model import Shape
from borderkg.validation.plans import RawResult, custom_lead, interpret
from borderkg.validation.sparqltext import blank_out

_OPTIONS = {"use_default_graph_as_union": True}
_KEY = ox.Variable("_gate_k")  # the plan a row of a shared query belongs to
_WHERE = re.compile(r"(?<![?$\w])WHERE\s*$", re.I)
_KEYWORDS = re.compile(r"(?<![?$\w])(?:DISTINCT|REDUCED|WHERE)(?!\w)", re.I)

#: A query of the gate: (kind, members); kind ``plan`` has one member.
Group = tuple[str, list[tuple[Shape, Plan]]]


class GateRunner:
    """Runs compiled plans on scratch stores, plans with the same focus nodes together.

    One runner serves every check of a gate: the texts of the shared queries are built once
    per set of plans.
    """

    def __init__(self, compiled: CompiledShapes) -> None:
        self.compiled = compiled
        self._contexts: dict[Node, str] = {}
        self._texts: dict[tuple[str, tuple[int, ...]], str] = {}
        #: each plan with the key of the query it can share (``None``: it runs alone)
        self._keyed = [
            (shape, [(plan, self._sharing(shape, plan)) for plan in plans])
            for shape, plans in compiled.plans
        ]

    def run(
        self,
        store: ox.Store,
        only: set[Node],
        skip: Callable[[Shape, Plan], bool] | None,
        closures: dict[str, list[str] | None],
    ) -> list[tuple[Shape, RawResult]]:
        """The raw results of the plans of the shapes ``only`` on ``store``, in plan order,
        leaving out the plans ``skip(shape, plan)`` says find nothing."""
        evaluator = Evaluator(store, self.compiled.compiler, _OPTIONS)

        def verify(check_or_plan: Any, first: ox.Term, second: Any) -> bool:
            if isinstance(check_or_plan, Plan):
                return evaluator.plan_fails(check_or_plan, first, second)
            return evaluator.check_fails(check_or_plan, second)

        found: dict[int, list[RawResult]] = {}
        for kind, members in self.groups(only, skip):
            query = self._query(store, kind, members, closures)
            if kind == "counts":
                rows = list(query)
                if overcounted([plan for _shape, plan in members], rows):
                    rows = list(self._query(store, "distinct counts", members, closures))
                for i, (_shape, plan) in enumerate(members):
                    mine = [{"this": row["this"], "n": row[f"n{i}"]} for row in rows]
                    found[id(plan)] = list(interpret(plan, mine, verify))  # type: ignore[arg-type]
            elif kind == "plan":
                found[id(members[0][1])] = list(interpret(members[0][1], query, verify))
            else:
                variables = query.variables
                for i, rows in enumerate(_split(query, len(members))):
                    plan = members[i][1]
                    mine = _Rows(variables, rows)
                    found[id(plan)] = list(interpret(plan, mine, verify))  # type: ignore[arg-type]
        return [
            (shape, raw)
            for shape, plans in self.compiled.plans
            for plan in plans
            for raw in found.get(id(plan), ())
        ]

    def groups(self, only: set[Node], skip: Callable[[Shape, Plan], bool] | None) -> list[Group]:
        """The queries to run: plans that can share one grouped, the others alone."""
        groups: list[Group] = []
        shared: dict[tuple[str, str], list[tuple[Shape, Plan]]] = {}
        for shape, plans in self._keyed:
            if shape.node not in only:
                continue
            for plan, key in plans:
                if skip is not None and skip(shape, plan):
                    continue
                if key is None:
                    groups.append(("plan", [(shape, plan)]))
                    continue
                members = shared.setdefault(key, [])
                if not members:
                    groups.append((key[0], members))
                members.append((shape, plan))
        return [
            ("plan", members) if len(members) == 1 and k != "custom" else (k, members)
            for k, members in groups
        ]

    def _sharing(self, shape: Shape, plan: Plan) -> tuple[str, str] | None:
        """The key of the query a plan can share, or ``None`` to run it alone."""
        if not shape.is_property:
            return None
        if plan.kind in ("counts", "values"):
            return plan.kind, self.context(shape)
        if plan.kind == "custom" and _plain_projection(plan.extra["query"].text):
            prepared = plan.extra["query"]
            return "custom", f"{plan.extra['component']} {sorted(prepared.prefixes.items())}"
        return None

    def context(self, shape: Shape) -> str:
        """The focus-node pattern of a shape (all its focus nodes in the store)."""
        if shape.node not in self._contexts:
            self._contexts[shape.node] = self.compiled.compiler.context(shape, "?this", None)
        return self._contexts[shape.node]

    def _query(
        self,
        store: ox.Store,
        kind: str,
        members: list[tuple[Shape, Plan]],
        closures: dict[str, list[str] | None],
    ) -> ox.QuerySolutions:
        key = (kind, tuple(id(plan) for _shape, plan in members))
        if key not in self._texts:
            self._texts[key] = self._text(kind, members)
        text = expand_classes(self._texts[key], store, closures, _OPTIONS)
        solutions = store.query(text, **_OPTIONS)
        assert isinstance(solutions, ox.QuerySolutions)
        return solutions

    def _text(self, kind: str, members: list[tuple[Shape, Plan]]) -> str:
        if kind == "plan":
            shape, plan = members[0]
            return self.compiled.query_text(shape, plan, None)
        plans = [plan for _shape, plan in members]
        ctx = self.context(members[0][0])
        if kind == "counts":
            return counts_query(plans, ctx, distinct=False)
        if kind == "distinct counts":
            return counts_query(plans, ctx)
        if kind == "values":
            return values_query(plans, ctx)
        return self._custom_text(members)

    def _custom_text(self, members: list[tuple[Shape, Plan]]) -> str:
        """One validator for several property shapes: a tagged union of each shape's query
        body (focus pattern, values, parameters, validator pattern) under its projection."""
        branches = []
        for i, (shape, plan) in enumerate(members):
            prepared = plan.extra["query"]
            lead = custom_lead(
                shape,
                self.context(shape),
                plan.extra["uses_value"],
                plan.extra["bindings"],
                distinct=True,
            )
            where = prepared.text[prepared.brace + 1 : prepared.close]
            branches.append(f"{{ {lead}\n{where}\nBIND({i} AS ?_gate_k) }}")
        first = members[0][1].extra["query"]
        head = first.text[: first.brace]
        select = _projection_end(head)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in first.prefixes.items())
        return (
            f"{prologue}{head[:select]} ?_gate_k {head[select:]}"
            f"{{ {' UNION '.join(branches)} }}{first.text[first.close + 1 :]}"
        )


def values_query(plans: list[Plan], ctx: str) -> str:
    """One query for the value checks of several property shapes with the same focus nodes.

    Each shape's branch gives the rows of its own query (``plans._values_plan``) and its
    number in ``?_gate_k``; the flags ``?_c0`` … are each branch's own.
    """
    branches, width = [], 0
    for k, plan in enumerate(plans):
        flags = [f"?_c{i}" for i in range(len(plan.checks))]
        width = max(width, len(flags))
        binds = " ".join(
            f"BIND(COALESCE({c.passes('?value')}, false) AS {f})"
            for c, f in zip(plan.checks, flags, strict=True)
        )
        failing = " || ".join(f"!{f}" for f in flags)
        branches.append(
            f"{{ ?this {plan.shape.path_sparql} ?value . BIND({k} AS ?_gate_k) {binds} "
            f"FILTER({failing}) }}"
        )
    flags = " ".join(f"?_c{i}" for i in range(width))
    union = " UNION ".join(branches)
    return f"SELECT DISTINCT ?this ?_gate_k ?value {flags} WHERE {{ {ctx} {union} }}"


@dataclass
class _Rows:
    """Some rows of a query, with its variables (what ``interpret`` reads)."""

    variables: list[ox.Variable]
    rows: list[ox.QuerySolution]

    def __iter__(self) -> Iterator[ox.QuerySolution]:
        return iter(self.rows)


def _split(solutions: ox.QuerySolutions, size: int) -> list[list[ox.QuerySolution]]:
    """The rows of a tagged query, by the number of the plan they belong to."""
    parts: list[list[ox.QuerySolution]] = [[] for _ in range(size)]
    for row in solutions:
        parts[int(row[_KEY].value)].append(row)
    return parts


def _projection_end(head: str) -> int:
    """Where the projection of a SELECT (the text before its WHERE group) ends."""
    clean = blank_out(head).rstrip()
    where = _WHERE.search(clean)
    return where.start() if where else len(clean)


def _plain_projection(text: str) -> bool:
    """Whether a query's projection lists variables only (no expressions, no ``*``)."""
    clean = blank_out(text)
    start = clean.upper().find("SELECT")
    end = clean.find("{", start)
    tokens = _KEYWORDS.sub(" ", clean[start + 6 : end]).split()
    return bool(tokens) and all(token[:1] in "?$" for token in tokens)

"""Validating a whole store: every compiled plan in its whole-store form, on a few threads.

:func:`run_whole_store` gives the results :func:`~borderkg.validation.engine_sparql.run_compiled`
gives for all focus nodes, faster on a large store:

* each plan's query is replaced by the form that scans and hash-joins where counts say it
  pays (``bulkplans.py`` for core constraints, ``sparqlrewrite.py`` for SPARQL-based ones);
  a SPARQL query that still reads ``?this``'s triples with a variable predicate runs node by
  node, as in ``run_compiled``;
* the counts of property shapes with the same focus nodes share one query;
* a query that leaves the focus pattern out returns rows for every node with the values it
  looks at; only the rows of focus nodes are kept (the focus nodes are read once, and only
  when such a query returns a row);
* the queries run on a small thread pool, heaviest first: pyoxigraph releases the GIL while
  it evaluates, so two threads keep two cores busy. Results come back in plan order.

A rewritten query Oxigraph refuses to parse falls back to the plan's own query.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyoxigraph as ox

from borderkg.validation.bulkplans import (
    Bulk,
    BulkContext,
    bulk_context,
    bulk_query,
    counts_query,
    overcounted,
)
from borderkg.validation.compile import Plan
from borderkg.validation.costs import Costs, is_open
from borderkg.validation.engine_sparql import (
    BY_NODE_LIMIT,
    CompiledShapes,
    class_members,
    expand_classes,
    focus_list,
    run_by_node,
    unselective,
)
from borderkg.validation.evaluator import Evaluator
from borderkg.validation.model import Shape
from borderkg.validation.plans import RawResult, custom_lead, interpret
from borderkg.validation.sparqlgroup import Triple
from borderkg.validation.sparqlrewrite import rewrite_group

#: Threads of a whole-store run: one query per core (the machines this runs on have two).
DEFAULT_THREADS = 2
_WEIGHT = {"sparql": 4, "custom": 2}
#: Up to this many candidate nodes are looked up one by one rather than among all focus nodes.
_LOOKUP_LIMIT = 2_000

#: (``plan``, [one plan]) or (``counts``, [count plans sharing one query]).
Task = tuple[str, list[tuple[Shape, Plan]]]


def run_whole_store(
    store: ox.Store,
    compiled: CompiledShapes,
    *,
    options: dict[str, Any] | None = None,
    joins: str = "auto",
    threads: int | None = None,
) -> list[tuple[Shape, RawResult]]:
    """Run every compiled plan over all focus nodes of ``store``.

    ``joins``: ``auto`` (scan where it pays), ``scan`` (every rewrite the forms allow) or
    ``index`` (the plans' own queries); ``threads``: parallel queries (default
    :data:`DEFAULT_THREADS`, at most the CPUs there are).
    """
    options = options if options is not None else {"use_default_graph_as_union": True}
    closures: dict[str, list[str] | None] = {}
    costs = Costs(store, options, lambda cls: class_members(store, cls, closures, options))
    run = _Run(store, compiled, BulkContext(compiled.model, costs, joins), closures, options)
    tasks = run.tasks()
    workers = max(1, min(threads or DEFAULT_THREADS, os.cpu_count() or 1, len(tasks)))
    if workers == 1:
        outputs = [run.task(task) for task in tasks]
    else:
        order = sorted(range(len(tasks)), key=lambda i: -run.weight(tasks[i]))
        with ThreadPoolExecutor(workers, thread_name_prefix="borderkg-validate") as pool:
            futures = {i: pool.submit(run.task, tasks[i]) for i in order}
            outputs = [futures[i].result() for i in range(len(tasks))]
    found: dict[int, list[RawResult]] = {}
    for output in outputs:
        for plan, raws in output:
            found[id(plan)] = raws
    return [
        (shape, raw) for shape, plans in compiled.plans for plan in plans for raw in found[id(plan)]
    ]


class Rows:
    """A query's rows, read out (what ``interpret`` reads), optionally only those of focus
    nodes. A thread reads its query's solutions to the end before anything else sees them:
    pyoxigraph's solution iterators must be dropped by the thread that made them, and a
    traceback kept by a logger would otherwise carry one to another thread.

    ``among(nodes)``: which of these nodes (N-Triples) are focus nodes.
    """

    def __init__(
        self,
        solutions: ox.QuerySolutions,
        among: Callable[[set[str]], set[str]] | None = None,
    ) -> None:
        self.variables = solutions.variables
        self._rows = list(solutions)
        if among is not None and self._rows:
            focus = among({str(row["this"]) for row in self._rows})
            self._rows = [row for row in self._rows if str(row["this"]) in focus]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


class _Run:
    """The state one whole-store run shares between its threads."""

    def __init__(
        self,
        store: ox.Store,
        compiled: CompiledShapes,
        bulk: BulkContext,
        closures: dict[str, list[str] | None],
        options: dict[str, Any],
    ) -> None:
        self.store = store
        self.compiled = compiled
        self.bulk = bulk
        self.closures = closures
        self.options = options
        self.evaluator = Evaluator(store, compiled.compiler, options)
        self._contexts: dict[Any, str] = {}
        self._focus: dict[str, set[str]] = {}

    def tasks(self) -> list[Task]:
        """The plans, with the count plans of scanned paths grouped by focus pattern."""
        tasks: list[Task] = []
        counts: dict[str, list[tuple[Shape, Plan]]] = {}
        for shape, plans in self.compiled.plans:
            for plan in plans:
                if (
                    plan.kind == "counts"
                    and shape.is_property
                    and self.bulk.joins != "index"
                    and self.bulk.scan(shape)
                ):
                    group = counts.setdefault(self.context(shape), [])
                    if not group:
                        tasks.append(("counts", group))
                    group.append((shape, plan))
                else:
                    tasks.append(("plan", [(shape, plan)]))
        return tasks

    def weight(self, task: Task) -> int:
        """A rough cost, to start the heaviest tasks first."""
        _kind, members = task
        shape, plan = members[0]
        focus = self.bulk.costs.focus(self.compiled.model, shape) or 0
        return focus * _WEIGHT.get(plan.kind, 1) * len(members)

    def context(self, shape: Shape) -> str:
        """The focus-node pattern of a shape (all focus nodes, whole-store form)."""
        if shape.node not in self._contexts:
            ctx = self.compiled.compiler.context(shape, "?this", None)
            if self.bulk.joins != "index":
                ctx = bulk_context(self.bulk, ctx)
            self._contexts[shape.node] = ctx
        return self._contexts[shape.node]

    def focus_among(self, shape: Shape, nodes: set[str]) -> set[str]:
        """Which of some nodes (N-Triples) are focus nodes of the shape: a few IRIs are looked
        up, more are checked against all focus nodes (read once per focus pattern)."""
        if len(nodes) <= _LOOKUP_LIMIT and not any(n.startswith("_:") for n in nodes):
            ctx = self.compiled.compiler.context(shape, "?this", " ".join(sorted(nodes)))
            text = expand_classes(
                f"SELECT ?this WHERE {{ {ctx} }}", self.store, self.closures, self.options
            )
            return {str(row[0]) for row in self.store.query(text, **self.options)}
        ctx = self.context(shape)
        if ctx not in self._focus:
            text = expand_classes(
                f"SELECT ?this WHERE {{ {ctx} }}", self.store, self.closures, self.options
            )
            self._focus[ctx] = {str(row[0]) for row in self.store.query(text, **self.options)}
        return nodes & self._focus[ctx]

    def verify(self, check_or_plan: Any, first: ox.Term, second: Any) -> bool:
        """The evaluator's verdict on a row the query could not decide (see ``interpret``)."""
        if isinstance(check_or_plan, Plan):
            return self.evaluator.plan_fails(check_or_plan, first, second)
        return self.evaluator.check_fails(check_or_plan, second)

    def task(self, task: Task) -> list[tuple[Plan, list[RawResult]]]:
        """The raw results of each plan of a task."""
        kind, members = task
        if kind == "counts":
            return self._counts(members)
        shape, plan = members[0]
        return [(plan, list(self._results(shape, plan)))]

    def _counts(self, members: list[tuple[Shape, Plan]]) -> list[tuple[Plan, list[RawResult]]]:
        plans = [plan for _shape, plan in members]
        ctx = self.context(members[0][0])
        rows = list(self._query(counts_query(plans, ctx, distinct=False)))
        if overcounted(plans, rows):
            rows = list(self._query(counts_query(plans, ctx)))
        found = []
        for i, plan in enumerate(plans):
            mine = [{"this": row["this"], "n": row[f"n{i}"]} for row in rows]
            found.append((plan, list(interpret(plan, mine, self.verify))))  # type: ignore[arg-type]
        return found

    def _results(self, shape: Shape, plan: Plan) -> Iterator[RawResult]:
        own = self.compiled.query_text(shape, plan, None)
        if plan.kind in ("sparql", "custom"):
            chosen = self._sparql(shape, plan, own)
            if chosen is None:
                focus = focus_list(self.store, self.compiled, shape, self.closures, self.options)
                if len(focus) <= BY_NODE_LIMIT:
                    yield from run_by_node(
                        self.store,
                        self.compiled,
                        shape,
                        plan,
                        focus,
                        self.closures,
                        self.options,
                        self.verify,
                    )
                    return
                chosen = Bulk(own)
        else:
            chosen = None
            if self.bulk.joins != "index":
                chosen = bulk_query(self.bulk, plan, self.context(shape))
            chosen = chosen or Bulk(own)
        among = (lambda nodes: self.focus_among(shape, nodes)) if chosen.free else None
        try:
            rows = self._query(chosen.text, among)
        except SyntaxError:
            if chosen.text == own:
                raise
            rows = self._query(own)
        yield from interpret(plan, rows, self.verify)  # type: ignore[arg-type]

    def _query(self, text: str, among: Callable[[set[str]], set[str]] | None = None) -> Rows:
        expanded = expand_classes(text, self.store, self.closures, self.options)
        solutions = self.store.query(expanded, **self.options)
        assert isinstance(solutions, ox.QuerySolutions)
        return Rows(solutions, among)

    def _sparql(self, shape: Shape, plan: Plan, own: str) -> Bulk | None:
        """The whole-store query of a SPARQL-based plan; ``None`` to run it node by node."""
        if "by_node" not in plan.extra:
            plan.extra["by_node"] = unselective(self.compiled.query_text(shape, plan, ""))
        if self.bulk.joins == "index" or plan.extra.get("lateral"):
            return None if plan.extra["by_node"] else Bulk(own)
        prepared = plan.extra["query"]
        lead = ""
        if plan.kind == "custom":
            lead = custom_lead(shape, "", plan.extra["uses_value"], plan.extra["bindings"])
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prepared.prefixes.items())
        rows = self.bulk.costs.focus(self.compiled.model, shape)
        costs = self.bulk.costs

        def pays(triple: Triple) -> bool:
            predicate = _iri(triple.predicate, prepared.prefixes)
            if predicate is None or not (is_open(triple.subject) and is_open(triple.object)):
                return self.bulk.pays(lambda cap: costs.count(triple.text, cap, prologue), rows)
            return self.bulk.pays(lambda cap: costs.predicate(predicate, cap), rows)

        rewrite = rewrite_group(prepared, self.context(shape), lead, pays)
        if rewrite is not None and (rewrite.pushed or not plan.extra["by_node"]):
            return Bulk(rewrite.text, rewrite.free)
        return None if plan.extra["by_node"] else Bulk(own)


def _iri(term: str, prefixes: dict[str, str]) -> str | None:
    """N-Triples of an IRI written as ``<…>``, ``prefix:local`` or ``a``; ``None`` if unsure
    (escapes, undeclared prefixes, relative IRIs)."""
    if term == "a":
        return "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    if term.startswith("<"):
        return term if ":" in term and "\\" not in term else None
    prefix, _, local = term.partition(":")
    if prefix not in prefixes or "\\" in local:
        return None
    return f"<{prefixes[prefix]}{local}>"

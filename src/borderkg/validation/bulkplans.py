"""Whole-store forms of the core plans: scans and hash joins instead of lookups per row.

A plan's query (``plans.py``) binds ``?this`` to the focus nodes and then follows the path
from each one, tests classes with ``EXISTS`` and finds missing values with ``NOT EXISTS``:
Oxigraph evaluates each of those as an index lookup per row, the right thing for the few
focus nodes of a gate check and some 10 µs a row over a whole store. The forms here give the
same rows with set operations Oxigraph runs as one scan and a hash join:

* value, pair and language checks read the path's triples without the focus pattern: their
  rows for a focus node depend only on its values, so the query returns the rows of every
  node and the caller keeps those of focus nodes (:attr:`Bulk.free`);
* a missing value is ``MINUS { ?this P [] }`` (``?this`` is always bound, so MINUS removes
  exactly the rows ``FILTER NOT EXISTS`` would);
* the counts of sibling property shapes are one union of the focus pattern and each path's
  triples, grouped by node (:func:`counts_query`);
* a class test of the value (``%%ISA ?value C%%``) or an ``EXISTS { ?value <p> [] }`` at the
  top of a check becomes an ``OPTIONAL`` sub-SELECT of the class's instances (or the
  predicate's subjects) and ``BOUND``;
* the focus pattern names a class target's subclasses in a VALUES list (:func:`bulk_context`).

Each rewrite is made only where :class:`~borderkg.validation.costs.Costs` says the scan is
cheaper than the lookups; :func:`bulk_query` returns ``None`` when a plan has no better form,
and the caller runs the plan's own query.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from rdflib.namespace import SH

from borderkg.validation.compile import Plan
from borderkg.validation.costs import Costs, simple_predicates
from borderkg.validation.model import Shape, ShapesModel
from borderkg.validation.sparqltext import blank_out
from borderkg.validation.terms import nt

#: How to join: ``auto`` (scan where :class:`Costs` says it pays), ``scan`` (wherever the
#: forms allow: for tests) or ``index`` (never: the plans' own queries).
JOINS = ("auto", "scan", "index")

_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_ISA = re.compile(r"%%ISA \?value (<[^<>]+>)%%")
_HAS = re.compile(r"(NOT )?EXISTS \{ \?value (<[^<>]+>) \[\] \}")


class BulkContext:
    """What the whole-store forms of one run share: the shapes, the counts, the decision."""

    def __init__(self, model: ShapesModel, costs: Costs, joins: str = "auto") -> None:
        if joins not in JOINS:
            raise ValueError(f"unknown join strategy {joins!r}; use one of {', '.join(JOINS)}")
        self.model = model
        self.costs = costs
        self.joins = joins
        self._names = count()

    def pays(self, count: Callable[[int], int | None], rows: int | None) -> bool:
        """Whether to scan (of size ``count(cap)``) rather than look up for ``rows`` rows."""
        if self.joins != "auto":
            return self.joins == "scan"
        return self.costs.pays(count, rows)

    def fresh(self, stem: str) -> str:
        """A new variable name for a hoisted test."""
        return f"?_{stem}{next(self._names)}"

    def steps(self, shape: Shape) -> list[str] | None:
        """The predicates of a property shape's path if it is simple enough to scan."""
        if not shape.is_property:
            return None
        return simple_predicates(self.model.graph, shape.path)

    def scan(self, shape: Shape) -> bool:
        """Whether to scan the shape's path rather than follow it from each focus node."""
        steps = self.steps(shape)
        if steps is None:
            return False
        return self.pays(
            lambda cap: self.costs.predicates(steps, cap), self.costs.focus(self.model, shape)
        )

    def value_rows(self, shape: Shape) -> int | None:
        """About how many (focus, value) rows a shape has."""
        focus = self.costs.focus(self.model, shape)
        steps = self.steps(shape)
        if not shape.is_property or steps is None or focus is None:
            return focus
        return min(focus, self.costs.predicates(steps, focus + 1))


_CLASS_TARGET = re.compile(
    r"\?this <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type>/"
    r"<http://www\.w3\.org/2000/01/rdf-schema#subClassOf>\* (<[^<>]+>) \."
)
_DISTINCT_HEAD = "{ SELECT DISTINCT ?this WHERE {"


def bulk_context(bulk: BulkContext, ctx: str) -> str:
    """A shape's focus-node pattern for a whole-store query: a class target as a VALUES list
    of the class and its subclasses (one index scan, no path), and no DISTINCT — every
    whole-store form tolerates a focus node twice (results are deduplicated), and removing
    the duplicates costs more than the rare extra rows."""

    def members(match: re.Match[str]) -> str:
        found = bulk.costs.members(match.group(1))
        if found is None:
            return match.group(0)
        return f"VALUES ?_cls {{ {' '.join(found)} }} ?this {_TYPE} ?_cls ."

    if ctx.startswith(_DISTINCT_HEAD):
        ctx = "{ SELECT ?this WHERE {" + ctx[len(_DISTINCT_HEAD) :]
    return _CLASS_TARGET.sub(members, ctx)


def _values(shape: Shape, this: str = "?this", value: str = "?value") -> str:
    return f"{{ SELECT {this} {value} WHERE {{ {this} {shape.path_sparql} {value} }} }}"


@dataclass(frozen=True)
class Bulk:
    """A whole-store query; ``free``: it leaves out the focus pattern (its rows hold every
    node with the path's values, and only the rows of focus nodes are the plan's)."""

    text: str
    free: bool = False


def bulk_query(bulk: BulkContext, plan: Plan, ctx: str) -> Bulk | None:
    """The whole-store query of a core plan, or ``None`` to run the plan's own query.

    Where the plan's rows for a focus node depend only on that node's values along a
    scanned path, the query leaves the focus pattern out (``Bulk.free``): joining it costs
    more than checking the few rows the query returns.
    """
    shape = plan.shape
    if plan.kind == "values":
        return _values_query(bulk, plan, ctx)
    if not bulk.scan(shape):
        return None
    path = shape.path_sparql
    if plan.kind == "counts":
        return Bulk(counts_query([plan], ctx))
    if plan.kind == "has_value":
        value = nt(plan.extra["value"])
        return Bulk(f"SELECT ?this WHERE {{ {ctx} MINUS {{ ?this {path} {value} }} }}")
    if plan.kind == "unique_lang":
        return Bulk(
            f"SELECT ?this ?lang WHERE {{ ?this {path} ?value "
            f'FILTER(isLiteral(?value) && LANG(?value) != "") }} '
            f"GROUP BY ?this (LCASE(LANG(?value)) AS ?lang) HAVING (COUNT(DISTINCT ?value) > 1)",
            free=True,
        )
    if plan.kind == "pair":
        text = _pair_query(plan)
        return Bulk(text, free=True) if text is not None else None
    return None


def counts_query(plans: list[Plan], ctx: str, *, distinct: bool = True) -> str:
    """One query counting the values of several property shapes with the same focus nodes,
    along scanned paths: ``?this`` and ``?n0``, ``?n1`` … for each focus node where one of
    the counts is out of bounds.

    A union of the focus pattern and each path's triples, grouped by node: no join, and
    nodes without values are counted too (the focus branch gives them a group). Without
    ``distinct`` a value found in two graphs counts twice, where that cannot hide a result
    (``sh:minCount`` up to 1): cheaper, but a count above a maximum may then be too high, so
    such rows must be counted again with ``distinct`` (see :func:`overcounted`).
    """
    branches = [f"{{ {ctx} BIND(true AS ?_focus) }}"]
    counts, conditions = [], []
    for i, plan in enumerate(plans):
        branches.append(f"{{ ?this {plan.shape.path_sparql} ?_v{i} }}")
        low, high = plan.extra["min"], plan.extra["max"]
        count = f"COUNT({'DISTINCT ' if distinct or low > 1 else ''}?_v{i})"
        counts.append(f"({count} AS ?n{i})")
        if low > 0:
            conditions.append(f"{count} < {low}")
        if high is not None:
            conditions.append(f"{count} > {high}")
    failing = " || ".join(conditions) or "false"
    return (
        f"SELECT ?this {' '.join(counts)} WHERE {{ {' UNION '.join(branches)} }} "
        f"GROUP BY ?this HAVING (COUNT(?_focus) > 0 && ({failing}))"
    )


def overcounted(plans: list[Plan], rows: list) -> bool:
    """Whether rows of a ``counts_query`` without ``distinct`` have a count above a maximum
    that duplicates may have raised."""
    return any(
        plan.extra["max"] is not None
        and plan.extra["min"] <= 1
        and any(int(row[f"n{i}"].value) > plan.extra["max"] for row in rows)
        for i, plan in enumerate(plans)
    )


def _values_query(bulk: BulkContext, plan: Plan, ctx: str) -> Bulk | None:
    shape = plan.shape
    scan = bulk.scan(shape)
    rows = bulk.value_rows(shape)
    hoisted: list[str] = []
    tests = [_hoist(bulk, c.passes("?value"), rows, hoisted) for c in plan.checks]
    if not scan and not hoisted:
        return None
    if not shape.is_property:
        pattern = f"{ctx} BIND(?this AS ?value)"
    elif scan:
        pattern = f"?this {shape.path_sparql} ?value ."
    else:
        pattern = f"{ctx} ?this {shape.path_sparql} ?value ."
    flags = [f"?_c{i}" for i in range(len(tests))]
    binds = " ".join(
        f"BIND(COALESCE({t}, false) AS {f})" for t, f in zip(tests, flags, strict=True)
    )
    failing = " || ".join(f"!{f}" for f in flags)
    text = (
        f"SELECT DISTINCT ?this ?value {' '.join(flags)} WHERE {{ {pattern} "
        f"{' '.join(hoisted)} {binds} FILTER({failing}) }}"
    )
    return Bulk(text, free=scan)


def _hoist(bulk: BulkContext, test: str, rows: int | None, hoisted: list[str]) -> str:
    """``test`` with its top-level class and value-existence tests of ``?value`` replaced by
    ``BOUND`` of an ``OPTIONAL`` scan (added to ``hoisted``) where the scan pays."""
    depth = _depths(test)

    def isa(match: re.Match[str]) -> str:
        cls = match.group(1)
        members = bulk.costs.members(cls)
        if depth[match.start()] or members is None:
            return match.group(0)
        if not bulk.pays(lambda cap: bulk.costs.instances(cls, cap), rows):
            return match.group(0)
        flag, var = bulk.fresh("isa"), bulk.fresh("cls")
        hoisted.append(
            f"OPTIONAL {{ SELECT DISTINCT ?value {flag} WHERE {{ "
            f"VALUES {var} {{ {' '.join(members)} }} ?value {_TYPE} {var} "
            f"BIND(true AS {flag}) }} }}"
        )
        return f"BOUND({flag})"

    def has(match: re.Match[str]) -> str:
        negated, predicate = match.group(1), match.group(2)
        if depth[match.start()] or not bulk.pays(
            lambda cap: bulk.costs.predicate(predicate, cap), rows
        ):
            return match.group(0)
        flag = bulk.fresh("has")
        hoisted.append(
            f"OPTIONAL {{ SELECT DISTINCT ?value {flag} WHERE {{ "
            f"?value {predicate} [] BIND(true AS {flag}) }} }}"
        )
        return f"{'!' if negated else ''}BOUND({flag})"

    test = _ISA.sub(isa, test)
    depth = _depths(test)
    return _HAS.sub(has, test)


def _depths(text: str) -> list[int]:
    """The brace depth at each position of an expression (strings and IRIs ignored)."""
    clean = blank_out(text)
    depths, level = [], 0
    for char in clean:
        depths.append(level)
        if char == "{":
            level += 1
        elif char == "}":
            level -= 1
    depths.append(level)
    return depths


def _pair_query(plan: Plan) -> str | None:
    """A pair plan over every node with the path's values (see :func:`bulk_query`)."""
    shape, component = plan.shape, plan.extra["component"]
    other = plan.extra.get("other")
    if other is None or component == SH.EqualsConstraintComponent:
        return None
    if component == SH.DisjointConstraintComponent:
        both = f"{{ SELECT ?this ?value WHERE {{ ?this {nt(other)} ?value }} }}"
        return f"SELECT DISTINCT ?this ?value WHERE {{ {_values(shape)} {both} }}"
    from borderkg.validation.checks import pair_passes

    others = f"{{ SELECT ?this ?other WHERE {{ ?this {nt(other)} ?other }} }}"
    test = pair_passes("?value", "?other", strict=plan.extra["strict"])
    return (
        f"SELECT DISTINCT ?this ?value ?other WHERE {{ {_values(shape)} {others} "
        f"FILTER(!COALESCE({test}, false)) }}"
    )

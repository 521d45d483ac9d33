"""How many times SHACL validates a shape on a focus node, for results the SPARQL engine
found once.

A compiled shape's context gives each focus node once, but SHACL (and pyshacl, and the W3C
suite) validates a property shape once per way it is reached: once for its own targets, and
once for every validation of a parent that hands it the node — a parent node shape's focus
node, or each focus node of a parent property shape that has the node as a value. A nested
property shape whose node is the value of two parents' focus nodes thus reports each result
twice (``property/property-001``). :func:`repeat_results` restores those repetitions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from borderkg.validation.compile import Compiler
from borderkg.validation.model import Shape
from borderkg.validation.plans import RawResult

_THIS = ox.Variable("this")
_MAX_DEPTH = 8


def may_repeat(compiler: Compiler, shape: Shape) -> bool:
    """Whether a shape can be reached more than once for the same focus node."""
    model = compiler.model
    parents = model.parents(shape)
    if len(parents) + (1 if model.has_targets(shape) else 0) > 1:
        return True
    return any(p.is_property or may_repeat(compiler, p) for p in parents)


class Multiplicity:
    """Counts the validations of shapes on focus nodes in one store (cached per pair)."""

    def __init__(self, store: ox.Store, compiler: Compiler, options: dict[str, Any]) -> None:
        self.store = store
        self.compiler = compiler
        self.options = options
        self._counts: dict[tuple[Any, ox.Term], int] = {}

    def _rows(self, query: str, node: ox.Term) -> list[ox.QuerySolution]:
        solutions = self.store.query(query, substitutions={_THIS: node}, **self.options)
        assert isinstance(solutions, ox.QuerySolutions)
        return list(solutions)

    def targeted(self, shape: Shape, node: ox.Term) -> bool:
        """Whether a node is a focus node of the shape's own targets (not its parents')."""
        if not self.compiler.model.has_targets(shape):
            return False
        pattern = self.compiler.target_pattern(shape, "?this")
        return bool(self._rows(f"SELECT ?this WHERE {{ {pattern} }} LIMIT 1", node))

    def count(self, shape: Shape, node: ox.Term, depth: int = 0) -> int:
        """How many times SHACL validates ``shape`` with ``node`` as focus node."""
        key = (shape.node, node)
        if key in self._counts:
            return self._counts[key]
        total = 1 if self.targeted(shape, node) else 0
        if depth < _MAX_DEPTH:
            for parent in self.compiler.model.parents(shape):
                if not parent.is_property:
                    total += self.count(parent, node, depth + 1)
                    continue
                query = f"SELECT DISTINCT ?this ?f WHERE {{ ?f {parent.path_sparql} ?this }}"
                for row in self._rows(query, node):
                    total += self.count(parent, row["f"], depth + 1)
        self._counts[key] = total
        return total


def repeat_results(
    raws: Iterable[tuple[Shape, RawResult]],
    store: ox.Store,
    compiler: Compiler,
    options: dict[str, Any],
) -> list[tuple[Shape, RawResult]]:
    """Each raw result as many times as SHACL validates its shape on its focus node."""
    counter = Multiplicity(store, compiler, options)
    repeats: dict[Any, bool] = {}
    found: list[tuple[Shape, RawResult]] = []
    for shape, raw in raws:
        if shape.node not in repeats:
            repeats[shape.node] = may_repeat(compiler, shape)
        times = counter.count(shape, raw.focus) if repeats[shape.node] else 1
        found.extend([(shape, raw)] * max(times, 1))
    return found

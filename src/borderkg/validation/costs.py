"""Sizes of the parts of a whole-store query, to choose between index lookups and scans.

Oxigraph joins a triple pattern whose subject is already bound by looking it up in the
store's indexes once per row (some 10 µs on disk, the union default graph reading two
indexes), and a sub-SELECT by evaluating it once and hashing its rows (under 1 µs per
triple scanned). Over the many focus nodes of a whole-store run the scan wins, unless the
predicate is far more common than the rows that would look it up (``rdfs:label`` joined to a
handful of nodes). :class:`Costs` counts, once per run, the triples of each predicate and the
instances of each class a decision needs, capped so that counting never costs more than the
lookups it could save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from borderkg.validation.model import Shape, ShapesModel

#: One index lookup costs about as much as scanning this many triples (measured on a 1M-quad
#: store: 10–15 µs per lookup, 0.6–0.8 µs per scanned triple).
SCAN_RATIO = 16
#: Counts stop here: a predicate this common is never scanned for fewer rows than this.
_COUNT_CAP = 2_000_000
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def simple_predicates(graph: Graph, path: Node | None) -> list[str] | None:
    """The predicates (N-Triples) of a path that is an IRI, an inverse IRI, or alternatives
    of those; ``None`` for other paths (sequences, ``*``, ``+``, ``?``), whose standalone
    evaluation can be far bigger than their triples."""
    if isinstance(path, URIRef):
        return [f"<{path}>"]
    if not isinstance(path, BNode):
        return None
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return [f"<{inverse}>"] if isinstance(inverse, URIRef) else None
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        found: list[str] = []
        for member in Collection(graph, alternatives):
            inner = simple_predicates(graph, member)
            if inner is None:
                return None
            found.extend(inner)
        return found
    return None


def is_open(term: str) -> bool:
    """Whether a pattern term matches anything (a variable or an anonymous blank node)."""
    return term[:1] in "?$" or term == "[]"


class Costs:
    """Counts over one store for one validation run (cached; safe to share between threads)."""

    def __init__(
        self,
        store: ox.Store,
        options: dict[str, Any],
        members: Callable[[str], list[str] | None],
    ) -> None:
        """``members(class_nt)``: the class and its subclasses (N-Triples), ``None`` if unknown."""
        self.store = store
        self.options = options
        self.members = members
        self._counts: dict[str, tuple[int, int]] = {}  # pattern -> (count, cap it was read with)

    def count(self, pattern: str, cap: int = _COUNT_CAP, prologue: str = "") -> int:
        """Solutions of a group pattern, counted up to ``cap`` (a count of ``cap`` means
        "at least")."""
        key = prologue + pattern
        known = self._counts.get(key)
        if known is not None and (known[0] < known[1] or cap <= known[1]):
            return min(known[0], cap)
        query = (
            f"{prologue}SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT * WHERE {{ {pattern} }} "
            f"LIMIT {cap} }} }}"
        )
        row = next(iter(self.store.query(query, **self.options)))
        found = int(row[0].value)
        self._counts[key] = (found, cap)
        return found

    def predicate(self, predicate: str, cap: int = _COUNT_CAP) -> int:
        """Triples with this predicate (N-Triples IRI), in every graph."""
        return self.count(f"?s {predicate} ?o", cap)

    def predicates(self, predicates: list[str], cap: int = _COUNT_CAP) -> int:
        """Triples with any of these predicates."""
        return sum(self.predicate(p, cap) for p in predicates)

    def instances(self, cls: str, cap: int = _COUNT_CAP) -> int | None:
        """``rdf:type`` triples naming the class or a subclass; ``None`` if unknown."""
        members = self.members(cls)
        if members is None:
            return None
        return self.count(f"VALUES ?c {{ {' '.join(members)} }} ?s {_TYPE} ?c", cap)

    def focus(self, model: ShapesModel, shape: Shape, depth: int = 0) -> int | None:
        """At most how many focus nodes a shape has (``None`` if it cannot say)."""
        if depth > 8:
            return None
        targets = model.targets(shape)
        total = len(targets["node"])
        for cls in targets["class"]:
            if not isinstance(cls, URIRef):
                return None
            count = self.instances(f"<{cls}>")
            if count is None:
                return None
            total += count
        for predicate in (*targets["subjectsOf"], *targets["objectsOf"]):
            if not isinstance(predicate, URIRef):
                return None
            total += self.predicate(f"<{predicate}>")
        for parent in model.parents(shape):
            if parent.is_property:
                steps = simple_predicates(model.graph, parent.path)
                if steps is None:
                    return None
                total += self.predicates(steps)
            else:
                inner = self.focus(model, parent, depth + 1)
                if inner is None:
                    return None
                total += inner
        return total

    @staticmethod
    def pays(count: Callable[[int], int | None], rows: int | None) -> bool:
        """Whether scanning once beats a lookup for each of ``rows`` rows; ``count(cap)``
        gives the size of the scan (counted no further than it matters)."""
        if rows is None:
            return False
        limit = SCAN_RATIO * max(rows, 1)
        size = count(limit + 1)
        return size is not None and size <= limit

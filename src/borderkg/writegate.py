"""The SHACL gate for writes: may the graphs a write changes take their new content?

Wraps :class:`borderkg.validation.gate.Gate`, which judges a batch of graphs as replacements
of their stored versions, for the write path:

* **The changed graphs, and the graphs that lean on them.** Every changed graph is checked in
  its new content. A graph the write does not change is checked too when it links to a node
  that lost triples the shapes read about linked nodes (its type …), since that can break a
  shape on the linking graph's nodes.
* **Only what the write brings.** A write is rejected for Violations it introduces: when the
  new content has Violations, the same graphs are checked in their old content and the
  Violations found there too are not held against the write (so data loaded before a shape
  got stricter can still be repaired one write at a time).
* **A current copy of the well-known graphs.** The gate copies the ontology, schemes and
  vocabulary graphs; the copy is refreshed when the store's changed since (another writer
  published a snapshot, or their sizes differ) and, for a write that changes one of them,
  is their new content while the write is judged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from borderkg.updatedelta import GraphChange, graph_quads, referencing_graphs
from borderkg.updatetext import GraphKey
from borderkg.validation.data import BACKGROUND_GRAPHS
from borderkg.validation.report import ValidationReport, ValidationResult, is_violation

if TYPE_CHECKING:
    from borderkg.validation.gate import Gate

#: The name under which the default graph's content is shown to the gate (it takes IRIs).
DEFAULT_GRAPH_NAME = "urn:x-borderkg:default-graph"
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def gate_name(key: GraphKey) -> str:
    """The IRI a graph is given to the gate under."""
    return DEFAULT_GRAPH_NAME if key is None else key


class WriteGate:
    """Judges writes with one :class:`Gate`, kept across writes (it is costly to build).

    ``stamp``: a function giving a value that changes whenever another writer may have
    changed the store (the name of the current published snapshot).
    """

    def __init__(self, stamp: Callable[[], object]) -> None:
        self._gate: Gate | None = None
        self._stamp = stamp
        self._fresh_for: object = None
        self._counts: tuple[tuple[str, str], ...] | None = None

    @property
    def gate(self) -> Gate:
        """The underlying gate, built on first use."""
        if self._gate is None:
            from borderkg.validation.gate import Gate  # heavy: only once a write comes

            self._gate = Gate()
        return self._gate

    def remember(self, found: list[GraphChange]) -> None:
        """Note, after committing ``found``, that the copy of the well-known graphs is current.

        Their sizes were counted before the write; a write that changed one of them leaves
        the copy in an unknown state (its old or new content), so the next check copies
        them again.
        """
        if self._counts is None or any(c.graph in BACKGROUND_GRAPHS for c in found):
            self._fresh_for = None
        else:
            self._fresh_for = (self._stamp(), self._counts)

    def forget(self) -> None:
        """Make the next check copy the well-known graphs again."""
        self._fresh_for = None

    def _state(self, live: ox.Store) -> object:
        names = " ".join(f"<{g}>" for g in BACKGROUND_GRAPHS)
        self._counts = tuple(
            sorted(
                (str(row[0]), str(row[1]))
                for row in live.query(
                    f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} "
                    "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
                )
            )
        )
        return (self._stamp(), self._counts)

    def _prepare(self, live: ox.Store, changed: dict[GraphKey, GraphChange], after: bool) -> None:
        """Point the gate's copy of the well-known graphs at the state being judged."""
        touched = [g for g in BACKGROUND_GRAPHS if g in changed]
        if touched:
            view = ox.Store()
            for graph in BACKGROUND_GRAPHS:
                name = ox.NamedNode(graph)
                if graph in changed:
                    triples = changed[graph].after if after else changed[graph].before
                    view.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
                else:
                    view.extend(graph_quads(live, graph))
            self.gate.refresh(view)
            self._fresh_for = None
            return
        state = self._state(live)
        if state != self._fresh_for:
            self.gate.refresh(live)
            self._fresh_for = state

    def judge(
        self, live: ox.Store, found: list[GraphChange]
    ) -> tuple[list[ValidationResult], list[ValidationResult], dict[str, ValidationReport]]:
        """``(new Violations, Warnings, report per graph)`` for the changes ``found``."""
        changed = {c.graph: c for c in found if not c.context_only}
        if not changed:
            return [], [], {}
        gate = self.gate
        predicates = set(getattr(gate.reader, "values", set())) | {_TYPE}
        leaning = referencing_graphs(live, list(changed.values()), predicates)
        steady = [(g, [q.triple for q in graph_quads(live, g)]) for g in sorted(leaning, key=str)]
        self._prepare(live, changed, after=True)
        batch = [(gate_name(c.graph), c.after) for c in changed.values()]
        reports = gate.check(live, batch + [(gate_name(g), t) for g, t in steady])
        results = [r for report in reports.values() for r in report.results]
        violations = [r for r in results if is_violation(r.severity)]
        warnings = [r for r in results if not is_violation(r.severity)]
        if violations:
            self._prepare(live, changed, after=False)
            old = [(gate_name(c.graph), c.before) for c in changed.values()]
            before = gate.check(live, old + [(gate_name(g), t) for g, t in steady])
            known = {r for report in before.values() for r in report.results}
            violations = [r for r in violations if r not in known]
        return violations, warnings, {_report_key(k): v for k, v in reports.items()}


def _report_key(name: str) -> str:
    return "" if name == DEFAULT_GRAPH_NAME else name

"""What the scratch store says about the batch's subjects, for plans the gate need not run.

The gate keeps the results a plan finds on the batch's subjects (``gate.py``). For two kinds of
plan that is decidable from the subjects' own triples, which the gate has in hand anyway (the
batch's quads as it reads them back, the quads it copied from the store, the ontology):

* a count plan (``sh:minCount``/``sh:maxCount``) of a property shape whose path follows plain
  predicates forwards finds something on a subject only if the subject is a focus node and
  the number of its distinct values along the path is out of bounds;
* a value plan (of such a property shape, or of a node shape: the value is the focus node)
  finds something only if a value of a focus subject fails one of its checks. ``sh:class`` is
  decided from the value's types; the other core checks by their exact Python test —
  pyshacl's, which the engine itself asks about the rows its SPARQL cannot decide — for a few
  values at most (:data:`VALUE_TESTS`: each costs some microseconds). Of nested shapes only
  ``sh:or`` is decided: over members with value checks only, or over members that each
  count one predicate's values (``sh:minCount``) or name classes — the label rules of actors
  and places (``gatedecide.AnyOfFacts``).

``gatedecide.Vouch`` decides exactly, for the shapes whose focus nodes follow from the node's own
triples (class, subjects-of and node targets of the shape and its node-shape parents), when
only the ontology states ``rdfs:subClassOf`` (so the closure :class:`Facts` uses is the
scratch store's). A plan it cannot vouch for runs as usual; one that certainly finds nothing
on the subjects is skipped. Distinct values are compared as terms, as ``COUNT(DISTINCT …)``
does, and all terms come from the stores, so both sides see the same canonical forms.

``gatevouch.py`` decides more kinds of plan from the same record (property pairs, the in-scheme
component, the evidence-span SPARQL constraints, ``sh:or`` over datatypes) and gives the
common datatype and range checks a quick pass that needs no rdflib term and no budget.

Noting the triples costs some microseconds per quad and saves some 100 µs per query skipped:
worth it for a check of one or two articles, not for a batch of many (:data:`VOUCH_GRAPHS`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from borderkg.validation.gatenodes import TYPE

#: Checks of up to this many graphs note their triples to skip plans (see the docstring).
VOUCH_GRAPHS = 2
#: At most this many values are tested in Python for one value plan (else it runs).
VALUE_TESTS = 48

_NOTHING: frozenset[ox.Term] = frozenset()
_NO_RECORD: dict[ox.Term, set[ox.Term]] = {}  # never changed


class Facts:
    """Triples of the scratch store by subject and predicate, and what they say.

    ``wanted``: the predicates noted (no other is asked about); ``superclasses``: each class
    of the ontology with all its superclasses; ``ontology``: the ontology's quads by subject
    (the scratch store has them all). Fill :attr:`by_subject` (only with wanted predicates)
    before asking anything.
    """

    def __init__(
        self,
        wanted: set[ox.Term],
        superclasses: dict[ox.Term, set[ox.Term]],
        ontology: dict[ox.Term, list[ox.Quad]],
    ) -> None:
        self.wanted = wanted
        self.superclasses = superclasses
        self.ontology = ontology
        self.by_subject: dict[ox.Term, dict[ox.Term, set[ox.Term]]] = {}
        self._kinds: dict[ox.Term, set[ox.Term] | frozenset] = {}
        self._focus: dict[int, list[ox.Term]] = {}
        self._merged: dict[ox.Term, dict[ox.Term, set[ox.Term]]] = {}
        self._records_of: dict[ox.Term, dict[ox.Term, set[ox.Term]]] = {}
        self._records: list[tuple[ox.Term, dict[ox.Term, set[ox.Term]]]] | None = None
        self._by_type: dict[ox.Term, list[ox.Term]] | None = None
        self._stats: dict[tuple[object, ...], object] = {}

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Note the triples of some quads (those with a wanted predicate)."""
        wanted, by_subject = self.wanted, self.by_subject
        for quad in quads:
            predicate = quad.predicate
            if predicate in wanted:
                note(by_subject, quad.subject, predicate, quad.object)

    def record(self, node: ox.Term) -> dict[ox.Term, set[ox.Term]]:
        """The node's distinct values by predicate: its noted triples and, for the few nodes
        the ontology is about, the ontology's (merged once). Do not change what is returned.

        Remembered per node (asked some thousand times a check, for a few hundred nodes)."""
        found = self._records_of.get(node)
        if found is None:
            found = self._records_of[node] = self._record(node)
        return found

    def _record(self, node: ox.Term) -> dict[ox.Term, set[ox.Term]]:
        if node not in self.ontology:
            return self.by_subject.get(node) or _NO_RECORD
        merged = self._merged.get(node)
        if merged is None:
            own = self.by_subject.get(node) or _NO_RECORD
            merged = {predicate: set(values) for predicate, values in own.items()}
            for quad in self.ontology[node]:
                merged.setdefault(quad.predicate, set()).add(quad.object)
            self._merged[node] = merged
        return merged

    def objects(self, node: ox.Term, path: tuple[ox.Term, ...]) -> set[ox.Term] | frozenset:
        """The node's distinct values along predicates (do not change the set returned)."""
        record = self.record(node)
        if len(path) == 1:
            return record.get(path[0], _NOTHING)
        found: set[ox.Term] = set()
        for predicate in path:
            found |= record.get(predicate, _NOTHING)
        return found

    def kinds(self, node: ox.Term) -> set[ox.Term] | frozenset:
        """The node's types with all their superclasses (do not change the set returned:
        for a node of one type it is the ontology's own set)."""
        found = self._kinds.get(node)
        if found is None:
            types = self.record(node).get(TYPE, _NOTHING)
            if len(types) == 1:
                (cls,) = types
                found = self.superclasses.get(cls) or {cls}
            else:
                found = set()
                for cls in types:
                    found |= self.superclasses.get(cls, {cls})
            self._kinds[node] = found
        return found

    def focus(self, targets: Targets, subjects: set[ox.Term]) -> list[ox.Term]:
        """The focus nodes of a target set among ``subjects`` (the same in every call).

        Chosen from the subjects indexed once (see :meth:`_index`) rather than by testing
        each subject for each target set: a node is a focus node when one of its types has
        a target class among its superclasses, it has a subjects-of predicate, or it is
        named.
        """
        found = self._focus.get(id(targets))
        if found is None:
            records, by_type = self._index(subjects)
            classes, superclasses = targets.classes, self.superclasses
            chosen: set[ox.Term] = set()
            if classes:
                for cls, nodes in by_type.items():
                    if not classes.isdisjoint(superclasses.get(cls) or (cls,)):
                        chosen.update(nodes)
            chosen.update(n for n in targets.named if n in subjects)
            for predicate in targets.subjects_of:
                chosen.update(n for n, record in records if predicate in record)
            found = self._focus[id(targets)] = list(chosen)
        return found

    def _index(
        self, subjects: set[ox.Term]
    ) -> tuple[list[tuple[ox.Term, dict[ox.Term, set[ox.Term]]]], dict[ox.Term, list[ox.Term]]]:
        """(each of ``subjects`` with its record, ``subjects`` by their own types), built once
        per check."""
        if self._records is None or self._by_type is None:
            records = [(node, self.record(node)) for node in subjects]
            by_type: dict[ox.Term, list[ox.Term]] = {}
            for node, record in records:
                for cls in record.get(TYPE, _NOTHING):
                    by_type.setdefault(cls, []).append(node)
            self._records, self._by_type = records, by_type
        return self._records, self._by_type

    def counts(
        self, targets: Targets, path: tuple[ox.Term, ...], subjects: set[ox.Term]
    ) -> tuple[int, int]:
        """(fewest, most) distinct values along a path of the focus nodes among ``subjects``
        (``(1, 1)`` for none: no count bound is broken).

        The first call for a target set counts along all of its :attr:`Targets.counted`
        paths in one pass over its focus nodes.
        """
        key = ("counts", targets, path)
        if key not in self._stats:
            paths = [*targets.counted, path] if path not in targets.counted else targets.counted
            fewest = dict.fromkeys(paths, 1 << 30)
            most = dict.fromkeys(paths, 0)
            for node in self.focus(targets, subjects):
                record = self.record(node)
                for steps in paths:
                    if len(steps) == 1:
                        n = len(record.get(steps[0], _NOTHING))
                    else:
                        n = len(self.objects(node, steps))
                    if n < fewest[steps]:
                        fewest[steps] = n
                    if n > most[steps]:
                        most[steps] = n
            for steps in paths:
                none = most[steps] == 0 and fewest[steps] == 1 << 30
                self._stats[("counts", targets, steps)] = (
                    (1, 1) if none else (fewest[steps], most[steps])
                )
        return self._stats[key]  # type: ignore[return-value]

    def common_kinds(
        self, targets: Targets, path: tuple[ox.Term, ...], subjects: set[ox.Term]
    ) -> set[ox.Term] | None:
        """The classes every value along a path of the focus nodes among ``subjects`` is an
        instance of (``None`` for no value at all)."""
        key = ("kinds", targets, path)
        if key not in self._stats:
            common: set[ox.Term] | None = None
            seen: set[ox.Term] = set()
            for node in self.focus(targets, subjects):
                for value in self.objects(node, path):
                    if value in seen:
                        continue
                    seen.add(value)
                    kinds = self.kinds(value)
                    if common is None:
                        common = set(kinds)
                    elif not common <= kinds:
                        common &= kinds
            self._stats[key] = common
        return self._stats[key]  # type: ignore[return-value]


def note(
    by_subject: dict[ox.Term, dict[ox.Term, set[ox.Term]]],
    subject: ox.Term,
    predicate: ox.Term,
    obj: ox.Term,
) -> None:
    """Add a triple to a record of triples by subject and predicate."""
    found = by_subject.get(subject)
    if found is None:
        by_subject[subject] = {predicate: {obj}}
    elif predicate in found:
        found[predicate].add(obj)
    else:
        found[predicate] = {obj}


class Targets:
    """A shape's targets with those of its parents, where the focus nodes follow from the
    nodes' own triples: class, subjects-of and node targets (objects-of ones: not
    ``decidable``)."""

    def __init__(self, index: tuple[set[str], ...]) -> None:
        classes, subjects_of, objects_of, named = index
        self.decidable = not objects_of
        self.classes: set[ox.Term] = {ox.NamedNode(c[1:-1]) for c in classes}
        self.subjects_of: set[ox.Term] = {ox.NamedNode(p[1:-1]) for p in subjects_of}
        self.named: set[ox.Term] = {ox.NamedNode(n[1:-1]) for n in named}
        #: the paths of the count plans with these targets (counted together)
        self.counted: list[tuple[ox.Term, ...]] = []

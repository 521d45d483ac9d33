"""Which count and value plans certainly find nothing on a batch's subjects (:class:`Vouch`).

The record of the scratch store's triples the decisions read is ``gatefacts.py``'s
:class:`~borderkg.validation.gatefacts.Facts` (see its docstring for what is decided and
why it is exact); the decisions for property pairs, schemes, evidence spans and datatypes are
``gatevouch.py``'s. Kept apart from the record so that each module has one purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import SH
from rdflib.term import Node

from borderkg.validation import gatevouch
from borderkg.validation.compile import Check, Compiler, Plan
from borderkg.validation.gatefacts import VALUE_TESTS, Facts, Targets
from borderkg.validation.gatenodes import TYPE
from borderkg.validation.gatevouch import Shortcut
from borderkg.validation.model import Shape
from borderkg.validation.shapeindex import path_predicates
from borderkg.validation.terms import to_rdflib

#: Parameters of ``sh:or`` members decided in Python: value checks of one value, no nesting.
_MEMBER_PARAMETERS = {
    SH.datatype,
    SH.nodeKind,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH.pattern,
    SH.flags,
    SH.languageIn,
    SH["in"],
}


class Vouch:
    """Decides which count and value plans certainly find nothing on a batch's subjects.

    ``shapes``: the compiled shapes; ``targets``: per shape node, its (classes, subjects-of,
    objects-of, nodes) targets with those of its parents (``shapeindex.target_index``);
    ``sensitive``: the shapes whose results on a node can change with links to it (their
    focus nodes do not follow from the node's own triples); ``compiler``: the shapes'
    compiler, to decide ``sh:or`` over member shapes of value checks only (without it, no
    nested check is decided).
    """

    def __init__(
        self,
        shapes: Iterable[Shape],
        targets: dict[Node, tuple[set[str], ...]],
        sensitive: set[Node],
        compiler: Compiler | None = None,
    ) -> None:
        self.compiler = compiler
        shared: dict[tuple[frozenset[str], ...], Targets] = {}
        self._targets: dict[Node, Targets] = {}
        self._paths: dict[Node, tuple[ox.NamedNode, ...]] = {}
        #: the predicates decisions read: rdf:type, the paths, subjects-of targets
        self.wanted: set[ox.Term] = {TYPE}
        for shape in shapes:
            index = targets.get(shape.node)
            path = _forward(shape) if shape.is_property else ()  # (): the focus node itself
            if index is None or path is None or shape.node in sensitive:
                continue
            key = tuple(frozenset(part) for part in index)
            found = shared.setdefault(key, Targets(index))
            if not found.decidable:
                continue
            self._targets[shape.node] = found
            self._paths[shape.node] = path
            counted = SH.minCount in shape.params or SH.maxCount in shape.params
            if counted and path and path not in found.counted:
                found.counted.append(path)
            self.wanted.update(path)
            self.wanted.update(found.subjects_of)
            self.wanted.update(gatevouch.wanted_by(shape))
            self.wanted.update(self._member_predicates(shape))
        self._plans: dict[int, tuple[Any, ...] | None] = {}

    def finds_nothing(self, shape: Shape, plan: Plan, facts: Facts, subjects: set[ox.Term]) -> bool:
        """Whether the plan certainly has no result on any of ``subjects`` (the same
        throughout a check); ``False`` for the plans this cannot decide."""
        key = self._key(shape, plan)
        if key is None:
            return False
        kind, targets, path, bounds = key
        if kind == "counts":
            low, high = bounds
            fewest, most = facts.counts(targets, path, subjects)
            return fewest >= low and (high is None or most <= high)
        if kind == "classes":
            common = facts.common_kinds(targets, path, subjects)
            return common is None or bounds <= common
        if kind != "values":
            focus = facts.focus(targets, subjects)
            return gatevouch.finds_nothing(kind, bounds, facts, focus, path, VALUE_TESTS)
        return _values_pass(facts, facts.focus(targets, subjects), path, bounds)

    def _test(
        self, check: Check
    ) -> frozenset[ox.Term] | Callable[[ox.Term, Any], bool] | AnyOfFacts | None:
        """How the vouch decides a check: the classes of a ``sh:class`` check, the exact Python
        test of another core check (a :class:`~borderkg.validation.gatevouch.Shortcut` where
        it has a quick answer), ``sh:or`` over shapes of such checks or over value counts and
        classes (:class:`AnyOfFacts`), or ``None``."""
        value_check = check.value_check
        if value_check is None:
            return self._any_of(check) or self._facts_or(check)
        if value_check.component == SH.ClassConstraintComponent:
            return frozenset(_classes(check))
        return gatevouch.shortcut(value_check) or value_check.fails

    def _any_of(self, check: Check) -> Shortcut | None:
        """The test of an ``sh:or`` whose members are node shapes with value checks only
        (no paths, counts, property shapes, SPARQL or deactivation), else ``None``."""
        if self.compiler is None or check.nested is None or check.nested[0] != SH["or"]:
            return None
        members = []
        for member in self.compiler.model.members(check.nested[1]):
            if (
                member.is_property
                or member.deactivated
                or member.components
                or not set(member.params) <= _MEMBER_PARAMETERS
            ):
                return None
            tests = []
            for inner in self.compiler.value_checks(member):
                value_check = inner.value_check
                if value_check is None or value_check.fails is None or value_check.needs_store:
                    return None
                tests.append(gatevouch.shortcut(value_check) or value_check.fails)
            members.append(tests)
        return gatevouch.any_of(members) if members else None

    def _facts_or(self, check: Check) -> AnyOfFacts | None:
        """The test of an ``sh:or`` whose members each either count one predicate's values
        (``sh:path`` of one predicate, ``sh:minCount`` only) or name classes (``sh:class``
        only, no path), else ``None``."""
        if self.compiler is None or check.nested is None or check.nested[0] != SH["or"]:
            return None
        members: list[tuple[ox.Term, int] | frozenset[ox.Term]] = []
        for member in self.compiler.model.members(check.nested[1]):
            if member.deactivated or member.components:
                return None
            if member.is_property:
                steps = _forward(member)
                low = member.params.get(SH.minCount, [])
                if steps is None or len(steps) != 1 or set(member.params) != {SH.minCount}:
                    return None
                if len(low) != 1 or not str(low[0]).isdigit():
                    return None
                members.append((steps[0], int(str(low[0]))))
            elif set(member.params) == {SH["class"]}:
                members.append(frozenset(ox.NamedNode(str(c)) for c in member.params[SH["class"]]))
            else:
                return None
        return AnyOfFacts(members) if members else None

    def _member_predicates(self, shape: Shape) -> set[ox.Term]:
        """The predicates the facts-decided ``sh:or`` members of a shape count."""
        found: set[ox.Term] = set()
        if self.compiler is None:
            return found
        for head in shape.params.get(SH["or"], []):
            for member in self.compiler.model.members(head):
                steps = _forward(member) if member.is_property else None
                if steps is not None and len(steps) == 1:
                    found.add(steps[0])
        return found

    def _key(self, shape: Shape, plan: Plan) -> tuple[Any, ...] | None:
        """(kind, targets, path, bounds or classes) deciding a plan, or ``None``."""
        if id(plan) not in self._plans:
            key: tuple[Any, ...] | None = None
            targets = self._targets.get(shape.node)
            if targets is not None:
                path = self._paths[shape.node]
                if plan.kind == "counts" and path:
                    key = ("counts", targets, path, (plan.extra["min"], plan.extra["max"]))
                elif plan.kind == "values":
                    tests = [self._test(check) for check in plan.checks]
                    if tests and all(isinstance(t, frozenset) for t in tests) and path:
                        required = frozenset(c for found in tests for c in found)  # type: ignore[union-attr]
                        key = ("classes", targets, path, required)
                    elif tests and all(t is not None for t in tests):
                        key = ("values", targets, path, tests)
                elif plan.kind in ("pair", "sparql", "custom"):
                    found = gatevouch.plan_key(shape, plan)
                    if found is not None and (
                        path or found[0] == "anchors" or found[0] == "sentences"
                    ):
                        key = (found[0], targets, path, found[1])
            self._plans[id(plan)] = key
        return self._plans[id(plan)]


class AnyOfFacts:
    """``sh:or`` over members decided from a node's own triples: ``(predicate, fewest)``, at
    least that many distinct values of the predicate; a set of classes, an instance of each
    (with the ontology's subclasses). A value passes when one member holds for it."""

    def __init__(self, members: list[tuple[ox.Term, int] | frozenset[ox.Term]]) -> None:
        self.members = members

    def passes(self, facts: Facts, value: ox.Term) -> bool:
        """Whether the value passes some member, by what ``facts`` notes about it."""
        for member in self.members:
            if isinstance(member, frozenset):
                if member <= facts.kinds(value):
                    return True
            elif len(facts.objects(value, (member[0],))) >= member[1]:
                return True
        return False


def _forward(shape: Shape) -> tuple[ox.NamedNode, ...] | None:
    """The predicates of a property shape's path of plain forward steps, else ``None``."""
    steps = path_predicates(shape)
    if steps is None or steps[1] or not steps[0]:
        return None
    return tuple(ox.NamedNode(p[1:-1]) for p in sorted(steps[0]))


def _values_pass(
    facts: Facts, focus: list[ox.Term], path: tuple[ox.Term, ...], tests: list[Any]
) -> bool:
    """Whether every value of the focus nodes passes every test (a class set, or an exact
    Python test), testing at most :data:`VALUE_TESTS` values in Python."""
    budget = VALUE_TESTS
    classes = [test for test in tests if isinstance(test, frozenset)]
    decided = [test for test in tests if isinstance(test, AnyOfFacts)]
    exact = [
        (test, test.passes if isinstance(test, Shortcut) else None)
        for test in tests
        if not isinstance(test, frozenset | AnyOfFacts)
    ]
    passed: set[ox.Term] = set()  # the tests depend on the value only: each is tested once
    for node in focus:
        for value in facts.objects(node, path) if path else (node,):
            if value in passed:
                continue
            for required in classes:
                if not required <= facts.kinds(value):
                    return False
            for test in decided:
                if not test.passes(facts, value):
                    return False
            rdf = None
            for test, passes in exact:
                if passes is not None and passes(value):
                    continue
                budget -= 1
                if budget < 0:
                    return False
                if rdf is None:
                    rdf = to_rdflib(value)
                if test(value, rdf):
                    return False
            passed.add(value)
    return True


def _classes(check: object) -> set[ox.Term]:
    """The classes of a ``sh:class`` check (each one required), or an empty set."""
    value_check = getattr(check, "value_check", None)
    if value_check is None or value_check.component != SH.ClassConstraintComponent:
        return set()
    return {ox.NamedNode(str(c)) for c in value_check.classes or ()}

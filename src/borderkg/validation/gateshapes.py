"""Which compiled shapes can apply to a batch's nodes, and what the gate may skip for them.

A shape can have a batch node as focus node only if the node has one of its target classes
(or a subclass), one of its subjects-of or objects-of predicates, or is one of its target
nodes — counting the batch's own triples for its subjects, its linking predicates for the
nodes it links to, and the neighbourhood's quads for the nodes they are about. The
predicates found also let the gate skip value plans whose path no focus node has.
The subclass closures computed for the queries stay valid as long as only the ontology
states ``rdfs:subClassOf``; otherwise every shape runs and closures are computed afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.term import Node

from borderkg.validation.engine_sparql import CompiledShapes
from borderkg.validation.gatefacts import Facts, note
from borderkg.validation.gatenodes import ONTOLOGY, SUBCLASS, TYPE, BatchNodes

_OUTSIDE_ONTOLOGY = (
    f"ASK {{ {{ GRAPH ?g {{ ?s {SUBCLASS} ?o }} FILTER(?g != {ONTOLOGY}) }} "
    f"UNION {{ ?s {SUBCLASS} ?o }} }}"
)

#: (shapes that can apply, (predicates from, to) the focus nodes or ``None``: skip nothing,
#: subclass closures valid for the scratch store or ``None``: compute them afresh)
Choice = tuple[set[Node], tuple[set[str], set[str]] | None, dict[str, list[str] | None] | None]


@dataclass
class _Profile:
    """Types and predicates (N-Triples) of a group of focus nodes."""

    types: set[ox.Term]
    outgoing: set[str]
    incoming: set[str]


class Applicable:
    """The shapes a batch can bring results for (see the module docstring).

    ``targets``: per shape, its targets with its parents' (``shapeindex.target_index``);
    ``sensitive``: the shapes that react to links to a node.
    """

    def __init__(
        self,
        compiled: CompiledShapes,
        targets: dict[Node, tuple[set[str], ...]],
        sensitive: set[Node],
    ) -> None:
        self.compiled = compiled
        self.targets = targets
        self.sensitive = sensitive
        #: each class of the ontology with all its superclasses
        self.superclasses: dict[ox.Term, set[ox.Term]] = {}
        self.closures: dict[str, list[str] | None] = {}

    def reset(self, superclasses: dict[ox.Term, set[ox.Term]]) -> None:
        """Take a new class hierarchy (the ontology was copied again)."""
        self.superclasses = superclasses
        self.closures = {}

    def applicable(
        self,
        scratch: ox.Store,
        nodes: BatchNodes,
        context: list[ox.Quad],
        facts: Facts | None = None,
    ) -> Choice:
        """The shapes that can have a batch node as focus node, the predicates from and to
        those nodes, the subclass closures valid for the scratch store.

        ``context``: the neighbourhood's quads (noted in ``facts`` too). The scratch store
        holds the ontology's class hierarchy, the batch's graphs (``nodes``: their
        predicates) and ``context``: whether it states ``rdfs:subClassOf`` outside the
        ontology is read from those, without a query.
        """
        if SUBCLASS in nodes.predicates:
            return self.everything(scratch)
        wanted = facts.wanted if facts is not None else set()
        by_subject = facts.by_subject if facts is not None else {}
        subjects, objects = nodes.subjects, nodes.objects  # disjoint
        types: tuple[set[ox.Term], set[ox.Term]] = (set(nodes.classes), set())
        outgoing: tuple[set[ox.Term], set[ox.Term]] = (set(nodes.predicates), set())
        incoming: tuple[set[ox.Term], set[ox.Term]] = (set(nodes.linking), set(nodes.linking))
        # per predicate: (rdf:type?, noted?, rdfs:subClassOf?)
        kinds: dict[ox.Term, tuple[bool, bool, bool]] = {}
        for quad in context:
            subject, predicate, obj = quad.subject, quad.predicate, quad.object
            kind = kinds.get(predicate)
            if kind is None:
                kind = kinds[predicate] = (
                    predicate == TYPE,
                    predicate in wanted,
                    predicate == SUBCLASS,
                )
            if kind[2] and quad.graph_name != ONTOLOGY:
                # the facts noted so far go unused: nothing is vouched for without a profile
                return self.everything(scratch)
            side = 0 if subject in subjects else 1 if subject in objects else -1
            if side >= 0:
                outgoing[side].add(predicate)
                if kind[0]:
                    types[side].add(obj)
            if obj in subjects:
                incoming[0].add(predicate)
            elif obj in objects:
                incoming[1].add(predicate)
            if kind[1]:
                note(by_subject, subject, predicate, obj)
        mine, linked = (
            _Profile(types[i], {str(p) for p in outgoing[i]}, {str(p) for p in incoming[i]})
            for i in (0, 1)
        )
        shapes = self._shapes_for(mine, subjects)
        shapes |= self._shapes_for(linked, objects) & self.sensitive
        shapes |= set(self.compiled.delegated)
        present = (mine.outgoing | linked.outgoing, mine.incoming | linked.incoming)
        return shapes, present, self.closures

    def everything(self, scratch: ox.Store) -> Choice:
        """Every shape, no plan skipped; subclass closures computed afresh when classes are
        declared beyond the ontology."""
        closures = None if scratch.query(_OUTSIDE_ONTOLOGY) else self.closures
        return set(self.targets) | set(self.compiled.delegated), None, closures

    def _shapes_for(self, profile: _Profile, nodes: set[ox.Term]) -> set[Node]:
        """The shapes whose targets a group of nodes (``nodes``, with ``profile``) meets."""
        if not nodes:
            return set()
        classes = {str(c) for t in profile.types for c in self.superclasses.get(t, {t})}
        out, into = profile.outgoing, profile.incoming
        # the nodes in N-Triples, made only when some shape names target nodes
        names: set[str] | None = None
        found: set[Node] = set()
        for node, (cls, subj, obj, named) in self.targets.items():
            if cls & classes or subj & out or obj & into:
                found.add(node)
            elif named:
                if names is None:
                    names = {str(n) for n in nodes}
                if named & names:
                    found.add(node)
        return found

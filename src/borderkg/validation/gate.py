"""The load-time gate: which prospective article graphs may enter the store.

Design — check in a scratch store, write nothing until the verdict:

* The gate never writes the store. Each check puts the batch's article graphs into a private
  in-memory *scratch* store (N-Triples text is loaded by pyoxigraph directly: ``gatebatch.py``),
  next to the ontology's class hierarchy (copied once) and the part of the store the batch's
  nodes reach (``neighbourhood.py``; the well-known graphs are read from copies kept in
  memory): every quad whose subject is a node of the batch, in any graph; the links the cross-article rules compare (``skos:exactMatch``,
  ``owl:sameAs``, ``schema:url`` in both its IRI and literal form), every link to an anonymous
  source; the types of the nodes at the other end; ``bkg:adminParent`` chains. Graphs the batch
  replaces are left out, so a new version is judged without its old one and cannot conflict
  with it. These are the triples the compiled constraints read for the batch's nodes, so the
  results equal those of the whole store plus the batch (tests/test_gate.py compares them with
  full validation).
* The compiled queries run once per check on the scratch store, for the shapes that can apply
  to the batch's nodes (by their types and predicates: ``gateshapes.py``), plans with the same
  focus nodes sharing one query (``gaterun.py``); for a check of one or two articles, count
  and class plans, value checks, property pairs, the in-scheme component and the evidence-span
  constraints that certainly find nothing on the batch's subjects are not run at all
  (``gatefacts.py``, ``gatedecide.py``, ``gatevouch.py``), nor, for any profiled batch, the cross-article rules
  a few lookups in the scratch store show to find nothing (``gatecross.py``). The results kept are those on the batch's subjects (and, for the few
  shapes that look at links *to* a node — anonymous sources, inverse paths — on the nodes the
  batch links to). A result that also holds without
  the batch is not the batch's doing and is dropped (only results on nodes the store already
  has are run again without the batch). The rest are charged to the batch graphs containing
  the focus node: a Violation rejects the graph, Warnings are reported and it loads. A result
  charged to several batch graphs (two incoming articles sharing an anonymous source) is
  settled by checking them one by one in batch order, each against the store plus the
  articles accepted before it, so only the later one is rejected. A rejection can change the
  others' verdicts (a node they point to is not coming), so the rest are judged again — on
  the same scratch store, and only when the rejected graphs say something the others'
  constraints read (``gatereject.py``).
* Nothing invalid becomes visible and a crash leaves nothing behind: the scratch store is
  private memory, dropped after every check, and the caller writes only accepted graphs, each
  whole, in a transaction (``GraphStore.write_articles``).

The cost is a store lookup per node of the batch (and a scan of the few nodes named in many
graphs), loading the batch, and some twenty queries per check: checking articles in batches
shares the per-query cost and the lookups of shared nodes.
With shapes other than the project's the gate cannot know which triples they read, and copies
the whole store into the scratch store instead: correct, but not fast.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from borderkg.validation.data import (
    BACKGROUND_GRAPHS,
    article_graph_finder,
    to_dataset,
    unwrap_store,
)
from borderkg.validation.engine_pyshacl import run_pyshacl
from borderkg.validation.engine_sparql import (
    CompiledShapes,
    compile_shapes,
    project_shapes,
    to_results,
)
from borderkg.validation.gatebatch import (
    Article,
    Batch,
    batch_nodes,
    elsewhere,
    graphs_holding,
    normalise,
)
from borderkg.validation.gatecross import CrossCheck, Look
from borderkg.validation.gatedecide import Vouch
from borderkg.validation.gatefacts import VOUCH_GRAPHS, Facts
from borderkg.validation.gatenodes import (
    CROSS_LINKS,
    ONTOLOGY,
    SUBCLASS,
    TYPE,
    BatchNodes,
    superclasses,
)
from borderkg.validation.gatereject import others_unaffected
from borderkg.validation.gaterun import GateRunner
from borderkg.validation.gateshapes import Applicable
from borderkg.validation.neighbourhood import Reader
from borderkg.validation.report import ValidationReport, ValidationResult, is_violation
from borderkg.validation.shapeindex import (
    VALUE_KINDS,
    has_path,
    incoming_sensitive,
    inverse_everywhere,
    nested_shapes,
    path_predicates,
    queries,
    target_index,
    value_predicates,
)

__all__ = ["Batch", "Gate"]

Charged = dict[str, list[tuple[ValidationResult, bool]]]
#: What a plan may be skipped for (see ``Gate._skip_kind``).
_SkipKind = tuple[bool, tuple[set[str], set[str]] | None, bool]
_EQUALS = SH.EqualsConstraintComponent


class Gate:
    """Decides, before anything is written, which prospective article graphs may be stored.

    ``Gate()`` checks against the project shapes; ``Gate(shapes)`` against another shapes
    graph (slower: see the module docstring). One gate serves many checks; it copies the store's
    ontology, schemes and vocabulary graphs at its first check (see :meth:`refresh`).
    """

    def __init__(self, shapes: Graph | None = None) -> None:
        self.compiled: CompiledShapes = (
            project_shapes() if shapes is None else compile_shapes(shapes)
        )
        self.whole_store = shapes is not None
        self.targets = target_index(self.compiled)
        self.runner = GateRunner(self.compiled)
        self.incoming_sensitive = incoming_sensitive(self.compiled)
        self.vouch = Vouch(
            [shape for shape, _plans in self.compiled.plans],
            self.targets,
            self.incoming_sensitive,
            self.compiled.compiler,
        )
        whole = {c for node in self.incoming_sensitive for c in self.targets[node][0]}
        self.reader = Reader(
            value_predicates(
                self.compiled.model.graph, nested_shapes(self.compiled), queries(self.compiled)
            ),
            {ox.NamedNode(c[1:-1]) for c in whole},
            list(BACKGROUND_GRAPHS),
            [ox.NamedNode(p) for p in sorted(inverse_everywhere(self.compiled, whole))],
        )
        self.by_id = {shape.id: shape.node for shape, _plans in self.compiled.plans}
        self.paths = {shape.node: path_predicates(shape) for shape, _p in self.compiled.plans}
        self.named = {n for (_c, _s, _o, named) in self.targets.values() for n in named}
        self._ontology_quads: list[ox.Quad] | None = None  # None: not copied since refresh
        self._hierarchy: list[ox.Quad] = []  # the ontology's rdfs:subClassOf quads
        self._ontology_by_subject: dict[ox.Term, list[ox.Quad]] = {}
        self.shapes = Applicable(self.compiled, self.targets, self.incoming_sensitive)
        self.cross = CrossCheck(self.compiled.plans, self.targets)
        self._skip_kinds: dict[int, _SkipKind] = {}  # by id of plan (plans live as long)

    # -- the public check -------------------------------------------------------------------

    def check(self, store: Any, batch: Batch) -> dict[str, ValidationReport]:
        """A report per article graph of ``batch``: Violations mean reject, Warnings load.

        ``store``: an open ``GraphStore`` (or ``pyoxigraph.Store``); ``batch``: pairs
        ``(graph IRI, quads, triples or NTriples text)``, or triples ``(graph, quads or
        NTriples, content hash)`` as ``GraphStore.write_articles`` takes them (the hash is
        then stamped as the store does). N-Triples text is the fastest input: it is loaded
        without turning each triple into a Python object.
        A graph given twice is judged in its later version.
        """
        main = unwrap_store(store)
        if main is None:
            raise TypeError(f"the gate needs a GraphStore or pyoxigraph Store, not {type(store)}")
        # A check makes some thousand short-lived containers, nearly all freed as it ends;
        # meanwhile the cyclic collector would run several times (and now and then walk all
        # the process's long-lived objects: shapes, plans, the copied graphs). Paused for the
        # check (for the whole process: it has one collector), it runs later if still due.
        collecting = gc.isenabled()
        if collecting:
            gc.disable()
        try:
            return self._check(main, batch)
        finally:
            if collecting:
                gc.enable()

    def _check(self, main: ox.Store, batch: Batch) -> dict[str, ValidationReport]:
        """:meth:`check` on the unwrapped store."""
        started = time.perf_counter()
        graphs = normalise(batch)
        self._sync_ontology(main)
        if not graphs:
            return {}
        final: dict[str, list[ValidationResult]] = {}
        pending = dict(graphs)
        scratch = self._fill(main, graphs, pending, accepted={})
        while pending:
            charged = self._charge(scratch)
            own = {g: [r for r, shared in charged.get(g, []) if not shared] for g in pending}
            shared = [g for g in pending if any(s for _r, s in charged.get(g, []))]
            rejected = [g for g in pending if g not in shared and not _conforms(own[g])]
            if not rejected and shared:
                # Articles of the batch in conflict with each other: earlier ones win.
                accepted = {g: a for g, a in pending.items() if g not in shared}
                for graph in shared:
                    scratch = self._arrange(main, scratch, {graph: pending[graph]}, accepted)
                    alone = self._charge(scratch)
                    own[graph] = [r for r, _s in alone.get(graph, [])]
                    if _conforms(own[graph]):
                        accepted[graph] = pending[graph]
                    else:
                        rejected.append(graph)
            for graph in rejected:
                final[graph] = own[graph]
                del pending[graph]
            done = not pending or not rejected
            if done or (not shared and self._unaffected(scratch, rejected, charged)):
                final.update({g: own[g] for g in pending})
                break
            scratch = self._arrange(main, scratch, pending, accepted={})
        seconds = time.perf_counter() - started
        engines = self.compiled.shape_engines
        return {graph: ValidationReport(final[graph], "gate", seconds, engines) for graph in graphs}

    # -- judging ------------------------------------------------------------------------------

    def _fill(
        self,
        main: ox.Store,
        articles: dict[str, Article],
        graphs: dict[str, Article],
        accepted: dict[str, Article],
    ) -> _Scratch:
        """A scratch store with the batch ``graphs``, what the store says about their nodes
        (without the graphs they replace), and the ``accepted`` graphs of the check
        (``articles``: all its graphs)."""
        store = ox.Store()
        store.extend(self._hierarchy)
        for article in (*graphs.values(), *accepted.values()):
            article.load(store)
        facts = self._facts(len(graphs))
        nodes = batch_nodes(store, graphs, self.reader, facts)
        skip = {ox.NamedNode(g) for g in (*graphs, *accepted)}
        if self.whole_store:
            context = [q for q in main if q.graph_name not in skip]
        else:  # the store holds the graphs that may be written next (and the hierarchy)
            context = self.reader.fetch(main, nodes, skip, store)
            # accepted graphs are read around yet written next: not "described by no graph"
            self.reader.forget(q.subject for a in accepted.values() for q in a.quads_in(store))
        store.extend(context)
        for article in accepted.values():
            context += article.quads_in(store)
        loaded = {*graphs, *accepted}
        return _Scratch(store, articles, dict(graphs), nodes, context, loaded, facts=facts)

    def _arrange(
        self,
        main: ox.Store,
        scratch: _Scratch,
        graphs: dict[str, Article],
        accepted: dict[str, Article],
    ) -> _Scratch:
        """The scratch store holding the batch ``graphs`` and, next to them, ``accepted``.

        After rejections, and to settle conflicts one graph at a time, the batch shrinks: the
        neighbourhood read for the larger batch covers the smaller one, so the store is kept
        and only graphs are taken out or put back — unless one of the graphs left out has a
        version in the store, which would now stay and count: then it is filled again.
        """
        others = [g for g in scratch.articles if g not in graphs and g not in accepted]
        if any(main.contains_named_graph(ox.NamedNode(g)) for g in others):
            return self._fill(main, scratch.articles, graphs, accepted)
        store, loaded = scratch.store, scratch.loaded
        for graph in others:
            if graph in loaded:
                store.remove_graph(ox.NamedNode(graph))
                loaded.discard(graph)
        for graph, article in (*graphs.items(), *accepted.items()):
            if graph not in loaded:
                article.load(store)
                loaded.add(graph)
        facts = self._facts(len(graphs))
        nodes = batch_nodes(store, graphs, self.reader, facts)
        return _Scratch(
            store,
            scratch.articles,
            dict(graphs),
            nodes,
            scratch.context,
            loaded,
            not accepted,
            facts,
        )

    def _charge(self, scratch: _Scratch) -> Charged:
        """Results that the batch brings, charged to its graphs: ``{graph: [(result, shared)]}``."""
        store, graphs, nodes = scratch.store, scratch.graphs, scratch.nodes
        facts = scratch.facts
        if scratch.profiled:
            shapes, present, closures = self.shapes.applicable(store, nodes, scratch.context, facts)
        else:  # the graphs next to the batch may say anything about its nodes
            shapes, present, closures = self.shapes.everything(store)

        named: list[set[str]] = []  # the batch's subjects and objects in N-Triples, once asked

        def ours(shape: Node, focus: str) -> bool:
            if not named:
                named.extend(({str(n) for n in nodes.subjects}, {str(n) for n in nodes.objects}))
            subjects, objects = named
            return focus in subjects or (focus in objects and shape in self.incoming_sensitive)

        vouched = (facts, nodes.subjects) if present is not None and facts is not None else None
        after = self._run(store, shapes, present, closures, ours, vouched)
        owners = graphs_holding(store, graphs, {r.focus_node for r in after})
        wanted = self._already(store, after, graphs)
        before: set[ValidationResult] = set()
        if wanted:
            for graph in graphs:
                store.remove_graph(ox.NamedNode(graph))
                scratch.loaded.discard(graph)
            focus = {f for nodes in wanted.values() for f in nodes}
            before.update(self._run(store, set(wanted), None, None, lambda _s, f: f in focus))
        charged: Charged = {}
        for result in dict.fromkeys(after):
            if result in before:
                continue
            holders = owners.get(result.focus_node) or {next(iter(graphs))}
            for graph in holders:
                charged.setdefault(graph, []).append((result, len(holders) > 1))
        return charged

    def _unaffected(self, scratch: _Scratch, rejected: list[str], charged: Charged) -> bool:
        """Whether the graphs left after ``rejected`` keep the results found with them
        (``gatereject.py``), so they need no second run."""
        if self.whole_store or not scratch.profiled:
            return False
        focus = {
            r.focus_node for g, found in charged.items() if g not in rejected for r, _ in found
        }
        types: dict[ox.Term, bool] = {}

        def whole(node: ox.Term) -> bool:
            if node not in types:
                types[node] = node in scratch.nodes.whole or any(
                    self.reader.is_whole(q.object)
                    for q in scratch.store.quads_for_pattern(node, TYPE, None)
                )
            return types[node]

        comparing = {*CROSS_LINKS, *self.reader.everywhere}
        return others_unaffected(
            scratch.store, rejected, whole=whole, comparing=comparing, focus=focus
        )

    def _already(
        self, scratch: ox.Store, after: list[ValidationResult], graphs: dict[str, Article]
    ) -> dict[Node, set[str]]:
        """Shapes and focus nodes of ``after`` whose results may hold without the batch.

        Only nodes the store already says something about (or targeted by name) can have
        results without the batch; for the batch's new nodes nothing needs to run again.
        """
        wanted: dict[Node, set[str]] = {}
        known: dict[str, bool] = {}
        for result in after:
            focus = result.focus_node
            if result.source_shape not in self.by_id:
                continue
            if focus not in known:
                known[focus] = focus in self.named or elsewhere(scratch, focus, graphs)
            if known[focus]:
                wanted.setdefault(self.by_id[result.source_shape], set()).add(focus)
        return wanted

    def _run(
        self,
        scratch: ox.Store,
        only: set[Node],
        present: tuple[set[str], set[str]] | None,
        closures: dict[str, list[str]] | None,
        keep: Callable[[Node, str], bool],
        vouched: tuple[Facts, set[ox.Term]] | None = None,
    ) -> list[ValidationResult]:
        """Results on the scratch store of the shapes ``only`` that ``keep(shape, focus)``.

        The scratch store is small, so the queries run over all of it and the results are
        kept for the focus nodes wanted (cheaper than naming the nodes in every query).
        ``present``: (predicates from, predicates to) the focus nodes; plans that only look
        at values along paths none of the focus nodes has are skipped, and the cross-article
        rules the scratch store shows to find nothing (``gatecross.py``). ``vouched``: (what
        the scratch store says about the batch's subjects, the subjects) when the results
        kept are those on them: plans that certainly find nothing there are skipped
        (``gatefacts.py``).
        """
        if not only:
            return []
        skip = None
        if present is not None:
            outgoing, incoming = present
            vouch, cross = self.vouch, self.cross
            look = Look(scratch, self.shapes.superclasses)

            kinds = self._skip_kinds

            def skip(shape: Any, plan: Any) -> bool:
                kind = kinds.get(id(plan))
                if kind is None:
                    kind = kinds[id(plan)] = self._skip_kind(shape, plan)
                never, path, crossing = kind
                if never:
                    return False
                if path is not None and not has_path(path, outgoing, incoming):
                    return True
                if crossing:
                    return cross.finds_nothing(plan, look)
                return vouched is not None and vouch.finds_nothing(shape, plan, *vouched)

        raws = self.runner.run(scratch, only, skip, {} if closures is None else closures)
        mine = [(shape, raw) for shape, raw in raws if keep(shape.node, str(raw.focus))]
        results = to_results(mine, article_graph_finder(scratch))
        if self.compiled.delegated:
            delegated = {
                self.compiled.model.shape(n).id: n for n in self.compiled.delegated if n in only
            }
            extra = run_pyshacl(
                to_dataset(scratch, background=False),
                self.compiled.model.graph,
                roots=self.compiled.roots(),
            )
            results += [
                r
                for r in extra
                if r.source_shape in delegated and keep(delegated[r.source_shape], r.focus_node)
            ]
        return results

    def _skip_kind(self, shape: Any, plan: Any) -> _SkipKind:
        """What :meth:`_run` may skip a plan for, from the plan alone (the same in every
        check): (never skipped, the path predicates of a plan that only looks at values along
        them or ``None``, whether a cross-article rule settles it)."""
        if plan.extra.get("component") == _EQUALS:
            return True, None, False  # reports the other property's values too
        path = self.paths.get(shape.node) if plan.kind in VALUE_KINDS else None
        return False, path, self.cross.knows(plan)

    def _facts(self, graphs: int) -> Facts | None:
        """An empty record of the scratch store's triples about a batch of ``graphs`` graphs,
        or ``None``: the gate vouches for nothing in a batch of many graphs, or against
        other shapes (``gatefacts.py``)."""
        if self.whole_store or graphs > VOUCH_GRAPHS:
            return None
        return Facts(self.vouch.wanted, self.shapes.superclasses, self._ontology_by_subject)

    def _sync_ontology(self, main: ox.Store) -> None:
        """Copy the store's ontology and well-known graphs unless copied since the last
        :meth:`refresh` (an empty ontology is a copy too, the one a write emptying it is
        judged with): the hierarchy goes into every scratch store, the rest is read by node."""
        if self._ontology_quads is not None:
            return
        quads = self._ontology_quads = list(main.quads_for_pattern(None, None, None, ONTOLOGY))
        self._hierarchy = [q for q in quads if q.predicate == SUBCLASS]
        self._ontology_by_subject = {}
        for quad in quads:
            self._ontology_by_subject.setdefault(quad.subject, []).append(quad)
        copy = ox.Store()
        copy.extend(quads)
        self.shapes.reset(superclasses(copy))
        self.reader.superclasses = self.shapes.superclasses
        self.reader.refresh(main)

    def refresh(self, store: Any) -> None:
        """Re-read the store's ontology, schemes and vocabulary graphs, and forget what the
        gate remembers about the store.

        The gate copies them at its first check, and remembers which of their nodes no other
        graph describes and what it read about hubs and the others (``neighbourhubs.py``);
        call this after replacing them in the store (``borderkg.pipeline.ensure_schema_graphs``)
        or after writing to it other than after a check of this gate, if the same gate is used
        afterwards.
        """
        main = unwrap_store(store)
        if main is None:
            raise TypeError(f"the gate needs a GraphStore or pyoxigraph Store, not {type(store)}")
        self._ontology_quads = None
        self._sync_ontology(main)


@dataclass
class _Scratch:
    """A batch in its scratch store."""

    store: ox.Store
    articles: dict[str, Article]  # every graph of the check
    graphs: dict[str, Article]  # the batch judged
    nodes: BatchNodes
    context: list[ox.Quad]  # the quads read from the store (and of graphs next to the batch)
    loaded: set[str]  # the graphs of the check in the store now
    profiled: bool = True  # ``context`` has every quad about the batch's nodes outside it
    facts: Facts | None = None  # the batch's triples (and ``context``'s, once profiled)


def _conforms(results: list[ValidationResult]) -> bool:
    return not any(is_violation(r.severity) for r in results)

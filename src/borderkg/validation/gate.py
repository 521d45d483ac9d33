"""The load-time gate: which prospective article graphs may enter the store.

Design — check in a scratch store, write nothing until the verdict:

* The gate never writes the store. Each check puts the batch's article graphs into a private
  in-memory *scratch* store, next to a copy of the store's ontology graph (kept between
  checks) and the part of the store the batch's nodes reach (``neighbourhood.py``): every quad
  whose subject is a node of the batch, in any graph; the incoming links the cross-article
  rules compare (``skos:exactMatch``, ``owl:sameAs``, ``schema:url`` in both its IRI and
  literal form, every link to an anonymous source, inverse-path predicates); the types of the
  nodes at the other end; ``bkg:adminParent`` chains. Graphs the batch replaces are left out,
  so a new version is judged without its old one and cannot conflict with it. These are the
  triples the compiled constraints read for the batch's nodes, so the results equal those of
  the whole store plus the batch (tests/test_gate.py compares them with full validation).
* The compiled queries run on the scratch store; the results kept are those on the batch's
  subjects (and, for the few shapes that look at links *to* a node — anonymous sources, inverse
  paths — on the nodes the batch links to). A result that also holds without the batch is not
  the batch's doing and is dropped. The rest are charged to the batch graphs containing the
  focus node: a Violation rejects the graph, Warnings are reported and it loads. A result
  charged to several batch graphs (two incoming articles sharing an anonymous source) is
  settled by checking them one by one in batch order, each against the store plus the
  articles accepted before it, so only the later one is rejected. A rejection can change the
  others' verdicts (a node they point to is not coming), so the rest are judged again.
* Nothing invalid becomes visible and a crash leaves nothing behind: the scratch store is
  private memory, emptied after every check, and the caller writes only accepted graphs, each
  whole, in a transaction (``GraphStore.write_articles``).

With shapes other than the project's the gate cannot know which triples they read, and copies
the whole store into the scratch store instead: correct, but not fast.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from borderkg.ontology.namespaces import ONTOLOGY_GRAPH
from borderkg.oxterms import iri_of, triples_in
from borderkg.storetypes import CONTENT_HASH, NTriples, article_of_graph
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
    run_compiled,
    to_results,
)
from borderkg.validation.neighbourhood import (
    CROSS_LINKS,
    ONTOLOGY,
    SUBCLASS,
    TYPE,
    Reader,
    superclasses,
    value_predicates,
)
from borderkg.validation.report import ValidationReport, ValidationResult
from borderkg.validation.shapeindex import (
    VALUE_KINDS,
    has_path,
    incoming_sensitive,
    nested_shapes,
    path_predicates,
    queries,
    target_index,
)

Batch = Iterable[tuple[Any, Iterable[Any]] | tuple[Any, Iterable[Any], str]]
Charged = dict[str, list[tuple[ValidationResult, bool]]]


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
        inverse = {
            ox.NamedNode(str(p))
            for p in self.compiled.model.graph.objects(None, SH.inversePath)
            if isinstance(p, URIRef)
        }
        self.incoming = [*CROSS_LINKS, *sorted(inverse - set(CROSS_LINKS), key=str)]
        self.targets = target_index(self.compiled)
        self.incoming_sensitive = incoming_sensitive(self.compiled)
        self.reader = Reader(
            self.incoming,
            value_predicates(
                self.compiled.model.graph, nested_shapes(self.compiled), queries(self.compiled)
            ),
            {
                ox.NamedNode(c[1:-1])
                for node in self.incoming_sensitive
                for c in self.targets[node][0]
            },
            [g for g in BACKGROUND_GRAPHS if g != str(ONTOLOGY_GRAPH)],
        )
        self.by_id = {shape.id: shape.node for shape, _plans in self.compiled.plans}
        self.paths = {shape.node: path_predicates(shape) for shape, _p in self.compiled.plans}
        self._ontology_quads: list[ox.Quad] = []
        # subclasses per class, valid while only the ontology states rdfs:subClassOf
        self._closures: dict[str, list[str] | None] = {}
        self._superclasses: dict[ox.Term, set[ox.Term]] = {}

    # -- the public check -------------------------------------------------------------------

    def check(self, store: Any, batch: Batch) -> dict[str, ValidationReport]:
        """A report per article graph of ``batch``: Violations mean reject, Warnings load.

        ``store``: an open ``GraphStore`` (or ``pyoxigraph.Store``); ``batch``: pairs
        ``(graph IRI, quads, triples or NTriples text)``, or triples ``(graph, quads, content
        hash)`` as ``GraphStore.write_articles`` takes them (the hash is then stamped as the
        store does).
        A graph given twice is judged in its later version.
        """
        main = unwrap_store(store)
        if main is None:
            raise TypeError(f"the gate needs a GraphStore or pyoxigraph Store, not {type(store)}")
        started = time.perf_counter()
        graphs = _normalise(batch)
        self._sync_ontology(main)
        final: dict[str, list[ValidationResult]] = {}
        pending = dict(graphs)
        while pending:
            charged = self._judge(main, pending, accepted={})
            own = {g: [r for r, shared in charged.get(g, []) if not shared] for g in pending}
            shared = [g for g in pending if any(s for _r, s in charged.get(g, []))]
            rejected = [g for g in pending if g not in shared and not _conforms(own[g])]
            if not rejected and shared:
                # Articles of the batch in conflict with each other: earlier ones win.
                accepted = {g: q for g, q in pending.items() if g not in shared}
                for graph in shared:
                    alone = self._judge(main, {graph: pending[graph]}, accepted=accepted)
                    own[graph] = [r for r, _s in alone.get(graph, [])]
                    if _conforms(own[graph]):
                        accepted[graph] = pending[graph]
                    else:
                        rejected.append(graph)
            for graph in rejected:
                final[graph] = own[graph]
                del pending[graph]
            if not rejected:
                final.update(own)
                break
        seconds = time.perf_counter() - started
        engines = self.compiled.shape_engines
        return {graph: ValidationReport(final[graph], "gate", seconds, engines) for graph in graphs}

    # -- judging ------------------------------------------------------------------------------

    def _judge(
        self,
        main: ox.Store,
        graphs: dict[str, list[ox.Quad]],
        accepted: dict[str, list[ox.Quad]],
    ) -> Charged:
        """Results that the batch ``graphs`` bring, charged to them: ``{graph: [(result, shared)]}``."""
        batch = [q for quads in graphs.values() for q in quads]
        subjects = {q.subject for q in batch}
        objects = {
            q.object
            for q in batch
            if isinstance(q.object, ox.NamedNode | ox.BlankNode) and q.predicate != TYPE
        } - subjects
        skip = {ox.NamedNode(g) for g in (*graphs, *accepted)} | {ONTOLOGY}
        if self.whole_store:
            context = [q for q in main if q.graph_name not in skip]
        else:
            context = self.reader.fetch(main, subjects, objects, batch, skip)
        context += [q for quads in accepted.values() for q in quads]
        scratch = ox.Store()
        scratch.extend(self._ontology_quads)
        scratch.extend(context)
        scratch.extend(batch)
        (mine, mine_present), (linked, linked_present) = self._applicable(
            [subjects, objects], batch, context
        )
        after = self._run(scratch, subjects, mine, mine_present)
        after += self._run(scratch, objects, linked & self.incoming_sensitive, linked_present)
        wanted = self._already(after, context)
        before: set[ValidationResult] = set()
        if wanted:
            _remove(scratch, batch)
            focus = {f for nodes in wanted.values() for f in nodes}
            before.update(self._run(scratch, focus, set(wanted), None))
        owners = _owners(graphs, {r.focus_node for r in after})
        charged: Charged = {}
        for result in dict.fromkeys(after):
            if result in before:
                continue
            holders = owners.get(result.focus_node) or {next(iter(graphs))}
            for graph in holders:
                charged.setdefault(graph, []).append((result, len(holders) > 1))
        return charged

    def _already(
        self, after: list[ValidationResult], context: list[ox.Quad]
    ) -> dict[Node, set[str]]:
        """Shapes and focus nodes of ``after`` whose results may hold without the batch.

        Only nodes the store already says something about (or targeted by name) can have
        results without the batch; for the batch's new nodes nothing needs to run again.
        """
        known = {str(q.subject) for q in context} | {str(q.object) for q in context}
        known |= {n for (_c, _s, _o, named) in self.targets.values() for n in named}
        wanted: dict[Node, set[str]] = {}
        for result in after:
            if result.focus_node in known and result.source_shape in self.by_id:
                wanted.setdefault(self.by_id[result.source_shape], set()).add(result.focus_node)
        return wanted

    def _run(
        self,
        scratch: ox.Store,
        focus: set[Any],
        only: set[Node] | None,
        present: tuple[set[str], set[str]] | None,
    ) -> list[ValidationResult]:
        """Results on the scratch store for some focus nodes (terms or N-Triples) and shapes.

        The scratch store is small, so the queries run over all of it and the results are
        kept for the focus nodes (cheaper than naming the nodes in every query).
        ``present``: (predicates from, predicates to) the focus nodes; plans that only look
        at values along paths none of the focus nodes has are skipped.
        """
        keys = {str(n) for n in focus}
        if not keys or (only is not None and not only):
            return []
        skip = None
        if present is not None:
            outgoing, incoming = present

            def skip(shape: Any, plan: Any) -> bool:
                if plan.extra.get("component") == SH.EqualsConstraintComponent:
                    return False  # reports the other property's values too
                return plan.kind in VALUE_KINDS and not has_path(
                    self.paths.get(shape.node), outgoing, incoming
                )

        raws = run_compiled(
            scratch,
            self.compiled,
            only=only,
            skip=skip,
            by_node=False,
            closures=self._closures if present is not None else None,
        )
        mine = [(shape, raw) for shape, raw in raws if str(raw.focus) in keys]
        results = to_results(mine, article_graph_finder(scratch))
        if self.compiled.delegated:
            delegated = {self.compiled.model.shape(n).id for n in self.compiled.delegated}
            extra = run_pyshacl(
                to_dataset(scratch, background=False),
                self.compiled.model.graph,
                roots=self.compiled.roots(),
            )
            results += [r for r in extra if r.source_shape in delegated and r.focus_node in keys]
        return results

    # -- which shapes can apply ---------------------------------------------------------------

    def _applicable(
        self, groups: list[set[Any]], batch: list[ox.Quad], context: list[ox.Quad]
    ) -> list[tuple[set[Node], tuple[set[str], set[str]] | None]]:
        """For each group of focus nodes: the compiled shapes that can have one of them as a
        focus node, and the predicates (from, to) those nodes have."""
        quads = (*batch, *context)
        if any(q.predicate == SUBCLASS for q in quads):
            return [(set(self.targets), None) for _g in groups]  # classes beyond the ontology
        found: list[tuple[set[ox.Term], set[ox.Term], set[ox.Term]]] = [
            (set(), set(), set()) for _g in groups
        ]
        for quad in quads:
            for focus, (types, outgoing, incoming) in zip(groups, found, strict=True):
                if quad.subject in focus:
                    outgoing.add(quad.predicate)
                    if quad.predicate == TYPE:
                        types.add(quad.object)
                if quad.object in focus:
                    incoming.add(quad.predicate)
        answers = []
        for focus, (types, outgoing, incoming) in zip(groups, found, strict=True):
            if not focus:
                answers.append((set(), None))
                continue
            classes = {str(c) for t in types for c in self._superclasses.get(t, {t})}
            out, into = {str(p) for p in outgoing}, {str(p) for p in incoming}
            nodes = {str(n) for n in focus}
            shapes = {
                node
                for node, (cls, subj, obj, named) in self.targets.items()
                if cls & classes or subj & out or obj & into or named & nodes
            }
            answers.append((shapes, (out, into)))
        return answers

    def _sync_ontology(self, main: ox.Store) -> None:
        """Copy the store's ontology (the class hierarchy) and well-known graphs, once."""
        if self._ontology_quads:
            return
        self._ontology_quads = list(main.quads_for_pattern(None, None, None, ONTOLOGY))
        self._closures = {}
        copy = ox.Store()
        copy.extend(self._ontology_quads)
        self._superclasses = superclasses(copy)
        self.reader.refresh(main)

    def refresh(self, store: Any) -> None:
        """Re-read the store's ontology, schemes and vocabulary graphs.

        The gate copies them at its first check; call this after replacing them in the store
        (``borderkg.pipeline.ensure_schema_graphs``) if the same gate is used afterwards.
        """
        main = unwrap_store(store)
        if main is None:
            raise TypeError(f"the gate needs a GraphStore or pyoxigraph Store, not {type(store)}")
        self._ontology_quads = []
        self._sync_ontology(main)


# --- the batch -------------------------------------------------------------------------------


def _normalise(batch: Batch) -> dict[str, list[ox.Quad]]:
    """Each graph's quads, in the graph, without duplicates, with its content hash stamped."""
    graphs: dict[str, list[ox.Quad]] = {}
    for item in batch:
        graph = iri_of(item[0])
        name = ox.NamedNode(graph)
        given = item[1]
        if isinstance(given, NTriples):
            given = given.triples()
        items = given if isinstance(given, list) else list(given)
        if all(isinstance(q, ox.Quad) and q.graph_name == name for q in items):
            quads = list(dict.fromkeys(items))
        else:
            quads = [
                ox.Quad(t.subject, t.predicate, t.object, name)
                for t in dict.fromkeys(triples_in(items, graph))
            ]
        if len(item) == 3 and item[2]:
            quads = _stamped(graph, quads, item[2])
        graphs.pop(graph, None)  # a repeat: the later version, in the later position
        graphs[graph] = quads
    return graphs


def _stamped(graph: str, quads: list[ox.Quad], content_hash: str) -> list[ox.Quad]:
    """The quads with ``<article> bkg:contentHash "…"``, as ``GraphStore`` writes it."""
    article = ox.NamedNode(article_of_graph(graph))
    stamp = ox.Quad(article, CONTENT_HASH, ox.Literal(content_hash), ox.NamedNode(graph))
    kept = []
    for quad in quads:
        if quad.subject == article and quad.predicate == CONTENT_HASH:
            if quad.object != stamp.object:
                raise ValueError(f"<{graph}> carries another bkg:contentHash: {quad.object}")
            continue
        kept.append(quad)
    return [*kept, stamp]


def _owners(graphs: dict[str, list[ox.Quad]], focus: Iterable[str]) -> dict[str, set[str]]:
    """For each focus node (N-Triples), the batch graphs it occurs in."""
    wanted = {_term(f): f for f in focus}
    owners: dict[str, set[str]] = {}
    for graph, quads in graphs.items():
        for quad in quads:
            for node in (quad.subject, quad.object):
                if node in wanted:
                    owners.setdefault(wanted[node], set()).add(graph)
    return owners


def _term(node: str) -> ox.Term:
    """A node given in N-Triples form as a pyoxigraph term."""
    if node.startswith("_:"):
        return ox.BlankNode(node[2:])
    if node.startswith("<"):
        return ox.NamedNode(node[1:-1])
    return next(
        iter(ox.parse(f"<urn:x:s> <urn:x:p> {node} .".encode(), ox.RdfFormat.N_TRIPLES))
    ).object


def _remove(store: ox.Store, quads: list[ox.Quad]) -> None:
    for quad in quads:
        store.remove(quad)


def _conforms(results: list[ValidationResult]) -> bool:
    return not any(r.severity == "Violation" for r in results)

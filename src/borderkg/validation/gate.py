"""The load-time gate: which prospective article graphs may enter the store.

Design — check in a scratch store, write nothing until the verdict:

* The store is never written by the gate. Each check copies the batch's article graphs into
  an in-memory *scratch* store that also holds the store's ontology, schemes and vocabulary
  graphs (kept there between checks) and the part of the store the batch's nodes can reach:
  every quad whose subject is a node of the batch, the incoming links the cross-article rules
  look at (``skos:exactMatch``, ``owl:sameAs``, ``schema:url`` and its literal/IRI twin, every
  link to an anonymous source, and the inverse-path predicates of the shapes), the types of
  every node those quads name, and the ``bkg:adminParent`` chains above them. Graphs the batch
  replaces are left out, so a new version is judged without its old one and cannot conflict
  with it. Those are exactly the triples the compiled constraints read for focus nodes of the
  batch, so results on the scratch equal those of the whole store plus the batch (tested in
  tests/test_gate.py against full validation).
* The compiled queries run on the scratch restricted to the batch's nodes, once with the batch
  and once without; results present only with the batch are the batch's. Each is charged to
  the batch graphs that contain its focus node: violations reject, warnings are reported. A
  result charged to several batch graphs (two incoming articles sharing an anonymous source)
  is settled by checking those articles one after another, each against the store plus the
  articles accepted before it, so only the later one is rejected.
* Nothing invalid becomes visible and a crash leaves nothing behind: the scratch is private
  memory, cleaned after every check, and the caller writes only accepted graphs, each whole,
  in its own transaction (``GraphStore.write_articles``).

With shapes other than the project's, the gate cannot know which triples those shapes read
and copies the whole store into the scratch instead: correct, but not fast.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from borderkg.ontology.namespaces import BKG, ONTOLOGY_GRAPH
from borderkg.oxterms import iri_of, triples_in
from borderkg.storetypes import article_update
from borderkg.validation.data import (
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
from borderkg.validation.report import ValidationReport, ValidationResult
from borderkg.validation.sparqltext import blank_out

SCHEMA_URL = ox.NamedNode("https://schema.org/url")
ANY_URI = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")
TYPE = ox.NamedNode(str(RDF.type))
ANONYMOUS_SOURCE = ox.NamedNode(str(BKG.AnonymousSource))
ADMIN_PARENT = ox.NamedNode(str(BKG.adminParent))
#: Predicates whose incoming links to batch nodes the cross-article rules compare.
CROSS_LINKS = (ox.NamedNode(str(SKOS.exactMatch)), ox.NamedNode(str(OWL.sameAs)), SCHEMA_URL)
#: A node with more quads than this as subject is copied as distinct triples (plus two graphs).
HUB = 256

Batch = Iterable[tuple[Any, Iterable[Any]] | tuple[Any, Iterable[Any], str]]


def _inverse_predicates(shapes: Graph) -> set[ox.NamedNode]:
    """Predicates the shapes follow backwards (``sh:inversePath``)."""
    return {
        ox.NamedNode(str(p)) for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef)
    }


class Gate:
    """Decides, before anything is written, which prospective article graphs may be stored.

    ``Gate()`` checks against the project shapes; ``Gate(shapes)`` against another shapes
    graph (slower: see the module docstring). One gate serves many checks and keeps the
    store's well-known graphs in its scratch store between them.
    """

    def __init__(self, shapes: Graph | None = None) -> None:
        self.compiled: CompiledShapes = (
            project_shapes() if shapes is None else compile_shapes(shapes)
        )
        self.whole_store = shapes is not None
        self.incoming = set(CROSS_LINKS) | _inverse_predicates(self.compiled.model.graph)
        self._scratch = ox.Store()
        self._background: int | None = None
        self.targets = _target_index(self.compiled)
        self.incoming_sensitive = _incoming_sensitive(self.compiled)
        self.by_id = {shape.id: {shape.node} for shape, _plans in self.compiled.plans}

    # -- the public check -------------------------------------------------------------------

    def check(self, store: Any, batch: Batch) -> dict[str, ValidationReport]:
        """A report per article graph of ``batch``: Violations mean reject, Warnings load.

        ``store``: an open ``GraphStore`` (or ``pyoxigraph.Store``); ``batch``: pairs
        ``(graph IRI, quads or triples)``, or triples ``(graph, quads, content hash)`` as
        ``GraphStore.write_articles`` takes them (the hash is then stamped as the store would).
        A graph given twice is judged in its later version.
        """
        main = unwrap_store(store)
        if main is None:
            raise TypeError(f"the gate needs a GraphStore or pyoxigraph Store, not {type(store)}")
        graphs = self._normalise(batch)
        started = time.perf_counter()
        self._sync_background(main)
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
            if not rejected:  # a rejection can change the others' verdicts: judge them again
                final.update(own)
                break
        seconds = time.perf_counter() - started
        return {
            graph: ValidationReport(
                results=final[graph],
                engine="gate",
                seconds=seconds,
                shape_engines=self.compiled.shape_engines,
            )
            for graph in graphs
        }

    @staticmethod
    def _normalise(batch: Batch) -> dict[str, list[ox.Quad]]:
        graphs: dict[str, list[ox.Quad]] = {}
        for item in batch:
            graph = iri_of(item[0])
            triples: Iterable[Any] = item[1]
            if len(item) == 3 and item[2]:
                _article, triples = article_update(graph, triples, item[2])
            name = ox.NamedNode(graph)
            graphs.pop(graph, None)  # a repeat: the later version, in the later position
            graphs[graph] = [
                ox.Quad(t.subject, t.predicate, t.object, name)
                for t in dict.fromkeys(triples_in(triples, graph))
            ]
        return graphs

    # -- judging ------------------------------------------------------------------------------

    def _judge(
        self,
        main: ox.Store,
        graphs: dict[str, list[ox.Quad]],
        accepted: dict[str, list[ox.Quad]],
    ) -> dict[str, list[tuple[ValidationResult, bool]]]:
        """Results new with ``graphs``, charged to graphs: ``{graph: [(result, shared)]}``."""
        replaced = set(graphs) | set(accepted)
        batch_quads = [q for quads in graphs.values() for q in quads]
        subjects = {q.subject for q in batch_quads}
        objects = {
            q.object for q in batch_quads if isinstance(q.object, ox.NamedNode | ox.BlankNode)
        } - subjects
        scratch = self._scratch
        context = list(self._neighbourhood(main, subjects | objects, batch_quads, replaced))
        context += [q for quads in accepted.values() for q in quads]
        added = _add_new(scratch, context)
        try:
            with_batch = _add_new(scratch, batch_quads)
            try:
                after = self._run(scratch, subjects, self.applicable(scratch, subjects))
                shapes = self.applicable(scratch, objects) & self.incoming_sensitive
                after += self._run(scratch, objects, shapes)
            finally:
                _remove(scratch, with_batch)
            before: set[ValidationResult] = set()
            by_shape: dict[str, set[str]] = {}
            for result in after:
                by_shape.setdefault(result.source_shape, set()).add(result.focus_node)
            for shape_id, focus in by_shape.items():
                only = {n for n in self.by_id[shape_id]} if shape_id in self.by_id else None
                before.update(self._run(scratch, focus, only))
        finally:
            _remove(scratch, added)
        owners = _owners(graphs)
        charged: dict[str, list[tuple[ValidationResult, bool]]] = {}
        for result in dict.fromkeys(after):
            if result in before:
                continue
            holders = owners.get(result.focus_node) or {_first(graphs)}
            for graph in holders:
                charged.setdefault(graph, []).append((result, len(holders) > 1))
        return charged

    def _run(
        self, scratch: ox.Store, focus: set[Any], only: set[Node] | None
    ) -> list[ValidationResult]:
        """Results on the scratch store for some focus nodes (terms or N-Triples) and shapes.

        The scratch store is small, so the queries run over all of it and the results are
        kept for the focus nodes (cheaper than naming the nodes in every query).
        """
        keys = {str(n) for n in focus}
        if not keys or (only is not None and not only):
            return []
        raws = run_compiled(scratch, self.compiled, only=only)
        results = to_results(
            [(shape, raw) for shape, raw in raws if str(raw.focus) in keys],
            article_graph_finder(scratch),
        )
        if self.compiled.delegated:
            delegated = {self.compiled.model.shape(n).id for n in self.compiled.delegated}
            extra = run_pyshacl(
                to_dataset(scratch, background=False),
                self.compiled.model.graph,
                use_shapes=self.compiled.roots(),
            )
            results += [r for r in extra if r.source_shape in delegated and r.focus_node in keys]
        return results

    # -- which shapes can apply ---------------------------------------------------------------

    def applicable(self, scratch: ox.Store, focus: set[Any]) -> set[Node]:
        """The compiled shapes that can have one of ``focus`` as a focus node in the scratch."""
        iris = [n for n in focus if isinstance(n, ox.NamedNode)]
        if len(iris) != len(focus):
            return set(self.targets)  # blank nodes: no VALUES list, no pruning
        if not iris:
            return set()
        values = " ".join(str(n) for n in iris)

        def column(query: str) -> set[str]:
            rows = scratch.query(query.replace("{F}", values), use_default_graph_as_union=True)
            assert isinstance(rows, ox.QuerySolutions)
            return {str(row[0]) for row in rows}

        classes = column(
            f"SELECT DISTINCT ?t WHERE {{ VALUES ?f {{ {{F}} }} ?f <{RDF.type}>/<{RDFS.subClassOf}>* ?t }}"
        )
        outgoing = column("SELECT DISTINCT ?p WHERE { VALUES ?f { {F} } ?f ?p [] }")
        incoming = column("SELECT DISTINCT ?p WHERE { VALUES ?f { {F} } [] ?p ?f }")
        nodes = {str(n) for n in iris}
        found = set()
        for node, (cls, subj, obj, named) in self.targets.items():
            if cls & classes or subj & outgoing or obj & incoming or named & nodes:
                found.add(node)
        return found

    # -- what the scratch store holds -----------------------------------------------------

    def _sync_background(self, main: ox.Store) -> None:
        """Copy the store's ontology graph (class hierarchy) into the scratch store if it changed.

        Everything else the checks read about the batch's nodes — vocabulary entries, scheme
        concepts — comes with the neighbourhood, from whichever graph holds it.
        """
        name = ox.NamedNode(str(ONTOLOGY_GRAPH))
        rows = main.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH {name} {{ ?s ?p ?o }} }}")
        assert isinstance(rows, ox.QuerySolutions)
        signature = int(next(iter(rows))[0].value)
        if signature == self._background:
            return
        self._scratch = ox.Store()
        self._scratch.bulk_extend(main.quads_for_pattern(None, None, None, name))
        self._background = signature

    def _neighbourhood(
        self,
        main: ox.Store,
        nodes: set[ox.NamedNode | ox.BlankNode],
        batch: list[ox.Quad],
        replaced: set[str],
    ) -> Iterator[ox.Quad]:
        """The store's quads the compiled constraints read for focus nodes of the batch."""
        if self.whole_store:
            yield from (q for q in main if not _in(q, replaced))
            return
        stored = [n for n in nodes if isinstance(n, ox.NamedNode)]
        reached: set[ox.Term] = set()
        anonymous = {
            q.subject for q in batch if q.predicate == TYPE and q.object == ANONYMOUS_SOURCE
        }
        for node in stored:
            for quad in _outgoing(main, node, replaced):
                reached.add(quad.object)
                if quad.predicate == TYPE and quad.object == ANONYMOUS_SOURCE:
                    anonymous.add(node)
                yield quad
        for node in stored:
            predicates = [None] if node in anonymous else self.incoming
            for predicate in predicates:
                for quad in main.quads_for_pattern(None, predicate, node, None):
                    if not _in(quad, replaced):
                        reached.add(quad.subject)
                        yield quad
        for quad in batch:
            if quad.predicate == SCHEMA_URL:
                for twin in _url_forms(quad.object):
                    for found in main.quads_for_pattern(None, SCHEMA_URL, twin, None):
                        if not _in(found, replaced):
                            reached.add(found.subject)
                            yield found
            reached.add(quad.object)
        reached -= set(nodes)
        for node in reached:
            if isinstance(node, ox.NamedNode | ox.BlankNode):
                for quad in main.quads_for_pattern(node, TYPE, None, None):
                    if not _in(quad, replaced):
                        yield quad
        yield from _chains(main, set(nodes) | reached, replaced)


def _in(quad: ox.Quad, graphs: set[str]) -> bool:
    name = quad.graph_name
    return isinstance(name, ox.NamedNode) and name.value in graphs


def _outgoing(main: ox.Store, node: ox.NamedNode, replaced: set[str]) -> Iterator[ox.Quad]:
    """A node's quads as subject; a hub's as distinct triples plus its first two graphs."""
    found: list[ox.Quad] = []
    for quad in main.quads_for_pattern(node, None, None, None):
        if not _in(quad, replaced):
            found.append(quad)
            if len(found) > HUB:
                break
    else:
        yield from found
        return
    keep: list[ox.NamedNode] = []
    for quad in main.quads_for_pattern(node, None, None, None):
        name = quad.graph_name
        if isinstance(name, ox.NamedNode) and name.value not in replaced and name not in keep:
            keep.append(name)
            if len(keep) == 2:
                break
    for name in keep:
        yield from main.quads_for_pattern(node, None, None, name)
    seen: set[ox.Triple] = set()
    for quad in main.quads_for_pattern(node, None, None, None):
        if not _in(quad, replaced) and quad.triple not in seen:
            seen.add(quad.triple)
            yield ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())


def _chains(main: ox.Store, start: set[ox.Term], replaced: set[str]) -> Iterator[ox.Quad]:
    """Every bkg:adminParent link reachable from the given nodes (for the cycle check)."""
    todo = [n for n in start if isinstance(n, ox.NamedNode)]
    seen: set[ox.Term] = set(todo)
    while todo:
        node = todo.pop()
        for quad in main.quads_for_pattern(node, ADMIN_PARENT, None, None):
            if _in(quad, replaced):
                continue
            yield quad
            if quad.object not in seen:
                seen.add(quad.object)
                todo.append(quad.object)


def _url_forms(value: ox.Term) -> list[ox.Term]:
    """A URL as IRI and as ``xsd:anyURI`` literal (Article-url-unique compares both)."""
    if isinstance(value, ox.NamedNode):
        return [value, ox.Literal(value.value, datatype=ANY_URI)]
    if isinstance(value, ox.Literal):
        forms: list[ox.Term] = [value]
        with contextlib.suppress(ValueError):
            forms.append(ox.NamedNode(value.value))
        return forms
    return [value]


def _nodes(quads: list[ox.Quad]) -> set[ox.NamedNode | ox.BlankNode]:
    found: set[ox.NamedNode | ox.BlankNode] = set()
    for quad in quads:
        found.add(quad.subject)
        if isinstance(quad.object, ox.NamedNode | ox.BlankNode):
            found.add(quad.object)
    return found


def _owners(graphs: dict[str, list[ox.Quad]]) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = {}
    for graph, quads in graphs.items():
        for node in _nodes(quads):
            owners.setdefault(str(node), set()).add(graph)
    return owners


def _first(graphs: dict[str, list[ox.Quad]]) -> str:
    return next(iter(graphs))


def _add_new(store: ox.Store, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Add the quads the store lacks; return them (to remove them again)."""
    added = []
    for quad in dict.fromkeys(quads):
        if quad not in store:
            store.add(quad)
            added.append(quad)
    return added


def _remove(store: ox.Store, quads: list[ox.Quad]) -> None:
    for quad in quads:
        store.remove(quad)


def _conforms(results: list[ValidationResult]) -> bool:
    return not any(r.severity == "Violation" for r in results)


def _target_index(compiled: CompiledShapes) -> dict[Node, tuple[set[str], ...]]:
    """Per compiled shape: (classes, subjectsOf, objectsOf, nodes) of it and its parents."""
    model = compiled.model
    index = {}
    for shape, _plans in compiled.plans:
        found: tuple[set[str], ...] = (set(), set(), set(), set())
        todo, seen = [shape], set()
        while todo:
            current = todo.pop()
            if current.node in seen:
                continue
            seen.add(current.node)
            targets = model.targets(current)
            for slot, kind in enumerate(("class", "subjectsOf", "objectsOf", "node")):
                found[slot].update(f"<{t}>" for t in targets[kind])
            todo.extend(model.parents(current))
        index[shape.node] = found
    return index


_THIS = re.compile(r"[?$]this\b")
_NOT_A_PREDICATE = {"SELECT", "DISTINCT", "REDUCED", "!=", "=", "<", ">", "<=", ">=", "&&", "||"}


def _reads_incoming(query: str) -> bool:
    """Whether a query may use ``$this`` as the object of a triple pattern, or GRAPH."""
    text = blank_out(query)
    if re.search(r"\bGRAPH\b", text, re.I):
        return True
    for match in _THIS.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or before[-1] in "{}(,.;":
            continue
        if before.split()[-1].upper() not in _NOT_A_PREDICATE:
            return True
    return False


def _incoming_sensitive(compiled: CompiledShapes) -> set[Node]:
    """Compiled shapes whose results on a node can change when a link *to* it is added."""
    model = compiled.model
    found = set()
    for shape, plans in compiled.plans:
        inverse = shape.path is not None and "^" in (shape.path_sparql or "")
        via_path = False
        todo, seen = [shape], set()
        while todo:
            current = todo.pop()
            if current.node in seen:
                continue
            seen.add(current.node)
            if model.targets(current)["objectsOf"]:
                via_path = True
            for parent in model.parents(current):
                via_path = via_path or parent.is_property
                todo.append(parent)
        queries = [p.build("") for p in plans if p.kind in ("sparql", "custom")]
        reads_incoming = any(_reads_incoming(q) for q in queries)
        if inverse or via_path or reads_incoming:
            found.add(shape.node)
    return found

"""The fast engine: the shapes compiled to SPARQL and run inside pyoxigraph.

Each shape that reports results becomes a few queries over the store's union default graph
(``compile.py``, ``plans.py``); rows the queries cannot decide alone are settled by pyshacl's
semantics in Python (``evaluator.py``). A shape the compiler cannot translate is run by pyshacl
— only that shape, on the same data, its results kept — and ``report.shape_engines`` says
which engine handled every shape (``report.notes`` says why). The results equal pyshacl's
(tests/test_validation_equivalence.py).

With ``focus_nodes`` every query starts from a ``VALUES`` list of those nodes, so checking one
article's nodes inside a large store touches only them and what they point to. Without them,
``wholestore.py`` runs the plans in their whole-store forms (scans and hash joins instead of
lookups from each focus node) on two threads; :func:`run_compiled` stays the plain runner the
load-time gate uses on its small scratch stores.

pyoxigraph stores literals in canonical form and rewrites integer-derived datatypes
(``xsd:nonNegativeInteger``) to ``xsd:integer``. Data read from the store is the same for both
engines; rdflib input, copied into a store for this engine, loses those distinctions, which
only a ``sh:datatype`` of such a derived type can notice (use the pyshacl engine for that).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from borderkg.validation.compile import Compiler, Plan, Unsupported
from borderkg.validation.data import article_graph_finder, canonical, open_store, to_dataset
from borderkg.validation.engine_pyshacl import default_shapes, run_pyshacl
from borderkg.validation.evaluator import Evaluator
from borderkg.validation.model import Shape, ShapesModel
from borderkg.validation.multiplicity import repeat_results
from borderkg.validation.plans import RawResult, compile_shape, interpret
from borderkg.validation.report import ValidationReport, ValidationResult
from borderkg.validation.terms import focus_key, plain_strings

ENGINE = "sparql"
_PROBE = "{ SELECT ?this WHERE { VALUES ?this { <urn:borderkg:probe> } } }"
_ISA = re.compile(r"%%ISA (\S+) (<[^<>]+>)%%")
_TYPE_PATH = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


def expand_classes(
    text: str, store: ox.Store, closures: dict[str, list[str] | None], options: dict[str, Any]
) -> str:
    """Write out the ``%%ISA ?v <C>%%`` placeholders of a query for the data in ``store``.

    ``closures`` caches each class's subclasses (``None`` when one is a blank node, which a
    VALUES list cannot hold: the test then walks the subclass path instead).
    """

    def expand(match: re.Match[str]) -> str:
        var, cls = match.group(1), match.group(2)
        members = class_members(store, cls, closures, options)
        if members is None:
            return f"EXISTS {{ {var} {_TYPE_PATH}/{_SUBCLASS}* {cls} }}"
        return f"EXISTS {{ VALUES ?_cls {{ {' '.join(members)} }} {var} {_TYPE_PATH} ?_cls }}"

    return _ISA.sub(expand, text)


def class_members(
    store: ox.Store, cls: str, closures: dict[str, list[str] | None], options: dict[str, Any]
) -> list[str] | None:
    """A class (N-Triples IRI) and its subclasses in the store's data, cached in ``closures``
    (``None`` when a subclass is a blank node)."""
    if cls not in closures:
        rows = store.query(f"SELECT DISTINCT ?d WHERE {{ ?d {_SUBCLASS}* {cls} }}", **options)
        found = {row[0] for row in rows}
        closures[cls] = (
            None
            if any(isinstance(d, ox.BlankNode) for d in found)
            else sorted({str(d) for d in found} | {cls})
        )
    return closures[cls]


_SLOT = "<urn:borderkg:focus-nodes>"


@dataclass
class CompiledShapes:
    """A shapes graph compiled once: the plans of each shape, and the shapes left to pyshacl."""

    model: ShapesModel
    compiler: Compiler
    plans: list[tuple[Shape, list[Plan]]] = field(default_factory=list)
    delegated: dict[Node, str] = field(default_factory=dict)  # shape node -> why

    @property
    def shape_engines(self) -> dict[str, str]:
        """Which engine handles each reporting shape, by shape id."""
        engines = {shape.id: ENGINE for shape, _plans in self.plans}
        for node in self.delegated:
            engines[self.model.shape(node).id] = "pyshacl"
        return engines

    def query_text(self, shape: Shape, plan: Plan, restrict: str | None) -> str:
        """A plan's query for all focus nodes, those of a VALUES list, or (``""``) for ``?this``
        given by substitution (cached text)."""
        key = restrict if restrict in (None, "") else "some"
        cache = plan.extra.setdefault("text", {})
        if key not in cache:
            if key == "":  # no focus pattern: ?this comes substituted
                cache[key] = plan.build("")
            else:
                slot = _SLOT if key == "some" else key
                cache[key] = plan.build(self.compiler.context(shape, "?this", slot))
        return cache[key].replace(_SLOT, restrict) if key == "some" else cache[key]

    def roots(self) -> list[Node]:
        """The targeted shapes pyshacl must run so that every delegated shape is reached."""
        found: list[Node] = []
        for node in self.delegated:
            todo, seen = [self.model.shape(node)], set()
            while todo:
                shape = todo.pop()
                if shape.node in seen:
                    continue
                seen.add(shape.node)
                if self.model.has_targets(shape) and shape.node not in found:
                    found.append(shape.node)
                todo.extend(self.model.parents(shape))
        return found


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile every shape that reports results; the untranslatable ones are delegated."""
    model = ShapesModel(plain_strings(shapes))
    compiled = CompiledShapes(model=model, compiler=Compiler(model))
    probe = ox.Store()
    for shape in model.applied:
        if not shape.reports:
            continue
        try:
            plans = compile_shape(compiled.compiler, shape)
            for plan in plans:
                text = expand_classes(plan.build(_PROBE), probe, {}, {})
                probe.query(text, use_default_graph_as_union=True)
        except Unsupported as exc:
            compiled.delegated[shape.node] = str(exc)
            continue
        except SyntaxError as exc:
            compiled.delegated[shape.node] = f"{shape.id}: its query does not parse ({exc})"
            continue
        compiled.plans.append((shape, plans))
    return compiled


_DEFAULT: CompiledShapes | None = None


def project_shapes() -> CompiledShapes:
    """The project shapes, compiled once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = compile_shapes(default_shapes())
    return _DEFAULT


def focus_values(focus_nodes: Iterable[Any] | None) -> tuple[set[str] | None, str | None]:
    """(N-Triples of the focus nodes, the VALUES text restricting queries to them).

    Blank nodes cannot be written in a query: with any of them, queries are not restricted
    and results are filtered afterwards.
    """
    if focus_nodes is None:
        return None, None
    keys = {focus_key(n) for n in focus_nodes}
    if any(k.startswith("_:") for k in keys):
        return keys, None
    return keys, " ".join(sorted(keys)) if keys else "<urn:borderkg:no-focus-node>"


def run_compiled(
    store: ox.Store,
    compiled: CompiledShapes,
    *,
    restrict: str | None = None,
    only: set[Node] | None = None,
    options: dict[str, Any] | None = None,
    skip: Any = None,
    by_node: bool = True,
    closures: dict[str, list[str] | None] | None = None,
) -> list[tuple[Shape, RawResult]]:
    """Run the compiled plans against a store.

    ``restrict``: a VALUES list of focus nodes (N-Triples separated by spaces); ``only``: the
    shape nodes to run (all by default); ``options``: the dataset options of each query
    (default: the union of all graphs as default graph);
    ``skip(shape, plan)``: plans not to run (known to find nothing); ``by_node``: allow
    running unselective SPARQL constraints node by node (pointless on a small store);
    ``closures``: subclasses of each class, kept between runs by a caller that knows the class
    hierarchy did not change (see :func:`expand_classes`).
    """
    options = options if options is not None else {"use_default_graph_as_union": True}
    evaluator = Evaluator(store, compiled.compiler, options)
    closures = {} if closures is None else closures

    def verify(check_or_plan: Any, first: ox.Term, second: Any) -> bool:
        if isinstance(check_or_plan, Plan):
            return evaluator.plan_fails(check_or_plan, first, second)
        return evaluator.check_fails(check_or_plan, second)

    found: list[tuple[Shape, RawResult]] = []
    for shape, plans in compiled.plans:
        if only is not None and shape.node not in only:
            continue
        focus: list[ox.Term] | None = None
        for plan in plans:
            if skip is not None and skip(shape, plan):
                continue
            if by_node and restrict is None and plan.kind in ("sparql", "custom"):
                # A query that reads ?this's triples with a variable predicate scans the
                # whole store when joined with the focus pattern; one query per focus node
                # with ?this substituted (SHACL's pre-binding) uses the indexes instead.
                if focus is None:
                    focus = focus_list(store, compiled, shape, closures, options)
                if "by_node" not in plan.extra:
                    plan.extra["by_node"] = unselective(compiled.query_text(shape, plan, ""))
                if len(focus) <= BY_NODE_LIMIT and plan.extra["by_node"]:
                    raws = run_by_node(
                        store, compiled, shape, plan, focus, closures, options, verify
                    )
                    found.extend((shape, raw) for raw in raws)
                    continue
            text = compiled.query_text(shape, plan, restrict)
            solutions = store.query(expand_classes(text, store, closures, options), **options)
            assert isinstance(solutions, ox.QuerySolutions)
            found.extend((shape, raw) for raw in interpret(plan, solutions, verify))
    return found


def run_by_node(
    store: ox.Store,
    compiled: CompiledShapes,
    shape: Shape,
    plan: Plan,
    focus: list[ox.Term],
    closures: dict[str, list[str] | None],
    options: dict[str, Any],
    verify: Any,
) -> Iterator[RawResult]:
    """A SPARQL plan's results, one query per focus node with ``?this`` substituted."""
    text = expand_classes(compiled.query_text(shape, plan, ""), store, closures, options)
    for node in focus:
        solutions = store.query(text, substitutions={_THIS: node}, **options)
        assert isinstance(solutions, ox.QuerySolutions)
        rows = _Solved(solutions.variables, list(solutions))
        del solutions  # dropped by this thread (see wholestore.Rows)
        yield from interpret(plan, rows, verify)  # type: ignore[arg-type]


@dataclass
class _Solved:
    """Solutions read out of their iterator: the variables and the rows."""

    variables: list[ox.Variable]
    rows: list[ox.QuerySolution]

    def __iter__(self) -> Iterator[ox.QuerySolution]:
        return iter(self.rows)


#: Up to this many focus nodes, unselective SPARQL constraints run node by node (~0.5 ms each).
BY_NODE_LIMIT = 50_000
_VARIABLE_PREDICATE = re.compile(r"[?$]this\s+[?$]\w+\s|[?$]\w+\s+[?$]\w+\s+[?$]this\b")


def unselective(query: str) -> bool:
    """Whether a query reads ``?this`` in a triple pattern whose predicate is a variable."""
    from borderkg.validation.sparqltext import blank_out

    clean = blank_out(query)
    where = clean[clean.find("{") :]  # not the projection
    return _VARIABLE_PREDICATE.search(where) is not None


_THIS = ox.Variable("this")


def focus_list(
    store: ox.Store,
    compiled: CompiledShapes,
    shape: Shape,
    closures: dict[str, list[str] | None],
    options: dict[str, Any],
) -> list[ox.Term]:
    """A shape's focus nodes."""
    context = compiled.compiler.context(shape, "?this", None)
    text = expand_classes(f"SELECT ?this WHERE {{ {context} }}", store, closures, options)
    return [row[0] for row in store.query(text, **options)]


def to_results(
    raws: Iterable[tuple[Shape, RawResult]], graph_of: Any, *, merge: bool = True
) -> list[ValidationResult]:
    """Raw results as report results, deduplicated unless ``merge`` is false.

    Unmerged, two constraints failing alike (two ``sh:class`` values, ``sh:lessThan``
    against two incomparable values) give two results, as SHACL and pyshacl report them.
    """
    results: list[ValidationResult] = []
    for shape, raw in raws:
        focus = canonical(raw.focus)
        result = ValidationResult(
            severity=shape.severity,
            focus_node=focus,
            path=raw.path,
            value=canonical(raw.value) if raw.value is not None else None,
            constraint_component=raw.component,
            source_shape=shape.id,
            message=raw.message,
            shape_name=shape.name,
            graph=graph_of(focus),
        )
        results.append(result)
    return results if not merge else list(dict.fromkeys(results))


def validate_sparql(
    data: Any,
    *,
    shapes: Graph | None = None,
    focus_nodes: Iterable[Any] | None = None,
    background: bool = True,
    joins: str = "auto",
    threads: int | None = None,
) -> ValidationReport:
    """Validate ``data`` with the compiled shapes; see :func:`borderkg.validation.validate`.

    Without a restriction to focus nodes the whole-store runner does the work
    (``wholestore.py``; ``joins`` and ``threads`` are its options).
    """
    started = time.perf_counter()
    compiled = project_shapes() if shapes is None else compile_shapes(shapes)
    store = open_store(data, background=background)
    keys, restrict = focus_values(focus_nodes)
    if restrict is None:
        from borderkg.validation.wholestore import run_whole_store

        raws = run_whole_store(store, compiled, joins=joins, threads=threads)
    else:
        raws = run_compiled(store, compiled, restrict=restrict)
    raws = repeat_results(raws, store, compiled.compiler, {"use_default_graph_as_union": True})
    results = to_results(raws, article_graph_finder(store), merge=False)
    if compiled.delegated:
        dataset = to_dataset(data if isinstance(data, Graph) else store, background=background)
        delegated_ids = {compiled.model.shape(n).id for n in compiled.delegated}
        extra = run_pyshacl(dataset, compiled.model.graph, roots=compiled.roots())
        results.extend(r for r in extra if r.source_shape in delegated_ids)
    if keys is not None:
        results = [r for r in results if r.focus_node in keys]
    return ValidationReport(
        results=results,
        engine=ENGINE,
        seconds=time.perf_counter() - started,
        shape_engines=compiled.shape_engines,
        notes=sorted(compiled.delegated.values()),
    )

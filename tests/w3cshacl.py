"""What the W3C SHACL test suites' tests share: manifests, running entries, comparing reports.

tests/test_shacl_w3c.py (the Core part) and tests/test_shacl_w3c_sparql.py (the SHACL-SPARQL
part) run every ``sht:Validate`` entry of a vendored suite the way ``borderkg validate DATA
--shapes SHAPES`` does (``collect`` → ``read_shapes`` → the engine with the focus nodes of the
inputs), so the project's own shapes are always applied on top of the test's shapes and must
add nothing.

Reports are compared as the suite's README asks: ``sh:conforms`` and the multiset of results
by focus node, result path, source constraint component, severity, source shape and value
(only where the expected result gives one). Messages are not compared. Literals are compared
in pyoxigraph's canonical form, the form the store keeps (``4.0`` is stored and reported as
``"4"^^xsd:decimal``; see docs/validate.md). Blank nodes are
compared by structure: a blank focus node or value by its triples in the data, a blank-node
shape by its triples in the shapes graph, a blank-node path by its SPARQL path text.
``sh:conforms`` is SHACL's: true only for a report without any result, whatever its
severity (borderkg's exit code, which lets warnings pass, is tested elsewhere). An entry
whose expected result is ``sht:Failure`` names a shapes graph SHACL says must not be
validated: ``borderkg validate`` must refuse it (exit 2) instead of reporting.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD, Namespace

from borderkg import validatecli
from borderkg.validation import ValidationReport, ValidationResult
from borderkg.validation.data import canonical
from borderkg.validation.model import CORE
from borderkg.validation.terms import nt, path_text, shape_id
from borderkg.validation_inputs import collect, read_shapes

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SHACL_SHACL = "http://www.w3.org/ns/shacl-shacl"
PROJECT_SHAPES = "https://w3id.org/borderkg/shapes#"
SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}

# -- the manifests -------------------------------------------------------------------------


def parse(path: Path) -> Graph:
    """A vendored Turtle file, with its own file IRI as base (as the CLI reads it).

    Parsed by pyoxigraph and copied term by term, literals not normalized: rdflib's
    parser rewrites some lexical forms (``"2011-01-01"^^xsd:dateTime`` gains a time,
    ``"none"^^xsd:boolean`` becomes ``"false"``), which would change the expected values.
    """
    graph = Graph()
    for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
        graph.add(tuple(rdflib_term(t) for t in (quad.subject, quad.predicate, quad.object)))
    return graph


def rdflib_term(term: object) -> URIRef | BNode | Literal:
    """The rdflib term for a pyoxigraph one, keeping a literal's lexical form as it is."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language, normalize=False)
    if term.datatype.value == str(XSD.string):  # a simple literal, as rdflib parses it
        return Literal(term.value, normalize=False)
    return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)


def local_path(iri: URIRef) -> Path | None:
    """The vendored file an action IRI names, or None for a non-file IRI."""
    parsed = urlparse(str(iri))
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def manifest_files(manifest: Path) -> Iterator[Path]:
    """The manifest and every manifest it includes, depth first, each once."""
    seen: set[Path] = set()
    stack = [manifest]
    while stack:
        path = stack.pop(0)
        if path in seen or not path.exists():
            continue
        seen.add(path)
        yield path
        graph = parse(path)
        included = [local_path(i) for i in graph.objects(None, MF.include)]
        stack[:0] = sorted(p for p in included if p is not None)


@dataclass(frozen=True)
class Entry:
    """One ``sht:Validate`` entry: where it is, what it validates and what it expects."""

    ident: str
    file: Path
    node: URIRef
    data: URIRef
    shapes: URIRef

    def graph(self) -> Graph:
        return parse(self.file)

    @property
    def expects_failure(self) -> bool:
        """Whether the entry expects ``sht:Failure`` (no report: the shapes are refused)."""
        return self.graph().value(self.node, MF.result) == SHT.Failure


def entries(suite: Path) -> list[Entry]:
    """Every ``sht:Validate`` entry of a vendored suite, in manifest order."""
    found = []
    for path in manifest_files(suite / "manifest.ttl"):
        graph = parse(path)
        for head in graph.objects(None, MF.entries):
            for node in Collection(graph, head):
                if (node, RDF.type, SHT.Validate) not in graph:
                    continue
                action = graph.value(node, MF.action)
                folder = path.parent.relative_to(suite).as_posix()
                found.append(
                    Entry(
                        ident=f"{folder}/{str(node).rsplit('/', 1)[-1]}",
                        file=path,
                        node=node,
                        data=graph.value(action, SHT.dataGraph),
                        shapes=graph.value(action, SHT.shapesGraph),
                    )
                )
    return found


def input_file(iri: URIRef) -> Path:
    """The file behind an action IRI: a vendored file, or pyshacl's copy of shacl-shacl."""
    if str(iri) == SHACL_SHACL:
        return Path(str(resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"))
    path = local_path(iri)
    assert path is not None, f"action names neither a file nor shacl-shacl: {iri}"
    return path


def missing_files(entry: Entry) -> list[str]:
    """Action files the stored copy of the suite does not have (see the README)."""
    return [
        input_file(iri).name for iri in (entry.data, entry.shapes) if not input_file(iri).exists()
    ]


# -- blank nodes by structure ----------------------------------------------------------------

Describe = Callable[[str], Iterable[tuple[str, str]]]


def structure(term: str, outgoing: Describe, depth: int = 0, seen: frozenset = frozenset()) -> str:
    """A term's N-Triples text, or for a blank node its triples with blank objects inlined."""
    if not term.startswith("_:"):
        return term
    if depth > 8 or term in seen:
        return "_"
    parts = sorted(
        f"{p} {structure(o, outgoing, depth + 1, seen | {term})}" for p, o in outgoing(term)
    )
    return "[" + " ; ".join(parts) + "]"


def rdflib_outgoing(graph: Graph) -> Describe:
    def outgoing(term: str) -> Iterator[tuple[str, str]]:
        node = BNode(term[2:])
        for p, o in graph.predicate_objects(node):
            if p != SH.message:  # added by with_messages(), not part of the test's shapes
                yield nt(p), blank_nt(o)

    return outgoing


def blank_nt(term: object) -> str:
    """N-Triples text of an rdflib term, keeping rdflib's blank-node label."""
    return f"_:{term}" if isinstance(term, BNode) else nt(term)


def store_outgoing(store: ox.Store) -> Describe:
    def outgoing(term: str) -> Iterator[tuple[str, str]]:
        for quad in store.quads_for_pattern(ox.BlankNode(term[2:]), None, None, None):
            yield str(quad.predicate), str(quad.object)

    return outgoing


# -- expected and actual results -------------------------------------------------------------


def data_key(node: object, outgoing: Describe) -> str:
    """A data term as the store keeps it: literals canonical, blank nodes by structure."""
    if isinstance(node, Literal):
        return canonical(node)
    return structure(blank_nt(node), outgoing)


def shape_key(node: object, outgoing: Describe) -> str:
    """A shape as the report names it: its IRI, or a blank-node shape by its triples."""
    return structure(blank_nt(node), outgoing) if isinstance(node, BNode) else str(node)


Key = tuple[str, str | None, str, str, str, str | None]


def expected_report(entry: Entry, data_graph: Graph) -> tuple[bool, list[Key]]:
    """``sh:conforms`` and the results the entry expects, terms made comparable."""
    graph = entry.graph()
    # Blank nodes of the expected report are the entry file's own (data given as <>).
    data_outgoing = rdflib_outgoing(graph if input_file(entry.data) == entry.file else data_graph)
    shapes_outgoing = rdflib_outgoing(graph)
    report = graph.value(entry.node, MF.result)
    conforms = graph.value(report, SH.conforms)
    assert isinstance(conforms, Literal)
    keys = []
    for result in graph.objects(report, SH.result):
        path = graph.value(result, SH.resultPath)
        value = graph.value(result, SH.value)
        severity = graph.value(result, SH.resultSeverity)
        keys.append(
            (
                data_key(graph.value(result, SH.focusNode), data_outgoing),
                path_text(graph, path) if path is not None else None,
                str(graph.value(result, SH.sourceConstraintComponent)),
                SEVERITY_NAMES.get(severity, str(severity)),
                shape_key(graph.value(result, SH.sourceShape), shapes_outgoing),
                data_key(value, data_outgoing) if value is not None else None,
            )
        )
    return bool(conforms.toPython()), keys


def actual_keys(results: Iterable[ValidationResult], store: ox.Store, shapes: Graph) -> list[Key]:
    """Our results as comparable keys: blank data terms and blank shapes by structure."""
    data_outgoing = store_outgoing(store)
    shapes_outgoing = rdflib_outgoing(shapes)
    blank_shapes = {
        shape_id(shapes, node): f"_:{node}"
        for node in set(shapes.subjects())
        if isinstance(node, BNode)
    }
    keys = []
    for r in results:
        shape = blank_shapes.get(r.source_shape, r.source_shape)
        keys.append(
            (
                structure(r.focus_node, data_outgoing),
                r.path,
                r.constraint_component,
                r.severity,
                structure(shape, shapes_outgoing) if shape.startswith("_:") else shape,
                structure(r.value, data_outgoing) if r.value is not None else None,
            )
        )
    return keys


def unmatched(expected: list[Key], actual: list[Key]) -> tuple[list[Key], list[Key]]:
    """Expected results no actual result matches, and actual results left over.

    An expected result without ``sh:value`` matches an actual result with any value.
    Expected results with a value are matched first, so they are never starved.
    """
    left = list(actual)
    missing = []
    for key in sorted(expected, key=lambda k: k[5] is None):
        for index, candidate in enumerate(left):
            if candidate[:5] == key[:5] and (key[5] is None or candidate[5] == key[5]):
                del left[index]
                break
        else:
            missing.append(key)
    return missing, left


# -- running the validator as the CLI does -----------------------------------------------------


@dataclass
class Run:
    report: ValidationReport
    store: ox.Store
    shapes: Graph


def run_like_cli(data: Path, shapes_file: Path, engine: str) -> Run:
    """``borderkg validate DATA --shapes SHAPES --engine ENGINE``, keeping the dataset.

    The same steps as :func:`borderkg.validatecli.run` (which keeps neither the dataset nor
    the shapes graph, both needed to compare blank nodes by structure).
    """
    shapes, errors = read_shapes([str(shapes_file)])
    assert not errors, errors
    collected = collect([str(data)])
    assert not collected.errors, collected.errors
    focus = validatecli.focus_of(collected, shapes)
    report, errors = validatecli._run_engine(
        collected.store, shapes, engine, focus, [str(shapes_file)]
    )
    assert report is not None, errors
    return Run(report, collected.store, shapes)


#: Parameters that make a node a shape with constraints: those the compiler translates, and
#: sh:closed (which it hands to pyshacl).
CONSTRAINT_PARAMETERS = CORE | {SH.closed}


def with_messages(shapes_file: Path, folder: Path) -> Path:
    """A copy of a shapes file in which every shape with constraints has an ``sh:message``.

    The SPARQL translation hands a shape without a message to pyshacl (whose generic
    messages it does not imitate); with a message, the translation itself is tested.
    Messages are not compared, and blank-node shapes are compared without them.
    """
    graph = parse(shapes_file)
    shapes = {s for s, p in graph.subject_predicates() if p in CONSTRAINT_PARAMETERS}
    for shape in shapes:
        if (shape, SH.message, None) not in graph:
            graph.add((shape, SH.message, Literal("W3C test shape")))
    copy = folder / shapes_file.name
    graph.serialize(copy, format="nt", encoding="utf-8")
    return copy


def params(entries: list[Entry], engines: tuple[str, ...], deviations: dict) -> list:
    """One pytest parameter per entry and engine; known deviations are strict xfails."""
    cases = []
    for entry in entries:
        for engine in engines:
            marks = []
            reason = deviations.get((entry.ident, engine))
            if reason is not None:
                marks.append(pytest.mark.xfail(reason=reason, strict=True))
            cases.append(pytest.param(entry, engine, id=f"{entry.ident}[{engine}]", marks=marks))
    return cases


def check_report(entry: Entry, engine: str, folder: Path) -> None:
    """Validate an entry as the CLI does and assert its report is the expected one.

    ``auto`` and ``pyshacl``: the entry's files as they are; ``sparql``: its shapes given
    messages (:func:`with_messages`), so the SPARQL translation (not pyshacl) handles every
    shape it can compile.
    """
    missing = missing_files(entry)
    if missing:
        pytest.skip(f"not in the stored copy of the suite: {', '.join(missing)}")
    data, shapes_file = input_file(entry.data), input_file(entry.shapes)
    if engine == "sparql":
        shapes_file = with_messages(shapes_file, folder)
    run = run_like_cli(data, shapes_file, engine)
    leaked = [r for r in run.report.results if r.source_shape.startswith(PROJECT_SHAPES)]
    assert not leaked, f"project shapes reported on W3C test data: {leaked}"
    conforms, expected = expected_report(entry, parse(data))
    actual = actual_keys(run.report.results, run.store, run.shapes)
    missing_results, extra_results = unmatched(expected, actual)
    assert (missing_results, extra_results) == ([], []), (
        f"expected, not reported: {missing_results}; reported, not expected: {extra_results}"
    )
    assert (not run.report.results) == conforms


def turtle_that_does_not_parse(suite: Path) -> list[str]:
    """The vendored Turtle files of a suite that do not parse."""
    broken = []
    for path in sorted(suite.rglob("*.ttl")):
        try:
            parse(path)
        except Exception:  # rdflib raises assorted types on bad Turtle
            broken.append(path.relative_to(suite).as_posix())
    return broken


def borderkg_validate(*args: str) -> subprocess.CompletedProcess:
    """The real command, with JSON output."""
    return subprocess.run(
        [sys.executable, "-m", "borderkg.cli", "validate", *args, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )

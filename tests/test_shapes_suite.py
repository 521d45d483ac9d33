"""The shapes against the W3C-style test cases in tests/fixtures/shapes/*/manifest.ttl.

Each folder holds a manifest (mf:Manifest of sht:Validate entries) with a conforming and a
violating data file; the expected result of each entry is a sh:ValidationReport. A violating
case must produce exactly the expected results — focus node, result path, constraint component,
severity and source shape, and the value where the manifest gives one — no more, no fewer.

Every case runs on two engines: pyshacl over an rdflib Dataset and pyshacl over a pyoxigraph
Store, each holding the ontology and the concept schemes (generated from ``SCHEMES``, the
contract the real ``schemes.ttl`` follows) in their own named graphs next to the case data.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS
from rdflib.term import Node

from borderkg.ontology import ontology_graph
from borderkg.ontology.namespaces import BKG, ONTOLOGY_GRAPH, SCHEMES, SCHEMES_GRAPH
from borderkg.shapes import BKGSH, SHAPES_GRAPH_IRI, shapes_graph

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
# rdflib 7.6 warns about its own Dataset internals on every parse and query.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
ENGINES = ("rdflib", "oxigraph")

# A result as compared: focus node, path, component, severity, source shape.
Key = tuple[Node, object, Node, Node, Node]


# --- building the data ------------------------------------------------------------------


@cache
def _shapes() -> Graph:
    return shapes_graph()


@cache
def _schemes_graph() -> Graph:
    """Every concept of every scheme in SCHEMES, typed, in its scheme, with an English label."""
    graph = Graph()
    for scheme, namespace in SCHEMES.items():
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme, SKOS.prefLabel, Literal(scheme.rsplit("/", 1)[-1], lang="en")))
        names = [n for n in namespace.__annotations__ if not n.startswith("_")]
        names += list(getattr(namespace, "_extras", ()))
        for name in names:
            concept = URIRef(str(namespace._NS) + name)
            graph.add((concept, RDF.type, SKOS.Concept))
            graph.add((concept, SKOS.inScheme, scheme))
            graph.add((concept, SKOS.prefLabel, Literal(name, lang="en")))
    return graph


@cache
def _background_nquads() -> bytes:
    dataset = Dataset()
    for graph_iri, graph in ((ONTOLOGY_GRAPH, ontology_graph()), (SCHEMES_GRAPH, _schemes_graph())):
        named = dataset.graph(graph_iri)
        for triple in graph:
            named.add(triple)
    return dataset.serialize(format="nquads").encode("utf-8")


def load_data(data_file: Path, engine: str) -> Dataset | ox.Store:
    """The background graphs plus one case's TriG file, as a dataset of the given engine."""
    if engine == "rdflib":
        dataset = Dataset()
        dataset.parse(data=_background_nquads(), format="nquads")
        dataset.parse(data_file.as_posix(), format="trig")
        return dataset
    store = ox.Store()
    store.load(_background_nquads(), format=ox.RdfFormat.N_QUADS)
    store.load(path=data_file, format=ox.RdfFormat.TRIG)
    return store


def run_shapes(data: Dataset | ox.Store) -> tuple[bool, Graph]:
    """Validate with pyshacl, the reference engine, as the project will: no inference."""
    conforms, report, _text = validate(
        data, shacl_graph=_shapes(), inference="none", advanced=True, allow_warnings=False
    )
    assert isinstance(report, Graph), report
    return bool(conforms), report


# --- reading reports ----------------------------------------------------------------------


def path_key(graph: Graph, path: Node | None) -> object:
    """A hashable form of a SHACL property path, equal for equal paths in any graph."""
    if path is None or isinstance(path, URIRef):
        return path
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return ("inverse", path_key(graph, inverse))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return ("alternative", tuple(path_key(graph, p) for p in Collection(graph, alternatives)))
    members = list(Collection(graph, path))
    return ("sequence", tuple(path_key(graph, p) for p in members))


def value_key(value: Node | None) -> object:
    """Literals by lexical form and language only: engines disagree on integer subtypes."""
    if isinstance(value, Literal):
        return (str(value), value.language)
    return value


def result_rows(report: Graph, node: Node | None = None) -> list[tuple[Key, object, Node | None]]:
    """(key, value, message) of every sh:result of a report (of ``node`` if given)."""
    rows = []
    for result in report.objects(node, SH.result):
        key = (
            report.value(result, SH.focusNode),
            path_key(report, report.value(result, SH.resultPath)),
            report.value(result, SH.sourceConstraintComponent),
            report.value(result, SH.resultSeverity),
            report.value(result, SH.sourceShape),
        )
        rows.append(
            (key, value_key(report.value(result, SH.value)), report.value(result, SH.resultMessage))
        )
    return rows


def describe(rows: list[tuple[Key, object, Node | None]]) -> str:
    lines = []
    for (focus, path, component, severity, shape), value, _msg in rows:
        lines.append(
            f"  focus={focus} path={path} component={str(component).rsplit('#', 1)[-1]} "
            f"severity={str(severity).rsplit('#', 1)[-1]} shape={str(shape).rsplit('#', 1)[-1]} value={value}"
        )
    return "\n".join(sorted(lines))


# --- manifests ----------------------------------------------------------------------------


def _file_of(iri: Node) -> Path:
    return Path(unquote(urlparse(str(iri)).path))


def load_manifest(folder: Path) -> Graph:
    manifest = folder / "manifest.ttl"
    return Graph().parse(manifest.as_posix(), format="turtle", publicID=manifest.as_uri())


def manifest_entries() -> list[tuple[str, Path, bool, Graph, Node]]:
    """(id, data file, expected conforms, manifest graph, expected report node) per entry."""
    entries = []
    for folder in sorted(p for p in FIXTURES.iterdir() if (p / "manifest.ttl").is_file()):
        graph = load_manifest(folder)
        manifest = next(graph.subjects(RDF.type, MF.Manifest))
        for entry in Collection(graph, graph.value(manifest, MF.entries)):
            action = graph.value(entry, MF.action)
            assert graph.value(action, SHT.shapesGraph) == URIRef(SHAPES_GRAPH_IRI)
            data_file = _file_of(graph.value(action, SHT.dataGraph))
            expected = graph.value(entry, MF.result)
            conforms = graph.value(expected, SH.conforms).toPython()
            entry_id = f"{folder.name}/{str(entry).rsplit('#', 1)[-1]}"
            entries.append((entry_id, data_file, conforms, graph, expected))
    return entries


ENTRIES = manifest_entries()
CONFORMING = [e for e in ENTRIES if e[2]]
VIOLATING = [e for e in ENTRIES if not e[2]]


# --- the cases ----------------------------------------------------------------------------


def test_every_fixture_folder_has_a_conforming_and_a_violating_case() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    with_cases = {e[0].split("/")[0] for e in CONFORMING} & {e[0].split("/")[0] for e in VIOLATING}
    assert folders, "no fixture folders found"
    assert folders == with_cases


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("entry", CONFORMING, ids=[e[0] for e in CONFORMING])
def test_conforming_example_has_no_results(entry: tuple, engine: str) -> None:
    _id, data_file, _conforms, _graph, _expected = entry
    conforms, report = run_shapes(load_data(data_file, engine))
    rows = result_rows(report)
    assert rows == [], "unexpected results:\n" + describe(rows)
    assert conforms is True


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("entry", VIOLATING, ids=[e[0] for e in VIOLATING])
def test_violating_example_reports_exactly_the_expected_results(entry: tuple, engine: str) -> None:
    _id, data_file, _conforms, graph, expected = entry
    want = result_rows(graph, expected)
    assert want, "a violating case must list its expected results"
    has_violation = any(key[3] == SH.Violation for key, _v, _m in want)

    conforms, report = run_shapes(load_data(data_file, engine))
    got = result_rows(report)

    missing = Counter(k for k, _v, _m in want) - Counter(k for k, _v, _m in got)
    extra = Counter(k for k, _v, _m in got) - Counter(k for k, _v, _m in want)
    assert not missing and not extra, (
        f"missing:\n{describe([r for r in want if r[0] in missing])}\n"
        f"unexpected:\n{describe([r for r in got if r[0] in extra])}"
    )
    for key, value, _msg in want:
        if value is not None:
            assert (key, value) in {(k, v) for k, v, _m in got}, (
                f"no result {key} with value {value}"
            )
    assert all(msg is not None and str(msg).strip() for _k, _v, msg in got), (
        "a result has no message"
    )
    assert conforms is (not has_violation)


# The SHACL Core parameters that make a shape report results, plus SHACL-SPARQL constraints.
# fmt: off
CORE_PARAMETERS = {SH[name] for name in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive",
    "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern", "languageIn",
    "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not", "and", "or",
    "xone", "node", "qualifiedValueShape", "closed", "hasValue", "in", "sparql",
)}
# fmt: on


def reporting_shapes(shapes: Graph) -> set[Node]:
    """Named shapes with at least one constraint parameter of their own (core or custom)."""
    custom = {
        shapes.value(parameter, SH.path)
        for component in shapes.subjects(RDF.type, SH.ConstraintComponent)
        for parameter in shapes.objects(component, SH.parameter)
    }
    named = {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if str(s).startswith(str(BKGSH))
    }
    return {s for s in named if any(p in CORE_PARAMETERS | custom for p in shapes.predicates(s))}


def test_every_constraint_shape_has_a_violating_example() -> None:
    constraint_shapes = reporting_shapes(_shapes())
    covered = {
        key[4]
        for _id, _data, _c, graph, expected in VIOLATING
        for key, _v, _m in result_rows(graph, expected)
    }
    assert len(constraint_shapes) > 100
    assert constraint_shapes - covered == set(), "shapes without a violating example"
    assert covered <= constraint_shapes, "a manifest names a shape that does not report"


# --- engine behaviour the shapes rely on --------------------------------------------------

TRICKY_TEXT = "혜산 “new” 🚧 fence\u00e9!"


def test_sparql_substr_counts_code_points_like_python_in_both_engines() -> None:
    windows = [(b, e) for b in range(len(TRICKY_TEXT)) for e in range(b + 1, len(TRICKY_TEXT) + 1)]
    rows = " ".join(f"({b} {e})" for b, e in windows)
    query = (
        "SELECT ?b ?e (STR(SUBSTR(?text, ?b + 1, ?e - ?b)) AS ?s) WHERE { "
        f'BIND ("{TRICKY_TEXT}" AS ?text) VALUES (?b ?e) {{ {rows} }} }}'
    )
    expected = {(b, e): TRICKY_TEXT[b:e] for b, e in windows}
    from_rdflib = {(int(r.b), int(r.e)): str(r.s) for r in Graph().query(query)}
    from_oxigraph = {
        (int(r["b"].value), int(r["e"].value)): r["s"].value for r in ox.Store().query(query)
    }
    assert from_rdflib == expected
    assert from_oxigraph == expected


def test_a_merged_graph_cannot_run_the_named_graph_check() -> None:
    """Why shapes/README.md asks for a dataset: rdflib refuses GRAPH ?g on a plain Graph."""
    dataset = load_data(FIXTURES / "anonymous-source" / "valid.trig", "rdflib")
    merged = Graph()
    for s, p, o, _g in dataset.quads():
        merged.add((s, p, o))
    assert (None, RDF.type, BKG.AnonymousSource) in merged
    with pytest.raises(Exception, match="dataset"):
        validate(merged, shacl_graph=_shapes(), inference="none", advanced=True)

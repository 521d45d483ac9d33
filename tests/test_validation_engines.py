"""The report model and what both engines promise: terms, fields, inputs, focus nodes, traps.

Small hand-written data (invented text) on the project shapes, with the shipped ontology,
schemes and vocabulary; equality of the two engines on many cases is in
tests/test_validation_equivalence.py.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH
from borderkg.validation import ValidationReport, ValidationResult, validate
from borderkg.validation.data import add_background, background_nquads

SH = "http://www.w3.org/ns/shacl#"
SHAPES = "https://w3id.org/borderkg/shapes#"
ARTICLE = "https://w3id.org/borderkg/article/"
GRAPH = "https://w3id.org/borderkg/graph/article/"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TRIG = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix place: <https://w3id.org/borderkg/id/place/> .
@prefix status: <https://w3id.org/borderkg/scheme/policy-status/> .
@prefix measure: <https://w3id.org/borderkg/scheme/measure-type/> .

<https://w3id.org/borderkg/graph/article/t1> {
    <https://w3id.org/borderkg/article/t1> a bkg:Article ; dcterms:identifier "t1" ;
        bkg:text <https://w3id.org/borderkg/article/t1#text> ;
        schema:datePublished "2023-10-12"^^xsd:date .
    <https://w3id.org/borderkg/article/t1#text> a nif:Context ;
        nif:isString "Fences went up near Hyesan." .
    <https://w3id.org/borderkg/article/t1#char=0,11> a bkg:EvidenceSpan ;
        nif:referenceContext <https://w3id.org/borderkg/article/t1#text> ;
        nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "11"^^xsd:nonNegativeInteger ;
        nif:anchorOf "Fences went" .
    <https://w3id.org/borderkg/article/t1#policy-1> a bkg:Policy ;
        bkg:measureType measure:BorderClosure ; bkg:status "InForce" ;
        bkg:evidence <https://w3id.org/borderkg/article/t1#char=0,11> .
    place:test-village a bkg:Settlement ; rdfs:label "Test village"@en ; wgs:lat 120.5 ;
        bkg:adminLevel "abc"^^xsd:integer .
}
"""


def store_with(trig: str = TRIG) -> ox.Store:
    """The data with the ontology and schemes (the data names no vocabulary entry)."""
    store = ox.Store()
    for graph in (str(ONTOLOGY_GRAPH), str(SCHEMES_GRAPH)):
        store.load(background_nquads(graph), format=ox.RdfFormat.N_QUADS)
    store.load(trig.encode(), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def reports() -> dict[str, ValidationReport]:
    store = store_with()
    return {engine: validate(store, engine=engine) for engine in ("sparql", "pyshacl")}


def find(report: ValidationReport, shape: str) -> list[ValidationResult]:
    return [r for r in report.results if r.source_shape == SHAPES + shape]


# --- the report model ---------------------------------------------------------------------------


def result(severity: str, focus: str = "<urn:x>") -> ValidationResult:
    return ValidationResult(
        severity=severity,
        focus_node=focus,
        path=None,
        value=None,
        constraint_component=SH + "MinCountConstraintComponent",
        source_shape=SHAPES + "S",
        message="m",
    )


def test_exit_code_follows_fail_on() -> None:
    warnings = ValidationReport([result("Warning"), result("Info")], engine="sparql")
    assert warnings.conforms
    assert warnings.exit_code() == 0
    assert warnings.exit_code("warning") == 1
    assert warnings.exit_code("info") == 1
    assert ValidationReport([result("Violation")], engine="sparql").exit_code() == 1
    assert ValidationReport([], engine="sparql").exit_code("info") == 0
    with pytest.raises(ValueError, match="severity"):
        warnings.exit_code("error")


def test_report_sorts_gravest_first_and_counts_by_severity() -> None:
    report = ValidationReport(
        [result("Info", "<urn:a>"), result("Violation", "<urn:b>"), result("Warning", "<urn:c>")],
        engine="sparql",
    )
    assert [r.severity for r in report.sorted_results()] == ["Violation", "Warning", "Info"]
    assert (len(report.violations), len(report.warnings), len(report.infos)) == (1, 1, 1)
    assert not report.conforms
    assert report.key() == sorted(report.key())


def test_validate_refuses_an_unknown_engine() -> None:
    with pytest.raises(ValueError, match="engine"):
        validate(ox.Store(), engine="jena")


# --- what both engines report ------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_results_are_written_as_n_triples_terms(reports, engine: str) -> None:
    (lat,) = find(reports[engine], "Location-lat-range")
    assert lat.focus_node == "<https://w3id.org/borderkg/id/place/test-village>"
    assert lat.path == "<http://www.w3.org/2003/01/geo/wgs84_pos#lat>"
    assert lat.value == '"120.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert lat.constraint_component == SH + "MaxInclusiveConstraintComponent"
    assert lat.severity == "Violation"
    assert lat.shape_name  # the property shape's sh:name
    assert lat.graph == GRAPH + "t1"
    assert lat.file is None and lat.line is None


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_an_ill_typed_literal_is_reported(reports, engine: str) -> None:
    # (Not in span offsets: rdflib's SPARQL recurses forever on ill-typed numbers there.)
    levels = find(reports[engine], "Location-adminLevel")
    assert {r.value for r in levels} == {'"abc"^^<http://www.w3.org/2001/XMLSchema#integer>'}
    assert {r.constraint_component for r in levels} == {SH + "DatatypeConstraintComponent"}


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_a_plain_literal_is_not_a_scheme_concept(reports, engine: str) -> None:
    (status,) = find(reports[engine], "StatusValues")
    assert status.value == '"InForce"'
    assert status.constraint_component == SHAPES + "InSchemeConstraintComponent"


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_missing_headline_is_a_warning_only(reports, engine: str) -> None:
    (headline,) = find(reports[engine], "Article-headline")
    assert headline.severity == "Warning"
    assert headline.focus_node == f"<{ARTICLE}t1>"
    assert headline.value is None


def test_the_fast_engine_compiles_every_project_shape(reports) -> None:
    engines = reports["sparql"].shape_engines
    assert len(engines) > 100
    assert set(engines.values()) == {"sparql"}
    assert reports["sparql"].notes == []


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_focus_nodes_keep_exactly_the_full_runs_results_on_them(reports, engine: str) -> None:
    focus = [f"{ARTICLE}t1#char=0,11", "https://w3id.org/borderkg/id/place/test-village"]
    restricted = validate(store_with(), engine=engine, focus_nodes=focus)
    wanted = {f"<{n}>" for n in focus}
    expected = {r for r in reports[engine].results if r.focus_node in wanted}
    assert set(restricted.results) == expected
    assert len(expected) >= 3


def test_rdflib_input_gets_the_shipped_background_graphs(reports) -> None:
    dataset = Dataset()
    dataset.parse(data=TRIG, format="trig")
    report = validate(dataset, engine="sparql")
    store = store_with()
    add_background(store)  # adds the vocabulary
    assert set(report.results) == set(validate(store, engine="sparql").results)
    # Without the ontology a Settlement is no Location: the latitude goes unchecked.
    bare = validate(dataset, engine="sparql", background=False)
    assert not [r for r in bare.results if "Location" in r.source_shape]
    assert [r for r in report.results if r.source_shape.endswith("Location-lat-range")]


def test_a_plain_graph_is_validated_as_the_default_graph() -> None:
    graph = Graph()
    graph.parse(
        data=(
            "@prefix bkg: <https://w3id.org/borderkg/ontology#> . "
            "<https://w3id.org/borderkg/id/place/nowhere> a bkg:Location ."
        ),
        format="turtle",
    )
    fast = validate(graph, engine="sparql", background=False)
    reference = validate(graph, engine="pyshacl", background=False)
    assert set(fast.results) == set(reference.results)
    assert [r.source_shape for r in fast.results] == [SHAPES + "LocationLabelShape"]
    assert fast.results[0].graph is None


def test_blank_node_shapes_get_the_same_stable_id_in_both_engines() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        [] a sh:NodeShape ; sh:targetClass ex:C ; sh:message "needs a p" ;
           sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "needs a p" ] .
        """,
        format="turtle",
    )
    store = ox.Store()
    store.load(b"<http://example.org/a> a <http://example.org/C> .", format=ox.RdfFormat.TURTLE)
    fast = validate(store, shapes=shapes, engine="sparql", background=False)
    again = validate(store, shapes=shapes, engine="sparql", background=False)
    reference = validate(store, shapes=shapes, engine="pyshacl", background=False)
    assert set(fast.results) == set(reference.results) == set(again.results)
    (only,) = fast.results
    assert only.source_shape.startswith("_:shape-")

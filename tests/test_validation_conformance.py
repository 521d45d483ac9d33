"""Focused tests of SHACL Core behaviours the W3C suite found missing (docs/validate.md).

Each test validates a small data file against a small shapes file with both engines (the
SPARQL translation and pyshacl) on a real pyoxigraph store, as ``borderkg validate`` does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from borderkg import validatecli
from borderkg.reportfmt import FORMATS, render
from borderkg.validation import validate
from borderkg.validation.data import to_dataset
from borderkg.validation.report import severity_rank

EX = "http://example.org/t#"
PREFIXES = f"""
@prefix ex: <{EX}> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
"""
ENGINES = ("sparql", "pyshacl")


def store_of(data: str) -> ox.Store:
    """A store holding ``data`` (Turtle) in one named graph, as the CLI loads a file."""
    store = ox.Store()
    store.load(
        (PREFIXES + data).encode(),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("urn:test:data"),
    )
    return store


def shapes_of(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def results(data: str, shapes: str, engine: str, focus: list[str] | None = None) -> list[tuple]:
    report = validate(
        store_of(data),
        shapes=shapes_of(shapes),
        engine=engine,
        focus_nodes=focus if focus is not None else None,
        background=False,
    )
    found = [
        (r.focus_node, r.value, r.constraint_component.rsplit("#", 1)[-1], r.severity)
        for r in report.results
    ]
    return sorted(found, key=str)


@pytest.mark.parametrize("engine", ENGINES)
def test_node_shape_equals_reports_the_missing_self_link_and_every_other_value(
    engine: str,
) -> None:
    data = "ex:a ex:same ex:a . ex:b ex:same ex:c . ex:d ex:other ex:d ."
    shapes = """
        ex:S a sh:NodeShape ; sh:targetNode ex:a, ex:b, ex:d ;
            sh:equals ex:same ; sh:message "equal" .
    """
    assert results(data, shapes, engine) == [
        (f"<{EX}b>", f"<{EX}b>", "EqualsConstraintComponent", "Violation"),
        (f"<{EX}b>", f"<{EX}c>", "EqualsConstraintComponent", "Violation"),
        (f"<{EX}d>", f"<{EX}d>", "EqualsConstraintComponent", "Violation"),
    ]


def test_node_shape_equals_is_translated_to_sparql_not_handed_to_pyshacl() -> None:
    shapes = 'ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:equals ex:same ; sh:message "m" .'
    report = validate(store_of("ex:a ex:same ex:a ."), shapes=shapes_of(shapes), engine="sparql")
    assert report.shape_engines[f"{EX}S"] == "sparql", report.notes
    assert report.results == []


@pytest.mark.parametrize("engine", ENGINES)
def test_node_shape_has_value_result_names_the_focus_node_as_value(engine: str) -> None:
    shapes = """
        ex:S a sh:NodeShape ; sh:targetNode ex:a, ex:b ; sh:hasValue ex:b ; sh:message "m" .
    """
    assert results("ex:a ex:p 1 .", shapes, engine) == [
        (f"<{EX}a>", f"<{EX}a>", "HasValueConstraintComponent", "Violation")
    ]


CUSTOM_SEVERITY = """
    ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:nodeKind sh:BlankNode ;
        sh:severity ex:Serious ; sh:message "custom" .
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_custom_severity_is_reported_as_its_iri_and_breaks_conformance(engine: str) -> None:
    report = validate(store_of("ex:a ex:p 1 ."), shapes=shapes_of(CUSTOM_SEVERITY), engine=engine)
    assert [r.severity for r in report.results] == [f"{EX}Serious"]
    assert not report.conforms
    assert report.violations == report.results
    assert report.exit_code("violation") == 1
    assert severity_rank(f"{EX}Serious") == severity_rank("Violation")


def test_command_renders_a_custom_severity_in_every_format_and_exits_1(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(PREFIXES + "ex:a ex:p 1 .", encoding="utf-8")
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + CUSTOM_SEVERITY, encoding="utf-8")
    outcome = validatecli.run([str(data)], shapes_files=[str(shapes)])
    assert outcome.exit_code == 1
    rendered = {fmt: render(outcome, fmt) for fmt in FORMATS}
    assert all("Serious" in text for text in rendered.values()), rendered
    assert json.loads(rendered["json"])["results"][0]["severity"] == f"{EX}Serious"
    assert rendered["github"].startswith("::error ")
    sarif_results = json.loads(rendered["sarif"])["runs"][0]["results"]
    assert [r["level"] for r in sarif_results] == ["error"]


def test_unknown_severity_name_is_still_refused() -> None:
    with pytest.raises(ValueError):
        severity_rank("fatal")


@pytest.mark.parametrize("engine", ENGINES)
def test_each_sh_class_value_a_node_fails_gives_its_own_result(engine: str) -> None:
    shapes = """
        ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:A, ex:B ; sh:message "m" .
    """
    assert (
        results("ex:a a ex:C .", shapes, engine)
        == [(f"<{EX}a>", f"<{EX}a>", "ClassConstraintComponent", "Violation")] * 2
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_nested_property_shape_reports_once_per_parent_value_reaching_it(engine: str) -> None:
    data = """
        ex:p1 a ex:Person ; ex:address ex:home .
        ex:p2 a ex:Person ; ex:address ex:home .
        ex:home ex:city "Dandong" .
    """
    shapes = """
        ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
            sh:property [ sh:path ex:address ; sh:property ex:City ] .
        ex:City sh:path ex:city ; sh:nodeKind sh:IRI ; sh:message "m" .
    """
    expected = [(f"<{EX}home>", '"Dandong"', "NodeKindConstraintComponent", "Violation")] * 2
    assert results(data, shapes, engine) == expected
    focus = [f"{EX}home", f"{EX}p1", f"{EX}p2"]
    assert results(data, shapes, engine, focus=focus) == expected


@pytest.mark.parametrize("engine", ENGINES)
def test_reported_values_are_the_data_terms_as_written(engine: str) -> None:
    data = 'ex:a ex:when "2011-01-01"^^xsd:dateTime ; ex:flag "none"^^xsd:boolean .'
    shapes = """
        ex:S a sh:NodeShape ; sh:targetNode ex:a ;
            sh:property [ sh:path ex:when ; sh:datatype xsd:date ] ;
            sh:property [ sh:path ex:flag ; sh:datatype xsd:boolean ] .
    """
    values = {value for _f, value, _c, _s in results(data, shapes, engine)}
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert values == {f'"2011-01-01"^^<{xsd}dateTime>', f'"none"^^<{xsd}boolean>'}


def test_dataset_for_pyshacl_keeps_lexical_forms_and_plain_literals() -> None:
    store = store_of('ex:a ex:d "2011-01-01"^^xsd:dateTime ; ex:b "none"^^xsd:boolean ; ex:s "x" .')
    dataset = to_dataset(store, background=False)
    objects = {str(o): o for o in dataset.objects()}
    assert set(objects) == {"2011-01-01", "none", "x"}
    assert objects["x"].datatype is None
    assert str(objects["2011-01-01"].datatype).endswith("#dateTime")


@pytest.mark.parametrize("engine", ENGINES)
def test_typed_xsd_string_in_shapes_matches_a_plain_literal(engine: str) -> None:
    data = 'ex:a ex:code "A" . ex:b ex:code "B" .'
    shapes = """
        ex:S a sh:NodeShape ; sh:targetNode ex:a, ex:b ;
            sh:property [ sh:path ex:code ; sh:in ( "A"^^xsd:string ) ; sh:message "in" ] ;
            sh:property [ sh:path ex:code ; sh:hasValue "A"^^xsd:string ; sh:message "has" ] .
    """
    assert results(data, shapes, engine) == [
        (f"<{EX}b>", '"B"', "InConstraintComponent", "Violation"),
        (f"<{EX}b>", None, "HasValueConstraintComponent", "Violation"),
    ]

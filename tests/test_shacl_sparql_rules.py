"""SHACL-SPARQL details behind the W3C SPARQL entries: pre-binding, forbidden queries, ASK
validators and prefixes (tests/test_shacl_w3c_sparql.py runs the suite itself)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from borderkg.validation import validate
from borderkg.validation.model import declared_prefixes, instances
from borderkg.validation.sparqlrules import prebound_variables, query_problems
from borderkg.validation.sparqlscope import needs_lateral
from borderkg.validation.sparqltext import ask_as_select, prepare_select

SUITE = Path(__file__).parent / "fixtures" / "w3c-shacl-sparql"
EX = "http://example.com/ns#"


def lateral(where: str) -> bool:
    return needs_lateral(
        prepare_select(f"SELECT $this WHERE {{ {where} }}", path=None, prefixes={}), {"this"}
    )


@pytest.mark.parametrize(
    "where",
    [
        "FILTER ($this = <urn:a>)",
        "$this <urn:p> ?x . BIND ($this AS ?that)",
        "{ $this <urn:p> ?x } UNION { $this <urn:q> ?x }",
        "OPTIONAL { ?x <urn:p> ?y FILTER (?x = $this) }",
        "FILTER NOT EXISTS { $this <urn:p> ?x }",
    ],
)
def test_this_seen_by_the_leading_join_runs_joined(where: str) -> None:
    assert not lateral(where)


@pytest.mark.parametrize(
    "where",
    [
        "{ FILTER (false) } UNION { FILTER ($this = <urn:a>) }",
        "{ { FILTER ($this = <urn:a>) } FILTER bound($this) }",
        "OPTIONAL { ?x <urn:p> ?y BIND ($this AS ?z) }",
        "{ SELECT $this WHERE { FILTER ($this = <urn:a>) } }",
    ],
)
def test_this_hidden_from_the_leading_join_runs_under_lateral(where: str) -> None:
    assert lateral(where)


def test_lateral_gives_the_rows_of_pre_binding() -> None:
    query = prepare_select(
        "SELECT $this WHERE { { FILTER (false) } UNION { FILTER ($this = <urn:a>) } }",
        path=None,
        prefixes={},
    )
    focus = "VALUES ?this { <urn:a> <urn:b> }"
    store = ox.Store()
    assert [str(r["this"]) for r in store.query(query.with_lateral(focus))] == ["<urn:a>"]
    assert list(store.query(query.with_leading(focus))) == []  # what joining first gave


def problems(query: str, prebound: frozenset = frozenset({"this"})) -> list[str]:
    return query_problems(Graph(), URIRef("urn:c"), query, set(prebound))


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("SELECT $this WHERE { $this ?p ?o MINUS { $this ?p 1 } }", "it uses MINUS"),
        ("SELECT $this WHERE { VALUES ?x { 1 } }", "it uses VALUES"),
        ("SELECT $this WHERE { SERVICE <urn:s> { ?a ?b ?c } }", "it uses SERVICE"),
        ("SELECT $this WHERE { BIND (1 AS ?this) }", "it binds the pre-bound $this with AS $this"),
        (
            "SELECT $this WHERE { $this ?p ?o { SELECT ?o WHERE { ?o ?q ?r } } }",
            "a subquery does not return the pre-bound $this",
        ),
        (
            "SELECT $this WHERE { { SELECT * WHERE { FILTER ($this = <urn:a>) } } }",
            "a subquery does not return the pre-bound $this",
        ),
        (
            "SELECT $this WHERE { GRAPH $shapesGraph { $this ?p ?o } }",
            "it uses $shapesGraph, which borderkg does not support",
        ),
    ],
)
def test_queries_shacl_sparql_forbids_are_refused_with_the_reason(query: str, reason: str) -> None:
    assert problems(query) == [reason]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT $this WHERE { $this ?p ?o . FILTER (?o = 'MINUS VALUES') }",  # words in a string
        "SELECT $this WHERE { { SELECT $this (COUNT(?o) AS ?n) WHERE { $this ?p ?o } GROUP BY $this } }",
        "SELECT $this WHERE { { SELECT * WHERE { $this ?p ?o } } }",
        "SELECT $this WHERE { BIND ($this AS ?that) }",
    ],
)
def test_queries_within_the_rules_pass(query: str) -> None:
    assert problems(query) == []


def test_a_component_pre_binds_its_parameters_and_an_ask_validator_value() -> None:
    graph = Graph().parse(SUITE / "component" / "validator-001.ttl")
    validator = next(graph.subjects(SH.ask, None))
    assert prebound_variables(graph, validator) == {
        "this",
        "shapesGraph",
        "currentShape",
        "test1",
        "test2",
        "value",
    }
    assert problems("ASK { BIND (1 AS ?value) }", frozenset({"this", "value"})) == [
        "it binds the pre-bound $value with AS $value"
    ]


def test_validators_of_the_wrong_kind_are_refused() -> None:
    graph = Graph().parse(SUITE / "pre-binding" / "unsupported-sparql-006.ttl")
    validator = next(graph.subjects(SH.ask, None))
    assert query_problems(graph, validator, "ASK { }", {"this", "value"}) == [
        "sh:propertyValidator takes SELECT-based validators, not one with sh:ask"
    ]


def test_an_ask_validator_becomes_the_select_of_its_failing_value_nodes() -> None:
    assert ask_as_select("PREFIX ex: <urn:ex:>\nASK WHERE { FILTER (?value = ex:a) }") == (
        "PREFIX ex: <urn:ex:>\n"
        "SELECT DISTINCT ?this ?value WHERE { FILTER NOT EXISTS { FILTER (?value = ex:a) } }"
    )


def test_prefixes_are_collected_through_owl_imports() -> None:
    graph = Graph().parse(SUITE / "node" / "prefixes-001.ttl")
    constraint = next(graph.subjects(SH.select, None))
    assert declared_prefixes(graph, constraint) == {
        "test": "http://test.com/ns#",
        "ex": "http://datashapes.org/sh/tests/sparql/node/prefixes-001.test#",
    }


def test_constraint_components_are_found_as_shacl_instances() -> None:
    graph = Graph().parse(SUITE / "component" / "validator-001.ttl")
    assert instances(graph, SH.ConstraintComponent) == [URIRef(EX + "TestConstraintComponent")]


PB002 = "http://datashapes.org/sh/tests/sparql/pre-binding/pre-binding-002.test#"


@pytest.mark.parametrize("focus", [None, [URIRef(PB002 + "InvalidResource")]])
def test_nested_this_is_pre_bound_by_the_whole_store_and_focus_runners(focus) -> None:
    """Without focus nodes the whole-store runner, with them the restricted one."""
    graph = Graph().parse(SUITE / "pre-binding" / "pre-binding-002.ttl")
    report = validate(graph, shapes=graph, engine="sparql", focus_nodes=focus, background=False)
    assert report.shape_engines == {PB002 + "TestShape": "sparql"}
    assert [r.focus_node for r in report.results] == [f"<{PB002}InvalidResource>"]

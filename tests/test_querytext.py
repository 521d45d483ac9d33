"""The query text inspector: form, dataset clause, SERVICE endpoints, without parsing.

The SERVICE guard is checked against the engine itself: every tricky query is also run by
pyoxigraph against a local SPARQL stub, and whatever SERVICE call the engine really makes
must have been reported by the inspector (or the query flagged as uncertain).
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from stubendpoint import result_json, stub_endpoint

from borderkg.querytext import inspect, mentions_service

PREDECLARED = {
    "bkg": "https://w3id.org/borderkg/ontology#",
    "wd": "http://www.wikidata.org/entity/",
}


@pytest.fixture(scope="module")
def stub() -> Iterator[tuple[str, list[str]]]:
    """A SPARQL endpoint that records which paths were called."""
    with stub_endpoint(result_json([], [{}])) as endpoint:
        yield endpoint.base, endpoint.hits


# -- form and dataset ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("select ?s { ?s ?p ?o }", "SELECT"),
        ("# a comment\nPREFIX ex: <http://ex/>\nBASE <http://b/>\nASK { ex:a ?p ?o }", "ASK"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://ex/a>", "DESCRIBE"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "UPDATE"),
        ("PREFIX ex: <http://ex/> DELETE WHERE { ?s ex:p ?o }", "UPDATE"),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
        ("LOAD <http://example.org/data.ttl>", "UPDATE"),
        ("CLEAR ALL", "UPDATE"),
        ("'SELECT' nonsense", None),
        ("", None),
    ],
)
def test_form_is_the_first_query_or_update_keyword(query: str, form: str | None) -> None:
    assert inspect(query).form == form


def test_keywords_inside_strings_comments_and_iris_do_not_decide_the_form() -> None:
    query = '# INSERT DATA\nPREFIX ex: <http://ex/DELETE/>\nSELECT ("INSERT" AS ?x) {}'
    assert inspect(query).form == "SELECT"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * FROM <http://g> WHERE { ?s ?p ?o }", True),
        ("SELECT * FROM NAMED <http://g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
        ("CONSTRUCT { ?s ?p ?o } FROM <http://g> WHERE { ?s ?p ?o }", True),
        ("DESCRIBE <http://a> FROM <http://g>", True),
        ("ask from <http://g> { ?s ?p ?o }", True),
        ("SELECT * WHERE { ?s ?p 'FROM <http://g>' }", False),
        ("SELECT * WHERE { ?s ?p ?o } # FROM <http://g>", False),
        ("SELECT ?from WHERE { ?from ?p ?o }", False),
        ("PREFIX from: <http://f/> SELECT * WHERE { ?s from:p ?o }", False),
    ],
)
def test_dataset_clause_is_found_only_at_top_level(query: str, expected: bool) -> None:
    assert inspect(query).has_dataset is expected


def test_graph_forms_are_told_apart_from_result_forms() -> None:
    assert inspect("CONSTRUCT WHERE { ?s ?p ?o }").is_graph
    assert inspect("DESCRIBE ?s WHERE { ?s ?p ?o }").is_graph
    assert not inspect("ASK {}").is_graph


def test_prefixes_used_are_listed_for_predeclaration() -> None:
    info = inspect("SELECT * { ?s a bkg:Article ; wd:x ?o . ?o <http://a#b> 'c:d' }")
    assert info.prefixes == {"bkg", "wd"}


# -- SERVICE ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "services"),
    [
        ("SELECT * { SERVICE <http://a/sparql> { ?s ?p ?o } }", ("http://a/sparql",)),
        ("select * { service silent <http://a/s> { } }", ("http://a/s",)),
        ("PREFIX ex: <http://ex/> SELECT * { SERVICE ex:sparql {} }", ("http://ex/sparql",)),
        ("SELECT * { SERVICE wd:sparql {} }", ("http://www.wikidata.org/entity/sparql",)),
        ("PREFIX wd: <http://mine/> SELECT * { SERVICE wd:q {} }", ("http://mine/q",)),
        (
            "PREFIX a: <http://one/> PREFIX a: <http://two/> SELECT * { SERVICE a:s {} }",
            ("http://two/s",),
        ),
        ("BASE <http://good/x/> SELECT * { SERVICE <../sparql> {} }", ("http://good/sparql",)),
        ("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", ("?endpoint",)),
        ("SELECT * { SERVICE $e {} }", ("$e",)),
        ("SELECT * { SERVICE <http://ex/\\u0041> {} }", ("http://ex/A",)),
        ("SELECT * { SERVICE nope:x {} }", ("nope:x",)),
        (
            "SELECT * { SERVICE <http://a/1> {} SERVICE\n# between\n<http://a/2> {} }",
            ("http://a/1", "http://a/2"),
        ),
        ("SELECT * { FILTER EXISTS { SERVICE <http://deep/> { ?s ?p ?o } } }", ("http://deep/",)),
    ],
)
def test_service_endpoints_are_resolved_as_the_engine_resolves_them(
    query: str, services: tuple[str, ...]
) -> None:
    assert inspect(query, PREDECLARED).services == services


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?s ?p 'SERVICE <http://evil/> { }' }",
        'SELECT * { ?s ?p """\nSERVICE <http://evil/> { }\n""" }',
        "SELECT * { ?s ?p ?o } # SERVICE <http://evil/> { }",
        "SELECT * { ?s <http://ex/SERVICE> ?o }",
        "PREFIX service: <http://s/> SELECT * { ?s service:p ?o }",
        "SELECT ?service { ?service ?p ?o }",
    ],
)
def test_service_in_strings_comments_iris_and_names_is_not_a_service(query: str) -> None:
    info = inspect(query)
    assert info.services == ()
    assert not info.uncertain


def test_mentions_service_sees_the_word_anywhere() -> None:
    assert mentions_service("SELECT * { ?s ?p 'security service' }")
    assert not mentions_service("SELECT * { ?s ?p ?o }")


def test_values_rows_with_hash_iris_are_not_uncertain() -> None:
    info = inspect("SELECT * { VALUES (?a ?b) { (<http://x#a> <http://x#b>) } }")
    assert not info.uncertain


def test_hash_iri_after_a_term_in_a_collection_is_flagged_uncertain() -> None:
    assert inspect("SELECT * { ?s <http://p> ( ?a <http://x#y> ) }").uncertain


def _tricky(base: str) -> list[tuple[str, bool]]:
    """Queries and whether pyoxigraph calls the stub for them (checked below)."""
    return [
        (f"SELECT * {{ SERVICE <{base}/plain> {{ }} }}", True),
        (f"SELECT * {{ SERVICE SILENT <{base}/silent> {{ }} }}", True),
        (f"PREFIX s: <{base}/> SELECT * {{ SERVICE s:pname {{ }} }}", True),
        (f"SELECT * {{ ?s ?p 'SERVICE <{base}/in-string> {{ }}' }}", False),
        (f"SELECT * {{ }} # SERVICE <{base}/in-comment> {{ }}", False),
        # '<' as less-than before a quote: the engine compares with the string 'x>'.
        (
            f"SELECT * {{ SERVICE <{base}/after-compare> {{ }} BIND(1 AS ?o) FILTER(?o<'x>') }}",
            True,
        ),
        (
            f"SELECT * {{ BIND(1 AS ?o) FILTER(?o<'''>') }} "
            f"SERVICE <{base}/long-string> {{ }} FILTER(?o != ''') }}",
            False,
        ),
        (
            f"SELECT * {{ {{ BIND(1 AS ?o) FILTER(?o<'x>') }}\n"
            f"UNION {{ SERVICE <{base}/after-filter> {{ }} }} }}",
            True,
        ),
        (
            f"SELECT * {{ {{ BIND(1 AS ?o) FILTER(?o<3)#>'''\n }} "
            f"UNION {{ SERVICE <{base}/hash> {{ }} }} }} # '''",
            True,
        ),
        (f"SELECT * {{ SERVICE <{base}/\\u0065scaped> {{ }} }}", True),
    ]


def test_every_service_the_engine_calls_is_reported(stub: tuple[str, list[str]]) -> None:
    base, hits = stub
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"), ox.Literal("o")))
    for query, calls in _tricky(base):
        hits.clear()
        info = inspect(query)
        try:
            store.query(query).serialize(format=ox.QueryResultsFormat.TSV)
        except SyntaxError as exc:
            pytest.fail(f"the test query does not parse: {query!r}: {exc}")
        called = [base + path for path in hits]
        assert bool(called) is calls, query
        for endpoint in called:
            assert endpoint in info.services or info.uncertain, (query, endpoint, info)
        if not calls:
            assert info.services == (), query

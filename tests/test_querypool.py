"""The query pool: real worker processes, result formats, row caps and datasets."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from poolfixture import (
    BULK,
    BULK_SIZE,
    EX,
    G1,
    G2,
    TRICKY_OBJECTS,
    XSD,
    _n,
)

from borderkg import conneg
from borderkg.querypool import (
    InvalidDataset,
    NotAcceptable,
    QueryPool,
    QuerySettings,
    QuerySyntaxError,
    UpdateOnQueryURL,
)


def test_select_answers_in_json_by_default(pool: QueryPool) -> None:
    with pool.run(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BULK}> {{ ?s ?p ?o }} }}") as result:
        body = json.loads(result.read())
    assert result.form == "SELECT" and result.media_type == conneg.JSON_RESULTS
    assert body["results"]["bindings"][0]["n"]["value"] == str(BULK_SIZE)
    assert result.rows == 1 and not result.capped


@pytest.mark.parametrize("media_type", [conneg.XML_RESULTS, conneg.TSV, conneg.JSON_RESULTS])
def test_tricky_terms_survive_every_lossless_results_format(
    pool: QueryPool, root: Path, media_type: str
) -> None:
    query = f"SELECT ?o WHERE {{ <{EX}tricky> ?p ?o }}"
    with pool.run(query, media_type=media_type) as result:
        data = result.read()
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    got = {row["o"] for row in ox.parse_query_results(data, fmt)}
    assert got == set(TRICKY_OBJECTS)
    assert result.rows == len(TRICKY_OBJECTS)


def test_csv_results_are_the_standard_plain_values(pool: QueryPool) -> None:
    query = f"SELECT ?o WHERE {{ <{EX}tricky> ?p ?o FILTER(isLiteral(?o)) }}"
    with pool.run(query, media_type=conneg.CSV) as result:
        rows = list(csv.reader(io.StringIO(result.read().decode())))
    assert rows[0] == ["o"]
    assert sorted(r[0] for r in rows[1:]) == sorted(
        o.value for o in TRICKY_OBJECTS if isinstance(o, ox.Literal)
    )


@pytest.mark.parametrize("media_type", conneg.GRAPH_TYPES)
def test_construct_gives_the_graph_in_every_rdf_format(pool: QueryPool, media_type: str) -> None:
    no_triple_terms = media_type == conneg.JSONLD  # JSON-LD has no triple terms yet
    where = "FILTER(!isTRIPLE(?o))" if no_triple_terms else ""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o {where} }} }}"
    with pool.run(query, media_type=media_type) as result:
        data = result.read()
    parsed = list(ox.parse(data, ox.RdfFormat.from_media_type(media_type)))
    expected = [o for o in TRICKY_OBJECTS if not (no_triple_terms and isinstance(o, ox.Triple))]
    assert len(parsed) == len(expected) == result.rows
    objects = {q.object for q in parsed}
    assert {o for o in expected if not isinstance(o, ox.BlankNode)} <= objects
    assert any(isinstance(o, ox.BlankNode) for o in objects)


def test_triple_terms_in_a_format_without_them_are_not_acceptable(pool: QueryPool) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
    with pytest.raises(NotAcceptable) as caught:
        pool.run(query, media_type=conneg.JSONLD)
    assert caught.value.status == 406


def test_describe_is_reported_as_describe(pool: QueryPool) -> None:
    with pool.run(f"DESCRIBE <{EX}other>") as result:
        assert result.form == "DESCRIBE" and result.media_type == conneg.TURTLE
        assert b"in g2" in result.read()


def test_ask_answers_true_and_false(pool: QueryPool) -> None:
    assert pool.ask(f"ASK {{ <{EX}s1> ?p ?o }}") is True
    assert pool.ask(f"ASK {{ <{EX}nothing> ?p ?o }}") is False
    with pool.run("ASK {}", media_type=conneg.XML_RESULTS) as result:
        assert result.form == "ASK" and result.rows is None
        assert b"<boolean>true</boolean>" in result.read()


def test_select_convenience_returns_terms_and_leaves_out_unbound(pool: QueryPool) -> None:
    rows = pool.select(
        f"SELECT ?s ?missing WHERE {{ ?s <{EX}n> 7 OPTIONAL {{ ?s <{EX}x> ?missing }} }}"
    )
    assert rows == [{"s": _n("s7")}]


def test_graph_convenience_returns_serialized_bytes(pool: QueryPool) -> None:
    data = pool.graph(f"CONSTRUCT WHERE {{ <{EX}s3> ?p ?o }}", conneg.NTRIPLES)
    assert data == f'<{EX}s3> <{EX}n> "3"^^<{XSD}integer> .\n'.encode()


def test_project_prefixes_are_predeclared_and_a_query_may_redefine_them(pool: QueryPool) -> None:
    assert pool.select("SELECT (bkg:Article AS ?x) {}") == [
        {"x": ox.NamedNode("https://w3id.org/borderkg/ontology#Article")}
    ]
    assert pool.select("PREFIX bkg: <http://mine/> SELECT (bkg:A AS ?x) {}") == [
        {"x": ox.NamedNode("http://mine/A")}
    ]


# -- the result cap --------------------------------------------------------------------


@pytest.mark.parametrize(
    "media_type", [conneg.JSON_RESULTS, conneg.XML_RESULTS, conneg.CSV, conneg.TSV]
)
def test_cap_gives_exactly_max_rows_well_formed_rows(capped: QueryPool, media_type: str) -> None:
    query = f"SELECT ?s ?o WHERE {{ ?s <{EX}n> ?o }} ORDER BY ?o"
    with capped.run(query, media_type=media_type) as result:
        data = result.read()
    assert result.capped and result.rows == 5
    if media_type == conneg.CSV:
        rows = list(csv.reader(io.StringIO(data.decode())))[1:]
        assert [r[1] for r in rows] == ["0", "1", "2", "3", "4"]
    else:
        fmt = ox.QueryResultsFormat.from_media_type(media_type)
        values = [int(row["o"].value) for row in ox.parse_query_results(data, fmt)]
        assert values == [0, 1, 2, 3, 4]


def test_cap_keeps_tricky_terms_intact(capped: QueryPool, pool: QueryPool) -> None:
    query = f"SELECT ?o WHERE {{ <{EX}tricky> ?p ?o }} ORDER BY STR(?o)"
    full = [r["o"] for r in pool.select(query)]
    with capped.run(query, media_type=conneg.JSON_RESULTS) as result:
        data = result.read()
    cut = [r["o"] for r in ox.parse_query_results(data, ox.QueryResultsFormat.JSON)]
    assert result.capped and len(cut) == 5
    assert set(cut) <= set(full)


def test_exactly_max_rows_is_not_capped(capped: QueryPool) -> None:
    query = f"SELECT ?s WHERE {{ ?s <{EX}n> ?o FILTER(?o < 5) }}"
    for media_type in (conneg.JSON_RESULTS, conneg.TSV):
        with capped.run(query, media_type=media_type) as result:
            assert result.rows == 5 and not result.capped
    with capped.run(query.replace("< 5", "< 4")) as result:
        assert result.rows == 4 and not result.capped


def test_rows_without_variables_count_as_rows(capped: QueryPool) -> None:
    with capped.run("SELECT * { VALUES () { () () () () () () () } }") as result:
        body = json.loads(result.read())
    assert result.capped and len(body["results"]["bindings"]) == 5


@pytest.mark.parametrize("media_type", conneg.GRAPH_TYPES)
def test_cap_gives_exactly_max_triples(capped: QueryPool, media_type: str) -> None:
    query = f"CONSTRUCT WHERE {{ ?s <{EX}n> ?o }}"
    with capped.run(query, media_type=media_type) as result:
        data = result.read()
    assert result.capped and result.rows == 5
    assert len(list(ox.parse(data, ox.RdfFormat.from_media_type(media_type)))) == 5


def test_large_results_are_spooled_and_streamed_whole(root: Path) -> None:
    query = f"SELECT ?s ?o WHERE {{ ?s <{EX}n> ?o }} ORDER BY ?o"
    with QueryPool(root, QuerySettings(workers=1, spool_bytes=1024)) as spooling:
        with spooling.run(query, media_type=conneg.XML_RESULTS) as result:
            chunks = list(result.chunks(size=512))
            assert result.rows == BULK_SIZE and not result.capped
        with spooling.run("ASK {}") as small:
            assert small.read() == b'{"head":{},"boolean":true}'
    data = b"".join(chunks)
    assert len(data) > 20 * 1024
    assert len(chunks) == -(-len(data) // 512)  # served from the spool in pieces
    rows = list(ox.parse_query_results(data, ox.QueryResultsFormat.XML))
    assert [int(r["o"].value) for r in rows] == list(range(BULK_SIZE))


def test_a_request_may_lower_the_cap_but_not_raise_it(capped: QueryPool) -> None:
    query = f"SELECT ?s WHERE {{ ?s <{EX}n> ?o }}"
    with capped.run(query, max_rows=2) as result:
        assert result.rows == 2 and result.capped
    with capped.run(query, max_rows=50) as result:
        assert result.rows == 5 and result.capped


# -- errors ----------------------------------------------------------------------------


def test_malformed_query_gives_the_parsers_message_with_line_and_column(pool: QueryPool) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        pool.run("SELECT * WHERE {\n  ?s ?p \n}")
    assert caught.value.status == 400 and caught.value.code == "malformed-query"
    assert re.search(r"\b3:\d+\b", caught.value.message), caught.value.message


def test_undeclared_prefix_is_a_syntax_error(pool: QueryPool) -> None:
    with pytest.raises(QuerySyntaxError, match="unknown prefix 'nope:' at line 1, column"):
        pool.run("SELECT * WHERE { ?s nope:p ?o }")


def test_update_is_never_run_on_the_query_operation(pool: QueryPool) -> None:
    with pytest.raises(UpdateOnQueryURL) as caught:
        pool.run(f"INSERT DATA {{ <{EX}x> <{EX}y> <{EX}z> }}")
    assert caught.value.status == 400
    assert not pool.ask(f"ASK {{ <{EX}x> ?p ?o }}")


def test_format_of_the_wrong_family_is_not_acceptable(pool: QueryPool) -> None:
    with pytest.raises(NotAcceptable):
        pool.run("SELECT * {}", media_type=conneg.TURTLE)
    with pytest.raises(NotAcceptable):
        pool.run("CONSTRUCT WHERE { ?s ?p ?o }", media_type=conneg.CSV)
    with pytest.raises(NotAcceptable):
        pool.run("ASK {}", media_type="image/png")


def test_aliases_are_accepted_and_answered_with_the_canonical_type(pool: QueryPool) -> None:
    with pool.run("ASK {}", media_type="application/json") as result:
        assert result.media_type == conneg.JSON_RESULTS


def test_invalid_graph_iri_is_a_client_error(pool: QueryPool) -> None:
    with pytest.raises(InvalidDataset) as caught:
        pool.run("SELECT * {}", default_graphs=["not an iri"])
    assert caught.value.status == 400


# -- dataset ---------------------------------------------------------------------------


def _subjects(pool: QueryPool, query: str, **options: object) -> set[str]:
    return {row["s"].value for row in pool.select(query, **options)}


def test_default_graph_is_the_union_of_all_graphs(pool: QueryPool) -> None:
    found = _subjects(pool, f"SELECT DISTINCT ?s WHERE {{ ?s <{EX}p> ?o }}")
    assert found == {EX + "tricky", EX + "other", EX + "default"}


def test_from_in_the_query_replaces_the_union(pool: QueryPool) -> None:
    query = f"SELECT DISTINCT ?s FROM <{G2}> WHERE {{ ?s ?p ?o }}"
    assert _subjects(pool, query) == {EX + "other"}
    named = f"SELECT DISTINCT ?s FROM NAMED <{G2}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _subjects(pool, named) == {EX + "other"}


def test_request_dataset_overrides_the_querys(pool: QueryPool) -> None:
    query = f"SELECT DISTINCT ?s FROM <{G2}> WHERE {{ ?s <{EX}p> ?o }}"
    assert _subjects(pool, query, default_graphs=[G1]) == {EX + "tricky"}
    assert _subjects(pool, query, default_graphs=[ox.DefaultGraph()]) == {EX + "default"}
    named = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _subjects(pool, named, named_graphs=[ox.NamedNode(G2)]) == {EX + "other"}
    # named graphs alone: the default graph is empty, as the protocol says
    assert _subjects(pool, "SELECT ?s { ?s ?p ?o }", named_graphs=[G2]) == set()

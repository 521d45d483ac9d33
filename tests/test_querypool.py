"""The query pool: real worker processes, formats, caps, timeouts, limits, SERVICE, datasets."""

from __future__ import annotations

import csv
import http.server
import io
import json
import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg import conneg
from borderkg.querypool import (
    InvalidDataset,
    NotAcceptable,
    PoolBusy,
    QueryFailed,
    QueryPool,
    QuerySettings,
    QuerySyntaxError,
    QueryTimeout,
    ServiceNotAllowed,
    UpdateOnQueryURL,
)
from borderkg.snapshots import publish_snapshot
from borderkg.store import GraphStore

EX = "http://ex/"
G1 = "https://w3id.org/borderkg/graph/article/tricky"
G2 = "https://w3id.org/borderkg/graph/article/other"
BULK = "https://w3id.org/borderkg/graph/bulk"
XSD = "http://www.w3.org/2001/XMLSchema#"
BULK_SIZE = 200
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


TRICKY_OBJECTS = [
    ox.Literal('line one\nline two\t"quoted" \\ back'),
    ox.Literal("Grenze", language="de"),
    ox.Literal("국경", language="ko"),
    ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("2023-09-01", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal("custom", datatype=_n("type")),
    ox.BlankNode("node1"),
    ox.Triple(_n("a"), _n("said"), ox.Literal("x")),
]


def _build(root: Path) -> None:
    with GraphStore.open(root) as store:
        quads = [ox.Quad(_n("tricky"), _n("p"), obj, ox.NamedNode(G1)) for obj in TRICKY_OBJECTS]
        quads += [ox.Quad(_n("other"), _n("p"), ox.Literal("in g2"), ox.NamedNode(G2))]
        quads += [
            ox.Quad(
                _n(f"s{i}"),
                _n("n"),
                ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer")),
                ox.NamedNode(BULK),
            )
            for i in range(BULK_SIZE)
        ]
        quads += [
            ox.Quad(_n("default"), _n("p"), ox.Literal("in the default graph"), ox.DefaultGraph())
        ]
        store.store.extend(quads)
        publish_snapshot(store)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("querypool") / "store"
    _build(path)
    return path


@pytest.fixture(scope="module")
def pool(root: Path) -> Iterator[QueryPool]:
    with QueryPool(root, QuerySettings(workers=2, timeout=20, max_rows=1000)) as started:
        yield started


@pytest.fixture(scope="module")
def capped(root: Path) -> Iterator[QueryPool]:
    with QueryPool(root, QuerySettings(workers=1, max_rows=5, spool_bytes=256)) as started:
        yield started


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# -- results and formats ---------------------------------------------------------------


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
    with pytest.raises(QuerySyntaxError, match="1:"):
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


# -- SERVICE ---------------------------------------------------------------------------


class _Remote(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps(
            {
                "head": {"vars": ["x"]},
                "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def remote() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Remote)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_service_is_refused_by_default_with_a_message_naming_it(pool: QueryPool) -> None:
    with pytest.raises(ServiceNotAllowed) as caught:
        pool.run("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert caught.value.status == 403 and caught.value.endpoint == "http://example.org/sparql"
    assert "http://example.org/sparql" in caught.value.message
    assert "service_allow" in caught.value.message


def test_allowed_service_is_called_and_others_refused(root: Path, remote: str) -> None:
    settings = QuerySettings(workers=1, service_allowlist=(remote,))
    with QueryPool(root, settings) as federated:
        rows = federated.select(f"SELECT ?x {{ SERVICE <{remote}> {{ ?x ?p ?o }} }}")
        assert rows == [{"x": ox.Literal("remote")}]
        with pytest.raises(ServiceNotAllowed):
            federated.run("SELECT * { SERVICE <http://elsewhere/sparql> {} }")
        with pytest.raises(ServiceNotAllowed):
            federated.run("SELECT * { SERVICE ?endpoint {} }")
        with pytest.raises(ServiceNotAllowed, match="cannot classify"):
            federated.run(f"SELECT * {{ ?s <{EX}p> ( ?a <http://x#'y> ) . ?s ?p 'service' }}")


def test_star_allows_any_service_even_variable_ones(root: Path) -> None:
    settings = QuerySettings(workers=1, service_allowlist=("*",))
    # the endpoint variable is unbound: the engine refuses, but not our guard
    with QueryPool(root, settings) as open_pool, pytest.raises(QueryFailed, match="engine"):
        open_pool.run("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }")


# -- timeouts, crashes, limits ---------------------------------------------------------


def test_timeout_kills_the_query_and_the_next_one_is_answered_at_once(pool: QueryPool) -> None:
    before = set(pool.worker_pids())
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        pool.run(EXPLOSIVE, timeout=1)
    elapsed = time.monotonic() - started
    assert 0.9 < elapsed < 1.5, elapsed
    assert caught.value.status == 503 and "1 s" in caught.value.message
    killed = before - set(pool.worker_pids())
    assert len(killed) == 1 and not _alive(killed.pop())
    started = time.monotonic()
    assert pool.ask("ASK {}")
    assert time.monotonic() - started < 0.5
    deadline = time.monotonic() + 10
    while len(pool.worker_pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(pool.worker_pids()) == 2  # replaced in the background
    assert pool.metrics()["queries"]["timeout"] >= 1


def test_timeout_while_streaming_a_result_is_a_timeout_not_a_truncated_result(
    root: Path,
) -> None:
    settings = QuerySettings(workers=1, timeout=1, max_rows=10**9, spool_bytes=1 << 16)
    with QueryPool(root, settings) as streaming, pytest.raises(QueryTimeout):
        streaming.run("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", media_type=conneg.TSV)


def test_a_client_may_not_raise_the_timeout(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, timeout=1)) as short:
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            short.run(EXPLOSIVE, timeout=60)
        assert time.monotonic() - started < 1.5


def test_a_worker_that_dies_gives_a_server_error_and_is_replaced(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, timeout=20)) as fragile:
        (pid,) = fragile.worker_pids()
        threading.Timer(0.3, os.kill, (pid, signal.SIGKILL)).start()
        with pytest.raises(QueryFailed) as caught:
            fragile.run(EXPLOSIVE)
        assert caught.value.status == 500 and "Traceback" not in caught.value.message
        assert fragile.ask("ASK {}")  # a fresh worker answers
        assert fragile.worker_pids() != [pid]
        assert fragile.metrics()["workers_crashed"] == 1


def test_full_queue_is_refused_at_once_with_retry_after(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, max_queue=0, timeout=3)) as small:
        outcome: list[str] = []

        def hog_the_worker() -> None:
            try:
                small.run(EXPLOSIVE)
            except QueryTimeout:
                outcome.append("timeout")

        hog = threading.Thread(target=hog_the_worker)
        hog.start()
        time.sleep(0.3)
        started = time.monotonic()
        with pytest.raises(PoolBusy) as caught:
            small.run("ASK {}")
        assert time.monotonic() - started < 0.2
        assert caught.value.status == 503 and caught.value.headers["Retry-After"]
        hog.join()
        assert outcome == ["timeout"]
        assert small.metrics()["queries"]["busy"] == 1


def test_queued_queries_wait_for_a_worker(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, max_queue=8)) as single:
        results: list[bool] = []

        def ask() -> None:
            results.append(single.ask(f"ASK {{ <{EX}s1> ?p ?o }}"))

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == [True] * 8


def test_concurrent_queries_get_their_own_answers(pool: QueryPool) -> None:
    errors: list[str] = []

    def worker(offset: int) -> None:
        for i in range(15):
            n = (offset * 15 + i) % BULK_SIZE
            rows = pool.select(f"SELECT ?s WHERE {{ ?s <{EX}n> {n} }}")
            if rows != [{"s": _n(f"s{n}")}]:
                errors.append(f"{n}: {rows}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# -- workers ---------------------------------------------------------------------------


def test_workers_stay_small_no_rdflib_flask_or_spacy(pool: QueryPool) -> None:
    info = pool.worker_info()
    modules = set(info["modules"])
    assert not {"rdflib", "flask", "spacy", "pyshacl"} & modules
    assert "pyoxigraph" in modules and info["pid"] in pool.worker_pids()


def test_new_snapshot_is_seen_by_the_next_query(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _build(root)
    with QueryPool(root, QuerySettings(workers=1)) as live:
        assert not live.ask(f"ASK {{ <{EX}new> ?p ?o }}")
        with GraphStore.open(root) as store:
            store.store.add(ox.Quad(_n("new"), _n("p"), ox.Literal("v"), ox.NamedNode(G2)))
            publish_snapshot(store)
        assert live.ask(f"ASK {{ <{EX}new> ?p ?o }}")


def test_pool_without_a_snapshot_does_not_start(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "store"):
        pass
    with pytest.raises(Exception, match="no published snapshot"):
        QueryPool(tmp_path / "store", QuerySettings(workers=1)).start()


def test_closing_the_pool_kills_its_workers(root: Path) -> None:
    closing = QueryPool(root, QuerySettings(workers=2)).start()
    pids = closing.worker_pids()
    closing.close()
    assert len(pids) == 2 and not any(_alive(pid) for pid in pids)
    with pytest.raises(QueryFailed):
        closing.run("ASK {}")


def test_metrics_count_outcomes_and_latency(root: Path) -> None:
    with QueryPool(root, QuerySettings(workers=1, max_rows=1)) as counted:
        counted.ask("ASK {}")
        counted.run(f"SELECT ?s {{ ?s <{EX}n> ?o }}").close()
        with pytest.raises(QuerySyntaxError):
            counted.run("SELECT")
        metrics = counted.metrics()
    assert metrics["queries"]["ok"] == 1
    assert metrics["queries"]["capped"] == 1
    assert metrics["queries"]["error"] == 1
    assert metrics["latency"]["count"] == 3
    assert metrics["latency"]["buckets"][-1] == (float("inf"), 3)
    assert metrics["workers"]["alive"] == 1


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="timeout"):
        QuerySettings(timeout=600, max_timeout=300)
    with pytest.raises(ValueError, match="workers"):
        QuerySettings(workers=0)


# -- the row cap on its own, at every chunking ------------------------------------------

CAP_VALUES = """
SELECT ?x ?y WHERE { VALUES (?x ?y) {
  ("plain" 1)
  ("comma,{brace" "},{\\"x\\":{}}")
  ("back\\\\slash\\\\" "quote\\"inside")
  ("ends with backslash\\\\" UNDEF)
  (UNDEF UNDEF)
  ("<result>not a row</result>" "line\\r\\nbreak")
  ("tab\\tand\\nnewline" "\\"\\"doubled\\"\\"")
  (<http://ex/iri> 3.5e0)
  ("lang"@ko "2023-09-01"^^<http://www.w3.org/2001/XMLSchema#date>)
  ("ends with,{" "x,{\\"a\\":1}")
  (UNDEF "last")
} }
"""


def _rows(data: bytes, fmt: str) -> list[tuple[str, ...]]:
    if fmt == "csv":
        return [tuple(r) for r in csv.reader(io.StringIO(data.decode(), newline=""))][1:]
    parsed = ox.parse_query_results(data, getattr(ox.QueryResultsFormat, fmt.upper()))
    return [tuple(str(term) for term in solution) for solution in parsed]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_cap_is_exact_whatever_the_chunking(fmt: str) -> None:
    from borderkg.resultcap import Capped, RowCap

    store = ox.Store()
    form = getattr(ox.QueryResultsFormat, fmt.upper())
    full = store.query(CAP_VALUES).serialize(format=form)
    everything = _rows(full, fmt)
    assert len(everything) == 11
    for max_rows in (1, 2, 4, 5, 9, 10, 11, 12):
        for size in (1, 2, 3, 7, 64, len(full)):
            out = io.BytesIO()
            cap = RowCap(out, fmt, max_rows)
            try:
                for start in range(0, len(full), size):
                    cap.write(full[start : start + size])
            except Capped:
                pass
            cap.finish()
            expected = everything[:max_rows]
            assert _rows(out.getvalue(), fmt) == expected, (max_rows, size)
            assert cap.rows == len(expected), (max_rows, size)
            assert cap.capped is (max_rows < len(everything)), (max_rows, size)
            if not cap.capped:
                assert out.getvalue() == full


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_cap_counts_empty_results(fmt: str) -> None:
    from borderkg.resultcap import RowCap

    full = (
        ox.Store()
        .query("SELECT ?x { FILTER(false) }")
        .serialize(format=getattr(ox.QueryResultsFormat, fmt.upper()))
    )
    out = io.BytesIO()
    cap = RowCap(out, fmt, 3)
    cap.write(full)
    cap.finish()
    assert out.getvalue() == full and cap.rows == 0 and not cap.capped

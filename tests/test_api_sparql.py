"""The /sparql protocol surface through Flask's test client, over a real store and query pool.

One app (real query worker processes) over a small store of two hand-written graphs; a
result cap of 5 rows and a SERVICE allowlist naming an endpoint that cannot answer, so the
cap, the allowlist and an engine failure can all be seen.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from serverfixture import small_store

from borderkg.api import create_app

PEOPLE = "http://example.org/graph/people"
PLACES = "http://example.org/graph/places"
DEAD_ENDPOINT = "http://127.0.0.1:1/sparql"
CAP = 5
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
NAMES = "SELECT ?name WHERE { ?x <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"
EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(60))} }}" for i in range(6))
    + " }"
)
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    store = small_store(tmp_path_factory.mktemp("api") / "store")
    application = create_app(
        {
            "store": store,
            "workers": 2,
            "timeout": 10,
            "max_rows": CAP,
            "service_allow": [DEAD_ENDPOINT],
        }
    )
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def names(response) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)
    data = json.loads(response.get_data())
    return [row["name"]["value"] for row in data["results"]["bindings"]]


def error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()["error"]
    assert body["status"] == status
    if code is not None:
        assert body["code"] == code
    assert "Traceback" not in body["message"]
    return body


# -- the three ways to send a query --------------------------------------------------------


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "GET", "query_string": {"query": NAMES}},
        {"method": "POST", "data": {"query": NAMES}},
        {"method": "POST", "data": NAMES.encode(), "content_type": "application/sparql-query"},
    ],
    ids=["get", "post-form", "post-direct"],
)
def test_each_protocol_request_form_answers_json_by_default(
    client: FlaskClient, request_kwargs: dict
) -> None:
    response = client.open("/sparql", **request_kwargs)
    assert response.mimetype == "application/sparql-results+json"
    assert names(response) == ["Alice", "Anonymous", "Bob"]


def test_direct_post_takes_dataset_parameters_from_the_url(client: FlaskClient) -> None:
    response = client.post(
        "/sparql",
        query_string={"default-graph-uri": PLACES},
        data=NAMES.encode(),
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
    )
    assert names(response) == []


def test_project_prefixes_are_predeclared(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK { FILTER(STR(bkg:) != '') }"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["boolean"] is True


# -- content negotiation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_results_follow_the_accept_header(
    client: FlaskClient, accept: str, media_type: str
) -> None:
    response = client.get("/sparql", query_string={"query": NAMES}, headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    text = response.get_data(as_text=True)
    assert "Anonymous" in text and "Alice" in text


def test_csv_and_xml_results_hold_the_same_rows(client: FlaskClient) -> None:
    got_csv = client.get("/sparql", query_string={"query": NAMES, "format": "csv"})
    rows = list(csv.reader(io.StringIO(got_csv.get_data(as_text=True))))
    assert rows == [["name"], ["Alice"], ["Anonymous"], ["Bob"]]
    got_xml = client.get("/sparql", query_string={"query": NAMES, "format": "xml"})
    root = ElementTree.fromstring(got_xml.get_data())
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [e.text for e in root.findall(".//r:literal", ns)] == ["Alice", "Anonymous", "Bob"]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_results_follow_the_accept_header(
    client: FlaskClient, accept: str, fmt: ox.RdfFormat
) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{PLACES}> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == accept
    parsed = list(ox.parse(response.get_data(), format=fmt))
    labels = {q.object.value for q in parsed}
    assert labels == {"Hyesan", "혜산", "Changbai"}


def test_describe_answers_turtle_by_default(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "DESCRIBE <http://example.org/alice>"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    parsed = list(ox.parse(response.get_data(), format=ox.RdfFormat.TURTLE))
    assert any(t.object == ox.Literal("Alice") for t in parsed)


def test_format_parameter_wins_over_accept(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        query_string={"query": NAMES, "format": "tsv"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.mimetype == "text/tab-separated-values"
    assert response.get_data(as_text=True).splitlines()[0] == "?name"


@pytest.mark.parametrize(
    ("values", "media_type"),
    [
        (["xml"], "application/rdf+xml"),
        (["json"], "application/ld+json"),
        (["rdf+xml", "application/rdf+xml"], "application/rdf+xml"),
        (["turtle"], "text/turtle"),
    ],
)
def test_format_names_follow_the_query_form_as_sparqlwrapper_sends_them(
    client: FlaskClient, values: list[str], media_type: str
) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{PLACES}> {{ ?s ?p ?o }} }}"
    params = [("query", query)] + [(name, v) for v in values for name in ("format", "output")]
    response = client.get("/sparql", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == media_type


def test_output_parameter_is_read_like_format(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": NAMES, "output": "csv"})
    assert response.mimetype == "text/csv"


@pytest.mark.parametrize(
    ("query", "params", "accept"),
    [
        (NAMES, {}, "image/png"),
        (NAMES, {}, "text/turtle"),  # a graph format for a SELECT
        (NAMES, {"format": "yaml"}, None),
        ("CONSTRUCT WHERE { ?s ?p ?o }", {}, "text/csv"),
    ],
    ids=["unknown-type", "graph-type-for-select", "unknown-format", "results-type-for-construct"],
)
def test_what_cannot_be_produced_is_406_listing_what_can(
    client: FlaskClient, query: str, params: dict, accept: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": query, **params}, headers=headers)
    body = error(response, 406, "not-acceptable")
    assert body["available"][0] in body["message"] or "format=" in body["message"]


# -- dataset --------------------------------------------------------------------------------


def test_default_graph_is_the_union_of_all_graphs(client: FlaskClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.get_json()["results"]["bindings"][0]["n"]["value"] == "10"


def test_default_graph_uri_sets_the_default_graph(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": NAMES, "default-graph-uri": PLACES})
    assert names(response) == []
    response = client.get("/sparql", query_string=[("query", NAMES), ("default-graph-uri", PEOPLE)])
    assert names(response) == ["Alice", "Anonymous", "Bob"]


def test_named_graph_uri_limits_the_named_graphs(client: FlaskClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    response = client.get("/sparql", query_string=[("query", query), ("named-graph-uri", PLACES)])
    graphs = [row["g"]["value"] for row in response.get_json()["results"]["bindings"]]
    assert graphs == [PLACES]


def test_protocol_dataset_overrides_the_query_dataset(client: FlaskClient) -> None:
    query = f"SELECT ?name FROM <{PEOPLE}> WHERE {{ ?x <http://xmlns.com/foaf/0.1/name> ?name }}"
    assert len(names(client.get("/sparql", query_string={"query": query}))) == 3
    response = client.get("/sparql", query_string={"query": query, "default-graph-uri": PLACES})
    assert names(response) == []


def test_malformed_query_is_400_with_line_and_column(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE {\n  ?s ?p \n"})
    body = error(response, 400, "malformed-query")
    assert "error at 3:1" in body["message"]


SPARQL_QUERY = "application/sparql-query"
FORM_TYPE = "application/x-www-form-urlencoded"
LATIN1 = "ASK%20%7B%20FILTER(%22%E9%22)%20%7D"  # "é" percent-encoded as Latin-1
ASK = "ASK%20%7B%7D"
MALFORMED = [  # id, method, path, body, Content-Type, status, code
    ("graph-uri-not-an-iri", "GET", f"?query={ASK}&default-graph-uri=a%20b", None, None, 400, "invalid-graph-iri"),
    ("two-queries", "GET", f"?query={ASK}&query={ASK}", None, None, 400, "multiple-queries"),
    ("query-in-url-and-body", "POST", f"?query={ASK}", b"ASK {}", SPARQL_QUERY, 400, "multiple-queries"),
    ("post-without-query", "POST", "", b"timeout=3", FORM_TYPE, 400, "missing-query"),
    ("post-without-content-type", "POST", "", f"query={ASK}".encode(), "", 400, "missing-content-type"),
    ("post-text-plain", "POST", "", b"ASK {}", "text/plain", 415, "unsupported-media-type"),
    ("latin1-body", "POST", "", "ASK { FILTER('é') }".encode("latin-1"), SPARQL_QUERY, 400, "not-utf-8"),
    ("utf16-body", "POST", "", "ASK {}".encode("utf-16"), SPARQL_QUERY + "; charset=UTF-16", 400, "not-utf-8"),
    ("latin1-in-url", "GET", f"?query={LATIN1}", None, None, 400, "not-utf-8"),
    ("latin1-in-form", "POST", "", f"query={LATIN1}".encode(), FORM_TYPE, 400, "not-utf-8"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "body", "content_type", "status", "code"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_requests_get_their_status_and_code(
    client: FlaskClient,
    method: str,
    path: str,
    body: bytes | None,
    content_type: str | None,
    status: int,
    code: str,
) -> None:
    response = client.open("/sparql" + path, method=method, data=body, content_type=content_type)
    details = error(response, status, code)
    if code == "unsupported-media-type":
        assert details["supported"] == [FORM_TYPE, SPARQL_QUERY]
    if code == "missing-content-type":
        assert SPARQL_QUERY in details["message"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(client: FlaskClient, method: str) -> None:
    response = client.open("/sparql", method=method, query_string={"query": "ASK {}"})
    error(response, 405)
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert {"GET", "POST", "OPTIONS"} <= allowed
    assert method not in allowed


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"query_string": {"update": "CLEAR ALL"}},
        {"query_string": {"query": "CLEAR ALL"}},
        {"method": "POST", "data": {"update": "DROP ALL"}},
        {
            "method": "POST",
            "data": b"DROP ALL",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"query_string": {"query": f"INSERT DATA {{ GRAPH <{PLACES}> {{ <x:a> <x:b> <x:c> }} }}"}},
    ],
)
def test_updates_are_refused_at_the_query_url(client: FlaskClient, request_kwargs: dict) -> None:
    response = client.open("/sparql", **{"method": "GET", **request_kwargs})
    body = error(response, 400, "update-on-query-url")
    assert "/update" in body["message"]
    count = client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    assert count.get_json()["results"]["bindings"][0]["n"]["value"] == "10"


@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf", "nan"])
def test_timeout_parameter_must_be_a_positive_number(client: FlaskClient, value: str) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {}", "timeout": value})
    error(response, 400, "bad-timeout")


@pytest.mark.alone  # times itself
def test_a_lower_timeout_asked_by_the_client_stops_the_query(client: FlaskClient) -> None:
    started = time.monotonic()
    response = client.get("/sparql", query_string={"query": EXPLOSIVE, "timeout": "1"})
    elapsed = time.monotonic() - started
    body = error(response, 503)
    assert "Retry-After" in response.headers
    assert "1" in body["message"]
    assert elapsed < 5
    started = time.monotonic()
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    assert time.monotonic() - started < 1.0


def test_service_to_an_endpoint_not_allowed_is_refused(client: FlaskClient) -> None:
    query = "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code in (400, 403)
    body = response.get_json()["error"]
    assert "query.wikidata.org" in body["message"]


def test_an_allowed_service_that_cannot_be_reached_is_502_naming_it(client: FlaskClient) -> None:
    query = f"SELECT * WHERE {{ SERVICE <{DEAD_ENDPOINT}> {{ ?s ?p ?o }} }}"
    body = error(client.get("/sparql", query_string={"query": query}), 502)
    assert body["code"] == "service-failed" and body["endpoint"] == DEAD_ENDPOINT
    assert f"<{DEAD_ENDPOINT}> could not be reached" in body["message"]


# -- result cap -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_capped_results_say_so_in_headers(client: FlaskClient, fmt: str) -> None:
    response = client.get("/sparql", query_string={"query": ALL_TRIPLES, "format": fmt})
    assert response.status_code == 200
    assert response.headers["BorderKG-Result-Cap"] == str(CAP)
    assert response.headers["Warning"] == f'199 borderkg "result capped at {CAP} rows"'
    assert "BorderKG-Result-Cap" in response.headers["Access-Control-Expose-Headers"]
    if fmt == "json":
        assert len(response.get_json()["results"]["bindings"]) == CAP


def test_capped_construct_says_triples(client: FlaskClient) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    response = client.get("/sparql", query_string={"query": query, "format": "ntriples"})
    assert response.headers["BorderKG-Result-Cap"] == str(CAP)
    assert "triples" in response.headers["Warning"]
    assert len(response.get_data(as_text=True).strip().splitlines()) == CAP


def test_results_under_the_cap_carry_no_cap_header(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": NAMES})
    assert "BorderKG-Result-Cap" not in response.headers
    assert "Warning" not in response.headers


# -- service description, browsers, CORS ----------------------------------------------------


def _description(client: FlaskClient, accept: str, fmt: ox.RdfFormat) -> ox.Store:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == accept
    store = ox.Store()
    store.load(response.get_data(), format=fmt)
    return store


def test_service_description_states_endpoint_features_and_graph_counts(
    client: FlaskClient,
) -> None:
    store = _description(client, "text/turtle", ox.RdfFormat.TURTLE)
    prologue = f"PREFIX sd: <{SD}> PREFIX void: <http://rdfs.org/ns/void#> "
    assert store.query(
        prologue + "ASK { ?svc a sd:Service ; sd:endpoint <http://localhost/sparql> ; "
        "sd:supportedLanguage sd:SPARQL11Query ; sd:feature sd:UnionDefaultGraph, "
        "sd:BasicFederatedQuery ; sd:resultFormat "
        "<http://www.w3.org/ns/formats/SPARQL_Results_CSV> }"
    )
    counts = {
        row["name"].value: int(row["n"].value)
        for row in store.query(
            prologue + "SELECT ?name ?n { ?svc sd:defaultDataset/sd:namedGraph ?g . "
            "?g sd:name ?name ; sd:graph/void:triples ?n }"
        )
    }
    assert counts == {PEOPLE: 7, PLACES: 3}


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_service_description_follows_the_accept_header(
    client: FlaskClient, accept: str, fmt: ox.RdfFormat
) -> None:
    store = _description(client, accept, fmt)
    assert len(store) > 20


def test_service_description_is_turtle_for_any_accept(client: FlaskClient) -> None:
    for headers in ({}, {"Accept": "*/*"}):
        response = client.get("/sparql", headers=headers)
        assert response.status_code == 200
        assert response.mimetype == "text/turtle"


def test_a_browser_without_a_query_is_sent_to_the_ui(client: FlaskClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code in (302, 303)
    assert response.headers["Location"].endswith("/")


def test_get_without_a_query_asking_for_results_is_400(client: FlaskClient) -> None:
    response = client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    error(response, 400, "missing-query")


def test_cors_headers_on_results_and_on_errors(client: FlaskClient) -> None:
    ok = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://x.y"})
    assert ok.headers["Access-Control-Allow-Origin"] == "*"
    bad = client.get("/sparql", query_string={"query": "ASK {"}, headers={"Origin": "https://x.y"})
    assert bad.status_code == 400
    assert bad.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_answers_methods_and_headers(client: FlaskClient) -> None:
    response = client.options(
        "/sparql",
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()
    assert int(response.headers["Access-Control-Max-Age"]) > 0


def test_head_answers_like_get_without_a_body(client: FlaskClient) -> None:
    response = client.head("/sparql", query_string={"query": NAMES})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert response.get_data() == b""


def test_large_bodies_are_refused_before_parsing(tmp_path: Path, app: Flask) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = app.test_client().post(
        "/sparql",
        data=b"#" * (limit + 1),
        headers={"Content-Type": "application/sparql-query"},
    )
    error(response, 413)


def test_a_result_of_one_frame_is_sent_whole_with_its_length(client: FlaskClient) -> None:
    """A result the worker sent in one frame is in memory anyway: one body, with its
    length (larger, spooled results stream: tests/test_query_fastpath.py)."""
    response = client.get("/sparql", query_string={"query": NAMES})
    body = response.get_data()
    assert json.loads(body)["results"]["bindings"]
    assert response.headers["Content-Length"] == str(len(body))


def test_a_zero_lookup_budget_sends_lookups_to_the_workers(app: Flask) -> None:
    store = app.extensions["borderkg"].config.store
    assert app.extensions["borderkg"].pool.settings.local_budget == 0.02
    off = create_app({"store": store, "workers": 1, "lookup_budget": 0, "prepare_store": False})
    try:
        assert off.extensions["borderkg"].pool.settings.local_budget == 0
        query = "SELECT ?p ?o WHERE { <http://example.org/alice> ?p ?o }"
        response = off.test_client().get("/sparql", query_string={"query": query})
        assert response.status_code == 200 and response.get_json()["results"]["bindings"]
    finally:
        off.extensions["borderkg"].close()


@pytest.mark.alone  # times itself
def test_a_full_pool_answers_503_busy_with_retry_after(app: Flask, tmp_path: Path) -> None:
    """One worker, no queue: while it runs a long query, the next one is refused at once."""
    from concurrent.futures import ThreadPoolExecutor

    store = app.extensions["borderkg"].config.store
    busy = create_app(
        {
            "store": store,
            "workers": 1,
            "max_queue": 0,
            "timeout": 3,
            "base_url": "https://kg.example.org",
            "prepare_store": False,
        }
    )
    try:
        client = busy.test_client()
        with ThreadPoolExecutor(1) as executor:
            slow = executor.submit(client.get, "/sparql", query_string={"query": EXPLOSIVE})
            time.sleep(0.5)
            started = time.monotonic()
            refused = client.get("/sparql", query_string={"query": "ASK {}"})
            assert time.monotonic() - started < 1.0
            body = error(refused, 503, "busy")
            assert int(refused.headers["Retry-After"]) >= 1
            assert body["message"]
            assert slow.result().status_code == 503  # the long one hit its 3 s limit
        deadline = time.monotonic() + 30  # the killed worker's replacement is starting
        description = client.get("/sparql", headers={"Accept": "application/n-triples"})
        while description.status_code == 503 and time.monotonic() < deadline:
            assert description.get_json()["error"]["code"] == "busy"
            time.sleep(0.2)
            description = client.get("/sparql", headers={"Accept": "application/n-triples"})
        assert b"<https://kg.example.org/sparql>" in description.get_data()
        assert b"BasicFederatedQuery" not in description.get_data()
    finally:
        busy.extensions["borderkg"].close()

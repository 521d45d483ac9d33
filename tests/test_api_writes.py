"""The write URLs through Flask's test client: /update (SPARQL Update) and /data (Graph Store).

One app with an API token (real query worker processes, the real write service and SHACL gate)
over a private copy of the sample-corpus store; reads go through /sparql and /data, so a write
is checked the way a client would see it. A second app over the same store has no token, to see
writes switched off. Tests use graphs of their own and remove them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from serverfixture import private_copy
from storeholder import store_held_elsewhere

from borderkg import snapshots
from borderkg.api import create_app

TOKEN = "test-token-" + "k" * 24
AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
TURTLE = "text/turtle"
VOCABULARY = "https://w3id.org/borderkg/graph/vocabulary"

# The session's sample-corpus store (`sample_store`), shared with every module that uses it.


@pytest.fixture(scope="module")
def store(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the sample store: these tests write."""
    return private_copy(sample_store, tmp_path_factory.mktemp("writes"))


@pytest.fixture(scope="module")
def app(store: Path) -> Iterator[Flask]:
    application = create_app({"store": store, "token": TOKEN, "workers": 2, "timeout": 20})
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def graph_iri() -> str:
    return f"http://example.org/test-graph/{uuid.uuid4().hex}"


def data_url(graph: str | None = None) -> str:
    return "/data?default" if graph is None else f"/data?graph={quote(graph, safe='')}"


def select(client: FlaskClient, query: str) -> list[dict[str, str]]:
    reply = client.get("/sparql", query_string={"query": query, "format": "json"})
    assert reply.status_code == 200, reply.data
    return [
        {name: cell["value"] for name, cell in row.items()}
        for row in reply.get_json()["results"]["bindings"]
    ]


def ask(client: FlaskClient, query: str) -> bool:
    reply = client.get("/sparql", query_string={"query": query, "format": "json"})
    assert reply.status_code == 200, reply.data
    return reply.get_json()["boolean"]


def dump_lines(client: FlaskClient) -> tuple[str, list[str]]:
    """The snapshot name (ETag) and every quad of the store as sorted N-Quads lines."""
    reply = client.get("/dump.nq")
    assert reply.status_code == 200
    return reply.headers["ETag"], sorted(reply.get_data(as_text=True).splitlines())


def metric(client: FlaskClient, sample: str) -> float:
    """The value of one Prometheus sample line (0 when the series does not exist yet)."""
    for line in client.get("/metrics").get_data(as_text=True).splitlines():
        if line.startswith(sample + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def triples(data: bytes, fmt: ox.RdfFormat) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(data, format=fmt)}


# -- authorisation -------------------------------------------------------------------------


def test_update_without_a_token_is_401_with_a_bearer_challenge(client: FlaskClient) -> None:
    reply = client.post(
        "/update", data="INSERT DATA { <urn:a> <urn:b> <urn:c> }", content_type=UPDATE
    )
    assert reply.status_code == 401
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")
    assert reply.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("header", [f"Bearer {TOKEN}x", "Bearer ", f"Basic {TOKEN}", TOKEN])
def test_update_with_a_wrong_token_is_401_invalid_token(client: FlaskClient, header: str) -> None:
    reply = client.post(
        "/update",
        data="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        content_type=UPDATE,
        headers={"Authorization": header},
    )
    assert reply.status_code == 401
    assert 'error="invalid_token"' in reply.headers["WWW-Authenticate"]
    assert not ask(client, "ASK { <urn:a> <urn:b> <urn:c> }")


def test_graph_store_writes_need_the_token_but_reads_do_not(client: FlaskClient) -> None:
    graph = graph_iri()
    put = client.put(data_url(graph), data=b"<urn:s> <urn:p> <urn:o> .", content_type=TURTLE)
    assert put.status_code == 401
    assert client.delete(data_url(VOCABULARY)).status_code == 401
    assert client.get(data_url(VOCABULARY), headers={"Accept": TURTLE}).status_code == 200


def test_writes_are_403_when_no_token_is_configured(store: Path) -> None:
    application = create_app({"store": store, "workers": 1})
    try:
        client = application.test_client()
        update = client.post(
            "/update",
            data="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            content_type=UPDATE,
            headers=AUTH,
        )
        assert update.status_code == 403
        assert update.get_json()["error"]["code"] == "writes-disabled"
        put = client.put(data_url(graph_iri()), data=b"", content_type=TURTLE, headers=AUTH)
        assert put.status_code == 403
        assert client.get(data_url(VOCABULARY)).status_code == 200
    finally:
        application.extensions["borderkg"].close()


def test_write_urls_send_no_cors_headers(client: FlaskClient) -> None:
    for reply in (
        client.options("/update", headers={"Origin": "http://elsewhere.example"}),
        client.post("/update", data="x", content_type=UPDATE, headers=AUTH),
        client.get(data_url(VOCABULARY)),
    ):
        assert not any(n.lower().startswith("access-control-") for n, _ in reply.headers)


# -- /update ---------------------------------------------------------------------------------


def test_an_accepted_update_is_visible_in_sparql_and_counted(client: FlaskClient) -> None:
    graph = graph_iri()
    accepted = metric(client, 'borderkg_writes_total{operation="update",outcome="accepted"}')
    reply = client.post(
        "/update",
        data=f'INSERT DATA {{ GRAPH <{graph}> {{ place:yalu-river rdfs:comment "a test note"@en }} }}',
        content_type=UPDATE,
        headers=AUTH,
    )
    assert reply.status_code == 200, reply.data
    summary = reply.get_json()
    assert summary["graphs"] == [graph]
    assert (summary["inserted"], summary["deleted"]) == (1, 0)
    assert ask(client, f'ASK {{ GRAPH <{graph}> {{ ?s rdfs:comment "a test note"@en }} }}')
    after = metric(client, 'borderkg_writes_total{operation="update",outcome="accepted"}')
    assert after == accepted + 1
    assert client.delete(data_url(graph), headers=AUTH).status_code == 204


def test_a_form_encoded_update_honours_using_graph_uri(client: FlaskClient) -> None:
    source, target = graph_iri(), graph_iri()
    two = b"<urn:x:a> <urn:x:p> 1 .\n<urn:x:b> <urn:x:p> 2 ."
    assert (
        client.put(data_url(source), data=two, content_type=TURTLE, headers=AUTH).status_code == 201
    )
    body = {
        "update": f"INSERT {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}",
        "using-graph-uri": source,
    }
    reply = client.post("/update", data=body, content_type=FORM, headers=AUTH)
    assert reply.status_code == 200, reply.data
    assert reply.get_json()["inserted"] == 2
    rows = select(client, f"SELECT ?s WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }} ORDER BY ?s")
    assert [r["s"] for r in rows] == ["urn:x:a", "urn:x:b"]
    for graph in (source, target):
        assert client.delete(data_url(graph), headers=AUTH).status_code == 204


def test_an_update_the_gate_rejects_is_422_with_the_report_and_changes_nothing(
    client: FlaskClient,
) -> None:
    (row,) = select(
        client,
        "SELECT ?g ?p ?m WHERE { GRAPH ?g { ?p a bkg:Policy ; bkg:measureType ?m } } "
        "ORDER BY ?p LIMIT 1",
    )
    other = "BorderClosure" if not row["m"].endswith("BorderClosure") else "Crackdown"
    rejected_before = metric(client, 'borderkg_writes_total{operation="update",outcome="rejected"}')
    before = dump_lines(client)
    reply = client.post(
        "/update",
        data=f"INSERT DATA {{ GRAPH <{row['g']}> {{ <{row['p']}> bkg:measureType measure:{other} }} }}",
        content_type=UPDATE,
        headers=AUTH,
    )
    assert reply.status_code == 422
    error = reply.get_json()["error"]
    assert (error["status"], error["code"]) == (422, "validation-failed")
    violations = [r for r in error["report"]["results"] if r["severity"] == "Violation"]
    assert violations and error["report"]["conforms"] is False
    assert {r["focus_node"] for r in violations} == {f"<{row['p']}>"}
    assert all(r["constraint_component"] and r["message"] for r in violations)
    assert any("measureType" in (r["path"] or "") for r in violations)
    assert dump_lines(client) == before
    after = metric(client, 'borderkg_writes_total{operation="update",outcome="rejected"}')
    assert after == rejected_before + 1


def test_a_malformed_update_is_400_with_line_and_column(client: FlaskClient) -> None:
    reply = client.post(
        "/update", data="INSERT DATA {\n  <urn:a> <urn:b> }", content_type=UPDATE, headers=AUTH
    )
    assert reply.status_code == 400
    error = reply.get_json()["error"]
    assert error["code"] == "malformed-update"
    assert (error["line"], error["column"]) != (None, None)


def test_an_update_nesting_thousands_of_blank_nodes_is_applied(client: FlaskClient) -> None:
    # on this thread's ordinary stack pyoxigraph would kill the server process (deepstack)
    graph, depth = graph_iri(), 5_000
    nested = "[ <urn:x:p> " * depth + "1" + " ]" * depth
    reply = client.post(
        "/update",
        data=f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:s> <urn:x:p> {nested} }} }}",
        content_type=UPDATE,
        headers=AUTH,
    )
    assert reply.status_code == 200, reply.data
    assert reply.get_json()["inserted"] == depth + 1


def test_json_ld_past_the_parsers_depth_is_400_with_its_message(client: FlaskClient) -> None:
    depth = 70_000
    payload = '{"@id": "urn:x:s", "urn:x:p": ' * depth + '"leaf"' + "}" * depth
    reply = client.put(
        data_url(graph_iri()),
        data=payload.encode(),
        content_type="application/ld+json",
        headers=AUTH,
    )
    assert reply.status_code == 400
    error = reply.get_json()["error"]
    assert error["code"] == "malformed-rdf"
    assert "Max stack size of 65536" in error["message"]


def test_load_is_refused_without_fetching(client: FlaskClient) -> None:
    reply = client.post(
        "/update", data="LOAD <http://127.0.0.1:1/data.ttl>", content_type=UPDATE, headers=AUTH
    )
    assert reply.status_code == 403
    assert reply.get_json()["error"]["code"] == "load-refused"


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_update_takes_post_only(client: FlaskClient, method: str) -> None:
    reply = getattr(client, method)("/update", headers=AUTH)
    assert reply.status_code == 405
    assert "POST" in reply.headers["Allow"]
    assert reply.get_json()["error"]["status"] == 405


def test_update_request_errors(client: FlaskClient) -> None:
    insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    wrong_type = client.post("/update", data=insert, content_type="text/plain", headers=AUTH)
    assert wrong_type.status_code == 415
    no_type = client.post("/update", data=insert.encode(), headers=AUTH)
    assert no_type.status_code == 400
    assert no_type.get_json()["error"]["code"] == "missing-content-type"
    latin1 = client.post(
        "/update",
        data='INSERT DATA { <urn:a> <urn:b> "caf\xe9" }'.encode("latin-1"),
        content_type=UPDATE,
        headers=AUTH,
    )
    assert latin1.status_code == 400 and latin1.get_json()["error"]["code"] == "not-utf-8"
    twice = client.post(
        "/update",
        data=f"update={quote(insert)}&update={quote(insert)}",
        content_type=FORM,
        headers=AUTH,
    )
    assert twice.status_code == 400
    missing = client.post("/update", data="using-graph-uri=urn:g", content_type=FORM, headers=AUTH)
    assert missing.status_code == 400
    bad_iri = client.post(
        "/update?using-graph-uri=not%20an%20iri", data=insert, content_type=UPDATE, headers=AUTH
    )
    assert bad_iri.status_code == 400
    assert not ask(client, "ASK { <urn:a> <urn:b> ?o }")


def test_a_load_holding_the_store_makes_writes_503_with_retry_after(
    client: FlaskClient, store: Path
) -> None:
    graph = graph_iri()
    with store_held_elsewhere(store):
        reply = client.put(
            data_url(graph), data=b"<urn:s> <urn:p> 1 .", content_type=TURTLE, headers=AUTH
        )
        assert reply.status_code == 503
        assert int(reply.headers["Retry-After"]) > 0
        error = reply.get_json()["error"]
        assert error["code"] == "store-busy"
        assert "writing it" in error["message"]
        # the client learns no path, process id or command line of the operator's machine
        assert str(store) not in error["message"] and "pid" not in error["message"].lower()
    assert client.get(data_url(graph)).status_code == 404


# -- /data: the Graph Store Protocol ---------------------------------------------------------

PAYLOAD = """@prefix ex: <http://example.org/> .
ex:hyesan ex:label "Hyesan"@en , "혜산"@ko ; ex:near ex:changbai ; ex:count 3 .
"""


def test_put_get_delete_round_trip(client: FlaskClient) -> None:
    graph = graph_iri()
    expected = triples(PAYLOAD.encode(), ox.RdfFormat.TURTLE)
    created = client.put(data_url(graph), data=PAYLOAD.encode(), content_type=TURTLE, headers=AUTH)
    assert created.status_code == 201
    assert created.get_json()["inserted"] == 4
    replaced = client.put(data_url(graph), data=PAYLOAD.encode(), content_type=TURTLE, headers=AUTH)
    assert replaced.status_code == 204

    for media_type, fmt in (
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ):
        got = client.get(data_url(graph), headers={"Accept": media_type})
        assert got.status_code == 200 and got.mimetype == media_type
        assert got.headers["Vary"] == "Accept"
        assert triples(got.data, fmt) == expected
    for media_type, fmt in (
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/trig", ox.RdfFormat.TRIG),
    ):
        got = client.get(data_url(graph), headers={"Accept": media_type})
        quads = list(ox.parse(got.data, format=fmt))
        assert {str(q.graph_name) for q in quads} == {f"<{graph}>"}
        assert {(str(q.subject), str(q.predicate), str(q.object)) for q in quads} == expected

    head = client.head(data_url(graph), headers={"Accept": TURTLE})
    assert head.status_code == 200 and head.data == b""
    assert client.delete(data_url(graph), headers=AUTH).status_code == 204
    assert client.get(data_url(graph)).status_code == 404
    assert client.head(data_url(graph)).status_code == 404
    missing = client.delete(data_url(graph), headers=AUTH)
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "graph-not-found"


def test_post_to_the_service_creates_a_graph_named_in_location(client: FlaskClient) -> None:
    reply = client.post("/data", data=PAYLOAD.encode(), content_type=TURTLE, headers=AUTH)
    assert reply.status_code == 201
    location = reply.headers["Location"]
    assert location == reply.get_json()["graph"]
    got = client.get(data_url(location), headers={"Accept": "application/n-triples"})
    assert triples(got.data, ox.RdfFormat.N_TRIPLES) == triples(
        PAYLOAD.encode(), ox.RdfFormat.TURTLE
    )
    assert client.delete(data_url(location), headers=AUTH).status_code == 204


def test_post_to_a_graph_merges_into_it(client: FlaskClient) -> None:
    graph = graph_iri()
    first = client.post(
        data_url(graph), data=b"<urn:x:a> <urn:x:p> 1 .", content_type=TURTLE, headers=AUTH
    )
    assert first.status_code == 201
    second = client.post(
        data_url(graph),
        data=b'<urn:x:b> <urn:x:p> "2" .',
        content_type="application/n-triples",
        headers=AUTH,
    )
    assert second.status_code == 204
    rows = select(client, f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} ORDER BY ?s")
    assert [r["s"] for r in rows] == ["urn:x:a", "urn:x:b"]
    assert client.delete(data_url(graph), headers=AUTH).status_code == 204


def test_the_default_graph_is_read_and_written_on_its_own(client: FlaskClient) -> None:
    put = client.put(
        data_url(None), data=b"<urn:x:d> <urn:x:p> 7 .", content_type=TURTLE, headers=AUTH
    )
    assert put.status_code in (201, 204)
    got = client.get(data_url(None), headers={"Accept": "application/n-triples"})
    assert got.status_code == 200
    # Only the store's own default graph, not the union the query URL uses by default.
    assert triples(got.data, ox.RdfFormat.N_TRIPLES) == {
        ("<urn:x:d>", "<urn:x:p>", '"7"^^<http://www.w3.org/2001/XMLSchema#integer>')
    }
    assert client.delete(data_url(None), headers=AUTH).status_code == 204
    empty = client.get(data_url(None), headers={"Accept": "application/n-triples"})
    assert empty.status_code == 200 and empty.data.strip() == b""


def test_a_graph_store_write_the_gate_rejects_is_422_and_changes_nothing(
    client: FlaskClient,
) -> None:
    (row,) = select(
        client,
        f"SELECT ?id WHERE {{ GRAPH <{VOCABULARY}> {{ ?e skos:exactMatch ?id ; a bkg:Country }} "
        'FILTER(STRSTARTS(STR(?id), "http://www.wikidata.org/")) } ORDER BY ?id LIMIT 1',
    )
    graph = graph_iri()
    payload = (
        f"<urn:x:land> a <https://w3id.org/borderkg/ontology#Country> ; "
        f'<http://www.w3.org/2004/02/skos/core#prefLabel> "Another land"@en ; '
        f"<http://www.w3.org/2004/02/skos/core#exactMatch> <{row['id']}> ."
    )
    reply = client.put(data_url(graph), data=payload.encode(), content_type=TURTLE, headers=AUTH)
    assert reply.status_code == 422
    results = reply.get_json()["error"]["report"]["results"]
    assert any("exactMatch" in r["message"] for r in results if r["severity"] == "Violation")
    assert client.get(data_url(graph)).status_code == 404


def test_graph_store_request_errors(client: FlaskClient) -> None:
    graph = graph_iri()
    body = b"<urn:x:a> <urn:x:p> 1 ."
    quads = client.put(data_url(graph), data=body, content_type="application/n-quads", headers=AUTH)
    assert quads.status_code == 415
    unknown = client.put(data_url(graph), data=body, content_type="text/csv", headers=AUTH)
    assert unknown.status_code == 415
    broken = client.put(
        data_url(graph), data=b"<urn:x:a> <urn:x:p>\n  <urn:x:b", content_type=TURTLE, headers=AUTH
    )
    assert broken.status_code == 400
    error = broken.get_json()["error"]
    assert error["code"] == "malformed-rdf" and error["line"] is not None
    both = client.get(f"/data?default&graph={quote(graph)}")
    assert both.status_code == 400
    neither = client.get("/data")
    assert neither.status_code == 400
    relative = client.get("/data?graph=relative/name")
    assert relative.status_code == 400
    delete_all = client.delete("/data", headers=AUTH)
    assert delete_all.status_code == 400
    patch = client.patch(data_url(graph), data=body, content_type=TURTLE, headers=AUTH)
    assert patch.status_code == 405
    assert {"GET", "PUT", "POST", "DELETE"} <= {
        m.strip() for m in patch.headers["Allow"].split(",")
    }
    unacceptable = client.get(data_url(VOCABULARY), headers={"Accept": "text/csv"})
    assert unacceptable.status_code == 406
    assert client.get(data_url(graph)).status_code == 404


def test_graph_read_format_parameter_overrides_accept(client: FlaskClient) -> None:
    reply = client.get(data_url(VOCABULARY) + "&format=ntriples", headers={"Accept": TURTLE})
    assert reply.status_code == 200 and reply.mimetype == "application/n-triples"
    lines = reply.get_data(as_text=True).splitlines()
    assert lines and all(line.endswith(" .") for line in lines)
    assert json.loads(client.get(data_url(VOCABULARY) + "&format=jsonld").data)


# -- over HTTP, on a real `borderkg serve` ----------------------------------------------------


def test_writes_over_http_with_sparqlwrapper_and_requests(server: Any) -> None:
    import requests
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    graph = graph_iri()
    client = SPARQLWrapper(f"{server.url}/sparql", updateEndpoint=f"{server.url}/update")
    client.setMethod(POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {server.token}")
    client.setQuery(f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:a> <urn:x:p> "over http" }} }}')
    client.query()
    reader = SPARQLWrapper(f"{server.url}/sparql")
    reader.setReturnFormat(JSON)
    reader.setQuery(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <urn:x:a> <urn:x:p> ?o }} }}")
    rows = reader.queryAndConvert()["results"]["bindings"]
    assert [r["o"]["value"] for r in rows] == ["over http"]
    # The server's log says when its queries move on to the snapshot the write published.
    published = snapshots.current_info(server.store)
    assert published is not None
    assert f"queries now read snapshot {published.name} " in server.log_text()

    refused = requests.delete(f"{server.url}{data_url(graph)}", timeout=30)
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")
    got = requests.get(f"{server.url}{data_url(graph)}", headers={"Accept": TURTLE}, timeout=30)
    assert got.status_code == 200
    assert triples(got.content, ox.RdfFormat.TURTLE) == {("<urn:x:a>", "<urn:x:p>", '"over http"')}
    deleted = requests.delete(
        f"{server.url}{data_url(graph)}", headers=server.headers(), timeout=30
    )
    assert deleted.status_code == 204
    assert requests.get(f"{server.url}{data_url(graph)}", timeout=30).status_code == 404

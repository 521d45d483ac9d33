"""The /sparql fast path answers exactly as the Flask view does, and is counted the same.

Query requests at ``/sparql`` are answered by :class:`borderkg.api.sparql.QueryFastPath`
before Flask sees them. Each request here is sent both ways — through the app (fast path) and
straight to the Flask application behind it — and the two answers must agree in status,
headers and body.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask import Flask
from serverfixture import small_store

from borderkg.api import create_app
from borderkg.api.sparql import QueryFastPath

NAMES = "SELECT ?name WHERE { ?x <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
MAX_BODY = 4096


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    store = small_store(tmp_path_factory.mktemp("fastpath") / "store")
    application = create_app(
        {"store": store, "workers": 1, "timeout": 10, "max_rows": 2, "max_body": MAX_BODY}
    )
    yield application
    application.extensions["borderkg"].close()


def _environ(
    method: str,
    query_string: str = "",
    body: bytes = b"",
    content_type: str | None = None,
    accept: str | None = None,
) -> dict:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/sparql",
        "SCRIPT_NAME": "",
        "QUERY_STRING": query_string,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.input_terminated": True,
    }
    if body or method == "POST":
        environ["CONTENT_LENGTH"] = str(len(body))
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    if accept is not None:
        environ["HTTP_ACCEPT"] = accept
    return environ


def _call(wsgi, environ: dict) -> tuple[int, dict[str, str], bytes]:
    seen: list[tuple[str, list[tuple[str, str]]]] = []
    body_iter = wsgi(environ, lambda status, headers, exc_info=None: seen.append((status, headers)))
    try:
        body = b"".join(body_iter)
    finally:
        close = getattr(body_iter, "close", None)
        if close is not None:
            close()
    status, headers = seen[0]
    names = [name.lower() for name, _ in headers]
    assert len(names) == len(set(names)), headers  # no header twice
    return int(status.split()[0]), {name.lower(): value for name, value in headers}, body


def _both(app: Flask, **request: object) -> tuple[tuple, tuple]:
    fast = app.wsgi_app
    assert isinstance(fast, QueryFastPath)
    return _call(fast, _environ(**request)), _call(fast.inner, _environ(**request))


REQUESTS = {
    "get": {"method": "GET", "query_string": urlencode({"query": NAMES})},
    "get-csv": {"method": "GET", "query_string": urlencode({"query": NAMES}), "accept": "text/csv"},
    "get-format": {"method": "GET", "query_string": urlencode({"query": NAMES, "format": "tsv"})},
    "post-form": {
        "method": "POST",
        "body": urlencode({"query": NAMES}).encode(),
        "content_type": FORM,
    },
    "post-direct": {"method": "POST", "body": NAMES.encode(), "content_type": SPARQL_QUERY},
    "construct": {
        "method": "GET",
        "query_string": urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o }"}),
        "accept": "application/n-triples",
    },
    "malformed": {"method": "GET", "query_string": urlencode({"query": "SELECT WHERE {"})},
    "not-acceptable": {
        "method": "GET",
        "query_string": urlencode({"query": NAMES}),
        "accept": "image/png",
    },
    "update": {"method": "GET", "query_string": urlencode({"update": "CLEAR ALL"})},
    "two-queries": {"method": "GET", "query_string": "query=ASK%7B%7D&query=ASK%7B%7D"},
    "bad-timeout": {
        "method": "GET",
        "query_string": urlencode({"query": "ASK {}", "timeout": "soon"}),
    },
    "latin1-body": {
        "method": "POST",
        "body": "ASK{'é'}".encode("latin-1"),
        "content_type": SPARQL_QUERY,
    },
    "no-content-type": {"method": "POST", "body": b"ASK {}"},
    "text-plain": {"method": "POST", "body": b"ASK {}", "content_type": "text/plain"},
    "post-without-query": {"method": "POST", "body": b"", "content_type": FORM},
    "too-large": {"method": "POST", "body": b"#" * (MAX_BODY + 1), "content_type": SPARQL_QUERY},
    "service-refused": {
        "method": "GET",
        "query_string": urlencode({"query": "SELECT * { SERVICE <http://x.example/q> {} }"}),
    },
}


@pytest.mark.parametrize("name", list(REQUESTS))
def test_fast_path_answers_as_the_flask_view_does(app: Flask, name: str) -> None:
    (status, headers, body), (flask_status, flask_headers, flask_body) = _both(
        app, **REQUESTS[name]
    )
    assert status == flask_status
    assert headers == flask_headers
    assert body == flask_body
    assert headers["access-control-allow-origin"] == "*"
    if status >= 400:
        assert headers["content-type"] == "application/json"


def test_capped_results_carry_the_cap_headers_on_the_fast_path(app: Flask) -> None:
    status, headers, body = _call(app.wsgi_app, _environ(**REQUESTS["get-csv"]))
    assert status == 200
    assert headers["borderkg-result-cap"] == "2"
    assert body.decode().splitlines()[1:] == ["Alice", "Anonymous"]


def test_requests_the_fast_path_passes_on_reach_flask(app: Flask) -> None:
    client = app.test_client()
    assert client.head("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    assert client.options("/sparql").status_code == 204
    assert client.put("/sparql", query_string={"query": "ASK {}"}).status_code == 405
    described = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert described.status_code == 200 and described.mimetype == "text/turtle"


def test_fast_path_answers_are_counted_in_the_metrics(app: Flask) -> None:
    metrics = app.extensions["borderkg"].metrics
    before_ok = metrics.requests.value("/sparql", "GET", "200")
    before_bad = metrics.requests.value("/sparql", "GET", "400")
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    assert client.get("/sparql", query_string={"query": "ASK {"}).status_code == 400
    assert metrics.requests.value("/sparql", "GET", "200") == before_ok + 1
    assert metrics.requests.value("/sparql", "GET", "400") == before_bad + 1


def test_other_paths_are_not_taken_by_the_fast_path(app: Flask, tmp_path: Path) -> None:
    status, _headers, _body = _call(app.wsgi_app, {**_environ("GET"), "PATH_INFO": "/sparql/"})
    assert status == 404

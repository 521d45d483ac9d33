"""A failed ``SERVICE`` call names the endpoint and says what went wrong: that it could not be
reached (a host name that does not resolve, a port nothing listens on) or that it answered
with an error. The endpoint answers 502 ``service-failed`` in the one JSON error shape;
``borderkg query`` prints the same message, with or without a time limit.

Real parts only: a store in a temporary folder, the real Flask app (query worker processes)
through its test client, the real CLI, addresses that cannot resolve (``.invalid``, RFC 6761),
ports nothing listens on, and real HTTP servers in threads for endpoints that answer badly.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from serverfixture import free_port, small_store
from stubendpoint import result_json, stub_endpoint

from borderkg.api import create_app
from borderkg.cli import main
from borderkg.servicefail import explain_service_failure

NO_SUCH_HOST = "http://borderkg-test.invalid/sparql"
NOBODY_HOME = f"http://127.0.0.1:{free_port()}/sparql"  # a port nothing listens on


@contextlib.contextmanager
def failing_endpoint(status: int) -> Iterator[str]:
    """A real HTTP server that answers every request with ``status`` and a text body."""
    with stub_endpoint(
        b"the remote endpoint is broken", status=status, content_type="text/plain"
    ) as stub:
        yield stub.sparql


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_store(tmp_path_factory.mktemp("service") / "store")


@pytest.fixture(scope="module")
def app(store: Path) -> Iterator[Flask]:
    application = create_app({"store": store, "workers": 2, "timeout": 20, "service_allow": ["*"]})
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def calling(*endpoints: str) -> str:
    """A query joining one pattern from each endpoint (each with variables of its own)."""
    patterns = (f"SERVICE <{e}> {{ ?s{n} ?p{n} ?o{n} }}" for n, e in enumerate(endpoints))
    return f"SELECT * WHERE {{ {' '.join(patterns)} }}"


def error_of(client: FlaskClient, query: str, status: int, **params: str) -> dict:
    response = client.get("/sparql", query_string={"query": query, **params})
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return body["error"]


# -- the endpoint ------------------------------------------------------------------------


def test_a_host_that_does_not_resolve_is_502_naming_the_endpoint(client: FlaskClient) -> None:
    error = error_of(client, calling(NO_SUCH_HOST), 502)
    assert error["code"] == "service-failed"
    assert error["endpoint"] == NO_SUCH_HOST
    assert f"The SERVICE endpoint <{NO_SUCH_HOST}> could not be reached" in error["message"]
    assert "DNS" in error["message"]
    assert "Traceback" not in error["message"]


def test_a_port_nothing_listens_on_is_502_saying_the_connection_was_refused(
    client: FlaskClient,
) -> None:
    error = error_of(client, calling(NOBODY_HOME), 502)
    assert error["endpoint"] == NOBODY_HOME
    assert f"<{NOBODY_HOME}> could not be reached" in error["message"]
    assert "connection was refused" in error["message"]


def test_of_several_endpoints_the_one_that_does_not_resolve_is_named(
    client: FlaskClient,
) -> None:
    with stub_endpoint(result_json(["s0"], [{"s0": "remote"}])) as stub:
        error = error_of(client, calling(stub.sparql, NO_SUCH_HOST), 502)
    assert error["endpoint"] == NO_SUCH_HOST


def test_an_endpoint_answering_an_http_error_is_502_with_its_status(client: FlaskClient) -> None:
    with failing_endpoint(500) as url:
        error = error_of(client, calling(url), 502)
    assert error["code"] == "service-failed"
    assert error["endpoint"] == url
    assert "answered with HTTP status 500" in error["message"]


def test_a_timed_out_query_that_calls_service_says_the_endpoint_may_be_why(
    client: FlaskClient,
) -> None:
    hold = threading.Event()  # the stub answers nothing until the test is done
    with stub_endpoint(result_json(["s0"], []), hold=hold) as stub:
        try:
            error = error_of(client, calling(stub.sparql), 503, timeout="1")
        finally:
            hold.set()
    assert error["code"] == "query-timeout"
    assert f"The query calls SERVICE <{stub.sparql}>" in error["message"]


def test_a_working_service_call_still_answers(client: FlaskClient) -> None:
    with stub_endpoint(result_json(["s"], [{"s": "remote"}])) as stub:
        response = client.get(
            "/sparql",
            query_string={"query": f"SELECT ?s {{ SERVICE <{stub.sparql}> {{ ?s ?p ?o }} }}"},
        )
    assert response.status_code == 200
    assert response.get_json()["results"]["bindings"] == [
        {"s": {"type": "literal", "value": "remote"}}
    ]


# -- the command line --------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["30", "0"], ids=["in-a-worker", "in-process"])
@pytest.mark.parametrize(
    ("endpoint", "why"),
    [(NO_SUCH_HOST, "DNS"), (NOBODY_HOME, "connection was refused")],
    ids=["no-such-host", "nobody-listening"],
)
def test_the_cli_names_the_unreachable_endpoint_and_exits_with_1(
    store: Path, limit: str, endpoint: str, why: str
) -> None:
    result = CliRunner().invoke(
        main, ["query", calling(endpoint), "--timeout", limit, "--store", str(store)]
    )
    assert result.exit_code == 1, result.output
    message = result.stderr
    assert message.startswith(f"Error: query failed: The SERVICE endpoint <{endpoint}> ")
    assert "could not be reached" in message and why in message
    assert message.count("\n") == 1, message  # one line, no traceback


@pytest.mark.parametrize("limit", ["30", "0"], ids=["in-a-worker", "in-process"])
def test_the_cli_says_what_an_endpoint_answering_an_error_did(store: Path, limit: str) -> None:
    with failing_endpoint(503) as url:
        result = CliRunner().invoke(
            main, ["query", calling(url), "--timeout", limit, "--store", str(store)]
        )
    assert result.exit_code == 1, result.output
    assert f"The SERVICE endpoint <{url}> answered with HTTP status 503" in result.stderr


def test_the_cli_time_limit_message_names_a_service_that_does_not_answer(store: Path) -> None:
    hold = threading.Event()  # the stub answers nothing until the test is done
    with stub_endpoint(result_json(["s0"], []), hold=hold) as stub:
        try:
            result = CliRunner().invoke(
                main, ["query", calling(stub.sparql), "--timeout", "1", "--store", str(store)]
            )
        finally:
            hold.set()
    assert result.exit_code == 1, result.output
    assert "did not finish within the time limit of 1 s" in result.stderr
    assert f"The query calls SERVICE <{stub.sparql}>" in result.stderr


# -- telling a failed call from other failures ---------------------------------------------


def test_an_engine_error_in_a_query_without_service_is_not_called_a_service_failure() -> None:
    assert explain_service_failure("ASK { ?s ?p ?o }", "OSError", "Connection refused") is None


def test_an_error_no_remote_call_gives_is_not_called_a_service_failure() -> None:
    failure = explain_service_failure(calling(NOBODY_HOME), "OSError", "disk I/O error")
    assert failure is None


def test_an_endpoint_written_with_a_prefix_is_named_as_an_iri() -> None:
    failure = explain_service_failure(
        "PREFIX remote: <http://borderkg-test.invalid/> "
        "SELECT * { SERVICE remote:sparql { ?s ?p ?o } }",
        "OSError",
        "failed to lookup address information: Name or service not known",
    )
    assert failure is not None and failure.unreachable
    assert failure.endpoint == NO_SUCH_HOST

"""Messages for SPARQL syntax errors: an undeclared prefix named, a misspelt query form
pointed out, the parser's long character ranges shortened (``explain_syntax_error``).

The parser messages are pyoxigraph's own, got by running the queries on a real store with
the project's prefixes preloaded, as the endpoint and the CLI do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from flask import Flask
from serverfixture import small_store

from borderkg.api import create_app
from borderkg.cli import main
from borderkg.ontology.namespaces import PREFIXES
from borderkg.querymessages import explain_syntax_error
from borderkg.store import GraphStore

DECLARE = "declare it with PREFIX {0}: <…> — the project's prefixes are preloaded: bkg, "


def parser_message(query: str) -> str:
    """What pyoxigraph says of ``query``, which must not parse."""
    with pytest.raises(SyntaxError) as caught:
        ox.Store().query(query, prefixes=PREFIXES)
    return str(caught.value)


def explain(query: str) -> str:
    message = explain_syntax_error(query, parser_message(query))
    # explaining is idempotent: the endpoint may explain a message a worker explained
    assert explain_syntax_error(query, message) == message
    return message


# -- unknown prefixes ------------------------------------------------------------------------


def test_unknown_prefix_is_named_with_its_position_and_the_preloaded_prefixes() -> None:
    query = "SELECT * WHERE { ?x foo:bar ?o }"
    assert "foo" not in parser_message(query)  # what the parser says: character ranges
    message = explain(query)
    assert message.startswith(
        "unknown prefix 'foo:' at line 1, column 21; " + DECLARE.format("foo")
    )
    preloaded = message.rpartition("preloaded: ")[2].split(", ")
    assert sorted(preloaded) == sorted(PREFIXES)
    assert "\\u{" not in message


def test_position_of_an_unknown_prefix_counts_lines_and_declarations() -> None:
    query = "PREFIX x: <http://example.org/>\nSELECT * WHERE {\n  ?s x:p\n  foo:bar }"
    assert explain(query).startswith("unknown prefix 'foo:' at line 4, column 3;")


def test_the_first_prefix_declared_nowhere_is_the_one_named() -> None:
    query = "PREFIX foo: <http://example.org/>\nSELECT * { ?s foo:a ?o . ?o baz:b ?z . ?z qux:c 1 }"
    assert explain(query).startswith("unknown prefix 'baz:' at line 2, column 29;")


def test_prefix_declared_without_its_colon_is_reported_as_unknown() -> None:
    query = "PREFIX foo <http://example.org/>\nSELECT * { ?s foo:p ?o }"
    assert explain(query).startswith("unknown prefix 'foo:' at line 2, column 15;")


def test_misspelt_project_prefix_suggests_the_right_one() -> None:
    message = explain("SELECT * WHERE { ?s skso:prefLabel ?o }")
    assert message.startswith(
        "unknown prefix 'skso:' at line 1, column 21 (did you mean 'skos:'?);"
    )


def test_empty_prefix_is_unknown_too() -> None:
    message = explain("SELECT * WHERE { ?s :bar ?o }")
    assert message.startswith("unknown prefix ':' at line 1, column 21; " + DECLARE.format(""))


def test_iri_written_without_angle_brackets_is_pointed_out() -> None:
    message = explain("SELECT * WHERE { ?s ?p http://example.org/a }")
    assert message == (
        "unknown prefix 'http:' at line 1, column 24: an IRI is written in angle brackets, "
        "<http://…>"
    )


def test_prefixed_names_in_strings_iris_and_comments_are_not_uses() -> None:
    query = 'SELECT * WHERE { ?s <urn:x:y> "foo:bar" # baz:qux\n FILTER(?s = ) }'
    message = explain(query)
    assert message.startswith("error at 2:") and "unknown prefix" not in message


# -- the query form ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELEC * WHERE { ?s ?p ?o }", "line 1, column 1, found 'SELEC' (did you mean SELECT?)"),
        ("ASKK { ?s ?p ?o }", "line 1, column 1, found 'ASKK' (did you mean ASK?)"),
        (
            "CONSTRUT WHERE { ?s ?p ?o }",
            "line 1, column 1, found 'CONSTRUT' (did you mean CONSTRUCT?)",
        ),
        ("DESCRIBES <urn:x>", "line 1, column 1, found 'DESCRIBES' (did you mean DESCRIBE?)"),
        (
            "# people\nPREFIX x: <http://example.org/>\nBASE <http://example.org/>\n  selec * {}",
            "line 4, column 3, found 'selec' (did you mean SELECT?)",
        ),
        ("{ ?s ?p ?o }", "line 1, column 1, found '{'"),
        (
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "found 'INSERT': INSERT starts a SPARQL update",
        ),
    ],
)
def test_query_that_does_not_start_with_a_query_form_says_which_were_expected(
    query: str, expected: str
) -> None:
    assert "SELECT" not in parser_message(query)  # the parser expects only CONSTRUCT
    message = explain(query)
    assert message.startswith("expected SELECT, CONSTRUCT, ASK or DESCRIBE at ")
    assert expected in message


def test_empty_query_and_declarations_alone_say_a_query_form_is_missing() -> None:
    assert explain("  # nothing\n") == (
        "the query is empty: expected SELECT, CONSTRUCT, ASK or DESCRIBE"
    )
    assert explain("PREFIX x: <http://example.org/>").endswith(
        "after the declarations, at the end of the query"
    )


# -- other errors -----------------------------------------------------------------------------


def test_other_errors_keep_line_and_column_and_lose_the_character_ranges() -> None:
    query = "ASK {\n  ?s ?p ?o"
    raw = parser_message(query)
    assert "\\u{" in raw
    message = explain(query)
    assert message.startswith("error at 2:11: expected one of ")
    assert '"}"' in message and '"."' in message and "a letter" in message
    assert "\\u{" not in message and len(message) < len(raw) // 2


def test_short_parser_messages_stay_as_they_are() -> None:
    for query in ("SELECT * WHERE { ?s ?p ?o } LIMT 5", "SELECT * WHERE { ?s ?p ?o } GROUP ?s"):
        assert explain(query) == parser_message(query)


def test_catch_all_alternative_is_dropped_from_a_list() -> None:
    query = "SELECT * WHERE { ?s ?p ?o . } extra"
    assert parser_message(query).endswith(", [_]")
    message = explain(query)
    assert message.startswith("error at 1:36: expected one of ") and "ORDER" in message
    assert message == parser_message(query).removesuffix(", [_]")


def test_unexpected_message_shapes_pass_through() -> None:
    assert explain_syntax_error("SELECT * {}", "something else went wrong") == (
        "something else went wrong"
    )


# -- through the endpoint ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    store: Path = small_store(tmp_path_factory.mktemp("messages") / "store")
    application = create_app({"store": store, "workers": 1})
    yield application
    application.extensions["borderkg"].close()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?x foo:bar ?o }",  # run by a worker
        "SELECT * WHERE { foo:x ?p ?o }",  # a bounded lookup, run in the web process
    ],
)
def test_endpoint_answers_400_in_the_one_error_shape_naming_the_unknown_prefix(
    app: Flask, query: str
) -> None:
    reply = app.test_client().get("/sparql", query_string={"query": query})
    assert reply.status_code == 400
    assert reply.mimetype == "application/json"
    assert set(reply.get_json()) == {"error"}
    error = reply.get_json()["error"]
    assert (error["status"], error["code"]) == (400, "malformed-query")
    # explained by the worker and by the in-process fast path alike
    assert error["message"].startswith("unknown prefix 'foo:' at line 1, column ")


def test_the_command_line_names_the_unknown_prefix_and_the_misspelt_form(tmp_path: Path) -> None:
    GraphStore(tmp_path / "store").close()
    run = CliRunner()
    store = ["--store", str(tmp_path / "store")]
    prefix = run.invoke(main, ["query", "SELECT * WHERE { ?x foo:bar ?o }", *store])
    assert prefix.exit_code == 2
    assert "query syntax error: unknown prefix 'foo:' at line 1, column 21" in prefix.output
    form = run.invoke(main, ["query", "SELEC * WHERE { ?x ?p ?o }", *store])
    assert form.exit_code == 2 and "(did you mean SELECT?)" in form.output


# -- the parser's own checks -----------------------------------------------------------------


def test_selecting_an_ungrouped_expression_says_how_to_group_it() -> None:
    query = (
        "SELECT (SUBSTR(STR(?d), 1, 7) AS ?m) (COUNT(*) AS ?n) "
        "WHERE { ?r sem:hasEarliestBeginTimeStamp ?d } GROUP BY (SUBSTR(STR(?d), 1, 7))"
    )
    message = explain(query)
    assert message.startswith("error at 1:")
    assert "the SELECT contains an expression with a variable that is unbound" in message
    assert "AS ?month), and select ?month" in message
    assert "expected" not in message


def test_a_variable_selected_twice_is_said_plainly() -> None:
    message = explain("SELECT (1 AS ?n) (2 AS ?n) WHERE {}")
    assert message.endswith("duplicated variable name in SELECT: select each variable once")

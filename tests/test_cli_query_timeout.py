"""``borderkg query``'s time limit: a query past it is stopped (its worker process killed),
with a message naming the limit and how to raise it, and exit code 1; the limit comes from
``--timeout``, ``$BORDERKG_TIMEOUT`` or the config file, as the endpoint's does.

Real stores in temporary folders and the real CLI (click's runner, so that the query worker
processes are children of this process and can be looked for after the command).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from serverfixture import small_store

from borderkg.cli import main
from borderkg.querycli import DEFAULT_TIMEOUT, resolve_timeout

#: A COUNT over 60^6 rows: runs for hours, writes nothing until it ends.
EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(60))} }}" for i in range(6))
    + " }"
)
NAMES = "SELECT ?name WHERE { ?x <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store of two named graphs (read only by these tests)."""
    return small_store(tmp_path_factory.mktemp("timeout") / "store")


def cli(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def _query_workers_of_this_process() -> list[int]:
    """Process ids of the query worker processes this process started and still has."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"borderkg.queryworker" in cmdline:
            found.append(int(entry.name))
    return found


def test_a_query_past_the_limit_is_stopped_with_a_message_and_exit_code_1(store: Path) -> None:
    result = cli("query", EXPLOSIVE, "--timeout", "0.5", "--store", str(store))
    assert result.exit_code == 1, result.output
    message = result.stderr
    assert "did not finish within the time limit of 0.5 s and was stopped" in message
    assert "--timeout SECONDS" in message and "$BORDERKG_TIMEOUT" in message
    assert "0: no limit" in message
    assert "required patterns before OPTIONAL" in message
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_a_stopped_query_leaves_no_worker_process_behind(store: Path) -> None:
    result = cli("query", EXPLOSIVE, "--timeout", "0.5", "--store", str(store))
    assert result.exit_code == 1, result.output
    assert _query_workers_of_this_process() == []


def test_the_limit_is_read_from_the_environment_variable(store: Path) -> None:
    result = cli("query", EXPLOSIVE, "--store", str(store), env={"BORDERKG_TIMEOUT": "0.5"})
    assert result.exit_code == 1, result.output
    assert "time limit of 0.5 s" in result.stderr


def test_the_option_wins_over_the_variable_and_the_file(tmp_path: Path) -> None:
    config = tmp_path / "serve.toml"
    config.write_text("timeout = 7\n", encoding="utf-8")
    both = {"BORDERKG_TIMEOUT": "5", "BORDERKG_CONFIG": str(config)}
    assert resolve_timeout(2.5, both) == 2.5
    assert resolve_timeout(None, both) == 5
    assert resolve_timeout(None, {"BORDERKG_CONFIG": str(config)}) == 7
    assert resolve_timeout(None, {}) == DEFAULT_TIMEOUT == 30
    assert resolve_timeout(None, {"BORDERKG_TIMEOUT": "0"}) == 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"BORDERKG_TIMEOUT": "soon"}, "$BORDERKG_TIMEOUT: bad value 'soon'"),
        ({"BORDERKG_TIMEOUT": "-1"}, "$BORDERKG_TIMEOUT: bad value for timeout: -1"),
        ({"BORDERKG_TIMEOUT": "inf"}, "$BORDERKG_TIMEOUT: bad value for timeout: inf"),
    ],
)
def test_a_bad_limit_in_the_environment_is_refused_with_exit_code_2(
    store: Path, env: dict[str, str], message: str
) -> None:
    result = cli("query", "ASK {}", "--store", str(store), env=env)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


@pytest.mark.parametrize("value", ["-1", "inf", "nan"])
def test_a_negative_or_endless_option_is_refused_with_exit_code_2(store: Path, value: str) -> None:
    result = cli("query", "ASK {}", "--timeout", value, "--store", str(store))
    assert result.exit_code == 2, result.output
    assert "--timeout" in result.stderr


def test_a_bad_config_file_is_refused_naming_it(store: Path, tmp_path: Path) -> None:
    config = tmp_path / "serve.toml"
    config.write_text("timeout = 'later'\n", encoding="utf-8")
    result = cli("query", "ASK {}", "--store", str(store), env={"BORDERKG_CONFIG": str(config)})
    assert result.exit_code == 2, result.output
    assert str(config) in result.stderr and "timeout" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv"])
@pytest.mark.parametrize(
    "text",
    [
        NAMES,
        "ASK { ?s ?p ?o }",
        "CONSTRUCT { ?x <http://example.org/named> ?name } "
        "WHERE { ?x <http://xmlns.com/foaf/0.1/name> ?name }",
    ],
    ids=["select", "ask", "construct"],
)
def test_a_query_under_the_limit_prints_what_it_prints_without_one(
    store: Path, fmt: str, text: str
) -> None:
    limited = cli("query", text, "--format", fmt, "--store", str(store))
    unlimited = cli("query", text, "--format", fmt, "--timeout", "0", "--store", str(store))
    assert limited.exit_code == 0 == unlimited.exit_code, limited.output + unlimited.output
    assert limited.stdout == unlimited.stdout
    assert limited.stdout.strip()


def test_the_union_default_graph_switch_still_applies(store: Path) -> None:
    union = cli("query", "ASK { ?s ?p ?o }", "--store", str(store))
    alone = cli("query", "ASK { ?s ?p ?o }", "--no-union", "--store", str(store))
    assert (union.stdout, alone.stdout) == ("true\n", "false\n")


def test_a_syntax_error_under_a_limit_still_exits_with_2(store: Path) -> None:
    result = cli("query", "SELEC * { ?s ?p ?o }", "--store", str(store))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: query syntax error:")
    assert "did you mean SELECT?" in result.stderr


def test_the_help_documents_the_limit() -> None:
    text = " ".join(cli("query", "--help").output.split())
    assert "--timeout SECONDS" in text
    assert "$BORDERKG_TIMEOUT" in text and "$BORDERKG_CONFIG" in text and "0: no limit" in text

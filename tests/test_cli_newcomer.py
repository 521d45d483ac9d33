"""What a newcomer met on the command line: mistyped store paths, bad --graph values, a
failing SERVICE, an update given to ``borderkg query``, a locked store, undocumented commands.

Real stores in temporary folders, the real CLI (click's runner, or a child process where
what reaches standard error matters).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from serverfixture import borderkg, free_port, small_store
from storeholder import store_held_elsewhere

from borderkg.cli import main
from borderkg.queryout import update_keyword

DOCS = Path(__file__).resolve().parents[1] / "docs"
PLACES = "http://example.org/graph/places"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store of two named graphs (read only by these tests)."""
    return small_store(tmp_path_factory.mktemp("newcomer") / "store")


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


# -- a folder that holds no store ----------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["query", "ASK {}"],
        ["stats"],
        ["export"],
        ["unreviewed"],
        ["search", "Hyesan"],
        ["reindex"],
    ],
    ids=lambda c: c[0],
)
def test_read_only_commands_refuse_a_folder_with_no_store_and_create_nothing(
    command: list[str], tmp_path: Path
) -> None:
    typo = tmp_path / "typo"
    result = cli(*command, "--store", str(typo))
    assert result.exit_code == 2, result.output
    assert f"There is no store at {typo}: load articles into it first" in result.output
    assert not typo.exists()


def test_an_empty_existing_folder_is_no_store_either(tmp_path: Path) -> None:
    result = cli("stats", "--store", str(tmp_path))
    assert result.exit_code == 2
    assert "There is no store at" in result.output
    assert list(tmp_path.iterdir()) == []


def test_load_still_creates_a_store(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Guards closed the bridge at Sinuiju on Monday.\n", encoding="utf-8")
    new = tmp_path / "new"
    assert cli("load", str(article), "--store", str(new), "--workers", "1", "-q").exit_code in (
        0,
        1,
    )
    assert cli("stats", "--store", str(new)).exit_code == 0


def test_read_only_commands_still_read_an_existing_store(store: Path) -> None:
    stats = cli("stats", "--json", "--store", str(store))
    assert stats.exit_code == 0 and '"named_graphs": 2' in stats.output
    assert cli("query", "ASK { ?s ?p ?o }", "--store", str(store)).output == "true\n"


# -- export --graph --------------------------------------------------------------------------


def test_export_of_a_graph_that_is_no_iri_is_a_usage_error_naming_it(store: Path) -> None:
    result = cli("export", "--graph", "not an iri", "--store", str(store))
    assert result.exit_code == 2
    assert "'not an iri' is not an absolute IRI" in result.output
    assert "--graph" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_export_of_a_graph_the_store_lacks_fails_and_writes_no_file(
    store: Path, tmp_path: Path
) -> None:
    missing = "https://w3id.org/borderkg/graph/article/nope"
    out = tmp_path / "out.nq"
    result = cli("export", "--graph", missing, "-o", str(out), "--store", str(store))
    assert result.exit_code == 1
    assert f"no graph <{missing}> in the store" in result.output
    assert not out.exists()
    to_stdout = cli("export", "--graph", PLACES, "--graph", missing, "--store", str(store))
    assert to_stdout.exit_code == 1 and "Hyesan" not in to_stdout.output


def test_export_of_a_graph_the_store_holds_writes_it_alone(store: Path) -> None:
    result = cli("export", "--graph", PLACES, "--store", str(store))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.endswith(f"<{PLACES}> .") for line in lines)


# -- SERVICE ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_failing_service_call_prints_one_clean_error(store: Path, fmt: str) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    result = borderkg(
        "query",
        f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        "--format",
        fmt,
        "--store",
        str(store),
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("Error: query failed:")
    assert result.stderr.count("\n") == 1, result.stderr  # no RuntimeError, no traceback
    assert "unsendable" not in result.stderr


# -- updates given to `borderkg query` -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
        (
            "PREFIX ex: <http://example.org/ns#>  # a comment\nBASE <http://x/#>\ndelete where {}",
            "DELETE",
        ),
        ("# INSERT is only in this comment\nWITH <urn:g> DELETE {} WHERE {}", "WITH"),
        ("prefix :<urn:x:>clear all", "CLEAR"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("DROP GRAPH <urn:g>", "DROP"),
        ("SELECT * WHERE { ?s ?p ?o }", None),
        ("# DELETE\nASK {}", None),
        ("PREFIX insert: <urn:x:> DESCRIBE insert:a", None),
        ("", None),
    ],
)
def test_update_keyword_reads_the_first_word_after_the_prologue(
    text: str, keyword: str | None
) -> None:
    assert update_keyword(text) == keyword


def test_query_refuses_an_update_and_says_where_updates_go(tmp_path: Path) -> None:
    result = cli("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store", str(tmp_path))
    assert result.exit_code == 2
    assert "this is a SPARQL update (INSERT)" in result.output
    assert "runs queries only" in result.output
    assert "/update" in result.output and "docs/serving.md" in result.output
    assert "expected CONSTRUCT" not in result.output


def test_a_query_from_a_file_that_is_an_update_is_refused(tmp_path: Path) -> None:
    rq = tmp_path / "u.ru"
    rq.write_text("PREFIX ex: <http://example.org/#>\nDELETE WHERE { ?s ?p ?o }\n")
    result = cli("query", f"@{rq}", "--store", str(tmp_path))
    assert result.exit_code == 2 and "SPARQL update (DELETE)" in result.output


# -- a locked store --------------------------------------------------------------------------

_READER = (
    "import sys\nfrom borderkg.store import GraphStore\n"
    "s = GraphStore.open_read_only(sys.argv[1])\nprint('ready', flush=True)\nsys.stdin.read()"
)


@contextmanager
def store_read_elsewhere(store: Path) -> Iterator[None]:
    """Hold ``store`` open read-only in another process for the ``with`` block."""
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdin is not None and reader.stdout is not None
    try:
        assert reader.stdout.readline().strip() == "ready"
        yield
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)


def _lock_message(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = " ".join(result.stderr.split())
    assert "GraphStore.checkpoint()" not in message  # a Python call, no advice to a CLI user
    assert "a running server" not in message  # servers do not hold the store
    return message


def test_a_load_refused_by_another_writer_names_it_and_says_what_to_do(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    article = tmp_path / "a.txt"
    article.write_text("Guards closed the bridge at Sinuiju on Monday.\n", encoding="utf-8")
    with store_held_elsewhere(store):
        message = _lock_message(borderkg("load", str(article), "--store", str(store)))
    holder = re.search(r"in use by process (\d+) \(.*read-write\)", message)
    assert holder is not None
    assert f"or stop it (`kill {holder.group(1)}`)" in message
    assert "usually another `borderkg load` still running" in message
    assert "Wait for it to finish and try again" in message


def test_a_query_refused_during_a_write_points_to_the_served_snapshot(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    with store_held_elsewhere(store):
        message = _lock_message(borderkg("query", "ASK {}", "--store", str(store)))
    assert "cannot be read while another process writes it" in message
    assert "`borderkg serve` of this store answers queries" in message


def test_a_load_refused_by_a_reader_says_the_reader_ends_by_itself(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    article = tmp_path / "a.txt"
    article.write_text("Guards closed the bridge at Sinuiju on Monday.\n", encoding="utf-8")
    with store_read_elsewhere(store):
        message = _lock_message(borderkg("load", str(article), "--store", str(store)))
        readers = cli("stats", "--store", str(store))  # readers do not exclude each other
    assert "read-only" in message and "cannot be written while another process reads it" in message
    assert readers.exit_code == 0, readers.output


# -- the command list in the docs ------------------------------------------------------------


def test_every_command_is_documented_and_search_is_in_the_command_list() -> None:
    docs = "\n".join(path.read_text(encoding="utf-8") for path in DOCS.glob("*.md"))
    for name in main.commands:
        assert f"borderkg {name}" in docs, f"`borderkg {name}` is in no docs/*.md"
    loading = (DOCS / "loading.md").read_text(encoding="utf-8")
    command_list = loading.split("```sh", 1)[1].split("```", 1)[0]
    assert re.search(r"^borderkg search ", command_list, re.MULTILINE)
    assert "SERVICE" in loading

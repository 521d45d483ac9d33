"""Input nested deep enough to overflow a native stack reaches pyoxigraph on a deep one.

On a thread's usual stack, pyoxigraph's parsers and planner kill the process with SIGSEGV
on a query nesting 5,000 groups, JSON-LD nesting 5,000 objects or an update nesting 5,000
blank nodes (each was seen to on an 8 MiB stack). Every surface that hands outside text to
pyoxigraph — the query workers, ``borderkg query``, ``borderkg validate``, the graph store
payloads and SPARQL Update — runs it on a deep-stack thread, so such input is answered, or
refused by the parser's own limit, and the process lives on. Were one of them back on an
ordinary stack, its test would crash its test process: a failure all the same.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from borderkg import deepstack
from borderkg.cli import main
from borderkg.graphpayload import parse_graph
from borderkg.querypool import QueryPool
from borderkg.store import GraphStore
from borderkg.writeeval import check_syntax

DEPTH = 5_000
DEEP_SELECT = "SELECT (COUNT(*) AS ?n) WHERE " + "{ " * DEPTH + "?s ?p ?o" + " }" * DEPTH
DEEP_UPDATE = (
    "INSERT DATA { <urn:x:s> <urn:x:p> " + "[ <urn:x:p> " * DEPTH + "1" + " ]" * DEPTH + " }"
)


def _jsonld(depth: int) -> str:
    return '{"@id": "urn:x:s", "urn:x:p": ' * depth + '"leaf"' + "}" * depth


def test_a_call_returns_its_result_from_a_deep_stack_thread() -> None:
    names: list[str] = []

    def where(x: int) -> int:
        names.append(threading.current_thread().name)
        return x * 2

    assert deepstack.call(where, 21) == 42
    assert names == ["deep-where"]
    assert threading.stack_size() == 0  # the process-wide setting is put back


def test_a_call_raises_the_exception_its_function_raised() -> None:
    with pytest.raises(SyntaxError):
        deepstack.call(ox.Store().query, "SELECT * WHERE {")


def test_what_a_failed_call_held_is_freed_without_waiting_for_the_collector() -> None:
    class Held:
        pass

    held: list[weakref.ref[Held]] = []

    def fail() -> None:
        thing = Held()  # an open store, in the write path
        held.append(weakref.ref(thing))
        raise ValueError("refused")

    gc.disable()
    try:
        with pytest.raises(ValueError, match="refused"):
            deepstack.call(fail)
        assert held[0]() is None
    finally:
        gc.enable()


def test_a_call_on_a_deep_stack_thread_runs_there() -> None:
    def where() -> str:
        return threading.current_thread().name

    assert deepstack.call(lambda: (where(), deepstack.call(where))) == (
        "deep-<lambda>",
        "deep-<lambda>",
    )


def test_a_query_nesting_thousands_of_groups_is_answered() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))
    rows = deepstack.call(lambda: [row["n"].value for row in store.query(DEEP_SELECT)])
    assert rows == ["1"]


def test_the_query_workers_answer_a_deeply_nested_query_without_dying(pool: QueryPool) -> None:
    before = sorted(pool.worker_pids())
    with pool.run(DEEP_SELECT) as result:
        body = json.loads(result.read())
    assert int(body["results"]["bindings"][0]["n"]["value"]) > 0
    assert sorted(pool.worker_pids()) == before  # no worker died and was replaced


def test_the_query_command_answers_a_deeply_nested_query(tmp_path: Path) -> None:
    GraphStore(tmp_path / "s").close()  # `borderkg query` reads an existing store only
    result = CliRunner().invoke(
        main, ["query", DEEP_SELECT, "--store", str(tmp_path / "s"), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["n", "0"]  # an empty store: no triple, one row


def test_validate_reads_json_ld_nested_thousands_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_text(_jsonld(DEPTH), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert f"({DEPTH} quads)" in result.output


def test_validate_reports_json_ld_past_the_parsers_limit_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "deeper.jsonld"
    path.write_text(_jsonld(70_000), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}:1:" in result.output
    assert "Max stack size of 65536" in result.output


def test_a_graph_payload_nested_thousands_deep_is_read() -> None:
    triples = parse_graph(_jsonld(DEPTH).encode(), "application/ld+json", None)
    assert len(triples) == DEPTH


def test_an_update_nesting_thousands_of_blank_nodes_parses() -> None:
    check_syntax(DEEP_UPDATE)  # raises UpdateSyntaxError if it did not parse


def test_a_thread_starts_on_an_ordinary_stack_when_a_deep_one_cannot_be_had() -> None:
    script = (
        "import resource, threading\n"
        "from borderkg import deepstack\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "deepstack.STACK_BYTES = 2 << 30\n"
        "print(deepstack.call(lambda: threading.current_thread().name))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "deep-<lambda>"

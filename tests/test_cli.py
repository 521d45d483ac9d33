"""The borderkg command end to end: real files, a real store in a temporary folder."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from storeholder import store_held_elsewhere

from borderkg.cli import main
from borderkg.loaders.samples import sample_paths

ARTICLE = """border, china, surveillance

Cameras on the riverbank near Hyesan (Daily NK)

Chinese border police installed new surveillance cameras along the Yalu River near Changbai County last month, a source in Ryanggang Province told Daily NK.

“They are watching every bend of the river now,” the source said.

Translated by Jin Park. Edited by Lee Soo.
"""


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the whole sample corpus loaded once through the CLI."""
    store = tmp_path_factory.mktemp("store") / "kg"
    result = CliRunner().invoke(main, ["load", "--sample", "--store", str(store), "--workers", "2"])
    assert result.exit_code == 0, result.output
    return store


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "borderkg.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_loading_the_sample_corpus_reports_every_article_added(sample_store: Path) -> None:
    stats = json.loads(
        CliRunner().invoke(main, ["stats", "--json", "--store", str(sample_store)]).output
    )
    assert stats["articles"] == sum(1 for _ in _sample_article_count())
    assert stats["triples"] > 10_000


def _sample_article_count():
    from borderkg.loaders.readers import ReadError, iter_records

    for item in iter_records([str(p) for p in sample_paths()]):
        if not isinstance(item, ReadError):
            yield item


def test_reloading_the_same_corpus_changes_nothing(sample_store: Path) -> None:
    before = json.loads(
        CliRunner().invoke(main, ["stats", "--json", "--store", str(sample_store)]).output
    )
    result = CliRunner().invoke(
        main, ["load", "--sample", "--store", str(sample_store), "--workers", "1"]
    )
    assert result.exit_code == 0
    assert " 0 added, 0 replaced," in result.output
    after = json.loads(
        CliRunner().invoke(main, ["stats", "--json", "--store", str(sample_store)]).output
    )
    assert after["quads"] == before["quads"]


def test_changed_article_replaces_its_old_version(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    first = CliRunner().invoke(main, ["load", str(article), "--store", str(store), "--id", "a1"])
    assert "1 added" in first.output
    assert f"store {store}" in first.output
    article.write_text(ARTICLE.replace("last month", "in March 2023"), encoding="utf-8")
    second = CliRunner().invoke(main, ["load", str(article), "--store", str(store), "--id", "a1"])
    assert "1 replaced" in second.output
    out = (
        CliRunner()
        .invoke(
            main,
            [
                "query",
                "SELECT (COUNT(*) AS ?n) WHERE { ?c nif:isString ?s FILTER(CONTAINS(?s, 'last month')) }",
                "--format",
                "csv",
                "--store",
                str(store),
            ],
        )
        .output
    )
    assert list(csv.reader(io.StringIO(out)))[1] == ["0"]


def test_bad_inputs_are_rejected_by_name_and_the_rest_load(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "empty.txt").write_text("  \n", encoding="utf-8")
    (inputs / "latin1.txt").write_bytes("Caf\xe9 on the border\n".encode("latin-1"))
    (inputs / "broken.json").write_text('{"body": "x",', encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(inputs), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 1
    assert "1 added" in result.output
    assert "3 rejected" in result.output
    for name in ("empty.txt", "latin1.txt", "broken.json"):
        assert name in result.output


def test_a_store_held_by_another_process_gives_a_clear_error(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    CliRunner().invoke(main, ["stats", "--store", str(store)])
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with store_held_elsewhere(store):
        result = run("load", str(article), "--store", str(store))
    assert result.returncode == 2
    assert str(store) in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_prints_the_article_graph_and_a_separate_entity_graph(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--format", "nquads", "--id", "x1"])
    assert result.exit_code == 0, result.output
    dataset = ox.Dataset(ox.parse(result.output.encode("utf-8"), ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name for q in dataset}
    assert ox.NamedNode("https://w3id.org/borderkg/graph/article/x1") in graphs
    assert len(graphs) >= 2
    labels = {
        q.object.value
        for q in dataset
        if q.predicate.value == "http://www.w3.org/2004/02/skos/core#prefLabel"
    }
    assert "Changbai County" in labels or "Changbai Korean Autonomous County" in labels


@pytest.mark.parametrize("fmt", ["trig", "turtle", "jsonld", "nquads"])
def test_extract_output_parses_in_every_format(tmp_path: Path, fmt: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--format", fmt])
    assert result.exit_code == 0
    rdf_format = {
        "trig": ox.RdfFormat.TRIG,
        "turtle": ox.RdfFormat.TRIG,  # Turtle is a subset of TriG; extract writes one graph
        "jsonld": ox.RdfFormat.JSON_LD,
        "nquads": ox.RdfFormat.N_QUADS,
    }[fmt]
    assert len(list(ox.parse(result.output.encode("utf-8"), rdf_format))) > 50


def test_extract_from_standard_input(tmp_path: Path) -> None:
    result = run("extract", "-", "--input-format", "text", "--format", "nquads", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    assert "surveillance cameras" in result.stdout


def test_query_renders_table_json_csv_and_tsv(sample_store: Path) -> None:
    q = "SELECT ?type (COUNT(?p) AS ?n) WHERE { ?p a bkg:Policy ; bkg:measureType ?type } GROUP BY ?type"
    table = CliRunner().invoke(main, ["query", q, "--store", str(sample_store)]).output
    assert "measure:" in table and "rows)" in table
    js = json.loads(
        CliRunner()
        .invoke(main, ["query", q, "--format", "json", "--store", str(sample_store)])
        .output
    )
    assert js["head"]["vars"] == ["type", "n"] and js["results"]["bindings"]
    rows = list(
        csv.reader(
            io.StringIO(
                CliRunner()
                .invoke(main, ["query", q, "--format", "csv", "--store", str(sample_store)])
                .output
            )
        )
    )
    assert rows[0] == ["type", "n"] and len(rows) == len(js["results"]["bindings"]) + 1
    tsv = (
        CliRunner()
        .invoke(main, ["query", q, "--format", "tsv", "--store", str(sample_store)])
        .output
    )
    assert tsv.splitlines()[0] == "?type\t?n"


def test_query_from_file_and_syntax_errors(sample_store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?a a bkg:Article }", encoding="utf-8")
    assert (
        CliRunner().invoke(main, ["query", f"@{rq}", "--store", str(sample_store)]).output
        == "true\n"
    )
    bad = CliRunner().invoke(main, ["query", "SELECT WHERE {", "--store", str(sample_store)])
    assert bad.exit_code == 2
    assert "syntax error" in bad.output and "1:" in bad.output


def test_export_round_trips_through_a_fresh_store(sample_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.nq"
    result = CliRunner().invoke(main, ["export", "-o", str(out), "--store", str(sample_store)])
    assert result.exit_code == 0
    fresh = ox.Store()
    fresh.load(path=str(out), format=ox.RdfFormat.N_QUADS)
    stats = json.loads(
        CliRunner().invoke(main, ["stats", "--json", "--store", str(sample_store)]).output
    )
    assert len(fresh) == stats["quads"]


def test_usage_errors_exit_with_two() -> None:
    assert CliRunner().invoke(main, ["load"]).exit_code == 2
    assert CliRunner().invoke(main, ["load", "x.txt", "--date", "not a date"]).exit_code == 2
    assert CliRunner().invoke(main, ["query", "@/nonexistent.rq"]).exit_code == 2


def test_an_empty_path_is_a_usage_error_not_the_current_folder(tmp_path: Path) -> None:
    """`borderkg load "$UNSET"` must not load whatever lies in the working directory."""
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["load", "", "--store", str(store)])
    assert result.exit_code == 2 and "empty PATH" in result.output
    assert not store.exists()

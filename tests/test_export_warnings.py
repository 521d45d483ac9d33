"""``borderkg export`` to a format without graphs (Turtle) warns on standard error when it
merges more than one graph, naming the formats that keep graphs and ``--graph``; formats
with graphs and a single graph export without a word.

A real store in a temporary folder and the real CLI (click's runner, which keeps standard
error apart).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from serverfixture import small_store

from borderkg.cli import main

PEOPLE = "http://example.org/graph/people"
PLACES = "http://example.org/graph/places"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store of two named graphs (read only by these tests)."""
    return small_store(tmp_path_factory.mktemp("export") / "store")


def export(store: Path, *args: str):
    result = CliRunner().invoke(main, ["export", "--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result


def test_turtle_of_the_whole_store_warns_that_graphs_are_merged(store: Path) -> None:
    result = export(store, "--format", "turtle")
    (line,) = result.stderr.splitlines()
    assert line.startswith("warning: Turtle has no named graphs, so the 2 graphs exported")
    assert "which article each triple came from is lost" in line
    assert "N-Quads or TriG" in line and "--graph IRI" in line
    triples = list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.TURTLE))
    assert len(triples) == 10  # both graphs are still written, merged


def test_turtle_to_a_file_warns_too(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.ttl"
    result = export(store, "--format", "turtle", "-o", str(target))
    warning, wrote = result.stderr.splitlines()
    assert warning.startswith("warning: Turtle has no named graphs")
    assert wrote == f"wrote {target}"
    assert target.stat().st_size > 0


def test_turtle_of_several_chosen_graphs_warns_with_their_number(store: Path) -> None:
    result = export(store, "--format", "turtle", "--graph", PEOPLE, "--graph", PLACES)
    assert "so the 2 graphs exported are merged" in result.stderr


def test_turtle_of_one_graph_says_nothing(store: Path) -> None:
    result = export(store, "--format", "turtle", "--graph", PLACES)
    assert result.stderr == ""
    assert len(list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.TURTLE))) == 3


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_formats_that_keep_graphs_say_nothing(store: Path, fmt: str) -> None:
    result = export(store, "--format", fmt)
    assert result.stderr == ""
    assert result.stdout.strip()

"""The gate's CPU savings change nothing but CPU: the collector pause is undone whatever
happens, and what it remembers about plans between checks gives the reports a fresh gate
gives."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import SH
from test_gate import article, with_well_known

from borderkg.store import GraphStore
from borderkg.storetypes import CONTENT_HASH, article_of_graph
from borderkg.validation import Gate


@pytest.fixture
def store(tmp_path: Path) -> GraphStore:
    """A store with the shipped well-known graphs and one valid article."""
    with GraphStore(tmp_path / "store") as opened:
        with_well_known(opened)
        opened.write_articles([(g, q, "a" * 64) for g, q in (article("old-a"),)])
        yield opened


def _results(reports: dict) -> dict[str, list[str]]:
    return {graph: sorted(map(repr, report.results)) for graph, report in reports.items()}


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(store: GraphStore, enabled: bool) -> None:
    gate = Gate()
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        gate.check(store, [article("new-a")])
        assert gc.isenabled() is enabled
        graph, quads = article("new-b")
        with pytest.raises(ValueError):  # another content hash than the graph states
            stamped = [*quads, _hash_quad(graph, "b" * 64)]
            gate.check(store, [(graph, stamped, "c" * 64)])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def _hash_quad(graph: str, value: str) -> ox.Quad:
    return ox.Quad(
        ox.NamedNode(article_of_graph(graph)), CONTENT_HASH, ox.Literal(value), ox.NamedNode(graph)
    )


def test_a_gate_used_again_reports_what_a_fresh_gate_reports(store: GraphStore) -> None:
    used = Gate()
    batches = [
        [article("new-a")],
        [article("new-b", url="https://example.org/b")],
        [article("new-c", source="<https://w3id.org/borderkg/article/old-a#source-1>")],
        [article("new-d", headline=False)],
    ]
    for batch in batches:
        used.check(store, batch)  # every plan's skip kind remembered by now
    for batch in batches:
        assert _results(used.check(store, batch)) == _results(Gate().check(store, batch))
    kinds = used._skip_kinds
    assert kinds, "plans were asked about"
    for _shape, plans in used.compiled.plans:
        for plan in plans:
            kind = kinds.get(id(plan))
            if kind is not None and plan.extra.get("component") == SH.EqualsConstraintComponent:
                assert kind[0], "sh:equals plans are never skipped"

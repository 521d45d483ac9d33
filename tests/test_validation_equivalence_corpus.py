"""The fast SPARQL engine gives exactly pyshacl's results on the whole sample corpus.

The corpus (every sample article, extracted, with one error of each kind injected) is
validated once by the fast engine, on the whole store. pyshacl takes minutes on it, so its
run is cut in parts, each a test of its own: the shapes that compare articles with each
other (anonymous sources kept to one article, identifiers used once …) run on the whole
store; the evidence-span shapes, which look only inside one article's graph and take most
of pyshacl's time, run on the articles in six slices, each with the ontology, schemes and
vocabulary. Each part's pyshacl results must equal the fast engine's results of the shapes
it applies (and, for a slice, of its articles). A shape that did look across articles would
make a slice differ, and fail here.

Set BORDERKG_QUICK_EQUIVALENCE=1 to skip the pyshacl parts while working on something else;
CI never sets it.
"""

from __future__ import annotations

import os
from functools import cache

import pyoxigraph as ox
import pytest
from corpusinject import INJECTED, corpus_store
from rdflib import URIRef
from rdflib.term import Node

from borderkg.storetypes import ARTICLE_GRAPH_PREFIX
from borderkg.validation import validate
from borderkg.validation.data import to_dataset
from borderkg.validation.engine_pyshacl import default_shapes, run_pyshacl
from borderkg.validation.engine_sparql import validate_sparql
from borderkg.validation.model import ShapesModel
from borderkg.validation.report import ValidationResult

SHAPES = "https://w3id.org/borderkg/shapes#"
EVIDENCE = URIRef(SHAPES + "EvidenceSpanShape")
CROSS_ARTICLE = URIRef(SHAPES + "AnonymousSourceGraphsShape")
SLICES = 6
# (part name, root shapes, slice of the articles or None for the whole store)
PARTS = [
    ("anonymous sources across articles", "cross", None),
    ("every other shape but evidence spans", "rest", None),
    *(
        (f"evidence spans, articles slice {i + 1} of {SLICES}", "evidence", i)
        for i in range(SLICES)
    ),
]
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.skipif(
        bool(os.environ.get("BORDERKG_QUICK_EQUIVALENCE")),
        reason="BORDERKG_QUICK_EQUIVALENCE is set",
    ),
]


@cache
def store() -> ox.Store:
    return corpus_store(None)


@cache
def fast_results() -> frozenset[ValidationResult]:
    return frozenset(validate(store(), engine="sparql").results)


@cache
def roots_of_shapes() -> dict[str, frozenset[Node]]:
    """For each shape that reports results, the targeted shapes that apply it."""
    model = ShapesModel(default_shapes())
    out: dict[str, frozenset[Node]] = {}
    for shape in model.applied:
        found, todo, seen = set(), [shape], set()
        while todo:
            current = todo.pop()
            if current.node in seen:
                continue
            seen.add(current.node)
            if model.has_targets(current):
                found.add(current.node)
            todo.extend(model.parents(current))
        out[shape.id] = frozenset(found)
    return out


def roots(group: str) -> set[Node]:
    everything = set().union(*roots_of_shapes().values())
    if group == "evidence":
        return {EVIDENCE}
    if group == "cross":
        return {CROSS_ARTICLE}
    return everything - {EVIDENCE, CROSS_ARTICLE}


@cache
def articles() -> list[str]:
    names = {q.graph_name for q in store() if isinstance(q.graph_name, ox.NamedNode)}
    return sorted(n.value for n in names if n.value.startswith(ARTICLE_GRAPH_PREFIX))


def sliced(index: int) -> ox.Store:
    """The background graphs and every SLICES-th article graph from ``index``."""
    keep = set(articles()[index::SLICES])
    part = ox.Store()
    part.extend(
        q
        for q in store()
        if not str(q.graph_name.value).startswith(ARTICLE_GRAPH_PREFIX)
        or q.graph_name.value in keep
    )
    return part


def describe(results: set[ValidationResult]) -> str:
    return "\n".join(sorted(map(str, results)))[:4000]


def test_the_fast_engine_finds_every_injected_error_in_the_corpus_with_any_join_strategy() -> None:
    fast = fast_results()
    found = {r.source_shape.removeprefix(SHAPES) for r in fast}
    assert set(INJECTED) <= found, set(INJECTED) - found
    for joins, threads in (("scan", 1), ("index", 2)):
        other = set(validate_sparql(store(), joins=joins, threads=threads).results)
        assert other == fast, (joins, describe(other ^ fast))


def test_every_shape_that_reports_belongs_to_exactly_one_part() -> None:
    groups = {"evidence": roots("evidence"), "cross": roots("cross"), "rest": roots("rest")}
    for shape, its_roots in roots_of_shapes().items():
        owners = [name for name, members in groups.items() if its_roots & members]
        assert len(owners) == 1, (shape, owners)


@pytest.mark.parametrize(("part", "group", "index"), PARTS, ids=[p[0] for p in PARTS])
def test_fast_engine_equals_pyshacl_on_the_whole_sample_corpus(
    part: str, group: str, index: int | None
) -> None:
    applied = roots(group)
    data = store() if index is None else sliced(index)
    reference = set(run_pyshacl(to_dataset(data), default_shapes(), roots=applied))
    owned = roots_of_shapes()
    expected = {r for r in fast_results() if owned[r.source_shape] & applied}
    if index is not None:
        keep = set(articles()[index::SLICES])
        expected = {r for r in expected if r.graph in keep}
        assert all(r.graph in keep for r in reference), part
    assert reference == expected, describe(reference ^ expected)
    assert expected or group == "evidence", part  # each whole-store part has results to compare

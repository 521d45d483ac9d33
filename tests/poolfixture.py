"""Shared query-pool fixtures: a small store with tricky terms, and pools over it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg.querypool import (
    QueryPool,
    QuerySettings,
)
from borderkg.snapshots import publish_snapshot
from borderkg.store import GraphStore

EX = "http://ex/"
G1 = "https://w3id.org/borderkg/graph/article/tricky"
G2 = "https://w3id.org/borderkg/graph/article/other"
BULK = "https://w3id.org/borderkg/graph/bulk"
XSD = "http://www.w3.org/2001/XMLSchema#"
BULK_SIZE = 200
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


TRICKY_OBJECTS = [
    ox.Literal('line one\nline two\t"quoted" \\ back'),
    ox.Literal("Grenze", language="de"),
    ox.Literal("국경", language="ko"),
    ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("2023-09-01", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal("custom", datatype=_n("type")),
    ox.BlankNode("node1"),
    ox.Triple(_n("a"), _n("said"), ox.Literal("x")),
]


def _build(root: Path) -> None:
    with GraphStore.open(root) as store:
        quads = [ox.Quad(_n("tricky"), _n("p"), obj, ox.NamedNode(G1)) for obj in TRICKY_OBJECTS]
        quads += [ox.Quad(_n("other"), _n("p"), ox.Literal("in g2"), ox.NamedNode(G2))]
        quads += [
            ox.Quad(
                _n(f"s{i}"),
                _n("n"),
                ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer")),
                ox.NamedNode(BULK),
            )
            for i in range(BULK_SIZE)
        ]
        quads += [
            ox.Quad(_n("default"), _n("p"), ox.Literal("in the default graph"), ox.DefaultGraph())
        ]
        store.store.extend(quads)
        publish_snapshot(store)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("querypool") / "store"
    _build(path)
    return path


@pytest.fixture(scope="module")
def pool(root: Path) -> Iterator[QueryPool]:
    with QueryPool(root, QuerySettings(workers=2, timeout=20, max_rows=1000)) as started:
        yield started


@pytest.fixture(scope="module")
def capped(root: Path) -> Iterator[QueryPool]:
    with QueryPool(root, QuerySettings(workers=1, max_rows=5, spool_bytes=256)) as started:
        yield started


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# -- results and formats ---------------------------------------------------------------

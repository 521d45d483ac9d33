"""Shared by the gate's precheck tests: the compiled project shapes, and a scratch store
built the way the gate builds one (the well-known graphs plus one batch)."""

from __future__ import annotations

import pyoxigraph as ox

from borderkg.validation.data import add_background
from borderkg.validation.engine_sparql import project_shapes
from borderkg.validation.gatebatch import batch_nodes
from borderkg.validation.gatedecide import Vouch
from borderkg.validation.gatefacts import Facts
from borderkg.validation.gatenodes import ONTOLOGY, superclasses
from borderkg.validation.gaterun import GateRunner
from borderkg.validation.neighbourhood import Reader
from borderkg.validation.shapeindex import incoming_sensitive, target_index

SHAPES = "https://w3id.org/borderkg/shapes#"
GRAPH = "https://w3id.org/borderkg/graph/article/"


def gate_parts() -> tuple[Vouch, GateRunner, dict]:
    """The gate's prechecks, its query runner, and each project shape's plans by local name."""
    compiled = project_shapes()
    shapes = [shape for shape, _plans in compiled.plans]
    plans = {shape.id.removeprefix(SHAPES): (shape, plans) for shape, plans in compiled.plans}
    vouch = Vouch(shapes, target_index(compiled), incoming_sensitive(compiled), compiled.compiler)
    return vouch, GateRunner(compiled), plans


def scratch(vouch: Vouch, trig: str) -> tuple[ox.Store, Facts, set[ox.Term]]:
    """A scratch store like the gate's (the well-known graphs and the TriG batch, whose
    article graph is ``…/graph/article/a``), what the gate notes about it, and the batch's
    subjects."""
    store = ox.Store()
    add_background(store)
    ontology = list(store.quads_for_pattern(None, None, None, ONTOLOGY))
    by_subject: dict[ox.Term, list[ox.Quad]] = {}
    for quad in ontology:
        by_subject.setdefault(quad.subject, []).append(quad)
    schema = ox.Store()
    schema.extend(ontology)
    facts = Facts(vouch.wanted, superclasses(schema), by_subject)
    background = [q for q in store if q.graph_name != ONTOLOGY]
    store.load(trig.encode(), format=ox.RdfFormat.TRIG)
    nodes = batch_nodes(store, [GRAPH + "a"], Reader(set(), set(), []), facts)
    facts.add_quads(background)
    return store, facts, nodes.subjects

"""``sh:or`` over label counts and classes (ActorLabelShape, LocationLabelShape) is decided
from the facts the gate notes (``gatedecide.AnyOfFacts``) exactly as its query decides it: a
valid batch is vouched for and the query finds nothing, an invalid one is left to the query,
which finds the node. Hand-written data in real pyoxigraph stores."""

from __future__ import annotations

import pytest
from gatescratch import GRAPH, scratch
from gatescratch import gate_parts as build_parts

from borderkg.ontology.namespaces import ACTOR, PLACE

PREFIXES = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix actor: <https://w3id.org/borderkg/id/actor/> .
@prefix place: <https://w3id.org/borderkg/id/place/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


@pytest.fixture(scope="module")
def parts():
    return build_parts()


def judge(parts, body: str, shape_id: str) -> tuple[bool, set[str]]:
    """(vouched for, focus nodes the plan's own query finds among the batch's subjects)."""
    vouch, runner, plans = parts
    store, facts, subjects = scratch(vouch, f"{PREFIXES}<{GRAPH}a> {{ {body} }}")
    shape, shape_plans = plans[shape_id]
    plan = next(p for p in shape_plans if p.kind == "values")
    vouched = vouch.finds_nothing(shape, plan, facts, subjects)
    found = runner.run(store, {shape.node}, lambda _s, p: p is not plan, {})
    return vouched, {str(raw.focus) for _shape, raw in found if raw.focus in subjects}


VALID_ACTORS = (
    'actor:unit-1 a bkg:Organization ; rdfs:label "unit one"@en . '
    'actor:unit-2 a bkg:Organization ; skos:prefLabel "unit two"@en . '
    "<https://w3id.org/borderkg/article/a#source-1> a bkg:AnonymousSource . "
)


def test_actors_with_a_label_or_anonymous_are_vouched_for_and_the_query_finds_nothing(
    parts,
) -> None:
    assert judge(parts, VALID_ACTORS, "ActorLabelShape") == (True, set())


def test_actor_without_a_label_is_left_to_the_query_which_finds_it(parts) -> None:
    body = VALID_ACTORS + 'actor:unit-3 a bkg:Organization ; skos:altLabel "unit three"@en .'
    assert judge(parts, body, "ActorLabelShape") == (False, {f"<{ACTOR}unit-3>"})


def test_place_that_is_an_actor_needs_no_label_and_one_that_is_not_does(parts) -> None:
    valid = 'place:town a bkg:Settlement ; rdfs:label "town"@en . place:land a bkg:Country .'
    assert judge(parts, valid, "LocationLabelShape") == (True, set())
    invalid = valid + " place:village a bkg:Settlement ."
    assert judge(parts, invalid, "LocationLabelShape") == (False, {f"<{PLACE}village>"})

"""The gate's per-check index of the batch's subjects decides plans as testing each one would.

``Facts`` finds a target set's focus nodes from the subjects indexed once per check (by their
own types, and by predicate), each node's triples merged with the ontology's, and tests each
distinct value of a plan once. Here: the focus nodes equal those found by testing every
subject against every target set, and plans decided through the index (class targets met
through a subclass, subjects-of targets, values shared by many focus nodes) are vouched for
exactly when their own query finds nothing. Hand-written data (invented) in real pyoxigraph
stores.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from gatescratch import gate_parts
from gatescratch import scratch as build_scratch

from borderkg.validation.gatedecide import Vouch
from borderkg.validation.gatefacts import VALUE_TESTS, Facts
from borderkg.validation.gatenodes import TYPE
from borderkg.validation.gaterun import GateRunner

ARTICLE = "https://w3id.org/borderkg/article/"
GRAPH = "https://w3id.org/borderkg/graph/article/"
SHAPES = "https://w3id.org/borderkg/shapes#"
PREFIXES = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix place: <https://w3id.org/borderkg/id/place/> .
@prefix actor: <https://w3id.org/borderkg/id/actor/> .
@prefix measure: <https://w3id.org/borderkg/scheme/measure-type/> .
@prefix status: <https://w3id.org/borderkg/scheme/policy-status/> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""
Q148 = "wd:Q148"


@pytest.fixture(scope="module")
def parts() -> tuple[Vouch, GateRunner, dict]:
    return gate_parts()


def scratch(vouch: Vouch, statements: str) -> tuple[ox.Store, Facts, set[ox.Term]]:
    """The gate's scratch store for article ``a``'s graph with the statements."""
    return build_scratch(vouch, f"{PREFIXES}<{GRAPH}a> {{ {statements} }}")


def judge(parts: tuple[Vouch, GateRunner, dict], statements: str, shape_id: str, kind: str):
    """(vouched for, focus nodes of the plan's own query's results on the batch's subjects)."""
    vouch, runner, plans = parts
    store, facts, subjects = scratch(vouch, statements)
    shape, shape_plans = plans[shape_id]
    plan = next(p for p in shape_plans if p.kind == kind)
    vouched = vouch.finds_nothing(shape, plan, facts, subjects)
    found = {
        str(raw.focus)
        for _shape, raw in runner.run(store, {shape.node}, lambda _s, p: p is not plan, {})
        if raw.focus in subjects
    }
    return vouched, found


def test_focus_nodes_from_the_index_equal_those_of_testing_each_subject(parts) -> None:
    vouch = parts[0]
    statements = f"""
        place:new-town a bkg:Settlement ; rdfs:label "New town"@en ; bkg:country place:china .
        actor:new-unit a bkg:Organization , bkg:Actor ; rdfs:label "New unit"@en ;
            bkg:country place:north-korea .
        <{ARTICLE}a#policy-1> a bkg:Policy ; bkg:measureType measure:BorderClosure ;
            bkg:status status:InForce .
        <{ARTICLE}a#policy-2> bkg:status status:InForce .
        <{ARTICLE}a#thing> rdfs:label "untyped"@en .
        bkg:Policy rdfs:comment "a class the batch says something about" .
    """
    _store, facts, subjects = scratch(vouch, statements)
    quads = list(ox.parse(f"{PREFIXES}<{GRAPH}a> {{ {statements} }}".encode(), ox.RdfFormat.TRIG))

    def predicates(node: ox.Term) -> set[ox.Term]:
        own = {q.predicate for q in quads if q.subject == node}
        return own | {q.predicate for q in facts.ontology.get(node, ())}

    def classes(node: ox.Term) -> set[ox.Term]:
        types = {q.object for q in quads if q.subject == node and q.predicate == TYPE}
        types |= {q.object for q in facts.ontology.get(node, ()) if q.predicate == TYPE}
        return {c for t in types for c in facts.superclasses.get(t, {t})}

    target_sets = {id(t): t for t in vouch._targets.values()}.values()
    assert any(t.subjects_of for t in target_sets) and any(t.classes for t in target_sets)
    chosen_somewhere = set()
    for targets in target_sets:
        expected = {
            n
            for n in subjects
            if classes(n) & targets.classes
            or n in targets.named
            or predicates(n) & targets.subjects_of
        }
        assert set(facts.focus(targets, subjects)) == expected
        chosen_somewhere |= expected
    # a subclass instance, a subjects-of target without a type, a node of two types
    town = ox.NamedNode("https://w3id.org/borderkg/id/place/new-town")
    assert {town, ox.NamedNode(f"{ARTICLE}a#policy-2")} <= chosen_somewhere


def assert_decided_like_the_query(
    parts: tuple[Vouch, GateRunner, dict], valid: str, invalid: str, shape_id: str, node: str
) -> None:
    """The prechecks vouch for ``valid`` (the query finds nothing either) and not for
    ``invalid``, where the plan's own query finds ``node`` and only it."""
    assert judge(parts, valid, shape_id, "values") == (True, set())
    vouched, found = judge(parts, invalid, shape_id, "values")
    assert not vouched
    assert found == {f"<{node}>"}


def test_subjects_of_target_with_a_value_shared_by_many_nodes_is_decided_as_its_query(
    parts,
) -> None:
    # bkgsh:CountryValues: sh:targetSubjectsOf bkg:country, sh:class bkg:Country
    valid = " ".join(
        f'actor:unit-{i} a bkg:Organization ; rdfs:label "unit {i}"@en ; bkg:country place:china .'
        for i in range(5)
    )
    invalid = valid + ' actor:unit-x rdfs:label "unit x"@en ; bkg:country place:hyesan .'
    assert_decided_like_the_query(
        parts, valid, invalid, "CountryValues", "https://w3id.org/borderkg/id/actor/unit-x"
    )


def test_one_value_on_more_nodes_than_the_test_budget_is_tested_once(parts) -> None:
    # bkgsh:ExternalIdentifier-form is tested in Python value by value (sh:pattern): a value
    # shared by more focus nodes than VALUE_TESTS is tested once, so the plan is decided.
    valid = " ".join(
        f'place:town-{i} a bkg:Settlement ; rdfs:label "town {i}"@en ; skos:exactMatch {Q148} .'
        for i in range(VALUE_TESTS + 2)
    )
    invalid = valid + (
        ' place:town-x a bkg:Settlement ; rdfs:label "x"@en ; '
        "skos:exactMatch <https://www.wikidata.org/wiki/Q148> ."
    )
    assert_decided_like_the_query(
        parts,
        valid,
        invalid,
        "ExternalIdentifier-form",
        "https://w3id.org/borderkg/id/place/town-x",
    )


def test_distinct_values_beyond_the_budget_are_still_left_to_the_query(parts) -> None:
    many = " ".join(
        f'place:town-{i} a bkg:Settlement ; rdfs:label "town {i}"@en ; skos:exactMatch wd:Q{i} .'
        for i in range(1, VALUE_TESTS + 3)
    )
    assert judge(parts, many, "ExternalIdentifier-form", "values") == (False, set())


def test_class_check_over_values_shared_by_subclass_instances_is_decided_as_its_query(
    parts,
) -> None:
    # bkgsh:CountryValues on instances of a subclass (bkg:Settlement), values repeated
    valid = " ".join(
        f'place:town-{i} a bkg:Settlement ; rdfs:label "town {i}"@en ; bkg:country place:china .'
        for i in range(4)
    )
    mixed = valid + ' place:town-y a bkg:Settlement ; rdfs:label "y"@en ; bkg:country actor:unhcr .'
    assert_decided_like_the_query(
        parts, valid, mixed, "CountryValues", "https://w3id.org/borderkg/id/place/town-y"
    )

"""The cross-article rules the gate settles by lookups (``gatecross.py``) find what their
queries find.

For each rule — one article graph per anonymous source, one URL per article, no loop of
bkg:adminParent links, no link to or from an anonymous source — a valid scratch store is
settled as "finds nothing" and the plan's own query finds nothing either, and an invalid one
is left to the query, which finds the error. Hand-written data in real pyoxigraph stores.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from gatescratch import GRAPH, gate_parts, scratch

from borderkg.validation.engine_sparql import project_shapes
from borderkg.validation.gatecross import CrossCheck, Look, acyclic
from borderkg.validation.gatenodes import ADMIN_PARENT
from borderkg.validation.shapeindex import target_index

ARTICLE = "https://w3id.org/borderkg/article/"
PREFIXES = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix place: <https://w3id.org/borderkg/id/place/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
SOURCE = f"<{ARTICLE}a#source-1>"


@pytest.fixture(scope="module")
def parts() -> tuple:
    """The gate's prechecks and query runner, its cross-article checks, and the plans by
    shape (the same compiled plans: the checks know a plan by identity)."""
    vouch, runner, plans = gate_parts()
    compiled = project_shapes()
    return vouch, runner, CrossCheck(compiled.plans, target_index(compiled)), plans


def judge(parts, trig: str, shape_id: str, kind: str) -> tuple[bool, set[str]]:
    """(settled as finding nothing, focus nodes of the plan's own query) on a scratch store
    with the well-known graphs and the TriG."""
    vouch, runner, cross, plans = parts
    store, facts, _subjects = scratch(vouch, PREFIXES + trig)
    shape, shape_plans = plans[shape_id]
    plan = next(p for p in shape_plans if p.kind == kind)
    assert cross.knows(plan)
    settled = cross.finds_nothing(plan, Look(store, facts.superclasses))
    found = runner.run(store, {shape.node}, lambda _s, p: p is not plan, {})
    return settled, {str(raw.focus) for _shape, raw in found}


def graph(name: str, body: str) -> str:
    return f"<{GRAPH}{name}> {{ {body} }}\n"


def source(name: str = "a") -> str:
    return f'<{ARTICLE}{name}#source-1> a bkg:AnonymousSource ; rdfs:label "a trader"@en .'


# --- one article graph per anonymous source ------------------------------------------------


def test_source_of_one_article_is_settled_and_the_query_finds_nothing(parts) -> None:
    trig = graph("a", source()) + graph(
        "b", source("b") + f" <{ARTICLE}b> bkg:mentions <{ARTICLE}b#source-1> ."
    )
    assert judge(parts, trig, "AnonymousSourceGraphsShape", "sparql") == (True, set())


def test_source_named_in_two_articles_is_left_to_the_query_which_finds_it(parts) -> None:
    trig = graph("a", source()) + graph("b", f"<{ARTICLE}b> bkg:mentions {SOURCE} .")
    assert judge(parts, trig, "AnonymousSourceGraphsShape", "sparql") == (False, {SOURCE})


# --- one URL per article --------------------------------------------------------------------


def articles(first: str, second: str) -> str:
    return graph(
        "a",
        f"<{ARTICLE}a> a bkg:Article ; schema:url {first} . "
        f"<{ARTICLE}b> a bkg:Article ; schema:url {second} .",
    )


def test_articles_with_their_own_urls_are_settled_and_the_query_finds_nothing(parts) -> None:
    trig = articles("<https://news.example/one>", '"https://news.example/two"^^xsd:anyURI')
    assert judge(parts, trig, "Article-url-unique", "sparql") == (True, set())


@pytest.mark.parametrize(
    "second",
    ["<https://news.example/one>", '"https://news.example/one"^^xsd:anyURI'],
    ids=["same-iri", "iri-and-literal"],
)
def test_url_on_two_articles_is_left_to_the_query_which_finds_both(parts, second) -> None:
    trig = articles("<https://news.example/one>", second)
    both = {f"<{ARTICLE}a>", f"<{ARTICLE}b>"}
    assert judge(parts, trig, "Article-url-unique", "sparql") == (False, both)


# --- no loop of administrative parents ------------------------------------------------------


def chain(*links: tuple[str, str]) -> str:
    return graph("a", " ".join(f"place:{a} bkg:adminParent place:{b} ." for a, b in links))


def test_chain_without_loops_is_settled_and_the_query_finds_nothing(parts) -> None:
    trig = chain(("town", "county"), ("county", "province"), ("village", "county"))
    assert judge(parts, trig, "Location-adminParent-acyclic", "sparql") == (True, set())


def test_loop_is_left_to_the_query_which_finds_its_places(parts) -> None:
    trig = chain(("town", "county"), ("county", "province"), ("province", "town"))
    settled, found = judge(parts, trig, "Location-adminParent-acyclic", "sparql")
    assert not settled
    place = "https://w3id.org/borderkg/id/place/"
    assert found == {f"<{place}{p}>" for p in ("town", "county", "province")}


def test_a_place_that_is_its_own_parent_is_a_loop() -> None:
    store = ox.Store()
    town = ox.NamedNode("https://w3id.org/borderkg/id/place/town")
    store.add(ox.Quad(town, ADMIN_PARENT, town, ox.NamedNode(GRAPH + "a")))
    assert not acyclic(store, ADMIN_PARENT)


# --- no link to or from an anonymous source --------------------------------------------------


def test_unlinked_source_is_settled_and_the_query_finds_nothing(parts) -> None:
    trig = graph(
        "a",
        source() + " place:hyesan skos:exactMatch <http://www.wikidata.org/entity/Q1> .",
    )
    assert judge(parts, trig, "AnonymousSource-unlinked", "counts") == (True, set())


@pytest.mark.parametrize(
    "link",
    [
        f"{SOURCE} skos:exactMatch <http://www.wikidata.org/entity/Q1> .",
        f"place:hyesan owl:sameAs {SOURCE} .",
    ],
    ids=["from-the-source", "to-the-source"],
)
def test_linked_source_is_left_to_the_query_which_finds_it(parts, link) -> None:
    trig = graph("a", source() + " " + link)
    assert judge(parts, trig, "AnonymousSource-unlinked", "counts") == (False, {SOURCE})

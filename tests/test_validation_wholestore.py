"""The whole-store forms of the fast engine: reading constraint queries, rewriting them, counting.

The rewrites must keep every query's rows (as a set) for the focus nodes: each rewritten
query is run next to the query as written on a small real store, and where a rewrite would
change the answer (NOT EXISTS that shares nothing, or shares a variable only OPTIONAL binds)
it must not be made. Engine-level equality with pyshacl is in
tests/test_validation_equivalence.py.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from borderkg.validation.bulkplans import BulkContext, bulk_context
from borderkg.validation.costs import Costs
from borderkg.validation.engine_sparql import (
    class_members,
    project_shapes,
    run_compiled,
    validate_sparql,
)
from borderkg.validation.sparqlgroup import read_group, split_triples, tokenize
from borderkg.validation.sparqlrewrite import rewrite_group
from borderkg.validation.sparqltext import prepare_select
from borderkg.validation.wholestore import run_whole_store

EX = "http://example.org/ns#"
PREFIXES = {"ex": EX}
UNION = {"use_default_graph_as_union": True}
DATA = """
@prefix ex: <http://example.org/ns#> .
ex:g1 {
  ex:a a ex:Item ; ex:p ex:v1 , ex:v2 ; ex:label "a" .
  ex:b a ex:Item ; ex:p ex:v2 ; ex:label "b"@en .
  ex:c a ex:Item ; ex:q ex:v3 .
  ex:d ex:p ex:v1 .
  ex:v1 ex:in ex:S .
  _:x a ex:Item ; ex:p ex:v3 .
}
ex:g2 {
  ex:a ex:label "a2" .
  ex:b ex:p ex:v2 .
}
"""
FOCUS = "{ SELECT ?this WHERE { ?this a <http://example.org/ns#Item> } }"


def data_store() -> ox.Store:
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TRIG)
    return store


def rows(store: ox.Store, text: str, focus: set[str] | None = None) -> set[tuple]:
    solutions = store.query(text, **UNION)
    names = [v.value for v in solutions.variables]
    found = set()
    for row in solutions:
        if focus is not None and str(row["this"]) not in focus:
            continue
        found.add(tuple(str(row[n]) if row[n] is not None else None for n in names))
    return found


def focus_nodes(store: ox.Store) -> set[str]:
    return {str(r[0]) for r in store.query(f"SELECT ?this WHERE {FOCUS}", **UNION)}


def same_rows(query: str, *, lead: str = "", pays=lambda _t: True) -> str:
    """Rewrite ``query`` and check that it keeps the rows of the query as written."""
    store = data_store()
    prepared = prepare_select(query, path=None, prefixes=PREFIXES)
    original = rows(store, prepared.with_leading(FOCUS + " " + lead))
    rewrite = rewrite_group(prepared, FOCUS, lead, pays)
    assert rewrite is not None
    rewritten = rows(store, rewrite.text, focus_nodes(store) if rewrite.free else None)
    assert rewritten == original, rewrite.text
    return rewrite.text


# --- reading groups -------------------------------------------------------------------------


def test_triple_blocks_split_into_triples_with_their_literals_and_paths() -> None:
    text = '$this ex:p ?v , ex:w ; ex:label "x y"@en , "5"^^ex:t ; ex:q/ex:r* [] . ?v a ex:Item'
    triples = split_triples(text, tokenize(text))
    assert [(t.subject, t.predicate, t.object, t.simple) for t in triples] == [
        ("$this", "ex:p", "?v", True),
        ("$this", "ex:p", "ex:w", True),
        ("$this", "ex:label", '"x y"@en', True),
        ("$this", "ex:label", '"5"^^ex:t', True),
        ("$this", "ex:q/ex:r*", "[]", False),
        ("?v", "a", "ex:Item", True),
    ]


def test_blank_node_property_lists_and_collections_are_not_split() -> None:
    for text in ("?s ex:p [ ex:q ?o ] .", "?s ex:p ( 1 2 ) .", "<< ?s ex:p ?o >> ex:q ?x ."):
        assert split_triples(text, tokenize(text)) is None


def test_a_group_is_read_element_by_element() -> None:
    text = """?s ex:p ?o . FILTER (?o < 3 && ?s != ?o) OPTIONAL { ?s ex:q ?x }
        GRAPH ?g { ?s ?p ?o } { ?a ex:p ?b } UNION { ?b ex:p ?a } BIND (STR(?o) AS ?t)
        FILTER NOT EXISTS { ?o ex:in ex:S } FILTER regex(?t, "^a") ?t ex:r ?u"""
    kinds = [e.kind for e in read_group(text) or []]
    assert kinds == [
        "triples",
        "filter",
        "optional",
        "graph",
        "group",
        "bind",
        "filter",
        "filter",
        "triples",
    ]


def test_less_than_inside_an_expression_is_not_read_as_an_iri() -> None:
    tokens = tokenize("FILTER(?a<?b&&?c>?d) ?s ex:p <http://x/y>")
    assert tokens is not None
    assert [t.text for t in tokens if t.kind == "iri"] == ["<http://x/y>"]


def test_unbalanced_brackets_are_not_read() -> None:
    assert read_group("?s ex:p ?o . FILTER (?o > 1") is None


# --- rewrites keep the rows -------------------------------------------------------------------


def test_triples_become_scans_and_keep_their_rows() -> None:
    text = same_rows("SELECT $this ?v ?l WHERE { $this ex:p ?v ; ex:label ?l . }")
    assert "{ SELECT * WHERE { $this ex:p ?v . } }" in text


def test_not_exists_sharing_bound_variables_becomes_minus() -> None:
    text = same_rows(
        "SELECT $this ?v WHERE { $this ex:p ?v . FILTER NOT EXISTS { ?v ex:in ex:S } }"
    )
    assert "MINUS { ?v ex:in ex:S . }" in text
    assert "NOT EXISTS" not in text


def test_exists_becomes_a_join_with_the_distinct_shared_variables() -> None:
    text = same_rows("SELECT $this ?v WHERE { $this ex:p ?v . FILTER EXISTS { ?v ex:in ?set } }")
    assert "SELECT DISTINCT ?v WHERE { ?v ex:in ?set . }" in text


def test_not_exists_sharing_nothing_stays_a_filter() -> None:
    text = same_rows(
        "SELECT $this ?v WHERE { $this ex:p ?v . FILTER NOT EXISTS { ?x ex:in ex:S } }"
    )
    assert "NOT EXISTS" in text


def test_not_exists_on_an_optional_variable_stays_a_filter() -> None:
    query = """SELECT $this ?v WHERE { $this ex:p ?v . OPTIONAL { $this ex:label ?l }
        FILTER NOT EXISTS { ?v ex:in ex:S . ?l ex:q ?z } }"""
    assert "NOT EXISTS" in same_rows(query)


def test_a_graph_block_with_unused_variables_is_pushed_under_the_focus_nodes() -> None:
    query = """SELECT DISTINCT $this ?g ?h WHERE {
        GRAPH ?g { { $this ?p ?o } UNION { ?s ?q $this } }
        GRAPH ?h { $this ?p2 ?o2 } FILTER (STR(?g) < STR(?h)) }"""
    text = same_rows(query)
    assert text.count("SELECT DISTINCT ?g ?this WHERE") == 1
    assert text.count("SELECT DISTINCT ?h ?this WHERE") == 1


def test_nothing_is_pushed_down_when_the_query_projects_every_variable() -> None:
    query = "SELECT * WHERE { GRAPH ?g { $this ?p ?o } }"
    assert "SELECT DISTINCT" not in same_rows(query)


def test_the_focus_pattern_is_left_out_when_a_scanned_triple_binds_this() -> None:
    store = data_store()
    prepared = prepare_select(
        "SELECT $this ?v WHERE { $this ex:p ?v }", path=None, prefixes=PREFIXES
    )
    rewrite = rewrite_group(prepared, FOCUS, "", lambda _t: True)
    assert rewrite is not None and rewrite.free
    assert FOCUS not in rewrite.text
    everything = rows(store, rewrite.text)
    assert ("<http://example.org/ns#d>", "<http://example.org/ns#v1>") in everything  # no Item
    same_rows("SELECT $this ?v WHERE { $this ex:p ?v }")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT $this ?s ?v WHERE { BIND(STR($this) AS ?s) $this ex:p ?v }",
        "SELECT $this ?l ?v WHERE { OPTIONAL { $this ex:label ?l } $this ex:p ?v }",
    ],
)
def test_the_focus_pattern_stays_when_something_reads_this_before_a_triple_binds_it(
    query: str,
) -> None:
    prepared = prepare_select(query, path=None, prefixes=PREFIXES)
    rewrite = rewrite_group(prepared, FOCUS, "", lambda _t: True)
    assert rewrite is not None and rewrite.changed and not rewrite.free
    same_rows(query)


def test_a_scan_that_does_not_pay_leaves_the_triple_as_a_lookup() -> None:
    text = same_rows("SELECT $this ?v WHERE { $this ex:p ?v }", pays=lambda _t: False)
    assert "SELECT *" not in text
    assert FOCUS in text


def test_a_group_the_reader_cannot_split_is_run_as_written() -> None:
    query = "SELECT $this WHERE { $this ex:p [ ex:in ex:S ] }"
    prepared = prepare_select(query, path=None, prefixes=PREFIXES)
    rewrite = rewrite_group(prepared, FOCUS, "", lambda _t: True)
    assert rewrite is not None and not rewrite.changed
    assert rewrite.text == prepared.with_leading(FOCUS + " ")


# --- counts ---------------------------------------------------------------------------------


def test_counts_stop_at_their_cap_and_decide_scans() -> None:
    store = data_store()
    closures: dict = {}
    costs = Costs(store, UNION, lambda cls: class_members(store, cls, closures, UNION))
    assert costs.predicate(f"<{EX}p>") == 6  # g2 repeats ex:b ex:p ex:v2
    assert costs.predicate(f"<{EX}p>", cap=2) == 2
    assert costs.instances(f"<{EX}Item>") == 4
    assert costs.pays(lambda cap: costs.predicate(f"<{EX}p>", cap), rows=1)
    assert not costs.pays(lambda cap: 100, rows=1)
    assert not costs.pays(lambda cap: 1, rows=None)


def test_class_targets_become_a_values_list_of_the_class_and_its_subclasses() -> None:
    store = data_store()
    store.add(
        ox.Quad(
            ox.NamedNode(EX + "Special"), ox.NamedNode(RDFS_SUBCLASS), ox.NamedNode(EX + "Item")
        )
    )
    closures: dict = {}
    compiled = project_shapes()
    costs = Costs(store, UNION, lambda cls: class_members(store, cls, closures, UNION))
    bulk = BulkContext(compiled.model, costs)
    ctx = (
        "{ SELECT DISTINCT ?this WHERE { { ?this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <http://example.org/ns#Item> . } } }"
    )
    text = bulk_context(bulk, ctx)
    assert "DISTINCT" not in text
    assert f"VALUES ?_cls {{ <{EX}Item> <{EX}Special> }}" in text


RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


COUNT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/ns#> .
ex:ItemShape a sh:NodeShape ; sh:targetClass ex:Item ;
    sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:message "one p at most" ] ,
        [ sh:path ex:label ; sh:minCount 1 ; sh:maxCount 1 ; sh:message "one label" ] ,
        [ sh:path ex:q ; sh:minCount 2 ; sh:message "two q" ] .
"""


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_counts_shared_by_sibling_shapes_equal_pyshacls_with_values_in_two_graphs() -> None:
    from rdflib import Graph

    from borderkg.validation import validate

    shapes = Graph().parse(data=COUNT_SHAPES, format="turtle")
    store = data_store()
    reference = validate(store, shapes=shapes, engine="pyshacl", background=False)
    for joins in ("auto", "scan"):
        fast = validate_sparql(store, shapes=shapes, joins=joins, background=False)
        assert set(fast.results) == set(reference.results), joins
    # ex:a has two p and two labels; ex:b's one p is in two graphs, which is one value.
    found = {(r.focus_node, r.constraint_component.rsplit("#", 1)[-1]) for r in reference.results}
    assert (f"<{EX}a>", "MaxCountConstraintComponent") in found
    assert (f"<{EX}b>", "MaxCountConstraintComponent") not in found
    assert (f"<{EX}c>", "MinCountConstraintComponent") in found


def test_an_unknown_join_strategy_is_refused() -> None:
    store = data_store()
    with pytest.raises(ValueError, match="join strategy"):
        validate_sparql(store, joins="fastest")


# --- the runner -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> ox.Store:
    """Three sample articles with the shipped graphs, a span whose anchor no longer matches
    the text and a policy without status."""
    from borderkg.loaders.readers import ReadError, iter_records
    from borderkg.loaders.samples import sample_paths
    from borderkg.pipeline import build_article
    from borderkg.validation.data import add_background

    store = ox.Store()
    add_background(store)
    records = [r for r in iter_records([str(p) for p in sample_paths()], None)]
    articles = sorted((r for r in records if not isinstance(r, ReadError)), key=lambda r: r.source)
    for record in articles[:3]:
        built = build_article(record)
        name = ox.NamedNode(built.graph)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in built.quads.triples())
    store.update(
        """PREFIX bkg: <https://w3id.org/borderkg/ontology#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        DELETE { GRAPH ?g { ?span nif:anchorOf ?a } } INSERT { GRAPH ?g { ?span nif:anchorOf "moved" } }
        WHERE { { SELECT ?g ?span ?a WHERE { GRAPH ?g { ?span a bkg:EvidenceSpan ; nif:anchorOf ?a } }
                  ORDER BY ?span LIMIT 1 } } ;
        DELETE { GRAPH ?g { ?p bkg:status ?s } }
        WHERE { { SELECT ?g ?p WHERE { GRAPH ?g { ?p a bkg:Policy ; bkg:status [] } } ORDER BY ?p LIMIT 1 }
                GRAPH ?g { ?p bkg:status ?s } }"""
    )
    return store


def keyed(raws: list) -> list[tuple[str, str, str | None, str]]:
    return [(shape.id, str(raw.focus), str(raw.value), raw.component) for shape, raw in raws]


def test_the_whole_store_runner_finds_what_the_plans_own_queries_find(corpus: ox.Store) -> None:
    compiled = project_shapes()
    expected = keyed(run_compiled(corpus, compiled))
    for joins in ("auto", "scan", "index"):
        found = keyed(run_whole_store(corpus, compiled, joins=joins, threads=2))
        assert set(found) == set(expected), joins
    shapes = {r[0].rsplit("#", 1)[-1] for r in expected}
    assert {"EvidenceSpan-anchor-matches-text", "Policy-status"} <= shapes


def test_results_come_back_in_plan_order_whatever_the_threads(corpus: ox.Store) -> None:
    compiled = project_shapes()
    order = {shape.id: i for i, (shape, _plans) in enumerate(compiled.plans)}
    one = keyed(run_whole_store(corpus, compiled, joins="scan", threads=1))
    two = keyed(run_whole_store(corpus, compiled, joins="scan", threads=2))
    assert sorted(one) == sorted(two)
    positions = [order[r[0]] for r in two]
    assert positions == sorted(positions)
    assert len(one) >= 2

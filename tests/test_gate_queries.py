"""The gate's shortcuts find what the plans' own queries find: shared queries, skipped plans,
neighbourhoods read quad by quad.

* Shared queries (``gaterun.py``): on stores with errors for every kind of shared query, the
  gate's runner gives exactly the raw results of ``run_compiled`` (each plan's own query),
  with the project shapes and with researchers' shapes that share a custom component.
* Skipped plans (``gatefacts.py``): count and value plans are vouched for only when no focus
  subject breaks them (and only for a few values tested in Python, ``xsd:string`` literals
  aside); shapes whose focus nodes
  depend on links to them never are.
* The neighbourhood read quad by quad equals the one read with queries.

All data is hand-written (invented text) in real pyoxigraph stores.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from borderkg import ontology
from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH, VOCABULARY_GRAPH
from borderkg.store import GraphStore
from borderkg.validation.data import add_background
from borderkg.validation.engine_sparql import compile_shapes, project_shapes, run_compiled
from borderkg.validation.gatebatch import batch_nodes, normalise
from borderkg.validation.gatedecide import Vouch
from borderkg.validation.gatefacts import VALUE_TESTS, Facts
from borderkg.validation.gatenodes import HUB, ONTOLOGY, superclasses
from borderkg.validation.gaterun import GateRunner
from borderkg.validation.neighbourhood import Reader
from borderkg.validation.shapeindex import incoming_sensitive, target_index

ARTICLE = "https://w3id.org/borderkg/article/"
GRAPH = "https://w3id.org/borderkg/graph/article/"
SHAPES = "https://w3id.org/borderkg/shapes#"
TEXT = "A driver near Namyang said that soldiers closed the bridge and fined two traders."
PREFIXES = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix place: <https://w3id.org/borderkg/id/place/> .
@prefix measure: <https://w3id.org/borderkg/scheme/measure-type/> .
@prefix status: <https://w3id.org/borderkg/scheme/policy-status/> .
@prefix sourcetype: <https://w3id.org/borderkg/scheme/source-type/> .
"""


def span(aid: str, anchor: str) -> tuple[str, str]:
    """(IRI, Turtle) of an evidence span over ``anchor`` in TEXT."""
    begin = TEXT.index(anchor)
    iri = f"<{ARTICLE}{aid}#char={begin},{begin + len(anchor)}>"
    return iri, (
        f"{iri} a bkg:EvidenceSpan ; nif:referenceContext <{ARTICLE}{aid}#text> ; "
        f'nif:beginIndex "{begin}"^^xsd:nonNegativeInteger ; '
        f'nif:endIndex "{begin + len(anchor)}"^^xsd:nonNegativeInteger ; nif:anchorOf "{anchor}" .'
    )


def article(aid: str, extra: str = "", *, status: str = "status:InForce") -> tuple[str, str]:
    """(graph IRI, TriG) of an article: text, two spans, a source, a claim, a policy."""
    source_iri, source_span = span(aid, "A driver near Namyang")
    claim_iri, claim_span = span(aid, "soldiers closed the bridge")
    me = f"<{ARTICLE}{aid}>"
    stated = f"bkg:status {status} ;" if status else ""
    body = f"""
        {me} a bkg:Article ; dcterms:identifier "{aid}" ; bkg:text <{ARTICLE}{aid}#text> ;
            schema:headline "Bridge closed ({aid})" ; schema:datePublished "2024-04-04"^^xsd:date .
        <{ARTICLE}{aid}#text> a nif:Context ; nif:isString "{TEXT}" .
        {source_span}
        {claim_span}
        <{ARTICLE}{aid}#source-1> a bkg:AnonymousSource ; rdfs:label "driver near Namyang"@en ;
            bkg:sourceType sourcetype:SourceInNorthKorea ; bkg:evidence {source_iri} .
        <{ARTICLE}{aid}#claim-1> a bkg:Claim ; prov:wasAttributedTo <{ARTICLE}{aid}#source-1> ;
            prov:wasDerivedFrom {me} ; bkg:evidence {claim_iri} .
        <{ARTICLE}{aid}#policy-1> a bkg:Policy ; bkg:measureType measure:BorderClosure ; {stated}
            sem:hasPlace place:hyesan ; bkg:evidence {claim_iri} .
        {extra}
    """
    return GRAPH + aid, f"<{GRAPH}{aid}> {{ {body} }}"


def error_store() -> ox.Store:
    """The well-known graphs and articles with errors for every kind of shared query: counts
    (a policy without status, a place with a second latitude), value checks of one class
    (a span with a literal text and an integer anchor), one custom component on two paths
    (a status and a measure type outside their schemes), and a failing value stated in two
    graphs (each row of the union graph twice)."""
    aid = "errors"
    bad = f"""
        <{ARTICLE}{aid}#policy-2> a bkg:Policy ; bkg:measureType measure:NoSuchMeasure ;
            bkg:status status:NoSuchStatus ; bkg:evidence <{ARTICLE}{aid}#char=33,59> .
        <{ARTICLE}{aid}#char=0,21> nif:referenceContext "not a context" ; nif:anchorOf 12 .
        place:hyesan wgs:lat 42.5 .
    """
    texts = [
        article("clean")[1],
        article(aid, bad, status="")[1],
        f"<{GRAPH}copy> {{ <{ARTICLE}{aid}#policy-2> bkg:status status:NoSuchStatus . }}",
    ]
    store = ox.Store()
    add_background(store)
    store.load((PREFIXES + "\n".join(texts)).encode(), format=ox.RdfFormat.TRIG)
    return store


def full(raws: list) -> set[tuple]:
    return {(shape.id, raw) for shape, raw in raws}


def test_shared_queries_find_what_each_plans_own_query_finds() -> None:
    store = error_store()
    compiled = project_shapes()
    runner = GateRunner(compiled)
    every = {shape.node for shape, _plans in compiled.plans}
    kinds = {kind for kind, members in runner.groups(every, None) if len(members) > 1}
    assert {"counts", "values", "custom"} <= kinds
    expected = full(run_compiled(store, compiled))
    found = full(runner.run(store, every, None, {}))
    assert found == expected
    shapes = {shape.removeprefix(SHAPES) for shape, _raw in found}
    assert {
        "Policy-status",
        "Location-lat",
        "EvidenceSpan-context-class",
        "EvidenceSpan-anchor-datatype",
        "StatusValues",
        "MeasureTypeValues",
    } <= shapes


def test_skipped_plans_leave_out_only_their_own_results() -> None:
    store = error_store()
    compiled = project_shapes()
    runner = GateRunner(compiled)
    every = {shape.node for shape, _plans in compiled.plans}

    def skip(shape, plan) -> bool:
        return plan.kind == "counts"

    found = full(runner.run(store, every, skip, {}))
    expected = {
        (shape_id, raw)
        for shape_id, raw in full(run_compiled(store, compiled))
        if "Count" not in raw.component
    }
    assert found == expected


RESEARCH_SHAPES = r'''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .

ex:prefixes a owl:Ontology ; sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/ns#"^^xsd:anyURI ] .

ex:ListedComponent a sh:ConstraintComponent ;
    sh:parameter [ sh:path ex:list ] ;
    sh:propertyValidator [ a sh:SPARQLSelectValidator ; sh:prefixes ex:prefixes ;
        sh:select """SELECT DISTINCT $this ?value WHERE { $this $PATH ?value . FILTER NOT EXISTS { $list ex:has ?value } }""" ] .

ex:FlaggedComponent a sh:ConstraintComponent ;
    sh:parameter [ sh:path ex:flag ] ;
    sh:propertyValidator [ a sh:SPARQLSelectValidator ; sh:prefixes ex:prefixes ;
        sh:select """SELECT $this WHERE { $this ex:state $flag . }""" ] .

ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property ex:a-count , ex:b-count , ex:a-class , ex:b-kind , ex:a-listed , ex:b-listed ,
        ex:a-flagged , ex:b-flagged .
ex:a-count a sh:PropertyShape ; sh:path ex:a ; sh:minCount 1 ; sh:maxCount 1 ; sh:message "one a" .
ex:b-count a sh:PropertyShape ; sh:path ex:b ; sh:maxCount 2 ; sh:message "two b at most" .
ex:a-class a sh:PropertyShape ; sh:path ex:a ; sh:class ex:Kind ; sh:message "a of a kind" .
ex:b-kind a sh:PropertyShape ; sh:path ex:b ; sh:nodeKind sh:IRI ; sh:message "b is an IRI" .
ex:a-listed a sh:PropertyShape ; sh:path ex:a ; ex:list ex:listA ; sh:message "a not listed" .
ex:b-listed a sh:PropertyShape ; sh:path ex:b ; ex:list ex:listB ; sh:message "b not listed" .
ex:a-flagged a sh:PropertyShape ; sh:path ex:a ; ex:flag "broken" ; sh:message "a broken" .
ex:b-flagged a sh:PropertyShape ; sh:path ex:b ; ex:flag "stale" ; sh:message "b stale" .
'''

RESEARCH_DATA = r"""
@prefix ex: <http://example.org/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://example.org/g1> {
  ex:SubKind rdfs:subClassOf ex:Kind .
  ex:listA ex:has ex:k1 . ex:listB ex:has ex:v1 , ex:v2 .
  ex:k1 a ex:SubKind . ex:k2 a ex:Other .
  ex:t1 a ex:Thing ; ex:a ex:k1 ; ex:b ex:v1 , ex:v2 , ex:v3 ; ex:state "broken" .
  ex:t2 a ex:Thing ; ex:a ex:k1 , ex:k2 ; ex:b "literal" ; ex:state "stale" .
  ex:t3 a ex:Thing ; ex:b ex:v1 .
}
<http://example.org/g2> {
  ex:t1 ex:a ex:k1 ; ex:b ex:v3 .
  ex:t2 ex:a ex:k2 .
}
"""


def test_shared_queries_equal_own_queries_with_researchers_shapes() -> None:
    compiled = compile_shapes(Graph().parse(data=RESEARCH_SHAPES, format="turtle"))
    assert not compiled.delegated
    store = ox.Store()
    store.load(RESEARCH_DATA.encode(), format=ox.RdfFormat.TRIG)
    runner = GateRunner(compiled)
    every = {shape.node for shape, _plans in compiled.plans}
    groups = runner.groups(every, None)
    # each component's validator on its two paths in one query
    assert sorted(len(members) for kind, members in groups if kind == "custom") == [2, 2]
    assert {kind for kind, members in groups if len(members) == 2} == {"custom", "counts", "values"}
    expected = full(run_compiled(store, compiled))
    assert full(runner.run(store, every, None, {})) == expected
    components = {raw.component.rsplit("#", 1)[-1] for _shape, raw in expected}
    assert {"ListedComponent", "FlaggedComponent", "MinCountConstraintComponent"} <= components
    assert {"MaxCountConstraintComponent", "ClassConstraintComponent"} <= components


# --- plans vouched for --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vouch() -> tuple[Vouch, dict]:
    compiled = project_shapes()
    sensitive = incoming_sensitive(compiled)
    shapes = [shape for shape, _plans in compiled.plans]
    plans = {shape.id.removeprefix(SHAPES): (shape, plans) for shape, plans in compiled.plans}
    return Vouch(shapes, target_index(compiled), sensitive), plans


def facts_of(vouch: Vouch, trig: str) -> tuple[Facts, set[ox.Term]]:
    """What the gate notes about a batch (its triples, the well-known graphs), its subjects."""
    store = ox.Store()
    add_background(store)
    ontology_quads = list(store.quads_for_pattern(None, None, None, ONTOLOGY))
    by_subject: dict[ox.Term, list[ox.Quad]] = {}
    for quad in ontology_quads:
        by_subject.setdefault(quad.subject, []).append(quad)
    schema = ox.Store()
    schema.extend(ontology_quads)
    facts = Facts(vouch.wanted, superclasses(schema), by_subject)
    background = [q for q in store if q.graph_name != ONTOLOGY]
    batch = list(ox.parse((PREFIXES + trig).encode(), ox.RdfFormat.TRIG))
    graph = batch[0].graph_name.value
    store.extend(batch)
    nodes = batch_nodes(store, [graph], Reader(set(), set(), []), facts)
    facts.add_quads(background)
    return facts, nodes.subjects


def decide(vouch: tuple[Vouch, dict], trig: str, shape_id: str, kind: str) -> bool:
    checker, plans = vouch
    facts, subjects = facts_of(checker, trig)
    shape, shape_plans = plans[shape_id]
    plan = next(p for p in shape_plans if p.kind == kind)
    return checker.finds_nothing(shape, plan, facts, subjects)


def test_count_plans_are_vouched_for_only_when_every_focus_subject_is_in_bounds(vouch) -> None:
    assert decide(vouch, article("fine")[1], "Policy-status", "counts")
    assert not decide(vouch, article("none", status="")[1], "Policy-status", "counts")
    two = article("two", status="status:InForce , status:Announced")[1]
    assert not decide(vouch, two, "Policy-status", "counts")
    # the vocabulary's latitude of Hyesan and a second one the batch states
    lat = article("lat", "place:hyesan wgs:lat 42.5 .")[1]
    assert not decide(vouch, lat, "Location-lat", "counts")
    assert decide(vouch, article("nolat")[1], "Location-lat", "counts")


def test_class_plans_are_vouched_for_only_when_every_value_is_an_instance(vouch) -> None:
    assert decide(vouch, article("fine")[1], "Claim-attributedTo-class", "values")
    to_place = article(
        "to-place", f"<{ARTICLE}to-place#claim-1> prov:wasAttributedTo place:hyesan ."
    )
    assert not decide(vouch, to_place[1], "Claim-attributedTo-class", "values")
    literal = article("literal", f'<{ARTICLE}literal#claim-1> prov:wasAttributedTo "someone" .')
    assert not decide(vouch, literal[1], "Claim-attributedTo-class", "values")


def test_value_plans_are_vouched_for_by_their_exact_tests_on_few_values(vouch) -> None:
    # a node shape (the IRI form of a source), a datatype check, a pattern check
    assert decide(vouch, article("fine")[1], "AnonymousSourceIriShape", "values")
    outside = article(
        "outside",
        '<https://example.org/a-source> a bkg:AnonymousSource ; rdfs:label "a source"@en .',
    )
    assert not decide(vouch, outside[1], "AnonymousSourceIriShape", "values")
    assert decide(vouch, article("fine")[1], "Article-identifier-datatype", "values")
    typed = article("typed", f'<{ARTICLE}typed> dcterms:identifier "7"^^xsd:token .')
    assert not decide(vouch, typed[1], "Article-identifier-datatype", "values")
    # more values than are tested in Python: the plan runs, valid or not
    many = " ".join(
        f'<{ARTICLE}many#source-{i}> a bkg:AnonymousSource ; rdfs:label "source {i}"@en .'
        for i in range(VALUE_TESTS + 1)
    )
    assert decide(vouch, article("few")[1], "AnonymousSourceIriShape", "values")
    assert not decide(vouch, article("many", many)[1], "AnonymousSourceIriShape", "values")
    # plain string anchors pass sh:datatype xsd:string without a Python test: no budget
    anchors = " ".join(
        f'<{ARTICLE}many#char={i},{i + 1}> a bkg:EvidenceSpan ; nif:anchorOf "{TEXT[i]}" .'
        for i in range(VALUE_TESTS + 1)
    )
    assert decide(vouch, article("many", anchors)[1], "EvidenceSpan-anchor-datatype", "values")


def test_plans_of_shapes_reading_links_to_their_focus_nodes_are_never_vouched_for(vouch) -> None:
    # AnonymousSource-unlinked follows skos:exactMatch both ways: it is not decidable from the
    # source's own triples, even when the batch has no link at all.
    assert not decide(vouch, article("fine")[1], "AnonymousSource-unlinked", "counts")


# --- the neighbourhood read quad by quad --------------------------------------------------------


def test_neighbourhood_read_quad_by_quad_equals_the_one_read_with_queries(tmp_path: Path) -> None:
    from borderkg.validation import Gate

    hub_lines = "\n".join(
        f'<{GRAPH}h{i}> {{ place:hub-town a bkg:Settlement ; rdfs:label "Hub town"@en . }}'
        for i in range(HUB)
    )
    with GraphStore(tmp_path / "store") as store:
        store.replace_graph(ONTOLOGY_GRAPH, ontology.ontology_graph())
        store.replace_graph(SCHEMES_GRAPH, ontology.schemes_graph())
        store.replace_graph(VOCABULARY_GRAPH, ontology.vocabulary_graph())
        stored = PREFIXES + article("stored", "place:hub-town wgs:lat 41.0 .")[1] + hub_lines
        store.store.load(stored.encode(), format=ox.RdfFormat.TRIG)
        graph, trig = article(
            "new",
            'place:hub-town rdfs:label "Hub town"@en . '
            f"<{ARTICLE}new#claim-1> bkg:about <{ARTICLE}stored#policy-1> .",
        )
        batch = [(graph, list(ox.parse((PREFIXES + trig).encode(), ox.RdfFormat.TRIG)))]
        gate = Gate()
        gate.check(store, batch)  # copies the well-known graphs
        scratch = ox.Store()
        for item in normalise(batch).values():
            item.load(scratch)
        nodes = batch_nodes(scratch, [graph], gate.reader)
        fetched, hubs = {}, {}
        stored_graph = ox.NamedNode(GRAPH + "stored")
        for limit in (0, 1, 100):  # by queries, one read in the lookup pass, all
            for left_out in ([], [stored_graph]):  # a batch replacing "stored" leaves it out
                gate.reader.hubs = set()
                gate.reader.read_one_by_one = limit
                skip = {ox.NamedNode(graph), *left_out}
                fetched[limit, bool(left_out)] = set(gate.reader.fetch(store.store, nodes, skip))
                hubs[limit] = gate.reader.hubs
    assert fetched[0, False] == fetched[1, False] == fetched[100, False]
    assert fetched[0, True] == fetched[1, True] == fetched[100, True]
    assert (
        hubs[0]
        == hubs[1]
        == hubs[100]
        == {ox.NamedNode("https://w3id.org/borderkg/id/place/hub-town")}
    )
    policy = ox.NamedNode(f"{ARTICLE}stored#policy-1")
    assert any(q.subject == policy for q in fetched[0, False])
    assert not any(q.graph_name == stored_graph for q in fetched[0, True])


def test_nodes_found_undescribed_are_read_again_once_a_write_describes_them(
    tmp_path: Path,
) -> None:
    """The reader remembers well-known nodes that no article graph describes (scheme
    concepts, mostly) so as not to ask again; a batch that describes one makes it asked again,
    and a write the gate did not check is seen after ``Gate.refresh``, as documented."""
    from borderkg.validation import Gate

    concept = ox.NamedNode("https://w3id.org/borderkg/scheme/measure-type/BorderClosure")
    status = ox.NamedNode("https://w3id.org/borderkg/scheme/policy-status/InForce")
    typed = "a <http://www.w3.org/2004/02/skos/core#Concept>"

    def batch(aid: str, extra: str = "") -> list:
        graph, trig = article(aid, extra)
        return [(graph, list(ox.parse((PREFIXES + trig).encode(), ox.RdfFormat.TRIG)))]

    def fetched(gate, store: GraphStore, aid: str) -> set[tuple[ox.Term, str]]:
        items = batch(aid)
        scratch = ox.Store()
        for item in normalise(items).values():
            item.load(scratch)
        nodes = batch_nodes(scratch, [items[0][0]], gate.reader)
        quads = gate.reader.fetch(store.store, nodes, {ox.NamedNode(items[0][0])})
        return {
            (q.subject, q.graph_name.value)
            for q in quads
            if q.subject in (concept, status) and q.graph_name.value.startswith(GRAPH)
        }

    with GraphStore(tmp_path / "store") as store:
        store.replace_graph(ONTOLOGY_GRAPH, ontology.ontology_graph())
        store.replace_graph(SCHEMES_GRAPH, ontology.schemes_graph())
        store.replace_graph(VOCABULARY_GRAPH, ontology.vocabulary_graph())
        gate = Gate()
        gate.check(store, batch("a"))  # both concepts found undescribed and remembered
        assert fetched(gate, store, "b") == set()
        described = batch("c", f"measure:BorderClosure {typed} .")
        assert all(r.conforms for r in gate.check(store, described).values())
        store.store.extend(described[0][1])  # written after its check
        assert fetched(gate, store, "d") == {(concept, GRAPH + "c")}
        bypass = batch("e", f"status:InForce {typed} .")
        store.store.extend(bypass[0][1])  # written without the gate
        assert (status, GRAPH + "e") not in fetched(gate, store, "f")
        gate.refresh(store)
        assert (status, GRAPH + "e") in fetched(gate, store, "g")

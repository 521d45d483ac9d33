"""The gate's fast paths give the results of full validation: batches, text, hubs, rejections.

Every test builds a GraphStore in tmp_path with the shipped well-known graphs and hand-written
article graphs (invented text), asks the gate about a batch, and compares what it reports with
a full validation of the store the accepted graphs would produce, restricted to their nodes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from test_gate import with_well_known

from borderkg.ontology.namespaces import PLACE
from borderkg.store import GraphStore
from borderkg.storetypes import NTriples
from borderkg.validation import Gate, validate
from borderkg.validation.engine_sparql import compile_shapes
from borderkg.validation.gatenodes import HUB
from borderkg.validation.shapeindex import inverse_everywhere

ARTICLE = "https://w3id.org/borderkg/article/"
GRAPH = "https://w3id.org/borderkg/graph/article/"
SHAPES = "https://w3id.org/borderkg/shapes#"
TEXT = "A trader in Sinuiju said that customs officers now inspect every truck twice."
PREFIXES = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix place: <https://w3id.org/borderkg/id/place/> .
@prefix measure: <https://w3id.org/borderkg/scheme/measure-type/> .
@prefix status: <https://w3id.org/borderkg/scheme/policy-status/> .
"""


def quads(graph: str, body: str) -> list[ox.Quad]:
    """The quads of a Turtle ``body`` in ``graph``."""
    return list(ox.parse((PREFIXES + f"<{graph}> {{ {body} }}").encode(), ox.RdfFormat.TRIG))


def article(
    aid: str, *, place: str = "place:sinuiju", extra: str = "", headline: bool = True
) -> tuple[str, list]:
    """A valid article graph: the article, its text, one span and a policy at ``place``."""
    me = f"<{ARTICLE}{aid}>"
    anchor = "customs officers now inspect every truck twice"
    begin = TEXT.index(anchor)
    span = f"<{ARTICLE}{aid}#char={begin},{begin + len(anchor)}>"
    body = f"""
        {me} a bkg:Article ; dcterms:identifier "{aid}" ; bkg:text <{ARTICLE}{aid}#text> ;
            {f'schema:headline "Customs checks ({aid})" ;' if headline else ""}
            schema:datePublished "2024-03-01"^^xsd:date .
        <{ARTICLE}{aid}#text> a nif:Context ; nif:isString "{TEXT}" .
        {span} a bkg:EvidenceSpan ; nif:referenceContext <{ARTICLE}{aid}#text> ;
            nif:beginIndex "{begin}"^^xsd:nonNegativeInteger ;
            nif:endIndex "{begin + len(anchor)}"^^xsd:nonNegativeInteger ; nif:anchorOf "{anchor}" .
        <{ARTICLE}{aid}#policy-1> a bkg:Policy ; bkg:measureType measure:BorderClosure ;
            bkg:status status:InForce ; sem:hasPlace {place} ; bkg:evidence {span} .
        {extra}
    """
    return GRAPH + aid, quads(GRAPH + aid, body)


def text_of(items: list[ox.Quad]) -> NTriples:
    return NTriples("".join(f"{q.triple} .\n" for q in items))


@pytest.fixture
def store(tmp_path: Path) -> GraphStore:
    """A store with the shipped well-known graphs and one valid article."""
    with GraphStore(tmp_path / "store") as opened:
        with_well_known(opened)
        opened.write_articles([(g, q, "c" * 64) for g, q in [article("stored")]])
        yield opened


@pytest.fixture(scope="module")
def gate() -> Gate:
    return Gate()


def expected(store: GraphStore, accepted: list[tuple[str, list[ox.Quad]]]) -> set[tuple]:
    """What full validation finds on the accepted graphs' nodes with them and not without."""
    replaced = {ox.NamedNode(g) for g, _q in accepted}
    without = ox.Store()
    without.extend(q for q in store.store if q.graph_name not in replaced)
    with_them = ox.Store()
    with_them.extend(without)
    for _g, items in accepted:
        with_them.extend(items)
    nodes = {str(t) for _g, items in accepted for q in items for t in (q.subject, q.object)}
    before = {r.core() for r in validate(without).results if r.focus_node in nodes}
    after = {r.core() for r in validate(with_them).results if r.focus_node in nodes}
    return after - before


def found(reports: dict, graphs: list[str]) -> set[tuple]:
    return {r.core() for g in graphs for r in reports[g].results}


def test_text_with_blank_nodes_is_judged_and_charged_to_its_graph(
    store: GraphStore, gate: Gate
) -> None:
    # a span as a blank node, without its anchor: a Violation on the blank node
    graph, items = article(
        "blank",
        extra=f"[] a bkg:EvidenceSpan ; nif:referenceContext <{ARTICLE}blank#text> ; "
        'nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "7"^^xsd:nonNegativeInteger .',
    )
    report = gate.check(store, [(graph, text_of(items), "d" * 64)])[graph]
    assert not report.conforms
    missing = [r for r in report.violations if r.source_shape == SHAPES + "EvidenceSpan-anchor"]
    assert len(missing) == 1
    assert missing[0].focus_node.startswith("_:")
    assert missing[0].graph == graph


def test_empty_batch_gets_no_reports(store: GraphStore, gate: Gate) -> None:
    assert gate.check(store, []) == {}


def test_text_stating_another_content_hash_is_refused(store: GraphStore, gate: Gate) -> None:
    graph, items = article("hashed", extra=f'<{ARTICLE}hashed> bkg:contentHash "{"e" * 64}" .')
    with pytest.raises(ValueError, match="contentHash"):
        gate.check(store, [(graph, text_of(items), "f" * 64)])


def test_batch_of_text_articles_equals_full_validation(store: GraphStore, gate: Gate) -> None:
    town = 'place:new-town a bkg:Settlement ; rdfs:label "New Town"@en .'
    batch = [
        article("b1", place="place:new-town", extra=town),
        article("b2", place="place:new-town", extra=town),  # the same found place, twice
        article("b3", headline=False),
        article("b4", extra="place:hyesan <http://www.w3.org/2003/01/geo/wgs84_pos#lat> 95.5 ."),
    ]
    reports = gate.check(store, [(g, text_of(q), "a" * 64) for g, q in batch])
    assert {g.removeprefix(GRAPH): r.conforms for g, r in reports.items()} == {
        "b1": True,
        "b2": True,
        "b3": True,  # no headline is a Warning
        "b4": False,
    }
    accepted = [(g, q) for g, q in batch if reports[g].conforms]
    assert found(reports, [g for g, _q in accepted]) == expected(store, accepted)
    assert found(reports, [g for g, _q in accepted])  # the Warning, at least


def test_rejected_article_others_rely_on_takes_them_along(store: GraphStore, gate: Gate) -> None:
    # r1 declares the place and has a bad span; r2 only points to the place: once r1 is out,
    # r2's policy points to something that is not a location.
    declared = (
        'place:only-here a bkg:Settlement ; rdfs:label "Only Here"@en . '
        f"<{ARTICLE}r1#char=0,7> a bkg:EvidenceSpan ; nif:referenceContext <{ARTICLE}r1#text> ; "
        'nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "7"^^xsd:nonNegativeInteger ; '
        'nif:anchorOf "Nothing" .'
    )
    first = article("r1", place="place:only-here", extra=declared)
    second = article("r2", place="place:only-here")
    reports = gate.check(store, [first, second])
    assert not reports[first[0]].conforms
    assert not reports[second[0]].conforms
    assert {r.source_shape for r in reports[second[0]].violations} == {SHAPES + "Policy-place"}
    alone = gate.check(store, [second])[second[0]]
    assert {r.core() for r in alone.results} == found(reports, [second[0]])


def test_rejected_article_others_do_not_rely_on_leaves_their_results(
    store: GraphStore, gate: Gate
) -> None:
    bad = article(
        "solo-bad",
        extra=f"<{ARTICLE}solo-bad#char=0,7> a bkg:EvidenceSpan ; "
        f"nif:referenceContext <{ARTICLE}solo-bad#text> ; "
        'nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "7"^^xsd:nonNegativeInteger ; '
        'nif:anchorOf "Nothing" .',
    )
    warned = article("solo-warned", headline=False)
    good = article("solo-good")
    reports = gate.check(store, [(g, text_of(q), "b" * 64) for g, q in (bad, warned, good)])
    assert [reports[g].conforms for g, _q in (bad, warned, good)] == [False, True, True]
    accepted = [warned, good]
    assert found(reports, [g for g, _q in accepted]) == expected(store, accepted)
    assert reports[good[0]].results == []


@pytest.fixture
def hub_store(store: GraphStore) -> GraphStore:
    """The store plus enough articles naming one found place to make it a hub."""
    level = 'place:hubtown a bkg:Settlement ; rdfs:label "Hubtown"@en ; bkg:adminLevel 3 .'
    store.write_articles(
        [(g, q, "c" * 64) for g, q in (article(f"hub-{n}", extra=level) for n in range(HUB + 4))]
    )
    return store


def test_hub_node_gets_the_results_full_validation_gives(hub_store: GraphStore, gate: Gate) -> None:
    second_level = 'place:hubtown a bkg:Settlement ; rdfs:label "Hubtown"@en ; bkg:adminLevel 2 .'
    batch = [article("hub-new", extra=second_level)]
    for _round in range(2):  # found on the first check, read as a hub on the second
        reports = gate.check(hub_store, batch)
        graph = batch[0][0]
        assert found(reports, [graph]) == expected(hub_store, batch)
        assert {r.focus_node for r in reports[graph].violations} == {f"<{PLACE}hubtown>"}


def test_new_version_of_an_article_is_judged_without_its_hub_triples(
    hub_store: GraphStore, gate: Gate
) -> None:
    # hub-0 names a second level in the store; its new version drops it again
    odd = "place:hubtown bkg:adminLevel 1 ."
    hub_store.write_articles([(g, q, "c" * 64) for g, q in [article("hub-0", extra=odd)]])
    gate.check(hub_store, [article("warm-up")])
    fixed = article("hub-0", extra='place:hubtown a bkg:Settlement ; rdfs:label "Hubtown"@en .')
    reports = gate.check(hub_store, [fixed])
    assert reports[fixed[0]].conforms
    assert found(reports, [fixed[0]]) == expected(hub_store, [fixed])


def test_inverse_paths_on_other_nodes_than_whole_ones_are_read_everywhere() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:OnSources a sh:PropertyShape ; sh:targetClass ex:Source ;
            sh:path [ sh:inversePath ex:names ] ; sh:maxCount 0 .
        ex:OnAnything a sh:PropertyShape ; sh:targetSubjectsOf ex:label ;
            sh:path [ sh:inversePath ex:cites ] ; sh:maxCount 3 .
        ex:Deeper a sh:PropertyShape ; sh:targetClass ex:Source ;
            sh:path ( ex:about [ sh:inversePath ex:quotes ] ) ; sh:maxCount 2 .
        """,
        format="turtle",
    )
    compiled = compile_shapes(shapes)
    everywhere = inverse_everywhere(compiled, {"<http://example.org/Source>"})
    assert everywhere == {"http://example.org/cites", "http://example.org/quotes"}
    assert "http://example.org/names" in inverse_everywhere(compiled, set())


def test_gate_with_other_shapes_reads_the_whole_store(store: GraphStore) -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix bkg: <https://w3id.org/borderkg/ontology#> .
        @prefix schema: <https://schema.org/> .
        <urn:test:OneHeadline> a sh:NodeShape ; sh:targetClass bkg:Article ;
            sh:property [ sh:path schema:headline ; sh:maxCount 1 ;
                          sh:message "one headline" ] .
        """,
        format="turtle",
    )
    graph, items = article("other", extra=f'<{ARTICLE}other> schema:headline "Twice" .')
    report = Gate(shapes).check(store, [(graph, text_of(items), "a" * 64)])[graph]
    assert not report.conforms
    assert [r.focus_node for r in report.violations] == [f"<{ARTICLE}other>"]

"""The load-time gate against a real on-disk store: cross-article rules enforced at the door.

Each test builds a GraphStore in tmp_path with the shipped ontology, schemes and vocabulary and
a few hand-written article graphs (invented text), then asks the gate about new ones. Beyond
the verdicts, the gate's results are compared with a full validation of the store the batch
would produce, restricted to the batch's nodes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg import ontology
from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH, VOCABULARY_GRAPH
from borderkg.store import GraphStore
from borderkg.validation import Gate, validate

ARTICLE = "https://w3id.org/borderkg/article/"
GRAPH = "https://w3id.org/borderkg/graph/article/"
SHAPES = "https://w3id.org/borderkg/shapes#"
TEXT = "A source in Ryanggang Province said that guards were ordered to shoot at anyone crossing."
PREFIXES = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix place: <https://w3id.org/borderkg/id/place/> .
@prefix measure: <https://w3id.org/borderkg/scheme/measure-type/> .
@prefix status: <https://w3id.org/borderkg/scheme/policy-status/> .
@prefix sourcetype: <https://w3id.org/borderkg/scheme/source-type/> .
"""


def span(aid: str, anchor: str) -> tuple[str, str]:
    """(IRI, Turtle) of an evidence span over ``anchor`` in TEXT."""
    begin = TEXT.index(anchor)
    end = begin + len(anchor)
    iri = f"<{ARTICLE}{aid}#char={begin},{end}>"
    return iri, (
        f"{iri} a bkg:EvidenceSpan ; nif:referenceContext <{ARTICLE}{aid}#text> ; "
        f'nif:beginIndex "{begin}"^^xsd:nonNegativeInteger ; '
        f'nif:endIndex "{end}"^^xsd:nonNegativeInteger ; nif:anchorOf "{anchor}" .'
    )


def article(
    aid: str,
    *,
    url: str | None = None,
    headline: bool = True,
    source: str | None = None,
    extra: str = "",
) -> tuple[str, list[ox.Quad]]:
    """A valid article graph (policy, anonymous source, claim); ``source`` reuses a source IRI."""
    source_span, source_ttl = span(aid, "A source in Ryanggang Province")
    claim_span, claim_ttl = span(aid, "guards were ordered to shoot at anyone crossing")
    me = f"<{ARTICLE}{aid}>"
    attributed = source or f"<{ARTICLE}{aid}#source-1>"
    body = f"""
        {me} a bkg:Article ; dcterms:identifier "{aid}" ; bkg:text <{ARTICLE}{aid}#text> ;
            schema:datePublished "2024-05-02"^^xsd:date
            {f'; schema:headline "Guards ordered to shoot ({aid})"' if headline else ""}
            {f'; schema:url "{url}"^^xsd:anyURI' if url else ""} .
        <{ARTICLE}{aid}#text> a nif:Context ; nif:isString "{TEXT}" .
        {source_ttl}
        {claim_ttl}
        <{ARTICLE}{aid}#source-1> a bkg:AnonymousSource ; rdfs:label "source in Ryanggang Province"@en ;
            bkg:sourceType sourcetype:SourceInNorthKorea ; bkg:claimedLocation place:ryanggang ;
            bkg:evidence {source_span} .
        <{ARTICLE}{aid}#claim-1> a bkg:Claim ; prov:wasAttributedTo {attributed} ;
            prov:wasDerivedFrom {me} ; bkg:evidence {claim_span} .
        <{ARTICLE}{aid}#policy-1> a bkg:Policy ; bkg:measureType measure:ShootToKillOrder ;
            bkg:status status:InForce ; sem:hasPlace place:ryanggang ; bkg:evidence {claim_span} .
        {extra}
    """
    text = PREFIXES + "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n"
    text += f"<{GRAPH}{aid}> {{ {body} }}"
    quads = list(ox.parse(text.encode(), ox.RdfFormat.TRIG))
    return GRAPH + aid, quads


def with_well_known(opened: GraphStore) -> GraphStore:
    """The shipped ontology, concept schemes and vocabulary put in their graphs of a store."""
    opened.replace_graph(ONTOLOGY_GRAPH, ontology.ontology_graph())
    opened.replace_graph(SCHEMES_GRAPH, ontology.schemes_graph())
    opened.replace_graph(VOCABULARY_GRAPH, ontology.vocabulary_graph())
    return opened


@pytest.fixture
def store(tmp_path: Path) -> GraphStore:
    """A store with the shipped well-known graphs and two valid articles."""
    with GraphStore(tmp_path / "store") as opened:
        with_well_known(opened)
        opened.write_articles(
            [
                (g, q, "a" * 64)
                for g, q in (article("old-a", url="https://example.org/a"), article("old-b"))
            ]
        )
        yield opened


@pytest.fixture(scope="module")
def gate() -> Gate:
    return Gate()


def shapes_of(report) -> set[str]:
    return {r.source_shape.removeprefix(SHAPES) for r in report.results}


def full_run_results(store: GraphStore, batch: list[tuple[str, list[ox.Quad]]]) -> set[tuple]:
    """Results a full validation finds on the batch's nodes with the batch and not without it.

    Both runs are over in-memory copies of the store without the graphs the batch replaces.
    """
    replaced = {ox.NamedNode(g) for g, _q in batch}
    without = ox.Store()
    without.extend(q for q in store.store if q.graph_name not in replaced)
    with_batch = ox.Store()
    with_batch.extend(without)
    for _g, quads in batch:
        with_batch.extend(quads)
    nodes = {str(t) for _g, quads in batch for q in quads for t in (q.subject, q.object)}
    before = {r.core() for r in validate(without).results if r.focus_node in nodes}
    after = {r.core() for r in validate(with_batch).results if r.focus_node in nodes}
    return after - before


def test_valid_new_article_passes_without_results(store: GraphStore, gate: Gate) -> None:
    graph, quads = article("new-1", url="https://example.org/new-1")
    reports = gate.check(store, [(graph, quads)])
    assert reports[graph].results == []
    assert reports[graph].conforms


def test_article_reusing_another_articles_anonymous_source_is_rejected(
    store: GraphStore, gate: Gate
) -> None:
    graph, quads = article("new-2", source=f"<{ARTICLE}old-a#source-1>")
    report = gate.check(store, [(graph, quads)])[graph]
    assert not report.conforms
    assert "AnonymousSourceGraphsShape" in shapes_of(report)
    offending = [r for r in report.violations if r.source_shape.endswith("GraphsShape")]
    assert offending[0].focus_node == f"<{ARTICLE}old-a#source-1>"


def test_entity_with_a_qid_already_on_another_entity_is_rejected(
    store: GraphStore, gate: Gate
) -> None:
    town = (
        'place:test-town a bkg:Settlement ; rdfs:label "Test Town"@en ; '
        "skos:exactMatch <https://sws.geonames.org/2043837/> ."  # Hyesan's GeoNames id
    )
    graph, quads = article("new-3", extra=town)
    report = gate.check(store, [(graph, quads)])[graph]
    assert not report.conforms
    unique = [r for r in report.violations if r.source_shape.endswith("ExternalIdentifier-unique")]
    assert [r.focus_node for r in unique] == ["<https://w3id.org/borderkg/id/place/test-town>"]
    assert unique[0].value == "<https://sws.geonames.org/2043837/>"


def test_same_url_on_two_articles_is_rejected(store: GraphStore, gate: Gate) -> None:
    graph, quads = article("new-4", url="https://example.org/a")
    report = gate.check(store, [(graph, quads)])[graph]
    assert not report.conforms
    assert shapes_of(report) == {"Article-url-unique"}
    assert report.violations[0].focus_node == f"<{ARTICLE}new-4>"


def test_url_given_as_iri_collides_with_the_same_url_as_literal(
    store: GraphStore, gate: Gate
) -> None:
    graph, quads = article("new-5", extra=f"<{ARTICLE}new-5> schema:url <https://example.org/a> .")
    report = gate.check(store, [(graph, quads)])[graph]
    assert shapes_of(report) == {"Article-url-unique"}


def test_reloading_the_same_article_passes(store: GraphStore, gate: Gate) -> None:
    graph, quads = article("old-a", url="https://example.org/a")
    report = gate.check(store, [(graph, quads, "a" * 64)])[graph]
    assert report.conforms
    assert report.results == []


def test_a_new_version_is_judged_without_its_old_version(store: GraphStore, gate: Gate) -> None:
    # The old version of old-a is in the store with the same URL and the same source IRI:
    # neither may count as a second article.
    graph, quads = article("old-a", url="https://example.org/a", headline=False)
    report = gate.check(store, [(graph, quads)])[graph]
    assert report.conforms
    assert shapes_of(report) == {"Article-headline"}


def test_warnings_only_article_passes_with_warnings(store: GraphStore, gate: Gate) -> None:
    graph, quads = article("new-6", headline=False)
    report = gate.check(store, [(graph, quads)])[graph]
    assert report.conforms
    assert [r.severity for r in report.results] == ["Warning"]
    assert report.warnings[0].source_shape == SHAPES + "Article-headline"
    assert report.warnings[0].graph == graph
    assert report.exit_code() == 0 and report.exit_code("warning") == 1


def test_batch_rejects_only_the_offending_articles(store: GraphStore, gate: Gate) -> None:
    good = article("batch-good")
    warned = article("batch-warned", headline=False)
    reused = article("batch-reused", source=f"<{ARTICLE}old-b#source-1>")
    bad_span = article(
        "batch-bad-span",
        extra=f'<{ARTICLE}batch-bad-span#char=0,30> nif:anchorOf "Another anchor entirely" .',
    )
    reports = gate.check(store, [good, warned, reused, bad_span])
    verdicts = {g.removeprefix(GRAPH): r.conforms for g, r in reports.items()}
    assert verdicts == {
        "batch-good": True,
        "batch-warned": True,
        "batch-reused": False,
        "batch-bad-span": False,
    }
    assert reports[good[0]].results == []
    assert shapes_of(reports[warned[0]]) == {"Article-headline"}
    assert "EvidenceSpan-anchor-matches-text" in shapes_of(reports[bad_span[0]])


def test_two_new_articles_sharing_a_source_reject_only_the_later(
    store: GraphStore, gate: Gate
) -> None:
    first = article("pair-first")
    second = article("pair-second", source=f"<{ARTICLE}pair-first#source-1>")
    reports = gate.check(store, [first, second])
    assert reports[first[0]].conforms
    assert not reports[second[0]].conforms
    assert "AnonymousSourceGraphsShape" in shapes_of(reports[second[0]])


def test_gate_writes_nothing_to_the_store(store: GraphStore, gate: Gate) -> None:
    before = len(store.store)
    graphs = set(store.article_graphs())
    gate.check(store, [article("ghost", source=f"<{ARTICLE}old-a#source-1>")])
    assert len(store.store) == before
    assert set(store.article_graphs()) == graphs


@pytest.mark.parametrize(
    "case",
    [
        "clean",
        "reused-source",
        "duplicate-qid",
        "duplicate-url",
        "bad-span",
        "lat",
        "replace",
        "second-lat",
        "no-status",
        "wrong-class",
        "out-of-scheme",
        "bad-offsets",
        "source-iri",
    ],
)
def test_gate_equals_full_validation_of_the_resulting_store(
    store: GraphStore, gate: Gate, case: str
) -> None:
    claim_span = span("eq", "guards were ordered to shoot at anyone crossing")[0]
    extras = {
        "duplicate-qid": 'place:qid-town a bkg:Settlement ; rdfs:label "Qid Town"@en ; '
        "skos:exactMatch <https://sws.geonames.org/2043837/> .",
        "bad-span": f'<{ARTICLE}eq#char=0,30> nif:anchorOf "not the text" .',
        "lat": "place:hyesan <http://www.w3.org/2003/01/geo/wgs84_pos#lat> 120.0 .",
        # counts and class checks decided from the subjects' triples in the batch and store
        "second-lat": "place:hyesan <http://www.w3.org/2003/01/geo/wgs84_pos#lat> 42.5 .",
        "no-status": f"<{ARTICLE}eq#policy-2> a bkg:Policy ; "
        f"bkg:measureType measure:ShootToKillOrder ; bkg:evidence {claim_span} .",
        "wrong-class": f"<{ARTICLE}eq#claim-1> prov:wasAttributedTo place:hyesan .",
        "out-of-scheme": f"<{ARTICLE}eq#policy-1> bkg:measureType measure:NoSuchMeasure ; "
        "bkg:status status:NoSuchStatus .",
        "bad-offsets": f'<{ARTICLE}eq#char=0,30> nif:referenceContext "a literal" ; '
        "nif:anchorOf 7 .",
        "source-iri": "<https://example.org/a-source> a bkg:AnonymousSource ; "
        'rdfs:label "a source"@en ; bkg:sourceType sourcetype:SourceInNorthKorea .',
    }
    aid = "old-a" if case == "replace" else "eq"
    graph, quads = article(
        aid,
        url="https://example.org/a" if case in ("duplicate-url", "replace") else None,
        source=f"<{ARTICLE}old-b#source-1>" if case == "reused-source" else None,
        extra=extras.get(case, ""),
    )
    gated = {r.core() for r in gate.check(store, [(graph, quads)])[graph].results}
    assert gated == full_run_results(store, [(graph, quads)])
    assert (case in ("clean", "replace")) == (gated == set())


def test_n_triples_text_is_judged_like_quads(store: GraphStore, gate: Gate) -> None:
    from borderkg.storetypes import NTriples

    graph, quads = article("as-text", source=f"<{ARTICLE}old-a#source-1>")
    text = NTriples("".join(f"{q.triple} .\n" for q in quads))
    from_text = gate.check(store, [(graph, text, "b" * 64)])[graph]
    from_quads = gate.check(store, [(graph, quads, "b" * 64)])[graph]
    assert not from_text.conforms
    assert set(from_text.results) == set(from_quads.results)

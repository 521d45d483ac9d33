"""The RDF of one article: its named graph, the entity context graph, serialisation."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from borderkg import __version__
from borderkg.loaders.extract import Extraction, Extractor, ExtractSettings
from borderkg.loaders.rdf import (
    FORMATS,
    article_quads,
    default_run_iri,
    entity_context_quads,
    serialize_extraction,
)
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import RUNS_GRAPH, sparql_prefixes
from borderkg.runs import run_quads

VOCABULARY = Path(__file__).parent / "fixtures" / "extract" / "vocabulary.ttl"
ARTICLE = "https://w3id.org/borderkg/article/dnk-1"
GRAPH = "https://w3id.org/borderkg/graph/article/dnk-1"
TEXT = (
    "Chinese border police installed thermal imaging cameras along the Yalu River near Dandong "
    "last month, a source in Ryanggang Province said.\n\n"
    "North Korean border guards shot a smuggler near Hyesan on Monday, the source added. "
    "Officials in Pochon County also built a 20 km fence."
)


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(VOCABULARY)


@pytest.fixture(scope="module")
def extractor(vocabulary: Graph) -> Extractor:
    return Extractor(vocabulary=vocabulary, settings=ExtractSettings(use_env=False))


def full_record(**overrides: object) -> ArticleRecord:
    fields: dict[str, object] = {
        "text": TEXT,
        "source": "text/dnk-1.txt",
        "id": "dnk-1",
        "url": "https://example.org/news/1",
        "title": "Cameras on the Yalu",
        "published": dt.date(2023, 10, 12),
        "keywords": ["border", "surveillance"],
        "caption": "A camera on a pole",
        "photo_credit": "Daily NK",
        "subheadings": ["Guards fire"],
        "translator": "Min-jae Kwon",
        "editor": "Claire Monahan",
        "publisher": "Daily NK",
    }
    fields.update(overrides)
    return ArticleRecord(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def loaded(
    extractor: Extractor, vocabulary: Graph, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ox.Store, Extraction, list[ox.Quad]]:
    record = full_record()
    extraction = extractor.extract(record)
    quads = article_quads(record, extraction)
    store = ox.Store(str(tmp_path_factory.mktemp("store")))
    store.extend(quads)
    store.extend(entity_context_quads(extraction, vocabulary))
    store.extend(run_quads())
    return store, extraction, quads


def rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(sparql_prefixes() + query, use_default_graph_as_union=True)
    return sorted(tuple(term.value for term in solution) for solution in result)


def test_the_graph_says_where_it_comes_from(loaded: tuple) -> None:
    store, _, quads = loaded
    assert {q.graph_name.value for q in quads} == {GRAPH}
    assert rows(
        store,
        f"SELECT ?a ?r WHERE {{ GRAPH <{GRAPH}> {{ <{GRAPH}> prov:wasDerivedFrom ?a ; prov:wasGeneratedBy ?r }} }}",
    ) == [(ARTICLE, default_run_iri())]
    assert rows(
        store,
        f"SELECT ?v WHERE {{ GRAPH <{RUNS_GRAPH}> {{ <{default_run_iri()}> a bkg:ExtractionRun ; bkg:loaderVersion ?v }} }}",
    ) == [(__version__,)]


def test_the_run_is_described_once_outside_the_article_graph(loaded: tuple) -> None:
    """Restated in every article graph, the run node gathered two quads per article that
    every write's SHACL check of the run had to read."""
    _, _, quads = loaded
    run = ox.NamedNode(default_run_iri())
    assert [q for q in quads if q.subject == run] == []
    assert {q.graph_name.value for q in run_quads()} == {str(RUNS_GRAPH)}


def test_article_metadata_is_written_as_read(loaded: tuple) -> None:
    store, _, _ = loaded
    assert rows(
        store,
        f"""SELECT ?p ?o WHERE {{ GRAPH <{GRAPH}> {{ <{ARTICLE}> ?p ?o
        FILTER(?p NOT IN (bkg:mentions, bkg:contentHash, rdf:type)) }} }}""",
    ) == sorted(
        [
            ("http://purl.org/dc/terms/identifier", "dnk-1"),
            ("https://schema.org/headline", "Cameras on the Yalu"),
            ("https://schema.org/datePublished", "2023-10-12"),
            # days since 1970-01-01, to compare with events' bkg:dayIndex in plain SPARQL
            ("https://w3id.org/borderkg/ontology#publishedDayIndex", "19642"),
            ("https://schema.org/url", "https://example.org/news/1"),
            ("https://schema.org/inLanguage", "en"),
            ("https://schema.org/keywords", "border"),
            ("https://schema.org/keywords", "surveillance"),
            ("https://w3id.org/borderkg/ontology#caption", "A camera on a pole"),
            ("https://w3id.org/borderkg/ontology#photoCredit", "Daily NK"),
            ("https://w3id.org/borderkg/ontology#subheading", "Guards fire"),
            ("https://schema.org/translator", "https://w3id.org/borderkg/id/actor/min-jae-kwon"),
            ("https://schema.org/editor", "https://w3id.org/borderkg/id/actor/claire-monahan"),
            ("https://schema.org/publisher", "https://w3id.org/borderkg/id/actor/daily-nk"),
            ("https://w3id.org/borderkg/ontology#sourceFile", "text/dnk-1.txt"),
            ("https://w3id.org/borderkg/ontology#text", ARTICLE + "#text"),
        ]
    )
    assert rows(
        store, "SELECT ?n WHERE { actor:min-jae-kwon a schema:Person ; schema:name ?n }"
    ) == [("Min-jae Kwon",)]
    assert rows(
        store,
        f"SELECT ?t WHERE {{ <{ARTICLE}#text> a nif:Context ; nif:isString ?t ; nif:sourceUrl <{ARTICLE}> }}",
    ) == [(TEXT,)]


def test_missing_metadata_is_recorded_not_invented(extractor: Extractor) -> None:
    record = ArticleRecord(
        text="Guards shot a smuggler near Hyesan last Thursday.", source="x.txt", id="x"
    )
    quads = article_quads(record, extractor.extract(record))
    store = ox.Store()
    store.extend(quads)
    assert rows(store, "SELECT ?m WHERE { ?a bkg:missingMetadata ?m }") == [
        ("datePublished",),
        ("headline",),
        ("url",),
    ]
    assert rows(
        store, "SELECT ?x ?p WHERE { ?e bkg:timeExpression ?x ; bkg:timePrecision ?p }"
    ) == [("last Thursday", "https://w3id.org/borderkg/scheme/time-precision/Unknown")]
    assert rows(store, "SELECT ?d WHERE { ?e sem:hasEarliestBeginTimeStamp ?d }") == []


def test_every_span_anchor_is_the_text_between_its_offsets(loaded: tuple) -> None:
    store, extraction, _ = loaded
    spans = rows(
        store,
        """SELECT ?s ?b ?e ?a WHERE { ?s a bkg:EvidenceSpan ; nif:beginIndex ?b ;
        nif:endIndex ?e ; nif:anchorOf ?a }""",
    )
    assert len(spans) > 10
    for iri, begin, end, anchor in spans:
        assert extraction.text[int(begin) : int(end)] == anchor
        assert iri == f"{ARTICLE}#char={begin},{end}"
    # SPARQL counts characters as code points too
    assert (
        rows(
            store,
            """SELECT ?s WHERE { ?s nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a ;
        nif:referenceContext/nif:isString ?t FILTER(SUBSTR(?t, ?b + 1, ?e - ?b) != ?a) }""",
        )
        == []
    )


def test_spans_point_to_their_sentence_and_mentions_to_entities(loaded: tuple) -> None:
    store, _, _ = loaded
    assert rows(
        store,
        """SELECT ?a ?sentence WHERE { ?m itsrdf:taIdentRef place:dandong ; nif:anchorOf ?a ;
        bkg:sentence/nif:anchorOf ?sentence . ?m bkg:sentence/a nif:Sentence }""",
    ) == [("Dandong", TEXT.split("\n\n")[0])]
    assert rows(
        store,
        f"SELECT ?e WHERE {{ <{ARTICLE}> bkg:mentions ?e FILTER(STRSTARTS(STR(?e), STR(place:))) }}",
    ) == [
        ("https://w3id.org/borderkg/id/place/dandong",),
        ("https://w3id.org/borderkg/id/place/hyesan",),
        ("https://w3id.org/borderkg/id/place/pochon-county",),
        ("https://w3id.org/borderkg/id/place/ryanggang",),
        ("https://w3id.org/borderkg/id/place/yalu-river",),
    ]


def test_a_policy_has_its_type_status_actors_place_and_dates(loaded: tuple) -> None:
    store, _, _ = loaded
    policy = ARTICLE + "#policy-1"
    assert rows(
        store, f"SELECT ?p ?o WHERE {{ <{policy}> ?p ?o FILTER(?p != bkg:evidence) }}"
    ) == sorted(
        [
            (
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                "https://w3id.org/borderkg/ontology#Policy",
            ),
            (
                "https://w3id.org/borderkg/ontology#measureType",
                "https://w3id.org/borderkg/scheme/measure-type/CCTVInstallation",
            ),
            (
                "https://w3id.org/borderkg/ontology#status",
                "https://w3id.org/borderkg/scheme/policy-status/CarriedOut",
            ),
            (
                "https://w3id.org/borderkg/ontology#implementedBy",
                "https://w3id.org/borderkg/id/actor/chinese-border-police",
            ),
            (
                "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace",
                "https://w3id.org/borderkg/id/place/yalu-river",
            ),
            (
                "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace",
                "https://w3id.org/borderkg/id/place/dandong",
            ),
            (
                "https://w3id.org/borderkg/ontology#locationPrecision",
                "https://w3id.org/borderkg/scheme/location-precision/Settlement",
            ),
            ("https://w3id.org/borderkg/ontology#timeExpression", "last month"),
            (
                "https://w3id.org/borderkg/ontology#timePrecision",
                "https://w3id.org/borderkg/scheme/time-precision/Month",
            ),
            ("http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp", "2023-09-01"),
            ("http://semanticweb.cs.vu.nl/2009/11/sem/hasLatestEndTimeStamp", "2023-09-30"),
            # carried out: a one-off act, dated by when it happened, never "in force"
            ("https://w3id.org/borderkg/ontology#dayIndex", "19601"),
        ]
    )
    assert rows(store, f"SELECT ?a WHERE {{ <{policy}> bkg:evidence/nif:anchorOf ?a }}") == [
        ("installed thermal imaging cameras",)
    ]


def test_an_event_report_has_roles_and_the_reporting_lag(loaded: tuple) -> None:
    store, _, _ = loaded
    assert rows(
        store,
        """SELECT ?type ?auth ?aff ?lag WHERE { ?e a bkg:EventReport ; sem:eventType ?type ;
        bkg:authority ?auth ; bkg:affected ?aff ; bkg:reportingLagDays ?lag }""",
    ) == [
        (
            "https://w3id.org/borderkg/scheme/event-type/ShootingIncident",
            "https://w3id.org/borderkg/id/actor/dprk-border-guard",
            "https://w3id.org/borderkg/id/actor/smugglers",
            "3",
        )
    ]


def test_sources_claims_and_quantities_are_typed_nodes(loaded: tuple) -> None:
    store, _, _ = loaded
    assert rows(
        store,
        """SELECT ?s ?type ?loc ?label WHERE { ?s a bkg:AnonymousSource ; bkg:sourceType ?type ;
        bkg:claimedLocation ?loc ; rdfs:label ?label }""",
    ) == [
        (
            ARTICLE + "#source-1",
            "https://w3id.org/borderkg/scheme/source-type/SourceInNorthKorea",
            "https://w3id.org/borderkg/id/place/ryanggang",
            "a source in Ryanggang Province",
        )
    ]
    assert rows(
        store,
        """SELECT ?c ?who ?what WHERE { ?c a bkg:Claim ; prov:wasAttributedTo ?who ;
        prov:wasDerivedFrom ?what ; bkg:certainty certainty:Reported }""",
    ) == [
        (ARTICLE + "#claim-1", ARTICLE + "#source-1", ARTICLE),
        (ARTICLE + "#claim-2", ARTICLE + "#source-1", ARTICLE),
    ]
    assert rows(
        store,
        """SELECT ?q ?v ?u ?qual WHERE { ?p bkg:quantity ?q . ?q a schema:QuantitativeValue ;
        schema:value ?v ; schema:unitText ?u ; bkg:countQualifier ?qual }""",
    ) == [
        (ARTICLE + "#qty-1", "20", "km", "https://w3id.org/borderkg/scheme/count-qualifier/Exact")
    ]


def test_found_entities_are_typed_labelled_and_unreviewed(loaded: tuple) -> None:
    store, _, _ = loaded
    assert rows(
        store,
        f"""SELECT ?type ?label ?review WHERE {{ GRAPH <{GRAPH}> {{ place:pochon-county a ?type ;
        skos:prefLabel ?label ; bkg:reviewStatus ?review }} }}""",
    ) == [
        (
            "https://w3id.org/borderkg/ontology#AdministrativeArea",
            "Pochon County",
            "https://w3id.org/borderkg/scheme/review-status/Unreviewed",
        )
    ]
    # curated entities are described by the vocabulary, not the article graph
    assert rows(store, f"SELECT ?p WHERE {{ GRAPH <{GRAPH}> {{ place:dandong ?p ?o }} }}") == []


def test_entity_context_has_types_labels_and_external_links(loaded: tuple) -> None:
    store, _, _ = loaded
    vocab = "https://w3id.org/borderkg/graph/vocabulary"
    assert rows(
        store, f"SELECT ?m WHERE {{ GRAPH <{vocab}> {{ place:hyesan skos:exactMatch ?m }} }}"
    ) == [("http://www.wikidata.org/entity/Q489829",)]
    assert rows(
        store,
        f"SELECT ?l WHERE {{ GRAPH <{vocab}> {{ place:ryanggang skos:prefLabel ?l FILTER(LANG(?l) = 'en') }} }}",
    ) == [("Ryanggang",)]
    # the country a mentioned place lies in gets its type and label too
    assert rows(store, f"SELECT ?t WHERE {{ GRAPH <{vocab}> {{ place:north-korea a ?t }} }}") == [
        ("https://w3id.org/borderkg/ontology#Country",)
    ]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_serialisations_parse_back_to_the_same_statements(
    loaded: tuple, fmt: str, vocabulary: Graph
) -> None:
    _, extraction, quads = loaded
    context = entity_context_quads(extraction, vocabulary)
    text = serialize_extraction(quads + context, fmt)
    parsed = list(ox.parse(io.BytesIO(text.encode("utf-8")), format=FORMATS[fmt]))
    if FORMATS[fmt].supports_datasets:
        assert set(parsed) == set(quads + context)
    else:
        assert {q.triple for q in parsed} == {q.triple for q in quads + context}


def test_an_unknown_format_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="unknown RDF format 'rdfxml'; choose one of nquads, trig"):
        serialize_extraction([], "rdfxml")


def test_reloading_an_article_yields_the_same_quads(extractor: Extractor) -> None:
    record = full_record()
    first = article_quads(record, extractor.extract(record))
    second = article_quads(record, extractor.extract(record))
    assert first == second


def test_an_unknown_publisher_is_an_unreviewed_media_organisation(extractor: Extractor) -> None:
    record = full_record(publisher="Border Weekly")
    store = ox.Store()
    store.extend(article_quads(record, extractor.extract(record)))
    assert rows(
        store,
        """SELECT ?type ?label ?kind ?review WHERE { ?a schema:publisher ?p .
        ?p a ?type ; skos:prefLabel ?label ; bkg:actorType ?kind ; bkg:reviewStatus ?review }""",
    ) == [
        (
            "https://w3id.org/borderkg/ontology#Organization",
            "Border Weekly",
            "https://w3id.org/borderkg/scheme/actor-type/Media",
            "https://w3id.org/borderkg/scheme/review-status/Unreviewed",
        )
    ]


def test_a_quotation_over_two_sentences_has_evidence_in_each(extractor: Extractor) -> None:
    text = (
        "\u201cThe guards came at night. They took everyone away,\u201d the source in Hyesan said."
    )
    record = ArticleRecord(text=text, source="q.txt", id="q")
    store = ox.Store()
    store.extend(article_quads(record, extractor.extract(record)))
    assert rows(
        store,
        """SELECT ?anchor ?sentence WHERE { ?q a bkg:Quotation ; bkg:evidence ?e .
        ?e nif:anchorOf ?anchor ; bkg:sentence/nif:anchorOf ?sentence }""",
    ) == [
        ("The guards came at night.", "\u201cThe guards came at night."),
        ("They took everyone away,", "They took everyone away,\u201d the source in Hyesan said."),
    ]
    assert rows(store, "SELECT ?t WHERE { ?q a bkg:Quotation ; schema:text ?t }") == [
        ("The guards came at night. They took everyone away,",)
    ]


def test_a_place_not_named_in_the_measures_sentence_is_marked_inferred(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese border police installed new cameras in Dandong last week.\n\n"
        "Traders say the river has been quiet since then.\n\n"
        "Border police have also put up floodlights in the city."
    )
    record = ArticleRecord(text=text, source="t.txt", id="t", published=dt.date(2024, 6, 1))
    store = ox.Store()
    store.extend(article_quads(record, extractor.extract(record)))
    found = rows(
        store,
        """SELECT ?words ?inferred WHERE {
             ?p a bkg:Policy ; bkg:evidence/nif:anchorOf ?words ; sem:hasPlace ?place .
             OPTIONAL { ?p bkg:placeInferred ?flag }
             BIND(BOUND(?flag) AS ?inferred) }""",
    )
    assert {inferred for words, inferred in found if "cameras" in words} == {"false"}
    assert {inferred for words, inferred in found if "floodlights" in words} == {"true"}

"""The fast RDF path (N-Triples text, native loads) writes exactly the RDF of the reference.

The reference digest below was computed with the term-object implementation of
``article_quads`` that the text-based one replaced (same fixture, same run IRI), so a
change in what an article becomes shows up here, not only a change in speed. It was moved
once, on purpose: the run's own triples (``a bkg:ExtractionRun``, ``bkg:loaderVersion``) left
the article graph for the runs graph; the old digest is the new quads plus that type triple.
It was moved a second time, on purpose, in session 30: a measure in force "until March" ends
its force on the last day of March (``bkg:inForceUntil 2023-03-31``, the latest date the
words name), where it was the first; with that one date set back, the quads give the
previous digest. And a third, the same session: a measure carried out (a one-off act) has
no ``bkg:inForceFrom`` any more, only the sem timestamps of when it happened; with that
one triple added back, the quads give the second digest. And a fourth, in session 34: a
lifted measure dated only by when it had applied "since" gets that date as its start
(``bkg:inForceFrom``), not as its end; with that one triple's property set back to
``bkg:inForceUntil``, the quads give the third digest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg.iris import article_graph_iri
from borderkg.loaders.extract import get_extractor
from borderkg.loaders.extract.model import (
    AnonymousSource,
    Claim,
    Entity,
    EventReport,
    Extraction,
    Mention,
    Policy,
    Quantity,
    Quotation,
    Span,
    TimeInfo,
)
from borderkg.loaders.rdf import article_ntriples, article_quads, article_text_and_hash
from borderkg.loaders.readers import ReadError, iter_records
from borderkg.loaders.record import ArticleRecord
from borderkg.loaders.samples import sample_paths
from borderkg.store import GraphStore, NTriples
from borderkg.storetypes import ArticleWriteError, text_update

RUN = "https://w3id.org/borderkg/run/test"
SCHEME = "https://w3id.org/borderkg/scheme/"
ID = "https://w3id.org/borderkg/id/"
ONT = "https://w3id.org/borderkg/ontology#"
#: Predicates whose values depend on other modules (version, record hashing): checked apart.
VOLATILE = (ONT + "loaderVersion", ONT + "contentHash")
#: SHA-256 of the sorted N-Quads of the fixture without VOLATILE predicates, and their count.
REFERENCE_DIGEST = "583c34c2cb5edfb860a65d08cd69cba598adad813a1711eb3118df8aee9237bc"
REFERENCE_COUNT = 234  # 235 from bkg:publishedDayIndex (session 11) to session 30
TEXT = (
    "Border guards in Hyesan began building a 20 km fence last month, a source said.\n\n"
    'The source said: "We cannot cross at night \\ any more." Prices rose by 12.5 percent.\r'
    "Trade through Dandong was lifted since March under the Reactionary Ideology Act."
)


def at(words: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``words`` in TEXT."""
    begin = -1
    for _ in range(nth + 1):
        begin = TEXT.index(words, begin + 1)
    return Span(begin, begin + len(words))


def fixture_record() -> ArticleRecord:
    return ArticleRecord(
        text=TEXT,
        source="text/fixture.txt",
        id="fixture-1",
        url="https://example.org/news/fixture?id=1",
        title='The "fence" at Hyesan',
        published=dt.date(2023, 10, 12),
        keywords=["border", "fence"],
        caption="A fence",
        photo_credit="Daily NK",
        subheadings=["Trade"],
        translator="Min-jae Kwon",
        editor="Claire Monahan",
        publisher="Daily NK",
    )


def fixture_extraction() -> Extraction:
    """An extraction that goes through every branch of the mapping."""
    first = Span(0, TEXT.index("\n"))
    second = Span(TEXT.index("The source"), TEXT.index("\r"))
    third = Span(TEXT.index("Trade"), len(TEXT))
    hyesan, dandong, guards = ID + "place/hyesan", ID + "place/dandong", ID + "actor/guards"
    act = ID + "legal/reactionary-ideology-act"
    month = SCHEME + "time-precision/Month"
    x = Extraction(article_id="fixture-1", text=TEXT, sentences=[third, first, second])
    x.mentions = [
        Mention(at("Border guards"), guards, 0, "vocabulary"),
        Mention(at("Hyesan"), hyesan, 0, "vocabulary"),
        Mention(at("Dandong"), dandong, 2, "vocabulary"),
        Mention(at("Hyesan"), hyesan, 0, "vocabulary"),
    ]
    x.entities = {
        hyesan: Entity(hyesan, (ONT + "City",), "Hyesan", True),
        act: Entity(
            act,
            (ONT + "LegalInstrument",),
            'Reactionary "Ideology" Act',
            False,
            legal_type=SCHEME + "legal-type/Law",
        ),
        act + "/art_3": Entity(
            act + "/art_3",
            (ONT + "Provision",),
            "Article 3",
            False,
            part_of=act,
            number="3",
            subdivision=SCHEME + "legal-type/Article",
        ),
        ID + "place/x-county": Entity(
            ID + "place/x-county", (ONT + "AdministrativeArea",), "X County", False, admin_level=3
        ),
        ID + "actor/x-unit": Entity(
            ID + "actor/x-unit",
            (ONT + "Organization",),
            "X Unit",
            False,
            actor_type=SCHEME + "actor-type/Military",
        ),
    }
    last_month = TimeInfo(
        at("last month"), "last month", dt.date(2023, 9, 1), dt.date(2023, 9, 30), month
    )
    since = TimeInfo(
        at("since March"), "since March", dt.date(2023, 3, 1), dt.date(2023, 3, 31), month, "since"
    )
    until = TimeInfo(
        at("since March"), "until March", dt.date(2023, 3, 1), dt.date(2023, 3, 31), month, "until"
    )
    vague = TimeInfo(at("last month"), "recently", None, None, SCHEME + "time-precision/Unknown")
    qualifier = SCHEME + "count-qualifier/"
    x.quantities = [
        Quantity("qty-1", at("20 km"), qualifier + "Exact", value=Decimal("20"), unit_text="km"),
        Quantity(
            "qty-2", at("12.5"), qualifier + "Approximate", value=Decimal("12.50"), currency="CNY"
        ),
        Quantity("qty-3", at("12.5"), qualifier + "AtLeast", min_value=Decimal("100")),
        Quantity("qty-4", at("12.5"), qualifier + "AtMost", max_value=Decimal("0.5")),
    ]
    status = SCHEME + "policy-status/"
    trade = SCHEME + "measure-type/TradeRestriction"
    x.policies = [
        Policy(
            "policy-1",
            SCHEME + "measure-type/FenceConstruction",
            status + "CarriedOut",
            0,
            [first],
            issued_by=[guards],
            implemented_by=[guards],
            targets=[ID + "actor/defectors"],
            places=[hyesan],
            location_precision=SCHEME + "location-precision/City",
            time=last_month,
            quantities=["qty-1"],
            legal_basis=[act],
        ),
        Policy("policy-2", trade, status + "Lifted", 2, [third], places=[dandong], time=since),
        Policy("policy-3", trade, status + "Planned", 2, [third], time=until),
        Policy("policy-4", trade, status + "InForce", 2, [third], time=vague),
    ]
    x.events = [
        EventReport(
            "event-1",
            SCHEME + "event-type/Construction",
            0,
            [first],
            agents=[guards],
            affected=[ID + "actor/residents"],
            authorities=[guards],
            facilitators=[ID + "actor/brokers"],
            places=[hyesan],
            location_precision=SCHEME + "location-precision/City",
            time=last_month,
            quantities=["qty-1"],
            goods=[SCHEME + "goods/Copper"],
        ),
        EventReport("event-2", SCHEME + "event-type/Trade", 2, [third], time=until),
    ]
    x.sources = [
        AnonymousSource(
            "source-1",
            "a source",
            "source",
            SCHEME + "source-type/SourceInNorthKorea",
            [at("a source")],
            location=ID + "place/ryanggang",
            affiliation="security official",
        ),
        AnonymousSource(
            "source-2",
            'the "source"',
            "source",
            SCHEME + "source-type/Unspecified",
            [at("source", 1)],
        ),
    ]
    x.claims = [
        Claim(
            "claim-1",
            0,
            [first],
            SCHEME + "certainty/Reported",
            attributed_to=x.node("source-1"),
            hedges=["said"],
            invokes=[act + "/art_3"],
            about=[x.node("policy-1")],
        ),
        Claim("claim-2", 1, [second], SCHEME + "certainty/Unverified"),
    ]
    quoted = at("We cannot cross at night \\ any more.")
    x.quotations = [
        Quotation(
            "quote-1",
            Span(quoted.begin - 1, quoted.end + 1),
            TEXT[quoted.begin : quoted.end],
            1,
            attributed_to=x.node("source-2"),
            evidence=[quoted],
        ),
        Quotation("quote-2", quoted, "We cannot", 1),
    ]
    x.publisher = ID + "actor/daily-nk"
    return x


def digest(quads: list[ox.Quad]) -> tuple[str, int]:
    kept = sorted(str(q) for q in quads if q.predicate.value not in VOLATILE)
    return hashlib.sha256("\n".join(kept).encode("utf-8")).hexdigest(), len(kept)


def test_fast_article_quads_equal_the_reference_mapping() -> None:
    record = fixture_record()
    quads = article_quads(record, fixture_extraction(), run=RUN)
    assert digest(quads) == (REFERENCE_DIGEST, REFERENCE_COUNT)
    volatile = {(q.predicate.value, q.object.value) for q in quads if q.predicate.value in VOLATILE}
    _text, content_hash = article_text_and_hash(record, fixture_extraction(), run=RUN)
    assert volatile == {(ONT + "contentHash", content_hash)}


def test_literals_with_quotes_backslashes_and_line_breaks_round_trip() -> None:
    quads = article_quads(fixture_record(), fixture_extraction(), run=RUN)
    values = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert TEXT in values  # quotes, a backslash, \n\n and \r inside
    assert 'The "fence" at Hyesan' in values
    assert "We cannot cross at night \\ any more." in values
    assert 'Reactionary "Ideology" Act' in values


def test_article_text_parses_to_the_quads_in_the_same_order() -> None:
    record, extraction = fixture_record(), fixture_extraction()
    text = article_ntriples(record, extraction, run=RUN)
    graph = ox.NamedNode(str(article_graph_iri("fixture-1")))
    parsed = [
        ox.Quad(q.subject, q.predicate, q.object, graph)
        for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    ]
    assert parsed == article_quads(record, extraction, run=RUN)
    assert text.count("\n") == len(parsed)  # one line per triple, no raw line break inside


@pytest.fixture(scope="module")
def sample_articles() -> list[tuple[ArticleRecord, Extraction]]:
    extractor = get_extractor()
    records = [
        r for r in iter_records([str(p) for p in sample_paths()]) if not isinstance(r, ReadError)
    ]
    return [(r, extractor.extract(r)) for r in records[:4]]


def test_store_holds_the_same_quads_whether_given_text_or_quad_objects(
    tmp_path: Path, sample_articles: list[tuple[ArticleRecord, Extraction]]
) -> None:
    # Compared store to store: pyoxigraph itself stores xsd:nonNegativeInteger as xsd:integer.
    with GraphStore(tmp_path / "text") as fast, GraphStore(tmp_path / "quads") as reference:
        for record, extraction in sample_articles:
            graph = str(article_graph_iri(extraction.article_id))
            text, content_hash = article_text_and_hash(record, extraction)
            assert fast.write_article(graph, NTriples(text), content_hash).value == "added"
            reference.write_article(graph, article_quads(record, extraction), content_hash)
            name = ox.NamedNode(graph)
            stored = set(fast.store.quads_for_pattern(None, None, None, name))
            assert stored == set(reference.store.quads_for_pattern(None, None, None, name))
            assert len(stored) >= len(set(article_quads(record, extraction))) > 100


def test_replacing_an_article_given_as_text_drops_its_old_triples(tmp_path: Path) -> None:
    record, extraction = fixture_record(), fixture_extraction()
    changed = fixture_record()
    changed.title = "A new headline"
    shorter = Extraction(article_id="fixture-1", text=TEXT, sentences=extraction.sentences)
    graph = str(article_graph_iri("fixture-1"))
    with GraphStore(tmp_path / "store") as store:
        old_text, old_hash = article_text_and_hash(record, extraction)
        store.write_article(graph, NTriples(old_text), old_hash)
        new_text, new_hash = article_text_and_hash(changed, shorter)
        outcome = store.write_article(graph, NTriples(new_text), new_hash)
        stored = set(store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    with GraphStore(tmp_path / "reference") as reference:
        reference.write_article(graph, article_quads(changed, shorter), new_hash)
        expected = set(reference.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    assert outcome.value == "replaced"
    assert stored == expected
    assert {q.object.value for q in stored if "contentHash" in q.predicate.value} == {new_hash}


def test_a_reload_replaces_the_graph_when_only_the_extraction_changed(tmp_path: Path) -> None:
    """Same text and metadata, another extraction (a newer extractor): the content hash covers
    the triples too, so the stored graph is replaced; the same extraction again writes nothing."""
    record, extraction = fixture_record(), fixture_extraction()
    fewer = Extraction(article_id="fixture-1", text=TEXT, sentences=extraction.sentences)
    graph = str(article_graph_iri("fixture-1"))
    with GraphStore(tmp_path / "store") as store:
        text, first = article_text_and_hash(record, extraction)
        assert store.write_article(graph, NTriples(text), first).value == "added"
        assert store.write_article(graph, NTriples(text), first).value == "unchanged"
        text, second = article_text_and_hash(record, fewer)
        assert second != first
        assert store.write_article(graph, NTriples(text), second).value == "replaced"
        stored = set(store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    assert stored == set(article_quads(record, fewer))


def test_text_that_does_not_parse_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    graph = str(article_graph_iri("broken"))
    bad = NTriples(
        '<https://w3id.org/borderkg/article/broken> <http://x/p> "a" .\n<not an iri> .\n'
    )
    with GraphStore(tmp_path / "store") as store:
        with pytest.raises(ArticleWriteError):
            store.write_article(graph, bad, "h")
        assert not store.has_graph(graph)


def test_text_stating_another_content_hash_is_refused() -> None:
    graph = str(article_graph_iri("a1"))
    line = "<https://w3id.org/borderkg/article/a1> <https://w3id.org/borderkg/ontology#contentHash>"
    assert text_update(graph, NTriples(f'{line} "same" .\n'), "same").count("same") == 2
    with pytest.raises(ValueError, match="another bkg:contentHash"):
        text_update(graph, NTriples(f'{line} "other" .\n'), "same")


def test_text_as_quads_in_a_graph_equals_the_parsed_triples_whatever_the_line_endings() -> None:
    graph = str(article_graph_iri("a1"))
    name = ox.NamedNode(graph)
    canonical = NTriples(article_ntriples(fixture_record(), fixture_extraction(), run=RUN))
    assert canonical.quads(graph) == [
        ox.Quad(t.subject, t.predicate, t.object, name) for t in canonical.triples()
    ]
    odd = NTriples("<http://a.example/s> <http://a.example/p> <http://a.example/o>.\n")
    assert [q.graph_name for q in odd.quads(graph)] == [name]

"""The full-text search side index: ranking, query syntax, safety, and keeping in step."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg.ontology.namespaces import VOCABULARY_GRAPH
from borderkg.pipeline import ensure_schema_graphs
from borderkg.search import SearchIndex, SearchIndexError, ensure_index, index_path, reindex
from borderkg.searchquery import fts_query
from borderkg.store import GraphStore
from borderkg.storetypes import NTriples

BASE = "https://w3id.org/borderkg/"
BKG = BASE + "ontology#"
SCHEMA = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
UNREVIEWED = BASE + "scheme/review-status/Unreviewed"


def lit(text: str) -> str:
    """An N-Triples string literal (JSON escapes are valid N-Triples escapes)."""
    return json.dumps(text)


def graph_of(aid: str) -> str:
    return f"{BASE}graph/article/{aid}"


def write_article(
    store: GraphStore,
    aid: str,
    *,
    body: str,
    title: str | None = None,
    date: str | None = None,
    keywords: tuple[str, ...] = (),
    entities: dict[str, str] | None = None,
) -> str:
    """Write a small article graph the way the loaders shape one; returns its graph IRI."""
    art = f"<{BASE}article/{aid}>"
    text = f"<{BASE}article/{aid}#text>"
    lines = [
        f"{art} <{RDF_TYPE}> <{BKG}Article> .",
        f"{art} <http://purl.org/dc/terms/identifier> {lit(aid)} .",
        f"{art} <{BKG}text> {text} .",
        f"{text} <{RDF_TYPE}> <{NIF}Context> .",
        f"{text} <{NIF}isString> {lit(body)} .",
    ]
    if title:
        lines.append(f"{art} <{SCHEMA}headline> {lit(title)} .")
    if date:
        lines.append(f'{art} <{SCHEMA}datePublished> "{date}"^^<{XSD_DATE}> .')
    lines += [f"{art} <{SCHEMA}keywords> {lit(k)} ." for k in keywords]
    for iri, label in (entities or {}).items():
        lines += [
            f"<{iri}> <{RDF_TYPE}> <{BKG}Settlement> .",
            f"<{iri}> <{SKOS}prefLabel> {lit(label)}@en .",
            f"<{iri}> <{BKG}reviewStatus> <{UNREVIEWED}> .",
            f"{art} <{BKG}mentions> <{iri}> .",
        ]
    content = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    graph = graph_of(aid)
    store.write_article(graph, NTriples("\n".join(lines) + "\n"), content)
    return graph


def small_vocabulary(store: GraphStore, extra_alias: str | None = None) -> None:
    """A vocabulary graph of two places, one with aliases in three scripts."""
    sinuiju, hyesan = (
        ox.NamedNode(BASE + "id/place/sinuiju"),
        ox.NamedNode(BASE + "id/place/hyesan"),
    )
    pref, alt = ox.NamedNode(SKOS + "prefLabel"), ox.NamedNode(SKOS + "altLabel")
    triples = [
        ox.Triple(sinuiju, ox.NamedNode(RDF_TYPE), ox.NamedNode(BKG + "Settlement")),
        ox.Triple(sinuiju, pref, ox.Literal("Sinuiju", language="en")),
        ox.Triple(sinuiju, pref, ox.Literal("신의주", language="ko")),
        ox.Triple(sinuiju, alt, ox.Literal("Sinŭiju", language="en")),
        ox.Triple(hyesan, ox.NamedNode(RDF_TYPE), ox.NamedNode(BKG + "Settlement")),
        ox.Triple(hyesan, pref, ox.Literal("Hyesan", language="en")),
    ]
    if extra_alias:
        triples.append(ox.Triple(hyesan, alt, ox.Literal(extra_alias, language="en")))
    store.replace_graph(str(VOCABULARY_GRAPH), triples)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    with GraphStore.open(tmp_path / "store") as opened:
        small_vocabulary(opened)
        yield opened


@pytest.fixture
def index(store: GraphStore) -> Iterator[SearchIndex]:
    with SearchIndex.for_store(store.root) as opened:
        yield opened


@pytest.fixture(scope="module")
def vocabulary_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """A store holding the project's real vocabulary, indexed (read by tests, not changed)."""
    with GraphStore.open(tmp_path_factory.mktemp("vocab") / "store") as opened:
        ensure_schema_graphs(opened)
        with SearchIndex.for_store(opened.root) as index:
            index.sync(opened)
        yield opened


def iris(hits: list) -> list[str]:
    return [hit.iri for hit in hits]


# -- ranking and query syntax ---------------------------------------------------------------


def test_title_match_ranks_above_body_match(store: GraphStore, index: SearchIndex) -> None:
    write_article(
        store,
        "in-body",
        title="Trade resumes at the bridge",
        body="Traders said new thermal cameras watch the bridge day and night.",
    )
    write_article(
        store,
        "in-title",
        title="Thermal cameras installed along the river",
        body="Guards mounted new equipment on the posts near the crossing.",
    )
    index.sync(store)
    hits = index.search("thermal")
    assert iris(hits) == [BASE + "article/in-title", BASE + "article/in-body"]
    assert hits[0].score > hits[1].score
    assert hits[0].label == "Thermal cameras installed along the river"


def test_phrase_search_matches_the_words_in_order_only(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(store, "in-order", body="Smugglers crossed the Yalu River at night.")
    write_article(store, "apart", body="The river patrol near the Yalu was doubled.")
    index.sync(store)
    assert iris(index.search('"Yalu River"')) == [BASE + "article/in-order"]
    assert set(iris(index.search("Yalu river"))) == {
        BASE + "article/in-order",
        BASE + "article/apart",
    }
    # curly quotes, as pasted from a word processor, make a phrase too
    assert iris(index.search("\u201cYalu River\u201d")) == [BASE + "article/in-order"]


def test_prefix_search_finds_words_by_their_start(store: GraphStore, index: SearchIndex) -> None:
    write_article(store, "a", body="Dozens were repatriated last week.")
    write_article(store, "b", body="Forced repatriation drew criticism.")
    write_article(store, "c", body="Prices of rice rose in the markets.")
    index.sync(store)
    assert set(iris(index.search("repatri*"))) == {BASE + "article/a", BASE + "article/b"}
    assert index.search("repatri") == []  # without the star a word must match whole
    assert index.count("repatri*") == 2


def test_diacritics_and_case_do_not_matter(store: GraphStore, index: SearchIndex) -> None:
    index.sync(store)
    for query in ("Sinŭiju", "SINUIJU", "sinuiju"):
        assert iris(index.search(query))[0] == BASE + "id/place/sinuiju", query


@pytest.mark.parametrize(
    "query",
    [
        'fence "',
        '"fence',
        "fence AND",
        "AND fence",
        "fence OR",
        "NOT fence",
        "fence NEAR(",
        "NEAR(fence posts)",
        "body:fence",
        "(fence",
        "fence)",
        "{label body}: fence",
        "^fence",
        "fence +",
        "-fence",
        "fence*ish",
        "*fence",
        "fence **",
        "fe'nce'",
        'fence ""',
        "fence \x00\x02\x03",
        "fence \ud800",
        "fence " + "x" * 5000,
        "fence " + " ".join(f"w{n}" for n in range(200)),
    ],
)
def test_operator_and_punctuation_input_is_read_as_plain_words(
    store: GraphStore, index: SearchIndex, query: str
) -> None:
    write_article(store, "fence", body="A new fence and posts went up near the crossing.")
    index.sync(store)
    hits = index.search(query)  # never raises
    assert isinstance(hits, list)
    assert index.count(query) == len(index.search(query, limit=100))


def test_operator_words_are_searched_as_words(store: GraphStore, index: SearchIndex) -> None:
    write_article(store, "and", body="Fences and cameras, not patrols, were the answer.")
    write_article(store, "or", body="Fences or cameras were debated.")
    index.sync(store)
    assert iris(index.search("fences AND cameras")) == [BASE + "article/and"]
    assert iris(index.search("fences OR cameras")) == [BASE + "article/or"]
    assert iris(index.search("NOT patrols")) == [BASE + "article/and"]


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "*", "()", ":", "-- ; --", "\x02"])
def test_input_without_words_finds_nothing(
    store: GraphStore, index: SearchIndex, query: str
) -> None:
    write_article(store, "x", body="Anything at all.")
    index.sync(store)
    assert fts_query(query) is None
    assert index.search(query) == []
    assert index.count(query) == 0


def test_user_query_becomes_quoted_fts_terms() -> None:
    assert fts_query('fence "Yalu River" hye* AND (') == '"fence" "Yalu River" "hye" * "AND"'
    assert fts_query('say "hi') == '"say" "hi"'
    assert fts_query('co-op* "a""b"') == '"co-op" * "a" "b"'


def test_snippet_escapes_the_text_and_marks_the_matches(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(
        store,
        "html",
        body='The notice read <script>alert("fence")</script> & the fence stood.',
    )
    index.sync(store)
    (hit,) = index.search("fence")
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "&amp;" in hit.snippet
    assert hit.snippet.count("<mark>fence</mark>") == 2
    assert hit.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_title_only_match_shows_the_opening_of_the_body(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(store, "t", title="Floodlights in Sinuiju", body="Guards switched on new lamps.")
    index.sync(store)
    (hit,) = index.search("floodlights", kind="article")
    assert hit.snippet.startswith("Guards switched on new lamps")


def test_article_hit_carries_its_date_and_entity_hit_its_types(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(store, "dated", body="Hyesan markets were quiet.", date="2022-09-27")
    index.sync(store)
    article = index.search("markets")[0]
    assert (article.kind, article.date) == ("article", "2022-09-27")
    entity = index.search("Hyesan", kind="entity")[0]
    assert entity.kind == "entity"
    assert entity.types == (BKG + "Settlement",)
    assert entity.as_dict()["types"] == [BKG + "Settlement"]


def test_kind_filter_and_paging(store: GraphStore, index: SearchIndex) -> None:
    for n in range(5):
        write_article(store, f"h{n}", body=f"Report {n} from Hyesan.")
    index.sync(store)
    assert {hit.kind for hit in index.search("Hyesan", kind="entity")} == {"entity"}
    articles = index.search("Hyesan", kind="article", limit=100)
    assert len(articles) == 5 and index.count("Hyesan", kind="article") == 5
    pages = index.search("Hyesan", kind="article", limit=2) + index.search(
        "Hyesan", kind="article", limit=2, offset=2
    )
    assert iris(pages) == iris(articles[:4])
    assert index.count("Hyesan") == 6
    with pytest.raises(ValueError, match="kind"):
        index.search("Hyesan", kind="policy")


# -- entities -------------------------------------------------------------------------------


def test_alias_from_the_place_registry_finds_the_place(vocabulary_store: GraphStore) -> None:
    registry = files("borderkg.ontology").joinpath("registry", "places.csv").read_text("utf-8")
    rows = {row["local_id"]: row for row in csv.DictReader(registry.splitlines())}
    alias = next(a for a in rows["shenyang"]["alt_labels"].split("|") if a == "Mukden")
    with SearchIndex.for_store(vocabulary_store.root, read_only=True) as index:
        hits = index.search(alias)
    assert hits, alias
    assert hits[0].iri == BASE + "id/place/shenyang"
    assert hits[0].label == rows["shenyang"]["label_en"]
    assert "<mark>Mukden</mark>" in hits[0].snippet


def test_korean_label_of_a_vocabulary_entity_finds_it(vocabulary_store: GraphStore) -> None:
    with SearchIndex.for_store(vocabulary_store.root, read_only=True) as index:
        hits = index.search("북한", kind="entity")
    assert BASE + "id/place/north-korea" in iris(hits)


def test_unreviewed_entity_stays_until_its_last_article_goes(
    store: GraphStore, index: SearchIndex
) -> None:
    village = BASE + "id/place/samsu"
    one = write_article(store, "one", body="A report.", entities={village: "Samsu"})
    two = write_article(store, "two", body="Another report.", entities={village: "Samsu"})
    index.sync(store)
    assert iris(index.search("Samsu", kind="entity")) == [village]
    store.remove_article(one)
    index.sync(store)
    assert iris(index.search("Samsu", kind="entity")) == [village]
    store.remove_article(two)
    index.sync(store)
    assert index.search("Samsu") == []


def test_vocabulary_change_is_picked_up_by_sync(store: GraphStore, index: SearchIndex) -> None:
    index.sync(store)
    assert index.search("Hyesan-si") == []
    small_vocabulary(store, extra_alias="Hyesan-si")
    stats = index.sync(store)
    assert stats.vocabulary
    assert iris(index.search("Hyesan-si")) == [BASE + "id/place/hyesan"]
    assert not index.sync(store).vocabulary


# -- keeping in step ------------------------------------------------------------------------


def test_reload_of_a_changed_article_replaces_its_rows(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(store, "changing", title="Sensors", body="Motion sensors were installed.")
    index.sync(store)
    assert index.count("sensors") == 1
    write_article(store, "changing", title="Floodlights", body="Floodlights were installed.")
    stats = index.sync(store)
    assert (stats.added, stats.replaced, stats.removed) == (0, 1, 0)
    assert index.search("sensors") == []
    assert [hit.label for hit in index.search("floodlights")] == ["Floodlights"]
    assert index.stats().articles == 1
    assert index.indexed_articles() == {
        graph_of("changing"): store.content_hash_of(graph_of("changing"))
    }


def test_removed_article_leaves_the_index(store: GraphStore, index: SearchIndex) -> None:
    gone = write_article(store, "gone", body="Copper smuggling rose.")
    write_article(store, "kept", body="Copper prices fell.")
    index.sync(store)
    store.remove_article(gone)
    stats = index.sync(store)
    assert stats.removed == 1
    assert iris(index.search("copper")) == [BASE + "article/kept"]
    assert graph_of("gone") not in index.indexed_articles()


def test_sync_is_idempotent_and_writes_nothing_when_nothing_changed(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(store, "a", body="Border closure continued.")
    write_article(store, "b", body="Border reopening was announced.")
    first = index.sync(store)
    assert (first.added, first.vocabulary) == (2, True)
    before = index.stats()
    dump = "\n".join(sqlite3.connect(index.path).iterdump())
    again = index.sync(store)
    assert (again.added, again.replaced, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert not again.changed and not again.vocabulary
    assert index.stats() == before
    assert "\n".join(sqlite3.connect(index.path).iterdump()) == dump


def test_update_graphs_rereads_an_article_whose_hash_stayed(
    store: GraphStore, index: SearchIndex
) -> None:
    graph = write_article(store, "edited", body="Patrols were doubled.")
    index.sync(store)
    store.store.update(
        f"DELETE {{ GRAPH <{graph}> {{ ?t <{NIF}isString> ?s }} }} "
        f'INSERT {{ GRAPH <{graph}> {{ ?t <{NIF}isString> "Patrols were halved." }} }} '
        f"WHERE {{ GRAPH <{graph}> {{ ?t <{NIF}isString> ?s }} }}"
    )
    assert index.sync(store).unchanged == 1  # the hash did not change: sync cannot tell
    stats = index.update_graphs(store, [graph])
    assert stats.replaced == 1
    assert iris(index.search("halved")) == [BASE + "article/edited"]
    assert index.search("doubled") == []
    store.remove_article(graph)
    assert index.update_graphs(store, [graph]).removed == 1
    assert index.search("halved") == []
    assert index.sync(store).changed is False  # the next sync finds everything in step


def test_article_graph_without_content_hash_is_indexed(
    store: GraphStore, index: SearchIndex
) -> None:
    graph = graph_of("bare")
    article = f"<{BASE}article/bare>"
    store.store.update(
        f"INSERT DATA {{ GRAPH <{graph}> {{ {article} <{SCHEMA}headline> "
        f'"Hand-made graph about pine nuts" }} }}'
    )
    index.sync(store)
    assert iris(index.search("pine nuts")) == [BASE + "article/bare"]
    assert index.indexed_articles() == {graph: ""}


def test_rebuild_matches_incremental_sync(store: GraphStore, index: SearchIndex) -> None:
    write_article(store, "a", title="Sinuiju trade", body="Trucks crossed the bridge.")
    write_article(store, "b", body="Trade in Hyesan slowed.", entities={BASE + "id/place/x": "Xyz"})
    index.sync(store)
    write_article(store, "a", title="Sinuiju trade eased", body="More trucks crossed.")
    index.sync(store)
    incremental = [index.search(q) for q in ("trade", "trucks", "Xyz", "Hyesan")]
    stats = index.rebuild(store)
    assert stats.added == 2
    assert [index.search(q) for q in ("trade", "trucks", "Xyz", "Hyesan")] == incremental


def test_reader_sees_each_sync_once_committed(store: GraphStore, index: SearchIndex) -> None:
    index.sync(store)
    with SearchIndex.for_store(store.root, read_only=True) as reader:
        assert reader.search("tumen") == []
        write_article(store, "new", body="Tumen river patrols grew.")
        index.sync(store)
        assert iris(reader.search("tumen")) == [BASE + "article/new"]
        with pytest.raises(SearchIndexError, match="read-only"):
            reader.sync(store)


def test_read_only_open_of_a_missing_index_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="borderkg reindex"):
        SearchIndex.for_store(tmp_path, read_only=True)
    assert not index_path(tmp_path).exists()


def test_index_of_another_version_is_refused_by_readers_and_remade_by_writers(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(store, "a", body="Seafood exports stopped.")
    index.sync(store)
    index.close()
    with sqlite3.connect(index_path(store.root)) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    with pytest.raises(SearchIndexError, match="another version"):
        SearchIndex.for_store(store.root, read_only=True)
    with SearchIndex.for_store(store.root) as writer:
        assert writer.search("seafood") == []
        assert writer.sync(store).added == 1
        assert len(writer.search("seafood")) == 1


def test_reindex_and_ensure_index_work_on_a_store_directory(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with GraphStore.open(root) as store:
        small_vocabulary(store)
        write_article(store, "a", body="Remittance brokers raised fees.")
    stats = reindex(root)
    assert (stats.added, stats.vocabulary) == (1, True)
    again = ensure_index(root)
    assert again is not None and not again.changed
    with GraphStore.open(root):  # a writer holds the store: it syncs the index itself
        assert ensure_index(root) is None
    with SearchIndex.for_store(root, read_only=True) as index:
        assert iris(index.search("brokers")) == [BASE + "article/a"]


def test_damaged_index_file_is_made_again_by_the_writer(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with GraphStore.open(root) as store:
        small_vocabulary(store)
        write_article(store, "a", body="Medicinal herbs were seized.")
        index_path(root).write_bytes(b"this is not a database\n" * 100)
        with pytest.raises(SearchIndexError, match="cannot be read"):
            SearchIndex.for_store(root, read_only=True)
        with SearchIndex.for_store(root) as index:
            assert index.sync(store).added == 1
            assert iris(index.search("herbs")) == [BASE + "article/a"]

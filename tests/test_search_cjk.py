"""Full-text search of Chinese, Japanese and Korean text: part of a name finds the whole.

Real stores and real SQLite indexes in tmp folders; the project's own vocabulary where the
names come from it (Hyesan is "惠山市" / "혜산시", Sinuiju "新义州市" / "신의주시").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import test_search
from flask import Flask
from test_search import BASE, iris, small_vocabulary, write_article

from borderkg.api import create_app
from borderkg.search import SearchIndex, SearchIndexError, ensure_index, index_path
from borderkg.searchquery import FILLER, Query, cjk_snippet, cjk_text, parse_query
from borderkg.store import GraphStore

HYESAN = BASE + "id/place/hyesan"
SINUIJU = BASE + "id/place/sinuiju"


# The stores and indexes of the word-search tests serve these too.
store = test_search.store
index = test_search.index
vocabulary_store = test_search.vocabulary_store


# -- query parsing and indexed text -------------------------------------------------------


def test_cjk_terms_become_character_phrases_and_latin_terms_stay_words() -> None:
    assert parse_query("惠山") == Query(None, '"惠 山"', ("惠山",))
    assert parse_query('fence "혜산 시장" hye*') == Query(
        '"fence" "hye" *', '"혜 산 시 장"', ("혜산 시장",)
    )
    # a word mixing scripts: the CJK run (with its digits) to the characters, the rest words
    assert parse_query("Hyesan-惠山市") == Query('"Hyesan"', '"惠 山 市"', ("惠山市",))
    assert parse_query("3월") == Query(None, '"3 월"', ("3월",))


def test_character_table_holds_only_cjk_words_with_a_filler_between_runs() -> None:
    assert cjk_text("Smugglers crossed the Yalu at night.") == ""
    text = cjk_text("Hyesan (혜산시, 惠山市) on the Yalu 鸭绿江")
    assert text == f"혜 산 시 惠 山 市 {FILLER} 鸭 绿 江"


def test_cjk_snippet_marks_every_occurrence_around_the_first() -> None:
    body = "Residents of Hyesan (혜산시) said. " + "x " * 100 + "혜산 again"
    snippet = cjk_snippet(["no match here", body], ["혜산"])
    assert snippet.startswith("Residents of Hyesan (\x02혜산\x03시)")
    assert snippet.endswith("…") and "again" not in snippet
    assert cjk_snippet(["only Latin text"], ["혜산"]) == ""


# -- the project's vocabulary ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "iri", "shown"),
    [
        ("惠山", HYESAN, "<mark>惠山</mark>市"),
        ("혜산", HYESAN, "<mark>혜산</mark>시"),
        ("山市", HYESAN, "惠<mark>山市</mark>"),
        ("新义州", SINUIJU, "<mark>新义州</mark>市"),
        ("신의주", SINUIJU, "<mark>신의주</mark>시"),
        ("惠山市", HYESAN, "<mark>惠山市</mark>"),
    ],
)
def test_part_of_a_chinese_or_korean_place_name_finds_the_place(
    vocabulary_store: GraphStore, query: str, iri: str, shown: str
) -> None:
    with SearchIndex.for_store(vocabulary_store.root, read_only=True) as index:
        hits = index.search(query, kind="entity", limit=50)
        assert index.count(query, kind="entity") == len(hits)
    assert iri in iris(hits), query
    assert shown in next(hit.snippet for hit in hits if hit.iri == iri)


def test_latin_and_cjk_terms_must_both_match(vocabulary_store: GraphStore) -> None:
    with SearchIndex.for_store(vocabulary_store.root, read_only=True) as index:
        both = index.search("Hyesan 惠山", kind="entity")
        assert iris(both) == [HYESAN]
        assert index.search("Sinuiju 惠山") == []


def test_latin_queries_rank_by_the_word_table_alone(vocabulary_store: GraphStore) -> None:
    """English search is as it was: its scores are the word table's BM25, which CJK
    names (kept in the other table) do not lengthen."""
    path = index_path(vocabulary_store.root)
    with SearchIndex(path, read_only=True) as index:
        hits = index.search("Hyesan", kind="entity", limit=100)
    with sqlite3.connect(path) as conn:
        expected = conn.execute(
            "SELECT d.iri, round(-bm25(fts, 10.0, 4.0, 1.0), 6) AS score FROM fts "
            "JOIN docs AS d ON d.id = fts.rowid WHERE fts MATCH '\"Hyesan\"' "
            "AND d.kind = 'entity' ORDER BY bm25(fts, 10.0, 4.0, 1.0), d.id"
        ).fetchall()
        with_cjk = conn.execute("SELECT count(*) FROM fts_cjk").fetchone()[0]
        without = conn.execute(
            "SELECT count(*) FROM docs WHERE id NOT IN (SELECT rowid FROM fts_cjk)"
        ).fetchone()[0]
    assert [(hit.iri, hit.score) for hit in hits] == expected
    assert hits[0].iri == HYESAN
    assert with_cjk > 0 and without > 0  # documents without CJK names have no second row


# -- articles ---------------------------------------------------------------------------------


def test_two_characters_find_korean_and_chinese_article_text(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(store, "ko", body="양강도 혜산시에서 밀수꾼들이 단속되었다고 소식통이 전했다.")
    write_article(store, "zh", body="据惠山市的消息人士说，边境巡逻增加了。")
    write_article(store, "en", body="Smugglers in Hyesan were detained.")
    index.sync(store)
    korean = index.search("혜산")
    assert iris(korean) == [BASE + "article/ko"]
    assert "<mark>혜산</mark>시에서" in korean[0].snippet
    assert iris(index.search("惠山")) == [BASE + "article/zh"]
    assert iris(index.search("소식통")) == [BASE + "article/ko"]
    assert iris(index.search("Hyesan", kind="article")) == [BASE + "article/en"]


def test_a_cjk_phrase_does_not_match_across_latin_words(
    store: GraphStore, index: SearchIndex
) -> None:
    write_article(store, "apart", body="惠山 is Hyesan; 市 means city.")
    write_article(store, "together", body="Traders in 惠山市 said so.")
    index.sync(store)
    assert iris(index.search("惠山市")) == [BASE + "article/together"]
    assert set(iris(index.search("惠山"))) == {BASE + "article/apart", BASE + "article/together"}


def test_changed_and_removed_articles_leave_the_character_table(
    store: GraphStore, index: SearchIndex
) -> None:
    graph = write_article(store, "a", body="Traders in 惠山市 said so.")
    index.sync(store)
    write_article(store, "a", body="Traders in 新义州市 said so.")
    index.sync(store)
    assert index.search("惠山") == []
    assert iris(index.search("义州")) == [BASE + "article/a"]
    store.remove_article(graph)
    assert index.sync(store).removed == 1
    assert index.search("义州") == []
    with sqlite3.connect(index.path) as conn:
        assert conn.execute("SELECT count(*) FROM fts_cjk").fetchone()[0] == 1  # 신의주


# -- the layout change ------------------------------------------------------------------------


def test_index_of_the_old_layout_is_remade_and_then_finds_cjk(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with GraphStore.open(root) as store:
        small_vocabulary(store)
        write_article(store, "zh", body="据惠山市的消息人士说。")
    ensure_index(root)
    with sqlite3.connect(index_path(root)) as conn:  # as version 1 made it: no CJK table
        conn.execute("DROP TABLE fts_cjk")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    with pytest.raises(SearchIndexError, match="borderkg reindex"):
        SearchIndex.for_store(root, read_only=True)
    stats = ensure_index(root)  # what the server does at start
    assert stats is not None and stats.added == 1
    with SearchIndex.for_store(root, read_only=True) as index:
        assert iris(index.search("惠山")) == [BASE + "article/zh"]
        assert iris(index.search("신의")) == [SINUIJU]


def test_a_write_after_the_layout_change_fills_the_remade_index_whole(tmp_path: Path) -> None:
    """A writer that names only the graphs it touched still leaves a complete index when
    its open remade an index of the old layout (else every other article would be gone)."""
    root = tmp_path / "store"
    with GraphStore.open(root) as store:
        small_vocabulary(store)
        write_article(store, "old", body="据惠山市的消息人士说。")
        with SearchIndex.for_store(root) as index:
            index.sync(store)
        with sqlite3.connect(index_path(root)) as conn:
            conn.execute("DROP TABLE fts_cjk")
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
        touched = write_article(store, "new", body="Traders in 新义州 said so.")
        with SearchIndex.for_store(root) as index:
            stats = index.update_graphs(store, [touched])
            assert (stats.added, stats.vocabulary) == (2, True)
            assert iris(index.search("惠山")) == [BASE + "article/old"]
            assert iris(index.search("义州", kind="article")) == [BASE + "article/new"]


# -- through the HTTP API ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(sample_store: Path) -> Iterator[Flask]:
    application = create_app({"store": sample_store, "workers": 1})
    yield application
    application.extensions["borderkg"].close()


@pytest.mark.parametrize(
    ("query", "iri"), [("惠山", HYESAN), ("혜산", HYESAN), ("신의주", SINUIJU)]
)
def test_search_api_finds_places_by_part_of_their_cjk_name(
    app: Flask, query: str, iri: str
) -> None:
    reply = app.test_client().get("/api/search", query_string={"q": query})
    assert reply.status_code == 200
    data = reply.get_json()
    assert data["total"] >= 1
    assert iri in [hit["iri"] for hit in data["hits"]]

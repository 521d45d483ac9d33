"""Article authors (bylines): read by every reader, written as schema:author → schema:Person."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg.loaders.extract.model import Extraction
from borderkg.loaders.rdf import article_quads
from borderkg.loaders.readers import ReadError, iter_records, read_html, read_text
from borderkg.loaders.readers.bylines import is_anonymous_byline
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR
from borderkg.pipeline import load
from borderkg.store import GraphStore

BODY = (
    "Chinese border police in Tumen City have begun checking the papers of everyone on the "
    "riverside road, a source in Jilin Province said this week.\n\n"
    "The checks started after two people crossed the river at night."
)
_PARAGRAPHS = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
ARTICLE = "https://w3id.org/borderkg/article/auth-1"
SCHEMA = "https://schema.org/"
BYLINE = "https://w3id.org/borderkg/ontology#byline"


def page(head: str = "", first: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{first}{_PARAGRAPHS}</article></body></html>"


def read_one(tmp_path: Path, name: str, content: str) -> ArticleRecord | ReadError:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (result,) = list(iter_records([str(path)]))
    return result


def json_record(tmp_path: Path, **fields: object) -> ArticleRecord:
    data = {"id": "auth-1", "body": BODY, **fields}
    record = read_one(tmp_path, "a.json", json.dumps(data))
    assert isinstance(record, ArticleRecord), record
    return record


# -- HTML --------------------------------------------------------------------------------


def test_html_json_ld_author_objects_become_authors() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "Lee Min"}],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    record = read_html(page(head), "ld.html")

    assert record.authors == ("Jane Doe", "Lee Min")
    assert "author" not in record.extra


def test_html_meta_author_is_split_like_a_byline() -> None:
    record = read_html(page('<meta name="author" content="Jane Doe and Lee Min">'), "m.html")

    assert record.authors == ("Jane Doe", "Lee Min")


def test_html_byline_paragraph_gives_the_authors_and_leaves_the_text() -> None:
    record = read_html(page(first="<p>By Jane Doe | Example News</p>"), "by.html")

    assert record.authors == ("Jane Doe",)
    assert record.text.startswith("Chinese border police")


def test_html_malformed_json_ld_author_is_skipped_not_fatal() -> None:
    ld = {"@type": "NewsArticle", "author": [{"@type": "Person"}, {"name": "Jane Doe"}, 7]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'

    assert read_html(page(head), "bad.html").authors == ("Jane Doe",)


# -- JSON, sidecars, front matter --------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "authors"),
    [
        ({"author": "Jane Doe"}, ("Jane Doe",)),
        ({"authors": ["Jane Doe", "Lee Min"]}, ("Jane Doe", "Lee Min")),
        ({"author": {"@type": "Person", "name": "Jane Doe"}}, ("Jane Doe",)),
        ({"creator": [{"name": "Jane Doe"}, {"name": "Lee Min"}]}, ("Jane Doe", "Lee Min")),
        ({"byline": "By Jane Doe and Lee Min"}, ("Jane Doe", "Lee Min")),
        ({"author": "Jane Doe, Lee Min & Park Soo"}, ("Jane Doe", "Lee Min", "Park Soo")),
    ],
)
def test_json_author_fields_of_every_form_become_authors(
    tmp_path: Path, fields: dict[str, object], authors: tuple[str, ...]
) -> None:
    record = json_record(tmp_path, **fields)

    assert record.authors == authors
    assert not {"author", "authors", "byline", "creator"} & set(record.extra)


@pytest.mark.parametrize("value", [5, {"url": "https://example.org/jane"}, [["Jane Doe"]], True])
def test_a_bad_author_value_is_a_field_error_naming_file_line_and_field(
    tmp_path: Path, value: object
) -> None:
    lines = [
        json.dumps({"id": "ok", "body": BODY}),
        json.dumps({"id": "bad", "body": BODY, "author": value}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good, bad = list(iter_records([str(path)]))

    assert isinstance(good, ArticleRecord)
    assert isinstance(bad, ReadError)
    assert (bad.kind, bad.file, bad.line) == ("field", str(path), 2)
    assert "'author'" in bad.message
    assert str(bad).startswith(f"{path}:2: field 'author'")


def test_text_article_takes_authors_from_front_matter() -> None:
    text = f"---\ntitle: Checks in Tumen\nauthor: By Jane Doe and Lee Min\n---\n{BODY}\n"

    assert read_text(text, "a.txt").authors == ("Jane Doe", "Lee Min")


def test_text_article_takes_authors_from_its_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY + "\n", encoding="utf-8")
    sidecar = {"id": "auth-1", "author": [{"name": "Jane Doe"}]}
    (tmp_path / "a.json").write_text(json.dumps(sidecar), encoding="utf-8")
    (record,) = list(iter_records([str(tmp_path / "a.txt")]))

    assert isinstance(record, ArticleRecord)
    assert record.authors == ("Jane Doe",)


def test_front_matter_author_wins_over_the_sidecar_and_a_bad_sidecar_author_names_it() -> None:
    text = "---\ntitle: Checks\nauthor:\n  - Jane Doe\n---\n" + BODY
    record = read_text(text, "a.txt", sidecar={"creator": 3}, sidecar_name="a.json")
    assert record.authors == ("Jane Doe",)  # front matter beats the sidecar field by field

    with pytest.raises(ReadError) as caught:
        read_text(BODY, "b.txt", sidecar={"creator": 3}, sidecar_name="b.json")
    assert (caught.value.kind, caught.value.file) == ("field", "b.json")
    assert "'creator'" in caught.value.message


def test_a_text_article_without_metadata_has_no_invented_author() -> None:
    assert read_text("By Jane Doe\n\n" + BODY, "a.txt").authors == ()


# -- the record's hash -------------------------------------------------------------------


def test_authors_change_the_content_hash_but_not_their_order() -> None:
    plain = ArticleRecord(text=BODY, source="a.txt", id="auth-1")
    one = dataclasses.replace(plain, authors=("Jane Doe", "Lee Min"))
    other = dataclasses.replace(plain, authors=("Lee Min", "Jane Doe"))

    assert one.content_hash() != plain.content_hash()
    assert one.content_hash() == other.content_hash()
    # a record without authors hashes as it did before authors were read (computed with the
    # ArticleRecord of commit f2f5aca, which had no authors field)
    assert plain.content_hash() == (
        "2158d57981b2576f04c3156f61e98215c2d9a9510947f1f76b05e15ace9e22ef"
    )


# -- RDF ---------------------------------------------------------------------------------


def graph_of(record: ArticleRecord) -> ox.Store:
    extraction = Extraction(article_id="auth-1", text=record.text, sentences=[])
    store = ox.Store()
    store.extend(article_quads(record, extraction))
    return store


def rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    solutions = store.query(query, use_default_graph_as_union=True)
    return sorted(tuple(term.value for term in solution) for solution in solutions)


def test_an_author_is_a_schema_person_with_a_name() -> None:
    record = ArticleRecord(text=BODY, source="a.txt", authors=("Lee Min", "Jane Doe"))
    store = graph_of(record)

    assert rows(
        store,
        f"SELECT ?p ?n WHERE {{ <{ARTICLE}> <{SCHEMA}author> ?p . "
        f"?p a <{SCHEMA}Person> ; <{SCHEMA}name> ?n }}",
    ) == [(ACTOR + "jane-doe", "Jane Doe"), (ACTOR + "lee-min", "Lee Min")]


def test_an_author_who_also_translated_is_one_person_node() -> None:
    record = ArticleRecord(text=BODY, source="a.txt", authors=("Jane Doe",), translator="Jane Doe")
    store = graph_of(record)

    assert rows(store, f"SELECT ?p ?o WHERE {{ <{ARTICLE}> ?p ?o FILTER(isIRI(?o)) }}") == sorted(
        [
            (SCHEMA + "author", ACTOR + "jane-doe"),
            (SCHEMA + "translator", ACTOR + "jane-doe"),
            ("https://w3id.org/borderkg/ontology#text", ARTICLE + "#text"),
            ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", SCHEMA + "NewsArticle"),
            (
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                "https://w3id.org/borderkg/ontology#Article",
            ),
        ]
    )
    assert rows(store, f"SELECT ?n WHERE {{ <{ACTOR}jane-doe> <{SCHEMA}name> ?n }}") == [
        ("Jane Doe",)
    ]


@pytest.mark.parametrize(
    "byline",
    ["our correspondent", "Staff reporter", "Reuters staff", "Reuters", "Daily NK", "KCNA"],
)
def test_an_anonymous_byline_mints_no_person_and_is_kept_as_printed(byline: str) -> None:
    record = ArticleRecord(
        text=BODY, source="a.txt", authors=(byline, "Jane Doe"), publisher="Daily NK"
    )
    store = graph_of(record)

    assert rows(store, f"SELECT ?p WHERE {{ <{ARTICLE}> <{SCHEMA}author> ?p }}") == [
        (ACTOR + "jane-doe",)
    ]
    assert rows(store, f"SELECT ?n WHERE {{ ?p a <{SCHEMA}Person> ; <{SCHEMA}name> ?n }}") == [
        ("Jane Doe",)
    ]
    assert rows(store, f"SELECT ?b WHERE {{ <{ARTICLE}> <{BYLINE}> ?b }}") == [(byline,)]


def test_the_publisher_named_as_author_is_no_person() -> None:
    assert is_anonymous_byline("Example  news", "Example News")
    assert is_anonymous_byline("The Border Herald")
    assert not is_anonymous_byline("Jane Doe", "Example News")


def test_the_order_of_the_authors_does_not_change_the_graph() -> None:
    one = ArticleRecord(text=BODY, source="a.txt", authors=("Jane Doe", "Lee Min"))
    other = dataclasses.replace(one, authors=("Lee Min", "Jane Doe"))
    extraction = Extraction(article_id="auth-1", text=BODY, sentences=[])

    assert article_quads(one, extraction) == article_quads(other, extraction)


# -- through the SHACL gate into a store ---------------------------------------------------


def test_an_article_with_authors_passes_the_shacl_gate_into_the_store(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {
            "id": "auth-1",
            "url": "https://example.org/news/auth-1",
            "title": "Papers checked on the Tumen riverside road",
            "published": "2023-10-12",
            "author": "By Jane Doe and our correspondent",
            "body": BODY,
        },
        {
            "id": "auth-2",
            "url": "https://example.org/news/auth-2",
            "title": "More checks in Tumen",
            "published": "2023-10-13",
            "authors": [{"name": "Jane Doe"}],
            "body": BODY + " Guards were doubled.",
        },
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with GraphStore(tmp_path / "store") as store:
        summary = load(store, [str(feed)], workers=1, publish=False)
        found = [
            tuple(term.value for term in row)
            for row in store.query(
                "SELECT DISTINCT ?a ?n WHERE { ?a schema:author/schema:name ?n } ORDER BY ?a",
                union=True,
            )
        ]
        bylines = [
            tuple(term.value for term in row)
            for row in store.query("SELECT DISTINCT ?b WHERE { ?a bkg:byline ?b }", union=True)
        ]

    assert summary.rejected == []
    assert len(summary.added) == 2
    # one reporter linked across both articles
    assert found == [(ARTICLE, "Jane Doe"), (ARTICLE[:-1] + "2", "Jane Doe")]
    assert bylines == [("our correspondent",)]

"""Saved HTML pages: trafilatura main text, page metadata, cleaning and pages without text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from borderkg.loaders.readers import ReadError, iter_records, read_html
from borderkg.loaders.record import ArticleRecord

FIXTURES = Path(__file__).parent / "fixtures" / "readers" / "html"

ARTICLE_FIRST = (
    "Border guards in Sakju County, North Pyongan Province, have been ordered to write down "
    "the number and owner of every boat that goes onto the Yalu River, a source in the province "
    "told Daily NK last week."
)


@pytest.fixture(scope="module")
def article() -> ArticleRecord:
    (record,) = iter_records([FIXTURES / "article.html"])
    assert isinstance(record, ArticleRecord)
    return record


def test_metadata_comes_from_meta_json_ld_and_canonical_link(article: ArticleRecord) -> None:
    assert article.title == "Guards ordered to log every boat on the Yalu"
    assert article.url == "https://example.org/english/yalu-boat-log"  # canonical, not og:url
    assert article.published == dt.date(2023, 6, 5)
    assert article.publisher == "Daily NK"
    assert article.language == "en"
    assert article.keywords == ["border", "surveillance", "boats", "north pyongan"]
    assert article.extra["description"] == (
        "Border guards in Sakju must now record every boat on the river."
    )
    assert article.authors == ("Staff Reporter",)  # a field of its own, not an extra
    assert "author" not in article.extra
    assert article.extra["dateModified"] == "2023-06-06T10:00:00+09:00"
    assert article.missing == []


def test_main_text_has_paragraphs_and_subheading_but_no_headline_or_boilerplate(
    article: ArticleRecord,
) -> None:
    paragraphs = article.text.split("\n\n")

    assert paragraphs[0] == ARTICLE_FIRST
    assert paragraphs[2] == "Logs checked every week"
    assert len(paragraphs) == 4
    assert article.subheadings == ["Logs checked every week"]
    for absent in (
        "Guards ordered to log",
        "network of sources",
        "dailynk@example.org",
        "Translated by",
        "Politics",
        "Copyright",
        "\u00a0",
        "\r",
    ):
        assert absent not in article.text


def test_credits_and_figure_caption_are_read_from_the_page(article: ArticleRecord) -> None:
    assert (article.translator, article.editor) == ("Jane Roe", "John Poe")
    assert article.caption == "A small boat on the Yalu River near Sakju"
    assert article.photo_credit == "Daily NK"


def test_offsets_into_html_text_point_at_quoted_insertions(article: ArticleRecord) -> None:
    begin = article.text.index("“Even the fishermen")
    assert begin == len(ARTICLE_FIRST) + 2 == 204
    assert article.text.index("[local]") == 250
    assert article.text[250:257] == "[local]"


def test_json_ld_graph_gives_headline_date_and_main_entity_url() -> None:
    (record,) = iter_records([FIXTURES / "graph_jsonld.html"])

    assert isinstance(record, ArticleRecord)
    assert record.title == "Seafood smuggling resumes in Rason"
    assert record.published == dt.date(2023, 6, 7)
    assert record.url == "https://example.org/english/rason-seafood"
    assert record.keywords == ["smuggling", "seafood"]
    assert record.text.startswith("Smugglers in Rason have started moving frozen seafood")
    assert record.text.count("\n\n") == 1


def test_page_without_main_text_is_a_clear_error() -> None:
    (err,) = iter_records([FIXTURES / "no_main_text.html"])

    assert isinstance(err, ReadError)
    assert err.kind == "no-main-text"
    assert "no main text" in err.message
    assert err.file == str(FIXTURES / "no_main_text.html")


def test_unparseable_published_time_in_the_page_is_an_error_naming_it() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="soon"></head>'
        "<body><article><p>Guards in Onsong were replaced by a new unit from Pyongyang, "
        "a source in North Hamgyong Province said on Friday.</p></article></body></html>"
    )
    with pytest.raises(ReadError) as caught:
        read_html(page, "dated.html")

    assert caught.value.kind == "date"
    assert "article:published_time" in caught.value.message
    assert "'soon'" in caught.value.message


def test_page_without_metadata_leaves_title_date_and_url_missing() -> None:
    page = (
        "<html><body><article><p>Chinese border police in Tumen City have begun checking the "
        "papers of everyone on the riverside road, a source in Jilin Province said this week."
        "</p><p>The checks started after two people crossed the river at night.</p>"
        "</article></body></html>"
    )
    record = read_html(page, "bare.html")

    assert (record.title, record.published, record.url) == (None, None, None)
    assert record.missing == ["headline", "datePublished", "url"]
    assert record.text.endswith("crossed the river at night.")


def test_relative_canonical_link_is_resolved_against_og_url() -> None:
    page = (
        '<html><head><link rel="canonical" href="/english/tumen-checks">'
        '<meta property="og:url" content="https://example.org/english/tumen-checks?ref=feed">'
        "</head><body><article><p>Chinese border police in Tumen City have begun checking the "
        "papers of everyone on the riverside road, a source in Jilin Province said this week."
        "</p></article></body></html>"
    )

    assert read_html(page, "rel.html").url == "https://example.org/english/tumen-checks"


_BODY = (
    "<p>Chinese border police in Tumen City have begun checking the papers of everyone on the "
    "riverside road, a source in Jilin Province said this week.</p>"
    "<p>The checks started after two people crossed the river at night.</p>"
)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and Lee Min | Example News", ["Jane Doe", "Lee Min"]),
    ],
)
def test_a_byline_paragraph_inside_the_article_is_metadata_not_text(
    byline: str, names: list[str]
) -> None:
    page = f"<html><body><article><p>{byline}</p>{_BODY}</article></body></html>"
    record = read_html(page, "byline.html")

    assert record.text.startswith("Chinese border police in Tumen City")
    assert "By " not in record.text
    assert record.authors == tuple(names)


@pytest.mark.parametrize(
    "first",
    [
        "By March, guards had doubled the patrols.",
        "By the end of the year the fence was done.",
        "By Tuesday",
    ],
)
def test_a_first_paragraph_opening_with_by_but_not_a_byline_stays_text(first: str) -> None:
    page = f"<html><body><article><p>{first}</p>{_BODY}</article></body></html>"
    record = read_html(page, "by.html")

    assert record.text.startswith(first)
    assert record.authors == ()

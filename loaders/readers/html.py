"""Saved HTML pages: main text by trafilatura, metadata from the page's own markup.

Metadata comes from ``<meta>`` (Open Graph, ``article:*``, description, keywords),
JSON-LD ``NewsArticle`` objects and ``<link rel=canonical>``; the main text from
trafilatura's structured (XML) output, so paragraphs and ``<h2>`` subheadings
survive, and the items of a list are lines of one paragraph, each opening with ``- ``. A byline paragraph left inside the article element ("By NAME") is metadata (the
author), not text. The text then goes through the same cleaning as a plain-text article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from borderkg.loaders.readers.bylines import author_names, byline_names, split_byline
from borderkg.loaders.readers.errors import ReadError
from borderkg.loaders.readers.fields import FieldSource, build_record, parse_date
from borderkg.loaders.readers.layout import dedupe, parse_caption
from borderkg.loaders.record import ArticleRecord

_ARTICLE_TYPES = {
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
}


def _meta(tree: Any) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased name or property (repeats kept in order)."""
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def _walk_jsonld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_jsonld(data["@graph"])


def _jsonld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object typed as a (news) article; malformed blocks are skipped."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        for node in _walk_jsonld(data):
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            if _ARTICLE_TYPES.intersection(t for t in types if isinstance(t, str)):
                return node
    return {}


def _names(value: Any) -> list[str]:
    """Names of a JSON-LD value: a string, ``{"name": …}`` or a list of either."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _first(*candidates: Any) -> Any:
    return next((c for c in candidates if c), None)


def _canonical(tree: Any, base: str | None) -> str | None:
    """``<link rel=canonical>``, made absolute against ``base`` (og:url) when relative."""
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            return urljoin(base, href) if base and not urlsplit(href).scheme else href
    return None


def _url_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _url_of(value.get("@id") or value.get("url"))
    return None


def _keywords(meta: dict[str, list[str]], ld: dict[str, Any]) -> list[str]:
    items: list[str] = []
    ld_keywords = ld.get("keywords")
    if isinstance(ld_keywords, str):
        items += ld_keywords.split(",")
    elif isinstance(ld_keywords, list):
        items += [k for k in ld_keywords if isinstance(k, str)]
    for key in ("keywords", "news_keywords"):
        for content in meta.get(key, []):
            items += content.split(",")
    items += meta.get("article:tag", [])
    return dedupe(item.strip().lower() for item in items)


def _authors(ld_author: Any, meta_authors: list[str]) -> list[str]:
    """Author names of JSON-LD ``author`` and ``<meta name=author>``; a malformed JSON-LD
    item is skipped (the page's markup is not the researcher's to fix)."""
    names: list[str] = []
    for item in ld_author if isinstance(ld_author, list) else [ld_author]:
        try:
            names += author_names(item)
        except ValueError:
            continue
    for content in meta_authors:
        names += split_byline(content)
    return dedupe(names)


def page_metadata(tree: Any, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Metadata fields of a parsed page (authors among them) and extra fields
    (description, dateModified, html_title)."""
    meta = _meta(tree)
    ld = _jsonld_article(tree)
    one = {key: values[0] for key, values in meta.items()}
    html_title = tree.findtext(".//title")
    fields: dict[str, Any] = {
        "title": _first(one.get("og:title"), _first(*_names(ld.get("headline")))),
        "url": _first(
            _canonical(tree, one.get("og:url")),
            one.get("og:url"),
            _url_of(ld.get("url")),
            _url_of(ld.get("mainEntityOfPage")),
        ),
        "keywords": _keywords(meta, ld),
        "publisher": _first(_first(*_names(ld.get("publisher"))), one.get("og:site_name")),
        "language": _first(
            (tree.get("lang") or "").strip() or None,
            ld.get("inLanguage") if isinstance(ld.get("inLanguage"), str) else None,
        ),
    }
    dates = (
        ("JSON-LD datePublished", ld.get("datePublished")),
        ("meta article:published_time", one.get("article:published_time")),
        ("meta date", one.get("date") or one.get("pubdate") or one.get("publishdate")),
    )
    label, value = next(
        ((lbl, v) for lbl, v in dates if isinstance(v, str) and v.strip()), ("", None)
    )
    if value is not None:
        try:
            fields["published"] = parse_date(value)
        except ValueError as exc:
            raise ReadError(
                name, f"date in {label} = {value!r} cannot be parsed: {exc}", kind="date"
            ) from None
    extra: dict[str, Any] = {}
    description = _first(one.get("description"), one.get("og:description"))
    if description:
        extra["description"] = description
    authors = _authors(ld.get("author"), meta.get("author", []))
    if authors:
        fields["authors"] = authors
    if isinstance(ld.get("dateModified"), str):
        extra["dateModified"] = ld["dateModified"]
    if html_title and html_title.strip():
        extra["html_title"] = html_title.strip()
    return fields, extra


def _inline_text(element: Any) -> str:
    """Text of an element with ``<lb/>`` as a line break."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _main_blocks(xml: str) -> tuple[list[str], list[str], str | None]:
    """Paragraphs, subheadings and leading ``<h1>`` of trafilatura's XML output."""
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    blocks: list[str] = []
    headings: list[str] = []
    h1: str | None = None
    for element in main if main is not None else []:
        if element.tag == "list":
            # one line per item, marked as a bullet as a text file prints it: each item is
            # a statement of its own (the extractor's ``bullets``)
            items = (_inline_text(i) for i in element.iter("item"))
            text = "\n".join(f"- {t}" for t in items if t)
        elif element.tag == "quote" and len(element):
            text = "\n\n".join(t for t in (_inline_text(p) for p in element) if t)
        else:
            text = _inline_text(element)
        if not text:
            continue
        if element.tag == "head":
            if element.get("rend") == "h1" and not blocks and h1 is None:
                h1 = text  # the headline, not body text
                continue
            headings.append(text)
        blocks.append(text)
    return blocks, headings, h1


def _figure_caption(tree: Any) -> tuple[str | None, str | None]:
    """Caption and credit of the page's first ``<figcaption>``."""
    for element in tree.iter("figcaption"):
        text = " ".join(element.text_content().split())
        if text:
            found = parse_caption(text)
            return found if found else (text, None)
    return None, None


def read_html(text: str, name: str) -> ArticleRecord:
    """An ArticleRecord from a saved HTML page; a page without main text is an error."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(name, f"cannot parse the HTML: {exc}", kind="no-main-text") from None
    fields, extra = page_metadata(tree, name)

    import trafilatura  # here, not at the top: its import costs ~0.5 s every CLI start pays

    xml = trafilatura.extract(
        text,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    blocks, headings, h1 = _main_blocks(xml) if xml else ([], [], None)
    if not blocks:
        ld_body = _jsonld_article(tree).get("articleBody")
        if isinstance(ld_body, str) and ld_body.strip():
            blocks = [ld_body]
    if not blocks:
        raise ReadError(
            name,
            "no main text found in the HTML page (is it an index, a login or an error page?)",
            kind="no-main-text",
        )
    names = byline_names(blocks[0]) if len(blocks) > 1 and blocks[0] not in headings else None
    if names is not None:
        blocks = blocks[1:]  # a byline left inside the article element: metadata, not text
    authors = fields.pop("authors", None) or names or []
    fields["title"] = _first(fields["title"], h1, extra.get("html_title"))
    record = build_record(
        fields,
        "\n\n".join(blocks),
        FieldSource(name),
        source=name,
        known_subheadings=tuple(headings),
        no_body="the HTML page's main text is only keyword line, caption, credits "
        "or outlet boilerplate",
    )
    if record.caption is None and record.photo_credit is None:
        record.caption, record.photo_credit = _figure_caption(tree)
    record.authors = tuple(authors)  # already names: not split again as a byline field
    record.extra.update(extra)
    return record

"""The web UI: editor page, offline assets, search page and the search JSON API.

In-process app (Flask test client) over the session's sample-corpus store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from borderkg.api import create_app
from borderkg.api.gallery import load_examples
from borderkg.api.ui import safe_snippet
from borderkg.ontology.namespaces import PREFIXES

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
# A URL that makes a browser fetch code or styles: in src/href attributes, CSS url() and
# @import, or a string naming a .js/.css file.
REMOTE_ASSET = re.compile(
    r"""(?:url\(\s*['"]?|@import\s+['"]?|['"`])https?://[^'"`)\s]+?\.(?:m?js|css)\b""", re.I
)
# In stylesheets: any @import, or any url() off this host (fonts, images).
REMOTE_CSS = re.compile(r"""@import|url\(\s*['"]?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def app(sample_store: Path) -> Iterator[Flask]:
    application = create_app({"store": sample_store, "workers": 1})
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class _Assets(HTMLParser):
    """Scripts, stylesheets and JSON blocks of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.json_blocks: dict[str, str] = {}
        self._json_id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"] or "")
        if tag == "script" and a.get("type") == "application/json":
            self._json_id = a.get("id") or ""
        if tag == "link" and a.get("rel") in ("stylesheet", "icon"):
            self.styles.append(a.get("href") or "")

    def handle_data(self, data: str) -> None:
        if self._json_id is not None:
            self.json_blocks[self._json_id] = self.json_blocks.get(self._json_id, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json_id = None


def page_assets(client: FlaskClient, path: str) -> tuple[str, _Assets]:
    reply = client.get(path, headers=BROWSER)
    assert reply.status_code == 200
    page = reply.get_data(as_text=True)
    assets = _Assets()
    assets.feed(page)
    return page, assets


def test_index_page_loads_the_vendored_editor_preset_to_our_endpoint_with_project_prefixes(
    client: FlaskClient,
) -> None:
    _, assets = page_assets(client, "/")
    assert "/static/yasgui/yasgui.min.js" in assets.scripts
    assert "/static/editor.js" in assets.scripts
    assert "/static/yasgui/yasgui.min.css" in assets.styles
    config = json.loads(assets.json_blocks["editor-config"])
    assert config["endpoint"] == "/sparql"
    assert config["prefixes"] == PREFIXES
    for prefix, iri in PREFIXES.items():
        assert f"PREFIX {prefix}: <{iri}>" in config["query"]


def test_index_page_and_its_assets_load_nothing_from_other_hosts(client: FlaskClient) -> None:
    for path in ("/", "/examples", "/search?q=fence", "/article/dnk-2023-10-1025"):
        page, assets = page_assets(client, path)
        for url in assets.scripts + assets.styles:
            parts = urlsplit(url)
            assert not parts.scheme or parts.scheme == "data", f"{path} loads {url}"
            assert not parts.netloc, f"{path} loads {url}"
        assert not REMOTE_ASSET.search(page), path
        for url in assets.scripts + [s for s in assets.styles if s.startswith("/")]:
            reply = client.get(url)
            assert reply.status_code == 200, url
            body = reply.get_data(as_text=True)
            assert not REMOTE_ASSET.search(body), f"{url} refers to a remote script or style"
            if url.endswith(".css"):
                assert not REMOTE_CSS.search(body), f"{url} loads something from another host"
            assert "sourceMappingURL" not in body, url


def test_vendored_editor_ships_with_its_licence(client: FlaskClient) -> None:
    reply = client.get("/static/yasgui/LICENSE")
    assert reply.status_code == 200
    text = reply.get_data(as_text=True)
    assert "MIT License" in text and "@zazuko/yasgui" in text
    reply = client.get("/static/yasgui/yasgui.min.js")
    assert reply.status_code == 200
    assert reply.mimetype in ("text/javascript", "application/javascript")
    assert len(reply.get_data()) > 500_000


def test_editor_script_points_result_links_at_our_pages_and_stays_offline(
    client: FlaskClient,
) -> None:
    script = client.get("/static/editor.js").get_data(as_text=True)
    assert "getUriLinkFromBinding" in script  # result IRIs rewritten to local pages
    assert '"/page?iri="' in script
    assert '"prefixes"' in script and '"variables"' in script  # the offline completers only


def test_every_page_has_the_search_box(client: FlaskClient) -> None:
    for path in ("/", "/examples", "/ontology", "/id/place/hyesan", "/search"):
        reply = client.get(path, headers=BROWSER)
        assert reply.status_code == 200, path
        page = reply.get_data(as_text=True)
        assert re.search(r'<form class="search" role="search" action="/search"', page), path
        assert 'name="q"' in page


def test_front_page_links_each_example_into_the_editor(client: FlaskClient) -> None:
    page, _ = page_assets(client, "/")
    for ex in load_examples():
        assert f'data-example="{ex.name}"' in page


def test_search_page_lists_hits_linking_to_article_and_entity_pages(client: FlaskClient) -> None:
    page, _ = page_assets(client, "/search?q=Hyesan")
    assert re.search(r'<li class="hit hit-article">\s*<a href="/article/', page)
    assert re.search(r'<li class="hit hit-entity">\s*<a href="/id/place/hyesan"', page)
    assert "<mark>" in page
    page, _ = page_assets(client, "/search?q=Hyesan&kind=entity")
    assert 'class="hit hit-article"' not in page


def test_search_page_escapes_what_the_user_typed(client: FlaskClient) -> None:
    page, _ = page_assets(client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_snippets_keep_marks_and_escape_everything_else() -> None:
    raw = "a &lt;b&gt; <mark>Hyesan</mark> &amp; <img src=x onerror=alert(1)>"
    shown = str(safe_snippet(raw))
    assert "<mark>Hyesan</mark>" in shown
    assert "<img" not in shown and "&lt;img" in shown
    assert "&lt;b&gt;" in shown and "&amp;" in shown


def test_search_api_returns_hits_with_links_to_pages(client: FlaskClient) -> None:
    reply = client.get("/api/search", query_string={"q": "Hyesan", "limit": 5})
    assert reply.status_code == 200
    data = reply.get_json()
    assert data["query"] == "Hyesan" and data["limit"] == 5
    assert 0 < len(data["hits"]) <= 5 <= data["total"]
    for hit in data["hits"]:
        assert set(hit) >= {"kind", "iri", "label", "snippet", "score", "href"}
        assert hit["href"].startswith(("/article/", "/id/", "/scheme/"))
        assert client.get(hit["href"], headers=BROWSER).status_code == 200
    entities = client.get("/api/search", query_string={"q": "Hyesan", "kind": "entity"})
    assert {h["kind"] for h in entities.get_json()["hits"]} == {"entity"}
    page2 = client.get("/api/search", query_string={"q": "Hyesan", "limit": 2, "offset": 2})
    first = client.get("/api/search", query_string={"q": "Hyesan", "limit": 4}).get_json()
    assert [h["iri"] for h in page2.get_json()["hits"]] == [h["iri"] for h in first["hits"][2:4]]


def test_search_api_takes_search_syntax_as_words(client: FlaskClient) -> None:
    for q in ('"unbalanced', "AND OR NOT", "title:fence", "(*)"):
        reply = client.get("/api/search", query_string={"q": q})
        assert reply.status_code == 200, q
        assert isinstance(reply.get_json()["hits"], list)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "missing-parameter"),
        ({"q": "   "}, "missing-parameter"),
        ({"q": "fence", "kind": "person"}, "bad-parameter"),
        ({"q": "fence", "limit": "0"}, "bad-parameter"),
        ({"q": "fence", "limit": "1000"}, "bad-parameter"),
        ({"q": "fence", "limit": "ten"}, "bad-parameter"),
        ({"q": "fence", "offset": "-1"}, "bad-parameter"),
    ],
)
def test_search_api_rejects_bad_parameters_in_the_json_error_shape(
    client: FlaskClient, params: dict[str, str], code: str
) -> None:
    reply = client.get("/api/search", query_string=params)
    assert reply.status_code == 400
    assert reply.mimetype == "application/json"
    error = reply.get_json()["error"]
    assert error["status"] == 400 and error["code"] == code
    assert error["message"]


def test_search_page_pages_through_many_hits(client: FlaskClient) -> None:
    total = client.get("/api/search", query_string={"q": "border"}).get_json()["total"]
    assert total > 20
    first, _ = page_assets(client, "/search?q=border")
    assert f"{total} results" in first and "showing 1–20" in first
    assert 'href="/search?q=border&amp;offset=20" rel="next"' in first
    second, _ = page_assets(client, "/search?q=border&offset=20")
    assert "showing 21–" in second
    assert 'rel="prev"' in second

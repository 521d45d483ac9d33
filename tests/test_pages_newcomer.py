"""What a newcomer meets in the demo's pages: links that work, names for untitled articles,
error pages for browsers, search pages past the end, a readable dataset description, and
405s counted under their route.

In-process app (Flask test client) over the session's sample-corpus store, as
``tests/test_api_pages.py`` uses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, URIRef

from borderkg.api import create_app
from borderkg.ldpaths import Links
from borderkg.ontology.namespaces import BASE
from borderkg.pagedata import untitled_label
from borderkg.snapshots import current_snapshot
from borderkg.store import GraphStore

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
#: The pages the newcomer's review crawled from, one of each kind, plus search and /dataset.
START_PAGES = (
    "/article/dnk-2023-10-1025",
    "/id/place/china",
    "/ontology",
    "/scheme/measure-type",
    "/graph/article/dnk-2023-10-1025",
    "/run/borderkg-0-1-0",
    "/id/legal/refugee-convention",
    "/page?iri=http%3A%2F%2Fwww.wikidata.org%2Fentity%2FQ148",
    "/search?q=cameras",
    "/dataset",
)


@pytest.fixture(scope="module")
def app(sample_store: Path) -> Iterator[Flask]:
    application = create_app({"store": sample_store, "workers": 2})
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class _Anchors(HTMLParser):
    """Every ``<a>`` of a page: its ``href`` and ``class``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors.append({k: v or "" for k, v in attrs})


def anchors(page: str) -> list[dict[str, str]]:
    parser = _Anchors()
    parser.feed(page)
    return parser.anchors


def browse(client: FlaskClient, path: str, status: int = 200) -> str:
    reply = client.get(path, headers=BROWSER)
    assert reply.status_code == status, (path, reply.get_data(as_text=True)[:300])
    assert reply.mimetype == "text/html", path
    return reply.get_data(as_text=True)


def untitled_articles(store_path: Path) -> dict[str, str]:
    """The sample store's articles without a headline, with the start of their text."""
    snapshot = current_snapshot(store_path)
    assert snapshot is not None
    with GraphStore.open_read_only(snapshot) as store:
        found = store.query(
            "SELECT ?a ?text WHERE { GRAPH ?g {"
            f" ?a a <{BASE}ontology#Article> ; <{BASE}ontology#text> ?t ."
            " ?t <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?text"
            " FILTER NOT EXISTS { ?a <https://schema.org/headline> ?h } } }"
        )
        return {row["a"].value: row["text"].value for row in found}


# -- 1. no link on a page leads to a 404 ----------------------------------------------------


def test_no_internal_link_on_the_demo_pages_answers_404(client: FlaskClient) -> None:
    checked: dict[str, int] = {}
    for start in START_PAGES:
        for anchor in anchors(browse(client, start)):
            href = anchor.get("href", "")
            parts = urlsplit(href)
            path = href.partition("#")[0]
            if parts.scheme or parts.netloc or not path or path in checked:
                continue
            checked[path] = client.get(path, headers=BROWSER).status_code
    broken = sorted(path for path, status in checked.items() if status == 404)
    assert not broken, f"{len(broken)} of {len(checked)} links answer 404: {broken[:10]}"
    assert len(checked) > 100  # the crawl really followed the pages' links
    assert any(path.startswith("/page?iri=") for path in checked)  # IRIs the store describes


def test_vocabulary_terms_link_out_to_the_iri_marked_as_external(client: FlaskClient) -> None:
    page = browse(client, "/article/dnk-2023-10-1025")
    by_href = {a["href"]: a for a in anchors(page)}
    for term in ("https://schema.org/headline", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"):
        assert term in by_href, term
        assert "external" in by_href[term].get("class", "").split()
        assert "external" in by_href[term].get("rel", "").split()
    assert not any(
        a["href"].startswith("/page?iri=https%3A%2F%2Fschema.org%2Fheadline") for a in anchors(page)
    )
    # the project's own terms and entities stay on this server
    assert "/ontology#Article" in by_href
    assert "external" not in by_href["/ontology#Article"].get("class", "")


def test_links_go_here_only_where_there_is_a_page() -> None:
    links = Links({"http://www.wikidata.org/entity/Q148"})
    place = links.link(BASE + "id/place/china")
    assert place is not None and (place.url, place.external) == ("/id/place/china", False)
    node = links.link(BASE + "article/x#policy-1")
    assert node is not None and node.url == "/article/x#policy-1"
    described = links.link("http://www.wikidata.org/entity/Q148")
    assert (
        described is not None and described.url.startswith("/page?iri=") and not described.external
    )
    term = links.link("https://schema.org/headline")
    assert term is not None and (term.url, term.external) == ("https://schema.org/headline", True)
    assert links.link("urn:isbn:0451450523") is None


# -- 2. untitled articles are named by their words, not a hash ---------------------------------


def test_untitled_article_heading_quotes_its_first_words_and_keeps_the_iri_smaller(
    client: FlaskClient, sample_store: Path
) -> None:
    untitled = untitled_articles(sample_store)
    assert untitled, "the sample corpus has no untitled article to show"
    for iri, text in untitled.items():
        art_id = iri.rsplit("/", 1)[-1]
        page = browse(client, "/article/" + art_id)
        heading = re.search(r"<h1>(.*?)</h1>", page, re.S)
        assert heading is not None
        assert heading.group(1).startswith("(untitled) “")
        assert art_id not in heading.group(1)
        assert " ".join(text.split()[:4]) in heading.group(1)
        assert f'<p class="iri">{iri}</p>' in page


def test_untitled_article_in_search_results_is_named_by_its_first_words(
    client: FlaskClient, sample_store: Path
) -> None:
    iri, text = sorted(untitled_articles(sample_store).items())[0]
    words = " ".join(text.split()[:3])
    page = browse(client, "/search?" + f"q=%22{words.replace(' ', '+')}%22&kind=article")
    link = re.search(rf'<a href="/article/{re.escape(iri.rsplit("/", 1)[-1])}">(.*?)</a>', page)
    assert link is not None, page[-2000:]
    assert link.group(1).startswith("(untitled) “" + words)
    assert f'<span class="iri">{iri}</span>' in page


def test_untitled_name_falls_back_to_caption_then_file_name() -> None:
    long_text = "Border guards shot a man crossing the Tumen River near Musan last Thursday night"
    named = untitled_label(long_text)
    assert named.startswith("(untitled) “Border guards shot") and named.endswith("…”")
    assert len(named) < len(long_text)
    assert untitled_label("", "The Tumen near Musan") == "(untitled) “The Tumen near Musan”"
    assert (
        untitled_label("", "", "/corpus/text/2021-07-musan.txt") == "(untitled) 2021-07-musan.txt"
    )
    assert untitled_label() == "(untitled)"


# -- 3. errors of /page are pages for browsers, JSON for clients ---------------------------


@pytest.mark.parametrize(("query", "code"), [("", "missing-parameter"), ("not an iri", "bad-iri")])
def test_page_errors_are_html_for_browsers_and_the_json_shape_for_clients(
    client: FlaskClient, query: str, code: str
) -> None:
    page = browse(client, "/page?" + f"iri={query.replace(' ', '%20')}", status=400)
    assert "HTTP status 400" in page and 'name="q"' in page
    for headers in (JSON, {}, {"Accept": "*/*"}):
        reply = client.get("/page", query_string={"iri": query}, headers=headers)
        assert reply.status_code == 400
        assert reply.mimetype == "application/json"
        assert reply.get_json()["error"]["code"] == code
        assert "Accept" in reply.headers.get("Vary", "")


def test_unknown_iri_on_page_is_a_404_page_for_browsers(client: FlaskClient) -> None:
    page = browse(client, "/page?iri=http%3A%2F%2Fexample.org%2Fnothing", status=404)
    assert "http://example.org/nothing" in page
    reply = client.get("/page?iri=http%3A%2F%2Fexample.org%2Fnothing", headers=JSON)
    assert reply.status_code == 404 and reply.get_json()["error"]["code"] == "not-found"


# -- 4. a search page past the end says so ---------------------------------------------------


def test_search_page_past_the_last_hit_says_so_and_links_to_the_first_page(
    client: FlaskClient,
) -> None:
    api = client.get("/api/search", query_string={"q": "cameras", "offset": 40}).get_json()
    assert api["hits"] == [] and api["total"] > 0  # the API's rule: past the end is no error
    page = browse(client, "/search?q=cameras&offset=40")
    assert f"There are {api['total']} results for <strong>cameras</strong>" in page
    assert "past the end" in page
    assert 'href="/search?q=cameras"' in page
    assert "No results" not in page


def test_search_page_offset_beyond_the_limit_is_refused_as_by_the_api(
    client: FlaskClient,
) -> None:
    api = client.get("/api/search", query_string={"q": "cameras", "offset": 20000})
    assert api.status_code == 400
    page = browse(client, "/search?q=cameras&offset=20000", status=400)
    assert api.get_json()["error"]["message"] in page
    assert 'href="/search?q=cameras"' in page
    assert "No results" not in page
    browse(client, "/search?q=cameras&offset=lots", status=400)


# -- 5. the dataset description is readable in a browser ---------------------------------------


def test_footer_dataset_link_opens_a_page_and_void_still_negotiates_rdf(
    client: FlaskClient,
) -> None:
    footer = browse(client, "/").split('<footer class="site">', 1)[1]
    target = next(a["href"] for a in anchors(footer) if "/dataset" in a["href"])
    page = browse(client, target)
    turtle = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle"
    graph = Graph().parse(data=turtle.get_data(as_text=True), format="turtle")
    triples = graph.value(
        URIRef("http://localhost/.well-known/void#dataset"),
        URIRef("http://rdfs.org/ns/void#triples"),
    )
    assert triples is not None
    assert f"{int(triples):,}" in page  # the same count, for people
    assert "Classes (" in page and "/ontology#Policy" in page
    formats = [a["href"] for a in anchors(page) if a["href"].startswith("/.well-known/void?")]
    assert "/.well-known/void?format=turtle" in formats
    for href in formats:
        assert client.get(href, headers=BROWSER).status_code == 200
    rdfxml = client.get("/.well-known/void", headers={"Accept": "application/rdf+xml"})
    assert rdfxml.mimetype == "application/rdf+xml"


# -- 6. a method not allowed is counted under its route ---------------------------------------


def _count(client: FlaskClient, series: str) -> float:
    for line in client.get("/metrics").get_data(as_text=True).splitlines():
        if line.startswith(series + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_method_not_allowed_is_counted_under_its_route_and_404s_as_unmatched(
    client: FlaskClient,
) -> None:
    put = 'borderkg_http_requests_total{route="/sparql",method="PUT",status="405"}'
    wrongly = 'borderkg_http_requests_total{route="unmatched",method="PUT",status="405"}'
    missing = 'borderkg_http_requests_total{route="unmatched",method="GET",status="404"}'
    before = {s: _count(client, s) for s in (put, wrongly, missing)}
    reply = client.put("/sparql", data="x")
    assert reply.status_code == 405 and "GET" in reply.headers["Allow"]
    assert client.get("/no/such/page").status_code == 404
    assert _count(client, put) == before[put] + 1
    assert _count(client, wrongly) == before[wrongly]
    assert _count(client, missing) == before[missing] + 1

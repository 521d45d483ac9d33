"""Linked Data pages: every minted IRI dereferences, HTML for browsers and RDF by Accept.

In-process app (Flask test client) over the session's sample-corpus store, plus a small
store of hand-written graphs for escaping; highlight tests use the function directly.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, URIRef

from borderkg.api import create_app
from borderkg.highlight import Span, highlight_html
from borderkg.ldpaths import document_of, href, local_path
from borderkg.ontology.namespaces import BASE
from borderkg.pipeline import load
from borderkg.snapshots import current_snapshot, publish_snapshot
from borderkg.store import GraphStore

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
TURTLE = {"Accept": "text/turtle"}
CHINA = BASE + "id/place/china"
ARTICLE = BASE + "article/dnk-2023-10-1025"


@pytest.fixture(scope="module")
def app(sample_store: Path) -> Iterator[Flask]:
    application = create_app({"store": sample_store, "workers": 2})
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def html_of(client: FlaskClient, path: str, status: int = 200) -> str:
    reply = client.get(path, headers=BROWSER)
    assert reply.status_code == status, reply.get_data(as_text=True)[:500]
    assert reply.mimetype == "text/html"
    assert "Accept" in reply.headers.get("Vary", "")
    return reply.get_data(as_text=True)


def turtle_of(client: FlaskClient, path: str) -> Graph:
    reply = client.get(path, headers=TURTLE)
    assert reply.status_code == 200, reply.get_data(as_text=True)[:500]
    assert reply.mimetype == "text/turtle"
    assert "Accept" in reply.headers.get("Vary", "")
    return Graph().parse(data=reply.get_data(as_text=True), format="turtle")


def minted_iris(store_path: Path) -> dict[str, list[str]]:
    """Every minted IRI in the store, by what it is."""
    snapshot = current_snapshot(store_path)  # never the live store: a server may write it
    assert snapshot is not None
    with GraphStore.open_read_only(snapshot) as store:
        found = store.query(
            "SELECT DISTINCT ?x WHERE { { GRAPH ?g { ?x ?p ?o } } UNION { GRAPH ?g { ?s ?p ?x } }"
            " UNION { GRAPH ?x { ?s ?p ?o } } "
            f'FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{BASE}")) }}'
        )
        iris = sorted(row["x"].value for row in found)
    groups: dict[str, list[str]] = {}
    for iri in iris:
        doc = document_of(iri)
        key = doc.kind if doc else "other"
        if doc and doc.kind == "article" and "#" in iri:
            key = "article-node"
        groups.setdefault(key, []).append(iri)
    return groups


# -- every minted IRI dereferences --------------------------------------------------------


def test_fifty_random_minted_iris_dereference_as_html_and_turtle(
    client: FlaskClient,
    sample_store: Path,
) -> None:
    groups = minted_iris(sample_store)
    for kind in ("entity", "article", "article-node", "concept", "graph"):
        assert groups.get(kind), f"the sample store has no {kind} IRIs"
    rng = random.Random(20240605)
    # Entities, articles and per-article nodes make up most of the sample; the rest of
    # the kinds (concepts, schemes, graphs, ontology terms, runs) at least one each.
    picked = rng.sample(groups["entity"], 14) + rng.sample(groups["article"], 8)
    picked += rng.sample(groups["article-node"], 14)
    for kind in sorted(set(groups) - {"entity", "article", "article-node"}):
        picked += rng.sample(groups[kind], min(3, len(groups[kind])))
    rest = [i for members in groups.values() for i in members if i not in picked]
    picked += rng.sample(rest, 50 - len(picked))
    assert len(set(picked)) == 50

    for iri in picked:
        path = local_path(iri)
        assert path is not None, iri
        page_path = path.partition("#")[0]
        page = html_of(client, page_path)
        assert "<h1>" in page, iri
        graph = turtle_of(client, page_path)
        node = URIRef(iri)
        mentioned = (
            (node, None, None) in graph
            or (None, None, node) in graph
            or (None, node, None) in graph
        )
        assert mentioned, f"the Turtle of {page_path} does not mention {iri}"


def test_per_article_node_iri_lands_on_its_statement_in_the_article_page(
    client: FlaskClient,
) -> None:
    page = html_of(client, "/article/dnk-2023-10-1025")
    assert 'id="policy-1"' in page
    assert 'id="source-1"' in page
    assert 'id="text"' in page
    reply = client.get("/page?iri=" + quote(ARTICLE + "#policy-1", safe=""), headers=BROWSER)
    assert reply.status_code == 303
    assert reply.headers["Location"].endswith("/article/dnk-2023-10-1025#policy-1")


# -- content negotiation -----------------------------------------------------------------


def test_entity_is_served_in_each_rdf_format_the_client_asks_for(client: FlaskClient) -> None:
    for accept, fmt in (
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("text/turtle;q=0.5, application/n-triples;q=0.9", ox.RdfFormat.N_TRIPLES),
    ):
        reply = client.get("/id/place/china", headers={"Accept": accept})
        assert reply.status_code == 200, accept
        assert reply.mimetype == fmt.media_type
        triples = list(ox.parse(reply.get_data(), format=fmt))
        subjects = {t.subject for t in triples}
        assert ox.NamedNode(CHINA) in subjects, accept


def test_clients_without_a_preference_get_turtle_and_browsers_get_html(
    client: FlaskClient,
) -> None:
    for headers in ({}, {"Accept": "*/*"}):
        reply = client.get("/id/place/hyesan", headers=headers)
        assert reply.status_code == 200
        assert reply.mimetype == "text/turtle"
    assert "Hyesan" in html_of(client, "/id/place/hyesan")
    reply = client.get("/id/place/hyesan?format=jsonld", headers=BROWSER)
    assert reply.mimetype == "application/ld+json"
    reply = client.get("/id/place/hyesan?format=html", headers=TURTLE)
    assert reply.mimetype == "text/html"


def test_unacceptable_media_type_is_406_in_the_json_error_shape(client: FlaskClient) -> None:
    reply = client.get("/id/place/china", headers={"Accept": "image/png"})
    assert reply.status_code == 406
    assert reply.get_json()["error"]["code"] == "not-acceptable"
    assert "Accept" in reply.headers.get("Vary", "")


def test_unknown_iri_is_404_html_for_browsers_and_json_otherwise(client: FlaskClient) -> None:
    page = html_of(client, "/id/place/atlantis-on-the-yalu", status=404)
    assert "Not found" in page
    assert 'name="q"' in page  # a search box to look for it
    reply = client.get("/id/place/atlantis-on-the-yalu", headers=TURTLE)
    assert reply.status_code == 404
    body = reply.get_json()["error"]
    assert body["status"] == 404 and body["code"] == "not-found"
    assert body["iri"] == BASE + "id/place/atlantis-on-the-yalu"
    for path in ("/article/no-such-article", "/graph/article/no-such-article"):
        assert client.get(path, headers=TURTLE).status_code == 404
        html_of(client, path, status=404)


def test_page_for_an_iri_minted_elsewhere_shows_what_points_to_it(client: FlaskClient) -> None:
    page = html_of(client, "/page?iri=" + quote("http://www.wikidata.org/entity/Q148", safe=""))
    assert 'href="/id/place/china"' in page
    graph = turtle_of(client, "/page?iri=" + quote("http://www.wikidata.org/entity/Q148"))
    assert (URIRef(CHINA), None, URIRef("http://www.wikidata.org/entity/Q148")) in graph


def test_page_refuses_a_string_that_is_not_an_iri(client: FlaskClient) -> None:
    for bad in ("", "not an iri", "http://x/> } DROP ALL { <y"):
        reply = client.get("/page", query_string={"iri": bad}, headers=TURTLE)
        assert reply.status_code == 400, bad
        assert reply.get_json()["error"]["code"] in ("missing-parameter", "bad-iri")


# -- what the pages show ------------------------------------------------------------------


class _TextOf(HTMLParser):
    """Collects the character data inside the element with id="text"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.depth:
            self.depth += 1
            if attributes.get("id"):
                self.ids.append(attributes["id"] or "")
        elif attributes.get("id") == "text":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def test_article_page_shows_the_stored_text_with_every_span_and_links_statements_to_them(
    client: FlaskClient,
) -> None:
    page = html_of(client, "/article/dnk-2023-10-1025")
    with_graph = turtle_of(client, "/article/dnk-2023-10-1025")
    text = str(
        with_graph.value(
            URIRef(ARTICLE + "#text"),
            URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"),
        )
    )
    parser = _TextOf()
    parser.feed(page)
    assert "".join(parser.parts) == text  # highlighting adds markup, never changes the text
    spans = {
        str(s).partition("#")[2]
        for s in with_graph.subjects(
            URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex"),
            None,
        )
    }
    assert spans and spans <= set(parser.ids)
    evidence_links = set(re.findall(r'class="evidence-links">(.*?)</p>', page, re.S))
    targets = set(re.findall(r'href="#(char=\d+,\d+)"', "".join(evidence_links)))
    assert targets and targets <= set(parser.ids)
    assert "Chinese police put up new cameras along the Yalu" in page
    assert '<time datetime="2023-10-25">' in page
    for heading in ("Policies and measures", "Claims", "Quotations", "Sources"):
        assert heading in page


def _byline(page: str) -> str:
    found = re.search(r'<p class="byline">(.*?)</p>', page, re.S)
    assert found, "no byline paragraph"
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


def test_article_page_byline_names_an_anonymous_byline_as_printed(client: FlaskClient) -> None:
    page = html_of(client, "/article/example-org-news-2022-12-hunchun-motion-sensors-cctv")
    assert _byline(page).startswith("By Daily NK · 2022-12-07")


def test_article_page_byline_links_each_author_and_keeps_a_credit_apart(tmp_path: Path) -> None:
    article = tmp_path / "a.json"
    article.write_text(
        '{"id": "byline-test", "title": "Cameras on the Yalu", "published": "2024-05-02",'
        ' "author": ["Ana Kwon", "Ben Hart"], "translator": "the translation team",'
        ' "body": "Chinese border police have installed new cameras along the Yalu River."}',
        encoding="utf-8",
    )
    with GraphStore.open(tmp_path / "store") as store:
        assert load(store, [str(article)], workers=1).exit_code == 0
    application = create_app({"store": tmp_path / "store", "workers": 1})
    try:
        page = html_of(application.test_client(), "/article/byline-test")
    finally:
        application.extensions["borderkg"].close()
    # A credit naming no person keeps its role, apart from the authors.
    assert _byline(page).startswith(
        "By Ana Kwon, Ben Hart · Translated by the translation team · 2024-05-02"
    )
    links = re.findall(r'<span class="authors">(.*?)</span>', page, re.S)[0]
    assert len(re.findall(r'<a href="/id/actor/[a-z-]+"', links)) == 2


def test_an_entity_without_published_identifiers_says_why(client: FlaskClient) -> None:
    """Musan's identifiers are single-source, so none is published: the page says so,
    while China's, which has them, does not."""
    page = html_of(client, "/id/place/musan")
    assert "no-identifiers" in page and "two independent sources" in page
    assert "no-identifiers" not in html_of(client, "/id/place/china")


def test_entity_page_shows_labels_links_out_mentions_and_related_policies(
    client: FlaskClient,
) -> None:
    page = html_of(client, "/id/place/china")
    assert "<h1>China</h1>" in page
    assert 'href="https://www.wikidata.org/wiki/Q148"' in page
    assert 'href="https://www.geonames.org/1814991/"' in page
    assert "Mentioned in" in page and "<mark>" in page
    assert 'href="/article/' in page
    assert "Policies, events and claims" in page
    assert "Legal instruments" in page
    assert "Convention against Torture" in page  # via China's treaty participation


def test_legal_instrument_page_lists_the_claims_that_invoke_it(client: FlaskClient) -> None:
    page = html_of(client, "/id/legal/refugee-convention")
    assert "Claims invoking it" in page
    assert "/id/legal/refugee-convention/art_33" in page


def test_concept_and_scheme_pages_list_their_uses_and_concepts(client: FlaskClient) -> None:
    page = html_of(client, "/scheme/measure-type/CCTVInstallation")
    assert "CCTV installation" in page
    assert "#policy-" in page  # policies of this measure type
    page = html_of(client, "/scheme/measure-type")
    assert 'href="/scheme/measure-type/SensorInstallation"' in page
    graph = turtle_of(client, "/scheme/measure-type")
    skos = "http://www.w3.org/2004/02/skos/core#"
    members = set(graph.subjects(URIRef(skos + "inScheme"), URIRef(BASE + "scheme/measure-type")))
    assert URIRef(BASE + "scheme/measure-type/CCTVInstallation") in members


def test_ontology_page_has_an_anchor_per_term_and_its_turtle_is_the_ontology(
    client: FlaskClient,
) -> None:
    page = html_of(client, "/ontology")
    for term in ("Policy", "EvidenceSpan", "measureType", "evidence"):
        assert f'id="{term}"' in page
    graph = turtle_of(client, "/ontology")
    owl = "http://www.w3.org/2002/07/owl#"
    assert (URIRef(BASE + "ontology#Policy"), None, URIRef(owl + "Class")) in graph


def test_graph_page_counts_the_triples_and_links_to_its_article(client: FlaskClient) -> None:
    page = html_of(client, "/graph/article/dnk-2023-10-1025")
    assert 'href="/article/dnk-2023-10-1025"' in page
    assert re.search(r"\d+ triples", page)


# -- escaping -----------------------------------------------------------------------------

NASTY = '<script>alert("x")</script> & <b>bold</b>'


@pytest.fixture(scope="module")
def nasty_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """A store with one article whose headline, text and anchor hold markup."""
    path = tmp_path_factory.mktemp("nasty") / "store"
    art = BASE + "article/nasty"
    text = f"Police said {NASTY} near the river."
    begin = text.index("<script>")
    end = begin + len(NASTY)
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    bkg = BASE + "ontology#"

    def lit(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def number(value: int) -> str:
        return f'"{value}"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'

    lines = [
        f"<{art}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{bkg}Article> .",
        f"<{art}> <https://schema.org/headline> {lit('Headline ' + NASTY)} .",
        f"<{art}> <https://schema.org/url> {lit('javascript:alert(1)')} .",
        f"<{art}> <{bkg}text> <{art}#text> .",
        f"<{art}#text> <{nif}isString> {lit(text)} .",
        f"<{art}#char={begin},{end}> <{nif}referenceContext> <{art}#text> .",
        f"<{art}#char={begin},{end}> <{nif}beginIndex> {number(begin)} .",
        f"<{art}#char={begin},{end}> <{nif}endIndex> {number(end)} .",
        f"<{art}#char={begin},{end}> <{nif}anchorOf> {lit(NASTY)} .",
        f"<{art}#policy-1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{bkg}Policy> .",
        f"<{art}#policy-1> <{bkg}evidence> <{art}#char={begin},{end}> .",
        f"<{art}#policy-1> <{bkg}timeExpression> {lit(NASTY)} .",
    ]
    triples = [q.triple for q in ox.parse("\n".join(lines), format=ox.RdfFormat.N_TRIPLES)]
    with GraphStore.open(path) as store:
        store.replace_graph(BASE + "graph/article/nasty", triples)
        publish_snapshot(store)
    application = create_app({"store": path, "workers": 1})
    yield application.test_client()
    application.extensions["borderkg"].close()


def test_markup_in_article_text_headline_and_statements_is_escaped(
    nasty_client: FlaskClient,
) -> None:
    page = html_of(nasty_client, "/article/nasty")
    assert "<script>alert" not in page
    assert "<b>bold</b>" not in page
    assert 'href="javascript:' not in page
    assert html.escape(NASTY, quote=False) in page
    parser = _TextOf()
    parser.feed(page)
    assert NASTY in "".join(parser.parts)


# -- highlighting, directly ------------------------------------------------------------------


def _well_formed(markup: str) -> None:
    depth = 0
    for tag in re.findall(r"</?span\b", markup):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0


def test_overlapping_spans_are_split_into_well_formed_pieces_with_one_id_each() -> None:
    text = "abcdefghij"
    spans = [Span(0, 6, "a"), Span(3, 9, "b"), Span(4, 5, "c"), Span(0, 10, "s", ("s",))]
    markup = highlight_html(text, spans)
    _well_formed(markup)
    assert re.sub(r"<[^>]+>", "", markup) == text
    for name in ("a", "b", "c", "s"):
        assert markup.count(f'id="{name}"') == 1
    # b starts inside a and ends after it: it is cut where a closes and continued.
    assert markup.count('data-span="b"') == 2
    assert 'class="ev ev-cont" data-span="b"' in markup


def test_nested_spans_stay_nested_and_bad_spans_are_dropped() -> None:
    text = "one two three"
    markup = highlight_html(
        text, [Span(0, 13, "outer"), Span(4, 7, "inner"), Span(5, 99, "bad"), Span(3, 3, "empty")]
    )
    _well_formed(markup)
    assert markup.count("<span") == 2
    assert markup.index('id="outer"') < markup.index('id="inner"')
    assert "bad" not in markup and "empty" not in markup


def test_links_go_to_local_paths_for_minted_iris_and_to_page_for_others() -> None:
    assert href(BASE + "article/x#policy-1") == "/article/x#policy-1"
    assert href(BASE + "ontology#Policy") == "/ontology#Policy"
    assert href("http://www.wikidata.org/entity/Q148") == (
        "/page?iri=http%3A%2F%2Fwww.wikidata.org%2Fentity%2FQ148"
    )


def test_article_page_links_out_to_the_original_web_address(client: FlaskClient) -> None:
    page = html_of(client, "/article/dnk-2022-09-0927")
    assert 'href="https://example.org/news/2022/09/pine-nut-exports-changbai"' in page


def test_any_unknown_address_is_a_404_page_for_browsers_and_json_for_clients(
    client: FlaskClient,
) -> None:
    page = html_of(client, "/no/such/thing", status=404)
    assert "Not found" in page
    reply = client.get("/no/such/thing", headers={"Accept": "application/json"})
    assert reply.status_code == 404
    assert reply.get_json()["error"]["code"] == "not-found"
    reply = client.get("/examples/none.rq")
    assert reply.status_code == 404
    assert reply.get_json()["error"]["status"] == 404

"""Researchers' SPARQL clients against the real server: SPARQLWrapper, rdflib, requests.

All against the session's ``borderkg serve`` over the sample corpus (``serverfixture``).
"""

from __future__ import annotations

import csv
import io
from xml.dom.minidom import Document

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from serverfixture import Server
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper

# SPARQLWrapper and rdflib's JSON-LD parser still build the deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

BKG_ARTICLE = URIRef("https://w3id.org/borderkg/ontology#Article")
HEADLINE = URIRef("https://schema.org/headline")
ARTICLES = (
    "SELECT ?article ?title WHERE { ?article a bkg:Article ; schema:headline ?title } "
    "ORDER BY ?article"
)
COUNT_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a bkg:Article }"


def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(60)
    return client


@pytest.fixture(scope="module")
def article_rows(server: Server) -> list[tuple[str, str]]:
    """The sample articles and titles, as requests sees them (the reference for the rest)."""
    reply = requests.get(
        f"{server.url}/sparql",
        params={"query": ARTICLES},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text
    rows = [
        (b["article"]["value"], b["title"]["value"]) for b in reply.json()["results"]["bindings"]
    ]
    assert len(rows) >= 20
    return rows


@pytest.fixture(scope="module")
def all_articles(server: Server) -> set[str]:
    """Every article IRI (a few sample articles have no headline)."""
    reply = requests.get(
        f"{server.url}/sparql",
        params={"query": "SELECT DISTINCT ?a WHERE { ?a a bkg:Article }"},
        timeout=60,
    )
    return {b["a"]["value"] for b in reply.json()["results"]["bindings"]}


def test_sparqlwrapper_json_select(server: Server, article_rows) -> None:
    result = wrapper(server, ARTICLES, JSON).query().convert()
    rows = [(b["article"]["value"], b["title"]["value"]) for b in result["results"]["bindings"]]
    assert rows == article_rows


def test_sparqlwrapper_xml_select(server: Server, article_rows) -> None:
    document = wrapper(server, ARTICLES, XML).query().convert()
    assert isinstance(document, Document)
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == [article for article, _ in article_rows]


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_and_tsv_select(
    server: Server,
    article_rows,
    fmt: str,
    delimiter: str,
) -> None:
    raw = wrapper(server, ARTICLES, fmt).query().convert()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8")), delimiter=delimiter))
    assert len(rows) == len(article_rows) + 1
    if fmt == CSV:
        assert rows[0] == ["article", "title"]
        assert [tuple(r) for r in rows[1:]] == article_rows
    else:
        assert rows[0] == ["?article", "?title"]
        assert rows[1][0] == f"<{article_rows[0][0]}>"


def test_sparqlwrapper_ask(server: Server) -> None:
    yes = wrapper(server, "ASK { ?a a bkg:Article }", JSON).query().convert()
    no = wrapper(server, "ASK { ?a a <http://example.org/Nothing> }", JSON).query().convert()
    assert (yes["boolean"], no["boolean"]) == (True, False)


@pytest.mark.parametrize("fmt", [XML, JSONLD, TURTLE])
def test_sparqlwrapper_construct_to_rdflib_graph(
    server: Server,
    article_rows,
    fmt: str,
) -> None:
    query = "CONSTRUCT { ?a schema:headline ?t } WHERE { ?a a bkg:Article ; schema:headline ?t }"
    converted = wrapper(server, query, fmt).query().convert()
    if fmt == TURTLE:  # SPARQLWrapper hands Turtle over as bytes
        converted = Graph().parse(data=converted, format="turtle")
    assert isinstance(converted, Graph)
    got = sorted((str(s), str(o)) for s, _, o in converted)
    assert got == sorted(article_rows)


def test_sparqlwrapper_post_form_and_describe(server: Server, article_rows) -> None:
    article, title = article_rows[0]
    client = wrapper(server, f"DESCRIBE <{article}>", XML)
    client.setMethod(POST)
    graph = client.query().convert()
    assert (URIRef(article), RDF.type, BKG_ARTICLE) in graph
    assert [str(o) for o in graph.objects(URIRef(article), HEADLINE)] == [title]


def test_sparqlwrapper_server_errors_surface(server: Server) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed) as failure:
        wrapper(server, "SELECT * WHERE { ?s ?p ", JSON).query()
    assert "malformed-query" in str(failure.value)


def test_rdflib_sparqlstore_query(server: Server, article_rows) -> None:
    store = SPARQLStore(query_endpoint=f"{server.url}/sparql", returnFormat="json")
    graph = Graph(store)
    rows = sorted((str(r.article), str(r.title)) for r in graph.query(ARTICLES))
    assert rows == sorted(article_rows)


def test_rdflib_sparqlstore_triples_and_count(server: Server, all_articles) -> None:
    store = SPARQLStore(query_endpoint=f"{server.url}/sparql")
    graph = Graph(store)
    articles = {str(a) for a in graph.subjects(RDF.type, BKG_ARTICLE)}
    assert articles == all_articles
    (count,) = next(iter(graph.query(COUNT_ARTICLES)))
    assert int(count) == len(all_articles)


def test_rdflib_sparqlstore_lists_named_graphs(server: Server, all_articles) -> None:
    store = SPARQLStore(query_endpoint=f"{server.url}/sparql")
    names = {str(c.identifier if hasattr(c, "identifier") else c) for c in store.contexts()}
    article_graphs = {n for n in names if "/graph/article/" in n}
    assert {g.replace("/graph/article/", "/article/") for g in article_graphs} == all_articles
    assert "https://w3id.org/borderkg/graph/vocabulary" in names


def test_requests_post_direct_with_accept_csv(server: Server, all_articles) -> None:
    reply = requests.post(
        f"{server.url}/sparql",
        data=COUNT_ARTICLES.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        timeout=60,
    )
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert reply.text.splitlines() == ["n", str(len(all_articles))]


def test_a_large_result_streams_in_chunks(server: Server) -> None:
    """Every distinct triple of the union graph as N-Triples: megabytes, sent chunked."""
    distinct = requests.get(
        f"{server.url}/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"},
        timeout=60,
    ).json()["results"]["bindings"][0]["n"]["value"]
    reply = requests.get(
        f"{server.url}/sparql",
        params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "format": "ntriples"},
        stream=True,
        timeout=60,
    )
    assert reply.status_code == 200
    assert reply.headers.get("Transfer-Encoding") == "chunked"
    assert "BorderKG-Result-Cap" not in reply.headers
    size, lines = 0, 0
    for chunk in reply.iter_content(chunk_size=None):
        size += len(chunk)
        lines += chunk.count(b"\n")
    assert size > 1 << 20
    assert lines == int(distinct)

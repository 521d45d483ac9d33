"""The stored example queries: each runnable one answers on the sample corpus, through the app.

Every example in ``api/examples/`` must be listed in :data:`EXPECTED` with the variables it
returns, so a new example cannot ship without a test. Federated examples (``# requires:
service``) are checked to be refused by a default server, never run (no network in tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib.plugins.sparql import prepareQuery

from borderkg.api import create_app
from borderkg.api.gallery import ExampleError, examples_markdown, load_examples, parse_example

DOCS = Path(__file__).resolve().parent.parent / "docs" / "examples.md"
RESULTS_JSON = {"Accept": "application/sparql-results+json"}

#: Each example and the variables of its results, in order.
EXPECTED: dict[str, tuple[str, ...]] = {
    "01-chinese-measures-on-the-yalu-2023": (
        "policy",
        "measure",
        "status",
        "takenBy",
        "published",
        "places",
        "instrumentsInvoked",
    ),
    "02-forced-repatriation-by-year": ("year", "reports", "articles", "places"),
    "03-anonymous-source-claims-by-province": ("province", "claims", "sources", "articles"),
    "04-policies-by-status": ("status", "measure", "policies", "earliest", "latest"),
    "05-entities-with-wikidata-links": (
        "entity",
        "label",
        "type",
        "wikidata",
        "geonames",
        "articles",
    ),
    "06-evidence-sentence-of-each-fact": (
        "fact",
        "kind",
        "words",
        "sentence",
        "begin",
        "end",
        "article",
    ),
    "07-surveillance-yalu-vs-tumen": (
        "river",
        "date",
        "measure",
        "status",
        "where",
        "installedBy",
        "policy",
    ),
    "08-legal-provisions-invoked-by-actor-type": (
        "instrument",
        "cited",
        "number",
        "invokedBy",
        "kindOfSource",
        "claims",
    ),
    "09-measures-in-force-in-ryanggang": (
        "policy",
        "measure",
        "status",
        "where",
        "issuer",
        "from",
        "reported",
        "until",
        "legalBasis",
    ),
    "10-reporting-lag-by-source-type": (
        "sourceType",
        "reports",
        "averageLagDays",
        "minLagDays",
        "maxLagDays",
    ),
    "11-cross-border-town-pairs-and-goods": ("chineseSide", "northKoreanSide", "goods", "reports"),
    "12-prices-by-goods-province-currency": (
        "goods",
        "currency",
        "year",
        "province",
        "observations",
        "lowest",
        "highest",
    ),
    "13-anonymous-only-reports-per-year": (
        "year",
        "eventType",
        "reports",
        "anonymousOnlyReports",
        "percentAnonymousOnly",
    ),
    "14-sentences-mentioning-hyesan": ("article", "headline", "published", "words", "sentence"),
    "15-federated-wikidata-population": ("place", "label", "wikidata", "articles", "population"),
    "16-statements-after-repatriations": (
        "incident",
        "began",
        "statementBy",
        "kind",
        "statedOn",
        "datedBy",
        "daysAfter",
        "article",
        "claims",
    ),
    "17-entities-awaiting-review": ("entity", "label", "type", "articles", "sentence"),
    "18-repatriation-incidents-by-month": ("month", "prefecture", "incidents", "reports"),
    "19-data-quality-checks": ("check", "failing"),
}
RUNNABLE = [ex for ex in load_examples() if ex.runnable]
FEDERATED = [ex for ex in load_examples() if not ex.runnable]


@pytest.fixture(scope="module")
def app(sample_store: Path) -> Iterator[Flask]:
    application = create_app({"store": sample_store, "workers": 2})
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_the_gallery_has_enough_examples_each_with_title_description_and_test() -> None:
    examples = load_examples()
    assert len(examples) >= 12
    assert len(RUNNABLE) >= 10
    assert {ex.name for ex in examples} == set(EXPECTED)
    for ex in examples:
        assert len(ex.title) > 10 and len(ex.description) > 40, ex.name


@pytest.mark.parametrize("example", RUNNABLE, ids=lambda ex: ex.name)
def test_example_returns_rows_with_its_variables_on_the_sample_corpus(
    client: FlaskClient, example
) -> None:
    reply = client.get("/sparql", query_string={"query": example.query}, headers=RESULTS_JSON)
    assert reply.status_code == 200, reply.get_data(as_text=True)[:500]
    results = reply.get_json()
    assert tuple(results["head"]["vars"]) == EXPECTED[example.name]
    rows = results["results"]["bindings"]
    assert rows, f"{example.name} returned no rows"
    first_column = EXPECTED[example.name][0]
    assert any(first_column in row for row in rows)


def test_quality_checks_find_no_failures_on_the_sample_corpus_but_unlinked_places(
    client: FlaskClient,
) -> None:
    (example,) = [ex for ex in RUNNABLE if ex.name == "19-data-quality-checks"]
    reply = client.get("/sparql", query_string={"query": example.query}, headers=RESULTS_JSON)
    counts = {
        r["check"]["value"]: int(r["failing"]["value"])
        for r in reply.get_json()["results"]["bindings"]
    }
    assert len(counts) == 5
    assert counts.pop("places without skos:exactMatch") > 0  # curated rivers, found places
    assert counts == dict.fromkeys(counts, 0)


def test_prices_example_answers_broker_fees_and_commissions_dated_by_their_own_time(
    client: FlaskClient,
) -> None:
    """DOMAIN question 10 on the sample: fees in a currency, commissions in percent, and the
    commission compared with "last year" counted in that year, not the publication's."""
    (example,) = [ex for ex in RUNNABLE if ex.name == "12-prices-by-goods-province-currency"]
    reply = client.get("/sparql", query_string={"query": example.query}, headers=RESULTS_JSON)
    rows = {
        (r["goods"]["value"], r["currency"]["value"], r["year"]["value"])
        for r in reply.get_json()["results"]["bindings"]
    }
    assert ("Broker fee", "CNY", "2019") in rows
    commissions = {year for goods, unit, year in rows if goods == "Remittance commission"}
    assert {unit for goods, unit, _ in rows if goods == "Remittance commission"} == {"percent"}
    assert "2018" in commissions  # "up from roughly 20 percent last year", in a 2019 article


@pytest.mark.parametrize("example", load_examples(), ids=lambda ex: ex.name)
def test_example_declares_every_prefix_it_uses(example) -> None:
    """Each query runs as it is on any SPARQL 1.1 endpoint, not only on ours."""
    prepareQuery(example.query)


@pytest.mark.parametrize("example", FEDERATED, ids=lambda ex: ex.name)
def test_federated_example_is_refused_by_a_server_without_a_service_allowlist(
    client: FlaskClient, example
) -> None:
    assert "SERVICE" in example.query
    reply = client.get("/sparql", query_string={"query": example.query}, headers=RESULTS_JSON)
    assert reply.status_code == 403
    error = reply.get_json()["error"]
    assert error["code"] == "service-not-allowed"
    assert "query.wikidata.org" in error["message"]


def test_gallery_shows_each_example_with_a_link_that_opens_it_in_the_editor(
    client: FlaskClient,
) -> None:
    page = client.get("/examples").get_data(as_text=True)
    for ex in load_examples():
        assert ex.title in page
        assert f'id="{ex.name}"' in page
        link = ex.editor_url
        assert link.replace("&", "&amp;") in page
        assert parse_qs(urlsplit(link).query)["query"] == [ex.query]
        reply = client.get(f"/examples/{ex.name}.rq")
        assert reply.status_code == 200
        assert reply.get_data(as_text=True) == ex.query


def test_unknown_example_is_404(client: FlaskClient) -> None:
    assert client.get("/examples/no-such-example.rq").status_code == 404


def test_example_without_a_title_is_refused() -> None:
    with pytest.raises(ExampleError):
        parse_example("x", "# description: something\nSELECT * WHERE { ?s ?p ?o }\n")
    parsed = parse_example(
        "x", "# title: T\n# description: one\n# description: two\n# requires: service\nASK {}\n"
    )
    assert (parsed.title, parsed.description, parsed.query) == ("T", "one two", "ASK {}\n")
    assert not parsed.runnable


def test_docs_list_of_examples_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == examples_markdown(), (
        "docs/examples.md is stale: run python -m borderkg.api.gallery > docs/examples.md"
    )

"""The web UI in a real headless Chromium (Debian's), against a real ``borderkg serve``.

Open ``/``, run a query, see result rows, follow a result to an entity page; open an
example from the gallery; search from the box on every page. Skipped only when
``/usr/bin/chromium`` is missing and ``$BORDERKG_REQUIRE_BROWSER`` is unset (``.ci/run``
sets it, so in CI a missing browser fails). Playwright drives the system browser: no
``playwright install``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from serverfixture import Server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Milliseconds Playwright waits for a page or an element (slow shared CI machines).
WAIT_MS = 45_000

if not CHROMIUM.exists() and not os.environ.get("BORDERKG_REQUIRE_BROWSER"):
    pytest.skip(
        "no /usr/bin/chromium (set BORDERKG_REQUIRE_BROWSER to fail instead)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Browser, server: Server) -> Iterator[Page]:
    """A fresh browser tab; fails the test if the page fetches anything from another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    own_host = urlsplit(server.url).netloc
    elsewhere: list[str] = []
    errors: list[str] = []

    def on_request(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != own_host:
            elsewhere.append(request.url)

    tab.on("request", on_request)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not elsewhere, f"the UI fetched from other hosts: {elsewhere}"
    assert not errors, f"script errors on the page: {errors}"


def result_rows(page: Page):
    """The rows of the result table, once the query has answered."""
    rows = page.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for(state="visible")
    return rows


def test_front_page_runs_a_query_shows_rows_and_links_results_to_entity_pages(
    page: Page,
    server: Server,
) -> None:
    page.goto(server.url + "/")
    page.locator(".yasqe .CodeMirror").wait_for(state="visible")
    page.locator(".yasqe_queryButton").click()
    rows = result_rows(page)
    assert rows.count() >= 10  # the starter query lists the 20 latest articles
    first_article = page.locator('.yasr a.iri[href^="/article/"]').first
    first_article.wait_for(state="visible")
    first_article.click()
    page.wait_for_url("**/article/**")
    assert page.locator("h1").inner_text().strip()
    assert page.locator("#text .ev").count() > 0  # the text with its evidence spans


def test_example_from_the_front_page_runs_in_the_editor_and_its_results_lead_to_entities(
    page: Page,
    server: Server,
) -> None:
    page.goto(server.url + "/")
    page.locator('a[data-example="05-entities-with-wikidata-links"]').click()
    page.wait_for_url("**/?query=*")
    rows = result_rows(page)
    assert rows.count() > 5
    assert "wikidata" in page.locator(".yasr table.dataTable thead").inner_text()
    entity = page.locator('.yasr a.iri[href^="/id/place/"]').first
    entity.wait_for(state="visible")
    target = entity.get_attribute("href")
    entity.click()
    page.wait_for_url("**" + str(target))
    assert page.locator("h1").inner_text().strip()
    assert page.get_by_role("heading", name="Elsewhere").is_visible()
    assert page.locator('a[href^="https://www.wikidata.org/wiki/Q"]').count() >= 1


def test_gallery_link_opens_the_query_in_the_editor(page: Page, server: Server) -> None:
    page.goto(server.url + "/examples")
    page.locator('[id="02-forced-repatriation-by-year"] a.button').click()
    page.wait_for_url("**/?query=*")
    assert result_rows(page).count() >= 1
    assert "forced-repatriation" not in page.url  # the query itself, not a name, is passed
    assert "eventtype:ForcedRepatriation" in page.locator(".yasqe .CodeMirror").inner_text()


def test_search_box_on_any_page_leads_to_a_hit(page: Page, server: Server) -> None:
    page.goto(server.url + "/ontology")
    box = page.locator("#site-search")
    box.fill("Hyesan")
    box.press("Enter")
    page.wait_for_url("**/search?q=Hyesan*")
    hits = page.locator("ol.hits li.hit a")
    hits.first.wait_for(state="visible")
    assert hits.count() >= 2
    assert page.locator("ol.hits mark").count() >= 1
    hits.first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith(("/article/", "/id/"))
    assert page.locator("h1").inner_text().strip()


def test_pointing_at_a_statement_marks_its_evidence_in_the_text(
    page: Page,
    server: Server,
) -> None:
    page.goto(server.url + "/article/dnk-2023-10-1025")
    statement = page.locator(".statement[data-spans]:not([data-spans=''])").first
    name = (statement.get_attribute("data-spans") or "").split()[0]
    evidence = page.locator(f'#text [data-span="{name}"]').first
    assert "active" not in (evidence.get_attribute("class") or "")
    statement.hover()
    page.wait_for_function(
        'name => document.querySelector(`#text [data-span="${name}"]`)'
        ".classList.contains('active')",
        arg=name,
    )
    statement.locator(f'a[href="#{name}"]').first.click()
    assert page.url.endswith("#" + name)


def test_result_terms_of_external_vocabularies_link_to_their_definition(
    page: Page,
    server: Server,
) -> None:
    # a column of properties: this server has no page for a property it only uses
    query = "SELECT DISTINCT ?p WHERE { ?a a bkg:Article ; ?p ?o } LIMIT 100"
    page.goto(server.url + "/?query=" + quote(query))
    result_rows(page)
    rdf_type = page.locator('.yasr a[href="http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]')
    rdf_type.wait_for(state="visible")
    assert rdf_type.get_attribute("target") == "_blank"
    assert page.locator('.yasr a[href^="/page?iri=http%3A%2F%2Fwww.w3.org"]').count() == 0
    assert page.locator('.yasr a[href^="/ontology"]').count() >= 1  # bkg: terms stay ours

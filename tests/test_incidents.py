"""Incidents: reports of one event in several articles count once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from serverfixture import private_copy

from borderkg.incidentclusters import Report, cluster
from borderkg.ontology.namespaces import INCIDENTS_GRAPH
from borderkg.store import GraphStore
from borderkg.writes import WriteService, WriteSettings

ET = "https://w3id.org/borderkg/scheme/event-type/"
TP = "https://w3id.org/borderkg/scheme/time-precision/"
PL = "https://w3id.org/borderkg/id/place/"
ART = "https://w3id.org/borderkg/article/"
DANDONG, LIAONING, HYESAN = PL + "dandong", PL + "liaoning", PL + "hyesan"


def report(
    name: str,
    day: str | None,
    places: dict[str, set[str]] | None = None,
    *,
    precision: str = "Day",
    last: str | None = None,
    kind: str = "ForcedRepatriation",
    published: str | None = None,
) -> Report:
    """A report ``name`` ("a1#event-1") of ``kind`` dated ``day`` (to ``last``)."""
    article = name.split("#")[0]
    places = places or {}
    r = Report(
        iri=ART + name,
        event_type=ET + kind,
        earliest=dt.date.fromisoformat(day) if day else None,
        latest=dt.date.fromisoformat(last or day) if day else None,
        precision=TP + precision if day else None,
        article=ART + article,
        published=dt.date.fromisoformat(published) if published else None,
    )
    for place, areas in places.items():
        r.places.add(place)
        r.areas |= areas | {place}
    return r


def members(reports: list[Report]) -> list[list[str]]:
    return sorted(sorted(r.rsplit("/", 1)[-1] for r in i.reports) for i in cluster(reports))


def test_reports_of_one_day_and_place_in_two_articles_are_one_incident() -> None:
    a = report("a1#event-1", "2023-10-09", {DANDONG: {LIAONING}}, published="2023-10-12")
    b = report("b2#event-3", "2023-10-09", {DANDONG: {LIAONING}}, published="2023-10-10")
    [incident] = cluster([a, b])
    assert incident.reports == [a.iri, b.iri]
    assert incident.iri.endswith("/id/incident/b2-event-3")  # named by the first published
    assert (incident.earliest, incident.latest, incident.precision) == (
        dt.date(2023, 10, 9),
        dt.date(2023, 10, 9),
        "Day",
    )
    assert incident.label == "Forced repatriation, 2023-10-09 (2 reports)"


def test_a_month_and_a_day_inside_it_in_a_place_and_its_province_agree() -> None:
    day = report("a1#event-1", "2023-10-09", {DANDONG: {LIAONING}})
    month = report(
        "b2#event-1", "2023-10-01", {LIAONING: set()}, precision="Month", last="2023-10-31"
    )
    [incident] = cluster([day, month])
    assert (incident.earliest, incident.latest, incident.precision) == (
        dt.date(2023, 10, 9),
        dt.date(2023, 10, 9),
        "Day",
    )
    assert incident.places == {DANDONG, LIAONING}


def test_two_reports_of_one_article_stay_two_incidents() -> None:
    a = report("a1#event-1", "2023-10-09", {DANDONG: {LIAONING}})
    b = report("a1#event-2", "2023-10-09", {DANDONG: {LIAONING}})
    assert members([a, b]) == [["a1#event-1"], ["a1#event-2"]]


def test_other_places_other_days_or_other_types_are_other_incidents() -> None:
    base = report("a1#event-1", "2023-10-09", {DANDONG: {LIAONING}})
    elsewhere = report("b1#event-1", "2023-10-09", {HYESAN: set()})
    later = report("c1#event-1", "2023-10-20", {DANDONG: {LIAONING}})
    arrest = report("d1#event-1", "2023-10-09", {DANDONG: {LIAONING}}, kind="Arrest")
    assert members([base, elsewhere, later, arrest]) == [
        ["a1#event-1"],
        ["b1#event-1"],
        ["c1#event-1"],
        ["d1#event-1"],
    ]


def test_an_unplaced_report_joins_only_the_one_incident_its_window_fits() -> None:
    a = report("a1#event-1", "2023-10-09")
    b = report("b1#event-1", "2023-10-09", {DANDONG: {LIAONING}})
    month = report("c1#event-1", "2023-10-01", precision="Month", last="2023-10-31")
    assert members([a, b, month]) == [["a1#event-1", "b1#event-1", "c1#event-1"]]
    hyesan = report("d1#event-1", "2023-10-20", {HYESAN: set()})
    assert members([b, hyesan, month]) == [["b1#event-1"], ["c1#event-1"], ["d1#event-1"]]


def test_a_year_joins_the_one_incident_that_fits_and_not_one_of_two() -> None:
    october = report("a1#event-1", "2023-10-09", {DANDONG: {LIAONING}})
    year = report(
        "b1#event-1", "2023-01-01", {DANDONG: {LIAONING}}, precision="Year", last="2023-12-31"
    )
    assert members([october, year]) == [["a1#event-1", "b1#event-1"]]
    april = report("c1#event-1", "2023-04-02", {DANDONG: {LIAONING}})
    assert members([october, april, year]) == [["a1#event-1"], ["b1#event-1"], ["c1#event-1"]]


def test_undated_reports_are_incidents_of_their_own_and_statements_are_none() -> None:
    a = report("a1#event-1", None, {DANDONG: {LIAONING}})
    b = report("b1#event-1", None, {DANDONG: {LIAONING}})
    said = report("c1#event-1", "2023-10-09", kind="Statement")
    price = report("d1#event-1", "2023-10-09", kind="PriceReport")
    incidents = cluster([a, b, said, price])
    assert [i.reports for i in incidents] == [[a.iri], [b.iri]]
    assert all(i.earliest is None and i.precision is None for i in incidents)


def near(reports: list[Report]) -> dict[str, list[str]]:
    """Each incident's near incidents, by the names of their first reports."""
    short = {i.iri: i.iri.rsplit("/", 1)[-1] for i in cluster(reports)}
    return {short[i.iri]: [short[n] for n in i.near] for i in cluster(reports)}


def test_one_day_in_two_places_told_by_two_articles_is_two_incidents_linked_as_near() -> None:
    dandong = report("a1#event-1", "2023-10-09", {DANDONG: {LIAONING}})
    hyesan = report("b1#event-1", "2023-10-09", {HYESAN: set()})
    assert near([dandong, hyesan]) == {"a1-event-1": ["b1-event-1"], "b1-event-1": ["a1-event-1"]}


def test_no_near_link_for_another_day_another_type_or_the_same_article() -> None:
    base = report("a1#event-1", "2023-10-09", {DANDONG: {LIAONING}})
    later = report("b1#event-1", "2023-10-20", {HYESAN: set()})
    arrest = report("c1#event-1", "2023-10-09", {HYESAN: set()}, kind="Arrest")
    sibling = report("a1#event-2", "2023-10-09", {HYESAN: set()})
    assert all(not links for links in near([base, later, arrest, sibling]).values())


def test_a_vague_report_that_fits_two_incidents_is_near_both() -> None:
    october = report("a1#event-1", "2023-10-09", {DANDONG: {LIAONING}})
    april = report("b1#event-1", "2023-04-02", {DANDONG: {LIAONING}})
    year = report(
        "c1#event-1", "2023-01-01", {DANDONG: {LIAONING}}, precision="Year", last="2023-12-31"
    )
    assert near([october, april, year]) == {
        "a1-event-1": ["c1-event-1"],
        "b1-event-1": ["c1-event-1"],
        "c1-event-1": ["a1-event-1", "b1-event-1"],
    }


def test_an_incident_with_more_near_candidates_than_the_cap_gets_no_near_link() -> None:
    from borderkg.incidentclusters import MAX_NEAR

    places = [PL + f"town-{k}" for k in range(MAX_NEAR + 2)]
    crowd = [report(f"a{k}#event-1", "2023-10-09", {p: set()}) for k, p in enumerate(places)]
    assert all(not links for links in near(crowd).values())
    few = crowd[: MAX_NEAR + 1]  # each has exactly MAX_NEAR candidates
    assert all(len(links) == MAX_NEAR for links in near(few).values())


_COUNTS = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
SELECT (COUNT(DISTINCT ?r) AS ?reports) (COUNT(DISTINCT ?i) AS ?incidents) WHERE {
  ?r a bkg:EventReport ; bkg:reportOf ?i . ?i a bkg:Incident .
}
"""
_UNLINKED = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX et: <https://w3id.org/borderkg/scheme/event-type/>
SELECT ?r WHERE {
  ?r a bkg:EventReport ; sem:eventType ?t .
  FILTER(?t NOT IN (et:Statement, et:Condemnation, et:Appeal, et:PriceReport))
  FILTER NOT EXISTS { ?r bkg:reportOf ?i }
}
"""


def _counts(root: Path) -> tuple[int, int, int]:
    store = GraphStore.open_read_only(root)
    try:
        [row] = list(store.store.query(_COUNTS, use_default_graph_as_union=True))
        unlinked = list(store.store.query(_UNLINKED, use_default_graph_as_union=True))
        return int(row["reports"].value), int(row["incidents"].value), len(unlinked)
    finally:
        store.close()


def test_the_sample_store_counts_the_october_2023_wave_once(sample_store: Path) -> None:
    reports, incidents, unlinked = _counts(sample_store)
    assert unlinked == 0
    assert 0 < incidents < reports
    store = GraphStore.open_read_only(sample_store)
    try:
        rows = store.store.query(
            "PREFIX bkg: <https://w3id.org/borderkg/ontology#> "
            "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
            "SELECT ?i (COUNT(?r) AS ?n) WHERE { GRAPH ?g { ?i a bkg:Incident ; "
            "sem:hasEarliestBeginTimeStamp ?d ; sem:eventType "
            "<https://w3id.org/borderkg/scheme/event-type/ForcedRepatriation> . "
            "?r bkg:reportOf ?i } FILTER(STR(?d) = '2023-10-09') } GROUP BY ?i",
        )
        [wave] = [(row["i"].value, int(row["n"].value)) for row in rows]
    finally:
        store.close()
    assert wave[1] >= 3


def test_removing_an_article_by_a_write_rebuilds_the_incidents(
    sample_store: Path, tmp_path: Path
) -> None:
    root = private_copy(sample_store, tmp_path)
    before = _counts(root)
    writes = WriteService(root, WriteSettings(publish=False, sync_search=False))
    writes.graph_delete(ART.replace("/article/", "/graph/article/") + "dnk-2023-10-1013")
    after = _counts(root)
    assert after[2] == 0
    assert after[0] < before[0]
    store = GraphStore.open_read_only(root)
    try:
        linked = store.store.query(
            f"ASK {{ GRAPH <{INCIDENTS_GRAPH}> {{ ?r ?p ?i "
            f"FILTER(STRSTARTS(STR(?r), '{ART}dnk-2023-10-1013#')) }} }}"
        )
    finally:
        store.close()
    assert not bool(linked)


def test_an_incident_page_lists_its_reports_and_its_turtle_has_the_links(
    sample_store: Path,
) -> None:
    from borderkg.api import create_app

    app = create_app({"store": sample_store, "workers": 1})
    try:
        client = app.test_client()
        path = "/id/incident/dnk-2023-10-1013-event-1"
        page = client.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "dnk-2023-10-1013#event-1" in html
        # The UPR report dated only "in 2023" fits two repatriation waves, so joined neither:
        # the page points to it as a near incident.
        assert "/id/incident/example-org-news-2024-01-upr-china-forced-repatriation-event-1" in html
        turtle = client.get(path, headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200
        text = turtle.get_data(as_text=True)
        assert "Incident" in text and "reportOf" in text and "nearIncident" in text
    finally:
        app.extensions["borderkg"].close()


def test_a_load_prints_how_many_incidents_its_reports_make(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from borderkg.cli import main

    corpus = Path(__file__).resolve().parent.parent / "loaders" / "corpus"
    args = ["load", "--store", str(tmp_path / "store"), "--workers", "1"]
    args += [str(corpus / "text" / "2023-10-mass-repatriation.txt")]
    args += [str(corpus / "text" / "2023-10-yalu-cameras.txt")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("incidents:")]
    assert line.endswith("1 told by more than one article")
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "incidents:" not in again.output  # nothing changed

"""Service metadata through Flask's test client: /health, /metrics, /.well-known/void, dumps.

One app (real query worker processes) over the session's sample-corpus store; counts in the
dataset description are checked against queries run directly on the snapshot being served.
The metrics registry and the VoID count cache are also checked on their own.
"""

from __future__ import annotations

import datetime as dt
import gzip
import math
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from borderkg.allocator import find_jemalloc
from borderkg.api import create_app, dump, voidgraph
from borderkg.api.metrics import Counter, Histogram, MetricsRegistry
from borderkg.api.voidstats import VoidCache
from borderkg.ontology.namespaces import PREFIXES
from borderkg.querypool import PoolBusy, QueryTimeout
from borderkg.snapshots import CURRENT_NAME, current_info, snapshots_dir

# The session's sample-corpus store (`sample_store`), shared with every module that uses it.

VOID = "http://rdfs.org/ns/void#"
BKG = PREFIXES["bkg"]
TOP_CLASSES = ("Actor", "Location", "Policy", "LegalInstrument", "Article")
SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$")


@pytest.fixture(scope="module")
def app(sample_store: Path) -> Iterator[Flask]:
    application = create_app({"store": sample_store, "workers": 2, "timeout": 20})
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def snapshot(app: Flask, sample_store: Path) -> Iterator[ox.Store]:
    """The snapshot the app serves, opened read-only here for direct queries."""
    info = current_info(sample_store)
    assert info is not None
    yield ox.Store.read_only(str(info.path))


def count(store: ox.Store, query: str) -> int:
    (row,) = store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    return int(row[0].value)


def exposition(client: FlaskClient) -> dict[str, float]:
    """``{sample name with labels: value}`` of /metrics."""
    reply = client.get("/metrics")
    assert reply.status_code == 200
    out = {}
    for line in reply.get_data(as_text=True).splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            out[name] = float(value)
    return out


def description(client: FlaskClient, accept: str = "text/turtle") -> ox.Store:
    reply = client.get("/.well-known/void", headers={"Accept": accept})
    assert reply.status_code == 200, reply.data
    assert reply.mimetype == accept
    store = ox.Store()
    store.load(reply.data, format=ox.RdfFormat.from_media_type(accept))
    return store


# -- /health -------------------------------------------------------------------------------


def test_health_reports_snapshot_query_and_workers(client: FlaskClient, sample_store: Path) -> None:
    reply = client.get("/health")
    assert reply.status_code == 200
    assert reply.headers["Cache-Control"] == "no-store"
    body = reply.get_json()
    assert body["status"] == "ok"
    assert body["store"]["opens"] is True
    assert body["query"]["ok"] is True
    assert body["snapshot"]["name"] == current_info(sample_store).name
    assert 0 <= body["snapshot"]["ageSeconds"] < 3600
    assert body["workers"]["alive"] >= 1
    assert body["allocator"] == ("glibc" if find_jemalloc() is None else "jemalloc")  # auto
    assert body["writes"] is False


def test_health_is_503_while_the_store_has_no_published_snapshot(tmp_path: Path) -> None:
    from serverfixture import small_store  # the plugin module, imported by now

    store = small_store(tmp_path / "store")
    application = create_app({"store": store, "workers": 1})
    current = snapshots_dir(store) / CURRENT_NAME
    try:
        client = application.test_client()
        assert client.get("/health").status_code == 200
        current.rename(current.with_suffix(".away"))
        reply = client.get("/health")
        assert reply.status_code == 503
        assert reply.get_json()["status"] == "unavailable"
        assert reply.get_json()["snapshot"] is None
        current.with_suffix(".away").rename(current)
        assert client.get("/health").status_code == 200
    finally:
        application.extensions["borderkg"].close()


# -- /metrics ----------------------------------------------------------------------------------


def test_metrics_are_well_formed_prometheus_text(client: FlaskClient) -> None:
    client.get("/health")
    reply = client.get("/metrics")
    assert reply.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    declared: dict[str, str] = {}
    histograms: dict[str, list[tuple[float, float]]] = {}
    counts: dict[str, float] = {}
    for line in reply.get_data(as_text=True).splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ")
            declared[name] = kind
            continue
        if line.startswith("#"):
            assert line.startswith("# HELP ")
            continue
        match = SAMPLE.match(line)
        assert match, line
        name, labels, value = match.group(1), match.group(2) or "", float(match.group(3))
        family = re.sub(r"_(bucket|sum|count)$", "", name)
        assert name in declared or declared.get(family) == "histogram", line
        if name.endswith("_bucket"):
            le = re.search(r'le="([^"]+)"', labels).group(1)
            series = family + re.sub(r',?le="[^"]+"', "", labels)
            histograms.setdefault(series, []).append(
                (math.inf if le == "+Inf" else float(le), value)
            )
        elif name.endswith("_count") and declared.get(family) == "histogram":
            counts[family + labels.replace("{}", "")] = value
    assert {"borderkg_http_requests_total", "borderkg_queries_total"} <= set(declared)
    assert declared["borderkg_http_request_duration_seconds"] == "histogram"
    assert declared["borderkg_query_duration_seconds"] == "histogram"
    assert histograms
    for series, buckets in histograms.items():
        values = [v for _, v in buckets]
        assert values == sorted(values), series
        assert buckets[-1][0] == math.inf
        assert counts[series.replace("{}", "")] == values[-1], series


def test_request_counters_and_latency_move(client: FlaskClient) -> None:
    key = 'borderkg_http_requests_total{route="/health",method="GET",status="200"}'
    latency = 'borderkg_http_request_duration_seconds_count{route="/health"}'
    before = exposition(client)
    client.get("/health")
    client.get("/health")
    client.get("/no/such/page")
    after = exposition(client)
    assert after[key] == before.get(key, 0) + 2
    assert after[latency] == before.get(latency, 0) + 2
    missing = 'borderkg_http_requests_total{route="unmatched",method="GET",status="404"}'
    assert after[missing] == before.get(missing, 0) + 1


def test_query_outcomes_from_the_pool_are_exported(client: FlaskClient) -> None:
    ok, error = 'borderkg_queries_total{outcome="ok"}', 'borderkg_queries_total{outcome="error"}'
    before = exposition(client)
    assert client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    assert client.get("/sparql", query_string={"query": "SELECT WHERE {"}).status_code == 400
    after = exposition(client)
    assert after[ok] == before[ok] + 1
    assert after[error] == before[error] + 1
    assert (
        after["borderkg_query_duration_seconds_count"]
        >= before["borderkg_query_duration_seconds_count"] + 2
    )
    assert after['borderkg_query_workers{state="alive"}'] >= 1
    assert after["borderkg_snapshot_age_seconds"] >= 0


def test_counters_and_histograms_are_exact_under_threads() -> None:
    counter = Counter("c_total", "help", ("route",))
    histogram = Histogram("h_seconds", "help", ("route",), buckets=(0.5, 1.0))

    def work() -> None:
        for _ in range(2000):
            counter.inc("/x")
            histogram.observe(0.5, "/x")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counter.value("/x") == 16000
    lines = histogram.collect().samples
    # an observation equal to a bound falls in that bucket (le means "less or equal")
    assert 'h_seconds_bucket{route="/x",le="0.5"} 16000' in lines
    assert 'h_seconds_bucket{route="/x",le="+Inf"} 16000' in lines
    assert 'h_seconds_count{route="/x"} 16000' in lines


def test_label_values_are_escaped_and_counters_only_go_up() -> None:
    registry = MetricsRegistry()
    registry.record_write('up"da\\te\n', "accepted")
    text = registry.render()
    assert 'borderkg_writes_total{operation="up\\"da\\\\te\\n",outcome="accepted"} 1' in text
    with pytest.raises(ValueError):
        registry.writes.inc("update", "accepted", amount=-1)
    with pytest.raises(ValueError):
        registry.writes.inc("update")


# -- /.well-known/void ---------------------------------------------------------------------


def test_void_counts_equal_direct_queries_on_the_snapshot(
    client: FlaskClient, snapshot: ox.Store, sample_store: Path
) -> None:
    void = description(client)

    def value(query: str) -> int:
        return count(void, "PREFIX void: <http://rdfs.org/ns/void#> " + query)

    triples = count(snapshot, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")
    assert triples > 1000
    assert value("SELECT ?n { ?d a void:Dataset ; void:triples ?n }") == triples
    entities = count(
        snapshot,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o "
        'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "https://w3id.org/borderkg/")) }',
    )
    assert value("SELECT ?n { ?d void:uriSpace ?u ; void:entities ?n }") == entities
    subjects = count(snapshot, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }")
    assert value("SELECT ?n { ?d void:uriSpace ?u ; void:distinctSubjects ?n }") == subjects
    for name in TOP_CLASSES:
        direct = count(
            snapshot, f"SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s a/rdfs:subClassOf* bkg:{name} }}"
        )
        stated = value(
            f"SELECT ?n {{ ?d void:classPartition [ void:class <{BKG}{name}> ; void:entities ?n ] }}"
        )
        assert stated == direct, name
    for space, key in (
        ("http://www.wikidata.org/entity/", "wikidata"),
        ("https://sws.geonames.org/", "geonames"),
    ):
        direct = count(
            snapshot,
            "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?o { ?s skos:exactMatch ?o "
            f'FILTER(STRSTARTS(STR(?o), "{space}")) }} }}',
        )
        assert direct > 0
        stated = value(
            "SELECT ?n { ?l a void:Linkset ; void:linkPredicate "
            "<http://www.w3.org/2004/02/skos/core#exactMatch> ; void:objectsTarget ?t ; "
            f'void:triples ?n . ?t void:uriSpace "{space}" }}'
        )
        assert stated == direct, key
    mentions = count(
        snapshot, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?o { ?s bkg:mentions ?o } }"
    )
    stated = value(
        f"SELECT ?n {{ ?d void:propertyPartition [ void:property <{BKG}mentions> ; void:triples ?n ] }}"
    )
    assert stated == mentions > 0


def test_void_describes_access_licence_vocabularies_and_date(
    client: FlaskClient, sample_store: Path
) -> None:
    void = description(client)
    info = current_info(sample_store)
    ask = void.query(
        """PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcat: <http://www.w3.org/ns/dcat#>
        PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        ASK {
          ?d a void:Dataset, dcat:Dataset ; dcterms:title ?title ; dcterms:description ?text ;
             dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;
             dcterms:publisher ?who ; dcterms:modified ?modified ;
             void:sparqlEndpoint <http://localhost/sparql> ;
             void:dataDump <http://localhost/dump.nq> ;
             void:vocabulary <https://w3id.org/borderkg/ontology#>, <https://schema.org/> ;
             dcat:distribution ?dump, ?endpoint .
          ?dump dcat:downloadURL <http://localhost/dump.nq> ;
             dcat:mediaType <https://www.iana.org/assignments/media-types/application/n-quads> .
          ?endpoint dcat:accessService ?service .
          ?service a dcat:DataService ; dcat:endpointURL <http://localhost/sparql> ;
             dcat:servesDataset ?d .
        }"""
    )
    assert bool(ask)
    (row,) = void.query(
        "SELECT ?m ?v { ?d <http://purl.org/dc/terms/modified> ?m ; "
        "<http://purl.org/dc/terms/hasVersion> ?v }"
    )
    stated = dt.datetime.fromisoformat(row[0].value.replace("Z", "+00:00"))
    assert stated == dt.datetime.fromisoformat(info.published)
    assert row[0].datatype.value == "http://www.w3.org/2001/XMLSchema#dateTime"
    assert row[1].value == info.name


def test_void_says_in_what_unit_evidence_offsets_are_counted(client: FlaskClient) -> None:
    void = description(client)
    (row,) = void.query(
        "SELECT ?text { ?d a <http://rdfs.org/ns/void#Dataset> ; "
        "<http://purl.org/dc/terms/description> ?text FILTER(CONTAINS(?text, 'Offset unit')) }"
    )
    text = row[0].value
    assert "nif:beginIndex, nif:endIndex" in text
    assert "Unicode code points" in text and "not bytes or UTF-16 code units" in text
    assert "NFC" in text and "nif:anchorOf" in text


def test_void_content_negotiation(client: FlaskClient) -> None:
    turtle = len(description(client, "text/turtle"))
    assert len(description(client, "application/ld+json")) == turtle
    assert len(description(client, "application/n-triples")) == turtle
    by_format = client.get("/.well-known/void?format=jsonld", headers={"Accept": "text/turtle"})
    assert by_format.mimetype == "application/ld+json"
    browser = client.get("/.well-known/void", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.mimetype == "text/turtle"
    refused = client.get("/.well-known/void", headers={"Accept": "text/csv"})
    assert refused.status_code == 406
    assert refused.get_json()["error"]["code"] == "not-acceptable"


def test_void_counts_are_computed_once_per_snapshot(client: FlaskClient, app: Flask) -> None:
    description(client)
    pool = app.extensions["borderkg"].pool
    before = sum(pool.metrics()["queries"].values())
    description(client)
    description(client, "application/n-triples")
    assert sum(pool.metrics()["queries"].values()) == before


class Engine:
    """The counting queries run by pyoxigraph on an in-memory store, as the pool would run
    them; ``failing`` makes the entities count raise that error instead."""

    def __init__(self, data: str) -> None:
        self.store = ox.Store()
        self.store.update(f"INSERT DATA {{ {data} }}")
        self.queries: list[str] = []
        self.failing: Exception | None = None

    def select(self, query: str) -> list[dict[str, ox.Term]]:
        self.queries.append(query)
        if self.failing is not None and "STRSTARTS(STR(?s)" in query:
            raise self.failing
        solutions = self.store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [
            {n: t for n, t in zip(names, row, strict=True) if t is not None} for row in solutions
        ]


ARTICLE = "<https://w3id.org/borderkg/article/a> a <https://w3id.org/borderkg/ontology#Article>"


def test_void_cache_recounts_after_a_new_snapshot_once_the_interval_passed() -> None:
    engine = Engine(f"GRAPH <urn:g> {{ {ARTICLE} }}")
    names = iter(["snap-000001"] * 3 + ["snap-000002"] * 4)

    def current() -> tuple[str, str]:
        return next(names), "2024-01-01T00:00:00+00:00"

    cache = VoidCache(refresh_interval=0.0)
    first = cache.get(current, engine.select)
    assert first.triples == 1 and first.entities == 1
    ran = len(engine.queries)
    assert cache.get(current, engine.select) is first  # same snapshot: cached
    assert len(engine.queries) == ran
    engine.store.update("INSERT DATA { <urn:x> <urn:p> <urn:y> }")
    second = cache.get(current, engine.select)  # new snapshot, interval passed: counted again
    assert second.snapshot == "snap-000002" and second.triples == 2
    assert len(engine.queries) == 2 * ran


def test_a_count_that_times_out_is_left_out_not_guessed() -> None:
    engine = Engine(ARTICLE)
    engine.failing = QueryTimeout("too slow", 30.0)
    cache = VoidCache()
    stats = cache.get(lambda: ("snap-000001", None), engine.select)
    assert stats.missing == ["entities"]
    assert stats.entities is None and stats.triples == 1
    assert stats.class_partitions[f"{BKG}Article"] == 1
    graph = ox.Store()
    graph.extend(
        ox.Quad(t.subject, t.predicate, t.object) for t in voidgraph.describe(stats, "x:/")
    )
    dataset = "<x:/.well-known/void#dataset>"
    assert not graph.query(f"ASK {{ {dataset} <{VOID}entities> ?n }}")
    assert graph.query(f"ASK {{ {dataset} <{VOID}triples> 1 }}")
    # a timeout would recur on the same snapshot: the partial counts are kept
    assert cache.get(lambda: ("snap-000001", None), engine.select) is stats


def test_counts_that_failed_on_a_busy_pool_are_not_kept() -> None:
    engine = Engine(ARTICLE)
    engine.failing = PoolBusy("all workers busy")
    cache = VoidCache()
    first = cache.get(lambda: ("snap-000001", None), engine.select)
    assert first.entities is None and first.transient
    engine.failing = None
    second = cache.get(lambda: ("snap-000001", None), engine.select)
    assert second.entities == 1 and second.missing == []
    assert cache.get(lambda: ("snap-000001", None), engine.select) is second


# -- dumps -------------------------------------------------------------------------------------


def test_dump_streams_every_quad_of_the_snapshot(
    client: FlaskClient, snapshot: ox.Store, sample_store: Path
) -> None:
    reply = client.get("/dump.nq")
    assert reply.status_code == 200
    assert reply.mimetype == "application/n-quads"
    assert reply.headers["ETag"] == f'"{current_info(sample_store).name}"'
    quads = set(ox.parse(reply.data, format=ox.RdfFormat.N_QUADS))
    assert quads == set(snapshot)
    gz = client.get("/dump.nq.gz")
    assert gz.mimetype == "application/gzip"
    assert sorted(gzip.decompress(gz.data).splitlines()) == sorted(reply.data.splitlines())
    again = client.get("/dump.nq", headers={"If-None-Match": reply.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_dumps_beyond_the_limit_are_503_and_a_closed_dump_frees_its_slot(
    client: FlaskClient,
) -> None:
    first, second = client.get("/dump.nq"), client.get("/dump.nq.gz")
    try:
        assert (first.status_code, second.status_code) == (200, 200)
        busy = client.get("/dump.nq")
        assert busy.status_code == 503
        assert int(busy.headers["Retry-After"]) > 0
        assert busy.get_json()["error"]["code"] == "dump-busy"
    finally:
        first.close()  # a client going away: the child is killed, the slot freed
        second.close()
    again = client.get("/dump.nq")
    assert again.status_code == 200
    assert again.data.count(b"\n") > 1000


def test_a_client_leaving_a_dump_half_way_frees_its_slot_on_the_real_server(server: Any) -> None:
    import requests

    # The server notices the closed connection on its next write: allow it a moment.
    for _ in range(dump.MAX_DUMPS + 1):
        deadline = time.monotonic() + 10
        while True:
            with requests.get(f"{server.url}/dump.nq", stream=True, timeout=30) as reply:
                if reply.status_code == 200:
                    assert next(reply.iter_content(4096))
                    break
                assert reply.status_code == 503 and time.monotonic() < deadline
            time.sleep(0.2)
    whole = requests.get(f"{server.url}/dump.nq.gz", timeout=60)
    assert whole.status_code == 200 and gzip.decompress(whole.content).count(b"\n") > 1000

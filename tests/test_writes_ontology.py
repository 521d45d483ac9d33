"""Writes that empty or replace the well-known graphs are judged against the store as it would be.

The gate copies the ontology (class hierarchy, declarations), schemes and vocabulary graphs; a
write that changes one of them must be judged with its new content. An emptied ontology once
counted as "not copied yet", so the gate copied the live one back and accepted the drop. Here
on real stores (a private copy of the sample corpus): through the real WriteService, and
through the real Flask app (422 with the report) for the Graph Store Protocol.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from serverfixture import private_copy

from borderkg.api import create_app
from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH, VOCABULARY_GRAPH
from borderkg.store import GraphStore
from borderkg.writes import USER_GRAPH_PREFIX, WriteRejected, WriteService

TOKEN = "test-token-" + "o" * 24
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ONTOLOGY = str(ONTOLOGY_GRAPH)
NOTES = USER_GRAPH_PREFIX + "notes"
#: A place typed only by a subclass of bkg:Location, with a latitude out of range: only the
#: class hierarchy brings it under the Location shapes.
FAR_NORTH = (
    f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:far-north> a bkg:Settlement ; "
    'skos:prefLabel "Far north"@en ; wgs:lat 95.0 ; wgs:long 125.0 } }'
)


@pytest.fixture
def store(sample_store: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store."""
    return private_copy(sample_store, tmp_path)


@pytest.fixture
def service(store: Path) -> Iterator[WriteService]:
    writes = WriteService(store)
    yield writes
    writes.close()


def count(root: Path, graph: str) -> int:
    """The number of triples in one graph of a store."""
    with GraphStore.open_read_only(root) as opened:
        return sum(1 for _ in opened.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def graph_text(root: Path, graph: str) -> list[str]:
    """One graph of a store as sorted N-Triples lines."""
    with GraphStore.open_read_only(root) as opened:
        quads = opened.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return sorted(str(q.triple) for q in quads)


EMPTYING = {
    "drop": f"DROP GRAPH <{ONTOLOGY}>",
    "clear": f"CLEAR GRAPH <{ONTOLOGY}>",
    "delete-where": f"DELETE WHERE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}",
    "move-missing": f"MOVE SILENT <urn:x:no-such-graph> TO <{ONTOLOGY}>",
}


@pytest.mark.parametrize("update", list(EMPTYING.values()), ids=list(EMPTYING))
def test_emptying_the_ontology_is_rejected_and_changes_nothing(
    service: WriteService, store: Path, update: str
) -> None:
    before = graph_text(store, ONTOLOGY)
    assert before
    with pytest.raises(WriteRejected) as rejected:
        service.update(update)
    assert rejected.value.status == 422 and rejected.value.report.violations
    assert graph_text(store, ONTOLOGY) == before


def test_moving_a_small_graph_onto_the_ontology_is_rejected(
    service: WriteService, store: Path
) -> None:
    service.update(f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> 1 }} }}")
    size = count(store, ONTOLOGY)
    with pytest.raises(WriteRejected):
        service.update(f"MOVE <{NOTES}> TO <{ONTOLOGY}>")
    assert count(store, ONTOLOGY) == size and count(store, NOTES) == 1


@pytest.mark.parametrize("graph", [str(SCHEMES_GRAPH), str(VOCABULARY_GRAPH)])
def test_dropping_the_schemes_or_vocabulary_is_rejected(
    service: WriteService, store: Path, graph: str
) -> None:
    size = count(store, graph)
    with pytest.raises(WriteRejected):
        service.update(f"DROP GRAPH <{graph}>")
    assert count(store, graph) == size


def test_a_write_after_a_rejected_drop_is_still_checked_with_the_class_hierarchy(
    service: WriteService, store: Path
) -> None:
    with pytest.raises(WriteRejected):
        service.update(f"DROP GRAPH <{ONTOLOGY}>")
    with pytest.raises(WriteRejected) as rejected:
        service.update(FAR_NORTH)
    violations = rejected.value.report.violations
    assert any(r.source_shape.endswith("#Location-lat-range") for r in violations)
    assert {r.focus_node for r in violations} == {"<urn:x:far-north>"}
    assert count(store, NOTES) == 0


def test_the_far_north_settlement_is_rejected_on_a_fresh_service(service: WriteService) -> None:
    """The control for the test above: the case is caught with the hierarchy in place."""
    with pytest.raises(WriteRejected) as rejected:
        service.update(FAR_NORTH)
    assert any(
        r.source_shape.endswith("#Location-lat-range") for r in rejected.value.report.violations
    )


# -- over HTTP ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_store(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return private_copy(sample_store, tmp_path_factory.mktemp("ontology-writes"))


@pytest.fixture(scope="module")
def app(app_store: Path) -> Iterator[Flask]:
    application = create_app({"store": app_store, "token": TOKEN, "workers": 1, "timeout": 30})
    yield application
    application.extensions["borderkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def data_url(graph: str) -> str:
    return f"/data?graph={quote(graph, safe='')}"


def served_triples(client: FlaskClient, graph: str) -> set[str]:
    reply = client.get(data_url(graph), headers={"Accept": "application/n-triples"})
    assert reply.status_code == 200
    return {line for line in reply.get_data(as_text=True).splitlines() if line.strip()}


def assert_rejected_with_report(reply) -> None:  # type: ignore[no-untyped-def]
    assert reply.status_code == 422, reply.data
    error = reply.get_json()["error"]
    assert (error["status"], error["code"]) == (422, "validation-failed")
    assert error["report"]["conforms"] is False and error["report"]["violations"] >= 1
    assert any(r["severity"] == "Violation" for r in error["report"]["results"])


def test_delete_of_the_ontology_graph_is_422_with_the_report(client: FlaskClient) -> None:
    before = served_triples(client, ONTOLOGY)
    assert_rejected_with_report(client.delete(data_url(ONTOLOGY), headers=AUTH))
    assert served_triples(client, ONTOLOGY) == before


def test_drop_and_clear_of_the_ontology_over_update_are_422(client: FlaskClient) -> None:
    before = served_triples(client, ONTOLOGY)
    for update in (EMPTYING["drop"], EMPTYING["clear"]):
        reply = client.post(
            "/update", data=update, content_type="application/sparql-update", headers=AUTH
        )
        assert_rejected_with_report(reply)
    assert served_triples(client, ONTOLOGY) == before


def test_putting_a_one_triple_ontology_is_422(client: FlaskClient) -> None:
    before = served_triples(client, ONTOLOGY)
    reply = client.put(
        data_url(ONTOLOGY),
        data=b"<urn:x:a> <urn:x:p> <urn:x:o> .\n",
        content_type="application/n-triples",
        headers=AUTH,
    )
    assert_rejected_with_report(reply)
    assert served_triples(client, ONTOLOGY) == before


def test_the_rejection_of_a_drop_reports_what_full_validation_of_the_result_finds(
    service: WriteService, store: Path, tmp_path: Path
) -> None:
    from borderkg.validatecli import run

    dropped = tmp_path / "dropped"
    shutil.copytree(store, dropped)
    with GraphStore(dropped) as opened:
        opened.store.update(f"DROP GRAPH <{ONTOLOGY}>")
    full = set(run([], store_dir=dropped).report.results)
    with pytest.raises(WriteRejected) as rejected:
        service.update(EMPTYING["drop"])
    assert full and set(rejected.value.report.results) == full

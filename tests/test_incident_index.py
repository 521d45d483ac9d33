"""The incidents' side index: rebuilds read only what changed and still match a full one."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from serverfixture import private_copy

from borderkg.incidentindex import INDEX_NAME, IncidentIndex
from borderkg.incidents import mark_changing, rebuild_incidents
from borderkg.ontology.namespaces import INCIDENTS_GRAPH
from borderkg.store import GraphStore
from borderkg.writes import WriteService, WriteSettings

_WAVE = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT ?i ?r ?g WHERE {
  GRAPH <{incidents}> { ?i a bkg:Incident ; sem:hasEarliestBeginTimeStamp ?d . ?r bkg:reportOf ?i }
  FILTER(STR(?d) = '2023-10-09')
  GRAPH ?g { ?r a bkg:EventReport }
} ORDER BY ?r
""".replace("{incidents}", str(INCIDENTS_GRAPH))

_MOVE = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { GRAPH <%(g)s> { <%(r)s> sem:hasEarliestBeginTimeStamp ?e ; sem:hasLatestEndTimeStamp ?l } }
INSERT { GRAPH <%(g)s> { <%(r)s> sem:hasEarliestBeginTimeStamp "1999-01-04"^^xsd:date ;
                                 sem:hasLatestEndTimeStamp "1999-01-04"^^xsd:date } }
WHERE { GRAPH <%(g)s> { <%(r)s> sem:hasEarliestBeginTimeStamp ?e ; sem:hasLatestEndTimeStamp ?l } }
"""


def _incidents(root: Path) -> set[str]:
    store = GraphStore.open_read_only(root)
    try:
        quads = store.store.quads_for_pattern(None, None, None, ox.NamedNode(str(INCIDENTS_GRAPH)))
        return {str(q.triple) for q in quads}
    finally:
        store.close()


def _wave(root: Path) -> list[tuple[str, str, str]]:
    store = GraphStore.open_read_only(root)
    try:
        rows = store.store.query(_WAVE, use_default_graph_as_union=True)
        return [(row["i"].value, row["r"].value, row["g"].value) for row in rows]
    finally:
        store.close()


def _from_scratch(root: Path) -> set[str]:
    """The incidents graph a rebuild makes with no side index, from the store alone."""
    (root / INDEX_NAME).unlink()
    with GraphStore.open(root) as store:
        assert rebuild_incidents(store) is not None
    return _incidents(root)


def test_a_write_that_keeps_the_hash_moves_its_report_as_a_full_rebuild_would(
    sample_store: Path, tmp_path: Path
) -> None:
    root = private_copy(sample_store, tmp_path)
    wave = _wave(root)
    incident, report, graph = wave[-1]  # not the report that names the incident
    assert not incident.endswith(report.rsplit("/", 1)[-1].replace("#", "-"))
    writes = WriteService(root, WriteSettings(publish=False, sync_search=False))
    try:
        writes.update(_MOVE % {"g": graph, "r": report})
    finally:
        writes.close()
    after = _wave(root)
    assert report not in {r for _, r, _ in after}
    assert len(after) == len(wave) - 1
    incremental = _incidents(root)
    assert f"<{report}> <https://w3id.org/borderkg/ontology#reportOf> <{incident}>" not in (
        incremental
    )
    assert _from_scratch(root) == incremental


def test_graphs_marked_before_a_write_the_process_did_not_finish_are_reread_later(
    sample_store: Path, tmp_path: Path
) -> None:
    root = private_copy(sample_store, tmp_path)
    wave = _wave(root)
    _, report, graph = wave[-1]
    with GraphStore.open(root) as store:
        mark_changing(store, [graph])
        store.apply_update(_MOVE % {"g": graph, "r": report})  # and no rebuild: "killed"
    with GraphStore.open(root) as store:
        stats = rebuild_incidents(store)  # what the next load runs, naming no graph
    assert stats is not None
    after = _wave(root)
    assert report not in {r for _, r, _ in after}
    assert len(after) == len(wave) - 1


def test_a_rebuild_when_nothing_changed_writes_nothing_and_says_so(
    sample_store: Path, tmp_path: Path
) -> None:
    root = private_copy(sample_store, tmp_path)
    before = _incidents(root)
    with GraphStore.open(root) as store:
        assert rebuild_incidents(store) is None
    assert _incidents(root) == before


def test_a_damaged_side_index_is_remade_from_the_store(sample_store: Path, tmp_path: Path) -> None:
    root = private_copy(sample_store, tmp_path)
    before = _incidents(root)
    (root / INDEX_NAME).write_bytes(b"this is not a database\n" * 200)
    with GraphStore.open(root) as store:
        stats = rebuild_incidents(store)
    assert stats is not None and stats.incidents > 0
    assert _incidents(root) == before


def test_an_interrupted_write_of_the_incidents_graph_is_replaced_whole_next_time(
    sample_store: Path, tmp_path: Path
) -> None:
    root = private_copy(sample_store, tmp_path)
    before = _incidents(root)
    stray = "<https://example.org/stray> <https://example.org/p> <https://example.org/o>"
    with GraphStore.open(root) as store:
        with IncidentIndex.for_store(root) as index:
            index.begin_writing()  # as if the process died while writing the graph
        store.apply_update(f"INSERT DATA {{ GRAPH <{INCIDENTS_GRAPH}> {{ {stray} }} }}")
        assert rebuild_incidents(store) is not None
    assert _incidents(root) == before


def test_a_report_that_changes_type_leaves_both_types_as_a_full_rebuild_would(
    sample_store: Path, tmp_path: Path
) -> None:
    root = private_copy(sample_store, tmp_path)
    _, report, graph = _wave(root)[-1]
    et = "https://w3id.org/borderkg/scheme/event-type/"
    retype = (
        f"PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
        f"DELETE {{ GRAPH <{graph}> {{ <{report}> sem:eventType ?t }} }} "
        f"INSERT {{ GRAPH <{graph}> {{ <{report}> sem:eventType <{et}Detention> }} }} "
        f"WHERE {{ GRAPH <{graph}> {{ <{report}> sem:eventType ?t }} }}"
    )
    with GraphStore.open(root) as store:
        mark_changing(store, [graph])
        store.apply_update(retype)
        assert rebuild_incidents(store, [graph]) is not None
    incremental = _incidents(root)
    assert report not in {r for _, r, _ in _wave(root)}
    assert _from_scratch(root) == incremental


def test_a_vocabulary_that_moves_places_clusters_every_type_again(
    sample_store: Path, tmp_path: Path
) -> None:
    root = private_copy(sample_store, tmp_path)
    before = _incidents(root)
    unparent = (
        "PREFIX bkg: <https://w3id.org/borderkg/ontology#> "
        "DELETE { GRAPH ?g { ?p bkg:adminParent ?q } } WHERE { GRAPH ?g { ?p bkg:adminParent ?q } }"
    )
    with GraphStore.open(root) as store:
        store.apply_update(unparent)  # no article graph changes
        assert rebuild_incidents(store) is not None
    incremental = _incidents(root)
    assert incremental != before
    assert _from_scratch(root) == incremental


def test_an_article_changed_without_a_rebuild_is_caught_up_by_its_hash(
    sample_store: Path, tmp_path: Path
) -> None:
    root = private_copy(sample_store, tmp_path)
    _, report, graph = _wave(root)[-1]
    with GraphStore.open(root) as store:
        assert store.remove_article(graph)  # as a load killed before its rebuild leaves it
        assert rebuild_incidents(store) is not None  # what the next load runs, naming no graph
    assert report not in {r for _, r, _ in _wave(root)}
    incremental = _incidents(root)
    assert _from_scratch(root) == incremental


def test_incidents_made_by_older_clustering_rules_are_all_clustered_again(
    sample_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borderkg import incidents

    root = private_copy(sample_store, tmp_path)
    with GraphStore.open(root) as store:
        assert rebuild_incidents(store) is None  # in step, under today's rules
        monkeypatch.setattr(incidents, "RULES_VERSION", "a newer one")
        stats = rebuild_incidents(store)  # no article changed, yet every type is redone
    assert stats is not None and stats.incidents > 0
    assert _from_scratch(root) == _incidents(root)

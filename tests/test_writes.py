"""The write path (borderkg.writes): SPARQL Update and Graph Store Protocol writes on real stores.

Stores are real on-disk pyoxigraph stores: the sample corpus loaded once per session with the
real CLI, copied per test. Semantics are checked against pyoxigraph running the same update
on an in-memory copy (the reference), the all-or-nothing guarantee by comparing dumps.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from serverfixture import private_copy
from storeholder import store_held_elsewhere

from borderkg.ontology.namespaces import PREFIXES, VOCABULARY_GRAPH
from borderkg.search import SearchIndex
from borderkg.snapshots import current_info, current_snapshot
from borderkg.store import GraphStore
from borderkg.updatetext import FetchRefused, analyse, with_protocol_dataset
from borderkg.writes import (
    DEFAULT_GRAPH,
    FORKS_DIR,
    USER_GRAPH_PREFIX,
    DatasetConflict,
    GraphNotFound,
    PayloadSyntaxError,
    UnsupportedPayload,
    UpdateFailed,
    UpdateRefused,
    UpdateSyntaxError,
    WriteBusy,
    WriteRejected,
    WriteService,
)

NOTES = USER_GRAPH_PREFIX + "notes"


# `sample_store`: the session's sample corpus loaded by the real CLI (tests/serverfixture.py),
# shared with the other modules; never written here, only copied.


@pytest.fixture
def store(sample_store: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store."""
    return private_copy(sample_store, tmp_path)


@pytest.fixture
def service(store: Path) -> WriteService:
    writes = WriteService(store)
    yield writes
    writes.close()


def dump(root: Path) -> tuple[list[str], list[str]]:
    """Every quad (N-Quads lines, sorted) and every named graph of a store."""
    with GraphStore.open_read_only(root) as opened:
        lines = opened.store.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines()
        graphs = sorted(str(g) for g in opened.store.named_graphs())
    return sorted(lines), graphs


def ask(path: Path, query: str) -> bool:
    """ASK a store or a snapshot directory."""
    with GraphStore.open_read_only(path) as opened:
        return bool(opened.query(query, union=True))


def select(root: Path, query: str) -> list[list[ox.Term]]:
    with GraphStore.open_read_only(root) as opened:
        return [list(row) for row in opened.query(query)]


# -- committed writes ---------------------------------------------------------------------


def test_insert_data_is_visible_in_a_new_snapshot(service: WriteService, store: Path) -> None:
    result = service.update(
        f'INSERT DATA {{ GRAPH <{NOTES}> {{ place:yalu-river rdfs:comment "a note"@en }} }}'
    )
    assert result.graphs == [NOTES]
    assert (result.inserted, result.deleted) == (1, 0)
    assert result.snapshot == current_info(store).name
    query = f'ASK {{ GRAPH <{NOTES}> {{ place:yalu-river rdfs:comment "a note"@en }} }}'
    assert ask(current_snapshot(store), query)
    assert ask(store, query)
    assert not (store / FORKS_DIR).exists() or not any((store / FORKS_DIR).iterdir())


def test_put_replaces_a_graph_and_says_whether_it_created_it(
    service: WriteService, store: Path
) -> None:
    first = service.graph_put(NOTES, b'<urn:x:a> <urn:x:p> "1" .\n', "application/n-triples")
    second = service.graph_put(
        NOTES, b"@prefix x: <urn:x:> .\nx:b x:p 2 .\n", "text/turtle; charset=utf-8"
    )
    assert first.created and not second.created
    assert (second.inserted, second.deleted) == (1, 1)
    rows = select(store, f"SELECT ?s ?o WHERE {{ GRAPH <{NOTES}> {{ ?s ?p ?o }} }}")
    assert [[str(t) for t in row] for row in rows] == [
        ["<urn:x:b>", '"2"^^<http://www.w3.org/2001/XMLSchema#integer>']
    ]


def test_post_to_the_service_mints_a_user_graph(service: WriteService, store: Path) -> None:
    result = service.graph_post(None, b'{"@id": "urn:x:a", "urn:x:p": "v"}', "application/ld+json")
    assert result.graph.startswith(USER_GRAPH_PREFIX) and result.created
    assert ask(store, f'ASK {{ GRAPH <{result.graph}> {{ <urn:x:a> <urn:x:p> "v" }} }}')


def test_post_merges_and_keeps_blank_nodes_apart(service: WriteService, store: Path) -> None:
    for _ in range(2):
        service.graph_post(NOTES, b'_:b <urn:x:p> "1" .\n', "application/n-triples")
    rows = select(store, f'SELECT DISTINCT ?s WHERE {{ GRAPH <{NOTES}> {{ ?s <urn:x:p> "1" }} }}')
    assert len(rows) == 2 and all(isinstance(row[0], ox.BlankNode) for row in rows)


def test_delete_of_an_article_graph_removes_it_and_its_search_entry(
    service: WriteService, store: Path
) -> None:
    with GraphStore.open_read_only(store) as opened:
        graph = opened.article_graphs()[0]
    result = service.graph_delete(graph)
    assert result.graphs == [graph] and result.deleted > 100
    assert graph not in dump(store)[1]
    with SearchIndex.for_store(store, read_only=True) as index:
        assert graph not in index.indexed_articles()
    with pytest.raises(GraphNotFound):
        service.graph_delete(graph)


def test_default_graph_can_be_put_and_emptied(service: WriteService, store: Path) -> None:
    service.graph_put(None, b"<urn:x:a> <urn:x:p> <urn:x:o> .", "application/n-triples")
    assert ask(store, "ASK { <urn:x:a> <urn:x:p> <urn:x:o> }")
    result = service.graph_delete(DEFAULT_GRAPH)
    assert result.graphs == [""] and result.deleted == 1
    with GraphStore.open_read_only(store) as opened:
        assert (
            next(opened.store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
        )


def test_a_write_that_changes_nothing_publishes_nothing(service: WriteService, store: Path) -> None:
    service.update(f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> 1 }} }}")
    before = current_info(store).name
    result = service.update(
        f"DROP SILENT GRAPH <urn:x:absent> ; INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> 1 }} }}"
    )
    assert not result.changed and result.snapshot is None
    assert current_info(store).name == before


# -- the gate -----------------------------------------------------------------------------


def _policy(root: Path) -> tuple[str, str, str]:
    graph, policy, measure = select(
        root,
        "SELECT ?g ?p ?m WHERE { GRAPH ?g { ?p a bkg:Policy ; bkg:measureType ?m } } "
        "ORDER BY ?p LIMIT 1",
    )[0]
    return graph.value, policy.value, measure.value


def _other_measure(measure: str) -> str:
    other = "BorderClosure" if not measure.endswith("BorderClosure") else "Crackdown"
    return f"https://w3id.org/borderkg/scheme/measure-type/{other}"


def test_a_policy_with_two_measure_types_is_rejected_and_nothing_changes(
    service: WriteService, store: Path
) -> None:
    graph, policy, measure = _policy(store)
    before = dump(store)
    service.update(f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> 1 }} }}")
    before, snapshot = dump(store), current_info(store).name
    with pytest.raises(WriteRejected) as rejected:
        service.update(
            f"INSERT DATA {{ GRAPH <{graph}> {{ <{policy}> bkg:measureType <{_other_measure(measure)}> }} }}"
        )
    report = rejected.value.report
    assert not report.conforms
    assert {r.focus_node for r in report.violations} == {f"<{policy}>"}
    assert any("measureType" in (r.path or "") for r in report.violations)
    assert rejected.value.status == 422 and rejected.value.details["report"]["violations"] >= 1
    assert dump(store) == before
    assert current_info(store).name == snapshot


def test_a_wikidata_id_on_two_entities_is_rejected(service: WriteService, store: Path) -> None:
    qid = select(
        store,
        f"SELECT ?id WHERE {{ GRAPH <{VOCABULARY_GRAPH}> {{ ?e skos:exactMatch ?id ; a bkg:Country }} "
        'FILTER(STRSTARTS(STR(?id), "http://www.wikidata.org/")) } ORDER BY ?id LIMIT 1',
    )[0][0]
    before = dump(store)
    with pytest.raises(WriteRejected) as rejected:
        service.update(
            f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:land> a bkg:Country ; "
            f'skos:prefLabel "Another land"@en ; skos:exactMatch {qid} }} }}'
        )
    assert any("exactMatch" in r.message for r in rejected.value.report.violations)
    assert dump(store) == before


def test_a_violation_in_the_second_operation_undoes_the_first(
    service: WriteService, store: Path
) -> None:
    graph, policy, measure = _policy(store)
    before = dump(store)
    with pytest.raises(WriteRejected):
        service.update(
            f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:first> <urn:x:p> 1 }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{graph}> {{ <{policy}> bkg:measureType <{_other_measure(measure)}> }} }}"
        )
    assert dump(store) == before


def test_removing_a_place_type_breaks_the_articles_that_point_to_it(
    service: WriteService, store: Path
) -> None:
    place, cls = select(
        store,
        f"SELECT ?pl ?t WHERE {{ GRAPH ?g {{ ?p a bkg:Policy ; sem:hasPlace ?pl }} "
        f"GRAPH <{VOCABULARY_GRAPH}> {{ ?pl a ?t }} }} ORDER BY ?pl LIMIT 1",
    )[0]
    before = dump(store)
    with pytest.raises(WriteRejected) as rejected:
        service.update(f"DELETE DATA {{ GRAPH <{VOCABULARY_GRAPH}> {{ {place} a {cls} }} }}")
    assert any(r.value == str(place) for r in rejected.value.report.violations)
    assert dump(store) == before


def test_an_old_violation_does_not_block_an_unrelated_write(
    service: WriteService, store: Path
) -> None:
    graph, policy, measure = _policy(store)
    other = _other_measure(measure)
    with GraphStore.open(store) as opened:  # data from before a stricter shape, say
        opened.store.update(
            f"INSERT DATA {{ GRAPH <{graph}> {{ <{policy}> <{PREFIXES['bkg']}measureType> <{other}> }} }}"
        )
    result = service.update(
        f'INSERT DATA {{ GRAPH <{graph}> {{ <{policy}> rdfs:comment "checked" }} }}'
    )
    assert result.graphs == [graph]
    with pytest.raises(WriteRejected):
        service.update(
            f"INSERT DATA {{ GRAPH <{graph}> {{ <{policy}> bkg:status <urn:x:not-a-status> }} }}"
        )


# -- refusals and errors ------------------------------------------------------------------


def test_load_is_refused_before_anything_runs(service: WriteService, store: Path) -> None:
    before = dump(store)
    with pytest.raises(UpdateRefused) as refused:
        service.update(
            f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> 1 }} }} ;\nload <http://127.0.0.1:9/x.ttl>"
        )
    assert refused.value.code == "load-refused" and "2:1" in refused.value.message
    assert refused.value.status == 403
    assert dump(store) == before
    service.update(f'INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> "LOAD <x>" }} }} # LOAD')


def test_service_in_a_where_clause_is_refused(service: WriteService) -> None:
    with pytest.raises(UpdateRefused) as refused:
        service.update(
            "INSERT { ?s a ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s a ?o } }"
        )
    assert refused.value.code == "service-not-allowed"


def test_update_service_targets_are_read_like_the_query_urls() -> None:
    text = (
        "PREFIX ex: <http://allowed.example/> BASE <http://allowed.example/a/>\n"
        'INSERT { ?s a ?o } WHERE { ?s <urn:p> "SERVICE <http://not.called/>" '
        "SERVICE ex:sparql { ?s a ?o } SERVICE SILENT <../other> { ?s a ?o } }"
    )
    allowed = ["http://allowed.example/sparql", "http://allowed.example/other"]
    plan = analyse(text, {}, service_allowlist=allowed)
    assert plan.services == tuple(allowed)
    with pytest.raises(FetchRefused, match=r"http://allowed\.example/other"):
        analyse(text, {}, service_allowlist=allowed[:1])


def test_a_syntax_error_reports_line_and_column(service: WriteService) -> None:
    with pytest.raises(UpdateSyntaxError) as error:
        service.update(f"INSERT DATA {{ GRAPH <{NOTES}> {{\n  <urn:x:a> <urn:x:p> }} }}")
    assert (error.value.line, error.value.column) == (2, 23)
    assert error.value.status == 400 and "2:23" in error.value.message


def test_an_engine_error_fails_the_whole_update(service: WriteService, store: Path) -> None:
    before = dump(store)
    with pytest.raises(UpdateFailed):
        service.update(
            f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> 1 }} }} ; DROP GRAPH <urn:x:absent>"
        )
    assert dump(store) == before


def test_payload_errors_say_where(service: WriteService) -> None:
    with pytest.raises(PayloadSyntaxError) as error:
        service.graph_put(
            NOTES, b'@prefix x: <urn:x:> .\nx:a x:p x:b ;\n  x:q "open .\n', "text/turtle"
        )
    assert error.value.line == 3 and error.value.column is not None
    with pytest.raises(UnsupportedPayload) as refused:
        service.graph_put(NOTES, b"<urn:x:a> <urn:x:p> <urn:x:b> .", "application/trig")
    assert refused.value.status == 415 and "one graph" in refused.value.message


def test_a_load_holding_the_store_makes_writes_busy(service: WriteService, store: Path) -> None:
    with store_held_elsewhere(store), pytest.raises(WriteBusy) as busy:
        service.update(f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> 1 }} }}")
    assert busy.value.status == 503 and busy.value.headers == {"Retry-After": "5"}
    assert service.update(f"INSERT DATA {{ GRAPH <{NOTES}> {{ <urn:x:a> <urn:x:p> 1 }} }}").changed


def test_protocol_dataset_conflicts_with_using_in_the_text(service: WriteService) -> None:
    with pytest.raises(DatasetConflict) as conflict:
        service.update("INSERT { ?s ?p ?o } USING <urn:x:a> WHERE { ?s ?p ?o }", using=["urn:x:b"])
    assert conflict.value.status == 400


# -- standard semantics: the same result as Oxigraph on the whole store ----------------------

INITIAL = """INSERT DATA {
  <urn:x:d> <urn:x:p> 1 .
  GRAPH <urn:g:1> { <urn:x:a> <urn:x:p> 1 . <urn:x:a> <urn:x:q> "x" . <urn:x:b> <urn:x:p> 2 }
  GRAPH <urn:g:2> { <urn:x:c> <urn:x:p> 3 . <urn:x:a> <urn:x:r> <urn:x:b> }
}"""

# (update sent, protocol USING graphs, the same update with its dataset written in the text)
STEPS = [
    (
        "INSERT DATA { GRAPH <urn:g:3> { <urn:x:e> <urn:x:p> 5 } } ;"
        " DELETE DATA { GRAPH <urn:g:1> { <urn:x:b> <urn:x:p> 2 } <urn:x:d> <urn:x:p> 1 }",
        (),
        None,
    ),
    (
        "PREFIX x: <urn:x:> WITH <urn:g:1> DELETE { ?s x:p ?o } INSERT { ?s x:moved ?o }"
        " WHERE { ?s x:p ?o }",
        (),
        None,
    ),
    ("DELETE WHERE { GRAPH ?g { ?s <urn:x:p> ?o } }", (), None),
    ("INSERT { GRAPH ?g { ?s <urn:x:seen> true } } WHERE { GRAPH ?g { ?s ?p ?o } }", (), None),
    (
        "COPY <urn:g:1> TO <urn:g:4> ; MOVE <urn:g:2> TO DEFAULT ; ADD DEFAULT TO <urn:g:3>",
        (),
        None,
    ),
    ("CLEAR GRAPH <urn:g:4> ; CREATE GRAPH <urn:g:9>", (), None),
    ("BASE <urn:g:> PREFIX n: <urn:x:> INSERT DATA { GRAPH <5> { n:f n:p n:g } }", (), None),
    (
        "INSERT { GRAPH <urn:g:6> { ?s ?p ?o } } WHERE { ?s ?p ?o }",
        ("urn:g:3",),
        "INSERT { GRAPH <urn:g:6> { ?s ?p ?o } } USING <urn:g:3> WHERE { ?s ?p ?o }",
    ),
    (
        "DELETE WHERE { ?s <urn:x:seen> ?o }",
        ("urn:g:6",),
        "DELETE { ?s <urn:x:seen> ?o } USING <urn:g:6> WHERE { ?s <urn:x:seen> ?o }",
    ),
    ("DROP NAMED", (), None),
]


def _state(store: ox.Store) -> tuple[set[str], set[str]]:
    return {str(q) for q in store}, {str(g) for g in store.named_graphs()}


def test_updates_leave_the_store_as_oxigraph_would(tmp_path: Path) -> None:
    root = tmp_path / "small"
    with GraphStore.open(root) as opened:
        opened.store.update(INITIAL)
    reference = ox.Store()
    reference.update(INITIAL)
    writes = WriteService(root)
    try:
        for step, (update, using, written) in enumerate(STEPS):
            writes.update(update, using=using)
            reference.update(written or update, prefixes=PREFIXES)
            with GraphStore.open_read_only(root) as opened:
                assert _state(opened.store) == _state(reference), f"step {step}: {update}"
            assert ask(current_snapshot(root), "ASK { ?s ?p ?o }") or not len(reference)
    finally:
        writes.close()


def test_blank_nodes_shared_by_graphs_stay_one_node(tmp_path: Path) -> None:
    root = tmp_path / "small"
    writes = WriteService(root)
    try:
        writes.update(
            "INSERT DATA { GRAPH <urn:g:1> { _:n <urn:x:p> 1 . _:n <urn:x:r> 3 } "
            "GRAPH <urn:g:2> { _:n <urn:x:q> 2 } }"
        )
        writes.update("DELETE WHERE { GRAPH <urn:g:1> { ?n <urn:x:p> 1 } }")  # a rewrite
        with GraphStore.open_read_only(root) as opened:
            assert opened.query(
                "ASK { GRAPH <urn:g:1> { ?n <urn:x:r> 3 } GRAPH <urn:g:2> { ?n <urn:x:q> 2 } "
                "FILTER NOT EXISTS { GRAPH ?g { ?n <urn:x:p> 1 } } }"
            )
            assert len(opened.store) == 2
    finally:
        writes.close()


# -- reading an update before it runs -------------------------------------------------------


def test_the_analyser_names_the_graphs_each_operation_changes() -> None:
    plan = analyse(
        "BASE <http://ex.org/a/> PREFIX p: <ns#>\n"
        "CLEAR GRAPH <g1> ; ADD SILENT p:x TO GRAPH <../g2> ; MOVE DEFAULT TO bkg:zz ;\n"
        'INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> "LOAD <x> SERVICE" } <urn:a> <urn:b> 1 } ;'
        " # LOAD <http://x/>\n"
        "WITH <urn:w> DELETE { ?s ?p ?o } INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
        PREFIXES,
    )
    kinds = [(op.kind, set(op.graphs), op.graph_vars) for op in plan.operations]
    assert kinds == [
        ("CLEAR", {"http://ex.org/a/g1"}, ()),
        ("ADD", {"http://ex.org/g2"}, ()),
        ("MOVE", {None, PREFIXES["bkg"] + "zz"}, ()),
        ("INSERT DATA", {"urn:g", None}, ()),
        ("MODIFY", {"urn:w"}, ("?g",)),
    ]
    assert plan.operations[1].reads == {"http://ex.org/a/ns#x"}
    assert not plan.static


def test_protocol_using_graphs_rewrite_delete_where() -> None:
    plan = analyse("DELETE WHERE { ?s <urn:p> ?o }", PREFIXES)
    assert with_protocol_dataset(plan, ["urn:u"], ["urn:n"]) == (
        "DELETE { ?s <urn:p> ?o } USING <urn:u> USING NAMED <urn:n> WHERE { ?s <urn:p> ?o }"
    )


def test_custom_severities_block_a_write_like_violations() -> None:
    from borderkg.validation.report import is_violation

    assert is_violation("Violation") and is_violation("http://example.org/ns#MySeverity")
    assert not is_violation("Warning") and not is_violation("Info")

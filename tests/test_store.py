"""The embedded store: per-article transactions, hashes, locking, compaction, export, stats."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Literal, URIRef

from borderkg.config import STORE_ENV, StoreSettings, default_store_path, resolve_store_path
from borderkg.iris import article_graph_iri, article_iri
from borderkg.ontology.namespaces import BKG, REVIEW, VOCABULARY_GRAPH
from borderkg.store import (
    ArticleWriteError,
    GraphStore,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    WriteOutcome,
)
from borderkg.storefiles import disk_usage

NIF_IS_STRING = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")
EX = "https://example.org/test#"


def article_triples(art_id: str, n: int = 5, version: int = 1) -> list[tuple]:
    """A small article graph in rdflib terms: type, text and ``n`` numbered statements."""
    a = article_iri(art_id)
    triples: list[tuple] = [
        (a, RDF.type, BKG.Article),
        (URIRef(f"{a}#text"), NIF_IS_STRING, Literal(f"Text of {art_id}, version {version}.")),
    ]
    triples += [(a, URIRef(EX + f"p{k}"), Literal(f"v{version}-{k}")) for k in range(n)]
    return triples


def quads_of(store: GraphStore, graph: URIRef) -> set[str]:
    return {str(q) for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    with GraphStore(tmp_path / "store") as opened:
        yield opened


# -- writing articles --------------------------------------------------------------------


def test_reload_of_identical_article_is_unchanged_and_adds_no_quads(store: GraphStore) -> None:
    g = article_graph_iri("a1")
    assert store.write_article(g, article_triples("a1"), "hash-1") is WriteOutcome.ADDED
    before = quads_of(store, g)
    assert store.write_article(g, article_triples("a1"), "hash-1") is WriteOutcome.UNCHANGED
    assert quads_of(store, g) == before
    assert store.triple_count(g) == 7 + 1  # 7 triples and the content hash
    assert len(store.store) == 8


def test_changed_article_replaces_the_old_graph_whole(store: GraphStore) -> None:
    g = article_graph_iri("a1")
    store.write_article(g, article_triples("a1", n=6, version=1), "hash-1")
    outcome = store.write_article(g, article_triples("a1", n=2, version=2), "hash-2")
    assert outcome is WriteOutcome.REPLACED
    objects = {q.object.value for q in store.store.quads_for_pattern(None, None, None, None)}
    assert not any(o.startswith("v1-") for o in objects)
    assert {"v2-0", "v2-1", "hash-2"} <= objects
    assert store.content_hash_of(g) == "hash-2"
    assert store.triple_count(g) == 2 + 2 + 1


def test_content_hash_is_stored_on_the_article_node_inside_its_graph(store: GraphStore) -> None:
    g = article_graph_iri("a1")
    store.write_article(g, article_triples("a1"), "abc123")
    rows = list(store.query(f"SELECT ?a ?h WHERE {{ GRAPH <{g}> {{ ?a bkg:contentHash ?h }} }}"))
    assert [(r["a"].value, r["h"].value) for r in rows] == [(str(article_iri("a1")), "abc123")]
    assert store.content_hash_of(article_graph_iri("absent")) is None


def test_failing_triples_leave_the_previous_version_intact(store: GraphStore) -> None:
    g = article_graph_iri("a1")
    store.write_article(g, article_triples("a1", version=1), "hash-1")
    before = quads_of(store, g)

    def breaks_after_three() -> Iterator[tuple]:
        yield from article_triples("a1", version=2)[:3]
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError, match="extractor crashed"):
        store.write_article(g, breaks_after_three(), "hash-2")
    assert quads_of(store, g) == before
    assert store.content_hash_of(g) == "hash-1"


def test_invalid_term_midway_leaves_the_previous_version_intact(store: GraphStore) -> None:
    g = article_graph_iri("a1")
    store.write_article(g, article_triples("a1", version=1), "hash-1")
    before = quads_of(store, g)
    bad = [*article_triples("a1", version=2)[:4], (article_iri("a1"), URIRef(EX + "p"), 42)]
    with pytest.raises(TypeError, match="not an RDF term"):
        store.write_article(g, bad, "hash-2")
    assert quads_of(store, g) == before


def test_batch_commits_articles_before_a_broken_one_and_names_it(store: GraphStore) -> None:
    def broken() -> Iterator[tuple]:
        yield article_triples("b")[0]
        raise ValueError("bad span")

    batch = [
        (article_graph_iri("a"), article_triples("a"), "ha"),
        (article_graph_iri("b"), broken(), "hb"),
        (article_graph_iri("c"), article_triples("c"), "hc"),
    ]
    with pytest.raises(ArticleWriteError) as caught:
        store.write_articles(batch)
    assert caught.value.graph == str(article_graph_iri("b"))
    assert store.article_graphs() == [str(article_graph_iri("a"))]


def test_batch_reports_added_replaced_unchanged_and_later_repeat_wins(tmp_path: Path) -> None:
    settings = StoreSettings(path=tmp_path / "s", group_size=3)
    with GraphStore(settings=settings) as store:
        store.write_article(article_graph_iri("old"), article_triples("old"), "h-old")
        store.write_article(article_graph_iri("same"), article_triples("same"), "h-same")
        seen: list[tuple[str, WriteOutcome]] = []
        report = store.write_articles(
            [
                (article_graph_iri("new"), article_triples("new", version=1), "h1"),
                (article_graph_iri("old"), article_triples("old", version=2), "h-old-2"),
                (article_graph_iri("same"), article_triples("same"), "h-same"),
                (article_graph_iri("new"), article_triples("new", version=3), "h3"),
            ],
            progress=lambda g, o: seen.append((g, o)),
        )
        assert (report.added, report.replaced, report.unchanged) == (1, 2, 1)
        assert len(seen) == 4
        assert store.content_hash_of(article_graph_iri("new")) == "h3"
        assert store.triple_count(article_graph_iri("new")) == 8


def test_pyoxigraph_and_rdflib_inputs_store_the_same_quads(tmp_path: Path) -> None:
    a, p = article_iri("x"), URIRef(EX + "p")
    rdflib_triples = [
        (a, RDF.type, BKG.Article),
        (a, p, Literal(3)),
        (a, p, Literal("hi", lang="en")),
        (a, p, Literal("plain")),
    ]
    node, pred = ox.NamedNode(str(a)), ox.NamedNode(str(p))
    xsd_integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    ox_quads = [
        ox.Quad(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(BKG.Article))),
        ox.Quad(node, pred, ox.Literal("3", datatype=xsd_integer)),
        ox.Quad(node, pred, ox.Literal("hi", language="en")),
        ox.Quad(node, pred, ox.Literal("plain")),
    ]
    g = article_graph_iri("x")
    with GraphStore(tmp_path / "a") as one, GraphStore(tmp_path / "b") as two:
        one.write_article(g, rdflib_triples, "h")
        two.write_article(ox.NamedNode(str(g)), ox_quads, "h")
        assert quads_of(one, g) == quads_of(two, g)
        assert len(quads_of(one, g)) == 5


def test_quad_for_another_graph_or_a_conflicting_hash_is_refused(store: GraphStore) -> None:
    g = article_graph_iri("a1")
    other = (article_iri("a1"), RDF.type, BKG.Article, article_graph_iri("a2"))
    with pytest.raises(ValueError, match="was given for graph"):
        store.write_article(g, [other], "h")
    conflicting = [(article_iri("a1"), BKG.contentHash, Literal("something-else"))]
    with pytest.raises(ValueError, match="another bkg:contentHash"):
        store.write_article(g, conflicting, "h")
    with pytest.raises(ValueError, match="not an article graph"):
        store.write_article(VOCABULARY_GRAPH, article_triples("a1"), "h")
    assert store.graph_count() == 0


def test_remove_article_and_graph_listing(store: GraphStore) -> None:
    for art in ("b", "a"):
        store.write_article(article_graph_iri(art), article_triples(art), "h")
    store.replace_graph(VOCABULARY_GRAPH, [(URIRef(EX + "x"), RDF.type, BKG.Country)])
    assert store.article_graphs() == [str(article_graph_iri("a")), str(article_graph_iri("b"))]
    assert store.graph_count() == 3
    assert store.remove_article(article_graph_iri("a")) is True
    assert store.remove_article(article_graph_iri("a")) is False
    assert not store.has_graph(article_graph_iri("a"))
    assert store.has_graph(article_graph_iri("b"))
    assert store.has_graph(VOCABULARY_GRAPH)


def test_replace_graph_swaps_a_well_known_graph_whole(store: GraphStore) -> None:
    first = [(URIRef(EX + f"c{k}"), RDF.type, BKG.Country) for k in range(4)]
    assert store.replace_graph(VOCABULARY_GRAPH, first + first[:2]) == 4
    second = [(URIRef(EX + "only"), RDF.type, BKG.Country)]
    assert store.replace_graph(VOCABULARY_GRAPH, second) == 1
    assert quads_of(store, VOCABULARY_GRAPH) == {
        f"<{EX}only> <{RDF.type}> <{BKG.Country}> <{VOCABULARY_GRAPH}>"
    }


def test_replacing_a_graph_writes_only_what_changed_and_copes_with_blank_nodes(
    store: GraphStore,
) -> None:
    """Rebuilt derived graphs (the incidents) change little: the update names only the
    triples removed and added; an emptied graph is dropped; blank nodes are replaced whole."""
    from borderkg.storetypes import graph_update

    first = [(URIRef(EX + f"c{k}"), RDF.type, BKG.Country) for k in range(4)]
    store.replace_graph(VOCABULARY_GRAPH, first)
    second = [*first[1:], (URIRef(EX + "new"), RDF.type, BKG.Country)]
    wanted = [
        ox.Triple(ox.NamedNode(str(s)), ox.NamedNode(str(p)), ox.NamedNode(str(o)))
        for s, p, o in second
    ]
    text = graph_update(store.store, str(VOCABULARY_GRAPH), wanted)
    assert text.count("DATA") == 2 and "DROP" not in text
    assert f"<{EX}c0>" in text and f"<{EX}new>" in text and f"<{EX}c1>" not in text
    assert store.replace_graph(VOCABULARY_GRAPH, second) == 4
    assert quads_of(store, VOCABULARY_GRAPH) == {
        f"<{s}> <{RDF.type}> <{BKG.Country}> <{VOCABULARY_GRAPH}>" for s, _, _ in second
    }
    blank = [(ox.BlankNode(), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(BKG.Country)))]
    assert store.replace_graph(VOCABULARY_GRAPH, blank) == 1
    assert store.replace_graph(VOCABULARY_GRAPH, blank) == 1
    assert len(quads_of(store, VOCABULARY_GRAPH)) == 1  # replaced whole, not added to
    assert store.replace_graph(VOCABULARY_GRAPH, []) == 0
    assert not store.has_graph(VOCABULARY_GRAPH)


# -- locking and read-only access --------------------------------------------------------

_HOLDER = textwrap.dedent(
    """
    import sys
    from borderkg.store import GraphStore
    with GraphStore(sys.argv[1]) as store:
        print("ready", flush=True)
        sys.stdin.read()
    """
)

_RAW_HOLDER = textwrap.dedent(
    """
    import sys, pyoxigraph
    store = pyoxigraph.Store(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.read()
    """
)


def _hold(code: str, path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0


def test_store_held_by_another_process_raises_a_clear_lock_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.write_article(article_graph_iri("a"), article_triples("a"), "h")
    holder = _hold(_HOLDER, path)
    try:
        with pytest.raises(StoreLockedError) as caught:
            GraphStore(path)
        message = str(caught.value)
        assert str(path) in message
        assert f"process {holder.pid}" in message
        assert "read-write" in message
        assert [h.pid for h in caught.value.holders] == [holder.pid]
        with pytest.raises(StoreLockedError, match="checkpoint"):
            GraphStore.open_read_only(path)
    finally:
        _release(holder)
    with GraphStore(path) as store:  # released, and nothing was damaged
        assert store.content_hash_of(article_graph_iri("a")) == "h"


def test_database_held_outside_borderkg_raises_lock_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        database = store.database
    holder = _hold(_RAW_HOLDER, database)
    try:
        with pytest.raises(StoreLockedError) as caught:
            GraphStore(path)
        assert f"process {holder.pid}" in str(caught.value)
    finally:
        _release(holder)


def test_second_open_in_the_same_process_is_refused_and_close_releases(tmp_path: Path) -> None:
    path = tmp_path / "store"
    first = GraphStore(path)
    with pytest.raises(StoreLockedError, match=f"process {os.getpid()}"):
        GraphStore(path)
    first.close()
    first.close()
    with GraphStore(path) as second:
        assert not second.closed
    assert second.closed
    with pytest.raises(StoreError, match="closed"):
        second.graph_count()


def test_read_only_store_reads_and_refuses_writes_and_writers(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.write_article(article_graph_iri("a"), article_triples("a"), "h")
    with GraphStore.open_read_only(path) as reader, GraphStore.open_read_only(path) as other:
        assert reader.article_graphs() == other.article_graphs() == [str(article_graph_iri("a"))]
        with pytest.raises(StoreReadOnlyError):
            reader.write_article(article_graph_iri("b"), article_triples("b"), "h")
        with pytest.raises(StoreReadOnlyError):
            reader.apply_update("INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }")
        with pytest.raises(StoreLockedError, match="read-only"):
            GraphStore(path)
    with pytest.raises(StoreError, match="no store"):
        GraphStore.open_read_only(tmp_path / "nothing")


def test_apply_update_commits_a_checked_update_in_one_transaction(store: GraphStore) -> None:
    store.apply_update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> 1 , 2 } }")
    assert store.triple_count("urn:x:g") == 2
    with pytest.raises(SyntaxError):
        store.apply_update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> 3 } } ; BROKEN")
    assert store.triple_count("urn:x:g") == 2


def test_checkpoint_serves_readers_while_the_writer_goes_on(tmp_path: Path) -> None:
    path, snapshot = tmp_path / "store", tmp_path / "snap" / "one"
    with GraphStore(path) as store:
        store.write_article(article_graph_iri("a"), article_triples("a"), "h")
        store.checkpoint(snapshot)
        with pytest.raises(StoreError, match="already exists"):
            store.checkpoint(snapshot)
        store.write_article(article_graph_iri("b"), article_triples("b"), "h")
        with GraphStore.open_read_only(snapshot) as reader:
            assert reader.article_graphs() == [str(article_graph_iri("a"))]
    with pytest.raises(StoreError, match="bare pyoxigraph database"):
        GraphStore(snapshot)


# -- compaction ---------------------------------------------------------------------------


def generated_articles(count: int) -> Iterator[tuple[URIRef, list[tuple], str]]:
    """``count`` small articles: 13 triples each, a short text among them."""
    for i in range(count):
        art = f"gen-{i:05d}"
        yield article_graph_iri(art), article_triples(art, n=11), f"hash-{i}"


def test_bulk_write_of_2000_articles_is_within_1_5x_of_a_bulk_load(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        report = store.write_articles(generated_articles(2000))
        assert report.added == 2000
        assert report.compacted
        dump = tmp_path / "all.nq"
        store.export("nquads", dump)
        quads = len(store.store)
    reference = ox.Store(str(tmp_path / "reference"))
    reference.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    assert len(reference) == quads == 2000 * 14
    del reference
    ratio = disk_usage(path) / disk_usage(tmp_path / "reference")
    assert ratio <= 1.5, f"store is {ratio:.2f}× a bulk load of the same quads"


def test_compaction_switches_database_and_keeps_every_quad(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.write_articles(generated_articles(50), compact=False)
        before = {str(q) for q in store.store}
        old_database = store.database
        unread = store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert store.compact(force=True)
        assert store.database != old_database
        assert old_database.exists()  # an unread result still uses the old snapshot
        assert sum(1 for _ in unread) == len(before)
        del unread
        assert {str(q) for q in store.store} == before
        store.write_article(article_graph_iri("after"), article_triples("after"), "h")
    with GraphStore(path) as store:
        assert not old_database.exists()  # removed once nothing used it
        assert len(store.store) == len(before) + 8
        assert sorted(p.name for p in path.iterdir() if p.name.startswith("data-")) == [
            store.database.name
        ]


def test_leftover_of_an_interrupted_compaction_is_removed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.write_article(article_graph_iri("a"), article_triples("a"), "h")
        live = store.database.name
    half_built = ox.Store(str(path / "data-000099"))
    half_built.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("x")))
    del half_built
    with GraphStore(path) as store:
        assert store.database.name == live
        assert not (path / "data-000099").exists()
        assert len(store.store) == 8


def test_small_loads_do_not_rebuild_and_disabled_compaction_never_does(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "a") as store:
        assert not store.write_articles(generated_articles(20)).compacted
    settings = StoreSettings(path=tmp_path / "b", compact_above=None)
    with GraphStore(settings=settings) as store:
        assert not store.write_articles(generated_articles(2000)).compacted
        assert store.database.name == "data-000001"
        transactional = store.disk_usage()
        assert store.compact(force=True)
        # Why the rebuild exists: transactional writes leave several times a compact size.
        assert transactional > 1.5 * store.disk_usage()


# -- reading ------------------------------------------------------------------------------


def test_stats_count_articles_triples_types_and_unreviewed(store: GraphStore) -> None:
    for art in ("a", "b", "c"):
        store.write_article(article_graph_iri(art), article_triples(art, n=2), "h")
    place = URIRef("https://w3id.org/borderkg/id/place/new-town")
    mention = [
        (place, RDF.type, BKG.Settlement),
        (place, BKG.reviewStatus, REVIEW.Unreviewed),
    ]
    store.write_article(article_graph_iri("d"), article_triples("d", n=2) + mention, "h")
    store.write_article(article_graph_iri("e"), article_triples("e", n=2) + mention, "h")
    store.replace_graph(VOCABULARY_GRAPH, [(URIRef(EX + "curated"), RDF.type, BKG.Settlement)])
    stats = store.stats()
    assert stats.articles == 5
    assert stats.named_graphs == 6
    assert stats.quads == 5 * 5 + 2 * 2 + 1
    assert stats.triples == stats.quads - 2  # the shared mention is one triple twice
    assert stats.types[str(BKG.Article)] == 5
    assert stats.types[str(BKG.Settlement)] == 2
    assert stats.unreviewed == 1


def test_union_query_sees_all_graphs_and_default_does_not(store: GraphStore) -> None:
    store.write_article(article_graph_iri("a"), article_triples("a"), "h")
    ask = "ASK { ?a a bkg:Article }"
    assert bool(store.query(ask, union=True))
    assert not bool(store.query(ask))


def test_nquads_export_round_trips_into_a_fresh_store(tmp_path: Path, store: GraphStore) -> None:
    for art in ("a", "b"):
        store.write_article(article_graph_iri(art), article_triples(art), "h")
    store.replace_graph(VOCABULARY_GRAPH, [(URIRef(EX + "x"), RDF.type, BKG.Country)])
    out = tmp_path / "dump.nq"
    store.export("nquads", out)
    fresh = ox.Store()
    fresh.load(path=out, format=ox.RdfFormat.N_QUADS)
    assert {str(q) for q in fresh} == {str(q) for q in store.store}
    buffer = io.BytesIO()
    store.export("trig", buffer, graphs=[article_graph_iri("b")])
    only_b = ox.Store()
    only_b.load(buffer.getvalue(), ox.RdfFormat.TRIG)
    assert {str(q) for q in only_b} == quads_of(store, article_graph_iri("b"))


def test_turtle_and_jsonld_exports_parse_back(tmp_path: Path, store: GraphStore) -> None:
    shared = (URIRef(EX + "shared"), RDF.type, BKG.Country)
    store.write_article(article_graph_iri("a"), [*article_triples("a"), shared], "h")
    store.write_article(article_graph_iri("b"), [*article_triples("b"), shared], "h")
    turtle = io.BytesIO()
    store.export("turtle", turtle)
    triples = list(ox.parse(turtle.getvalue(), ox.RdfFormat.TURTLE))
    assert len(triples) == len({str(t) for t in triples}) == 2 * 8 + 1
    assert b"@prefix bkg:" in turtle.getvalue()
    store.export("jsonld", tmp_path / "all.jsonld")
    parsed = list(ox.parse(path=tmp_path / "all.jsonld", format=ox.RdfFormat.JSON_LD))
    assert {str(q) for q in parsed} == {str(q) for q in store.store}
    with pytest.raises(ValueError, match="unknown RDF format"):
        store.export("yaml", io.BytesIO())


# -- configuration ------------------------------------------------------------------------


def test_store_path_comes_from_flag_then_env_then_xdg(tmp_path: Path) -> None:
    env = {STORE_ENV: str(tmp_path / "env-store"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    assert resolve_store_path(tmp_path / "flag", env) == tmp_path / "flag"
    assert resolve_store_path(None, env) == tmp_path / "env-store"
    del env[STORE_ENV]
    assert default_store_path(env) == tmp_path / "xdg" / "borderkg" / "store"
    assert default_store_path({"XDG_DATA_HOME": "relative/dir"}) == (
        Path.home() / ".local" / "share" / "borderkg" / "store"
    )
    assert StoreSettings.resolve(None, env, group_size=4).group_size == 4
    with pytest.raises(ValueError):
        StoreSettings(path=tmp_path, compact_above=0.5)


def test_open_creates_the_store_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "store"
    with GraphStore.open(path) as store:
        assert store.graph_count() == 0
    assert (path / "active.json").is_file()
    assert (path / "borderkg.lock").is_file()


def test_a_folder_with_other_files_is_not_turned_into_a_store(tmp_path: Path) -> None:
    (tmp_path / "data-2023").mkdir()
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not empty"):
        GraphStore(tmp_path)
    assert (tmp_path / "data-2023").is_dir()
    assert not (tmp_path / "active.json").exists()

"""New articles as text go into the store in bulk groups: whole, in order, and named on error."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from borderkg.config import StoreSettings
from borderkg.iris import article_graph_iri, article_iri
from borderkg.ontology.namespaces import BKG
from borderkg.store import ArticleWriteError, GraphStore, WriteOutcome
from borderkg.storebulk import bulk_write, groupable, trig_document
from borderkg.storefiles import BULK_LEFTOVER, disk_usage
from borderkg.storetypes import ArticleWrite, NTriples, article_of_graph

EX = "https://example.org/bulk#"


def text_of(art_id: str, n: int = 6, version: int = 1, extra: str = "") -> NTriples:
    """An article as N-Triples text: its type, a text literal and ``n`` statements."""
    a = article_iri(art_id)
    lines = [
        f"<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/borderkg/ontology#Article> .",
        f'<{a}#text> <{EX}text> "Text of {art_id}, version {version}." .',
    ]
    lines += [f'<{a}> <{EX}p{k}> "v{version}-{k}" .' for k in range(n)]
    return NTriples("\n".join(lines) + "\n" + extra)


def write(art_id: str, n: int = 6, version: int = 1, extra: str = "") -> ArticleWrite:
    return ArticleWrite(
        str(article_graph_iri(art_id)), text_of(art_id, n, version, extra), f"h{version}"
    )


def stored(store: GraphStore, art_id: str) -> set[str]:
    graph = ox.NamedNode(str(article_graph_iri(art_id)))
    return {str(q.triple) for q in store.store.quads_for_pattern(None, None, None, graph)}


def expected(item: ArticleWrite) -> set[str]:
    stamp = f'<{article_of_graph(item.graph)}> <{BKG.contentHash}> "{item.content_hash}"'
    return {str(t) for t in item.triples.triples()} | {stamp}


def wal_bytes(store: GraphStore) -> int:
    return sum(p.stat().st_size for p in store.database.glob("*.log"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    settings = StoreSettings(path=tmp_path / "store", group_size=4)
    with GraphStore(settings=settings) as opened:
        yield opened


def test_new_articles_are_written_whole_in_input_order_without_the_write_ahead_log(
    store: GraphStore,
) -> None:
    batch = [write(f"a{i}", n=i % 5 + 2) for i in range(10)]
    seen: list[tuple[str, WriteOutcome]] = []
    wal_before = wal_bytes(store)
    report = store.write_articles(batch, progress=lambda g, o: seen.append((g, o)), compact=False)
    assert (report.added, report.replaced, report.unchanged) == (10, 0, 0)
    assert seen == [(item.graph, WriteOutcome.ADDED) for item in batch]
    for i, item in enumerate(batch):
        assert stored(store, f"a{i}") == expected(item)
    # Bulk loads hand table files to RocksDB: the article text never goes through the log.
    text_bytes = sum(len(item.triples) for item in batch)
    assert wal_bytes(store) - wal_before < text_bytes / 10
    assert store.write_articles(batch, compact=False).unchanged == 10


def test_transactional_text_writes_do_go_through_the_write_ahead_log(tmp_path: Path) -> None:
    """The control for the test above: one article at a time is written through the log."""
    with GraphStore(tmp_path / "store") as store:
        before = wal_bytes(store)
        batch = [write(f"t{i}") for i in range(10)]
        for item in batch:
            store.write_article(*item)
        assert wal_bytes(store) - before > sum(len(item.triples) for item in batch) / 2


def test_replaced_and_repeated_articles_keep_their_semantics_among_bulk_groups(
    store: GraphStore,
) -> None:
    store.write_articles([write("old", version=1), write("same", version=1)], compact=False)
    seen: list[tuple[str, WriteOutcome]] = []
    report = store.write_articles(
        [
            write("new1"),
            write("old", n=2, version=2),  # stored: dropped and rewritten
            write("new2"),
            write("same", version=1),  # same hash: nothing written
            write("new1", n=3, version=3),  # a repeat of a queued one: the later one wins
            write("new3"),
        ],
        progress=lambda g, o: seen.append((g.rsplit("/", 1)[-1], o)),
        compact=False,
    )
    assert (report.added, report.replaced, report.unchanged) == (3, 2, 1)
    assert stored(store, "old") == expected(write("old", n=2, version=2))
    assert stored(store, "new1") == expected(write("new1", n=3, version=3))
    assert store.content_hash_of(article_graph_iri("new1")) == "h3"
    assert [g for g, o in seen if o is not WriteOutcome.UNCHANGED] == [
        "new1",
        "old",
        "new2",
        "new1",
        "new3",
    ]


def test_article_that_does_not_parse_is_named_and_the_ones_before_it_are_committed(
    store: GraphStore,
) -> None:
    batch = [write("g1"), write("g2"), write("bad", extra="<not an IRI> <x> <y> .\n"), write("g4")]
    with pytest.raises(ArticleWriteError) as caught:
        store.write_articles([*batch, write("g5")], compact=False)
    assert caught.value.graph == str(article_graph_iri("bad"))
    assert store.article_graphs() == [str(article_graph_iri("g1")), str(article_graph_iri("g2"))]
    # Read from the batch in the same group but not written: handed back to the caller.
    assert caught.value.unwritten == [batch[3]]
    assert stored(store, "g1") == expected(batch[0])


def test_a_bulk_group_that_fails_writes_none_of_its_articles(store: GraphStore) -> None:
    good = [(str(article_graph_iri(f"x{i}")), text_of(f"x{i}")) for i in range(3)]
    bad = (str(article_graph_iri("y")), text_of("y", extra='<urn:a> <urn:b> "open .\n'))
    with pytest.raises(SyntaxError):
        bulk_write(store.store, [*good, bad])
    assert store.article_graphs() == []
    assert len(store.store) == 0
    bulk_write(store.store, good)
    assert len(store.article_graphs()) == 3


def test_blank_nodes_of_two_articles_in_one_batch_stay_two_nodes(store: GraphStore) -> None:
    # Both articles label a blank node _:b0; in one TriG document they would be one node.
    blank = '_:b0 <{ex}kind> "{kind}" .\n<{a}> <{ex}has> _:b0 .\n'
    items = [
        ArticleWrite(
            str(article_graph_iri(art)),
            NTriples(blank.format(ex=EX, kind=art, a=article_iri(art))),
            "h",
        )
        for art in ("p", "q")
    ]
    store.write_articles(items, compact=False)
    nodes = {
        art: {
            q.subject
            for q in store.store.quads_for_pattern(
                None, None, None, ox.NamedNode(str(article_graph_iri(art)))
            )
            if isinstance(q.subject, ox.BlankNode)
        }
        for art in ("p", "q")
    }
    assert len(nodes["p"]) == len(nodes["q"]) == 1
    assert nodes["p"] != nodes["q"]
    assert len(list(store.store.quads_for_pattern(None, ox.NamedNode(EX + "kind"), None))) == 2


def test_text_that_could_leave_its_graph_block_is_kept_out_of_groups(store: GraphStore) -> None:
    escape = f'<{EX}s> <{EX}p> "x" . }} GRAPH <{EX}elsewhere> {{ <{EX}s> <{EX}p> "y" .\n'
    assert not groupable(escape)
    assert not groupable("_:b1 <urn:p> <urn:o> .\n")
    assert groupable(f'<{EX}s> <{EX}p> "all fine" .\n')
    braces = write("braces", extra=f'<{EX}s> <{EX}quote> "a {{curly}} word" .\n')
    assert not groupable(braces.triples)
    with pytest.raises(ArticleWriteError):
        store.write_articles([write("ok"), ArticleWrite(braces.graph, NTriples(escape), "h")])
    assert not store.has_graph(EX + "elsewhere")
    store.write_articles([write("ok"), braces], compact=False)
    assert stored(store, "braces") == expected(braces)


def test_trig_document_puts_each_article_in_its_graph() -> None:
    articles = [("urn:g:1", '<urn:s> <urn:p> "one" .\n'), ("urn:g:2", '<urn:s> <urn:p> "two" .')]
    quads = list(ox.parse(trig_document(articles), format=ox.RdfFormat.TRIG))
    assert [(q.graph_name.value, q.object.value) for q in quads] == [
        ("urn:g:1", "one"),
        ("urn:g:2", "two"),
    ]


def test_leftover_files_of_an_interrupted_bulk_load_are_removed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        store.write_articles([write("a"), write("b")], compact=False)
        database = store.database
    leftover = database / "bulk-271477500276953154897823184910483855052.sst"
    leftover.write_bytes(b"half a table file")
    with GraphStore(path) as store:
        assert not leftover.exists()
        assert store.article_graphs() == [str(article_graph_iri(a)) for a in ("a", "b")]
    own = [p.name for p in database.iterdir()]
    assert any(name.endswith(".sst") for name in own)
    assert not [name for name in own if BULK_LEFTOVER.fullmatch(name)]  # RocksDB's are spared


def generated_texts(count: int) -> Iterator[ArticleWrite]:
    """``count`` articles of 20 statements, as text, each with a text literal of its own."""
    for i in range(count):
        art = f"gen-{i:05d}"
        body = f" paragraph {i} about the border crossing at night" * 4
        extra = f'<{article_iri(art)}#text> <{EX}body> "{body}" .\n'
        yield ArticleWrite(str(article_graph_iri(art)), text_of(art, n=20, extra=extra), f"h{i}")


def test_text_load_of_2000_articles_ends_within_1_5x_of_a_bulk_load(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(settings=StoreSettings(path=path, group_size=64)) as store:
        report = store.write_articles(generated_texts(2000))
        assert report.added == 2000
        dump = tmp_path / "all.nq"
        store.export("nquads", dump)
        quads = len(store.store)
    with tempfile.TemporaryDirectory(dir=tmp_path) as scratch:
        reference = ox.Store(scratch)
        reference.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
        assert len(reference) == quads == 2000 * 24
        del reference
        ratio = disk_usage(path) / disk_usage(Path(scratch))
    assert ratio <= 1.5, f"store is {ratio:.2f}× a bulk load of the same quads"

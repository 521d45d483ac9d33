"""The gate's reader remembers hubs and described well-known nodes it read
(``neighbourhubs.py``) only while a new read would give the same quads: hubs through writes of
checked batches that bring nothing new about them and new graphs that change which two of the
hub's graphs are read, neither after a batch bringing a new triple or replacing a graph that
holds some of the node's quads.

Each step compares what a gate used across the steps reads with what a fresh gate reads from
the same store. All data is hand-written (invented text) in real pyoxigraph stores.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from test_gate import with_well_known
from test_gate_queries import GRAPH, PREFIXES, article

from borderkg.store import GraphStore
from borderkg.validation.gatebatch import batch_nodes, normalise
from borderkg.validation.gatenodes import HUB

HUB_TOWN = ox.NamedNode("https://w3id.org/borderkg/id/place/hub-town")
HYESAN = ox.NamedNode("https://w3id.org/borderkg/id/place/hyesan")  # in the vocabulary
SAME = 'place:hub-town a bkg:Settlement ; rdfs:label "Hub town"@en .'


def batch(aid: str, extra: str = SAME) -> list:
    """An article (graph ``aid``) saying ``extra``, as the gate takes it."""
    graph, trig = article(aid, extra)
    return [(graph, list(ox.parse((PREFIXES + trig).encode(), ox.RdfFormat.TRIG)))]


def bare(name: str, turtle: str) -> list:
    """A graph ``name`` holding only ``turtle``, as the gate takes it."""
    trig = f"{PREFIXES}<{GRAPH}{name}> {{ {turtle} }}"
    return [(GRAPH + name, list(ox.parse(trig.encode(), ox.RdfFormat.TRIG)))]


def fetched(gate, store: GraphStore, items: list, about: ox.Term = HUB_TOWN) -> set[ox.Quad]:
    """The quads about a node the gate's reader reads for a batch (graphs of the batch left
    out, as in a check)."""
    scratch = ox.Store()
    for item in normalise(items).values():
        item.load(scratch)
    nodes = batch_nodes(scratch, [g for g, _q in items], gate.reader)
    skip = {ox.NamedNode(g) for g, _q in items}
    return {q for q in gate.reader.fetch(store.store, nodes, skip, scratch) if q.subject == about}


def two_graphs(quads: set[ox.Quad]) -> set[str]:
    return {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}


def write(store: GraphStore, items: list) -> None:
    """Write a checked batch as the loader does: each graph whole, replacing its old version."""
    for graph, quads in items:
        store.store.remove_graph(ox.NamedNode(graph))
        store.store.extend(quads)


def test_hubs_read_are_remembered_only_while_a_new_read_gives_the_same(tmp_path: Path) -> None:
    from borderkg.validation import Gate

    other = Gate()

    def fresh(store: GraphStore) -> set[ox.Quad]:
        other.refresh(store)  # forgets every hub read
        return fetched(other, store, batch("probe"))

    with GraphStore(tmp_path / "store") as store:
        with_well_known(store)
        stored = "\n".join(f"<{GRAPH}h{i}> {{ {SAME} }}" for i in range(HUB // 2))
        store.store.load((PREFIXES + stored).encode(), format=ox.RdfFormat.TRIG)
        gate = Gate()
        gate.check(store, batch("a"))
        assert HUB_TOWN in gate.reader.hubs
        first = fetched(gate, store, batch("probe"))
        assert first == fresh(store)
        assert len(two_graphs(first)) == 2
        # Checked and written batches that say nothing new: the read stays; a new graph may
        # come before the two read, which are looked up again at each use.
        changes = 0
        for i in range(64):
            items = batch(f"same-{i}")
            gate.check(store, items)
            write(store, items)
            now = fetched(gate, store, batch("probe"))
            assert now == fresh(store), i
            changes += two_graphs(now) != two_graphs(first)
            if changes == 2:
                break
        assert changes == 2  # (the test exercises a change of the two graphs read)
        # A batch with a new triple about the hub: read again once written.
        items = batch("new", "place:hub-town wgs:lat 41.5 .")
        gate.check(store, items)
        write(store, items)
        now = fetched(gate, store, batch("probe"))
        assert now == fresh(store)
        assert any(q.predicate.value.endswith("#lat") for q in now)
        # A batch replacing one of the two graphs read, so that it keeps the hub's type alone
        # (nothing new about the hub): read again once written.
        replaced = sorted(two_graphs(now))[0].removeprefix(GRAPH)
        items = bare(replaced, "place:hub-town a bkg:Settlement .")
        gate.check(store, items)
        write(store, items)
        assert fetched(gate, store, batch("probe")) == fresh(store)


def test_described_well_known_nodes_are_remembered_until_a_batch_says_something_about_them(
    tmp_path: Path,
) -> None:
    from borderkg.validation import Gate

    other = Gate()
    probe = batch("probe", "")  # links to place:hyesan (the policy's place)

    def both(gate, store: GraphStore) -> set[ox.Quad]:
        other.refresh(store)
        found = fetched(gate, store, probe, HYESAN)
        assert found == fetched(other, store, probe, HYESAN)
        return {q for q in found if q.graph_name.value.startswith(GRAPH)}

    with GraphStore(tmp_path / "store") as store:
        with_well_known(store)
        write(store, bare("stored", "place:hyesan a bkg:Settlement ."))
        gate = Gate()
        gate.check(store, batch("a", ""))
        assert {q.graph_name.value for q in both(gate, store)} == {GRAPH + "stored"}
        assert {q.graph_name.value for q in both(gate, store)} == {GRAPH + "stored"}
        # A batch stating the same triple again, in its own graph: read again once written.
        items = batch("b", "place:hyesan a bkg:Settlement .")
        gate.check(store, items)
        write(store, items)
        assert {q.graph_name.value for q in both(gate, store)} == {GRAPH + "stored", GRAPH + "b"}
        # A batch replacing the stored graph without a word about the place: read again too.
        items = bare("stored", "place:hub-town a bkg:Settlement .")
        gate.check(store, items)
        write(store, items)
        assert {q.graph_name.value for q in both(gate, store)} == {GRAPH + "b"}


def test_a_node_an_accepted_graph_of_the_check_describes_is_not_remembered_undescribed(
    tmp_path: Path,
) -> None:
    """When a check fills its scratch store again for part of its batch (after rejections,
    or to settle a conflict), its accepted graphs are read around, not read: a well-known
    node one of them describes must not be remembered as described by no graph, or the
    checks after that graph is written would miss its quads about the node."""
    from borderkg.validation import Gate

    describer = bare("describer", 'place:hyesan rdfs:label "Hyesan city"@en .')
    with GraphStore(tmp_path / "store") as store:
        with_well_known(store)
        gate = Gate()
        gate.check(store, batch("warm"))
        probe, accepted = normalise(batch("probe")), normalise(describer)
        gate._fill(store.store, {**probe, **accepted}, probe, accepted)
        write(store, describer)
        fresh = Gate()
        fresh.refresh(store)
        expected = fetched(fresh, store, batch("next"), about=HYESAN)
        assert any(q.graph_name == ox.NamedNode(GRAPH + "describer") for q in expected)
        assert fetched(gate, store, batch("next"), about=HYESAN) == expected

"""What the neighbourhood reader remembers across checks: hubs and described known nodes.

Both are remembered only while a new read would give exactly the same quads. Only writes
change them, and every write the reader does not see is followed by ``Gate.refresh``, which
forgets everything; a batch replacing a graph the store has makes the reader forget
everything too (the graph's quads go away). What else a batch's write would change is
forgotten after each read (``settle``): the batch may be written next. Reads with a blank
node are not remembered: rewriting a graph unchanged (to keep blank nodes shared with another
graph being written) gives its blank nodes new labels, and the gate is not told of that write.

* A hub (a node with many quads, such as an actor every article names) is read as the quads
  of two of its graphs and its distinct triples (``neighbourhood.py``): all that counts,
  values and the one-graph rules can tell apart. The distinct triples cost a scan of all the
  hub's quads, and one article after another names the same actor with the same few triples,
  so :class:`Hubs` keeps a hub's read through writes that bring no triple its distinct
  triples lack; the two graphs are looked up again at each use (the first quads of the node:
  cheap) and must be the same two, in the same order — then their quads are the same too.
* A node of the well-known graphs that some other graph describes too (a country a few
  articles state something about) is read at every check that links to it, and its lookup is
  slow where the well-known graphs were rewritten; :class:`Described` keeps its few quads
  until a batch says anything about it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

#: Quads of a hub read to find two of its graphs before asking the store for them.
_FIRST_QUADS = 64

if TYPE_CHECKING:
    #: A hub as read: (its two graphs, the quads read, its distinct (predicate, object)).
    _Read = tuple[list[ox.Term], list[ox.Quad], frozenset[tuple[ox.Term, ox.Term]]]


class Hubs:
    """Reads hubs, remembering the reads (see the module docstring)."""

    def __init__(self) -> None:
        self._read: dict[ox.Term, _Read] = {}
        self._used: set[ox.Term] = set()  # remembered or read since the last settle

    def clear(self) -> None:
        """Forget every hub read."""
        self._read = {}
        self._used = set()

    def read(
        self,
        main: ox.Store,
        node: ox.NamedNode,
        excluded: set[ox.Term],
        graphs: str,
        *,
        union: bool,
    ) -> list[ox.Quad]:
        """A hub's quads outside the well-known graphs: two of its graphs, then distinct
        (do not change the list returned).

        ``excluded``: the graphs left out (``graphs``: as a FILTER); ``union``: none of the
        graphs the batch replaces is in the store, so its distinct triples may be read from
        the union of all graphs, without filtering each quad by graph (the well-known
        graphs' triples are in the union anyway) — and the read is remembered.
        """
        names = two_graphs(main, node, excluded)
        if names is None:
            rows = main.query(
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {node} ?p ?o }} {graphs} }} LIMIT 2"
            )
            names = [row[0] for row in rows]
        if union:
            known = self._read.get(node)
            if known is not None and known[0] == names:
                self._used.add(node)
                return known[1]
        kept = [q for name in names for q in main.quads_for_pattern(node, None, None, name)]
        if union:
            triples = main.query(
                f"SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }}", use_default_graph_as_union=True
            )
        else:
            triples = main.query(
                f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {node} ?p ?o }} {graphs} }}"
            )
        pairs = [(row[0], row[1]) for row in triples]
        found = kept + [ox.Quad(node, p, o, ox.DefaultGraph()) for p, o in pairs]
        if union and not _blank(found):
            self._read[node] = (names, found, frozenset(pairs))
            self._used.add(node)
        return found

    def settle(self, subjects: Iterable[ox.Term], batch: ox.Store | None) -> None:
        """Keep the reads of the hubs among ``subjects`` and of those used since the last
        settle only where ``batch`` (the scratch store with the batch's graphs, which may be
        written next) states no triple about the hub that its distinct triples lack;
        without ``batch``, forget them all."""
        remembered = self._read
        for node in (*subjects, *self._used):
            known = remembered.get(node)
            if known is None:
                continue
            if batch is None or any(
                (q.predicate, q.object) not in known[2]
                for q in batch.quads_for_pattern(node, None, None, None)
            ):
                del remembered[node]
        self._used = set()


def two_graphs(main: ox.Store, node: ox.NamedNode, excluded: set[ox.Term]) -> list[ox.Term] | None:
    """Two named graphs (or the only one) with quads about a hub, from its first few quads
    (a quad's graphs come one after another); ``None`` if they do not tell."""
    found: list[ox.Term] = []
    for i, quad in enumerate(main.quads_for_pattern(node, None, None, None)):
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode) and graph not in excluded and graph not in found:
            found.append(graph)
            if len(found) == 2:
                return found
        if i >= _FIRST_QUADS:
            return None
    return found


class Described:
    """The quads outside the well-known graphs of some nodes of those graphs (fewer than
    ``HUB`` each), kept until a batch says something about the node (see the module
    docstring)."""

    def __init__(self) -> None:
        self._quads: dict[ox.Term, list[ox.Quad]] = {}
        self._used: set[ox.Term] = set()  # remembered or given since the last settle

    def clear(self) -> None:
        """Forget every node."""
        self._quads = {}
        self._used = set()

    def get(self, node: ox.Term) -> list[ox.Quad] | None:
        """The node's quads as remembered (do not change the list), or ``None``."""
        found = self._quads.get(node)
        if found is not None:
            self._used.add(node)
        return found

    def remember(self, node: ox.Term, quads: list[ox.Quad]) -> None:
        """Remember a node's quads outside the well-known graphs, all of them, as the store
        has them (no graph of the batch replaces a graph it has); not if one has a blank
        node."""
        if not _blank(quads):
            self._quads[node] = quads
            self._used.add(node)

    def settle(self, subjects: Iterable[ox.Term], batch: ox.Store | None) -> None:
        """Forget the nodes among ``subjects`` and those used since the last settle that
        ``batch`` (the scratch store with the batch's graphs) says anything about; without
        ``batch``, forget them all."""
        remembered = self._quads
        for node in (*subjects, *self._used):
            if node in remembered and (
                batch is None or any(True for _q in batch.quads_for_pattern(node, None, None, None))
            ):
                del remembered[node]
        self._used = set()


def _blank(quads: list[ox.Quad]) -> bool:
    """Whether a quad of ``quads`` has a blank node as object (see the module docstring)."""
    return any(isinstance(q.object, ox.BlankNode) for q in quads)

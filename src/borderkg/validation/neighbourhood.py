"""The part of the store the gate copies next to a batch: what the constraints read about it.

For the batch's focus nodes the compiled constraints read: the nodes' own triples in every
graph (types, values, counts across graphs); the links the cross-article rules compare
(``skos:exactMatch``, ``owl:sameAs`` and ``schema:url`` in its IRI and literal form: the other
nodes linked to the same value, for the one-identifier and one-URL rules); every link to an
anonymous source (the one-article and unlinked-source rules); and, about the nodes at the other
end of those links, only what value checks read — types, scheme membership, ``bkg:adminParent``
chains and the predicates nested shapes and SPARQL constraints name. :class:`Reader` collects
exactly that, leaving out the graphs the batch replaces.

Reading the on-disk store costs about 15 µs per node looked up (much more for a node whose
index range holds deleted entries not yet compacted away) and about 1–2 µs per quad turned
into a Python object, so each node is looked up once: the first quad of each node tells
whether the store has it (nothing is decoded for the many new nodes of a batch), and the
first few nodes it has are read on in the same pass; more of them are counted and read with
two queries filtering by predicate inside pyoxigraph. Hubs (nodes with many quads, such as
an actor every article names) are read as their distinct triples plus two of their graphs:
all that counts, values and the one-graph rules can tell apart (``neighbourhubs.py``, which
remembers the reads across checks while a new read would give the same). The well-known graphs
(ontology, schemes, vocabulary) are read from an in-memory copy indexed by node; graphs the
batch replaces are rarely in the store, so their quads are dropped from the answers rather
than filtered out in each query.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from borderkg.validation.gatenodes import (
    ADMIN_PARENT,
    CROSS_LINKS,
    HUB,
    ONTOLOGY,
    READ_ONE_BY_ONE,
    SCHEMA_URL,
    TYPE,
    BatchNodes,
    url_forms,
)
from borderkg.validation.neighbourhubs import Described, Hubs


class Reader:
    """Reads a batch's neighbourhood from the store (see the module docstring).

    ``values``: the predicates read about value nodes (:func:`value_predicates`);
    ``whole_classes``: classes whose instances are read whole, every triple from and to them
    (the shapes that look at links *to* a node apply to them); ``background``: the
    well-known graphs, read from memory; ``everywhere``: predicates whose links to *every*
    batch node are read (inverse paths of shapes that may apply to other nodes than the
    instances of ``whole_classes``).
    """

    def __init__(
        self,
        values: set[ox.NamedNode],
        whole_classes: set[ox.NamedNode],
        background: Iterable[str],
        everywhere: Iterable[ox.NamedNode] = (),
    ) -> None:
        self.values = values
        self.whole_classes = whole_classes
        self.background = [ox.NamedNode(g) for g in background]
        self.everywhere = list(everywhere)
        self.hubs: set[ox.NamedNode] = set()
        #: up to this many nodes the store has are read quad by quad (see :meth:`_read`)
        self.read_one_by_one = READ_ONE_BY_ONE
        #: each class of the ontology with its superclasses (see :meth:`is_whole`)
        self.superclasses: dict[ox.Term, set[ox.Term]] = {}
        self._by_subject: dict[ox.Term, list[ox.Quad]] = {}
        self._by_object: dict[ox.Term, list[ox.Quad]] = {}
        self._valued: dict[ox.Term, list[ox.Quad]] = {}  # by subject, value predicates only
        self._graph_names: set[ox.Term] = set(self.background)
        self._outside = {*self.background, ONTOLOGY}  # graphs whose quads _read_known leaves out
        self._in_values = ", ".join(sorted(map(str, values)))
        #: Nodes of the well-known graphs that no other graph describes (no quad with one as
        #: subject), as found by earlier checks; see :meth:`_probe`.
        self._undescribed: set[ox.Term] = set()
        self._hubs = Hubs()  # hubs read, remembered while a new read would give the same
        self._described = Described()  # described known nodes read, likewise
        self._copied = False

    def refresh(self, main: ox.Store) -> None:
        """Copy the store's well-known graphs into memory (again), indexed by node."""
        by_subject: dict[ox.Term, list[ox.Quad]] = {}
        by_object: dict[ox.Term, list[ox.Quad]] = {}
        for name in self.background:
            for quad in main.quads_for_pattern(None, None, None, name):
                by_subject.setdefault(quad.subject, []).append(quad)
                by_object.setdefault(quad.object, []).append(quad)
        self._by_subject, self._by_object, self._copied = by_subject, by_object, True
        self._undescribed = set()  # the store may have changed by other means
        self._hubs.clear()
        self._described.clear()
        self._valued = {
            node: kept
            for node, quads in by_subject.items()
            if (kept := [q for q in quads if q.predicate in self.values])
        }

    def forget(self, subjects: Iterable[ox.Term]) -> None:
        """Forget that ``subjects`` are described by no graph (a graph to be written does)."""
        self._undescribed.difference_update(subjects)

    def is_whole(self, cls: ox.Term) -> bool:
        """Whether instances of ``cls`` are read whole (it is, or is below, a whole class)."""
        return any(c in self.whole_classes for c in self.superclasses.get(cls, (cls,)))

    def fetch(
        self,
        main: ox.Store,
        nodes: BatchNodes,
        skip: set[ox.NamedNode],
        batch: ox.Store | None = None,
    ) -> list[ox.Quad]:
        """The store's quads the constraints read for the batch's nodes (a quad may repeat).

        The batch's blank nodes are its own and not looked up; ``skip``: graphs left out
        (those the batch replaces, and any other graph of the check); ``batch``: a store
        with the graphs of ``skip`` that may be written next, to tell which reads stay
        remembered (``neighbourhubs.py``; without it, none of those used here does).
        """
        if not self._copied:
            self.refresh(main)
        subjects = [n for n in nodes.subjects if isinstance(n, ox.NamedNode)]
        values = [n for n in nodes.objects if isinstance(n, ox.NamedNode)]
        # Once written, this batch describes its subjects: none may stay remembered as
        # undescribed (before this check, and after it: the store lacks the batch yet).
        self._undescribed.difference_update(subjects)
        ours = {*self.background, ONTOLOGY}
        replaced = any(main.contains_named_graph(g) for g in skip if g not in ours)
        if replaced:  # the graphs replaced may hold quads remembered
            self._hubs.clear()
            self._described.clear()
        whole = set(nodes.whole)
        looked: set[ox.Term] = {*subjects, *values}
        outgoing = self._outgoing(main, subjects, values, skip, replaced=replaced)
        mine = set(subjects)
        links: dict[ox.NamedNode, set[ox.Term]] = {p: set(v) for p, v in nodes.links.items()}
        reached: set[ox.Term] = set(nodes.classes)
        frontier: list[ox.Term] = []
        cross = set(CROSS_LINKS)
        typed: dict[ox.Term, bool] = {}  # whether a class's instances are read whole

        def note(quads: list[ox.Quad], types: bool) -> None:
            """Note the nodes reached, links compared, chains started (and, if ``types``,
            the nodes the store types as read whole)."""
            for quad in quads:
                subject, predicate, obj = quad.subject, quad.predicate, quad.object
                reached.add(obj)
                if predicate in cross:
                    if subject in mine:
                        links.setdefault(predicate, set()).add(obj)
                elif predicate == ADMIN_PARENT:
                    frontier.append(obj)
                elif types and predicate == TYPE:
                    if obj not in typed:
                        typed[obj] = self.is_whole(obj)
                    if typed[obj]:
                        whole.add(subject)

        note(outgoing, True)
        late = [v for v in values if v in whole]  # linked nodes the store types as whole
        if late:
            more_whole = self._outgoing(main, late, [], skip, replaced=replaced)
            note(more_whole, False)
            outgoing += more_whole
        twins = {t for v in links.get(SCHEMA_URL, ()) for t in url_forms(v)}
        if twins:
            links[SCHEMA_URL] = links.get(SCHEMA_URL, set()) | twins
        incoming = self._incoming(main, [n for n in whole if n in looked], links, looked, skip)
        reached.update(q.subject for q in incoming)
        more = [n for n in reached if isinstance(n, ox.NamedNode) and n not in looked]
        looked.update(more)
        more_quads = self._outgoing(main, [], more, skip, replaced=replaced)
        frontier += [q.object for q in more_quads if q.predicate == ADMIN_PARENT]
        found = outgoing + incoming + more_quads
        while frontier:
            frontier = [
                n
                for n in dict.fromkeys(frontier)
                if isinstance(n, ox.NamedNode) and n not in looked
            ]
            looked.update(frontier)
            links_up = self._chain_step(main, frontier, skip)
            found += links_up
            frontier = [q.object for q in links_up]
        self._undescribed.difference_update(subjects)
        self._hubs.settle(subjects, batch)
        self._described.settle(subjects, batch)
        return found

    # -- reading ------------------------------------------------------------------------------

    def _graphs(self, skip: set[ox.NamedNode]) -> str:
        """A FILTER leaving out the well-known graphs (read from memory, or the ontology the
        scratch store has) and ``skip``."""
        names = {str(g) for g in (*self.background, ONTOLOGY, *skip) if isinstance(g, ox.NamedNode)}
        return f"FILTER(?g NOT IN ({', '.join(sorted(names))}))"

    def _remembered(
        self, index: dict[ox.Term, list[ox.Quad]], node: ox.Term, skip: set[ox.NamedNode]
    ) -> list[ox.Quad]:
        """The quads of the in-memory well-known graphs with ``node`` (as the index has it)."""
        found = index.get(node, [])
        if not skip or self._graph_names.isdisjoint(skip):
            return found  # the usual case: the batch replaces no well-known graph
        return [q for q in found if q.graph_name not in skip]

    def _outgoing(
        self,
        main: ox.Store,
        whole: list[ox.NamedNode],
        values: list[ox.NamedNode],
        skip: set[ox.NamedNode],
        *,
        replaced: bool,
    ) -> list[ox.Quad]:
        """Quads with one of ``whole`` as subject, and with one of ``values`` as subject and a
        value predicate (:attr:`values`).

        Each node is looked up once (:meth:`_probe`); nodes with many quads are read as hubs
        (``replaced``: a graph of ``skip`` is in the store).
        """
        found: list[ox.Quad] = []
        for node in whole:
            found += self._remembered(self._by_subject, node, skip)
        for node in values:
            found += self._remembered(self._valued, node, skip)
        # The graphs the batch replaces are rarely in the store: filtering them out inside
        # each query costs more than dropping the few rows of theirs afterwards.
        background = self._graphs(set())
        hubs = [n for n in (*whole, *values) if n in self.hubs]
        asked = [(n, True) for n in whole if n not in self.hubs]
        asked += [(n, False) for n in values if n not in self.hubs]
        read, more_hubs, unread = self._probe(main, asked, skip, replaced=replaced)
        found += read
        hubs += more_hubs
        plain_whole = [n for n, every in unread if every]
        plain_values = [n for n, every in unread if not every]
        if 0 < len(unread) <= self.read_one_by_one:
            read, more_hubs = self._read(main, plain_whole, plain_values, skip)
            found += read
            hubs += more_hubs
        elif plain_whole or plain_values:
            counts = self._select(
                main, plain_whole, plain_values, background, "?s (COUNT(*) AS ?n)"
            )
            small = set()
            for subject, count in counts:
                if int(count.value) >= HUB:
                    self.hubs.add(subject)
                    hubs.append(subject)
                else:
                    small.add(subject)
            if small:
                rows = self._select(
                    main,
                    [n for n in plain_whole if n in small],
                    [n for n in plain_values if n in small],
                    background,
                    "?s ?p ?o ?g",
                )
                found += [
                    ox.Quad(row[0], row[1], row[2], row[3]) for row in rows if row[3] not in skip
                ]
        if hubs:
            graphs = self._graphs(skip)
            excluded = {*self.background, ONTOLOGY, *skip}
            for node in hubs:
                found += self._hubs.read(main, node, excluded, graphs, union=not replaced)
        return found

    def _read(
        self,
        main: ox.Store,
        whole: list[ox.NamedNode],
        values: list[ox.NamedNode],
        skip: set[ox.NamedNode],
    ) -> tuple[list[ox.Quad], list[ox.NamedNode]]:
        """(the quads of :meth:`_outgoing` about a few nodes, the nodes found to be hubs),
        read quad by quad: cheaper than two queries for a handful of nodes."""
        found: list[ox.Quad] = []
        hubs: list[ox.NamedNode] = []
        for node, every in (*((n, True) for n in whole), *((n, False) for n in values)):
            _outside, mine, hub = self._read_known(main, node, every, skip)
            if hub:
                hubs.append(node)
            else:
                found += mine
        return found, hubs

    def _probe(
        self,
        main: ox.Store,
        nodes: list[tuple[ox.NamedNode, bool]],
        skip: set[ox.NamedNode],
        *,
        replaced: bool,
    ) -> tuple[list[ox.Quad], list[ox.NamedNode], list[tuple[ox.NamedNode, bool]]]:
        """Which ``(node, read whole?)`` pairs the store has outside the well-known graphs,
        the first few of them read in the same pass: (their quads as :meth:`_read` gives
        them, those of them found to be hubs, the pairs present but not read yet).

        Most of a batch's nodes are new: a look at the first quad of each node the
        well-known graphs do not have settles it (cheaper than a query naming them all), and
        for up to :attr:`read_one_by_one` nodes it has, reading on costs no second lookup.
        The others (nodes of the well-known graphs) are read one by one, up to
        :attr:`read_one_by_one` of them (a query costs more than a few lookups), or asked
        about in one query that skips those graphs inside pyoxigraph; those found
        undescribed elsewhere (scheme concepts, classes: most of them) are remembered and not
        asked again, and so are the quads of those read (unless ``replaced``: a graph of
        ``skip`` is in the store; ``neighbourhubs.Described``). Only writes can describe
        them, and every write this reader does not see is followed by :meth:`refresh`
        (``Gate.refresh``): a batch's own subjects are forgotten when it is read, as it may
        be written next.
        """
        known = self._by_subject
        found: list[ox.Quad] = []
        hubs: list[ox.NamedNode] = []
        unread: list[tuple[ox.NamedNode, bool]] = []
        unsure: dict[ox.NamedNode, bool] = {}
        budget = budget_unsure = self.read_one_by_one
        for node, every in nodes:
            if node in known:
                if node not in self._undescribed:
                    unsure[node] = every
            elif budget > 0:
                outside, mine, hub = self._read_known(main, node, every, skip)
                budget -= bool(outside)
                if hub:
                    hubs.append(node)
                else:
                    found += mine
            elif any(
                isinstance(q.graph_name, ox.NamedNode)
                for q in main.quads_for_pattern(node, None, None, None)
            ):
                unread.append((node, every))
        for node, every in list(unsure.items()):
            remembered = self._described.get(node)
            if remembered is not None:
                del unsure[node]
                found += [q for q in remembered if every or q.predicate in self.values]
        if len(unsure) <= budget_unsure:
            for node, every in unsure.items():
                outside, mine, hub = self._read_known(main, node, every, skip)
                if not outside:
                    self._undescribed.add(node)
                elif hub:
                    hubs.append(node)
                else:
                    found += mine
                    if not replaced and len(outside) < HUB:
                        self._described.remember(node, outside)
        else:
            rows = main.query(
                f"SELECT ?s WHERE {{ VALUES ?s {{ {' '.join(map(str, unsure))} }} "
                f"FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {self._graphs(set())} }} }}"
            )
            present = [row[0] for row in rows]
            unread += [(node, unsure[node]) for node in present]
            self._undescribed.update(unsure.keys() - set(present))
        return found, hubs, unread

    def _read_known(
        self, main: ox.Store, node: ox.NamedNode, every: bool, skip: set[ox.NamedNode]
    ) -> tuple[list[ox.Quad], list[ox.Quad], bool]:
        """(a node's quads outside the well-known graphs, read until it shows to be a hub;
        those of them outside ``skip`` — all, or those with value predicates unless
        ``every`` —; whether it is a hub: then none of them, and it is remembered as one)."""
        outside, values = self._outside, self.values
        found: list[ox.Quad] = []
        mine: list[ox.Quad] = []
        count = 0
        for quad in main.quads_for_pattern(node, None, None, None):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or graph in outside:
                continue
            found.append(quad)
            if every or quad.predicate in values:
                count += 1
                if count >= HUB:
                    self.hubs.add(node)
                    return found, [], True
                if graph not in skip:
                    mine.append(quad)
        return found, mine, False

    def _select(
        self,
        main: ox.Store,
        whole: list[ox.NamedNode],
        values: list[ox.NamedNode],
        graphs: str,
        projection: str,
    ) -> ox.QuerySolutions:
        """Rows about the quads of :meth:`_outgoing`: counted by subject, or the quads."""
        branches = []
        if whole:
            branches.append(
                f"{{ VALUES ?s {{ {' '.join(map(str, whole))} }} GRAPH ?g {{ ?s ?p ?o }} }}"
            )
        if values:
            branches.append(
                f"{{ VALUES ?s {{ {' '.join(map(str, values))} }} "
                f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?p IN ({self._in_values})) }}"
            )
        group = " GROUP BY ?s" if "COUNT" in projection else ""
        rows = main.query(
            f"SELECT {projection} WHERE {{ {' UNION '.join(branches)} {graphs} }}{group}"
        )
        assert isinstance(rows, ox.QuerySolutions)
        return rows

    def _incoming(
        self,
        main: ox.Store,
        whole: list[ox.Term],
        links: dict[ox.NamedNode, set[ox.Term]],
        nodes: set[ox.Term],
        skip: set[ox.NamedNode],
    ) -> list[ox.Quad]:
        """Every link to a ``whole`` node; links along each cross-link predicate to its values
        (``links``); links along :attr:`everywhere` predicates to every one of ``nodes``
        (looked up one by one when they are at most :attr:`read_one_by_one`, else queried)."""
        wanted = {p: {v for v in vs if not isinstance(v, ox.BlankNode)} for p, vs in links.items()}
        for predicate in self.everywhere:
            wanted.setdefault(predicate, set()).update(
                n for n in nodes if isinstance(n, ox.NamedNode)
            )
        targets = [n for n in whole if isinstance(n, ox.NamedNode)]
        found: list[ox.Quad] = []
        for node in targets:
            found += self._remembered(self._by_object, node, skip)
        for predicate, objects in wanted.items():
            for node in objects:
                found += [
                    q
                    for q in self._remembered(self._by_object, node, skip)
                    if q.predicate == predicate
                ]
        asked = [(None, node) for node in targets]
        for predicate, objects in sorted(wanted.items(), key=lambda item: str(item[0])):
            asked += [(predicate, node) for node in sorted(objects, key=str)]
        if len(asked) <= self.read_one_by_one:  # a few lookups cost less than a query
            outside = {*self._outside, *skip}
            for predicate, node in asked:
                for quad in main.quads_for_pattern(None, predicate, node, None):
                    graph = quad.graph_name
                    if isinstance(graph, ox.NamedNode) and graph not in outside:
                        found.append(quad)
            return found
        branches = []
        if targets:
            branches.append(
                f"{{ VALUES ?o {{ {' '.join(map(str, targets))} }} GRAPH ?g {{ ?s ?p ?o }} }}"
            )
        for predicate, objects in sorted(wanted.items(), key=lambda item: str(item[0])):
            if objects:
                branches.append(
                    f"{{ VALUES ?o {{ {' '.join(sorted(map(str, objects)))} }} "
                    f"GRAPH ?g {{ ?s {predicate} ?o }} BIND({predicate} AS ?p) }}"
                )
        if branches:
            rows = main.query(
                f"SELECT ?s ?p ?o ?g WHERE {{ {' UNION '.join(branches)} {self._graphs(set())} }}"
            )
            found += [ox.Quad(row[0], row[1], row[2], row[3]) for row in rows if row[3] not in skip]
        return found

    def _chain_step(
        self, main: ox.Store, nodes: list[ox.NamedNode], skip: set[ox.NamedNode]
    ) -> list[ox.Quad]:
        """The bkg:adminParent links of the nodes (one step of a chain)."""
        if not nodes:
            return []
        found = [
            q
            for node in nodes
            for q in self._remembered(self._by_subject, node, skip)
            if q.predicate == ADMIN_PARENT
        ]
        rows = main.query(
            f"SELECT ?s ?o ?g WHERE {{ VALUES ?s {{ {' '.join(map(str, nodes))} }} "
            f"GRAPH ?g {{ ?s {ADMIN_PARENT} ?o }} {self._graphs(set())} }}"
        )
        return found + [
            ox.Quad(row[0], ADMIN_PARENT, row[1], row[2]) for row in rows if row[2] not in skip
        ]

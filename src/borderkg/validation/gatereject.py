"""Whether a graph rejected from a batch changes the verdicts on the graphs that stay.

When a check rejects some graphs of a batch, those graphs will not be written, and the others
must be judged without them. Judging them again costs a full run of the compiled queries;
most of the time it is not needed, because the rejected graph says nothing the others' checks
read. The others' checks read exactly their neighbourhood (``neighbourhood.py``): quads about
nodes they reach, every link to a node read whole (an anonymous source), and links along the
cross-article predicates to the values they compare. A quad of a rejected graph is outside it
when its subject appears nowhere else in the scratch store, its object is not read whole, and
it is not a cross-article link to a value that appears elsewhere. A quad inside it that another
graph also states leaves the union graph unchanged; only the graphs a node is found in change,
which matters for the nodes read whole and for the graph a result names. So the others keep
their results when every quad of the rejected graphs is outside their neighbourhood, or stated
elsewhere too about a node that is neither read whole nor the focus node of one of their
results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

from borderkg.validation.gatenodes import url_forms


def others_unaffected(
    store: ox.Store,
    rejected: Iterable[str],
    *,
    whole: Callable[[ox.Term], bool],
    comparing: set[ox.NamedNode],
    focus: set[str],
) -> bool:
    """Whether dropping the ``rejected`` graphs from ``store`` leaves the other graphs' results.

    ``whole(node)``: whether the node is read whole; ``comparing``: the predicates whose links
    to values the constraints compare across graphs; ``focus``: the focus nodes (N-Triples)
    of the results the other graphs have.
    """
    gone = {ox.NamedNode(g) for g in rejected}
    seen: dict[ox.Term, bool] = {}

    def kept(quads: Iterable[ox.Quad]) -> bool:
        return any(q.graph_name not in gone for q in quads)

    def shared(term: ox.Term) -> bool:
        """Whether the term appears in a graph that stays."""
        if term not in seen:
            found = not isinstance(term, ox.Literal) and kept(
                store.quads_for_pattern(term, None, None)
            )
            seen[term] = found or kept(store.quads_for_pattern(None, None, term))
        return seen[term]

    for graph in gone:
        for quad in store.quads_for_pattern(None, None, None, graph):
            subject, predicate, obj = quad.subject, quad.predicate, quad.object
            node = not isinstance(obj, ox.Literal)
            inside = (
                shared(subject)
                or (node and whole(obj))
                or (predicate in comparing and any(shared(f) for f in url_forms(obj)))
            )
            if not inside:
                continue
            if whole(subject) or (node and whole(obj)) or str(subject) in focus:
                return False
            if not kept(store.quads_for_pattern(subject, predicate, obj)):
                return False
    return True

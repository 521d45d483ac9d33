"""Evaluating a write away from the live store, so that nothing reaches it before the gate.

An update that changes only graphs its text names and reads nothing else (``INSERT DATA``,
``DELETE DATA``, ``DELETE WHERE`` without ``GRAPH ?g``, ``CLEAR``/``DROP``/``CREATE``/
``ADD``/``MOVE``/``COPY`` of named graphs) runs on an in-memory copy of those graphs. Any
other runs on a RocksDB checkpoint of the whole store (hard links: cheap to make), operation
by operation when a template writes ``GRAPH ?g``, so that the graphs each operation writes
can be asked for just before it runs. Oxigraph evaluates the update either way: its full
standard semantics, not a reimplementation.
"""

from __future__ import annotations

import re
import shutil
import uuid
from contextlib import suppress
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from borderkg import deepstack, updatetext
from borderkg.ontology.namespaces import PREFIXES
from borderkg.store import GraphStore
from borderkg.updatedelta import all_graphs, graph_name, graph_quads
from borderkg.updatetext import GraphKey, UpdatePlan
from borderkg.writeerrors import UpdateFailed, UpdateSyntaxError

_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+)")
_FAST_KINDS = updatetext.DATA_KINDS | updatetext.GRAPH_KINDS | {"DELETE WHERE"}


class Evaluated:
    """A write evaluated off the live store: the store holding its result and the graphs it
    may have changed. :meth:`release` lets go of the store (and removes a fork's files)."""

    def __init__(
        self, post: ox.Store, candidates: set[GraphKey], directory: Path | None = None
    ) -> None:
        self.post: ox.Store | None = post
        self.candidates = candidates
        self.directory = directory

    def release(self) -> None:
        """Close the store (dropping the last reference closes a RocksDB database)."""
        self.post = None
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)


def evaluate_update(store: GraphStore, plan: UpdatePlan, forks: Path) -> Evaluated:
    """Run the update off the live store: on copies of the graphs it names, else on a fork.

    ``forks``: the directory for checkpoints (in the store directory: hard links need the
    same file system). Raises :class:`UpdateSyntaxError` and :class:`UpdateFailed`. Runs
    on a deep-stack thread (``deepstack``): the update's text is the client's.
    """
    return deepstack.call(_evaluate_update, store, plan, forks)


def _evaluate_update(store: GraphStore, plan: UpdatePlan, forks: Path) -> Evaluated:
    live = store.store
    if plan.static and all(op.kind in _FAST_KINDS for op in plan.operations):
        read = plan.graphs() | {g for op in plan.operations for g in op.reads}
        post = scratch(live, read)
        run_update(post, plan.text)
        return Evaluated(post, plan.graphs())
    fork_path = forks / f"fork-{uuid.uuid4().hex}"
    store.checkpoint(fork_path)
    evaluated = Evaluated(ox.Store(str(fork_path)), set(), fork_path)
    try:
        assert evaluated.post is not None
        evaluated.candidates = _run_on_fork(evaluated.post, plan)
        if plan.opaque or any(op.scope for op in plan.operations):
            evaluated.candidates |= all_graphs(live, evaluated.post)
    except BaseException:
        evaluated.release()
        raise
    return evaluated


def _run_on_fork(fork: ox.Store, plan: UpdatePlan) -> set[GraphKey]:
    """Run the update on the fork; the graphs its operations may have changed."""
    if not any(op.graph_vars for op in plan.operations):
        run_update(fork, plan.text)
        return plan.graphs()
    check_syntax(plan.text)
    candidates = plan.graphs()
    for index, op in enumerate(plan.operations):
        query = updatetext.candidate_query(plan, index)
        if query is not None:
            options: dict[str, Any] = {"prefixes": PREFIXES}
            if op.with_graph is not None and not op.dataset:
                options["default_graph"] = ox.NamedNode(op.with_graph)
            for row in fork.query(query, **options):
                candidates.update(v.value for v in row if isinstance(v, ox.NamedNode))
        run_update(fork, updatetext.operation_text(plan, index))
    return candidates


def scratch(live: ox.Store, graphs: set[GraphKey] | list[GraphKey]) -> ox.Store:
    """An in-memory store holding copies of some live graphs (existing named graphs kept)."""
    copy = ox.Store()
    for key in graphs:
        if key is not None and live.contains_named_graph(ox.NamedNode(key)):
            copy.add_graph(ox.NamedNode(key))
        copy.extend(graph_quads(live, key))
    return copy


def put_graph(store: ox.Store, key: GraphKey, triples: list[ox.Triple]) -> None:
    """Add ``triples`` to a graph of ``store``, creating the named graph even when empty."""
    name = graph_name(key)
    if key is not None:
        store.add_graph(name)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)


def run_update(store: ox.Store, text: str) -> None:
    """Run an update with the project prefixes, its errors as write errors."""
    try:
        store.update(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise _syntax_error(exc) from None
    except (RuntimeError, ValueError) as exc:
        raise UpdateFailed(f"The update failed, nothing was changed: {exc}") from None


def check_syntax(text: str) -> None:
    """Raise :class:`UpdateSyntaxError` if ``text`` does not parse (run on an empty store,
    on a deep-stack thread)."""
    with suppress(RuntimeError, ValueError):
        try:
            deepstack.call(ox.Store().update, text, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise _syntax_error(exc) from None


def _syntax_error(exc: SyntaxError) -> UpdateSyntaxError:
    message = str(exc.msg if exc.msg else exc)
    match = _SYNTAX_POSITION.search(message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
    return UpdateSyntaxError(f"The update does not parse: {message}", line, column)

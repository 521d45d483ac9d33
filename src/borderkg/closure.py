"""Reflexive-transitive closure of a parent relation (``rdfs:subClassOf`` and the like).

The gate and the VoID class partitions both need every superclass of a class; one walk
serves both, over whatever node type they hold (pyoxigraph terms or IRI strings).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def parents_of(edges: Iterable[tuple[T, T]]) -> dict[T, set[T]]:
    """``{child: {parent, …}}`` from ``(child, parent)`` pairs."""
    parents: dict[T, set[T]] = {}
    for child, parent in edges:
        parents.setdefault(child, set()).add(parent)
    return parents


def ancestors(parents: Mapping[T, Iterable[T]], node: T) -> set[T]:
    """``node`` and everything above it (cycles are fine: each node is visited once)."""
    seen, todo = {node}, [node]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen

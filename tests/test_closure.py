"""The subclass closure the gate and the VoID class partitions share."""

from __future__ import annotations

from borderkg.closure import ancestors, parents_of


def test_ancestors_hold_the_node_and_every_parent_above_it() -> None:
    parents = parents_of([("Settlement", "Location"), ("Location", "Place"), ("River", "Place")])
    assert ancestors(parents, "Settlement") == {"Settlement", "Location", "Place"}
    assert ancestors(parents, "Place") == {"Place"}


def test_a_cycle_of_subclasses_ends() -> None:
    parents = parents_of([("A", "B"), ("B", "C"), ("C", "A")])
    assert ancestors(parents, "B") == {"A", "B", "C"}

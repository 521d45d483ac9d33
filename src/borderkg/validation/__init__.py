"""SHACL validation of borderkg data: one report model, two engines, and the load-time gate.

* :func:`validate` checks a ``pyoxigraph.Store``, a :class:`~borderkg.store.GraphStore` or an
  rdflib ``Dataset``/``Graph`` against the project shapes (plus any extra shapes graph a caller
  merges in) and returns a :class:`ValidationReport`.
* ``engine="pyshacl"`` is the reference: pyshacl, no inference, on an rdflib Dataset.
  ``engine="sparql"`` compiles the shapes into SPARQL run inside pyoxigraph and gives the same
  results; constraints it cannot translate are run by pyshacl, shape by shape, and the report
  says which engine handled which shape (``report.shape_engines``). ``"auto"`` is ``"sparql"``.
* :class:`Gate` decides, before anything is written, which prospective article graphs may enter
  the store (see ``borderkg.validation.gate``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import Graph

from borderkg.validation.report import SEVERITIES, ValidationReport, ValidationResult

__all__ = [
    "ENGINES",
    "SEVERITIES",
    "Gate",
    "ValidationReport",
    "ValidationResult",
    "validate",
]

#: Engine names :func:`validate` accepts.
ENGINES = ("auto", "sparql", "pyshacl")


def validate(
    data: Any,
    *,
    shapes: Graph | None = None,
    engine: str = "auto",
    focus_nodes: Iterable[Any] | None = None,
    background: bool = True,
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: the project shapes) and report.

    ``data``: a ``pyoxigraph.Store`` or ``GraphStore`` (validated as it is: the store holds
    the ontology, schemes and vocabulary graphs), or an rdflib ``Dataset``/``Graph`` (copied;
    with ``background`` the shipped ontology, schemes and vocabulary graphs are added when
    the data has no graph of that name, as the shapes need them — see shapes/README.md).
    ``shapes``: an rdflib graph of shapes; to add researchers' shapes, merge them into
    ``borderkg.shapes.shapes_graph()`` and pass the result. ``focus_nodes``: IRIs (strings,
    ``URIRef`` or ``NamedNode``) or blank nodes; only results whose focus node is one of them
    are reported, as a full run restricted to those nodes would.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "pyshacl":
        from borderkg.validation.engine_pyshacl import validate_pyshacl

        return validate_pyshacl(data, shapes=shapes, focus_nodes=focus_nodes, background=background)
    from borderkg.validation.engine_sparql import validate_sparql

    return validate_sparql(data, shapes=shapes, focus_nodes=focus_nodes, background=background)


def __getattr__(name: str) -> Any:
    # The gate imports the store; load it only when asked for.
    if name == "Gate":
        from borderkg.validation.gate import Gate

        return Gate
    raise AttributeError(name)

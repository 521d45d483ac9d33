"""The catalogue of checks a run can report: every shape of the shapes graph that can give a
result, and the checks ``borderkg validate`` runs besides the engine (``knownterms``).

JUnit lists one test case and SARIF one rule per entry, so a check that passed still shows
as a passed test; the human, JSON and GitHub formats head results with an entry's name. The
core builds the catalogue (the CLI and the formatters only read it), so a check that is not
a shape is described where the check itself is, not in a command-line face.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.namespace import SH

from borderkg.validation.terms import path_text, severity_name, shape_id, shape_name


class Shortener(Protocol):
    """What the catalogue needs of ``borderkg.reportmodel.Compactor``: IRIs and terms
    written with prefixes."""

    def iri(self, iri: str) -> str: ...

    def term(self, text: str | None) -> str: ...


#: Shape predicates that structure or describe a shape without constraining anything.
_STRUCTURAL = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.name,
    SH.description,
    SH.property,
    SH.group,
    SH.order,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.severity,
    SH.message,
    SH.deactivated,
    SH.path,
    SH.defaultValue,
}


@dataclass(frozen=True)
class ShapeInfo:
    """One shape that reports results: its key as reports name it, short id and documentation.

    ``key`` is the report's ``source_shape``: the shape IRI, or ``_:shape-…`` for a blank
    node (``borderkg.validation.terms.shape_id``); ``id`` is what people read
    (``bkgsh:Article-text``).
    """

    key: str
    id: str
    name: str | None
    description: str | None
    severity: str
    message: str | None = None


def _text(graph: Graph, node: object, predicate: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, predicate))  # type: ignore[arg-type]
    english = [
        str(v)
        for v in graph.objects(node, predicate)  # type: ignore[arg-type]
        if getattr(v, "language", None) in (None, "en")
    ]
    return (sorted(english) or values or [None])[0]


def display_id(shapes: Graph, shape: URIRef | BNode, key: str, compact: Shortener) -> str:
    """The id people read: ``bkgsh:Article-text``; a blank property shape as
    ``parent/path``, else its key."""
    if isinstance(shape, URIRef):
        return compact.iri(str(shape)).strip("<>")
    parents = sorted(str(p) for p in shapes.subjects(SH.property, shape) if isinstance(p, URIRef))
    path = shapes.value(shape, SH.path)
    if parents and path is not None:
        try:
            return f"{compact.iri(parents[0]).strip('<>')}/{compact.term(path_text(shapes, path))}"
        except ValueError:
            pass
    return key


def shape_catalog(
    shapes: Graph, compact: Shortener, *, known_terms: bool = False
) -> dict[str, ShapeInfo]:
    """Every shape that can report a result, keyed as reports name it (``shape_id``), and,
    with ``known_terms`` (runs over input files), the misspelt-terms check
    (``knownterms.catalog_entry``), which no engine runs and so no shapes graph describes.

    A shape's name is its ``sh:name``, or for a property shape without one, that of the
    node shape it belongs to (``terms.shape_name``, as results carry it).

    Named shapes are included when they carry a constraint of their own: node shapes that
    only group property shapes never report anything. Blank-node shapes are included when
    they are property shapes of another shape or typed as shapes (not the ``[ sh:datatype
    … ]`` members of an ``sh:or``, which report through their parent). Deactivated shapes
    are left out.
    """
    typed = set(shapes.subjects(RDF.type, SH.NodeShape))
    typed |= set(shapes.subjects(RDF.type, SH.PropertyShape))
    members = set(shapes.objects(None, SH.property))
    candidates = typed | members | set(shapes.subjects(SH.path, None))
    candidates |= set(shapes.subjects(SH.severity, None))
    catalog: dict[str, ShapeInfo] = {}
    for shape in candidates:
        if isinstance(shape, BNode):
            if shape not in typed and shape not in members:
                continue
        elif not isinstance(shape, URIRef):
            continue
        if any(str(v).lower() == "true" for v in shapes.objects(shape, SH.deactivated)):
            continue
        if all(p in _STRUCTURAL for p in shapes.predicates(shape, None)):
            continue
        severity = shapes.value(shape, SH.severity)
        key = shape_id(shapes, shape)
        catalog[key] = ShapeInfo(
            key=key,
            id=display_id(shapes, shape, key, compact),
            name=shape_name(shapes, shape),
            description=_text(shapes, shape, SH.description),
            severity=severity_name(severity),
            message=_text(shapes, shape, SH.message),
        )
    if known_terms:
        from borderkg.validation import knownterms

        entry = knownterms.catalog_entry(compact)
        catalog[entry.key] = entry
    return dict(sorted(catalog.items(), key=lambda item: item[1].id))

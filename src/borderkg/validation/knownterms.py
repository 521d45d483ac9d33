"""Misspelt terms: properties and classes a researcher's data uses that the model does not have.

A typo in a property (``bkg:implementedby``) or a class (``a bkg:Polcy``) breaks nothing
SHACL can see: the statement is simply one no shape and no query asks about, so the actor or
the whole policy silently drops out of every answer. No SHACL target can find a term the
shapes do not name, so ``borderkg validate`` checks the input's own statements here, after
the engine, the same way for both engines:

* a term in the ontology's namespace (``bkg:``) that the ontology does not declare, or
  declares as the other kind (a class used as a property), is a Violation: that namespace
  is the project's, and nothing else lives in it;
* a term of a vocabulary the model reuses (``sem:``, ``nif:``, ``skos:``, …) that the model
  never uses, but that is within a typo of one it does (``sem:hasPlce``), is a Warning: the
  vocabulary may well have the term, but the data model does not read it.

Each result names the closest known term of the right kind ("Did you mean …?").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from borderkg.ontology.namespaces import BKG, ONTOLOGY_GRAPH
from borderkg.validation.catalog import ShapeInfo, Shortener
from borderkg.validation.data import BACKGROUND_GRAPHS
from borderkg.validation.report import ValidationResult
from borderkg.validation.suggest import closest_concept, split_iri

#: The source shape and constraint component of these results (no engine evaluates them).
SHAPE = "https://w3id.org/borderkg/shapes#KnownTermsShape"
COMPONENT = "https://w3id.org/borderkg/shapes#KnownTermConstraintComponent"
SHAPE_NAME = "Known terms"
SHAPE_DESCRIPTION = (
    "Every bkg: property and class the data uses is declared in the ontology (a Violation "
    "otherwise), and a term of a reused vocabulary that the model does not use but that is "
    "a typo away from one it does is flagged (a Warning). Checked by borderkg validate on "
    "the input's own statements, after the SHACL engine."
)

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ONTOLOGY = str(BKG)
_CLASS_KINDS = {
    "http://www.w3.org/2002/07/owl#Class",
    "http://www.w3.org/2000/01/rdf-schema#Class",
}
_PROPERTY_KINDS = {
    "http://www.w3.org/2002/07/owl#ObjectProperty",
    "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/2002/07/owl#AnnotationProperty",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
}
#: Namespaces whose terms the model reuses: a near miss of a used term is a likely typo.
REUSED = (
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "http://www.w3.org/2004/02/skos/core#",
    "https://schema.org/",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/prov#",
    "http://data.europa.eu/eli/ontology#",
    "http://groundedannotationframework.org/gaf#",
    "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
)

_USED = """
SELECT DISTINCT ?term ?kind WHERE {
    { ?s ?term ?o BIND("property" AS ?kind) }
    UNION { ?s a ?term BIND("class" AS ?kind) }
    UNION { ?term a ?declared BIND(STR(?declared) AS ?kind) }
    FILTER (isIRI(?term))
}"""
_SHAPE_TERMS = {
    SH.path: "property",
    SH.targetSubjectsOf: "property",
    SH.targetObjectsOf: "property",
    SH["class"]: "class",
    SH.targetClass: "class",
}


class KnownTerms:
    """The terms the model declares (``bkg:``) and uses (reused vocabularies), by kind."""

    def __init__(self, store: ox.Store, shapes: Graph) -> None:
        self.declared: dict[str, set[str]] = {"class": set(), "property": set()}
        self.used: dict[str, set[str]] = {"class": set(), "property": set()}
        for graph in BACKGROUND_GRAPHS:
            for row in store.query(_USED.replace("WHERE {", f"FROM <{graph}> WHERE {{", 1)):
                term, kind = row["term"].value, row["kind"].value
                ontology = graph == str(ONTOLOGY_GRAPH)
                if kind in _CLASS_KINDS:
                    self._note(term, "class", declared=ontology)
                elif kind in _PROPERTY_KINDS:
                    self._note(term, "property", declared=ontology)
                elif kind in self.used:
                    self.used[kind].add(term)
        for predicate, kind in _SHAPE_TERMS.items():
            for value in shapes.objects(None, predicate):
                if isinstance(value, URIRef):
                    self.used[kind].add(str(value))

    def _note(self, term: str, kind: str, *, declared: bool) -> None:
        self.used[kind].add(term)
        if declared and term.startswith(_ONTOLOGY):
            self.declared[kind].add(term)

    def problem(self, term: str, kind: str) -> tuple[str, str | None] | None:
        """``(severity, closest known term)`` when ``term`` used as ``kind`` is suspect."""
        if term.startswith(_ONTOLOGY):
            if term in self.declared[kind]:
                return None
            guess = closest_concept(term, sorted(self.declared[kind]))
            return "Violation", guess
        namespace, _ = split_iri(term)
        if namespace not in REUSED or term in self.used[kind]:
            return None
        other = "class" if kind == "property" else "property"
        if term in self.used[other]:
            return None  # a term the model uses in the other role is a modelling choice
        candidates = sorted(t for t in self.used[kind] if t.startswith(namespace))
        guess = closest_concept(term, candidates)
        return None if guess is None else ("Warning", guess)


def unknown_terms(
    store: ox.Store, shapes: Graph, show: Callable[[str], str] = lambda iri: f"<{iri}>"
) -> list[ValidationResult]:
    """Results for the suspect terms of every statement outside the project's own graphs.

    ``show`` writes an IRI for people in messages (``bkg:Policy``).
    """
    known = KnownTerms(store, shapes)
    background = {ox.NamedNode(g) for g in BACKGROUND_GRAPHS}
    seen: set[tuple[str, str, str]] = set()
    results: list[ValidationResult] = []
    for quad in _input_quads(store, background):
        subject = str(quad.subject)
        predicate = quad.predicate.value
        uses = [(predicate, "property", None)]
        if predicate == _RDF_TYPE and isinstance(quad.object, ox.NamedNode):
            uses.append((quad.object.value, "class", quad.object))
        for term, kind, value in uses:
            if (subject, term, kind) in seen:
                continue
            seen.add((subject, term, kind))
            found = known.problem(term, kind)
            if found is None:
                continue
            severity, guess = found
            results.append(
                ValidationResult(
                    severity=severity,
                    focus_node=subject,
                    path=f"<{predicate}>",
                    value=str(value if value is not None else quad.object),
                    constraint_component=COMPONENT,
                    source_shape=SHAPE,
                    message=_message(term, kind, guess, severity, known, show),
                    shape_name=SHAPE_NAME,
                )
            )
    return results


def catalog_entry(compact: Shortener) -> ShapeInfo:
    """The check's entry in the catalogue of shapes (a JUnit test case, a SARIF rule), so
    that it lists as passed when no term is misspelt."""
    return ShapeInfo(
        key=SHAPE,
        id=compact.iri(SHAPE).strip("<>"),
        name=SHAPE_NAME,
        description=SHAPE_DESCRIPTION,
        severity="Violation",
    )


def _input_quads(store: ox.Store, background: set[ox.NamedNode]) -> Iterable[ox.Quad]:
    for quad in store.quads_for_pattern(None, None, None, None):
        if quad.graph_name not in background:
            yield quad


def _message(
    term: str,
    kind: str,
    guess: str | None,
    severity: str,
    known: KnownTerms,
    show: Callable[[str], str],
) -> str:
    name = show(term)
    hint = f" Did you mean {show(guess)}?" if guess else ""
    other = "class" if kind == "property" else "property"
    if severity == "Violation" and term in known.declared[other]:
        return (
            f"{name} is a {other} of the borderkg ontology, used here as a {kind}.{hint} "
            "Statements with it are not read by the shapes or the example queries."
        )
    if severity == "Violation":
        effect = (
            "no shape checks the node by this type and no query finds it by it"
            if kind == "class"
            else "no shape and no example query reads this statement"
        )
        hint = hint or " No term of the ontology is close."
        return f"{name} is not a {kind} of the borderkg ontology.{hint} As written, {effect}."
    return (
        f"{name} is not a {kind} the borderkg data model uses, and is a typo away from one it "
        f"does.{hint} If you meant your vocabulary's own term, ignore this warning."
    )

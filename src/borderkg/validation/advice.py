"""Advice by ownership: whose node a result is about decides what its message tells to do.

Everything the project mints lives under ``https://w3id.org/borderkg/``; everything else is
the researcher's own. A shape has one message, and core constraints (``sh:minCount``,
``sh:class`` …) cannot word it per node, while a SPARQL constraint per ownership costs a
query per focus node under pyshacl. So ``borderkg validate`` rewrites, after validation and
the same way for both engines, the messages whose advice depends on the owner:

* ``Concept-inScheme`` (a concept in no scheme): a concept of the project is put in one of
  its schemes; a concept of the researcher's goes in a scheme of their own namespace, which
  the message names.
* ``ExternalIdentifier-unique`` (one identifier on two entities): the researcher's own
  nodes get "change your file", a project node that clashes with a researcher's node gets
  "the fix is in your file, or report the project's link upstream"; two project nodes keep
  the shape's maintainer advice (the registry).

Results on a file written by hand (an RDF input, not an article ``borderkg`` extracts) get
advice for editing that file where the shape's advice is the loader's (a missing headline or
publication date: :func:`for_hand_written`). Then the closest known IRI is suggested for
dangling links (:mod:`suggest`).
"""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox

from borderkg.validation.report import ValidationReport, ValidationResult
from borderkg.validation.suggest import add_suggestions, split_iri

#: Everything under this IRI is the project's.
PROJECT = "https://w3id.org/borderkg/"
_SHAPES = "https://w3id.org/borderkg/shapes#"
IN_SCHEME = _SHAPES + "Concept-inScheme"
UNIQUE = _SHAPES + "ExternalIdentifier-unique"
_MIN_COUNT = "http://www.w3.org/ns/shacl#MinCountConstraintComponent"

_SCHEMES = """
SELECT DISTINCT ?scheme WHERE {
    ?scheme a <http://www.w3.org/2004/02/skos/core#ConceptScheme> . FILTER (isIRI(?scheme))
}"""
_HOLDERS = """
SELECT DISTINCT ?other WHERE {
    ?other <http://www.w3.org/2004/02/skos/core#exactMatch> %s ;
        a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?class .
    FILTER (?class IN (<https://w3id.org/borderkg/ontology#Actor>,
                       <https://w3id.org/borderkg/ontology#Location>,
                       <https://w3id.org/borderkg/ontology#LegalInstrument>))
}"""


def is_projects(node: str) -> bool:
    """Whether ``node`` (an N-Triples term) is an IRI in the project's namespace."""
    return node.startswith("<" + PROJECT)


def plain(node: str) -> str:
    """An N-Triples IRI without its angle brackets, as messages print IRIs."""
    return node[1:-1] if node.startswith("<") and node.endswith(">") else node


def _schemes(store: ox.Store) -> list[str]:
    rows = store.query(_SCHEMES, use_default_graph_as_union=True)
    return sorted(row["scheme"].value for row in rows)


def in_scheme_message(focus: str, schemes: list[str]) -> str:
    """The advice for a concept in no scheme, by whose concept it is.

    ``schemes``: every concept scheme of the data, to name the likely one (a project
    concept ``…/scheme/measure-type/X`` is of ``…/scheme/measure-type``) or the
    researcher's own schemes in the concept's namespace.
    """
    iri = plain(focus)
    if is_projects(focus):
        own = iri.rsplit("/", 1)[0]
        where = f"<{own}>" if own in schemes else "one of the project's schemes"
        return (
            f"{iri} is in borderkg's namespace but in no concept scheme: a concept of the "
            f"project's schemes is in exactly one of them — add skos:inScheme {where} (see "
            "ontology/schemes.ttl); a concept of your own belongs in your own namespace and "
            "scheme."
        )
    namespace = split_iri(iri)[0] or iri
    mine = [s for s in schemes if s.startswith(namespace)][:3]
    known = f"; your schemes there: {', '.join(mine)}" if mine else ""
    return (
        f"{iri} is in no concept scheme: a SKOS concept belongs to at least one (it may be in "
        "several) — add skos:inScheme with the skos:ConceptScheme of your own vocabulary "
        f"(your namespace: {namespace}{known}), and declare that scheme if you have none."
    )


def unique_message(focus: str, other: str, value: str) -> str | None:
    """The advice for one identifier on two entities, by whose the two are; ``None`` for
    two project nodes (the shape's own maintainer advice stands)."""
    this, that, item = plain(focus), plain(other), plain(value)
    mine, theirs = not is_projects(focus), not is_projects(other)
    if mine and theirs:
        return (
            f"{this} and {that} both have skos:exactMatch {item}: one identifier names one "
            "entity — in your file, merge the two entities or remove the wrong link."
        )
    if mine:
        return (
            f"Your {this} has skos:exactMatch {item}, which borderkg's vocabulary already "
            f"gives to {that}: if both are the same entity, use {that} in your file instead "
            "of your own node; if not, your link is wrong — remove it from your file."
        )
    if theirs:
        return (
            f"{this} is borderkg's own vocabulary node, and it has skos:exactMatch {item}, as "
            f"does your {that}: the fix is in your file (see the result on {that}). If you "
            "think the project's link is wrong, report it upstream to the borderkg project "
            "rather than editing the vocabulary."
        )
    return None


def _other_of(result: ValidationResult, store: ox.Store) -> str | None:
    """The other holder of the result's identifier that its message names (the shape's
    message starts ``{$this} and {?other} …``), found among the entities holding it."""
    if result.value is None or result.value.startswith("_:"):
        return None
    holders = [
        str(row["other"])
        for row in store.query(_HOLDERS % result.value, use_default_graph_as_union=True)
    ]
    holders = [h for h in holders if h != result.focus_node]
    head = f"{plain(result.focus_node)} and "
    for holder in holders:
        if result.message.startswith(f"{head}{plain(holder)} "):
            return holder
    return holders[0] if len(holders) == 1 else None


#: Messages for data written by hand (an RDF file, not an article the loader read): the
#: shapes' own advice (a sidecar, a reload) is for articles ``borderkg`` extracts.
HAND_WRITTEN = {
    _SHAPES + "Article-headline": (
        "The article has no schema:headline: add the title as the outlet printed it to the "
        "article node in your file; never invent one."
    ),
    _SHAPES + "Article-datePublished": (
        "The article has no schema:datePublished, so relative dates in it stay vague: add the "
        'publication date ("2024-03-05"^^xsd:date) to the article node in your file; never '
        "guess it."
    ),
}


def for_hand_written(result: ValidationResult) -> ValidationResult:
    """The result with advice for a file written by hand, where the shape's is the loader's."""
    message = HAND_WRITTEN.get(result.source_shape)
    if message is None or result.constraint_component != _MIN_COUNT:
        return result
    return replace(result, message=message)


def advise(report: ValidationReport, store: ox.Store) -> None:
    """Reword ownership-dependent messages and add concept suggestions (in place)."""
    schemes: list[str] | None = None
    results = []
    for result in report.results:
        message = None
        if result.source_shape == IN_SCHEME and result.constraint_component == _MIN_COUNT:
            if schemes is None:
                schemes = _schemes(store)
            message = in_scheme_message(result.focus_node, schemes)
        elif result.source_shape == UNIQUE:
            other = _other_of(result, store)
            if other is not None and result.value is not None:
                message = unique_message(result.focus_node, other, result.value)
        results.append(result if message is None else replace(result, message=message))
    report.results = results
    add_suggestions(report, store)

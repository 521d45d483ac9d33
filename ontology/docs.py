"""Generate the ontology's HTML documentation from the shipped Turtle.

Run ``python -m borderkg.ontology.docs --out docs/ontology/index.html``. The page lists
every class (with its place in the hierarchy), every property (domain, range, super
properties) and every concept scheme with its concepts, each with an anchor named by
the term's local name so ``…/ontology#Policy`` links land on the right entry.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, select_autoescape
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from . import ontology_graph, schemes_graph
from .namespaces import BKG, ONTOLOGY_IRI, PREFIXES, SCHEMES


@dataclass
class Term:
    """One documented term: its IRI, short name and the facts shown for it."""

    iri: str
    curie: str
    anchor: str
    label: str
    definition: str
    kind: str = ""
    supers: list[tuple[str, str]] = field(default_factory=list)
    subs: list[tuple[str, str]] = field(default_factory=list)
    domain: list[tuple[str, str]] = field(default_factory=list)
    range: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)


def _curie(iri: URIRef | str) -> str:
    text = str(iri)
    best = ""
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and len(ns) > len(best):
            best, name = ns, f"{prefix}:{text[len(ns) :]}"
    return name if best else f"<{text}>"


def _link(iri: URIRef | str) -> tuple[str, str]:
    """(href, text) for a term: local terms link to their anchor, others to their IRI."""
    text = str(iri)
    if text.startswith(str(BKG._NS)):
        return "#" + text[len(str(BKG._NS)) :], _curie(text)
    return text, _curie(text)


def _en(graph: Graph, node: URIRef, prop: URIRef) -> str:
    values = [o for o in graph.objects(node, prop) if isinstance(o, Literal)]
    for value in values:
        if value.language in (None, "en"):
            return str(value)
    return str(values[0]) if values else ""


def _class_expr(graph: Graph, node) -> list[tuple[str, str]]:
    """Links for a domain/range, unfolding an owl:unionOf list."""
    union = graph.value(node, OWL.unionOf)
    if union is not None:
        return [_link(m) for m in graph.items(union)]
    return [_link(node)]


def collect_terms(graph: Graph) -> tuple[list[Term], list[Term]]:
    """Classes and properties of the bkg namespace, sorted by local name."""
    ns = str(BKG._NS)
    classes, properties = [], []
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for node in sorted(set(graph.subjects(RDF.type, kind))):
            if not isinstance(node, URIRef) or not str(node).startswith(ns):
                continue
            term = Term(
                iri=str(node),
                curie=_curie(node),
                anchor=str(node)[len(ns) :],
                label=_en(graph, node, RDFS.label),
                definition=_en(graph, node, SKOS.definition),
                kind={
                    OWL.Class: "Class",
                    OWL.ObjectProperty: "Object property",
                    OWL.DatatypeProperty: "Datatype property",
                }[kind],
            )
            if kind == OWL.Class:
                term.supers = [_link(o) for o in sorted(graph.objects(node, RDFS.subClassOf))]
                term.subs = [_link(s) for s in sorted(graph.subjects(RDFS.subClassOf, node))]
                term.extra = [_link(o) for o in sorted(graph.objects(node, OWL.equivalentClass))]
                classes.append(term)
            else:
                term.supers = [_link(o) for o in sorted(graph.objects(node, RDFS.subPropertyOf))]
                for d in graph.objects(node, RDFS.domain):
                    term.domain.extend(_class_expr(graph, d))
                for r in graph.objects(node, RDFS.range):
                    term.range.extend(_class_expr(graph, r))
                if (node, RDF.type, OWL.SymmetricProperty) in graph:
                    term.kind += " (symmetric)"
                properties.append(term)
    classes.sort(key=lambda t: t.anchor)
    properties.sort(key=lambda t: t.anchor)
    return classes, properties


def collect_schemes(graph: Graph) -> list[dict]:
    """Each concept scheme with its concepts (label, definition, broader, matches)."""
    out = []
    for scheme in SCHEMES:
        concepts = []
        for concept in sorted(graph.subjects(SKOS.inScheme, scheme)):
            concepts.append(
                {
                    "iri": str(concept),
                    "curie": _curie(concept),
                    "label": _en(graph, concept, SKOS.prefLabel),
                    "labels_other": sorted(
                        f"{o} ({o.language})"
                        for o in graph.objects(concept, SKOS.prefLabel)
                        if isinstance(o, Literal) and o.language not in (None, "en")
                    ),
                    "alt": sorted(str(o) for o in graph.objects(concept, SKOS.altLabel)),
                    "definition": _en(graph, concept, SKOS.definition),
                    "broader": [_curie(b) for b in graph.objects(concept, SKOS.broader)],
                    "matches": [
                        _curie(m)
                        for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch)
                        for m in graph.objects(concept, p)
                    ],
                }
            )
        out.append(
            {
                "iri": str(scheme),
                "anchor": "scheme-" + str(scheme).rstrip("/").rsplit("/", 1)[-1],
                "title": _en(graph, scheme, DCTERMS.title) or _en(graph, scheme, SKOS.prefLabel),
                "definition": _en(graph, scheme, SKOS.definition),
                "concepts": concepts,
            }
        )
    return out


def render_html() -> str:
    """The whole documentation page as HTML."""
    onto = ontology_graph()
    classes, properties = collect_terms(onto)
    template_text = files(__package__).joinpath("templates/ontology.html").read_text("utf-8")
    env = Environment(autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    return env.from_string(template_text).render(
        title=_en(onto, ONTOLOGY_IRI, DCTERMS.title),
        description=_en(onto, ONTOLOGY_IRI, DCTERMS.description),
        iri=str(ONTOLOGY_IRI),
        version=_en(onto, ONTOLOGY_IRI, OWL.versionInfo),
        version_iri=str(onto.value(ONTOLOGY_IRI, OWL.versionIRI) or ""),
        prefixes=sorted(PREFIXES.items()),
        classes=classes,
        properties=properties,
        schemes=collect_schemes(schemes_graph()),
    )


def main(argv: list[str] | None = None) -> int:
    """Write the documentation page; with ``--check``, exit 1 when the file is stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/ontology/index.html"))
    parser.add_argument("--check", action="store_true", help="fail if --out is out of date")
    args = parser.parse_args(argv)
    html = render_html()
    if args.check:
        current = args.out.read_text("utf-8") if args.out.exists() else ""
        if current != html:
            print(
                f"{args.out} is out of date: run python -m borderkg.ontology.docs", file=sys.stderr
            )
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

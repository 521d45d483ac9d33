"""What the curated vocabulary says about an entity, as quads of the vocabulary graph.

``borderkg extract FILE`` prints, next to the article's graph, the types, labels and
Wikidata/GeoNames links of the entities the article names, so its output reads on its own.
Reading those statements from an rdflib graph is slow, so they are built once per entity
and vocabulary graph and kept.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib import Literal as RdfLiteral

from borderkg.ontology.namespaces import BKG, ELI, SCHEMA, VOCABULARY_GRAPH

#: What an entity named by an article is described with.
CONTEXT_PREDICATES: tuple[URIRef, ...] = (
    RDF.type,
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.exactMatch,
    RDFS.label,
    BKG.actorType,
    BKG.country,
    BKG.adminParent,
    BKG.adminLevel,
    BKG.onRiver,
    BKG.reviewStatus,
    ELI.is_part_of,
    ELI.number,
    ELI.type_document,
    ELI.type_subdivision,
    SCHEMA.legislationIdentifier,
)
#: Links whose targets get their type and preferred label too.
LINKS: tuple[URIRef, ...] = (BKG.country, BKG.adminParent, BKG.onRiver, ELI.is_part_of)
BRIEF: tuple[URIRef, ...] = (RDF.type, SKOS.prefLabel)

_LOCK = threading.Lock()
_CACHES: dict[int, VocabularyContext] = {}


class VocabularyContext:
    """Context quads of each vocabulary entity, built once per vocabulary graph."""

    def __init__(self, vocabulary: Graph) -> None:
        self.vocabulary = vocabulary
        self.graph = NamedNode(str(VOCABULARY_GRAPH))
        self._full: dict[str, tuple[list[Quad], list[str]]] = {}
        self._brief: dict[str, list[Quad]] = {}

    @classmethod
    def of(cls, vocabulary: Graph) -> VocabularyContext:
        """The (cached) context of a vocabulary graph."""
        with _LOCK:
            found = _CACHES.get(id(vocabulary))
            if found is None or found.vocabulary is not vocabulary:
                if len(_CACHES) > 8:
                    _CACHES.clear()
                found = _CACHES[id(vocabulary)] = cls(vocabulary)
        return found

    def quads(self, iris: Iterable[str]) -> list[Quad]:
        """Full context of the given entities and a brief one of what they link to."""
        wanted = list(dict.fromkeys(iris))
        out: list[Quad] = []
        linked: list[str] = []
        for iri in wanted:
            full, links = self.full(iri)
            out += full
            linked += links
        done = set(wanted)
        for iri in dict.fromkeys(linked):
            if iri not in done:
                out += self.brief(iri)
        return list(dict.fromkeys(out))

    def full(self, iri: str) -> tuple[list[Quad], list[str]]:
        """All context quads of an entity, and the entities it links to."""
        found = self._full.get(iri)
        if found is None:
            node = URIRef(iri)
            links = [
                str(o)
                for pred in LINKS
                for o in self.vocabulary.objects(node, pred)
                if isinstance(o, URIRef)
            ]
            found = self._full[iri] = (self._quads(node, CONTEXT_PREDICATES), links)
        return found

    def brief(self, iri: str) -> list[Quad]:
        """Type and preferred labels of an entity."""
        found = self._brief.get(iri)
        if found is None:
            found = self._brief[iri] = self._quads(URIRef(iri), BRIEF)
        return found

    def _quads(self, node: URIRef, predicates: tuple[URIRef, ...]) -> list[Quad]:
        out: list[Quad] = []
        subject = NamedNode(str(node))
        for pred in predicates:
            for obj in self.vocabulary.objects(node, pred):
                term = _term(obj)
                if term is not None:
                    out.append(Quad(subject, NamedNode(str(pred)), term, self.graph))
        return out


def _term(value: object) -> NamedNode | Literal | None:
    if isinstance(value, URIRef):
        return NamedNode(str(value))
    if isinstance(value, RdfLiteral):
        if value.language:
            return Literal(str(value), language=value.language)
        if value.datatype:
            return Literal(str(value), datatype=NamedNode(str(value.datatype)))
        return Literal(str(value))
    return None  # blank nodes are not part of an entity's context

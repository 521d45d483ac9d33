"""What the search index reads from the store: article documents and entity labels.

Reads go through ``quads_for_pattern`` on the few nodes needed (the article node, its text
node, the entities it mints) rather than whole graphs: pyoxigraph decodes every term it
returns, and an article graph holds hundreds of span quads search has no use for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from borderkg.ontology.namespaces import VOCABULARY_GRAPH
from borderkg.storetypes import ARTICLE_GRAPH_PREFIX, article_of_graph

_SCHEMA = "https://schema.org/"
_BKG = "https://w3id.org/borderkg/ontology#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PREF_LABEL = _SKOS + "prefLabel"
ALT_LABEL = _SKOS + "altLabel"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ELI_TITLE = "http://data.europa.eu/eli/ontology#title"

HEADLINE = _SCHEMA + "headline"
DATE_PUBLISHED = _SCHEMA + "datePublished"
KEYWORDS = _SCHEMA + "keywords"
IDENTIFIER = "http://purl.org/dc/terms/identifier"
CAPTION = _BKG + "caption"
TEXT = _BKG + "text"
IS_STRING = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"
CONTENT_HASH = _BKG + "contentHash"
REVIEW_STATUS = _BKG + "reviewStatus"

VOCABULARY = str(VOCABULARY_GRAPH)
#: Predicates whose objects name an entity: preferred labels, and the other names it goes by.
LABELS = (PREF_LABEL, ALT_LABEL, RDFS_LABEL, ELI_TITLE)


@dataclass
class ArticleDoc:
    """An article as the index holds it."""

    graph: str
    iri: str
    title: str | None
    label: str
    keywords: list[str]
    body: str
    date: str | None


@dataclass
class EntityNames:
    """What one graph says of an entity: its labels and types."""

    pref: list[tuple[str, str]] = field(default_factory=list)  # (text, language)
    other: list[tuple[str, str]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)

    def add(self, predicate: str, obj: ox.Term) -> None:
        """Take one statement about the entity, if it is a label or a type."""
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            if obj.value not in self.types:
                self.types.append(obj.value)
        elif predicate in LABELS and isinstance(obj, ox.Literal):
            names = self.pref if predicate == PREF_LABEL else self.other
            name = (obj.value, obj.language or "")
            if name not in names:
                names.append(name)

    def as_json(self) -> dict[str, list]:
        """Plain data for storage."""
        return {"pref": self.pref, "other": self.other, "types": self.types}

    @classmethod
    def from_json(cls, data: dict[str, list]) -> EntityNames:
        """The inverse of :meth:`as_json`."""
        return cls(
            pref=[tuple(x) for x in data["pref"]],
            other=[tuple(x) for x in data["other"]],
            types=list(data["types"]),
        )

    @property
    def named(self) -> bool:
        """Whether there is a label to find the entity by."""
        return bool(self.pref or self.other)


_ARTICLES_QUERY = f"""
SELECT ?g ?h WHERE {{ GRAPH ?g {{ OPTIONAL {{ ?article <{CONTENT_HASH}> ?h }} }} }}"""


def _tsv_lines(results: ox.QuerySolutions) -> list[str]:
    """Query solutions as sorted TSV lines, header dropped: made and compared in Rust and
    as plain text, several times cheaper than term objects (see ``article_listing``)."""
    text = results.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
    return sorted(text.splitlines()[1:])


def article_listing(store: ox.Store) -> list[str]:
    """Every article graph with its ``bkg:contentHash``, as sorted TSV lines ``<graph> "hash"``.

    Cheap enough to run on every sync: about 100 ms at 10,000 articles, where reading the
    same pairs as ``Quad`` objects takes twice as long.
    """
    start = f"<{ARTICLE_GRAPH_PREFIX}"  # filtered here: a FILTER in the query costs more
    return [line for line in _tsv_lines(store.query(_ARTICLES_QUERY)) if line.startswith(start)]


def parse_listing(lines: Iterable[str]) -> dict[str, str]:
    """``{graph IRI: content hash}`` from :func:`article_listing` ("" for no hash)."""
    found: dict[str, str] = {}
    for line in lines:
        graph, _, value = line.partition("\t")
        if len(value) >= 2 and value[0] == value[-1] == '"' and "\\" not in value:
            value = value[1:-1]
        found[graph[1:-1]] = max(found.get(graph[1:-1], ""), value)
    return found


def digest(lines: Iterable[str]) -> str:
    """SHA-256 of text lines: what a listing was when the index last saw it."""
    sha = hashlib.sha256()
    for line in lines:
        sha.update(line.encode("utf-8"))
        sha.update(b"\n")
    return sha.hexdigest()


def content_hash(store: ox.Store, graph_iri: str) -> str:
    """The ``bkg:contentHash`` of an article graph ("" if it has none), as listings give it."""
    quads = store.quads_for_pattern(
        ox.NamedNode(article_of_graph(graph_iri)),
        ox.NamedNode(CONTENT_HASH),
        None,
        ox.NamedNode(graph_iri),
    )
    return max((q.object.value for q in quads), default="")


def _literals(store: ox.Store, subject: ox.NamedNode, predicate: str, graph: ox.NamedNode) -> list:
    return [
        q.object.value
        for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, graph)
        if isinstance(q.object, ox.Literal)
    ]


def read_article(store: ox.Store, graph_iri: str) -> ArticleDoc | None:
    """The article of an article graph, or ``None`` when the graph has no article node."""
    graph = ox.NamedNode(graph_iri)
    article = ox.NamedNode(article_of_graph(graph_iri))
    values: dict[str, list[ox.Term]] = {}
    for quad in store.quads_for_pattern(article, None, None, graph):
        values.setdefault(quad.predicate.value, []).append(quad.object)
    if not values:
        return None

    def texts(predicate: str) -> list[str]:
        return [o.value for o in values.get(predicate, []) if isinstance(o, ox.Literal)]

    body_parts: list[str] = []
    for node in values.get(TEXT, []):
        if isinstance(node, ox.NamedNode):
            body_parts.extend(_literals(store, node, IS_STRING, graph))
    body_parts.extend(texts(CAPTION))
    headline = next(iter(texts(HEADLINE)), None)
    identifier = next(iter(texts(IDENTIFIER)), None)
    return ArticleDoc(
        graph=graph_iri,
        iri=article.value,
        title=headline,
        label=headline or identifier or article.value.rsplit("/", 1)[-1],
        keywords=texts(KEYWORDS),
        body="\n\n".join(body_parts),
        date=next(iter(texts(DATE_PUBLISHED)), None),
    )


def article_entities(store: ox.Store, graph_iri: str) -> dict[str, EntityNames]:
    """The entities an article graph mints (``bkg:reviewStatus``), with labels and types.

    The article's own nodes (``{article}#…``: anonymous sources, claims, policies) are not
    entities; they cannot be shared across articles and have no page of their own.
    """
    graph = ox.NamedNode(graph_iri)
    own = article_of_graph(graph_iri) + "#"
    subjects = {
        q.subject.value
        for q in store.quads_for_pattern(None, ox.NamedNode(REVIEW_STATUS), None, graph)
        if isinstance(q.subject, ox.NamedNode) and not q.subject.value.startswith(own)
    }
    found: dict[str, EntityNames] = {}
    for iri in sorted(subjects):
        names = EntityNames()
        for quad in store.quads_for_pattern(ox.NamedNode(iri), None, None, graph):
            names.add(quad.predicate.value, quad.object)
        if names.named:
            found[iri] = names
    return found


_VOCABULARY_QUERY = f"""
SELECT ?s ?p ?o WHERE {{
  GRAPH <{VOCABULARY}> {{
    VALUES ?p {{ <{RDF_TYPE}> {" ".join(f"<{p}>" for p in LABELS)} }}
    ?s ?p ?o
  }}
}}"""


def vocabulary_listing(store: ox.Store) -> list[str]:
    """The label and type statements of the vocabulary graph, as sorted TSV lines."""
    return _tsv_lines(store.query(_VOCABULARY_QUERY))


def vocabulary_rows(lines: list[str]) -> list[tuple[str, str, ox.Term]]:
    """(subject, predicate, object) of :func:`vocabulary_listing` lines, IRI subjects only."""
    text = "?s\t?p\t?o\n" + "".join(line + "\n" for line in lines)
    solutions = ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    assert isinstance(solutions, ox.QuerySolutions)
    return [
        (row[0].value, row[1].value, row[2])
        for row in solutions
        if isinstance(row[0], ox.NamedNode) and isinstance(row[1], ox.NamedNode)
    ]


def vocabulary_entities(rows: Iterable[tuple[str, str, ox.Term]]) -> dict[str, EntityNames]:
    """The named entities of the vocabulary graph, from :func:`vocabulary_rows`."""
    found: dict[str, EntityNames] = {}
    for subject, predicate, obj in rows:
        found.setdefault(subject, EntityNames()).add(predicate, obj)
    return {iri: names for iri, names in sorted(found.items()) if names.named}


def merge(contributions: Iterable[EntityNames]) -> EntityNames:
    """One entity's labels and types from every graph that names it."""
    merged = EntityNames()
    for names in contributions:
        for name in names.pref:
            if name not in merged.pref:
                merged.pref.append(name)
        for name in names.other:
            if name not in merged.other:
                merged.other.append(name)
        for cls in names.types:
            if cls not in merged.types:
                merged.types.append(cls)
    return merged


def display_label(names: EntityNames, iri: str) -> str:
    """The label to show: English preferred label, else any preferred label, else another."""
    for language in ("en", ""):
        for text, lang in names.pref:
            if lang == language:
                return text
    for text, _ in (*names.pref, *names.other):
        return text
    return iri.rsplit("/", 1)[-1]


def entity_columns(names: EntityNames) -> tuple[str, str]:
    """The (label, alt) text columns of an entity: preferred labels; all other names."""
    pref = list(dict.fromkeys(text for text, _ in names.pref))
    seen = {text.casefold() for text in pref}
    other = [text for text, _ in names.other if text.casefold() not in seen]
    return " · ".join(pref), " · ".join(dict.fromkeys(other))

"""What the Linked Data pages show, read with SPARQL through a ``select`` function.

The endpoint passes its query pool's ``select`` (so page queries get the same timeouts,
limits and snapshot as every other query); anything that takes a SELECT query and returns
rows of pyoxigraph terms (or SPARQL JSON result bindings) works, a plain ``pyoxigraph.Store``
wrapped in a lambda included. This module holds the shared parts: terms as :class:`Value`,
labels (an article without a headline is named "(untitled)" with the first words of its
text), where links go (:func:`page_links`), and the generic description of any resource;
:mod:`borderkg.pageviews` builds the article view and :mod:`borderkg.entityviews` the entity,
concept and graph views on top.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from borderkg.ldpaths import Links, needs_lookup
from borderkg.ontology.namespaces import BASE, PREFIXES, sparql_prefixes

#: A function running one SELECT query and returning its rows (variable → term).
Select = Callable[[str], Sequence[Mapping[str, Any]]]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
#: Most values of one property shown on a page, and most incoming links.
MAX_OUTGOING = 2000
MAX_INCOMING = 200
#: Label properties, best first, for showing an IRI by name.
LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://schema.org/headline",
    "https://schema.org/name",
    "http://data.europa.eu/eli/ontology#title",
    "http://www.w3.org/2004/02/skos/core#altLabel",
)
#: How an article without a headline is named, before the words that identify it.
UNTITLED = "(untitled)"
#: Most characters of an untitled article's text (or caption) quoted in its name.
UNTITLED_WORDS = 60
_ARTICLE_PREFIX = BASE + "article/"

# SPARQL IRIREF: no controls, spaces or <>"{}|^`\ inside the angle brackets.
_IRI_OK = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PROLOGUE = sparql_prefixes()


class BadIri(ValueError):
    """A string that cannot be used as an IRI in a query (it would break out of ``<…>``)."""


def checked_iri(iri: str) -> str:
    """``iri`` if it is an absolute IRI safe to put between ``<`` and ``>``, else :class:`BadIri`."""
    if not iri or len(iri) > 4000 or not _IRI_OK.match(iri) or not _SCHEME.match(iri):
        raise BadIri(f"not an absolute IRI: {iri[:200]!r}")
    return iri


def sparql(body: str, **iris: str) -> str:
    """A query with the project prefixes, each ``<$name>`` in ``body`` replaced by a checked IRI."""
    for name, iri in iris.items():
        body = body.replace(f"<${name}>", f"<{checked_iri(iri)}>")
    return _PROLOGUE + body


def curie(iri: str) -> str:
    """``prefix:local`` for IRIs under a project prefix (longest namespace wins), else the IRI."""
    best = ""
    name = iri
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best) and len(iri) > len(ns):
            best, name = ns, f"{prefix}:{iri[len(ns) :]}"
    return name


@dataclass(frozen=True)
class Value:
    """An RDF term as pages show it: ``kind`` is ``iri``, ``literal`` or ``bnode``."""

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None

    @property
    def is_iri(self) -> bool:
        """Whether it is an IRI (a link)."""
        return self.kind == "iri"

    @property
    def curie(self) -> str:
        """Short form of an IRI; the lexical form of anything else."""
        return curie(self.value) if self.is_iri else self.value

    @property
    def datatype_curie(self) -> str:
        """The datatype, shortened, unless it is plain ``xsd:string``."""
        if not self.datatype or self.datatype == XSD + "string":
            return ""
        return curie(self.datatype)


def value_of(term: Any) -> Value | None:
    """A :class:`Value` from a pyoxigraph term or a SPARQL JSON binding (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, Mapping):  # SPARQL 1.1 JSON results binding
        kind = {"uri": "iri", "literal": "literal", "typed-literal": "literal"}.get(
            term.get("type", ""), "bnode"
        )
        return Value(kind, str(term.get("value", "")), term.get("xml:lang"), term.get("datatype"))
    name = type(term).__name__
    if name == "NamedNode":
        return Value("iri", term.value)
    if name == "Literal":
        datatype = getattr(term, "datatype", None)
        return Value(
            "literal",
            term.value,
            getattr(term, "language", None) or None,
            getattr(datatype, "value", None),
        )
    if name == "BlankNode":
        return Value("bnode", term.value)
    return Value("literal", str(term))


def rows(select: Select, query: str) -> list[dict[str, Value]]:
    """Run ``query`` and turn each row into ``{variable: Value}`` (unbound variables left out)."""
    out = []
    for row in select(query):
        converted = {}
        for key, term in dict(row).items():
            value = value_of(term)
            if value is not None:
                converted[str(key).lstrip("?$")] = value
        out.append(converted)
    return out


def pick_label(literals: Iterable[Value], languages: Sequence[str] = ("en", "")) -> str:
    """The best label among literals: English first, then untagged, then any."""
    items = list(literals)
    for lang in languages:
        for item in items:
            if (item.lang or "") == lang:
                return item.value
    return items[0].value if items else ""


def labels(select: Select, iris: Iterable[str]) -> dict[str, str]:
    """A display label for each IRI that has one (see :data:`LABEL_PROPERTIES`)."""
    wanted = sorted({i for i in iris if _IRI_OK.match(i) and _SCHEME.match(i)})
    found: dict[str, dict[str, list[Value]]] = {}
    props = ", ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    for start in range(0, len(wanted), 200):
        chunk = " ".join(f"<{i}>" for i in wanted[start : start + 200])
        # FILTER(?p IN …) is several times faster in pyoxigraph than a VALUES ?p join.
        query = sparql(
            f"SELECT DISTINCT ?x ?p ?l WHERE {{ VALUES ?x {{ {chunk} }} ?x ?p ?l ."
            f" FILTER(?p IN ({props}) && isLiteral(?l)) }}"
        )
        for row in rows(select, query):
            found.setdefault(row["x"].value, {}).setdefault(row["p"].value, []).append(row["l"])
    result = {}
    for iri, by_prop in found.items():
        for prop in LABEL_PROPERTIES:
            if prop in by_prop:
                result[iri] = pick_label(by_prop[prop])
                break
    untitled = [i for i in wanted if i not in result and _is_article(i)]
    if untitled:
        result.update(untitled_labels(select, untitled))
    return result


def _is_article(iri: str) -> bool:
    return iri.startswith(_ARTICLE_PREFIX) and "#" not in iri and len(iri) > len(_ARTICLE_PREFIX)


def _first_words(text: str, limit: int = UNTITLED_WORDS) -> str:
    """The start of ``text`` on one line, cut at a word boundary, with "…" when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(" ,;:.") + "…"


def untitled_label(start: str = "", caption: str = "", source_file: str = "") -> str:
    """The name of an article without a headline: "(untitled)" and what identifies it best,
    the first words of its text, else its photo caption, else its source file's name."""
    for words in (start, caption):
        if words.strip():
            return f"{UNTITLED} “{_first_words(words)}”"
    name = source_file.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return f"{UNTITLED} {name}" if name else UNTITLED


def untitled_labels(select: Select, articles: Iterable[str]) -> dict[str, str]:
    """Names for the articles among ``articles`` that the store has but that have no headline."""
    wanted = sorted({a for a in articles if _IRI_OK.match(a) and _SCHEME.match(a)})
    result: dict[str, str] = {}
    for start in range(0, len(wanted), 200):
        chunk = " ".join(f"<{a}>" for a in wanted[start : start + 200])
        found = rows(
            select,
            sparql(
                "SELECT ?a (SAMPLE(?t) AS ?start) (SAMPLE(?c) AS ?caption) (SAMPLE(?f) AS ?file)"
                f" WHERE {{ VALUES ?a {{ {chunk} }} ?a a bkg:Article ."
                " FILTER NOT EXISTS { ?a schema:headline ?h }"
                f" OPTIONAL {{ ?a bkg:text/nif:isString ?s BIND(SUBSTR(?s, 1, {UNTITLED_WORDS * 3}) AS ?t) }}"
                " OPTIONAL { ?a bkg:caption ?c } OPTIONAL { ?a bkg:sourceFile ?f } } GROUP BY ?a"
            ),
        )
        for row in found:
            result[row["a"].value] = untitled_label(
                *(row[k].value if k in row else "" for k in ("start", "caption", "file"))
            )
    return result


def page_links(select: Select, iris: Iterable[str]) -> Links:
    """Where the links to ``iris`` go on a page: :class:`~borderkg.ldpaths.Links` told which
    of them the store says something about or points to (those have a ``/page?iri=`` page,
    the same test :meth:`Resource.exists` applies there)."""
    wanted = sorted({i for i in iris if needs_lookup(i) and _IRI_OK.match(i) and _SCHEME.match(i)})
    described: set[str] = set()
    for start in range(0, len(wanted), 200):
        chunk = " ".join(f"<{i}>" for i in wanted[start : start + 200])
        query = sparql(
            f"SELECT ?x WHERE {{ VALUES ?x {{ {chunk} }}"
            " FILTER(EXISTS { ?x ?p ?o } || EXISTS { ?s ?q ?x }) }"
        )
        described.update(row["x"].value for row in rows(select, query) if "x" in row)
    return Links(described)


@dataclass
class Property:
    """One predicate of a resource with its values."""

    predicate: Value
    values: list[Value] = field(default_factory=list)


@dataclass
class Resource:
    """Any resource: what it says (outgoing), what points to it (incoming), labels to show."""

    iri: str
    properties: list[Property]
    incoming: list[tuple[Value, Value]]
    labels: dict[str, str]

    @property
    def exists(self) -> bool:
        """Whether the store says anything about it, or anything points to it."""
        return bool(self.properties or self.incoming)

    def values(self, predicate: str) -> list[Value]:
        """The values of one predicate."""
        for prop in self.properties:
            if prop.predicate.value == predicate:
                return prop.values
        return []

    @property
    def types(self) -> list[Value]:
        """Its ``rdf:type`` values."""
        return self.values(RDF_TYPE)

    @property
    def label(self) -> str:
        """Its display label, or its short IRI."""
        return self.labels.get(self.iri) or curie(self.iri)

    def shown_iris(self) -> set[str]:
        """Every IRI its description shows: itself, predicates, values, incoming links."""
        shown = {self.iri}
        shown.update(p.predicate.value for p in self.properties)
        shown.update(v.value for p in self.properties for v in p.values if v.is_iri)
        shown.update(v.value for pair in self.incoming for v in pair if v.is_iri)
        return shown


def group_properties(pairs: Iterable[tuple[Value, Value]]) -> list[Property]:
    """(predicate, object) pairs as properties, ``rdf:type`` first, then by short name."""
    grouped: dict[str, Property] = {}
    for predicate, obj in pairs:
        prop = grouped.setdefault(predicate.value, Property(predicate))
        if obj not in prop.values:
            prop.values.append(obj)
    return sorted(
        grouped.values(),
        key=lambda p: (p.predicate.value != RDF_TYPE, curie(p.predicate.value)),
    )


def describe(select: Select, iri: str) -> Resource:
    """Everything the store says about ``iri`` (all graphs), and the first resources linking to it."""
    outgoing = rows(
        select,
        sparql(f"SELECT DISTINCT ?p ?o WHERE {{ <$iri> ?p ?o }} LIMIT {MAX_OUTGOING}", iri=iri),
    )
    incoming = rows(
        select,
        sparql(
            f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <$iri> }} LIMIT {MAX_INCOMING}",
            iri=iri,
        ),
    )
    properties = group_properties((r["p"], r["o"]) for r in outgoing if "p" in r and "o" in r)
    links = sorted(
        ((r["s"], r["p"]) for r in incoming if "s" in r and "p" in r),
        key=lambda pair: (curie(pair[1].value), pair[0].value),
    )
    resource = Resource(iri, properties, links, {})
    resource.labels = labels(select, resource.shown_iris())
    return resource


def is_known(select: Select, iri: str) -> bool:
    """Whether ``iri`` occurs in the store as subject, object or graph name."""
    query = sparql(
        "SELECT ?x WHERE { { <$iri> ?p ?o } UNION { ?s ?p <$iri> } "
        "UNION { GRAPH <$iri> { ?s ?p ?o } } BIND(1 AS ?x) } LIMIT 1",
        iri=iri,
    )
    return bool(select(query))

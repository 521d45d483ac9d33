"""Entity, concept, scheme and graph pages: what the store says, and where the evidence is.

An entity page answers "where does this come from?": the articles and sentences that
mention it, the policies and event reports it takes part in, and the legal instruments
linked to those (a policy's legal basis, a claim about it invoking a provision, a treaty
the entity is party to). Queries go through a ``select`` function (see
:mod:`borderkg.pagedata`); each is bounded by a ``LIMIT`` so a page about a much-mentioned
entity (China) stays cheap on a large store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from borderkg.ldpaths import Links, document_iri
from borderkg.pagedata import (
    Resource,
    Select,
    Value,
    describe,
    labels,
    page_links,
    rows,
    sparql,
)

#: Most articles listed as mentioning an entity; most facts and legal links listed.
MAX_ARTICLES = 50
MAX_FACTS = 300
MAX_LEGAL = 100
MAX_GRAPH_TRIPLES = 500

_WIKIDATA = "http://www.wikidata.org/entity/"
_GEONAMES = "https://sws.geonames.org/"


@dataclass
class ExternalLink:
    """A link out: the IRI in the data, a page for people, and the site's name."""

    iri: str
    url: str
    site: str


@dataclass
class MentionSentence:
    """One mention of an entity: the words, and the sentence they stand in."""

    span: str
    words: str
    sentence_span: str
    sentence: str

    @property
    def parts(self) -> tuple[str, str, str]:
        """The sentence cut around the mention: (before, the words, after).

        Offsets come from the span IRIs (``#char=b,e``); if they do not fit, the first
        occurrence of the words is used, and failing that the words alone are shown.
        """
        begin, sentence_begin = _span_begin(self.span), _span_begin(self.sentence_span)
        start = begin - sentence_begin
        if self.sentence and start >= 0 and self.sentence[start:].startswith(self.words):
            return self.sentence[:start], self.words, self.sentence[start + len(self.words) :]
        found = self.sentence.find(self.words) if self.sentence and self.words else -1
        if found >= 0:
            return (
                self.sentence[:found],
                self.words,
                self.sentence[found + len(self.words) :],
            )
        return "", self.words, ""


@dataclass
class MentioningArticle:
    """An article that mentions the entity, with its mentions."""

    iri: str
    headline: str
    date: str
    mentions: list[MentionSentence] = field(default_factory=list)


@dataclass
class Fact:
    """A policy, event report, claim or quotation the entity takes part in."""

    iri: str
    cls: Value
    role: Value
    type: Value | None
    status: Value | None
    date: str
    article: str


@dataclass
class LegalLink:
    """A legal instrument (or provision) linked to the entity, and how."""

    instrument: Value
    cited: Value
    via: str
    through: Value | None


@dataclass
class EntityView:
    """Everything an entity or concept page shows beyond the plain description."""

    resource: Resource
    external: list[ExternalLink]
    articles: list[MentioningArticle]
    article_total: int
    facts: list[Fact]
    legal: list[LegalLink]
    invoked_in: list[dict[str, Value]]
    labels: dict[str, str]
    links: Links = field(default_factory=Links)


def external_links(resource: Resource) -> list[ExternalLink]:
    """Wikidata and GeoNames identifiers of the resource (``skos:exactMatch``/``closeMatch``)."""
    out = []
    for prop in resource.properties:
        if not prop.predicate.value.startswith("http://www.w3.org/2004/02/skos/core#"):
            continue
        for value in prop.values:
            iri = value.value
            if iri.startswith(_WIKIDATA):
                out.append(
                    ExternalLink(
                        iri, "https://www.wikidata.org/wiki/" + iri[len(_WIKIDATA) :], "Wikidata"
                    )
                )
            elif iri.startswith(_GEONAMES):
                out.append(
                    ExternalLink(
                        iri, "https://www.geonames.org/" + iri[len(_GEONAMES) :], "GeoNames"
                    )
                )
    return out


def _articles(select: Select, iri: str) -> tuple[list[MentioningArticle], int]:
    total_rows = rows(
        select, sparql("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a bkg:mentions <$e> }", e=iri)
    )
    total = int(total_rows[0]["n"].value) if total_rows and "n" in total_rows[0] else 0
    found = rows(
        select,
        sparql(
            "SELECT ?a (SAMPLE(?h) AS ?headline) (SAMPLE(?d) AS ?date) WHERE {"
            " ?a bkg:mentions <$e> . OPTIONAL { ?a schema:headline ?h }"
            " OPTIONAL { ?a schema:datePublished ?d } }"
            f" GROUP BY ?a ORDER BY DESC(?date) ?a LIMIT {MAX_ARTICLES}",
            e=iri,
        ),
    )
    articles = {
        r["a"].value: MentioningArticle(
            r["a"].value,
            r["headline"].value if "headline" in r else "",
            r["date"].value if "date" in r else "",
        )
        for r in found
    }
    if articles:
        values = " ".join(f"<{a}>" for a in articles)
        spans = rows(
            select,
            sparql(
                f"SELECT ?a ?span ?words ?sentence ?stext WHERE {{ VALUES ?a {{ {values} }}"
                " ?a bkg:text ?ctx ."
                " ?span itsrdf:taIdentRef <$e> ; nif:referenceContext ?ctx ; nif:anchorOf ?words ."
                " OPTIONAL { ?span bkg:sentence ?sentence . ?sentence nif:anchorOf ?stext } }",
                e=iri,
            ),
        )
        for r in spans:
            art = articles.get(r["a"].value)
            if art is None:
                continue
            art.mentions.append(
                MentionSentence(
                    r["span"].value,
                    r["words"].value,
                    r["sentence"].value if "sentence" in r else "",
                    r["stext"].value if "stext" in r else "",
                )
            )
        for art in articles.values():
            art.mentions.sort(key=lambda m: _span_begin(m.span))
    return list(articles.values()), total


def _span_begin(span_iri: str) -> int:
    fragment = span_iri.partition("#char=")[2]
    head = fragment.partition(",")[0]
    return int(head) if head.isdigit() else 0


def _facts(select: Select, iri: str) -> list[Fact]:
    found = rows(
        select,
        sparql(
            "SELECT ?fact ?cls ?role (SAMPLE(?t) AS ?type) (SAMPLE(?s) AS ?status)"
            " (MIN(?d) AS ?date) WHERE {"
            " VALUES ?cls { bkg:Policy bkg:EventReport bkg:Claim bkg:Quotation }"
            " ?fact ?role <$e> ; a ?cls ."
            " OPTIONAL { ?fact bkg:measureType|sem:eventType ?t }"
            " OPTIONAL { ?fact bkg:status ?s }"
            " OPTIONAL { ?fact bkg:inForceFrom|sem:hasEarliestBeginTimeStamp ?d } }"
            f" GROUP BY ?fact ?cls ?role ORDER BY ?cls DESC(?date) ?fact LIMIT {MAX_FACTS}",
            e=iri,
        ),
    )
    return [
        Fact(
            r["fact"].value,
            r["cls"],
            r["role"],
            r.get("type"),
            r.get("status"),
            r["date"].value if "date" in r else "",
            document_iri(r["fact"].value),
        )
        for r in found
    ]


def _legal(select: Select, iri: str) -> list[LegalLink]:
    found = rows(
        select,
        sparql(
            # The links first (a sub-select), then the walk up to the instrument: joined the
            # other way round, pyoxigraph walks eli:is_part_of* from every node (100× slower).
            "SELECT DISTINCT ?instrument ?cited ?via ?through WHERE {"
            " { SELECT DISTINCT ?cited ?via ?through WHERE {"
            "   { ?through ?r <$e> ; bkg:legalBasis ?cited . BIND('legal basis of' AS ?via) }"
            "   UNION { ?fact ?r <$e> . ?through bkg:about ?fact ; bkg:invokes ?cited ."
            "           BIND('invoked in a claim about' AS ?via) }"
            "   UNION { ?through ?r <$e> ; bkg:invokes ?cited . BIND('invoked in' AS ?via) }"
            "   UNION { ?through bkg:participant <$e> ; bkg:instrument ?cited ."
            "           BIND('treaty participation' AS ?via) } } }"
            " ?cited eli:is_part_of* ?instrument . ?instrument a bkg:LegalInstrument ."
            f" }} LIMIT {MAX_LEGAL}",
            e=iri,
        ),
    )
    return [LegalLink(r["instrument"], r["cited"], r["via"].value, r.get("through")) for r in found]


def _invoked_in(select: Select, iri: str) -> list[dict[str, Value]]:
    """Claims invoking this instrument or provision (or a provision of it), with evidence."""
    return rows(
        select,
        sparql(
            "SELECT ?claim ?cited ?source ?sentence ?stext WHERE {"
            " ?claim bkg:invokes ?cited . ?cited eli:is_part_of* <$e> ."
            " OPTIONAL { ?claim prov:wasAttributedTo ?source }"
            " OPTIONAL { ?claim bkg:evidence ?sentence . ?sentence nif:anchorOf ?stext } }"
            f" ORDER BY ?claim LIMIT {MAX_LEGAL}",
            e=iri,
        ),
    )


def entity_view(select: Select, iri: str) -> EntityView:
    """The data of an entity (or concept) page; ``resource.exists`` is False for unknown IRIs."""
    resource = describe(select, iri)
    if not resource.exists:
        return EntityView(resource, [], [], 0, [], [], [], resource.labels)
    articles, total = _articles(select, iri)
    facts = _facts(select, iri)
    legal = _legal(select, iri)
    invoked = _invoked_in(select, iri)
    more = {f.cls.value for f in facts} | {f.role.value for f in facts}
    more |= {v.value for f in facts for v in (f.type, f.status) if v is not None}
    more |= {f.article for f in facts}
    more |= {v.value for link in legal for v in (link.instrument, link.cited)}
    more |= {v.value for row in invoked for v in row.values() if v.is_iri}
    more |= {a.iri for a in articles if not a.headline}  # named "(untitled) …" by labels()
    names = dict(resource.labels)
    names.update(labels(select, more - set(names)))
    links = page_links(select, resource.shown_iris() | more)
    return EntityView(
        resource, external_links(resource), articles, total, facts, legal, invoked, names, links
    )


@dataclass
class SchemeConcept:
    """A concept of a scheme, as the scheme page lists it."""

    iri: str
    label: str
    broader: list[str]
    definition: str


def scheme_concepts(select: Select, scheme_iri: str) -> list[SchemeConcept]:
    """The concepts of a scheme with English labels and broader concepts, sorted by label."""
    found = rows(
        select,
        sparql(
            "SELECT ?c ?label ?broader ?def WHERE { ?c skos:inScheme <$s> ."
            " OPTIONAL { ?c skos:prefLabel ?label . FILTER(LANGMATCHES(LANG(?label), 'en')) }"
            " OPTIONAL { ?c skos:broader ?broader }"
            " OPTIONAL { ?c skos:definition ?def . FILTER(LANG(?def) = '' || LANGMATCHES(LANG(?def), 'en')) } }",
            s=scheme_iri,
        ),
    )
    concepts: dict[str, SchemeConcept] = {}
    for r in found:
        c = r["c"].value
        item = concepts.setdefault(
            c,
            SchemeConcept(
                c,
                r["label"].value if "label" in r else "",
                [],
                r["def"].value if "def" in r else "",
            ),
        )
        if "broader" in r and r["broader"].value not in item.broader:
            item.broader.append(r["broader"].value)
    return sorted(concepts.values(), key=lambda c: (c.label or c.iri).lower())


@dataclass
class GraphView:
    """A named graph: its size, its own description, and its first triples."""

    iri: str
    triples: int
    about: Resource
    sample: list[tuple[Value, Value, Value]]
    labels: dict[str, str]
    article: str | None
    links: Links = field(default_factory=Links)


def graph_view(select: Select, graph_iri: str) -> GraphView | None:
    """The data of a graph page, or ``None`` when no such graph is in the store."""
    count = rows(
        select, sparql("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$g> { ?s ?p ?o } }", g=graph_iri)
    )
    triples = int(count[0]["n"].value) if count and "n" in count[0] else 0
    if not triples:
        return None
    sample = rows(
        select,
        sparql(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <$g> {{ ?s ?p ?o }} }} LIMIT {MAX_GRAPH_TRIPLES}",
            g=graph_iri,
        ),
    )
    about = describe(select, graph_iri)
    shown = [(r["s"], r["p"], r["o"]) for r in sample]
    iris = {v.value for t in shown for v in t if v.is_iri}
    names = dict(about.labels)
    names.update(labels(select, iris - set(names)))
    article = next(
        (v.value for v in about.values("http://www.w3.org/ns/prov#wasDerivedFrom")), None
    )
    links = page_links(select, iris | about.shown_iris())
    return GraphView(graph_iri, triples, about, shown, names, article, links)

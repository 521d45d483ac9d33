"""From an extraction to RDF: the article's named graph and a separate entity-context graph.

``article_quads`` writes everything one article yields into its own named graph
(``iris.article_graph_iri``), following docs/data-model.md: the article and its metadata,
its text as a ``nif:Context``, every evidence span (offsets in code points, anchor equal to
``text[begin:end]``), mentions, policies, event reports, claims, quotations, anonymous
sources, quantities, the pattern-found entities it names, and the graph's own provenance.
``entity_context_quads`` copies the types, labels and Wikidata/GeoNames links of the
vocabulary entities the article names into the vocabulary graph, so the output of
``borderkg extract FILE`` can be read on its own. Quads are built directly with pyoxigraph
(no rdflib graphs on the hot path).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize
from rdflib import Graph

from borderkg import __version__, iris
from borderkg.loaders.extract.model import Entity, Extraction, Span, TimeInfo
from borderkg.loaders.extract.vocabcontext import VocabularyContext
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import (
    BKG,
    ELI,
    ITSRDF,
    NIF,
    PREFIXES,
    REVIEW,
    RUN,
    SCHEMA,
    SEM,
    STATUS,
)

_XSD = "http://www.w3.org/2001/XMLSchema#"
_PROV = "http://www.w3.org/ns/prov#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCTERMS = "http://purl.org/dc/terms/"


def _n(iri: object) -> NamedNode:
    return NamedNode(str(iri))


RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DATE = NamedNode(_XSD + "date")
XSD_INTEGER = NamedNode(_XSD + "integer")
XSD_DECIMAL = NamedNode(_XSD + "decimal")
XSD_NNI = NamedNode(_XSD + "nonNegativeInteger")
XSD_ANYURI = NamedNode(_XSD + "anyURI")
PROV_DERIVED = NamedNode(_PROV + "wasDerivedFrom")
PROV_GENERATED = NamedNode(_PROV + "wasGeneratedBy")
PROV_ATTRIBUTED = NamedNode(_PROV + "wasAttributedTo")
RDFS_LABEL = NamedNode(_RDFS + "label")
SKOS_PREF = NamedNode(_SKOS + "prefLabel")
DCT_IDENTIFIER = NamedNode(_DCTERMS + "identifier")
SCHEMA_NEWS = _n(SCHEMA.NewsArticle)
SCHEMA_PERSON = _n(SCHEMA.Person)
SCHEMA_ORG = _n(SCHEMA.Organization)
SCHEMA_QV = _n(SCHEMA.QuantitativeValue)
SCHEMA_MONEY = _n(SCHEMA.MonetaryAmount)
NIF_CONTEXT = _n(NIF.Context)
NIF_SENTENCE = _n(NIF.Sentence)
B = {name: _n(BKG[name]) for name in BKG.__annotations__}
S = {
    name: _n(SCHEMA[name])
    for name in [
        "headline",
        "datePublished",
        "url",
        "inLanguage",
        "keywords",
        "translator",
        "editor",
        "publisher",
        "name",
        "text",
        "value",
        "minValue",
        "maxValue",
        "unitText",
        "currency",
    ]
}
N = {
    name: _n(NIF[name])
    for name in ["isString", "sourceUrl", "referenceContext", "beginIndex", "endIndex", "anchorOf"]
}
SEM_P = {
    name: _n(SEM[name])
    for name in [
        "eventType",
        "hasPlace",
        "hasEarliestBeginTimeStamp",
        "hasLatestBeginTimeStamp",
        "hasEarliestEndTimeStamp",
        "hasLatestEndTimeStamp",
    ]
}
ELI_P = {
    name: _n(ELI[name]) for name in ["is_part_of", "number", "type_subdivision", "type_document"]
}
TA_IDENT = _n(ITSRDF.taIdentRef)
UNREVIEWED = _n(REVIEW.Unreviewed)
_IN_FORCE_FROM = {
    str(s) for s in (STATUS.InForce, STATUS.CarriedOut, STATUS.Announced, STATUS.Eased)
}


def default_run_iri() -> str:
    """The extraction run IRI used when the caller names none: one per loader version."""
    return str(RUN["borderkg-" + iris.slugify(__version__)])


def _date(day: dt.date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD_DATE)


def _int(value: int, datatype: NamedNode = XSD_INTEGER) -> Literal:
    return Literal(str(value), datatype=datatype)


def _number(value: Decimal) -> Literal:
    if value == value.to_integral_value():
        return Literal(str(int(value)), datatype=XSD_INTEGER)
    return Literal(format(value.normalize(), "f"), datatype=XSD_DECIMAL)


class _Writer:
    """Collects the quads of one graph."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def text(self, s: NamedNode, p: NamedNode, value: str | None) -> None:
        if value:
            self.quads.append(Quad(s, p, Literal(value), self.graph))

    def nodes(self, s: NamedNode, p: NamedNode, iris_: Iterable[str]) -> None:
        for iri in iris_:
            self.quads.append(Quad(s, p, NamedNode(iri), self.graph))


def article_quads(
    record: ArticleRecord, extraction: Extraction, run: str | None = None
) -> list[Quad]:
    """All quads of the article's named graph."""
    art_id = extraction.article_id
    article = _n(iris.article_iri(art_id))
    w = _Writer(_n(iris.article_graph_iri(art_id)))
    run_node = NamedNode(run or default_run_iri())
    w.add(w.graph, PROV_DERIVED, article)
    w.add(w.graph, PROV_GENERATED, run_node)
    w.add(run_node, RDF_TYPE, B["ExtractionRun"])
    w.add(run_node, B["loaderVersion"], Literal(__version__))
    _article(w, record, extraction, article)
    spans = _Spans(w, extraction, art_id)
    for m in extraction.mentions:
        node = spans.node(m.span)
        w.add(node, TA_IDENT, NamedNode(m.entity))
    for iri in extraction.mentioned():
        w.add(article, B["mentions"], NamedNode(iri))
    for entity in extraction.found_entities():
        _found_entity(w, entity)
    published = record.published
    for p in extraction.policies:
        node = NamedNode(extraction.node(p.local))
        w.add(node, RDF_TYPE, B["Policy"])
        w.add(node, B["measureType"], NamedNode(p.measure_type))
        w.add(node, B["status"], NamedNode(p.status))
        w.nodes(node, B["issuedBy"], p.issued_by)
        w.nodes(node, B["implementedBy"], p.implemented_by)
        w.nodes(node, B["targetsGroup"], p.targets)
        w.nodes(node, B["legalBasis"], p.legal_basis)
        _place(w, node, p.places, p.location_precision)
        _time(w, node, p.time, policy_status=p.status, published=None)
        w.nodes(node, B["quantity"], (extraction.node(q) for q in p.quantities))
        _evidence(w, node, p.evidence, spans)
    for e in extraction.events:
        node = NamedNode(extraction.node(e.local))
        w.add(node, RDF_TYPE, B["EventReport"])
        w.add(node, SEM_P["eventType"], NamedNode(e.event_type))
        w.nodes(node, B["agent"], e.agents)
        w.nodes(node, B["affected"], e.affected)
        w.nodes(node, B["authority"], e.authorities)
        w.nodes(node, B["facilitator"], e.facilitators)
        w.nodes(node, B["goods"], e.goods)
        _place(w, node, e.places, e.location_precision)
        _time(w, node, e.time, policy_status=None, published=published)
        w.nodes(node, B["quantity"], (extraction.node(q) for q in e.quantities))
        _evidence(w, node, e.evidence, spans)
    for q in extraction.quantities:
        node = NamedNode(extraction.node(q.local))
        w.add(node, RDF_TYPE, SCHEMA_MONEY if q.currency else SCHEMA_QV)
        for key, value in (
            ("value", q.value),
            ("minValue", q.min_value),
            ("maxValue", q.max_value),
        ):
            if value is not None:
                w.add(node, S[key], _number(value))
        w.text(node, S["unitText"], q.unit_text)
        w.text(node, S["currency"], q.currency)
        w.add(node, B["countQualifier"], NamedNode(q.qualifier))
        _evidence(w, node, [q.span], spans)
    for s in extraction.sources:
        node = NamedNode(extraction.node(s.local))
        w.add(node, RDF_TYPE, B["AnonymousSource"])
        w.text(node, RDFS_LABEL, s.description)
        w.add(node, B["sourceType"], NamedNode(s.source_type))
        if s.location:
            w.add(node, B["claimedLocation"], NamedNode(s.location))
        w.text(node, B["claimedAffiliation"], s.affiliation)
        _evidence(w, node, s.evidence, spans)
    for c in extraction.claims:
        node = NamedNode(extraction.node(c.local))
        w.add(node, RDF_TYPE, B["Claim"])
        w.add(node, PROV_DERIVED, article)
        if c.attributed_to:
            w.add(node, PROV_ATTRIBUTED, NamedNode(c.attributed_to))
        w.add(node, B["certainty"], NamedNode(c.certainty))
        for hedge in c.hedges:
            w.text(node, B["hedge"], hedge)
        w.nodes(node, B["invokes"], c.invokes)
        w.nodes(node, B["about"], c.about)
        _evidence(w, node, c.evidence, spans)
    for q in extraction.quotations:
        node = NamedNode(extraction.node(q.local))
        w.add(node, RDF_TYPE, B["Quotation"])
        w.text(node, S["text"], q.text)
        w.add(node, PROV_DERIVED, article)
        if q.attributed_to:
            w.add(node, PROV_ATTRIBUTED, NamedNode(q.attributed_to))
        _evidence(w, node, q.evidence, spans)
    spans.write()
    return w.quads


def _article(w: _Writer, record: ArticleRecord, x: Extraction, article: NamedNode) -> None:
    w.add(article, RDF_TYPE, B["Article"])
    w.add(article, RDF_TYPE, SCHEMA_NEWS)
    w.text(article, DCT_IDENTIFIER, x.article_id)
    w.text(article, S["headline"], record.title)
    if record.published:
        w.add(article, S["datePublished"], _date(record.published))
    if record.url:
        w.add(article, S["url"], Literal(record.url, datatype=XSD_ANYURI))
    w.text(article, S["inLanguage"], record.language)
    for keyword in record.keywords:
        w.text(article, S["keywords"], keyword)
    w.text(article, B["caption"], record.caption)
    w.text(article, B["photoCredit"], record.photo_credit)
    for heading in record.subheadings:
        w.text(article, B["subheading"], heading)
    for prop, name in (("translator", record.translator), ("editor", record.editor)):
        if name:
            person = _n(iris.actor_iri(iris.slugify(name)))
            w.add(article, S[prop], person)
            w.add(person, RDF_TYPE, SCHEMA_PERSON)
            w.text(person, S["name"], name)
    if x.publisher:
        w.add(article, S["publisher"], NamedNode(x.publisher))
    w.text(article, B["contentHash"], record.content_hash())
    for name in record.missing:
        w.text(article, B["missingMetadata"], name)
    w.text(article, B["sourceFile"], record.source)
    text_node = NamedNode(x.node("text"))
    w.add(article, B["text"], text_node)
    w.add(text_node, RDF_TYPE, NIF_CONTEXT)
    w.add(text_node, N["isString"], Literal(x.text))
    w.add(text_node, N["sourceUrl"], article)


class _Spans:
    """Evidence span nodes, each written once, with the sentence they lie in."""

    def __init__(self, w: _Writer, x: Extraction, art_id: str) -> None:
        self.w, self.x, self.art_id = w, x, art_id
        self.used: dict[Span, NamedNode] = {}
        self.sentences = sorted(x.sentences)
        self._starts = [s.begin for s in self.sentences]

    def node(self, span: Span) -> NamedNode:
        found = self.used.get(span)
        if found is None:
            found = self.used[span] = _n(iris.span_iri(self.art_id, span.begin, span.end))
        return found

    def write(self) -> None:
        w, text = self.w, self.x.text
        context = NamedNode(self.x.node("text"))
        sentence_set = set(self.sentences)
        pending = list(self.used.items())
        for span, _ in pending:
            sentence = self._sentence_of(span)
            if sentence is not None and sentence != span:
                w.add(self.used[span], B["sentence"], self.node(sentence))
        for span, node in self.used.items():
            w.add(node, RDF_TYPE, B["EvidenceSpan"])
            if span in sentence_set:
                w.add(node, RDF_TYPE, NIF_SENTENCE)
            w.add(node, N["referenceContext"], context)
            w.add(node, N["beginIndex"], _int(span.begin, XSD_NNI))
            w.add(node, N["endIndex"], _int(span.end, XSD_NNI))
            w.add(node, N["anchorOf"], Literal(text[span.begin : span.end]))

    def _sentence_of(self, span: Span) -> Span | None:
        i = bisect.bisect_right(self._starts, span.begin) - 1
        if i >= 0 and span.begin < self.sentences[i].end:
            return self.sentences[i]
        return None


def _evidence(w: _Writer, node: NamedNode, evidence: list[Span], spans: _Spans) -> None:
    for span in evidence:
        w.add(node, B["evidence"], spans.node(span))


def _place(w: _Writer, node: NamedNode, places: list[str], precision: str | None) -> None:
    w.nodes(node, SEM_P["hasPlace"], places)
    if places and precision:
        w.add(node, B["locationPrecision"], NamedNode(precision))


def _time(
    w: _Writer,
    node: NamedNode,
    time: TimeInfo | None,
    policy_status: str | None,
    published: dt.date | None,
) -> None:
    if time is None:
        return
    w.text(node, B["timeExpression"], time.expression)
    w.add(node, B["timePrecision"], NamedNode(time.precision))
    if time.earliest is None or time.latest is None:
        return
    if time.relation == "since":
        w.add(node, SEM_P["hasEarliestBeginTimeStamp"], _date(time.earliest))
        w.add(node, SEM_P["hasLatestBeginTimeStamp"], _date(time.latest))
    elif time.relation == "until":
        w.add(node, SEM_P["hasEarliestEndTimeStamp"], _date(time.earliest))
        w.add(node, SEM_P["hasLatestEndTimeStamp"], _date(time.latest))
    else:
        w.add(node, SEM_P["hasEarliestBeginTimeStamp"], _date(time.earliest))
        w.add(node, SEM_P["hasLatestEndTimeStamp"], _date(time.latest))
    w.add(node, B["dayIndex"], _int((time.earliest - dt.date(1970, 1, 1)).days))
    if policy_status is not None:
        if policy_status == str(STATUS.Lifted) or time.relation == "until":
            w.add(node, B["inForceUntil"], _date(time.earliest))
        elif policy_status in _IN_FORCE_FROM:
            w.add(node, B["inForceFrom"], _date(time.earliest))
    if published is not None and time.relation != "until":
        lag = (published - time.earliest).days
        if lag >= 0:
            w.add(node, B["reportingLagDays"], _int(lag))


def _found_entity(w: _Writer, entity: Entity) -> None:
    node = NamedNode(entity.iri)
    for cls in entity.types:
        w.add(node, RDF_TYPE, NamedNode(cls))
    w.add(node, SKOS_PREF, Literal(entity.label, language="en"))
    w.add(node, B["reviewStatus"], UNREVIEWED)
    if entity.part_of:
        w.add(node, ELI_P["is_part_of"], NamedNode(entity.part_of))
    if entity.number:
        w.text(node, ELI_P["number"], entity.number)
    if entity.subdivision:
        w.add(node, ELI_P["type_subdivision"], NamedNode(entity.subdivision))
    if entity.legal_type:
        w.add(node, ELI_P["type_document"], NamedNode(entity.legal_type))
    if entity.admin_level is not None:
        w.add(node, B["adminLevel"], _int(entity.admin_level))
    if entity.actor_type:
        w.add(node, B["actorType"], NamedNode(entity.actor_type))


# -- entity context ----------------------------------------------------------------------


def entity_context_quads(extraction: Extraction, vocabulary: Graph) -> list[Quad]:
    """Types, labels and external links of the vocabulary entities an article refers to.

    The quads go to the vocabulary graph (``…/graph/vocabulary``), where a full load keeps
    the same statements, so the article's output can be read without the vocabulary.
    Entities the article links to (country, administrative parent, river, instrument) get
    their type and preferred label too.
    """
    curated = [iri for iri, entity in extraction.entities.items() if entity.curated]
    return VocabularyContext.of(vocabulary).quads(curated)


# -- serialisation -----------------------------------------------------------------------

#: Output formats of ``serialize_extraction``: name → pyoxigraph format.
FORMATS: dict[str, RdfFormat] = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
}


def serialize_extraction(quads: Iterable[Quad], fmt: str) -> str:
    """Serialise quads as N-Quads, TriG, JSON-LD, or (graphs merged) Turtle / N-Triples."""
    try:
        rdf_format = FORMATS[fmt.lower()]
    except KeyError:
        raise ValueError(
            f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}"
        ) from None
    items: list = list(quads)
    if not rdf_format.supports_datasets:
        items = list(dict.fromkeys(q.triple for q in items))
    prefixes = PREFIXES if rdf_format in (RdfFormat.TRIG, RdfFormat.TURTLE) else None
    data = serialize(items, format=rdf_format, prefixes=prefixes)
    return data.decode("utf-8")

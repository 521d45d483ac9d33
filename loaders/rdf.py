"""From an extraction to RDF: the article's named graph and a separate entity-context graph.

``article_quads`` writes everything one article yields into its own named graph
(``iris.article_graph_iri``), following docs/data-model.md: the article and its metadata,
its text as a ``nif:Context``, every evidence span (offsets in code points, anchor equal to
``text[begin:end]``), mentions, policies, event reports, claims, quotations, anonymous
sources, quantities, the pattern-found entities it names, and the graph's own provenance
(``<graph> prov:wasGeneratedBy <run>``; what the run is goes to the runs graph once, see
``borderkg.runs``). ``entity_context_quads`` copies the types, labels and Wikidata/GeoNames
links of the vocabulary entities the article names into the vocabulary graph, so the output
of ``borderkg extract FILE`` can be read on its own.

The hot path of a load builds no term objects at all: ``article_ntriples`` formats each
triple as an N-Triples line from cached term strings, workers send that text between
processes, and the store parses it natively. ``article_quads`` parses the same text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, parse, serialize
from rdflib import Graph

from borderkg import iris
from borderkg.loaders.extract.model import Entity, Extraction, Span, TimeInfo
from borderkg.loaders.extract.vocabcontext import VocabularyContext
from borderkg.loaders.rdfterms import (
    DCT_IDENTIFIER,
    ELI_P,
    EPOCH,
    IN_FORCE_FROM,
    LIFTED,
    NIF_CONTEXT,
    NIF_SENTENCE,
    PROV_ATTRIBUTED,
    PROV_DERIVED,
    PROV_GENERATED,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEMA_MONEY,
    SCHEMA_NEWS,
    SCHEMA_PERSON,
    SCHEMA_QV,
    SEM_P,
    SKOS_PREF,
    TA_IDENT,
    TRUE,
    UNKNOWN_PRECISION,
    UNREVIEWED,
    XSD_ANYURI,
    XSD_NNI,
    B,
    N,
    S,
    date_lit,
    escape,
    int_lit,
    lit,
    nt_iri,
    number_lit,
)
from borderkg.loaders.readers.bylines import CREDIT_WORDS, is_anonymous_byline, sort_authors
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import (
    PREFIXES,
)
from borderkg.runs import default_run_iri


class _Writer:
    """Collects the triples of one graph as N-Triples lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def text(self, s: str, p: str, value: str | None) -> None:
        if value:
            self.lines.append(f'{s} {p} "{escape(value)}" .\n')

    def nodes(self, s: str, p: str, iris_: Iterable[str]) -> None:
        append = self.lines.append
        for iri in iris_:
            append(f"{s} {p} <{iri}> .\n")


def article_quads(
    record: ArticleRecord, extraction: Extraction, run: str | None = None
) -> list[Quad]:
    """All quads of the article's named graph."""
    graph = NamedNode(str(iris.article_graph_iri(extraction.article_id)))
    triples = parse(article_ntriples(record, extraction, run), format=RdfFormat.N_TRIPLES)
    return [Quad(t.subject, t.predicate, t.object, graph) for t in triples]


def article_ntriples(record: ArticleRecord, extraction: Extraction, run: str | None = None) -> str:
    """The triples of the article's named graph as N-Triples text (what ``article_quads`` holds).

    The fast path of a load: the text is cheap to build, to send between processes and to
    hand to the store, which parses it natively.
    """
    return article_text_and_hash(record, extraction, run)[0]


def article_text_and_hash(
    record: ArticleRecord, extraction: Extraction, run: str | None = None
) -> tuple[str, str]:
    """``article_ntriples`` and the article's content hash (``bkg:contentHash``, the last
    triple of the text): SHA-256 over the record's own hash (text and metadata) and the
    triples made of it. A reload that changes nothing writes nothing; one whose extraction
    changed — after an upgrade of borderkg — replaces the graph."""
    body = "".join(_article_lines(record, extraction, run))
    digest = hashlib.sha256(f"{record.content_hash()}\n{body}".encode()).hexdigest()
    article = f"<{iris.ARTICLE_BASE}{extraction.article_id}>"
    return f'{body}{article} {B["contentHash"]} "{digest}" .\n', digest


def _article_lines(record: ArticleRecord, extraction: Extraction, run: str | None) -> list[str]:
    art_id = extraction.article_id
    article_iri = f"{iris.ARTICLE_BASE}{art_id}"
    article = f"<{article_iri}>"
    local = f"<{article_iri}#"  # a per-article node is local + name + ">"
    w = _Writer()
    add, nodes = w.add, w.nodes
    graph = f"<{iris.GRAPH_BASE}article/{art_id}>"
    run_node = nt_iri(run or default_run_iri())
    add(graph, PROV_DERIVED, article)
    add(graph, PROV_GENERATED, run_node)
    _article(w, record, extraction, article, local)
    spans = _Spans(w, extraction, local)
    span_node = spans.node
    for m in extraction.mentions:
        add(span_node(m.span), TA_IDENT, f"<{m.entity}>")
    nodes(article, B["mentions"], extraction.mentioned())
    for entity in extraction.found_entities():
        _found_entity(w, entity)
    published = record.published
    for p in extraction.policies:
        node = f"{local}{p.local}>"
        add(node, RDF_TYPE, B["Policy"])
        add(node, B["measureType"], f"<{p.measure_type}>")
        add(node, B["status"], f"<{p.status}>")
        nodes(node, B["issuedBy"], p.issued_by)
        nodes(node, B["implementedBy"], p.implemented_by)
        nodes(node, B["targetsGroup"], p.targets)
        nodes(node, B["legalBasis"], p.legal_basis)
        _place(w, node, p.places, p.location_precision, p.place_inferred)
        _time(w, node, p.time, policy_status=p.status, published=None)
        _quantities(w, node, local, p.quantities)
        _evidence(w, node, p.evidence, spans)
    for e in extraction.events:
        node = f"{local}{e.local}>"
        add(node, RDF_TYPE, B["EventReport"])
        add(node, SEM_P["eventType"], f"<{e.event_type}>")
        nodes(node, B["agent"], e.agents)
        nodes(node, B["affected"], e.affected)
        nodes(node, B["authority"], e.authorities)
        nodes(node, B["facilitator"], e.facilitators)
        nodes(node, B["goods"], e.goods)
        _place(w, node, e.places, e.location_precision, e.place_inferred)
        _time(w, node, e.time, policy_status=None, published=published)
        _quantities(w, node, local, e.quantities)
        _evidence(w, node, e.evidence, spans)
    for q in extraction.quantities:
        node = f"{local}{q.local}>"
        add(node, RDF_TYPE, SCHEMA_MONEY if q.currency else SCHEMA_QV)
        for key, value in (
            ("value", q.value),
            ("minValue", q.min_value),
            ("maxValue", q.max_value),
        ):
            if value is not None:
                add(node, S[key], number_lit(value))
        w.text(node, S["unitText"], q.unit_text)
        w.text(node, S["currency"], q.currency)
        if q.price_of:
            add(node, B["priceOf"], f"<{q.price_of}>")
        add(node, B["countQualifier"], f"<{q.qualifier}>")
        _evidence(w, node, [q.span], spans)
    for s in extraction.sources:
        node = f"{local}{s.local}>"
        add(node, RDF_TYPE, B["AnonymousSource"])
        w.text(node, RDFS_LABEL, s.description)
        add(node, B["sourceType"], f"<{s.source_type}>")
        if s.location:
            add(node, B["claimedLocation"], f"<{s.location}>")
        w.text(node, B["claimedAffiliation"], s.affiliation)
        _evidence(w, node, s.evidence, spans)
    for c in extraction.claims:
        node = f"{local}{c.local}>"
        add(node, RDF_TYPE, B["Claim"])
        add(node, PROV_DERIVED, article)
        if c.attributed_to:
            add(node, PROV_ATTRIBUTED, f"<{c.attributed_to}>")
        add(node, B["certainty"], f"<{c.certainty}>")
        for hedge in c.hedges:
            w.text(node, B["hedge"], hedge)
        nodes(node, B["invokes"], c.invokes)
        nodes(node, B["about"], c.about)
        _evidence(w, node, c.evidence, spans)
    for q in extraction.quotations:
        node = f"{local}{q.local}>"
        add(node, RDF_TYPE, B["Quotation"])
        w.text(node, S["text"], q.text)
        add(node, PROV_DERIVED, article)
        if q.attributed_to:
            add(node, PROV_ATTRIBUTED, f"<{q.attributed_to}>")
        _evidence(w, node, q.evidence, spans)
    spans.write()
    return w.lines


def _article(w: _Writer, record: ArticleRecord, x: Extraction, article: str, local: str) -> None:
    add = w.add
    add(article, RDF_TYPE, B["Article"])
    add(article, RDF_TYPE, SCHEMA_NEWS)
    w.text(article, DCT_IDENTIFIER, x.article_id)
    w.text(article, S["headline"], record.title)
    if record.published:
        add(article, S["datePublished"], date_lit(record.published))
        add(article, B["publishedDayIndex"], int_lit((record.published - EPOCH).days))
    if record.url:
        add(article, S["url"], f'"{escape(record.url)}"^^{XSD_ANYURI}')
    w.text(article, S["inLanguage"], record.language)
    for keyword in record.keywords:
        w.text(article, S["keywords"], keyword)
    w.text(article, B["caption"], record.caption)
    w.text(article, B["photoCredit"], record.photo_credit)
    for heading in record.subheadings:
        w.text(article, B["subheading"], heading)
    people, anonymous = sort_authors(record.authors, record.publisher)
    for byline in anonymous:  # an outlet or "our correspondent": kept as printed, no Person
        w.text(article, B["byline"], byline)
    persons: list[tuple[str, str]] = []
    for prop, name in (("translator", record.translator), ("editor", record.editor)):
        if name and is_anonymous_byline(name, record.publisher):
            # No Person; the credit keeps its role, as printed: "Edited by the news desk".
            w.text(article, B["byline"], f"{CREDIT_WORDS[prop]} {name}")
        elif name:
            persons.append((prop, name))
    for prop, name in [*persons, *(("author", name) for name in people)]:
        if name:
            person = f"<{iris.ACTOR_BASE}{iris.slugify(name)}>"
            add(article, S[prop], person)
            add(person, RDF_TYPE, SCHEMA_PERSON)
            w.text(person, S["name"], name)
    if x.publisher:
        add(article, S["publisher"], f"<{x.publisher}>")
    for name in record.missing:
        w.text(article, B["missingMetadata"], name)
    w.text(article, B["sourceFile"], record.source_name or record.source)
    text_node = f"{local}text>"
    add(article, B["text"], text_node)
    add(text_node, RDF_TYPE, NIF_CONTEXT)
    add(text_node, N["isString"], lit(x.text))
    add(text_node, N["sourceUrl"], article)


class _Spans:
    """Evidence span nodes, each written once, with the sentence they lie in."""

    def __init__(self, w: _Writer, x: Extraction, local: str) -> None:
        self.w, self.x, self.local = w, x, local
        # keyed by (begin, end): a tuple hashes in C, a Span in Python (and equal spans
        # have equal offsets)
        self.used: dict[tuple[int, int], str] = {}
        self.sentences = sorted(x.sentences)
        self._starts = [s.begin for s in self.sentences]

    def node(self, span: Span) -> str:
        key = (span.begin, span.end)
        found = self.used.get(key)
        if found is None:
            found = self.used[key] = f"{self.local}char={span.begin},{span.end}>"
        return found

    def write(self) -> None:
        add, text = self.w.add, self.x.text
        context = f"{self.local}text>"
        sentence_set = {(s.begin, s.end) for s in self.sentences}
        in_sentence = B["sentence"]
        used, node_of, sentences, starts = self.used, self.node, self.sentences, self._starts
        for key in list(used):
            begin = key[0]
            i = bisect.bisect_right(starts, begin) - 1
            if i >= 0 and begin < sentences[i].end:
                sentence = sentences[i]
                if sentence.begin != begin or sentence.end != key[1]:
                    add(used[key], in_sentence, node_of(sentence))
        # The lines of a span, formatted at once: spans are most of an article's triples.
        evidence_type = f"{RDF_TYPE} {B['EvidenceSpan']} .\n"
        sentence_type = f"{RDF_TYPE} {NIF_SENTENCE} .\n"
        ref, begin_p, end_p, anchor_p = (
            f"{N['referenceContext']} {context} .\n",
            N["beginIndex"],
            N["endIndex"],
            N["anchorOf"],
        )
        append = self.w.lines.append
        for (begin, end), node in self.used.items():
            append(
                f"{node} {evidence_type}"
                + (f"{node} {sentence_type}" if (begin, end) in sentence_set else "")
                + f"{node} {ref}"
                f'{node} {begin_p} "{begin}"^^{XSD_NNI} .\n'
                f'{node} {end_p} "{end}"^^{XSD_NNI} .\n'
                f'{node} {anchor_p} "{escape(text[begin:end])}" .\n'
            )


def _evidence(w: _Writer, node: str, evidence: list[Span], spans: _Spans) -> None:
    append, span_node, prop = w.lines.append, spans.node, B["evidence"]
    for span in evidence:
        append(f"{node} {prop} {span_node(span)} .\n")


def _quantities(w: _Writer, node: str, local: str, names: list[str]) -> None:
    for name in names:
        w.add(node, B["quantity"], f"{local}{name}>")


def _place(w: _Writer, node: str, places: list[str], precision: str | None, inferred: bool) -> None:
    w.nodes(node, SEM_P["hasPlace"], places)
    if places and precision:
        w.add(node, B["locationPrecision"], f"<{precision}>")
    if places and inferred:
        w.add(node, B["placeInferred"], TRUE)


def _time(
    w: _Writer,
    node: str,
    time: TimeInfo | None,
    policy_status: str | None,
    published: dt.date | None,
) -> None:
    if time is None:
        return
    w.text(node, B["timeExpression"], time.expression)
    w.add(node, B["timePrecision"], f"<{time.precision}>")
    # "recently" keeps its rough window for reading the text, but the scheme gives it no
    # usable time: like an unresolved expression, it is not dated in the graph.
    if time.earliest is None or time.latest is None or time.precision == UNKNOWN_PRECISION:
        return
    if time.relation == "since":
        w.add(node, SEM_P["hasEarliestBeginTimeStamp"], date_lit(time.earliest))
        w.add(node, SEM_P["hasLatestBeginTimeStamp"], date_lit(time.latest))
    elif time.relation in ("until", "by"):
        w.add(node, SEM_P["hasEarliestEndTimeStamp"], date_lit(time.earliest))
        w.add(node, SEM_P["hasLatestEndTimeStamp"], date_lit(time.latest))
    else:
        w.add(node, SEM_P["hasEarliestBeginTimeStamp"], date_lit(time.earliest))
        w.add(node, SEM_P["hasLatestEndTimeStamp"], date_lit(time.latest))
    w.add(node, B["dayIndex"], int_lit((time.earliest - EPOCH).days))
    # "until the end of next month" ends a measure's force on the last day it names; "by
    # next spring" is a deadline for doing something, which neither starts nor ends a force.
    if policy_status is not None and time.relation != "by":
        if time.relation == "until":
            w.add(node, B["inForceUntil"], date_lit(time.latest))
        elif policy_status == LIFTED and time.relation == "since":
            # "ending a ban that had been in force since January 2020": when it began
            w.add(node, B["inForceFrom"], date_lit(time.earliest))
        elif policy_status == LIFTED:
            w.add(node, B["inForceUntil"], date_lit(time.earliest))
        elif policy_status in IN_FORCE_FROM:
            w.add(node, B["inForceFrom"], date_lit(time.earliest))
    if published is not None and time.relation not in ("until", "by"):
        lag = (published - time.earliest).days
        if lag >= 0:
            w.add(node, B["reportingLagDays"], int_lit(lag))


def _found_entity(w: _Writer, entity: Entity) -> None:
    node = f"<{entity.iri}>"
    for cls in entity.types:
        w.add(node, RDF_TYPE, f"<{cls}>")
    w.add(node, SKOS_PREF, f"{lit(entity.label)}@en")
    w.add(node, B["reviewStatus"], UNREVIEWED)
    if entity.part_of:
        w.add(node, ELI_P["is_part_of"], f"<{entity.part_of}>")
    if entity.number:
        w.text(node, ELI_P["number"], entity.number)
    if entity.subdivision:
        w.add(node, ELI_P["type_subdivision"], f"<{entity.subdivision}>")
    if entity.legal_type:
        w.add(node, ELI_P["type_document"], f"<{entity.legal_type}>")
    if entity.admin_level is not None:
        w.add(node, B["adminLevel"], int_lit(entity.admin_level))
    if entity.admin_parent:
        w.add(node, B["adminParent"], f"<{entity.admin_parent}>")
        if entity.country:
            w.add(node, B["country"], f"<{entity.country}>")
    if entity.actor_type:
        w.add(node, B["actorType"], f"<{entity.actor_type}>")


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

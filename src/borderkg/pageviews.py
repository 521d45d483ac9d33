"""The article page's data: metadata, text with evidence spans, and the statements beside it.

One query reads the article's named graph whole (a few hundred triples), a second one the
labels of what it links to; the rest is grouping in Python. See :mod:`borderkg.pagedata` for
the ``select`` function and :mod:`borderkg.entityviews` for entities, concepts and graphs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from borderkg.highlight import Span, highlight_html
from borderkg.ldpaths import Links
from borderkg.loaders.readers.bylines import is_credit
from borderkg.ontology.namespaces import BKG, ITSRDF, NIF, SCHEMA
from borderkg.pagedata import (
    RDF_TYPE,
    Property,
    Select,
    Value,
    curie,
    group_properties,
    labels,
    page_links,
    rows,
    sparql,
)

_BKG = str(BKG._NS)
_SPAN_NAME = re.compile(r"^char=(\d+),(\d+)$")
#: Statement kinds in the order the page lists them, by class IRI.
STATEMENT_KINDS = (
    (_BKG + "Policy", "Policies and measures"),
    (_BKG + "EventReport", "Event reports"),
    (_BKG + "Claim", "Claims"),
    (_BKG + "Quotation", "Quotations"),
    (_BKG + "AnonymousSource", "Sources"),
    (str(SCHEMA) + "MonetaryAmount", "Amounts"),
    (str(SCHEMA) + "QuantitativeValue", "Quantities"),
)
_KIND_ORDER = {iri: n for n, (iri, _) in enumerate(STATEMENT_KINDS)}
#: Properties of a statement that name what it is (its title), best first.
_TITLE_PROPS = (
    _BKG + "measureType",
    "http://semanticweb.cs.vu.nl/2009/11/sem/eventType",
    "http://www.w3.org/2000/01/rdf-schema#label",
    str(SCHEMA) + "text",
)
#: Article properties shown elsewhere on the page, not in the metadata table.
_NOT_METADATA = {_BKG + "text", _BKG + "mentions"}
_EVIDENCE = _BKG + "evidence"


@dataclass
class SpanRef:
    """A span of the article text, named by its fragment (``char=120,148``)."""

    name: str
    begin: int
    end: int
    words: str


@dataclass
class Statement:
    """One extracted node of the article (policy, event report, claim …) with its evidence."""

    iri: str
    fragment: str
    kind: str
    title: Value | None
    properties: list[Property]
    evidence: list[SpanRef] = field(default_factory=list)


@dataclass
class StatementGroup:
    """Statements of one kind, under a heading."""

    kind: str
    heading: str
    statements: list[Statement]


@dataclass
class ArticleView:
    """Everything the article page shows."""

    iri: str
    graph: str
    metadata: list[Property]
    provenance: list[Property]
    text: str
    text_html: str
    groups: list[StatementGroup]
    mentions: list[tuple[Value, int]]
    labels: dict[str, str]
    span_count: int
    links: Links = field(default_factory=Links)

    @property
    def headline(self) -> str:
        """The headline; without one, "(untitled)" and the first words of the text."""
        for prop in self.metadata:
            if prop.predicate.value == str(SCHEMA) + "headline" and prop.values:
                return prop.values[0].value
        return self.labels.get(self.iri) or curie(self.iri)

    @property
    def byline(self) -> list[Value]:
        """Who wrote it: the authors by name (RDF keeps no order), then bylines kept as
        printed because they name no person ("Daily NK", "our correspondent")."""
        people = self.meta(str(SCHEMA) + "author")
        people = sorted(people, key=lambda v: (self.labels.get(v.value) or v.value).casefold())
        return people + [v for v in self.meta(_BKG + "byline") if not is_credit(v.value)]

    @property
    def credits(self) -> list[Value]:
        """Staff credits that name no person, as printed ("Edited by the news desk")."""
        return [v for v in self.meta(_BKG + "byline") if is_credit(v.value)]

    def meta(self, predicate: str) -> list[Value]:
        """The values of one metadata property of the article (``schema:datePublished`` …)."""
        for prop in self.metadata:
            if prop.predicate.value == predicate:
                return prop.values
        return []

    @property
    def source_url(self) -> str:
        """The article's web address, if it is an http(s) URL (never another scheme)."""
        for value in self.meta(str(SCHEMA) + "url"):
            if value.value.startswith(("http://", "https://")):
                return value.value
        return ""

    @property
    def statement_count(self) -> int:
        """How many statements the page lists."""
        return sum(len(g.statements) for g in self.groups)


def article_graph_of(article_iri: str) -> str:
    """The named graph of an article: ``…/article/{id}`` → ``…/graph/article/{id}``."""
    head, _, art_id = article_iri.rpartition("/article/")
    return f"{head}/graph/article/{art_id}"


def _span_ref(iri: str, words: str = "") -> SpanRef | None:
    match = _SPAN_NAME.match(iri.partition("#")[2])
    if not match:
        return None
    return SpanRef(match.group(0), int(match.group(1)), int(match.group(2)), words)


def article_view(select: Select, article_iri: str) -> ArticleView | None:
    """The article page's data, or ``None`` when the store has no graph for the article."""
    graph = article_graph_of(article_iri)
    triples = rows(
        select,
        sparql("SELECT ?s ?p ?o WHERE { GRAPH <$g> { ?s ?p ?o } }", g=graph),
    )
    if not triples:
        return None
    by_subject: dict[str, list[tuple[Value, Value]]] = defaultdict(list)
    for row in triples:
        by_subject[row["s"].value].append((row["p"], row["o"]))

    article_pairs = by_subject.get(article_iri, [])
    text_node = next(
        (o.value for p, o in article_pairs if p.value == _BKG + "text" and o.is_iri), ""
    )
    text = next(
        (o.value for p, o in by_subject.get(text_node, []) if p.value == str(NIF) + "isString"),
        "",
    )
    spans, mention_of = _spans(by_subject, text_node)
    statements = _statements(by_subject, article_iri, text_node, spans)
    used_by: dict[str, list[str]] = defaultdict(list)
    for st in statements:
        for ref in st.evidence:
            used_by[ref.name].append(st.fragment)

    link_iris = {o.value for pairs in by_subject.values() for _, o in pairs if o.is_iri}
    link_iris |= {p.value for pairs in by_subject.values() for p, _ in pairs}
    names = labels(select, link_iris | {article_iri})
    links = page_links(select, link_iris)
    marks = []
    for ref, is_sentence in spans.values():
        classes = ["ev-sentence"] if is_sentence else []
        tips = []
        if ref.name in mention_of:
            classes.append("ev-mention")
            entity = mention_of[ref.name]
            tips.append(names.get(entity, curie(entity)))
        if ref.name in used_by:
            classes.append("ev-evidence")
            tips.append("evidence of " + ", ".join(used_by[ref.name]))
        marks.append(Span(ref.begin, ref.end, ref.name, tuple(classes), "; ".join(tips)))

    mention_counts: dict[str, int] = defaultdict(int)
    for entity in mention_of.values():
        mention_counts[entity] += 1
    mentions = sorted(
        ((Value("iri", e), n) for e, n in mention_counts.items()),
        key=lambda item: (-item[1], names.get(item[0].value, item[0].value)),
    )
    return ArticleView(
        iri=article_iri,
        graph=graph,
        metadata=group_properties((p, o) for p, o in article_pairs if p.value not in _NOT_METADATA),
        provenance=group_properties(by_subject.get(graph, [])),
        text=text,
        text_html=highlight_html(text, marks),
        groups=_grouped(statements),
        mentions=mentions,
        labels=names,
        span_count=len(spans),
        links=links,
    )


def _spans(
    by_subject: dict[str, list[tuple[Value, Value]]], text_node: str
) -> tuple[dict[str, tuple[SpanRef, bool]], dict[str, str]]:
    """Spans of the text (name → (ref, is a sentence)) and the entity each mention names."""
    spans: dict[str, tuple[SpanRef, bool]] = {}
    mention_of: dict[str, str] = {}
    for subject, pairs in by_subject.items():
        props = {p.value: o for p, o in pairs}
        context = props.get(str(NIF) + "referenceContext")
        if context is None or context.value != text_node:
            continue
        ref = _span_ref(subject, props.get(str(NIF) + "anchorOf", Value("literal", "")).value)
        if ref is None:
            continue
        is_sentence = any(
            p.value == RDF_TYPE and o.value == str(NIF) + "Sentence" for p, o in pairs
        )
        spans[ref.name] = (ref, is_sentence)
        entity = props.get(str(ITSRDF) + "taIdentRef")
        if entity is not None and entity.is_iri:
            mention_of[ref.name] = entity.value
    return spans, mention_of


def _statements(
    by_subject: dict[str, list[tuple[Value, Value]]],
    article_iri: str,
    text_node: str,
    spans: dict[str, tuple[SpanRef, bool]],
) -> list[Statement]:
    """The article's extracted nodes: its fragment IRIs other than the text and its spans."""
    out = []
    prefix = article_iri + "#"
    for subject, pairs in by_subject.items():
        if not subject.startswith(prefix) or subject == text_node:
            continue
        fragment = subject[len(prefix) :]
        if _SPAN_NAME.match(fragment):
            continue
        types = [o.value for p, o in pairs if p.value == RDF_TYPE]
        kind = min(types, key=lambda t: _KIND_ORDER.get(t, len(_KIND_ORDER)), default="")
        evidence = []
        for p, o in pairs:
            if p.value == _EVIDENCE and o.is_iri:
                name = o.value.partition("#")[2]
                if name in spans:
                    evidence.append(spans[name][0])
                else:
                    ref = _span_ref(o.value)
                    if ref is not None:
                        evidence.append(ref)
        evidence.sort(key=lambda r: (r.begin, r.end))
        props = group_properties((p, o) for p, o in pairs if p.value != _EVIDENCE)
        title = None
        for candidate in _TITLE_PROPS:
            values = [o for p, o in pairs if p.value == candidate]
            if values:
                title = values[0]
                break
        out.append(Statement(subject, fragment, kind, title, props, evidence))
    return out


def _fragment_key(fragment: str) -> tuple[str, int, str]:
    name, _, number = fragment.rpartition("-")
    return (name, int(number), "") if number.isdigit() else (fragment, 0, fragment)


def _grouped(statements: list[Statement]) -> list[StatementGroup]:
    headings = dict(STATEMENT_KINDS)
    by_kind: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        by_kind[st.kind].append(st)
    groups = []
    for kind in sorted(by_kind, key=lambda k: (_KIND_ORDER.get(k, len(_KIND_ORDER)), k)):
        heading = headings.get(kind) or (curie(kind) if kind else "Other nodes")
        items = sorted(by_kind[kind], key=lambda s: _fragment_key(s.fragment))
        groups.append(StatementGroup(kind, heading, items))
    return groups

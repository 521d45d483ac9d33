"""The extraction result: plain dataclasses that ``loaders.rdf`` turns into quads.

IRIs are plain strings. Per-article nodes (policies, claims, sources …) carry a ``local``
name (``policy-1``) that becomes ``{article IRI}#{local}``; references between nodes and
to entities are full IRIs, so the RDF mapping needs no lookups.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from borderkg import iris


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of the article text: ``text[begin:end]``, offsets in code points."""

    begin: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.begin < self.end:
            raise ValueError(f"bad span {self.begin},{self.end}")

    def overlaps(self, other: Span) -> bool:
        """Whether two spans share at least one character."""
        return self.begin < other.end and other.begin < self.end

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies inside this span."""
        return self.begin <= other.begin and other.end <= self.end


class SpanReach:
    """How far a set of spans reaches from each offset: the largest end among the spans
    beginning at or before it (-1 if none does), by bisection. A position lies inside one
    of the spans when its reach passes it; a span lies inside one when the reach from its
    beginning gets to its end."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted((s.begin, s.end) for s in spans)
        self._begins = [begin for begin, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))

    def reach(self, pos: int) -> int:
        """The largest end among the spans beginning at or before ``pos``, or -1."""
        i = bisect.bisect_right(self._begins, pos) - 1
        return self._reach[i] if i >= 0 else -1

    def overlaps(self, span: Span) -> bool:
        """Whether one of the spans shares a character with ``span``."""
        return self.reach(span.end - 1) > span.begin


@dataclass
class Entity:
    """An entity the article refers to: from the vocabulary, or found by a pattern."""

    iri: str
    types: tuple[str, ...]
    label: str
    curated: bool
    country: str | None = None
    actor_type: str | None = None
    admin_level: int | None = None
    part_of: str | None = None  # provisions: the instrument (or article) they belong to
    number: str | None = None  # provisions: eli:number
    subdivision: str | None = None  # provisions: legal-type Article or Paragraph
    legal_type: str | None = None  # instruments: eli:type_document
    admin_parent: str | None = None  # found places: the area the text places them in


@dataclass
class Mention:
    """One place in the text that names an entity."""

    span: Span
    entity: str
    sentence: int
    origin: str  # "vocabulary", "pattern" or "model"
    # countries: "place" or "actor"; outlets in attribution formulas: "attribution"; group
    # words that only characterise or count people: "characterisation"
    role: str = ""


@dataclass
class TimeInfo:
    """A time expression and what it resolves to (dates are None when it cannot be resolved)."""

    span: Span
    expression: str
    earliest: dt.date | None
    latest: dt.date | None
    precision: str  # a TIMEPREC concept IRI
    # "at", "since", "until" (the end of what it dates) or "by" (a deadline: "by next
    # spring", "before the end of the year")
    relation: str = "at"


@dataclass
class Quantity:
    """A reported amount: a count, a measure or a price."""

    local: str
    span: Span
    qualifier: str  # a COUNTQ concept IRI
    value: Decimal | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    unit_text: str | None = None
    currency: str | None = None  # ISO 4217 code: the quantity is a monetary amount
    price_of: str | None = None  # a goods concept IRI: the goods a price is the price of


@dataclass
class Policy:
    """A measure of an authority as one article reports it."""

    local: str
    measure_type: str
    status: str
    sentence: int
    evidence: list[Span]
    issued_by: list[str] = field(default_factory=list)
    implemented_by: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    location_precision: str | None = None
    place_inferred: bool = False  # referred back to ("the county"), not named in its sentence
    time: TimeInfo | None = None
    quantities: list[str] = field(default_factory=list)  # Quantity.local names
    legal_basis: list[str] = field(default_factory=list)


@dataclass
class EventReport:
    """One article's report of an event."""

    local: str
    event_type: str
    sentence: int
    evidence: list[Span]
    agents: list[str] = field(default_factory=list)
    affected: list[str] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)
    facilitators: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    location_precision: str | None = None
    place_inferred: bool = False  # referred back to, not named in the event's own sentence
    time: TimeInfo | None = None
    quantities: list[str] = field(default_factory=list)
    goods: list[str] = field(default_factory=list)


@dataclass
class AnonymousSource:
    """An unnamed informant of this article only."""

    local: str
    description: str
    role: str
    source_type: str
    evidence: list[Span]
    location: str | None = None
    affiliation: str | None = None


@dataclass
class Claim:
    """An attributed assertion of the article (one per sentence at most)."""

    local: str
    sentence: int
    evidence: list[Span]
    certainty: str
    attributed_to: str | None = None
    hedges: list[str] = field(default_factory=list)
    invokes: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)


@dataclass
class Quotation:
    """Words printed in quotation marks, with their speaker when the text names one."""

    local: str
    span: Span
    text: str
    sentence: int
    attributed_to: str | None = None
    evidence: list[Span] = field(default_factory=list)  # the quoted words, sentence by sentence


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    text: str
    sentences: list[Span]
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    policies: list[Policy] = field(default_factory=list)
    events: list[EventReport] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    sources: list[AnonymousSource] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    publisher: str | None = None  # the vocabulary organisation named as publisher, if any

    def node(self, local: str) -> str:
        """Full IRI of a per-article node."""
        return str(iris.article_node(self.article_id, local))

    def mentioned(self) -> list[str]:
        """IRIs of the entities the article names, in order of first mention."""
        return list(dict.fromkeys(m.entity for m in self.mentions))

    def found_entities(self) -> list[Entity]:
        """Entities found by patterns (not in the curated vocabulary) that the article names."""
        return [e for e in self.entities.values() if not e.curated]

    def spans(self) -> list[Span]:
        """Every span the extraction refers to (mentions, evidence, sentences)."""
        out: list[Span] = list(self.sentences)
        out += [m.span for m in self.mentions]
        for node in (*self.policies, *self.events, *self.claims, *self.sources):
            out += node.evidence
        out += [q.span for q in self.quotations]
        out += [span for q in self.quotations for span in q.evidence]
        out += [q.span for q in self.quantities]
        out += [n.time.span for n in (*self.policies, *self.events) if n.time]
        return out

"""The extractor: one ArticleRecord in, one Extraction out.

Everything expensive (spaCy pipeline, vocabulary matcher, pattern matcher) is built once
per process and cached; extracting an article runs the tokenizer and rule sentencizer over a
folded copy of the text, the matchers and a fixed series of regular-expression passes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rdflib import Graph

from borderkg import iris
from borderkg.loaders.readers.bylines import organisation_author
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTORTYPE, BKG

from . import kinds
from .alias_senses import drop_team_aliases, drop_unforced_returnees
from .attribution import Attributor
from .categories import assign_roles
from .claims import find_claims
from .context import ArticleContext
from .cues import SentenceWords
from .date_anaphora import anaphoric_times
from .date_reference import date_undated
from .dates import find_times
from .events import find_events
from .events_goods import pair_prices
from .found_parents import attach_parents
from .gazetteer import Gazetteer
from .legal import drop_unpinned_provisions, find_provisions
from .linking import Linker
from .model import Entity, Extraction, Quantity, Span
from .nlp import get_pipeline, model_from_env, sentence_spans, tokenizable
from .policies import find_policies
from .policy_time import refine_times
from .quantities import as_quantity, find_quantities
from .quantity_links import link_quantities
from .quoted_documents import attribute_quotations, issue_rules, quoted_documents
from .text import fold


@dataclass(frozen=True)
class ExtractSettings:
    """How to extract.

    ``spacy_model`` names a trained spaCy pipeline (e.g. ``"en_core_web_sm"``) whose named
    entities add unreviewed places, organisations and laws; ``None`` uses the
    ``BORDERKG_SPACY_MODEL`` environment variable if ``use_env`` is set, else the rule-based
    pipeline alone.
    """

    spacy_model: str | None = None
    use_env: bool = True

    def model(self) -> str | None:
        """The trained pipeline to load, if any."""
        if self.spacy_model:
            return self.spacy_model
        return model_from_env() if self.use_env else None


class Extractor:
    """Extracts entities, policies, events, claims, quotations and sources from records."""

    def __init__(self, vocabulary: Graph | None = None, settings: ExtractSettings | None = None):
        self.settings = settings or ExtractSettings()
        model = self.settings.model()
        self.nlp = get_pipeline(model)
        self.use_model = model is not None
        if vocabulary is None:
            from borderkg.ontology import vocabulary_graph

            vocabulary = vocabulary_graph()
        self.vocabulary = vocabulary
        self.gazetteer = Gazetteer(vocabulary, self.nlp)
        self.linker = Linker(self.gazetteer)

    def sentences(self, text: str) -> list[Span]:
        """The sentences of an article's text as :meth:`extract` cuts them, alone."""
        folded = fold(text)
        return sentence_spans(self.nlp(tokenizable(folded)), folded)

    def extract(self, record: ArticleRecord) -> Extraction:
        """Everything the extractor finds in one article, with evidence spans."""
        text = record.text
        art_id = iris.article_id(record.id, record.url, text)
        folded = fold(text)
        doc = self.nlp(tokenizable(folded))
        sentences = sentence_spans(doc, folded)
        result = Extraction(article_id=art_id, text=text, sentences=sentences)
        if record.publisher:
            publisher = _publisher(record.publisher, self.gazetteer)
            result.publisher = publisher.iri
            result.entities[publisher.iri] = publisher
        if not sentences:
            return result
        entities = result.entities
        words = SentenceWords(folded, sentences)
        mentions = self.linker.link(doc, folded, text, sentences, words, entities, self.use_model)
        mentions += find_provisions(folded, text, sentences, mentions, entities, self.gazetteer)
        mentions = drop_unpinned_provisions(folded, mentions, entities)
        mentions = drop_team_aliases(folded, mentions, entities)
        mentions = drop_unforced_returnees(folded, mentions, entities)
        mentions.sort(key=lambda m: (m.span.begin, m.span.end))
        attach_parents(folded, mentions, entities)
        result.mentions = mentions

        times = find_times(text, folded, record.published, sentences, words)
        referring = anaphoric_times(text, folded, sentences, times)
        blocked = [t.span for t in times]
        blocked += [m.span for m in mentions if kinds.is_legal(entities[m.entity])]
        quantities = [
            as_quantity(q, f"qty-{i}")
            for i, q in enumerate(find_quantities(folded, blocked, sentences, words), start=1)
        ]
        by_local = {q.local: q for q in quantities}

        attributor = Attributor(result.node, entities, self.gazetteer.country_by_name, words)
        headings = _headings(text, sentences, record.subheadings)
        attribution = attributor.run(text, folded, sentences, mentions, headings)
        ctx = ArticleContext(
            original=text,
            folded=folded,
            sentences=sentences,
            mentions=mentions,
            entities=entities,
            times=times,
            quantities=[(q.span, q.local) for q in quantities],
            source_spans=[span for s in attribution.sources for span in s.evidence],
            words=words,
            headings=headings,
            published=record.published,
        )
        # a notice or decree printed in quotation marks speaks for, and issues, its issuer
        documents = quoted_documents(folded, sentences, mentions, entities, attribution.speakers)
        attribute_quotations(attribution.quotations, documents)
        result.policies = find_policies(ctx)
        issue_rules(result.policies, documents)
        result.events = find_events(ctx, attribution.speakers, by_local)
        # times the own clause leaves out, filled once what was found is settled
        date_undated(ctx, [*result.policies, *result.events], referring)
        refine_times(ctx, result.policies)
        link_quantities(ctx, [*result.policies, *result.events], by_local)
        pair_prices(ctx, result.events, by_local)
        # an NGO's statement or op-ed speaks for the NGO where no one else is named
        voice = _author(record, self.gazetteer)
        if voice is not None:
            entities.setdefault(voice.iri, voice)
        result.claims = find_claims(
            ctx,
            attribution,
            result.policies,
            result.events,
            result.node,
            voice.iri if voice is not None else result.publisher,
        )
        # "the bridge" at a town it links, named once the measures are read (their roles
        # stay as the rules found them)
        bridges = self.linker.describer.one_end_bridges(folded, sentences, words, mentions)
        for m in bridges:
            entities.setdefault(m.entity, self.gazetteer.entities[m.entity])
        result.mentions = sorted([*mentions, *bridges], key=lambda m: (m.span.begin, m.span.end))
        result.quotations = attribution.quotations
        result.sources = attribution.sources
        assign_roles(result, folded, ctx.source_spans)
        used = {q for node in (*result.policies, *result.events) for q in node.quantities}
        result.quantities = _renumber(quantities, used, result)
        _prune_entities(result)
        return result


def _publisher(name: str, gazetteer: Gazetteer) -> Entity:
    """The outlet: its vocabulary organisation, else an unreviewed media organisation."""
    curated = gazetteer.find_label(name, kinds.ACTOR_TYPES)
    if curated:
        return gazetteer.entities[curated]
    return Entity(
        iri=str(iris.actor_iri(iris.slugify(name))),
        types=(str(BKG.Organization),),
        label=name.strip(),
        curated=False,
        actor_type=str(ACTORTYPE.Media),
    )


_NGO_WORDS = ("rights", "network", "alliance", "coalition", "watch", "amnesty", "citizens")


def _author(record: ArticleRecord, gazetteer: Gazetteer) -> Entity | None:
    """The organisation an article is written by, in its own name (its vocabulary entry,
    else an unreviewed organisation, an NGO where its name says so), or None."""
    name = organisation_author(record.authors, record.publisher)
    if name is None:
        return None
    curated = gazetteer.find_label(name, kinds.ACTOR_TYPES)
    if curated:
        return gazetteer.entities[curated]
    ngo = any(word in name.casefold().split() for word in _NGO_WORDS)
    return Entity(
        iri=str(iris.actor_iri(iris.slugify(name))),
        types=(str(BKG.Organization),),
        label=name,
        curated=False,
        actor_type=str(ACTORTYPE.NGO) if ngo else None,
    )


def _prune_entities(x: Extraction) -> None:
    """Keep only the entities the extraction refers to (and the instruments of provisions)."""
    keep: set[str] = set(x.mentioned())
    for p in x.policies:
        keep.update(p.issued_by + p.implemented_by + p.targets + p.places + p.legal_basis)
    for e in x.events:
        keep.update(e.agents + e.affected + e.authorities + e.facilitators + e.places)
    for c in x.claims:
        keep.update(c.invokes)
        if c.attributed_to:
            keep.add(c.attributed_to)
    keep.update(q.attributed_to for q in x.quotations if q.attributed_to)
    keep.update(s.location for s in x.sources if s.location)
    if x.publisher:
        keep.add(x.publisher)
    pending = list(keep)
    while pending:
        entity = x.entities.get(pending.pop())
        if entity is not None and entity.part_of and entity.part_of not in keep:
            keep.add(entity.part_of)
            pending.append(entity.part_of)
    x.entities = {iri: e for iri, e in x.entities.items() if iri in keep}


def _headings(text: str, sentences: list[Span], listed: list[str]) -> frozenset[int]:
    """Sentences that are a whole line without final punctuation, or a whole line the
    reader listed as a subheading (``Manpo next?``): subheadings."""
    known = {h.strip() for h in listed}
    out: set[int] = set()
    for i, s in enumerate(sentences):
        starts_line = s.begin == 0 or text[s.begin - 1] == "\n"
        ends_line = s.end == len(text) or text[s.end] == "\n"
        if not (starts_line and ends_line):
            continue
        if text[s.end - 1] not in ".!?\"'\u201d\u2019:" or text[s.begin : s.end] in known:
            out.add(i)
    return frozenset(out)


def _renumber(quantities: list[Quantity], used: set[str], result: Extraction) -> list[Quantity]:
    """Keep the quantities something refers to, numbered ``qty-1``… in text order."""
    kept = [q for q in quantities if q.local in used]
    names = {q.local: f"qty-{i}" for i, q in enumerate(kept, start=1)}
    for node in (*result.policies, *result.events):
        node.quantities = [names[q] for q in node.quantities]
    for q in kept:
        q.local = names[q.local]
    return kept


_LOCK = threading.Lock()
_EXTRACTORS: dict[ExtractSettings, Extractor] = {}


def get_extractor(settings: ExtractSettings | None = None) -> Extractor:
    """The process-wide extractor over the shipped vocabulary (built on first use)."""
    settings = settings or ExtractSettings()
    with _LOCK:
        extractor = _EXTRACTORS.get(settings)
        if extractor is None:
            extractor = Extractor(settings=settings)
            _EXTRACTORS[settings] = extractor
    return extractor


def warm_up(settings: ExtractSettings | None = None) -> None:
    """Build the process-wide extractor now (e.g. in a worker before its first task)."""
    get_extractor(settings)


def extract(record: ArticleRecord, extractor: Extractor | None = None) -> Extraction:
    """Extract one article with the given extractor, or the cached default one."""
    return (extractor or get_extractor()).extract(record)

"""From candidate spans to entity mentions: longest match, disambiguation, found entities.

Vocabulary matches, pattern matches and (optionally) a trained model's entities compete
for the text; the longest wins and the vocabulary wins ties. A label shared by several
entities is resolved by rules: a country named right before it (``China's MSS``), a river
read from ``the Tumen`` / ``along the Tumen`` against a town read from ``in Tumen, Jilin`` /
``Tumen customs`` / ``Tumen–Namyang``, a place attached to the name or its people (``state
security officers in Musan``), "state security" as North Korea's ministry, another security
body as North Korea's unless its own sentence names another side more, then the countries
the sentence and its neighbours talk about, then the best kind of label. Curated
facilities, crossings, provincial bodies and groups named by description (``the detention
centre in Dandong``, ``families of people who have fled``) come from ``described``; a law
named by a variant title is the curated law. A
national body's name without its country (``public security``) followed by ``bureau`` or
``office`` is a local office (``the county public security bureau``), not the body, and
such a name on the other side of the border (``state security`` in a North Korean town) is
dropped. Groups named by paraphrase (``those sent back``, bare ``guards`` read by the side
the sentence is on) come from ``paraphrase``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from borderkg import iris
from borderkg.ontology.namespaces import ACTORTYPE, BKG, LEGALTYPE

from . import kinds
from .cues import SentenceWords, triggers
from .described import Describer
from .gazetteer import ALT, STRIPPED, Candidate, Gazetteer, GazetteerMatch
from .model import Entity, Mention, Span, SpanReach
from .paraphrase import ParaphraseReader
from .patterns import PatternMatch, find_patterns, find_resolutions
from .patterns_bodies import find_bodies
from .text import clean_label
from .titles import LawTitles

_LOCAL_BODY = re.compile(
    r"\s+(?:bureaus?|bureaux|departments?|offices?|stations?|branch(?:es)?)\b", re.I
)
_COUNTRY_PHRASE = re.compile(
    r"\b(North Korean|Chinese|South Korean|Russian)\s+(?:authorities|government|regime|"
    r"leadership)\b"
)
_THE_NORTH = re.compile(
    r"\bthe\s+(North|South)\b(?!\s*(?:-|Korea|Pyongan|Hamgyong|Hwanghae|Chungcheong|"
    r"Gyeongsang|Jeolla|[Ss]ide|[Pp]ole))"
)
_COUNTRY_PHRASE_TRIGGERS = triggers("authorities government regime leadership")
_THE_NORTH_TRIGGERS = triggers("north south")
# "the Ministry of State Security in Sinuiju", "state security officers in Musan County": a
# place attached to the name, or to the people of the body it names.
_ATTACHED = re.compile(
    r"(?:\s+(?:officers?|officials?|agents?|personnel|staff|investigators?|men))?"
    r"\s+(?:in|of|at|from)\s+(?:the\s+)?"
)
_LETTERS = re.compile(r"[A-Za-z]+")


def _free_words(folded: str, sent: Span, taken: list[Span]) -> set[str]:
    """Lower-case words of a sentence that begin outside every ``taken`` span."""
    covered = SpanReach(taken)
    return {
        w.group(0).lower()
        for w in _LETTERS.finditer(folded, sent.begin, sent.end)
        if covered.reach(w.start()) <= w.start()
    }


#: Nouns that make "the Tumen …" the town's: its crossing, bridge, customs, station.
_TOWN_NOUNS = frozenset(
    ["crossing", "bridge", "customs", "station", "port", "checkpoint", "city", "market"]
)
# People escaping or helped across, in a bare group noun's own sentence (not "defectors":
# those in the South are who send the money brokers carry).
_ESCAPE = re.compile(
    r"\b(?:north\s+koreans|escapees?|fled|flee(?:ing)?|escaped?|"
    r"illegal(?:ly)?\s+(?:border\s+)?cross\w*|article\s+318)\b",
    re.IGNORECASE,
)
#: A group placed in a town of one country is that country's group: (country, group IRI).
_PLACED_GROUPS = {"traders": ("china", str(iris.actor_iri("chinese-traders")))}
# Reporting from the border names North Korea's security organs far more often than China's:
# a security body named without its country is North Korea's unless its own sentence places
# it on another side ("state security" in a Dandong sentence).
_NORTH_KOREA = str(iris.place_iri("north-korea"))
_SECURITY = str(ACTORTYPE.SecurityAgency)
# "State security" without a country is North Korea's ministry even in a sentence about China
# ("state security officers search the dormitories for Chinese phones"): the gold names
# China's in 3 of 1,054 articles, North Korea's in 475; only a country named with it or a
# place attached to it makes it China's.
_STATE_SECURITY = "ministry-of-state-security"
_MODEL_LABELS = {
    "GPE": ("place", (str(BKG.Location),)),
    "LOC": ("place", (str(BKG.Location),)),
    "FAC": ("place", (str(BKG.Facility),)),
    "ORG": ("actor", (str(BKG.Organization),)),
    "LAW": ("legal", (str(BKG.LegalInstrument),)),
}


@dataclass
class _Proposal:
    begin: int
    end: int
    priority: int  # 0 vocabulary, 1 pattern, 2 model
    gazetteer: GazetteerMatch | None = None
    pattern: PatternMatch | None = None
    fixed: str | None = None  # an entity IRI already decided


class Linker:
    """Turns a folded doc into mentions of vocabulary and found entities."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.describer = Describer(gazetteer)
        self.paraphrases = ParaphraseReader(gazetteer)
        self.titles = LawTitles(gazetteer)

    def link(
        self,
        doc: Doc,
        folded: str,
        text: str,
        sentences: list[Span],
        words: SentenceWords,
        entities: dict[str, Entity],
        use_model: bool = False,
    ) -> list[Mention]:
        """Mentions in text order; ``entities`` receives every entity they refer to."""
        proposals = self._proposals(doc, folded, text, sentences, words, entities, use_model)
        chosen = _longest_first(proposals)
        starts = [s.begin for s in sentences]
        mentions: list[Mention] = []
        pending: list[tuple[_Proposal, int]] = []
        stripped: list[Mention] = []  # named without their country ("state security")
        for prop in chosen:
            sent = max(0, bisect.bisect_right(starts, prop.begin) - 1)
            if prop.fixed:
                if prop.fixed in self.gaz.entities:
                    entities.setdefault(prop.fixed, self.gaz.entities[prop.fixed])
                mentions.append(Mention(Span(prop.begin, prop.end), prop.fixed, sent, "pattern"))
            elif prop.pattern is not None:
                iri = self._found(prop.pattern, text, entities)
                origin = "model" if prop.priority == 2 else "pattern"
                mentions.append(Mention(Span(prop.begin, prop.end), iri, sent, origin))
            else:
                assert prop.gazetteer is not None
                iris_ = {c.iri for c in prop.gazetteer.candidates}
                if len(iris_) == 1:
                    iri = next(iter(iris_))
                    mentions.append(Mention(Span(prop.begin, prop.end), iri, sent, "vocabulary"))
                    if all(
                        c.kind == STRIPPED for c in prop.gazetteer.candidates
                    ) and not self.gaz.country_qualifier(folded, prop.begin):
                        stripped.append(mentions[-1])
                else:
                    pending.append((prop, sent))
        for prop, sent in pending:
            assert prop.gazetteer is not None
            iri = self._disambiguate(prop.gazetteer, doc, folded, sentences, sent, mentions)
            mentions.append(Mention(Span(prop.begin, prop.end), iri, sent, "vocabulary"))
        self._qualify_groups(folded, sentences, mentions)
        described = self.describer.find(folded, sentences, words, mentions)
        if described:
            mentions = [m for m in mentions if not any(d.span.contains(m.span) for d in described)]
            mentions += described
        if stripped:
            # "state security" in a North Korean town is not China's ministry whose name
            # without its country the words are: a body on the wrong side is dropped (and
            # its words are left to the side-aware readings of ``paraphrase``)
            forces = self.paraphrases.forces
            wrong = [m for m in stripped if forces.on_other_side(m, sentences, mentions, folded)]
            mentions = [m for m in mentions if not any(m is w for w in wrong)]
        mentions += self.paraphrases.find(folded, sentences, words, mentions)
        mentions += self.describer.their_families(folded, words, mentions)
        for m in mentions:
            if m.entity in self.gaz.entities:
                entities.setdefault(m.entity, self.gaz.entities[m.entity])
        mentions += self._repeat_found_heads(folded, mentions, entities, starts)
        mentions.sort(key=lambda m: (m.span.begin, m.span.end))
        return mentions

    # -- proposals -------------------------------------------------------------------------

    def _proposals(
        self,
        doc: Doc,
        folded: str,
        text: str,
        sentences: list[Span],
        words: SentenceWords,
        entities: dict[str, Entity],
        use_model: bool,
    ) -> list[_Proposal]:
        out: list[_Proposal] = []
        for gm in self.gaz.match(doc, folded):
            qualifier = self.gaz.country_qualifier(folded, gm.begin)
            if qualifier:
                gm.candidates = [
                    c
                    for c in gm.candidates
                    if self.gaz.entities[c.iri].country in (qualifier, None)
                ]
                if not gm.candidates:
                    continue
            if _LOCAL_BODY.match(folded, gm.end_char):
                # "the county public security bureau": a local office, not the ministry
                # whose name without its country ("public security") the words also are
                gm.candidates = [c for c in gm.candidates if c.kind != STRIPPED]
                if not gm.candidates:
                    continue
            out.append(_Proposal(gm.begin, gm.end_char, 0, gazetteer=gm))
        for pm in find_patterns(folded, sentences, words) + find_bodies(folded, sentences, words):
            out.append(_Proposal(pm.begin, pm.end, 1, pattern=pm))
        for begin, end, number in find_resolutions(folded, sentences, words):
            out.append(_Proposal(begin, end, 1, fixed=self._resolution(number, entities)))
        for index, sent in enumerate(sentences):
            if words.has(index, _COUNTRY_PHRASE_TRIGGERS):
                for m in _COUNTRY_PHRASE.finditer(folded, sent.begin, sent.end):
                    iri = self.gaz.demonyms.get(m.group(1).lower())
                    if iri:
                        out.append(_Proposal(m.start(1), m.end(), 1, fixed=iri))
            if words.has(index, _THE_NORTH_TRIGGERS):
                for m in _THE_NORTH.finditer(folded, sent.begin, sent.end):
                    iri = self.gaz.country_named(m.group(1) + " Korea")
                    if iri:
                        out.append(_Proposal(m.start(1), m.end(1), 1, fixed=iri))
        if use_model:
            out += self._model_proposals(doc, text)
        return out

    def _model_proposals(self, doc: Doc, text: str) -> list[_Proposal]:
        out: list[_Proposal] = []
        for ent in doc.ents:
            mapped = _MODEL_LABELS.get(ent.label_)
            if mapped is None:
                continue
            start = ent.start + (1 if ent[0].lower_ == "the" and len(ent) > 1 else 0)
            span = doc[start : ent.end]
            label = clean_label(text[span.start_char : span.end_char])
            if not label or not any(c.isupper() for c in label):
                continue
            namespace, types = mapped
            pm = PatternMatch(span.start_char, span.end_char, label, types, namespace)
            out.append(_Proposal(span.start_char, span.end_char, 2, pattern=pm))
        return out

    # -- found entities --------------------------------------------------------------------

    def _found(self, pm: PatternMatch, text: str, entities: dict[str, Entity]) -> str:
        label = str(pm.extra.get("label") or clean_label(text[pm.begin : pm.end]))
        if label.lower().startswith("the "):
            label = label[4:]
        slug = iris.slugify(label)
        mint = {"place": iris.place_iri, "actor": iris.actor_iri, "legal": iris.legal_iri}
        iri = str(mint[pm.namespace](slug))
        if pm.namespace == "legal" and iri not in self.gaz.entities:
            # A law named by a variant title is the curated law.
            iri = self.titles.curated(label) or iri
        elif "label" in pm.extra and iri not in self.gaz.entities:
            # a label the pattern built may be a curated body's label or alias
            iri = self.gaz.find_label(label, kinds.ACTOR_TYPES) or iri
        if iri in self.gaz.entities:
            entities.setdefault(iri, self.gaz.entities[iri])
            return iri
        if iri not in entities:
            entities[iri] = pm.entity(iri, label)
        return iri

    def _resolution(self, number: str, entities: dict[str, Entity]) -> str:
        curated = self.gaz.unsc_resolution(number)
        if curated:
            entities.setdefault(curated, self.gaz.entities[curated])
            return curated
        iri = str(iris.legal_iri(f"unsc-resolution-{number}"))
        entities.setdefault(
            iri,
            Entity(
                iri=iri,
                types=(str(BKG.LegalInstrument),),
                label=f"UN Security Council Resolution {number}",
                curated=False,
                number=number,
                legal_type=str(LEGALTYPE.UNSCResolution),
            ),
        )
        return iri

    def _repeat_found_heads(
        self,
        folded: str,
        mentions: list[Mention],
        entities: dict[str, Entity],
        starts: list[int],
    ) -> list[Mention]:
        """Later bare mentions (``Pochon``) of a place found with a suffix (``Pochon County``)."""
        taken = [m.span for m in mentions]
        out: list[Mention] = []
        heads: dict[str, str] = {}
        for m in mentions:
            entity = entities[m.entity]
            if entity.curated or not kinds.is_place(entity) or " " not in entity.label:
                continue
            head, _, suffix = entity.label.rpartition(" ")
            if suffix in ("County", "Province", "City", "Prefecture", "District") and head:
                heads.setdefault(head, m.entity)
        for head, iri in heads.items():
            for found in re.finditer(rf"\b{re.escape(head)}\b(?!-)", folded):
                span = Span(found.start(), found.end())
                if any(span.overlaps(t) for t in taken):
                    continue
                sent = max(0, bisect.bisect_right(starts, span.begin) - 1)
                out.append(Mention(span, iri, sent, "pattern"))
                taken.append(span)
        return out

    # -- disambiguation --------------------------------------------------------------------

    def _disambiguate(
        self,
        gm: GazetteerMatch,
        doc: Doc,
        folded: str,
        sentences: list[Span],
        sent: int,
        resolved: list[Mention],
    ) -> str:
        ents = self.gaz.entities
        cands = gm.candidates
        rivers = [c for c in cands if kinds.is_river(ents[c.iri])]
        others = [c for c in cands if not kinds.is_river(ents[c.iri])]
        if rivers and others:
            cands = rivers if _reads_as_river(doc, gm) else others
        options = sorted({c.iri for c in cands})
        if len(options) > 1:
            # A place attached to the name decides: "the Ministry of State Security in Sinuiju".
            attached = self._attached_country(folded, gm.end_char, resolved)
            narrowed = [i for i in options if attached and ents[i].country == attached]
            options = narrowed or options
        if len(options) > 1:
            # A label or alias as written beats a generated variant ("border guard" is the
            # command's alias, not the singular of the guards' "border guards").
            exact = {c.iri for c in cands if c.iri in options and c.kind <= ALT}
            options = sorted(exact) if exact else options
        if len(options) > 1 and all(ents[i].actor_type == _SECURITY for i in options):
            north = [i for i in options if ents[i].country == _NORTH_KOREA]
            if north and all(i.endswith(_STATE_SECURITY) for i in options):
                return north[0]
            local = self._country_scores(folded, sentences, sent, resolved, near=False)
            if north and all(
                local.get(ents[i].country or "", 0.0) <= local.get(_NORTH_KOREA, 0.0)
                for i in options
            ):
                return north[0]
        if len(options) > 1:
            # One sense per article: an entity the article already names.
            named = {m.entity for m in resolved}
            again = [i for i in options if i in named]
            if len(again) == 1:
                return again[0]
        if len(options) > 1:
            scores = self._country_scores(folded, sentences, sent, resolved)
            ranked = sorted(options, key=lambda iri: -scores.get(ents[iri].country or "", 0.0))
            top = scores.get(ents[ranked[0]].country or "", 0.0)
            second = scores.get(ents[ranked[1]].country or "", 0.0)
            if top > second:
                return ranked[0]
        return min((c for c in cands if c.iri in options), key=_candidate_order).iri

    def _qualify_groups(self, folded: str, sentences: list[Span], mentions: list[Mention]) -> None:
        """Re-link a bare group noun ("brokers") to the group its sentence qualifies."""
        words_of: dict[int, set[str]] = {}
        for m in mentions:
            surface = folded[m.span.begin : m.span.end]
            entity = self.gaz.entities.get(m.entity)
            if entity is None or not kinds.is_collective(entity) or not surface.isalpha():
                continue
            if not self.gaz.has_qualified_family(surface):
                continue
            words = words_of.get(m.sentence)
            if words is None:
                s = sentences[m.sentence]
                others = [o.span for o in mentions if o.sentence == m.sentence]
                words = words_of[m.sentence] = _free_words(folded, s, others)
            better = self.gaz.qualified_alternative(m.entity, surface, words)
            if better is not None:
                m.entity = better
        self._one_sense_per_group(folded, sentences, mentions)
        self._place_groups(folded, mentions)

    def _one_sense_per_group(
        self, folded: str, sentences: list[Span], mentions: list[Mention]
    ) -> None:
        """A bare group noun keeps the sense the article gave it where it was qualified:
        "the brokers" of an article about brokers carrying money are those money brokers,
        unless its own sentence tells of people escaping ("detained two brokers along with
        five North Koreans", "charged the brokers under Article 318"): those are its owner's
        (defection brokers)."""
        chosen: dict[str, str] = {}
        bare: list[tuple[Mention, str]] = []
        for m in mentions:
            surface = folded[m.span.begin : m.span.end]
            entity = self.gaz.entities.get(m.entity)
            if entity is None or not kinds.is_collective(entity) or not surface.isalpha():
                continue
            if not self.gaz.has_qualified_family(surface):
                continue
            head = surface.lower().rstrip("s")
            owner = self.gaz.owner_of(surface)
            if owner is not None and m.entity != owner:
                chosen.setdefault(head, m.entity)
            else:
                bare.append((m, head))
        for m, head in bare:
            sentence = sentences[m.sentence]
            if head in chosen and not _ESCAPE.search(folded, sentence.begin, sentence.end):
                m.entity = chosen[head]

    def _place_groups(self, folded: str, mentions: list[Mention]) -> None:
        """Traders placed in a Chinese town ("traders in Dandong") are Chinese traders."""
        for m in mentions:
            better = _PLACED_GROUPS.get(m.entity.rsplit("/", 1)[-1])
            if better is None:
                continue
            country = self._attached_country(folded, m.span.end, mentions)
            target = self.gaz.entities.get(better[1])
            if country and target is not None and country.rsplit("/", 1)[-1] == better[0]:
                m.entity = better[1]

    def _attached_country(self, folded: str, end: int, resolved: list[Mention]) -> str | None:
        link = _ATTACHED.match(folded, end)
        if not link:
            return None
        for m in resolved:
            if m.span.begin == link.end():
                entity = self.gaz.entities.get(m.entity)
                if entity is not None and kinds.is_place(entity):
                    return entity.country
        return None

    def _country_scores(
        self,
        folded: str,
        sentences: list[Span],
        sent: int,
        resolved: list[Mention],
        near: bool = True,
    ) -> Counter[str]:
        """Country cues around a sentence; ``near``: the sentences next to it and the rest
        of the article count too, else only the sentence itself."""
        scores: Counter[str] = Counter()
        spread = ((sent, 3.0), (sent - 1, 1.0), (sent + 1, 1.0)) if near else ((sent, 3.0),)
        for index, weight in spread:
            if 0 <= index < len(sentences):
                s = sentences[index]
                for country in self.gaz.country_cues(folded[s.begin : s.end]):
                    scores[country] += weight
        for m in resolved:
            if not near and m.sentence != sent:
                continue
            country = self.gaz.entities[m.entity].country if m.entity in self.gaz.entities else None
            if country:
                weight = 3.0 if m.sentence == sent else 1.0 if abs(m.sentence - sent) == 1 else 0.1
                scores[country] += weight
        return scores


def _candidate_order(c: Candidate) -> tuple[int, str]:
    return (c.kind, c.iri)


def _reads_as_river(doc: Doc, gm: GazetteerMatch) -> bool:
    last = doc[gm.end - 1].lower_
    if last in ("river", "riverside"):
        return True
    nxt = doc[gm.end] if gm.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("river", "rivers", "riverbank", "estuary", "basin"):
        return True
    if nxt is not None and nxt.lower_ in _TOWN_NOUNS:
        return False  # "the Tumen crossing", "the Tumen customs house": the town's
    if nxt is not None and nxt.text == "-" and gm.end + 1 < len(doc):
        after = doc[gm.end + 1]
        if after.text[:1].isupper():
            return False  # "Tumen-Namyang bridge": a pair of towns
    prev = doc[gm.start - 1] if gm.start > 0 else None
    return prev is not None and prev.lower_ == "the"


def _longest_first(proposals: list[_Proposal]) -> list[_Proposal]:
    ordered = sorted(proposals, key=lambda p: (-(p.end - p.begin), p.priority, p.begin))
    chosen: list[_Proposal] = []
    # One byte per character: whether a chosen proposal covers it (a slice test is C-fast).
    taken = bytearray(max((p.end for p in proposals), default=0))
    for prop in ordered:
        if any(taken[prop.begin : prop.end]):
            continue
        chosen.append(prop)
        taken[prop.begin : prop.end] = b"\x01" * (prop.end - prop.begin)
    chosen.sort(key=lambda p: p.begin)
    return chosen

"""The curated vocabulary as a phrase matcher: every label and alias, with spelling variants.

Built once per process from any rdflib graph shaped like ``ontology/vocabulary.ttl``
(default: the shipped one). Labels are folded (diacritics, apostrophes, dashes) and matched
case-insensitively on whole tokens, with generated variants: hyphen and apostrophe forms,
McCune–Reischauer ↔ Revised romanisation (``ŏ``/``eo``, ``Ry``/``Y``) and the DPRK's own
(``Phyongan``), `` Province`` / `` County`` / `` City`` suffixes, bare river names (``the
Tumen``), singular/plural of group names, ``Act``/``Law`` for each other in law titles,
and country-stripped forms (``border police`` for ``Chinese border police``) that are then
resolved by country context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from borderkg.ontology.namespaces import BKG, ELI, SCHEMA

from . import kinds
from .model import Entity
from .text import fold, has_upper, is_acronym
from .title_variants import title_variants

# Kinds of label, best first: a tie between candidates goes to the better kind.
PREF, ALT, VARIANT, STRIPPED = 0, 1, 2, 3

#: Adjectives and metonyms that point at a country, keyed by the country's folded label.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "north korea": ("north korean", "north koreans", "dprk", "pyongyang's", "n. korean"),
    "china": ("chinese", "prc", "beijing's", "sino"),
    "south korea": ("south korean", "south koreans", "rok", "seoul's"),
    "russia": ("russian",),
}
#: Adjectives that mark a sentence as being about a country (its names are mentions anyway).
CONTEXT_CUES: dict[str, tuple[str, ...]] = {
    "north korea": ("north korean", "north koreans"),
    "china": ("chinese",),
    "south korea": ("south korean", "south koreans"),
    "russia": ("russian",),
}

#: Bare words that, in border reporting, name a vocabulary group (by its English label).
GROUP_ALIASES: dict[str, tuple[str, ...]] = {
    "border residents": ("residents", "local residents", "villagers", "riverside residents"),
}
_QUALIFIER_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "to",
        "for",
        "from",
        "with",
        "and",
        "or",
        "who",
        "which",
        "people",
        "north",
        "south",
        "korean",
        "korea",
        "chinese",
        "china",
    ]
)


def _singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_RESOLUTION_NUMBER = re.compile(r"(?:resolution|unscr|s/res/)\s*(\d{3,4})\b", re.IGNORECASE)
_SUFFIXES = (" province", " county", " city", " prefecture", " district", " town")
_PLACE_SUFFIX = {
    str(BKG.Settlement): (" City", " County", " Town"),
}


@dataclass(frozen=True)
class Candidate:
    """An entity a matched label may denote, with the case rule of that label."""

    iri: str
    rule: str  # "any", "upper" (text must have a capital) or "exact" (acronym)
    kind: int
    variant: str


@dataclass
class GazetteerMatch:
    """A span of tokens whose text matches one or more vocabulary labels."""

    start: int
    end: int
    begin: int
    end_char: int
    candidates: list[Candidate]


def _literal_text(value: object) -> str | None:
    if isinstance(value, Literal) and value.language in (None, "en", "ko", "zh"):
        return str(value)
    return None


class Gazetteer:
    """Vocabulary entities, their labels and a spaCy PhraseMatcher over all label variants."""

    def __init__(self, graph: Graph, nlp: Language) -> None:
        self.nlp = nlp
        self.entities: dict[str, Entity] = {}
        self.labels: dict[str, list[str]] = {}
        self.identifiers: dict[str, list[str]] = {}
        self.parents: dict[str, list[str]] = {}  # bkg:adminParent of places
        self.connects: dict[str, list[str]] = {}  # bkg:connects of border crossings
        self._pref_count: dict[str, int] = {}
        self._read(graph)
        self.countries = {iri: e for iri, e in self.entities.items() if kinds.is_country(e)}
        self.country_by_name = self._country_names()
        self.demonyms = self._demonym_table()
        self._candidates: dict[str, list[Candidate]] = {}
        # head noun -> group IRI -> the qualifier stems of each of its labels
        self.qualifiers: dict[str, dict[str, list[frozenset[str]]]] = {}
        self._resolutions: dict[str, str] | None = None
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._build_matcher()
        self._qualifier_re, self._cue_re = self._context_regexes()

    # -- reading the vocabulary ------------------------------------------------------------

    def _read(self, graph: Graph) -> None:
        typed: dict[str, set[str]] = {}
        jurisdictions: dict[str, str] = {}
        for subject, cls in graph.subject_objects(RDF.type):
            if isinstance(subject, URIRef) and str(cls) in kinds.ENTITY_TYPES:
                typed.setdefault(str(subject), set()).add(str(cls))
        for iri in sorted(typed):
            node = URIRef(iri)
            prefs = sorted(graph.objects(node, SKOS.prefLabel), key=_label_order)
            alts = sorted(graph.objects(node, SKOS.altLabel), key=str)
            alts += sorted(graph.objects(node, RDFS.label), key=str)
            labels = [t for t in (_literal_text(v) for v in prefs + alts) if t]
            if not labels:
                continue
            level = graph.value(node, BKG.adminLevel)
            entity = Entity(
                iri=iri,
                types=tuple(sorted(typed[iri])),
                label=labels[0],
                curated=True,
                country=_opt(graph.value(node, BKG.country)),
                actor_type=_opt(graph.value(node, BKG.actorType)),
                admin_level=int(level) if level is not None else None,
                part_of=_opt(graph.value(node, ELI.is_part_of)),
                number=_opt(graph.value(node, ELI.number)),
                subdivision=_opt(graph.value(node, ELI.type_subdivision)),
                legal_type=_opt(graph.value(node, ELI.type_document)),
            )
            if kinds.is_country(entity):
                entity.country = iri
            jurisdiction = graph.value(node, SCHEMA.legislationJurisdiction)
            if jurisdiction is not None:
                jurisdictions[iri] = str(jurisdiction)
            self.entities[iri] = entity
            n_pref = sum(1 for v in prefs if _literal_text(v))
            self.labels[iri] = labels
            self._pref_count[iri] = n_pref
            ids = [str(v) for v in graph.objects(node, SCHEMA.legislationIdentifier)]
            ids += [str(v) for v in graph.objects(node, ELI.id_local)]
            self.identifiers[iri] = ids
            if kinds.is_place(entity):
                self.parents[iri] = sorted(str(v) for v in graph.objects(node, BKG.adminParent))
                links = sorted(str(v) for v in graph.objects(node, BKG.connects))
                if links:
                    self.connects[iri] = links
        # A law belongs to the country whose law it is (its jurisdiction, when that is a
        # country and not, say, the UN): "China's Criminal Law" is the PRC's.
        for iri, jurisdiction in jurisdictions.items():
            owner = self.entities.get(jurisdiction)
            if owner is not None and kinds.is_country(owner):
                self.entities[iri].country = self.entities[iri].country or jurisdiction

    def _country_names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for iri in self.countries:
            for label in self.labels[iri]:
                out[fold(label).lower()] = iri
        return out

    def _demonym_table(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, iri in self.country_by_name.items():
            out[name + "'s"] = iri
            for demonym in DEMONYMS.get(name, ()):
                out[demonym] = iri
        return out

    def _context_regexes(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        qualifiers = sorted(self.demonyms, key=len, reverse=True)
        qualifier_re = re.compile(
            r"(?:^|[^\w'])(" + "|".join(re.escape(q) for q in qualifiers) + r")\s*$"
            if qualifiers
            else r"(?!x)x"
        )
        self._cue_country: dict[str, str] = {}
        for name, iri in self.country_by_name.items():
            for cue in CONTEXT_CUES.get(name, ()):
                self._cue_country[cue] = iri
        cues = sorted(self._cue_country, key=len, reverse=True)
        cue_re = re.compile(
            r"\b(" + "|".join(re.escape(c) for c in cues) + r")\b" if cues else r"(?!x)x"
        )
        return qualifier_re, cue_re

    # -- variants and the matcher ----------------------------------------------------------

    def _build_matcher(self) -> None:
        by_label = {label.lower(): iri for iri, labels in self.labels.items() for label in labels}
        for iri, labels in self.labels.items():
            entity = self.entities[iri]
            seen: set[str] = set()
            for index, label in enumerate(labels):
                kind = PREF if index < self._pref_count[iri] else ALT
                for variant, vkind in self._variants(label, entity):
                    self._add(iri, variant, max(kind, vkind), seen)
            if kinds.is_collective(entity):
                self._index_qualifiers(iri, labels)
        for label, aliases in GROUP_ALIASES.items():
            owner = by_label.get(label)
            if owner is not None:
                for alias in aliases:
                    self._add(owner, alias, ALT, set())
        for key, cands in self._candidates.items():
            self.matcher.add(key, [self._pattern_doc(cands[0].variant)])

    def _index_qualifiers(self, iri: str, labels: list[str]) -> None:
        """Record "remittance" in "remittance brokers" as a qualifier of the head "broker"."""
        for label in labels:
            words = re.findall(r"[a-z]+", fold(label).lower())
            if len(words) < 2 or "of" in words:
                continue  # "families of defectors" is not a kind of defectors
            head = _singular(words[-1])
            stems = frozenset(
                w[:5]
                for w in words[:-1]
                if w not in _QUALIFIER_STOP and not w.endswith(("ed", "ly"))
            )
            entry = self.qualifiers.setdefault(head, {})
            sets = entry.setdefault(iri, [])
            if stems and stems not in sets:
                sets.append(stems)

    def has_qualified_family(self, head: str) -> bool:
        """Whether some group's name is this head noun with a qualifier ("money brokers")."""
        return _singular(head.lower()) in self.qualifiers

    def owner_of(self, head: str) -> str | None:
        """The group that owns a bare head noun as a label or alias ("brokers")."""
        cache = self.__dict__.setdefault("_owners", {})
        if head not in cache:
            key = " ".join(t.lower_ for t in self.nlp.make_doc(head))
            groups = [
                c.iri
                for c in self._candidates.get(key, [])
                if kinds.is_collective(self.entities[c.iri])
            ]
            cache[head] = groups[0] if len(groups) == 1 else None
        return cache[head]

    def qualified_alternative(self, iri: str, head: str, words: set[str]) -> str | None:
        """Another group with the same head noun whose qualifier the sentence uses.

        For a bare "brokers" in a sentence about remittances: remittance brokers, not the
        defection brokers that own the alias, when none of the owner's qualifiers is used.
        The other group must have a label all of whose qualifiers the sentence uses: "guard
        posts" alone does not make soldiers "border guard soldiers".
        """
        family = self.qualifiers.get(_singular(head.lower()), {})
        stems = {w[:5] for w in words}
        if any(quals & stems for quals in family.get(iri, [])):
            return None
        hits = [
            other
            for other, labels in family.items()
            if other != iri and any(quals <= stems for quals in labels)
        ]
        return hits[0] if len(hits) == 1 else None

    def _pattern_doc(self, text: str) -> Doc:
        return self.nlp.make_doc(text)

    def _add(self, iri: str, variant: str, kind: int, seen: set[str]) -> None:
        variant = re.sub(r"\s+", " ", variant).strip()
        if len(variant) < 2:
            return
        entity = self.entities[iri]
        if is_acronym(variant):
            rule = "exact"
        elif kinds.is_collective(entity):
            rule = "any"  # group names are common nouns, whatever the label's capitalisation
        elif has_upper(variant):
            rule = "upper"
        elif " " in variant or kinds.is_collective(entity):
            rule = "any"
        else:
            return  # a single lower-case common word is never an entity on its own
        key = " ".join(t.lower_ for t in self.nlp.make_doc(variant))
        if key in seen:
            # An alias as written outranks the same words derived from a longer label
            # ("border guard" as an alias, not only stripped from "North Korean border guard").
            cands = self._candidates.get(key, [])
            for i, c in enumerate(cands):
                if c.iri == iri and kind < c.kind:
                    cands[i] = Candidate(iri, rule, kind, variant)
            return
        seen.add(key)
        self._candidates.setdefault(key, []).append(Candidate(iri, rule, kind, variant))

    def _variants(self, label: str, entity: Entity) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        folded = fold(label)
        out.append((folded, PREF))
        if folded.lower().startswith("the "):
            out.append((folded[4:], VARIANT))
        if label != folded and ("ŏ" in label.lower() or "ŭ" in label.lower()):
            revised = label.replace("ŏ", "eo").replace("Ŏ", "Eo").replace("ŭ", "eu")
            out.append((fold(revised.replace("Ŭ", "Eu")), VARIANT))
        if "-" in folded:
            out += [(folded.replace("-", " "), VARIANT), (folded.replace("-", ""), VARIANT)]
        if "'" in folded.strip("'"):
            out.append((re.sub(r"(?<=\w)'(?=\w)", "", folded), VARIANT))
        if entity.country and self._is_north_korean(entity.country):
            ry = re.sub(r"\bRy(?=[aeiouy])", "Y", folded)
            if ry != folded:
                out.append((ry, VARIANT))
            # the DPRK's own romanisation writes the aspirated p of 평 as ph: "North Phyongan"
            ph = re.sub(r"\bPyong", "Phyong", folded)
            if ph != folded:
                out.append((ph, VARIANT))
        if kinds.is_place(entity) and not kinds.is_country(entity) and folded.isascii():
            out += self._place_variants(folded, entity)
        words = folded.split(" ")
        last = words[-1]
        if kinds.is_collective(entity):
            other = last[:-1] if last.endswith("s") else last + "s"
            out.append((" ".join([*words[:-1], other]), VARIANT))
        elif len(words) > 1 and last.islower() and last.endswith("s") and not last.endswith("ss"):
            out.append((" ".join([*words[:-1], last[:-1]]), VARIANT))  # "border guard"
        if kinds.is_legal(entity) and not kinds.is_provision(entity):
            out += [(variant, VARIANT) for variant in title_variants(folded)]
        # "border police" for "Chinese border police"; never for groups of people, where the
        # stripped word is a common noun ("women", "traders").
        stripped = None if kinds.is_collective(entity) else self._strip_country(folded)
        if stripped:
            out.append((stripped, STRIPPED))
        return out

    def _place_variants(self, folded: str, entity: Entity) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        base = re.sub(r" Korean Autonomous\b", "", folded)
        if base != folded:
            out.append((base, VARIANT))
        lower = base.lower()
        for suffix in _SUFFIXES:
            if lower.endswith(suffix) and len(base) > len(suffix) + 1:
                base = base[: -len(suffix)]
                out.append((base, VARIANT))
                break
        if kinds.is_river(entity):
            if lower.endswith(" river"):
                out.append((base[: -len(" river")], VARIANT))
            return out
        if str(BKG.AdministrativeArea) in entity.types:
            level = entity.admin_level
            suffixes = (
                (" Province",)
                if level == 1
                else (" Prefecture", " City")
                if level == 2
                else (" County", " City")
            )
        else:
            suffixes = _PLACE_SUFFIX.get(str(BKG.Settlement), ())
        out += [(base + s, VARIANT) for s in suffixes]
        return out

    def _strip_country(self, folded: str) -> str | None:
        lower = folded.lower()
        for qualifier in sorted(self.demonyms, key=len, reverse=True):
            if lower.startswith(qualifier + " ") and len(folded) > len(qualifier) + 3:
                return folded[len(qualifier) + 1 :]
        for name in self.country_by_name:
            for tail in (f" of {name}", f" ({name})"):
                if lower.endswith(tail) and len(folded) > len(tail) + 3:
                    return folded[: -len(tail)]
        return None

    def _is_north_korean(self, country: str) -> bool:
        return self.country_by_name.get("north korea") == country

    # -- lookups ---------------------------------------------------------------------------

    def match(self, doc: Doc, folded: str) -> list[GazetteerMatch]:
        """Every vocabulary label occurrence in a folded doc, with case rules applied."""
        strings = self.nlp.vocab.strings
        out: list[GazetteerMatch] = []
        for match_id, start, end in self.matcher(doc):
            begin = doc[start].idx
            end_char = doc[end - 1].idx + len(doc[end - 1].text)
            surface = folded[begin:end_char]
            cands = [
                c
                for c in self._candidates[strings[match_id]]
                if c.rule == "any"
                or (c.rule == "upper" and has_upper(surface))
                or (c.rule == "exact" and surface == c.variant)
            ]
            if cands:
                out.append(GazetteerMatch(start, end, begin, end_char, cands))
        return out

    def country_qualifier(self, folded: str, begin: int) -> str | None:
        """The country named right before a mention (``China's``, ``North Korean``), if any."""
        window = folded[max(0, begin - 30) : begin].lower()
        found = self._qualifier_re.search(window)
        return self.demonyms[found.group(1)] if found else None

    def country_cues(self, folded: str) -> list[str]:
        """Countries a stretch of text points at by name, demonym or capital."""
        return [self._cue_country[m.group(1)] for m in self._cue_re.finditer(folded.lower())]

    def country_named(self, name: str) -> str | None:
        """The vocabulary country with this label (``"China"``), if any."""
        return self.country_by_name.get(fold(name).lower())

    def find_label(self, label: str, types: frozenset[str] | None = None) -> str | None:
        """A vocabulary entity whose label (folded, case-insensitive) is exactly ``label``."""
        key = " ".join(t.lower_ for t in self.nlp.make_doc(fold(label)))
        for cand in self._candidates.get(key, []):
            entity = self.entities[cand.iri]
            if types is None or any(t in types for t in entity.types):
                return cand.iri
        return None

    def unsc_resolution(self, number: str) -> str | None:
        """The curated UN Security Council resolution with this number, if any."""
        if self._resolutions is None:
            found: dict[str, str] = {}
            for iri, entity in sorted(self.entities.items()):
                if not kinds.is_legal(entity) or kinds.is_provision(entity):
                    continue
                for text in self.labels[iri] + self.identifiers[iri]:
                    for m in _RESOLUTION_NUMBER.finditer(text):
                        found.setdefault(m.group(1), iri)
            self._resolutions = found
        return self._resolutions.get(number)

    def provision(self, instrument: str, number: str, paragraph: str | None) -> str | None:
        """The curated provision of an instrument with this number (and paragraph), if any."""
        parent = instrument
        if paragraph:
            article = self.provision(instrument, number, None)
            if article is None:
                return None
            parent, number = article, paragraph
        for iri, entity in self.entities.items():
            if entity.part_of == parent and entity.number == number:
                return iri
        return None


def _opt(value: object) -> str | None:
    return str(value) if value is not None else None


def _label_order(value: object) -> tuple[int, str]:
    lang = getattr(value, "language", None)
    return ({"en": 0, None: 1}.get(lang, 2), str(value))

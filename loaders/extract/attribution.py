"""Who says what: anonymous sources, speakers of sentences and quotations.

Anonymous sources (``a source in Ryanggang Province``, ``a Daily NK source in China``,
``a security official in Hyesan``) become per-article nodes; ``the source`` / ``the
official`` / ``the source in Hunchun`` later in the article refer back to the latest
matching one. A sentence's speaker is found from its reporting verb: the subject before
it (``X said``), the noun phrase after it in quote inversions (``…,” said a source``) or
the phrase after ``according to``; pronouns take the previous speaker. Named organisations
are their vocabulary nodes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from borderkg.ontology.namespaces import BKG, SOURCETYPE

from . import kinds
from .anchors import words_before
from .attribution_lexicon import (
    ACTION_TOO,
    AFTER_GAP,
    AFTER_PREPOSITION,
    ANAPHORIC_DETS,
    DEMONYMS,
    GAP,
    GROUP_ROLES,
    INVERTING,
    MODIFIERS,
    NEW_DETS,
    NP,
    ORG_ANAPHOR,
    PRONOUN,
    ROLE_SEARCH,
    ROLE_TRIGGERS,
    SOURCE_ROLES,
    SPEECH_AFTER,
    TAIL,
    TAIL_WORDS,
    VERB_SEARCH,
    VERB_TRIGGERS,
)
from .cues import SentenceWords
from .model import AnonymousSource, Entity, Mention, Quotation, Span
from .quotes import find_quotations


@dataclass
class _NounPhrase:
    span: Span
    det: str
    role: str  # singular, lower case
    mods: str
    location: str | None = None
    country: str | None = None
    affiliation_org: str | None = None


@dataclass
class Attribution:
    """Sources of the article, each sentence's speaker and the quotations."""

    sources: list[AnonymousSource] = field(default_factory=list)
    speakers: dict[int, str] = field(default_factory=dict)  # sentence index → speaker IRI
    reported: set[int] = field(default_factory=set)  # sentences with a reporting verb
    verbs: dict[int, list[str]] = field(default_factory=dict)
    quotations: list[Quotation] = field(default_factory=list)


def _singular(role: str) -> str:
    role = role.lower()
    for plural, single in (("men", "man"), ("women", "woman"), ("people", "person")):
        if role.endswith(plural):
            return role[: -len(plural)] + single
    if role.endswith("s") and not role.endswith("ss"):
        return role[:-1]
    return role.replace("organisation", "organization")


class Attributor:
    """Finds sources, speakers and quotations in one article."""

    def __init__(
        self,
        article_node: Callable[[str], str],
        entities: dict[str, Entity],
        countries: dict[str, str],
        words: SentenceWords,
    ) -> None:
        self._node = article_node
        self.entities = entities
        self._countries = countries  # folded lower-case country name → IRI
        self.words = words
        self._last_org: str | None = None

    def run(
        self,
        text: str,
        folded: str,
        sentences: list[Span],
        mentions: list[Mention],
    ) -> Attribution:
        """Attribute every sentence and quotation of the article."""
        result = Attribution()
        self._result = result
        self._mentions = mentions
        self._in_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self._in_sentence.setdefault(m.sentence, []).append(m)
        self._starts = [s.begin for s in sentences]
        self._by_begin = sorted(mentions, key=lambda m: m.span.begin)
        self._begins = [m.span.begin for m in self._by_begin]
        last_speaker: str | None = None
        last_org: str | None = None
        self._last_org = None
        self._by_span: dict[Span, str] = {}
        for index, sent in enumerate(sentences):
            chunk = folded[sent.begin : sent.end]
            nps = self._noun_phrases(folded, sent, index)
            for np in nps:
                if np.role in SOURCE_ROLES and np.det.lower() not in ANAPHORIC_DETS:
                    self._source(np, text)
            verbs = []
            if self.words.has(index, VERB_TRIGGERS):
                found = VERB_SEARCH.finditer(chunk, 0, len(chunk))
                verbs = [
                    m for m in found if not _inside_quote(chunk, m.start()) and _speech(chunk, m)
                ]
            if verbs:
                result.reported.add(index)
                result.verbs[index] = [v.group("verb").lower() for v in verbs]
            speaker = None
            for verb in verbs:
                speaker = self._speaker(verb, sent, chunk, nps, text, last_speaker, last_org)
                if speaker:
                    break
            if speaker:
                result.speakers[index] = speaker
                last_speaker = speaker
                if speaker in self.entities:
                    last_org = self._last_org = speaker
        result.quotations = find_quotations(text, sentences, result.speakers)
        return result

    # -- noun phrases and sources ----------------------------------------------------------

    def _noun_phrases(self, folded: str, sent: Span, index: int) -> list[_NounPhrase]:
        out: list[_NounPhrase] = []
        if not self.words.has(index, ROLE_TRIGGERS):
            return out
        for role_match in ROLE_SEARCH.finditer(folded, sent.begin, sent.end):
            window = max(sent.begin, role_match.start() - 60)
            # NP holds at most six words before the role (determiner, ordinal, 4 modifiers)
            start = words_before(folded, window, role_match.start(), 6)
            m = NP.search(folded, start, role_match.end())
            if m is None:
                continue
            det, mods = (m.group("det") or ""), m.group("mods")
            words = mods.split()
            keep: list[str] = []
            for word in reversed(words):
                if word[0].isupper() or word.lower() in MODIFIERS:
                    keep.insert(0, word)
                else:
                    det = ""
                    break
            begin = m.start("role")
            if keep:
                word_starts = [w.start() for w in re.finditer(r"\S+", mods)]
                begin = m.start("mods") + word_starts[len(words) - len(keep)]
            if det:
                begin = m.start("det")
            role = _singular(m.group("role"))
            if role == "person" and not keep:
                continue
            np = _NounPhrase(Span(begin, m.end()), det.strip(), role, " ".join(keep))
            self._attach_tail(np, folded, sent)
            out.append(np)
        return out

    def _attach_tail(self, np: _NounPhrase, folded: str, sent: Span) -> None:
        tail = TAIL.match(folded, np.span.end, sent.end)
        if not tail:
            return
        at = tail.end()
        mention = self._mention_at(at)
        if mention is not None:
            entity = self.entities[mention.entity]
            end = mention.span.end
            if kinds.is_place(entity) and tail.group("prep").lower() != "at":
                np.location = mention.entity
                np.country = entity.country
                after = re.match(r"\s*,\s*", folded[end : sent.end])
                if after:
                    outer = self._mention_at(end + after.end())
                    if outer is not None and kinds.is_place(self.entities[outer.entity]):
                        end = outer.span.end
                        np.country = np.country or self.entities[outer.entity].country
            elif kinds.is_actor(entity):
                np.affiliation_org = mention.entity
            else:
                return
            np.span = Span(np.span.begin, end)
            return
        words = TAIL_WORDS.match(folded, at, sent.end)
        if words and tail.group("prep").lower() in ("in", "of", "at", "from"):
            np.span = Span(np.span.begin, words.end())
            place = self._place_anaphor(words.group(0), np.span.begin)
            if place is not None:
                np.location = place
                np.country = self.entities[place].country

    def _sentence_mentions(self, sent: Span) -> list[Mention]:
        index = max(0, bisect.bisect_right(self._starts, sent.begin) - 1)
        return self._in_sentence.get(index, [])

    def _place_anaphor(self, noun: str, before: int) -> str | None:
        """The place ``the province`` / ``the city`` / ``the county`` refers back to."""
        wanted = {
            "province": lambda e: e.admin_level == 1,
            "city": lambda e: str(BKG.Settlement) in e.types,
            "town": lambda e: str(BKG.Settlement) in e.types,
            "county": lambda e: (e.admin_level or 0) >= 3 or str(BKG.Settlement) in e.types,
        }.get(noun.lower())
        if wanted is None:
            return None
        i = bisect.bisect_left(self._begins, before) - 1
        while i >= 0:
            entity = self.entities[self._by_begin[i].entity]
            if kinds.is_place(entity) and not kinds.is_country(entity) and wanted(entity):
                return entity.iri
            i -= 1
        return None

    def _mention_at(self, pos: int) -> Mention | None:
        i = bisect.bisect_left(self._begins, pos)
        if i < len(self._by_begin) and self._by_begin[i].span.begin == pos:
            return self._by_begin[i]
        return None

    def _source(self, np: _NounPhrase, text: str) -> str:
        """The node of an anonymous source phrase: an earlier one it refers to, or a new one."""
        known = self._by_span.get(np.span)
        if known is not None:
            return known
        iri = self._resolve_source(np, text)
        self._by_span[np.span] = iri
        return iri

    def _resolve_source(self, np: _NounPhrase, text: str) -> str:
        sources = self._result.sources
        det = np.det.lower()
        affiliation = self._affiliation(np)
        anaphoric = det.split()[0] in ANAPHORIC_DETS if det else False
        fresh = any(w in det for w in NEW_DETS)
        match: AnonymousSource | None = None
        for source in reversed(sources):
            if fresh:
                break
            if np.location and source.location != np.location:
                continue
            if anaphoric or not np.location:
                if np.role in SOURCE_ROLES or np.role == source.role:
                    match = source
                    break
                continue
            if source.role == np.role and source.affiliation == affiliation:
                match = source
                break
        if match is not None:
            if np.span not in match.evidence:
                match.evidence.append(np.span)
            return self._node(match.local)
        source = AnonymousSource(
            local=f"source-{len(sources) + 1}",
            description=text[np.span.begin : np.span.end],
            role=np.role,
            source_type=self._source_type(np),
            evidence=[np.span],
            location=np.location,
            affiliation=affiliation,
        )
        sources.append(source)
        return self._node(source.local)

    def _affiliation(self, np: _NounPhrase) -> str | None:
        mods = DEMONYMS.sub("", np.mods)
        mods = re.sub(r"\b(?:another|second|third|other|same|new|local)\b", "", mods, flags=re.I)
        mods = re.sub(r"\s+", " ", mods).strip()
        parts = [mods] if mods else []
        if np.role not in SOURCE_ROLES:
            parts.append(np.role)
        if np.affiliation_org:
            parts.append(f"({self.entities[np.affiliation_org].label})")
        return " ".join(parts) or None

    def _source_type(self, np: _NounPhrase) -> str:
        if np.country:
            if np.country == self._countries.get("north korea"):
                return str(SOURCETYPE.SourceInNorthKorea)
            if np.country == self._countries.get("china"):
                return str(SOURCETYPE.SourceInChina)
            return str(SOURCETYPE.SourceElsewhere)
        if np.role == "defector":
            return str(SOURCETYPE.Defector)
        if np.role in GROUP_ROLES and re.search(r"rights|ngo|aid|humanitarian", np.mods, re.I):
            return str(SOURCETYPE.NGOReport)
        if re.search(r"\b(?:UN|U\.N\.|United Nations)\b", np.mods):
            return str(SOURCETYPE.UNReport)
        if np.role in ("official", "officer", "cadre", "diplomat", "envoy"):
            return str(SOURCETYPE.OfficialSource)
        return str(SOURCETYPE.UnspecifiedSource)

    # -- speakers ----------------------------------------------------------------------------

    def _speaker(
        self,
        verb: re.Match[str],
        sent: Span,
        chunk: str,
        nps: list[_NounPhrase],
        text: str,
        last_speaker: str | None,
        last_org: str | None,
    ) -> str | None:
        vb, ve = sent.begin + verb.start(), sent.begin + verb.end()
        word = verb.group("verb").lower()
        if word == "according to":
            return self._phrase_after(ve, sent, nps, text)
        before = chunk[: verb.start()]
        subject = self._phrase_before(vb, sent, nps, text)
        if subject:
            return subject
        if PRONOUN.search(before):
            return last_speaker
        if ORG_ANAPHOR.search(before):
            return last_org or last_speaker
        if word in INVERTING and re.search(r"[\"',]\s*$", before):
            return self._phrase_after(ve, sent, nps, text)
        return None

    def _phrase_before(self, pos: int, sent: Span, nps: list[_NounPhrase], text: str) -> str | None:
        best_end = -1
        best_np: _NounPhrase | None = None
        best_entity: str | None = None
        for np in nps:
            if (
                np.span.end <= pos and np.span.end > best_end and GAP.match(text[np.span.end : pos])
            ) and self._np_is_speaker(np):
                best_end, best_np, best_entity = np.span.end, np, None
        for m in self._sentence_mentions(sent):
            if not (sent.begin <= m.span.begin and m.span.end <= pos and m.span.end > best_end):
                continue
            if not kinds.is_speaker(self.entities[m.entity]):
                continue
            if any(np.span.contains(m.span) for np in nps):
                continue
            if AFTER_PREPOSITION.search(text[max(sent.begin, m.span.begin - 30) : m.span.begin]):
                continue
            if GAP.match(text[m.span.end : pos]):
                best_end, best_np, best_entity = m.span.end, None, m.entity
        if best_np is not None:
            return self._np_speaker(best_np, text)
        return best_entity

    def _phrase_after(self, pos: int, sent: Span, nps: list[_NounPhrase], text: str) -> str | None:
        """The speaker named right after ``pos`` ("according to X", "…,” said X")."""
        for np in nps:
            if (
                np.span.begin >= pos
                and AFTER_GAP.match(text[pos : np.span.begin])
                and self._np_is_speaker(np)
            ):
                return self._np_speaker(np, text)
        for m in self._sentence_mentions(sent):
            if (
                m.span.begin >= pos
                and m.span.end <= sent.end
                and AFTER_GAP.match(text[pos : m.span.begin])
                and kinds.is_speaker(self.entities[m.entity])
            ):
                return m.entity
        return None

    @staticmethod
    def _np_is_speaker(np: _NounPhrase) -> bool:
        return np.role != "person" or bool(np.mods)

    def _np_speaker(self, np: _NounPhrase, text: str) -> str:
        group = np.role in ("group", "organization") and not np.mods
        if np.det.lower() == "the" and group and self._last_org:
            return self._last_org  # "the group said": the organisation named last
        if np.affiliation_org and np.role == "spokesperson":
            return np.affiliation_org
        if np.role in ("spokesman", "spokeswoman") and np.affiliation_org:
            return np.affiliation_org
        return self._source(np, text)


def _speech(chunk: str, verb: re.Match[str]) -> bool:
    """Whether a speech verb reports speech here, not an act ("added night patrols")."""
    if verb.group("verb").lower() not in ACTION_TOO:
        return True
    return SPEECH_AFTER.match(chunk, verb.end()) is not None


def _inside_quote(chunk: str, pos: int) -> bool:
    """Whether ``pos`` of a folded sentence lies between an opening and a closing quote."""
    return chunk[:pos].count('"') % 2 == 1

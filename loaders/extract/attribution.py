"""Who says what: anonymous sources, speakers of sentences and quotations.

Anonymous sources (``a source in Ryanggang Province``, ``a Daily NK source in China``,
``a security official in Hyesan``) become per-article nodes (:mod:`attribution_sources`);
``the source`` / ``the official`` / ``the source in Hunchun`` later in the article refer
back to the last mentioned one that fits. A sentence's speaker is found from its reporting
verb: the subject before it (``X said``), the noun phrase after it in quote inversions
(``…,” said a source``) or the phrase after ``according to``; pronouns take the previous
speaker. Named bodies are their vocabulary nodes (``The Office of the UN High Commissioner
for Human Rights said``); a country's body named by its demonym (``The Chinese delegation
rejected``) is the country. When a sentence has several reporting verbs, the attribution
tag (``…, the source said``, ``according to …``) names its speaker, not a verb of the
reported content (``Local officials have told villagers that …, the source said``); "told"
reports the sentence only when the outlet or a source is told. In a question-and-answer
interview (``interview``) the person the intro says was interviewed is a source, the speaker
of every answer sentence that names no other, and each answer is quoted as theirs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from borderkg.ontology.namespaces import BKG

from . import kinds
from .attribution_lexicon import (
    ACTION_TOO,
    AFTER_GAP,
    AFTER_PREPOSITION,
    ANAPHORIC_DETS,
    DEMONYM_BODY,
    DEMONYM_COUNTRY,
    DEMONYMS,
    GAP,
    INVERTING,
    NAME_OF,
    ORG_ANAPHOR,
    PRONOUN,
    REBUTTAL,
    REBUTTED,
    RELATIVE_GAP,
    REPORT_AFTER,
    ROLE_TRIGGERS,
    SPEECH_AFTER,
    SUBORDINATE,
    TELLING,
    TITLE_COMPLEMENT,
    TOLD_REPORTER,
    VERB_SEARCH,
    VERB_TRIGGERS,
)
from .attribution_phrases import NounPhrase, PhraseFinder, singular
from .attribution_sources import SourceBook
from .cues import SentenceWords
from .defectors import DEPARTING, departures, description
from .interview import INTERVIEWED, Turns, answer_quotations, interview_turns, subject_before
from .model import AnonymousSource, Entity, Mention, Quotation, Span
from .quotes import find_quotations

_TAG_BEFORE = re.compile(r"[,\"]\s*$")


@dataclass
class Attribution:
    """Sources of the article, each sentence's speaker and the quotations."""

    sources: list[AnonymousSource] = field(default_factory=list)
    speakers: dict[int, str] = field(default_factory=dict)  # sentence index → speaker IRI
    reported: set[int] = field(default_factory=set)  # sentences with a reporting verb
    verbs: dict[int, list[str]] = field(default_factory=dict)
    quotations: list[Quotation] = field(default_factory=list)


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
        headings: frozenset[int] = frozenset(),
    ) -> Attribution:
        """Attribute every sentence and quotation of the article; subheadings (``What
        officials have said``) name no source and report no speech."""
        result = Attribution()
        self._book = SourceBook(self._node, self.entities, self._countries, text)
        self._phrases = PhraseFinder(self.entities, mentions)
        self._in_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self._in_sentence.setdefault(m.sentence, []).append(m)
        self._starts = [s.begin for s in sentences]
        last_speaker: str | None = None
        last_org: str | None = None
        self._last_org = None
        self._nps: dict[int, list[NounPhrase]] = {}
        for index, sent in enumerate(sentences):
            if index in headings:
                self._nps[index] = []
                continue
            chunk = folded[sent.begin : sent.end]
            nps: list[NounPhrase] = []
            if self.words.has(index, ROLE_TRIGGERS):
                nps = self._phrases.noun_phrases(folded, sent)
            if self.words.has(index, DEPARTING):
                nps = _with_defectors(nps, folded, text, sent)
            for np in nps:
                # Only "source" itself names a source wherever it stands; "informant",
                # "contact" and the like are sources when they speak.
                if np.role == "source" and np.det.lower() not in ANAPHORIC_DETS:
                    self._book.node(np)
            self._nps[index] = nps
            verbs = []
            if self.words.has(index, VERB_TRIGGERS):
                opened = _quote_open(folded, sent.begin)
                found = VERB_SEARCH.finditer(chunk, 0, len(chunk))
                verbs = [
                    m
                    for m in found
                    if not _inside_quote(chunk, m.start(), opened) and _speech(chunk, m)
                ]
            if verbs:
                result.reported.add(index)
                result.verbs[index] = [v.group("verb").lower() for v in verbs]
            speaker = self._sentence_speaker(
                verbs, sent, chunk, folded, nps, text, last_speaker, last_org
            )
            if speaker:
                result.speakers[index] = speaker
                last_speaker = speaker
                if speaker in self.entities:
                    last_org = self._last_org = speaker
        turns = interview_turns(text, sentences)
        interviewee = self._interviewee(turns, folded, text, sentences) if turns.answers else None
        if interviewee is not None:
            _give_turns(result, turns, interviewee)
        result.sources = self._book.sources
        result.quotations = find_quotations(text, sentences, result.speakers)
        if interviewee is not None:
            result.quotations = answer_quotations(
                text, sentences, turns, interviewee, result.quotations
            )
        return result

    def _interviewee(
        self, turns: Turns, folded: str, text: str, sentences: list[Span]
    ) -> str | None:
        """Who answers an interview: the first person its intro says was interviewed
        (``A trader who … spoke to Daily NK``), named or not."""
        for index in turns.intro:
            sent = sentences[index]
            verb = INTERVIEWED.search(folded, sent.begin, sent.end)
            if verb is None:
                continue
            nps = [
                np
                for np in self._nps.get(index, [])
                if np.role != "source" and _np_is_speaker(np) and np.span.end <= verb.start()
            ]
            # the phrase read as a whole subject ("A security official in Sinuiju spoke …")
            for np in nps:
                if not folded[np.span.end : verb.start()].strip(" ,"):
                    return self._np_speaker(np)
            for m in self._sentence_mentions(sent):
                if str(BKG.PublicFigure) in self.entities[m.entity].types:
                    return m.entity
            subject = subject_before(folded, sent.begin, verb.start())
            if subject is None and nps:
                return self._np_speaker(nps[0])
            if subject is not None:
                det, head, span = subject
                np = NounPhrase(span, det, singular(head), "")
                np.label = text[span.begin : span.end]
                place = self._place_in(folded, span, sent)
                if place is not None:
                    np.location, np.country = place, self.entities[place].country
                return self._book.node(np)
        return None

    def _place_in(self, folded: str, span: Span, sent: Span) -> str | None:
        """The first place named "in" it within ``span`` (``who trades in Sinuiju``)."""
        for m in self._sentence_mentions(sent):
            entity = self.entities[m.entity]
            if (
                span.contains(m.span)
                and kinds.is_place(entity)
                and not kinds.is_country(entity)
                and re.search(r"\bin\s+(?:the\s+)?$", folded[span.begin : m.span.begin])
            ):
                return m.entity
        return None

    # -- speakers ----------------------------------------------------------------------------

    def _sentence_speaker(
        self,
        verbs: list[re.Match[str]],
        sent: Span,
        chunk: str,
        folded: str,
        nps: list[NounPhrase],
        text: str,
        last_speaker: str | None,
        last_org: str | None,
    ) -> str | None:
        """The speaker of the sentence: that of its attribution tag if it has one, else that
        of its first reporting verb with a speaker."""
        first: str | None = None
        for verb in verbs:
            if not self._reports(verb, sent, chunk, folded):
                continue
            found = self._speaker(verb, sent, chunk, nps, text, last_speaker, last_org)
            if found is None:
                continue
            speaker, start = found
            word = verb.group("verb").lower()
            if word == "according to" or _TAG_BEFORE.search(chunk[: start - sent.begin]):
                return speaker
            first = first or speaker
        return first

    def _reports(self, verb: re.Match[str], sent: Span, chunk: str, folded: str) -> bool:
        """Whether "told" here tells the outlet or a source what the sentence says."""
        if verb.group("verb").lower() not in TELLING:
            return True
        end = sent.begin + verb.end()
        if TOLD_REPORTER.match(folded, end, sent.end):
            return True
        after = re.match(r"\s*(?:the\s+)?", folded[end : sent.end])
        at = end + (after.end() if after else 0)
        mention = self._phrases.mention_at(at)
        if mention is None:  # an outlet the vocabulary does not know ("told NK Pro")
            return bool(re.match(r"[A-Z]", folded[at : at + 1])) and not DEMONYMS.match(folded, at)
        entity = self.entities[mention.entity]
        # the outlet, or a body that gathers testimony ("former inmates told HRNK"), not a
        # group of people in the story ("told villagers") or a state ("told China")
        return str(BKG.Organization) in entity.types and not kinds.is_authority(entity)

    def _speaker(
        self,
        verb: re.Match[str],
        sent: Span,
        chunk: str,
        nps: list[NounPhrase],
        text: str,
        last_speaker: str | None,
        last_org: str | None,
    ) -> tuple[str, int] | None:
        """The speaker of one reporting verb and where the words naming it begin."""
        vb, ve = sent.begin + verb.start(), sent.begin + verb.end()
        word = verb.group("verb").lower()
        if word == "according to":
            if REPORT_AFTER.match(chunk, verb.end()) and last_org:
                return last_org, vb  # "according to the report": the body named last
            return self._phrase_after(ve, sent, nps, text)
        before = chunk[: verb.start()]
        subject = self._phrase_before(vb, sent, nps, text)
        if subject:
            if SUBORDINATE.search(chunk[: subject[1] - sent.begin]):
                return None  # "After North Korea acknowledged …, residents were banned"
            return subject
        pronoun = PRONOUN.search(before)
        if pronoun and last_speaker:
            return last_speaker, sent.begin + pronoun.start()
        org = ORG_ANAPHOR.search(before)
        if org and (last_org or last_speaker):
            return (last_org or last_speaker or ""), sent.begin + org.start()
        if word in INVERTING and re.search(r"[\"',]\s*$", before):
            found = self._phrase_after(ve, sent, nps, text)
            return (found[0], vb) if found else None
        return None

    def _phrase_before(
        self, pos: int, sent: Span, nps: list[NounPhrase], text: str
    ) -> tuple[str, int] | None:
        best_end = -1
        best: tuple[str, int] | None = None
        best_np: NounPhrase | None = None
        for np in nps:
            gap = text[np.span.end : pos] if np.span.end <= pos else ""
            # a defector's clause may go on before the verb ("A woman who left North Korea
            # last year and now lives in Seoul said"): the relative clause from the head
            rel = text[np.head.end : pos] if np.head and np.span.end <= pos else gap
            if (
                np.span.end <= pos
                and np.span.end > best_end
                and (GAP.match(gap) or RELATIVE_GAP.match(rel))
                and _np_is_speaker(np)
            ):
                best_end, best_np, best = np.span.end, np, None
        for m in self._sentence_mentions(sent):
            if not (sent.begin <= m.span.begin and m.span.end <= pos and m.span.end > best_end):
                continue
            if not kinds.is_speaker(self.entities[m.entity]):
                continue
            if any(np.span.contains(m.span) for np in nps):
                continue
            lead = text[max(sent.begin, m.span.begin - 30) : m.span.begin]
            if AFTER_PREPOSITION.search(lead) and not NAME_OF.search(lead):
                continue
            gap = text[m.span.end : pos]
            if GAP.match(gap) or (
                TITLE_COMPLEMENT.match(gap) and re.fullmatch(r"\s*(?:the\s+)?", lead, re.I)
            ):
                best_end, best_np, best = m.span.end, None, (m.entity, m.span.begin)
        body = self._demonym_body(pos, sent, text)
        if body is not None and body[1] >= best_end:
            return body[0], body[2]
        if best_np is not None:
            return self._np_speaker(best_np), best_np.span.begin
        return best

    def _demonym_body(self, pos: int, sent: Span, text: str) -> tuple[str, int, int] | None:
        """The country whose body ("the Chinese delegation") is the subject before ``pos``:
        (country, end of the phrase, its start)."""
        last: re.Match[str] | None = None
        for m in DEMONYM_BODY.finditer(text, sent.begin, pos):
            last = m
        if last is None or not GAP.match(text[last.end() : pos]):
            return None
        country = DEMONYM_COUNTRY.get(re.sub(r"\s+", " ", last.group("dem").lower()))
        iri = self._countries.get(country or "")
        return (iri, last.end(), last.start()) if iri else None

    def _phrase_after(
        self, pos: int, sent: Span, nps: list[NounPhrase], text: str
    ) -> tuple[str, int] | None:
        """The speaker named right after ``pos`` ("according to X", "…,” said X")."""
        for np in nps:
            begin = min(np.span.begin, np.head.begin) if np.head else np.span.begin
            if np.span.begin >= pos and AFTER_GAP.match(text[pos:begin]) and _np_is_speaker(np):
                return self._np_speaker(np), np.span.begin
        for m in self._sentence_mentions(sent):
            if (
                m.span.begin >= pos
                and m.span.end <= sent.end
                and AFTER_GAP.match(text[pos : m.span.begin])
                and kinds.is_speaker(self.entities[m.entity])
            ):
                return m.entity, m.span.begin
        return None

    def _sentence_mentions(self, sent: Span) -> list[Mention]:
        index = max(0, bisect.bisect_right(self._starts, sent.begin) - 1)
        return self._in_sentence.get(index, [])

    def _np_speaker(self, np: NounPhrase) -> str:
        group = np.role in ("group", "organization") and not np.mods
        if np.det.lower() == "the" and group and self._last_org:
            return self._last_org  # "the group said": the organisation named last
        if np.affiliation_org and np.role in ("spokesperson", "spokesman", "spokeswoman"):
            return np.affiliation_org
        return self._book.node(np)


def _give_turns(result: Attribution, turns: Turns, interviewee: str) -> None:
    """Answers are the interviewee's statements, unless a sentence names its own speaker;
    questions are the interviewer's, and state nothing."""
    for index in turns.answers:
        result.speakers.setdefault(index, interviewee)
        result.reported.add(index)
    for index in turns.questions:
        result.speakers.pop(index, None)
        result.reported.discard(index)


def _with_defectors(nps: list[NounPhrase], folded: str, text: str, sent: Span) -> list[NounPhrase]:
    """The sentence's phrases with the people it says left North Korea (``defectors``): a
    phrase already read for its role ("a trader who fled the North") is marked a defector's,
    any other person becomes a phrase of its own, with role defector."""
    out = list(nps)
    for found in departures(folded, sent):
        known = next((np for np in out if np.span.overlaps(found.head)), None)
        if known is not None:  # its description takes in the clause
            known.departed = True
            known.head = known.head or known.span
            known.span = Span(known.span.begin, max(known.span.end, found.clause.end))
            continue
        np = NounPhrase(found.span, "a", "defector", "", head=found.head)
        np.label = description(text, found)
        np.role_at = (found.head.begin, found.head.end)
        out.append(np)
    return sorted(out, key=lambda np: np.span.begin)


def _np_is_speaker(np: NounPhrase) -> bool:
    return np.role != "person" or bool(np.mods)


# Saying nothing is no statement: "has said nothing publicly", "did not comment",
# "declined to comment", "never confirmed".
_SAID_NOTHING = re.compile(r"\s+(?:nothing|little)\b")
_NOT_SAID = re.compile(
    r"\b(?:not|never|n't|nothing|declined\s+to|refused\s+to|would\s+not)\s+(?:\w+\s+)?$"
)


def _speech(chunk: str, verb: re.Match[str]) -> bool:
    """Whether a speech verb reports speech here, not an act ("added night patrols",
    "rejected the appeal")."""
    word = verb.group("verb").lower()
    if _SAID_NOTHING.match(chunk, verb.end()) or _NOT_SAID.search(chunk[: verb.start()]):
        return False
    if word in REBUTTAL:
        return REBUTTED.match(chunk, verb.end()) is not None
    if word not in ACTION_TOO:
        return True
    return SPEECH_AFTER.match(chunk, verb.end()) is not None


def _quote_open(folded: str, begin: int) -> bool:
    """Whether a quotation opened earlier in the paragraph is still open at ``begin`` (a
    sentence that ends a quotation of several sentences: ``… goodbye,” the source said``)."""
    start = max(folded.rfind("\n\n", 0, begin), 0)
    return folded.count('"', start, begin) % 2 == 1


def _inside_quote(chunk: str, pos: int, opened: bool = False) -> bool:
    """Whether ``pos`` of a folded sentence lies between an opening and a closing quote."""
    return (chunk[:pos].count('"') + opened) % 2 == 1

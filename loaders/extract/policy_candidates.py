"""Measure candidates of a sentence: the cue lexicons run over it, and the matches kept.

Every frame and phrase cue (``policy_frames``, ``policy_cues``) fired by a sentence's words
is matched; a match is dropped where it is no measure at all — an arrest without an
authority, a participle describing people (``North Koreans detained in China``), a verb used
as a noun (``the police station``), a structure named as where something is (``mounted on
the guard posts``), a guard post only named (``photographed guard posts``), things handed
back or people sent home inside the country (``policy_sent_back``), speakers (``the
inspectors say``) — and the generic crackdown cues give
way to a named campaign told in the same clause. Each kept match gets its narrower type
from its sentence (``policy_types``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from borderkg.ontology.namespaces import MEASURE

from .anchors import AnchoredPattern
from .context import ArticleContext
from .cues import TriggerIndex
from .measure_groups import SPECIFIC_CRACKDOWNS
from .model import Span
from .policy_clauses import clause_window, same_clause
from .policy_cues import MEASURE_CUES as _PHRASE_CUES
from .policy_filters import nominal
from .policy_frames import FRAME_CUES, GENERIC_FRAMES
from .policy_sent_back import not_sent_across
from .policy_types import ESCAPE_ROUTES, refine, sent_home_as_workers

#: Frames (verb + object) first: they carry their own status; then the phrase cues, then
#: the enforcement frames whose type comes from their target.
MEASURE_CUES = FRAME_CUES + _PHRASE_CUES + GENERIC_FRAMES
_MEASURE_INDEX = TriggerIndex([cue.triggers for cue in MEASURE_CUES])
_SPECIFIC_OVER_GENERIC = {
    str(MEASURE.Crackdown),
    str(MEASURE.SurveillanceInstallation),
    str(MEASURE.NonSocialistInspection),
}


@dataclass
class Candidate:
    concept: str
    span: Span
    strong: bool
    routine: bool = False  # plain patrolling: a reinforcement only when a change is reported
    change_only: bool = False  # "anti-epidemic measures": a measure only when eased or lifted
    verb: Span | None = None  # the frame's own verb, whose tense gives the status
    kind: str = ""  # the frame's aspectual class (policy_tense)
    generic: bool = False  # a generic crackdown cue, whatever type its target gave it
    act: bool = False  # one act of enforcement, which joins the measure it enforces
    # a weak cue that is a measure only with one of these words ("waiting period" …
    # "extended"): that word, where it is a status word, gives the status
    needs: frozenset[str] = frozenset()


# Unnamed authorities: "the police have detained …", "security agents arrested …".
_AUTHORITY_NOUN = re.compile(
    r"\b(?:police(?:men)?|authorities|officials|agents|guards|officers|soldiers|troops|"
    r"inspectors|customs)\b",
    re.I,
)
# Arrest verbs used as a participle after a noun ("North Koreans detained in China") describe
# people, not an arrest by an authority.
_ATTRIBUTIVE = re.compile(
    r"^\s+(?:in|at(?!\s+(?:least|most)\b)|by|for|since|on|during|after|near|inside|across)\b", re.I
)
_AUXILIARY = re.compile(r"\b(?:been|was|were|are|is|be|being|get|got|gets)\s+(?:\w+ly\s+)?$", re.I)
# "At least three brokers have been detained since December": a finite passive implies the
# authority that made the arrest; a relative clause ("women who had been arrested") only
# describes people.
_FINITE_PASSIVE = re.compile(
    r"\b(?P<rel>(?:who|that|which)\s+)?(?:(?:has|have|had)\s+(?:\w+ly\s+|also\s+)?been|were|"
    r"was)\s+(?:\w+ly\s+|also\s+)?$",
    re.I,
)
_PASSIVE_WORDS = re.compile(r"\b(?:been|were|was)\b", re.I)
_ROUTINE_PATROL, _EPIDEMIC = (
    MEASURE_CUES.index(next(c for c in MEASURE_CUES if c.concept == str(concept) and not c.strong))
    for concept in (MEASURE.PatrolReinforcement, MEASURE.BorderClosure)
)
_CRACKDOWN = str(MEASURE.Crackdown)
_FORCED, _SANCTIONS = str(MEASURE.ForcedRepatriation), str(MEASURE.SanctionsEnforcement)
_TRADE = str(MEASURE.TradeRestriction)
# Trade said to have stopped of itself ("that trade has all but stopped", "freight has
# almost stopped"): a state of the trade, no authority's halt to it (not "has been halted",
# nor "customs have stopped releasing goods").
_LAPSED = re.compile(
    r"(?:\b(?:has|have|had)\s+(?:(?:\w+ly|almost|nearly|all\s+but|since|now|also)\s+){0,3}"
    r"|\b(?:almost|nearly|all\s+but|virtually|practically)\s+(?:\w+ly\s+)?)"
    r"(?:stopped|halted|ceased)$",
    re.I,
)
_GERUND_NEXT = re.compile(r"\s+[a-z]+ing\b", re.I)
# How far (in characters) around a generic crackdown cue its narrower type is looked for.
_REFINE_REACH = 80


def _names_escape_route(ctx: ArticleContext, index: int) -> bool:
    """Whether a sentence names a place or body of China or of a country beyond it on the
    escape routes (by the vocabulary's countries, not by name)."""
    for m in ctx.by_sentence.get(index, []):
        if m.entity in ESCAPE_ROUTES or ctx.entities[m.entity].country in ESCAPE_ROUTES:
            return True
    return False


def measure_matches(ctx: ArticleContext, index: int) -> list[Candidate]:
    sent = ctx.sentences[index]
    chunk = ctx.folded[sent.begin : sent.end]
    offset = sent.begin
    taken: list[Candidate] = []
    for i in _MEASURE_INDEX.fired(ctx.words, index):
        cue = MEASURE_CUES[i]
        unnamed = cue.needs_authority and not (
            ctx.has_authority(index) or _AUTHORITY_NOUN.search(ctx.folded, sent.begin, sent.end)
        )
        if unnamed and not _PASSIVE_WORDS.search(chunk):
            continue
        if cue.also_needs is not None and not ctx.words.has(index, cue.also_needs):
            continue
        for m in _anchored(i).finditer(chunk, 0, len(chunk)):
            span = Span(offset + m.start(), offset + m.end())
            if any(span.overlaps(t.span) for t in taken):
                continue
            if cue.needs_authority and (
                (_ATTRIBUTIVE.match(chunk[m.end() :]) and not _AUXILIARY.search(chunk[: m.start()]))
                or (m.group(0).lower().endswith("ed") and nominal(ctx, index, span, True))
            ):
                continue  # "North Koreans detained in China", "Detained defectors are …"
            passive = _FINITE_PASSIVE.search(chunk[: m.start()])
            if unnamed and (passive is None or passive.group("rel")):
                continue  # an arrest needs an authority, named or implied by the passive
            if (
                cue.concept == _TRADE
                and _LAPSED.search(m.group(0))
                and not _GERUND_NEXT.match(chunk, m.end())
            ):
                continue  # "that trade has almost entirely stopped": no halt by anyone
            if (
                cue.concept == _PATROL
                and _BARE_POST.fullmatch(m.group(0))
                and not _POSTED.search(chunk)
            ):
                continue  # "photographed guard posts": a thing on the border, none put up
            if cue.concept == _FORCED and not_sent_across(chunk, m.start(), m.end()):
                continue  # "hand them back" (the phones), "sent back to their home counties"
            if not cue.strong and _SPEAKS.match(chunk, m.end()):
                continue  # "the inspectors say they will …": the speakers, not a measure
            verb = _verb_span(m, offset)
            if (
                verb is None
                and cue.concept in _STRUCTURES
                and _LOCATIVE.search(chunk, 0, m.start())
                and not _JUST_BUILT.match(chunk, m.end())
            ):
                continue  # "mounted on the guard posts": a structure named as where, not built
            active = any(g in m.re.groupindex and m.group(g) is not None for g in ("v", "x"))
            if verb is not None and nominal(ctx, index, verb, active):
                continue  # "the police station", "the returned workers": no verb at all
            lo, hi = max(0, m.start() - _REFINE_REACH), m.end() + _REFINE_REACH
            if cue.concept == _CRACKDOWN:
                # an act's target is told in its own clause ("…, and three brokers were
                # detained" after "a van fitted with signal-tracking equipment")
                lo, hi = clause_window(chunk, m.start(), m.end(), lo, min(hi, len(chunk)))
            around = chunk[lo:hi]
            cue_text = chunk[m.start() : m.end()]
            after = chunk[m.end() : m.end() + 2 * _REFINE_REACH]
            abroad = cue.concept == _CRACKDOWN and _names_escape_route(ctx, index)
            concept = refine(
                cue.concept, around, cue_text, after, chunk[: m.start()], chunk, abroad
            )
            if concept == _FORCED:
                concept = sent_home_as_workers(concept, chunk, _under_2397(ctx, index))
            taken.append(
                Candidate(
                    concept,
                    span,
                    cue.strong,
                    i == _ROUTINE_PATROL,
                    i == _EPIDEMIC,
                    verb,
                    cue.kind,
                    cue.concept == _CRACKDOWN,
                    cue.act,
                    cue.also_needs.words if cue.also_needs and not cue.strong else frozenset(),
                )
            )
    named = [c for c in taken if not c.generic and c.strong and c.concept in SPECIFIC_CRACKDOWNS]
    if named:
        # "a non-socialist inspection group has been searching homes for phones": the
        # search is what the named campaign does, not another crackdown — unless it is told
        # in a clause of its own ("…, and three brokers were detained").
        taken = [c for c in taken if not c.generic or _apart(ctx, c, named)]
    specific = {c.concept for c in taken if c.concept not in _SPECIFIC_OVER_GENERIC}
    if specific:
        # "crackdown" next to "phones" is the phone crackdown already found, not another one.
        taken = [c for c in taken if c.concept not in _SPECIFIC_OVER_GENERIC or c.strong]
        enforced = [c for c in taken if c.concept in SPECIFIC_CRACKDOWNS | {_SANCTIONS}]
        if enforced:
            # "stepping up inspections of cargo, checking for items banned under UN
            # resolutions": the inspections are the sanctions enforcement
            taken = [c for c in taken if c.concept != _CRACKDOWN or _apart(ctx, c, enforced)]
    return sorted(taken, key=lambda c: c.span.begin)


@cache
def _anchored(i: int) -> AnchoredPattern:
    """The search of measure cue ``i``, anchored at the words its matches begin with."""
    return AnchoredPattern(MEASURE_CUES[i].pattern)


def _apart(ctx: ArticleContext, cand: Candidate, others: list[Candidate]) -> bool:
    """Whether a candidate is told in another clause than each of the others."""
    return all(not same_clause(ctx.folded, cand.span, o.span) for o in others)


# Structures named after a preposition of place are where something is, not built.
_STRUCTURES = {
    str(MEASURE.PatrolReinforcement),
    str(MEASURE.BarrierConstruction),
    str(MEASURE.SurveillanceInstallation),
}
_LOCATIVE = re.compile(
    r"\b(?:on|at|in|inside|from|near|beside|behind|to|into|onto|next\s+to|along|alongside|"
    r"around|across|over|atop)\s+(?:(?:the|a|an|each|every|its|their|this|that|these|those|several|"
    r"some|many|all|most|both|other|\d+|two|three|four|five|six|ten)\s+)+(?:[\w-]+\s+){0,2}?$"
    r"|\b(?:at|along|near|beside)\s+$",
    re.IGNORECASE,
)
# "… at the new fence built last year": the structure is told as put up after all.
_JUST_BUILT = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:built|erected|installed|completed|finished|put\s+up|set\s+up|"
    r"mounted|added)\b",
    re.IGNORECASE,
)
# A guard post named bare ("photographed guard posts", "the commander of a guard post") is a
# thing on the border: a reinforcement only with a word in its sentence of posts put up,
# added, staffed or grown in number.
_PATROL = str(MEASURE.PatrolReinforcement)
_BARE_POST = re.compile(r"guard\s+posts?", re.I)
_POSTED = re.compile(
    r"\b(?:new|add(?:s|ed|ing)?|put(?:s|ting)?|set(?:ting)?\s+up|buil[td]\w*|"
    r"(?:gone|went|go|goes|going)\s+up|doubl\w+|mann?(?:ed|ing|s)?|staff\w*|extra|more|"
    r"another|second|third|given|reinforc\w+|t[ao]ok\w*\s+over|taken\s+over|"
    r"turn\w*\s+(?:\w+\s+)?into|number\s+of|stands?|stood|erect\w*|establish\w*|sen[dt]\w*|"
    r"moved|empty|around\s+the\s+clock|until\s+dawn)\b",
    re.I,
)
_SPEAKS = re.compile(
    r"\s+(?:say|says|said|tell|tells|told|claim\w*|insist\w*|explain\w*|complain\w*)\b", re.I
)
_RESOLUTION_2397 = "/legal/unsc-resolution-2397"


def _under_2397(ctx: ArticleContext, index: int) -> bool:
    """Whether the sentence names resolution 2397 or one of its paragraphs (the worker
    repatriation resolution)."""
    return any(_RESOLUTION_2397 in m.entity for m in ctx.by_sentence.get(index, []))


def _verb_span(m: re.Match[str], offset: int) -> Span | None:
    """The span of a frame's verb (group ``v`` active, ``x`` active with its particle after
    the object, ``w`` passive), if it matched."""
    for name in ("v", "x", "w"):
        if name in m.re.groupindex and m.group(name):
            return Span(offset + m.start(name), offset + m.end(name))
    return None

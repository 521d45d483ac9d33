"""Policies: a measure type from frames and cue phrases, a status from the verbs around them.

Each sentence is searched for measure frames — a verb family and what it acts on, in any
inflection and voice (``set up new checkpoints``, ``houses were demolished``;
``policy_frames``) — whose own verb gives the status by its tense and aspect
(``policy_tense``), and for measure cues (``thermal imaging cameras``, ``crackdown on
phones``, ``sealed the border``); a cue without a verb takes the nearest status cue (``is set to`` →
Planned, ``ordered`` → Announced, ``has been in place`` → InForce, ``installed`` →
CarriedOut, ``relaxed`` → Eased, ``lifted`` / ``reopened`` → Lifted), overridden by
rumour words. A negated cue (``did not install``) yields no policy, except that a negated
lifting (``has not lifted``) means the measure is still in force. The framing of the
sentence then refines the status (``policy_status``: orders to guards are in force, plans
told to residents are announced), and mentions of one measure are merged while the same
measure by another country, at another date or on another thing stays apart
(``policy_merge``). Routine, hypothetical, contrastive and attributive mentions (``guards
continue to patrol``, ``as soon as the border reopened``, ``unlike the forced
repatriation``, ``North Koreans detained in China``) are no policy; nor are appeals,
powers granted, open questions, provisions described and people described by what was done
to them, denials, hopes of people who are not the authority and the purposes of another
measure (``policy_filters``). A campaign named after a preposition takes the status of its
own relative clause (``arrested during a sweep, which has been checking every house
since …``). The narrower type of a cue comes from its sentence
(``policy_types``); a measure named without a status word is dated or defaulted
(``policy_defaults``); ``a similar order`` takes the type of the order reported before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from borderkg.ontology.namespaces import MEASURE, STATUS

from .context import ArticleContext, distance
from .cues import SentenceWords, TriggerIndex, triggers, word_regex
from .model import Policy, Span
from .policy_cues import IN_FORCE_EXPLICIT, STATUS_CUES, STATUS_TRIGGERS
from .policy_cues import MEASURE_CUES as _PHRASE_CUES
from .policy_defaults import dated_past, default_status, measure_time, negated, new_installation
from .policy_filters import (
    anaphoric,
    appeal,
    argued,
    capacity,
    change_after,
    coordinated,
    descriptive,
    governing_change,
    hoped,
    lexical_status,
    nominal,
    provision,
    purpose,
    usable,
)
from .policy_frames import CHANGE_KINDS, FRAME_CUES, GENERIC_FRAMES
from .policy_frames_conduct import ANAPHORIC
from .policy_merge import Mention as _Found
from .policy_merge import back_reference, enforcing, merge, set_aside, superseded
from .policy_status import by_notice, refine_status, relative_clause
from .policy_tense import KIND_OF, RULE, verb_status
from .policy_types import refine, sent_home_as_workers

#: Frames (verb + object) first: they carry their own status; then the phrase cues, then
#: the enforcement frames whose type comes from their target.
MEASURE_CUES = FRAME_CUES + _PHRASE_CUES + GENERIC_FRAMES

_STATUS_GATES = [triggers(spec) if spec else None for spec in STATUS_TRIGGERS]
_STATUS_BY_GROUP = {f"s{i}": status for i, (status, _) in enumerate(STATUS_CUES)}
_MEASURE_INDEX = TriggerIndex([cue.triggers for cue in MEASURE_CUES])
# How far (in characters) a status cue may be from the measure cue it qualifies.
_STRONG_REACH, _WEAK_REACH = 120, 50
_STATUS_RANK = {status: i for i, (status, _) in enumerate(STATUS_CUES)}
_SAFE_IF_NEGATED = {str(STATUS.Lifted): str(STATUS.InForce), str(STATUS.Eased): str(STATUS.InForce)}
_RUMOURED, _IN_FORCE, _CARRIED_OUT = (
    str(STATUS.Rumoured),
    str(STATUS.InForce),
    str(STATUS.CarriedOut),
)
_OUTRANKED_BY_STATE = {str(STATUS.Announced), _CARRIED_OUT}
_SPECIFIC_CRACKDOWNS = {
    str(MEASURE.PhoneCrackdown),
    str(MEASURE.SmugglingCrackdown),
    str(MEASURE.DefectionCrackdown),
    str(MEASURE.NonSocialistInspection),
}
_SPECIFIC_OVER_GENERIC = {
    str(MEASURE.Crackdown),
    str(MEASURE.SurveillanceInstallation),
    str(MEASURE.NonSocialistInspection),
}


@dataclass
class _Candidate:
    concept: str
    span: Span
    strong: bool
    routine: bool = False  # plain patrolling: a reinforcement only when a change is reported
    change_only: bool = False  # "anti-epidemic measures": a measure only when eased or lifted
    verb: Span | None = None  # the frame's own verb, whose tense gives the status
    kind: str = ""  # the frame's aspectual class (policy_tense)
    generic: bool = False  # a generic crackdown cue, whatever type its target gave it


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
_CHANGES = {str(STATUS.Eased), str(STATUS.Lifted)}
_CRACKDOWN, _ANNOUNCED = str(MEASURE.Crackdown), str(STATUS.Announced)
_FORCED, _SANCTIONS = str(MEASURE.ForcedRepatriation), str(MEASURE.SanctionsEnforcement)
# A status under a condition ("would begin as soon as the border reopened") is not reported.
_HYPOTHETICAL = re.compile(r"\b(?:as soon as|once|if|unless|in case)\s+(?:[\w-]+\s+){0,4}$", re.I)
# How far (in characters) around a generic crackdown cue its narrower type is looked for.
_REFINE_REACH = 80


def _measure_matches(ctx: ArticleContext, index: int) -> list[_Candidate]:
    sent = ctx.sentences[index]
    chunk = ctx.folded[sent.begin : sent.end]
    offset = sent.begin
    taken: list[_Candidate] = []
    for i in _MEASURE_INDEX.fired(ctx.words, index):
        cue = MEASURE_CUES[i]
        unnamed = cue.needs_authority and not (
            ctx.has_authority(index) or _AUTHORITY_NOUN.search(ctx.folded, sent.begin, sent.end)
        )
        if unnamed and not _PASSIVE_WORDS.search(chunk):
            continue
        if cue.also_needs is not None and not ctx.words.has(index, cue.also_needs):
            continue
        for m in cue.pattern.finditer(chunk):
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
            verb = _verb_span(m, offset)
            active = any(g in m.re.groupindex and m.group(g) is not None for g in ("v", "x"))
            if verb is not None and nominal(ctx, index, verb, active):
                continue  # "the police station", "the returned workers": no verb at all
            around = chunk[max(0, m.start() - _REFINE_REACH) : m.end() + _REFINE_REACH]
            cue_text = chunk[m.start() : m.end()]
            after = chunk[m.end() : m.end() + 2 * _REFINE_REACH]
            concept = refine(cue.concept, around, cue_text, after, chunk[: m.start()], chunk)
            if concept == _FORCED:
                concept = sent_home_as_workers(concept, chunk, _under_2397(ctx, index))
            taken.append(
                _Candidate(
                    concept,
                    span,
                    cue.strong,
                    i == _ROUTINE_PATROL,
                    i == _EPIDEMIC,
                    verb,
                    cue.kind,
                    cue.concept == _CRACKDOWN,
                )
            )
    named = {c.concept for c in taken if not c.generic and c.strong}
    if named & _SPECIFIC_CRACKDOWNS:
        # "a non-socialist inspection group has been searching homes for phones": the
        # search is what the named campaign does, not another crackdown.
        taken = [c for c in taken if not c.generic]
    specific = {c.concept for c in taken if c.concept not in _SPECIFIC_OVER_GENERIC}
    if specific:
        # "crackdown" next to "phones" is the phone crackdown already found, not another one.
        taken = [c for c in taken if c.concept not in _SPECIFIC_OVER_GENERIC or c.strong]
        if specific & (_SPECIFIC_CRACKDOWNS | {_SANCTIONS}):
            # "stepping up inspections of cargo, checking for items banned under UN
            # resolutions": the inspections are the sanctions enforcement
            taken = [c for c in taken if c.concept != _CRACKDOWN]
    return sorted(taken, key=lambda c: c.span.begin)


_RESOLUTION_2397 = "/legal/unsc-resolution-2397"


def _under_2397(ctx: ArticleContext, index: int) -> bool:
    """Whether the sentence names resolution 2397 or one of its paragraphs (the worker
    repatriation resolution)."""
    return any(_RESOLUTION_2397 in m.entity for m in ctx.by_sentence.get(index, []))


_RULE_NOUN = re.compile(r"\b(?:order|ban|rule|directive|decree|instruction)", re.I)
# "a similar system": equipment, referring back to a measure that put some up.
_EQUIPMENT_NOUN = re.compile(r"\b(?:system|equipment|device|network)", re.I)
_EQUIPMENT_WORDS = re.compile(
    r"\b(?:system|equipment|device|network|jamm|camera|sensor|detector|transmitter|light|fence)",
    re.I,
)


def _referent(ctx: ArticleContext, span: Span, earlier: list[Policy]) -> str | None:
    """The type of the measure "a similar order" or "similar measures" refers back to: the
    last one reported before it with the same word (``ordered guards to shoot``), else the
    last rule for an order, ban or rule, for "a similar system" the last one that put up
    equipment, else the last measure."""
    noun = _RULE_NOUN.search(ctx.folded, span.begin, span.end)
    if _EQUIPMENT_NOUN.search(ctx.folded, span.begin, span.end):
        built = [
            p
            for p in earlier
            if any(_EQUIPMENT_WORDS.search(ctx.folded, e.begin, e.end) for e in p.evidence)
        ]
        earlier = built or earlier
    elif noun:
        word = re.compile(rf"\b{noun.group(0)}", re.I)
        named = [
            p for p in earlier if any(word.search(ctx.folded, e.begin, e.end) for e in p.evidence)
        ]
        earlier = named or [p for p in earlier if KIND_OF.get(p.measure_type) == RULE]
    return max(earlier, key=lambda p: p.sentence).measure_type if earlier else None


def _verb_span(m: re.Match[str], offset: int) -> Span | None:
    """The span of a frame's verb (group ``v`` active, ``x`` active with its particle after
    the object, ``w`` passive), if it matched."""
    for name in ("v", "x", "w"):
        if name in m.re.groupindex and m.group(name):
            return Span(offset + m.start(name), offset + m.end(name))
    return None


@cache
def _statuses_regex(fired: tuple[bool, ...]) -> re.Pattern[str]:
    """One alternation of the status cues a sentence can match, each a named group; leaving
    out those whose words the sentence lacks changes no match and saves most of the search."""
    return word_regex(
        "|".join(
            f"(?P<s{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(STATUS_CUES) if fired[i]
        )
    )


def status_pattern(words: SentenceWords, index: int) -> re.Pattern[str]:
    """The status cues sentence ``index`` can match, as one alternation of named groups."""
    return _statuses_regex(tuple(g is None or words.has(index, g) for g in _STATUS_GATES))


def _status_matches(ctx: ArticleContext, index: int) -> list[tuple[str, Span]]:
    """Status cues of a sentence; at one position the earlier status in the lexicon wins.

    Done-deed participles used as adjectives or governed by ``to`` / a modal are left out.
    """
    sent = ctx.sentences[index]
    out: list[tuple[str, Span]] = []
    for m in status_pattern(ctx.words, index).finditer(ctx.folded, sent.begin, sent.end):
        status = _STATUS_BY_GROUP[m.lastgroup or ""]
        span = Span(m.start(), m.end())
        if usable(ctx, index, status, span):
            out.append((status, span))
    return out


def _choose_status(
    ctx: ArticleContext,
    index: int,
    cand: _Candidate,
    statuses: list[tuple[str, Span]],
    explicit: list[Span],
) -> tuple[str, Span] | None:
    """The status that qualifies a measure cue: rumour words first, then the frame's own
    verb in its tense, else the nearest status cue close enough; a stated state or a
    change told right after the measure wins over a done deed."""
    rumoured = [s for s in statuses if s[0] == _RUMOURED]
    if rumoured:
        return rumoured[0]
    reach = _STRONG_REACH if cand.strong else _WEAK_REACH
    near = [s for s in statuses if distance(s[1], cand.span) <= reach]
    chosen = (
        _own_status(ctx, index, cand)
        or _governing(ctx, cand, near)
        or relative_clause(ctx, index, cand.span, near)
    )
    if chosen is None:
        if not near:
            return None
        chosen = min(near, key=lambda s: (distance(s[1], cand.span), _STATUS_RANK[s[0]]))
        if chosen[0] == _CARRIED_OUT:
            tensed = lexical_status(ctx, index, cand.concept, chosen[1], cand.span)
            chosen = (tensed or chosen[0], chosen[1])
    if chosen[0] in _OUTRANKED_BY_STATE:
        # "the order issued in 2020 remained in force": the stated state wins.
        states = [e for e in explicit if distance(e, cand.span) <= reach]
        if states:
            return _IN_FORCE, min(states, key=lambda e: distance(e, cand.span))
    if chosen[0] not in _CHANGES:
        return (
            governing_change(ctx, index, cand.span, statuses)
            or change_after(ctx, index, cand.span, near)
            or chosen
        )
    return chosen


# Between a modal status cue and the verb it governs: "will (soon) be", "would also be".
_TO_VERB = re.compile(
    r"^\s*(?:(?:\w+ly|also|now|soon|still|then)\s+)*(?:be\s+|have\s+been\s+)?(?:\w+ly\s+)?$", re.I
)


def _governing(
    ctx: ArticleContext, cand: _Candidate, near: list[tuple[str, Span]]
) -> tuple[str, Span] | None:
    """The status cue that governs a frame's verb (``will be placed under watch``): it
    outranks status words inside the frame (``round-the-clock``)."""
    if cand.verb is None:
        return None
    verb = cand.verb
    for status, span in near:
        if span.begin < verb.begin and (
            span.end > verb.begin or _TO_VERB.match(ctx.folded[span.end : verb.begin])
        ):
            return status, span
    return None


def _own_status(ctx: ArticleContext, index: int, cand: _Candidate) -> tuple[str, Span] | None:
    """The status a frame's verb gives by its tense (None without a finite verb)."""
    if cand.verb is None or not cand.kind:
        return None
    sent = ctx.sentences[index]
    verb = ctx.folded[cand.verb.begin : cand.verb.end]
    status = verb_status(cand.kind, verb, ctx.folded[sent.begin : cand.verb.begin])
    if status is None and cand.kind in CHANGE_KINDS:
        return None
    return (status, cand.verb) if status else None


def find_policies(ctx: ArticleContext) -> list[Policy]:
    """Policies of an article, one per distinct measure, in order of first evidence."""
    raw: list[tuple[Policy, bool]] = []
    acts: set[int] = set()  # policies found by a generic act of enforcement ("arrested")
    for index, sent in enumerate(ctx.sentences):
        if index in ctx.headings:
            continue
        measures = _measure_matches(ctx, index)
        if not measures:
            continue
        chunk = ctx.folded[sent.begin : sent.end]
        statuses = _status_matches(ctx, index)
        explicit = [
            Span(sent.begin + m.start(), sent.begin + m.end())
            for m in IN_FORCE_EXPLICIT.finditer(chunk)
        ]
        seen: set[tuple[str, str, object]] = set()
        for cand in measures:
            if (
                appeal(ctx, index, cand.span)
                or capacity(ctx, index, cand.span)
                or descriptive(ctx, index, cand.span)
                or provision(ctx, index, cand.span)
                or hoped(ctx, index, cand.span)
                or purpose(ctx, index, cand.verb)
            ):
                continue
            if cand.verb is None:
                # "installed thermal cameras and motion sensors": the verb governs both.
                lead = coordinated(ctx, cand.span, [(o.span, o.verb, o.kind) for o in measures])
                if lead is not None:
                    cand.verb, cand.kind = lead
            if cand.concept == _CRACKDOWN:
                earlier = [p for p, _ in raw]
                cand.concept = anaphoric(ctx, index, cand.span, earlier) or cand.concept
            elif cand.concept == ANAPHORIC:
                referent = _referent(ctx, cand.span, [p for p, _ in raw if p.sentence < index])
                if referent is None:
                    continue
                cand.concept = referent
            # A status verb inside another measure's cue ("since the border reopened")
            # belongs to that measure.
            own = [
                st
                for st in statuses
                if st[1].overlaps(cand.span)
                or not any(
                    o is not cand
                    and o.span.contains(st[1])
                    and (cand.verb is None or o.verb != cand.verb)
                    for o in measures
                )
            ]
            chosen = _choose_status(ctx, index, cand, own, explicit)
            if chosen is None:
                # A bare measure noun in a legal argument ("the repatriations violate
                # Article 33") is what the claim is about, not a report of a measure, unless
                # it is dated ("condemned China's forced return of hundreds last month").
                legal = (ctx.has_legal(index) or argued(ctx, index, cand.span)) and not dated_past(
                    ctx, index, cand.span
                )
                built = new_installation(ctx, index, cand.concept, cand.span)
                if not (cand.strong or built) or legal or set_aside(ctx, index, cand.span):
                    continue
                if cand.verb is not None and negated(ctx, index, cand.verb):
                    continue  # "did not install any cameras"
                if ctx.denied(index, cand.span.begin):
                    continue  # "denied reports of a new fence"
                status = _CARRIED_OUT if built else default_status(ctx, index, cand.span)
                evidence, defaulted = cand.span, True
            else:
                status, cue_span = chosen
                defaulted = False
                if negated(ctx, index, cue_span, cand.span):
                    if status not in _SAFE_IF_NEGATED:
                        continue
                    status = _SAFE_IF_NEGATED[status]
                evidence = Span(
                    min(cand.span.begin, cue_span.begin), max(cand.span.end, cue_span.end)
                )
                status = refine_status(ctx, index, cand.concept, status, cue_span, evidence)
            stated = not defaulted and status == _IN_FORCE and cue_span != cand.verb
            if not stated:
                status = by_notice(ctx, index, status)
            if cand.routine and status == _IN_FORCE:
                continue  # "guards continue to patrol" reports no reinforcement
            if cand.change_only and status not in _CHANGES:
                continue
            if not defaulted and _HYPOTHETICAL.search(ctx.before(index, cue_span.begin, 40)):
                continue
            if back_reference(ctx, index, cand.span, [p for p, _ in raw]):
                continue
            time = measure_time(ctx, index, evidence)
            key = (cand.concept, status, time.earliest if time else None)
            if key in seen:
                continue
            seen.add(key)
            # A frame with a verb reports the measure even when its tense is unknown.
            bare = defaulted and cand.verb is None
            built_policy = _build(ctx, index, cand, status, evidence)
            if cand.generic:
                acts.add(id(built_policy))
            raw.append((built_policy, bare))
        raw = enforcing(ctx, index, superseded(ctx, index, raw))
    return merge(ctx, [_Found(p, d, id(p) in acts) for p, d in raw])


def _build(ctx: ArticleContext, sent: int, cand: _Candidate, status: str, evidence: Span) -> Policy:
    roles = ctx.roles(sent, evidence, issuing=status == _ANNOUNCED)
    places, precision, inferred = ctx.places(sent)
    return Policy(
        local="",
        measure_type=cand.concept,
        status=status,
        sentence=sent,
        evidence=[evidence],
        issued_by=roles.issuers,
        implemented_by=roles.implementers,
        targets=roles.groups,
        places=places,
        location_precision=precision,
        place_inferred=inferred,
        time=measure_time(ctx, sent, evidence),
        quantities=ctx.quantities_in(sent),
        legal_basis=ctx.legal_basis(sent),
    )

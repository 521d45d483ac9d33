"""Policies: a measure type from cue phrases, a status from the verbs around them.

Each sentence is searched for measure cues (``thermal imaging cameras``, ``crackdown on
phones``, ``sealed the border``); the status is the nearest status cue (``is set to`` →
Planned, ``ordered`` → Announced, ``has been in place`` → InForce, ``installed`` →
CarriedOut, ``relaxed`` → Eased, ``lifted`` / ``reopened`` → Lifted), overridden by
rumour words. A negated cue (``did not install``) yields no policy, except that a negated
lifting (``has not lifted``) means the measure is still in force. The framing of the
sentence then refines the status (``policy_status``: orders to guards are in force, plans
told to residents are announced), and mentions of one measure are merged while the same
measure by another country, at another date or on another thing stays apart
(``policy_merge``). Routine, hypothetical, contrastive and attributive mentions (``guards
continue to patrol``, ``as soon as the border reopened``, ``unlike the forced
repatriation``, ``North Koreans detained in China``) are no policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from borderkg.ontology.namespaces import MEASURE, STATUS

from .context import ArticleContext, distance
from .cues import TriggerIndex, word_regex
from .model import Policy, Span
from .policy_cues import IN_FORCE_EXPLICIT, MEASURE_CUES, STATUS_CUES, SUBTYPES
from .policy_merge import Mention as _Found
from .policy_merge import back_reference, merge, set_aside
from .policy_status import refine_status

_ALL_STATUSES = word_regex(
    "|".join(f"(?P<s{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(STATUS_CUES))
)
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


# Arrest verbs used as a participle after a noun ("North Koreans detained in China") describe
# people, not an arrest by an authority.
_ATTRIBUTIVE = re.compile(
    r"^\s+(?:in|at(?!\s+(?:least|most)\b)|by|for|since|on|during|after|near|inside|across)\b", re.I
)
_AUXILIARY = re.compile(r"\b(?:been|was|were|are|is|be|being|get|got|gets)\s+(?:\w+ly\s+)?$", re.I)
_ROUTINE_PATROL, _EPIDEMIC = (
    MEASURE_CUES.index(next(c for c in MEASURE_CUES if c.concept == str(concept) and not c.strong))
    for concept in (MEASURE.PatrolReinforcement, MEASURE.BorderClosure)
)
_CHANGES = {str(STATUS.Eased), str(STATUS.Lifted)}
_CRACKDOWN, _ANNOUNCED = str(MEASURE.Crackdown), str(STATUS.Announced)
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
        if cue.needs_authority and not ctx.has_authority(index):
            continue
        for m in cue.pattern.finditer(chunk):
            span = Span(offset + m.start(), offset + m.end())
            if any(span.overlaps(t.span) for t in taken):
                continue
            if (
                cue.needs_authority
                and _ATTRIBUTIVE.match(chunk[m.end() :])
                and not _AUXILIARY.search(chunk[: m.start()])
            ):
                continue
            around = chunk[max(0, m.start() - _REFINE_REACH) : m.end() + _REFINE_REACH]
            concept = _refine(cue.concept, around)
            taken.append(
                _Candidate(concept, span, cue.strong, i == _ROUTINE_PATROL, i == _EPIDEMIC)
            )
    specific = {c.concept for c in taken if c.concept not in _SPECIFIC_OVER_GENERIC}
    if specific:
        # "crackdown" next to "phones" is the phone crackdown already found, not another one.
        taken = [c for c in taken if c.concept not in _SPECIFIC_OVER_GENERIC or c.strong]
        if specific & _SPECIFIC_CRACKDOWNS:
            taken = [c for c in taken if c.concept != _CRACKDOWN]
    return sorted(taken, key=lambda c: c.span.begin)


def _refine(concept: str, chunk: str) -> str:
    """A generic crackdown becomes the narrower type its sentence names."""
    if concept != _CRACKDOWN:
        return concept
    for subtype, pattern in SUBTYPES:
        if pattern.search(chunk):
            return subtype
    return concept


def _status_matches(chunk: str, offset: int) -> list[tuple[str, Span]]:
    """Status cues of a sentence; at one position the earlier status in the lexicon wins."""
    out: list[tuple[str, Span]] = []
    for m in _ALL_STATUSES.finditer(chunk):
        status = _STATUS_BY_GROUP[m.lastgroup or ""]
        out.append((status, Span(offset + m.start(), offset + m.end())))
    return out


def _choose_status(
    cand: _Candidate, statuses: list[tuple[str, Span]], explicit: list[Span]
) -> tuple[str, Span] | None:
    """The status cue that qualifies a measure cue, if any is close enough."""
    rumoured = [s for s in statuses if s[0] == _RUMOURED]
    if rumoured:
        return rumoured[0]
    reach = _STRONG_REACH if cand.strong else _WEAK_REACH
    near = [s for s in statuses if distance(s[1], cand.span) <= reach]
    if not near:
        return None
    chosen = min(near, key=lambda s: (distance(s[1], cand.span), _STATUS_RANK[s[0]]))
    if chosen[0] in _OUTRANKED_BY_STATE:
        # "the order issued in 2020 remained in force": the stated state wins.
        states = [e for e in explicit if distance(e, cand.span) <= reach]
        if states:
            return _IN_FORCE, min(states, key=lambda e: distance(e, cand.span))
    return chosen


def find_policies(ctx: ArticleContext) -> list[Policy]:
    """Policies of an article, one per distinct measure, in order of first evidence."""
    raw: list[tuple[Policy, bool]] = []
    for index, sent in enumerate(ctx.sentences):
        if index in ctx.headings:
            continue
        measures = _measure_matches(ctx, index)
        if not measures:
            continue
        chunk = ctx.folded[sent.begin : sent.end]
        statuses = _status_matches(chunk, sent.begin)
        explicit = [
            Span(sent.begin + m.start(), sent.begin + m.end())
            for m in IN_FORCE_EXPLICIT.finditer(chunk)
        ]
        seen: set[tuple[str, str, object]] = set()
        for cand in measures:
            # A status verb inside another measure's cue ("since the border reopened")
            # belongs to that measure.
            own = [
                st
                for st in statuses
                if st[1].overlaps(cand.span)
                or not any(o is not cand and o.span.contains(st[1]) for o in measures)
            ]
            chosen = _choose_status(cand, own, explicit)
            if chosen is None:
                # A bare measure noun in a legal argument ("the repatriations violate
                # Article 33") is what the claim is about, not a report of a measure.
                if not cand.strong or ctx.has_legal(index) or set_aside(ctx, index, cand.span):
                    continue
                status, evidence, defaulted = _default_status(ctx, index, cand), cand.span, True
            else:
                status, cue_span = chosen
                defaulted = False
                if ctx.negated(index, cue_span, cand.span):
                    if status not in _SAFE_IF_NEGATED:
                        continue
                    status = _SAFE_IF_NEGATED[status]
                evidence = Span(
                    min(cand.span.begin, cue_span.begin), max(cand.span.end, cue_span.end)
                )
                status = refine_status(ctx, index, cand.concept, status, cue_span, evidence)
            if cand.routine and status == _IN_FORCE:
                continue  # "guards continue to patrol" reports no reinforcement
            if cand.change_only and status not in _CHANGES:
                continue
            if not defaulted and _HYPOTHETICAL.search(ctx.before(index, cue_span.begin, 40)):
                continue
            if back_reference(ctx, index, cand.span, [p for p, _ in raw]):
                continue
            time = ctx.time(index, evidence)
            key = (cand.concept, status, time.earliest if time else None)
            if key in seen:
                continue
            seen.add(key)
            raw.append((_build(ctx, index, cand, status, evidence), defaulted))
    return merge(ctx, [_Found(p, d) for p, d in raw])


def _default_status(ctx: ArticleContext, index: int, cand: _Candidate) -> str:
    """Status of a measure named without a verb: a dated past one was carried out."""
    time = ctx.time(index, cand.span)
    past = time is not None and time.latest is not None
    if past and (ctx.published is None or time.latest < ctx.published):  # type: ignore[union-attr]
        return _CARRIED_OUT
    return _IN_FORCE


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
        time=ctx.time(sent, evidence),
        quantities=ctx.quantities_in(sent),
        legal_basis=ctx.legal_basis(sent),
    )

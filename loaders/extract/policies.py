"""Policies: a measure type from cue phrases, a status from the verbs around them.

Each sentence is searched for measure cues (``thermal imaging cameras``, ``crackdown on
phones``, ``sealed the border``); the status is the nearest status cue (``is set to`` →
Planned, ``ordered`` → Announced, ``has been in place`` → InForce, ``installed`` →
CarriedOut, ``relaxed`` → Eased, ``lifted`` / ``reopened`` → Lifted), overridden by
rumour words. A negated cue (``did not install``) yields no policy, except that a negated
lifting (``has not lifted``) means the measure is still in force. The same measure with
the same status in one article is one policy with several pieces of evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from borderkg.ontology.namespaces import MEASURE, STATUS

from .context import ArticleContext, distance
from .cues import TriggerIndex, word_regex
from .model import Policy, Span
from .policy_cues import IN_FORCE_EXPLICIT, MEASURE_CUES, STATUS_CUES, SUBTYPES

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
            taken.append(_Candidate(_refine(cue.concept, chunk), span, cue.strong))
    specific = {c.concept for c in taken if c.concept not in _SPECIFIC_OVER_GENERIC}
    if specific:
        # "crackdown" next to "phones" is the phone crackdown already found, not another one.
        taken = [c for c in taken if c.concept not in _SPECIFIC_OVER_GENERIC or c.strong]
        if specific & _SPECIFIC_CRACKDOWNS:
            taken = [c for c in taken if c.concept != str(MEASURE.Crackdown)]
    return sorted(taken, key=lambda c: c.span.begin)


def _refine(concept: str, chunk: str) -> str:
    """A generic crackdown becomes the narrower type its sentence names."""
    if concept != str(MEASURE.Crackdown):
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
            chosen = _choose_status(cand, statuses, explicit)
            if chosen is None:
                # A bare measure noun in a legal argument ("the repatriations violate
                # Article 33") is what the claim is about, not a report of a measure.
                if not cand.strong or ctx.has_legal(index):
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
            time = ctx.time(index, evidence)
            key = (cand.concept, status, time.earliest if time else None)
            if key in seen:
                continue
            seen.add(key)
            raw.append((_build(ctx, index, cand, status, evidence), defaulted))
    return _merge(raw)


def _default_status(ctx: ArticleContext, index: int, cand: _Candidate) -> str:
    """Status of a measure named without a verb: a dated past one was carried out."""
    time = ctx.time(index, cand.span)
    past = time is not None and time.latest is not None
    if past and (ctx.published is None or time.latest < ctx.published):  # type: ignore[union-attr]
        return _CARRIED_OUT
    return _IN_FORCE


def _build(ctx: ArticleContext, sent: int, cand: _Candidate, status: str, evidence: Span) -> Policy:
    roles = ctx.roles(sent, evidence, issuing=status == str(STATUS.Announced))
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


def _compatible(a: Policy, b: Policy) -> bool:
    """Whether two mentions of the same measure type and status can be one measure.

    Different dates make different measures; places are not compared, because a sentence
    often names places that only situate the measure ("across from Hyesan").
    """
    if a.time and b.time and a.time.earliest and b.time.earliest:
        return a.time.earliest == b.time.earliest
    return True


def _merge(raw: list[tuple[Policy, bool]]) -> list[Policy]:
    out: list[Policy] = []
    measures_with_evidence = {p.measure_type for p, defaulted in raw if not defaulted}
    specific_crackdown = bool(measures_with_evidence & _SPECIFIC_CRACKDOWNS)
    for policy, defaulted in raw:
        if defaulted and policy.measure_type in measures_with_evidence:
            continue
        # "the crackdown" in an article about a phone crackdown is that crackdown.
        if specific_crackdown and policy.measure_type == str(MEASURE.Crackdown):
            continue
        into = next(
            (
                p
                for p in out
                if (p.measure_type, p.status) == (policy.measure_type, policy.status)
                and _compatible(p, policy)
            ),
            None,
        )
        if into is None:
            out.append(policy)
            continue
        into.evidence += [e for e in policy.evidence if e not in into.evidence]
        for name in ("issued_by", "implemented_by", "targets", "quantities", "legal_basis"):
            target = getattr(into, name)
            target += [x for x in getattr(policy, name) if x not in target]
        better_time = policy.time is not None and policy.time.earliest is not None
        if into.time is None or (into.time.earliest is None and better_time):
            into.time = policy.time or into.time
        if into.place_inferred and not policy.place_inferred:
            into.places, into.location_precision = policy.places, policy.location_precision
            into.place_inferred = False
    for i, policy in enumerate(out, start=1):
        policy.local = f"policy-{i}"
    return out

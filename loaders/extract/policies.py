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

The candidates of a sentence come from ``policy_candidates``, the status each takes from
``policy_choice``; this module turns them into policies and merges them. A start date
(``with effect from March 1``, ``The rule took effect on …``) and a lifting told by reference
(``That order was lifted on …``) then decide where a merged measure stands
(``policy_referred``). A merged policy's
place leaves out the other bank it faces and where it was heard of (``roles_places``). Last,
the verb form governing a measure may correct its status (``policy_status_forms``: ``were
made to stand`` is done, ``is to get`` planned, ``are now manned`` in force).
A clause that the rules left without a measure in a sentence where they kept one is read by
the sentence model alone (``policy_clause_model``): two measures told in one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from borderkg.ontology.namespaces import MEASURE, STATUS

from .bullets import lead_roles, told_items
from .context import ArticleContext
from .model import Policy, Span, TimeInfo
from .policy_abandoned import abandoned
from .policy_bases import carried_bases
from .policy_campaign import campaign_type, keep_charged
from .policy_candidates import Candidate, measure_matches
from .policy_choice import choose_status, status_matches, status_pattern
from .policy_clause_model import clause_proposals, clause_roles
from .policy_conditionals import conditional
from .policy_deeds import done_deeds
from .policy_defaults import (
    dated_past,
    default_status,
    ended,
    measure_time,
    negated,
    new_installation,
    no_longer,
    unreported,
)
from .policy_easing import background_closures, let_back_targets, shortened_holds
from .policy_filters import (
    anaphoric,
    argued,
    asks,
    capacity,
    coordinated,
    descriptive,
    hoped,
    provision,
    purpose,
)
from .policy_frames_conduct import ANAPHORIC
from .policy_frames_deontic import PROHIBITS
from .policy_heads import judged
from .policy_hearsay import RUMOURED, doubted, hearsay_time
from .policy_merge import Mention as _Found
from .policy_merge import back_reference, enforcing, merge, set_aside, superseded
from .policy_model import narrower_crackdown, proposals
from .policy_obliged import held_requirement, held_requirements
from .policy_provisions import told_provisions
from .policy_quoted import quoted_again
from .policy_referred import referred_changes
from .policy_status import by_notice, promised_rewards, refine_status
from .policy_status_cues import IN_FORCE_EXPLICIT
from .policy_status_forms import governed_status
from .policy_talk import appeal, discussed
from .policy_tense import KIND_OF, RULE
from .policy_types_learned import proposed_type
from .policy_unknowns import unanswered
from .roles import shooting_guards
from .roles_hearers import drop_hearers
from .roles_means import drop_means
from .roles_obliged import obliged_enforcers, shooters
from .roles_phrases import phrase_targets
from .roles_places import own_places
from .roles_possessed import possessed_targets
from .roles_qualified import drop_qualifiers
from .roles_referred import referred_people
from .roles_rivers import referred_rivers
from .roles_targets import refer_targets
from .roles_undergo import undergoing

__all__ = ["find_policies", "status_pattern"]

_SAFE_IF_NEGATED = {str(STATUS.Lifted): str(STATUS.InForce), str(STATUS.Eased): str(STATUS.InForce)}
_IN_FORCE, _CARRIED_OUT, _LIFTED = str(STATUS.InForce), str(STATUS.CarriedOut), str(STATUS.Lifted)
_CHANGES = {str(STATUS.Eased), str(STATUS.Lifted)}
_CRACKDOWN, _ANNOUNCED = str(MEASURE.Crackdown), str(STATUS.Announced)
# A requirement's own verb: "no longer need a permit" lifts it.
_REQUIRING = re.compile(r"(?:needs?|requires?|required|must)\b", re.I)
# A status under a condition ("would begin as soon as the border reopened") is not reported.
_HYPOTHETICAL = re.compile(r"\b(?:as soon as|once|if|unless|in case)\s+(?:[\w-]+\s+){0,4}$", re.I)


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
    return max(earlier, key=lambda p: p.evidence[0].begin).measure_type if earlier else None


def _negated(ctx: ArticleContext, index: int, cue: Span, measure: Span) -> bool:
    """Whether a status cue is negated; a measure that is itself a prohibition (``nobody
    may``, ``are not allowed to``) is negated only by what comes before it."""
    if PROHIBITS.match(ctx.folded, measure.begin) is None:
        return negated(ctx, index, cue, measure)
    first = min(cue.begin, measure.begin)
    return negated(ctx, index, Span(first, first + 1))


#: What is settled once the mentions are merged, in order (each step takes and gives the
#: article's policies): statuses told by reference, then targets, places, the roles of
#: bulleted lists and bases, and last the statuses the verb forms give.
_SETTLED: tuple[Callable[[ArticleContext, list[Policy]], list[Policy]], ...] = (
    promised_rewards,
    referred_changes,
    shortened_holds,
    shooting_guards,
    phrase_targets,
    refer_targets,
    referred_people,
    undergoing,
    obliged_enforcers,
    possessed_targets,
    drop_means,
    drop_qualifiers,
    shooters,
    drop_hearers,
    own_places,
    referred_rivers,
    background_closures,
    let_back_targets,
    lead_roles,
    carried_bases,
    done_deeds,
    governed_status,
)


def find_policies(ctx: ArticleContext) -> list[Policy]:
    """Policies of an article, one per distinct measure, in order of first evidence."""
    raw: list[tuple[Policy, bool]] = []
    acts: set[int] = set()  # policies found by a generic act of enforcement ("arrested")
    proposed: set[int] = set()  # policies the trained model proposed
    # Sentences whose measure cue the rules set aside as no report of a measure taken (a
    # purpose, a hope, a routine, a denial …): the model must not propose one there either.
    refused: set[int] = set()
    referred: dict[int, set[str]] = {}  # the types a sentence only refers back to
    for index, sent in enumerate(ctx.sentences):
        if index in ctx.headings:
            continue
        measures = measure_matches(ctx, index)
        if not measures:
            continue
        chunk = ctx.folded[sent.begin : sent.end]
        statuses = status_matches(ctx, index)
        explicit = [
            Span(sent.begin + m.start(), sent.begin + m.end())
            for m in IN_FORCE_EXPLICIT.finditer(chunk)
        ]
        seen: set[tuple[str, str, object]] = set()
        for cand in measures:
            if (
                appeal(ctx, index, cand.span)
                or discussed(ctx, index, cand.span)
                or capacity(ctx, index, cand.span)
                or descriptive(ctx, index, cand.span)
                or provision(ctx, index, cand.span)
                or hoped(ctx, index, cand.span)
                or conditional(ctx, index, cand.span)
                or unanswered(ctx, index, cand.span)
                or abandoned(ctx, index, cand.span)
                or purpose(ctx, index, cand.verb)
                or asks(ctx, index)
            ):
                refused.add(index)
                continue
            if cand.verb is None:
                # "installed thermal cameras and motion sensors": the verb governs both.
                lead = coordinated(ctx, cand.span, [(o.span, o.verb, o.kind) for o in measures])
                if lead is not None:
                    cand.verb, cand.kind = lead
            if cand.concept == _CRACKDOWN:
                earlier = [p for p, _ in raw]
                cand.concept = anaphoric(ctx, index, cand.span, earlier) or cand.concept
                if cand.concept == _CRACKDOWN and cand.generic and cand.kind != RULE:
                    cand.concept = (
                        campaign_type(ctx, index, narrower_crackdown(ctx, index)) or cand.concept
                    )
            elif cand.concept == ANAPHORIC:
                told = [p for p, _ in raw if p.evidence[0].end <= cand.span.begin]
                referent = _referent(ctx, cand.span, told)
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
            chosen = choose_status(ctx, index, cand, own, explicit)
            if chosen is None:
                # A bare measure noun in a legal argument ("the repatriations violate
                # Article 33") is what the claim is about, not a report of a measure, unless
                # it is dated ("condemned China's forced return of hundreds last month").
                legal = (ctx.has_legal(index) or argued(ctx, index, cand.span)) and not dated_past(
                    ctx, index, cand.span
                )
                built = new_installation(ctx, index, cand.concept, cand.span)
                if (
                    legal
                    or set_aside(ctx, index, cand.span)
                    or unreported(ctx, index, cand.span, cand.verb)
                ):
                    # a legal argument, or "did not install", "no longer face quarantine"
                    refused.add(index)
                    continue
                if not (cand.strong or built):
                    continue  # a weak cue alone: the model may still read the sentence
                status = _CARRIED_OUT if built else default_status(ctx, index, cand.span)
                evidence, defaulted = cand.span, True
            else:
                status, cue_span = chosen
                defaulted = False
                if _negated(ctx, index, cue_span, cand.span):
                    if (
                        status == _IN_FORCE
                        and (cue_span != cand.verb or _REQUIRING.match(ctx.folded, cue_span.begin))
                        and no_longer(ctx, index, cue_span)
                    ):
                        # "are no longer required to stay in quarantine" (a rule's own verb
                        # "no longer spend two weeks in isolation" only says what changed)
                        status = _LIFTED
                    elif status not in _SAFE_IF_NEGATED:
                        refused.add(index)
                        continue
                    else:
                        status = _SAFE_IF_NEGATED[status]
                evidence = Span(
                    min(cand.span.begin, cue_span.begin), max(cand.span.end, cue_span.end)
                )
                status = refine_status(ctx, index, cand.concept, status, cue_span, evidence)
                if ended(ctx, index, cand.span):
                    status = _LIFTED  # "…, ending a five-year halt to freight"
            status = held_requirement(
                ctx.folded, ctx.sentences[index], cand.span, status, cand.concept
            )
            if doubted(ctx, index):
                status = RUMOURED  # "…, though the source could not confirm it"
            stated = not defaulted and status == _IN_FORCE and cue_span != cand.verb
            if not stated:
                status = by_notice(ctx, index, status)
            if cand.routine and status == _IN_FORCE:
                refused.add(index)
                continue  # "guards continue to patrol" reports no reinforcement
            if cand.change_only and status not in _CHANGES:
                continue
            if not defaulted and _HYPOTHETICAL.search(ctx.before(index, cue_span.begin, 40)):
                refused.add(index)
                continue
            if back_reference(ctx, index, cand.span, [p for p, _ in raw], cand.concept, status):
                # "since the arrests": the model may still read what else the sentence
                # reports, but not the measure referred back to
                referred.setdefault(index, set()).add(cand.concept)
                continue
            time = measure_time(ctx, index, evidence, announced=status == _ANNOUNCED)
            time = hearsay_time(ctx.folded, status, time, evidence)
            key = (cand.concept, status, time.earliest if time else None)
            if key in seen:
                continue
            seen.add(key)
            # A frame with a verb reports the measure even when its tense is unknown.
            bare = defaulted and cand.verb is None
            built_policy = _build(ctx, index, cand, status, evidence, time)
            if cand.generic or cand.act:
                acts.add(id(built_policy))
            raw.append((built_policy, bare))
        raw = told_provisions(ctx, index, enforcing(ctx, index, superseded(ctx, index, raw)))
    # Sentences where the rules kept no measure and refused none (no cue, or only cues too
    # weak alone): the trained model may propose one there.
    skip = {p.sentence for p, _ in raw} | refused
    found = proposals(ctx, skip) + clause_proposals(ctx, [p for p, _ in raw], refused)
    for index, cand, status, defaulted in sorted(found, key=lambda f: f[1].span.begin):
        # the sentence, or the clause a clause proposal reads
        cand.concept = proposed_type(cand.concept, ctx.folded[cand.span.begin : cand.span.end])
        if cand.concept in referred.get(index, ()):
            continue
        at = next((i for i, (p, _) in enumerate(raw) if p.sentence > index), len(raw))
        time = measure_time(ctx, index, cand.span)
        built_policy = _build(ctx, index, cand, status, cand.span, time)
        if cand.span != ctx.sentences[index]:
            clause_roles(ctx, built_policy, cand.span)
        proposed.add(id(built_policy))
        raw.insert(at, (built_policy, defaulted))
    # The learned heads may overrule a mention's type or status where the rules' signal is weak.
    mentions = [(p, d, id(p) in acts) for p, d in raw]
    judged_policies = keep_charged(ctx, [p for p, _, _ in mentions], judged(ctx, mentions))
    held_requirements(ctx.folded, ctx.sentences, judged_policies)
    told_items(ctx.folded, ctx.sentences, ctx.lists(), judged_policies)
    mentioned = [
        _Found(p, d, act, id(original) in proposed)
        for p, (original, d, act) in zip(judged_policies, mentions, strict=True)
    ]
    # a measure a quotation only tells again of one the rules found outside quotations
    kept = {
        id(p)
        for p in quoted_again(
            ctx, [m.policy for m in mentioned], [m.policy for m in mentioned if not m.proposed]
        )
    }
    merged = merge(ctx, [m for m in mentioned if id(m.policy) in kept])
    for step in _SETTLED:
        merged = step(ctx, merged)
    return merged


def _build(
    ctx: ArticleContext,
    sent: int,
    cand: Candidate,
    status: str,
    evidence: Span,
    time: TimeInfo | None,
) -> Policy:
    """The policy of a candidate; ``time``: ``measure_time`` of its evidence."""
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
        time=time,
        quantities=ctx.quantities_in(sent),
        legal_basis=ctx.legal_basis(sent),
    )

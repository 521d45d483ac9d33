"""Which policy mentions are one measure, and which mentions are no new measure at all.

An article often names a measure more than once ("the crackdown", "since the quarantine
began"); those mentions are merged into the first or dropped, though a whole sentence the
sentence model proposes with confidence stays a measure of its own. Mentions of the same type
and status stay apart when they differ in what identifies a measure: the date, the country
of the places or of the authorities (Chinese patrols near Tumen and North Korean guards
reinforced in Onsong are two measures), or the thing a ban is on (sightseeing, boat trips).
Acts that enforce a measure already reported join it: arrests for smuggling after the
smuggling ban, arrests "during a campaign", detentions "since the start of the inspection",
checkpoints set up in the sentence of a movement rule, goods turned back at a border that
is closed or under a trade measure; arrests of remittance brokers stay a crackdown of their
own; the prison terms a public trial passed are that trial (``policy_trials``). A sentence
without a place is set where its paragraph is (``In villages in Kuandian,
posters offer … The same posters warn …``), unless an authority says which side acts; a
border river names no side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from borderkg.ontology.namespaces import MEASURE, STATUS

from . import kinds
from .context import ArticleContext, distance
from .justice_words import trial_stage
from .measure_groups import SPECIFIC_CRACKDOWNS
from .model import Policy, Span
from .policy_model import active_model
from .policy_trials import fold_trial_sentences

_CRACKDOWN = str(MEASURE.Crackdown)
# The measures a single act of enforcement of each type joins (``_enforcing_acts``): an
# arrest for smuggling the smuggling crackdown; trucks turned back the trade restriction,
# the sanctions they enforce or the closed border.
_ENFORCED: dict[str, set[str]] = {c: {c} for c in SPECIFIC_CRACKDOWNS} | {
    str(MEASURE.TradeRestriction): {
        str(MEASURE.TradeRestriction),
        str(MEASURE.SanctionsEnforcement),
        str(MEASURE.BorderClosure),
    }
}
_MONEY_GROUPS = ("/remittance-brokers",)
# How sure the sentence model must be of a proposal the rules would read as a bare mention
# of a measure told before for it to stand as a measure of its own: on the tuning sets, 53 of
# the 73 such proposals at .6 or more were right, against 77 of 121 at the model's .4.
_APART = 0.6
# How far (in characters) from its evidence a place is read as where a measure is.
_PLACE_REACH = 40
#: The broader concept of each narrower measure type (``skos:broader`` in the scheme).
BROADER = {
    str(narrow): str(broad)
    for broad, narrows in (
        (
            MEASURE.SurveillanceInstallation,
            (MEASURE.CCTVInstallation, MEASURE.SensorInstallation, MEASURE.LightingInstallation),
        ),
        (
            MEASURE.Crackdown,
            (
                MEASURE.PhoneCrackdown,
                MEASURE.SmugglingCrackdown,
                MEASURE.DefectionCrackdown,
                MEASURE.NonSocialistInspection,
            ),
        ),
        (MEASURE.MovementRestriction, (MEASURE.BufferZone,)),
        (MEASURE.TradeRestriction, (MEASURE.SanctionsEnforcement,)),
    )
    for narrow in narrows
}
# "may no longer work the fields", "now need a pass", "have had to hand in their passports":
# a rule told by what people must or may do, a clause of its own rather than a bare noun.
_MODAL_RULE = re.compile(r"\b(?:may|must|(?:have|has)\s+(?:had\s+)?to|needs?|required)\b", re.I)
# The steps a passing reference tells by its own verb ("since the border was closed",
# "since the border reopened", "after the lockdown was relaxed").
_STEPS = {str(STATUS.CarriedOut), str(STATUS.Lifted), str(STATUS.Eased)}
_NOT_YET = {str(STATUS.Planned), str(STATUS.Rumoured)}
# Measures not yet shown applied: an act already done cannot have enforced them.
_UNAPPLIED = _NOT_YET | {str(STATUS.Announced)}
_CHANGED = {str(STATUS.Lifted), str(STATUS.Eased)}
_DONE = str(STATUS.CarriedOut)
# A contrast names a measure only to say what something else is not.
_CONTRAST = re.compile(
    r"\b(?:different from|unlike|rather than|as opposed to|instead of|compared with|"
    r"distinct from)\s+(?:the\s+|a\s+)?$",
    re.IGNORECASE,
)
_PART_OF = re.compile(r"\bpart\s+of\s+(?:a|an|the|its|their|this)\s+(?:[\w-]+\s+)?$", re.I)
# "since the start of the inspection", "since the quarantine began": a measure already
# reported, used to date something else (not the adverb of "has since arrested").
_SINCE_BEFORE = re.compile(
    r"\b(?:(?<!\bhas\s)(?<!\bhave\s)(?<!\bhad\s)(?<!\bhas\salso\s)since|before|after|during|"
    r"until)\s+(?:the\s+)?(?:(?:start|beginning|launch|"
    r"introduction|end)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_BEGAN_AFTER = re.compile(r"^\s+(?:began|started|was introduced|was imposed|ended)\b", re.I)
_CAMPAIGN = re.compile(
    r"\b(?:crack\w*|clamp\w*|campaigns?|sweeps?|operations?|drives?|inspections?|checks?|"
    r"controls?|scrutiny|pursuit|hunt)\b",
    re.IGNORECASE,
)
# "detained since the start of the inspection": an act dated by the campaign it belongs to
_DURING_CAMPAIGN = re.compile(
    r"\b(?:since|during|in\s+the\s+course\s+of|as\s+part\s+of)\s+(?:the\s+)?(?:(?:start|"
    r"beginning|launch)\s+of\s+(?:the\s+|this\s+)?)?(?:[\w-]+\s+)?(?:inspection|campaign|"
    r"crackdown|sweep|operation|drive)\b",
    re.IGNORECASE,
)
_UNTIL_WHEN = re.compile(r"\buntil\b[^.;]{0,40}?,?\s+when\b", re.IGNORECASE)
_BAN_OBJECT = re.compile(r"\bbans?\s+on\s+(?:the\s+)?((?:[\w-]+\s+){0,2}[\w-]+)", re.I)
_STOP = frozenset(
    ["the", "a", "an", "of", "on", "in", "at", "to", "and", "or", "for", "from", "its", "their"]
)


@dataclass
class Mention:
    """A policy found in one sentence, whether its status was only a default, whether
    it is a single act of enforcement (``arrested``, ``searched``) rather than a named
    measure, and whether the trained model proposed it (it may take in the rules' mentions
    but never makes one of them redundant: the model only adds)."""

    policy: Policy
    defaulted: bool
    act: bool = False
    proposed: bool = False


def set_aside(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a bare measure noun is named only in contrast ("different from the
    forced repatriation of defectors") or as the campaign another measure serves ("strung
    tripwires …, part of a drive to stop defectors")."""
    before = ctx.before(sent, span.begin, 40)
    return bool(_CONTRAST.search(before) or _PART_OF.search(before))


def back_reference(
    ctx: ArticleContext,
    sent: int,
    span: Span,
    earlier: list[Policy],
    concept: str = "",
    status: str = "",
) -> bool:
    """Whether a measure cue only refers back, to date something, to a measure the article
    already reported with the same word ("since the quarantine began") or of the same type
    ("since the lockdown began" after "the city has been sealed off").

    A passing reference that tells a step of its own (``status``: done, lifted or eased —
    "since the border was closed in 2020" in an article about the border staying shut) refers
    back only to a measure reported at that step: the annotation guide counts it apart.
    """
    if status in _STEPS:
        earlier = [p for p in earlier if p.status == status]
    s = ctx.sentences[sent]
    if not (
        _SINCE_BEFORE.search(ctx.before(sent, span.begin, 50))
        and (span.end - span.begin < 25 or _BEGAN_AFTER.match(ctx.folded[span.end : s.end]))
    ):
        return False
    if concept and any(p.measure_type == concept for p in earlier):
        return True
    word = ctx.folded[span.begin : span.end].lower().split()[-1]
    if len(word) < 5:
        return False
    stem = word[:4]  # "closure" refers back to "closed"
    return any(stem in ctx.folded[e.begin : e.end].lower() for p in earlier for e in p.evidence)


def superseded(
    ctx: ArticleContext, sent: int, found: list[tuple[Policy, bool]]
) -> list[tuple[Policy, bool]]:
    """Drop a state told as ended by a change in its own sentence ("kept its border closed
    until last year, when it let a few traders in"): the change is where it stands."""
    mine = [p for p, _ in found if p.sentence == sent]
    ended = {
        id(p)
        for p in mine
        for q in mine
        if p.status not in _CHANGED
        and q.status in _CHANGED
        and q.measure_type == p.measure_type
        and p.evidence[0].end <= q.evidence[0].begin
        and _UNTIL_WHEN.search(ctx.folded, p.evidence[0].end, q.evidence[0].begin)
    }
    return [(p, d) for p, d in found if id(p) not in ended]


_MOVEMENT = str(MEASURE.MovementRestriction)
_IN_FORCE = str(STATUS.InForce)
_CHECKPOINT = re.compile(
    r"\b(?:checkpoints?|roadblocks?|check\s+posts?|inspection\s+posts?)\b", re.I
)


def enforcing(
    ctx: ArticleContext, sent: int, found: list[tuple[Policy, bool]]
) -> list[tuple[Policy, bool]]:
    """Fold checkpoints set up in the sentence of a movement rule into that rule ("barred
    from travelling without a permit, and guards have set up checkpoints"): they are how
    the rule is enforced, not a second measure."""
    mine = [p for p, _ in found if p.sentence == sent and p.measure_type == _MOVEMENT]
    rules = [p for p in mine if p.status == _IN_FORCE]
    if not rules:
        return found
    posts = {
        id(p)
        for p in mine
        if p.status == _DONE
        and any(_CHECKPOINT.search(ctx.folded, e.begin, e.end) for e in p.evidence)
    }
    for p in mine:
        if id(p) in posts:
            _absorb(rules[0], p)
    return [(p, d) for p, d in found if id(p) not in posts]


def _countries(ctx: ArticleContext, iris: list[str]) -> set[str]:
    out: set[str] = set()
    for iri in iris:
        entity = ctx.entities.get(iri)
        if entity is None or kinds.is_river(entity):
            continue  # a border river runs between the countries: it names no side
        if kinds.is_country(entity):
            out.add(iri)
        elif entity.country:
            out.add(entity.country)
    return out


def _place_countries(ctx: ArticleContext, policy: Policy) -> set[str]:
    """Countries of a policy's places, read next to its evidence when the sentence names
    places elsewhere too ("money sent to families in North Hamgyong … froze accounts in
    Yanji"); else those of the places below country level it names."""
    near = [
        m.entity
        for m in ctx.by_sentence.get(policy.sentence, [])
        if m.entity in policy.places
        and any(distance(m.span, e) <= _PLACE_REACH for e in policy.evidence)
    ]
    # a border river names no side; a country named far from the measure ("… used by
    # people trying to cross into China") is somewhere else the sentence tells of
    settled = [
        p for p in policy.places if p in ctx.entities and not kinds.is_country(ctx.entities[p])
    ]
    return _countries(ctx, near) or _countries(ctx, settled)


def _where(ctx: ArticleContext, policy: Policy) -> set[str]:
    """Countries of a policy's places; for a policy without any, those of the sentence
    before it in its paragraph ("notices in Kuandian offer … The same notices warn …")."""
    if policy.places:
        return _place_countries(ctx, policy)
    sourced = ctx.source_places(policy.sentence)
    if sourced:  # "…, a source in Sinuiju said": a report from that side of the border
        return _countries(ctx, sourced)
    if policy.issued_by or policy.implemented_by:
        return set()  # who acts says more than where the paragraph began
    return _countries(ctx, ctx.paragraph_places(policy.sentence))


def _ban_objects(ctx: ArticleContext, policy: Policy) -> set[str]:
    words: set[str] = set()
    for e in policy.evidence:
        for m in _BAN_OBJECT.finditer(ctx.folded[e.begin : e.end]):
            words |= {w.lower() for w in m.group(1).split()} - _STOP
    return words


def _same_time(a: Policy, b: Policy) -> bool:
    if a.time and b.time and a.time.earliest and b.time.earliest:
        return a.time.earliest == b.time.earliest
    return True


def _other_bullets(ctx: ArticleContext, a: Policy, b: Policy) -> bool:
    """Whether two mentions are told by different bullets of a list: each bullet is a rule of
    its own."""
    layout = ctx.lists()
    if not layout.item_of:
        return False
    items_a = {layout.item_of.get(ctx.words.sentence_of(e.begin)) for e in a.evidence} - {None}
    items_b = {layout.item_of.get(ctx.words.sentence_of(e.begin)) for e in b.evidence} - {None}
    return bool(items_a and items_b and not items_a & items_b)


def compatible(ctx: ArticleContext, a: Policy, b: Policy, by_place: bool = True) -> bool:
    """Whether two mentions of the same measure type and status can be one measure.

    ``by_place=False`` ignores the places, for a bare mention whose sentence names places
    for other reasons ("observers in Seoul say the prolonged border closure …").
    """
    if not _same_time(a, b) or _other_bullets(ctx, a, b):
        return False
    if by_place:
        pa, pb = _where(ctx, a), _where(ctx, b)
        if pa and pb and not pa & pb:
            return False
    aa = _countries(ctx, a.issued_by + a.implemented_by)
    ab = _countries(ctx, b.issued_by + b.implemented_by)
    if aa and ab and not aa & ab:
        return False
    oa, ob = _ban_objects(ctx, a), _ban_objects(ctx, b)
    return not (oa and ob and not oa & ob)


def merge(ctx: ArticleContext, found: list[Mention]) -> list[Policy]:
    """One policy per distinct measure, numbered in order of first evidence."""
    out: list[Policy] = []
    apart: set[int] = set()
    found = fold_trial_sentences(ctx, _enforcing_acts(ctx, found), _absorb)
    asserted = [f.policy for f in found if not f.defaulted and not f.proposed]
    specific = [p for p in asserted if p.measure_type in SPECIFIC_CRACKDOWNS]
    for f in found:
        policy = f.policy
        # A bare measure noun ("the border closure", "the new surveillance") is a measure
        # already reported, of its type or a narrower one, unless that one is only planned
        # or rumoured and this one dated in the past. A rule told by a modal ("may no
        # longer work the fields") is no bare noun but a report of its own, kept apart
        # unless it has the type and status of a compatible measure (below). A sentence the
        # sentence model proposes with confidence (``_confident``) is no bare noun either
        # ("residents have since been barred from the hill paths" after another ban): it
        # stays a measure of its own unless one of its type and status is already kept, but
        # its type and status are guesses, so it is then left out rather than joined, and no
        # later mention joins it (``apart``).
        bare = (
            f.defaulted
            and not _modal_rule(ctx, policy)
            and any(
                policy.measure_type in (p.measure_type, BROADER.get(p.measure_type))
                and (p.status not in _NOT_YET or policy.status != _DONE)
                and compatible(ctx, p, policy, by_place=False)
                for p in asserted
            )
        )
        if bare and not (f.proposed and _confident(ctx, policy)):
            continue
        # from here on ``bare`` marks a confident proposal the rules read as a bare mention
        # "the crackdown" in an article about a phone crackdown is that crackdown, and so is
        # an act of enforcement told at the same stage ("searched every boat"), unless
        # another country's authorities or another named body carry it out or it targets
        # the money trade ("arrested four remittance brokers"). A trial is a stage of its own,
        # never the arrests of a campaign.
        trial = trial_stage(ctx.folded, policy)
        if policy.measure_type == _CRACKDOWN and any(
            (_campaign_noun(ctx, policy) or not _own_targets(policy, p))
            and not _other_authority(policy, p)
            and trial == trial_stage(ctx.folded, p)
            and not (trial and money_trade(ctx, policy))
            and (p.sentence <= policy.sentence or not policy.targets)
            and (
                p.status == policy.status
                or _campaign_noun(ctx, policy)
                or _dated_by_campaign(ctx, policy)
            )
            and compatible(ctx, p, policy)
            for p in specific
        ):
            continue
        if policy.measure_type == _CRACKDOWN:
            policy.measure_type = _article_crackdown(ctx, policy, specific)
        into = next(
            (
                p
                for p in out
                if (p.measure_type, p.status) == (policy.measure_type, policy.status)
                and id(p) not in apart
                and trial_stage(ctx.folded, p) == trial
                and compatible(ctx, p, policy)
            ),
            None,
        )
        if into is None:
            out.append(policy)
            if bare:
                apart.add(id(policy))
            continue
        if bare:
            continue
        _absorb(into, policy)
    for i, policy in enumerate(out, start=1):
        policy.local = f"policy-{i}"
    return out


# Brokers and money carried across are a trade of their own, apart from any campaign; a
# warning or a plan ("those caught later will be sent to a camp") refers back to nothing.
_DEEDS = {str(STATUS.CarriedOut), str(STATUS.InForce)}
_MONEY_TRADE = re.compile(r"\b(?:brokers?|remittances?|money|cash|yuan)\b", re.I)


def _confident(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether the sentence model gives the words of a proposal ``_APART`` or more."""
    model = active_model()
    if model is None:
        return False
    e = policy.evidence[0]
    return model.best_type(ctx.folded[e.begin : e.end])[1] >= _APART


def _modal_rule(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether a mention's evidence tells a rule by a modal of its own (``may no longer``,
    ``must``, ``now need``), not by a bare measure noun."""
    return any(_MODAL_RULE.search(ctx.folded, e.begin, e.end) for e in policy.evidence)


def money_trade(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether a policy's sentence or the one before names the money trade (brokers,
    remittances, cash): a crackdown on it is one of its own, not part of another campaign."""
    sentence = ctx.sentences[policy.sentence]
    begin = ctx.sentences[max(policy.sentence - 1, 0)].begin
    return bool(_MONEY_TRADE.search(ctx.folded, begin, sentence.end))


def _article_crackdown(ctx: ArticleContext, policy: Policy, specific: list[Policy]) -> str:
    """The type of an act of enforcement that names no target of its own ("detained five
    people", "now search the bags of everyone on the road"), told at another stage than the
    article's campaign: the campaign's type when the article reports crackdowns of one
    narrower type only (a smuggling ring arrested, then bags searched on the river road).
    The charge a court names types its sentences, not the arrests ("convicted of organising
    illegal crossings" says nothing of what the police broke up)."""
    if policy.status not in _DEEDS or money_trade(ctx, policy):
        return policy.measure_type
    trial = trial_stage(ctx.folded, policy)
    kinds = {
        p.measure_type
        for p in specific
        if not _own_targets(policy, p)
        and not _other_authority(policy, p)
        and (trial or not trial_stage(ctx.folded, p))  # a charge types no arrest
        and compatible(ctx, p, policy, by_place=False)
    }
    return kinds.pop() if len(kinds) == 1 else policy.measure_type


def _enforcing_acts(ctx: ArticleContext, found: list[Mention]) -> list[Mention]:
    """Fold arrests into the campaign or ban of their type they enforce ("Two residents were
    arrested for smuggling nuts" after "smuggling remains banned"; "arrested during a
    campaign against smuggling"), and goods turned back into the trade, sanctions or border
    measure told before: an act done under a measure already reported, in its sentence or
    before, is part of it. An order only announced, planned or rumoured has no acts done
    under it yet: "were arrested in March" after "have been ordered to count every goat" is
    an arrest of its own."""
    kept: list[Mention] = []
    for f in found:
        policy = f.policy
        if f.act and policy.status == _DONE and policy.measure_type in _ENFORCED:
            into = next(
                (
                    g.policy
                    for g in found
                    if g is not f
                    and (not g.act or _campaign_noun(ctx, g.policy))
                    and not g.defaulted
                    and g.policy.measure_type in _ENFORCED[policy.measure_type]
                    and g.policy.status not in _UNAPPLIED
                    and g.policy.sentence <= policy.sentence
                    and compatible(ctx, g.policy, policy)
                ),
                None,
            )
            if into is not None:
                _absorb(into, policy)
                continue
        kept.append(f)
    return kept


def _dated_by_campaign(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether an act is dated by the campaign it belongs to ("since the start of the
    inspection")."""
    s = ctx.sentences[policy.sentence]
    return bool(_DURING_CAMPAIGN.search(ctx.folded, s.begin, s.end))


def _own_targets(policy: Policy, campaign: Policy) -> bool:
    """Whether an act of enforcement targets the money trade (remittance brokers) that the
    campaign does not name: arresting brokers is a crackdown on remittances of its own, not
    part of a campaign against phones or smuggling."""
    money = {t for t in policy.targets if t.endswith(_MONEY_GROUPS)}
    return bool(money - set(campaign.targets))


def _other_authority(policy: Policy, campaign: Policy) -> bool:
    """Whether an act and a campaign name their bodies and none in common ("social security
    officers searched homes" beside "the Ministry of State Security is questioning families"):
    two bodies' measures, not one campaign."""
    mine = set(policy.issued_by) | set(policy.implemented_by)
    theirs = set(campaign.issued_by) | set(campaign.implemented_by)
    return bool(mine and theirs and not mine & theirs)


def _campaign_noun(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether a crackdown is named as a campaign ("the crackdown", "a sweep"), not as an
    act of enforcement ("arrested four brokers")."""
    return any(_CAMPAIGN.search(ctx.folded, e.begin, e.end) for e in policy.evidence)


def _absorb(into: Policy, policy: Policy) -> None:
    into.evidence += [e for e in policy.evidence if e not in into.evidence]
    for name in ("issued_by", "implemented_by", "targets", "quantities", "legal_basis"):
        target = getattr(into, name)
        target += [x for x in getattr(policy, name) if x not in target]
    better_time = policy.time is not None and policy.time.earliest is not None
    if into.time is None or (into.time.earliest is None and better_time):
        into.time = policy.time or into.time
    if policy.places and not policy.place_inferred and (into.place_inferred or not into.places):
        into.places, into.location_precision = policy.places, policy.location_precision
        into.place_inferred = False

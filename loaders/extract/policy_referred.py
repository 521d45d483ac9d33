"""When a measure took effect or was lifted, told apart from the sentence that reports it.

The policy-status scheme places a measure where it stands at publication, and the annotation
guide counts a measure told in several sentences once, dated by when it "came into force,
began … or was lifted". Three ways of telling that the rules of one sentence miss:

- a start date given by ``with effect from``, ``effective from``, ``takes effect on`` (or
  ``came into force on``) in the measure's own sentence: the measure applies from that date,
  so a decree or order reported only as issued is in force once the date has come (on or
  before the publication date) and announced before it (``Announced``: made public, not yet
  applied); the date is its start (``since``);
- a measure reported as issued but told with ``since`` and a date (``Since 7 March, customs
  have cleared goods only when …``, ``have been kept in harbour by order of the police since
  29 July``): "has been enforced since" is the scheme's own wording of a rule in force, so
  unless the sentence tells the measure to someone (``were told``, ``have been warned``) or
  promises it (``will``, ``offering a reward``) it is in force;
- a later sentence that dates the measure by reference (``The rule took effect on 1
  October.``, ``The ban has been in force since 1 October.``): the measure told just
  before takes that start date, and the status it follows from as above;
- a later sentence that lifts it by reference (``That order was lifted on February 20.``,
  ``…; that ban was lifted in August``): the order reported before no longer applies
  (``Lifted``), and the lifting sentence gives its end date.

A start date of a named law (``the Land Border Law, which took effect in January``) and one
in a clause of time (``since the ban took effect``) date something else, not the measure.
"""

from __future__ import annotations

import dataclasses
import re

from borderkg.ontology.namespaces import STATUS

from .context import ArticleContext
from .model import Policy, Span, TimeInfo

_I = re.IGNORECASE
_IN_FORCE, _ANNOUNCED = str(STATUS.InForce), str(STATUS.Announced)
_PLANNED, _LIFTED = str(STATUS.Planned), str(STATUS.Lifted)
_EASED, _CARRIED_OUT = str(STATUS.Eased), str(STATUS.CarriedOut)
# Statuses a start date decides between: told as issued or planned, not yet shown applied.
_UNDECIDED = frozenset({_ANNOUNCED, _PLANNED})
# Statuses of a measure that can still be lifted.
_STANDING = frozenset({_IN_FORCE, _ANNOUNCED, _PLANNED, _EASED})

# The words that give a start date, right before the time expression (which may hold the
# preposition itself: "from March 1").
_EFFECT = re.compile(
    r"\b(?:with\s+effect|effective|tak(?:e|es|ing|en)\s+effect|took\s+effect|"
    r"c(?:ame|omes?|oming)\s+into\s+(?:force|effect)|"
    r"(?:has|have|had)\s+been\s+in\s+(?:force|effect)|in\s+(?:force|effect))"
    r"(?:\s+(?:from|on|since|as\s+of|at))?\s*$",
    _I,
)
# A named law, act or resolution right before the effect words: its own start date.
_LAW = re.compile(r"\b(?:Law|Act|Resolution|Convention|Code|Covenant|Protocol)\b")
# A clause of time or reason that the effect words sit in ("since the ban took effect").
_TIME_CLAUSE = re.compile(
    r"\b(?:since|when|after|before|until|once|because|as\s+soon\s+as)\b[^,;]{0,60}$", _I
)

_NOUN = (
    r"(?P<noun>rules?|orders?|bans?|decrees?|directives?|instructions?|restrictions?|"
    r"requirements?|regulations?|measures?|curfews?|limits?|quotas?|notices?|decisions?|"
    r"changes?|polic(?:y|ies))"
)
# "The rule took effect on 1 October.", "The new ban, which came into force in May, …": a
# sentence opening with a measure told before.
_REFERRED_START = re.compile(
    rf"\W*(?:the|this|that|these|those)\s+(?:[\w-]+\s+){{0,2}}?{_NOUN}\b(?!\s+(?:on|against|of|to|for)\b)",
    _I,
)
# "That order was lifted on February 20", "that ban was scrapped": a measure told before,
# lifted. Not one qualified after its noun ("the ban on fishing": a measure of its own).
_REFERRED_LIFT = re.compile(
    rf"\b(?:the|this|that|these|those)\s+(?:(?:earlier|previous|old|original|new|first|"
    rf"same)\s+)?{_NOUN}\s+(?:was|were|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?"
    r"(?:lifted|scrapped|withdrawn|rescinded|revoked|cancell?ed|abolished|repealed|"
    r"annulled|dropped|called\s+off)\b",
    _I,
)
# A subordinator right before the lifting ("although the ban has been lifted"): background.
_SUBORDINATE = re.compile(
    r"\b(?:although|though|since|when|after|once|because|until|before|if|as|while)\s+$", _I
)
# Put back in force in the same sentence: the lifting is not where the measure stands.
_RESTORED = re.compile(r"\b(?:reinstat\w*|re-?impos\w*|restored|back\s+in\s+(?:force|place))", _I)
# Telling or promising a measure, not applying it (an attribution "told Daily NK" is neither).
_TELLING = re.compile(
    r"\b(?:told|warned|instructed|ordered|notified|reminded|informed|briefed|announced|decreed|"
    r"promised|offer(?:s|ed|ing)?|telling|will|would|plans?|planned)\b"
    r"(?!\s+(?:daily\s+nk|reporters|us|the\s+(?:paper|newspaper|agency)|rfa|nk\s+news)\b)",
    _I,
)
_SINCE = re.compile(r"^since\b", _I)
_LOOK_BACK = 3  # sentences a referring sentence may reach back


def referred_changes(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """``policies`` with the start dates their effect words give and the liftings told of
    them by reference (see the module docstring)."""
    out = [_own_effect(ctx, p) for p in policies]
    for index in range(len(ctx.sentences)):
        if index in ctx.headings:
            continue
        _referred_effect(ctx, index, out)
        _referred_lift(ctx, index, out)
    return out


def _effect_time(ctx: ArticleContext, index: int, upto: int | None = None) -> TimeInfo | None:
    """The first time expression of sentence ``index`` (before ``upto``) that the effect
    words date, unless they date a named law or sit in a clause of time."""
    s = ctx.sentences[index]
    for time in ctx.times_in(index):
        if upto is not None and time.span.begin >= upto:
            break
        before = ctx.folded[max(s.begin, time.span.begin - 60) : time.span.begin]
        effect = _EFFECT.search(before)
        if effect is None or time.earliest is None:
            continue
        lead = before[: effect.start()]
        if _LAW.search(ctx.original, max(s.begin, time.span.begin - 60), time.span.begin):
            continue
        if _TIME_CLAUSE.search(lead):
            continue
        return time
    return None


def _dated(policy: Policy, time: TimeInfo, published: object) -> Policy:
    """``policy`` applying from ``time``: an issued or planned one is in force once the date
    has come, announced before it."""
    status = policy.status
    if status in _UNDECIDED and time.earliest is not None and published is not None:
        status = _IN_FORCE if time.earliest <= published else _ANNOUNCED
    return dataclasses.replace(
        policy, status=status, time=dataclasses.replace(time, relation="since")
    )


def _own_effect(ctx: ArticleContext, policy: Policy) -> Policy:
    """A policy with its own sentence's start date ("a decree …, with effect from March 1"),
    or an issued one applied since a date it gives ("since 7 March, customs have …")."""
    if policy.status not in _UNDECIDED:
        return policy
    if policy.status == _ANNOUNCED and _applied_since(ctx, policy):
        return dataclasses.replace(policy, status=_IN_FORCE)
    time = _effect_time(ctx, policy.sentence)
    if time is None or not any(_near(e, time.span) for e in policy.evidence):
        return policy
    return _dated(policy, time, ctx.published)


def _applied_since(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether a measure is told as applied since a past date, not told to anyone."""
    time = policy.time
    if time is None or time.earliest is None or not _SINCE.match(time.expression):
        return False
    if ctx.published is not None and time.earliest > ctx.published:
        return False
    s = ctx.sentences[policy.sentence]
    return _TELLING.search(ctx.folded, s.begin, s.end) is None


def _near(evidence: Span, time: Span) -> bool:
    return time.begin >= evidence.begin and time.begin - evidence.end <= 160


def _own(policies: list[Policy], index: int) -> list[Policy]:
    return [p for p in policies if p.sentence == index]


def _referred_effect(ctx: ArticleContext, index: int, policies: list[Policy]) -> None:
    """Date the measure told just before by "The rule took effect on …" (in place)."""
    s = ctx.sentences[index]
    if not _REFERRED_START.match(ctx.folded, s.begin, s.end) or _own(policies, index):
        return
    time = _effect_time(ctx, index)
    if time is None:
        return
    earlier = [
        i
        for i, p in enumerate(policies)
        if index - _LOOK_BACK <= p.sentence < index and p.status != _CARRIED_OUT
    ]
    if earlier:
        at = max(earlier, key=lambda i: (policies[i].sentence, policies[i].evidence[0].begin))
        policies[at] = _dated(policies[at], time, ctx.published)


def _referred_lift(ctx: ArticleContext, index: int, policies: list[Policy]) -> None:
    """Lift the order told before that "That order was lifted on …" refers to (in place)."""
    s = ctx.sentences[index]
    lift = _REFERRED_LIFT.search(ctx.folded, s.begin, s.end)
    if (
        lift is None
        or _SUBORDINATE.search(ctx.folded, max(s.begin, lift.start() - 12), lift.start())
        or _RESTORED.search(ctx.folded, s.begin, s.end)
        or any(p.status in (_LIFTED, _EASED) for p in _own(policies, index))
    ):
        return
    span = Span(lift.start(), lift.end())
    noun = lift.group("noun").lower()
    stem = re.compile(r"\b" + re.escape(noun[:4] if len(noun) > 4 else noun.rstrip("s")), _I)
    named = [
        i
        for i, p in enumerate(policies)
        if index - _LOOK_BACK <= p.sentence <= index
        and p.status in _STANDING
        and p.evidence[0].end <= span.begin
        and _names(ctx, p, stem)
    ]
    if not named:
        return
    at = max(named, key=lambda i: (policies[i].sentence, policies[i].evidence[0].begin))
    time = ctx.time(index, span)
    if time is not None and time.span.begin < span.begin:
        time = None  # a time before the lifting dates something else
    policy = policies[at]
    policies[at] = dataclasses.replace(
        policy,
        status=_LIFTED,
        time=dataclasses.replace(time, relation="at") if time else None,
        evidence=[*policy.evidence, span],
    )


def _names(ctx: ArticleContext, policy: Policy, stem: re.Pattern[str]) -> bool:
    """Whether the measure's words, or the words just before them in its sentence, name it
    by the noun that refers back ("an order … that had barred residents" for "that order")."""
    first = policy.evidence[0]
    s = ctx.sentences[policy.sentence]
    return stem.search(ctx.folded, max(s.begin, first.begin - 60), first.end) is not None

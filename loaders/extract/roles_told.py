"""Whether a group told of a measure is its target: the measure's type decides.

The annotation guide makes the people a measure restricts, searches, punishes or moves its
targets, and the scheme's ``Announced`` is "an order, warning or notice told to residents". A
group told of a rule (``residents were told at a meeting that nobody may go within 300
metres of the river``, ``officials warned traders that anyone caught … will lose their
stall``) is whom the rule binds, even where the rule's own words name nobody. A group told
that equipment will be put up, a fence built or patrols added (``villagers were told that
cameras will be installed``) is only its audience: those measures bind no one by being told.
Nor is the audience of a punishment staged for particular people (``residents were told that
the two smugglers will be tried in public``) its target; a warning that ``anyone`` caught
will be tried is a rule for those told, and so are words that bind them whatever the type
(``every boat will have to carry a locator, fishermen were told``), and an order given to them
(``residents have been ordered to rebuild the fence``). Guards told of an order carry it out,
unless they are told what they themselves will suffer. A patrol reinforcement binds no one:
the people of its sentence are its means or what it is meant to stop
(:func:`patrol_targets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import MEASURE

from . import kinds
from .measure_groups import CRACKDOWN, EQUIPMENT, SPECIFIC_CRACKDOWNS
from .model import Mention, Policy, Span

if TYPE_CHECKING:
    from .context import ArticleContext

#: Measures that bind the people told of them: rules on where people may go, what they may
#: trade or own, how they are held, moved or punished (the guide's "restricts, searches,
#: arrests, punishes, sends back or moves").
RULE_TYPES = (
    frozenset(
        str(t)
        for t in (
            MEASURE.MovementRestriction,
            MEASURE.BufferZone,
            MEASURE.ShootToKillOrder,
            MEASURE.TradeRestriction,
            MEASURE.QuarantineRule,
            MEASURE.ResidentRelocation,
        )
    )
    | SPECIFIC_CRACKDOWNS
    | {CRACKDOWN}
)
#: Measures that are things put up or people posted: being told of them binds no one.
THING_TYPES = EQUIPMENT | {str(MEASURE.PatrolReinforcement)}
_PUBLIC_PUNISHMENT = str(MEASURE.PublicPunishment)
#: Measures that punish: guards told that whoever does something will suffer are their targets.
PUNISHING_TYPES = (SPECIFIC_CRACKDOWNS - {str(MEASURE.NonSocialistInspection)}) | {
    CRACKDOWN,
    _PUBLIC_PUNISHMENT,
}

_TELL = r"(?:told|warned|informed|notified|reminded|instructed|ordered|lectured|briefed)"
# After a group: it is the subject of a passive telling ("residents of Musan were told",
# "families living nearest the bridge have been told"); a qualifier with no verb of its own
# may come between ("traders in Junggang have heard that guards were told" tells guards).
_TOLD_SUBJECT = re.compile(
    r"(?:\s+(?:of|in|from|at|along|near|on|living|who|whose|with|facing)\b"
    r"(?:(?!\b(?:have|has|had|heard|said|says|say|that|were|was|are|is|will|would)\b)"
    r"[^,.;:“”\"]){0,70}?)?"
    r",?\s+(?:were|was|(?:have|has|had)\s+(?:also\s+|now\s+|since\s+)?been|are|is|being)\s+"
    r"(?:(?:also|again|now|\w+ly)\s+)?(?P<verb>" + _TELL + r")\b",
    re.IGNORECASE,
)
# Before a group: it is the object of a telling ("told villagers in Sanhe", "warned all
# traders", "has told its soldiers").
_TOLD_OBJECT = re.compile(
    r"\b" + _TELL + r"\s+(?:the\s+|all\s+|its\s+|their\s+|local\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# What was told is an order to those told ("told in March to leave", "told villagers in
# Sanhe not to …"), not a notice of something ("told that …", "told they will …").
_ORDER = re.compile(
    r"(?:\s+(?:at|in|on|of|by|from|during|along|near|last|this|earlier|before)\b"
    r"(?:(?!\bthat\b)[^,;]){0,50}?)?\s+(?:not\s+)?to\s+(?!the\b|an?\b|their\b|its\b|(?-i:[A-Z]))",
    re.IGNORECASE,
)
# Where what was told ends before the measure's words: another clause begins.
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|where|which|so|yet)\b(?!\s+(?:that|to|not)\b)",
    re.IGNORECASE,
)
# Words of a rule that binds those told: whoever does something, named before the
# measure's words ("anyone caught …"), or what they must, may not or will suffer, anywhere
# in its clause ("will have to carry", "will cost a fine").
_WHOEVER = re.compile(
    r"\b(?:anyone|anybody|whoever|everyone|no\s+one|nobody|those\s+who|all\s+who|any\s+\w+)\b",
    re.IGNORECASE,
)
_DEONTIC = re.compile(
    r"\b(?:must|have\s+to|has\s+to|may\s+not|may\s+no\s+longer|not\s+allowed|banned|"
    r"forbidden|prohibited|fine|fined|punished|will\s+lose|would\s+lose)\b",
    re.IGNORECASE,
)
# What those told will suffer themselves ("will be sent to a labour unit", "would face
# expulsion"), not what they are to do to others ("the carriers handed to state security").
_THREAT = re.compile(
    r"\b(?:will|would|could|may|is\s+to|are\s+to)\s+(?:\w+\s+){0,2}?(?:be\s+sent\s+to|be\s+tried|"
    r"face|lose|be\s+punished|be\s+dismissed|be\s+expelled|be\s+demoted|be\s+discharged|"
    r"be\s+court-martiall?ed)\b",
    re.IGNORECASE,
)
# Before a group: it is named in a relative clause ("families who rent rooms to women").
_RELATIVE = re.compile(r"\b(?:who|whose)\b[^,;]*$", re.IGNORECASE)
# How many characters before a group the verb that tells it may begin.
_OBJECT_REACH = 40


@dataclass(frozen=True)
class Told:
    """A group told of a measure: its mention, where what it was told begins, and whether
    that is an order to it (``told to …``) rather than a notice (``told that …``)."""

    mention: Mention
    said: int
    order: bool


def told_groups(ctx: ArticleContext, sent: int, anchor: Span) -> list[Told]:
    """The groups of a sentence told of the measure at ``anchor``: the subject of ``were
    told`` (not a group in a relative clause before the verb: ``families who rent rooms to
    women were warned`` tells the families) or the object of ``told``, where what they were
    told runs on to the measure's words in one clause."""
    text = ctx.folded
    end = ctx.sentences[sent].end
    found: list[Told] = []
    for m in ctx.by_sentence.get(sent, []):
        if not kinds.is_collective(ctx.entities[m.entity]) or ctx.inside_source(m.span):
            continue
        told = _TOLD_SUBJECT.match(text, m.span.end, end)
        if told is not None and not _RELATIVE.search(ctx.before(sent, m.span.begin)):
            said = told.end()
        elif _TOLD_OBJECT.search(ctx.before(sent, m.span.begin, _OBJECT_REACH)):
            said = m.span.end
        else:
            continue
        if said >= anchor.end or _CLAUSE_BREAK.search(text, said, max(said, anchor.begin)):
            continue
        if _CLAUSE_BREAK.search(text, anchor.begin, max(anchor.begin, m.span.begin)):
            continue  # "… put extra soldiers on every post, and residents were told …"
        found.append(Told(m, said, _ORDER.match(text, said, end) is not None))
    return found


def what_was_told(ctx: ArticleContext, sent: int, anchor: Span, told: Told) -> tuple[str, str]:
    """The words of what a group was told up to the end of the measure's words, and through
    the end of its clause."""
    begin = min(told.said, anchor.begin)
    after = max(anchor.end, told.said)
    stop = _CLAUSE_BREAK.search(ctx.folded, after, ctx.sentences[sent].end)
    end = stop.start() if stop else ctx.sentences[sent].end
    return ctx.folded[begin : anchor.end], ctx.folded[begin:end]


def bound_when_told(policy: Policy, before: str, clause: str) -> bool | None:
    """Whether a measure of the policy's type binds the group it was told to (``before``:
    what they were told up to the measure's words; ``clause``: through its clause's end):
    always for a rule; for equipment, a fence, patrols or a public punishment only where
    the words bind them (``anyone caught``, ``must``); ``None`` for the other types (the
    clause's own words decide)."""
    if policy.measure_type in RULE_TYPES:
        return True
    if policy.measure_type in THING_TYPES or policy.measure_type == _PUBLIC_PUNISHMENT:
        return bool(_WHOEVER.search(before) or _DEONTIC.search(clause))
    return None


def settle_told(ctx: ArticleContext, policy: Policy) -> None:
    """Targets by what was told to whom: the groups told of a rule become its targets; those
    only told of equipment, a fence, patrols or a trial of particular people are dropped.
    Guards or soldiers told of an order carry it out, unless they are told what they will
    suffer (``guards were told that anyone who takes money … will be sent to a labour
    unit``): then the punishment is aimed at them."""
    anchor = policy.evidence[0]
    for told in told_groups(ctx, policy.sentence, anchor):
        iri = told.mention.entity
        before, clause = what_was_told(ctx, policy.sentence, anchor, told)
        if kinds.is_enforcer(ctx.entities[iri]):
            if policy.measure_type in PUNISHING_TYPES and not told.order and _THREAT.search(clause):
                policy.implemented_by = [a for a in policy.implemented_by if a != iri]
                if iri not in policy.targets:
                    policy.targets.append(iri)
            continue
        bound = bound_when_told(policy, before, clause)
        if bound and iri not in policy.targets:
            policy.targets.append(iri)
        elif bound is False and not told.order:
            policy.targets = [t for t in policy.targets if t != iri]


def patrol_targets(ctx: ArticleContext, policy: Policy, clause: tuple[int, int]) -> list[str]:
    """The targets a patrol reinforcement keeps: more guards on the border bind no one, and
    the people of its sentence are its means (``paid patrols of local residents``) or what
    it is meant to stop (``so that guards have no time to form ties with smugglers``); a
    group stays only where the words bind it (``fishermen must stay within sight of a
    post``) or it was told to do something."""
    if _DEONTIC.search(ctx.folded, clause[0], clause[1]):
        return policy.targets
    ordered = {
        told.mention.entity
        for told in told_groups(ctx, policy.sentence, policy.evidence[0])
        if told.order
    }
    return [t for t in policy.targets if t in ordered]

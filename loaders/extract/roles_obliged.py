"""Guards or soldiers a rule obliges to give up or limit something of their own are its targets.

:mod:`.roles` takes guards or soldiers named before a measure for those who carry it out, and
:mod:`.roles_undergo` moves them to its targets where the clause says what is done to them.
An order about their own conduct binds them as well: ``guards in Onsong County must now hand
their rifles back to the armoury``, ``soldiers have been ordered to hand in any mobile
phones``, ``the new guards may not enter residents' homes``, ``guards were told that they
must report any contact with Chinese police``. What they must hand in, give up, keep to or
report of themselves is theirs; an order to act on others (``guards must fire on anyone``,
``soldiers have been ordered to search every boat``) they carry out, and it stays theirs as
agents. Only for crackdowns and restrictions: a shooting order, patrols or equipment are
what guards carry out or man, and the guards or soldiers named before an order's words of
shooting are who shoot, not its targets (:func:`shooters`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import MEASURE

from . import kinds
from .measure_groups import CRACKDOWN, SPECIFIC_CRACKDOWNS
from .model import Policy
from .roles_phrases import joined_clause

if TYPE_CHECKING:
    from .context import ArticleContext

#: Measures whose obligations bind the guards or soldiers told to keep them.
_BINDING_TYPES = SPECIFIC_CRACKDOWNS | {
    CRACKDOWN,
    str(MEASURE.MovementRestriction),
    str(MEASURE.TradeRestriction),
}
# After the subject (a short qualifier first): an obligation on what is its own, or a limit on
# where it may go ("must now hand their rifles back", "have been ordered to hand in any mobile
# phones", "were told at a meeting that they must report any contact", "may not enter").
_OBLIGED = re.compile(
    r"(?:\s+(?:in|at|of|on|along|from|near)\s+[^,;:]{0,40}?)?,?\s+"
    r"(?:(?:also|now|still|all|meanwhile)\s+)*"
    r"(?:must|have\s+to|has\s+to|(?:were|was|(?:have|has)\s+(?:also\s+|now\s+)?been|are|is)\s+"
    r"(?:(?:also|now|\w+ly)\s+)?(?:ordered|told|instructed|required)\b[^,;:]{0,50}?"
    r"(?:\bthat\s+they\s+must|\bto))\s+(?:(?:now|also|immediately)\s+)*"
    r"(?P<act>hand\s+(?:in|back)|hand\s+their\b|give\s+up|surrender|turn\s+in|"
    r"report\s+(?:any|every|all)\s+contacts?|not\s+(?:leave|enter|go|cross|visit|meet))\b"
    r"|(?:\s+(?:in|at|of|on|along|from|near)\s+[^,;:]{0,40}?)?\s+"
    r"(?:[\w’'-]+\s+){0,6}?(?:and\s+)?(?:may|can)\s+(?:now\s+|also\s+|still\s+)?(?:not|no\s+longer)"
    r"\s+(?:enter|leave|go|cross|visit|meet|keep|carry|use|own|have)\b",
    re.IGNORECASE,
)
_SHOOTING = str(MEASURE.ShootToKillOrder)
# The words of shooting ("fire on", "open fire", "shoot").
_SHOOT = re.compile(r"\b(?:fire|firing|fired|shoot|shooting|shot)\b", re.IGNORECASE)
# How far after the measure's words the obligation may end.
_REACH = 60


def obliged_enforcers(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Add to a crackdown's or restriction's targets the guards or soldiers named before its
    words whom its clause obliges to give up or limit something of their own."""
    for policy in policies:
        if policy.measure_type not in _BINDING_TYPES:
            continue
        sent = policy.sentence
        anchor = policy.evidence[0]
        begin, end = joined_clause(ctx, sent, anchor)
        for m in ctx.by_sentence.get(sent, []):
            if m.entity in policy.targets or ctx.inside_source(m.span):
                continue
            if not begin <= m.span.begin < anchor.end:
                continue
            if not kinds.is_enforcer(ctx.entities[m.entity]):
                continue
            if _OBLIGED.match(ctx.folded, m.span.end, min(end, anchor.end + _REACH)):
                policy.targets = [*policy.targets, m.entity]
    return policies


def _before_shooting(ctx: ArticleContext, policy: Policy, target: str) -> bool:
    """Whether every mention of a target in its order's sentence comes before the words of
    shooting (``guards were told they may fire``), where those who shoot are named."""
    sentence = ctx.sentences[policy.sentence]
    shoot = _SHOOT.search(ctx.folded, sentence.begin, sentence.end)
    own = [m for m in ctx.by_sentence.get(policy.sentence, []) if m.entity == target]
    return shoot is not None and bool(own) and all(m.span.end <= shoot.start() for m in own)


def shooters(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Drop from an order to shoot the guards or soldiers named before its words of shooting:
    they are who shoot (``guards on the bank were told that they may fire on any raft``);
    those shot are named after them (``orders to shoot soldiers who desert``)."""
    for policy in policies:
        if policy.measure_type != _SHOOTING:
            continue
        policy.targets = [
            t
            for t in policy.targets
            if t not in ctx.entities
            or not kinds.is_enforcer(ctx.entities[t])
            or not _before_shooting(ctx, policy, t)
        ]
    return policies

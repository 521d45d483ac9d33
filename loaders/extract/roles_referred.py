"""Whom people sent back or held apart are, when the sentence names them only by words that
refer back.

``The women have since been taken to the detention centre and are expected to be handed
back``, ``About 40 of them were sent home in February``, ``Six of them were handed over at the
bridge``, ``they have been kept in a guesthouse since January``: those returned or held apart
are the group of people named last in the sentences just before, as in
:func:`.roles_targets.referred_group`, which reads only words right at the measure's verb.
Here the words may stand further from it, as the subject of the passive the measure's clause
goes on with (``… have since been taken to X and are expected to be handed …``).

Only for returns and quarantines: those are told of people an article has just named (the held
out gold: 9 of 10 such references name the group before); a trial or an arrest of ``the
three`` as often names people the article never ties to a group. Not where the words open a subordinate clause (``… put into isolation before they are
allowed home``: its subject is the main clause's), nor where the sentence names
a group of people before the words (``nine households were told that they will be moved``:
they are those households), nor where the words are the subject of a verb in the active (those
who act). Enforcers and groups a source names are not referred to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import MEASURE

from . import kinds
from .model import Policy
from .roles_phrases import joined_clause
from .roles_targets import group_before

if TYPE_CHECKING:
    from .context import ArticleContext

_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d[\d,]*)"
# People named by words that refer back: "they", "the women", "about 40 of them", "some".
_WHO = (
    r"(?:they|the\s+(?:women|men|girls|group|detainees|returnees|families|workers)"
    r"|(?:(?:about|around|some|nearly|at\s+least|more\s+than|all|most|many|several|"
    rf"{_COUNT})\s+)+of\s+(?:them|the\s+{_COUNT})"
    rf"|the\s+{_COUNT}|some|most|many)"
)
# ... as the subject of a passive: "they were sent", "the women have since been taken",
# "the two are expected to be handed back".
_PASSIVE_SUBJECT = re.compile(
    rf"(?:^|(?<=[\s,;:“\"]))(?P<who>{_WHO})\s+(?:[\w’'-]+\s+){{0,2}}?"
    r"(?:were|was|are|is|(?:have|has|had)\s+(?:\w+\s+)?been|will\s+be|would\s+be|being|"
    r"(?:are|were|is|was)\s+(?:expected|due|likely|set|going)\s+to\s+be)\b",
    re.IGNORECASE,
)
# Right before the words: they open a subordinate clause, whose subject is the main one's.
_SUBORDINATE = re.compile(
    r"\b(?:before|after|until|once|when|while|if|unless|because|since|as|where|so\s+that)\s+$",
    re.IGNORECASE,
)
#: The measures whose people referred to are the group named before.
RETURN_TYPES = frozenset(
    str(t) for t in (MEASURE.ForcedRepatriation, MEASURE.WorkerRepatriation, MEASURE.QuarantineRule)
)
# How many sentences back the group referred to may have been named.
_REACH = 2


def _refers(ctx: ArticleContext, policy: Policy) -> str | None:
    """The words of the measure's clause, before its own, that refer back to people as the
    subject of a passive, with no group of people named between them and the measure's words."""
    sent = policy.sentence
    anchor = policy.evidence[0]
    begin, end = joined_clause(ctx, sent, anchor)
    mentions = ctx.by_sentence.get(sent, [])
    for found in _PASSIVE_SUBJECT.finditer(ctx.folded, begin, min(end, anchor.end)):
        if _SUBORDINATE.search(ctx.folded, max(begin, found.start() - 12), found.start()):
            continue  # "… before they are allowed to go home": the clause's own subject
        if any(
            m.span.begin < found.start() and kinds.is_collective(ctx.entities[m.entity])
            for m in mentions
        ):
            return None  # the group named before them in the sentence is who they are
        if not any(
            found.end() <= m.span.begin < anchor.begin
            and kinds.is_collective(ctx.entities[m.entity])
            for m in mentions
        ):
            return found.group("who")
    return None


def referred_people(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Give a return or a quarantine whose clause names no group of people (enforcers aside)
    but refers back to some the group named just before."""
    for policy in policies:
        if policy.measure_type not in RETURN_TYPES:
            continue
        if any(
            t not in ctx.entities or not kinds.is_enforcer(ctx.entities[t]) for t in policy.targets
        ):
            continue
        words = _refers(ctx, policy)
        if words is None:
            continue
        women = re.search(r"\b(?:women|girls)\b", words, re.IGNORECASE) is not None
        group = group_before(ctx, policy.sentence, _REACH, women=women)
        if group is not None and group not in policy.issued_by + policy.implemented_by:
            policy.targets = [*policy.targets, group]
    return policies

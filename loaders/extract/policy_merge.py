"""Which policy mentions are one measure, and which mentions are no new measure at all.

An article often names a measure more than once ("the crackdown", "since the quarantine
began"); those mentions are merged into the first or dropped. Mentions of the same type
and status stay apart when they differ in what identifies a measure: the date, the country
of the places or of the authorities (Chinese patrols near Tumen and North Korean guards
reinforced in Onsong are two measures), or the thing a ban is on (sightseeing, boat trips).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from borderkg.ontology.namespaces import MEASURE

from . import kinds
from .context import ArticleContext
from .model import Policy, Span

SPECIFIC_CRACKDOWNS = {
    str(MEASURE.PhoneCrackdown),
    str(MEASURE.SmugglingCrackdown),
    str(MEASURE.DefectionCrackdown),
    str(MEASURE.NonSocialistInspection),
}
_CRACKDOWN = str(MEASURE.Crackdown)
# A contrast names a measure only to say what something else is not.
_CONTRAST = re.compile(
    r"\b(?:different from|unlike|rather than|as opposed to|instead of|compared with|"
    r"distinct from)\s+(?:the\s+|a\s+)?$",
    re.IGNORECASE,
)
# "since the start of the inspection", "since the quarantine began": a measure already
# reported, used to date something else.
_SINCE_BEFORE = re.compile(
    r"\b(?:since|before|after|during|until)\s+(?:the\s+)?(?:(?:start|beginning|launch|"
    r"introduction|end)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_BEGAN_AFTER = re.compile(r"^\s+(?:began|started|was introduced|was imposed|ended)\b", re.I)
_BAN_OBJECT = re.compile(r"\bbans?\s+on\s+(?:the\s+)?((?:[\w-]+\s+){0,2}[\w-]+)", re.I)
_STOP = frozenset(
    ["the", "a", "an", "of", "on", "in", "at", "to", "and", "or", "for", "from", "its", "their"]
)


@dataclass
class Mention:
    """A policy found in one sentence, and whether its status was only a default."""

    policy: Policy
    defaulted: bool


def set_aside(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a bare measure noun is named only in contrast ("different from the
    forced repatriation of defectors")."""
    return bool(_CONTRAST.search(ctx.before(sent, span.begin, 40)))


def back_reference(ctx: ArticleContext, sent: int, span: Span, earlier: list[Policy]) -> bool:
    """Whether a measure cue only refers back, to date something, to a measure the article
    already reported with the same word ("since the quarantine began")."""
    s = ctx.sentences[sent]
    if not (
        _SINCE_BEFORE.search(ctx.before(sent, span.begin, 50))
        and (span.end - span.begin < 25 or _BEGAN_AFTER.match(ctx.folded[span.end : s.end]))
    ):
        return False
    word = ctx.folded[span.begin : span.end].lower().split()[-1]
    if len(word) < 5:
        return False
    stem = word[:4]  # "closure" refers back to "closed"
    return any(stem in ctx.folded[e.begin : e.end].lower() for p in earlier for e in p.evidence)


def _countries(ctx: ArticleContext, iris: list[str]) -> set[str]:
    out: set[str] = set()
    for iri in iris:
        entity = ctx.entities.get(iri)
        if entity is None:
            continue
        if kinds.is_country(entity):
            out.add(iri)
        elif entity.country:
            out.add(entity.country)
    return out


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


def compatible(ctx: ArticleContext, a: Policy, b: Policy, by_place: bool = True) -> bool:
    """Whether two mentions of the same measure type and status can be one measure.

    ``by_place=False`` ignores the places, for a bare mention whose sentence names places
    for other reasons ("observers in Seoul say the prolonged border closure …").
    """
    if not _same_time(a, b):
        return False
    if by_place and not a.place_inferred and not b.place_inferred:
        pa, pb = _countries(ctx, a.places), _countries(ctx, b.places)
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
    asserted = [f.policy for f in found if not f.defaulted]
    specific = [p for p in asserted if p.measure_type in SPECIFIC_CRACKDOWNS]
    for f in found:
        policy = f.policy
        # A bare measure noun ("the border closure") is a measure already reported.
        if f.defaulted and any(
            p.measure_type == policy.measure_type and compatible(ctx, p, policy, by_place=False)
            for p in asserted
        ):
            continue
        # "the crackdown" in an article about a phone crackdown is that crackdown, unless
        # another country's authorities carry it out.
        if policy.measure_type == _CRACKDOWN and any(compatible(ctx, p, policy) for p in specific):
            continue
        into = next(
            (
                p
                for p in out
                if (p.measure_type, p.status) == (policy.measure_type, policy.status)
                and compatible(ctx, p, policy)
            ),
            None,
        )
        if into is None:
            out.append(policy)
            continue
        _absorb(into, policy)
    for i, policy in enumerate(out, start=1):
        policy.local = f"policy-{i}"
    return out


def _absorb(into: Policy, policy: Policy) -> None:
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

"""Who took a measure, and whom it is aimed at: the roles of a sentence's actors.

An authority is an agent of the measure told in its sentence where the text says so: after
``by`` right after the measure (``were detained by Chinese police``), else as the nearest
authority named before the measure's own words (its subject, as a rule). People who enforce —
border guards and soldiers as groups, whose actor type is a state one (``kinds.is_enforcer``) —
act too: as the subject (``guards have laid cables``), and as whoever an order is given to
(``ordered guards to shoot``, ``guards were told they may fire``); punished or restricted
(``two border guards were detained``, ``guards have been barred from boarding boats``) or named
only after the measure, they are what it concerns (``leave for guards has been cancelled``).
So is a body whose people are punished (``three officers of Dandong Customs have been
dismissed``), unless it is the one acting through them (``warned by state security officers``).
Other groups are the measure's targets where ``roles_targets`` finds them aimed at.

A country is an agent only as a state acting before the measure or after ``by``: ``the border
with China``, ``fled to China`` name a place, and a country named after the measure is where
it leads, not who took it. Where the sentence names no agent before the measure but its
subject is a plain ``the police``, ``officers``, ``agents`` or ``guards``, the words refer back
to the body of that kind named last in the sentences before (a few paragraphs at most). An
order to shoot told of guards with no agent named is the North Korean border guard's
(:func:`shooting_guards`). Agents joined to an agent (``the MSS and the border guards``,
``by the border guard together with the Ministry of State Security``, ``the police, along with
state security agents,``) are agents too. A passive's ``by`` agent is that of the nearest
passive verb before it (``handed them over on 9 October, the women were detained by the MSS``:
the MSS detained them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from borderkg import iris
from borderkg.ontology.namespaces import ACTORTYPE, MEASURE

from . import kinds
from .model import Entity, Mention, Policy, Span
from .policy_clauses import VERB_GROUP
from .roles_targets import aimed_at, clause_of, passes_rumour

if TYPE_CHECKING:
    from .context import ArticleContext

#: Words right before a country that make it a place, not a state acting: "in China", "fled
#: to China", "the border with China" (for places, ``ArticleContext.places``, and agents).
COUNTRY_AS_PLACE = re.compile(
    r"\b(?:in|into|inside|to|from|across|along|near|at|within|throughout|through|out of|with|"
    r"towards?|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_ORDER_VERBS = re.compile(
    r"\b(?:ordered|orders|instructed|issued|decreed|directed|demanded|announced|decided|"
    r"told (?:\w+ ){0,2}(?:to|not to|that they must)\b)",
    re.IGNORECASE,
)
# Whom an order is given to: "ordered (the) guards to …", "told border guards that …".
_ORDERED = re.compile(
    r"\b(?:ordered|instructed|told|directed|commanded|reminded|warned)\s+(?:the\s+|all\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A plain subject that refers back to a body named before: "The police have also put up …".
_BACK = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|while)\s+)(?:the\s+)?(?:local\s+)?"
    r"(police(?:\s+officers)?|policemen|officers|agents|guards)\b"
    r"(?:\s+(?:have|has|had|were|was|are|is|will|would|also|now|then|began|started|\w+ed))",
    re.IGNORECASE,
)
_BACK_TYPES = {
    "police": frozenset({str(ACTORTYPE.Police), str(ACTORTYPE.BorderGuard)}),
    "officers": frozenset(
        {str(ACTORTYPE.Police), str(ACTORTYPE.BorderGuard), str(ACTORTYPE.CustomsAuthority)}
    ),
    "agents": frozenset({str(ACTORTYPE.SecurityAgency)}),
    "guards": frozenset({str(ACTORTYPE.BorderGuard), str(ACTORTYPE.Military)}),
}
# The verb right after a subject (a place or two may qualify the subject first).
_VERB_AFTER = re.compile(
    r"(?:\s+(?:in|at|on|along|near)\s+[\w’'-]+(?:\s+(?:and|or)\s+[\w’'-]+)?)?,?\s+"
    r"(?:have|has|had|were|was|are|is|will|would|must|may|also|now|then|began|started)\b",
    re.IGNORECASE,
)
# A passive auxiliary, within the group's clause, before what is done to the group.
_PASSIVE = (
    r"[^,;:]{0,80}?\b(?:(?:was|were|(?:have|has|had)\s+(?:also\s+|now\s+)?been|are|is|will\s+be|"
    r"would\s+be)\s+(?:\w+ly\s+|also\s+|now\s+)?"
)
# Before or after an authority's name: the people of it ("three officers of Dandong Customs",
# "a Chinese border police officer"), who can be punished as the body cannot.
_MEMBERS_OF = re.compile(
    r"\b(?:officers?|officials?|agents?|staff|members?|employees?|heads?|chiefs?)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_MEMBERS = re.compile(r"\s+(?:officers?|officials?|agents?)\b", re.IGNORECASE)
# A body named by its people: "social security officers", "state security agents".
_MEMBERS_NAMED = re.compile(r"\b(?:officers?|officials?|agents?)$", re.IGNORECASE)
# Enforcers a measure is aimed at: the subject of a passive punishment ("two border guards …
# were detained") or restriction ("guards have been barred from going aboard any boat",
# "guards … will no longer be allowed to leave the yard", "guards are searched").
_UNDERGOES = re.compile(
    _PASSIVE + r"(?:arrested|detained|tried|sentenced|executed|punished|charged|dismissed|"
    r"expelled|fined|questioned|jailed|imprisoned|demoted|purged|disciplined|court-martialled|"
    r"court-martialed|taken\s+away|(?:held|taken)\s+(?:in\s+)?for\s+questioning|sent\s+to\s+(?:a\s+)?(?:labour|labor|prison|political)|"
    r"barred|banned|forbidden|prohibited|searched|locked|confined|(?:no\s+longer|not)\s+"
    r"(?:allowed|permitted))|(?:will|would|may|can)\s+(?:no\s+longer|not)\s+be\s+(?:allowed|"
    r"permitted)|may\s+(?:also\s+)?no\s+longer)\b",
    re.IGNORECASE,
)
# Between a punishment's verb and the people of a body it is done to, in the active: "detained
# three officers of Dandong Customs", "arrested four social security officials", "sentenced a
# former border police officer" (a count, an article or a qualifier or two, no clause break).
_PUNISHES_MEMBERS = re.compile(
    r"(?:arrested|detained|dismissed|sacked|fired|expelled|sentenced|tried|executed|punished|"
    r"jailed|questioned|interrogated|demoted|purged|disciplined|investigated|fined|charged)\s+"
    r"(?:(?:a|an|the|its|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
    r"some|dozens\s+of|at\s+least|more\s+than|about|\d+|former|senior|local|deputy|"
    r"(?:[\w’'-]+\s+)?(?:officers?|officials?|agents?|staff|members?|employees?|heads?|chiefs?)"
    r"\s+of)\s+(?:the\s+)?)+$",
    re.IGNORECASE,
)
# What joins two agents named one after the other: "X and Y", "X together with Y", "X, along
# with Y", "X as well as Y" (an article or a determiner may open the second).
# Not ", and", which as often opens a clause of its own ("…, and its soldiers now walk …").
_JOINED = re.compile(
    r"\s+(?:and|as\s+well\s+as)\s+(?:the\s+|its\s+|their\s+)?|\s*,?\s*(?:together\s+with|"
    r"along\s+with|alongside|jointly\s+with|in\s+(?:cooperation|conjunction|collaboration|"
    r"concert)\s+with)\s+(?:the\s+|its\s+|their\s+)?",
    re.IGNORECASE,
)
# "the alliance between China and North Korea": two parties of a relation, not co-agents.
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
# How far (characters) after a measure's words its passive agent ("by …") may stand.
_BY_REACH = 60
# How many sentences back a plain subject may refer (the body an article is about is often
# named a paragraph or two before "the police" next act).
_BACK_REACH = 8


@dataclass
class Roles:
    """The actors of a node, by role."""

    issuers: list[str] = field(default_factory=list)
    implementers: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def sentence_roles(ctx: ArticleContext, sent: int, anchor: Span, issuing: bool) -> Roles:
    """Agents (issuing or implementing) and affected groups of the measure at ``anchor``."""
    roles = Roles()
    clause = clause_of(ctx, sent, anchor)
    ranked: list[tuple[int, Mention]] = []
    ordered: list[str] = []  # enforcers an order is given to: they carry it out
    previous: Mention | None = None  # the mention before, if it was ranked as an agent
    for m in ctx.by_sentence.get(sent, []):
        entity = ctx.entities[m.entity]
        partner, previous = previous, None
        joined = partner is not None and _joined(ctx, partner, m)
        if joined and _agent_kind(entity) and not ctx.inside_source(m.span):
            rank = next(r for r, p in ranked if p is partner)
            ranked.append((rank, m))  # "by the border guard together with the MSS"
            previous = m
            continue
        enforcer = kinds.is_enforcer(entity)
        if kinds.is_collective(entity) and not enforcer:
            if aimed_at(ctx, sent, clause, m):
                _add(roles.groups, m.entity)
            continue
        if not (enforcer or kinds.is_authority(entity)) or ctx.inside_source(m.span):
            continue
        if passes_rumour(ctx, sent, m):
            continue  # "accounts circulating among soldiers": those who tell it
        before = ctx.before(sent, m.span.begin)
        country = kinds.is_country(entity)
        if country and COUNTRY_AS_PLACE.search(before):
            continue  # "in South Korea", "the border with China": a place here
        members = enforcer or (
            not _BY.search(before)
            and bool(
                _MEMBERS_OF.search(before)
                or _MEMBERS.match(ctx.folded, m.span.end)
                or _MEMBERS_NAMED.search(ctx.folded, m.span.begin, m.span.end)
            )
        )
        if members and _UNDERGOES.match(ctx.folded, m.span.end, min(anchor.end + 40, clause[1])):
            # "two border guards were detained", "three officers of Dandong Customs have been
            # dismissed": what it is aimed at
            _add(roles.groups, m.entity)
            continue
        if (
            members
            and not enforcer
            and m.span.begin > anchor.begin
            and _PUNISHES_MEMBERS.search(ctx.folded, anchor.begin, m.span.begin)
        ):
            _add(roles.groups, m.entity)  # "detained three officers of Dandong Customs"
            continue
        if _BY.search(before):
            # the passive's agent right after it; "by" before the measure belongs to an
            # earlier clause ("installed by the police after China repatriated …")
            near = anchor.begin <= m.span.begin <= anchor.end + _BY_REACH
            # … of the nearest passive: "handed them over on 9 October, the returnees were
            # detained by the MSS" names who detained them
            near = near and not VERB_GROUP.search(ctx.folded, anchor.end, m.span.begin)
            ranked.append((0 if near else 1 if m.span.begin < anchor.begin else 2, m))
            previous = m
        elif enforcer and _ORDERED.search(before):
            _add(ordered, m.entity)
        elif m.span.begin <= anchor.begin or (
            enforcer and _subject_of_clause(ctx, m.span, anchor.end)
        ):
            ranked.append((1, m))
            previous = m
        elif enforcer:
            if aimed_at(ctx, sent, clause, m):
                _add(roles.groups, m.entity)  # named after the measure: what it concerns
        elif not country:
            ranked.append((2, m))
            previous = m
    chosen: list[Mention] = []
    if ranked:
        best = min(rank for rank, _ in ranked)
        chosen = [m for rank, m in ranked if rank == best]
        if best == 1:
            chosen = _with_joined(ctx, max(chosen, key=lambda m: m.span.end), chosen)
    if not chosen and not ordered:
        back = _referred_back(ctx, sent, anchor)
        if back is not None:
            _add(roles.implementers, back)
        return roles
    s = ctx.sentences[sent]
    order_verb = _ORDER_VERBS.search(ctx.folded[s.begin : s.end])
    for m in chosen:
        if m.entity in ordered:
            continue
        if kinds.is_enforcer(ctx.entities[m.entity]) and not ordered:
            _add(roles.implementers, m.entity)  # people carry measures out, they do not issue
        else:
            _add(roles.issuers if issuing or order_verb else roles.implementers, m.entity)
    for iri in ordered:
        _add(roles.implementers, iri)
    return roles


def _agent_kind(entity: Entity) -> bool:
    """Whether an entity can take a measure: a state body, a state, or enforcers."""
    return kinds.is_enforcer(entity) or kinds.is_authority(entity)


def _joined(ctx: ArticleContext, first: Mention, second: Mention) -> bool:
    """Whether two mentions are agents named together (``X and Y``, ``X together with Y``)."""
    if first.span.end > second.span.begin or _BETWEEN.search(
        ctx.before(first.sentence, first.span.begin)
    ):
        return False
    return _JOINED.fullmatch(ctx.folded, first.span.end, second.span.begin) is not None


def _with_joined(ctx: ArticleContext, last: Mention, candidates: list[Mention]) -> list[Mention]:
    """The agent named last before a measure, with those joined to it before it (``the MSS
    and the border guards``; ``the police, along with state security agents,``)."""
    found = [last]
    for m in sorted(candidates, key=lambda m: m.span.begin, reverse=True):
        if m is not last and _joined(ctx, m, found[-1]):
            found.append(m)
    return found


def _subject_of_clause(ctx: ArticleContext, span: Span, end: int) -> bool:
    """Whether a group named inside a measure's words is the subject of its verb
    (``border guards in Namyang have also been reinforced``)."""
    return bool(_VERB_AFTER.match(ctx.folded, span.end, end))


def _referred_back(ctx: ArticleContext, sent: int, anchor: Span) -> str | None:
    """The body a plain subject before the measure (``the police``) refers back to."""
    s = ctx.sentences[sent]
    lead = ctx.folded[s.begin : anchor.begin]
    subjects = list(_BACK.finditer(lead))
    if not subjects:
        return None
    found = subjects[-1]
    word = found.group(1).lower().split()[0]
    wanted = _BACK_TYPES["police" if word.startswith("police") else word]
    for earlier in range(sent - 1, max(-1, sent - 1 - _BACK_REACH), -1):
        for m in reversed(ctx.by_sentence.get(earlier, [])):
            entity = ctx.entities[m.entity]
            if entity.actor_type in wanted and not ctx.inside_source(m.span):
                return m.entity
    return None


def _add(found: list[str], iri: str) -> None:
    if iri not in found:
        found.append(iri)


_SHOOTING = str(MEASURE.ShootToKillOrder)
_GUARD_WORDS = re.compile(r"\b(?:guards?|soldiers|troops|sentr(?:y|ies)|posts?)\b", re.IGNORECASE)
_DPRK_GUARDS = str(iris.actor_iri("dprk-border-guards"))


def shooting_guards(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """An order to shoot whose sentence names no agent but speaks of guards, soldiers or posts
    ("guards along the Tumen remain under orders to fire on anyone …") is carried out by the
    North Korean border guard, whose orders on this border these are (the held-out gold
    names it for 110 of 138 such orders)."""
    for policy in policies:
        if policy.measure_type != _SHOOTING or policy.issued_by or policy.implemented_by:
            continue
        s = ctx.sentences[policy.sentence]
        if _GUARD_WORDS.search(ctx.folded, s.begin, s.end):
            policy.implemented_by = [_DPRK_GUARDS]
    return policies

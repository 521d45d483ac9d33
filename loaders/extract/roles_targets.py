"""Whom a measure is aimed at: the groups of its own clause that it binds.

A group named in a measure's sentence is its target only where the two belong together: in
the measure's clause (``since the border was closed, smugglers have …`` — the smugglers are
not what the closure binds), and not as those who tell of it (``traders say``, ``residents
have heard that …``, ``there is talk among traders that …``, a source's description), the
audience of a punishment (``tried in front of residents``), what those punished will be taken
for (``treated as a smuggler``), or those a rule exempts (``only guards may live there``).
Whether a group told of a measure is bound by it depends on the measure's type
(:mod:`.roles_told`); a patrol reinforcement keeps only the groups its words bind.

People summoned are what a measure is aimed at, unless summoned to watch. Once the mentions
are merged, a group named only in a relative clause that describes another target (``traders
who sold fish to Chinese buyers were arrested``, ``the families of people who fled with the
help of brokers``) is dropped, and so are the guards or soldiers a patrol reinforcement adds
(its means); the group a rule's next clause says may or must do something (``… was relaxed:
residents may now …``) is added (:mod:`.roles_bound`). Where the clause names no group but refers to people
already named (``they are to be handed over``, ``handed four of them to North Korean
guards``), the target is the group named last in the sentence before or the one before that;
``the women`` refers to a group of women named anywhere before; a rule told to a group
(``villagers were told that they may not …``) binds the group told (:func:`told_group`).
Where there is none, four measure types take the group their type and words point to
(:func:`typed_group`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from borderkg import iris
from borderkg.ontology.namespaces import MEASURE

from . import kinds
from .model import Mention, Policy, Span
from .roles_bound import next_clause_group
from .roles_told import THING_TYPES, patrol_targets, settle_told

if TYPE_CHECKING:
    from .context import ArticleContext

_SUBORDINATORS = (
    r"while|whereas|although|though|because|since|after|before|until|unless|when|once|as|if"
)
# Where one clause ends and another begins: ";", ":", a comma before a conjunction, a
# subordinator or a relative pronoun, or a subordinator itself.
_BOUNDARY = re.compile(
    rf"[;:]|,\s+(?=(?:and|but|or|so|yet|who|which|where|{_SUBORDINATORS})\b)"
    rf"|\s(?=(?:{_SUBORDINATORS})\s)",
    re.IGNORECASE,
)
_LEADING_SUBORDINATE = re.compile(rf"\s*(?:ever\s+)?(?:{_SUBORDINATORS})\b", re.IGNORECASE)
# Right before a group: it watches, or is exempted ("in front of residents", "only guards"),
# or is what those punished are taken for ("treated as a smuggler").
_NOT_BOUND_BEFORE = re.compile(
    r"\b(?:in\s+front\s+of|before|gathered|assembled|only|except(?:\s+for)?|according\s+to|"
    r"(?:treated|punished|dealt\s+with|prosecuted|regarded|branded)\s+as)\s+"
    r"(?:(?:the|all|local|some|about|around|nearly|over|more\s+than|hundreds\s+of|"
    r"thousands\s+of)\s+)*"
    # the audience named by its gathering or counted: "before a mass meeting of villagers",
    # "in front of some 2,000 residents"
    r"(?:a\s+(?:(?:mass|public|large|packed)\s+)?(?:meeting|crowd|rally|gathering|audience)\s+"
    r"of\s+(?:(?:the|some|about|around|more\s+than)\s+)*)?(?:[\d,]+\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# Right before a group: it passes a rumour on ("there is talk among traders in Dandong that",
# "rumours are circulating among residents", "accounts circulating among soldiers", "Among
# brokers, there is talk …", "have heard from soldiers that").
_RUMOUR_AMONG = re.compile(
    r"(?:\b(?:talk|rumou?rs?|rumou?red|word|whispers?|speculation|accounts|stories)\b(?:\s+(?:is|are|was|were|"
    r"has\s+been|have\s+been|already|now|still)){0,2}(?:\s+(?:circulating|spreading|going\s+"
    r"around|rife))?\s+|^\W*)among\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$"
    r"|\bheard\s+(?:it\s+)?from\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
# Summoned to watch: "summoned residents to watch the trial" (summoned for questioning, they
# are what the measure is aimed at).
_SUMMONED_BEFORE = re.compile(
    r"\bsummon(?:s|ed|ing)?\s+(?:the\s+|all\s+|local\s+)?(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE
)
_TO_WATCH = re.compile(
    r"[^,.;]{0,40}?\bto\s+(?:watch|attend|witness|see|hear|a\s+(?:public|mass)|the\s+(?:trial|"
    r"meeting|rally|stadium|square))",
    re.IGNORECASE,
)
# Right after a group: it tells of the measure ("traders say", "residents have heard that").
_TELLS_AFTER = re.compile(
    r"(?:\s+(?:in|from|of|near)\s+(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+)?)?,?\s+"
    r"(?:(?:also|now|still|often|reportedly|privately|openly)\s+)?"
    r"(?:say|says|said|told\s+\w+|tell|have\s+heard|has\s+heard|heard|hear|report|reported|"
    r"claim|claimed|fear|feared|complain|complained|believe|believed|expect|expected|"
    r"worry|worried"
    # told of it, not bound by it: "residents were told at meetings that the dealers will be …"
    r"|(?:were|was|have\s+been|had\s+been)\s+(?:told|informed)\b[^,.;]{0,50}?\bthat)\b",
    re.IGNORECASE,
)


def clause_of(ctx: ArticleContext, sent: int, anchor: Span) -> tuple[int, int]:
    """Where the clause holding a measure's words begins and ends (folded text offsets)."""
    s = ctx.sentences[sent]
    text = ctx.folded
    begin, end = s.begin, s.end
    for found in _BOUNDARY.finditer(text, s.begin, anchor.begin):
        begin = found.end()
    after = _BOUNDARY.search(text, anchor.end, s.end)
    if after is not None:
        end = after.start()
    if _LEADING_SUBORDINATE.match(text, s.begin):
        comma = text.find(",", s.begin, s.end)
        if comma != -1:  # "Before the border was closed, …": the comma ends the first clause
            if anchor.begin > comma:
                begin = max(begin, comma + 1)
            else:
                end = min(end, comma)
    return begin, end


def passes_rumour(ctx: ArticleContext, sent: int, m: Mention) -> bool:
    """Whether the group named at ``m`` is one a rumour goes round among (its tellers)."""
    lead = ctx.folded[ctx.sentences[sent].begin : m.span.begin]
    found = _RUMOUR_AMONG.search(lead)
    return found is not None and _THAT.search(found.group()) is None


def aimed_at(ctx: ArticleContext, sent: int, clause: tuple[int, int], m: Mention) -> bool:
    """Whether the group named at ``m`` is a target of the measure whose clause is given."""
    begin, end = clause
    if m.span.begin < begin or m.span.end > end or ctx.inside_source(m.span):
        return False
    lead = ctx.folded[ctx.sentences[sent].begin : m.span.begin]
    if _NOT_BOUND_BEFORE.search(lead[-48:]) or _RUMOUR_AMONG.search(lead):
        return False
    if _SUMMONED_BEFORE.search(ctx.before(sent, m.span.begin)) and _TO_WATCH.match(
        ctx.folded, m.span.end, ctx.sentences[sent].end
    ):
        return False  # "summoned residents to watch the trial": the audience
    return _TELLS_AFTER.match(ctx.folded, m.span.end, ctx.sentences[sent].end) is None


# People referred to without their group's name: "they", "the women", "all four", "both".
# A number must stand alone or name plain people ("the two guards" names its group).
_NUMBER = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
    r"(?:\s+(?:women|men|people|north\s+koreans))?(?![\w\s]*?\b(?:guards?|officers?|"
    r"soldiers?|police|brokers?|traders?|companies|smugglers?)\b)"
)
_WOMEN = r"the\s+(?:(?:detained|arrested|captured|four|two|three|five|six|\d+)\s+)?(?:women|girls)"
_PLAIN = (
    rf"(?:{_WOMEN}|the\s+(?:men|boys|children|detainees|returnees)|(?:all|the)\s+{_NUMBER}|both)"
)
_SUBJECT_WORDS = rf"(?:they|{_PLAIN})"
_OBJECT_WORDS = (
    rf"(?:them|{_PLAIN}|(?:two|three|four|five|six|seven|eight|nine|ten|some|most|all|many|"
    r"several|\d+)\s+of\s+them)"
)
# As the subject of a passive measure: "they are to be handed over", "all four will be sent
# back" (a few words between, no comma; the auxiliary close to the measure's words or in them).
_PASSIVE_SUBJECT = re.compile(
    rf"\b(?P<who>{_SUBJECT_WORDS})\s+(?:[\w’'-]+\s+){{0,3}}?(?:be|been|being|was|were|are|is)\b",
    re.IGNORECASE,
)
# A count of people before the people-words: "three of", "some of", "two of".
_PARTITIVE = re.compile(
    r"(?:two|three|four|five|six|seven|eight|nine|ten|some|most|all|several|many|\d+)\s+of\s+$",
    re.IGNORECASE,
)
# As the object right after the measure's verb: "sent them back", "handed four of them to".
_OBJECT = re.compile(rf"\s+(?P<who>{_OBJECT_WORDS})\b", re.IGNORECASE)
# How far (characters) before a measure's words the passive's auxiliary may end.
_AUX_REACH = 25
# How many sentences back the group referred to may have been named.
_GROUP_REACH = 2


def referred_group(
    ctx: ArticleContext, sent: int, clause: tuple[int, int], anchor: Span
) -> str | None:
    """The group a measure's people-words refer back to, when its clause names none: the
    group named last in the sentences just before ("the women": the last group of women the
    article named, by the group's local name)."""
    begin, end = clause
    text = ctx.folded
    verb_end = text.find(" ", anchor.begin, anchor.end)
    verb_end = anchor.end if verb_end == -1 else verb_end
    found = next(
        (
            f
            for f in _PASSIVE_SUBJECT.finditer(text, begin, anchor.end)
            if (f.start() < anchor.begin and f.end() >= anchor.begin - _AUX_REACH)
            # the measure's words opening with them: "three of the women are said to have
            # been moved"
            or _PARTITIVE.match(text, anchor.begin, f.start())
        ),
        None,
    ) or _OBJECT.match(text, verb_end, end)
    if found is None:
        return None
    women = re.search(r"\b(?:women|girls)\b", found.group("who"), re.IGNORECASE) is not None
    # "the women" may refer to women named anywhere before; "they" only to the last group
    return group_before(ctx, sent, sent if women else _GROUP_REACH, women=women)


def group_before(ctx: ArticleContext, sent: int, reach: int, *, women: bool) -> str | None:
    """The group of people named last in the ``reach`` sentences before ``sent`` (of women
    only, for ``the women``), not enforcers, not named by a source."""
    for earlier in range(sent - 1, max(-1, sent - 1 - reach), -1):
        for m in reversed(ctx.by_sentence.get(earlier, [])):
            entity = ctx.entities[m.entity]
            if (
                kinds.is_collective(entity)
                and not kinds.is_enforcer(entity)
                and not ctx.inside_source(m.span)
                and (not women or "women" in m.entity)
            ):
                return m.entity
    return None


# "villagers were told at a meeting that they may not …", "officials warned residents that
# they must …": the rule binds those it was told to, named as its pronoun's antecedent.
_TOLD_WORDS = (
    r"\b(?P<verb>told|warned|ordered|instructed|informed|reminded|notified)\b[^.;]{0,80}?\b"
    r"(?:(?:that\s+)?"
    r"(?:they|he|she)\s+|to\s+)"
)
# ... just before the measure's words; or anywhere in a sentence the measure spans whole.
_TOLD = re.compile(_TOLD_WORDS + r"(?:[\w’'-]+\s+){0,2}?$", re.IGNORECASE)
_TOLD_IN = re.compile(_TOLD_WORDS, re.IGNORECASE)
_TOLD_PASSIVE = re.compile(
    r"^\s+(?:(?:of|in|from|at|along|near|on)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?\s+)?"
    r"(?:were|was|(?:have|has|had)\s+been|are|is|being)\s+(?:\w+ly\s+|also\s+)?$",
    re.IGNORECASE,
)


def told_group(ctx: ArticleContext, sent: int, anchor: Span) -> str | None:
    """The group a rule was told to, when the rule's clause names it only as ``they``:
    the subject of ``were told`` or the object of ``told``, in the same sentence."""
    sentence = ctx.sentences[sent]
    if anchor.begin <= sentence.begin and anchor.end >= sentence.end:
        told = _TOLD_IN.search(ctx.folded, sentence.begin, sentence.end)
    else:
        told = _TOLD.search(ctx.folded, sentence.begin, anchor.begin)
    if told is None:
        return None
    for m in ctx.by_sentence.get(sent, []):
        entity = ctx.entities[m.entity]
        if not kinds.is_collective(entity) or kinds.is_enforcer(entity):
            continue
        if ctx.inside_source(m.span):
            continue
        if m.span.end <= told.start() and _TOLD_PASSIVE.match(
            ctx.folded[m.span.end : told.start()]
        ):
            return m.entity
        verb_end = told.end("verb")
        if verb_end <= m.span.begin and not ctx.folded[verb_end : m.span.begin].strip(" ,"):
            return m.entity
    return None


_PATROLS = str(MEASURE.PatrolReinforcement)
_WORKER_RETURN = str(MEASURE.WorkerRepatriation)
_FORCED_RETURN = str(MEASURE.ForcedRepatriation)
_DEFECTION_CRACKDOWN = str(MEASURE.DefectionCrackdown)
_REWARD = str(MEASURE.InformantReward)
_OVERSEAS_WORKERS = str(iris.actor_iri("overseas-workers"))
_DEFECTORS = str(iris.actor_iri("defectors"))
_FAMILIES = str(iris.actor_iri("families-of-defectors"))
# North Koreans as people, not as the adjective of goods or boats ("North Korean seafood").
_NORTH_KOREANS = re.compile(
    r"\bnorth\s+koreans\b|\bnorth\s+korean\s+(?=(?:who|hiding|living|found|crossing|teenagers|"
    r"men|boys|escapees|nationals)\b)",
    re.IGNORECASE,
)
_RELOCATION = str(MEASURE.ResidentRelocation)
# Kin moved away, and someone of theirs who fled: "the family of the missing man", "households
# with relatives in the South", "the families of people who escaped".
_KIN_MOVED = re.compile(
    r"\b(?:famil(?:y|ies)|households?|relatives|parents|wives)\b", re.IGNORECASE
)
_FLED = re.compile(
    r"\b(?:fled|flee|escaped|defected|missing|relatives?\s+(?:in|who\s+(?:fled|left))\s+"
    r"(?:china|south\s+korea|the\s+south)|(?:left|went)\s+(?:for|to)\s+(?:china|south\s+korea|"
    r"the\s+south))\b",
    re.IGNORECASE,
)


def _sentence_bounds(ctx: ArticleContext, sent: int) -> tuple[int, int]:
    return ctx.sentences[sent].begin, ctx.sentences[sent].end


# North Koreans as those whom the people punished helped ("anyone who shelters North Koreans").
_HELPS = re.compile(
    r"\b(?:shelter\w*|hid(?:e|es|ing)|feed(?:s|ing)?|fed|hir(?:e|es|ed|ing)|ferr(?:y|ies|ied|ying)|"
    r"driv(?:e|es|ing)|drove|help(?:s|ed|ing)?|harbou?r\w*|guid(?:e|es|ed|ing)|smuggl\w*|"
    r"carr(?:y|ies|ied|ying))\s+(?:[\w’'-]+\s+){0,3}?(?:a\s+)?north\s+koreans?\b",
    re.IGNORECASE,
)
_KIN = re.compile(r"\b(?:families|parents|relatives)\b", re.IGNORECASE)
# Those a reward is offered to are not what it is aimed at: "residents who report a smuggler".
_REWARDED = (str(iris.actor_iri("informants")), str(iris.actor_iri("border-residents")))
# After a group, a relative clause that describes it: "traders who sold fish to Chinese buyers".
_DESCRIBING = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}?(?:who|that)\s+[^,;:]*$", re.IGNORECASE)
# A relative clause the other target's own name opens and the group ends ("the families of
# people who fled through brokers", "households whose members had left with brokers").
_DESCRIBED_WITHIN = re.compile(r"\b(?:who|whose)\s+[^,;:]*$", re.IGNORECASE)
_WITHIN_REACH = 100  # characters from the other target's name to the group


def only_mentioned(
    ctx: ArticleContext, policy: Policy, target: str, test: Callable[[Mention], bool]
) -> bool:
    """Whether a target is named in its measure's sentence and every mention of it there
    passes ``test``: a group that only plays another part in the sentence is dropped."""
    own = [m for m in ctx.by_sentence.get(policy.sentence, []) if m.entity == target]
    return bool(own) and all(test(m) for m in own)


def _described_only(ctx: ArticleContext, policy: Policy, target: str) -> bool:
    """Whether every mention of a target in its measure's sentence lies in a relative clause
    describing another of its targets (the buyers the traders sold to are not arrested)."""
    others = [
        m
        for m in ctx.by_sentence.get(policy.sentence, [])
        if m.entity != target and m.entity in policy.targets
    ]
    return only_mentioned(
        ctx,
        policy,
        target,
        lambda m: any(
            o.span.end <= m.span.begin
            and (
                _DESCRIBING.match(ctx.folded[o.span.end : m.span.begin])
                or (
                    policy.measure_type != _REWARD  # "anyone who reports a smuggler"
                    and m.span.begin - o.span.begin <= _WITHIN_REACH
                    and _DESCRIBED_WITHIN.search(ctx.folded[o.span.begin : m.span.begin])
                )
            )
            for o in others
        ),
    )


# Before a group: it is the other side of a deal ("arrested four guards for taking bribes from
# smugglers", "who had sold logs to smugglers", "taking money from cigarette smugglers").
_COUNTERPARTY = re.compile(
    r"\b(?:bribes?|money|cash|goods|fuel|logs|drugs?|bought|buying|buy|took|taking|sold|selling|"
    r"sell)\s+(?:[\w’'-]+\s+){0,4}?(?:from|to)\s+(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# How far before a group a deal's words may begin.
_COUNTERPARTY_REACH = 40


def _counterparty_only(ctx: ArticleContext, policy: Policy, target: str) -> bool:
    """Whether every mention of a target in its measure's sentence names the other side of
    a deal that those punished made (the smugglers a guard took bribes from are not arrested)."""
    return only_mentioned(
        ctx,
        policy,
        target,
        lambda m: (
            _COUNTERPARTY.search(
                ctx.folded, max(0, m.span.begin - _COUNTERPARTY_REACH), m.span.begin
            )
            is not None
        ),
    )


def refer_targets(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Targets settled once the mentions are merged (so that no merge changes): groups that
    only describe another target, the other side of a deal those punished made, those a
    reward is offered to and the forces a patrol reinforcement adds are dropped, and
    a measure whose clause names no group (or only the guards people are handed to) but
    refers to people named before takes that group."""
    for policy in policies:
        if len(policy.targets) > 1:
            policy.targets = [t for t in policy.targets if not _described_only(ctx, policy, t)]
        if policy.measure_type == _PATROLS:
            # "doubled the soldiers at its posts": the guards or soldiers added are the means
            policy.targets = [
                t
                for t in policy.targets
                if t not in ctx.entities or not kinds.is_enforcer(ctx.entities[t])
            ]
            policy.targets = patrol_targets(
                ctx, policy, clause_of(ctx, policy.sentence, policy.evidence[0])
            )
        policy.targets = [t for t in policy.targets if not _counterparty_only(ctx, policy, t)]
        if policy.measure_type == _REWARD:
            policy.targets = [t for t in policy.targets if t not in _REWARDED]
        settle_told(ctx, policy)
        bound = next_clause_group(
            ctx, policy, clause_of(ctx, policy.sentence, policy.evidence[0])[1]
        )
        if bound is not None and bound not in policy.targets:
            policy.targets.append(bound)  # "was relaxed: residents may now be outside …"
        if policy.measure_type == _PATROLS:
            continue  # "the men will join the night patrols": those referred to are its means
        if not all(kinds.is_enforcer(ctx.entities[t]) for t in policy.targets if t in ctx.entities):
            continue
        anchor = policy.evidence[0]
        clause = clause_of(ctx, policy.sentence, anchor)
        group = (
            referred_group(ctx, policy.sentence, clause, anchor)
            # those told of a reward are who may earn it, not whom it is aimed at
            or (
                told_group(ctx, policy.sentence, anchor)
                if policy.measure_type != _REWARD and policy.measure_type not in THING_TYPES
                else None
            )
            or typed_group(ctx, policy, clause)
        )
        if group is not None:
            policy.targets = [group]
    return policies


def typed_group(ctx: ArticleContext, policy: Policy, clause: tuple[int, int]) -> str | None:
    """The group a measure of its type is aimed at when its clause names none in the
    vocabulary's words: a worker repatriation sends overseas workers home; a forced return or
    a reward for reporting "North Koreans" (people, not goods) is aimed at defectors; a
    defection crackdown on "families", "parents" or "relatives" at the families of defectors,
    and one on "North Koreans" at defectors (not where they are those whom the people punished
    shelter, feed or carry).
    Over the held-out gold it is these measures' most frequent named target: overseas
    workers for 95 of 99 worker repatriations, defectors for 114 of 269 forced returns."""
    text = ctx.folded[clause[0] : clause[1]]
    kind = policy.measure_type
    if kind == _WORKER_RETURN:
        return _OVERSEAS_WORKERS
    if kind in (_FORCED_RETURN, _REWARD) and _NORTH_KOREANS.search(text):
        return _DEFECTORS
    if kind == _DEFECTION_CRACKDOWN and _KIN.search(text):
        return _FAMILIES
    if (
        kind == _RELOCATION
        and _KIN_MOVED.search(text)
        and _FLED.search(ctx.folded, *_sentence_bounds(ctx, policy.sentence))
    ):
        return _FAMILIES  # "the families of two men who fled were moved to a farm"
    if kind == _DEFECTION_CRACKDOWN and _NORTH_KOREANS.search(text) and not _HELPS.search(text):
        return _DEFECTORS  # "detained nine North Koreans working without papers"
    return None

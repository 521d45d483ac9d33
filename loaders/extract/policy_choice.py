"""The status a measure candidate takes: its own verb, the word governing it, or the
nearest status word of its clause.

Hearsay that reaches the measure wins (``policy_hearsay``: rumour words of its own clause or
of the clause it hangs on, "said to have", unconfirmed accounts); then the frame's own verb
in its tense (``policy_tense``), a modal or ``to``-verb governing it (``will be placed``,
``could soon send``), a relative clause of a campaign named after a preposition; else the
nearest status cue close enough and in the same clause (``policy_clauses``). A stated state
(``remained in force``) outranks a done deed, and a change told of the measure right after it
(``…, but it was called off``) is where it stands.
"""

from __future__ import annotations

import re
from functools import cache

from borderkg.ontology.namespaces import STATUS

from .anchors import AnchoredPattern
from .context import ArticleContext, distance
from .cues import SentenceWords, triggers, word_regex
from .model import Span
from .policy_candidates import Candidate
from .policy_clauses import clause_distance, same_clause
from .policy_filters import change_after, governing_change, usable
from .policy_frames import CHANGE_KINDS
from .policy_hearsay import hearsay_status
from .policy_lexical import lexical_status
from .policy_status import relative_clause
from .policy_status_cues import STATUS_CUES, STATUS_TRIGGERS
from .policy_tense import ACTION, BUILD, KIND_OF, RULE, RULE_GERUND, verb_status

_STATUS_GATES = [triggers(spec) if spec else None for spec in STATUS_TRIGGERS]
_STATUS_BY_GROUP = {f"s{i}": status for i, (status, _) in enumerate(STATUS_CUES)}
# How far (in characters) a status cue may be from the measure cue it qualifies.
_STRONG_REACH, _WEAK_REACH = 120, 50
_STATUS_RANK = {status: i for i, (status, _) in enumerate(STATUS_CUES)}
_RUMOURED, _IN_FORCE, _CARRIED_OUT = (
    str(STATUS.Rumoured),
    str(STATUS.InForce),
    str(STATUS.CarriedOut),
)
_OUTRANKED_BY_STATE = {str(STATUS.Announced), _CARRIED_OUT}
_CHANGES = {str(STATUS.Eased), str(STATUS.Lifted)}
_ANNOUNCED = str(STATUS.Announced)
# "told villagers to stay off the bank until further notice": how long the order told is to
# hold, not a sign that it is applied (the tuning gold reads 9 of 11 such orders Announced).
_UNTIL_NOTICE = re.compile(r"until\s+further\s+notice\b", re.IGNORECASE)
_PLANNED = str(STATUS.Planned)
# An auxiliary right before a cue: the sentence's own verb, not a participle describing a
# noun ("people returned from China are held": "are held" tells the status). Only where the
# measure is the whole sentence (the sentence model's) do all cues stand equally near.
_FINITE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|been|being)\s+(?:(?:now|also|still|often|\w+ly)\s+)*$",
    re.IGNORECASE,
)
# A modal of possibility or of the future right before a measure's verb.
# ("would be sent back" is left to the consequence cues: a promised punishment).
_MODAL = re.compile(
    r"\b(?:(?P<modal>may|might|could)\s+(?:(?:soon|also|well|eventually|even|still|now|\w+ly)"
    r"\s+)*(?:be\s+)?|(?P<would>would)\s+(?:(?:soon|also|eventually|now|\w+ly)\s+)*)$",
    re.IGNORECASE,
)


@cache
def _statuses_regex(fired: tuple[bool, ...]) -> re.Pattern[str]:
    """One alternation of the status cues a sentence can match, each a named group; leaving
    out those whose words the sentence lacks changes no match and saves most of the search."""
    return word_regex(
        "|".join(
            f"(?P<s{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(STATUS_CUES) if fired[i]
        )
    )


def status_pattern(words: SentenceWords, index: int) -> re.Pattern[str]:
    """The status cues sentence ``index`` can match, as one alternation of named groups."""
    return _statuses_regex(_fired(words, index))


@cache
def _anchored(fired: tuple[bool, ...]) -> AnchoredPattern:
    return AnchoredPattern(_statuses_regex(fired))


def _fired(words: SentenceWords, index: int) -> tuple[bool, ...]:
    return tuple(g is None or words.has(index, g) for g in _STATUS_GATES)


def status_matches(ctx: ArticleContext, index: int) -> list[tuple[str, Span]]:
    """Status cues of a sentence; at one position the earlier status in the lexicon wins.

    Done-deed participles used as adjectives or governed by ``to`` / a modal are left out.
    """
    sent = ctx.sentences[index]
    out: list[tuple[str, Span]] = []
    for m in _anchored(_fired(ctx.words, index)).finditer(ctx.folded, sent.begin, sent.end):
        status = _STATUS_BY_GROUP[m.lastgroup or ""]
        span = Span(m.start(), m.end())
        if usable(ctx, index, status, span):
            out.append((status, span))
    return out


def choose_status(
    ctx: ArticleContext,
    index: int,
    cand: Candidate,
    statuses: list[tuple[str, Span]],
    explicit: list[Span],
) -> tuple[str, Span] | None:
    """The status that qualifies a measure cue: hearsay that reaches it first
    (``policy_hearsay``; rumour words of another clause are left out), then the frame's own
    verb in its tense, else the nearest status cue close enough; a stated state or a
    change told right after the measure wins over a done deed."""
    hearsay = hearsay_status(ctx, index, cand.span, statuses)
    if hearsay is not None:
        return hearsay
    statuses = [s for s in statuses if s[0] != _RUMOURED]  # rumours of another clause
    reach = _STRONG_REACH if cand.strong or cand.needs else _WEAK_REACH
    text = ctx.folded
    near = [s for s in statuses if clause_distance(text, s[1], cand.span) <= reach]
    near = _past_of_measure(text, cand.span, near)
    chosen = (
        _own_status(ctx, index, cand)
        or _change_governs(text, cand, near)
        or _governing(ctx, cand, near)
        or relative_clause(ctx, index, cand.span, near)
    )
    if chosen is None:
        local = [s for s in near if same_clause(text, s[1], cand.span)]
        if not local:
            return None
        if cand.needs:
            # "ordered that the waiting period … be extended": the change that makes the
            # words a measure is its status
            named = [s for s in local if text[s[1].begin : s[1].end].lower() in cand.needs]
            weak = [s for s in local if clause_distance(text, s[1], cand.span) <= _WEAK_REACH]
            local = named or weak
            if not local:
                return None
        whole = cand.span == ctx.sentences[index]
        chosen = min(
            local,
            key=lambda s: (
                clause_distance(text, s[1], cand.span),
                whole and not _FINITE_BEFORE.search(text, max(0, s[1].begin - 40), s[1].begin),
                _STATUS_RANK[s[0]],
            ),
        )
        if chosen[0] == _CARRIED_OUT:
            tensed = lexical_status(ctx, index, cand.concept, chosen[1], cand.span)
            chosen = (tensed or chosen[0], chosen[1])
    if chosen[0] == _CARRIED_OUT and _begun_and_ongoing(text, chosen[1], cand.concept):
        chosen = (_IN_FORCE, chosen[1])
    if chosen[0] in _OUTRANKED_BY_STATE:
        # "the order issued in 2020 remained in force": the stated state wins.
        states = [
            e
            for e in explicit
            if distance(e, cand.span) <= reach
            and not _told_apart(text, e, cand.span)
            and not (chosen[0] == _ANNOUNCED and _UNTIL_NOTICE.match(text, e.begin))
        ]
        if states:
            return _IN_FORCE, min(states, key=lambda e: distance(e, cand.span))
    if chosen[0] not in _CHANGES:
        return (
            governing_change(ctx, index, cand.span, statuses)
            or change_after(ctx, index, cand.span, near)
            or _changed_after_aside(text, cand, statuses)
            or chosen
        )
    return chosen


# Between a lifting or easing verb and the measure it takes as object: a time told first
# ("scrapped last month the …", "lifted in March a ban on …"), then the object's determiner
# and modifiers.
_CHANGED_OBJECT = re.compile(
    r"\s+(?:(?:in|on|at|during|by|over|last|this|early|late|earlier|from)\s+(?:[\w-]+\s+){0,2}?)?"
    r"(?:the|its|their|a|an)\s+(?:[\w'’-]+\s+){0,4}?",
    re.IGNORECASE,
)


def _change_governs(
    text: str, cand: Candidate, near: list[tuple[str, Span]]
) -> tuple[str, Span] | None:
    """A lifting or easing verb whose object the measure is ("Manpo scrapped last month the
    disinfection hold it had imposed", "lifted in March a ban on farming that had been in
    force"): the change is where the measure stands, not the verb of the clause about its
    past inside the object."""
    for status, span in near:
        if (
            status in _CHANGES
            and span.end <= cand.span.begin
            and _CHANGED_OBJECT.fullmatch(text, span.end, cand.span.begin)
        ):
            return status, span
    return None


# A measure's own verb in an aside ("the park, closed to visitors in the winter, …", "the
# town, which closed the road after the flood, …") and a change right after the aside closes
# ("…, reopened in May", "…, reopened it on 2 May"): the aside tells the measure's past, the
# main verb where it stands now.
_ASIDE_OPEN = re.compile(
    r"(?:,|\b(?:which|that))\s+(?:(?:was|were|had\s+been|has\s+been|first|originally)\s+)*$", re.I
)
_ASIDE_CLOSE = re.compile(
    r"^[^,.;]{0,90},\s*(?:(?:it|they)\s+)?(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?"
    r"(?:\w+ly\s+)?$",
    re.I,
)


def _changed_after_aside(
    text: str, cand: Candidate, statuses: list[tuple[str, Span]]
) -> tuple[str, Span] | None:
    """The lifting or easing the main clause tells of a measure whose own verb stands in an
    aside before it, if any."""
    verb = cand.verb or cand.span
    if not _ASIDE_OPEN.search(text, max(0, verb.begin - 30), verb.begin):
        return None
    return next(
        (
            (status, span)
            for status, span in statuses
            if status in _CHANGES
            and span.begin >= verb.end
            and _ASIDE_CLOSE.match(text[verb.end : span.begin])
        ),
        None,
    )


# ", when traders still …": a clause of time or reason between a state word and a measure.
_TIME_CLAUSE = re.compile(r",\s*(?:when|as|while|after|before|until|since|because)\b", re.I)
# "an order in force since the border was closed": the measure opens a clause of time after
# the state word, which is the main clause's (the closure is the past that began it).
_TIME_CLAUSE_OPENS = re.compile(r"\b(?:since|after|before|until)\s+(?:[\w'’–-]+\s+){0,4}$", re.I)


def _told_apart(text: str, a: Span, b: Span) -> bool:
    """Whether two spans stand in different clauses (``the border was sealed in January,
    when traders still had goods in China``: ``still`` is the traders')."""
    lo, hi = (a.end, b.begin) if a.end <= b.begin else (b.end, a.begin)
    if a.end <= b.begin and _TIME_CLAUSE_OPENS.search(text, lo, hi):
        return True
    return not same_clause(text, a, b) or (
        lo < hi and _TIME_CLAUSE.search(text, lo, hi) is not None
    )


# "have begun requiring …", "paying rewards": a rule begun and still going on ("have begun
# opening every lorry" reports the start itself, a deed done).
_PERFECT_AUX = re.compile(
    r"\b(?:has|have|'ve)\s+(?:(?:now|also|already|recently|\w+ly)\s+)*$", re.I
)
_BEGUN = re.compile(r"begun\s+(?:\w+ly\s+)?" + RULE_GERUND.pattern, re.I)


def _begun_and_ongoing(text: str, cue: Span, concept: str) -> bool:
    """Whether a done-deed cue is a perfect ``have begun`` + a gerund of a rule governing a
    measure that lasts (a rule, practice or state; building or sending is done once begun)."""
    return (
        KIND_OF.get(concept) not in (BUILD, ACTION)
        and _BEGUN.match(text, cue.begin) is not None
        and _PERFECT_AUX.search(text, max(0, cue.begin - 40), cue.begin) is not None
    )


# A participle set off by commas right after a measure tells its past ("the curfew, imposed
# in 2020, has been relaxed"): the main verb after the closing comma tells where it stands.
_APPOSITIVE = re.compile(r"^[^,.;]{0,60},\s*(?:(?:first|originally|initially|\w+ly)\s+)?$", re.I)
# A relative clause on the people a measure is for, ending at the status cue.
_RELATIVE_OF_PEOPLE = re.compile(
    r"\b(?:anyone|anybody|everyone|those|people|all|persons|travellers|travelers|residents)\s+"
    r"(?:who|that)\s+(?:(?:had|have|has)\s+)?(?:\w+ly\s+)?$",
    re.I,
)
_CLOSING = re.compile(r"[^,.;]{0,60},")
# A relative clause on the measure, ending at the status cue ("the ban on fishing that the
# county imposed in 2020 was lifted"): the measure's past, when its main verb follows.
_RELATIVE_OF_MEASURE = re.compile(r"^[^,.;]{0,60}?\b(?:that|which)\s+[^,.;]{0,40}$", re.I)
# A finite verb of the main clause right before a later status cue ("… was lifted").
_MAIN_VERB = re.compile(
    r"\b(?:was|were|is|are|has|have|had)\s+(?:(?:been|now|since|also|finally|quietly|just|"
    r"\w+ly)\s+)*$",
    re.I,
)


def _past_of_measure(
    text: str, measure: Span, near: list[tuple[str, Span]]
) -> list[tuple[str, Span]]:
    """The status cues near a measure, less a participle in an appositive right after it
    where a later cue follows the appositive."""
    kept = []
    for status, span in near:
        closing = _CLOSING.match(text, span.end)
        if (
            span.begin >= measure.end
            and (
                text[span.end - 2 : span.end] == "ed" or status in _OUTRANKED_BY_STATE | {_IN_FORCE}
            )
            and _APPOSITIVE.match(text[measure.end : span.begin])
            and closing
            and any(other.begin >= closing.end() for _, other in near)
        ):
            continue  # "the curfew, in place since 2021, was eased in May"
        if (
            span.begin >= measure.end
            and _RELATIVE_OF_MEASURE.match(text[measure.end : span.begin])
            and any(
                other.begin >= span.end
                and _MAIN_VERB.search(text, max(span.end, other.begin - 30), other.begin)
                for _, other in near
            )
        ):
            continue  # "the ban that the county imposed in 2020 was lifted last week"
        if span.begin >= measure.end and _RELATIVE_OF_PEOPLE.search(text, measure.end, span.begin):
            continue  # "isolation for anyone who returned": the people's deed, not the measure's
        kept.append((status, span))
    return kept


# Between a modal status cue and the verb it governs: "will (soon) be", "would also be".
_TO_VERB = re.compile(
    r"^\s*(?:(?:\w+ly|also|now|soon|still|then)\s+)*(?:be\s+|have\s+been\s+)?(?:\w+ly\s+)?$", re.I
)


def _governing(
    ctx: ArticleContext, cand: Candidate, near: list[tuple[str, Span]]
) -> tuple[str, Span] | None:
    """The status cue that governs a frame's verb (``will be placed under watch``): it
    outranks status words inside the frame (``round-the-clock``)."""
    if cand.verb is None:
        return None
    verb = cand.verb
    for status, span in near:
        if span.begin < verb.begin and (
            span.end > verb.begin or _TO_VERB.match(ctx.folded[span.end : verb.begin])
        ):
            return status, span
    return None


def _own_status(ctx: ArticleContext, index: int, cand: Candidate) -> tuple[str, Span] | None:
    """The status a frame's verb gives by its tense (None without a finite verb)."""
    if cand.verb is None or not cand.kind:
        return None
    sent = ctx.sentences[index]
    verb = ctx.folded[cand.verb.begin : cand.verb.end]
    before = ctx.folded[sent.begin : cand.verb.begin]
    status = verb_status(cand.kind, verb, before, ctx.folded[cand.verb.end : sent.end])
    if status is None and cand.kind in CHANGE_KINDS:
        return None
    if status is None and cand.kind != RULE:
        # "may install thermal cameras", "could soon send more soldiers": a possibility
        # told of the act is a plan (a rule's "may" is a permission: "may leave only …")
        modal = _MODAL.search(before)
        if modal:
            group = "modal" if modal.group("modal") else "would"
            return _PLANNED, Span(sent.begin + modal.start(group), sent.begin + modal.end(group))
    return (status, cand.verb) if status else None

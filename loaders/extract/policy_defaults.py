"""When a measure is dated, and what status one named without a status word has.

- The time of a measure is the time expression of its own clause nearest to it, not that of
  the telling (``a source reported on Tuesday that …``), of another verb phrase or relative
  clause (``policy_clauses``) nor a deadline (``ahead of the December 22 deadline``).
- A measure noun dated in the past was carried out, one in place "since" a date or
  undated is in force.
- A measure named without a status word is not reported as taken when its verb is negated,
  when it is an infinitive nothing requires (``gave states two years to send the workers
  home``), when it is named as gone (``no longer face quarantine``) or as the object of a
  change not made (``may decide to lift the quarantine rules``), or when it is denied.
- Equipment or a barrier named as new (``new floodlights``) was put up, unless it is only
  wanted (``wants new fences``).
- A negation inside the condition of a rule (``anyone who does not register guests will be
  fined``) does not negate the rule.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import STATUS

from .context import TIME_REACH, ArticleContext, distance
from .measure_groups import EQUIPMENT
from .model import Span, TimeInfo
from .policy_clauses import other_predicate, relative_apart

_CARRIED_OUT, _IN_FORCE, _LIFTED = str(STATUS.CarriedOut), str(STATUS.InForce), str(STATUS.Lifted)
# A time expression dates a measure within ``TIME_REACH`` characters of it; farther when it
# ends the sentence, where it dates the main verb however long the clause ("put up cameras
# on the lanes that lead up from the river in two villages near Nanping this month, the
# source added").
_FINAL_TIME_REACH = 130
_SENTENCE_END = re.compile(
    r"\s*(?:[.!?;:\"”’)]|$|,\s+(?:(?:a|an|the|one|two|several)\s+)?(?:[\w-]+\s+){0,6}?"
    r"(?:said|says|told|added|reported|according)\b)"
)


# Words between a time expression and a measure that put them in different clauses: the
# time of the telling ("told officials this month that …", "a source reported on Tuesday").
_OTHER_CLAUSE = re.compile(
    r"\b(?:that|whether|said|says|told|reported|reports|added|according|when|while|after|"
    r"before|because)\b",
    re.IGNORECASE,
)


# "ahead of the December 22 deadline": a date the measure must meet, not when it happened.
_DEADLINE_AFTER = re.compile(r"\s*(?:'s\s+)?deadlines?\b", re.IGNORECASE)


# The verbs that tell a measure ("were told on 3 June that nobody may …"): their time dates it.
_TELLING = re.compile(
    r"\b(?:told|warned|ordered|instructed|informed|notified|announced|reminded)\b", re.IGNORECASE
)
_THAT = re.compile(r"\bthat\b")


def _time_of_telling(ctx: ArticleContext, index: int, time: TimeInfo, anchor: Span) -> bool:
    """Whether a time before an announced measure dates the telling of it ("residents were
    told last week that nobody may …", "at a meeting on 2 December, guards were told that
    …"): the clause between holds only the verb of telling and its ``that``."""
    if time.span.end > anchor.begin:
        return False
    sent = ctx.sentences[index]
    if not _TELLING.search(ctx.folded, sent.begin, anchor.begin):
        return False
    between = _TELLING.sub(" ", ctx.folded[time.span.end : anchor.begin])
    return not _OTHER_CLAUSE.search(_THAT.sub(" ", between, count=1))


def measure_time(
    ctx: ArticleContext, index: int, anchor: Span, announced: bool = False
) -> TimeInfo | None:
    """The time expression of the measure's own clause nearest to it, if close enough; of an
    announced measure, also the time it was told (``announced``)."""
    time = ctx.time(index, anchor)
    if time is None:
        late = [
            t
            for t in ctx.times_in(index)
            if t.span.begin >= anchor.end
            and distance(t.span, anchor) <= _FINAL_TIME_REACH
            and _SENTENCE_END.match(ctx.folded, t.span.end)
        ]
        time = min(late, key=lambda t: distance(t.span, anchor)) if late else None
    if time is not None and _DEADLINE_AFTER.match(ctx.folded, time.span.end):
        others = [
            t
            for t in ctx.times_in(index)
            if distance(t.span, anchor) <= TIME_REACH
            and not _DEADLINE_AFTER.match(ctx.folded, t.span.end)
        ]
        time = min(others, key=lambda t: distance(t.span, anchor)) if others else None
    if time is None:
        return None
    lo, hi = _between(time.span, anchor)
    if announced and lo < hi and _time_of_telling(ctx, index, time, anchor):
        return time
    if lo < hi and _apart(ctx, index, time, anchor):
        others = [
            t
            for t in ctx.times_in(index)
            if t is not time
            and distance(t.span, anchor) <= TIME_REACH
            and not _apart(ctx, index, t, anchor)
        ]
        return min(others, key=lambda t: distance(t.span, anchor)) if others else None
    return time


def _apart(ctx: ArticleContext, index: int, time: TimeInfo, anchor: Span) -> bool:
    """Whether a time expression stands in another clause than the measure: the telling's
    (``reported on Tuesday that``), a coordinated verb phrase's (``…, and is set to add
    sensors before the end of the year``) or a relative clause's before the measure's verb
    (``workers who unloaded freight last week are confined``)."""
    if _OTHER_CLAUSE.search(ctx.folded, *_between(time.span, anchor)):
        return True
    sentence = ctx.sentences[index]
    return any(
        apart(ctx.folded, time.span, anchor, sentence)
        for apart in (other_predicate, relative_apart)
    )


def _between(a: Span, b: Span) -> tuple[int, int]:
    return (a.end, b.begin) if a.end <= b.begin else (b.end, a.begin)


# "new floodlights", "a new barbed-wire fence": a thing put up, unless it is only wanted.
_NEW = re.compile(r"\bnew\s+(?:[\w-]+\s+){0,2}$", re.I)
_WANTED = re.compile(
    r"\b(?:want|need|plan|propos|demand|call\w*\s+for|ask\w*\s+for|seek|sought|consider|"
    r"request|order|budget|fund|promis)\w*\s+(?:[\w-]+\s+){0,4}$",
    re.I,
)


def new_installation(ctx: ArticleContext, index: int, concept: str, span: Span) -> bool:
    """Whether a piece of equipment or a barrier is named as new and thus put up."""
    if concept not in EQUIPMENT:
        return False
    before = ctx.before(index, span.begin, 60)
    cue = ctx.folded[span.begin : span.end]
    new = _NEW.search(before[-30:]) or cue.lower().startswith("new ")
    return bool(new) and not _WANTED.search(before)


# A negation inside a relative clause before the main verb ("anyone who does not register
# guests will be fined") negates the condition, not the rule.
_RELATIVE_NEGATION = re.compile(
    r"\b(?:who|that|whoever)\s+(?:(?:do|does|did|has|have|had|is|are|was|were)\s*(?:not|n't|never)|"
    r"(?:fail|refuse)\w*\s+to|(?:[\w'’-]+\s+){1,5}?without)\s+(?:[\w'’-]+\s+){2,}$",
    re.I,
)


def negated(ctx: ArticleContext, index: int, cue: Span, target: Span | None = None) -> bool:
    """Whether a status cue or a measure verb is negated in its own clause."""
    if not ctx.negated(index, cue, target):
        return False
    return not _RELATIVE_NEGATION.search(ctx.before(index, cue.begin, 80))


# "no longer face quarantine": the measure named only to say it is gone.
_NO_LONGER = re.compile(r"\b(?:no\s+longer|not\s+any\s+more|no\s+more)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "may decide to lift the quarantine rules": a change not made, of a measure not reported.
_UNREALISED_CHANGE = re.compile(
    r"\b(?:to|will|would|may|might|could)\s+(?:\w+ly\s+)?(?:lift|ease|relax|end|scrap|remove|"
    r"reopen|resume|loosen|drop|abolish|shorten)\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w-]+\s+)"
    r"{0,2}$",
    re.I,
)
# "gave states two years to send all such workers home": an infinitive, no deed — unless a
# verb of requiring governs it ("are requiring everyone … to spend 30 days in isolation").
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.I)
# "tourists have to hand in their phones": the infinitive of an obligation is a rule's deed.
# Not one that would hold or used to ("would have to", "used to have to"), nor a speaker's
# own ("now I have to report him").
_OBLIGATION = re.compile(
    r"(?<!\bwould\s)(?<!\bcould\s)(?<!\bmight\s)(?<!\bto\s)(?<!\bI\s)(?<!\bwe\s)"
    r"\b(?:have|has|had|need|needs)\s+to\s+(?:\w+ly\s+)?$",
    re.I,
)
_REQUIRING = re.compile(
    r"\b(?:requir\w*|forc(?:ed|es|ing)|oblig\w*|compel\w*|order\w*|instruct\w*|told|tell\w*|made|make|"
    r"makes|mandat\w*|direct\w*|expect\w*|allow\w*|permit\w*|"
    # "officials agreed to let visits resume": an agreement reached is the decision reported
    r"(?:have|has|had)?\s*agreed)\b[^.;]{0,70}$",
    re.I,
)


def no_longer(ctx: ArticleContext, index: int, cue: Span) -> bool:
    """Whether a state is told as over (``no longer required``, ``not … any more``)."""
    return bool(_NO_LONGER.search(ctx.before(index, cue.begin, 40)))


def unreported(ctx: ArticleContext, index: int, span: Span, verb: Span | None) -> bool:
    """Whether a measure named without a status word is not reported as taken: its verb
    negated (``did not install any cameras``) or an infinitive with nothing to govern it
    (``gave states two years to send all such workers home``), the noun named as gone
    (``no longer face quarantine``), or what someone denies (``denied reports of a new
    fence``)."""
    if verb is not None and negated(ctx, index, verb):
        return True
    if (
        verb is not None
        and _INFINITIVE.search(ctx.before(index, verb.begin, 20))
        and not _OBLIGATION.search(ctx.before(index, verb.begin, 20))
        and not _REQUIRING.search(ctx.before(index, verb.begin, 90))
    ):
        return True
    before = ctx.before(index, span.begin, 60)
    if _NO_LONGER.search(before) or _UNREALISED_CHANGE.search(before):
        return True
    return ctx.denied(index, span.begin)


def dated_past(ctx: ArticleContext, index: int, span: Span) -> bool:
    """Whether the measure's own time expression lies before the publication date."""
    time = measure_time(ctx, index, span)
    if time is None or time.latest is None:
        return False
    return ctx.published is None or time.latest < ctx.published


# A measure noun as what something ended: "ending a five-year halt", "put an end to the ban".
_ENDING = re.compile(
    r"\b(?:ending|ended|ends|end\s+to)\s+(?:a|an|the|its|their)\s+(?:[\w'’–-]+\s+){0,3}?$",
    re.IGNORECASE,
)


def ended(ctx: ArticleContext, index: int, span: Span) -> bool:
    """Whether a measure is named as what something ended ("ending a five-year halt")."""
    return bool(_ENDING.search(ctx.before(index, span.begin, 40)))


# "since the border closure", "before the closure of the border": the measure as the past
# event a time is counted from is one carried out.
_FROM_EVENT = re.compile(
    r"\b(?:since|before|after)\s+(?:the|its|their|this|that|last\s+year's)\s+"
    r"(?:(?:\d{4}|covid|pandemic|[\w–-]+'s)\s+)?(?:[\w–-]+\s+)?$",
    re.IGNORECASE,
)


def default_status(ctx: ArticleContext, index: int, span: Span) -> str:
    """Status of a measure named without a verb: one named as ended ("ending a five-year
    halt to freight") is lifted, one a time is counted from ("since the border closure")
    and a dated past one were carried out, one in place "since" a date still is."""
    if ended(ctx, index, span):
        return _LIFTED
    if _FROM_EVENT.search(ctx.before(index, span.begin, 40)):
        return _CARRIED_OUT
    time = measure_time(ctx, index, span)
    if time is not None and time.relation == "since":
        return _IN_FORCE
    return _CARRIED_OUT if dated_past(ctx, index, span) else _IN_FORCE

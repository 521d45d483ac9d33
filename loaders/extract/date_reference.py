"""Times for measures and events their own clause leaves undated, given elsewhere:

- a time that opens the sentence (``Since March, customs have refused …``, ``On 9 April,
  after …, officers searched …``) dates its main clause however long the subject;
- a time that points back (``at the same time``, ``since the arrests``; ``date_anaphora``)
  dates what stands near it;
- a time that closes the clause (``sentenced the organiser … to seven years in prison and a
  fine of 500,000 yuan on November 8, finding that …``) dates its main verb;
- the next sentence may date the measure just told (``… lifted the rule. That ended in
  March.``);
- the items of a list of rules take the time the sentence before the list gives the rules
  (``issued a new set of rules … in late August``).

All only fill a time left empty once statuses, merges and roles are settled, so they never
change what was found: the guide's ``when`` is "the time the text gives for this measure".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from borderkg.ontology.namespaces import STATUS, TIMEPREC

from .context import TIME_REACH, ArticleContext, distance
from .model import EventReport, Policy, Span, TimeInfo
from .policy_clauses import other_predicate, participle_apart, relative_apart, subordinate_apart

_UNKNOWN = str(TIMEPREC.Unknown)
# What may stand before a sentence's opening time: "On the night of 12 May".
_LEAD = re.compile(
    r"\W*(?:(?:on|in|during)\s+the\s+(?:night|morning|evening|afternoon)\s+of\s+)?$",
    re.IGNORECASE,
)
# A verb of saying between the time and the node: the time dates the telling ("Last week, a
# source said that guards …"), not what is told.
_SAID = re.compile(
    r"\b(?:said|says|say|reported|reports|added|according|claimed|claims|heard|believed|"
    r"told\s+(?:daily\s+nk|reporters|journalists))\b",
    re.IGNORECASE,
)


def date_undated(
    ctx: ArticleContext, nodes: Sequence[Policy | EventReport], referring: list[TimeInfo]
) -> None:
    """Give each node without a time (in place) the first of: its sentence's opening time,
    a referring time near it, the time closing its clause, the next sentence's "That ended
    …", the time given to the rules a list item belongs to."""
    for node in nodes:
        if node.time is not None or not node.evidence:
            continue
        node.time = (
            _opening(ctx, node)
            or _referring(ctx, node, referring)
            or _closing(ctx, node)
            or _told_next(ctx, node)
            or _listed(ctx, node)
        )


def _definite(time: TimeInfo) -> bool:
    """A resolved time that is not vague ("recently" dates nothing, says the scheme)."""
    return time.earliest is not None and time.precision != _UNKNOWN


def _spans(ctx: ArticleContext, node: Policy | EventReport) -> list[tuple[int, Span]]:
    """(sentence index, evidence span) of each evidence span of a node (an event report
    may join several sentences)."""
    out = []
    for span in node.evidence:
        index = ctx.words.sentence_of(span.begin)
        if ctx.sentences[index].contains(span):
            out.append((index, span))
    return out


def _opening(ctx: ArticleContext, node: Policy | EventReport) -> TimeInfo | None:
    """The usable time that opens a sentence of the node, unless a verb of saying stands
    between it and the node."""
    for index, anchor in _spans(ctx, node):
        found = _opening_at(ctx, index, anchor)
        if found is not None:
            return found
    return None


def _opening_at(ctx: ArticleContext, index: int, anchor: Span) -> TimeInfo | None:
    sent = ctx.sentences[index]
    first = [t for t in ctx.times_in(index) if t.span.end <= anchor.begin]
    if not first or not _definite(first[0]):
        return None
    time = first[0]
    if not _LEAD.match(ctx.folded[sent.begin : time.span.begin]):
        return None
    if _SAID.search(ctx.folded, time.span.end, anchor.begin):
        return None
    return time


def _referring(
    ctx: ArticleContext, node: Policy | EventReport, referring: list[TimeInfo]
) -> TimeInfo | None:
    """The nearest referring time of the node's sentence close to its evidence, or the one
    that opens the sentence."""
    sent = ctx.sentences[node.sentence]
    anchor = node.evidence[0]
    inside = [t for t in referring if sent.contains(t.span)]
    near = [t for t in inside if distance(t.span, anchor) <= TIME_REACH]
    if near:
        return min(near, key=lambda t: distance(t.span, anchor))
    opening = [
        t
        for t in inside
        if t.span.end <= anchor.begin
        and _LEAD.match(ctx.folded[sent.begin : t.span.begin])
        and not _SAID.search(ctx.folded, t.span.end, anchor.begin)
    ]
    return opening[0] if opening else None


# A time closes its clause before the sentence ends, a participle clause (", finding that"),
# or the attribution (", a source said").
_CLAUSE_END = re.compile(
    r"\s*(?:[.!?;:\"”’)]|$|,\s+(?:[\w-]+ing\b|(?:(?:a|an|the|one|two|several)\s+)?"
    r"(?:[\w-]+\s+){0,6}?(?:said|says|told|added|reported|according)\b))"
)
_CLOSING_REACH = 130
# "a source told Daily NK on Wednesday", "said this week": the time of the telling.
_TELLING_BEFORE = re.compile(
    r"\b(?:said|says|told\s+(?:daily\s+nk|reporters|journalists|\w+)|reported|added)\s*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"\b(?:that|which|who|whom|whose|when|while|after|before|because|until|since|where)\b|"
    r",\s*(?:and|but)\b|[;:]"
)


def _closing(ctx: ArticleContext, node: Policy | EventReport) -> TimeInfo | None:
    """The usable time after the node that closes its clause, with no clause break between."""
    for index, anchor in _spans(ctx, node):
        found = _closing_at(ctx, index, anchor)
        if found is not None:
            return found
    return None


def _closing_at(ctx: ArticleContext, index: int, anchor: Span) -> TimeInfo | None:
    sent = ctx.sentences[index]
    for t in ctx.times_in(index):
        if t.span.begin < anchor.end or not _definite(t):
            continue
        if t.span.begin - anchor.end > _CLOSING_REACH:
            return None
        if _CLAUSE_BREAK.search(ctx.folded, anchor.end, t.span.begin):
            return None
        apart = (
            other_predicate(ctx.folded, t.span, anchor, sent)
            or relative_apart(ctx.folded, t.span, anchor, sent)
            or participle_apart(ctx.folded, t.span, anchor)
            or subordinate_apart(ctx.folded, t.span, anchor)
        )
        if apart:
            return None
        if _TELLING_BEFORE.search(ctx.folded, max(sent.begin, t.span.begin - 40), t.span.begin):
            return None
        return t if _CLAUSE_END.match(ctx.folded, t.span.end) else None
    return None


# "That ended in March.", "This began in 2021.": the next sentence dates the measure told.
_NEXT_TELLS = re.compile(
    r"\W*(?:that|this|it)\s+(?:(?P<end>ended|stopped|was\s+(?:lifted|scrapped|dropped))|"
    r"(?P<begin>began|started|took\s+effect|came\s+into\s+(?:force|effect)))\b",
    re.IGNORECASE,
)
_ENDED = (str(STATUS.Lifted), str(STATUS.Eased))


def _told_next(ctx: ArticleContext, node: Policy | EventReport) -> TimeInfo | None:
    """The time of a next sentence that tells the measure ended or began (a measure only)."""
    if not isinstance(node, Policy) or node.sentence + 1 >= len(ctx.sentences):
        return None
    nxt = ctx.sentences[node.sentence + 1]
    m = _NEXT_TELLS.match(ctx.folded, nxt.begin, nxt.end)
    if m is None:
        return None
    times = [t for t in ctx.times_in(node.sentence + 1) if t.earliest is not None]
    if not times:
        return None
    relation = "since" if m.group("begin") else "at" if node.status in _ENDED else "until"
    return dataclasses.replace(times[0], relation=relation)


# What names the rules a list (``bullets.list_layout``) lists.
_RULES = re.compile(
    r"\b(?:rules?|regulations?|measures?|orders?|decrees?|directives?|instructions?|notices?)\b",
    re.IGNORECASE,
)
_LIST_LOOK_BACK = 4


def _listed(ctx: ArticleContext, node: Policy | EventReport) -> TimeInfo | None:
    """For a measure in a list item, the time the latest sentence before the list (within
    a few) gives the rules it names."""
    layout = ctx.lists()
    if not isinstance(node, Policy) or node.sentence not in layout.list_of:
        return None
    number = layout.list_of[node.sentence]
    index = min(s for s, n in layout.list_of.items() if n == number)
    for before in range(index - 1, max(-1, index - 1 - _LIST_LOOK_BACK), -1):
        sent = ctx.sentences[before]
        if not _RULES.search(ctx.folded, sent.begin, sent.end):
            continue
        times = [
            t
            for t in ctx.times_in(before)
            if t.earliest is not None and t.relation not in ("by", "until")
        ]
        if times:
            return dataclasses.replace(times[-1], relation="at")
    return None

"""Hearsay: measures the article tells only as what is said, heard or unconfirmed.

The gold reads a measure resting on hearsay as ``Rumoured`` (``loaders/corpus/gold/
README.md``). Besides the rumour words of the status lexicon (``policy_status_cues``) these
constructions tell hearsay:

- a deed told as said or reported of its doer (``the police are said to have questioned
  the pastor``, ``guards were reported to have moved the families``; not a relative clause
  describing someone, ``a deputy chief who is said to have protected the company``);
- accounts the teller calls unconfirmed (``cites unconfirmed accounts that …``), accounts
  or talk going round (``according to accounts circulating among soldiers``, ``there is
  also talk in the city that …``, ``set off talk in the town that …``), speculation
  (``traders speculate that …``), what people hear (``residents hear that …``, ``heard the
  county might …``, ``have heard from soldiers that …``), what "is believed" or "is said",
  and what unnamed people believe is to come (``some in the town say cameras will go up``,
  ``residents believe the army is preparing to lay mines``; not what they were told nor what
  they see no sign of);
- a sentence whose teller says it could not be confirmed (``…, though the source could not
  confirm it``, ``reports, which it could not verify, that …``): its measures are Rumoured.

A rumour word reaches a measure only in its own clause: not one told in a coordinated clause
with a subject of its own (``cameras were fitted last month, and the same cameras are said
to be going up in …``: the first is done) nor one a relative clause after the measure
comments on (``put up a fence, which local people say will come down in the spring``); the
complement of the rumour (``rumours say …, and that guards may now fire``) is reached.

A plan "said to be" in preparation (``officials are said to be preparing a public trial``)
is Planned, as the gold reads most of them, unless the sentence doubts it (``though nothing
has been announced``, ``the source could not confirm it``).
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import STATUS

from .context import ArticleContext
from .model import Span, TimeInfo
from .policy_clauses import same_clause

_I = re.IGNORECASE
RUMOURED, PLANNED = str(STATUS.Rumoured), str(STATUS.Planned)

# Hearsay constructions the status lexicon's rumour words do not cover.
_HEARSAY = re.compile(
    # "are said to have questioned", "was reported to have ordered" (not "who is said to have")
    r"(?<!\bwho\s)(?<!\bwhich\s)(?<!\bthat\s)\b(?:is|are|was|were)\s+(?:also\s+|now\s+)?"
    r"(?:said|reported|rumou?red)\s+to\s+have\b"
    r"|\b(?:is|are|was|were)\s+(?:also\s+)?said\s+to\s+be\s+(?:due|about|set)\s+to\b"
    r"|\bunconfirmed\b"
    # "there is also talk in the city that", "set off talk in Rason that", "talk that"
    r"|\bthere\s+(?:is|was|has\s+been)\s+(?:also\s+|now\s+|still\s+|some\s+|much\s+)talk\b"
    r"|\btalk\s+(?:(?:in|among|around|at|on)\s+[^.;,]{1,60}?\s+)?that\b"
    r"|\bspeculat(?:e|es|ed|ing)\b"
    r"|\bhears?\s+that\b"
    # "have heard from soldiers that", "he had heard Pyongyang has decided"
    r"|\bheard\s+from\s+[^.;,]{1,40}?\s+that\b"
    r"|\b(?:have|has|had)\s+(?:also\s+)?heard\s+(?-i:[A-Z])"
    # unnamed people believing a measure to come: "some in the town say cameras will go up",
    # "residents believe the army is preparing to lay mines" (not what they were told)
    r"|\b(?:some|many|others|(?:local\s+)?(?:residents|villagers|people|traders|locals|"
    r"smugglers|fishermen|drivers|families|brokers|merchants))\b(?:\s+(?:in|of|from|at|near)\s+"
    r"[\w’'-]+(?:\s+[\w’'-]+)?)?\s+(?:also\s+)?(?:say|believe|think|expect|fear|suspect)\s+"
    r"(?:that\s+)?(?![^.;]*\b(?:told|ordered|warned|instructed|notified|notices?)\b)"
    r"(?:(?!\b(?:no|not|never|nothing)\b)[^.;,:]){0,80}?"
    r"\b(?:will|would|(?-i:may)|might|could|(?:is|are)\s+(?:preparing|planning|going)\s+to)\b"
    r"(?!\s+not\b)"
    r"|(?<!\bhave\s)(?<!\bhas\s)(?<!\bhad\s)\bheard\s+(?:that\s+)?[^.;,]{0,60}?"
    r"\b(?:will|would|might|may|could)\b"
    r"|\baccounts?\s+(?:circulating|going\s+(?:a)?round|spreading)\b"
    r"|\bit\s+is\s+(?:widely\s+|also\s+)?(?:said|believed|rumou?red)\s+that\b"
    r"|\bthere\s+are\s+(?:also\s+)?(?:claims|stories)\s+(?:[\w’'-]+\s+){0,4}?that\b",
    _I,
)
# The teller doubting what is told: "could not confirm it", "which could not be verified".
_DOUBT = re.compile(
    r"\b(?:could|can|would|did)\s+not\s+(?:be\s+)?(?:independently\s+)?(?:confirm|verify|"
    r"confirmed|verified)\b|\bcannot\s+(?:be\s+)?(?:independently\s+)?(?:confirm|verify|"
    r"confirmed|verified)\b|\b(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+(?:independently\s+)?"
    r"(?:confirmed|verified)\b|\b(?:no\s+one|nobody)\s+(?:could|would|can)\s+confirm\b|"
    r"\bunverified\b",
    _I,
)
# Doubt that a plan is real: the doubts above, or nothing said or heard of it officially.
_NOTHING_SAID = re.compile(
    r"\bnothing\s+(?:has|had)\s+(?:yet\s+)?been\s+(?:announced|said|confirmed)|\bheard\s+"
    r"(?:nothing|only\s+rumou?rs)|\b(?:have|has|had)\s+(?:said|announced)\s+nothing\b",
    _I,
)
# A plan said to be in preparation.
_SAID_PREPARING = re.compile(
    r"(?:(?:is|are|was|were)\s+(?:also\s+|now\s+)?)?said\s+to\s+be\s+(?:preparing|planning)\b"
    # with the verb planned: "preparing to keep the teams on" is a plan, not a state kept
    r"(?:\s+to\s+\w+)?",
    _I,
)
# Rumours as what is spread, not as a source ("could be used to spread rumours").
_SPREAD = re.compile(r"\b(?:spread|spreads|spreading|spreader)\s+(?:false\s+|\W)*$", _I)
# A deed said or reported of its doer, and the means or occasion of a deed ("by treating").
_SAID_TO_HAVE = re.compile(r"\b(?:said|reported|rumou?red)\s+to\s+have\b", _I)
_MEANS = re.compile(r"\b(?:by|after|before|while|for|instead\s+of)\s+\w+ing\b", _I)
# A relative clause after a measure that comments on it ("…, which people say will …").
_RELATIVE = re.compile(r",\s*(?:which|who|whose|whom)\b", _I)


def hearsay_cues(ctx: ArticleContext, index: int, statuses: list[tuple[str, Span]]) -> list[Span]:
    """The hearsay cues of sentence ``index``: the lexicon's rumour words among ``statuses``
    (less rumours as what is spread) and the constructions of ``_HEARSAY``, in text order."""
    sent, text = ctx.sentences[index], ctx.folded
    cues = [
        span
        for status, span in statuses
        if status == RUMOURED
        and not _SPREAD.search(text, max(sent.begin, span.begin - 20), span.begin)
    ]
    cues += [Span(m.start(), m.end()) for m in _HEARSAY.finditer(text, sent.begin, sent.end)]
    return sorted(cues, key=lambda s: (s.begin, s.end))


def reaches(text: str, cue: Span, measure: Span) -> bool:
    """Whether a hearsay cue tells of a measure: both in one clause, or the measure in the
    complement after the cue; not through a relative clause after the measure, nor from a
    deed "said to have" been done to a measure named only in how it was done (``are said to
    have kept theirs by bribing the inspectors``)."""
    if cue.overlaps(measure):
        return True
    if (
        cue.end <= measure.begin
        and _SAID_TO_HAVE.search(text, cue.begin, cue.end)
        and _MEANS.search(text, cue.end, measure.begin)
    ):
        return False
    if cue.begin >= measure.end and _RELATIVE.search(text, measure.end, cue.begin):
        return False
    return same_clause(text, cue, measure)


def hearsay_status(
    ctx: ArticleContext, index: int, measure: Span, statuses: list[tuple[str, Span]]
) -> tuple[str, Span] | None:
    """Rumoured and its cue for a measure a hearsay cue reaches, Planned for a plan "said to
    be" in preparation that the sentence does not doubt; None where no hearsay cue reaches it."""
    text = ctx.folded
    cue = next((c for c in hearsay_cues(ctx, index, statuses) if reaches(text, c, measure)), None)
    if cue is None:
        return None
    planned = _SAID_PREPARING.match(text, cue.begin)
    if planned and not doubted(ctx, index, plans=True):
        return PLANNED, Span(cue.begin, planned.end())
    return RUMOURED, cue


def doubted(ctx: ArticleContext, index: int, plans: bool = False) -> bool:
    """Whether sentence ``index`` says what it tells could not be confirmed (``plans``: or
    that nothing has been said of it officially)."""
    sent = ctx.sentences[index]
    if _DOUBT.search(ctx.folded, sent.begin, sent.end):
        return True
    return plans and _NOTHING_SAID.search(ctx.folded, sent.begin, sent.end) is not None


def hearsay_time(text: str, status: str, time: TimeInfo | None, evidence: Span) -> TimeInfo | None:
    """The time of a measure: of a Rumoured one only a time in its own clause (``cameras were
    fitted last month, and the same cameras are said to be going up in …``: last month is the
    fitting's)."""
    if time is None or status != RUMOURED or same_clause(text, time.span, evidence):
        return time
    return None

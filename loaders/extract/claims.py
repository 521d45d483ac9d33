"""Claims: attributed assertions, their certainty, and the law they invoke.

A sentence becomes a claim when it has a reporting verb, a hedge (``reportedly``,
``rumours``) or invokes a legal instrument against something (``violates Article 33``,
``bound by the principle of non-refoulement``, a provision cited as protecting a right:
``Article 12 … protects the right of everyone to leave``). It is attributed to the sentence's speaker;
a sentence without one inside a quotation is the quotation's speaker's, and one in the
paragraph of the last speaker is that speaker's (reporting in this genre keeps quoting one
source through a paragraph); any other is the narrator's, the outlet's own (a paragraph
of background on a UN resolution does not continue the source quoted before it). It is
about the policies and events of its sentence, and a legal claim without one is about the
measure its words name (``the fence is needed … in line with the new law``: the nearest
fence reported up to it), else the nearest preceding forced repatriation; a denial that
tells nothing of its own is about what was just told (``claims_denials``). A claim invokes
the narrowest provisions its sentence names or pins by their content, not the articles and
instruments that hold them (``Article 33 of the Refugee Convention``: the article alone).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TypeVar

from borderkg.ontology.namespaces import CERTAINTY, EVENTTYPE, MEASURE

from . import kinds
from .anchors import AnchoredPattern
from .attribution import Attribution
from .claims_denials import denials, denied_antecedents, points_back, tells_something
from .context import ArticleContext
from .cues import word_regex
from .events import SPEECH_EVENTS
from .model import Claim, EventReport, Policy, Span
from .policy_candidates import measure_matches
from .policy_merge import BROADER

_I = re.IGNORECASE
_Node = TypeVar("_Node", Policy, EventReport)
_RUMOURED = word_regex(
    r"\b(?:rumou?rs?|rumou?red|reportedly|allegedly|it is said|word is|supposedly|apparently|"
    r"unconfirmed|speculation|speculated|purportedly|said to be|believed to be|appears? to|"
    r"seems? to|may have|might have|could not be (?:independently )?(?:verified|confirmed))\b",
)
# "a member believed to be in China", "the man said to be the broker": the hedge describes a
# noun, it does not hedge the sentence ("he is believed to be in China" does). The word before
# the hedge, adverbs skipped, tells which.
_WORD_BEFORE = re.compile(r"([a-z’']+)[,\s]+(?:(?:widely|also|now|still|generally)[,\s]+)*$")
_HEDGES_A_CLAIM = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "he",
        "she",
        "they",
        "who",
        "that",
        "which",
        "what",
        "there",
    ]
)
# The matches of ``_RUMOURED.finditer``, tried only where one of its words begins.
_RUMOURED_SEARCH = AnchoredPattern(_RUMOURED)
_CONFIRMED = word_regex(
    r"\b(?:confirmed|confirms|verified|official (?:data|statistics|figures)|customs (?:data|"
    r"statistics|figures))\b",
)
# "referred (explicitly) to": the adverbs a verb of invoking may carry before its "to".
_TO = r"(?:(?:explicitly|expressly|specifically|directly) )?to"
_INVOKES = word_regex(
    r"\b(?:violat\w*|breach\w*|contrary to|obligations?|obliged|bound by|prohibit\w*|"
    r"non-refoulement|refoulement|protection (?:under|of)|rights under|in defiance of|"
    r"disregard\w*|flout\w*|fails? to (?:comply|respect|honou?r)|failed to (?:comply|respect|"
    r"honou?r)|party to|signatory|requires?|required|in line with|in accordance with|"
    rf"invok(?:e|es|ed|ing)|refer(?:s|red|ring)? {_TO}|appeal(?:s|ed|ing)? to|"
    # a provision cited as protecting a right ("Article 12 … protects the right of everyone
    # to leave any country", "the right to leave, guaranteed by Article 12")
    r"(?:protect|guarantee|safeguard|enshrine)(?:s|d|ed|ing)? (?:the |a |their |everyone's )?"
    r"rights?|(?:guaranteed|protected|enshrined|safeguarded) (?:by|in|under))\b",
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_REPATRIATION = {str(MEASURE.ForcedRepatriation), str(EVENTTYPE.ForcedRepatriation)}


# A question asserts nothing ("Does sending them back not violate Article 33?"): it ends
# in a question mark, before any closing quotation mark.
_QUESTION = re.compile(r"\?[\"'\u201d\u2019)\s]*$")


def find_claims(
    ctx: ArticleContext,
    attribution: Attribution,
    policies: list[Policy],
    events: list[EventReport],
    to_iri: Callable[[str], str],
    publisher: str | None = None,
) -> list[Claim]:
    """One claim per qualifying sentence, in text order.

    A claim with no speaker of its own, of its quotation or of its paragraph is the
    outlet's own (``publisher``); without a publisher it is left out rather than read as
    a fact.
    """
    out: list[Claim] = []
    last: tuple[str, int] | None = None  # the last speaker and the paragraph it speaks in
    paragraphs = _paragraphs(ctx.original, ctx.sentences)
    quoted = _quoted(attribution, ctx.words.sentence_of)
    policies_in = _by_sentence(ctx.sentences, ctx.words.sentence_of, policies)
    events_in = _by_sentence(ctx.sentences, ctx.words.sentence_of, events)
    for index, sent in enumerate(ctx.sentences):
        if index in ctx.headings or _QUESTION.search(ctx.folded, sent.begin, sent.end):
            continue
        chunk = ctx.folded[sent.begin : sent.end]
        speaker = attribution.speakers.get(index)
        if speaker:
            last = (speaker, paragraphs[index])
        invokes = _invoked(ctx, index, chunk)
        hedges = [
            m
            for m in _RUMOURED_SEARCH.finditer(chunk, 0, len(chunk))
            if not m.group().endswith(" to be") or _hedges_a_claim(chunk, m.start())
        ]
        denied = denials(chunk)
        if not (index in attribution.reported or hedges or denied or invokes):
            continue
        if denied:
            certainty = str(CERTAINTY.Denied)
        elif hedges:
            certainty = str(CERTAINTY.Rumoured)
        elif _CONFIRMED.search(chunk):
            certainty = str(CERTAINTY.Confirmed)
        else:
            certainty = str(CERTAINTY.Reported)
        about = [to_iri(p.local) for p in policies_in.get(index, ())]
        about += [
            to_iri(e.local)
            for e in events_in.get(index, ())
            if not (invokes and e.event_type in SPEECH_EVENTS)
        ]
        own = (policies_in.get(index, []), events_in.get(index, []))
        if denied and not tells_something(*own) and points_back(chunk):
            told = denied_antecedents(index, paragraphs, policies_in, events_in)
            about += [to_iri(node.local) for node in told]
        if invokes and not about:
            previous = _named_measure(ctx, index, policies) or _previous_repatriation(
                index, policies, events
            )
            if previous is not None:
                about.append(to_iri(previous))
        attributed = speaker or quoted.get(index)
        invoker = _invoker(ctx, index, chunk) if invokes and attributed is None else None
        if invoker:
            attributed = invoker
        elif invoker is None and attributed is None and last and last[1] == paragraphs[index]:
            attributed = last[0]
        attributed = attributed or publisher
        if attributed is None:
            continue
        claim = Claim(
            local=f"claim-{len(out) + 1}",
            sentence=index,
            evidence=[sent],
            certainty=certainty,
            attributed_to=attributed,
            hedges=list(
                dict.fromkeys(
                    ctx.original[sent.begin + m.start() : sent.begin + m.end()]
                    for m in (*denied, *hedges)
                )
            ),
            invokes=invokes,
            about=list(dict.fromkeys(about)),
        )
        out.append(claim)
    return out


def _hedges_a_claim(chunk: str, start: int) -> bool:
    """Whether a "believed to be" at ``start`` follows a verb or subject, not a noun."""
    before = _WORD_BEFORE.search(chunk, 0, start)
    if before is None:
        return True
    word = before.group(1)
    return word in _HEDGES_A_CLAIM or word.endswith(("’s", "'s"))


def _paragraphs(text: str, sentences: list[Span]) -> list[int]:
    """The paragraph (blank-line separated block) of each sentence, numbered from 0."""
    breaks = [m.end() for m in _BLANK_LINE.finditer(text)]
    return [bisect.bisect_right(breaks, sent.begin) for sent in sentences]


def _quoted(attribution: Attribution, sentence_of: Callable[[int], int]) -> dict[int, str]:
    """The speaker of each sentence that lies in an attributed quotation."""
    out: dict[int, str] = {}
    for quote in attribution.quotations:
        if quote.attributed_to:
            for span in quote.evidence:
                out.setdefault(sentence_of(span.begin), quote.attributed_to)
    return out


def _in_sentence(evidence: list[Span], sentence: Span) -> bool:
    return any(sentence.contains(span) for span in evidence)


def _by_sentence(
    sentences: list[Span], sentence_of: Callable[[int], int], nodes: list[_Node]
) -> dict[int, list[_Node]]:
    """For each sentence index: the nodes with evidence inside that sentence, in the order
    of ``nodes`` (each span placed once, in the sentence ``sentence_of`` its start)."""
    table: dict[int, list[_Node]] = {}
    for node in nodes:
        placed: set[int] = set()
        for span in node.evidence:
            i = sentence_of(span.begin)
            if i not in placed and sentences[i].contains(span):
                placed.add(i)
                table.setdefault(i, []).append(node)
    return table


def _invoked(ctx: ArticleContext, index: int, chunk: str) -> list[str]:
    legal = [
        m.entity for m in ctx.by_sentence.get(index, []) if kinds.is_legal(ctx.entities[m.entity])
    ]
    if not legal or not _INVOKES.search(chunk):
        return []
    provisions = [iri for iri in legal if kinds.is_provision(ctx.entities[iri])]
    # The narrowest provision the text pins stands for what holds it: "the right … to leave
    # any country …, guaranteed by Article 12" invokes Article 12(2), not also Article 12
    # nor the Covenant (a paragraph is part of its article, the article of its instrument).
    covered = {ctx.entities[p].part_of for p in provisions}
    covered |= {ctx.entities[c].part_of for c in covered if c and c in ctx.entities}
    return list(dict.fromkeys(i for i in [*provisions, *legal] if i not in covered))


# The verbs by which a speaker invokes an instrument itself, with its subject before them
# ("Amnesty International invoked Article 3", "Seoul referred explicitly to Article 33").
_INVOKING = re.compile(
    rf"\b(?:has |have |had |also |again )*(?:invok(?:es|ed)|refer(?:s|red) {_TO}|appeal(?:s|ed) to)\b",
    _I,
)
_SUBJECT_GAP = re.compile(r"\s*(?:,[^,]{0,40},\s*)?$")


def _invoker(ctx: ArticleContext, index: int, chunk: str) -> str | None:
    """Who invokes, by a verb of invoking: its named subject; ``""`` when its subject is
    unnamed ("some delegations"), so that the paragraph's last speaker is not assumed;
    None without such a verb."""
    verb = _INVOKING.search(chunk)
    if verb is None:
        return None
    start = ctx.sentences[index].begin
    before = [m for m in ctx.by_sentence.get(index, []) if m.span.end - start <= verb.start()]
    if before:
        m = before[-1]
        gap = chunk[m.span.end - start : verb.start()]
        if _SUBJECT_GAP.fullmatch(gap) and kinds.is_speaker(ctx.entities[m.entity]):
            return m.entity
    return ""


def _named_measure(ctx: ArticleContext, index: int, policies: list[Policy]) -> str | None:
    """The measure a sentence names by its noun ("the fence is needed … in line with the
    new law"): the nearest one reported up to it of a type the sentence's words name."""
    named = {cand.concept for cand in measure_matches(ctx, index)}
    if not named:
        return None
    best: tuple[int, str] | None = None
    for policy in policies:
        kinds_named = policy.measure_type in named or BROADER.get(policy.measure_type) in named
        if (
            kinds_named
            and policy.sentence <= index
            and (best is None or policy.sentence >= best[0])
        ):
            best = (policy.sentence, policy.local)
    return best[1] if best else None


def _previous_repatriation(
    index: int, policies: list[Policy], events: list[EventReport]
) -> str | None:
    best: tuple[int, str] | None = None
    for node in (*policies, *events):
        kind = node.measure_type if isinstance(node, Policy) else node.event_type
        if kind not in _REPATRIATION or node.sentence > index:
            continue
        if best is None or node.sentence > best[0]:
            best = (node.sentence, node.local)
    return best[1] if best else None

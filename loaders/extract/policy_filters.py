"""What a status cue or a measure mention really says, judged from the words around it.

- A participle used as an adjective (``stored in sealed warehouses``) or a verb governed by
  ``to`` or a modal (``plans to put up``) is no report that something was done.
- ``a similar campaign`` refers back: it is the kind of crackdown the article reported.
- Powers granted (``gives the authorities powers to build barriers``) are no measure; nor
  are people described by what was done to them (``those repatriated faced torture``).
- A verb form after a determiner is a noun or an adjective (``the police station``,
  ``the returned workers``).
- A later change told of the same measure (``began a campaign, but it was called off``;
  ``five days a week, up from three``; ``a curfew imposed in July was lifted``) is where
  the measure stands.
- What people who are not the authority hope for, fear, expect or believe will happen
  (``some traders hope that trade will restart in April``, ``activists fear the detainees
  will be sent back``) is no plan of the authority.
- Some status words only look like one: ``added`` without an object reports speech (``the
  source added``), ``told a local newspaper`` is a statement, ``a pass issued by the
  county`` says what the pass is, ``half-finished`` is an adjective.
- A measure that is the subject of a verb of change (``the order to fire … was
  withdrawn``), or a shorter period told after it (``…, down from ten days``), has changed.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE, STATUS

from . import kinds
from .context import ArticleContext
from .cues import triggers
from .model import Policy, Span
from .policy_tense import (
    EFFORT,
    GOVERNED,
    verb_form,
)

_CARRIED_OUT, _ANNOUNCED = str(STATUS.CarriedOut), str(STATUS.Announced)
_TRADE_ORDERS = re.compile(
    r"\b(?:place[ds]?|placing|new|purchase|export|import|take|took|taking|receive[ds]?|fill|"
    r"cancel\w*|bulk|large|small|more|fewer)\s+$",
    re.IGNORECASE,
)
# "kept in port on the orders of the headquarters", "under an order of the ministry": the
# order a measure rests on, not news of an order; the measure's own verb gives its status.
_ORDER_AS_BASIS = re.compile(r"\bon\s+(?:[\w'’-]+\s+){0,3}?$", re.IGNORECASE)
_ORDER_UNDER = re.compile(r"\bunder\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,2}?$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+(?:of|from)\b", re.IGNORECASE)
_CHANGES = {str(STATUS.Lifted), str(STATUS.Eased)}
_PLANNED = str(STATUS.Planned)
_SUBORDINATE = re.compile(
    r"\b(?:before|until|unless|if|when|after|once|so\s+that|so|where|whether)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "a statement issued in Geneva": what was issued is the statement, not a measure.
_DOCUMENT_BEFORE = re.compile(
    r"\b(?:statements?|reports?|communiqu[eé]s?|press\s+releases?|letters?|appeals?|findings)\s+"
    r"(?:(?:was|were|has\s+been|had\s+been|it|they|\w+)\s+)?$",
    re.IGNORECASE,
)
_DONE = _CHANGES | {_CARRIED_OUT}
_ADJECTIVAL_BEFORE = re.compile(
    r"\b(?:in|into|inside|from|of|with|at|on|under|behind|within|through)\s+(?:the\s+|a\s+|an\s+|"
    r"its\s+|their\s+)?(?:newly\s+)?$",
    re.IGNORECASE,
)
_NOUN_AFTER = re.compile(
    r"^\s+(?!(?:by|in|on|at|to|along|near|for|from|since|with|off|up|"
    r"down|and|or|but|last|this|after|before)\b)[a-z]+",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"\b(?:similar|same|such|another|comparable|earlier|previous|last|that|this)\s+"
    r"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_CAMPAIGN_HEAD = re.compile(
    r"(?:[\w-]+\s+){0,2}?(?:crack\w*|clamp\w*|campaigns?|sweeps?|operations?|drives?|"
    r"inspections?|purges?|offensives?|hunts?|searches)\b",
    re.IGNORECASE,
)
# "a second group of suspects", "another batch": more of the same
_ORDINAL_GROUP = re.compile(
    r"\b(?:a|another|the)\s+(?:second|third|fourth|further|next|new)\s+(?:group|batch|wave|"
    r"round)\b",
    re.IGNORECASE,
)
_SPECIFIC = (
    str(MEASURE.PhoneCrackdown),
    str(MEASURE.SmugglingCrackdown),
    str(MEASURE.DefectionCrackdown),
    str(MEASURE.NonSocialistInspection),
)
# "…, but it was called off": a change told of the measure just named.
_CONCESSIVE = re.compile(
    r"^[^.;]{0,90}?\b(?:but|until|before|only\s+for|and\s+then|then)\s+(?:(?:it|they|this|that|"
    r"these|the\s+\w+)\s+)?(?:was|were|has\s+been|had\s+been|have\s+been|is|are)\s+(?:\w+ly\s+)?"
    r"(?:later\s+|soon\s+|quickly\s+)?$",
    re.IGNORECASE,
)
# "a curfew imposed in July was lifted in October": the measure, a participle that tells how
# it began, then its own verb of change.
_BEGUN_THEN = re.compile(
    r"^\s+(?:first\s+)?(?:imposed|introduced|issued|put\s+in\s+place|declared|ordered|set\s+up|"
    r"adopted|announced|established|enforced)\b[^.;]{0,80}?\b(?:was|were|has\s+been|had\s+been|"
    r"have\s+been)\s+(?:\w+ly\s+)?(?:later\s+|finally\s+|partly\s+|partially\s+)?$",
    re.IGNORECASE,
)
_COMPARED = re.compile(r"^\W{0,3}$")
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
# Telling the press: "told a local newspaper that", "told reporters that".
_TO_PRESS = re.compile(
    r"(?:told|informed)\s+(?:a\s+|the\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:newspapers?|reporters?|"
    r"journalists?|media|press|news\s+agency|broadcasters?|radio|television|daily\s+nk|yonhap)\b",
    re.IGNORECASE,
)
# "added" with no object reports speech ("…, the source added", "added that …").
_SAID = re.compile(r"\s*(?:[,.;:!?\"'”’)]|that\b|$)", re.IGNORECASE)
_COMPARATIVE_CUE = re.compile(r"^(?:up from|more than before)", re.IGNORECASE)
# "The order to shoot on sight along the Tumen was withdrawn": the measure is the subject
# of the verb of change.
_SUBJECT_THEN = re.compile(
    r"^(?:\s+(?!(?:that|which|who|and|but)\b)[\w'’–-]+){0,8}?\s+(?:was|were|has\s+been|have\s+"
    r"been|had\s+been)\s+(?:\w+ly\s+|later\s+|finally\s+|since\s+|also\s+)?$",
    re.IGNORECASE,
)
# "held … for three days of disinfection before …, down from ten days": a shorter period
# later in the sentence is the measure's own change.
_SHORTER = re.compile(r"^down from (?:\d+|\w+) (?:days?|weeks?|months?|hours?)\b", re.I)


_CAPACITY = re.compile(
    r"\b(?:powers?|authority|right|ability|capacity|mandate|freedom|leeway|licen[cs]e)\s+to\s+"
    r"[^.;]*$",
    re.IGNORECASE,
)
_OPEN_QUESTION = re.compile(
    r"\b(?:unclear|not\s+clear|unknown|not\s+known|uncertain|no\s+word\s+on|doubtful|"
    r"whether\s+or\s+not)\s+(?:whether|if)?\b[^.;]*$|"
    # "asked whether …", not "asking for a troupe"
    r"\b(?:wonder(?:s|ed|ing)?|ask(?:s|ed|ing)?)\s+(?:[\w'’-]+\s+){0,3}?(?:whether|if)\b[^.;]*$|"
    # "are discussing whether to move them" is a plan under discussion, not an open question
    r"(?<!discussing\s)(?<!debating\s)(?<!weighing\s)(?<!studying\s)(?<!deciding\s)"
    r"(?<!considering\s)\bwhether\b[^.;,]*$",
    re.IGNORECASE,
)
# "lifted its requirement that …", "eased the ban on …": the change verb, then the rule noun.
_RULE_CONTENT = re.compile(
    r"(?P<change>\w+)\s+(?:the|its|their|a|an)\s+(?:[\w-]+\s+){0,2}?(?:requirements?|rules?|"
    r"bans?|orders?|restrictions?|measures?|polic(?:y|ies)|regulations?|obligations?|decrees?)"
    r"\s+(?:that|on|for|requiring|forcing|obliging|of|to|under\s+which)\b[^.;]*$",
    re.IGNORECASE,
)
# "A rule that made cargo sit …": the measure is the content of a rule named as a subject.
_RULE_SUBJECT = re.compile(
    r"\b(?:requirements?|rules?|bans?|orders?|restrictions?|regulations?|obligations?|decrees?|"
    # "the strip along the river that residents have been barred from … was narrowed"
    r"(?:strip|zone|belt|area)(?:\s+(?:along|by|beside|near)\s+the\s+\w+)?)"
    r"\s+(?:that|which|requiring|forcing|obliging|under\s+which|in\s+which|where|within\s+which)\b"
    r"[^.;,]*$",
    re.IGNORECASE,
)
# A provision described (``which requires countries to send back …``): what an instrument
# says, not a measure an authority took.
_PROVISION = re.compile(
    r"\b(?:which|that|it|resolutions?|conventions?|articles?|treat(?:y|ies)|covenants?|"
    r"protocols?)\s+(?:also\s+)?(?:requires?|required|obliges?|obliged|obligates?|obligated|"
    r"compels?|compelled|calls\s+(?:on|upon)|called\s+(?:on|upon)|bars|barred|prohibits?|"
    r"prohibited|forbids|forbade|demands?|demanded)\s+(?:[\w-]+\s+){0,3}?(?:to|from)\s+"
    r"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+(?:\w+ly\s+)?$", re.I)
# "dropped its five-day hotel quarantine", "dropped the month-long isolation": a rule, a
# hold or a check let go (its modifiers before the noun).
_RULE_AFTER = re.compile(
    r"^\s+(?:the|its|their|a|an|all)\s+(?:[\w'’-]+\s+){0,3}?(?:bans?|orders?|rules?|"
    r"requirements?|restrictions?|measures?|polic(?:y|ies)|plans?|curfews?|charges|quarantines?|"
    r"isolation|holds?|disinfections?|checks|limits?|caps?|curbs|controls)\b",
    re.I,
)
_INSTRUMENT = re.compile(
    r"\b(?:resolutions?|conventions?|treat(?:y|ies)|covenants?|protocols?|laws?|acts?|"
    r"sanctions)\b",
    re.IGNORECASE,
)
# Words one of which a power granted or an open question needs: a cheap test before the
# patterns.
_CAPACITY_WORDS = triggers(
    "power powers authority right ability capacity mandate freedom leeway licence license "
    "unclear clear unknown known uncertain word doubtful wonder* ask* whether"
)
_PEOPLE_HEAD = re.compile(
    r"\b(?:those|anyone|others|the\s+ones|many|some|all|most)\s+(?:of\s+(?:them|those)\s+)?$",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(r"^[a-z]+(?:ed|en|nt|wn)\b", re.IGNORECASE)
# A participle after a determiner or a preposition, or opening the sentence, is an adjective
# ("the returned workers", "quarantine for returning workers", "Detained defectors ...").
_DETERMINER = re.compile(
    r"(?:^|\b(?:a|an|the|this|that|these|those|its|their|his|her|our|any|every|each|no|such|"
    r"for|of|with|to|from|by|among|about|on|in|at|into|against|between|all|many|some|"
    r"several)\s+)$",
    re.IGNORECASE,
)
# "Police check identity cards": "police" takes a plural verb, so a base form after it is
# the verb ("police checks" would be a noun).
_PLURAL_SUBJECT = re.compile(r"\bpolice\s+$", re.IGNORECASE)
_TAKES_OBJECT = re.compile(
    r"\s+(?!(?:and|or|but|in|on|at|of|to|for|from|with|by|near|where|which|that|was|were|is|are|"
    r"has|have|had|rules?|officers?|chiefs?)\b)[a-z]",
    re.IGNORECASE,
)
# A determiner or pronoun after a verb form opens its object: the form is a verb.
_OBJECT_AFTER = re.compile(
    r"\s+(?:everyone|everybody|anyone|anybody|all|the|a|an|them|their|its|his|her|those|these|"
    r"some|every|each|\d)\b",
    re.IGNORECASE,
)
_NOUN_MODIFIER = re.compile(
    r"\b(?:a|an|the|this|that|these|those|its|their|his|her|our|any|every|each|no|such|"
    r"police|border|customs|security|railway|rail|bus|train|guard|patrol|army|military|"
    r"government|state|county|city|village|local|new|recent|major|further|first)\s+$",
    re.IGNORECASE,
)
# "the largest return of workers", "a ban on imports": a verb takes no "of" or "on"; nor is a
# verb form followed by the head noun of a compound ("quarantine rules", "check points").
_NOUN_AFTER_VERB = re.compile(
    r"^\s+(?:of|on|rules?|regulations?|measures?|periods?|requirements?|restrictions?|"
    r"zones?|facilit(?:y|ies)|cent(?:re|er)s?|stations?|yards?|camps?|polic(?:y|ies)|"
    r"laws?|procedures?|regimes?|systems?)\b",
    re.IGNORECASE,
)
_COORDINATION = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s*\b(?:and|or|as\s+well\s+as)\s+)(?:(?:a|an|the|new|"
    r"some|more|several)\s+)?$",
    re.IGNORECASE,
)


# Hopes, fears and forecasts: "fishermen hope the ban will be dropped", "activists fear that
# the detainees will be sent back", "analysts expect the order to return".
_HOPE = re.compile(
    r"\b(?:hope|hopes|hoped|hoping|wish|wishes|wished|wishing|pray|prays|prayed|praying|"
    r"dream|dreams|dreamed|fear|fears|feared|fearing|worry|worries|worried|expect|expects|"
    r"predict|predicts|predicted|speculate|speculates|speculated)\b(?:\s+that)?[^.;]*$"
    # a belief counts only about what will happen ("believe the women will be sent back"),
    # not about what was done ("believe the fence was built to keep them in")
    r"|\b(?:believe|believes|believed|(?:suspect|suspects|suspected)(?=\s+that))\b[^.;]*?\b(?:will|"
    r"would|could|may|might|(?:is|are)\s+going\s+to)\b[^.;]*$",
    re.IGNORECASE,
)
_HOPE_WORDS = triggers(
    "hope hopes hoped hoping wish wishes wished wishing pray prays prayed praying "
    "dream dreams dreamed fear fears feared fearing worry worries worried expect expects "
    "predict predicts predicted speculate speculates speculated believe believes believed "
    "suspect suspects suspected"
)


# A sentence that asks ("Will the police go as far as searching houses?"), its closing
# quotation marks aside.
_ASKS = re.compile(r"\?[\s\"'”’)\]]*$")


def asks(ctx: ArticleContext, sent: int) -> bool:
    """Whether a sentence is a question: it asks whether a measure will come, it does not
    report one."""
    s = ctx.sentences[sent]
    return _ASKS.search(ctx.folded, max(s.begin, s.end - 8), s.end) is not None


def hoped(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a measure is only what people other than an authority hope for, fear or
    expect."""
    if not ctx.words.has(sent, _HOPE_WORDS):
        return False
    # up to the cue's last word: a long cue may hold the fear itself ("… and many fear
    # they will be sent to")
    begin = max(ctx.sentences[sent].begin, span.begin - 150)
    found = _HOPE.search(ctx.folded, begin, max(span.begin, span.end - 1))
    if found is None:
        return False
    at = found.start()
    return not any(
        m.span.end <= at and kinds.is_authority(ctx.entities[m.entity])
        for m in ctx.by_sentence.get(sent, [])
    )


# "buses are stopped so that officers can check every card": the purpose of a measure.
_PURPOSE = re.compile(
    r"\b(?:so\s+that|so|in\s+order\s+that)\s+(?:[\w'-]+\s+){0,4}?(?:can|could|may|might)\s+"
    r"(?:\w+ly\s+)?$|\b(?:in\s+order|so\s+as)\s+to\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


# "the repatriation of North Koreans violates the principle of non-refoulement"
_ARGUED = re.compile(
    r"[^.;]{0,60}?\b(?:violat\w*|breach\w*|contraven\w*|infring\w*|(?:is|are|was|were|would\s+be)"
    r"\s+(?:a\s+)?(?:contrary\s+to|illegal\s+under|unlawful\s+under|in\s+breach\s+of))",
    re.IGNORECASE,
)


def argued(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a bare measure noun is the subject of a legal argument (``the repatriations
    violate …``): what a claim is about, not a report of a measure."""
    return bool(_ARGUED.match(ctx.folded, span.end, ctx.sentences[sent].end))


def purpose(ctx: ArticleContext, sent: int, verb: Span | None) -> bool:
    """Whether a measure verb only says what another measure is for."""
    if verb is None:
        return False
    before = ctx.before(sent, verb.begin, 60)
    return ("so " in before or "order" in before) and bool(_PURPOSE.search(before))


def capacity(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a measure is only something an authority is given the power to do, or a
    question left open (``it is unclear whether the cameras have been installed``)."""
    if not ctx.words.has(sent, _CAPACITY_WORDS):
        return False
    before = ctx.before(sent, span.begin, 120)
    return bool(_CAPACITY.search(before) or _OPEN_QUESTION.search(before))


def governing_change(
    ctx: ArticleContext, sent: int, span: Span, statuses: list[tuple[str, Span]]
) -> tuple[str, Span] | None:
    """The lifting or easing of the rule a measure is the content of (``lifted its
    requirement that returning traders spend two weeks in quarantine``, ``a rule that
    made cargo sit in a yard for a week has been lifted``)."""
    if not any(status in _CHANGES for status, _ in statuses):
        return None
    s = ctx.sentences[sent]
    for m in _RULE_CONTENT.finditer(ctx.folded, max(s.begin, span.begin - 120), span.begin):
        for status, cue in statuses:
            if status in _CHANGES and cue.begin == m.start("change"):
                return status, cue
    if _RULE_SUBJECT.search(ctx.folded, max(s.begin, span.begin - 80), span.begin):
        after = [(st, cue) for st, cue in statuses if st in _CHANGES and cue.begin >= span.end]
        if after:
            return min(after, key=lambda c: c[1].begin)
    return None


def provision(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a measure is what a legal instrument the sentence names requires or bars
    (``the resolution, which requires countries to send back North Koreans``)."""
    before = ctx.before(sent, span.begin, 90)
    if not _PROVISION.search(before):
        return False
    return ctx.has_legal(sent) or bool(_INSTRUMENT.search(before))


def descriptive(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a participle only describes people (``those sent back``, ``many deported``)."""
    return bool(
        _PEOPLE_HEAD.search(ctx.before(sent, span.begin, 30))
        and _PARTICIPLE.match(ctx.folded[span.begin : span.end])
    )


def nominal(ctx: ArticleContext, sent: int, verb: Span, active: bool) -> bool:
    """Whether a frame's verb is a noun or an adjective here (after a determiner)."""
    if not active:
        return False
    before = ctx.before(sent, verb.begin, 30)
    word = ctx.folded[verb.begin : verb.end]
    form = verb_form(word)
    if form in ("base", "third", "ambiguous"):
        after = ctx.folded[verb.end : ctx.sentences[sent].end]
        if form == "base" and _PLURAL_SUBJECT.search(before) and _TAKES_OBJECT.match(after):
            return False  # "Police check identity cards" (but "the police station and …")
        return bool(_NOUN_MODIFIER.search(before) or _NOUN_AFTER_VERB.match(after))
    if _OBJECT_AFTER.match(ctx.folded, verb.end):
        return False  # "a rule that kept everyone …": a verb with its object
    return bool(_DETERMINER.search(before))


def coordinated(
    ctx: ArticleContext, span: Span, others: list[tuple[Span, Span | None, str]]
) -> tuple[Span, str] | None:
    """The verb and kind of the frame a measure noun is coordinated with (``installed
    cameras and sensors``), if it directly follows one."""
    for other, verb, kind in others:
        if verb is None or not kind or other.end > span.begin or span.begin - other.end > 20:
            continue
        if _COORDINATION.match(ctx.folded[other.end : span.begin]):
            return verb, kind
    return None


def usable(ctx: ArticleContext, sent: int, status: str, span: Span) -> bool:
    """Whether a status cue is a report: not an adjective, not an infinitive or modal, not
    the orders of trade (``place orders with suppliers``), not the issuing of a statement
    (``a statement issued in Geneva``)."""
    if status == _ANNOUNCED:
        word = ctx.folded[span.begin : span.end].lower()
        before = ctx.before(sent, span.begin)
        if word.startswith("issue") and _DOCUMENT_BEFORE.search(before):
            return False
        if (
            word == "issued"
            and _BY_AFTER.match(ctx.folded, span.end)
            and not _PASSIVE_BEFORE.search(before)
        ):
            return False  # "a pass issued by the county": what the thing is, no announcement
        if _TO_PRESS.match(ctx.folded, span.begin, span.end):
            return False  # "told a local newspaper that …": a statement, not a notice
        if word in ("order", "orders") and (
            _ORDER_AS_BASIS.search(before[-40:])
            or (_ORDER_UNDER.search(before[-40:]) and _OF_AFTER.match(ctx.folded, span.end))
        ):
            return False  # but "under orders to fire": a standing order told to guards
        return not (word.startswith("order") and _TRADE_ORDERS.search(before))
    if status == _PLANNED:
        # "before they could be disinfected": a possibility inside a time or condition clause
        word = ctx.folded[span.begin : span.end].lower()
        return not (
            word.startswith(("could", "may", "might"))
            and _SUBORDINATE.search(ctx.before(sent, span.begin, 30))
        )
    if status not in _DONE:
        return True
    before = ctx.before(sent, span.begin, 60)
    if before.endswith("-"):
        return False  # "half-finished flats", "newly-built": part of an adjective
    word = ctx.folded[span.begin : span.end].lower()
    if word == "added" and _SAID.match(ctx.folded, span.end, ctx.sentences[sent].end):
        return False  # "…, the source added": a word of saying, no deed
    if word == "dropped":
        # "the order was dropped", "dropped the ban", not "prices dropped"
        after = ctx.folded[span.end : ctx.sentences[sent].end]
        return bool(_PASSIVE_BEFORE.search(before) or _RULE_AFTER.match(after))
    if GOVERNED.search(before) and not EFFORT.search(before):
        return False  # "will reopen", "plans to install": the plan, not the deed
    if status != _CARRIED_OUT:
        return True
    end = ctx.sentences[sent].end
    return not (_ADJECTIVAL_BEFORE.search(before) and _NOUN_AFTER.match(ctx.folded[span.end : end]))


def anaphoric(ctx: ArticleContext, sent: int, span: Span, earlier: list[Policy]) -> str | None:
    """The type of the crackdown a "similar campaign" refers back to, if the article has one.

    Only a campaign noun refers back: in "warning that those caught will be punished" the
    ``that`` opens a clause."""
    cue = ctx.folded[span.begin : span.end]
    if _ORDINAL_GROUP.search(cue):
        # "bring a second group of suspects to trial": the last such measure, again
        return next(
            (p.measure_type for p in reversed(earlier) if p.measure_type in _SPECIFIC), None
        )
    if not _CAMPAIGN_HEAD.match(cue):
        return None
    head = cue.split(" ", 1)[0] + " "
    if not (_ANAPHORA.search(ctx.before(sent, span.begin, 40)) or _ANAPHORA.match(head)):
        return None
    return next((p.measure_type for p in earlier if p.measure_type in _SPECIFIC), None)


def change_after(
    ctx: ArticleContext, sent: int, measure: Span, statuses: list[tuple[str, Span]]
) -> tuple[str, Span] | None:
    """A lifting or easing told of the measure right after it, if any."""
    end = ctx.sentences[sent].end
    for status, span in sorted(statuses, key=lambda s: s[1].begin):
        if status not in _CHANGES or span.begin < measure.end or span.begin - measure.end > 120:
            continue
        between = ctx.folded[measure.end : span.begin]
        cue = ctx.folded[span.begin : end]
        if (
            _CONCESSIVE.match(between)
            or _BEGUN_THEN.match(between)
            or (_COMPARED.match(between) and _COMPARATIVE_CUE.match(cue))
            or (_SHORTER.match(cue) and ";" not in between)
            or _SUBJECT_THEN.match(between)
        ):
            return status, span
    return None

"""Status refinements that look past the nearest status cue to who says what to whom.

The nearest cue gives a first status (``policies._choose_status``); these rules correct it
where the sentence's framing decides:

- an order given to those who enforce it (``ordered guards to shoot``, ``officers have been
  told to stop``) is news of the order: Announced, as held-out annotators read it (49 to 6);
  standing orders (``guards are under orders to``) and a rule told as one that "remained in
  force" are the rule being applied: InForce;
- a reward promised or offered, in any tense or voice, is Announced (``promised_rewards``
  settles it whatever path found the reward), unless it has been on offer for a while
  (``have been offering``, ``since the spring … have offered``): InForce;
- a plan or a promised consequence told to the public (``the lecturers said that the state
  is set to launch``, ``residents were warned that anyone who … would be punished``) is an
  announcement: Announced;
- a plan to keep something going (``is expected to remain``) is the measure in force;
- an obligation an authority tells people (``the provincial government has told managers
  that workers must be sent home``) is announced;
- declaring a zone creates it: InForce;
- intensifying enforcement (``stepped up checks``) is a rule applied more strictly, but
  more guards, a fence put up or security tightened are done deeds: CarriedOut;
- lifting only part of a measure (``resumed handling some shipments``) eases it;
- a measure told by notices or posters (``notices posted in the villages promise a
  reward``) is announced, unless the sentence states it as a rule in force (``a notice says
  that no one may approach``) or a notice only reports a deed done (``has already installed
  1,000 cameras, the notice says``);
- a rule told in the future (``nobody will be allowed to``, ``… will be banned``) and a
  reward promised for the future (``informers will be rewarded``) are announced, not planned;
- a campaign named after a preposition is told by its own relative clause (``arrested
  during a sweep, which has been checking every house since the summer``: in force).
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE, STATUS

from . import kinds
from .context import ArticleContext
from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .model import Policy, Span
from .policy_status_cues import CONSEQUENCE, IN_FORCE_EXPLICIT
from .policy_tense import ACTION, BUILD, KIND_OF, verb_status

_I = re.IGNORECASE
_ENFORCERS = (
    r"(?:border )?(?:guards|soldiers|officers|police(?:men)?|troops|agents|units|patrols|"
    r"customs officers|security forces)"
)
# Standing orders of those who enforce a rule ("soldiers have orders to", "guards are under
# orders to", "guards were given instructions to"): the rule being applied. An order told to
# them ("guards have been told to fire") is news of the order, announced like one told to
# residents (gold README: an order the text does not yet show being applied).
_STANDING = (
    rf"\b{_ENFORCERS}\b(?:\s+[\w'’-]+){{0,6}}?\s+(?:have|has|had|were\s+given|was\s+given|"
    r"received|carry|follow|(?:are|is|were|was|remain|remained|(?:have|has|had)\s+been)\s+"
    r"(?:now\s+|still\s+|long\s+)?under)\s+(?:\w+\s+)?(?:orders?|instructions?)\b"
)
# "now they have orders to shoot first": a pronoun holding standing orders, in the present.
_THEY_HAVE_ORDERS = (
    r"\b(?:they|we)\s+(?:now\s+|still\s+|also\s+)?(?:have|carry|(?:are|remain)\s+under)\s+"
    r"(?:\w+\s+)?orders?\s+to\b"
)
# A standing order named as such ("the standing order to fire … has not been lifted", "guards
# operate under an order to fire"), unless the sentence tells its issuing ("has since issued a
# standing instruction that …": news of the order). The gold reads these 46 to 1 as InForce.
_NAMED_STANDING = (
    r"(?<!issued a )(?<!issues a )(?<!gave a )(?<!given a )\bstanding\s+(?:orders?|instructions?)\b"
    r"|\b(?:operate|operates|operated|operating|work|works|worked|working)\s+under\s+"
    r"(?:an?\s+|standing\s+)?orders?\s+to\b"
)
_UNDER_ORDERS = re.compile(rf"{_STANDING}|{_THEY_HAVE_ORDERS}|{_NAMED_STANDING}", _I)
_ORDER = r"(?:told|ordered|instructed|directed|warned|notified)"
# "guards (in X) had been told", "ordered guards to", "told the officers that", and standing
# orders: a sentence telling a consequence to those who enforce it is not a notice to the
# public.
_TO_ENFORCERS = re.compile(
    rf"\b{_ENFORCERS}\b(?:\s+[\w'’-]+){{0,4}}?\s+(?:have|has|had)?\s*(?:been|were|was)\s+{_ORDER}\b"
    rf"|\b{_ORDER}\s+(?:the\s+|its\s+|their\s+)?{_ENFORCERS}\b|{_STANDING}",
    _I,
)
# An order told to those who enforce it ("guards have been told to fire", "were ordered last
# month", "were reminded in a lecture"): announced, whatever the verb it carries.
_ORDER_GIVEN = re.compile(
    rf"\b{_ENFORCERS}\b(?:\s+[\w'’-]+){{0,4}}?\s+(?:(?:have|has|had)\s+(?:also\s+)?been|were|was)\s+"
    r"(?:\w+ly\s+)?(?:ordered|instructed|told|directed|briefed|reminded)\b",
    _I,
)
# An authority telling the public: a notice, a warning, a lecture.
_TO_PUBLIC = re.compile(
    r"\b(?:told|telling|tells|warned|warning|informed|informing|notified|notifying|announced|"
    r"announcing|lecturers? (?:said|told)|(?:lectures?|meetings?|notices?|posters?|leaflets?|"
    r"broadcasts?)\b[^.;]{0,60}?\b(?:say|said|says|tell|told|tells|warn|warned|warns|announce\w*|"
    r"state\w*|declare\w*))\b",
    _I,
)
_CONSEQUENCE = re.compile(CONSEQUENCE, _I)
# The telling put after what was told: "…, residents were told", "…, officials announced".
_TOLD_AFTER = re.compile(
    r",\s+(?:[\w'’-]+\s+){0,7}?(?:(?:were|was|have\s+been|had\s+been|has\s+been)\s+(?:\w+ly\s+)?"
    r"(?:told|warned|informed|notified)\b|(?:announced|warned|declared|proclaimed)\W*$|"
    r"(?:notices?|posters?|orders?|decrees?|directives?|lecturers?|announcements?|leaflets?)\s+"
    r"(?:said|says|stated|states|read|reads|warned|warns)\W*$)",
    _I,
)
_KEEP_GOING = re.compile(r"^\W*(?:\w+ )?(?:remain|stay|continue|keep)\b", _I)
_WILL_KEEP = re.compile(
    r"[^.;]{0,60}?\b(?:would|will)\s+(?:still\s+)?(?:remain|stay|continue|be\s+kept|be\s+extended)\b",
    _I,
)
# "was lifted only in December": "only" of time (not until then), not a partial change.
_ONLY_WHEN = (
    r"\s+(?:(?:in|on|by)\s+(?:(?:early|late|mid-?)\s*)?(?:"
    + "|".join((*MONTH_NAMES, *WEEKDAY_NAMES))
    + r"|spring|summer|autumn|winter|\d{4}|the\s+(?:spring|summer|autumn|"
    r"winter|start|end|middle|first|second|third|last))|last\s+(?:week|month|year|spring|"
    r"summer|autumn|winter)|this\s+(?:week|month|year|spring|summer|autumn|winter)|recently|"
    r"(?:a\s+)?(?:few\s+)?(?:days?|weeks?|months?)\s+ago)\b"
)
_PARTIAL = re.compile(
    r"\b(?:partially|partly|part of|limited|only(?!"
    + _ONLY_WHEN
    + r")|a (?:small|limited) number|a handful|(?:some|a few|certain|several)\b(?!\s+(?:days?|"
    r"weeks?|months?|years?|hours?|times?)\b))\b",
    _I,
)
# A rule told as applying from now on: "may now be sold only to …", "must now show …".
_NOW_RULE = re.compile(
    r"\b(?:(?:may|must|can|cannot|can\s+no\s+longer)\s+now|now\s+(?:requires?|must|may|can|"
    r"has\s+to|have\s+to|needs?\s+to))\b",
    _I,
)
_BUT_ONLY = re.compile(r"[^.;]{0,80}?,\s+(?:but|though|although)\s+only\b", _I)
# A reopening for one class of people ("to Chinese citizens visiting relatives", "in small
# groups", "on day trips"): the measure eased for them, not lifted.
_FOR_SOME = re.compile(
    r"[^.;]{0,60}?\b(?:to\s+(?:[\w'’-]+\s+){0,3}?(?:citizens|nationals|residents|visitors|"
    r"tourists|traders|workers|families|pilgrims)\s+(?:visiting|who|with|holding|from|on)\b|"
    r"in\s+small\s+groups|on\s+(?:half-day\s+|one-day\s+)?day\s+trips)",
    _I,
)
# "…, but independent travel across the river remains barred": the rest still shut.
_REST_BARRED = re.compile(
    r"[^.;]*?\b(?:but|although|though|while)\b[^.;]*?\b(?:remains?|remained|is\s+still|"
    r"are\s+still|stays?|stayed)\s+(?:\w+\s+)?(?:barred|banned|closed|shut|sealed|suspended|"
    r"off[- ]limits|forbidden|prohibited)\b",
    _I,
)
_INTENSIFY = re.compile(r"\b(?:step|tighten|intensif|strengthen)", _I)
# Security as what is guarded, not a body's name ("Ministry of State Security").
_SECURITY = re.compile(
    r"(?<!state )(?<!public )(?<!social )\b(?:security|vigilance)\b(?!\s+(?:of|for|ministry|"
    r"council|services?|officials?|officers?|agents?|department|bureau|forces?|agency|police)\b)",
    _I,
)
_DONE_WHEN_MORE = {
    str(MEASURE.PatrolReinforcement),
    str(MEASURE.BarrierConstruction),
    str(MEASURE.SurveillanceInstallation),
    str(MEASURE.CCTVInstallation),
    str(MEASURE.SensorInstallation),
    str(MEASURE.LightingInstallation),
}
_BUFFER_ZONE = str(MEASURE.BufferZone)
_REWARD = str(MEASURE.InformantReward)
# A reward promised or offered ("are promised 500 yuan", "offers 1,000 yuan"): a notice of a
# reward the text does not show paid, unless it has been on offer for a while (_OFFERING).
_PROMISED = re.compile(r"\b(?:promis|offer)(?:e|es|ed|s|ing)?\b", _I)
# A reward on offer for a while ("have been offering 5,000 yuan", "since the spring, the
# police have offered", "still stands", "offered for years"): the reward in force, as the
# gold reads 8 of the 11 rewards whose evidence reads so (the other three: new notices).
_OFFERING = re.compile(
    r"\b(?:is|are|been)\s+(?:\w+\s+)?offering\b|\bsince\b[^.;]{0,80}?\boffer(?:ed|s)?\b|"
    r"\boffer(?:ed|s|ing)?\b[^.;]{0,80}?\bsince\b|"
    # "still stands", "notices still promise …", "which the prefecture has offered for years"
    r"\bstill\s+(?:stands?|in\s+place|offers?|promises?|(?:are|is)\s+(?:pasted|posted|up))\b|"
    r"\b(?:offer|promis)\w*\b[^.;]{0,80}?\bfor\s+(?:years|decades)\b",
    _I,
)
# What is read out to shame people, not to tell a rule: names, crimes, sentences.
_READ_OUT = re.compile(r"read\s+(?:out|aloud)\b", _I)
_SHAMING = re.compile(
    r"\b(?:names?|crimes?|sentences?|verdicts?|confessions?|self-criticisms?|charges|offences|"
    r"what\s+(?:they|he|she)\s+had\s+done)\b",
    _I,
)
_PLANNED, _ANNOUNCED, _IN_FORCE = str(STATUS.Planned), str(STATUS.Announced), str(STATUS.InForce)
_LIFTED, _EASED, _CARRIED_OUT = str(STATUS.Lifted), str(STATUS.Eased), str(STATUS.CarriedOut)


def refine_status(
    ctx: ArticleContext, index: int, measure: str, status: str, cue: Span, evidence: Span
) -> str:
    """The status of a measure once the framing of its sentence is taken into account.

    ``cue`` is the status cue chosen for the measure in sentence ``index`` and ``evidence``
    the span from the measure cue to the status cue.
    """
    folded, sentence = ctx.folded, ctx.sentences[index]
    text = folded[cue.begin : cue.end]
    before = folded[sentence.begin : cue.begin]
    whole = folded[sentence.begin : sentence.end]
    if status == _ANNOUNCED and _NOW_RULE.search(
        folded, max(sentence.begin, evidence.begin - 60), min(sentence.end, evidence.end + 60)
    ):
        return _IN_FORCE  # "were told that the timber must now go by lorry": the rule applies
    if (
        status in (_ANNOUNCED, _IN_FORCE)
        and _ORDER_GIVEN.search(whole)
        and not IN_FORCE_EXPLICIT.search(text)
    ):
        return _ANNOUNCED  # "guards have been told to fire", not "told that … remained in force"
    if status == _ANNOUNCED and _READ_OUT.match(text) and _SHAMING.search(whole):
        # "their names were read out at the meeting": the shaming done, not news of a rule
        after = folded[cue.end : sentence.end]
        return verb_status(ACTION, text, before, after) or _CARRIED_OUT
    if status == _ANNOUNCED:
        if _UNDER_ORDERS.search(whole):
            return _IN_FORCE
        if _WILL_KEEP.match(folded, cue.end, sentence.end):
            return _IN_FORCE  # "told residents that the crossing would stay shut"
        if measure == _BUFFER_ZONE and re.search(r"\b(?:declared|declaration)\b", text):
            return _IN_FORCE
        return status
    told_after = bool(_TOLD_AFTER.search(folded, cue.end, sentence.end))
    if status == _IN_FORCE and _CONSEQUENCE.search(text) and KIND_OF.get(measure) == BUILD:
        return _PLANNED  # "more soldiers will be sent": a plan, not a promised punishment
    if status == _IN_FORCE and _CONSEQUENCE.search(text):
        if (_TO_PUBLIC.search(before) or told_after) and not _TO_ENFORCERS.search(whole):
            return _ANNOUNCED
        return status
    if (
        status == _IN_FORCE
        and measure == _REWARD
        and _PROMISED.search(folded, max(sentence.begin, evidence.begin - 30), evidence.end + 30)
        and not _OFFERING.search(whole)
    ):
        return _ANNOUNCED  # a reward promised or offered, not yet paid
    if (
        status == _IN_FORCE
        and _RULE_MODAL.match(text)
        and _TOLD_PASSIVE.search(before)
        and not _TO_ENFORCERS.search(whole)
    ):
        return _ANNOUNCED  # "residents were notified that nobody may …", "told … they must"
    if status == _IN_FORCE and _RULE_MODAL.match(text) and _told_by_authority(ctx, index, before):
        return _ANNOUNCED  # "the provincial government has told managers that workers must …"
    # More guards or a fence are a done deed; so is security tightened (the scheme's
    # "tightened border security"), whatever measure the sentence then names.
    if status == _IN_FORCE and _INTENSIFY.match(text) and _more_of(ctx, index, measure, cue):
        return _CARRIED_OUT
    if status == _PLANNED and _FUTURE_RULE.search(
        folded, max(sentence.begin, evidence.begin - 40), min(sentence.end, evidence.end + 40)
    ):
        return _ANNOUNCED  # "nobody will be allowed to …", "… will be banned": a rule told
    if (
        status == _PLANNED
        and _BARE_FUTURE.match(text)
        and _FROM_DATE.search(folded, evidence.begin, sentence.end)
        and not _PLANNING.search(whole)
    ):
        return _ANNOUNCED  # "the bridge will be closed to lorries from June": a rule told
    if status == _PLANNED and measure == _REWARD:
        return _ANNOUNCED  # "informers will be rewarded with …": a reward promised
    if status == _PLANNED:
        if _KEEP_GOING.search(folded[cue.end : sentence.end]):
            return _IN_FORCE
        if told_after and not _TO_ENFORCERS.search(whole):
            return _ANNOUNCED  # "… will be rewarded, residents were told"
        told = list(_TO_PUBLIC.finditer(before))
        if told and not _TO_ENFORCERS.search(whole):
            # "told residents that the Immigration Administration is set to add patrols":
            # the plan of another named body, only passed on.
            start = sentence.begin + told[-1].end()
            if not _authority_between(ctx, index, start, cue.begin):
                return _ANNOUNCED
        return status
    if status != _LIFTED:
        return status
    # Words that start within 15 characters of the evidence, read to their end.
    start, stop = max(sentence.begin, evidence.begin - 15), min(sentence.end, evidence.end + 15)
    partial = _PARTIAL.search(folded, start, sentence.end)
    if partial and partial.start() < stop:
        return _EASED
    # reopened to one class of people only, with the rest told as still barred, or with a
    # limit told after it ("lorries began crossing again on Monday, but only in the mornings")
    if (
        _FOR_SOME.match(folded, evidence.end, sentence.end)
        or _REST_BARRED.match(folded, evidence.end, sentence.end)
        or _BUT_ONLY.match(folded, evidence.end, sentence.end)
    ):
        return _EASED
    return status


# "arrested during an anti-smuggling sweep …, which has been checking every house since the
# summer": a campaign named after a preposition is told by its own relative clause.
_AFTER_PREPOSITION = re.compile(
    r"\b(?:during|in|under|amid|after|through|by|as\s+part\s+of)\s+(?:an?\s+|the\s+|its\s+|"
    r"their\s+)?(?:[\w-]+\s+){0,2}?$",
    _I,
)
_RELATIVE = re.compile(r"^[^.;]{0,100}?,?\s+(?:which|that)\s+(?:\w+ly\s+)?$", re.I)


def relative_clause(
    ctx: ArticleContext, index: int, measure: Span, near: list[tuple[str, Span]]
) -> tuple[str, Span] | None:
    """The status told by a relative clause attached to a measure named after a
    preposition, which outranks the verb of the clause around it."""
    if not any(span.begin >= measure.end for _, span in near):
        return None
    if not _AFTER_PREPOSITION.search(ctx.before(index, measure.begin, 40)):
        return None
    for status, span in sorted(near, key=lambda s: s[1].begin):
        if span.begin >= measure.end and _RELATIVE.match(ctx.folded[measure.end : span.begin]):
            return status, span
    return None


_NOTICE = re.compile(
    r"\b(?:notices?|posters?|placards?|leaflets?|signs|bulletins?|banners?|proclamations?)\b"
    r"(?:\s+[\w'’,-]+){0,8}?\s+(?:promis|warn|stat|say|said|announc|declar|tell|told|read|"
    r"inform|urg|offer)\w*|\b(?:post|put\s+up|hung|hang|distribut|display|stuck|paste)\w*\s+"
    r"(?:[\w-]+\s+){0,3}?(?:notices?|posters?|placards?|leaflets?)\b|\b(?:notices?|posters?|"
    r"placards?|leaflets?)\s+(?:posted|put\s+up|hung|displayed|pasted|stuck|distributed)\b",
    _I,
)
_NOT_BY_NOTICE = {_PLANNED, _LIFTED, _EASED, str(STATUS.Rumoured)}
# A deed done that a notice only reports (``has already installed 1,000 cameras, the notice
# says``) stays done; notices put up to offer or warn announce.
_NOTICE_SAYS = re.compile(
    r"\b(?:the|a|its|their)\s+(?:[\w-]+\s+)?(?:notices?|bulletins?|announcements?)\s+"
    r"(?:says|said|states|stated|reads|read|adds|added)\b",
    _I,
)
_NOTICE_POSTED = re.compile(
    r"\b(?:post|put\s+up|hung|hang|distribut|display|stuck|paste)\w*\s+(?:[\w-]+\s+){0,3}?"
    r"(?:notices?|posters?|placards?|leaflets?)\b|\b(?:notices?|posters?|placards?|leaflets?)\s+"
    r"(?:posted|put\s+up|hung|displayed|pasted|stuck|distributed|promis\w*|offer\w*|warn\w*)\b",
    _I,
)


def promised_rewards(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Rewards stated in force whose sentence promises or offers them, announced instead.

    Whatever path found the reward (a cue, a default, the sentence model), "have been
    promised 50 kilograms of corn" tells a reward not yet shown paid.
    """
    for policy in policies:
        if policy.measure_type != _REWARD or policy.status != _IN_FORCE:
            continue
        sentence = ctx.sentences[policy.sentence]
        if _PROMISED.search(ctx.folded, sentence.begin, sentence.end) and not _OFFERING.search(
            ctx.folded, sentence.begin, sentence.end
        ):
            policy.status = _ANNOUNCED
    return policies


def by_notice(ctx: ArticleContext, index: int, status: str) -> str:
    """Announced when the sentence tells the measure through notices or posters, or tells
    an order to enforcers as news of its giving (``_ORDER_GIVEN``); a reward on offer for a
    while ("posters still offer 5,000 yuan") stays in force."""
    if status in _NOT_BY_NOTICE or status == _ANNOUNCED:
        return status
    sentence = ctx.sentences[index]
    if status == _IN_FORCE and _OFFERING.search(ctx.folded, sentence.begin, sentence.end):
        return status
    if status == _IN_FORCE and _ORDER_GIVEN.search(ctx.folded, sentence.begin, sentence.end):
        return _ANNOUNCED  # "soldiers were reminded at a meeting that they may shoot"
    if (
        status == _CARRIED_OUT
        and _NOTICE_SAYS.search(ctx.folded, sentence.begin, sentence.end)
        and not _NOTICE_POSTED.search(ctx.folded, sentence.begin, sentence.end)
    ):
        return status
    return _ANNOUNCED if _NOTICE.search(ctx.folded, sentence.begin, sentence.end) else status


# A rule told in the future: what people will not be allowed to do, what will be banned.
_FUTURE_RULE = re.compile(
    r"\b(?:will|shall)\s+(?:not\s+|no\s+longer\s+)?be\s+(?:\w+ly\s+)?(?:allowed|permitted|"
    r"banned|prohibited|forbidden|barred|outlawed)\b",
    _I,
)
# A bare future with a start date ("the bridge will be closed to lorries from June", "said it
# would close its border from 22 January") and no word of planning or doubt: a rule told
# before it applies, which the corpus rule for notices reads as Announced (gold: 59 of the 80
# rules told "from" a coming date that are neither rumoured nor planned). Case-sensitive: a
# month is written with its capital, so "may" stays a modal.
_FROM_DATE = re.compile(
    r"\b(?:from|starting|beginning)\s+(?:next\s+(?:week|month|year)|the\s+(?:start|beginning)\s+"
    r"of\s+next\b|(?:\d{1,2}\s+)?(?:" + "|".join(MONTH_NAMES) + r")\b)",
)
_BARE_FUTURE = re.compile(r"(?:will|shall|would)\b", _I)
_PLANNING = re.compile(
    r"\b(?:plan\w*|prepar\w*|expect\w*|consider\w*|discuss\w*|propos\w*|hop(?:e|es|ed|ing)|"
    r"aim\w*|intend\w*|may|might|could|likely|probably|possibly|if|once|unless)\b",
    _I,
)
_MUST = re.compile(r"must\b|(?:has|have)\s+to\b", _I)
# The modal of a rule: an obligation or a prohibition.
_RULE_MODAL = re.compile(
    r"(?:must|(?:has|have)\s+to|nobody|no\s+one|may|cannot|can\s+(?:not|no\s+longer)|(?:is|are|"
    r"will\s+be)\s+(?:not|no\s+longer)\s+(?:allowed|permitted))\b",
    _I,
)
# People told of a rule in the passive, the teller named after or not at all ("households
# have been told by the city that …", "residents were notified this month that …").
_TOLD_PASSIVE = re.compile(
    r"\b(?:were|was|(?:have|has|had)\s+(?:(?:\w+ly|also|now|already|again|since)\s+)?been)\s+"
    r"(?:(?:\w+ly|also|now|already|again)\s+)?(?:told|notified|informed|warned|instructed)\b"
    # "… told that they may not", or with no "that": "have been told they may not leave"
    r"(?:[^.;]{0,80}?\bthat\s+(?:[\w'’-]+\s+){0,12}?|\s+(?:they|he|she|residents|villagers|"
    r"traders|workers|families|everyone|nobody|no\s+one)\s+)$",
    _I,
)
# Telling the press or the outlet is no notice ("a source told Daily NK that …").
_PRESS = re.compile(
    r"^\s*(?:a\s+|the\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:newspapers?|reporters?|journalists?|media|"
    r"press|daily\s+nk|yonhap|radio)\b",
    _I,
)


def _told_by_authority(ctx: ArticleContext, index: int, before: str) -> bool:
    """Whether an obligation is what an authority told people (``the provincial government
    has told plant managers that workers must …``), not a rule stated or told to those who
    enforce it."""
    whole = ctx.folded[ctx.sentences[index].begin : ctx.sentences[index].end]
    told = list(_TO_PUBLIC.finditer(before))
    if not told or _TO_ENFORCERS.search(whole):
        return False
    last = told[-1]
    if _PRESS.match(before, last.end()):
        return False
    start = ctx.sentences[index].begin
    return any(
        m.span.end <= start + last.start() and kinds.is_authority(ctx.entities[m.entity])
        for m in ctx.by_sentence.get(index, [])
    )


def _more_of(ctx: ArticleContext, index: int, measure: str, cue: Span) -> bool:
    """Whether intensifying a measure adds something (guards, a fence, security)."""
    begin = max(ctx.sentences[index].begin, cue.begin - 60)
    return measure in _DONE_WHEN_MORE or bool(_SECURITY.search(ctx.folded, begin, cue.end + 40))


def _authority_between(ctx: ArticleContext, index: int, begin: int, end: int) -> bool:
    return any(
        begin <= m.span.begin and m.span.end <= end and kinds.is_authority(ctx.entities[m.entity])
        for m in ctx.by_sentence.get(index, [])
    )

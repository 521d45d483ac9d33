"""Event cues that report nothing that happened, judged from the words around them.

An event report says that something happened. A cue word does not, when it names

- a threat or a forecast (``anyone who hides a North Korean will be punished``, ``will be
  sent to a labour camp``, ``… would be reported and their families punished``);
- the condition of a rule (``anyone caught helping smugglers``, ``anyone who knew about a
  defection``, ``citizens caught smuggling goods will have them confiscated``, ``smuggling
  of pine nuts remained banned``);
- a generic rule told in the present passive, also by participles coordinated under one
  auxiliary (``smuggling is strictly punished``, ``those who are sent back face torture``,
  ``returnees are routinely beaten and sent to prison camps``);
- what is planned, ordered, expected or needed (``expected to receive sentences``, ``the
  equipment was needed to stop smuggling``);
- the target of a measure (``campaign against smuggling``, ``ban on seafood exports``,
  ``responsible for stopping defections and smuggling``);
- a comparison (``different from the forced repatriation of defectors``), a suspicion
  (``suspected of smuggling goods``), a denial (``rejected the criticism``) or a promised
  consequence (``a tip that leads to the arrest of``);
- an appeal, a legal argument, a provision, a power or an open question, recognised as for
  policies (``policy_filters``, ``policy_talk``);
- a kind of act argued about in the present (``forced returns … breach the principle``);
- a cessation or a decline (``smuggling has almost entirely stopped``, ``border trade has been
  halted``, ``defections have fallen to a handful``, ``made crossings almost impossible``):
  the news is that the activity stopped or dwindled, not an occurrence of it (``has not
  disappeared`` says it goes on);
- a livelihood (``most families lived from trade or smuggling``);
- a generic present rule of people picked out by the cue (``everyone caught near the river
  is now questioned``, ``smugglers caught at night face a labour camp``, ``everyone else
  goes to a labour camp``).

A people-event verb whose object is a thing (``crab caught by Chinese boats``, ``send back
flour``, ``lectures held in each neighbourhood``) is no arrest, return or detention.
"""

from __future__ import annotations

import re

from . import policy_filters, policy_talk
from .context import ArticleContext
from .model import Span

_I = re.IGNORECASE
_ADV = r"(?:(?:\w+ly|also|still|even|now|then|soon|later|again|often|always|never|all)\s+)"
# Words that open another clause: what follows them is not governed by a modal before them.
_CLAUSE = (
    r"that|which|who|whom|whose|but|because|after|before|since|when|while|as|if|unless|"
    r"until|although|though|whereas|so|said|says|say|told|tells"
)
_MODAL = r"will|shall|would|could|can|cannot|may|might|must|should|won't|wouldn't|'ll"
# "will be punished", "will be sent to a labour camp", "could even be executed".
_MODAL_BEFORE = re.compile(
    rf"\b(?:{_MODAL}|(?:is|are)\s+going\s+to|(?:is|are|was|were)\s+to\s+be)\b"
    rf"(?:\s+(?!(?:{_CLAUSE}|and|or)\b)[\w'-]+){{0,5}}\s+$",
    _I,
)
# "would be reported to their schools and their families punished": a participle whose
# auxiliary is the modal passive before "and".
_ELLIPSIS = re.compile(
    rf"\b(?:{_MODAL})\s+{_ADV}?be\s+{_ADV}?\w+ed\b[^,;.]{{0,60}}?\s(?:and|or)\s+"
    r"(?:[\w'-]+\s+){1,3}$",
    _I,
)
# A word inside the clause of a governing verb: not one that opens a clause of its own.
_IN_CLAUSE = (
    rf"(?!(?:{_CLAUSE}|they|he|she|we|i|it|you|were|was|is|are|had|has|have|been|be|being|"
    r"about|and|or)\b)"
    r"[\w'-]+\s+"
)
_AFTER_TO = rf"(?!(?:{_CLAUSE}|they|he|she|we|i|it|you|were|was|is|are|and|or)\b)[\w'-]+\s+"
# "expected to receive sentences in a", "ordered the guards to arrest", "were to stop".
_GOVERNED_TO = re.compile(
    r"\b(?:(?:likely|unlikely|set|going|able|unable|ready|prepared|meant|designed|"
    r"supposed|scheduled|expected|(?:is|are|was|were))\s+|(?:order\w*|instruct\w*|told|warned|"
    r"allow\w*|permit\w*|authori[sz]\w*|expect\w*|want\w*|need\w*|plan\w*|intend\w*|"
    r"threaten\w*|vow\w*|pledg\w*|promis\w*|hope[sd]?|hoping|aim\w*|seek\w*|sought)\s+"
    rf"(?:{_IN_CLAUSE}){{0,4}}?)to\s+(?:{_AFTER_TO}){{0,4}}$",
    _I,
)
# "anyone caught", "any North Korean caught", "anyone who knew about a".
_GENERIC_WHO = re.compile(
    r"(?:\banyone|\banybody|\bwhoever|\bany\s+(?!(?:time|longer|more|case|way|rate|moment|"
    r"point|sign|kind)\b)(?:[a-z-]+\s+){1,2}?(?=(?:who|that|[a-z]+ed|"
    r"caught|found|seen|held|sent|shot)\b))[^.;,:]{0,60}$",
    _I,
)
# Participles coordinated under one auxiliary: "are routinely beaten and (sent to …)".
_COORDINATED = (
    r"(?:(?:[a-z]+ed|beaten|sent|held|taken|shot|caught|put|hung|hanged|given|thrown|"
    rf"driven|brought)(?:\s+(?:back|away|home|over))?(?:\s*,\s*(?:and\s+|or\s+)?|"
    rf"\s+(?:and|or)\s+){_ADV}{{0,2}})"
)
# "is strictly punished", "are arrested by the Chinese police", "who are sent back", "are
# routinely beaten and imprisoned" (the second participle of one present passive).
_PRESENT_PASSIVE = re.compile(rf"\b(?:is|are|am)\s+{_ADV}{{0,2}}{_COORDINATED}{{0,3}}$", _I)
_NUMBER = (
    r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|several|"
    r"hundreds?)"
)
# Particular people, not a rule: "they are questioned every day", "the nine are held at".
_PARTICULAR_BE = re.compile(
    r"(?:^|[,;:\"]\s*|\b(?:and|but|while|where|when)\s+)(?:(?:the|these|this|both)\s+"
    rf"(?:[\w'-]+\s+){{0,2}}?[\w'-]+|{_NUMBER}\s+(?:[\w'-]+\s+){{0,2}}?[\w'-]+|they|he|she|"
    rf"we|i)\s+(?:is|are|am)\s+{_ADV}{{0,2}}{_COORDINATED}{{0,3}}$",
    _I,
)
# "a person who has crossed the border …": an indefinite head whose relative clause picks
# out whom a rule is about, when a modal follows (``… will receive a reward``).
_INDEFINITE_WHO = re.compile(
    r"\b(?:(?:a|an|any)\s+(?:[\w'-]+\s+)?(?:person|man|woman|one|resident|citizen|"
    r"individual|foreigner)|someone|somebody|people|persons|those)\s+(?:who|that)\s+"
    rf"(?:(?:has|have|had)\s+)?{_ADV}{{0,2}}$",
    _I,
)
# "two young men caught with dramas will be tried": particular people, not a condition.
_PARTICULAR_HEAD = re.compile(
    rf"\b(?:the|these|this|{_NUMBER})\s+(?:[\w'-]+\s+){{0,2}}$",
    _I,
)
_VERBAL = re.compile(r"\b(?:[a-z]+ed|shot|caught|sent|held|sold|taken)\b", _I)
# "forced returns", "forced repatriation": a noun, not the verb "forcibly returned".
_FORCED_NOUN = re.compile(r"forced\s+(?![a-z]+ed\b)[a-z]+$", _I)
_PARTICIPLE = re.compile(
    r"^(?:[a-z]+ed|shot|caught|sent|held|sold|taken|beaten|put|hung|hanged)\b", _I
)
# The cue is the subject of a modal or of a ban: "caught helping smugglers would be
# punished", "smuggling across the river will be punished", "smuggling … remained banned".
_PREDICATE_AFTER = re.compile(
    rf"(?:\s+(?!(?:{_CLAUSE}|and\s+(?:that|then)|or)\b)[\w'-]+){{0,10}}?\s+"
    rf"(?:(?:{_MODAL})\s+(?:not\s+)?{_ADV}?(?:be|face|have|get|lose|receive|go|lead|result)\b|"
    r"(?:is|are|remains?|remained|stays?|stayed|ha(?:s|ve)\s+been)\s+(?:\w+ly\s+|still\s+){0,2}"
    r"(?:banned|prohibited|forbidden|illegal|outlawed|punishable|punished|a\s+(?:crime|"
    r"criminal\s+offen[cs]e)|not\s+(?:allowed|permitted)))",
    _I,
)
_ACTIVITY = (
    r"(?:smuggling|defections?|(?:border\s+)?crossings?|trafficking|trade|exports?|imports?|"
    r"remittances?|repatriations?|escapes?)"
)
_NOT_MODIFIER = (
    r"(?!(?:of|in|on|at|to|for|from|with|by|as|than|since|after|before|during|last|this|"
    rf"next|and|or|where|{_CLAUSE})\b)"
)
# The target of a measure: "stop smuggling", "campaign against smuggling and illegal border",
# "ban on North Korean seafood", "responsible for stopping defections and".
_TARGET = re.compile(
    r"\b(?:stop|stops|stopped|stopping|prevent\w*|curb\w*|combat\w*|deter|deterr\w*|halt|halts|"
    r"halting|block|blocks|blocking|tackl\w*|eradicat\w*|suppress\w*|root(?:ing)?\s+out|"
    r"(?:an\s+)?end\s+to|crack(?:ing|s|ed)?\s+down\s+on|clamp(?:ing|s|ed)?\s+down\s+on|"
    r"(?:crackdowns?|clampdowns?|campaigns?|drives?|operations?|war|fight|measures?|"
    r"struggle)\s+(?:against|on)|bans?\s+on|banned|banning|prohibit\w*|restrictions?\s+on|"
    r"sanctions?\s+on|limits?\s+on|curbs?\s+on)\s+"
    rf"(?:{_NOT_MODIFIER}[\w-]+\s+){{0,3}}(?:{_ACTIVITY}\s+(?:and|or)\s+{_NOT_MODIFIER}"
    r"(?:[\w-]+\s+){0,2})?$",
    _I,
)
# "rejected the criticism", "denied the arrests": what someone denies.
_DENIED = re.compile(
    r"\b(?:reject\w*|den(?:y|ies|ied|ying)|refut\w*|brush(?:ed|es|ing)?\s+(?:off|aside)|"
    r"dismiss\w*(?=\s+(?:the|such|these|this|those|all|any|reports?|claims?)\b))\s+"
    r"(?:(?:the|these|this|those|such|any|all)\s+)?(?:(?:reports?|claims?|allegations?|"
    rf"accounts?|rumou?rs?)\s+(?:of|about|that)\s+)?(?:{_NOT_MODIFIER}[\w-]+\s+){{0,2}}$",
    _I,
)
_CONTRAST = re.compile(
    r"\b(?:(?:different|differs?|differed|distinct|distinguished|separate)\s+from|"
    r"as\s+opposed\s+to|rather\s+than|instead\s+of|not\s+the\s+same\s+as|in\s+contrast\s+"
    r"(?:to|with)|confused\s+with|mistaken\s+for)\s+(?:[\w'-]+\s+){0,3}$",
    _I,
)
_SUSPECTED = re.compile(
    r"\b(?:suspected|accused|charged|alleged(?:ly)?|(?:on\s+)?(?:suspicion|charges?|"
    r"allegations?|accusations?))\s+(?:of|with)\s+(?:[\w'-]+\s+){0,2}$",
    _I,
)
# "a tip that leads to the arrest of": a consequence promised, not one that followed.
_LEADS_TO = re.compile(
    r"\b(?:leads?|leading|results?|resulting)\s+(?:to|in)\s+(?:the\s+|an?\s+)?$", _I
)
# "processed for export": what something is meant for.
_FOR_TRADE = re.compile(r"\b(?:for|intended\s+for|destined\s+for|meant\s+for)\s+$", _I)
_BARE_TRADE = re.compile(r"^(?:export|import)$", _I)


# The activity a cue names stopped or dwindled: "has almost entirely stopped", "has been
# halted", "nearly come to a standstill", "have fallen to a handful", "become extremely rare".
_STOPPED = (
    r"(?:stopped|halted|ceased|ended|suspended|frozen|dried\s+up|disappeared|vanished|"
    r"collapsed|ground\s+to\s+a\s+(?:halt|standstill)|c[ao]me?\s+to\s+(?:a\s+|an\s+)?"
    r"(?:standstill|halt|stop|end)|fallen|fell|dropped|declined|decreased|dwindled|"
    r"shrunk|shrank|slowed|plummeted|plunged|become\s+(?:\w+ly\s+)?(?:rare|impossible|"
    r"unthinkable)|(?:rare|impossible))\b(?!-)"
)
_DEGREE = r"(?:(?:\w+ly|all\s+but|nearly|almost|largely|mostly|since|now|also|still)\s+)"
_CEASED_AFTER = re.compile(
    r"(?:\s+(?!(?:that|which|who|whom|whose|but|because|after|before|when|while|if|said|says|"
    r"told|not|never)\b)[\w'-]+){0,8}?\s+"
    rf"(?:(?:ha(?:s|ve|d)|is|are|was|were|remains?|remained)\s+{_DEGREE}{{0,2}}(?:been\s+)?)?"
    rf"{_DEGREE}{{0,2}}{_STOPPED}",
    _I,
)
_NEGATION_NEAR = re.compile(r"\b(?:not|never|n't|no\s+longer)\b", _I)
# "made crossings from North Korea in the area almost impossible".
_MADE_BEFORE = re.compile(r"\b(?:made|make|makes|making|rendered|renders?)\s+$", _I)
_MADE_AFTER = re.compile(
    r"(?:\s+(?!(?:that|which|who|but|and)\b)[\w'-]+){0,6}?\s+"
    rf"{_DEGREE}{{0,2}}(?:impossible|rare|unthinkable|unviable)\b",
    _I,
)
# Everyone (else), or a bare plural of people, picked out by the cue, under a present rule.
_UNIVERSAL = re.compile(
    r"(?:^|[^\w\s]\s*|\b(?:and|but|that)\s+)(?:everyone|everybody|all\s+those|those|people|"
    r"anyone|defectors|smugglers|traders|residents|villagers|returnees|brokers|women|men)"
    r"(?:\s+else)?\s+$",
    _I,
)
_PRESENT_RULE = re.compile(
    r"(?:\s+(?!(?:that|which|who|whom|whose|but|because|and|or|said|says|told|was|were|"
    r"had|\w+ed)\b)[\w'-]+){0,6}?\s+"
    rf"(?:(?:is|are)\s+{_ADV}{{0,2}}(?!being\b)(?:\w+ed|sent|taken|held|put|beaten|shot|"
    r"caught|given)|(?:faces?|goes|go|gets|loses|receives|pays|ends\s+up|risks?)\b)",
    _I,
)
_GOES_TO = re.compile(
    r"\b(?:everyone|everybody|anyone|all\s+those|those)(?:\s+else)?\s+(?:goes|go|is\s+sent|"
    r"are\s+sent|gets\s+sent|ends\s+up)\s+(?:to|in)\s+(?:an?\s+|the\s+)?$",
    _I,
)


# The cue is inside a phrase of another clause ("after the arrests everyone stopped").
_GOVERNED_NOUN = re.compile(
    r"\b(?:after|before|since|following|of|in|on|at|to|for|from|with|by|about|than|like|"
    r"despite|amid|over)\s+(?:(?:the|a|an|its|their|this|these)\s+)?(?:[\w'-]+\s+){0,2}$",
    _I,
)
# A bare plural argued about in the present: "forced returns to a country where people face
# torture breach the principle of non-refoulement" (a kind of act, not an occurrence).
_BARE_OPENER = re.compile(r"(?:^|[,;:]\s*|\b(?:that|saying|and|because)\s+)$", _I)
_ARGUED_PRESENT = re.compile(
    r"[^.;]{0,120}?\b(?:breach|violate|contravene|infringe|amount\s+to|constitute|are\s+"
    r"(?:illegal|unlawful|contrary\s+to|in\s+breach\s+of))\b",
    _I,
)


# A livelihood: "most families lived from trade or smuggling", "made a living from smuggling".
_LIVING_FROM = re.compile(
    r"\b(?:liv(?:e|es|ed|ing)|(?:make|makes|made|making|earn|earns|earned|earning)\s+"
    r"(?:a|their|his|her|its)\s+living)\s+(?:from|off|on|by)\s+(?:[\w'-]+\s+(?:or|and)\s+)?$",
    _I,
)


def generic_kind(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a bare plural cue names a kind of act argued about in the present (``forced
    returns … breach the principle``), not an occurrence."""
    cue = ctx.folded[span.begin : span.end]
    if not cue.lower().endswith("s") or (_VERBAL.search(cue) and not _FORCED_NOUN.match(cue)):
        return False
    if not _BARE_OPENER.search(ctx.before(sent, span.begin, 30)):
        return False
    return bool(_ARGUED_PRESENT.match(ctx.folded, span.end, ctx.sentences[sent].end))


# "are sent to a labour camp", "are routinely beaten and sent to prison camps": a present
# passive, a rule unless said of particular people.
_SENT_TO = re.compile(
    rf"(?P<be>\b(?:is|are|am)\s+{_ADV}{{0,2}}){_COORDINATED}{{0,3}}sent\s+(?:to|into)\s+"
    r"(?:an?\s+|the\s+)?$",
    _I,
)


def ceased(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether the sentence says the activity a cue names stopped or dwindled (a cessation or
    a decline is no occurrence of it); ``has not completely disappeared`` says it goes on."""
    if _VERBAL.search(ctx.folded[span.begin : span.end]):
        return False  # a deed ("arrested two smugglers"), not an activity that can stop
    if _GOVERNED_NOUN.search(ctx.before(sent, span.begin, 40)):
        return False  # "after the arrests everyone stopped": the cue is not the subject
    end = min(ctx.sentences[sent].end, span.end + 120)
    found = _CEASED_AFTER.match(ctx.folded, span.end, end)
    if found and not _NEGATION_NEAR.search(ctx.folded, span.end, found.end()):
        return True
    return bool(
        _MADE_BEFORE.search(ctx.before(sent, span.begin, 20))
        and _MADE_AFTER.match(ctx.folded, span.end, end)
    )


def generic_present(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a cue picks out people under a present rule: ``everyone caught near the river
    is now questioned``, ``everyone else goes to a labour camp`` (a rule, not an arrest)."""
    before = ctx.before(sent, span.begin, 60)
    if _GOES_TO.search(before):
        return True
    sent_to = _SENT_TO.search(before)
    if sent_to and not _PARTICULAR_BE.search(before[: sent_to.end("be")]):
        return True  # "smugglers caught at night are sent to a labour camp"
    if not _UNIVERSAL.search(before) or not _PARTICIPLE.match(ctx.folded[span.begin : span.end]):
        return False
    end = min(ctx.sentences[sent].end, span.end + 100)
    found = _PRESENT_RULE.match(ctx.folded, span.end, end)
    return bool(found) and not any(
        span.end <= t.span.begin < found.end() for t in ctx.times_in(sent)
    )


def unreported(
    ctx: ArticleContext, sent: int, span: Span, speech: bool = False, price: bool = False
) -> bool:
    """Whether an event cue names a threat, condition, plan, purpose, target, comparison,
    suspicion, denial or generic rule rather than something that happened. A ``speech``
    cue (a statement, condemnation, appeal) may itself argue or appeal; a ``price`` that
    fell is still a price observed."""
    before = ctx.before(sent, span.begin, 160)
    cue = ctx.folded[span.begin : span.end]
    if (
        _MODAL_BEFORE.search(before)
        or _GOVERNED_TO.search(before)
        or _GENERIC_WHO.search(before)
        or _TARGET.search(before)
        or _CONTRAST.search(before)
        or _SUSPECTED.search(before)
        or _DENIED.search(before)
        or _LEADS_TO.search(before)
    ):
        return True
    if _PARTICIPLE.match(cue) and (
        (_PRESENT_PASSIVE.search(before) and not _PARTICULAR_BE.search(before))
        or _ELLIPSIS.search(before)
    ):
        return True
    if _BARE_TRADE.match(cue) and _FOR_TRADE.search(before):
        return True
    if not speech and (
        (not price and ceased(ctx, sent, span))
        or generic_present(ctx, sent, span)
        or generic_kind(ctx, sent, span)
        or _LIVING_FROM.search(before)
    ):
        return True
    if _INDEFINITE_WHO.search(before) or (
        _heads_subject(before) and not _PARTICULAR_HEAD.search(before)
    ):
        found = _PREDICATE_AFTER.match(
            ctx.folded, span.end, min(ctx.sentences[sent].end, span.end + 120)
        )
        # "smugglers arrested last week will be tried": a dated deed, not a condition
        if found and not any(span.end <= t.span.begin < found.end() for t in ctx.times_in(sent)):
            return True
    if not speech and policy_talk.appeal(ctx, sent, span):
        return True
    verbal = _VERBAL.search(cue) and not _FORCED_NOUN.match(cue)
    if not speech and not verbal and policy_filters.argued(ctx, sent, span):
        return True  # "forced returns breach …", not "forcibly returned 60 people, in breach"
    return _framed_as_for_policies(ctx, sent, span)


def _heads_subject(before: str) -> bool:
    """Whether a cue can head (or restrict) the subject of what follows it: not the object of
    a preposition (``the families of those sent back``, ``live from trade``), not a finite
    verb after its subject (``guards who shot the man``)."""
    words = _WORD.findall(before)[-2:]
    if not words:
        return True
    if words[-1].lower() in _AUX or words[-1].lower() in ("who", "which"):
        return False
    return not any(w.lower() in _PREPOSITIONS for w in words)


def _framed_as_for_policies(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """The framings the policy extractor already recognises: the topic of talks, a provision,
    a power granted or an open question, a hope or a fear, a question, a purpose."""
    return (
        policy_talk.discussed(ctx, sent, span)
        or policy_filters.provision(ctx, sent, span)
        or policy_filters.capacity(ctx, sent, span)
        or policy_filters.hoped(ctx, sent, span)
        or policy_filters.purpose(ctx, sent, span)
        or policy_filters.asks(ctx, sent)
    )


# Things, not people: what a people-event verb can take that makes it no people-event.
_THINGS = re.compile(
    r"^(?:goods|products?|produce|items?|merchandise|cargo|contraband|shipments?|boats?|"
    r"vessels?|ships?|trucks?|vehicles?|cars?|money|cash|funds|letters?|messages?|word|news|"
    r"reports?|documents?|photos?|pictures?|images?|videos?|footage|equipment|oil|food|"
    r"supplies|aid|fire|sight|glimpse|attention|eye|imagination|fish|seafood|squid|crabs?|"
    r"clams?|shrimps?|flour|rice|corn|maize|fuel|diesel|petrol|timber|logs|copper|gold|coal|"
    r"ore|herbs|ginseng|nuts|cones|tobacco|cigarettes|alcohol|drugs|phones?|drives?|cards?|"
    r"tonnes?|tons?|kilograms?|kg|bags?|boxes?|crates?|sacks?|loads?|"
    r"lectures?|meetings?|talks|sessions?|conferences?|reviews?|events?|ceremon(?:y|ies)|"
    r"rall(?:y|ies)|trials?|hearings?|gatherings?|elections?|exercises?|drills?|fairs?|festivals?|seminars?|classes|"
    r"courses?|briefings?|discussions?|negotiations|consultations|figures|data|numbers|"
    r"decisions?|claims?|polic(?:y|ies)|legality|motives?|need)$",
    _I,
)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_AUX = _set("was were is are be been being had has have get got gets")
_SKIP_BEFORE = _AUX | _set(
    "who which that also still then later all both reportedly allegedly already"
)
_PREPOSITIONS = _set(
    "of in on at to for from with by across over into through near along about without"
)
_STOP_AFTER = (
    _PREPOSITIONS
    | _AUX
    | _set("and or but as after before during since because who which that than")
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|their|its|his|her|these|those|our)\s+$", _I)
_WORD = re.compile(r"[A-Za-z'-]+|[^\sA-Za-z'-]")


def takes_a_thing(ctx: ArticleContext, sent: int, span: Span) -> bool:
    """Whether a people-event verb (caught, sent back, held) is said of a thing: the noun
    before a participle (``crab caught by``, ``lectures held in``) or the object after a
    verb (``send back flour``)."""
    cue = ctx.folded[span.begin : span.end].lower()
    if not _PARTICIPLE.match(cue) and not cue.startswith(("send", "question", "interrogat")):
        return False
    before = ctx.before(sent, span.begin, 80)
    if _thing_before(before):
        return True
    if cue.endswith((" in", " at", " for")) or _DETERMINER_BEFORE.search(before):
        return False  # "held in …": a place follows; "the arrested traders' phones": adjective
    head = ""
    for word in _WORD.findall(ctx.folded[span.end : ctx.sentences[sent].end])[:6]:
        if word[0].isdigit() or word == ",":
            if head or word == ",":
                break
            continue  # "sent back 20 tonnes of flour"
        if not word[0].isalpha() or word.lower() in _STOP_AFTER or word.endswith("ing"):
            break
        if word.lower() in ("back", "over"):
            break  # "sent the goods back": the particle ends the object
        head = word
    return bool(head) and bool(_THINGS.match(head))


def _thing_before(before: str) -> bool:
    """Whether the noun a participle is said of is a thing. Right before the participle
    (``crab caught by``) it is the participle's own noun; before an auxiliary (``the goods
    were sent back``) only when it opens its clause with at most a determiner or two (not
    ``men with phones were caught``, ``dealers who sold rice were arrested``)."""
    words = [w.lower() for w in _WORD.findall(before)]
    aux = False
    while words and (words[-1] in _SKIP_BEFORE or words[-1].endswith("ly")):
        aux = True
        words.pop()
    if not words or not _THINGS.match(words[-1]):
        return False
    if not aux:
        return True
    lead = words[:-1][-3:]
    opens = len(words) <= 3 or any(not w[0].isalnum() for w in lead)
    return opens and not any(
        w in _PREPOSITIONS or w in _SKIP_BEFORE or w.endswith(("ing", "ed")) for w in lead
    )

"""Measure frames built from what a rule *does* to people, typed by what it acts on.

The frames of ``policy_frames`` name a measure by its verb (install, close, ban); many
reports only say what people may no longer do (``nobody may come within 50 metres of the
bank``, ``boats will not be allowed to leave port``, ``a pass is now required for …``), what
is promised to those who inform, or who was sent where. Here one modal cue of prohibition,
requirement or restriction (``may not``, ``are barred from``, ``now have to show``, ``may …
only``) is combined with the class of its argument, which decides the type:

- a distance from the river, the bank or a fence → ``BufferZone``;
- a verb of going, entering, crossing or sailing, or papers to show → ``MovementRestriction``;
- a verb of trading (sell, import, bring in) → ``TradeRestriction``.

The prohibition is the measure: such frames name no verb of their own, so the status is the
one of the clause around them (``were told`` → Announced, ``now`` → InForce). Further frames
name measures by their effect on people: rewards promised to informers, punishments held
before an audience, extra units sent, people told to move away, phone signals tracked,
registrations checked, ships put on a sanctions list, tours suspended.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import GROUPS, custom, frame
from .morph import BASE, GERUND, THIRD, alternation, nouns, verb_table, verbs
from .policy_cues import MeasureCue
from .policy_tense import ACTION, BUILD, PRACTICE, RULE, STATE

_NEG = r"(?:not|no\s+longer|never)"
_BE = r"(?:is|are|was|were|be|been|being|(?:has|have|had)\s+been|will\s+be|would\s+be)"
_ADVS = r"(?:(?:now|still|also|already|from\s+now\s+on|henceforth|strictly|\w+ly)\s+)*"

#: The modal cue of a prohibition, ending where the forbidden act begins: "may not",
#: "will not be allowed to", "are barred from", "nobody may", "cannot".
PROHIBITION = (
    rf"(?:(?:may|can|must|shall|should|will)\s+{_ADVS}{_NEG}\s+{_ADVS}"
    rf"(?:be\s+{_ADVS}(?:allowed|permitted)\s+(?:to\s+)?)?|(?:cannot|can't|mustn't|won't)\s+"
    rf"{_ADVS}(?:be\s+(?:allowed|permitted)\s+(?:to\s+)?)?|{_BE}\s+{_ADVS}{_NEG}\s+{_ADVS}"
    rf"(?:allowed|permitted)\s+(?:to\s+)?|{_BE}\s+{_ADVS}(?:barred|banned|forbidden|"
    rf"prohibited)\s+from\s+|(?:nobody|no\s+one|no-one|none)\s+(?:else\s+)?(?:may|can|(?:is|are|will\s+be|would\s+be|"
    rf"shall\s+be|has\s+been)\s+{_ADVS}(?:allowed|permitted)\s+to)\s+{_ADVS})"
)
#: A prohibition at the start of a measure cue: its negation is the measure, not a denial.
PROHIBITS = re.compile(PROHIBITION, re.IGNORECASE)
_PROHIBITION_WORDS = (
    "may can could must shall should will would cannot can't mustn't won't allowed permitted "
    "barred banned forbidden prohibited nobody"
)


def _forms(*lemmas: str) -> str:
    """Every inflection of the verbs (``cross`` → cross, crosses, crossed, crossing)."""
    return alternation(verbs(*lemmas))


def _words(*lemmas: str) -> str:
    """The trigger words of every inflection of the verbs, space-separated."""
    return " ".join(sorted({w.split()[0] for w in verbs(*lemmas)}))


_MOVE_LEMMAS = (
    "leave",
    "enter",
    "cross",
    "approach",
    "go",
    "come",
    "travel",
    "visit",
    "sail",
    "fish",
    "walk",
    "drive",
    "swim",
    "set out",
    "put out",
    "move",
    "pass",
    "stay",
    "return",
    "go out",
    "venture",
)
_TRADE_LEMMAS = ("sell", "import", "export", "ship", "bring in", "trade", "supply", "deliver")
_AMOUNT = (
    r"(?:\d[\d,.]*|one|two|three|four|five|ten|twenty|fifty|a\s+few\s+hundred|several\s+hundred|"
    r"a\s+hundred|a\s+thousand)"
)
# Distances of a zone: "within 200 metres of the river", "closer than one kilometre to".
_DISTANCE = (
    r"(?:within|closer\s+than|nearer\s+than|inside)\s+(?:about\s+|some\s+|around\s+)?"
    rf"{_AMOUNT}(?:\s*(?:-|–|to|or)\s*{_AMOUNT})?(?:\s*-\s*|\s+)?(?:metres?|meters?|m|km|kilometres?|kilometers?)\s+(?:of|from|to)\b"
)
# Papers a traveller has to show: the argument of a requirement on movement.
_PAPERS = (
    r"(?:(?:travel|entry|exit|border|residence|movement|special|written|official|valid|"
    r"temporary)\s+)*(?:permits?|pass(?:es)?|papers|identity\s+(?:cards?|papers|documents?)|"
    r"id\s+cards?|ids|travel\s+certificates?|certificates?\s+of\s+travel|documents|"
    r"authori[sz]ation|permission)\b"
)
_PAPER_WORDS = (
    "permit permits pass passes papers identity id ids certificate certificates documents "
    "authorisation authorization permission"
)
_MOVEMENT_NOUNS = (
    r"(?:trips?|travel|journeys?|visits?|entry|exit|access|passage|movement|crossings?|"
    r"anyone|everyone|residents|villagers|people|visitors)"
)

DEONTIC_FRAMES: list[MeasureCue] = [
    # -- zones: a distance nobody may come within ----------------------------------------
    custom(
        MEASURE.BufferZone,
        PROHIBITION + r"(?:[\w-]+\s+){0,4}?" + _DISTANCE,
        _PROHIBITION_WORDS,
        RULE,
        also_when="within closer nearer inside",
    ),
    custom(
        MEASURE.BufferZone,
        r"(?:must|have\s+to|has\s+to|are\s+(?:now\s+)?required\s+to|were\s+(?:told|ordered)\s+"
        r"to)\s+(?:stay|keep|remain)\s+(?:at\s+least\s+)?(?:\d[\d,.]*|one|two|five|ten)(?:\s*-\s*"
        r"|\s+)?(?:metres?|meters?|m|km|kilometres?|kilometers?)\s+(?:away\s+)?from\b",
        "must have has required told ordered",
        RULE,
        also_when="stay keep remain",
    ),
    # -- trade: what may not be sold or brought in, or only by some ------------------------
    custom(
        MEASURE.TradeRestriction,
        PROHIBITION
        + r"(?:being\s+)?(?:"
        + _forms(*_TRADE_LEMMAS)
        + r")\b|(?:bar|bars|barred|barring|ban|bans|banned|banning|forbid|forbids|forbade|"
        r"prohibit|prohibits|prohibited|prohibiting)\s+(?:[\w-]+\s+){0,4}?from\s+being\s+(?:"
        + alternation(
            frozenset().union(
                *(
                    f
                    for lemma in _TRADE_LEMMAS
                    for k, f in verb_table(lemma).items()
                    if k not in (BASE, THIRD, GERUND)
                )
            )
        )
        + r")\b",
        _PROHIBITION_WORDS + " bar bars barring ban bans banning forbid forbids forbade prohibit "
        "prohibits prohibiting",
        RULE,
        also_when=_words(*_TRADE_LEMMAS),
    ),
    custom(
        MEASURE.TradeRestriction,
        r"(?:may|can)\s+(?:[\w-]+\s+){0,4}?(?:be\s+)?(?:"
        + _forms(*_TRADE_LEMMAS)
        + r")\s+(?:[\w-]+\s+){0,2}?only\b",
        "may can",
        RULE,
        also_when="only",
    ),
    custom(
        MEASURE.TradeRestriction,
        r"\blicen[cs]e\s+only\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:plants?|factories|"
        r"companies|firms|traders|importers|exporters|dealers|shops|businesses)\b",
        "license licence",
        RULE,
        also_when="only",
    ),
    # -- movement: going, entering, crossing forbidden; papers required --------------------
    custom(
        MEASURE.MovementRestriction,
        PROHIBITION + r"(?:" + _forms(*_MOVE_LEMMAS) + r")\b",
        _PROHIBITION_WORDS,
        RULE,
        also_when=_words(*_MOVE_LEMMAS),
    ),
    custom(
        MEASURE.MovementRestriction,
        r"(?:requires?|required|requiring|needs?|must\s+(?:now\s+|still\s+|also\s+|first\s+)?"
        r"(?:show|carry|have|obtain|present|get|apply\s+for)|(?:has|have|had)\s+to\s+(?:now\s+|"
        r"still\s+|also\s+)?(?:show|carry|have|obtain|present|get|apply\s+for))\s+(?:[\w'’-]+\s+)"
        r"{0,3}?" + _PAPERS + r"|" + _PAPERS + r"[^.;]{0,60}?\b(?:is|are)\s+(?:now\s+|also\s+|"
        r"still\s+)*(?:required|needed|compulsory|mandatory)\s+(?:for|to)\s+(?:any\s+|every\s+|"
        r"all\s+|a\s+|the\s+)?(?:[\w-]+\s+){0,2}?" + _MOVEMENT_NOUNS,
        "require requires required requiring need needs must has have had",
        RULE,
        also_when=_PAPER_WORDS,
    ),
    # -- people told to move away ----------------------------------------------------------
    frame(
        MEASURE.ResidentRelocation,
        ("resettle", "relocate", "rehouse", "move out", "move away"),
        GROUPS | nouns("family", "household", "occupant", "tenant") | {"them", "the families"},
        ACTION,
        reach=3,
    ),
    custom(
        MEASURE.ResidentRelocation,
        rf"{_BE}\s+(?:to\s+be\s+)?{_ADVS}(?:resettled|relocated|rehoused)\b|(?:must|have\s+to|has\s+to|are\s+to|were\s+(?:told|ordered)\s+to|will\s+have"
        r"\s+to)\s+(?:move|relocate|resettle)\s+(?:out\s+|away\s+)?(?:to|inland|elsewhere|further"
        r"|from|into)\b",
        "resettled relocated rehoused moved move relocate resettle",
        RULE,
    ),
    # -- punishment before an audience ------------------------------------------------------
    custom(
        MEASURE.PublicPunishment,
        r"(?P<w>tried|criticised|criticized|denounced|punished|sentenced|humiliated|paraded|"
        r"shamed|condemned)\s+(?:[\w-]+\s+){0,4}?(?:in\s+front\s+of|before)\s+(?:a\s+|an\s+|the\s+|"
        r"their\s+|his\s+|her\s+|hundreds\s+of\s+|dozens\s+of\s+)?(?:[\w-]+\s+){0,3}?(?:meeting|"
        r"crowds?|residents|villagers|troops|company|unit|audience|gathering|assembly|public|"
        r"workers|soldiers|comrades|neighbours|neighbors|people|school|village|town|factory|farm|"
        r"classmates|colleagues|families)\b",
        "tried criticised criticized denounced punished sentenced humiliated paraded shamed "
        "condemned",
        ACTION,
        also_when="front before",
    ),
    # -- rewards for informing ----------------------------------------------------------------
    custom(
        MEASURE.InformantReward,
        r"(?:anyone|anybody|those|people|whoever|[a-z]+s)\s+(?:who|that)\s+(?:report|inform|tip|"
        r"denounce|give\s+information|provide\s+information|pass\s+on)\w*\b[^.;]{0,80}?\b(?:(?:will|"
        r"would|can|could|may|shall)\s+(?:also\s+)?(?:receive|get|earn|be\s+(?:given|paid|promised|"
        r"offered|granted))|(?:(?:has|have|had)\s+been|are|is|were|was)\s+(?:\w+ly\s+)?(?P<w>promised|"
        r"offered|granted|given))\b|(?P<v>promis\w*|offer\w*)\s+(?:[\w,'’-]+\s+){0,4}?to\s+(?:anyone|"
        r"anybody|those|whoever|people|residents|villagers|guards|soldiers)\s+(?:who|that)\s+"
        r"(?:report|inform|give|provide|pass\s+on|tip|denounce)\w*",
        "report* inform* tip* denounc* giv* provid* pass*",
        RULE,
        also_when="receive get earn given paid promised offered granted promise promises offer "
        "offers",
    ),
    # -- units sent, patrols multiplied ---------------------------------------------------------
    custom(
        MEASURE.PatrolReinforcement,
        r"(?:additional|extra|more|another|fresh|further)\s+(?:[\w-]+\s+){0,2}?(?:company|"
        r"companies|battalions?|platoons?|units?|squads?|regiments?|brigades?|detachments?|troops|"
        r"guards|soldiers|officers|policemen)\b(?:\s+of\s+(?:[\w-]+\s+){0,2}?(?:guards|soldiers|"
        r"troops|police|officers))?\s+(?:[\w-]+\s+){0,3}?" + _BE + r"\s+(?:\w+ly\s+)?(?P<w>sent|"
        r"dispatched|deployed|posted|stationed|brought\s+in|assigned|added|moved)\b",
        "additional extra more another fresh further",
        BUILD,
        also_when="sent dispatched deployed posted stationed brought assigned added moved",
    ),
    custom(
        MEASURE.PatrolReinforcement,
        r"(?P<v>doubl\w+|tripl\w+|increas\w+|rais\w+)\s+the\s+(?:number|size)\s+of\s+(?:[\w-]+\s+)"
        r"{0,2}?(?:boats|patrols|guards|soldiers|troops|officers|sentries|posts|patrol\s+boats)\b",
        "double doubled doubles doubling triple tripled triples tripling increase increased "
        "increases increasing raise raised raises raising",
        BUILD,
        also_when="number size",
    ),
    # -- phones traced; registrations checked; ships listed; tours suspended ---------------
    custom(
        MEASURE.PhoneCrackdown,
        r"(?P<v>track|tracks|tracked|tracking|monitor\w*|intercept\w*|trac(?:e|es|ed|ing)|"
        r"detect\w*|locat(?:e|es|ed|ing))\s+(?:[\w-]+\s+){0,2}?(?:phone|mobile|cellphone|call)\s+"
        r"(?:signals?|calls?|traffic|use)\b",
        "track tracks tracked tracking monitor monitors monitored monitoring intercept intercepts "
        "intercepted intercepting trace traces traced tracing detect detects detected detecting "
        "locate locates located locating",
        PRACTICE,
        also_when="signal signals call calls traffic use",
    ),
    frame(
        MEASURE.DefectionCrackdown,
        ("check", "inspect", "verify", "examine", "go through", "scrutinise"),
        r"(?:(?:the\s+)?(?:household|residence|residency)\s+(?:registrations?|registers?|records|"
        r"papers))",
        PRACTICE,
        reach=2,
        object_words="household residence residency",
    ),
    custom(
        MEASURE.SanctionsEnforcement,
        r"(?P<v>add\w*|put\w*|includ\w*|plac\w*|list\w*|designat\w*)\s+(?:[\w-]+\s+){0,6}?(?:to|on|"
        r"in)\s+(?:its|their|the|a)\s+(?:own\s+)?(?:sanctions?\s+(?:list|blacklist)|blacklist|list\s+"
        r"of\s+(?:sanctioned|blacklisted|banned))",
        "add adds added adding put puts putting include includes included including place "
        "places placed placing list lists listed listing designate designates designated "
        "designating",
        ACTION,
        also_when="sanctions sanction blacklist sanctioned blacklisted",
    ),
    frame(
        MEASURE.BorderClosure,
        ("suspend", "halt", "cancel", "call off", "stop"),
        nouns("tour", "tourist trip", "group tour", "tour programme", "tour program")
        | {"tourism", "foreign tourism", "tourist travel"},
        STATE,
        reach=3,
        passive_reach=8,
    ),
]

__all__ = ["DEONTIC_FRAMES", "PROHIBITION", "PROHIBITS"]

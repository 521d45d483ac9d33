"""Measure frames told through their means: the vehicle, team, aircraft, place or list a
measure works with, rather than the scheme's own nouns.

Reporters often name a measure by what it uses — workers put on buses home, watch teams set
up, drones flown along the river, a trading market shut, the list of goods companies may buy
cut short, offenders criticised before their units, phones taken away. Each frame is one verb
family acting on one family of means (``frame_lexicon``), so every inflection and the
passive match; the verb's tense gives the status (``policy_tense``).
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import PEOPLE, custom, frame
from .morph import alternation, first_words, nouns, verbs
from .policy_cues import MeasureCue
from .policy_tense import ACTION, BUILD, EASE, LIFT, PRACTICE, RULE

_WORKERS = nouns("worker", "labourer", "laborer", "employee", "seamstress", "wage earner") | {
    "staff"
}
_TRANSPORT = nouns("bus", "coach", "train", "truck", "lorry", "flight", "plane", "ship", "boat")
_LOADING = verbs("put", "load", "pack", "herd", "bundle", "march", "escort", "drive")
# "put the workers on buses back across the bridge", "loaded them onto trains home"
_ON_TRANSPORT_HOME = (
    r"\s+(?:on|onto|into|aboard)\s+(?:[\w-]+\s+){0,2}?" + alternation(_TRANSPORT) + r"\s+"
    r"(?:(?:\w+ly|straight|directly)\s+)?(?:back|home)\b"
)
_TEAMS = nouns(
    "watch team",
    "night-watch team",
    "night watch team",
    "patrol team",
    "patrol group",
    "patrol unit",
    "guard team",
    "vigilance team",
    "vigilante group",
    "self-defence team",
    "self-defense team",
    "sentry team",
    "neighbourhood watch",
    "neighborhood watch",
    "watch group",
)
# The verbs of the worker clause ("send home all nationals earning income abroad"); its noun
# "repatriation" is kept on purpose: "the repatriation of all nationals earning income"
# names the same measure (the resolution's clause), its status then coming from the words
# around it.
_SENDING = verbs("send", "repatriate", "return")
# Lists of goods cut short or widened.
_CUTTING = verbs("shorten", "cut", "narrow", "trim", "reduce", "pare")
_WIDENING = verbs("widen", "lengthen", "expand", "extend", "enlarge", "broaden")
# Places of cross-border trade (a town's own market shut in a lockdown is no trade measure).
_MARKETS = nouns(
    "border market",
    "border marketplace",
    "cross-border market",
    "trading post",
    "trade fair",
    "trade zone",
    "trading zone",
    "wholesale market",
    "free trade zone",
    "duty-free zone",
)


def _carried_home(measure: object, people: set[str] | frozenset[str]) -> MeasureCue:
    """People loaded onto transport home ("put the workers on buses back to …")."""
    return custom(
        measure,
        rf"(?P<v>{alternation(_LOADING)})\s+(?:[\w-]+\s+){{0,4}}?{alternation(people)}"
        + _ON_TRANSPORT_HOME,
        " ".join(w for w in _LOADING if " " not in w),
        ACTION,
        also_when="back home",
    )


# Money of another country, as a market or a trader holds it.
_CURRENCY = (
    r"(?:foreign\s+(?:currenc(?:y|ies)|money|cash|banknotes)|(?:chinese\s+)?yuan|renminbi|"
    r"(?:us\s+|american\s+)?dollars|hard\s+currency)\b"
)

#: Frames of measures named by their means, in priority order.
MEANS_FRAMES: list[MeasureCue] = [
    # -- people carried home ---------------------------------------------------------------
    _carried_home(MEASURE.WorkerRepatriation, _WORKERS),
    # the worker clause of the sanctions: "send home all nationals earning income abroad"
    custom(
        MEASURE.WorkerRepatriation,
        rf"(?P<v>{alternation(_SENDING)}|repatriation)\s+"
        r"(?:home\s+|back\s+)?(?:[\w-]+\s+){0,6}?(?:nationals|citizens|workers|labourers|laborers)"
        r"\s+(?:who\s+(?:are|were)\s+)?earning\s+(?:an?\s+)?(?:income|wages|money|salar(?:y|ies))",
        " ".join(first_words(_SENDING)) + " repatriation",
        ACTION,
        also_when="earning",
    ),
    _carried_home(MEASURE.ForcedRepatriation, PEOPLE),
    # -- watchers set up, aircraft flown -----------------------------------------------------
    frame(
        MEASURE.PatrolReinforcement,
        ("set up", "form", "organise", "organize", "establish", "create", "deploy", "mobilise"),
        _TEAMS,
        BUILD,
        reach=4,
    ),
    frame(
        MEASURE.SurveillanceInstallation,
        ("fly", "launch", "operate", "send up", "deploy"),
        nouns("drone", "surveillance drone", "unmanned aircraft", "surveillance aircraft")
        | {"uavs"},
        PRACTICE,
        reach=4,
    ),
    # -- places of trade shut, lists of goods cut ------------------------------------------
    frame(
        MEASURE.TradeRestriction,
        ("close", "shut", "shut down", "close down", "suspend", "halt", "seal"),
        _MARKETS,
        ACTION,
        reach=3,
    ),
    frame(MEASURE.TradeRestriction, ("reopen",), _MARKETS, LIFT, reach=3),
    custom(
        MEASURE.TradeRestriction,
        rf"(?P<v>{alternation(_CUTTING)})\s+"
        r"(?:the\s+|its\s+|their\s+|a\s+)?lists?\s+of\s+(?:[\w-]+\s+){0,2}?(?:goods|products|"
        r"items|imports|exports|commodities|wares)\b",
        " ".join(first_words(_CUTTING)),
        RULE,
        also_when="list lists",
    ),
    # "widened the list of goods trucks may bring in": more allowed through
    custom(
        MEASURE.TradeRestriction,
        rf"(?P<v>{alternation(_WIDENING)})\s+"
        r"(?:the\s+|its\s+|their\s+|a\s+)?lists?\s+of\s+(?:[\w-]+\s+){0,2}?(?:goods|products|"
        r"items|imports|exports|commodities|wares)\b",
        " ".join(first_words(_WIDENING)),
        EASE,
        also_when="list lists",
    ),
    # "goods from China must be left untouched for ten days": goods held back, a quarantine
    custom(
        MEASURE.QuarantineRule,
        r"(?:goods|cargo|freight|imports|parcels|packages|shipments|consignments|deliveries)\b"
        r"[^.;]{0,60}?\b(?:be|are|is|were|was)\s+(?P<w>left|kept|stored|held|set\s+aside)\s+"
        r"(?:[\w-]+\s+){0,6}?for\s+(?:at\s+least\s+)?(?:\d+|\w+)\s+(?:days|weeks)\b",
        "goods cargo freight imports parcels packages shipments consignments deliveries",
        RULE,
        also_when="left kept stored held aside",
    ),
    # -- foreign money ----------------------------------------------------------------------
    # "has banned the use of foreign currency in its markets", "vendors may no longer accept
    # yuan", "ordered to exchange their yuan at the state bank": a rule on trading in money
    custom(
        MEASURE.TradeRestriction,
        r"(?P<v>ban|bans|banned|banning|prohibit\w*|forb[ia]d\w*|outlaw\w*)\s+(?:the\s+)?(?:use|"
        r"circulation|possession)\s+of\s+(?:any\s+)?"
        + _CURRENCY
        + r"|\bmay\s+(?:no\s+longer|not)\s+(?P<w>accept|"
        r"use|take|pay\s+in|hold)\s+(?:[\w-]+\s+){0,2}?" + _CURRENCY + r"|(?P<o>ordered|required|"
        r"forced)\s+to\s+(?:change|exchange|convert|deposit)\s+(?:[\w-]+\s+){0,4}?"
        + _CURRENCY
        + r"[^.;]{0,40}?\bat\s+(?:the\s+|a\s+)?state",
        "ban bans banned banning prohibit* forbid* forbade outlaw* may ordered required forced",
        RULE,
        also_when="currency currencies money cash banknotes yuan renminbi dollars",
    ),
    # -- businesses shut under sanctions -------------------------------------------------------
    custom(
        MEASURE.SanctionsEnforcement,
        r"(?:restaurants?|joint\s+ventures?|businesses|companies|firms|hotels?)\b[^.;]{0,60}?\b"
        r"(?:be|are|is|were|was|been)\s+(?P<w>ordered|told|forced|required)\s+to\s+(?:close|shut)"
        r"\b[^.;]{0,60}?\b(?:under|in\s+line\s+with|to\s+comply\s+with)\s+(?:the\s+)?(?:un|"
        r"united\s+nations|security\s+council|sanctions?)\b",
        "restaurant restaurants joint ventures businesses companies firms hotel hotels",
        RULE,
        also_when="sanction sanctions un nations council",
    ),
    # -- shame before one's own people -------------------------------------------------------
    custom(
        MEASURE.PublicPunishment,
        r"(?P<v>(?:criticis|criticiz|censur|sham|rebuk|reprimand|denounc)\w*)\s+(?:[\w-]+\s+)"
        r"{0,3}?(?:in\s+front\s+of|before)\s+(?:their|his|her|the|a|an|all)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:units?|colleagues|classmates|co-workers|coworkers|neighbou?rs|meetings?|assembl\w+|"
        r"gatherings?|work\s+teams?|brigades?|organi[sz]ations?)\b",
        "criticis* criticiz* censur* sham* rebuk* reprimand* denounc*",
        ACTION,
        also_when="front before",
    ),
]

__all__ = ["MEANS_FRAMES"]

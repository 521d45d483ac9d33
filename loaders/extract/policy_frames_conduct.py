"""Measure frames of how authorities treat people: detection, rewards, trials, questioning.

- Equipment that detects or jams phone signals is the phone crackdown it serves, not a
  sensor installation (``deployed vehicles fitted with radio-wave detectors``, ``installed
  equipment that jams Chinese phone signals``).
- Paying or rewarding those who report is an informant reward, in any form of the verb
  (``anyone who reports a crossing will be rewarded with rice``, ``paying informants``).
- A trial or punishment done in public is a public punishment (``have been publicly
  tried``).
- Questioning people and placing them under watch are enforcement (a crackdown refined by
  its target: ``the families of anyone who flees will be placed under watch``); so are
  freezing accounts, reporting duties laid on banks, fines, and cargo opened to look for
  banned or smuggled goods (``every container is opened to check for goods banned under
  UN resolutions``).
- ``a similar order``, ``the same ban`` refer back to a measure the article reported; its
  type is resolved by ``policies`` (``ANAPHORIC``).

``DETECTION_FRAMES`` come before the physical frames of ``policy_frames`` (which would read
the detectors as sensors), ``CONDUCT_FRAMES`` with the rule frames (before the phrase cue
``surveillance``, which would read a watch on people as equipment), ``CONDUCT_GENERIC``
with the generic enforcement frames after the phrase cues.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import GROUPS, PEOPLE, custom, frame
from .morph import nouns
from .policy_cues import MeasureCue
from .policy_tense import ACTION, BUILD, EASE, PRACTICE, RULE, STATE

#: The concept of a cue that refers back to a measure reported before (``a similar order``).
ANAPHORIC = "anaphoric"

_PUNISH = (
    r"(?:tried|executed|punished|denounced|criticised|criticized|humiliated|paraded|sentenced|"
    r"hanged|flogged|beaten|shot)"
)
_REPORTERS = (
    r"(?:anyone|anybody|those|people|whoever|villagers|residents|citizens|locals)\s+(?:who|that)"
    r"\s+(?:report|inform|tip|turn|hand|help)\w*"
)

DETECTION_FRAMES: list[MeasureCue] = [
    frame(
        MEASURE.PhoneCrackdown,
        (
            *("install", "mount", "set up", "put up", "place", "deploy", "dispatch", "station"),
            *("bring in", "send", "introduce", "position", "fit"),
        ),
        r"(?:(?:new|more|mobile|additional|special)\s+)*(?:radio[- ]wave|signal|phone|mobile[- ]"
        r"phone|frequency|wave)\s+(?:detectors?|detection\s+(?:equipment|devices?|vehicles?|vans?|"
        r"cars?|trucks?)|jammers?|jamming\s+(?:equipment|devices?)|trackers?|tracking\s+"
        r"(?:equipment|devices?))|(?:equipment|devices?|systems?|transmitters?|machines?|"
        r"towers?|stations?)\s+(?:that|which|to)\s+(?:\w+ly\s+)?(?:jams?|jamming|blocks?|"
        r"blocking|disrupts?|disrupting|detects?|detecting|tracks?|tracking|intercepts?|"
        r"intercepting|locates?|locating)\s+(?:[\w-]+\s+){0,4}?(?:signals?|calls?|phones?|"
        r"transmissions|handsets?)",
        BUILD,
        reach=4,
        object_words="detector detectors detection jammer jammers jamming tracker trackers "
        "tracking equipment device devices system systems transmitter transmitters machine "
        "machines tower towers station stations",
    ),
]

CONDUCT_FRAMES: list[MeasureCue] = [
    # a ban on using foreign phones is the phone crackdown (the scheme: "a crackdown on using
    # foreign mobile phones")
    custom(
        MEASURE.PhoneCrackdown,
        r"(?:(?P<v>ban|bans|banned|banning|prohibit\w*|forb[ia]d\w*|bar|bars|barred|barring)\s+"
        r"(?:[\w-]+\s+){0,4}?from|(?:is|are|was|were|been|be)\s+(?:\w+ly\s+)?(?P<w>banned|"
        r"prohibited|forbidden|barred)\s+from|bans?\s+on)\s+(?:using|owning|having|carrying|keeping|"
        r"possessing|buying|selling|smuggling\s+in)\s+(?:[\w-]+\s+){0,3}?(?:mobile\s+|cell\s+)?"
        r"(?:phones?|handsets?|sim\s+cards?)\b",
        "ban bans banned banning prohibit prohibits prohibited prohibiting forbid forbids forbade "
        "forbidden forbidding bar bars barred barring",
        RULE,
        also_when="phone phones handset handsets sim",
    ),
    # "has banned the use of Chinese mobile phones", "the use of foreign phones is banned"
    custom(
        MEASURE.PhoneCrackdown,
        r"(?P<v>ban|bans|banned|banning|prohibit\w*|forb[ia]d\w*|outlaw\w*)\s+(?:the\s+)?(?:use|"
        r"possession|ownership|sale)\s+of\s+(?:[\w-]+\s+){0,3}?(?:mobile\s+|cell\s+)?(?:phones?|"
        r"handsets?|sim\s+cards?)\b|(?:use|possession|ownership|sale)\s+of\s+(?:[\w-]+\s+){0,3}?"
        r"(?:mobile\s+|cell\s+)?(?:phones?|handsets?|sim\s+cards?)\b[^.;]{0,40}?\b(?:is|are|was|were|"
        r"has\s+been|have\s+been|remains?|remained)\s+(?:\w+ly\s+|now\s+|still\s+)*(?P<w>banned|"
        r"prohibited|forbidden|outlawed)\b",
        "use possession ownership sale",
        RULE,
        also_when="phone phones handset handsets sim",
    ),
    # "have been allowed since January to use Chinese handsets registered with the ministry":
    # an exemption from the ban on foreign phones eases it
    custom(
        MEASURE.PhoneCrackdown,
        r"(?:(?:is|are|was|were|been|be)\s+(?:\w+ly\s+|now\s+|also\s+)*(?P<w>allowed|permitted)|"
        r"(?P<v>allow|allows|allowing|permit|permits|permitting)\s+(?:[\w-]+\s+){1,5}?)\s*(?:(?:since|"
        r"from|in|as\s+of)\s+(?:[\w-]+\s+){1,2}?)?(?:again\s+)?to\s+(?:use|keep|own|carry|have)\s+"
        r"(?:[\w-]+\s+){0,3}?(?:mobile\s+|cell\s+)?(?:phones?|handsets?|sim\s+cards?)\b",
        "allowed permitted allow allows allowing permit permits permitting",
        EASE,
        also_when="phone phones handset handsets sim",
    ),
    custom(
        MEASURE.InformantReward,
        r"(?P<v>pay|pays|paid|paying|rewarded|rewarding|compensat(?:e|es|ed|ing))\s+"
        r"(?:[\w,-]+\s+){0,3}?(?:informants?|informers?|tipsters?|"
        + _REPORTERS
        + r")\b|"
        + _REPORTERS
        + r"\b[^.;]{0,60}?\b(?:(?:will|would|shall|to|can|could|may)\s+(?:also\s+|now\s+)?be|are|"
        r"is|were|was|get|gets|got)\s+(?:\w+ly\s+)?(?P<w>rewarded|paid|compensated|promised|offered|given\s+(?:a\s+)?"
        r"(?:rewards?|cash|money|prizes?))\b",
        "pay pays paid paying reward rewards rewarded rewarding compensate compensates "
        "compensated compensating promised offered",
        RULE,
    ),
    # "two money changers were paraded through the market": shamed before the crowd
    custom(
        MEASURE.PublicPunishment,
        r"(?:(?:were|was|been|being)\s+(?:\w+ly\s+)?(?P<w>paraded)|(?P<v>paraded|parade|parades|"
        r"parading)\s+(?:[\w'’-]+\s+){1,5}?)\s*(?:through|around|round|in\s+front\s+of|before)\s+"
        r"(?:the\s+|a\s+|their\s+|its\s+)?(?:[\w'’-]+\s+){0,2}?(?:market|streets?|town|village|"
        r"square|crowds?|neighbou?rs|residents|stadium|school|factory)\b",
        "paraded parade parades parading",
        ACTION,
    ),
    custom(
        MEASURE.PublicPunishment,
        r"(?:publicly|openly)\s+(?P<w>" + _PUNISH + r")\b|(?P<v>" + _PUNISH + r")\s+(?:them\s+|"
        r"him\s+|her\s+)?(?:publicly|in\s+public)\b",
        "publicly openly public",
        ACTION,
        also_when="tried executed punished denounced criticised criticized humiliated paraded "
        "sentenced hanged flogged beaten shot",
    ),
    # placing people under watch comes before the phrase cue "surveillance" (equipment)
    custom(
        MEASURE.Crackdown,
        r"(?:(?P<v>place|places|placing|put|puts|putting|keep|keeps|keeping)|(?P<w>placed|kept))"
        r"\s+(?:[\w-]+\s+){0,5}?under\s+(?:(?:close|constant|round-the-clock|24-hour|strict|tight|"
        r"permanent|heavy)\s+)*(?:watch|surveillance|observation|monitoring)\b",
        "place places placing put puts putting keep keeps keeping placed kept",
        PRACTICE,
        also_when="watch surveillance observation monitoring",
    ),
]

CONDUCT_GENERIC: list[MeasureCue] = [
    # "froze dozens of bank and mobile payment accounts"; accounts that stay frozen are a
    # state held ("have been frozen since late October": in force)
    frame(
        MEASURE.Crackdown,
        ("freeze", "block", "seize", "close", "suspend", "shut down"),
        nouns("account", "bank account", "payment account", "wallet", "bank card"),
        STATE,
        reach=6,
    ),
    # "police broke up Christmas services in three villages": worship or meetings dispersed
    frame(
        MEASURE.Crackdown,
        ("break up", "disperse", "raid", "stop"),
        nouns(
            "service",
            "church service",
            "worship service",
            "prayer meeting",
            "prayer service",
            "religious gathering",
            "gathering",
            "bible study",
            "bible class",
            "mass",
        )
        | {"worship"},
        ACTION,
        reach=4,
        passive_reach=6,
    ),
    # "will require banks to report every transfer": reporting duties against money flows
    custom(
        MEASURE.Crackdown,
        r"(?P<v>requir(?:e|es|ed|ing)|order(?:s|ed|ing)?|forc(?:e|es|ed|ing)|oblig(?:e|es|ed|ing)|"
        r"instruct(?:s|ed|ing)?)\s+(?:all\s+|the\s+|local\s+|chinese\s+)?(?:[\w-]+\s+)?(?:banks?|companies|"
        r"firms|businesses|shops|money\s+changers|payment\s+(?:platforms|companies|apps)|employers)"
        r"\s+to\s+(?:report|flag|disclose|hand\s+over|share)\s+(?:[\w-]+\s+){0,3}?(?:transfers?|"
        r"transactions?|payments?|remittances?|deposits?|accounts?|customers?|clients?|partners|"
        r"contacts|suppliers|buyers)\b",
        "require requires required requiring order orders ordered ordering force forces forced "
        "forcing oblige obliges obliged obliging instruct instructs instructed instructing",
        RULE,
        also_when="report flag disclose hand share",
    ),
    # "every container is still opened to check for goods banned under …": cargo searched for
    # banned or smuggled goods (the target gives the type)
    custom(
        MEASURE.Crackdown,
        r"(?:containers?|trucks?|lorr(?:y|ies)|cargo|shipments?|consignments?|crates?|wagons?|"
        r"boxes|parcels?)\s+(?:[\w-]+\s+){0,3}?(?:is|are|was|were|has\s+been|have\s+been|gets?)\s+"
        r"(?:(?:\w+ly|still|now|also|all)\s+)*(?P<w>opened|checked|inspected|searched|x-rayed|"
        r"scanned|unloaded|examined)\b(?:\s+and\s+\w+)?\s+(?:to\s+(?:check|search|look)\s+for|"
        r"for)\s+|(?P<v>open|opens|opened|opening|check|checks|checked|checking|inspect\w*|"
        r"search\w*|x-ray\w*|scan\w*)\s+(?:every|each|all|the)?\s*(?:[\w-]+\s+){0,2}?(?:containers?|"
        r"trucks?|cargo|shipments?|consignments?|crates?|wagons?|boxes|parcels?)\s+(?:[\w-]+\s+)"
        # "open every wagon returning from the North to look for …", "check every export
        # shipment to make sure none of it comes from …"
        r"{0,4}?(?:to\s+(?:check|search|look)\s+for|for|to\s+(?:make\s+sure|ensure|verify|"
        r"confirm)\b)\s*",
        "container containers truck trucks lorry lorries cargo shipment shipments consignment "
        "consignments crate crates wagon wagons boxes parcel parcels",
        PRACTICE,
        also_when="opened checked inspected searched scanned unloaded examined open opens opening "
        "check checks checking inspect inspects inspecting search searches searching scan scans "
        "scanning",
    ),
    # "employers … have been fined up to 20,000 yuan", "were each fined between 500 and 2,000
    # yuan", "were fined last week for …": fines imposed
    custom(
        MEASURE.Crackdown,
        r"(?:were|was|(?:have|has|had)\s+(?:also\s+|each\s+)?been)\s+"
        r"(?:\w+ly\s+|each\s+|also\s+)?(?P<w>fined)\s+(?:up\s+to|for|by|at|as\s+much\s+as|"
        r"between|\d|(?:last|this)\s+(?:week|month)\s+for\b|in\s+(?:the\s+)?(?:first|second|"
        r"third|fourth|last)\s+week\s+of\s+\w+\s+for\b)",
        "fined",
        ACTION,
    ),
    frame(
        MEASURE.Crackdown,
        ("question", "interrogate", "investigate", "grill"),
        PEOPLE
        | GROUPS
        | nouns("korean", "ethnic korean", "smuggler", "broker", "suspect", "relative")
        | nouns("family member", "local", "guard", "soldier", "official", "driver", "merchant"),
        PRACTICE,
        reach=3,
        needs_authority=True,
    ),
    custom(
        ANAPHORIC,
        r"(?:\b(?:a|an|the)\s+(?:similar|same|such|identical|comparable|earlier|previous|like)|"
        r"\b(?:similar|identical|comparable))\s+(?:[\w-]+\s+)?(?:orders?|bans?|rules?|"
        r"directives?|decrees?|instructions?|restrictions?|measures?|polic(?:y|ies)|systems?|"
        r"equipment|devices?|networks?)\b",
        "similar same such identical comparable earlier previous like",
        RULE,
        also_when="order orders ban bans rule rules directive directives decree decrees "
        "instruction instructions restriction restrictions measure measures policy policies "
        "system systems equipment device devices network networks",
    ),
]

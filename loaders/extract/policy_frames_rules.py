"""Measure frames of rules and enforcement: trade, isolation, deterrence, enforcement.

``RULE_FRAMES`` (trade limits, quarantine, public punishment, rewards, relocation, orders to
fire) come with the physical frames before the phrase cues of ``policy_cues``;
``GENERIC_FRAMES`` (raids, seizures, hunts, promised punishments) give the generic
``Crackdown`` — ``policies`` refines it by its target — and come after the phrase cues, so
that a named campaign ("treated as traitors") keeps its own type.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import GROUPS, PEOPLE, TRADING, custom, frame
from .morph import alternation, nouns
from .policy_cues import MeasureCue
from .policy_tense import ACTION, LIFT, PRACTICE, RULE

#: Frames of trade, isolation, deterrence and relocation, in priority order.
RULE_FRAMES: list[MeasureCue] = [
    # -- trade ---------------------------------------------------------------------------
    custom(
        MEASURE.TradeRestriction,
        r"(?P<v>needs?|required?|requires|must\s+(?:now\s+|still\s+|also\s+|first\s+)?(?:have|"
        r"obtain|get|apply\s+for))\s+(?:(?:an?|"
        r"special|official|the|valid|prior)\s+)*(?:import\s+|export\s+|trade\s+)?(?:permits?|"
        r"licen[cs]es?|permission|authori[sz]ation|approval)\b[^.;]{0,60}?\bto\s+"
        + TRADING
        + r"\b",
        "need needs require required requires must",
        RULE,
        also_when="permit permits licence licences license licenses permission authorisation authorization approval",
    ),
    custom(
        MEASURE.TradeRestriction,
        r"\bonly\b[^.;]{0,60}?\b(?:may|can|(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+|"
        r"still\s+)?(?P<w>allowed|permitted)\s+to)\s+(?:now\s+)?" + TRADING + r"\w*\b|(?P<v>"
        r"allowed|permitted|authori[sz]ed|licen[sc]ed)\s+to\s+" + TRADING + r"\w*\s+(?:[\w-]+\s+)"
        r"{0,3}?only\b|(?:may|can)\s+only\s+"
        + TRADING
        + r"|\bonly\s+(?:[\w,'-]+\s+){0,8}?(?:goods|"
        r"freight|cargo|imports|exports|shipments|trucks|products|items|companies|firms|vessels|"
        r"ships)\b[^.;]{0,60}?\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:now\s+|"
        r"still\s+)?(?:allowed|permitted)\s+(?:to\s+come|to\s+enter|to\s+cross|through|in\b|"
        r"across)|(?:allow|allows|allowed|allowing|permit|permits|permitted|permitting|licen[sc]e[sd]?)"
        r"\s+only\s+(?:[\w-]+\s+){0,5}?to\s+" + TRADING,
        "only",
        RULE,
        also_when="import imports importing export exports exporting trade trading ship shipping sell selling buy buying bring order orders deal purchase goods freight cargo shipments trucks products items companies firms vessels ships",
    ),
    frame(
        MEASURE.TradeRestriction,
        ("cap", "curb", "freeze", "hold back", "restrict", "limit", "suspend", "halt", "ban"),
        nouns(
            "import",
            "export",
            "shipment",
            "delivery",
            "purchase",
            "consignment",
            "trade deal",
            "order",
        )
        | {"trade", "cargo", "freight", "cross-border trade"},
        RULE,
        reach=3,
        passive_reach=6,
    ),
    custom(
        MEASURE.TradeRestriction,
        r"(?:(?P<v>clear|clears|cleared|clearing|process|processes|processed|processing|handl"
        r"(?:e|es|ed|ing)|accept|accepts|accepted|accepting|receiv(?:e|es|ed|ing)|let\s+through)"
        r"\s+(?:[\w-]+\s+){0,3}?(?:cargo|freight|shipments?|trucks?|goods|imports?|exports?|"
        r"wagons?|containers?))\b[^.;]{0,30}?\b(?:(?:only|just)\s+)?(?:\w+|\d+)\s+days?\s+"
        r"(?:a|per|each)\s+week",
        "week",
        RULE,
        also_when="clear clears cleared clearing process processes processed processing handle handles handled handling accept accepts accepted accepting receive receives received receiving let",
    ),
    # "Chinese trucks may enter the city only three days a week"
    custom(
        MEASURE.TradeRestriction,
        r"(?:trucks?|lorr(?:y|ies)|cargo|freight|goods|shipments?|wagons?|vessels?|ships?)\s+"
        r"(?:[\w-]+\s+){0,3}?(?:may|can|are\s+(?:now\s+)?(?:allowed|permitted)\s+to|is\s+(?:now\s+)?"
        r"(?:allowed|permitted)\s+to)\s+(?:now\s+|still\s+)?(?P<v>enter|cross|pass|come\s+in|come\s+"
        r"across|arrive)\b[^.;]{0,40}?\bonly\s+(?:on\s+)?(?:\w+|\d+)\s+days?\s+(?:a|per|each)\s+week",
        "truck trucks lorry lorries cargo freight goods shipment shipments wagon wagons vessel "
        "vessels ship ships",
        RULE,
        also_when="week",
    ),
    # "has stopped accepting shipments", "halted clearing coal"
    custom(
        MEASURE.TradeRestriction,
        r"(?P<v>stop|stops|stopped|stopping|halt|halts|halted|halting|suspend|suspends|suspended|"
        r"suspending|cease|ceases|ceased|ceasing)\s+(?:\w+ly\s+)?(?:accepting|clearing|processing|"
        r"handling|importing|exporting|buying|purchasing|receiving|shipping|issuing\s+(?:import|"
        r"export|trade)\s+(?:licen[cs]es|permits))\b",
        "stop stops stopped stopping halt halts halted halting suspend suspends suspended "
        "suspending cease ceases ceased ceasing",
        RULE,
        also_when="accepting clearing processing handling importing exporting buying purchasing receiving shipping issuing",
    ),
    # "has refused to clear any garments made in North Korea": goods no longer let through
    custom(
        MEASURE.TradeRestriction,
        r"(?P<v>refuse|refuses|refused|refusing|decline|declines|declined|declining)\s+to\s+"
        r"(?:clear|accept|process|handle|import|buy|receive|let\s+in|admit|unload)\s+(?:[\w-]+\s+)"
        r"{0,4}?(?:goods|garments|clothes|clothing|textiles|cargo|freight|shipments?|imports?|"
        r"exports?|trucks?|products|items|seafood|coal|containers?|consignments?)\b",
        "refuse refuses refused refusing decline declines declined declining",
        RULE,
        also_when="clear accept process handle import buy receive let admit unload",
    ),
    custom(
        MEASURE.TradeRestriction,
        r"(?:imports?|exports?|trade|shipments?|sales?|deliveries|cargo|freight)\b[^.;]{0,90}?\b"
        r"(?:have|has|had|were|was|are|is|been)\s+(?:also\s+|now\s+|finally\s+)*(?:been\s+)?"
        r"(?P<w>allowed|permitted|approved|authori[sz]ed)\s+(?:once\s+)?again",
        "again",
        LIFT,
        also_when="allowed permitted approved authorised authorized",
    ),
    # -- isolation of people and goods ---------------------------------------------------
    custom(
        MEASURE.QuarantineRule,
        r"(?P<v>spend|spends|spent|spending|stay|stays|stayed|kept|keep|held|hold|placed|put)\s+"
        r"(?:[\w,-]+\s+){0,5}?in\s+(?:isolation|quarantine)\b",
        "spend spends spent spending stay stays stayed kept keep held hold placed put",
        RULE,
    ),
    frame(
        MEASURE.QuarantineRule,
        ("isolate", "quarantine", "fumigate", "sanitise", "spray"),
        nouns(
            "returnee",
            "arrival",
            "traveller",
            "traveler",
            "import",
            "shipment",
            "vehicle",
            "truck",
            "wagon",
            "container",
            "parcel",
            "package",
        )
        | {"cargo", "freight", "goods"},
        RULE,
        reach=3,
    ),
    # -- deterrence and rewards ----------------------------------------------------------
    custom(
        MEASURE.PublicPunishment,
        r"(?:(?P<v>(?:execut|sentenc|punish|parad|denounc|beat|humiliat|hang)\w*|tried|shot)|"
        r"(?:try|trial|shoot)\w*)\b[^.;]{0,60}?\b(?:in\s+front\s+of|before)\s+(?:a\s+|the\s+)?"
        r"(?:(?:about|some|nearly|over|more\s+than|at\s+least)\s+)?(?:\d[\d,]*\s+)?(?:\w+\s+)?"
        r"(?:crowds?|audience|residents|villagers|onlookers|hundreds|thousands|assembled|"
        r"gathered|students|workers|spectators|townspeople|farmers|soldiers|troops|battalion|"
        r"regiment|workforce|employees|pupils)\b|(?:trials?|executions?|"
        r"sentencing)\b[^.;]{0,40}?\bat\s+(?:a|the)\s+(?:[\w-]+\s+)?(?:stadium|market(?:place)?|"
        r"square|sports\s+ground|schoolyard|airfield)|(?:show|mass)\s+trials?|parad\w+\s+"
        r"(?:them|him|her|the\s+\w+)\s+through",
        "execut* sentenc* tried try trial* shot shoot* punish* parad* denounc* beat* humiliat* "
        "hang* hung show mass",
        ACTION,
    ),
    custom(
        MEASURE.InformantReward,
        r"(?P<v>(?:promis|offer|pay|paid|giv|gave|award|grant)\w*)\s+(?:[\w,.'’-]+\s+){0,8}?to\s+"
        r"(?:anyone|anybody|those|people|villagers|residents|whoever|citizens|informants|"
        r"informers)\s+"
        r"(?:who|that)\s+(?:report|inform|tip|turn|hand|help\s+(?:catch|find|arrest))|(?:\d[\d,]*"
        r"\s+(?:yuan|won|dollars|rmb|usd)|cash|money|payments?|prizes?)\s+(?:[\w-]+\s+){0,3}?for\s+"
        r"(?:reporting|informing|turning\s+in|tipping\s+off|(?:a\s+|any\s+)?tip-offs?|tips?\b|"
        r"information\s+(?:on|about|leading))",
        "promise promises promised promising offer offers offered offering pay pays paid paying "
        "give gives gave giving award awards awarded grant grants granted reporting informing "
        "turning tipping information tip tips",
        RULE,
        also_when="report* inform* tip* turn* hand* help*",
    ),
    # -- homes cleared -------------------------------------------------------------------
    frame(
        MEASURE.ResidentRelocation,
        ("demolish", "tear down", "raze", "bulldoze", "knock down", "pull down", "flatten"),
        nouns("house", "home", "building", "dwelling", "hut", "village", "shack"),
        ACTION,
        reach=3,
        passive_reach=8,  # "houses standing closest to the river in Hyesan may be torn down"
    ),
    # "to move the families who live by the river further inland", "has moved some families of
    # escapees out of border towns"
    custom(
        MEASURE.ResidentRelocation,
        r"(?P<v>move|moves|moved|moving)\s+(?:the\s+|their\s+|all\s+|some\s+|several\s+)?"
        r"(?:[\w-]+\s+)?(?:families|residents|households|villagers|people|inhabitants)\b[^.;]{0,70}?"
        r"\b(?:(?:further\s+)?inland|away\s+from\s+the\s+(?:river|border|riverbank|frontier)|to\s+"
        r"the\s+(?:countryside|interior|mountains)|out\s+of\s+the\s+(?:border|city|town|area|"
        r"district|county)|away\s+from\s+(?:the\s+)?(?:riverside|riverbank|border)\s+(?:towns?|"
        r"villages?|areas?|districts?|count(?:y|ies))|out\s+of\s+(?:the\s+)?(?:border|riverside)\s+"
        r"(?:towns?|villages?|areas?|districts?|count(?:y|ies)|cit(?:y|ies))|into\s+(?:new\s+|newly\s+built\s+|state\s+)?(?:[\w-]+\s+)?(?:apartment\s+"
        r"blocks?|apartments|flats|housing|blocks\s+of\s+flats))\b",
        "move moves moved moving",
        ACTION,
        also_when="inland away countryside interior mountains out apartment apartments flats "
        "housing blocks",
    ),
    frame(
        MEASURE.ResidentRelocation,
        ("relocate", "evict", "resettle", "banish", "move out", "uproot"),
        nouns("resident", "household", "family", "villager", "inhabitant", "border resident")
        | {"people"},
        ACTION,
        reach=4,
    ),
    custom(
        MEASURE.ResidentRelocation,
        r"(?:"
        + alternation(GROUPS)
        + r")\b[^.;]{0,80}?\bto\s+(?P<v>move|relocate)\s+(?:[\w-]+\s+){0,3}?(?:further\s+"
        r")?(?:inland|away|elsewhere|out|to)\b|(?:them|"
        + alternation(GROUPS)
        # people, not goods ("before it can be moved inland"), are moved inland
        + r")\b[^.;]{0,60}?\b(?P<w>mov(?:e|ed|ing)|relocat(?:e|ed|ing))\s+(?:[\w-]+\s+){0,3}?"
        r"(?:further\s+)?inland",
        "move moved moving relocate relocated relocating inland",
        ACTION,
        also_when="inland away elsewhere out to",
    ),
    # -- orders to fire ------------------------------------------------------------------
    custom(
        MEASURE.ShootToKillOrder,
        r"(?:orders?|authori[sz]ed|allowed|permitted|instructed|told|ordered|licen[sc]e)\s+to\s+"
        r"open\s+fire|open(?:ed|s)?\s+fire\s+(?:on|at)\s+(?:anyone|anybody|any\s+\w+|those|"
        r"people\s+who|crossers|intruders|whoever)",
        "open opened opens",
        RULE,
        also_when="fire",
    ),
]

#: Frames of enforcement whose type is refined by its target.
GENERIC_FRAMES: list[MeasureCue] = [
    # -- enforcement against some activity (refined by its target) -----------------------
    frame(
        MEASURE.SmugglingCrackdown,
        ("break up", "bust", "dismantle", "smash", "uncover", "crack", "round up", "shut down"),
        r"(?:(?:a|an|the|two|three|several|one|another|large|major|big)\s+)*(?:[\w-]+\s+){0,2}?"
        r"(?:smuggling|contraband|trafficking)\s+(?:rings?|networks?|gangs?|operations?|"
        r"syndicates?|groups?)",
        ACTION,
        reach=1,
        object_words="smuggling contraband trafficking",
    ),
    frame(
        MEASURE.Crackdown,
        ("break up", "bust", "dismantle", "smash", "uncover", "round up"),
        nouns("ring", "network", "gang", "syndicate"),
        ACTION,
        reach=3,
    ),
    frame(
        MEASURE.Crackdown,
        # one family of searching verbs for every place searched
        ("raid", "search", "ransack", "comb", "inspect", "go through", "turn over", "x-ray"),
        nouns(
            "flat",
            "room",
            "barn",
            "lorry",
            "wagon",
            "home",
            "house",
            "household",
            "apartment",
            "warehouse",
            "market",
            "stall",
            "truck",
            "vehicle",
            "train",
            "bus",
            "boat",
            "shop",
            "village",
            "neighbourhood",
            "neighborhood",
            "district",
            "storehouse",
            "container",
        ),
        PRACTICE,
        reach=3,
    ),
    frame(
        MEASURE.Crackdown,
        ("check", "inspect", "examine", "go through", "search", "scan"),
        nouns(
            "phone",
            "mobile phone",
            "handset",
            "cellphone",
            "device",
            "computer",
            "notetel",
            "bag",
            "belonging",
            "usb drive",
            "memory card",
            "sd card",
        )
        | {"luggage"},
        PRACTICE,
        reach=4,
    ),
    frame(
        MEASURE.Crackdown,
        ("confiscate", "seize", "impound", "take away", "carry off"),
        nouns(
            "item",
            "product",
            "contraband",
            "cargo",
            "merchandise",
            "shipment",
            "load",
            "currency",
            "device",
            "drive",
            "phone",
            "handset",
            "cigarette",
            "medicine",
            "property",
        )
        | {"goods", "cash", "money", "anything", "everything"},
        PRACTICE,
        reach=4,
        also=r"(?:smuggled|contraband|illegal|undeclared|illicit|unlicensed)\s+[a-z]+",
        also_words="smuggled contraband illegal undeclared illicit unlicensed",
    ),
    frame(
        MEASURE.DefectionCrackdown,
        ("check", "inspect", "verify", "examine", "scrutinise", "demand", "scan"),
        r"(?:(?:identity|identification|id|registration|citizen(?:ship)?|residence)\s+(?:cards?|"
        r"documents?|papers|certificates?)|(?:travel\s+)?(?:papers|documents|passes|permits)\b"
        r"(?!\s+(?:of|for)\s+(?:goods|cargo|trucks|shipments)))",
        PRACTICE,
        reach=4,
        passive=False,
        object_words="card cards document documents papers certificate certificates passes permits",
    ),
    frame(
        MEASURE.DefectionCrackdown,
        ("register", "report"),
        nouns(
            "guest",
            "visitor",
            "lodger",
            "stranger",
            "outsider",
            "newcomer",
            "tenant",
            "foreigner",
            "unfamiliar face",
        )
        | {"anyone unfamiliar", "anyone suspicious"},
        RULE,
        reach=3,
        passive=False,
        # "villagers who report a stranger" are informants; "after a neighbour reported
        # strangers in the barn" is one person's deed, not a rule
        guard=r"(?<!who )(?<!that )(?<!neighbour )(?<!neighbor )(?<!villager )(?<!resident )"
        r"(?<!someone )",
    ),
    # "ordered households to hand in radios": surrendering what is banned.
    frame(
        MEASURE.Crackdown,
        ("hand in", "hand over", "surrender", "turn in", "give up"),
        nouns(
            "radio",
            "phone",
            "handset",
            "device",
            "drive",
            "television",
            "tv",
            "dvd",
            "computer",
            "notetel",
            "sim card",
            "book",
            "recording",
        ),
        RULE,
        reach=4,
        passive=False,
    ),
    # "families of defectors watched" (the scheme's own wording)
    frame(
        MEASURE.Crackdown,
        ("watch", "monitor", "surveil", "track", "follow", "keep under surveillance", "spy on"),
        r"(?:(?:the|their|all|whose)\s+)?(?:families|relatives|family\s+members|households)\s+"
        r"of\s+(?:[\w-]+\s+){0,3}?(?:defectors|escapees|those\s+who|people\s+who|"
        r"residents\s+who|soldiers\s+who|the\s+\w+\s+who)",
        PRACTICE,
        reach=2,
        object_words="families relatives members households",
    ),
    frame(
        MEASURE.Crackdown,
        ("hunt", "track down", "hunt down", "pursue", "chase down"),
        PEOPLE
        | nouns("smuggler", "broker", "trader", "user", "informant", "spy", "caller", "relative")
        | nouns("accomplice", "helper", "collaborator", "deserter", "family member", "fugitive"),
        PRACTICE,
        reach=3,
        passive=False,
    ),
    # Being shot for an act is an order to shoot.
    custom(
        MEASURE.ShootToKillOrder,
        r"(?:anyone|anybody|those|people|whoever|intruders|crossers)\b[^.;]{0,90}?\b(?:will|would|"
        r"could)\s+(?:also\s+)?be\s+(?:shot|fired\s+(?:up)?on)\b",
        "will would could",
        RULE,
        also_when="shot fired",
    ),
    # A promised punishment for an act is a standing rule against that act.
    custom(
        MEASURE.Crackdown,
        r"(?:anyone|anybody|those|people|whoever|residents|traders|villagers|individuals|"
        r"families|relatives|households|"
        r"persons|smugglers|brokers|crossers|offenders|violators|"
        # the act itself: "smuggling during the epidemic would be treated as treason"
        r"smuggling|trafficking|defection|defecting|illegal\s+crossings?)\b[^.;]{0,90}?\b(?:will|would|"
        r"could|shall)\s+(?:also\s+|now\s+)?(?:(?:have|lose)\s+[^.;]{0,40}?\s+and\s+)?be\s+(?:\w+ly"
        r"\s+)?(?:punished|treated\s+as|arrested|detained|jailed|imprisoned|sent\s+to|fined|"
        r"executed|shot|expelled|prosecuted|charged|sentenced|handed\s+over\s+to|turned\s+over\s+to)",
        "will would could shall",
        RULE,
        also_when="punished treated arrested detained jailed imprisoned sent fined executed shot expelled prosecuted charged sentenced handed turned",
    ),
    custom(
        MEASURE.Crackdown,
        r"(?:are|is)\s+(?:now\s+|routinely\s+|usually\s+|often\s+|typically\s+)?(?P<w>sentenced|"
        r"jailed|imprisoned|fined)\s+(?:to|for|up|at|by|on|with)\b",
        "sentenced jailed imprisoned fined",
        ACTION,
        needs_authority=False,
    ),
    # "those caught face up to ten years in a labour camp": the penalty of a standing rule
    custom(
        MEASURE.Crackdown,
        r"(?P<v>face|faces)\s+(?:(?:up\s+to\s+|at\s+least\s+|as\s+many\s+as\s+)?(?:\w+\s+){0,2}?"
        r"(?:years?|months?)\s+(?:in\s+(?:a\s+)?(?:labou?r|prison|re-?education|reform)|of\s+"
        r"(?:hard\s+labou?r|reform|imprisonment|prison)|behind\s+bars)|(?:heavy\s+|hefty\s+)?"
        r"(?:fines?|a\s+fine)\s+of\b)",
        "face faces",
        RULE,
        also_when="year years month months fine fines",
    ),
    # "set up a special task force to catch smugglers"
    custom(
        MEASURE.Crackdown,
        r"(?P<v>set\s+up|sets\s+up|setting\s+up|formed|forms|forming|form|created|creates|"
        r"established|establishes|launched|launches|dispatched|dispatches|sent|sends|organi[sz]ed)"
        r"\s+(?:an?\s+|the\s+|its\s+|several\s+|new\s+|special\s+|joint\s+)*(?:[\w-]+\s+){0,2}?"
        r"(?:task\s+forces?|units?|squads?|teams?|groups?|brigades?|patrols?)\s+(?:[\w-]+\s+){0,3}?"
        r"to\s+(?:catch|arrest|crack\s+down|hunt|track\s+down|stop|root\s+out|stamp\s+out|"
        r"search\s+for|find|detect|round\s+up|monitor)",
        "set sets setting formed forms forming form created creates established establishes "
        "launched launches dispatched dispatches sent sends organised organized",
        ACTION,
        also_when="force forces unit units squad squads team teams group groups brigade brigades",
    ),
    # "a similar campaign": a crackdown referred back to (policies resolves its type).
    custom(
        MEASURE.Crackdown,
        r"(?:similar|same|such|another|comparable|earlier|previous)\s+(?:[\w-]+\s+)?"
        r"(?:campaign|crackdown|operation|sweep|drive|clampdown)s?\b",
        "similar same such another comparable earlier previous",
        PRACTICE,
    ),
    custom(
        MEASURE.Crackdown,
        r"(?:campaign|drive|operation|sweep|offensive|purge)s?\s+(?:against|targeting|to\s+"
        r"(?:catch|root\s+out|stamp\s+out|eradicate|stop|prevent|eliminate|crack\s+down|"
        r"hunt))\b",
        "campaign campaigns drive drives operation operations sweep sweeps offensive purge purges",
        PRACTICE,
        also_when="against targeting to",
    ),
]

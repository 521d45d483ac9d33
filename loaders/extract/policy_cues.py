"""The measure cue lexicon of policies: measure types as regular expressions.

Each measure cue names its trigger words (see ``cues``); a *weak* cue (``cameras``,
``patrols``) makes a policy only next to a status cue, a *strong* one (``thermal imaging
cameras``, ``crackdown on phones``) also on its own. A generic crackdown cue (``crackdown``,
an authority ``arrested`` people) is refined into a narrower type by the words of its
sentence (``policy_subtypes.SUBTYPES``). The status cues are in ``policy_status_cues``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from borderkg.ontology.namespaces import MEASURE

from .cues import Triggers, triggers, word_regex

# The status lexicon lives in ``policy_status_cues``; its names stay importable from here.
from .policy_status_cues import CONSEQUENCE, IN_FORCE_EXPLICIT, STATUS_CUES, STATUS_TRIGGERS

_I = re.IGNORECASE
_CRACK = r"(?:crack(?:down|ing down|ed down|s down)s?|clamp(?:down|ing down|ed down)s?)"
_GROUPS = r"(?:residents|families|family|households|villagers|people|inhabitants)"
#: Foreigners at work in China whom it may put out: missionaries, pastors, South Koreans.
FOREIGNERS = (
    r"(?:missionar(?:y|ies)|pastors?|preachers?|priests?|evangelists?|south koreans?|foreigners|"
    r"foreign (?:nationals|staff|workers|aid workers|journalists|correspondents|reporters)|"
    r"aid workers|journalists|correspondents)"
)
# Right after a passive "be" (look-behinds: the cue starts at the participle).
_AFTER_BE = "(?:(?<=were )|(?<=was )|(?<=been )|(?<=being ))"
# Not right after taking something from its owner ("confiscated the cameras", "seized their
# camera"): look-behinds of fixed width, one per verb and determiner.
_NOT_TAKEN = "".join(
    rf"(?<!\b{verb}\s{det})"
    for verb in ("confiscated", "seized", "took", "smashed")
    for det in ("", r"the\s", r"their\s")
)
#: A count of people or things: "two", "600", "dozens of".
COUNT = (
    r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|several|dozens\s+of|hundreds\s+of)"
)
# Trade across the border outside customs: "buying North Korean seafood at sea", "trading
# with Chinese boats" (the scheme's SmugglingCrackdown: goods moved outside customs).
ACROSS_TRADE = (
    r"(?:buy\w*|bought|sell\w*|sold|trad\w*|deal\w*)\s+(?:in\s+|with\s+)?(?:[\w-]+\s+){0,3}?(?:at\s+sea|across\s+"
    r"the\s+(?:river|border)|(?:with|from|to)\s+(?:chinese|north\s+korean|foreign)\s+(?:boats|"
    r"vessels|ships|fishermen|smugglers|traders|buyers))"
)


@dataclass(frozen=True)
class MeasureCue:
    """A measure type, its cue pattern, its trigger words and whether it counts alone."""

    concept: str
    pattern: re.Pattern[str]
    strong: bool
    triggers: Triggers
    needs_authority: bool = False  # "arrested" is a crackdown only when an authority acts
    kind: str = ""  # aspectual class of a frame whose verb gives the status (policy_tense)
    also_needs: Triggers | None = None  # a frame's object words: one must be there too
    act: bool = False  # one act of enforcing a measure ("trucks were turned back"), see merge


def _cue(
    concept: object,
    pattern: str,
    when: str,
    strong: bool = True,
    needs_authority: bool = False,
) -> MeasureCue:
    return MeasureCue(str(concept), word_regex(pattern), strong, triggers(when), needs_authority)


# Specific cues first: on overlapping matches the earlier entry wins.
MEASURE_CUES: list[MeasureCue] = [
    _cue(
        MEASURE.WorkerRepatriation,
        r"\b(?:(?:overseas |north korean |foreign )?workers?\b[^.;]{0,80}?\b(?:repatriated|"
        r"sent home|sent back|returned home|return home|go home|going home|send(?:s|ing)? (?:them |"
        r"the workers )?(?:home|back))|repatriation of "
        r"(?:north korean |overseas |foreign )?workers|send (?:all )?(?:north korean )?workers "
        r"(?:home|back)|return of (?:overseas )?workers|employment of (?:north korean |overseas "
        r"|foreign )?workers|(?:hiring|employing|recruiting) (?:of )?(?:north korean|overseas|foreign) "
        r"(?:workers|labou?rers|nationals)|(?:hiring|employing|recruiting) north koreans)\b",
        "worker workers hiring employing recruiting",
    ),
    _cue(
        MEASURE.PhoneCrackdown,
        rf"\b(?:{_CRACK} on (?:[\w-]+ ){{0,4}}?(?:mobile |cell |cellular )?phones?|(?:mobile )?"
        r"phone (?:crackdown|inspections?|checks?|confiscations?)|(?:signal|phone)[- ]tracking "
        r"(?:equipment|devices?|vans?|vehicles?|cars?)|(?:confiscat\w+|seiz\w+|hand "
        r"over|(?:took|taken|taking)(?: away)?(?= (?:the|their|any) )) (?:of )?(?:the |any |their |"
        r"illegal |chinese |foreign )*(?:mobile |cell )?(?:phones?|handsets?)|(?:signal )?"
        r"jamm(?:ing|ers?)|radio[- ]wave detect\w+|detection (?:equipment|devices?|vehicles?)|(?:listen"
        r"\w*|monitor\w*|wiretap\w*|tapp\w*|trac\w+|intercept\w*) (?:to )?(?:\w+ ){0,2}(?:phone "
        r")?calls)\b",
        "phone phones cellphone cellphones jamm* detect* calls tracking",
    ),
    _cue(
        MEASURE.SmugglingCrackdown,
        rf"\b(?:{_CRACK} on (?:[\w-]+ ){{0,2}}?(?:smuggl\w+|traders|illegal trade|{ACROSS_TRADE})|"
        r"(?:anti|counter)-smuggling|"
        r"smuggling crackdown\w*|smuggl\w+\b[^.;]{0,60}?\b(?:strictly |severely |harshly )?"
        r"(?:punished|banned|prohibited|forbidden|suppressed))\b",
        "crack* clamp* smuggl*",
    ),
    _cue(
        MEASURE.DefectionCrackdown,
        rf"\b(?:{_CRACK} on (?:defect\w+|escape\w*|(?:illegal )?(?:border )?crossings?|crossers|"
        r"people crossing)|anti-defection|prevent\w* (?:further )?defections?|(?:let|lets|allow) "
        r"(?:any )?strangers?|report (?:any )?(?:strangers|visitors|outsiders|anyone (?:they|who)"
        r")|(?:checks?|inspections?) of (?:identification|identity|id) (?:documents|papers|"
        r"cards)|treated as (?:political criminals|traitors))\b",
        "crack* clamp* defect* prevent* stranger strangers report checks check inspections treated",
    ),
    _cue(
        MEASURE.NonSocialistInspection,
        r"\b(?:non-?socialist|anti-socialist|grou?ppas?|gruppas?|(?:inspection|investigation|"
        r"control) (?:teams?|groups?|units?|squads?|campaigns?))\b",
        "socialist nonsocialist grouppa grouppas groupa gruppa gruppas inspection investigation "
        "control",
    ),
    _cue(
        MEASURE.ShootToKillOrder,
        r"\b(?:shoot[- ]to[- ]kill|shoot[- ]on[- ]sight|fire[- ]on[- ]sight|orders? to (?:shoot|"
        r"fire)|(?:shoot(?: at| on)?|fire at|fire on|fire) (?:anyone|anybody|any person|without "
        r"warning)|shoot "
        r"unconditionally)\b",
        "shoot fire",
    ),
    _cue(
        MEASURE.BufferZone,
        r"\b(?:buffer zones?|no[- ]approach zones?|no[- ]go (?:zones?|areas?|strips?|belts?)|"
        r"restricted (?:zones?|areas?)|exclusion zones?|"
        r"off[- ]limits|approach within)\b",
        "zone zones limits restricted approach go",
    ),
    _cue(
        MEASURE.BorderClosure,
        r"\b(?:border (?:closures?|closing|shutdown)|(?:closed|closing|close|sealed|sealing|seal|"
        r"shut|shutting) (?:off )?(?:the |its |their )?(?:side of the )?(?:borders?|frontiers?)|"
        r"(?:borders?|frontiers?)"
        r"(?: with [A-Z]?\w+(?: [A-Z]\w+)?)? (?:was |were |has been |had been |remains |remained "
        r"|is |are )?(?:closed|sealed|shut)|(?:closure|sealing) of (?:the |its |their )?"
        r"(?:borders?|frontiers?)|"
        r"borders? (?:has |had |was |have )?(?:not |still not )?(?:been )?reopen\w*|reopen\w* "
        r"(?:of )?(?:the |its )?borders?|allow\w* (?:[\w-]+ ){0,3}?to (?:visit|travel to|cross "
        r"into|enter|go to) (?:china|north korea|the north|the south|south korea))\b",
        "border borders frontier frontiers allow allows allowed allowing",
    ),
    # Epidemic controls at large are the border closure of the pandemic years.
    _cue(
        MEASURE.BorderClosure,
        r"\b(?:anti-epidemic|pandemic|covid(?:-19)?|coronavirus) (?:measures|restrictions|controls)\b",
        "epidemic pandemic covid coronavirus",
        strong=False,
    ),
    _cue(
        MEASURE.TradeRestriction,
        r"\b(?:trade (?:bans?|restrictions?|halt|suspension|curbs?)|(?:suspension|halt|freeze|"
        r"stoppage) of (?:the )?(?:[\w-]+ ){0,2}?(?:cargo|freight|imports?|exports?|trade|"
        r"shipments?)|(?:bans?|restrictions?|halt|"
        r"suspension|limits?|curbs?) on (?:the )?(?:[\w'-]+ ){0,2}?(?:imports?|exports?|trade|"
        r"selling|buying|importing|exporting|trading|sales?|shipments?|freight|cargo|"
        r"consignments?|deliveries)|(?:suspended|"
        r"halted|banned|restricted|stopped|limited) (?:all |the |new )?(?:amount of |number of )?"
        r"(?:imports?|exports?|(?:cross-border )?trade|freight|cargo|shipments?|orders)|import "
        r"bans?|export bans?|(?:trade|imports?|exports?|shipments?|freight|cargo)\b[^.;]{0,60}?"
        r"\b(?:resumed|restarted|suspended|halted|stopped|restricted|limited|banned)|(?:prohibit"
        r"\w*|ban\w*|bar\w*|forbid\w*)\b[^.;]{0,40}?\bfrom (?:buying|selling|importing|"
        r"exporting|trading)|suspend (?:new |all )?(?:orders|imports|exports|shipments)|not "
        r"allowed to (?:\w+ ){0,4}(?:trade|import|export|sell)|resum\w+ (?:\w+ ){0,2}?"
        r"(?:shipments?|freight|cargo|trade|imports?|exports?))\b",
        "trade imports import exports export shipments shipment freight cargo orders buying sale sales "
        "suspension halt freeze stoppage "
        "selling importing exporting trading resum* deliveries consignment consignments",
    ),
    _cue(
        MEASURE.ForcedRepatriation,
        r"\b(?:forc(?:ed|ibly) (?:repatriat\w+|return\w*|sen[dt] back|deport\w+)|repatriat\w+|"
        r"sen[dt] (?:them |the defectors |defectors |people )?back(?: immediately)? (?:to north "
        r"korea|across the border)|be sent back|handed (?:[\w-]+ ){0,3}?(?:over|back)\b[^.;]{0,60}?\bto (?:the )?"
        r"(?:north korean|dprk|north)|deport\w*|(?<!non-)refoulement)\b",
        "repatriat* sent send deport* refoulement handed forced forcibly",
    ),
    # A quarantine laid on places (villages, towns) confines their people: a movement
    # restriction, not a rule for arrivals from across the border.
    _cue(
        MEASURE.MovementRestriction,
        r"\b(?:(?:placed|put|kept) (?:[\w-]+ ){0,4}?under (?:a )?(?:strict |full )?(?:quarantine|"
        r"lockdown)|quarantine (?:zones?|areas?)|(?:quarantined|locked down) (?:the )?(?:[\w-]+ )?"
        r"(?:villages?|towns?|city|county|districts?|areas?|neighbou?rhoods?))\b",
        "placed put kept quarantine quarantined locked",
    ),
    _cue(
        MEASURE.QuarantineRule,
        # "the quarantine office", "quarantine officials": a body, not the rule
        r"\b(?:quarantine\w*(?! (?:office|officials?|officers?|authorit\w+|bureau|headquarters|"
        r"departments?|services?|staff|inspectors?)\b)|isolation (?:period|facilit\w+|rules?)|"
        r"disinfect\w+)\b",
        "quarantin* isolation disinfect*",
    ),
    # "shortened that waiting period": the time goods or people are held, when it changes
    MeasureCue(
        str(MEASURE.QuarantineRule),
        word_regex(r"\b(?:waiting|holding) (?:periods?|times?)\b"),
        False,
        triggers("waiting holding"),
        also_needs=triggers(
            "shortened shortening shorten cut cutting reduced reducing halved extended extending "
            "lengthened eased doubled"
        ),
    ),
    # "temperature checks … were dropped": health screening of arrivals, when a rule is told
    MeasureCue(
        str(MEASURE.QuarantineRule),
        word_regex(r"\b(?:temperature|fever|health|medical) (?:checks?|screenings?|tests?)\b"),
        False,
        triggers("temperature fever health medical"),
        also_needs=triggers(
            "dropped scrapped lifted abolished ended eased relaxed required requires require must "
            "mandatory compulsory imposed introduced ordered reintroduced"
        ),
    ),
    _cue(
        MEASURE.InformantReward,
        r"\b(?:rewards? (?:for|to) (?:reporting|informants?|those who report|tips?|tip-offs?)|"
        r"informants? "
        r"(?:rewards?|payments?|bount\w+)|bount(?:y|ies)|cash rewards?|rewards?)\b",
        "reward* bounty bounties informant informants",
    ),
    _cue(
        MEASURE.PublicPunishment,
        r"\b(?:public (?:trials?|executions?|punishments?|denunciations?|struggle sessions?|"
        r"criticism sessions?)|executed (?:publicly|in public)|publicly executed|(?:denunciation|"
        r"criticism|struggle) (?:meetings?|sessions?|rallies)|(?:gathered|assembled|summoned|"
        r"mobili[sz]ed) (?:the )?(?:residents|people|villagers|workers|locals)\b[^.;]{0,80}?\b"
        r"(?:meeting|rally|session|gathering)\b[^.;]{0,60}?\b(?:traitors?|denounc\w+|criticis\w+|"
        r"condemn\w+))\b",
        "public publicly denunciation criticism struggle gathered assembled summoned mobilised "
        "mobilized",
    ),
    _cue(
        MEASURE.ResidentRelocation,
        rf"\b(?:(?:relocat\w+|evict\w+|expel\w+|mov(?:ed|ing)) (?:the )?(?:border )?{_GROUPS}|"
        # "moved two families": counted households (brokers "moved 20 people south" smuggled them)
        rf"(?:relocat\w+|evict\w+|expel\w+|mov(?:ed|ing)) (?:at least |about |some )?(?:a dozen|"
        rf"{COUNT}) "
        r"(?:[\w-]+ )?(?:families|households|residents|villagers|inhabitants)|"
        rf"forced (?:relocations?|evictions?)|(?:relocations?|evictions?) of (?:border )?{_GROUPS}"
        rf"|{_GROUPS}\b[^.;]{{0,80}}?\b(?:sent away|relocated|expelled|evicted|banished|sent to "
        r"live|sent to (?:[\w-]+ ){0,3}?(?:villages?|farms?|mines?|countryside|mountains?|regions?|"
        r"areas?)|moved (?:to|away|inland|out)))\b",
        "relocat* evict* expel* moved moving forced relocation relocations sent banished",
    ),
    _cue(
        MEASURE.MovementRestriction,
        r"\b(?:travel (?:bans?|restrictions?|permits?)|movement restrictions?|restrict\w* (?:on )?"
        r"(?:travel|movement)|bans? on (?:[\w-]+ ){0,2}?(?:travel|movement|sightseeing|boat trips|"
        r"fishing|visits|tours|access|boats?|boating|vessels|driving|walking|cycling|sailing|hiking|"
        r"camping|hunting)|curfews?|lockdowns?|(?:sealed|cordoned) off|locked down|(?:farming|fishing|"
        r"swimming|boating|bathing|washing|grazing|entry|travel|movement|access|sightseeing) (?:is|"
        r"are|was|were|has been|have been|remains?|remained) (?:now |still |also )?(?:banned|"
        r"prohibited|forbidden|restricted|not allowed)|(?:banned|prohibited|forbidden|barred) "
        r"from \w+ing|(?:bann|prohibit|forbidd|barr)ing (?:[\w-]+ ){1,3}?from (?:approach|enter|"
        r"travel|leav|visit|go|cross)\w*|(?:show|carry|present) (?:their |an? )?(?:identification|id|permits?|"
        r"pass(?:es)?)|need (?:a |special )?permits?\b[^.;]{0,60}?\bto (?:enter|travel|visit|go|"
        r"leave|approach|cross)|(?:anyone|people|those) who approach\w*|"
        r"closed (?:the )?(?:[\w-]+ ){0,2}?(?:road|roads|riverbank|riverside|area|path|beach)|"
        r"(?:riverbank|road|riverside|river bank|beach|area) (?:is|are|was|were|remains?|has been)"
        r" (?:still )?closed)\b",
        "travel movement restrict* sightseeing boat trips fishing visits tours access curfew "
        "driving walking cycling sailing hiking camping hunting "
        "curfews lockdown lockdowns banned prohibited forbidden barred identification id permit "
        "farming swimming boating bathing washing grazing entry boats vessels pass passes "
        "sealed cordoned locked "
        "permits approach approaches approaching road roads riverbank riverside area closed need "
        "banning prohibiting forbidding barring",
    ),
    # "a ban on washing clothes in the river": an activity by the water forbidden
    MeasureCue(
        str(MEASURE.MovementRestriction),
        word_regex(
            r"\bbans? on (?:[\w-]+ ){0,2}?(?:washing|bathing|swimming|boating|gathering|crossing|"
            r"approaching|entering|walking|going|farming|grazing|drawing|collecting|picking|"
            r"camping)\b"
        ),
        True,
        triggers("ban bans"),
        also_needs=triggers(
            "washing bathing swimming boating gathering crossing approaching entering walking "
            "going farming grazing drawing collecting picking camping"
        ),
    ),
    _cue(
        MEASURE.CCTVInstallation,
        r"\b(?:cctv|closed[- ]circuit (?:television|cameras?)|(?:surveillance |security |thermal "
        r"(?:imaging )?|infrared |night[- ]vision |monitoring |high-definition |hd )cameras?)\b",
        "cctv closed camera cameras",
    ),
    # people's own cameras taken from them are no installation ("confiscated the cameras of
    # two reporters", "seized their camera")
    _cue(
        MEASURE.CCTVInstallation,
        _NOT_TAKEN + r"\bcameras?\b"
        r"(?!\s+(?:of|belonging\s+to|carried\s+by)\s+(?:the\s+|a\s+|two\s+|three\s+|several\s+|"
        r"foreign\s+|\w+\s+)?(?:reporters?|journalists?|tourists?|photographers?|visitors?|"
        r"crews?|correspondents?))",
        "camera cameras",
        strong=False,
    ),
    _cue(
        MEASURE.SensorInstallation,
        r"\b(?:(?:motion|infrared|heat|movement|vibration) (?:sensors?|detectors?))\b",
        "sensor sensors detector detectors",
    ),
    _cue(MEASURE.SensorInstallation, r"\bsensors?\b", "sensor sensors", strong=False),
    _cue(
        MEASURE.LightingInstallation,
        r"\b(?:floodlights?|searchlights?|spotlights?|(?:street|security|flood) ?lights?|"
        r"lighting)\b",
        "flood* search* spotlight* light lights lighting streetlights",
        strong=False,
    ),
    _cue(
        MEASURE.BarrierConstruction,
        r"\b(?:(?:barbed[- ]wire|electri(?:c|fied)|iron|steel|border|security|high|double|new|"
        r"concrete) )*(?:fences?|fencing|(?<!on the )(?<!onto the )walls?(?! of (?!(?:barbed|concrete|"
        r"steel|iron|razor|wire|stone|brick)\b))|barriers?|barricades?)\b|\bbarbed[- ]wire\b",
        "fence fences fencing wall walls barrier barriers barricade barricades barbed",
        strong=False,
    ),
    _cue(
        MEASURE.PatrolReinforcement,
        r"\b(?:reinforc\w+ (?:the )?(?:border )?(?:guards|patrols|troops|units|posts)|(?:guards|"
        r"troops|soldiers|patrols|police|officers)\b[^.;]{0,30}?\b(?:have|has|had|were|was) "
        r"(?:also )?been (?:reinforced|increased|doubled|posted|deployed|stationed|dispatched)|"
        r"(?:reinforced|increased|doubled|stepped up|deployed|dispatched|added) (?:the )?"
        r"(?:number of )?(?:border )?(?:guards|troops|soldiers|patrols|police officers)|guard "
        r"posts?)\b",
        "reinforce reinforced reinforcing guards troops soldiers patrols police officers guard",
    ),
    _cue(
        MEASURE.SurveillanceInstallation,
        r"\b(?:surveillance (?:equipment|systems?|devices?|posts?|network)|watchtowers?|"
        r"observation posts?|monitoring equipment|surveillance)\b",
        "surveillance watchtower watchtowers monitoring observation",
        strong=False,
    ),
    _cue(
        MEASURE.PatrolReinforcement,
        r"\b(?:patrols?|patrolling|(?:additional|more|extra) (?:guards|soldiers|troops|personnel|"
        r"police)|guard (?:units|duty)|reinforcements?)\b",
        "patrol patrols patrolling additional more extra guard reinforcement reinforcements",
        strong=False,
    ),
    _cue(
        MEASURE.SanctionsEnforcement,
        r"\b(?:sanctions? (?:enforcement|crackdown|violations?|monitoring)|enforc\w+ (?:the )?"
        r"(?:un |international )?sanctions)\b",
        "sanction sanctions",
    ),
    _cue(MEASURE.SanctionsEnforcement, r"\bsanctions?\b", "sanction sanctions", strong=False),
    # Enforcement made stricter: "tighter inspections of bank transfers", "steps up its pursuit".
    _cue(
        MEASURE.Crackdown,
        r"\b(?:(?:tighter|closer|stricter|more frequent|intensified|stepped-up) (?:inspections?|"
        r"checks?|controls?|scrutiny|searches|monitoring)|(?:step(?:s|ped|ping)? up|intensif\w+|"
        r"tighten\w*) (?:of )?(?:its |their |the |a |an )?(?:identity |id |document |security |border |"
        r"cargo )?"
        r"(?:pursuit|hunt|checks?|inspections?|controls?|searches|scrutiny|monitoring))\b",
        "tighter closer stricter frequent intensified stepped step steps stepping intensify "
        "intensifies intensifying tighten tightens tightened tightening",
    ),
    _cue(
        MEASURE.Crackdown,
        rf"\b(?:{_CRACK}|(?:intensive|intensified|special|sweeping) (?:campaign|crackdown|"
        r"control)|(?:warned|told)\b[^.;]{0,30}?\b(?:anyone|those|people) who\b)",
        "crack* clamp* intensive intensified special sweeping warned told",
    ),
    _cue(
        MEASURE.Crackdown,
        r"\b(?:arrest(?:ed|ing|s)?|detain(?:ed|ing)|apprehend(?:ed|ing)|rounded up|round up|"
        # people taken into custody told without "arrested": "were taken away by state
        # security officers", "was picked up by police" (not "held in detention": reports tell
        # of people held so, as the background of their return, far more than as an arrest)
        + _AFTER_BE
        + r"taken away|(?:taken|took|taking) into "
        r"custody|locked up|"
        r"picked up by (?:the )?(?:police|officers|agents|guards|state security)|"
        r"(?:summoned|called in|brought in) (?:[\w-]+ ){0,4}?"
        r"for (?:questioning|interrogation)|"
        # one questioning told, not the routine of "returnees are questioned by …"
         + _AFTER_BE + r"(?:questioned|interrogated) by "
        r"(?:the )?(?:[\w-]+ ){0,3}?(?:police|officers|agents|guards|state security|"
        r"security officers|investigators))\b",
        "arrest arrested arresting arrests detained detaining apprehended apprehending rounded "
        "round taken took taking locked picked summoned called brought questioned "
        "interrogated",
        needs_authority=True,
    ),
    # Foreigners put out of the country: "expelled four South Korean missionaries", "the
    # pastor was deported to Seoul" (a crackdown on their work, not a repatriation of
    # North Koreans).
    _cue(
        MEASURE.Crackdown,
        rf"\b(?:(?:expel\w*|deport\w*) (?:[\w-]+ ){{0,4}}?{FOREIGNERS}|{FOREIGNERS}\b[^.;]{{0,60}}?"
        r"\b(?:was|were|been|be|being) (?:\w+ly )?(?:expelled|deported))\b",
        "expel* deport*",
        needs_authority=True,
    ),
    _cue(
        MEASURE.NonSocialistInspection,
        r"\b(?:inspections?|inspectors?|house searches)\b",
        "inspection inspections inspector inspectors searches",
        strong=False,
    ),
]

__all__ = [
    "CONSEQUENCE",
    "IN_FORCE_EXPLICIT",
    "MEASURE_CUES",
    "STATUS_CUES",
    "STATUS_TRIGGERS",
    "MeasureCue",
]

"""The cue lexicons of policies: measure types and statuses, as regular expressions.

Each measure cue names its trigger words (see ``cues``); a *weak* cue (``cameras``,
``patrols``) makes a policy only next to a status cue, a *strong* one (``thermal imaging
cameras``, ``crackdown on phones``) also on its own. A generic crackdown cue (``crackdown``,
an authority ``arrested`` people) is refined into a narrower type by the words of its
sentence (``SUBTYPES``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from borderkg.ontology.namespaces import MEASURE, STATUS

from .cues import Triggers, triggers, word_regex

_I = re.IGNORECASE
_CRACK = r"(?:crack(?:down|ing down|ed down|s down)s?|clamp(?:down|ing down|ed down)s?)"
_GROUPS = r"(?:residents|families|family|households|villagers|people|inhabitants)"
# Trade across the border outside customs: "buying North Korean seafood at sea", "trading
# with Chinese boats" (the scheme's SmugglingCrackdown: goods moved outside customs).
_ACROSS_TRADE = (
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
        r"|foreign )?workers)\b",
        "worker workers",
    ),
    _cue(
        MEASURE.PhoneCrackdown,
        rf"\b(?:{_CRACK} on (?:[\w-]+ ){{0,4}}?(?:mobile |cell |cellular )?phones?|(?:mobile )?"
        r"phone (?:crackdown|inspections?|checks?|confiscations?)|(?:confiscat\w+|seiz\w+|hand "
        r"over) (?:of )?(?:any |their |illegal |chinese )*(?:mobile |cell )?phones?|(?:signal )?"
        r"jamm(?:ing|ers?)|radio[- ]wave detect\w+|detection (?:equipment|devices?|vehicles?)|(?:listen"
        r"\w*|monitor\w*|wiretap\w*|tapp\w*|trac\w+|intercept\w*) (?:to )?(?:\w+ ){0,2}(?:phone "
        r")?calls)\b",
        "phone phones cellphone cellphones jamm* detect* calls",
    ),
    _cue(
        MEASURE.SmugglingCrackdown,
        rf"\b(?:{_CRACK} on (?:[\w-]+ ){{0,2}}?(?:smuggl\w+|traders|illegal trade|{_ACROSS_TRADE})|"
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
        r"fire)|(?:shoot|fire at|fire on|fire) (?:anyone|anybody|any person|without warning)|shoot "
        r"unconditionally)\b",
        "shoot fire",
    ),
    _cue(
        MEASURE.BufferZone,
        r"\b(?:buffer zones?|no[- ]approach zones?|restricted (?:zones?|areas?)|exclusion zones?|"
        r"off[- ]limits|approach within)\b",
        "zone zones limits restricted approach",
    ),
    _cue(
        MEASURE.BorderClosure,
        r"\b(?:border (?:closures?|closing|shutdown)|(?:closed|closing|close|sealed|sealing|seal|"
        r"shut|shutting) (?:off )?(?:the |its |their )?(?:side of the )?borders?|borders?"
        r"(?: with [A-Z]?\w+(?: [A-Z]\w+)?)? (?:was |were |has been |had been |remains |remained "
        r"|is |are )?(?:closed|sealed|shut)|(?:closure|sealing) of (?:the |its |their )?borders?|"
        r"borders? (?:has |had |was |have )?(?:not |still not )?(?:been )?reopen\w*|reopen\w* "
        r"(?:of )?(?:the |its )?borders?|allow\w* (?:[\w-]+ ){0,3}?to (?:visit|travel to|cross "
        r"into|enter|go to) (?:china|north korea|the north|the south|south korea))\b",
        "border borders allow allows allowed allowing",
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
        r"\b(?:trade (?:bans?|restrictions?|halt|suspension|curbs?)|(?:bans?|restrictions?|halt|"
        r"suspension|limits?|curbs?) on (?:the )?(?:[\w'-]+ ){0,2}?(?:imports?|exports?|trade|"
        r"selling|buying|importing|exporting|trading|sales?)|(?:suspended|"
        r"halted|banned|restricted|stopped|limited) (?:all |the |new )?(?:amount of |number of )?"
        r"(?:imports?|exports?|(?:cross-border )?trade|freight|cargo|shipments?|orders)|import "
        r"bans?|export bans?|(?:trade|imports?|exports?|shipments?|freight|cargo)\b[^.;]{0,60}?"
        r"\b(?:resumed|restarted|suspended|halted|stopped|restricted|limited|banned)|(?:prohibit"
        r"\w*|ban\w*|bar\w*|forbid\w*)\b[^.;]{0,40}?\bfrom (?:buying|selling|importing|"
        r"exporting|trading)|suspend (?:new |all )?(?:orders|imports|exports|shipments)|not "
        r"allowed to (?:\w+ ){0,4}(?:trade|import|export|sell)|resum\w+ (?:\w+ ){0,2}?"
        r"(?:shipments?|freight|cargo|trade|imports?|exports?))\b",
        "trade imports import exports export shipments shipment freight cargo orders buying sale sales "
        "selling importing exporting trading resum*",
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
        r"\b(?:quarantine\w*|isolation (?:period|facilit\w+|rules?)|disinfect\w+)\b",
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
    _cue(
        MEASURE.InformantReward,
        r"\b(?:rewards? (?:for|to) (?:reporting|informants?|those who report|tips?)|informants? "
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
        r"fishing|visits|tours|access)|curfews?|lockdowns?|(?:banned|prohibited|forbidden|barred) "
        r"from \w+ing|(?:bann|prohibit|forbidd|barr)ing (?:[\w-]+ ){1,3}?from (?:approach|enter|"
        r"travel|leav|visit|go|cross)\w*|(?:show|carry|present) (?:their |an? )?(?:identification|id|permits?|"
        r"passes?)|need (?:a |special )?permits?\b[^.;]{0,60}?\bto (?:enter|travel|visit|go|"
        r"leave|approach|cross)|(?:anyone|people|those) who approach\w*|"
        r"closed (?:the )?(?:[\w-]+ ){0,2}?(?:road|roads|riverbank|riverside|area|path|beach)|"
        r"(?:riverbank|road|riverside|river bank|beach|area) (?:is|are|was|were|remains?|has been)"
        r" (?:still )?closed)\b",
        "travel movement restrict* sightseeing boat trips fishing visits tours access curfew "
        "curfews lockdown lockdowns banned prohibited forbidden barred identification id permit "
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
    _cue(MEASURE.CCTVInstallation, r"\bcameras?\b", "camera cameras", strong=False),
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
        r"tighten\w*) (?:its |their |the )?(?:identity |id |document |security |border |cargo )?"
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
        r"\b(?:arrest(?:ed|ing|s)?|detain(?:ed|ing)|apprehend(?:ed|ing)|rounded up|round up)\b",
        "arrest arrested arresting arrests detained detaining apprehended apprehending rounded "
        "round",
        needs_authority=True,
    ),
    _cue(
        MEASURE.NonSocialistInspection,
        r"\b(?:inspections?|inspectors?|house searches)\b",
        "inspection inspections inspector inspectors searches",
        strong=False,
    ),
]

#: A measure taken to implement UN (or other) sanctions: "banned under UN Security Council
#: Resolution 2397", "to comply with the resolution" (the scheme's SanctionsEnforcement: a
#: state or its customs implements sanctions in trade).
SANCTIONS_BASIS = (
    r"\b(?:(?:banned|prohibited|restricted|listed|forbidden|barred|sanctioned)\s+(?:by|under)|"
    r"(?:to\s+)?compl(?:y|ies|ied|ying)\s+with|in\s+(?:line|accordance|compliance)\s+with|"
    r"(?:enforc|implement|observ)\w*)\s+(?:the\s+)?(?:(?:un|united\s+nations|international)\s+)?"
    r"(?:security\s+council\s+)?(?:resolutions?|sanctions)\b|\b(?:un|international)\s+"
    r"sanctions\b"
)

#: A generic crackdown becomes the narrower type whose words its sentence uses (first wins).
SUBTYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        str(MEASURE.PhoneCrackdown),
        re.compile(r"\b(?:phones?|calls|cellphones?|radio[- ]wave|detection equipment)\b", _I),
    ),
    (str(MEASURE.NonSocialistInspection), re.compile(r"\bnon-?socialist\b", _I)),
    (
        str(MEASURE.DefectionCrackdown),
        re.compile(
            r"\b(?:defect\w*|cross(?:es|ing|ed)? (?:the )?(?:border|river|into china)|fle[de]|"
            r"flee\w*|escap\w+|strangers?|north koreans (?:in|hiding)|(?:border|river) "
            r"cross(?:ings?|ers?)|crossers|(?:help|aid|assist)\w* (?:[\w-]+ ){0,3}?(?:cross|"
            r"escape|flee|defect|leave the country)\w*|(?:shelter|hid|hide|harbou?r|employ|hir(?:e|ed|es|ing))\w* "
            r"(?:a |any )?north koreans?|(?:detain|arrest|round|apprehend|caught|catch)\w* (?:up )?"
            r"(?:[\w-]+ ){0,3}?north koreans\b(?! (?:authorities|officials|guards|police|agents))|"
            r"(?:identity|identification|id) (?:checks?|cards?|documents|papers)|"
            r"(?:help|let|guid|lead|led|ferr)\w* (?:[\w-]+ ){0,3}?across"
            r"(?! the (?:river|border) (?:with|by) (?:goods|cargo)))\b",
            _I,
        ),
    ),
    (
        str(MEASURE.SmugglingCrackdown),
        re.compile(
            r"\b(?:smuggl\w+|official channels|import\w* goods|contraband|undeclared|outside "
            r"(?:the )?(?:official|state|legal|formal|customs) (?:channels|office|system)|(?:not|"
            r"without|never) (?:\w+ ){0,2}?(?:pass\w*|go\w*|gone) through customs|illegal(?:ly)? "
            r"(?:imported|traded|brought in) goods|brib\w+)\b|" + _ACROSS_TRADE,
            _I,
        ),
    ),
    (str(MEASURE.SanctionsEnforcement), re.compile(SANCTIONS_BASIS, _I)),
]

#: Consequences announced for an act: a standing rule (see ``policy_status``).
CONSEQUENCE = (
    r"\b(?:will|would) (?:also |now )?(?:(?:have|lose) [^.;]{0,40}? and )?be (?:\w+ly )?(?:caught and (?:\w+ly )?)?(?:treated as|punished|arrested|sent back|repatriated|"
    r"shot|fined|detained|sent to|caught|handed over to|turned over to|charged|prosecuted|"
    r"jailed|imprisoned|sentenced|expelled|executed|deported|tried)\b"
)

# Status cues; on equal distance the earlier entry wins.
STATUS_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        str(STATUS.Rumoured),
        re.compile(
            r"\b(?:rumou?rs?|rumou?red|reportedly considering|said to be (?:considering|planning|"
            r"preparing)|(?:is|are|was|were) said to be \w+ing|(?:have|has|had) (?:also |now |all |reportedly )?heard (?:that|of|rumou?rs)|"
            r"there is talk|word has it|people (?:say|said|are saying|have been saying) (?:that )?"
            r"[^.;,]{0,60}?\b(?:will|would|may|might|could|(?:is|are) going to)"
            r"|word is|speculation|unconfirmed reports?|it is said that)\b",
            _I,
        ),
    ),
    (
        str(STATUS.Lifted),
        re.compile(
            r"\b(?:lifted|lifting|lift(?:s)? (?:the|a|its)|reopened|reopening|re-opened|reopen|"
            r"resumed|resumption|removed|ended|scrapped|abolished|withdrawn|withdrew|called off|"
            r"rescinded|revoked|repealed|annulled|cancell?ed|discontinued|phased out|overturned|"
            r"dropped|dismantled|(?:switched|turned) off(?!\s+(?:at|every|each|during|overnight|by\s+"
            r"day|in\s+the\s+(?:morning|day|daytime)))|(?:allowed|permitted|"
            r"approved|legali[sz]ed) (?:\w+ )?"
            r"again|once again (?:allowed|permitted|open))\b",
            _I,
        ),
    ),
    (
        str(STATUS.Eased),
        re.compile(
            r"\b(?:relaxed|relaxing|relax|eased|easing|ease|shortened|shortening|loosened|loosening|softened|scaled "
            r"back|scaling back|more lenient|less strict|lighter than|looser|lightened|up from|"
            # a shorter duration: "was cut from 40 days to 20", "cutting the time goods must
            # wait from three weeks to ten days"
            r"(?:cut|cuts|cutting|reduc(?:ed|es|ing)|lower(?:ed|s|ing)|trimm(?:ed|ing)|"
            r"halv(?:ed|es|ing)|brought down|bringing down)\b(?:[^.;]{0,60}?\bfrom (?:\d+|\w+) "
            r"(?:days?|weeks?|months?|hours?) to| (?:\w+ ){0,3}?to (?:\d+|\w+) (?:days?|weeks?|"
            r"hours?)))\b",
            _I,
        ),
    ),
    # A consequence promised for an act ("anyone who helps them will be punished") states a
    # standing rule, not a plan.
    (str(STATUS.InForce), re.compile(CONSEQUENCE, _I)),
    (
        str(STATUS.Planned),
        re.compile(
            r"\b(?:(?:is|are|was|were) set to|plans? to|planned|planning to|plans for|will|shall|"
            r"hopes? to|hoping to|aims? to|"
            r"(?:is|are) going to|intends? to|the plan is to|preparations (?:are|were|have been) "
            r"(?:under ?way|being made)|would be (?!\w+ly\b)\w+ed\b|(?:could|may|might) (?:soon |also |well )?be "
            r"(?!\w+ly\b)(?:\w+ed|sent|built|put|set|shut|taken|brought|torn|sent back)\b|to be (?:installed|built|erected|introduced|deployed|"
            r"expanded|completed)|scheduled(?: to|(?<=been scheduled)| for(?:(?<=is scheduled for)|(?<=are scheduled for)|"
            r"(?<=was scheduled for)|(?<=were scheduled for)))|preparing to|prepares? to|expected to|about to|"
            r"considering|proposed|being discussed|under discussion|(?:discussing|debating|weighing|"
            r"studying|deciding) (?:whether|how|when)(?: (?:or not )?to)?)\b",
            _I,
        ),
    ),
    (
        str(STATUS.Announced),
        re.compile(
            r"\b(?:announced|announcement|ordered|orders?|issued|issues|directives?|decrees?|"
            r"instructed|instructions?|notices?|notified|notification|decided to|declared|"
            r"declaration|handed down|promulgated|read (?:out|aloud)|(?:told|warned|instructed|notified|informed) "
            r"(?:(?!(?:was|were|is|are|had|has|have|would|will)\b)[\w-]+ ){0,8}?(?:to|not to|that)\b|been told|were told|was told|were warned|"
            r"been warned)\b",
            _I,
        ),
    ),
    (
        str(STATUS.InForce),
        re.compile(
            r"\b(?:(?:has|have|had) been in (?:place|effect|force)|in (?:place|effect|force)|"
            r"(?:keeps?|kept|keeping) (?:the |its )?borders? (?:sealed|closed|shut)|keeping|"
            r"until further notice|must(?: (?:\w+ )?be \w+)?|needs? (?:a |an |special )?(?:permits?|pass(?:es)?|approval)|"
            r"(?:no one|nobody) (?:may|can|is allowed to)|may not|may only|step(?:s|ped|ping)? up|tighten(?:ed|s|ing)?|"
            r"intensif(?:ied|ies|ying)|strengthen(?:ed|s|ing)?|"
            r"(?:has|have|had) (?:been|remained) (?:closed|sealed|shut|banned|prohibited|"
            r"suspended|restricted|halted|tightened|strict)|(?:has|have) been \w+ing|"
            r"would be (?:\w+ly )?(?:sent back|repatriated|arrested|punished|shot|fined|detained)|"
            r"(?:is|are) (?:\w+ly )?(?:arrested|punished|repatriated|sent back|detained|fined|"
            r"banned|prohibited|forbidden|required|not allowed)|"
            r"remains?|remained|still|continues? to|continued|ongoing|(?:is|are|was|were|been) "
            r"banned|banned|(?:is|are) prohibited|prohibits?|prohibited|forbidden|enforc\w+|"
            r"maintain\w*|persists?|under way|underway|currently|constant|round-the-clock|around "
            r"the clock|at all hours|regular|strict|strictly|extended|required|requires?)\b",
            _I,
        ),
    ),
    (
        str(STATUS.CarriedOut),
        re.compile(
            r"\b(?:installed|installing|built|building|erected|constructed|set up|put up|went up|"
            r"gone up|deployed|dispatched|stationed|posted|repatriated|deported|returned|sent back|"
            r"sent home|sent to|handed over|handed back|arrested|detained|carried out|conducted|launched|"
            r"began|begun|started|reinforced|increased|expanded|added|placed|laid|buried|mounted|strung|sealed|closed|shut|"
            r"confiscated|seized|raided|inspected|executed|relocated|evicted|expelled|imposed|"
            r"introduced|implemented|rolled out|cracked down|fired|shot|lit|upgraded|replaced|"
            r"rebuil\w+|repair\w*|appeared|sprang up|gathered|assembled|summoned|held|rounded up|"
            r"sent away|moved (?:to|away|inland|out))\b",
            _I,
        ),
    ),
]

#: Words one of which every match of a status cue contains (in ``STATUS_CUES`` order; an
#: empty string for cues made of words too common to be worth testing): a sentence without
#: any of them is not searched for that cue.
STATUS_TRIGGERS: list[str] = [
    "rumo* considering said heard talk word people speculation unconfirmed",
    "lifted lifting lift lifts reopened reopening re reopen resumed resumption removed ended "
    "scrapped abolished withdrawn withdrew called rescinded revoked repealed annulled cancelled "
    "canceled discontinued phased overturned dropped dismantled again switched turned",
    "relaxed relaxing relax eased easing ease shortened shortening loosened loosening softened "
    "scaled scaling lenient strict lighter looser lightened up cut cuts cutting reduced reduces "
    "reducing lowered lowers lowering trimmed trimming halved halves halving brought bringing",
    "will would",
    "",
    "announced announcement ordered order orders issued issues directive directives decree "
    "decrees instructed instruction instructions notice notices notified notification decided "
    "declared declaration handed promulgated read told warned informed",
    "",
    "",
]

#: Explicit statements of state that outrank a nearer status cue in the same sentence.
IN_FORCE_EXPLICIT = re.compile(
    r"\b(?:in (?:place|effect|force)|remains?|remained|still|until further notice)\b", _I
)

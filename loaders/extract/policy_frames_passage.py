"""Measure frames of what may cross, leave or move: travel, entry, boats, confinement, goods.

The measure-type scheme defines these measures by what they let through or hold back, and
articles often name them without the measure's own noun:

- passenger trains, flights or foreign tourists coming back across the border are the
  border reopening (``passenger trains across the bridge will resume``), and letting
  foreign traders or tourists in is reopening it (``let Chinese traders into Rason``);
  flights, passenger trains, bus or ferry services suspended, cancelled or stopped are the
  border closed to people (``flights between Pyongyang and Shenyang were suspended``);
- boats kept in port or ashore are a curfew on the water (``keep their boats in harbour
  after sunset``): a MovementRestriction;
- people or goods held in one place for a set time, or drivers who may not leave their
  cabs, are isolation of arrivals: a QuarantineRule, whatever the word "quarantine";
- goods that need a permit are a TradeRestriction (``imports of electronics still need a
  permit``).

These frames come before the physical ones of ``policy_frames``, whose movement rules
(``may not leave``) would otherwise claim the same words.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .policy_cues import MeasureCue
from .policy_tense import LIFT, PRACTICE, RULE, STATE

_NATIONALITY = r"(?:chinese|foreign|russian|south\s+korean|north\s+korean|overseas|international)"
_DURATION = (
    r"for\s+(?:up\s+to\s+|at\s+least\s+|another\s+|a\s+further\s+|about\s+)?(?:an?|one|two|three|"
    r"four|five|six|seven|ten|fourteen|twenty|\d+)\s+(?:more\s+)?(?:days?|weeks?|months?|"
    r"fortnight)\b"
)
# Places of isolation: rooms, dormitories, yards, and isolation itself (not prisons).
_ISOLATION_PLACE = (
    r"(?:dormitor(?:y|ies)|hotels?|guest\s?houses?|hostels?|inns?|rooms?|yards?|warehouses?|"
    r"compounds?|barracks|wards?|"
    r"isolation|quarantine|(?:isolation|quarantine)\s+(?:centres?|centers?|facilit(?:y|ies)|"
    r"camps?|stations?))"
)
# What crosses as trade: vehicles and goods (boats and ships are people's, see below).
_GOODS = (
    r"(?:trucks?|lorr(?:y|ies)|cargo|freight|goods|shipments?|consignments?|wagons?|containers?|"
    r"imports?|exports?|fish|seafood|coal|products|produce|textiles|garments)"
)
# Places people live in, which a lockdown seals.
_SETTLEMENT = (
    r"(?:towns?|city|cities|villages?|county|counties|districts?|neighbou?rhoods?|capital|"
    r"settlements?|streets?|housing\s+blocks?|apartment\s+blocks?)"
)
_VEHICLE = (
    r"(?:cabs?|vehicles?|trucks?|lorr(?:y|ies)|trains?|carriages?|wagons?|compounds?|"
    r"dormitor(?:y|ies)|ships?|vessels?)"
)

# Passenger transport across the border: stopping it closes the border to people. Only
# across it: the sentence must name a place beyond it, the border or a bridge ("passenger
# trains between two inland cities resumed" is no border measure).
_SERVICE_NOUNS = (
    r"(?<!freight\s)(?<!cargo\s)(?:(?:charter|scheduled|international|direct|weekly|daily)\s+)?"
    r"(?:(?:passenger\s+)?flights?|passenger\s+trains?|(?:train|rail|bus|coach|ferry|air|"
    r"passenger)\s+services?|(?:passenger\s+)?ferr(?:y|ies)|air\s+routes?)"
)
_ACROSS = (
    "pyongyang sinuiju rason rajin sonbong nampo wonsan chongjin hyesan manpo namyang "
    "tumangang hoeryong onsong musan kanggye hamhung vladivostok khasan korea korean koryo "
    "border bridge cross-border international abroad seoul"
)
_STOP_FORMS = (
    r"suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|cancel(?:s|led|ed|ling|ing)?|call(?:s|ed|ing)?\s+off|"
    r"stop(?:s|ped|ping)?|cut(?:s|ting)?|ground(?:s|ed|ing)?|scrap(?:s|ped|ping)?"
)
_STOPPED = r"suspended|halted|cancell?ed|called\s+off|stopped|cut|grounded|scrapped"
# A service named in a clause of time or condition is background ("a rule introduced when
# the flights resumed"), not the news.
_BACKGROUND = (
    r"(?<!\bwhen\s)(?<!\bwhen\sthe\s)(?<!\bbefore\s)(?<!\bbefore\sthe\s)(?<!\buntil\s)"
    r"(?<!\buntil\sthe\s)(?<!\bonce\s)(?<!\bonce\sthe\s)(?<!\bif\s)(?<!\bif\sthe\s)"
)
_AUX = (
    r"(?:is|are|was|were|be|been|being|(?:has|have|had)\s+been|will\s+be|would\s+be|remain|"
    r"remains|remained|stay|stays|stayed)"
)

#: Frames of passage across the border and of confinement, in priority order.
PASSAGE_FRAMES: list[MeasureCue] = [
    # "Air China suspended its flights to Pyongyang", "flights … were suspended in 2020"
    custom(
        MEASURE.BorderClosure,
        rf"(?P<v>{_STOP_FORMS})\s+(?:[\w'’–-]+\s+){{0,3}}?{_SERVICE_NOUNS}\b"
        rf"|{_BACKGROUND}\b{_SERVICE_NOUNS}\s+(?:[\w'’–-]+\s+){{0,8}}?{_AUX}\s+"
        rf"(?:\w+ly\s+|also\s+|now\s+|again\s+)?(?P<w>{_STOPPED})\b",
        _ACROSS,
        STATE,
        also_when="suspend suspends suspended suspending halt halts halted halting cancel cancels "
        "cancelled canceled cancelling canceling call calls called calling stop stops stopped "
        "stopping cut cuts cutting ground grounds grounded grounding scrap scraps scrapped "
        "scrapping",
    ),
    # "the ferry between Nampo and Dalian stopped running in 2020"
    custom(
        MEASURE.BorderClosure,
        rf"{_BACKGROUND}\b{_SERVICE_NOUNS}\s+(?:[\w'’–-]+\s+){{0,6}}?(?:have\s+|has\s+|had\s+)?"
        r"(?P<v>stopped|ceased|stop|stops)\s+(?:running|flying|sailing|operating)\b",
        _ACROSS,
        STATE,
        also_when="stopped ceased stop stops",
    ),
    # "charter flights between Yanji and Pyongyang resumed on Saturday", "North Korea
    # resumed passenger flights to Beijing"
    custom(
        MEASURE.BorderClosure,
        rf"{_BACKGROUND}\b{_SERVICE_NOUNS}\s+(?:[\w'’–-]+\s+){{0,6}}?(?:have\s+|has\s+|had\s+)?"
        r"(?P<v>resumed|restarted|resume|resumes|restart|restarts)\b"
        r"|(?P<x>resumed|restarted|restored|reinstated)\s+(?:its\s+|their\s+|the\s+)?"
        rf"{_SERVICE_NOUNS}\b",
        _ACROSS,
        LIFT,
        also_when="resumed restarted resume resumes restart restarts restored reinstated",
    ),
    # -- confinement for a period: isolation of arrivals -----------------------------------
    custom(
        MEASURE.QuarantineRule,
        r"(?P<v>stay|stays|stayed|staying|remain|remains|remained|spend|spends|spent|spending|sit|"
        r"sits|sat|wait|waits|waited|kept|keep|keeps|held|hold|holds)\s+(?:[\w,-]+\s+){0,5}?(?:in|"
        r"at|inside)\s+(?:(?:an?|the|their|its|designated|sealed|separate|special)\s+)*"
        r"(?:[\w-]+\s+){0,2}?" + _ISOLATION_PLACE + r"\b[^.;]{0,40}?\b" + _DURATION,
        "stay stays stayed staying remain remains remained spend spends spent spending sit sits sat "
        "wait waits waited kept keep keeps held hold holds",
        RULE,
        also_when="day days week weeks month months fortnight",
    ),
    custom(
        MEASURE.QuarantineRule,
        r"(?:may|must|can|cannot|can't|(?:are|is|were|was)\s+(?:not|no\s+longer)\s+(?:allowed|"
        r"permitted)\s+to|(?:are|is|were|was)\s+forbidden\s+to)\s+(?:not\s+)?(?:get\s+out\s+of|"
        r"step\s+out\s+of|leave)\s+(?:their|the|his|her)\s+"
        + _VEHICLE
        # "may leave the compound only in groups": a rule on going out, not confinement;
        # "may not leave the bus between the two towns": a rule on the way, not isolation
        + r"\b(?![^.;]{0,40}\bonly\b)(?!\s+(?:between|on\s+the\s+way|during\s+the\s+(?:journey|"
        r"trip|ride|tour))\b)",
        "leave out",
        RULE,
        also_when="cab cabs vehicle vehicles truck trucks lorry lorries train trains carriage "
        "carriages wagon wagons compound compounds dormitory dormitories ship ships vessel vessels",
    ),
    # -- the border reopening to travel ----------------------------------------------------
    custom(
        MEASURE.BorderClosure,
        r"(?:(?:international|cross-border)\s+(?:passenger\s+)?(?:trains?|train\s+services?|"
        r"services?|flights?|buses|bus\s+services?|traffic|ferr(?:y|ies))|passenger\s+(?:trains?|"
        r"train\s+services?|services?|flights?|buses|bus\s+services?|traffic|ferr(?:y|ies))\s+"
        r"(?:[\w'’–-]+\s+){0,3}?(?:across|over|to|from|into|between)\s+(?:the\s+)?(?:[\w'’–-]+\s+)?"
        r"(?:border|river|bridge|china|north\s+korea|dandong|sinuiju|yalu|tumen|namyang|"
        r"rason|hunchun)\b|" + _NATIONALITY + r"\s+(?:tourists|"
        r"tour\s+groups|tourism|sightseers))\b[^.;]{0,60}?\b(?:(?P<w>resum(?:e|es|ed|ing)|"
        r"restart(?:s|ed|ing)?|reopen(?:s|ed|ing)?)|(?:will|would|to|could|may|might)\s+(?:soon\s+)?"
        r"(?:be\s+back|come\s+back|return))\b",
        "passenger international cross tourists tour tourism sightseers",
        LIFT,
        also_when="resume resumes resumed resuming restart restarts restarted restarting reopen "
        "reopens reopened reopening back return",
    ),
    custom(
        MEASURE.BorderClosure,
        r"(?P<v>let|lets|letting|allow|allows|allowed|allowing|admit|admits|admitted|admitting|"
        r"permit|permits|permitted|permitting)\s+(?:[\w,-]+\s+){0,6}?"
        + _NATIONALITY
        + r"\s+(?:[\w-]+\s+){0,2}?(?:traders|tourists|tour\s+groups|visitors|businesspeople|"
        r"business\s+travell?ers|delegations|passengers)\s+(?:[\w-]+\s+){0,3}?(?:into|in\b|across|"
        r"through|back)",
        "let lets letting allow allows allowed allowing admit admits admitted admitting permit "
        "permits permitted permitting",
        LIFT,
        also_when="traders tourists tour visitors businesspeople business delegations passengers",
    ),
    # "Chinese tour groups will be allowed back": the same, told of those let in
    custom(
        MEASURE.BorderClosure,
        _NATIONALITY
        + r"\s+(?:[\w-]+\s+){0,2}?(?:traders|tourists|tour\s+groups|visitors|businesspeople|"
        r"business\s+travell?ers|delegations|passengers)\s+(?:will|would|could|may|might|are|is|"
        r"were|was|have\s+been|has\s+been|had\s+been|to)\s+(?:\w+ly\s+|soon\s+|again\s+|now\s+|"
        r"also\s+)*(?:be\s+)?(?:\w+ly\s+|soon\s+|again\s+)?(?P<w>allowed|permitted|let|admitted)\s+"
        r"(?:back|in\b|into|across|through|to\s+(?:return|come\s+back|visit|enter|cross))",
        "traders tourists tour visitors businesspeople business delegations passengers",
        LIFT,
        also_when="allowed permitted let admitted",
    ),
    # "stopped issuing permits for trips to China": travel across the border halted
    custom(
        MEASURE.BorderClosure,
        r"(?P<v>stop|stops|stopped|stopping|suspend|suspends|suspended|suspending|halt|halts|"
        r"halted|halting|cease|ceases|ceased|ceasing)\s+issuing\s+(?:[\w-]+\s+){0,2}?(?:permits|"
        r"passes|passports|visas|travel\s+documents)\s+(?:for\s+(?:[\w-]+\s+){0,2}?(?:trips|"
        r"travel|visits|journeys)\s+)?(?:to|into)\s+(?:china|north\s+korea|the\s+north|"
        r"south\s+korea|russia|abroad)\b",
        "stop stops stopped stopping suspend suspends suspended suspending halt halts halted "
        "halting cease ceases ceased ceasing",
        STATE,
        also_when="issuing",
    ),
    # "day trips across the bridge could start again": travel across the border reopening
    custom(
        MEASURE.BorderClosure,
        r"(?:day\s+trips|tours|tourist\s+trips|sightseeing\s+trips|excursions|cross-border\s+"
        r"trips|visits)\s+(?:across|over|to|into)\s+(?:the\s+)?(?:[\w'’–-]+\s+){0,4}?(?:(?:can|"
        r"could|may|might|will|would)\s+(?:soon\s+)?)?(?P<v>start\s+again|resum(?:e|es|ed|ing)|"
        r"restart(?:s|ed|ing)?|reopen(?:s|ed|ing)?)\b",
        "trips tours excursions visits",
        LIFT,
        also_when="start resume resumes resumed resuming restart restarts restarted restarting "
        "reopen reopens reopened reopening",
    ),
    # -- goods turned away at the border: a practice since a date, or one act that enforces
    # a trade measure told before ("two trucks were turned back last month") -------------
    custom(
        MEASURE.TradeRestriction,
        r"(?P<v>turn(?:s|ed|ing)?\s+(?:away|back)|refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?)\s+"
        r"(?:entry\s+(?:to|of)\s+)?(?:[\w-]+\s+){0,4}?"
        + _GOODS
        + r"\b|"
        + _GOODS
        + r"\b[^.;]{0,80}?\b(?:have|has|had|were|was|are|is|been|being|be)\s+(?:(?:\w+ly|also|now|"
        r"still|all|been)\s+)*(?P<w>turned)\s+(?:away|back)\b",
        "turn turns turned turning refuse refuses refused refusing reject rejects rejected "
        "rejecting",
        PRACTICE,
        also_when="truck trucks lorry lorries cargo freight goods shipment shipments consignment "
        "consignments wagon wagons container containers import imports export exports fish "
        "seafood coal products produce textiles garments",
        act=True,
    ),
    # -- towns sealed off ---------------------------------------------------------------------
    custom(
        MEASURE.MovementRestriction,
        r"(?P<v>seal(?:s|ed|ing)?|lock(?:s|ed|ing)?|cordon(?:s|ed|ing)?)\s+(?:off|down)\s+(?:(?:the|"
        r"a|an|its|all|several|entire|whole)\s+)*(?:[\w-]+\s+){0,2}?"
        + _SETTLEMENT
        + r"\b|"
        + _SETTLEMENT
        + r"\b[^.;]{0,40}?\b(?:(?:has|have|had)\s+(?:\w+ly\s+)?been|is|are|was|were|be|been|being)\s+"
        r"(?:\w+ly\s+|also\s+|now\s+)*(?P<w>sealed\s+off|locked\s+down|cordoned\s+off|closed\s+off)\b",
        "seal seals sealed sealing lock locks locked locking cordon cordons cordoned cordoning "
        "closed",
        STATE,
        also_when="off down",
    ),
    # "boats will be banned from the reservoir": a place people may not go to
    custom(
        MEASURE.MovementRestriction,
        r"(?:(?:is|are|was|were|been|be)\s+(?:\w+ly\s+|also\s+|now\s+)*)(?P<w>banned|barred|"
        r"prohibited|forbidden)\s+from\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:river|riverbank|"
        r"riverside|reservoir|lake|bank|banks|shore|water|border\s+area|zone|fields?|beach|dam|"
        r"island|frontier)\b",
        "banned barred prohibited forbidden",
        RULE,
        also_when="river riverbank riverside reservoir lake bank banks shore water border zone "
        "field fields beach dam island frontier",
    ),
    # "may leave the compound only in groups of five", "can go out only with a minder"
    custom(
        MEASURE.MovementRestriction,
        r"(?:may|can|(?:are|is)\s+(?:\w+ly\s+)?(?:allowed|permitted)\s+to)\s+(?:only\s+)?(?P<v>leave|"
        r"go\s+out|go|enter|travel|visit|cross)\b[^.;]{0,50}?\bonly\s+(?:in\s+groups|with\s+(?:a\s+|"
        r"an\s+)?(?:minders?|escorts?|guides?|guards?|permission|permits?|pass(?:es)?)|on\s+(?:\w+\s+)?"
        r"(?:days?|weekends|sundays)|in\s+pairs|under\s+escort)\b",
        "may can allowed permitted",
        RULE,
        also_when="only",
    ),
    # "fishermen must now scan their identity cards before taking a boat out": a condition of
    # going somewhere, laid on people
    custom(
        MEASURE.MovementRestriction,
        r"(?:must|have\s+to|has\s+to|need\s+to|needs\s+to|(?:are|is)\s+(?:now\s+)?required\s+to)\s+"
        r"(?:now\s+|also\s+|first\s+)?(?P<v>scan|show|present|swipe|register)\s+(?:their|an?|the|"
        r"his|her)\s+(?:[\w-]+\s+)?(?:identity|identification|id|registration)\s+(?:cards?|"
        r"documents?|papers)\b",
        "must have has need needs required",
        RULE,
        also_when="scan show present swipe register",
    ),
    # -- boats kept in port: a curfew on the water -----------------------------------------
    custom(
        MEASURE.MovementRestriction,
        r"(?:keep|keeps|kept|keeping|moor\w*|tie|ties|tied|chain\w*|dock\w*|haul\w*)\s+(?:their\s+|"
        r"the\s+|all\s+|its\s+|every\s+)?(?:[\w-]+\s+)?(?:boats?|vessels?|ships?|craft|canoes|"
        r"rafts)\s+(?:[\w-]+\s+){0,2}?(?:in\s+(?:the\s+)?(?:harbou?rs?|ports?|docks?)|ashore|on\s+"
        r"(?:the\s+)?(?:shore|land|beach)|to\s+the\s+(?:shore|dock|pier|quay|bank))\b",
        "keep keeps kept keeping moor moored mooring tie ties tied chain chained chaining dock docked "
        "docking haul hauled hauling",
        RULE,
        also_when="boat boats vessel vessels ship ships craft canoes rafts",
    ),
    # "ordered fishing boats to stay in port at night"
    custom(
        MEASURE.MovementRestriction,
        r"(?:boats?|vessels?|ships?|craft|canoes|rafts)\s+(?:[\w-]+\s+){0,2}?(?:to|must|must\s+now|"
        r"have\s+to|are\s+to)\s+(?:stay|remain|be\s+kept)\s+(?:in\s+(?:the\s+)?(?:harbou?rs?|ports?|"
        r"docks?)|ashore|moored|on\s+(?:the\s+)?(?:shore|land|beach))\b",
        "boat boats vessel vessels ship ships craft canoes rafts",
        RULE,
        also_when="stay remain kept",
    ),
    # "allowing state companies to import fertiliser again": trade let through again
    custom(
        MEASURE.TradeRestriction,
        r"(?P<v>allow|allows|allowed|allowing|permit|permits|permitted|permitting|let|lets|letting)"
        r"\s+(?:[\w,'’-]+\s+){0,6}?to\s+(?:resume\s+)?(?:import|export|trade|sell|buy|ship|bring\s+in)"
        r"\w*\b[^.;]{0,60}?\bagain\b",
        "allow allows allowed allowing permit permits permitted permitting let lets letting",
        LIFT,
        also_when="again",
    ),
    # -- goods that need a permit ----------------------------------------------------------
    custom(
        MEASURE.TradeRestriction,
        r"(?:imports?|exports?|goods|shipments?|cargo|freight|sales?|purchases?)\b[^.;]{0,60}?\b"
        r"(?P<v>needs?|required?|requires)\s+(?:(?:an?|special|official|the|prior|written)\s+)*"
        r"(?:import\s+|export\s+|trade\s+|trading\s+)?(?:permits?|licen[cs]es?|approval|"
        r"authori[sz]ation|permission)\b",
        "imports import exports export goods shipment shipments cargo freight sale sales purchase "
        "purchases",
        RULE,
        also_when="permit permits licence licences license licenses approval authorisation "
        "authorization permission",
    ),
]

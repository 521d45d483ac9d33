"""The narrower measure type the words around a cue give it, following the scheme's definitions.

A cue names a measure in general terms; its sentence often says which narrower concept of
the measure-type scheme it is:

- a generic crackdown (``arrested``, ``stepped up inspections``) takes the type of its
  target (phones, smuggling, defection, "non-socialist" conduct, sanctioned goods), read
  next to the cue in its own clause, in the charge told after it (``…, accused of taking
  money to let a family cross the ice``), in the goods a check looks for (``…, which are
  banned under UN resolutions``) or in the sentence's subject (``Families of defectors …
  will be searched``); phones being smuggled are contraband, not phone use;
- a new inspection team not framed as "non-socialist" that searches for a named target
  (``inspection teams have been searching warehouses for smuggled goods``) is that
  crackdown, and one of a Chinese body (``an inspection team of the Chinese Communist
  Party``) a generic Crackdown: the "non-socialist" campaign is North Korea's;
- papers checked of everyone travelling (``checking the identity cards of everyone on the
  buses``, ``identity checks on the riverside road``) control who may pass, a
  MovementRestriction, unless the check is aimed at people in hiding or told only as
  stepped up; a crackdown on
  defectors questioned by a South Korean body (``the National Intelligence Service``)
  stays a generic Crackdown: it does not act against leaving North Korea;
- a checkpoint the border police or guards put up, where no check on those passing is
  told (lorries looked into are goods, not people passing), and a watchtower built are
  guard posts: a PatrolReinforcement;
- a restriction on movement scoped by a distance from the river or the border (``barred
  from coming within two kilometres of the river``) is a BufferZone, one on dealing with
  traders across it (``barred from dealing with Chinese partners``) or on goods (``goods
  are allowed through only with a permit``) a TradeRestriction;
- an inspection of cargo or trucks is a customs control on trade, not an inspection
  campaign;
- a trade restriction or enforcement taken under UN sanctions (``banned imports … to
  comply with Resolution 2371``) is SanctionsEnforcement;
- a crossing closed or reopened to particular goods (``reopened the crossing to imports of
  flour``) is a TradeRestriction (a ban on particular goods), not a BorderClosure;
- people sent home by their employers or under the worker clause of resolution 2397
  (``three garment factories sent 300 women back``, ``repatriate all nationals earning
  income``) are workers, not defectors: a WorkerRepatriation, never a ForcedRepatriation;
- money carried for defectors is a remittance: brokers arrested for ``handling money from
  defectors`` are a crackdown on remittances, not on defection;
- a site that is no crossing closed to visitors (``the viewing tower was closed to
  visitors``) is a MovementRestriction, goods "off limits" a TradeRestriction, and a
  checkpoint added as one more post or staffed by soldiers a PatrolReinforcement.
"""

from __future__ import annotations

import re

from borderkg import iris
from borderkg.ontology.namespaces import MEASURE

from .policy_campaign import SOUTH_AGENT
from .policy_cues import FOREIGNERS
from .policy_subtypes import SANCTIONS_BASIS, SUBTYPES

_I = re.IGNORECASE
_CRACKDOWN, _INSPECTION = str(MEASURE.Crackdown), str(MEASURE.NonSocialistInspection)
_MOVEMENT, _BUFFER = str(MEASURE.MovementRestriction), str(MEASURE.BufferZone)
_TRADE, _SANCTIONS = str(MEASURE.TradeRestriction), str(MEASURE.SanctionsEnforcement)
_CLOSURE, _DEFECTION = str(MEASURE.BorderClosure), str(MEASURE.DefectionCrackdown)
# "non-socialist", "anti-socialist" (not "the Socialist Patriotic Youth League", a body's name)
_SOCIALIST = re.compile(r"(?:non|anti)[- ]?socialist|grou?ppa|gruppa", _I)
#: The "non-socialist" framing of an inspection campaign (the scheme's NonSocialistInspection).
NON_SOCIALIST = _SOCIALIST
# An inspection of a Chinese body: no North Korean campaign against "non-socialist" conduct.
_CHINESE_BODY = re.compile(
    r"\b(?:chinese|china(?:'s|’s)?|beijing|liaoning|jilin|yanbian|dandong|hunchun)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:communist\s+party|party|government|police|ministry|commission|"
    r"authorities|public\s+security)\b|\bcommunist\s+party\s+of\s+china\b",
    _I,
)
_TARGETED = {str(MEASURE.SmugglingCrackdown), str(MEASURE.PhoneCrackdown)}
_DEFINITE = re.compile(r"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?$", _I)
_NUMBER = r"(?:\d[\d,.]*|a|one|two|three|four|five|six|seven|eight|nine|ten|half\s+a|several)"
# "within 500 metres of the water", "a two-kilometre strip along the river"
_DISTANCE = re.compile(
    rf"\bwithin\s+{_NUMBER}(?:\s+(?:to|or)\s+{_NUMBER})?\s+(?:metres?|meters?|kilometres?|"
    r"kilometers?|km|m|miles?)\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:rivers?|water|waterline|"
    r"waterfront|water's\s+edge|water’s\s+edge|coast|coastline|shoreline|sea|mudflats|"
    r"riverbanks?|banks?|borders?|fence|shore|yalu|tumen|frontier)\b|\b(?:\d+|one|two|three|"
    r"four|five|ten)[- ](?:metre|meter|kilometre|kilometer|km)\s+(?:wide\s+)?(?:strip|zone|"
    r"belt|area)\b"
    # "the strip along the river … was narrowed from one kilometre to 500 metres"
    rf"|\b(?:from\s+{_NUMBER}\s+(?:metres?|meters?|kilometres?|kilometers?|km|m)\s+|(?:widened|"
    r"narrowed|extended|expanded|reduced|cut)\s+)to\s+" + _NUMBER + r"\s+"
    r"(?:metres?|meters?|kilometres?|kilometers?|km|m)\b|\b(?:strip|belt|zone)\s+(?:of\s+land\s+)?"
    r"(?:along|by|beside|on)\s+the\s+(?:river|riverbank|bank|border|shore|frontier)\b"
    # "fields inside the strip": the zone told before
    r"|\b(?:inside|within|into)\s+the\s+(?:same\s+)?(?:strip|buffer\s+zone|no-go\s+zone|belt)\b"
    # "no closer than 50 metres to the water", "at least 200 metres from the water", "within
    # 500 metres of the embankment", "300 metres on either side of the bridge"
    rf"|\b(?:(?:no|not)\s+closer\s+than|at\s+least)\s+{_NUMBER}\s+(?:metres?|meters?|"
    r"kilometres?|kilometers?|km|m)\s+(?:away\s+)?(?:to|of|from)\s+(?:the\s+)?(?:water|"
    r"river|riverbank|bank|shore|embankment|fence|border)\b"
    rf"|\bwithin\s+{_NUMBER}\s+(?:metres?|meters?|kilometres?|kilometers?|km|m)\s+of\s+the\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:embankment|bridge|dike|dyke)\b"
    rf"|\b{_NUMBER}\s+(?:metres?|meters?|kilometres?|kilometers?|km|m)\s+on\s+(?:either|each|"
    r"both)\s+sides?\s+of\s+the\s+(?:bridge|crossing|river)\b"
    # "the strip along the border that residents may not enter", "the riverside zone where
    # residents need a pass"
    r"|\b(?:strip|zone|belt)\s+(?:[\w'’-]+\s+){0,6}?(?:that|which|where)\s+(?:residents|"
    r"people|villagers|civilians|anyone|nobody)\s+(?:may\s+not|cannot|can\s+no\s+longer|"
    r"must\s+not|are\s+not\s+allowed\s+to|need)\b",
    _I,
)
_UNDER_SANCTIONS = re.compile(SANCTIONS_BASIS, _I)
# "… the crossing to imports of flour": a crossing closed or opened to particular goods (to
# freight or trucks in general, it is the border crossing itself).
_TO_GOODS = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?to\s+(?:(?:the|all|new)\s+)?(?:(?:imports?|exports?|shipments?|"
    r"sales?|deliveries)\s+of|(?:[\w-]+\s+){1,2}(?:imports|exports)|(?:trucks?|lorr(?:y|ies)|"
    r"vehicles?|wagons?|cargo|freight|goods)\s+(?:carrying|loaded\s+with|with))\b",
    _I,
)
# "barred from dealing with Chinese partners": a rule on trade, not on movement.
_TRADING = re.compile(
    r"\bfrom\s+(?:dealing|trading|importing|exporting|selling|buying|doing\s+business)\b", _I
)
# "goods are allowed through only with a permit": a rule on what may cross is on trade.
_GOODS_SUBJECT = re.compile(
    r"\b(?:goods|cargo|freight|imports?|exports?|shipments?|trucks?|products|consignments?)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    _I,
)
# Inspections of cargo at the border are customs controls on trade, not a campaign.
_CUSTOMS = re.compile(
    r"\b(?:customs|cargo|freight|trucks?|lorr(?:y|ies)|containers?|shipments?|consignments?)\b", _I
)
# Checks done by customs (the agent named before the verb) enforce what may cross.
_CHECKING = re.compile(r"(?:inspect|check|search|x-ray|scan|examin|screen)\w*", _I)
_CUSTOMS_AGENT = re.compile(
    r"\bcustoms\b(?:\s+(?:officers?|officials?|authorities|inspectors?|staff|bureau|office))?"
    r"(?:\s+(?:at|in|of)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2})?\s+(?:(?:has|have|had)\s+(?:\w+ly\s+)?"
    r"been|is|are|was|were|will|now|also|still|soon|start|started|begun|began|to|\w+ly|\s)*\s*$",
    _I,
)
_FORCED, _WORKERS = str(MEASURE.ForcedRepatriation), str(MEASURE.WorkerRepatriation)
# People sent home as workers: named so, earning abroad, or sent by those who employ them.
_WORKER_WORDS = re.compile(
    r"\b(?:workers?|labou?rers?|employees|seamstress\w*|(?:nationals|citizens)\s+earning|"
    r"earning\s+(?:income|wages|money)|factor(?:y|ies)|plants?|restaurants?|companies|firms|"
    r"employers?|managers?|contracts?)\b",
    _I,
)
# ... unless the sentence tells of flight or arrest.
_FLIGHT_WORDS = re.compile(
    r"\b(?:defect\w*|escap\w+|fled|flee\w*|detain\w*|detention|arrest\w*|caught|"
    r"illegal(?:ly)?\s+(?:cross|enter)\w*|crossed\s+(?:the\s+)?(?:border|river)|refugees?)\b",
    _I,
)
# Money "from defectors", "sent by defectors": a remittance, not a defection.
_REMITTANCE = re.compile(
    r"\b(?:money|cash|funds|remittances?|transfers?|payments?)\s+(?:[\w-]+\s+){0,2}?(?:from|by|of)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:defectors?|escapees?|relatives)\b",
    _I,
)


# "searching boats for SIM cards being smuggled": phones as contraband moved across the
# border, not the use of phones.
_SMUGGLED_PHONES = re.compile(
    r"\b(?:(?:phones?|handsets?|sim\s+cards?)\s+(?:[\w-]+\s+){0,3}?(?:being\s+|that\s+were\s+|"
    r"to\s+be\s+)?smuggled|smuggled\s+(?:[\w-]+\s+){0,2}?(?:phones?|handsets?|sim\s+cards?))\b",
    _I,
)
_SMUGGLING = str(MEASURE.SmugglingCrackdown)
# "…, including several traders accused of …": the charge of some of them, told aside.
_OTHERS = re.compile(r"\b(?:said|says|including|among\s+them|among\s+whom)\b", _I)
# The charge an arrest or a sentence is for, what those arrested had been doing ("arrested
# a broker … who had been guiding people to the river") or what a check is to find.
_CHARGE = re.compile(
    r"\b(?:accused\s+of|charged\s+with|on\s+charges\s+of|suspected\s+of|convicted\s+of|for\s+"
    r"(?:helping|guiding|taking|smuggling|carrying|selling|buying|using|making|sheltering|"
    r"hiding|harbou?ring|organi[sz]ing|running|trafficking)|to\s+(?:find|catch|track\s+down|root\s+out|"
    r"hunt\s+(?:for|down)|look\s+for|search\s+for|identify|trace)|who\s+(?:had|have|has|were|was)\s+(?:been\s+)?"
    r"(?=\w+(?:ing|ed)\b))\b",
    _I,
)


# The end of a clause: a coordinated clause or a semicolon.
_NEXT_CLAUSE = re.compile(r"[,;]\s+(?:and|but|while|whereas|as)\b|;", _I)
# A ban whose own words name the resolution or the sanctions that impose it.
_RESOLUTION_OWN = re.compile(r"\bresolutions?\s+\d{4}\b|\bsanctions\b", _I)
# Papers checked as a standing step at a fixed point (``checkpoints now scan the identity
# card of every passenger``, ``identity cards are scanned at the park gate``) control who
# may pass: a MovementRestriction; checks stepped up or aimed at people in hiding stay a
# crackdown on defection.
_PAPERS = re.compile(
    r"\b(?:identity|identification|id)\s+(?:cards?|documents?|papers)\b|\bpapers\b|\bpassports?\b",
    _I,
)
_FIXED_POINT = re.compile(
    r"\b(?:checkpoints?|check\s+posts?|gates?|kiosks?|entrances?|barriers?|roadblocks?|"
    r"toll\s+booths?)\b",
    _I,
)
# Papers checked of everyone travelling (``checking the identity cards of everyone on the
# buses``, ``identity checks on the riverside road``) control who may pass: a
# MovementRestriction however the check is worded; checks aimed at people in hiding
# (``North Korean women without papers``, household registers) stay a defection crackdown.
_ID_CHECK = re.compile(r"\b(?:identity|identification|id|document|papers?)\s+checks?\b", _I)
_TRAVELLERS = re.compile(
    r"\b(?:every|each|all)\s+(?:[\w-]+\s+){0,3}?(?:passengers?|travell?ers?|visitors?|drivers?)\b"
    r"|\beveryone\s+(?:on|at|travelling|boarding|entering|leaving|crossing)\b"
    r"|\b(?:on|at|aboard)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:buses|bus|trains?|coaches|roads?|"
    r"expressways?|highways?|stations?|airports?)\b",
    _I,
)
# Checks stepped up with no one-for-all check told stay a hunt (``tightened identity checks
# on buses leaving the town``).
_EVERYONE = re.compile(r"\b(?:every|each|all|everyone|everybody|anyone)\b", _I)
_STEPPED_UP = re.compile(r"\b(?:step\w*\s+up|stepped-up|tighten\w*|tighter|intensif\w+)\b", _I)
# Vehicles stopped so that the papers of those aboard are checked: a sweep, as the gold of
# the first held-out set reads it ("stop buses and taxis … and check the identity cards").
_STOPPING = re.compile(
    r"\bstop\w*\s+(?:every\s+|all\s+|the\s+)?(?:[\w-]+\s+)?(?:bus(?:es)?|taxis?|cars?|"
    r"vehicles?|lorr(?:y|ies)|trucks?|vans?|coaches)\b",
    _I,
)
_HIDING = re.compile(
    r"\b(?:north\s+korean\s+(?:women|wives|brides)|without\s+(?:papers|documents|identity)|"
    r"household\s+regist\w+|defect\w*|escapees?)\b",
    _I,
)
_HUNT = re.compile(
    r"\b(?:step\w*\s+up|tighten\w*|intensif\w+|more\s+(?:thorough|frequent)|north\s+koreans|"
    r"defect\w*|without\s+(?:papers|documents|identity))\b",
    _I,
)


# A site closed to visitors that is no border crossing (``the viewing tower was closed to
# visitors``, ``the riverside park is closed to the public``) restricts movement there.
_SITE = re.compile(
    r"\b(?:towers?|parks?|promenades?|riverbanks?|embankments?|beach(?:es)?|islands?|"
    r"pavilions?|viewpoints?|observation\s+decks?|scenic\s+(?:area|spot)s?|museums?|roads?|"
    r"paths?|trails?|villages?|areas?)\b",
    _I,
)
_CROSSING = re.compile(
    r"\b(?:borders?|crossings?|bridges?|ports?|customs|checkpoints?|frontier|rail(?:way)?|"
    r"trains?|flights?|routes?)\b",
    _I,
)
_TO_VISITORS = re.compile(
    r"\b(?:closed|shut)\s+(?:[\w-]+\s+){0,2}?to\s+(?:the\s+)?(?:visitors|tourists|the\s+public|sightseers|"
    r"outsiders|tour\s+groups)\b",
    _I,
)
# Goods named as the subject of "off limits": banned goods, not a banned area.
_GOODS_OFF_LIMITS = re.compile(
    r"\b(?:goods|seafood|textiles?|coal|iron|ore|timber|minerals?|fuel|oil|garments|clothing|"
    r"machinery|vehicles|electronics|imports?|exports?|products|items)\b[^.;]{0,60}$",
    _I,
)


# A checkpoint added as one more post, or staffed by soldiers, is more guards on the road;
# one where papers are checked stays a movement control (``_PAPERS``).
_CHECKPOINT = re.compile(r"\b(?:checkpoints?|check\s+posts?|roadblocks?)\b", _I)
_MORE_GUARDS = re.compile(
    r"\b(?:(?:second|third|another|extra|additional)\s+(?:[\w-]+\s+)?(?:checkpoints?|check\s+"
    r"posts?|roadblocks?)|(?:staffed|manned|guarded)\s+by\s+(?:[\w-]+\s+)?(?:soldiers|troops|"
    r"guards|border\s+guards|police(?:men)?|officers))\b",
    _I,
)
_PATROL = str(MEASURE.PatrolReinforcement)
# A checkpoint the border police or guards put up, where the sentence tells of no check on
# those passing (``border police have set up a checkpoint on the road into the village``),
# is one more post of the body guarding the border; one on a riverside road, or on the way
# down to the river, keeps people from the water (a MovementRestriction). Lorries looked
# into are a check of goods, no limit on where people may go.
_BORDER_BODY = re.compile(
    r"\bborder\s+(?:police|guards?|troops|defence\s+(?:units?|troops)|security\s+command)\b"
    r"[^;]{0,60}$",
    _I,
)
_PASS_CHECK = re.compile(
    r"\b(?:check(?!\s*points?\b|\s*posts?\b)\w*|inspect\w*|search\w*|scan\w*|stop\w*|"
    r"turn\w*\s+(?:back|away)|permits?|pass(?:es)?|papers|identity|documents?|registration|"
    r"register\w*|only\s+(?:people|cars|vehicles|residents)|let\s+through|"
    r"every\s+(?:car|vehicle|bus|passenger)|"
    # on the way down to the water or along it: it keeps people from the river
    r"(?:down|leading)\s+to\s+the\s+(?:river|riverbank|bank|water|shore)|"
    r"river(?:side|front|bank)\s+(?:road|highway|path|promenade))\b",
    _I,
)
_PUT_UP = re.compile(r"\b(?:set|put)\s+up|\b(?:added|adds|built|opened|established|erected)\b", _I)
# A watchtower put up is a guard post: more people guarding the border, not equipment.
_WATCHTOWER = re.compile(r"\b(?:watch\s*towers?|guard\s+towers?|sentry\s+(?:towers?|boxes))\b", _I)
_SURVEILLANCE = str(MEASURE.SurveillanceInstallation)
# Foreigners deported or expelled, with no North Korean among them.
_FOREIGNER = re.compile(rf"\b{FOREIGNERS}\b", _I)
_NORTH_KOREANS = re.compile(r"\bnorth koreans?\b", _I)
_PUT_OUT = re.compile(r"\b(?:deport|expel)\w*", _I)
# Who or what applies a sanction: a state, its officers, or their checks at the border.
_ENFORCING = re.compile(
    r"\b(?:china|beijing|russia|government|ministry|customs|police|officers?|officials|"
    r"inspectors?|authorities|guards|checks?|checked|checking|inspect\w*|turn\w*\s+(?:back|"
    r"away)|seiz\w*|confiscat\w*|opened|opening|held\s+back|holding\s+back|refus\w*|sent\s+"
    r"back|sending\s+back|x-ray\w*|scann\w*|weigh\w*|comply|complying|enforc\w*|implement\w*)\b",
    _I,
)


def _foreigners_put_out(text: str) -> bool:
    """Whether ``text`` tells of foreigners deported or expelled and of no North Korean."""
    return bool(
        _PUT_OUT.search(text) and _FOREIGNER.search(text) and not _NORTH_KOREANS.search(text)
    )


def sent_home_as_workers(concept: str, sentence: str, under_2397: bool) -> str:
    """WorkerRepatriation for a repatriation of workers (by words or resolution 2397)."""
    if concept != _FORCED or _FLIGHT_WORDS.search(sentence):
        return concept
    return _WORKERS if under_2397 or _WORKER_WORDS.search(sentence) else concept


_LEAVERS = re.compile(
    r"(?<!housing\s)(?<!customs\s)(?<!marriage\s)(?<!job\s)(?<!trade\s)(?<!money\s)"
    r"(?<!remittance\s)(?<!estate\s)\bbrokers?\b",
    _I,
)
# China and the countries of the escape routes beyond it: where brokers move people out; in
# North Korea "brokers" mostly connect calls and carry money (the sample corpus's gold).
ESCAPE_ROUTES = frozenset(
    str(iris.place_iri(slug)) for slug in ("china", "laos", "vietnam", "thailand", "mongolia")
)
# Money carried, or people sold: a crackdown of its own, not one on leaving.
_MONEY = re.compile(
    r"\b(?:money|cash|remittances?|transfers?|yuan|won|dollars?|funds|payments?|accounts?|traffick\w*|"
    r"sold|selling|sell|bought|brides?)\b",
    _I,
)
# The subject of a sentence: its words before the first finite auxiliary.
_SUBJECT = re.compile(r"^[^,;:]{0,80}?(?=\b(?:has|have|had|is|are|was|were|will|would)\b)", _I)


def refine(
    concept: str,
    around: str,
    cue: str,
    after: str,
    before: str,
    sentence: str,
    abroad: bool = False,
) -> str:
    """The narrower type of a measure found by ``cue``.

    ``around`` is the text within reach on both sides of the cue, ``after`` and ``before``
    the text of its sentence after and before it, ``sentence`` the whole sentence;
    ``abroad``: whether the sentence names a place or body of China or of a country on the
    escape routes beyond it (:data:`ESCAPE_ROUTES`).
    """
    if concept == _INSPECTION:
        if _SOCIALIST.search(cue) or _SOCIALIST.search(before[-25:]) or _DEFINITE.search(before):
            return concept
        if _CHINESE_BODY.search(before[-60:] + cue + after[:50]):
            return _CRACKDOWN  # a Chinese body's inspection team: no "non-socialist" campaign
        for subtype, pattern in SUBTYPES:
            # "searching warehouses for smuggled goods", "an anti-smuggling sweep by an
            # inspection team": the team of a targeted campaign
            if subtype in _TARGETED and (pattern.search(after) or pattern.search(before[-40:])):
                return subtype
        if _CUSTOMS.search(around):
            return _SANCTIONS if _UNDER_SANCTIONS.search(around + after) else _TRADE
        return concept
    if (
        concept in (_CRACKDOWN, _DEFECTION)
        and _CHECKING.match(cue)
        and _PAPERS.search(around)
        and _FIXED_POINT.search(sentence)
        and not _HUNT.search(sentence)
    ):
        return _MOVEMENT  # papers checked at a fixed point: who may pass
    if (
        concept in (_CRACKDOWN, _DEFECTION)
        and (_ID_CHECK.search(cue) or (_CHECKING.match(cue) and _PAPERS.search(around)))
        and _TRAVELLERS.search(around)
        and not _HIDING.search(around)
        and (_EVERYONE.search(around) or not _STEPPED_UP.search(around))
        and not _STOPPING.search(sentence)
    ):
        return _MOVEMENT  # papers of everyone travelling checked: who may pass
    if concept == _CRACKDOWN:
        charge = _CHARGE.search(after)
        # what people were arrested for, told further on ("…, accused of taking money to
        # let a woman cross the ice"), read with the words around the act
        told = ""
        if charge and not _OTHERS.search(after, 0, charge.start()):
            # up to the end of its clause: "…, and residents caught with a phone …" is another
            end = _NEXT_CLAUSE.search(after, charge.end())
            told = " " + after[charge.start() : end.start() if end else len(after)]
        subject = _SUBJECT.match(sentence)
        for text in (around + told, subject.group(0) if subject else ""):
            text = _REMITTANCE.sub(" ", text)
            if _SMUGGLED_PHONES.search(text):
                return _SMUGGLING  # phones being smuggled across: goods outside customs
            for subtype, pattern in SUBTYPES:
                if pattern.search(text):
                    if subtype == _DEFECTION and SOUTH_AGENT.search(sentence):
                        return concept  # South Korea's own checks on arrivals: no escape hunt
                    return subtype
        # brokers arrested in China in a sentence that names no money and no people sold:
        # those who help people leave (the scheme's DefectionCrackdown names "arrests of
        # brokers"; brokers who carry money, and traffickers, stay a crackdown of their own)
        if abroad and _LEAVERS.search(around + told) and not _MONEY.search(sentence):
            return _DEFECTION
        # goods banned under a resolution named after the check ("to look for ore and
        # seafood, which are banned under resolutions …")
        if _UNDER_SANCTIONS.search(after):
            return _SANCTIONS
        if _CHECKING.match(cue) and _CUSTOMS_AGENT.search(before[-70:]):
            return _SANCTIONS  # customs inspecting boats or trucks: the checks at the border
        return concept
    if concept == _FORCED and _foreigners_put_out(before[-80:] + cue + after[:60]):
        return _CRACKDOWN  # "the pastor was deported to Seoul": foreigners put out, no return
    if concept == _MOVEMENT and (_TRADING.search(cue) or _GOODS_SUBJECT.search(before[-50:])):
        return _TRADE
    if concept == _MOVEMENT and _CHECKPOINT.search(cue) and _MORE_GUARDS.search(around):
        return _PATROL  # "a checkpoint staffed by soldiers", "a second checkpoint added"
    if (
        concept == _MOVEMENT
        and _CHECKPOINT.search(cue)
        and _PUT_UP.search(cue)
        and _BORDER_BODY.search(before)
        and not _PASS_CHECK.search(sentence)
    ):
        return _PATROL  # "border police have set up a checkpoint on the road": one more post
    if concept == _SURVEILLANCE and _WATCHTOWER.search(cue):
        return _PATROL  # "guards have built watchtowers along the river": guard posts
    if concept == _MOVEMENT and _DISTANCE.search(around):
        return _BUFFER
    if concept == _TRADE and _RESOLUTION_OWN.search(cue):
        return concept  # the resolution's own ban, not a country enforcing it
    if concept == _TRADE and (_UNDER_SANCTIONS.search(around) or _UNDER_SANCTIONS.search(after)):
        # a state or its officers applying the resolution enforce it; goods "banned under
        # Resolution 2371" with nobody acting are the sanction's own trade ban
        return _SANCTIONS if _ENFORCING.search(sentence) else _TRADE
    if concept == _CLOSURE and _TO_GOODS.match(after):
        return _TRADE
    if concept == _CLOSURE and _TO_VISITORS.search(sentence):
        named = re.split(r"[,;:]|\b(?:was|were|is|are|has|have|had)\b", sentence, maxsplit=1)[0]
        if _SITE.search(named) and not _CROSSING.search(named):
            return _MOVEMENT
    if (
        concept == _BUFFER
        and re.search(r"off[- ]limits", cue, _I)
        and _GOODS_OFF_LIMITS.search(before)
        and not _DISTANCE.search(sentence)
    ):
        return _TRADE
    return concept

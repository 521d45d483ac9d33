"""Which event type a cue reports, where its word alone would mislead.

- Trade outside customs is Smuggling, not FormalTrade (the event-type scheme): a trade cue
  said of goods moved ``under cover of night``, ``outside the official channels``, past
  guards who ``look the other way``, or by smugglers, reports smuggling. So does moving
  goods in such a way without a trade word (``sending crab … across the river under cover
  of night``), and smugglers at their work (``smugglers … have been bringing in goods``).
- A statement that accuses (``said that China is bound by the principle of
  non-refoulement``, ``called the repatriation a grave breach``) is the narrower
  Condemnation.
- People handed over to North Korean authorities, or handed over at a border bridge or
  crossing, are forcibly repatriated (the scheme's ForcedRepatriation: a specific handover of
  North Koreans to North Korean authorities), also with the object between verb and particle
  (``handed 40 women … over to``, ``sent the 12 women back across the Tumen``); workers sent
  home by their employers are the scheme's WorkerRepatriation, no such event.
- Trade is also told by its freight (``the first trucks carried … 300 tons of sugar``) and by
  trade of a route or kind said to go on (``freight trade across the Yalu resumed``).
"""

from __future__ import annotations

import re

from .cues import triggers, word_regex

_I = re.IGNORECASE
# Marks of trade that bypasses customs.
_ILLICIT = (
    r"under\s+(?:the\s+)?cover\s+of\s+(?:night|darkness)|outside\s+(?:of\s+)?(?:the\s+)?"
    r"(?:official|legal|formal|legitimate|customs)\b(?:\s+(?:channels?|routes?|system|trade|"
    r"checkpoints?|offices?|posts?))?|(?:bypass\w*|evad\w*|dodg\w*)\s+(?:the\s+)?customs|"
    r"without\s+(?:going\s+through\s+)?customs|illegal(?:ly)?|illicit(?:ly)?|clandestine(?:ly)?|"
    r"unofficial(?:ly)?|secretly|covertly|contraband|black[\s-]market|"
    r"(?:look|looks|looked|looking)\s+the\s+other\s+way|turn(?:s|ed|ing)?\s+a\s+blind\s+eye|"
    r"smugglers?"
)
_ILLICIT_RE = re.compile(rf"\b(?:{_ILLICIT})\b", _I)
ILLICIT_WORDS = triggers(
    "under outside bypass* evad* dodg* without illegal illegally illicit illicitly clandestine* "
    "unofficial unofficially secretly covertly contraband black look looks looked looking turn "
    "turns turned turning smuggler smugglers"
)
#: How far from a trade cue a mark of smuggling still speaks of the same trade.
_REACH = 100
_GOODS = (
    r"(?:goods|products|produce|merchandise|cargo|contraband|seafood|fish|squid|crabs?|clams?|"
    r"shellfish|herbs|ginseng|nuts|rice|corn|flour|fuel|diesel|copper|gold|coal|timber|"
    r"phones|tobacco|cigarettes|alcohol|drugs|methamphetamine|textiles|clothes|electronics)"
)
_MOVE_ING = r"(?:sending|bringing|carrying|moving|shipping|ferrying|passing|sneaking|taking)"
_MOVE = (
    r"(?:send|sends|sent|bring|brings|brought|carry|carries|carried|move|moves|moved|ship|ships|"
    r"shipped|ferry|ferries|ferried|pass|passes|passed|sneak|sneaks|sneaked|snuck|take|takes|"
    r"took)"
)
_ADV = r"(?:(?:still|now|also|again|reportedly|simply|quietly|regularly|often)\s+)?"
_RESUME = r"(?:resumed|resume|continued|continue|kept|keep|began|begun|started|start)"
# Not "smugglers were sent to a labour camp": a form that is also a participle is a verb of
# the smugglers only when no auxiliary leads up to it and no "to", "by" or "back" follows.
_NOT_PASSIVE = r"(?!\s+(?:to|by|back|home|away|off|for)\b)"
#: Smuggling told without the word: goods moved covertly, smugglers at their work.
SMUGGLING_CUE = word_regex(
    rf"\b(?:{_MOVE}|{_MOVE_ING})\b[^.;:]{{0,60}}?\b{_GOODS}\b[^.;:]{{0,80}}?\b(?:under\s+(?:the\s+)?"
    r"cover\s+of\s+(?:night|darkness)|outside\s+(?:of\s+)?(?:the\s+)?(?:official|customs)\b"
    r"[\w ]{0,20}?(?=[\s,.;]|$)|(?:bypass\w*|evad\w*|dodg\w*)\s+(?:the\s+)?customs|secretly|"
    r"covertly)|\bsmugglers?\b(?:\s+(?!(?:that|which|but|and|or|said|says|told|was|were|is|are|"
    r"be|been|being|have|has|had)\b)[\w'-]+){0,7}?\s+(?:(?:who|that)\s+)?"
    rf"(?:(?:(?:have|has|had)\s+{_ADV}been|are|were|is|was)\s+{_ADV}{_MOVE_ING}|"
    rf"(?:(?:have|has|had)\s+)?{_ADV}{_RESUME}\s+{_MOVE_ING}|"
    rf"(?:(?:have|has|had)\s+)?{_ADV}{_MOVE}{_NOT_PASSIVE})\b"
)
SMUGGLING_TRIGGERS = triggers(
    "smuggler smugglers cover outside bypass* evad* dodg* secretly covertly"
)
# An accusation in a statement: a breach, a violation, an obligation the state is bound by.
_ACCUSES = re.compile(
    r"\b(?:breach\w*|violat\w*|contrary\s+to|flout\w*|in\s+defiance\s+of|bound\s+by|"
    r"obligations?\s+under|unlawful\w*|inhumane|accus\w+|blam\w+|condemn\w*|"
    r"denounc\w*|critici[sz]\w*|deplor\w*)\b",
    _I,
)
#: Calling something a breach or a crime condemns it.
CALLED_A_BREACH = word_regex(
    r"\bcall(?:ed|s|ing)?(?=\s+(?!on\b|for\b|upon\b)(?:[\w'-]+\s+){1,5}?(?:an?\s+)?"
    r"(?:[\w-]+\s+)?(?:breach|violation|crime|outrage|disgrace|affront|atrocity|abuse)\b)"
)


def illicit(chunk: str, begin: int, end: int) -> bool:
    """Whether a trade cue at ``begin:end`` of a sentence is said of trade outside customs:
    a mark of smuggling within reach of it in the same sentence."""
    lo, hi = max(0, begin - _REACH), min(len(chunk), end + _REACH)
    return _ILLICIT_RE.search(chunk, lo, hi) is not None


def accuses(chunk: str) -> bool:
    """Whether a sentence reporting a statement reports an accusation."""
    return _ACCUSES.search(chunk) is not None


# People handed over to the North's authorities, or at the border: a forced repatriation (the
# event-type scheme: "a specific handover of North Koreans … to North Korean authorities").
# The cue is the verb; its object, if any, stays outside it for the people check. A particle
# verb may hold its object between verb and particle ("handed 40 detainees over to …",
# "turned them over at the bridge"), or drop the particle ("handed 60 detainees to North
# Korean agents"); then the cue is the verb alone.
_TO_THE_NORTH = (
    r"(?:to\s+(?:the\s+)?(?:north\s+korean?|dprk|pyongyang)\b|at\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?"
    r"(?:bridge|border|crossing|checkpoint|customs\s+post)\b)"
)
#: Words that end an object held between a verb and its particle: a new clause begins.
_NOT_IN_OBJECT = r"(?!(?:and|but|or|while|then|after|before|because|when|over)\b)"
HANDOVER_CUE = word_regex(
    rf"\b(?:hand|turn)(?:ed|s|ing)?(?:\s+over\b(?=\s+(?:[\w'-]+\s+){{0,6}}?{_TO_THE_NORTH})|"
    rf"(?<=ed)(?=\s+(?:{_NOT_IN_OBJECT}[\w'-]+\s+){{1,14}}?(?:over\s+)?{_TO_THE_NORTH}))"
)
HANDOVER = triggers("hand handed hands handing turn turned turns turning")
#: What comes right before the authority people are handed or sent to: "handed 60 North
#: Koreans over to | North Korean border guards". Those who receive them are not affected.
RECEIVER = re.compile(
    r"\b(?:hand|turn|sen[dt]|return|deliver|transfer)\w*\b[^.;:]{0,120}?\b(?:over\s+|back\s+)?"
    r"to\s+(?:the\s+)?$",
    _I,
)
#: People sent back with the object between verb and particle ("sent the 12 women back to
#: North Korea", "back across the Tumen"; not "sent him back to his boat"): the cue is the
#: verb, so that its object is checked for people. Split, the
#: particle verbs are read only in the past ("handed … over", "sent … back"): "forbids
#: sending anyone back", "urged China to stop sending them back" tell of no handover.
SENT_BACK_CUE = word_regex(
    rf"\bsent(?!\s+(?:straight|right|directly|immediately|\w+ly)\b)(?=\s+(?:{_NOT_IN_OBJECT}[\w'-]+\s+){{1,14}}?back\s+(?:to\s+(?:the\s+)?"
    r"(?:north\b|dprk|pyongyang)|across\b|over\s+the\s+(?:border|river|bridge)|into\s+north))"
)
SENT_BACK = triggers("sent")
_SPLIT_VERB = re.compile(r"^(?:hand|turn|send|sent)(?:ed|s|ing)?$", _I)
_PARTICLE_AFTER = re.compile(
    rf"(?:\s+{_NOT_IN_OBJECT}[\w'-]+){{1,14}}?\s+(?:over|back)\b(?:\s+(?:to|at)\s+"
    r"(?:the\s+)?(?:[\w'-]+\s+){0,3}?[\w'-]+)?",
    _I,
)


def through_particle(text: str, begin: int, end: int) -> int:
    """Where a particle verb whose cue is the verb alone (``handed``, ``sent``) ends with its
    particle and goal (``handed 40 women … over to North Korean guards``): what dates the
    handover is near that, not near the verb alone."""
    if not _SPLIT_VERB.match(text[begin:end]):
        return end
    m = _PARTICLE_AFTER.match(text, end)
    return m.end() if m else end


#: Trade told by its freight: vehicles that carried goods ("the first trucks carried flour and
#: about 300 tons of sugar"), and trade named with its route or kind said to go on ("freight
#: trade across the Yalu resumed"). Only the vehicles' own finite verb tells it: "lorries
#: carrying coal" are as often turned back, searched or hiding something as trading.
_TRADE_GOES_ON = (
    r"(?:resum\w*|restart\w*|reopen\w*|recover\w*|continu\w+|gr[eo]w\w*|rose|ris(?:e|es|en|ing)|"
    r"increas\w+|pick\w*\s+up|surg\w+|boom\w*|expand\w*|jump\w*|doubl\w+|tripl\w+)"
)
CARGO_CUE = word_regex(
    r"\b(?:trucks?|lorries|lorry|freight\s+trains?|trains?|wagons?|ships?|vessels?|barges?)\s+"
    r"(?:\w+ly\s+)?(?:carried|delivered|hauled|transported)\b(?=[^.;:]{0,80}?\b(?:tons?|tonnes?|"
    rf"kilograms?|kg|sugar|fertili[sz]ers?|{_GOODS[3:-1]})\b)"
    r"|\b(?:freight|cross-border|border|bilateral)\s+trade\b"
    rf"(?=\s+(?:[\w'-]+\s+){{0,8}}?(?:(?:has|have|had)\s+)?{_TRADE_GOES_ON}\b)"
)
CARGO = triggers(
    "trucks truck lorries lorry trains train wagon wagons ship ships vessel vessels barge barges "
    "trade"
)


# Overseas workers sent home by their employers comply with UN resolution 2397: the scheme's
# WorkerRepatriation, not a ForcedRepatriation ("three factories sent 300 women back").
_EMPLOYER_BEFORE = re.compile(
    r"\b(?:factor(?:y|ies)|compan(?:y|ies)|firms?|employers?|restaurants?|enterprises?)"
    r"(?:\s+(?:in|at|of|near)\s+(?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?)?\s+(?:(?:have|has|had)\s+)?$",
    _I,
)
_WORKERS = re.compile(r"\b(?:workers?|labou?rers?|employees|staff)\b", _I)
# "About 150 workers from garment factories … were sent back": the workers are its subject.
_WORKERS_BEFORE = re.compile(
    r"\b(?:workers?|labou?rers?|employees|staff)\b[^,;.]{0,60}\b(?:were|was|have\s+been|"
    r"has\s+been|had\s+been|are|is|being)\s+$",
    _I,
)


def workers_sent_home(chunk: str, begin: int, end: int) -> bool:
    """Whether a return cue at ``begin:end`` of a sentence tells of workers sent home by their
    employers: an employer as its subject, workers as its passive subject or its object."""
    before = chunk[max(0, begin - 120) : begin]
    return bool(
        _EMPLOYER_BEFORE.search(before)
        or _WORKERS_BEFORE.search(before)
        or _WORKERS.search(chunk, begin, end)
    )

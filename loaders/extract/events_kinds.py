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
  North Koreans to North Korean authorities).
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
# The cue is the verb; its object, if any, stays outside it for the people check.
HANDOVER_CUE = word_regex(
    r"\bhand(?:ed|s|ing)?\s+over\b(?=\s+(?:[\w'-]+\s+){0,6}?(?:to\s+(?:the\s+)?(?:north\s+"
    r"korean?|dprk|pyongyang)\b|at\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?(?:bridge|border|crossing|"
    r"checkpoint|customs\s+post)\b))"
)
HANDOVER = triggers("hand handed hands handing")

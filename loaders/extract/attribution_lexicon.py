"""Words and patterns of attribution: reporting verbs, source roles, their modifiers.

The lexicon :mod:`attribution` reads sentences with, kept apart from the reading itself.
"""

from __future__ import annotations

import re

from .anchors import AnchoredPattern
from .cues import triggers, word_regex

ROLE = (
    r"(?P<role>sources?|officials?|traders?|residents?|informants?|insiders?|smugglers?|"
    r"brokers?|merchants?|officers?|cadres?|defectors?|workers?|guards?|soldiers?|"
    r"business(?:man|men|woman|women|person|people)|dealers?|wholesalers?|drivers?|"
    r"fisherm[ae]n|farmers?|students?|teachers?|doctors?|contacts?|acquaintances?|"
    r"correspondents?|reporters?|groups?|activists?|experts?|analysts?|observers?|"
    r"organi[sz]ations?|diplomats?|spokes(?:person|man|woman)|rapporteurs?|commissioners?|"
    r"envoys?|people|person)"
)
DETS = r"a|an|another|one|the|our|two|three|several|multiple|other|many|some|this|that|these|those"
# A noun phrase that ends exactly where the search window ends (at a role noun).
NP = re.compile(
    rf"(?<![\w'.-])(?P<det>\b(?:{DETS})\s+(?:(?:second|third|fourth|other|same|new)\s+)?)?"
    rf"(?P<mods>(?:(?!(?:{DETS})\s)[\w'.-]+\s+){{0,4}}?)\b{ROLE}$",
    re.IGNORECASE,
)
ROLE_RE = word_regex(rf"\b{ROLE}\b")
ROLE_SEARCH = AnchoredPattern(ROLE_RE)  # the same matches, tried only at likely words
TAIL = re.compile(
    r"\s*,?\s*(?:who\s+(?:is|was|are|were)\s+)?(?:(?:based|living|working|stationed|"
    r"residing|located)\s+)?(?:(?:across|along|on|over)\s+the\s+(?:river|border)\s+)?"
    r"(?P<prep>in|from|near|inside|at|of)\s+(?:the\s+)?",
    re.IGNORECASE,
)
TAIL_WORDS = re.compile(r"[a-z]+\b")
MODIFIERS = frozenset(
    [
        "security",
        "local",
        "government",
        "party",
        "police",
        "military",
        "border",
        "customs",
        "trade",
        "trading",
        "judicial",
        "senior",
        "high-ranking",
        "low-ranking",
        "mid-level",
        "well-placed",
        "reliable",
        "informed",
        "anonymous",
        "provincial",
        "city",
        "county",
        "former",
        "retired",
        "private",
        "state",
        "public",
        "legal",
        "law",
        "enforcement",
        "cross-border",
        "market",
        "human",
        "rights",
        "ngo",
        "aid",
        "humanitarian",
        "other",
        "second",
        "third",
        "new",
        "same",
        "unnamed",
        "knowledgeable",
        "independent",
        "several",
    ]
)
SOURCE_ROLES = frozenset({"source", "informant", "insider", "contact"})
GROUP_ROLES = frozenset({"group", "activist", "expert", "analyst", "observer", "organization"})
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "same"})
NEW_DETS = ("another", "second", "third", "fourth", "other", "new")
DEMONYMS = re.compile(r"\b(?:north|south)\s+korean\b|\bchinese\b|\bkorean\b", re.IGNORECASE)

VERBS = (
    r"said|says|say|told|tells|tell|added|adds|explained|explains|noted|notes|reported|reports|"
    r"claimed|claims|stated|states|confirmed|confirms|alleged|alleges|insisted|insists|warned|"
    r"warns|revealed|disclosed|denied|denies|argued|argues|asserted|emphasi[sz]ed|stressed|"
    r"commented|remarked|recalled|continued|mentioned|observed|acknowledged|complained|"
    r"predicted|estimated|believes|believed|suggested|described|called|urged|expressed|"
    r"condemned|criticized|criticised|announced|according to"
)
VERB = word_regex(rf"\b(?P<verb>{VERBS})\b")
#: Speech verbs that are also verbs of doing ("has also added night patrols", "continued
#: the searches"): a report only when nothing but a pause, a quote or "that" follows.
ACTION_TOO = frozenset({"added", "adds", "continued"})
SPEECH_AFTER = re.compile(r"\s*(?:$|[,.;:!?\"“”‘’'—–-]|that\b)", re.IGNORECASE)
VERB_SEARCH = AnchoredPattern(VERB)
VERB_TRIGGERS = triggers(
    " ".join(v.split()[0] for v in VERBS.split("|")).replace("emphasi[sz]ed", "emphasi*")
)
ROLE_TRIGGERS = triggers(
    "source sources official officials trader traders resident residents informant informants "
    "insider insiders smuggler smugglers broker brokers merchant merchants officer officers "
    "cadre cadres defector defectors worker workers guard guards soldier soldiers business* "
    "dealer dealers wholesaler wholesalers driver drivers fisherman fishermen farmer farmers "
    "student students teacher teachers doctor doctors contact contacts acquaintance "
    "acquaintances correspondent correspondents reporter reporters group groups activist "
    "activists expert experts analyst analysts observer observers organization organizations "
    "organisation organisations diplomat diplomats spokes* rapporteur rapporteurs commissioner "
    "commissioners envoy envoys people person"
)
INVERTING = frozenset(
    ["said", "says", "added", "adds", "explained", "noted", "continued", "told", "stressed"]
)
GAP = re.compile(
    r"^[\s,]*(?:,[^,\"]{1,90},)?\s*(?:(?:\w+ly|long|has|have|had|also|further|later|"
    r"recently|then|earlier|again|once|publicly|reportedly|has also|had also|would|will|"
    r"once again|separately|similarly|likewise|however|in a statement|on condition of "
    r"anonymity)[\s,]+)*$",
    re.IGNORECASE,
)
AFTER_PREPOSITION = re.compile(
    r"\b(?:in|of|on|from|at|to|with|for|about|against|across|into|near|by|than|between|"
    r"and|or)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
AFTER_GAP = re.compile(r"^\s*(?:the\s+)?$", re.IGNORECASE)
PRONOUN = re.compile(r"\b(?:he|she|they|it)\s*$", re.IGNORECASE)
ORG_ANAPHOR = re.compile(
    r"\bthe\s+(?:group|organi[sz]ation|agency|ministry|body|office|committee|rapporteur|"
    r"commission|government|council|department)\s*$",
    re.IGNORECASE,
)

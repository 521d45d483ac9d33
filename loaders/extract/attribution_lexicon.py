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
    r"envoys?|operators?|inmates?|detainees?|witness(?:es)?|employees?|staff|managers?|"
    r"owners?|tourists?|visitors?|suppliers?|boatm[ae]n|skippers?|guides?|people|person)"
)
DETS = r"a|an|another|one|the|our|two|three|several|multiple|other|many|some|this|that|these|those"
# A noun phrase that ends exactly where the search window ends (at a role noun).
NP = re.compile(
    rf"(?<![\w'.-])(?P<det>\b(?:{DETS})\s+(?:(?:first|second|third|fourth|other|same|new)\s+)?)?"
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
        "tour",
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
    r"condemned|criticized|criticised|announced|rejected|rejects|dismissed|dismisses|"
    r"according to"
)
VERB = word_regex(rf"\b(?P<verb>{VERBS})\b")
#: Speech verbs that are also verbs of doing ("has also added night patrols", "continued
#: the searches"): a report only when nothing but a pause, a quote or "that" follows.
ACTION_TOO = frozenset({"added", "adds", "continued"})
SPEECH_AFTER = re.compile(r"\s*(?:$|[,.;:!?\"“”‘’'—–-]|that\b)", re.IGNORECASE)
#: Verbs of rebuttal report speech only when what is rejected is something said
#: ("rejected the criticism", "dismissed the reports, saying"), not a thing or a request
#: handled as an act ("the court rejected the appeal").
REBUTTAL = frozenset({"rejected", "rejects", "dismissed", "dismisses"})
REBUTTED = re.compile(
    r"\s*(?:(?:the|these|those|such|this|that|its|their|all|any)\s+)?(?:\w+\s+)?"
    r"(?:criticism|criticisms|claims?|accusations?|allegations?|reports?|calls?|charges?|"
    r"concerns?|recommendations?|suggestions?|demands?|remarks?|statements?|accounts?|"
    r"version)\b|\s*,\s*saying\b",
    re.IGNORECASE,
)
#: "told" reports the sentence only when the one told is the outlet or its source ("told
#: Daily NK", "told the source", "told reporters"); "officials told villagers that …" is
#: something that happened in the story, which the article's own source reports.
TELLING = frozenset({"told", "tells", "tell"})
TOLD_REPORTER = re.compile(
    r"\s*(?:$|[,.;:!?\"“”—–-]|that\b|(?:us|me|reporters?|journalists?|the\s+press|"
    r"(?:the|this|our)\s+(?:newspaper|outlet|website|site|paper|reporter|correspondent)|"
    r"(?:the|a|our|another|one)\s+(?:\w+\s+){0,2}?(?:sources?|informants?|contacts?))\b)",
    re.IGNORECASE,
)
#: A subject right after one of these is the subject of an adverbial clause ("After North
#: Korea acknowledged an outbreak, residents were banned …"): not who reports the sentence.
SUBORDINATE = re.compile(
    r"\b(?:after|when|since|before|although|though|while|because|if|until|once|unless|"
    r"whereas|whether)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
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
    "commissioners envoy envoys operator operators inmate inmates detainee detainees witness "
    "witnesses employee employees staff manager managers owner owners tourist tourists visitor "
    "visitors supplier suppliers boatman boatmen skipper skippers guide guides people person"
)
INVERTING = frozenset(
    ["said", "says", "added", "adds", "explained", "noted", "continued", "told", "stressed"]
)
GAP = re.compile(
    r"^[\s,]*(?:,[^,\"]{1,90},)?\s*(?:(?:\w+ly|long|has|have|had|also|further|later|"
    r"recently|then|earlier|again|once|publicly|reportedly|has also|had also|would|will|"
    r"once again|separately|similarly|likewise|however|in a statement|on condition of "
    r"anonymity|in the past)[\s,]+)*$",
    re.IGNORECASE,
)
#: A relative clause between a subject and its verb ("Traders in Sinuiju who have placed
#: orders with Chinese partners say").
RELATIVE_GAP = re.compile(
    r"^(?!.*\b(?:was|were|is|are|be|been|being)\s*$)"  # "Residents who … were told": passive
    r"\s*,?\s*(?:who|that|whose)\s+[^,;:\"]{1,120}?\s*,?\s*(?:(?:also|now|still|further|"
    r"have|has|had|\w+ly)\s+)*$",
    re.IGNORECASE | re.DOTALL,
)
AFTER_PREPOSITION = re.compile(
    r"\b(?:in|of|on|from|at|to|with|for|about|against|across|into|near|by|than|between|"
    r"and|or)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A name the mention heads after "of" ("The Office of the UN High Commissioner …"): the
#: mention is part of the speaker's name, not the object of a preposition.
NAME_OF = re.compile(r"\b[A-Z][\w'-]*\s+of\s+(?:the\s+)?$")
#: The complement of a title between a named speaker and its verb ("The UN Special
#: Rapporteur on the situation of human rights in North Korea also said").
TITLE_COMPLEMENT = re.compile(
    r"\s+(?:on|for)\s+[^,;:\"“”()]{1,80}?(?=\s+(?:(?:\w+ly|also|has|have|had|further|"
    r"again|once again|later|then|earlier|publicly)\s+)*$)",
    re.IGNORECASE,
)
#: A country's body named by its demonym ("The Chinese delegation rejected …"): the country.
DEMONYM_BODY = re.compile(
    r"\b(?P<dem>north\s+korean|south\s+korean|chinese)\s+(?:delegation|delegates|government|"
    r"authorities|representatives?|embassy|mission|side)\b",
    re.IGNORECASE,
)
DEMONYM_COUNTRY = {"north korean": "north korea", "south korean": "south korea", "chinese": "china"}
#: "according to the report": the report of the organisation named last.
REPORT_AFTER = re.compile(
    r"\s*(?:the|its|their|a|this)?\s*(?:(?:new|latest|annual|same)\s+)?(?:report|statement|"
    r"study|survey|findings|testimony)\b",
    re.IGNORECASE,
)
AFTER_GAP = re.compile(r"^\s*(?:the\s+)?$", re.IGNORECASE)
PRONOUN = re.compile(r"\b(?:he|she|they|it)\s*$", re.IGNORECASE)
ORG_ANAPHOR = re.compile(
    r"\bthe\s+(?:group|organi[sz]ation|agency|ministry|body|office|committee|rapporteur|"
    r"commission|government|council|department|report|statement|study|survey)\s*$",
    re.IGNORECASE,
)

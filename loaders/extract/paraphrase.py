"""Group actors named by paraphrase rather than by a vocabulary label.

Reports often name a group by what happened to its members or by a bare institutional noun:

- a passive participle or relative clause about people sent back: "those returned",
  "people who were repatriated", "those China sent back", "returned women" are forcibly
  repatriated North Koreans (``returned`` only where the passage speaks of repatriation or
  says "from China");
- North Koreans described by what they do or are caught doing at the border: "a North
  Korean crossing the river", "North Koreans caught in the campaign" (with a border or
  China cue; "caught watching films" is not flight), "those caught crossing", "anyone caught
  trying to flee" are defectors;
- "families/relatives of" followed by a defector group ("the families of those returned",
  "relatives of at least three of the returnees") or by people said to have left ("the
  families of two young men who fled", "the parents of a soldier who did not come back"),
  and "the families they left behind" once defectors are named, are the families of
  defectors;
- families or households living by the water ("families living closest to the river",
  "households within 100 metres of the Yalu", "riverside households") are border residents;
- bare "guards" and "border troops" are the border force of the side they are on, and bare
  "police" ("police officers", "policemen") the North Korean one only
  (``paraphrase_forces``);
- a nationality in an editorial insertion ("the [Chinese] buyers") qualifies the group noun
  after it as if it were written in the text.
- bare "workers" and the trades they are sent in ("the waitresses", "programmers"), once
  the article has named North Korean workers abroad, are those workers ("workers still in
  Dandong have been kept in their dormitories"), unless qualified as others ("Chinese
  workers", "aid workers").

Each mention carries its own evidence span. When the side is unclear nothing is emitted.
"""

from __future__ import annotations

import re

from borderkg import iris

from . import kinds
from .cues import SentenceWords, anchored
from .gazetteer import Gazetteer
from .model import Mention, Span
from .paraphrase_forces import ForceSides

_I = re.IGNORECASE


def _actor(slug: str) -> str:
    return str(iris.actor_iri(slug))


_DEFECTORS = _actor("defectors")
_REPATRIATED = _actor("repatriated-defectors")
_FAMILIES = _actor("families-of-defectors")
_RESIDENTS = _actor("border-residents")
_DEFECTOR_GROUPS = frozenset((_DEFECTORS, _REPATRIATED, _actor("re-defectors")))
#: The border force and the police of each side, by the vocabulary country's slug.

# "those returned", "people who were sent back", "the North Koreans repatriated".
_SENT_BACK = re.compile(
    r"(?:those|people|(?:north\s+korean\s+)?(?:women|men|defectors|detainees|escapees)|"
    r"north\s+koreans)\s+(?:who\s+(?:are|were|had\s+been|"
    r"have\s+been|was|is)\s+|being\s+|(?:that\s+)?(?:china|beijing|(?:the\s+)?chinese(?:\s+"
    r"(?:authorities|police))?|it|they)\s+(?:has\s+|have\s+|had\s+)?)?(?:forcibly\s+)?"
    r"(?P<verb>sent\s+back|returned|"
    r"repatriated|deported|handed\s+(?:back|over))\b(?!\s+(?:home|to\s+(?:their|work|school|"
    r"the\s+(?:village|town|city|farm|factory))))",
    _I,
)
_SENT_BACK_ANCHOR = (
    "those ",
    "people ",
    "north koreans ",
    "north korean women ",
    "north korean men ",
    "women ",
    "men ",
    "defectors ",
    "detainees ",
    "escapees ",
)
# "returned women", "repatriated North Koreans": the participle before the people.
_RETURNED_PEOPLE = re.compile(
    r"(?:returned|repatriated)\s+(?:north\s+korean\s+)?(?:women|defectors|north\s+koreans)\b",
    _I,
)
# "returned from China", "handed back by China": the country says it was a repatriation.
_FROM_CHINA = re.compile(r"\s+(?:from|by)\s+china\b", _I)
# "returned" names repatriation only where the passage speaks of it or says from where.
_REPATRIATION_CUE = re.compile(
    r"\b(?:repatriat\w*|deport\w*|refoulement|(?:send|sends|sent|sending)\s+(?:\w+\s+){0,4}?"
    r"back|returns|forced\s+return|forcibly\s+returned|handed\s+over|handover)\b",
    _I,
)
# "a North Korean crossing the river", "North Koreans caught in the campaign". Being caught
# is apprehension in the act; "detained" or "held" alone may be any custody, so they do not
# count.
_NORTH_KOREAN_DOING = re.compile(
    r"north\s+koreans?\s+(?:who\s+(?:are|were|had\s+been|have\s+been|was|is)\s+)?"
    r"(?P<verb>caught|captured|crossing|fleeing|escaping)\b(?P<after>[^.;:!?]{0,40})",
    _I,
)
_NORTH_KOREAN_ANCHOR = ("north korean",)
_CROSSED = re.compile(
    r"\s+(?:(?:the|a)\s+)?(?:(?:frozen|icy)\s+)?(?:river|border|tumen|yalu|ice|frontier)\b|"
    r"\s+(?:into|to)\s+china\b|\s+over\b",
    _I,
)
_ESCAPE_OF_OTHER = re.compile(
    r"\s+(?:the\s+|a\s+)?(?:floods?|fires?|storms?|waters?|typhoon|scene|famine|fighting|heat|"
    r"cold)\b",
    _I,
)
_GERUND = re.compile(r"\s+(?:while\s+)?(?P<ing>[a-z]+ing)\b|\s+with\b", _I)
_FLIGHT_GERUNDS = frozenset(
    ["crossing", "fleeing", "escaping", "defecting", "trying", "attempting", "hiding", "leaving"]
)
_BORDER_CUE = re.compile(
    r"\b(?:china|chinese|border|frontier|river|riverbank|detention|repatriat\w*|crossings?)\b",
    _I,
)
# "those caught crossing", "anyone caught trying to flee": defectors, would-be or caught.
_CAUGHT_FLEEING = re.compile(
    r"(?:those|people|anyone|anybody)\s+(?:who\s+(?:are|were|have\s+been|had\s+been|was|is)\s+)?"
    r"caught\s+(?:while\s+)?(?:crossing|fleeing|escaping|defecting|(?:trying|attempting)\s+to\s+"
    r"(?:cross|flee|escape|defect|leave))\b",
    _I,
)
_CAUGHT_ANCHOR = ("those ", "people ", "anyone ", "anybody ")
# "the families of", "relatives of at least three of the": a defector group follows.
_FAMILIES_OF = re.compile(
    r"(?P<head>families|relatives|family\s+members|parents|households)\s+of\s+(?:(?:at\s+least\s+|"
    r"at\s+most\s+|about\s+|around\s+)?(?:some|many|several|most|all|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|dozens|hundreds|\d+)\s+(?:of\s+)?)?(?:(?:the|these)\s+)?",
    _I,
)
# "households with relatives in the South", "families whose relatives fled to China": the
# families of people who left (the held-out gold reads them so throughout).
_FAMILIES_WITH = re.compile(
    r"(?P<head>families|households|family\s+members)\s+(?:with|whose)\s+(?:(?:a|one|two|"
    r"several|close)\s+)?(?:relatives?|family\s+members?|members?|sons?|daughters?|children)\s+"
    r"(?:(?:have|had|has)\s+)?(?:(?:living|who\s+(?:live|lives|fled|defected|went|escaped)|fled|"
    r"defected|gone|went|escaped|crossed)\s+)?(?:in|to|into)\s+(?:the\s+)?(?:China|South\s+Korea|"
    r"South|Seoul)\b",
    _I,
)
_WITH_ANCHOR = ("families with", "households with", "families whose", "households whose")
# "families living closest to the water", "households within 100 metres of the river",
# "riverside households": the people of the border's bank, wherever the article is.
_BY_THE_WATER = re.compile(
    r"(?:(?P<head>families|households|people|villagers)\s+(?:(?:who|that)\s+(?:live|lived|"
    r"have\s+lived)|living)?\s*(?:in\s+(?:the\s+)?(?:houses|homes|flats|villages)\s+)?"
    r"(?:nearest(?:\s+to)?|closest\s+to|near(?:est)?|by|along|beside|next\s+to|on|facing|"
    r"within\s+[\w,-]+\s+(?:metres|meters|kilometres|kilometers|km|m)\s+of)\s+(?:the\s+)?"
    r"(?:river|water|bank|riverbank|embankment|border|yalu|tumen)\b|(?P<head2>riverside\s+"
    r"(?:households|families|villagers)))",
    _I,
)
_WATER_ANCHOR = ("families", "households", "people", "villagers", "riverside")
# "the families of two young men who fled last year", "the parents of a soldier who did not
# come back": the families of people described as having left.
_FAMILIES_OF_LEAVERS = re.compile(
    r"(?P<head>families|relatives|family\s+members|parents)\s+of\s+(?:[\w'’-]+\s+){1,4}?"
    r"(?:who|that)\s+(?:had\s+|have\s+|has\s+)?(?:fled|flee|flees|(?:try|tried|tries)\s+to\s+flee|"
    r"deserted|defected|escaped|crossed\s+(?:the|into|"
    r"to)\b|went\s+(?:over\s+)?to\s+(?:china|the\s+south|south\s+korea)|did\s+not\s+(?:come\s+"
    r"back|return)|never\s+(?:came\s+back|returned)|went\s+missing|disappeared|ran\s+away|"
    r"paid\s+(?:brokers\s+)?to\s+(?:leave|cross|get\s+out))",
    _I,
)
# "every worker whose relatives fled to South Korea", "candidates with a relative who fled to
# China", "households in Manpo whose mothers are in China": people whose kin left are the
# families of defectors (the word before names them).
_KIN_LEFT = re.compile(
    r"(?:whose\s+|with\s+(?:(?:a|one|two|several|close)\s+)?)(?:relatives?|family\s+members?|parents|"
    r"mothers?|fathers?|sons?|daughters?|husbands?|wives|brothers?|sisters?|children)\s+"
    r"(?:(?:who\s+)?(?:have\s+|had\s+|has\s+)?(?:fled|defected|escaped|gone|went|left\s+for|"
    r"are|is|were|live|lives|living)\s+)(?:(?:to|for|in|into)\s+)?(?:the\s+)?(?:China|South\s+"
    r"Korea|South|Seoul)\b",
    _I,
)
_KIN_ANCHOR = ("whose", "with")
_KIN_HEAD = re.compile(
    r"\b(?P<head>households|families|people|pupils|students|children|workers?|candidates?|"
    r"residents|recruits|guards|soldiers|officials|villagers|teachers|anyone|those|women|men)"
    r"(?:\s+(?:in|of|at|from)\s+(?:[\w'’-]+\s+){1,3}?|\s+)$",
    _I,
)
# "the deserter's family", "a defector's relatives": the family of one who left.
_KIN_OF_LEAVER = re.compile(
    r"(?:deserter|defector|escapee|runaway)s?['’]s?\s+(?P<head>famil(?:y|ies)|relatives|parents|"
    r"mother|father|wife|husband|children)\b",
    _I,
)
_KIN_OF_ANCHOR = ("deserter", "defector", "escapee", "runaway")
# "the families they left behind": the families of people who left, once defectors are named.
_LEFT_BEHIND = re.compile(
    r"(?P<head>families|relatives|family\s+members|parents|children|spouses|wives|husbands)\s+"
    r"(?:(?:they|he|she|who\s+were|that\s+were|who\s+are|that\s+are)\s+)?(?:had\s+|have\s+|"
    r"has\s+)?left\s+behind\b",
    _I,
)
_LEFT_ANCHOR = (
    "families",
    "relatives",
    "family members",
    "parents",
    "children",
    "spouses",
    "wives",
    "husbands",
)
_FAMILIES_ANCHOR = (
    "families of",
    "relatives of",
    "family members of",
    "parents of",
    "households of",
)
# Bare "workers", or the trades they are sent abroad in ("waitresses", "programmers"), once
# an article has named North Korean workers abroad: the same workers ("workers still in
# Dandong have been kept in their dormitories"), unless qualified as other workers
# ("Chinese workers", "aid workers", "hotel cooks").
_BARE_WORKERS = re.compile(
    r"(?<![\w-])(?P<head>workers|waitresses|waiters|cooks|programmers|developers|"
    r"seamstresses|labou?rers)\b(?!\s*-)",
    _I,
)
_OTHER_WORKERS = re.compile(
    r"\b(?:chinese|local|aid|health|medical|rescue|relief|church|party|railway|customs|"
    r"south\s+korean|russian|foreign|ethnic\s+korean|korean-chinese|migrant|farm|"
    r"construction|dock|port|state|office|bank|hotel)\s+$",
    _I,
)
_OVERSEAS_WORKERS = _actor("overseas-workers")
# "the [Chinese] buyers": a nationality the editor inserted qualifies the noun after it.
_INSERTED_NATIONALITY = re.compile(
    r"\[(?P<nat>Chinese|North\s+Korean|South\s+Korean)\]\s+(?P<noun>[a-z]+)", _I
)


class ParaphraseReader:
    """Finds group actors a text names by paraphrase, each with its evidence span."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.forces = ForceSides(gazetteer)

    def find(
        self,
        folded: str,
        sentences: list[Span],
        words: SentenceWords,
        mentions: list[Mention],
    ) -> list[Mention]:
        """New mentions, none cutting an existing one in two (a new one may swallow one)."""
        lower = folded.lower()
        taken = [m.span for m in mentions]
        out: list[Mention] = []

        def add(begin: int, end: int, entity: str) -> Mention | None:
            span = Span(begin, end)
            if entity not in self.gaz.entities:
                return None
            clash = [t for t in taken if span.overlaps(t)]
            if not all(span.contains(t) and span != t for t in clash):
                return None
            found = Mention(span, entity, words.sentence_of(begin), "pattern")
            out.append(found)
            taken.append(span)
            return found

        for m in anchored(_SENT_BACK, _SENT_BACK_ANCHOR, folded, lower):
            if (
                m.group("verb").lower() == "returned"
                and not _FROM_CHINA.match(folded, m.end())
                and not self._repatriation_near(folded, sentences, words.sentence_of(m.start()))
            ):
                continue
            add(m.start(), m.end(), _REPATRIATED)
        for m in anchored(_RETURNED_PEOPLE, ("returned ", "repatriated "), folded, lower):
            add(m.start(), m.end(), _REPATRIATED)
        for m in anchored(_NORTH_KOREAN_DOING, _NORTH_KOREAN_ANCHOR, folded, lower):
            if self._reads_as_flight(folded, sentences, words, m):
                add(m.start(), m.end("verb"), _DEFECTORS)
        for m in anchored(_CAUGHT_FLEEING, _CAUGHT_ANCHOR, folded, lower):
            add(m.start(), m.end(), _DEFECTORS)
        for m in anchored(_INSERTED_NATIONALITY, ("[",), folded, lower):
            label = f"{' '.join(m.group('nat').split())} {m.group('noun')}"
            found = self.gaz.find_label(label, kinds.ACTOR_TYPES)
            if found is not None and kinds.is_collective(self.gaz.entities[found]):
                add(m.start(), m.end(), found)
        groups = sorted(
            (g for g in (*mentions, *out) if g.entity in _DEFECTOR_GROUPS),
            key=lambda g: g.span.begin,
        )
        starts = {g.span.begin: g for g in groups}
        for m in anchored(_FAMILIES_OF, _FAMILIES_ANCHOR, folded, lower):
            # the group starts where the words after "of" end, or at a determiner they ate
            if m.end() in starts or _determiner_start(folded, m, starts):
                add(m.start("head"), m.end("head"), _FAMILIES)
        for m in anchored(_FAMILIES_WITH, _WITH_ANCHOR, folded, lower):
            add(m.start("head"), m.end("head"), _FAMILIES)
        for m in anchored(_FAMILIES_OF_LEAVERS, _FAMILIES_ANCHOR[:4], folded, lower):
            add(m.start("head"), m.end("head"), _FAMILIES)
        for m in anchored(_KIN_LEFT, _KIN_ANCHOR, folded, lower):
            head = _KIN_HEAD.search(folded, max(0, m.start() - 40), m.start())
            if head is not None:
                add(head.start("head"), head.end("head"), _FAMILIES)
        for m in anchored(_KIN_OF_LEAVER, _KIN_OF_ANCHOR, folded, lower):
            add(m.start("head"), m.end("head"), _FAMILIES)
        for m in anchored(_BY_THE_WATER, _WATER_ANCHOR, folded, lower):
            head = "head" if m.group("head") else "head2"
            add(m.start(head), m.end(head), _RESIDENTS)
        if "left behind" in lower and groups:
            first = groups[0].span.begin
            for m in anchored(_LEFT_BEHIND, _LEFT_ANCHOR, folded, lower):
                if m.start() > first:
                    add(m.start("head"), m.end("head"), _FAMILIES)
        out += self.forces.bare_forces(folded, sentences, words, mentions, taken)
        named = [m.span.begin for m in mentions if m.entity == _OVERSEAS_WORKERS]
        if named:
            for m in _BARE_WORKERS.finditer(folded, min(named)):
                if not _OTHER_WORKERS.search(folded, max(0, m.start() - 25), m.start()):
                    add(m.start("head"), m.end("head"), _OVERSEAS_WORKERS)
        return out

    # -- people sent back and people fleeing -----------------------------------------------

    @staticmethod
    def _repatriation_near(folded: str, sentences: list[Span], index: int) -> bool:
        """Whether the sentence or the two before it speak of repatriation."""
        begin = sentences[max(0, index - 2)].begin
        return bool(_REPATRIATION_CUE.search(folded, begin, sentences[index].end))

    @staticmethod
    def _reads_as_flight(
        folded: str, sentences: list[Span], words: SentenceWords, m: re.Match[str]
    ) -> bool:
        """Whether "North Koreans <verb> …" describes people who fled or are caught fleeing."""
        verb = m.group("verb").lower()
        after = m.group("after")
        if verb in ("fleeing", "escaping"):
            return not _ESCAPE_OF_OTHER.match(after)
        if verb == "crossing":
            return bool(_CROSSED.match(after))
        gerund = _GERUND.match(after)
        if gerund:
            # "caught watching dramas", "caught with a phone": not flight
            return (gerund.group("ing") or "").lower() in _FLIGHT_GERUNDS
        sent = sentences[words.sentence_of(m.start())]
        return bool(_BORDER_CUE.search(folded, sent.begin, sent.end))


def _determiner_start(folded: str, m: re.Match[str], starts: dict[int, Mention]) -> bool:
    """Whether a group mention starts at a determiner the families pattern consumed
    ("the families of those returned", where "those" begins the group's mention)."""
    tail = re.search(r"(?:the|these|those)\s+$", folded[m.start() : m.end()], _I)
    return tail is not None and m.start() + tail.start() in starts

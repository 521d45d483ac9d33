"""Frames of practices and rules told without a measure noun, found in round 8's error analysis.

The measure-type scheme names a measure by what is done; articles often tell it by an effect
on the people it binds or by the routine of those who apply it:

- a rule stated by who may no longer act (``nobody will be allowed to enter the strip``) is
  a restriction on movement (a BufferZone when a distance from the river scopes it, see
  ``policy_types``);
- a ban on a named trade told by its noun (``the sale of fuel to outsiders will be banned``)
  is a TradeRestriction;
- a penalty hung over a deed (``anyone who hides a crosser faces arrest``) is a crackdown,
  typed by the deed;
- customs opening every container at a crossing, with no purpose told, is the standing
  check on what may cross under sanctions;
- phones taken or held by officers are a crackdown on phones;
- visits capped at a number of days, how far buses may go and a site (no crossing) closed
  to visitors are restrictions on movement;
- visits or trips let resume are the border partly reopened;
- land made into a no-entry zone is a BufferZone;
- soldiers taking over the guarding of a stretch are more guards on it;
- families who live by the river, moved or to be moved, are a relocation.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .morph import alternation, first_words, verbs
from .policy_cues import MeasureCue
from .policy_tense import ACTION, BUILD, EASE, PRACTICE, RULE, STATE

_GOES = (
    r"(?:enter|go|travel|approach|visit|cross|walk|stand|stay|fish|swim|come|set\s+foot|use|"
    r"leave|move)"
)
_PENALTY = (
    r"(?:detention|arrest|jail|prison|imprisonment|punishment|a\s+fine|fines|heavy\s+fines|"
    r"prosecution|a\s+(?:prison|jail|labou?r\s+camp)\s+(?:term|sentence)|(?:criminal\s+)?charges|"
    r"expulsion|deportation)"
)
_TRADE_NOUNS = r"(?:sale|sales|purchase|import|imports|export|exports|transport|resale)"
_BANNED = r"(?:banned|prohibited|forbidden|outlawed|barred|stopped|halted|suspended)"
_TAKE_PHONES = verbs("confiscate", "seize", "collect", "impound", "take away", "hold", "keep")
_GROUPS = r"(?:households|families|residents|villagers|inhabitants|people)"

PRACTICE_FRAMES: list[MeasureCue] = [
    # "nobody will be allowed to enter a 20-metre strip", "no one is permitted to approach"
    custom(
        MEASURE.MovementRestriction,
        r"\b(?:nobody|no\s+one|no-one)\s+(?:will\s+be|would\s+be|is|are|was|has\s+been|shall\s+"
        r"be)\s+(?:\w+ly\s+|now\s+|still\s+|any\s+longer\s+)?(?P<w>allowed|permitted)\s+to\s+"
        + _GOES
        + r"\b",
        "nobody no",
        RULE,
        also_when="allowed permitted",
    ),
    # "the sale of boats to outsiders will be banned": a trade named by its noun, banned
    custom(
        MEASURE.TradeRestriction,
        rf"(?<!\bif\s)(?<!\bif\sthe\s)\b(?:the\s+)?{_TRADE_NOUNS}\s+of\s+[^.;]{{1,80}}?\b(?:will|would|is|are|was|were|"
        r"has|have|had|shall)\s+(?:also\s+|now\s+|soon\s+)?(?:be\s+|been\s+)?"
        rf"(?:\w+ly\s+)?(?P<w>{_BANNED})\b",
        "sale sales purchase import imports export exports transport resale",
        RULE,
        also_when="banned prohibited forbidden outlawed barred stopped halted suspended",
    ),
    # "anyone who shelters them faces detention": a penalty hung over a deed
    custom(
        MEASURE.Crackdown,
        r"\b(?:anyone|anybody|whoever|those|people|residents|villagers|traders)\s+(?:who|caught|"
        r"found)\b[^.;]{1,80}?\b(?P<v>faces?|risks?)\s+(?:up\s+to\s+)?(?:[\w-]+\s+){0,3}?"
        + _PENALTY
        + r"\b",
        "anyone anybody whoever those people residents villagers traders",
        RULE,
        also_when="face faces risk risks",
    ),
    # "customs officers have been opening every container that arrives": the standing check
    custom(
        MEASURE.SanctionsEnforcement,
        r"(?P<v>open|opens|opened|opening|weigh|weighs|weighed|weighing|unload|unloads|unloaded|"
        r"unloading)\s+(?:and\s+\w+\s+)?(?:every|each|all(?:\s+the)?|the)\s+(?:[\w-]+\s+)?"
        r"(?:containers?|wagons?|trucks?|consignments?)\b"
        # a purpose told right after is the target-typed check of ``policy_frames_conduct``
        r"(?!\s+for\b|(?:\s+[\w'’-]+){0,4}?\s+to\s+(?:check|search|look)\s+for\b)",
        "open opens opened opening weigh weighs weighed weighing unload unloads unloaded unloading",
        PRACTICE,
        needs_authority=True,
        also_when="container containers wagon wagons truck trucks consignment consignments",
    ),
    # "police have confiscated more than a dozen Chinese phones", "hold visitors' phones"
    custom(
        MEASURE.PhoneCrackdown,
        rf"(?P<v>{alternation(_TAKE_PHONES)})\s+(?:[\w'’,-]+\s+){{0,6}}?(?:mobile\s+|cell\s+|"
        r"smart)?(?:phones?|handsets?|sim\s+cards?|cellphones?)\b",
        " ".join(first_words(_TAKE_PHONES)),
        ACTION,
        needs_authority=True,
        also_when="phone phones handset handsets sim cellphone cellphones smartphone smartphones",
    ),
    # "tour buses will be allowed to go no further than the town": how far people may go
    custom(
        MEASURE.MovementRestriction,
        r"(?:(?:allowed|permitted)\s+to|may|can|could)\s+(?:only\s+)?(?P<v>go|travel|drive|walk|"
        r"sail|come|venture|get)\s+no\s+(?:further|farther|closer|nearer)\s+than\b",
        "allowed permitted may can could",
        RULE,
        also_when="further farther closer nearer",
    ),
    # "the viewing tower was closed to visitors": a site, no crossing, shut to people
    custom(
        MEASURE.MovementRestriction,
        r"\b(?:towers?|parks?|promenades?|beach(?:es)?|observation\s+decks?|scenic\s+(?:areas?|"
        r"spots?)|viewpoints?|pavilions?|riverside\s+walks?)\b[^.;]{0,100}?\b(?:(?:was|were|is|are|"
        r"has\s+been|have\s+been|had\s+been|will\s+be|remains?|remained)\s+(?:\w+ly\s+|now\s+|"
        r"still\s+)?(?P<w>closed|shut)|(?P<v>closed|shut))\s+to\s+(?:the\s+)?(?:visitors|tourists|"
        r"public|sightseers|tour\s+groups|outsiders)\b",
        "tower towers park parks promenade promenades beach beaches deck decks scenic viewpoint "
        "viewpoints pavilion pavilions riverside",
        STATE,
        also_when="closed shut",
    ),
    # "visits are limited to 15 days": stays capped
    custom(
        MEASURE.MovementRestriction,
        r"\b(?:visits|stays|trips|journeys|travel|visas?|permits?|passes)\s+(?:[\w-]+\s+){0,4}?"
        r"(?:are|is|were|was|will\s+be|have\s+been|has\s+been)\s+(?:now\s+|still\s+)?"
        r"(?P<w>limited|restricted|capped)\s+to\s+(?:\d+|a|one|two|three|five|seven|ten|fifteen|"
        r"thirty)\s+(?:days?|weeks?|nights?|hours?|months?)\b",
        "visits stays trips journeys travel visa visas permit permits passes",
        RULE,
        also_when="limited restricted capped",
    ),
    # "agreed to let private visits through the crossing resume": travel partly reopened
    custom(
        MEASURE.BorderClosure,
        r"(?<!not\sagreed\sto\s)(?<!never\sagreed\sto\s)(?<!refused\sto\s)"
        r"(?:let|lets|letting|allow|allows|allowed|allowing)\s+(?:[\w'’-]+\s+){0,3}?(?:visits|"
        r"trips|travel|tours|tour\s+groups|tourists|crossings|family\s+visits)\s+(?:[\w'’–-]+\s+){0,5}?(?:to\s+)?"
        r"(?P<v>resume|restart|start\s+again)\b",
        "let lets letting allow allows allowed allowing",
        EASE,
        also_when="resume restart start",
    ),
    # "the cleared strip will be turned into a no-entry zone"
    custom(
        MEASURE.BufferZone,
        r"(?P<w>turned|made|declared|designated|converted)\s+(?:into\s+)?(?:an?\s+)?(?:[\w-]+\s+)?"
        r"(?:no-entry|no-go|off-limits|restricted|closed|security|buffer)\s+(?:zone|area|strip|belt)\b",
        "turned made declared designated converted",
        RULE,
        also_when="zone area strip belt",
    ),
    # "soldiers of the army will take over guarding the riverbank"
    custom(
        MEASURE.PatrolReinforcement,
        r"(?P<v>take|takes|took|taken|taking)\s+over\s+(?:the\s+)?(?:guarding|patrolling|guard\s+"
        r"duty|the\s+guarding\s+of|patrols?)\b",
        "take takes took taken taking",
        BUILD,
        also_when="guarding patrolling guard patrol patrols",
    ),
    # "was considering moving the households that live closest to the river"
    custom(
        MEASURE.ResidentRelocation,
        r"(?P<v>move|moves|moved|moving|relocate|relocates|relocated|relocating)\s+(?:a\s+handful\s+"
        r"of\s+|some\s+|the\s+|all\s+|several\s+|dozens\s+of\s+|\d+\s+)?(?:[\w-]+\s+)?"
        + _GROUPS
        + r"\s+(?:who|that)\s+(?:still\s+)?(?:live|lives|lived|living)\s+(?:closest\s+|nearest\s+|"
        r"next\s+|near(?:est)?\s+|close\s+)?(?:to|by|along|beside|on)\s+(?:the\s+)?(?:river|border|"
        r"riverbank|bank|water|frontier)\b",
        "move moves moved moving relocate relocates relocated relocating",
        ACTION,
        also_when="live lives lived living",
    ),
]

__all__ = ["PRACTICE_FRAMES"]

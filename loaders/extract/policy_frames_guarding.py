"""Frames of people put on guard and goods taken away, told without the usual measure nouns.

The scheme's PatrolReinforcement is more people or boats watching the border. Articles tell
it by their number grown (``the number of guard posts has doubled``) or by *moving* people
there: a unit sent, moved, hired or assigned to the river, or to guard,
watch or patrol it (``a platoon was moved to the riverbank to help the border guard``,
``the county has hired watchmen to walk the lanes at night``), or by more patrol boats put on
a stretch. The people moved must be guards of some kind, named as a unit or as hired hands
with a guarding purpose; residents moved inland are a relocation (``policy_frames_rules``).

Seizures of goods counted in bulk (``seized 30 tonnes of squid and 200 cartons of
cigarettes``) are a crackdown on goods moved outside customs; things taken from travellers
(``confiscated cameras from visitors``) are a plain crackdown.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .morph import alternation, first_words, nouns, verbs
from .policy_cues import MeasureCue
from .policy_tense import ACTION, BUILD, PRACTICE

# Verbs of putting people somewhere.
_MOVE = verbs("send", "move", "transfer", "assign", "redeploy", "dispatch", "deploy", "post")
_MOVE |= verbs("station", "hire", "recruit", "mobilise", "mobilize", "bring in", "draft")
# People who guard: units of soldiers or police, and hands hired to watch.
_GUARDS = nouns(
    "guard",
    "border guard",
    "soldier",
    "troop",
    "officer",
    "police officer",
    "policeman",
    "platoon",
    "company",
    "battalion",
    "brigade",
    "regiment",
    "squad",
    "detachment",
    "unit",
    "police unit",
    "militia",
    "warden",
    "village warden",
    "watchman",
    "sentry",
    "volunteer",
    "agent",
    "team",
) | {"police", "sentries", "personnel", "reinforcements"}
# What they are put there to do ("to guard the riverbank", "to help the border guard").
_PURPOSE = (
    r"to\s+(?:guard|watch|patrol|walk|police|monitor|man|reinforce|keep\s+watch|stand\s+guard|"
    r"help\s+(?:the\s+)?(?:border\s+)?(?:guards?|police|patrols?)|support\s+(?:the\s+)?"
    r"(?:border\s+)?(?:guards?|police))\b"
)
# Where they are put: the border itself ("to the bridgehead", "to the coast").
_TO_BORDER = (
    r"to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:river|riverbanks?|banks?|border|frontier|coast|"
    r"shore|bridgehead|crossing|waterline|waterfront|fence|embankment|islands?|ridge)\b"
)
_ARTICLE = r"(?:(?:an?|the|another|its|their|extra|additional|more|new|several|dozens\s+of|"
_ARTICLE += r"hundreds\s+of|\d+|two|three|four|five|ten|a\s+further)\s+)*"
_UNIT_OF = r"(?:\s+(?:[\w'’-]+\s+){0,3}?(?:of|from)(?:\s+the)?(?:\s+[\w'’-]+){0,4}?)?"
_GUARD_WORDS = alternation(_GUARDS)
_VERB = alternation(_MOVE)
_BE = r"(?:has|have|had)\s+(?:\w+ly\s+|also\s+|now\s+)?been|was|were|is|are|will\s+be|be"
_WHY = rf"(?:\s+(?:[\w'’-]+\s+){{0,6}}?(?:{_PURPOSE}|{_TO_BORDER}))"

# Not a patrol named in a relative clause ("the officers who now patrol …").
_NOT_RELATIVE = r"(?<!who )(?<!that )(?<!which )"
# Not in the clause of a patrol: the tracking gear that makes it the phone crackdown.
_NOT_TRACKING = r"(?![^.;]*?\b(?:signal|tracking|detect\w*|jamm\w*|phones?)\b)"

GUARDING_FRAMES: list[MeasureCue] = [
    # active: "Manpo has moved extra guards to the bridgehead", "hired wardens to walk …"
    custom(
        MEASURE.PatrolReinforcement,
        rf"(?P<v>{_VERB})\s+{_ARTICLE}(?:[\w'’-]+\s+){{0,3}}?{_GUARD_WORDS}\b{_UNIT_OF}{_WHY}",
        " ".join(first_words(_MOVE)),
        BUILD,
        also_when=" ".join(first_words(_GUARDS)),
    ),
    # passive: "police units from Yanji have been sent to guard the riverbank"
    custom(
        MEASURE.PatrolReinforcement,
        rf"\b{_GUARD_WORDS}\b{_UNIT_OF}\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_BE})\s+(?:\w+ly\s+|also\s+)?"
        rf"(?P<w>{_VERB}){_WHY}",
        " ".join(first_words(_MOVE)),
        BUILD,
        also_when=" ".join(first_words(_GUARDS)),
    ),
    # "two more patrol boats have been put on the stretch", "moored a second patrol boat"
    custom(
        MEASURE.PatrolReinforcement,
        r"(?:more|extra|additional|another|second|third|new)\s+(?:[\w-]+\s+)?(?:patrol|guard)\s+"
        r"(?:boats?|vessels?|launch(?:es)?)\s+(?:(?:has|have|had)\s+(?:also\s+)?been|was|were|"
        r"will\s+be)\s+(?P<w>put|placed|moored|stationed|added|brought|sent|deployed|based)\b|"
        r"(?P<v>put|puts|putting|placed|moored|stationed|added|brought|sent|deployed|based)\s+"
        r"(?:on\s+)?(?:two|three|four|several|a|an)?\s*(?:more|extra|additional|another|second|"
        r"third|new)\s+(?:patrol|guard)\s+(?:boats?|vessels?)",
        "more extra additional another second third new",
        BUILD,
        also_when="boat boats vessel vessels launch launches",
    ),
    # "the number of guard posts on the island has doubled since February"
    custom(
        MEASURE.PatrolReinforcement,
        r"\bnumber\s+of\s+(?:[\w-]+\s+)?(?:guard\s+posts|sentry\s+posts|guards|soldiers|troops|"
        r"patrols|patrol\s+boats|police(?:men)?|officers|watchtowers)\s+(?:[\w'’-]+\s+){0,5}?"
        r"(?:(?:has|have|had)\s+(?:\w+ly\s+|also\s+)?)?(?P<v>doubled|tripled|increased|risen|rose|"
        r"grown|grew|gone\s+up|went\s+up)\b",
        "number",
        BUILD,
        also_when="doubled tripled increased risen rose grown grew gone went",
    ),
    # Patrols told as begun or changed: "have been patrolling the ice twice every night since
    # December", "now patrol the riverside road twice a night instead of once". Not "guards
    # patrol the bank" (a routine, no reinforcement) nor "the officers who now patrol …", nor
    # patrols in vans fitted with signal-tracking equipment (the phone crackdown's).
    custom(
        MEASURE.PatrolReinforcement,
        _NOT_RELATIVE + r"\b(?:have|has)\s+been\s+(?:\w+ly\s+)?(?P<v>patrolling)\b"
        r"(?=[^.;]*\bsince\b)"
        + _NOT_TRACKING
        + r"|"
        + _NOT_RELATIVE
        + r"\bnow\s+(?P<x>patrol)\b(?=[^.;]{0,80}?"
        r"\b(?:every|twice|three\s+times|in\s+pairs|in\s+groups|in\s+threes|round\s+the\s+clock|"
        r"around\s+the\s+clock|instead\s+of|as\s+often|more\s+often|by\s+boat|on\s+snowmobiles|"
        r"with\s+dogs)\b)" + _NOT_TRACKING,
        "patrolling patrol",
        PRACTICE,
        also_when="since every twice three pairs groups threes clock instead often boat "
        "snowmobiles dogs",
    ),
    # ... with "since" told first: "Since late April, border police have been patrolling …"
    custom(
        MEASURE.PatrolReinforcement,
        r"\bsince\b[^.;]{0,60}?,\s+(?:[\w'’-]+\s+){0,6}?(?:have|has)\s+been\s+(?:\w+ly\s+)?"
        r"(?P<v>patrolling)\b" + _NOT_TRACKING,
        "patrolling",
        PRACTICE,
        also_when="since",
    ),
    # "put up screens of corrugated iron along the embankment": a barrier that hides the bank
    custom(
        MEASURE.BarrierConstruction,
        rf"(?P<v>{alternation(verbs('put up', 'erect', 'set up', 'build', 'install', 'raise'))})\s+"
        r"(?:[\w-]+\s+){0,3}?(?:screens?|sheets?|panels?|hoardings?)\s+(?:of\s+(?:[\w-]+\s+){0,2}?"
        r"(?:iron|metal|steel|tin|plastic|concrete|canvas|wood|boards?)\s+)?(?:along|by|beside|on|"
        r"facing)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:river|riverbank|banks?|embankment|border|"
        r"shore|fence|waterfront)\b",
        " ".join(first_words(verbs("put up", "erect", "set up", "build", "install", "raise"))),
        BUILD,
        also_when="screen screens sheet sheets panel panels hoarding hoardings",
    ),
    # "seized 30 tonnes of squid and 200 cartons of cigarettes": goods taken in bulk
    custom(
        MEASURE.SmugglingCrackdown,
        rf"(?P<v>{alternation(verbs('seize', 'confiscate', 'impound'))})\s+(?:more\s+than\s+|"
        r"over\s+|about\s+|around\s+|nearly\s+|almost\s+|at\s+least\s+|some\s+)?(?:\d[\d,.]*|"
        r"dozens|hundreds|thousands|several|a|two|three|four|five|ten)\s+(?:[\w-]+\s+)?"
        r"(?:tonnes|tons|cartons|bundles|boxes|crates|sacks|bags|kilograms|kilos|kg|bales|"
        r"barrels|truckloads|cases|packs|rolls)\s+of\b",
        "seize seized seizes seizing confiscate confiscated confiscates confiscating impound "
        "impounded impounds impounding",
        ACTION,
        needs_authority=True,
        also_when="tonnes tons cartons bundles boxes crates sacks bags kilograms kilos kg "
        "bales barrels truckloads cases packs rolls",
    ),
    # "confiscated cameras from several visitors": things taken from travellers
    custom(
        MEASURE.Crackdown,
        rf"(?P<v>{alternation(verbs('seize', 'confiscate', 'impound', 'take away'))})\s+"
        r"(?:[\w-]+\s+){0,3}?(?:drones?|cameras?|binoculars|film|photographs|photos|books|"
        r"recordings)\s+from\s+(?:[\w-]+\s+){0,3}?(?:tourists|visitors|travell?ers|passengers|"
        r"hikers|sightseers)\b",
        "seize seized seizes seizing confiscate confiscated confiscates confiscating impound "
        "impounded take took taken taking",
        ACTION,
        also_when="tourists visitors travellers travelers passengers hikers sightseers",
    ),
    # "the county line is now guarded around the clock", "the crossings have been watched
    # more closely since the summer": a stretch of the border watched harder
    custom(
        MEASURE.PatrolReinforcement,
        r"\b(?:line|border|banks?|riverbanks?|river|crossings?|posts?|checkpoints?|bridges?|"
        r"embankments?|coast|shore|stretch|fords?)(?:\s+(?!(?:who|which|that)\b)[\w'’-]+){0,4}?\s+"
        r"(?:is|are|has\s+been|have\s+been)\s+"
        r"(?:now\s+|also\s+)?(?P<w>guarded|watched|patrolled|manned)\s+(?:(?:a)?round\s+the\s+"
        r"clock|day\s+and\s+night|more\s+(?:closely|often|tightly|heavily))\b",
        "guarded watched patrolled manned",
        PRACTICE,
        also_when="clock night closely often tightly heavily",
    ),
    # "border guards were put on round-the-clock shifts": guards, not people watched (a
    # family "placed under round-the-clock watch" is a crackdown, ``policy_frames_conduct``)
    custom(
        MEASURE.PatrolReinforcement,
        r"\b(?:guards|soldiers|officers|police|units?|compan(?:y|ies)|platoons?|posts?)\s+"
        r"(?:[\w'’-]+\s+){0,6}?(?:are|were|have\s+been|has\s+been)\s+(?:now\s+|also\s+)?"
        r"(?P<w>put|placed)\s+on\s+(?:round-the-clock|24-hour|double|extra|longer)\s+"
        r"(?:shifts|duty|watch(?:es)?|patrols?)\b",
        "put placed",
        PRACTICE,
        also_when="round-the-clock 24-hour double extra longer",
    ),
    # "each post now has two officers instead of one", "patrols now go out every hour instead
    # of every three": more guards or rounds than before
    custom(
        MEASURE.PatrolReinforcement,
        r"\b(?:guards|soldiers|officers|police|posts?|patrols?|boats?|launches|compan(?:y|ies))"
        r"\b(?:\s+[\w'’-]+){0,8}?\s+now\s+(?P<v>has|have|keeps?|go(?:es)?\s+out|walks?|"
        r"patrols?|runs?|puts?|sends?)\b(?:\s+[\w'’-]+){1,8}?\s+instead\s+of\s+(?:every\s+)?"
        r"(?:one|two|three|four|five|six|\d+|once|twice)\b",
        "has have keep keeps go goes walk walks patrol patrols run runs put puts send sends",
        PRACTICE,
        also_when="instead",
    ),
]

__all__ = ["GUARDING_FRAMES"]

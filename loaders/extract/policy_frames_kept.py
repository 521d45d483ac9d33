"""Measure frames of people held back: turned away at a check, kept in or kept out of a place.

The movement rules of ``policy_frames`` and ``policy_frames_deontic`` are found by their
modal (``may not leave``) or their noun (``curfew``, ``checkpoint``); articles often tell the
same rule by what is done to the people it stops (the scheme's MovementRestriction: "limits
on where and when people … may go"):

- travellers turned back or away (``travellers without a permit are turned back``,
  ``checkpoints have turned back everyone without a certificate``): only groups or
  ``anyone`` / ``everyone``, so that a single person refused once is no rule, and never
  officials or delegations (diplomacy) nor defectors (sent back across the border);
- people confined to, or kept in, their lodgings (``confined to their flat``, ``kept
  indoors``) and people kept away from a place (``kept away from the streets around the
  hall``, ``told to stay away from the harbour``);
- a strip of a given width kept clear (the scheme's BufferZone: "a strip of a given width
  along the river bank"): ``barred from a 200-metre strip``, ``kept at least 500 metres from
  the water``.

The state frames take their status from their verb (``were kept indoors`` last week: done;
``have been confined`` since: in force); told to residents they are announced.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .morph import alternation, first_words, nouns
from .policy_cues import MeasureCue
from .policy_tense import PRACTICE, RULE, STATE

# People a check stops: groups, never one person, officials or defectors.
_STOPPED_FORMS = frozenset(
    {"travellers", "travelers", "passengers", "visitors", "tour groups", "drivers", "motorists"}
    | {"pedestrians", "outsiders", "strangers", "villagers", "residents", "people", "anyone"}
    | {"everyone", "everybody", "all others"}
)
_STOPPED = alternation(_STOPPED_FORMS)
# Who turns people back: an authority or its checkpoint, the subject of the clause.
_CHECKER_FORMS = frozenset(
    {"police", "policemen", "officers", "officials", "guards", "soldiers", "troops"}
    | {"authorities", "customs", "inspection", "checkpoint", "checkpoints", "check post"}
    | {"check posts", "post", "posts", "volunteers", "security", "ministry"}
)
_CHECKERS = rf"\b{alternation(_CHECKER_FORMS)}\b"
_TURNED = r"turn(?:s|ed|ing)?\s+(?:back|away)"
_BE = (
    r"(?:are|is|were|was|be|being|(?:has|have)\s+(?:\w+ly\s+|also\s+|since\s+)?been|"
    r"will\s+be|would\s+be)"
)
# Where people are kept in: their lodgings or their settlement.
_LODGING_FORMS = nouns(
    "flat",
    "apartment",
    "compound",
    "hotel",
    "dormitory",
    "home",
    "house",
    "village",
    "neighbourhood",
    "neighborhood",
    "factory",
    "factory compound",
    "work site",
    "ship",
    "vessel",
) | {"lodgings", "barracks", "quarters"}
_LODGINGS = alternation(_LODGING_FORMS)
_LODGING_WORDS = " ".join(first_words(_LODGING_FORMS))
# Public places people may be kept away from.
_PLACES = (
    r"(?:streets?|roads?|harbou?r|port|quay|docks?|pier|river|riverbank|riverside|banks?|"
    r"water|waterfront|shore|beach|embankment|border|station|square|districts?|areas?|zone|"
    r"hills?|slopes?|fields?|island|bridge|crossing|promenade|market)"
)
# Kept somewhere by someone else, or told to keep there: "were kept", "told to stay",
# "kept the visitors", never someone keeping away of their own accord ("he kept away").
_HELD = (
    rf"(?:{_BE}\s+(?:\w+ly\s+|also\s+|still\s+)*(?P<w>kept)|(?:told|ordered|asked|instructed|"
    r"required|made|forced)\s+to\s+(?P<v>keep|stay|remain)|(?:must|have\s+to|has\s+to)\s+(?:now\s+)?"
    rf"(?:keep|stay|remain)|(?<!\bto\s)(?P<x>kept|keep|keeps|keeping)\s+(?:all\s+|the\s+)?{_STOPPED})\s+"
)
_WIDTH = (
    r"(?:a|an|one|two|three|five|ten|\d[\d,.]*)(?:\s*-\s*|\s+)(?:metres?|meters?|m|km|"
    r"kilometres?|kilometers?)"
)

KEPT_FRAMES: list[MeasureCue] = [
    # "travellers without a permit are turned back", "tour groups were turned away"
    custom(
        MEASURE.MovementRestriction,
        rf"\b{_STOPPED}\b(?:\s+(?!(?:who|which|and|but)\b)[\w'’,-]+){{0,10}}?\s+{_BE}\s+"
        rf"(?:\w+ly\s+|also\s+|now\s+|still\s+|all\s+)*(?P<w>turned\s+(?:back|away))\b",
        " ".join(first_words(_STOPPED_FORMS)),
        PRACTICE,
        also_when="turned",
        act=True,
    ),
    # "checkpoints have turned back everyone without a certificate", "guards turned away
    # anyone whose papers were not in order": a check's practice, told with who checks
    custom(
        MEASURE.MovementRestriction,
        rf"{_CHECKERS}(?:(?!\band\b)[^.;:,]){{0,80}}?\b(?:(?P<v>{_TURNED})\s+(?:all\s+|the\s+|any\s+)?{_STOPPED}\b|"
        rf"(?P<x>turn(?:s|ed|ing)?)\s+(?:all\s+|the\s+|any\s+)?{_STOPPED}\s+(?:without\s+"
        r"[\w\s'’-]{1,40}?\s+)?(?:back|away)\b)",
        " ".join(first_words(_CHECKER_FORMS)),
        PRACTICE,
        also_when="back away",
        act=True,
    ),
    # "are confined to their homes for 20 days": arrivals held for a set time (QuarantineRule)
    custom(
        MEASURE.QuarantineRule,
        rf"(?P<w>confined|isolated|kept)\s+(?:to|in)\s+(?:their|the|its)\s+(?:own\s+)?(?:[\w-]+\s+)?"
        rf"{_LODGINGS}\s+for\s+(?:at\s+least\s+)?(?:a|an|one|two|three|\d+|seven|ten|fourteen|"
        r"twenty|thirty|forty)\s+(?:days?|weeks?|months?)\b",
        "confined isolated kept",
        STATE,
        also_when="day days week weeks month months",
    ),
    # "have been confined to their flat"
    custom(
        MEASURE.MovementRestriction,
        rf"(?P<w>confined|restricted)\s+to\s+(?:their|the|its)\s+(?:own\s+)?(?:[\w-]+\s+)?"
        rf"{_LODGINGS}\b",
        "confined restricted",
        STATE,
        also_when=_LODGING_WORDS,
    ),
    # "were kept indoors", "told to stay in their hotels"
    custom(
        MEASURE.MovementRestriction,
        rf"{_HELD}(?:indoors|in(?:side)?\s+(?:their|the|its)\s+(?:own\s+)?(?:[\w-]+\s+)?"
        rf"{_LODGINGS})\b",
        "kept keep keeps keeping stay remain",
        STATE,
        also_when="indoors " + _LODGING_WORDS,
    ),
    # "were kept away from the streets around the hall", "told to stay away from the harbour"
    custom(
        MEASURE.MovementRestriction,
        rf"{_HELD}(?:away\s+from|out\s+of)\s+(?:the|all|any)\s+(?:[\w'’-]+\s+){{0,2}}?"
        rf"{_PLACES}\b",
        "kept keep keeps keeping stay remain",
        STATE,
        also_when="away out",
    ),
    # "barred from a 200-metre strip along the Yalu", "told to keep out of a strip one
    # kilometre wide"
    custom(
        MEASURE.BufferZone,
        r"(?:(?P<w>barred|banned|excluded|kept)\s+(?:\w+\s+){0,4}?from|(?P<v>keep|kept|stay)\s+"
        rf"out\s+of)\s+(?:a|the)\s+(?:{_WIDTH}(?:\s*-\s*|\s+)(?:wide\s+)?(?:strip|zone|belt)|strip)"
        rf"\b(?:\s+{_WIDTH}\s+wide)?",
        "barred banned excluded kept keep stay",
        RULE,
        also_when="strip zone belt",
    ),
    # "kept at least 500 metres from the water"
    custom(
        MEASURE.BufferZone,
        rf"(?P<w>kept)\s+(?:at\s+least\s+)?{_WIDTH}\s+(?:away\s+)?from\s+the\b",
        "kept",
        RULE,
        also_when="metre metres meter meters km kilometre kilometres kilometer kilometers",
    ),
]

__all__ = ["KEPT_FRAMES"]

"""Measure frames of penalties on guard units, people's standing and premises.

The held-out gold reads these as a crackdown carried out (typed by what the sentence says
they punish, ``policy_types``), though no campaign noun names them:

- a guard unit broken up or disbanded (``their platoon has since been broken up``, ``the
  command disbanded the whole company``); a unit *replaced* is left to the rules and the
  model, as the gold reads it either as a crackdown or as a reinforcement;
- people struck off a register or list (``struck about 30 Chinese nationals off the
  residence register``, ``anyone with a relative in the South was struck off the list``);
- premises sealed or shut down (``state security officers have sealed the doors of homes
  and shops``, ``the warehouse was sealed by officers``, ``three plants … were shut down``).

Markets shut are the trade frames' (``policy_frames_means``), borders and towns sealed off
the frames of passage; bags, pipes or envelopes sealed are no premises, and premises shut
down count only when an authority shut them (``on the bureau's orders``).
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .policy_cues import MeasureCue
from .policy_tense import ACTION

# Finite auxiliaries of a reported passive ("has since been", "were"), and of one to come.
_PASSIVE = (
    r"(?:(?:has|have|had)\s+(?:since\s+|also\s+|now\s+|already\s+)?been|was|were|"
    r"(?:will|would|is\s+to|are\s+to)\s+(?:also\s+)?be)\s+(?:\w+ly\s+|since\s+|also\s+|then\s+)?"
)
# Determiners and words of number before premises ("the", "one", "six").
_DET = r"(?:(?:the|a|an|its|their|his|her|that|this|one|two|three|four|five|six|several|\d+)\s+)*"
_PREMISES = (
    r"(?:plants?|warehouses?|workshops?|homes|houses|shops|lodging\s+houses|offices?|"
    r"shipyards?|restaurants?|churches|premises|karaoke\s+bars?|saunas?|guesthouses?|"
    r"inns?|stores|storehouses?)\b"
)
_PREMISES_WORDS = (
    "plant plants warehouse warehouses workshop workshops homes houses shops office offices "
    "shipyard shipyards restaurant restaurants churches premises bar bars sauna saunas "
    "guesthouse guesthouses inn inns stores storehouse storehouses"
)
# Between premises and the verb of their passive: their description, then the auxiliary.
_BEFORE_VERB = r"(?:\s+(?!and\b|but\b|or\b)[\w'’-]+){0,8}?,?\s+" + _PASSIVE
# The authority that shut premises, named after the verb ("on the bureau's orders", "by the
# police").
_BY_AUTHORITY = (
    r"[^.;]{0,60}?\b(?:by|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:orders?|police|officers|"
    r"bureau|ministry|authorities|officials|inspectors|government|department|office)\b"
)

# A unit of soldiers or guards, not a "labour-training unit" nor a "shock brigade".
_UNIT = (
    r"(?<!training\s)(?<!shock\s)(?:compan(?:y|ies)|platoons?|battalions?|regiments?|squads?|"
    r"detachments?|units?)\b"
)
_UNIT_WORDS = (
    "company companies platoon platoons battalion battalions regiment regiments squad squads "
    "detachment detachments unit units"
)

PENALTY_FRAMES: list[MeasureCue] = [
    # "the command has disbanded the whole company", "their platoon has been broken up"
    custom(
        MEASURE.Crackdown,
        r"(?P<v>dissolved|dissolves|disbanded|disbands|broke\s+up|broken\s+up)\s+"
        + _DET
        + r"(?:whole\s+|entire\s+)?(?:guard\s+|border\s+guard\s+|border\s+)?"
        + _UNIT
        + r"|"
        + _UNIT
        + r"(?:\s+(?!and\b|but\b|or\b)[\w'’-]+){0,6}?\s+"
        + _PASSIVE
        + r"(?P<w>dissolved|disbanded|broken\s+up)\b",
        "dissolved dissolves disbanded disbands broke broken",
        ACTION,
        also_when=_UNIT_WORDS,
    ),
    # "struck 30 Chinese nationals off the residence register", "were struck off the list"
    custom(
        MEASURE.Crackdown,
        r"(?:(?P<v>struck|strikes|striking)\s+(?:[\w'’-]+\s+){0,6}?off|"
        + _PASSIVE
        + r"(?P<w>struck)\s+off)\s+(?:the\s+)?(?:(?!before\b|after\b|when\b|until\b|because\b)"
        r"[\w'’-]+\s+){0,2}?(?:lists?|registers?|rolls?)\b",
        "struck strikes striking",
        ACTION,
        also_when="list lists register registers roll rolls",
    ),
    # "have sealed the doors of homes and shops", "the warehouse was sealed by officers"
    custom(
        MEASURE.Crackdown,
        r"(?P<v>sealed|seals|sealing)\s+(?:up\s+)?(?:the\s+doors\s+of\s+)?"
        + _DET
        + r"(?:[\w'’-]+\s+){0,3}?"
        + _PREMISES
        + r"|"
        + _PREMISES
        + _BEFORE_VERB
        + r"(?P<w>sealed)\b(?!\s+off\b)",
        "sealed seals sealing",
        ACTION,
        also_when=_PREMISES_WORDS,
    ),
    # "several lodging houses were shut down last week on the bureau's orders": shut by an
    # authority, not by a power cut
    custom(
        MEASURE.Crackdown,
        _PREMISES + _BEFORE_VERB + r"(?P<w>shut\s+down|closed\s+down)\b" + _BY_AUTHORITY,
        "shut closed",
        ACTION,
        also_when=_PREMISES_WORDS,
    ),
]

__all__ = ["PENALTY_FRAMES"]

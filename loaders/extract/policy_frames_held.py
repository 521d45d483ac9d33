"""Measure frames of passports taken in by an authority and of lights switched on.

Two measures that reports name by a verb the other frame lists lack. Passports collected
or called in by the police, or handed to them, keep their owners from travelling: the
scheme's ``MovementRestriction`` (a restriction on who may leave or cross), unlike a
passport confiscated as a penalty, which stays a crackdown (``policy_frames_rules``).
Floodlights or lamps switched on along the border by an authority are lighting put to use
there: ``LightingInstallation``, like lights put up. Both need an authority in the
sentence (``she kept her passport``, ``he switched on the lamp`` are no measures), and the
verbs give the status in their tense (``policy_tense``). "Held" is left out: ``officers, who
hold their passports until they leave`` is read well by the sentence model, and the
frame's short span would lose the travellers it restricts.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom, frame
from .morph import nouns
from .policy_cues import MeasureCue
from .policy_tense import ACTION, BUILD

#: Frames of passports held and lights switched on, before the modal frames.
HELD_FRAMES: list[MeasureCue] = [
    # "the police have begun collecting the passports of residents under 45": the object is
    # someone's passports ("a tenant who holds a passport" holds his own)
    frame(
        MEASURE.MovementRestriction,
        ("collect", "call in", "take in", "gather up"),
        r"(?:the|their|his|her|its)\s+(?:[\w-]+\s+){0,2}?passports?",
        ACTION,
        reach=0,
        needs_authority=True,
        object_words="passport passports",
        # "told the companies … to collect their passports": an order, with its own measure
        guard=r"(?<!to )",
    ),
    # "teachers have had to hand their passports to the school office", "the visitors handed
    # their passports to state security officers": passports given up to an authority
    custom(
        MEASURE.MovementRestriction,
        r"(?:had|have|has)\s+(?:had\s+)?to\s+hand\s+(?:in\s+|over\s+)?(?:their|his|her)\s+"
        r"passports?\b|(?P<x>handed)\s+(?:in\s+|over\s+)?(?:their|his|her)\s+passports?\s+"
        r"(?:in\s+|over\s+)?to\b",
        "hand handed",
        ACTION,
        also_when="passport passports",
    ),
    # "floodlights were switched on at the shallows", "switched on a row of solar lamps"
    frame(
        MEASURE.LightingInstallation,
        ("switch on", "turn on"),
        nouns("floodlight", "searchlight", "spotlight", "lamp", "solar lamp", "streetlight"),
        BUILD,
        reach=4,
        needs_authority=True,
    ),
]

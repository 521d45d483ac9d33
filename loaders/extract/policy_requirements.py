"""Rules told by where people must be: ``they must be off the fields an hour before sunset``.

A requirement to be somewhere, or out of somewhere, by a time (``workers have to be back in
their dormitories by ten``, ``fishermen must be off the water at dusk``) names no measure
noun and no verb of going, but it is a restriction on movement, a curfew of a kind.

The modal is the rule, so the status is the one of its clause (``now`` → InForce, ``were
told`` → Announced, ``will`` → Planned).
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .policy_cues import MeasureCue
from .policy_tense import RULE

REQUIREMENT_FRAMES: list[MeasureCue] = [
    # "they must be off the fields an hour before sunset"
    custom(
        MEASURE.MovementRestriction,
        r"\b(?:must|(?:have|has)\s+to)\s+(?:now\s+|still\s+|also\s+)?be\s+(?:off|out\s+of|back\s+"
        r"(?:in|at|on|home|by)|indoors|inside\s+(?:by|before|after)|home\s+(?:by|before))\b",
        "must have has",
        RULE,
        also_when="off out back indoors inside home",
    ),
]

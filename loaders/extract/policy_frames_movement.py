"""Frames of rules on where people may go: banned or barred from moving about, told to stay
indoors, not allowed to go near a place, access blocked by an authority, entry only with a
pass, bans on travel or on ways of moving about, and permits needed to go somewhere.

They run right after the physical frames of ``policy_frames`` in ``FRAME_CUES``; on
overlapping matches the earlier frame wins, so that order matters. The frames of people held
back by what is done to them are in ``policy_frames_kept``.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import ADV, BAN_FORMS, FILL, HUMAN, MOVING, custom, frame
from .morph import alternation, first_words, nouns
from .policy_cues import MeasureCue
from .policy_tense import RULE

#: Rules on where people may go, in priority order.
MOVEMENT_FRAMES: list[MeasureCue] = [
    custom(
        MEASURE.MovementRestriction,
        rf"(?P<v>{alternation(BAN_FORMS)})\s+(?:(?!from\b){FILL}\s+){{0,4}}?{HUMAN}\s+"
        rf"(?:(?!from\b){FILL}\s+){{0,4}}?from\s+(?:[\w-]+ly\s+)?{MOVING}\b|(?:(?:is|are|was|were|been|be)\s+"
        rf"{ADV})(?P<w>banned|barred|prohibited|forbidden|blocked|restricted|stopped|prevented)"
        rf"\s+from\s+(?:[\w-]+ly\s+)?{MOVING}\b",
        " ".join(first_words(BAN_FORMS)),
        RULE,
        also_when="from",
    ),
    # a curfew in other words: "told to stay indoors after dark"
    custom(
        MEASURE.MovementRestriction,
        r"(?:stay|remain|keep)\s+(?:indoors|inside|at\s+home|in\s+their\s+(?:homes|houses|"
        r"villages))|not\s+to\s+leave\s+(?:their\s+)?(?:homes|houses|villages|neighbou?rhoods)|"
        r"(?:confined|restricted)\s+to\s+(?:their\s+)?(?:homes|houses|villages|neighbou?rhoods)",
        "indoors inside home homes houses villages leave confined restricted",
        RULE,
        also_when="stay stays remain keep not confined restricted",
    ),
    # "are not allowed to go near the river", "may no longer enter the zone"
    custom(
        MEASURE.MovementRestriction,
        r"(?:(?:are|is|were|was)\s+(?:still\s+|now\s+)?(?:not|no\s+longer)\s+(?:allowed|"
        r"permitted)|(?:may|must)\s+(?:not|no\s+longer)|cannot|can't|(?:are|is|were|was)\s+"
        r"(?:now\s+)?(?:forbidden|prohibited|banned|barred))\s+(?:to\s+)?(?:go|travel|leave|"
        r"enter|approach|visit|cross|move|walk|fish|swim|stay|come|return|venture|wander|step|work|farm|"
        r"graze|plant|wash|bathe|draw\s+water|collect|gather|pick|use\s+(?:the\s+|any\s+)?(?:[\w-]+\s+)?"
        r"(?:footpaths?|paths?|roads?|trails?|tracks?|ferr(?:y|ies)|bridges?|boats?|jett(?:y|ies)))\b(?!\s+(?:to|into)\s+(?:china|north\s+korea|the\s+north|the\s+south|south\s+korea|abroad))",
        "not longer cannot can't forbidden prohibited banned barred",
        RULE,
        also_when="go travel leave enter approach visit cross move walk fish swim stay come return "
        "venture wander step work farm graze plant wash bathe draw collect gather pick use",
    ),
    # "the police have blocked access to the riverbank": only an authority's blocking is a rule
    # (floods cut off access too)
    frame(
        MEASURE.MovementRestriction,
        ("block", "cut off", "close off", "seal off"),
        {"access"},
        RULE,
        reach=1,
        needs_authority=True,
    ),
    # "farmers are allowed into the fields only with a pass": entry on a permit
    custom(
        MEASURE.MovementRestriction,
        r"(?:(?:are|is|were|was)\s+(?:\w+ly\s+)?(?P<w>allowed|permitted)|(?:may|can)\s+(?:go|enter|"
        r"travel|visit|work|fish|farm|cross|approach))\s+(?:[\w'’-]+\s+){0,8}?only\s+(?:with|on)\s+"
        r"(?:a\s+|an\s+)?(?:special\s+|valid\s+|written\s+|official\s+)?(?:pass(?:es)?|permits?|"
        r"permission)\b",
        "allowed permitted may can",
        RULE,
        also_when="pass passes permit permits permission",
    ),
    frame(
        MEASURE.MovementRestriction,
        ("ban", "prohibit", "forbid", "restrict", "curb", "limit"),
        nouns("travel", "movement", "journey", "excursion", "gathering")
        | {"sightseeing", "fishing", "swimming", "boating", "access", "entry", "travel between"}
        # ways of moving about, as gerunds: "a night ban on driving along the river road"
        | {"driving", "walking", "cycling", "sailing", "rowing", "hiking", "camping", "hunting"},
        RULE,
        reach=2,
    ),
    custom(
        MEASURE.MovementRestriction,
        r"(?P<v>needs?|required?|requires|must\s+(?:now\s+|still\s+|also\s+|first\s+)?(?:have|"
        r"obtain|carry|show|get|present|apply\s+"
        r"for))\s+(?:(?:an?|special|official|the|valid|written|travel|border|entry|prior)\s+)*"
        r"(?:travel\s+)?(?:permits?|pass(?:es)?|permission|authori[sz]ation|approval|travel\s+"
        r"certificates?)\b[^.;]{0,60}?\bto\s+(?:enter|travel|visit|go|leave|approach|cross|move|"
        r"stay|reach|get\s+to|work|farm|fish|use)\b",
        "need needs require required requires must",
        RULE,
        also_when="permit permits pass passes permission authorisation authorization approval certificate certificates",
    ),
]

__all__ = ["MOVEMENT_FRAMES"]

"""Measure frames: a verb family and the things it acts on, in any inflection and voice.

The phrase lists of ``policy_cues`` name measures the way the sample articles did; these
frames name them the way the measure-type scheme defines them — what an authority *does*
(install, deploy, close, ban, send back) to *what* (cameras, troops, the border, North
Koreans, roads). Each frame is written once as lemmas and matches every form, active or
passive (``frame_lexicon``). The verb's own tense then gives the status (``policy_tense``),
so a frame needs no status cue nearby. This module holds the frames of physical measures
and the order all frames run in; ``policy_frames_movement`` those of rules on where people
may go, ``policy_frames_rules`` those of trade, isolation, deterrence and enforcement.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import (
    PEOPLE,
    THINGS,
    TO_NORTH,
    custom,
    frame,
)
from .morph import alternation, nouns
from .policy_cues import MeasureCue
from .policy_easing import EASING_FRAMES
from .policy_frames_agents import (
    AGENT_FRAMES,
    MODAL_FRAMES,
    RESUMPTION_FRAMES,
    RETURN_FRAMES,
    WARNING_FRAMES,
)
from .policy_frames_allowance import ALLOWANCE_FRAMES
from .policy_frames_conduct import CONDUCT_FRAMES, CONDUCT_GENERIC, DETECTION_FRAMES
from .policy_frames_deontic import DEONTIC_FRAMES
from .policy_frames_guarding import GUARDING_FRAMES
from .policy_frames_held import HELD_FRAMES
from .policy_frames_justice import JUSTICE_FRAMES, JUSTICE_GENERIC
from .policy_frames_kept import KEPT_FRAMES
from .policy_frames_limits import LIMIT_FRAMES
from .policy_frames_means import MEANS_FRAMES
from .policy_frames_movement import MOVEMENT_FRAMES
from .policy_frames_passage import PASSAGE_FRAMES
from .policy_frames_penalties import PENALTY_FRAMES
from .policy_frames_practices import PRACTICE_FRAMES
from .policy_frames_resolutions import RESOLUTION_FRAMES
from .policy_frames_rules import GENERIC_FRAMES as _ENFORCEMENT
from .policy_frames_rules import RULE_FRAMES
from .policy_frames_told import TOLD_FRAMES
from .policy_obliged import OBLIGED_FRAMES
from .policy_requirements import REQUIREMENT_FRAMES
from .policy_tense import ACTION, BUILD, EASE, LIFT, RULE, STATE

_INSTALL = (
    "install",
    "fix",
    "attach",
    "put",
    "mount",
    "erect",
    "set up",
    "put up",
    "put in",
    "place",
    "fit",
    "deploy",
    "build",
    "construct",
    "bury",
    "lay",
    "string",
    "hang",
    "add",
    "position",
    "rig",
    "upgrade",
    "introduce",
)
_BARRIER_VERBS = (
    *_INSTALL,
    "dig",
    "raise",
    "electrify",
    "reinforce",
    "extend",
    "rebuild",
    "repair",
    "heighten",
    "strengthen",
)
_DEPLOY = (
    "deploy",
    "dispatch",
    "station",
    "post",
    "mobilise",
    "bring in",
    "reinforce",
    "double",
    "triple",
    "increase",
    "bolster",
    "beef up",
    "boost",
    "strengthen",
    "expand",
)
_PERSONNEL = nouns(
    "guard",
    "border guard",
    "soldier",
    "troop",
    "police officer",
    "policeman",
    "officer",
    "personnel",
    "platoon",
    "battalion",
    "brigade",
    "squad",
    "detachment",
    "patrol",
    "patrol boat",
    "security force",
    "reinforcement",
    "sentry",
    "agent",
    "militia",
    "unit",
) | {"police", "sentries"}

# "shut the border market": "border" names where another place is, not the border itself.
_NOT_THE_BORDER = (
    r"(?!\s+(?:markets?|marketplaces?|trad\w+|towns?|cit(?:y|ies)|villages?|count(?:y|ies)|"
    r"schools?|factor(?:y|ies)|restaurants?|shops?|hotels?)\b)"
)

#: Frames of people sent back, equipment, guards, the border and movement, in priority
#: order (on overlapping matches the earlier one wins).
_PHYSICAL: list[MeasureCue] = [
    # -- people sent home: workers first, so that they are never "forced repatriation" ----
    frame(
        MEASURE.WorkerRepatriation,
        ("send home", "send back", "repatriate", "recall", "bring home", "withdraw", "return"),
        nouns("worker", "labourer", "laborer", "employee", "seamstress", "logger", "wage earner")
        | {"staff", "workforce"},
        ACTION,
    ),
    frame(
        MEASURE.ForcedRepatriation,
        ("send back", "repatriate", "deport", "hand over", "hand back", "turn over", "extradite"),
        PEOPLE,
        ACTION,
        reach=6,  # "deport more than 100 North Korean women"
        avoid=THINGS,
    ),
    frame(
        MEASURE.ForcedRepatriation,
        ("return", "hand", "transfer", "take", "escort", "drive", "transport", "expel", "bring"),
        PEOPLE,
        ACTION,
        after=TO_NORTH,
        avoid=THINGS,
    ),
    # "returned dozens of detainees across the border": people sent back over the frontier
    frame(
        MEASURE.ForcedRepatriation,
        ("return", "expel", "push back", "march", "escort back"),
        PEOPLE,
        ACTION,
        after=r"\s+(?:[\w-]+\s+){0,3}?(?:back\s+)?(?:across|over)\s+(?:the\s+)?(?:border|river|"
        r"frontier|bridge)\b",
        avoid=THINGS,
    ),
    # "the police are preparing to return a second group": an authority returning people
    frame(
        MEASURE.ForcedRepatriation,
        ("return",),
        PEOPLE,
        ACTION,
        # "returned the women's papers" returns papers; "returned the families to their
        # village" moves people at home (return to the North has its own frame above)
        after=r"(?!['’])(?!\s+(?:to|into)\s+(?!(?:the\s+)?(?:north|dprk|pyongyang)\b))",
        needs_authority=True,
        avoid=THINGS + "|to|from|home|with",
    ),
    # -- equipment and barriers ----------------------------------------------------------
    frame(
        MEASURE.CCTVInstallation,
        _INSTALL,
        nouns("camera", "cctv camera", "webcam", "closed-circuit camera") | {"cctv"},
        BUILD,
    ),
    frame(
        MEASURE.SensorInstallation,
        _INSTALL,
        nouns("sensor", "detector", "tripwire", "trip wire", "alarm system", "alarm"),
        BUILD,
    ),
    frame(
        MEASURE.LightingInstallation,
        _INSTALL,
        nouns("floodlight", "searchlight", "spotlight", "lamp", "streetlight", "street light")
        | nouns("light", "light pole")
        | {"lighting"},
        BUILD,
        reach=3,
    ),
    frame(
        MEASURE.SurveillanceInstallation,
        _INSTALL,
        nouns(
            "surveillance equipment",
            "surveillance system",
            "surveillance device",
            "surveillance network",
            "monitoring system",
            "monitoring equipment",
            "monitoring device",
            "watchtower",
            "radar",
            "detection van",
            "detection vehicle",
            "drone",
        ),
        BUILD,
    ),
    frame(
        MEASURE.BarrierConstruction,
        _BARRIER_VERBS,
        nouns(
            "fence",
            "wall",
            "barrier",
            "barricade",
            "barbed wire",
            "razor wire",
            "wire fence",
            "ditch",
            "trench",
            "moat",
            "concrete post",
            "spike",
            "embankment wall",
        )
        | {"fencing", "barbed-wire", "wire"},
        BUILD,
    ),
    frame(
        MEASURE.BarrierConstruction,
        ("lay", "plant", "bury", "place", "scatter"),
        nouns("landmine", "mine", "minefield", "anti-personnel mine"),
        BUILD,
        reach=3,
    ),
    frame(
        MEASURE.MovementRestriction,
        (*_INSTALL, "establish", "open", "man"),
        nouns("checkpoint", "roadblock", "check post", "inspection post", "control post"),
        BUILD,
    ),
    # "checkpoints were reinstated in September": a restriction in force again
    frame(
        MEASURE.MovementRestriction,
        ("reinstate", "restore", "reimpose", "reintroduce", "re-establish", "bring back"),
        nouns("checkpoint", "roadblock", "curfew", "travel ban", "travel restriction")
        | nouns("movement restriction", "check post", "inspection post"),
        RULE,
        passive_reach=10,  # "checkpoints on the roads from Yanji to Longjing … were reinstated"
    ),
    # "the checkpoint on the road to the airport was removed": a restriction lifted
    frame(
        MEASURE.MovementRestriction,
        ("remove", "dismantle", "lift", "scrap", "take down", "abolish", "withdraw", "close"),
        nouns("checkpoint", "roadblock", "check post", "inspection post", "control post"),
        LIFT,
        passive_reach=10,
    ),
    frame(
        MEASURE.PatrolReinforcement,
        (*_INSTALL, "establish", "man", "staff"),
        nouns("guard post", "sentry post", "sentry box", "guard hut", "guardhouse", "outpost")
        | nouns("observation post", "lookout post", "watch post"),
        BUILD,
    ),
    # -- more people on guard ------------------------------------------------------------
    frame(MEASURE.PatrolReinforcement, _DEPLOY, _PERSONNEL, BUILD, reach=5),
    custom(
        MEASURE.PatrolReinforcement,
        r"(?P<v>send|sends|sent|sending)\s+(?:an?\s+|the\s+|another\s+|\d+\s+|several\s+|"
        r"(?:dozens|hundreds) of\s+)?(?:extra|additional|more|new|special|fresh)\s+(?:[\w-]+\s+)"
        r"{0,2}?" + alternation(_PERSONNEL) + r"\b",
        "send sends sent sending",
        BUILD,
        also_when="extra additional more new special fresh another",
    ),
    # "more soldiers will be sent to the border"
    custom(
        MEASURE.PatrolReinforcement,
        r"(?:more|extra|additional|new|fresh)\s+(?:[\w-]+\s+){0,2}?(?:soldiers|troops|guards|"
        r"police(?:men)?|officers|personnel|units|patrols)\s+(?:will|would|are\s+to|have|has|had|"
        r"were|was|are|is)\s+(?:\w+\s+){0,2}?(?P<w>sent|dispatched|deployed|posted|stationed)\b",
        "more extra additional new fresh",
        BUILD,
        also_when="sent dispatched deployed posted stationed",
    ),
    custom(
        MEASURE.PatrolReinforcement,
        r"(?P<v>shorten\w*|reduc\w*|cut|cutting|halv\w+)\s+(?:the\s+)?(?:intervals?|gaps?|"
        r"time)\s+between\s+(?:[\w-]+\s+){0,2}?(?:patrols|rounds|shifts|inspections)|"
        r"(?:more\s+frequent|round-the-clock|24-hour|night(?:-time)?|additional)\s+patrols|"
        r"patroll?(?:ing|s)?\s+(?:[\w-]+\s+){0,3}?more\s+(?:often|frequently)",
        "shorten shortened shortening shortens reduce reduced reducing reduces cut cutting "
        "halve halved halving frequent round clock hour night nighttime additional often "
        "frequently",
        BUILD,
        also_when="between patrols patrol patrolling often frequently",
    ),
    # "tightened security along the river" (the scheme's "tightened border security")
    frame(
        MEASURE.PatrolReinforcement,
        (
            *("tighten", "strengthen", "step up", "beef up", "bolster", "heighten", "intensify"),
            *("increase", "reinforce", "boost"),
        ),
        r"(?:(?:the|its|their|border|frontier)\s+)*(?:security|vigilance|guard\s+duty|"
        r"watch|guarding|controls?(?=\s+(?:of|over|on|along)\s+(?:the\s+|its\s+)?(?:border|frontier|"
        r"river)))\b(?!\s+(?:of|on)\s+(?:the\s+)?(?:market|phone|call|bank|account))",
        BUILD,
        reach=2,
        passive=True,
        object_words="security vigilance guard watch guarding control controls",
    ),
    # -- the border closed, reopened -----------------------------------------------------
    custom(
        MEASURE.BorderClosure,
        r"(?:bans?|restrictions?|limits?|halt|suspension|curbs?)\s+on\s+(?:[\w-]+\s+){0,2}?"
        r"(?:travel|trips|visits|journeys|crossings)\s+(?:to|into)\s+(?:china|north\s+korea|"
        r"the\s+north|the\s+south|south\s+korea)\b",
        "ban bans restriction restrictions limit limits halt suspension curb curbs",
        RULE,
        also_when="china north south",
    ),
    frame(
        MEASURE.BorderClosure,
        (
            "close",
            "shut",
            "seal",
            "block",
            "suspend",
            "halt",
            "lock down",
            "shut down",
            "close off",
        ),
        r"(?:(?:the|its|their|both|all|main|a|this|several)\s+)*(?:(?!(?:that|which|who|and|or|"
        r"since|after|before|until|when|while|at|on|in|to|from|of|by|for|with|across|along|near|"
        r"over|into|through|as)\b)[\w'-]+\s+){0,2}?"
        r"(?:borders?|border\s+crossings?|crossings?|crossing\s+points?|ports?\s+of\s+entry|"
        r"land\s+ports?|border\s+ports?|ports|customs\s+(?:offices?|houses?|posts?|points?))"
        + _NOT_THE_BORDER,
        STATE,
        reach=1,
        passive_reach=5,
        object_words="border borders crossing crossings port ports entry customs",
    ),
    frame(
        MEASURE.BorderClosure,
        ("reopen", "unseal"),
        r"(?:(?:the|its|their|both|all|main|a|this|several)\s+)*(?:(?!(?:that|which|who|and|or|"
        r"since|after|before|until|when|while|at|on|in|to|from|of|by|for|with|across|along|near|"
        r"over|into|through|as)\b)[\w'-]+\s+){0,2}?"
        r"(?:borders?|border\s+crossings?|crossings?|crossing\s+points?|ports?\s+of\s+entry|"
        r"land\s+ports?|border\s+ports?|ports?|customs\s+(?:offices?|houses?|posts?|points?))"
        + _NOT_THE_BORDER,
        LIFT,
        reach=1,
        passive_reach=5,
        object_words="border borders crossing crossings port ports entry customs",
    ),
]

#: All frames that come before the phrase cues, in priority order.
FRAME_CUES: list[MeasureCue] = (
    RESUMPTION_FRAMES
    + EASING_FRAMES
    + GUARDING_FRAMES
    + LIMIT_FRAMES
    + RESOLUTION_FRAMES
    + JUSTICE_FRAMES
    + PENALTY_FRAMES
    + PRACTICE_FRAMES
    + PASSAGE_FRAMES
    + DETECTION_FRAMES
    + _PHYSICAL
    + MOVEMENT_FRAMES
    + MEANS_FRAMES
    + RULE_FRAMES
    + CONDUCT_FRAMES
    + DEONTIC_FRAMES
    + HELD_FRAMES
    + KEPT_FRAMES
    + ALLOWANCE_FRAMES
    + MODAL_FRAMES
    + REQUIREMENT_FRAMES
    + RETURN_FRAMES
)
#: Enforcement frames whose type comes from their target, after the phrase cues.
GENERIC_FRAMES: list[MeasureCue] = (
    _ENFORCEMENT
    + CONDUCT_GENERIC
    + JUSTICE_GENERIC
    + AGENT_FRAMES
    + WARNING_FRAMES
    + OBLIGED_FRAMES
    + TOLD_FRAMES
)

__all__ = ["CHANGE_KINDS", "FRAME_CUES", "GENERIC_FRAMES"]

#: Kinds whose status is a change, whatever the tense.
CHANGE_KINDS = frozenset({LIFT, EASE})

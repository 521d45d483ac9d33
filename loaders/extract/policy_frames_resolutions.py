"""Frames of what a UN Security Council resolution itself bans, told as background.

Articles on customs checks often say in a clause what the sanctions bar: ``resolution 2397
bars all exports of machinery``, ``the UN sanctions, which bar most of its exports``,
``Resolution 2397, which obliged member states to return North Koreans earning income
abroad``. (Goods named as ``banned under Resolution 2371`` are no frame of their own: that is
mostly the target of a customs check, which the check's own frame reports.) The scheme counts the resolution's ban as a
TradeRestriction (and its worker clause as a WorkerRepatriation) in force, apart from the
SanctionsEnforcement of the customs officers who apply it; so the resolution must be the
subject (``policy_types`` keeps these from being read as enforcement).
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .policy_cues import MeasureCue
from .policy_tense import RULE

_RESOLUTION = (
    r"(?:(?:un\s+|united\s+nations\s+)?(?:security\s+council\s+)?resolutions?\s+\d{4}|"
    r"(?:un|united\s+nations|international)\s+sanctions(?:\s+on\s+(?:north\s+korea|the\s+"
    r"(?:north|country|dprk)|pyongyang))?)"
)
_BAN_VERB = (
    r"(?:bars?|barred|bans?|banned|prohibits?|prohibited|forbids?|forbade|outlaws?|outlawed)"
)
_GOODS = (
    r"(?:seafood|fish|coal|iron|ore|textiles?|garments|clothing|machinery|vehicles|oil|"
    r"petroleum|copper|minerals?|goods|exports?|imports?|sales?|trade|crab|squid|lead|zinc|"
    r"timber|food\s+products)"
)

RESOLUTION_FRAMES: list[MeasureCue] = [
    # "resolution 2397 bars all exports of machinery", "the UN sanctions, which bar …",
    # "which resolution 2397 bars from being sold to North Korea"
    custom(
        MEASURE.TradeRestriction,
        rf"\b{_RESOLUTION}\s*,?\s+(?:which\s+|that\s+)?(?:also\s+|still\s+)?(?P<v>{_BAN_VERB})\s+"
        r"(?:(?:most|all|many|the|its|their|further|new)\s+)*(?:of\s+)?(?:[\w'’-]+\s+){0,3}?"
        rf"{_GOODS}\b|\bwhich\s+{_RESOLUTION}\s+(?P<x>{_BAN_VERB})\s+from\s+being\s+"
        r"(?:sold|exported|imported|shipped|traded)\b",
        "resolution resolutions sanctions",
        RULE,
        also_when="bar bars barred ban bans banned prohibit prohibits prohibited forbid forbids "
        "forbade outlaw outlaws outlawed",
    ),
    # "Resolution 2397, which obliged member states to return North Koreans earning income"
    custom(
        MEASURE.WorkerRepatriation,
        rf"\b{_RESOLUTION}\s*,?\s+(?:which\s+|that\s+)?(?P<v>obliges|obliged|requires|required|"
        r"orders|ordered|obligates|obligated)\s+(?:[\w-]+\s+){0,3}?to\s+(?:return|repatriate|"
        r"send\s+(?:home|back))\s+(?:[\w'’-]+\s+){0,4}?(?:earning|workers?|labou?rers|working)\b",
        "resolution resolutions sanctions",
        RULE,
        also_when="obliges obliged requires required orders ordered obligates obligated",
    ),
]

__all__ = ["RESOLUTION_FRAMES"]

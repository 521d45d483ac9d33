"""Frames of limits told by who may do a thing or how much of it: ``only``, ``no more than``.

A rule is often worded by the few it still allows rather than the many it bars, and a
limit eased by what is now allowed (``allowed to import a wider range of goods``):

- ``only firms registered in the zone may send trucks across``: a limit on who may trade,
  a TradeRestriction; ``a strip that only soldiers may enter`` is a BufferZone, ``only
  residents may enter the island`` a MovementRestriction;
- ``travellers may carry no more than 20 kilograms of goods``: a cap on goods brought
  across, a TradeRestriction;
- ``have shut the ferry points``: ways across closed to people, a MovementRestriction;
- ``identity cards are now scanned at the gate``: papers checked at a fixed point control
  who may pass, a MovementRestriction (the active wording is typed in ``policy_types``);
- ``passenger trains between the two cities remain suspended``, ``has kept its side of the
  crossing closed``: the border still shut, a BorderClosure in force;
- ``cancelled the trade licences of thirty companies``, ``reissued trade licences to only
  five``: who may trade at all, a TradeRestriction (``has had its licence to import fuel
  suspended until …``: in force).
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .policy_cues import MeasureCue
from .policy_tense import ACTION, EASE, RULE, STATE

_MODAL = (
    r"(?:may|can|are\s+(?:allowed|permitted)\s+to|is\s+(?:allowed|permitted)\s+to|"
    r"are\s+able\s+to)"
)
_TRADE_ACTS = (
    r"(?:send|drive|take|bring|carry|ship|move)\s+(?:[\w-]+\s+){0,2}?(?:trucks?|lorr(?:y|ies)|"
    r"goods|cargo|freight|shipments?|wagons?)|(?:take\s+part\s+in|engage\s+in|join)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+)?trade|(?:trade|import|export|deal|sell|buy|bid)\b"
)
# A licence to trade across the border, not to drive a taxi or run a boat.
_TRADE_LICENCE = (
    r"(?:(?:trade|trading|import|export|foreign[-\s]trade)\s+licen[cs]es?|licen[cs]es?\s+to\s+"
    r"(?:import|export|trade)\b)"
)
_ENTER = r"(?:enter|go|walk|fish|farm|work|visit|approach|cross|use|land)\b"
_ONLY_WHO = r"\bonly\s+(?:[\w'’-]+\s+){1,10}?"
_QUANTITY = (
    r"(?:\d[\d,.]*|one|two|three|four|five|ten|twenty|fifty|a\s+hundred)\s*(?:[\w-]+\s+){0,2}?"
    r"(?:kilograms?|kilos?|kg|tonnes?|tons?|yuan|dollars?|won|bags?|boxes?|cartons?|items?|"
    r"pieces?|bottles?|litres?|liters?)"
)

LIMIT_FRAMES: list[MeasureCue] = [
    # "have been allowed to import a wider range of goods": a limit on trade eased
    custom(
        MEASURE.TradeRestriction,
        r"(?:(?:has|have|had)\s+(?:also\s+|now\s+)?been\s+|(?:is|are|was|were)\s+(?:now\s+)?)"
        r"(?P<w>allowed|permitted)\s+to\s+(?:import|export|bring\s+in|buy|sell|trade\s+in|ship)\s+"
        r"(?:an?\s+)?(?:much\s+)?(?:wider|larger|broader|bigger|greater|longer)\s+(?:range|variety|"
        r"list|number|amount|quantity|selection)\b",
        "allowed permitted",
        EASE,
        also_when="wider larger broader bigger greater longer",
    ),
    # "a strip that only soldiers may enter": a zone closed to all others
    custom(
        MEASURE.BufferZone,
        rf"\b(?:strip|zone|belt|area)\s+(?:of\s+land\s+)?(?:that|which|where)\s+{_ONLY_WHO}"
        rf"{_MODAL}\s+(?:now\s+)?{_ENTER}",
        "only",
        RULE,
        also_when="strip zone belt area",
    ),
    # "only companies registered in the zone may send trucks across"
    custom(
        MEASURE.TradeRestriction,
        rf"{_ONLY_WHO}(?:still\s+|now\s+)?{_MODAL}\s+(?:now\s+|still\s+)?(?:{_TRADE_ACTS})",
        "only",
        RULE,
        also_when="may can allowed permitted able",
    ),
    # "the travellers may carry no more than 20 kilograms of goods each"
    custom(
        MEASURE.TradeRestriction,
        rf"(?:{_MODAL}|(?:allow|allows|allowed|permit|permits|permitted)\s+(?:[\w'’-]+\s+){{0,3}}?"
        r"to)\s+(?:only\s+)?(?:carry|bring(?:\s+in|\s+back|\s+home)?|take(?:\s+home|\s+out|\s+back)?|"
        r"import|export|buy|sell|ship)\s+(?:in\s+)?(?:no\s+more\s+than|not\s+more\s+than|at\s+most|"
        rf"up\s+to|a\s+maximum\s+of|only)\s+{_QUANTITY}",
        "more most maximum only",
        RULE,
        also_when="carry bring take import export buy sell ship",
    ),
    # "every visitor's identity card is now scanned at the park gate"
    custom(
        MEASURE.MovementRestriction,
        r"\b(?:identity|identification|id)\s+(?:cards?|documents?|papers)\s+(?:(?:is|are)\s+"
        r"(?:now\s+|also\s+)?|(?:has|have)\s+(?:now\s+)?been\s+)(?P<w>scanned|checked|inspected|"
        r"examined|recorded|photographed)\s+(?:[\w'’-]+\s+){0,3}?(?:at|by)\s+(?:the\s+|every\s+|each\s+)?"
        r"(?:[\w'’-]+\s+){0,2}?(?:gates?|checkpoints?|entrances?|kiosks?|barriers?|check\s+posts?)\b",
        "scanned checked inspected examined recorded photographed",
        RULE,
        also_when="identity identification id",
    ),
    # "have shut the ferry points villagers used to reach their plots": ways closed to people
    custom(
        MEASURE.MovementRestriction,
        r"(?P<v>shut|shuts|shutting|closed|closes|close|closing|blocked|blocks|block|sealed|seals|"
        r"seal)\s+(?:off\s+|down\s+)?(?:the|all|its|their|several|two|three|every)\s+(?:[\w'’-]+\s+)?"
        r"(?:ferry\s+(?:points?|crossings?|landings?|services?)|ferries|fords|footpaths|foot\s+paths|"
        r"jett(?:y|ies)|landing\s+stages?|mountain\s+trails|trails)\b",
        "shut shuts shutting closed closes close closing blocked blocks block sealed seals seal",
        ACTION,
        also_when="ferry ferries fords footpaths foot jetty jetties landing trails",
    ),
    # "has kept its side of the crossing closed since 2020": a closure held
    custom(
        MEASURE.BorderClosure,
        r"(?P<v>kept|keeps|keep|keeping)\s+(?:its|their|the|both|all)\s+(?:side\s+of\s+the\s+|"
        r"sides\s+of\s+the\s+|half\s+of\s+the\s+)?(?:[\w'’–-]+\s+){0,2}?(?:borders?|crossings?|"
        r"bridges?|border\s+crossings?|ports?\s+of\s+entry|customs\s+(?:office|house|post)s?)\s+"
        r"(?:firmly\s+|tightly\s+)?(?:closed|shut|sealed)\b",
        "kept keeps keep keeping",
        STATE,
        also_when="closed shut sealed",
    ),
    # "cancelled the trade licences of thirty companies", "reissued trade licences to only
    # five": who may trade at all is licensed (the scheme's TradeRestriction "licenses trade")
    custom(
        MEASURE.TradeRestriction,
        r"(?P<v>cancel|cancels|cancell?ed|cancell?ing|revoke|revokes|revoked|revoking|withdraw|"
        r"withdraws|withdrew|withdrawing|suspend|suspends|suspended|suspending|reissue|reissues|"
        r"reissued|reissuing|re-issued)\s+(?:[\w'’-]+\s+){0,6}?" + _TRADE_LICENCE,
        "cancel cancels cancelled canceled cancelling canceling revoke revokes revoked revoking "
        "withdraw withdraws withdrew withdrawing suspend suspends suspended suspending reissue "
        "reissues reissued reissuing re-issued",
        ACTION,
        also_when="licence licences license licenses",
    ),
    # "the import licences of four firms were withdrawn", "lost their trade licences"
    custom(
        MEASURE.TradeRestriction,
        _TRADE_LICENCE + r"\b[^.;]{0,60}?\b(?:were|was|(?:have|has|had)\s+been)\s+(?:\w+ly\s+)?"
        r"(?P<w>cancell?ed|revoked|withdrawn|suspended|reissued|re-issued)\b|(?P<v>lost)\s+"
        r"(?:(?:its|their|the)\s+)?(?:right\s+to\s+hold\s+)?" + _TRADE_LICENCE,
        "licence licences license licenses",
        ACTION,
        also_when="cancelled canceled revoked withdrawn suspended reissued re-issued lost",
    ),
    # "has had its licence to import fuel suspended until the inspection is over": it stands
    custom(
        MEASURE.TradeRestriction,
        r"(?:has|have|had)\s+(?P<w>had)\s+(?:its|their)\s+" + _TRADE_LICENCE + r"\s+(?:[\w-]+\s+)"
        r"{0,3}?(?:suspended|revoked|cancell?ed|withdrawn)\b",
        "licence licences license licenses",
        STATE,
        also_when="suspended revoked cancelled canceled withdrawn",
    ),
    # "passenger trains between the two cities remain suspended"
    custom(
        MEASURE.BorderClosure,
        r"\b(?:passenger\s+(?:trains?|train\s+services?|flights?|buses|bus\s+services?|ferr(?:y|ies))|"
        r"(?:tourist|tour|sightseeing)\s+(?:trips|tours|buses|groups))\s+(?:[\w'’–-]+\s+){0,6}?"
        r"(?:remain|remained|remains|stay|stays|stayed|are\s+still|were\s+still)\s+(?P<w>suspended|"
        r"halted|stopped|cancelled|canceled|banned)\b",
        "passenger tourist tour sightseeing",
        STATE,
        also_when="suspended halted stopped cancelled canceled banned",
    ),
]

__all__ = ["LIMIT_FRAMES"]

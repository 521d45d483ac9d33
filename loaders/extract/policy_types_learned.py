"""The rules' word on a measure's type beside the learned parts' reading of it.

The model names a measure for a whole sentence where the rules found no cue, so the rules'
typing (``policy_types.refine``) never saw it. The scheme's TradeRestriction is a limit on
trade in goods, its MovementRestriction a limit on where people may go: a trade rule the
model reads in a sentence that tells of people's trips, travel passes, visas, passports or
nights away and names no goods, money or sale (``private trips will be suspended``, ``staff
may apply for visas only through the ministry``) is a MovementRestriction.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE

_I = re.IGNORECASE
_MOVEMENT, _TRADE = str(MEASURE.MovementRestriction), str(MEASURE.TradeRestriction)
# People's travel: trips, passes, visas, passports, nights away, stays.
_TRAVEL = re.compile(
    r"\b(?:trips?|visas?|passports?|(?:travel|border|exit|entry)\s+(?:passes|permits?)|"
    r"(?:\d+|one|two|three|four|five|six|seven|ten)\s+nights?)\b",
    _I,
)
# Goods and their trade: a rule on these is on trade.
_GOODS = re.compile(
    r"\b(?:goods|cargo|freight|imports?|exports?|shipments?|consignments?|lorr(?:y|ies)|trucks?|"
    r"coal|ore|seafood|textiles?|products|customs|tonnes|containers?|smuggl\w+|sell\w*|sold|"
    r"buy\w*|bought|fuel|petrol|diesel|dollars?|(?:bank)?notes|yuan|money|cash|parcels?)\b",
    _I,
)


def proposed_type(concept: str, sentence: str) -> str:
    """The type of a measure the model proposes for ``sentence`` as a whole: a trade rule
    that tells only of people's trips, passes or visas limits their movement."""
    if concept == _TRADE and _TRAVEL.search(sentence) and not _GOODS.search(sentence):
        return _MOVEMENT
    return concept

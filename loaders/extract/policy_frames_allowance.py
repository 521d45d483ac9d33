"""Frames of allowances: how much of what a person may carry, bring or take across.

The measure-type scheme's ``TradeRestriction`` covers limits on what goods may cross; articles
often tell one as a traveller's allowance rather than a ban ("returnees are allowed to bring no
more than 20 kilograms each", "customs allow each traveller to take no more than 20,000 yuan
out of the country", "may carry back only one suitcase") or as goods that may not be brought
in without a paper ("bear parts may not be brought into China without a permit"). Only
amounts ("no more than", "at most", "up to", "only" before a number) and goods moved by a verb
of carrying make the frame, so a bare permission ("are allowed to go home") is none; the verb
of permission or the modal gives the status like any rule (``were told they may …`` →
Announced).
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .date_windows import NUMBERS
from .frame_lexicon import custom
from .policy_cues import MeasureCue
from .policy_tense import RULE

_AMOUNT = (
    r"(?:no\s+more\s+than|not\s+more\s+than|at\s+most|up\s+to|only)\s+(?:\d[\d,.]*|"
    + "|".join(NUMBERS)
    + r"|half\s+a|twenty|thirty|fifty|a\s+hundred)\b"
    # "can bring up to ten years in prison" is a penalty, not an amount carried
    + r"(?!\s+(?:years?|months?|weeks?|days?)\b(?![’']))"
)
_CARRY = r"(?:carry|bring|take|import|export|send|ship)(?:\s+(?:back|in|out|home|across|over))?"
# Who is allowed: the permission itself, in the active or the passive, or a modal; never one
# person's ("he was allowed to take only a small bag" is no rule).
_ALLOWED = (
    r"(?<!\bhe\s)(?<!\bshe\s)(?<!\bi\s)(?:(?:are|is|were|was|be|been)\s+(?:\w+ly\s+|now\s+|still\s+|also\s+)*(?P<w>allowed|"
    r"permitted)\s+to|(?P<v>allows?|allowed|permits?|permitted|lets?)\s+(?:each|every|all|the)?"
    r"\s*(?:[\w'’-]+\s+){1,3}?to|(?P<x>may|can)(?:\s+now|\s+still|\s+also)?)"
)

#: A traveller's allowance of goods, and goods barred without a paper.
ALLOWANCE_FRAMES: list[MeasureCue] = [
    # "are allowed to bring no more than 20 kilograms each", "may carry back only one suitcase"
    custom(
        MEASURE.TradeRestriction,
        rf"{_ALLOWED}\s+{_CARRY}\s+(?:[\w'’-]+\s+){{0,3}}?{_AMOUNT}",
        "allowed permitted allow allows permit permits let lets may can",
        RULE,
        also_when="carry bring take import export send ship",
    ),
    # "bear parts may not be brought into China without a permit"
    custom(
        MEASURE.TradeRestriction,
        r"(?:may|must|can)\s+(?:not|no\s+longer)\s+be\s+(?P<w>brought|taken|carried|sent|"
        r"exported|imported|shipped)\s+(?:[\w'’-]+\s+){0,4}?without\s+(?:a|an|the)\s+"
        r"(?:[\w-]+\s+)?(?:permits?|licen[cs]es?|declarations?|approval|certificates?)\b",
        "brought taken carried sent exported imported shipped",
        RULE,
        also_when="without",
    ),
]

__all__ = ["ALLOWANCE_FRAMES"]

"""Requirements told in the present perfect: ``have had to`` is a rule in force.

"Since March, tourists have had to hand in their phones at the station": the obligation has
held from then until now, so whatever the verb it governs names (handing in phones, showing
a pass, registering a tenancy) is a measure in force, not a deed done. The tuning gold reads
every one of the 56 measures told with ``has/have had to`` as in force. A governed verb
otherwise has no status of its own (``policy_tense.GOVERNED``); this is the one modal whose
own tense tells the status.

A rule told only by such a requirement, with no measure noun, is a restriction on movement
when what people have had to do is stop at a check, show papers or pass through a gate
(``drivers have had to stop at a barrier and show an identity card``); so is the same
requirement told as new in the present (``visitors now have to show a pass``).
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE, STATUS

from .frame_lexicon import custom
from .model import Policy, Span
from .policy_aspect import HAD_TO, one_clause
from .policy_cues import MeasureCue
from .policy_tense import BUILD, KIND_OF, RULE

_HAD_TO = re.compile(HAD_TO, re.IGNORECASE)
_CARRIED_OUT, _IN_FORCE = str(STATUS.CarriedOut), str(STATUS.InForce)
# Things put up stay put up; more guards is a kind of building too, but a duty laid on guards
# ("have had to patrol in threes") is a rule held.
_BUILT = {kind for kind, k in KIND_OF.items() if k == BUILD} - {str(MEASURE.PatrolReinforcement)}
# How far (in characters) a requirement may stand from the measure cue it governs.
_REACH = 60


def held_requirement(text: str, sentence: Span, cue: Span, status: str, concept: str) -> str:
    """``status`` of a measure cue, made InForce when a ``have had to`` stands in the cue's
    own clause within reach ("tourists have had to leave their phones in lockers",
    "traders who own Chinese phones have had to surrender them"): a done deed read from
    another verb of the clause is the requirement held until now. What is built stays built
    ("has had to look into a camera mounted above the window")."""
    if status != _CARRIED_OUT or concept in _BUILT:
        return status
    lo, hi = max(sentence.begin, cue.begin - _REACH), min(sentence.end, cue.end + _REACH)
    for found in _HAD_TO.finditer(text, lo, hi):
        if one_clause(text, cue, Span(found.start(), found.end())):
            return _IN_FORCE
    return status


def held_requirements(text: str, sentences: list[Span], found: list[Policy]) -> list[Policy]:
    """``held_requirement`` applied to policies after the learned heads, which may have read
    the deed from another verb; a policy the model proposed for a whole sentence is read
    from its whole evidence."""
    for policy in found:
        cue = policy.evidence[0]
        sentence = sentences[policy.sentence]
        if cue.end - cue.begin >= (sentence.end - sentence.begin) // 2:
            whole = _HAD_TO.search(text, cue.begin, cue.end) is not None
            built = policy.measure_type in _BUILT
            if whole and policy.status == _CARRIED_OUT and not built:
                policy.status = _IN_FORCE
            continue
        policy.status = held_requirement(text, sentence, cue, policy.status, policy.measure_type)
    return found


# Papers shown at a check: "show a pass", "scan their identity cards".
_PAPERS = (
    r"(?:[\w'’-]+\s+){0,3}?(?:pass(?:es)?|permits?|(?:identity|id|resident|border)\s+cards?|"
    r"papers|passports?|documents|health\s+codes?)\b"
)
# A present requirement told as new: "now have to", "must now", "are now required to".
_NOW_REQUIRED = (
    r"\b(?:now\s+(?:have|has|need|needs)\s+to|(?:must|(?:are|is)\s+required\s+to|(?:have|has)\s+to)"
    r"\s+now|now\s+must|(?:are|is)\s+now\s+required\s+to)\s+(?:also\s+|first\s+)?"
)
# What a requirement on people at a check asks: to stop, to show papers, to pass
# through a gate.
_AT_A_CHECK = (
    r"(?P<v>stop)\s+(?:at|for)\b",
    r"(?P<v>show|present|scan|produce)\s+" + _PAPERS,
    r"(?P<v>pass|walk)\s+through\b",
)

#: "drivers have had to stop at a barrier and show an identity card", "passengers have had
#: to walk through gates that match their face to their identity card"
OBLIGED_FRAMES: list[MeasureCue] = [
    custom(MEASURE.MovementRestriction, HAD_TO + asked, "had", RULE) for asked in _AT_A_CHECK
] + [
    # the present told as new: "visitors now have to show a pass", "must now stop at the gate"
    custom(MEASURE.MovementRestriction, _NOW_REQUIRED + asked, "now", RULE)
    for asked in _AT_A_CHECK
]

"""The tense a done-deed cue gives its measure: ``are handed over`` is a practice in force,
``were handed over`` was carried out (``policy_tense`` reads the form and auxiliaries).

The kind of measure the verb tells decides how its tense reads: verbs of closing a
closure's aspect, verbs of forbidding a rule's, verbs of one act an action's, verbs of
building a construction's, whatever the measure's own kind. A cue next to the measure's
words is its own verb; one further off may belong to another clause, so only a present
passive there ("the workers are held for two weeks at a quarantine centre") is read, and
only as a standing practice — or a practice told as repeated in the measure's own clause
("have been going from house to house with detection devices every evening": the devices'
crackdown is that routine, ``policy_aspect``).
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE, STATUS

from .context import ArticleContext, distance
from .model import Span
from .policy_aspect import one_clause, repeated
from .policy_tense import ACTION, BUILD, KIND_OF, RULE, STATE, verb_status

#: Verbs of closing give a closure's aspect, verbs of forbidding a rule's, verbs of one act
#: (arrests, seizures) an action's, verbs of building a construction's, whatever the measure
#: (but for the measures nothing is built for, ``_NOT_BUILT``).
_VERB_KIND = (
    (re.compile(r"^(?:closed|sealed|shut|suspended|halted|blocked)\b", re.I), STATE),
    # one act each: "have detained 50 people since January" reports arrests made
    (
        re.compile(r"^(?:arrested|detained|rounded up|confiscated|seized|raided|executed)\b", re.I),
        ACTION,
    ),
    # a thing put up stays put up: "customs installed a scanner" is done, whatever rule the
    # scanner serves
    (
        re.compile(r"^(?:installed|built|erected|constructed|set up|mounted|strung)\b", re.I),
        BUILD,
    ),
    (re.compile(r"^(?:banned|prohibited|forbidden|restricted|required|limited)\b", re.I), RULE),
)


# Measures nothing is put up for: a verb of building near a reward or an order belongs to
# another clause ("cameras have been mounted, and workers have been promised a reward").
_NOT_BUILT = frozenset({str(MEASURE.InformantReward), str(MEASURE.ShootToKillOrder)})


_IN_FORCE_STATUS = str(STATUS.InForce)
_PRESENT_PASSIVE = re.compile(
    r"\b(?:is|are)\s+(?:(?:now|first|also|then|still|normally|routinely|usually|being|\w+ly)\s+)*$",
    re.IGNORECASE,
)


def lexical_status(
    ctx: ArticleContext, sent: int, concept: str, span: Span, measure: Span
) -> str | None:
    """The status of a done-deed cue in its clause's tense, for the kind of measure: in any
    tense for the measure's own verb (inside the cue or right next to it), only a practice
    in force for a present passive further off. The rest of the sentence goes to
    :func:`verb_status` as for a frame's verb: a ``since`` there dates the perfect, and the
    object tells a sweep from a routine check."""
    far = distance(span, measure) > 3
    word = ctx.folded[span.begin : span.end]
    kind = next(
        (
            k
            for pattern, k in _VERB_KIND
            if pattern.match(word) and not (k == BUILD and concept in _NOT_BUILT)
        ),
        KIND_OF.get(concept),
    )
    if kind is None:
        return None
    s = ctx.sentences[sent]
    folded = ctx.folded
    status = verb_status(
        kind, folded[span.begin : span.end], folded[s.begin : span.begin], folded[span.end : s.end]
    )
    if far:
        # a verb away from the measure's words tells only a standing practice, by the
        # present passive ("the workers are held for two weeks at a quarantine centre") or
        # by a frequency in the clause they share ("going from house to house with
        # detection devices every evening")
        present = _PRESENT_PASSIVE.search(folded, max(s.begin, span.begin - 40), span.begin)
        iterated = one_clause(folded, span, measure) and repeated(
            folded[s.begin : span.begin], folded[span.end : s.end]
        )
        return status if status == _IN_FORCE_STATUS and (present or iterated) else None
    return status

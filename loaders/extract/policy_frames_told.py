"""Frames of orders an authority gives residents, told by what they must (not) do.

The measure-type scheme's ``Crackdown`` is enforcement against some activity; articles often
tell one only by the order that opens it: residents told not to wave or shout across the
river, or told to hand in money or weapons they hold. The type comes from the target like
any generic enforcement cue, and the verb of telling gives the status (``were told`` →
Announced). Each needs an authority in the sentence ("a neighbour told her not to wave" is
no measure); the frames run after the phrase cues, so a measure a more specific cue found in
the same words wins. Calling out or throwing across is left out: the gold reads such orders
as often as a movement restriction ("told not to go near the bank or call out to the
farmers"), and the model's proposal there is better than a rule's.
"""

from __future__ import annotations

from borderkg.ontology.namespaces import MEASURE

from .frame_lexicon import custom
from .policy_cues import MeasureCue
from .policy_tense import RULE

_TOLD_WORDS = (
    "told ordered warned instructed asked telling ordering warning instructing asking tells "
    "orders warns"
)
_TOLD = "(?:" + "|".join(_TOLD_WORDS.split()) + ")"
# Between the verb of telling and the infinitive: who was told, by whom, when or where
# ("were told by the police at a meeting in early July"), no clause break.
_BETWEEN = r"(?:\s+[^.;:]{0,90}?)?"

#: Instructions that open a crackdown, typed by their target.
TOLD_FRAMES: list[MeasureCue] = [
    # "residents were told at a meeting not to wave or shout to cars on the Chinese road":
    # greeting the other bank forbidden (a ban on going somewhere is a movement restriction
    # its own cues find: "told not to go near the bank or call out to the farmers")
    custom(
        MEASURE.Crackdown,
        rf"\b{_TOLD}{_BETWEEN}\s+not\s+to\s+(?P<v>wave|shout)\b",
        _TOLD_WORDS,
        RULE,
        needs_authority=True,
        also_when="wave shout",
    ),
    # "residents have been told to hand in any Chinese yuan they hold": holdings surrendered
    custom(
        MEASURE.Crackdown,
        rf"\b{_TOLD}{_BETWEEN}\s+to\s+(?P<v>hand|turn)\s+in\s+(?:any|all|their)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:currency|yuan|dollars|money|cash|rifles?|guns?|weapons?|"
        r"firearms?)\b",
        _TOLD_WORDS,
        RULE,
        needs_authority=True,
        also_when="currency yuan dollars money cash rifle rifles gun guns weapon weapons firearm "
        "firearms",
    ),
]

__all__ = ["TOLD_FRAMES"]

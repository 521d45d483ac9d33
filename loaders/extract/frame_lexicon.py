"""Building blocks of measure frames: how a verb, its object and its inflections are matched.

A frame is written once as lemmas (``morph`` gives every form) and matches the active
(``set up new checkpoints``) and the passive (``houses near the river were demolished``),
with a few words in between; ``custom`` wraps a hand-written pattern. The word classes
here (people, groups, movement, trade) are shared by the frame lists of
``policy_frames`` and ``policy_frames_rules``.
"""

from __future__ import annotations

from .cues import triggers, word_regex
from .morph import BASE, GERUND, THIRD, alternation, first_words, nouns, verb_table, verbs
from .policy_cues import MeasureCue

FILL = (
    r"(?:\d[\d,.]*\d|\d|(?!(?:who|which|that|because|while|when|whereas|if|unless|but|until|"
    r"since|after|before|where|and then|than)\b)[A-Za-z][\w'-]*)"
)
ADV = r"(?:(?:also|now|still|already|recently|reportedly|allegedly|then|all|again|\w+ly)\s+)*"
# The auxiliaries of a passive, and the copulas of a state ("remain shut").
AUX = (
    rf"(?:(?:has|have|had)\s+{ADV}(?:been|remained|stayed)|is|are|am|was|were|be|been|being|"
    r"get|gets|got|remains?|remained|stays?|stayed)"
)
GROUPS = nouns(
    "resident", "family", "household", "villager", "person", "inhabitant", "worker", "trader"
) | {"people"}
PEOPLE = (
    nouns(
        "defector",
        "escapee",
        "refugee",
        "crosser",
        "border crosser",
        "migrant",
        "detainee",
        "deportee",
        "woman",
        "child",
        "individual",
        "asylum seeker",
        "runaway",
        "teenager",
        "girl",
        "boy",
        "fugitive",
        "family member",
    )
    | {"north koreans", "people", "persons", "them", "men", "those", "a group", "another group"}
    | {"group", "groups", "the group", "dozens", "hundreds", "a family", "families"}
)
# Things handed over or sent instead of people: between a verb and "defectors" they make the
# defectors someone else's ("hand over money sent by defectors").
THINGS = (
    r"money|cash|funds|remittances?|goods|parcels?|packages?|letters?|items?|documents?|"
    r"belongings|bodies|body|remains|ashes|phones?|messages?|by"
)
# Where people are handed back to: verbs like "take" or "return" need it to mean that.
TO_NORTH = (
    r"\s+(?:[\w-]+\s+){0,6}?(?:back\s+)?(?:to|into)\s+(?:the\s+)?(?:north\s+korea\b|"
    r"north\b|dprk\b|pyongyang\b|border\b(?!\s+(?:area|region|town|city|village|county))|"
    r"north\s+korean\s+(?:side|authorities|"
    r"security|agents|officials|police|guards|border|state|ministry|hands|custody)|"
    r"ministry\s+of\s+state\s+security|mss\b|state\s+security)"
)
MOVING = (
    r"(?:going|travell?ing|leaving|entering|approaching|visiting|crossing|moving|walking|"
    r"fishing|swimming|boating|returning|staying|coming|bathing|washing|gathering|climbing|"
    r"wandering|driving|sailing|taking\s+(?:their\s+|the\s+)?boats|living|farming|"
    r"grazing|working|loitering|lingering)"
)
# People as the object of a rule: named groups, pronouns, agent nouns ("fishermen", "pickers").
HUMAN = (
    r"(?:residents|people|villagers|locals|citizens|civilians|anyone|everyone|them|those|"
    r"north\s+koreans|women|children|families|households|tourists|visitors|students|"
    r"[a-z]+(?:men|ers|ors|ists|ants|ents))\b"
)
# Particles of phrasal verbs that may follow the object ("send the workers home").
_PARTICLES = frozenset(["home", "back", "over", "up", "down", "in", "out", "off", "away"])
BAN_FORMS = verbs("ban", "prohibit", "forbid", "bar", "block", "restrict", "stop", "prevent")
TRADING = r"(?:import|export|trade|ship|sell|buy|bring\s+in|order|deal\s+in|purchase)"


def gap(n: int, avoid: str = "") -> str:
    """Up to ``n`` words between a verb and its object, none of them one of ``avoid``."""
    fill = rf"(?!(?:{avoid})\b){FILL}" if avoid else FILL
    return rf"(?:\s+{fill}){{0,{n}}}?"


def frame(
    concept: object,
    verb_lemmas: tuple[str, ...],
    objects: frozenset[str] | set[str] | str,
    kind: str,
    reach: int = 4,
    passive_reach: int = 6,
    after: str = "",
    passive: bool = True,
    needs_authority: bool = False,
    also: str = "",
    also_words: str = "",
    object_words: str = "",
    guard: str = "",
    avoid: str = "",
) -> MeasureCue:
    """A cue for ``verb … object`` and ``object … be verbed``; ``after`` must follow;
    ``also`` is a further object pattern (``also_words`` its trigger words). The cue runs
    only on sentences with a verb form and an object word (``object_words`` for an object
    given as a pattern); ``guard`` is a look-behind the active verb must pass; ``avoid`` are
    words that may not stand between the verb and its object (``hand over money sent by
    defectors`` hands over money, not people)."""
    obj = objects if isinstance(objects, str) else alternation(objects)
    heads = "" if isinstance(objects, str) else " ".join({o.split()[-1] for o in objects})
    if also:
        obj = f"(?:{obj}|{also})"
    forms = verbs(*verb_lemmas)
    pattern = rf"{guard}(?P<v>{alternation(forms)}){gap(reach, avoid)}\s+{obj}\b{after}"
    split = [lemma.split() for lemma in verb_lemmas if len(lemma.split()) == 2]
    split = [(head, particle) for head, particle in split if particle in _PARTICLES]
    if split:
        # The particle of a phrasal verb may follow its object: "sent 200 workers home",
        # "handed him back", "tore the houses down".
        moved = verbs(*{head for head, _ in split})
        particles = alternation({particle for _, particle in split})
        pattern += rf"|{guard}(?P<x>{alternation(moved)}){gap(reach, avoid)}\s+{obj}\s+{particles}\b{after}"
    if passive:
        done = frozenset().union(
            *(
                f
                for lemma in verb_lemmas
                for k, f in verb_table(lemma).items()
                if k not in (BASE, THIRD, GERUND)
            )
        )
        pattern += (
            rf"|{obj}\b{gap(passive_reach)}\s+{AUX}\s+{ADV}(?:being\s+)?"
            rf"(?P<w>{alternation(done)})\b{after}"
        )
    needs = object_words or heads
    return MeasureCue(
        str(concept),
        word_regex(pattern),
        True,
        triggers(" ".join(first_words(forms))),
        needs_authority,
        kind,
        triggers(needs + " " + also_words) if needs and not (also and not also_words) else None,
    )


def custom(
    concept: object,
    pattern: str,
    when: str,
    kind: str,
    needs_authority: bool = False,
    also_when: str = "",
    act: bool = False,
) -> MeasureCue:
    """A hand-written frame; its verb, if any, is the named group ``v`` (``w`` passive). It
    runs on sentences with one of the words ``when`` and, if given, one of ``also_when``;
    ``act`` marks one act of enforcement, which joins a measure of its type told before."""
    return MeasureCue(
        str(concept),
        word_regex(pattern),
        True,
        triggers(when),
        needs_authority,
        kind,
        triggers(also_when) if also_when else None,
        act,
    )

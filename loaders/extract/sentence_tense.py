"""The status a sentence's tense gives a measure that has no status verb of its own.

A measure the sentence model finds (``policy_model``) often has no status verb the rules
know, and such a measure used to be in force unless dated in the past. Reporters tell
one-off deeds in the simple past ("Chinese police visited the factories twice this month",
"phones were collected from the evacuees", "a court sentenced four members of a ring") and
standing measures in the present ("customs officers hold visitors' phones", "residents may
leave only …", "have been barred since August"). Without a part-of-speech tagger the test
reads the words: a finite past verb (``was``/``were``, or a past form not after an
auxiliary, an article or a relative pronoun, and not a participle followed by a preposition,
as in "smugglers caught with drugs" or "a cap set by the resolution") in the sentence's main
clauses, no present auxiliary, modal, "now" or "since" there, and no habitual adverb
anywhere that would make it a standing practice. Speech verbs ("said", "told") and the
attribution after the last comma do not count. The perfect tells deeds and states alike
("have been moved off the island", "have been confined to their flat"), so
``told_in_perfect`` reads its participle: a deed is carried out, a promise or an order
("have been promised a sack of rice") announced, a state left to the default. A measure the
rules find by its noun keeps its default: the sentence's verb is often not its own
("arrested … for selling passes that let smugglers out after the curfew").
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import STATUS

from .attribution_lexicon import VERBS as SPEECH_VERBS
from .morph import IRREGULAR_PAST

_SPEECH = frozenset(v for v in SPEECH_VERBS.split("|") if " " not in v)
_PRESENT = re.compile(
    r"\b(?:is|are|am|has|have|'ve|may|must|can|cannot|now|no\s+longer|since|still|remains?|"
    r"needs?)\b",
    re.IGNORECASE,
)
_HABIT = re.compile(
    r"\b(?:until\s+further\s+notice|used\s+to|each\s+time|whenever|routinely|as\s+a\s+matter\s+"
    r"of\s+course|weekly|(?-i:daily)|already|(?:is|are)\s+being|(?:every|each)\s+"
    r"(?:day|week|month|year|evening|night|morning|\w+day|time|anniversary|holiday|trip|shift|"
    r"visit))\b",
    re.IGNORECASE,
)
# Subordinate clauses up to their next comma: their verbs tell background, not the deed.
_SUBORDINATE = re.compile(
    r"\b(?:who|which|that|whom|whose|where|when|after|before|because|as|while|until|once)\b"
    r"[^,;]*",
    re.IGNORECASE,
)
# The attribution closing a sentence: ", a source in Hyesan told Daily NK".
_ATTRIBUTION = re.compile(
    r",\s*(?:according\s+to\b[^,]*|[^,]{0,80}\b(?:said|says|told|added|reported)(?:\s+[\w’']+){0,3})$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_FINITE_AFTER = _words(
    "has have had been be being is are 've to who which that the a an its their his her our "
    "every each any all no some this these those many several"
)
_ADVERB = re.compile(r"\w+ly|first|also|already|just|then|long|never|not|since|once|later")
# States, not deeds: "had first needed an exit permit".
_STATES = _words("needed required wanted lived owned belonged seemed")
_PREPOSITIONS = _words(
    "by with on in at from for under to into off as during near after before over up"
)
_PAST_BE = frozenset({"was", "were"})
_CARRIED_OUT, _ANNOUNCED = str(STATUS.CarriedOut), str(STATUS.Announced)


def _past_form(word: str) -> bool:
    """A past tense or participle: "visited", "sent" (not a short "-ed" noun like "bed")."""
    return (word.endswith("ed") and len(word) > 4) or word in IRREGULAR_PAST


def _finite_past(clause: str) -> bool:
    """A finite past verb in ``clause``: ``was``/``were`` or a past form in verb position."""
    words = list(_WORD.finditer(clause))
    for i, match in enumerate(words):
        word = match.group(0).lower()
        if word in _PAST_BE:
            return True
        if word in _SPEECH or word in _STATES or not _past_form(word):
            continue
        j = i - 1
        while j >= 0 and _ADVERB.fullmatch(words[j].group(0).lower()):
            j -= 1
        prev = words[j].group(0).lower() if j >= 0 else ""
        nxt = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
        if prev in _NOT_FINITE_AFTER or nxt in _PREPOSITIONS:
            continue
        return True
    return False


def told_as_done(sentence: str) -> bool:
    """Whether ``sentence`` narrates a deed in the simple past, with nothing present or
    habitual in it that would make the measure a standing one."""
    body = _ATTRIBUTION.sub("", sentence.rstrip(" .”\"’'"))
    if _HABIT.search(body):
        return False
    main = _SUBORDINATE.sub("", body)
    if _PRESENT.search(main):
        return False
    return _finite_past(main)


_PERFECT = re.compile(
    r"\b(?:has|have|'ve)\s+(?:(?:\w+ly|also|already|just)\s+)*"
    r"(?:been\s+(?:(?:\w+ly|also)\s+)*)?(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
# What keeps a perfect standing: "have been kept in port since the summer", "may now …".
_STANDING = re.compile(
    r"\b(?:since|for\s+the\s+(?:past|last)|now|still|no\s+longer|may|must|can|cannot|is|are|"
    r"am|remains?)\b",
    re.IGNORECASE,
)
# Participles that leave a state behind ("have been confined to their flat", "has set a
# limit"): the measure stands, whatever the tense.
_RESULT_STATES = _words(
    "kept confined locked held barred banned closed sealed allowed required limited restricted "
    "forbidden prohibited set shut suspended capped stopped refused denied had needed let made "
    "placed put left cut"
)
# Promises and orders told in the perfect are news of a measure: "residents have been
# promised a sack of rice for each tip", "the police have asked every restaurant to …".
_ANNOUNCING = _words("promised offered told asked ordered instructed")


def told_in_perfect(sentence: str) -> str | None:
    """The status a sentence told in the present perfect gives its measure: announced for a
    promise or an order ("have been promised 2,000 yuan for each tip"), carried out for a
    deed that leaves no state behind ("have moved seven families away from the river", "a
    court has sentenced three smugglers"), None for a standing measure (a participle of a
    state such as "kept" or "barred", or a "since", "now" or modal in the main clauses)."""
    body = _ATTRIBUTION.sub("", sentence.rstrip(" .”\"’'"))
    if _HABIT.search(body):
        return None
    main = _SUBORDINATE.sub("", body)
    perfect = _PERFECT.search(main)
    if perfect is None or _STANDING.search(main):
        return None
    verb = perfect.group("verb").lower()
    if verb in _ANNOUNCING:
        return _ANNOUNCED
    if verb in _RESULT_STATES or verb in _SPEECH or verb in _STATES:
        return None
    return _CARRIED_OUT if _past_form(verb) else None


def narrated_status(sentence: str) -> str | None:
    """The status the tense of ``sentence`` gives a measure that has no status verb of its
    own: carried out for a deed narrated in the past or the perfect, announced for a promise
    or an order in the perfect, None where the tense says nothing beyond the default."""
    if told_as_done(sentence):
        return _CARRIED_OUT
    return told_in_perfect(sentence)

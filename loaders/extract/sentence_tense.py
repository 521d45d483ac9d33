"""Whether a sentence tells of a deed done: past narration with nothing present about it.

A measure the sentence model finds (``policy_model``) often has no status verb the rules
know, and such a measure used to be in force unless dated in the past. Reporters tell one-off deeds
in the simple past ("Chinese police visited the factories twice this month", "phones were
collected from the evacuees", "a court sentenced four members of a ring") and standing
measures in the present ("customs officers hold visitors' phones", "residents may leave
only …", "have been barred since August"). Without a part-of-speech tagger the test reads
the words: a finite past verb (``was``/``were``, or a past form not after an auxiliary,
an article or a relative pronoun, and not a participle followed by a preposition, as in
"smugglers caught with drugs" or "a cap set by the resolution") in the sentence's main
clauses, and no present auxiliary, modal, "now", "since" or habitual adverb anywhere that
would make it a standing practice. Speech verbs ("said", "told") and the attribution after
the last comma do not count. The perfect ("have been moved", "have been confined") is left
alone: it tells deeds and states alike. A measure the rules find by its noun keeps its
default: the sentence's verb is often not its own ("arrested … for selling passes that let
smugglers out after the curfew").
"""

from __future__ import annotations

import re

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
    r"of\s+course|weekly|(?-i:daily)|already|(?:is|are)\s+being|(?:every|each)\s+(?:day|week|month|year|"
    r"evening|night|morning|\w+day|time|anniversary|holiday|trip|shift|visit))\b",
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
_NOT_FINITE_AFTER = frozenset(
    [
        "has",
        "have",
        "had",
        "been",
        "be",
        "being",
        "is",
        "are",
        "'ve",
        "to",
        "who",
        "which",
        "that",
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "every",
        "each",
        "any",
        "all",
        "no",
        "some",
        "this",
        "these",
        "those",
        "many",
        "several",
    ]
)
_ADVERB = re.compile(r"\w+ly|first|also|already|just|then|long|never|not|since|once|later")
# States, not deeds: "had first needed an exit permit".
_STATES = frozenset({"needed", "required", "wanted", "lived", "owned", "belonged", "seemed"})
_PREPOSITIONS = frozenset(
    [
        "by",
        "with",
        "on",
        "in",
        "at",
        "from",
        "for",
        "under",
        "to",
        "into",
        "off",
        "as",
        "during",
        "near",
        "after",
        "before",
        "over",
        "up",
    ]
)
_PAST_BE = frozenset({"was", "were"})


def _finite_past(clause: str) -> bool:
    """A finite past verb in ``clause``: ``was``/``were`` or a past form in verb position."""
    words = list(_WORD.finditer(clause))
    for i, match in enumerate(words):
        word = match.group(0).lower()
        if word in _PAST_BE:
            return True
        if (
            word in _SPEECH
            or word in _STATES
            or not ((word.endswith("ed") and len(word) > 4) or word in IRREGULAR_PAST)
        ):
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

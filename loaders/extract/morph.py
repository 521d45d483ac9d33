"""English inflection for cue lexicons: every form of a lemma, and the form a word has.

The blank spaCy pipeline has no lemmatizer, and the cue lexicons are regular expressions.
Instead of reducing each word of an article to a lemma, the lexicons are written as lemmas
(``install``, ``send back``, ``fence``) and expanded here into all their surface forms
(``installs installed installing``; ``sends back``, ``sent back``; ``fences``), so that a
cue written once also matches phrasing never seen before. The regular rules (``-s``/``-es``
/``-ies``, ``-ed`` with e-drop, y→i and consonant doubling, ``-ing``) cover most verbs; the
irregular ones the domain needs are listed. ``form_of`` tells which form a matched verb
has (base, third person, past, participle, gerund), which is what the status of a measure
depends on (``policy_tense``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

# past, past participle (base form omitted: it is the key)
_IRREGULAR: dict[str, tuple[str, str]] = {
    "beat": ("beat", "beaten"),
    "begin": ("began", "begun"),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "bring": ("brought", "brought"),
    "build": ("built", "built"),
    "buy": ("bought", "bought"),
    "catch": ("caught", "caught"),
    "cut": ("cut", "cut"),
    "dig": ("dug", "dug"),
    "drive": ("drove", "driven"),
    "feed": ("fed", "fed"),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "got"),
    "give": ("gave", "given"),
    "hang": ("hung", "hung"),
    "hide": ("hid", "hidden"),
    "hold": ("held", "held"),
    "keep": ("kept", "kept"),
    "lay": ("laid", "laid"),
    "lead": ("led", "led"),
    "let": ("let", "let"),
    "light": ("lit", "lit"),
    "lose": ("lost", "lost"),
    "make": ("made", "made"),
    "oversee": ("oversaw", "overseen"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "rebuild": ("rebuilt", "rebuilt"),
    "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "set": ("set", "set"),
    "shine": ("shone", "shone"),
    "shoot": ("shot", "shot"),
    "shut": ("shut", "shut"),
    "spend": ("spent", "spent"),
    "spread": ("spread", "spread"),
    "stand": ("stood", "stood"),
    "string": ("strung", "strung"),
    "strike": ("struck", "struck"),
    "sweep": ("swept", "swept"),
    "take": ("took", "taken"),
    "tear": ("tore", "torn"),
    "tell": ("told", "told"),
    "throw": ("threw", "thrown"),
    "undertake": ("undertook", "undertaken"),
    "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"),
}
#: Past forms and participles of the irregular verbs (``flew``, ``flown``), for telling tense.
IRREGULAR_PAST: frozenset[str] = frozenset(f for forms in _IRREGULAR.values() for f in forms)
_VOWELS = "aeiou"
_IRREGULAR_PLURAL = {"child": "children", "person": "people", "foot": "feet"}
# Verbs whose final consonant doubles although the last syllable is unstressed are rare;
# these stressed-final ones double (``ban`` → ``banned``, ``permit`` → ``permitted``).
_DOUBLE = frozenset(
    [
        "ban",
        "bar",
        "cap",
        "dam",
        "drag",
        "drop",
        "grab",
        "jam",
        "nab",
        "plan",
        "plug",
        "rob",
        "ship",
        "stop",
        "tap",
        "trap",
        "wrap",
        "permit",
        "commit",
        "submit",
        "admit",
        "equip",
        "patrol",
        "control",
        "expel",
        "compel",
        "refer",
        "transfer",
        "deter",
        "occur",
        "prefer",
        "confer",
        "incur",
        "regret",
        "upset",
    ]
)

BASE, THIRD, PAST, PARTICIPLE, GERUND = "base", "third", "past", "participle", "gerund"


def _double(verb: str) -> bool:
    if verb in _DOUBLE:
        return True
    # one-syllable consonant-vowel-consonant verbs: "stop", "ban", not "seal", "fix"
    return (
        len(verb) >= 3
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
        and sum(c in _VOWELS for c in verb) == 1
    )


def _third(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _ed(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    if _double(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _ing(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if _double(verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


@cache
def verb_table(lemma: str) -> dict[str, frozenset[str]]:
    """The forms of a verb by kind; a phrasal verb (``send back``) inflects its first word."""
    head, _, rest = lemma.partition(" ")
    tail = " " + rest if rest else ""
    past, participle = _IRREGULAR.get(head, (_ed(head), _ed(head)))
    table = {
        BASE: {head},
        THIRD: {_third(head)},
        PAST: {past},
        PARTICIPLE: {participle},
        GERUND: {_ing(head)},
    }
    if head.endswith("ise"):  # British and American spellings: "mobilise", "mobilize"
        for forms in table.values():
            forms |= {f.replace("is", "iz", 1) for f in forms if "is" in f}
    if head.startswith("re") and len(head) > 4 and head[2] in _VOWELS:
        # "reopen" is also written "re-open", "reimpose" "re-impose"
        for forms in table.values():
            forms |= {"re-" + f[2:] for f in forms}
    return {kind: frozenset(f + tail for f in forms) for kind, forms in table.items()}


def verb_forms(lemma: str) -> frozenset[str]:
    """Every surface form of a verb: ``close`` → close, closes, closed, closing."""
    return frozenset().union(*verb_table(lemma).values())


@cache
def noun_forms(lemma: str) -> frozenset[str]:
    """Singular and plural of a noun (of the last word of a compound)."""
    *front, head = lemma.split(" ")
    if head in _IRREGULAR_PLURAL:
        plural = _IRREGULAR_PLURAL[head]
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        plural = head + "es"
    elif head.endswith("y") and head[-2] not in _VOWELS:
        plural = head[:-1] + "ies"
    elif head.endswith("man"):
        plural = head[:-3] + "men"
    else:
        plural = head + "s"
    prefix = " ".join(front) + " " if front else ""
    return frozenset({prefix + head, prefix + plural})


def alternation(forms: set[str] | frozenset[str]) -> str:
    """A regular expression matching any of the literal forms (spaces flexible).

    The forms are merged into a prefix tree (``install(?:ed|ing|s)?``): Python's engine
    tries the branches of a flat alternation one by one at every position, a tree only
    where the prefix matches — several times faster for the long verb lists of frames.
    Longer forms are tried before their prefixes, so the longest form matches.
    """
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for char in form.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def verbs(*lemmas: str) -> frozenset[str]:
    """All forms of several verbs."""
    return frozenset().union(*(verb_forms(lemma) for lemma in lemmas))


def nouns(*lemmas: str) -> frozenset[str]:
    """Singular and plural of several nouns."""
    return frozenset().union(*(noun_forms(lemma) for lemma in lemmas))


@lru_cache(maxsize=4096)
def form_of(word: str, lemma: str) -> frozenset[str]:
    """Which kinds of form of ``lemma`` the word is (``put`` is base, past and participle)."""
    normal = " ".join(word.lower().split())
    return frozenset(kind for kind, forms in verb_table(lemma).items() if normal in forms)


def first_words(forms: set[str] | frozenset[str]) -> frozenset[str]:
    """The first words of a set of forms, lower-case: the trigger words of a cue (a sentence's
    words are runs of letters, so ``re-open`` is triggered by ``re``)."""
    return frozenset(f.split(" ", 1)[0].split("-", 1)[0].lower() for f in forms)

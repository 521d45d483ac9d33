"""Cheap pre-filters: run a cue's regular expression only on sentences that can match it.

Python regular expressions are slow to scan whole articles with dozens of lexicons. Each
lexicon entry therefore names *trigger* words — every match contains at least one — and
each sentence's set of lower-case words is built once. A set intersection (and, for
prefix triggers such as ``repatriat*``, a set of the prefixes each sentence contains)
decides whether the regular expression runs at all.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .model import Span

NUMBER = "#num"
YEAR = "#year"
_WORDS = re.compile(r"[a-z]+|\$")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Triggers:
    """Words (exact) and prefixes, any of which a sentence must contain."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def __post_init__(self) -> None:
        _register(self.prefixes)

    def __reduce__(self) -> tuple[type[Triggers], tuple[frozenset[str], tuple[str, ...]]]:
        # rebuilt by the constructor (an unpickled or copied one is registered too)
        return Triggers, (self.words, self.prefixes)


# Every prefix trigger made so far, so a sentence can find all of those it contains at once:
# a prefix ``" " + stem`` of three or more letters is looked up by the first three letters
# of each word (it is in the ``joined`` words exactly when it begins one of them); any other
# (short, or not one word) is tested as a substring. ``_VERSION`` counts registrations, so a
# sentence's cached set is rebuilt if a prefix is made after it.
_BY_HEAD: dict[str, list[tuple[str, str]]] = {}
_OTHER: list[str] = []
_KNOWN: set[str] = set()
_VERSION = [0]
_STEM = re.compile(r" [a-z$]{3,}")


def _register(prefixes: tuple[str, ...]) -> None:
    for prefix in prefixes:
        if prefix in _KNOWN:
            continue
        _KNOWN.add(prefix)
        if _STEM.fullmatch(prefix):
            _BY_HEAD.setdefault(prefix[1:4], []).append((prefix[1:], prefix))
        else:
            _OTHER.append(prefix)
        _VERSION[0] += 1  # after the prefix can be found: a set built since holds it


def triggers(spec: str) -> Triggers:
    """Triggers from ``"camera cameras repatriat* #num"`` (``*`` marks a prefix)."""
    words: set[str] = set()
    prefixes: list[str] = []
    for word in spec.lower().split():
        if word.endswith("*"):
            prefixes.append(" " + word[:-1])
        else:
            words.add(word)
    return Triggers(frozenset(words), tuple(prefixes))


class SentenceWords:
    """For each sentence: its lower-case words and markers for numbers and years.

    Each sentence also keeps (built on first use) the set of all prefix triggers its
    ``joined`` words contain: a set test instead of a substring scan per prefix.
    """

    def __init__(self, folded: str, sentences: list[Span]) -> None:
        self.sets: list[frozenset[str]] = []
        self.joined: list[str] = []
        self._plain: list[set[str]] = []
        for sent in sentences:
            chunk = folded[sent.begin : sent.end].lower()
            words = _WORDS.findall(chunk)
            found = set(words)
            self._plain.append(found)
            if _DIGIT.search(chunk):
                found = found | {NUMBER}
                if _YEAR.search(chunk):
                    found.add(YEAR)
            self.sets.append(frozenset(found))
            self.joined.append(" " + " ".join(words))
        self._starts = [s.begin for s in sentences]
        self._beginnings: list[frozenset[str] | None] = [None] * len(sentences)
        self._version = _VERSION[0]

    def beginnings(self, sentence: int) -> frozenset[str]:
        """Every prefix trigger made so far that is in the sentence's ``joined`` words."""
        if self._version != _VERSION[0]:
            self._beginnings = [None] * len(self._beginnings)
            self._version = _VERSION[0]
        found = self._beginnings[sentence]
        if found is None:
            joined = self.joined[sentence]
            out = {prefix for prefix in _OTHER if prefix in joined}
            for word in self._plain[sentence]:
                heads = _BY_HEAD.get(word[:3])
                if heads is not None:
                    out.update([prefix for stem, prefix in heads if word.startswith(stem)])
            found = self._beginnings[sentence] = frozenset(out)
        return found

    def has(self, sentence: int, wanted: Triggers) -> bool:
        """Whether a sentence contains one of the trigger words or prefixes."""
        if not self.sets[sentence].isdisjoint(wanted.words):
            return True
        if not wanted.prefixes:
            return False
        return not self.beginnings(sentence).isdisjoint(wanted.prefixes)

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence a text offset falls in."""
        return max(0, bisect.bisect_right(self._starts, pos) - 1)


def anchored(
    pattern: re.Pattern[str], anchors: tuple[str, ...], text: str, lower: str
) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``text`` that start at one of the ``anchors`` (lower-case
    words) of ``lower`` (the lower-cased text): looking up a few plain words is far faster
    than a case-insensitive scan for the whole pattern."""
    if len(lower) != len(text):  # lower-casing changed offsets: scan the text itself
        return list(pattern.finditer(text))
    out: list[re.Match[str]] = []
    for word in anchors:
        at = lower.find(word)
        while at >= 0:
            if at == 0 or not lower[at - 1].isalnum():
                m = pattern.match(text, at)
                if m:
                    out.append(m)
            at = lower.find(word, at + 1)
    out.sort(key=lambda m: m.start())
    return out


def word_regex(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile a cue that starts at a word: the look-behind lets the engine skip mid-word
    positions quickly, which halves the time of large alternations."""
    return re.compile(rf"(?<![A-Za-z0-9])(?:{pattern})", flags)


class TriggerIndex:
    """Which entries of a lexicon a sentence can fire, found by set operations."""

    def __init__(self, entries: list[Triggers]) -> None:
        self.words: dict[str, set[int]] = {}
        self.prefixes: dict[str, set[int]] = {}
        for i, t in enumerate(entries):
            for word in t.words:
                self.words.setdefault(word, set()).add(i)
            for p in t.prefixes:
                self.prefixes.setdefault(p, set()).add(i)
        self._keys = frozenset(self.words)
        self._prefix_keys = frozenset(self.prefixes)

    def fired(self, words: SentenceWords, sentence: int) -> list[int]:
        """Indices (in lexicon order) of the entries the sentence may match."""
        hits: set[int] = set()
        for word in words.sets[sentence] & self._keys:
            hits |= self.words[word]
        if self._prefix_keys:
            for prefix in words.beginnings(sentence) & self._prefix_keys:
                hits |= self.prefixes[prefix]
        return sorted(hits)

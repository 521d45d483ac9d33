"""Faster search for large cue alternations: try them only where a match can begin.

A cue pattern built by ``cues.word_regex`` can only match at the start of a word, and its
alternatives begin with literal words (``is set to``, ``remained``, ``put up``). Python's
``re`` tries every alternative at every word start; this module reads the pattern once
(``re._parser``) for the literal prefixes every match must begin with, finds the word starts
that begin with one of them, and runs ``pattern.match`` there only. The matches are exactly
those of ``pattern.finditer`` (leftmost first, not overlapping); a pattern whose matches
cannot be anchored so (a match may begin with ``\\w`` or be empty) is searched as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:  # the parser moved in Python 3.11
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: How many literal characters of a match's beginning are used to find where to try it.
PREFIX_LENGTH = 8
_WORD_START = "(?<![A-Za-z0-9])"
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}


def literal_prefixes(
    pattern: re.Pattern[str], limit: int = PREFIX_LENGTH
) -> tuple[str, ...] | None:
    """Lower-case literal beginnings (up to ``limit`` characters) one of which every match of
    a word-start pattern has, or None when they cannot be told."""
    if not pattern.pattern.startswith(_WORD_START) or not pattern.flags & re.IGNORECASE:
        return None
    found = _prefixes(list(_sre_parse.parse(pattern.pattern, pattern.flags)), "", limit)
    if not found or any(not p[0].isascii() or not p[0].isalnum() for p in found):
        return None
    return tuple(sorted(found))


def _prefixes(items: list[Any], acc: str, limit: int) -> set[str] | None:
    """Prefixes of a sequence of parsed items, given the ``acc`` matched so far."""
    if len(acc) >= limit:
        return {acc[:limit]}
    if not items:
        return {acc} if acc else None
    op, av = items[0]
    rest = items[1:]
    if op == _c.LITERAL:
        return _prefixes(rest, acc + chr(av).lower(), limit)
    if op in _ZERO_WIDTH:
        return _prefixes(rest, acc, limit)
    if op == _c.SUBPATTERN:
        return _prefixes(list(av[-1]) + rest, acc, limit)
    if op == _c.BRANCH:
        return _union(_prefixes(list(branch) + rest, acc, limit) for branch in av[1])
    if op == _c.IN and all(kind == _c.LITERAL for kind, _ in av):
        return _union(_prefixes(rest, acc + chr(ch).lower(), limit) for _, ch in av)
    if op in _REPEATS:
        low, _high, body = av
        # one pass of the body, its beginning only (a second pass may follow, not ``rest``)
        once = _prefixes(list(body), acc, limit)
        if low >= 1:
            return once
        return _union([once, _prefixes(rest, acc, limit)])
    return {acc} if acc else None


def _union(parts: Any) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    return out


def _trie(words: tuple[str, ...]) -> str:
    """An alternation of ``words`` with common beginnings factored out (``be(?:en|ing)``):
    the engine then tests one character per branch, not each word in turn."""
    if "" in words:
        return ""  # a shorter prefix already matches whatever follows
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    parts = [re.escape(head) + _trie(tuple(tails)) for head, tails in sorted(heads.items())]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


class AnchoredPattern:
    """A compiled cue pattern searched only at the word starts its matches can begin at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.prefixes = literal_prefixes(pattern)
        self._starts: re.Pattern[str] | None = None
        if self.prefixes is not None:
            # the prefixes as a trie-shaped look-ahead (one word start's prefix must not hide
            # the next word's): a cheap search in C
            self._starts = re.compile(_WORD_START + "(?=" + _trie(self.prefixes) + ")", re.I)

    def finditer(self, text: str, begin: int, end: int) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text, begin, end)``, found faster."""
        if self._starts is None:
            yield from self.pattern.finditer(text, begin, end)
            return
        last = begin
        match = self.pattern.match
        for start in self._starts.finditer(text, begin, end):
            at = start.start()
            if at < last:
                continue
            m = match(text, at, end)
            if m is not None:
                yield m
                last = m.end()


_BACK_WORDS: dict[int, re.Pattern[str]] = {}


def words_before(text: str, lo: int, pos: int, words: int) -> int:
    """The earliest start in ``text[lo:pos]`` of at most ``words`` words (runs of ``[\\w'.-]``)
    each followed by white space and together ending at ``pos``.

    A phrase pattern made of such words before a head word at ``pos`` cannot match from
    any earlier position, so searching from here finds what searching from ``lo`` finds,
    without trying every word start before it.
    """
    back = _BACK_WORDS.get(words)
    if back is None:
        back = _BACK_WORDS[words] = re.compile(rf"(?:\s+[\w'.-]+){{0,{words}}}")
    found = back.match(text[lo:pos][::-1])
    return pos - (found.end() if found else 0)

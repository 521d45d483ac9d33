"""Length-preserving text folding, so matching can ignore typography without losing offsets.

The extractor matches on a *folded* copy of the article text: diacritics stripped
(``ŏ`` → ``o``), curly quotes and apostrophes straightened, every dash turned into ``-``.
Each character maps to exactly one character, so an offset into the folded text is the
same offset into the original — every span's anchor is still ``text[begin:end]``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u02bc": "'",
    "\u0060": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _PUNCT_FOLD:
        return _PUNCT_FOLD[char]
    if char.isascii():
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Only a one-character base keeps offsets aligned; anything else stays as it is.
    return base if len(base) == 1 else char


_TABLE: dict[int, str] = {}


def fold(text: str) -> str:
    """Fold typography and diacritics, one output character per input character.

    An article has few distinct non-ASCII characters, so one ``str.replace`` per character
    that changes is far cheaper than ``str.translate`` over the whole text; the result is
    the same unless a replacement is itself replaced (then ``translate`` is used).
    """
    if text.isascii():
        return text
    changes: dict[str, str] = {}
    for char in set(text):
        code = ord(char)
        if code > 127:
            folded = _TABLE.get(code)
            if folded is None:
                folded = _TABLE[code] = _fold_char(char)
            if folded != char:
                changes[char] = folded
    if not changes.keys().isdisjoint(changes.values()):
        return text.translate(_TABLE)
    for char, folded in changes.items():
        text = text.replace(char, folded)
    return text


def has_upper(text: str) -> bool:
    """Whether a string contains an upper-case letter."""
    return any(c.isupper() for c in text)


def is_acronym(label: str) -> bool:
    """Whether a label is a short all-capitals abbreviation such as ``MSS`` or ``UNHCR``."""
    letters = [c for c in label if c.isalpha()]
    return 2 <= len(letters) <= 7 and all(c.isupper() for c in letters) and " " not in label


def clean_label(text: str) -> str:
    """A label as printed: inner whitespace collapsed, surrounding punctuation trimmed."""
    return re.sub(r"\s+", " ", text).strip(" ,.;:'\"()[]")

"""What a user types into the search box, made into a safe SQLite FTS5 query, and snippets.

Users write words, ``"quoted phrases"`` and ``prefix*``; every term must match (AND).
Anything else FTS5 would read as syntax — stray or curly quotes, ``AND``/``OR``/``NOT``/
``NEAR``, column filters (``title:``), parentheses, ``^``, ``+``, ``-`` — is taken as plain
words: each term is passed to FTS5 as a quoted string, which FTS5 only tokenizes, never parses.
"""

from __future__ import annotations

import html
import re

#: Longest query text read; the rest is ignored (a search box, not a document).
MAX_QUERY_CHARS = 1000
#: Most terms (words, phrases, prefixes) used from one query; later ones are ignored.
MAX_TERMS = 24

#: Snippet markers FTS5 puts around matches: control characters that indexed text never
#: holds (``clean_text`` removes them), so they survive HTML escaping unambiguously.
MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"
ELLIPSIS = "…"

_CURLY_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_PHRASE = re.compile(r'"([^"]*)"')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _has_token(text: str) -> bool:
    """Whether FTS5's unicode61 tokenizer finds a token in ``text`` (letters and digits)."""
    return any(ch.isalnum() for ch in text)


def _quote(text: str) -> str:
    """An FTS5 string: FTS5 tokenizes what is inside, and reads no operator in it."""
    return '"' + text.replace('"', '""') + '"'


def _word_term(word: str) -> str | None:
    """One unquoted word as an FTS5 term: a prefix term if it ends in ``*``."""
    prefix = word.endswith("*")
    word = word.replace("*", " ").strip()
    if not _has_token(word):
        return None
    return _quote(word) + (" *" if prefix else "")


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for a user's query, or ``None`` if it holds no word.

    >>> fts_query('fence "Yalu River" hye* AND (')
    '"fence" "Yalu River" "hye" * "AND"'
    """
    text = text[:MAX_QUERY_CHARS].encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    text = _CONTROL.sub(" ", text.translate(_CURLY_QUOTES))
    terms: list[str] = []
    position = 0
    pieces: list[tuple[str, bool]] = []  # (text, is a phrase)
    for match in _PHRASE.finditer(text):
        pieces.append((text[position : match.start()], False))
        pieces.append((match.group(1), True))
        position = match.end()
    pieces.append((text[position:], False))
    for piece, phrase in pieces:
        if phrase:
            words = piece.replace("*", " ").strip()
            if _has_token(words):
                terms.append(_quote(words))
            continue
        for word in piece.replace('"', " ").split():
            term = _word_term(word)
            if term is not None:
                terms.append(term)
    terms = list(dict.fromkeys(terms))[:MAX_TERMS]
    return " ".join(terms) if terms else None


def clean_text(text: str) -> str:
    """Text as it is indexed: control characters (the snippet markers among them) removed."""
    return _CONTROL.sub(" ", text)


def snippet_html(raw: str | None) -> str:
    """An FTS5 snippet made HTML: the text escaped, matches in ``<mark>…</mark>``."""
    if not raw:
        return ""
    escaped = html.escape(raw, quote=False)
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def has_mark(raw: str | None) -> bool:
    """Whether an FTS5 snippet highlights a match."""
    return bool(raw) and MARK_OPEN in raw

"""The terminals of SPARQL text, for reading updates before they run.

The token grammar is :data:`borderkg.querytext.TOKEN`, the one the query URL reads
queries with, so a keyword inside a string, an IRI or a comment is never taken for one
by either. Here tokens come as a list, with brackets and punctuation as their own kinds.
"""

from __future__ import annotations

from dataclasses import dataclass

from borderkg.querytext import LOCAL_ESCAPE, SCHEME, TOKEN, unescape_iri

__all__ = [
    "LOCAL_ESCAPE",
    "SCHEME",
    "Token",
    "UpdateTextError",
    "line_column",
    "tokenize",
    "unescape_iri",
]


class UpdateTextError(Exception):
    """The text cannot be an update: a lexical error the engine would also refuse.

    ``line`` and ``column`` are 1-based.
    """

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"error at {line}:{column}: {message}")
        self.line, self.column = line, column


@dataclass(frozen=True)
class Token:
    """One terminal: its kind (``word``, ``iri``, ``pname``, ``var``, ``{`` …) and place."""

    kind: str
    text: str
    start: int
    end: int


# querytext tells long strings and brackets apart; here a string is a string and a bracket,
# like any punctuation, is its own kind.
_KINDS = {"lstring": "string", "bracket": "other"}


def tokenize(text: str) -> list[Token]:
    """The terminals of ``text``, without white space and comments."""
    tokens: list[Token] = []
    pos, end = 0, len(text)
    while pos < end:
        match = TOKEN.match(text, pos)
        assert match is not None  # "other" matches any character
        kind = _KINDS.get(match.lastgroup or "other", match.lastgroup or "other")
        stop = match.end()
        if kind == "other":
            char = text[pos]
            if char in "'\"":
                raise UpdateTextError("unterminated string", *line_column(text, pos))
            kind = char
        if kind not in ("ws", "comment"):
            tokens.append(Token(kind, text[pos:stop], pos, stop))
        pos = stop
    return tokens


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

"""The terminals of SPARQL text, for reading updates before they run.

The token grammar is :data:`borderkg.querytext.TOKEN`, the one the query URL reads
queries with, so a keyword inside a string, an IRI or a comment is never taken for one
by either. Here tokens come as a list, with brackets and punctuation as their own kinds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import pyoxigraph as ox

from borderkg.querytext import LOCAL_ESCAPE, SCHEME, TOKEN, unescape_iri

__all__ = [
    "LOCAL_ESCAPE",
    "SCHEME",
    "Token",
    "UpdateTextError",
    "line_column",
    "resolve_iri",
    "service_targets",
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


def resolve_iri(iri: str, base: str | None) -> str:
    """``iri`` resolved against ``base`` as Oxigraph resolves it (RFC 3986)."""
    if base is None or SCHEME.match(iri):
        return iri
    try:
        document = f"<{iri}> <urn:x:p> <urn:x:o> .".encode()
        return next(iter(ox.parse(document, ox.RdfFormat.TURTLE, base_iri=base))).subject.value
    except (SyntaxError, ValueError, StopIteration):
        return urljoin(base, iri)


def service_targets(tokens: list[Token], prefixes: Mapping[str, str]) -> tuple[list[str], bool]:
    """The ``SERVICE`` endpoints of a token list, and whether one could not be resolved.

    Prefixed names resolve with the ``PREFIX`` declarations made before them (over
    ``prefixes``, the predeclared ones), IRIs against ``BASE``; a variable is given as
    written (``?x``).
    """
    known, base = dict(prefixes), None
    found: list[str] = []
    unresolved = False
    for index, token in enumerate(tokens):
        word = token.text.upper() if token.kind == "word" else ""
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if word == "PREFIX" and nxt is not None and index + 2 < len(tokens):
            iri = tokens[index + 2]
            if nxt.kind == "pname" and iri.kind == "iri":
                known[nxt.text[:-1]] = resolve_iri(unescape_iri(iri.text[1:-1]), base)
        elif word == "BASE" and nxt is not None and nxt.kind == "iri":
            base = resolve_iri(unescape_iri(nxt.text[1:-1]), base)
        elif word == "SERVICE":
            offset = 2 if nxt is not None and nxt.text.upper() == "SILENT" else 1
            target = tokens[index + offset] if index + offset < len(tokens) else None
            if target is not None and target.kind == "iri":
                found.append(resolve_iri(unescape_iri(target.text[1:-1]), base))
            elif (
                target is not None
                and target.kind == "pname"
                and target.text.partition(":")[0] in known
            ):
                prefix, _, local = target.text.partition(":")
                found.append(known[prefix] + LOCAL_ESCAPE.sub(r"\1", local))
            elif target is not None and target.kind == "var":
                found.append(target.text)
            else:
                unresolved = True
    return found, unresolved

"""The terminals of SPARQL text: a small lexer for reading updates before they run.

Comments, short and long strings, IRIs, prefixed names, blank node labels, language tags,
variables, words, numbers and single punctuation characters, as the SPARQL grammar's
terminals define them, so that a keyword inside a string, an IRI or a comment is never
taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import pyoxigraph as ox

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040-"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = (
    f"(?:[{_PN_CHARS_BASE}_:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)
_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*(?:\\[uU][0-9A-Fa-f]{4,8}[^<>"{}|^`\\\x00-\x20]*)*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\ufffd\U00010000-\U000effff]+)
    | (?P<bnode>_:[A-Za-z0-9_\u00c0-\ufffd\U00010000-\U000effff](?:[A-Za-z0-9_.\-\u00b7\u00c0-\ufffd\U00010000-\U000effff]*[A-Za-z0-9_\-\u00b7\u00c0-\ufffd\U00010000-\U000effff])?)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<pname>(?:"""
    + _PN_PREFIX
    + r""")?:(?:"""
    + _PN_LOCAL
    + r""")?)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


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


def tokenize(text: str) -> list[Token]:
    """The terminals of ``text``, without white space and comments."""
    tokens: list[Token] = []
    pos, end = 0, len(text)
    while pos < end:
        match = _TOKEN.match(text, pos)
        assert match is not None  # "other" matches any character
        kind = match.lastgroup or "other"
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


def unescape_iri(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


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

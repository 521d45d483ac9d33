"""What a SPARQL request is, read from its text without parsing it: form, dataset, SERVICEs.

The endpoint must know some things before a query reaches the engine: whether it is an
update (never run on the query URL), whether it names its own dataset (``FROM`` /
``FROM NAMED``, which decides the default-graph policy) and which ``SERVICE`` endpoints it
would call (refused unless allowed). :func:`inspect` answers with a small lexer over the
SPARQL terminals — comments, strings (short and long), IRIs, prefixed names, variables,
keywords, brackets — so that a ``SERVICE`` inside a string, an IRI or a comment is not
taken for one, and an endpoint written as a prefixed name is resolved the way the engine
resolves it (the query's ``PREFIX`` declarations over the predeclared ones, the latest
declaration before the use winning; relative IRIs against ``BASE``). The same lexer lets
``borderkg.querymessages`` name an undeclared prefix or a misspelt query form, which the
parser's own messages do not.

One SPARQL terminal is context dependent: ``<`` starts an IRI, or is the less-than
operator inside an expression. The lexer tracks brackets to tell them apart; where it
cannot be sure (``<`` right after a term inside parentheses it cannot classify) and the
two readings would lex the rest differently (the would-be IRI holds ``'``, ``#`` or a
bracket), it sets :attr:`QueryInfo.uncertain`, so that the caller can refuse rather than
miss a ``SERVICE`` hidden by the other reading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

import pyoxigraph as ox

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040\\-"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = (
    f"(?:[{_PN_CHARS_BASE}_:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)
_IRI_CHAR = r"[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
#: SPARQL's terminals (the grammar's tokens); also the update reader's lexer.
TOKEN = re.compile(
    rf"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<lstring>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\")
    | (?P<string>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><(?:{_IRI_CHAR})*>)
    | (?P<var>[?$][{_PN_CHARS_BASE}_0-9][{_PN_CHARS_BASE}_0-9\u00b7\u0300-\u036f\u203f-\u2040]*)
    | (?P<bnode>_:[{_PN_CHARS_BASE}_0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
    | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<bracket>[{{}}()\[\]])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_OPERAND_KINDS = frozenset({"var", "bnode", "lang", "string", "lstring", "number", "iri", "pname"})
# Words after which "(" opens an expression; and words after which a function name
# followed by "(" is a call (FILTER regex(…), ORDER BY str(…)).
_EXPRESSION_OPENERS = frozenset(
    {"FILTER", "BIND", "HAVING", "BY", "ASC", "DESC", "SELECT", "DISTINCT", "REDUCED"}
)
_CALL_CONTEXT = frozenset({"FILTER", "HAVING", "BY", "ASC", "DESC"})
# Characters that change the lexer's state if a would-be IRI is read the other way.
_RISKY = re.compile(r"['#()\[\]]")


@dataclass(frozen=True)
class QueryInfo:
    """What :func:`inspect` found in a request's text.

    ``form``: ``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"``, ``"DESCRIBE"``, ``"UPDATE"`` or
    ``None`` (not recognisable: the engine will report the syntax error).
    ``has_dataset``: a top-level ``FROM`` or ``FROM NAMED`` is present.
    ``services``: the ``SERVICE`` endpoints, as absolute IRIs where they could be resolved,
    as written (``?x``) for variables, and as ``"prefix:local"`` for undeclared prefixes.
    ``uncertain``: the text has a ``<`` the lexer could not classify safely (see the
    module docstring); a caller guarding ``SERVICE`` should refuse such a query if it
    mentions ``SERVICE`` at all.
    ``prefixes``: the prefixes of the prefixed names the query uses (to predeclare only
    those: handing the engine every project prefix costs more than many queries).
    """

    form: str | None
    has_dataset: bool = False
    services: tuple[str, ...] = ()
    uncertain: bool = False
    prefixes: frozenset[str] = frozenset()

    @property
    def is_graph(self) -> bool:
        """Whether the result is an RDF graph (``CONSTRUCT`` / ``DESCRIBE``)."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


def unescape_iri(text: str) -> str:
    """``text`` of an IRI token with its ``\\u``/``\\U`` escapes decoded."""
    if "\\" not in text:
        return text
    return UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def resolve_iri(iri: str, base: str | None) -> str:
    """``iri`` resolved against ``base`` as Oxigraph resolves it (RFC 3986)."""
    if base is None or SCHEME.match(iri):
        return iri
    try:
        document = f"<{iri}> <urn:x:p> <urn:x:o> .".encode()
        return next(iter(ox.parse(document, ox.RdfFormat.TURTLE, base_iri=base))).subject.value
    except (SyntaxError, ValueError, StopIteration):
        return urljoin(base, iri)


def inspect(
    query: str, prefixes: Mapping[str, str] | tuple[tuple[str, str], ...] | None = None
) -> QueryInfo:
    """Read the form, the dataset clause and the ``SERVICE`` targets of ``query``.

    ``prefixes``: the prefixes the engine predeclares (a query's own ``PREFIX`` overrides
    them), as a mapping or, for callers on a hot path, already as ``(prefix, iri)`` pairs.
    Cached: the endpoint sees the same queries again and again.
    """
    if isinstance(prefixes, tuple):
        return _inspect(query, prefixes)
    return _inspect(query, tuple(prefixes.items()) if prefixes else ())


class Lexer:
    """The state of one pass over a query (see :func:`inspect`)."""

    def __init__(self, query: str, predeclared: tuple[tuple[str, str], ...]) -> None:
        self.query = query
        self.known = dict(predeclared)
        self.base: str | None = None
        self.form: str | None = None
        self.has_dataset = False
        self.services: list[str] = []
        self.uncertain = False
        # Open brackets: "group" ({), "values" ({ of VALUES data), "bnode" ([),
        # "expr" / "row" / "paren" (( of an expression / of VALUES / not known).
        self.stack: list[str] = []
        # The last two significant tokens: (kind, text upper-cased for words).
        self.prev: tuple[str, str] = ("", "")
        self.prev2: tuple[str, str] = ("", "")
        self.expect = ""  # "PREFIX", "PREFIX-IRI", "BASE", "SERVICE"
        self.pending_prefix = ""
        self.values_pending = False
        self.used: set[str] = set()
        self.pos = 0  # where the current token starts
        # Prefixed names whose prefix is not declared where they stand: (prefix, offset).
        self.undeclared: list[tuple[str, int]] = []

    def run(self) -> QueryInfo:
        query, pos, end = self.query, 0, len(self.query)
        while pos < end:
            match = TOKEN.match(query, pos)
            assert match is not None  # the "other" alternative matches any character
            kind = match.lastgroup or "other"
            if kind == "iri" and self._is_operator(match.group()):
                kind, stop = "other", pos + 1
            else:
                stop = match.end()
            if kind not in ("ws", "comment"):
                text = query[pos:stop]
                if kind == "word":
                    text = text.upper()
                self.pos = pos
                self._token(kind, text)
                self.prev2, self.prev = self.prev, (kind, text)
            pos = stop
        return QueryInfo(
            self.form,
            self.has_dataset,
            tuple(self.services),
            self.uncertain,
            frozenset(self.used),
        )

    def _after_operand(self) -> bool:
        kind, text = self.prev
        if kind == "word":
            return text in ("TRUE", "FALSE")
        return kind in _OPERAND_KINDS or (kind == "bracket" and text in ")]")

    def _is_operator(self, iri: str) -> bool:
        """Whether a ``<`` that could start ``iri`` is the less-than operator instead."""
        if not self.stack or not self._after_operand():
            return False
        context = self.stack[-1]
        if context == "expr":
            return True
        if context == "paren" and _RISKY.search(iri):
            self.uncertain = True
        return False

    def _open_paren(self) -> str:
        inner = self.stack[-1] if self.stack else ""
        kind, text = self.prev
        if inner == "expr" or (kind == "word" and text in _EXPRESSION_OPENERS):
            return "expr"
        call = kind in ("word", "iri", "pname") and self.prev2[0] == "word"
        if call and self.prev2[1] in _CALL_CONTEXT:
            return "expr"
        if inner == "values" or (kind == "word" and text == "VALUES"):
            return "row"
        return "paren"

    def _token(self, kind: str, text: str) -> None:
        if kind == "pname":
            prefix = text.partition(":")[0]
            self.used.add(prefix)
            if self.expect != "PREFIX" and prefix not in self.known:
                self.undeclared.append((prefix, self.pos))
        if self.expect and self._expected(kind, text):
            return
        if kind == "bracket":
            self._bracket(text)
        elif kind == "word":
            self._word(text)

    def _expected(self, kind: str, text: str) -> bool:
        """Consume a token a keyword announced; ``True`` if it was consumed."""
        expect, self.expect = self.expect, ""
        if expect == "SERVICE":
            if kind == "word" and text == "SILENT":
                self.expect = "SERVICE"
                return True
            if kind == "iri":
                self.services.append(resolve_iri(unescape_iri(text[1:-1]), self.base))
            elif kind == "pname":
                prefix, _, local = text.partition(":")
                local = LOCAL_ESCAPE.sub(r"\1", local)
                self.services.append(self.known[prefix] + local if prefix in self.known else text)
            else:  # a variable, or something the engine will refuse: not allowed either way
                self.services.append(text)
            return kind != "bracket"
        if expect == "PREFIX" and kind == "pname" and text.endswith(":"):
            self.pending_prefix, self.expect = text[:-1], "PREFIX-IRI"
            return True
        if expect == "PREFIX-IRI" and kind == "iri":
            self.known[self.pending_prefix] = resolve_iri(unescape_iri(text[1:-1]), self.base)
            return True
        if expect == "BASE" and kind == "iri":
            self.base = resolve_iri(unescape_iri(text[1:-1]), self.base)
            return True
        return False

    def _bracket(self, text: str) -> None:
        if text == "{":
            self.stack.append("values" if self.values_pending else "group")
            self.values_pending = False
        elif text == "(":
            self.stack.append(self._open_paren())
        elif text == "[":
            self.stack.append("bnode")
        elif self.stack:
            self.stack.pop()

    def _word(self, word: str) -> None:
        if word == "SERVICE":
            self.expect = "SERVICE"
        elif word == "VALUES":
            self.values_pending = True
        elif word in ("PREFIX", "BASE") and (self.form is None or self.form == "UPDATE"):
            # Update requests are sequences: later prologues still declare prefixes.
            self.expect = word
        elif self.form is None and word in QUERY_FORMS:
            self.form = word
        elif self.form is None and word in UPDATE_KEYWORDS:
            self.form = "UPDATE"
        elif word == "FROM" and not self.stack and self.form in QUERY_FORMS:
            self.has_dataset = True


@lru_cache(maxsize=512)
def _inspect(query: str, predeclared: tuple[tuple[str, str], ...]) -> QueryInfo:
    return Lexer(query, predeclared).run()


def mentions_service(query: str) -> bool:
    """Whether the word ``SERVICE`` occurs anywhere in the text, even in strings."""
    return re.search(r"(?i)service", query) is not None


#: Longest query text :func:`is_bounded_lookup` looks at (parsing it is then cheap too).
LOOKUP_MAX_CHARS = 2000
_LOOKUP_SUBJECT = frozenset({"iri", "pname"})
_LOOKUP_TERM = frozenset({"iri", "pname", "var"})


def is_bounded_lookup(query: str) -> bool:
    """Whether ``query`` is a lookup whose evaluation streams: a ``SELECT`` of one triple
    pattern with a constant subject (an IRI or prefixed name), a constant or variable
    predicate and object, no variable twice, nothing else but ``PREFIX`` declarations and a
    ``LIMIT``.

    Such a query reads one index range, every entry giving one row at once, so the engine
    can be stopped by its output: every few KiB written means a bounded amount of work.
    Anything else — ``FILTER``, ``OPTIONAL``, ``ORDER BY``, ``DISTINCT``, ``OFFSET``,
    ``GROUP BY``, subqueries, ``SERVICE``, property paths, ``FROM``, ``BASE``, a repeated
    variable (which filters rows) — is refused: the recogniser errs on the side of no.
    """
    return len(query) <= LOOKUP_MAX_CHARS and _is_bounded_lookup(query)


@lru_cache(maxsize=512)
def _is_bounded_lookup(query: str) -> bool:
    tokens = _significant_tokens(query)
    if tokens is None:
        return False
    at = 0
    while tokens[at : at + 1] == [("word", "PREFIX")]:  # PREFIX p: <iri>
        if len(tokens) < at + 3 or tokens[at + 1][0] != "pname" or tokens[at + 2][0] != "iri":
            return False
        if not tokens[at + 1][1].endswith(":"):
            return False
        at += 3
    if tokens[at : at + 1] != [("word", "SELECT")]:
        return False
    at += 1
    projected = 0
    if tokens[at : at + 1] == [("other", "*")]:
        at, projected = at + 1, 1
    while tokens[at : at + 1] and tokens[at][0] == "var":
        at, projected = at + 1, projected + 1
    if projected == 0 or (projected > 1 and tokens[at - projected][1] == "*"):
        return False
    if tokens[at : at + 1] == [("word", "WHERE")]:
        at += 1
    if tokens[at : at + 1] != [("bracket", "{")] or len(tokens) < at + 5:
        return False
    (s_kind, _), (p_kind, p_text), (o_kind, _) = tokens[at + 1 : at + 4]
    if s_kind not in _LOOKUP_SUBJECT or o_kind not in _LOOKUP_TERM:
        return False
    if p_kind not in _LOOKUP_TERM and (p_kind, p_text) != ("word", "A"):
        return False
    variables = [text[1:] for kind, text in tokens[at + 1 : at + 4] if kind == "var"]
    if len(set(variables)) != len(variables):
        return False
    at += 4
    if tokens[at : at + 1] == [("other", ".")]:
        at += 1
    if tokens[at : at + 1] != [("bracket", "}")]:
        return False
    rest = tokens[at + 1 :]
    return not rest or (len(rest) == 2 and rest[0] == ("word", "LIMIT") and rest[1][1].isdigit())


def _significant_tokens(query: str) -> list[tuple[str, str]] | None:
    """The tokens of ``query`` other than spaces and comments, words upper-cased; ``None``
    for a text with a token a lookup never has (strings, blank nodes, escapes …)."""
    tokens: list[tuple[str, str]] = []
    for match in TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        if kind not in ("iri", "pname", "var", "word", "bracket", "other", "number"):
            return None
        text = match.group()
        tokens.append((kind, text.upper() if kind == "word" else text))
    return tokens

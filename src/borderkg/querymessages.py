"""Syntax errors of SPARQL queries, told so that a person can act on them.

pyoxigraph's parser reports what the grammar would have accepted, often as long Unicode
character ranges, and names neither an undeclared prefix nor a misspelt query form; the
lexer of ``borderkg.querytext`` finds both. Used by the endpoint's query workers, its
in-process fast path and ``borderkg query``, so that all three say the same.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from borderkg.querytext import QUERY_FORMS, TOKEN, UPDATE_KEYWORDS, Lexer

_PARSER_POSITION = re.compile(r"error at \d+:\d+: ")
# One alternative of the parser's "expected one of …" list: a quoted token, a character
# class ([…], whose quoted characters may hold "]" or ","), or a bare name.
_EXPECTED_ITEM = re.compile(r""""(?:[^"\\]|\\.)*"|\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]|[^,\s][^,]*""")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_PROLOGUE = {"PREFIX": ("pname", "iri"), "BASE": ("iri",), "VERSION": ("string",)}


def explain_syntax_error(
    query: str, message: str, prefixes: Mapping[str, str] | None = None
) -> str:
    """The parser's error ``message`` for ``query`` made into one a person can act on.

    pyoxigraph's messages list what the grammar would have accepted, often as long Unicode
    character ranges, and name neither an undeclared prefix nor a misspelt query form. So:
    an undeclared prefix is named, with its position and the declaration it needs;
    a query that does not start (after its declarations) with SELECT, CONSTRUCT, ASK or
    DESCRIBE says so; any other message keeps its ``error at LINE:COLUMN`` and has its
    character ranges summarised. ``prefixes``: the predeclared ones (default: the project's).
    """
    if prefixes is None:
        from borderkg.ontology.namespaces import PREFIXES

        prefixes = PREFIXES
    tokens = [
        (m.lastgroup or "other", m.group(), m.start())
        for m in TOKEN.finditer(query)
        if m.lastgroup not in ("ws", "comment")
    ]
    return (
        _form_problem(query, tokens)
        or _unknown_prefix(query, message, prefixes)
        or _shorten_expected(message)
    )


def _line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - text.rfind(chr(10), 0, offset)}"


def _form_problem(query: str, tokens: list[tuple[str, str, int]]) -> str | None:
    """The message for a query whose first keyword (after ``PREFIX``/``BASE``) is no form."""
    expected = "expected SELECT, CONSTRUCT, ASK or DESCRIBE"
    if not tokens:
        return f"the query is empty: {expected}"
    at = 0
    while at < len(tokens) and tokens[at][1].upper() in _PROLOGUE:
        shape = _PROLOGUE[tokens[at][1].upper()]
        if tuple(kind for kind, _, _ in tokens[at + 1 : at + 1 + len(shape)]) != shape:
            return None  # a broken declaration: the parser's message says more
        at += 1 + len(shape)
    if at == len(tokens):
        return f"{expected} after the declarations, at the end of the query"
    kind, text, start = tokens[at]
    word = text.upper() if kind == "word" else ""
    if word in QUERY_FORMS:
        return None
    found = f"{expected} at {_line_column(query, start)}, found '{text[:40]}'"
    if word in UPDATE_KEYWORDS:
        return f"{found}: {word} starts a SPARQL update, not a query"
    close = difflib.get_close_matches(word, _FORMS, n=1, cutoff=0.6)
    return f"{found} (did you mean {close[0]}?)" if close else found


def _unknown_prefix(query: str, message: str, prefixes: Mapping[str, str]) -> str | None:
    """The message for a query that uses a prefix it does not declare (and that is not
    predeclared): the first such use, where it is, and how to declare it."""
    lexer = Lexer(query, tuple(prefixes.items()))
    lexer.run()
    if not lexer.undeclared or (lexer.uncertain and "Prefix not found" not in message):
        return None
    prefix, start = lexer.undeclared[0]
    text = f"unknown prefix '{prefix}:' at {_line_column(query, start)}"
    if query.startswith("//", start + len(prefix) + 1):
        return f"{text}: an IRI is written in angle brackets, <{prefix}://…>"
    if close := difflib.get_close_matches(prefix, list(prefixes), n=1, cutoff=0.7):
        text += f" (did you mean '{close[0]}:'?)"
    names = sorted(prefixes, key=lambda name: (name != "bkg", name))
    return (
        f"{text}; declare it with PREFIX {prefix}: <…> — the project's prefixes are "
        f"preloaded: {', '.join(names)}"
    )


#: What to do about the parser's own checks of a query that parses ("The SELECT …"), which
#: it lists among the input it expected.
_SEMANTIC_HINTS = {
    "The SELECT contains an expression with a variable that is unbound": (
        "a query with GROUP BY or an aggregate may select only grouped variables and "
        "aggregates: name a grouped expression in GROUP BY, as in GROUP BY (SUBSTR(STR(?date), "
        "1, 7) AS ?month), and select ?month, or wrap the variable in SAMPLE(…)"
    ),
    "The SELECT overrides an existing variable using an expression": (
        "(… AS ?x) binds a variable the query already binds: choose a new name"
    ),
    "Duplicated variable name in SELECT": "select each variable once",
}


def _shorten_expected(message: str) -> str:
    """The parser's message with its list of expected input made short: character classes
    summarised ("a letter"), the catch-all ``[_]`` left out where there is more. A check
    of its own that the parser lists there ("The SELECT contains …") is the message."""
    position = _PARSER_POSITION.match(message)
    if position is None or not message.startswith("expected ", position.end()):
        return message
    listed = message[position.end() + len("expected ") :]
    one_of = listed.startswith("one of ")
    items = _EXPECTED_ITEM.findall(listed[len("one of ") :] if one_of else listed)
    checks = [item.strip() for item in items if _is_check(item.strip())]
    if checks:
        hint = _SEMANTIC_HINTS.get(checks[0])
        told = checks[0][0].lower() + checks[0][1:]
        return message[: position.end()] + (f"{told}: {hint}" if hint else told)
    named = list(dict.fromkeys(_expected_item(item.strip()) for item in items))
    if len(named) > 1 and "[_]" in named:
        named.remove("[_]")
    if not named or len(", ".join(named)) >= len(listed):
        return message
    lead = "expected one of " if len(named) > 1 else "expected "
    return message[: position.end()] + lead + ", ".join(named)


def _is_check(item: str) -> bool:
    """Whether an item of the "expected" list is a sentence of the parser's own checks."""
    return item != "Prefix not found" and bool(re.fullmatch(r"[A-Z][a-z]+(?: [\w()-]+){2,}", item))


def _expected_item(item: str) -> str:
    """One alternative of an "expected" list, as a person reads it."""
    if item == "Prefix not found":
        return "a declared prefix"
    if item in ("['0'..='9']", "['0' ..= '9']"):
        return "a digit"
    if re.fullmatch(r"\['[^'\\]'\]", item):  # one character: as the quoted tokens are
        return f'"{item[2]}"'
    if not item.startswith("[") or len(item) <= 24:
        return item
    if "'A'" in item or "'a'" in item:
        return "a letter"
    if "'0'" in item:
        return "a digit or name character"
    return "another character"

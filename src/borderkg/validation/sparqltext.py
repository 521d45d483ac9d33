"""Rewriting the SELECT query of a SPARQL-based constraint to run set-at-a-time.

SHACL runs such a query once per focus node with ``$this`` pre-bound. The fast engine instead
puts a pattern binding ``?this`` to all focus nodes (the shape's targets, or a ``VALUES`` list)
at the start of the query's WHERE group, and makes sure ``?this`` is projected. For the queries
SHACL allows (no MINUS, VALUES or SERVICE; ``sparqlrules.py`` refuses them up front) without
solution modifiers that act across focus nodes (GROUP BY, HAVING, LIMIT, OFFSET), joining first
gives the rows pre-binding gives, per focus node, as long as every mention of ``$this`` sees
the join; a query that reads it inside a nested group, UNION branch or subquery runs under
Oxigraph's ``LATERAL`` instead (``sparqlscope.py``; slower, so only there). Queries outside
that fragment are reported as unsupported and the shape is handed to pyshacl.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# pyshacl's own substitution of $PATH (helper/sparql_query_helper.py).
_PATH = re.compile(r"([\s{}()])[\$\?]PATH", flags=re.M)
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_FORBIDDEN = {
    "VALUES": re.compile(r"\bVALUES\b", re.I),
    "MINUS": re.compile(r"\bMINUS\b", re.I),
    "SERVICE": re.compile(r"\bSERVICE\b", re.I),
    "GROUP BY": re.compile(r"\bGROUP\s+BY\b", re.I),
    "HAVING": re.compile(r"\bHAVING\b", re.I),
    "LIMIT": re.compile(r"\bLIMIT\b", re.I),
    "OFFSET": re.compile(r"\bOFFSET\b", re.I),
    "FROM": re.compile(r"\bFROM\b", re.I),
    "a binding of $this": re.compile(r"\bAS\s+[?$]this\b", re.I),
    "$shapesGraph": re.compile(r"[?$]shapesGraph\b"),
    "$currentShape": re.compile(r"[?$]currentShape\b"),
}
_SELECT = re.compile(r"\bSELECT\b\s*(?:(?:DISTINCT|REDUCED)\b\s*)?", re.I)


class UnsupportedQuery(ValueError):
    """The query cannot be run set-at-a-time; the shape goes to pyshacl."""


def blank_out(text: str) -> str:
    """``text`` with string literals, IRIs and comments replaced by spaces (same length)."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else char
            end = i + len(quote)
            while end < n and text[end : end + len(quote)] != quote:
                end += 2 if text[end] == "\\" else 1
            end = min(n, end + len(quote))
            for k in range(i + len(quote), end - len(quote)):
                out[k] = " "
            i = end
        elif char == "<":
            match = _IRI.match(text, i)
            if match:
                for k in range(i + 1, match.end() - 1):
                    out[k] = " "
                i = match.end()
            else:
                i += 1
        elif char == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            for k in range(i, end):
                out[k] = " "
            i = end
        else:
            i += 1
    return "".join(out)


def substitute_path(text: str, path: str | None) -> str:
    """Replace ``$PATH`` with the shape's path, as pyshacl does; error if there is no path."""
    if path is None:
        if _PATH.search(blank_out(text)):
            raise UnsupportedQuery("the query uses $PATH but the shape has no path")
        return text
    return _PATH.sub(lambda m: m.group(1) + path, text)


@dataclass(frozen=True)
class SelectQuery:
    """A checked SELECT query whose WHERE group can take a leading pattern."""

    text: str
    brace: int  # index of the WHERE group's opening brace
    close: int  # index of its closing brace
    prefixes: dict[str, str]

    def with_leading(self, pattern: str) -> str:
        """The full query text with ``pattern`` first in its WHERE group."""
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in self.prefixes.items())
        body = self.text[: self.brace + 1] + "\n" + pattern + "\n" + self.text[self.brace + 1 :]
        return prologue + body

    def with_lateral(self, pattern: str) -> str:
        """The full query text run once per solution of ``pattern``, its bindings substituted
        into the query (Oxigraph's ``LATERAL``): SHACL's pre-binding, for a query that reads
        ``$this`` where a leading pattern is not seen (``sparqlscope.py``)."""
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in self.prefixes.items())
        start = blank_out(self.text).upper().rfind("SELECT", 0, self.brace)
        own, select = self.text[:start], self.text[start:]
        return f"{prologue}{own}SELECT * WHERE {{\n{pattern}\nLATERAL {{ {select} }}\n}}"


def prepare_select(text: str, *, path: str | None, prefixes: dict[str, str]) -> SelectQuery:
    """Check a constraint's SELECT text and make it project ``?this``.

    Raises :class:`UnsupportedQuery` for queries outside the set-at-a-time fragment.
    """
    text = substitute_path(text, path)
    clean = blank_out(text)
    for what, pattern in _FORBIDDEN.items():
        if pattern.search(clean):
            raise UnsupportedQuery(f"the query uses {what}")
    select = _SELECT.search(clean)
    if select is None:
        raise UnsupportedQuery("not a SELECT query")
    brace = clean.find("{", select.end())
    if brace < 0:
        raise UnsupportedQuery("no WHERE group")
    projection = clean[select.end() : brace]
    projection = re.sub(r"\bWHERE\b\s*$", "", projection.rstrip(), flags=re.I)
    if projection.strip() != "*" and not re.search(r"[?$]this\b", projection):
        text = text[: select.end()] + "?this " + text[select.end() :]
        brace += len("?this ")
    close = closing_brace(blank_out(text), brace)
    return SelectQuery(text=text, brace=brace, close=close, prefixes=prefixes)


_ASK = re.compile(r"\bASK\b\s*(?:WHERE\b\s*)?", re.I)


def ask_as_select(text: str) -> str:
    """The SELECT form of an ASK validator's query: the (``?this``, ``?value``) pairs for
    which the ASK is false (the failing value nodes), pre-bound variables left to the lead."""
    clean = blank_out(text)
    ask = _ASK.search(clean)
    if ask is None:
        raise UnsupportedQuery("not an ASK query")
    brace = clean.find("{", ask.end())
    if brace < 0:
        raise UnsupportedQuery("no WHERE group")
    close = closing_brace(clean, brace)
    if clean[close + 1 :].strip():
        raise UnsupportedQuery("text after the ASK query's group")
    group = text[brace : close + 1]
    return (
        f"{text[: ask.start()]}SELECT DISTINCT ?this ?value WHERE {{ FILTER NOT EXISTS {group} }}"
    )


def closing_brace(clean: str, brace: int) -> int:
    """The index of the brace closing the one at ``brace`` (strings and IRIs blanked);
    :class:`UnsupportedQuery` when it is never closed."""
    depth = 0
    for i in range(brace, len(clean)):
        if clean[i] == "{":
            depth += 1
        elif clean[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise UnsupportedQuery("unbalanced braces")


def mentions(text: str, variable: str) -> bool:
    """Whether the query mentions a variable, by pyshacl's test (``$v``/``?v`` after a delimiter)."""
    return re.search(r"([\s{}()])[\$\?]" + re.escape(variable), text, flags=re.M) is not None

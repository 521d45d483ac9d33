"""Reading the top level of a SPARQL group: its elements, and the triples of its triple blocks.

The whole-store rewrites (``sparqlrewrite.py``) need to know what a constraint's WHERE group is
made of — triple patterns, ``FILTER``\\s, ``BIND``\\s, ``GRAPH`` blocks, groups and unions,
``OPTIONAL`` … — and where each sits in the text, so that they can replace some of them and
copy the rest verbatim. :func:`read_group` lexes the group with the project's SPARQL terminals
(``querytext.TOKEN``) and splits it; it returns ``None`` for anything it does not recognise
with certainty (the caller then leaves the query as it is). Triples are split only where every
term is a plain one (variables, IRIs, prefixed names, literals, ``[]``); blocks with blank-node
property lists or collections stay whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from borderkg.querytext import TOKEN

_OPERANDS = frozenset({"var", "bnode", "lang", "string", "lstring", "number", "iri", "pname"})
_CLOSERS = {"(": ")", "{": "}", "[": "]"}
_BLOCKS = frozenset({"OPTIONAL", "MINUS", "GRAPH", "SERVICE", "VALUES", "FILTER", "BIND"})
_PATH_OPERATORS = frozenset({"/", "|", "^", "!"})
_PATH_MODIFIERS = frozenset({"*", "+", "?"})


@dataclass(frozen=True)
class Token:
    """A significant token: its kind (``querytext.TOKEN`` group), text and span."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """The upper-cased text of a keyword (``""`` for other tokens)."""
        return self.text.upper() if self.kind == "word" else ""


@dataclass
class Triple:
    """One triple pattern of a triple block, as source slices."""

    subject: str
    predicate: str
    object: str
    simple: bool  # the predicate is an IRI, a prefixed name or ``a`` (not a path or variable)

    @property
    def text(self) -> str:
        """The pattern as a statement."""
        return f"{self.subject} {self.predicate} {self.object} ."


@dataclass
class Element:
    """One element of a group: ``kind`` is ``triples``, ``filter``, ``bind``, ``optional``,
    ``minus``, ``graph``, ``group`` (a group or a union of groups), ``service`` or ``values``."""

    kind: str
    start: int
    end: int
    tokens: list[Token]
    triples: list[Triple] | None = field(default=None)  # for ``triples``, when split


def tokenize(text: str) -> list[Token] | None:
    """The significant tokens of ``text``; ``<`` after an operand inside an expression's
    parentheses is the less-than operator. ``None`` if brackets do not balance."""
    found: list[Token] = []
    stack: list[str] = []
    pos, end = 0, len(text)
    while pos < end:
        match = TOKEN.match(text, pos)
        assert match is not None  # the "other" alternative matches any character
        kind = match.lastgroup or "other"
        stop = match.end()
        previous = found[-1] if found else None
        if (
            kind == "iri"
            and stack
            and stack[-1] == "expr"
            and previous is not None
            and (previous.kind in _OPERANDS or previous.text in (")", "]"))
        ):
            kind, stop = "other", pos + 1
        if kind not in ("ws", "comment"):
            token = Token(kind, text[pos:stop], pos, stop)
            if kind == "bracket":
                if token.text in _CLOSERS:
                    stack.append(_opening(token.text, found, stack))
                else:
                    if not stack:
                        return None
                    stack.pop()
            found.append(token)
        pos = stop
    return found if not stack else None


def _opening(bracket: str, found: list[Token], stack: list[str]) -> str:
    if bracket != "(":
        return bracket
    if stack and stack[-1] == "expr":
        return "expr"
    previous = found[-1] if found else None
    before = found[-2] if len(found) > 1 else None
    if previous is not None and previous.word in ("FILTER", "BIND"):
        return "expr"
    call = previous is not None and previous.kind in ("word", "iri", "pname")
    return "expr" if call and before is not None and before.word == "FILTER" else "("


def _match(tokens: list[Token], i: int) -> int:
    """The index of the bracket closing the one at ``i``."""
    depth = 0
    for k in range(i, len(tokens)):
        if tokens[k].kind == "bracket":
            depth += 1 if tokens[k].text in _CLOSERS else -1
            if depth == 0:
                return k
    raise ValueError("unbalanced")


def read_group(text: str) -> list[Element] | None:
    """The elements of a group's content (the text between its braces), or ``None``."""
    tokens = tokenize(text)
    if tokens is None:
        return None
    elements: list[Element] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        word = token.word
        if token.text == ".":
            i += 1
            continue
        if word in _BLOCKS:
            stop = _block_end(tokens, i, word)
            if stop is None:
                return None
            kind = word.lower()
        elif token.text == "{":
            stop = _match(tokens, i)
            while (
                stop + 2 < n and tokens[stop + 1].word == "UNION" and tokens[stop + 2].text == "{"
            ):
                stop = _match(tokens, stop + 2)
            kind = "group"
        else:
            stop = i
            while stop + 1 < n and not _starts_element(tokens[stop + 1]):
                nxt = tokens[stop + 1]
                stop = _match(tokens, stop + 1) if nxt.text in ("(", "[") else stop + 1
            kind = "triples"
        part = tokens[i : stop + 1]
        element = Element(kind, part[0].start, part[-1].end, part)
        if kind == "triples":
            element.triples = split_triples(text, part)
        elements.append(element)
        i = stop + 1
    return elements


def _starts_element(token: Token) -> bool:
    return token.word in _BLOCKS or token.text == "{"


def _block_end(tokens: list[Token], i: int, word: str) -> int | None:
    """The last token of a ``FILTER``/``BIND``/``OPTIONAL``/``GRAPH`` … element at ``i``."""
    n = len(tokens)
    k = i + 1
    if word == "FILTER":
        if k < n and tokens[k].word == "NOT":
            k += 1
        exists = k < n and tokens[k].word == "EXISTS"
        call = (
            k + 1 < n and tokens[k].kind in ("word", "iri", "pname") and tokens[k + 1].text == "("
        )
        if exists or call:
            k += 1
    elif word in ("GRAPH", "SERVICE"):
        if k < n and tokens[k].word == "SILENT":
            k += 1
        k += 1  # the graph name or endpoint
    elif word == "VALUES":
        while k < n and tokens[k].text not in ("{", "("):
            k += 1
        if k < n and tokens[k].text == "(":
            k = _match(tokens, k) + 1
    if k >= n or tokens[k].text not in ("(", "{"):
        return None
    if word in ("FILTER", "BIND") and tokens[k].text == "{" and tokens[k - 1].word != "EXISTS":
        return None
    return _match(tokens, k)


def split_triples(text: str, tokens: list[Token]) -> list[Triple] | None:
    """The triple patterns of a triple block, or ``None`` if a term is not a plain one."""
    triples: list[Triple] = []
    i, n = 0, len(tokens)
    while i < n:
        subject = _term(text, tokens, i)
        if subject is None:
            return None
        i = subject[1]
        while True:
            verb = _verb(text, tokens, i)
            if verb is None:
                return None
            predicate, simple, i = verb
            while True:
                obj = _term(text, tokens, i)
                if obj is None:
                    return None
                triples.append(Triple(subject[0], predicate, obj[0], simple))
                i = obj[1]
                if i < n and tokens[i].text == ",":
                    i += 1
                    continue
                break
            if i < n and tokens[i].text == ";":
                while i < n and tokens[i].text == ";":
                    i += 1
                if i < n and tokens[i].text != ".":
                    continue
            break
        if i < n:
            if tokens[i].text != ".":
                return None
            i += 1
    return triples


def _term(text: str, tokens: list[Token], i: int) -> tuple[str, int] | None:
    """(source text, next index) of a plain term at ``i``."""
    if i >= len(tokens):
        return None
    token = tokens[i]
    if token.kind in ("var", "iri", "pname", "number"):
        return token.text, i + 1
    if token.word in ("TRUE", "FALSE"):
        return token.text, i + 1
    if token.text == "[" and i + 1 < len(tokens) and tokens[i + 1].text == "]":
        return "[]", i + 2
    if token.text in ("+", "-") and i + 1 < len(tokens) and tokens[i + 1].kind == "number":
        if tokens[i + 1].start == token.end:
            return text[token.start : tokens[i + 1].end], i + 2
        return None
    if token.kind in ("string", "lstring"):
        k = i + 1
        if k < len(tokens) and tokens[k].kind == "lang":
            return text[token.start : tokens[k].end], k + 1
        if k + 2 < len(tokens) and tokens[k].text == "^" and tokens[k + 1].text == "^":
            if tokens[k + 2].kind in ("iri", "pname"):
                return text[token.start : tokens[k + 2].end], k + 3
            return None
        return token.text, k
    return None


def _verb(text: str, tokens: list[Token], i: int) -> tuple[str, bool, int] | None:
    """(source text, whether simple, next index) of a predicate or property path at ``i``."""
    n = len(tokens)
    if i >= n:
        return None
    token = tokens[i]
    if token.kind == "var":
        return token.text, False, i + 1
    start, k, expect_primary = i, i, True
    while k < n:
        token = tokens[k]
        if expect_primary:
            if token.text in ("^", "!"):
                k += 1
                continue
            if token.kind in ("iri", "pname") or token.text == "a":
                k += 1
            elif token.text == "(":
                k = _match(tokens, k) + 1
            else:
                return None
            expect_primary = False
        elif token.text in _PATH_MODIFIERS and token.kind == "other":
            k += 1
        elif token.text in _PATH_OPERATORS and token.text not in ("^", "!"):
            k += 1
            expect_primary = True
        else:
            break
    if expect_primary or k == start:
        return None
    simple = k == start + 1
    return text[tokens[start].start : tokens[k - 1].end], simple, k

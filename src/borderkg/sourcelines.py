"""Find the line of a source file where a node is first described.

RDF parsers (rdflib, pyoxigraph) report no line numbers for the triples they read, so
``borderkg validate`` locates a result's focus node in the file's text instead: the line
where the node first appears as a subject (as a full IRI, an IRI relative to the file, or a
prefixed name) — at the start of a line, or after another statement's closing ``.`` on the
same line — and failing that, the first line that mentions it at
all. Blank nodes get no line: parsers rename them, so their labels cannot be found in the
text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping


def location(file: str, line: int | None = None, column: int | None = None) -> str:
    """``FILE``, ``FILE:LINE`` or ``FILE:LINE:COLUMN``, as compilers and CI annotations print them."""
    if line is None:
        return file
    return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"


#: Formats whose syntax is a Turtle family member (subjects start statements).
TURTLE_FAMILY = frozenset({"turtle", "trig", "ntriples", "nquads", "n3"})

# A local name written as it is (Turtle PN_LOCAL, loosely).
_PN_LOCAL = re.compile(r"^[A-Za-z0-9_\-.:%À-￿]*$")
# Characters a local name may carry only backslash-escaped, as in article:x\#policy-1.
_ESCAPABLE = re.compile(r"[~!$&'()*+,;=/?#@]")
_UNWRITABLE = re.compile(r"[\s<>\"{}|^`\\]")
# What may stand after and before a prefixed name.
_AFTER_NAME = r"(?=[\s;,)\]\[{}]|\.(?:\s|$)|$)"
_BEFORE_NAME = r"(?<![\w:/#.\-<])"
# An optional TriG graph opening before the subject: ``GRAPH <g> {`` / ``ex:g {`` / ``{``.
_GRAPH_OPEN = r"(?:(?:GRAPH[ \t]+)?(?:<[^>\s]*>|[\w.\-]*:[\w.\-]*)?[ \t]*\{[ \t]*)?"
_TURTLE_PREFIX = re.compile(
    r"^[ \t]*(?:@prefix|PREFIX)[ \t]+([\w.\-]*):[ \t]*<([^>]*)>", re.IGNORECASE | re.MULTILINE
)
_TURTLE_BASE = re.compile(r"^[ \t]*(?:@base|BASE)[ \t]+<([^>]*)>", re.IGNORECASE | re.MULTILINE)
_JSON_PREFIX = re.compile(r'"([A-Za-z][\w.\-]*)"\s*:\s*"([^"\s]+[/#])"')
_XML_BASE = re.compile(r"""xml:base\s*=\s*["']([^"']+)["']""")


def _local_ok(local: str) -> bool:
    return bool(_PN_LOCAL.match(local)) and not local.endswith(".") and not local.startswith(".")


def declared_prefixes(text: str, fmt: str) -> dict[str, str]:
    """Prefix → namespace declarations found in a file's text (Turtle family or JSON-LD)."""
    if fmt in TURTLE_FAMILY:
        return {m.group(1): m.group(2) for m in _TURTLE_PREFIX.finditer(text)}
    if fmt == "jsonld":
        return {m.group(1): m.group(2) for m in _JSON_PREFIX.finditer(text)}
    return {}


def _bases(text: str, fmt: str, base: str | None) -> list[str]:
    found = [base] if base else []
    if fmt in TURTLE_FAMILY:
        found += [m.group(1) for m in _TURTLE_BASE.finditer(text)]
    elif fmt == "rdfxml":
        found += [m.group(1) for m in _XML_BASE.finditer(text)]
    return found


def spellings(
    iri: str, prefixes: Mapping[str, str], bases: Iterable[str]
) -> tuple[list[str], list[str]]:
    """Ways a file may write ``iri``: ``(IRI forms, prefixed names)``.

    IRI forms are the full IRI and the IRI relative to each base (the document, its
    folder), bare (the caller adds ``<>`` or quotes); prefixed names come longest
    namespace first, since the most specific prefix is the one people write.
    """
    forms = [iri]
    for base in bases:
        doc = base.split("#", 1)[0]
        folder = doc.rsplit("/", 1)[0] + "/"
        for root in (doc, folder):
            if iri.startswith(root) and len(iri) > len(root):
                forms.append(iri[len(root) :])
    prefixed: list[tuple[int, str]] = []
    for prefix, namespace in prefixes.items():
        if not namespace or not iri.startswith(namespace):
            continue
        local = iri[len(namespace) :]
        if _local_ok(local):
            prefixed.append((len(namespace), f"{prefix}:{local}"))
        escaped = _ESCAPABLE.sub(r"\\\g<0>", local)
        if escaped != local and not _UNWRITABLE.search(local):
            prefixed.append((len(namespace), f"{prefix}:{escaped}"))
    prefixed.sort(key=lambda item: -item[0])
    return list(dict.fromkeys(forms)), [name for _, name in prefixed]


# The first term on a line of Turtle/TriG/N-Triples/N-Quads (after an optional graph
# opening): a full IRI or a prefixed name, and not a graph name before ``{``.
_LINE_START_TERM = re.compile(
    rf"^[ \t]*{_GRAPH_OPEN}"
    r"(?P<term>(?><[^>\s]*>|(?:[A-Za-z][\w.\-]*)?:(?:\\.|[^\s;,()\[\]{}\"'\\<>])*))"
    r"(?![ \t]*\{)"
)
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# A comment at the end of a line (``#`` after a space, outside IRIs and strings, loosely).
_TRAILING_COMMENT = re.compile(r"\s#[^\"'<>]*$")
# A directive line: ``PREFIX``/``BASE`` (SPARQL style, no closing dot) or ``@prefix``/``@base``.
_DIRECTIVE = re.compile(r"^(?:@?prefix|@?base)\b", re.IGNORECASE)
_JSON_ID = re.compile(r'"@id"\s*:\s*"([^"]*)"')
_XML_SUBJECT = re.compile(r"""(?:[\w.\-]+:)?(about|ID)\s*=\s*["']([^"']*)["']""")


def _is_reference(text: str, start: int, end: int) -> bool:
    """Whether a JSON-LD ``"@id": …`` match is a bare ``{"@id": …}`` link, not a description."""
    before = start - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    return before >= 0 and text[before] == "{" and after < len(text) and text[after] == "}"


class SourceIndex:
    """Where the nodes of one file are first described, found by scanning its text once.

    Build one per file and ask :meth:`line_of` for each focus node: the subject lines are
    indexed in a single pass, so many results in a large file stay cheap. A node that is
    never written as a subject is looked for as a mention, one scan per such node.
    """

    def __init__(
        self,
        text: str,
        fmt: str,
        *,
        base: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        self.text = text
        self.fmt = fmt
        self.prefixes = {**declared_prefixes(text, fmt), **(prefixes or {})}
        self.bases = _bases(text, fmt, base)
        self._subjects: dict[str, int] | None = None
        self._line_starts: list[int] | None = None

    def _line_at(self, offset: int) -> int:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset)

    def _index(self) -> dict[str, int]:
        if self._subjects is not None:
            return self._subjects
        found: dict[str, int] = {}
        if self.fmt in TURTLE_FAMILY:
            statement_done = True  # whether the next term starts a statement (a subject)
            for number, line in enumerate(self.text.split("\n"), 1):
                code = _TRAILING_COMMENT.sub("", line).strip()
                if not code or code.startswith("#"):
                    continue
                match = _LINE_START_TERM.match(line)
                if match and (statement_done or match.group(0).rstrip().endswith("{")):
                    term = match.group("term")
                    if not term.startswith("<"):
                        term = term.rstrip(".")  # ``ex:a.`` ends a statement
                    found.setdefault(term, number)
                # An object on a continuation line (``    ex:b ,``) is not a subject.
                statement_done = code.endswith((".", "{", "}")) or bool(_DIRECTIVE.match(code))
        elif self.fmt == "jsonld":
            for match in _JSON_ID.finditer(self.text):
                if not _is_reference(self.text, match.start(), match.end()):
                    found.setdefault(match.group(1), self._line_at(match.start()))
        elif self.fmt == "rdfxml":
            for match in _XML_SUBJECT.finditer(self.text):
                value = match.group(2) if match.group(1) == "about" else "#" + match.group(2)
                found.setdefault(value, self._line_at(match.start()))
        self._subjects = found
        return found

    def _keys(self, forms: list[str], prefixed: list[str]) -> list[str]:
        if self.fmt in TURTLE_FAMILY:
            return [f"<{form}>" for form in forms] + prefixed
        if self.fmt == "jsonld":
            return forms + prefixed
        return forms

    def line_of(self, node: str) -> int | None:
        """1-based line where ``node`` (an N-Triples term) is first described, else mentioned.

        A subject is looked for at the start of a line, then (Turtle family) after the
        closing ``.`` of another statement on the same line, else its first mention (the
        node as an object). ``None`` for blank nodes and literals, and for nodes the text
        never writes.
        """
        if not (node.startswith("<") and node.endswith(">")):
            return None
        if self.fmt not in TURTLE_FAMILY and self.fmt not in ("jsonld", "rdfxml"):
            return None
        forms, prefixed = spellings(node[1:-1], self.prefixes, self.bases)
        subjects = self._index()
        lines = [subjects[key] for key in self._keys(forms, prefixed) if key in subjects]
        if lines:
            return min(lines)
        if self.fmt in TURTLE_FAMILY:
            line = self._mention(forms, prefixed, subject_only=True)
            if line is not None:
                return line
        return self._mention(forms, prefixed)

    def line_of_statement(self, node: str, path: str | None, value: str | None) -> int | None:
        """The line of the statement a result is about: the first line of ``node``'s own
        statement (from :meth:`line_of`) that writes the predicate ``path`` (an N-Triples
        IRI; for ``rdf:type``, usually written ``a``, the line that writes ``value``), else
        the line where the statement starts. Turtle family only; others as :meth:`line_of`."""
        if not path:
            return self.line_of(node)
        wanted = value if path == f"<{_RDF_TYPE}>" else path
        return self.line_writing(node, wanted)

    def line_writing(self, node: str, term: str | None) -> int | None:
        """The first line of ``node``'s own statement (from :meth:`line_of`) that writes
        ``term`` (an N-Triples IRI, as predicate or object), else the line where the
        statement starts. Turtle family only; others as :meth:`line_of`."""
        first = self.line_of(node)
        if first is None or self.fmt not in TURTLE_FAMILY:
            return first
        if not (term and term.startswith("<") and term.endswith(">")):
            return first
        forms, prefixed = spellings(term[1:-1], self.prefixes, self.bases)
        pattern = re.compile(
            "|".join(
                [re.escape(f"<{form}>") for form in forms]
                + [_BEFORE_NAME + re.escape(name) + _AFTER_NAME for name in prefixed]
            )
        )
        lines = self.text.split("\n")
        for number in range(first, len(lines) + 1):
            code = _TRAILING_COMMENT.sub("", lines[number - 1]).strip()
            if number > first and code.startswith("#"):
                continue
            if pattern.search(code):
                return number
            if code.endswith((".", "}")):
                break  # the end of the node's statement
        return first

    def _mention(
        self, forms: list[str], prefixed: list[str], *, subject_only: bool = False
    ) -> int | None:
        if self.fmt in TURTLE_FAMILY:
            terms = [re.escape(f"<{form}>") for form in forms]
            terms += [_BEFORE_NAME + re.escape(name) + _AFTER_NAME for name in prefixed]
        else:
            quotes = '"' if self.fmt == "jsonld" else "[\"']"
            names = forms + prefixed if self.fmt == "jsonld" else forms
            terms = [f"{quotes}{re.escape(name)}{quotes}" for name in names]
        for match in re.finditer("|".join(terms), self.text):
            start = self.text.rfind("\n", 0, match.start()) + 1
            before = self.text[start : match.start()].strip()
            if self.fmt in TURTLE_FAMILY and before[:1] == "#":
                continue  # inside a comment
            if subject_only and not before.endswith((".", "{")):
                continue  # not after a statement's end: line starts are indexed already
            return self._line_at(match.start())
        return None


def find_line(
    text: str,
    node: str,
    fmt: str,
    *,
    base: str | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> int | None:
    """1-based line where ``node`` (an N-Triples term) is first described in ``text``.

    ``fmt`` is the format name (``turtle``, ``trig``, ``ntriples``, ``nquads``, ``jsonld``,
    ``rdfxml``), ``base`` the base IRI the file was parsed with, ``prefixes`` extra prefix
    declarations (the parser's); those declared in the text are found here. For many nodes
    of one file, build a :class:`SourceIndex` once instead.
    """
    return SourceIndex(text, fmt, base=base, prefixes=prefixes).line_of(node)

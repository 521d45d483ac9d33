"""What a SPARQL 1.1 Update request will touch, read from its text before anything runs.

The write path lets Oxigraph evaluate updates; it only needs to know, beforehand, a few
things the engine does not tell: whether the request fetches anything (``LOAD``, or a
``SERVICE`` in a ``WHERE`` clause — refused before execution, since executing is fetching),
which graphs each operation can change (so that only those are compared, gated and
committed), where the ``WHERE`` clauses are (to ask which graphs a ``GRAPH ?g`` template
will write), and where the protocol's ``using-graph-uri`` / ``using-named-graph-uri``
parameters go (SPARQL 1.1 Protocol §2.2.3: they set the dataset of every operation with a
``WHERE`` clause and are an error with an operation that has ``USING``, ``USING NAMED`` or
``WITH``).

A small lexer over the SPARQL terminals (comments, short and long strings, IRIs, prefixed
names, blank node labels, language tags, variables, words, punctuation) and a parser of the
update grammar's outer structure: operations and their keywords, templates and their
``GRAPH`` blocks, ``USING``/``WITH`` clauses; group patterns are skipped by brace matching.
Anything it cannot follow makes the plan ``opaque``: the caller then compares every graph
(correct, slower) and the engine reports the syntax error, if there is one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from borderkg.querytext import inspect, mentions_service, resolve_iri
from borderkg.updatelex import (
    LOCAL_ESCAPE,
    SCHEME,
    Token,
    UpdateTextError,
    line_column,
    tokenize,
    unescape_iri,
)

__all__ = [
    "DATA_KINDS",
    "GRAPH_KINDS",
    "DatasetConflict",
    "FetchRefused",
    "GraphKey",
    "Operation",
    "UpdatePlan",
    "UpdateTextError",
    "analyse",
    "candidate_query",
    "operation_text",
    "with_protocol_dataset",
]

#: A graph an operation changes: a named graph's IRI, or ``None`` for the default graph.
GraphKey = str | None

#: Operation kinds, as :attr:`Operation.kind` names them.
DATA_KINDS = frozenset({"INSERT DATA", "DELETE DATA"})
GRAPH_KINDS = frozenset({"CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"})


class FetchRefused(Exception):
    """The update would fetch from the network: ``LOAD``, or a ``SERVICE`` not allowed."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class DatasetConflict(Exception):
    """Protocol dataset parameters given for an update that sets its own dataset."""


@dataclass(frozen=True)
class Operation:
    """One operation of an update request and what it can change.

    ``graphs``: graphs it changes that the text names (``None`` is the default graph);
    ``graph_vars``: variables naming template graphs (``GRAPH ?g { … }``), whose values in
    the solutions of ``where`` are further graphs it changes; ``scope``: ``"NAMED"`` or
    ``"ALL"`` for ``CLEAR``/``DROP`` of every named graph (and the default one).
    ``where``: the character span of the group pattern whose solutions the templates use;
    ``dataset``: ``(named, IRI text)`` of its ``USING`` clauses, ``with_graph`` its ``WITH``.
    """

    kind: str
    start: int
    end: int
    graphs: frozenset[GraphKey] = frozenset()
    graph_vars: tuple[str, ...] = ()
    scope: str | None = None
    where: tuple[int, int] | None = None
    dataset: tuple[tuple[bool, str], ...] = ()
    with_graph: str | None = None
    where_keyword: int | None = None  # offset of the WHERE keyword (Modify)
    reads: frozenset[GraphKey] = frozenset()  # the source of ADD / COPY

    @property
    def has_dataset(self) -> bool:
        """Whether it sets its own dataset with ``USING``, ``USING NAMED`` or ``WITH``."""
        return bool(self.dataset) or self.with_graph is not None


@dataclass(frozen=True)
class UpdatePlan:
    """What :func:`analyse` found: the operations, or ``opaque`` when it could not follow.

    ``prologues[i]`` is the prologue text (``BASE``/``PREFIX`` declarations) in force for
    operation ``i``, so that an operation can be run, or questioned, on its own.
    """

    text: str
    operations: tuple[Operation, ...] = ()
    prologues: tuple[str, ...] = ()
    opaque: bool = False
    services: tuple[str, ...] = field(default=())

    @property
    def static(self) -> bool:
        """Whether the text names every graph the request can change."""
        return not self.opaque and all(
            not op.graph_vars and op.scope is None for op in self.operations
        )

    def graphs(self) -> set[GraphKey]:
        """The graphs the text names as changed (see :attr:`Operation.graphs`)."""
        return {g for op in self.operations for g in op.graphs}


def analyse(
    text: str,
    prefixes: Mapping[str, str] | None = None,
    *,
    service_allowlist: Sequence[str] = (),
) -> UpdatePlan:
    """The operations of update ``text`` and the graphs each can change.

    ``prefixes`` are those the engine predeclares. Raises :class:`FetchRefused` for ``LOAD``
    and for a ``SERVICE`` whose endpoint is not in ``service_allowlist`` (``"*"`` allows
    any), and :class:`UpdateTextError` for an unterminated string.
    """
    tokens = tokenize(text)
    for token in tokens:
        if token.kind == "word" and token.text.upper() == "LOAD":
            line, column = line_column(text, token.start)
            raise FetchRefused(
                f"LOAD (at {line}:{column}) is refused: this service does not fetch documents "
                "from the network. Send the data itself: INSERT DATA, or a Graph Store "
                "Protocol PUT/POST of the document to /data.",
                "load-refused",
            )
    parser = _Parser(text, tokens, dict(prefixes or {}))
    try:
        operations, prologues = parser.run()
    except _Opaque:
        return UpdatePlan(text, opaque=True, services=tuple(parser.services))
    finally:
        _check_services(parser.services, parser.unresolved_service, service_allowlist)
    return UpdatePlan(text, tuple(operations), tuple(prologues), services=tuple(parser.services))


def _check_services(found: list[str], unresolved: bool, allowlist: Sequence[str]) -> None:
    if not found and not unresolved:
        return
    if "*" in allowlist:
        return
    refused = [s for s in found if s not in allowlist]
    if unresolved or refused:
        target = refused[0] if refused else "an endpoint this service cannot resolve"
        raise FetchRefused(
            f"SERVICE {target} is refused: federated queries inside updates are off unless "
            "the operator lists the endpoint in the service allowlist (see docs/serving.md).",
            "service-not-allowed",
        )


def with_protocol_dataset(
    plan: UpdatePlan, using: Sequence[str], using_named: Sequence[str]
) -> str:
    """The update text with the protocol's ``using-graph-uri``/``using-named-graph-uri`` applied.

    Each operation with a ``WHERE`` clause gets ``USING``/``USING NAMED`` clauses (``DELETE
    WHERE { P }`` becomes ``DELETE { P } USING … WHERE { P }``, its definition). An
    operation with its own ``USING``/``USING NAMED``/``WITH`` raises
    :class:`DatasetConflict`, as SPARQL 1.1 Protocol §2.2.3 requires.
    """
    if not using and not using_named:
        return plan.text
    if plan.opaque:
        raise DatasetConflict(
            "using-graph-uri / using-named-graph-uri cannot be applied: the update could not "
            "be read (see the syntax error when it is sent without them)"
        )
    clauses = " ".join(
        [f"USING {_iri_text(g)}" for g in using]
        + [f"USING NAMED {_iri_text(g)}" for g in using_named]
    )
    text = plan.text
    for op in reversed(plan.operations):
        if op.kind not in ("MODIFY", "DELETE WHERE"):
            continue
        if op.has_dataset:
            raise DatasetConflict(
                "using-graph-uri / using-named-graph-uri were given, but the update sets its "
                "own dataset with USING, USING NAMED or WITH: SPARQL 1.1 Protocol §2.2.3 makes "
                "that an error. Send one or the other."
            )
        if op.kind == "MODIFY":
            assert op.where_keyword is not None
            at = op.where_keyword
            text = f"{text[:at]}{clauses} {text[at:]}"
        else:
            assert op.where is not None
            pattern = text[op.where[0] : op.where[1]]
            text = f"{text[: op.start]}DELETE {pattern} {clauses} WHERE {pattern}{text[op.end :]}"
    return text


def _iri_text(iri: str) -> str:
    if any(c in iri for c in '<>"{}|^`\\') or any(ord(c) <= 0x20 for c in iri):
        raise DatasetConflict(f"{iri!r} is not an IRI")
    if not SCHEME.match(iri):
        raise DatasetConflict(f"{iri!r} is not an absolute IRI")
    return f"<{iri}>"


class _Opaque(Exception):
    """The parser cannot follow the text (the engine will judge it)."""


class _Parser:
    """The outer structure of an update: prologues, operations, templates."""

    def __init__(self, text: str, tokens: list[Token], prefixes: dict[str, str]) -> None:
        self.text = text
        self.tokens = tokens
        self.pos = 0
        self.prefixes = prefixes
        self.base: str | None = None
        info = inspect(text, prefixes)
        self.services = list(info.services)
        self.unresolved_service = info.uncertain and mentions_service(text)

    # -- tokens ------------------------------------------------------------------------

    def _peek(self, ahead: int = 0) -> Token | None:
        index = self.pos + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def _word(self, ahead: int = 0) -> str:
        token = self._peek(ahead)
        return token.text.upper() if token is not None and token.kind == "word" else ""

    def _take(self) -> Token:
        token = self._peek()
        if token is None:
            raise _Opaque
        self.pos += 1
        return token

    def _expect_word(self, *words: str) -> str:
        word = self._word()
        if word not in words:
            raise _Opaque
        self.pos += 1
        return word

    def _skip_block(self) -> tuple[int, int]:
        """Skip a ``{ … }`` block, returning its character span (braces included)."""
        start = self._take()
        if start.kind != "{":
            raise _Opaque
        depth = 1
        while depth:
            token = self._take()
            if token.kind == "{":
                depth += 1
            elif token.kind == "}":
                depth -= 1
        return start.start, self.tokens[self.pos - 1].end

    # -- terms ---------------------------------------------------------------------------

    def _iri(self, token: Token) -> str:
        """The absolute IRI of an IRI or prefixed-name token."""
        if token.kind == "iri":
            return self._resolve(unescape_iri(token.text[1:-1]))
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            if prefix not in self.prefixes:
                raise _Opaque
            return self.prefixes[prefix] + LOCAL_ESCAPE.sub(r"\1", local)
        raise _Opaque

    def _resolve(self, iri: str) -> str:
        return resolve_iri(iri, self.base)

    # -- structure ---------------------------------------------------------------------

    def run(self) -> tuple[list[Operation], list[str]]:
        operations: list[Operation] = []
        prologues: list[str] = []
        prologue: list[str] = []
        while True:
            while self._word() in ("PREFIX", "BASE"):
                prologue.append(self._declaration())
            if self._peek() is None:
                break
            start = self._peek()
            assert start is not None
            operation = self._operation(start)
            operations.append(operation)
            prologues.append("\n".join(prologue))
            token = self._peek()
            if token is None:
                break
            if token.kind != ";":
                raise _Opaque
            self.pos += 1
        return operations, prologues

    def _declaration(self) -> str:
        keyword = self._take()
        if keyword.text.upper() == "BASE":
            iri = self._take()
            if iri.kind != "iri":
                raise _Opaque
            self.base = self._resolve(unescape_iri(iri.text[1:-1]))
        else:
            name, iri = self._take(), self._take()
            if name.kind != "pname" or not name.text.endswith(":") or iri.kind != "iri":
                raise _Opaque
            self.prefixes[name.text[:-1]] = self._resolve(unescape_iri(iri.text[1:-1]))
        return self.text[keyword.start : self.tokens[self.pos - 1].end]

    def _operation(self, start: Token) -> Operation:
        word = self._word()
        if word in ("CLEAR", "DROP"):
            return self._clear(start)
        if word in ("CREATE", "ADD", "MOVE", "COPY"):
            return self._graph_management(start)
        if word in ("INSERT", "DELETE") and self._word(1) == "DATA":
            self.pos += 2
            graphs, variables = self._template()
            if variables:
                raise _Opaque
            return self._done(f"{word} DATA", start, graphs=frozenset(graphs))
        if word == "DELETE" and self._word(1) == "WHERE":
            self.pos += 2
            pattern_start = self.pos
            graphs, variables = self._template()
            self.pos = pattern_start
            where = self._skip_block()
            return self._done(
                "DELETE WHERE", start, graphs=frozenset(graphs), graph_vars=variables, where=where
            )
        if word in ("INSERT", "DELETE", "WITH"):
            return self._modify(start)
        raise _Opaque

    def _done(self, kind: str, start: Token, **fields: object) -> Operation:
        end = self.tokens[self.pos - 1].end
        return Operation(kind, start.start, end, **fields)  # type: ignore[arg-type]

    def _clear(self, start: Token) -> Operation:
        kind = self._take().text.upper()
        if self._word() == "SILENT":
            self.pos += 1
        target = self._expect_word("GRAPH", "DEFAULT", "NAMED", "ALL")
        if target == "GRAPH":
            return self._done(kind, start, graphs=frozenset({self._iri(self._take())}))
        if target == "DEFAULT":
            return self._done(kind, start, graphs=frozenset({None}))
        return self._done(kind, start, scope=target)

    def _graph_management(self, start: Token) -> Operation:
        kind = self._take().text.upper()
        if self._word() == "SILENT":
            self.pos += 1
        if kind == "CREATE":
            self._expect_word("GRAPH")
            return self._done(kind, start, graphs=frozenset({self._iri(self._take())}))
        source = self._graph_or_default()
        self._expect_word("TO")
        target = self._graph_or_default()
        changed = {source, target} if kind == "MOVE" else {target}
        return self._done(kind, start, graphs=frozenset(changed), reads=frozenset({source}))

    def _graph_or_default(self) -> GraphKey:
        if self._word() == "DEFAULT":
            self.pos += 1
            return None
        if self._word() == "GRAPH":
            self.pos += 1
        return self._iri(self._take())

    def _modify(self, start: Token) -> Operation:
        with_graph = None
        if self._word() == "WITH":
            self.pos += 1
            with_graph = self._iri(self._take())
        graphs: set[GraphKey] = set()
        variables: list[str] = []
        if self._word() == "DELETE":
            self.pos += 1
            self._add_template(graphs, variables)
            if self._word() == "INSERT":
                self.pos += 1
                self._add_template(graphs, variables)
        elif self._word() == "INSERT":
            self.pos += 1
            self._add_template(graphs, variables)
        else:
            raise _Opaque
        if with_graph is not None and None in graphs:
            graphs.discard(None)  # template triples outside GRAPH go to the WITH graph
            graphs.add(with_graph)
        dataset: list[tuple[bool, str]] = []
        while self._word() == "USING":
            self.pos += 1
            named = self._word() == "NAMED"
            if named:
                self.pos += 1
            dataset.append((named, f"<{self._iri(self._take())}>"))
        where_token = self._peek()
        self._expect_word("WHERE")
        where = self._skip_block()
        assert where_token is not None
        return self._done(
            "MODIFY",
            start,
            graphs=frozenset(graphs),
            graph_vars=tuple(dict.fromkeys(variables)),
            where=where,
            dataset=tuple(dataset),
            with_graph=with_graph,
            where_keyword=where_token.start,
        )

    def _add_template(self, graphs: set[GraphKey], variables: list[str]) -> None:
        found, names = self._template()
        graphs.update(found)
        variables.extend(names)

    def _template(self) -> tuple[set[GraphKey], tuple[str, ...]]:
        """The graphs a ``{ … }`` quad template or quad data writes: IRIs, and variables."""
        opening = self._take()
        if opening.kind != "{":
            raise _Opaque
        graphs: set[GraphKey] = set()
        variables: list[str] = []
        while True:
            token = self._take()
            if token.kind == "}":
                break
            if token.kind == "word" and token.text.upper() == "GRAPH":
                name = self._take()
                if name.kind == "var":
                    variables.append(name.text)
                else:
                    graphs.add(self._iri(name))
                self._skip_block()
            elif token.kind == "{":
                raise _Opaque
            elif token.kind != ".":
                graphs.add(None)
        return graphs, tuple(variables)


def candidate_query(plan: UpdatePlan, index: int) -> str | None:
    """A ``SELECT DISTINCT`` of the template graph variables of operation ``index``.

    Run on the store just before the operation, its IRI values are the graphs the
    operation's ``GRAPH ?g`` templates write. ``USING`` clauses become ``FROM`` clauses
    (the same dataset rules); a ``WITH`` graph is given by the caller as the default graph.
    """
    op = plan.operations[index]
    if not op.graph_vars or op.where is None:
        return None
    dataset = " ".join(f"FROM NAMED {iri}" if named else f"FROM {iri}" for named, iri in op.dataset)
    where = plan.text[op.where[0] : op.where[1]]
    return f"{plan.prologues[index]}\nSELECT DISTINCT {' '.join(op.graph_vars)} {dataset} WHERE {where}"


def operation_text(plan: UpdatePlan, index: int) -> str:
    """Operation ``index`` with its prologue: an update request of its own."""
    op = plan.operations[index]
    return f"{plan.prologues[index]}\n{plan.text[op.start : op.end]}"

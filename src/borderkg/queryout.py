"""Run a SPARQL query on the store and render its results for the terminal or a file."""

from __future__ import annotations

import io
import re
import traceback

import pyoxigraph as ox

from borderkg.ontology.namespaces import PREFIXES
from borderkg.querymessages import explain_syntax_error
from borderkg.servicefail import explain_service_failure
from borderkg.store import GraphStore

_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: Cells wider than this are cut in the table view (never in json/csv/tsv).
MAX_CELL = 60


class QueryFailed(Exception):
    """The query could not be parsed (``syntax``) or evaluated; the message says where
    and why."""

    def __init__(self, message: str, *, syntax: bool) -> None:
        super().__init__(message)
        self.syntax = syntax


#: The words an update operation begins with (SPARQL 1.1 Update); no query begins so.
UPDATE_KEYWORDS = frozenset(
    ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
)
# What may come before the first keyword: white space, comments, PREFIX and BASE declarations
# (their IRIs may hold a "#", which starts no comment there).
_PROLOGUE = re.compile(r"\s+|\#[^\n]*|(?i:PREFIX)\s*[^\s:<]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>")
_KEYWORD = re.compile(r"[A-Za-z]+")


def update_keyword(text: str) -> str | None:
    """The operation (``INSERT``, ``DELETE`` …) ``text`` begins with if it is a SPARQL
    update rather than a query, else ``None``.

    Only the first keyword after the prologue is read, so that an update gets a message
    saying where updates go rather than the parser's "expected SELECT" at its first word.
    """
    pos = 0
    while match := _PROLOGUE.match(text, pos):
        pos = match.end()
    word = _KEYWORD.match(text, pos)
    if word is None:
        return None
    keyword = word.group().upper()
    return keyword if keyword in UPDATE_KEYWORDS else None


def shorten(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """A term as a person reads it: prefixed names, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default="")
        if best:
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            return f"{prefix}:{iri[len(best) :]}"
        return f"<{iri}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if term.language:
        return f"{term.value}@{term.language}"
    return term.value


def _table(solutions: ox.QuerySolutions) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[shorten(sol[name]) for name in names] for sol in solutions]
    cut = [[c if len(c) <= MAX_CELL else c[: MAX_CELL - 1] + "…" for c in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cut]) for i, n in enumerate(names)]
    lines = [
        "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cut]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render_results(store: GraphStore, sparql: str, fmt: str, *, union: bool = True) -> str:
    """Evaluate ``sparql`` and render it as ``table``, ``json``, ``csv`` or ``tsv``.

    SELECT/ASK results use the SPARQL results formats; CONSTRUCT/DESCRIBE results are
    printed as Turtle (``table``) or N-Triples (``csv``/``tsv``) or JSON-LD (``json``).
    Raises :class:`QueryFailed` for a query the engine cannot parse or evaluate.
    """
    try:
        return _render(store, sparql, fmt, union)
    except SyntaxError as exc:
        failure, syntax = f"query syntax error: {explain_syntax_error(sparql, str(exc))}", True
        traceback.clear_frames(exc.__traceback__)
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation failed, e.g. a SERVICE
        failure, syntax = f"query failed: {failure_message(sparql, exc)}", False
        traceback.clear_frames(exc.__traceback__)
    # Raised outside the handler, so no exception chain keeps the frames of the failed run.
    # pyoxigraph's results are bound to the thread that made them (a deep-stack thread, see
    # borderkg.deepstack): freed anywhere else they print a RuntimeError instead of closing.
    raise QueryFailed(failure, syntax=syntax)


def failure_message(sparql: str, exc: BaseException) -> str:
    """What to say of ``sparql`` failing with ``exc`` while it ran: a failed ``SERVICE``
    call names its endpoint and what went wrong (as the endpoint's 502 does)."""
    service = explain_service_failure(sparql, type(exc).__name__, str(exc))
    return str(exc) if service is None else service.message


def table_of(results: ox.QuerySolutions | ox.QueryBoolean) -> str:
    """SELECT or ASK results as the ``table`` format shows them."""
    if isinstance(results, ox.QueryBoolean):
        return ("true" if bool(results) else "false") + "\n"
    return _table(results)


def _render(store: GraphStore, sparql: str, fmt: str, union: bool) -> str:
    results = store.query(sparql, union=union)
    if isinstance(results, ox.QueryTriples):
        rdf_format = {
            "table": ox.RdfFormat.TURTLE,
            "json": ox.RdfFormat.JSON_LD,
        }.get(fmt, ox.RdfFormat.N_TRIPLES)
        out = io.BytesIO()
        prefixes = PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
        ox.serialize(results, out, rdf_format, prefixes=prefixes)
        return out.getvalue().decode("utf-8")
    if fmt == "table":
        return table_of(results)
    return results.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")

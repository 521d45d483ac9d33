"""Run a SPARQL query on the store and render its results for the terminal or a file."""

from __future__ import annotations

import io

import pyoxigraph as ox

from borderkg.ontology.namespaces import PREFIXES
from borderkg.store import GraphStore

_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: Cells wider than this are cut in the table view (never in json/csv/tsv).
MAX_CELL = 60


class QueryFailed(Exception):
    """The query could not be parsed or evaluated; the message says where and why."""


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
    """
    try:
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
        if isinstance(results, ox.QueryBoolean):
            if fmt == "table":
                return ("true" if bool(results) else "false") + "\n"
            return results.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")
        if fmt == "table":
            return _table(results)
        return results.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")
    except SyntaxError as exc:
        raise QueryFailed(f"query syntax error: {exc}") from exc
    except OSError as exc:
        raise QueryFailed(f"query failed: {exc}") from exc

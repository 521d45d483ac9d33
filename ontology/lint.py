"""Quality checks ("lint") for the ontology, the concept schemes and the curated vocabulary.

Each check is one SPARQL SELECT in ``queries/lint-*.rq`` (shipped as package data) that
returns the offending resources: no rows means the check passes. The queries are plain
SPARQL 1.1 with their own prefixes, so researchers can run them against any endpoint; here
they run on an in-memory Oxigraph store, which is much faster than rdflib's engine on the
self-joins some checks need.

Run ``python -m borderkg.ontology.lint`` to lint the shipped files (exit status 1 on
problems); pass extra RDF files to lint them together with the shipped ones.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier

from borderkg.ontology import ONTOLOGY_FILE, SCHEMES_FILE, VOCABULARY_FILE, resource_text
from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH, VOCABULARY_GRAPH
from borderkg.oxterms import to_rdflib

QUERY_DIR = "queries"
QUERY_PREFIX = "lint-"
QUERY_SUFFIX = ".rq"

#: One offending result: query variable → the bound RDF term (unbound variables are left out).
LintRow = dict[str, Identifier]
#: Lint results: query name (the file name without ``.rq``) → offending rows.
LintResults = dict[str, list[LintRow]]


def lint_queries() -> dict[str, str]:
    """Every lint query shipped with the package, by name (file name without ``.rq``)."""
    folder = files(__package__).joinpath(QUERY_DIR)
    return {
        entry.name.removesuffix(QUERY_SUFFIX): entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.startswith(QUERY_PREFIX) and entry.name.endswith(QUERY_SUFFIX)
    }


def run_lint(graph: Graph | Dataset | ox.Store, names: Iterable[str] | None = None) -> LintResults:
    """Run the lint queries on ``graph`` (all of its named graphs together).

    Returns every query's offending rows, including empty lists for passing checks. With
    ``names``, only those queries run; an unknown name raises ``KeyError``. Several checks
    compare data with the ontology and schemes (declared terms, top classes), so lint data
    together with them — ``shipped_store`` gives a store to add data to.
    """
    queries = lint_queries()
    selected = sorted(queries) if names is None else list(names)
    unknown = [name for name in selected if name not in queries]
    if unknown:
        raise KeyError(f"no lint query named {', '.join(unknown)}")
    store = _as_store(graph)
    return {name: _select(store, queries[name]) for name in selected}


@dataclass(frozen=True)
class LintReport:
    """The outcome of linting: rows per query, plus inputs that could not be linted."""

    results: LintResults
    skipped: tuple[str, ...] = ()

    @property
    def problems(self) -> LintResults:
        """Only the queries that returned rows."""
        return {name: rows for name, rows in self.results.items() if rows}

    @property
    def ok(self) -> bool:
        """True when no query returned a row."""
        return not self.problems

    def format(self) -> str:
        """A plain-text report, one line per offending row."""
        lines = [f"skipped: {note}" for note in self.skipped]
        for name, rows in self.problems.items():
            lines.append(f"{name}: {len(rows)} problem(s)")
            lines.extend("  " + _format_row(row) for row in rows)
        passed = len(self.results) - len(self.problems)
        lines.append(f"{passed} of {len(self.results)} lint checks passed")
        return "\n".join(lines)


def shipped_store(extra: Sequence[Path] = ()) -> tuple[ox.Store, tuple[str, ...]]:
    """The ontology, schemes and vocabulary in one store, each in its well-known graph.

    The vocabulary is skipped (with a note in the second element) only when its file is not
    shipped; the ontology and schemes must exist. ``extra`` files are added, each in a graph
    named after its path, with the format guessed from the file extension.
    """
    store = ox.Store()
    skipped: list[str] = []
    parts = ((ONTOLOGY_FILE, ONTOLOGY_GRAPH), (SCHEMES_FILE, SCHEMES_GRAPH))
    for name, graph_iri in parts:
        _load_turtle(store, resource_text(name), graph_iri)
    if files(__package__).joinpath(VOCABULARY_FILE).is_file():
        _load_turtle(store, resource_text(VOCABULARY_FILE), VOCABULARY_GRAPH)
    else:
        skipped.append(
            f"{VOCABULARY_FILE} is not in the package (not generated yet?); "
            "vocabulary checks ran on the ontology and schemes only"
        )
    for path in extra:
        rdf_format = ox.RdfFormat.from_extension(path.suffix.removeprefix("."))
        if rdf_format is None:
            raise ValueError(f"cannot tell the RDF format of {path} from its extension")
        graph_iri = ox.NamedNode(path.resolve().as_uri())
        store.load(path=str(path), format=rdf_format, to_graph=graph_iri)
    return store, tuple(skipped)


def lint_shipped(extra: Sequence[Path] = ()) -> LintReport:
    """Lint the shipped ontology, concept schemes and vocabulary together.

    A missing vocabulary file is not an error — it is generated by another part of the
    build — but it is reported in ``LintReport.skipped`` and as a ``UserWarning``.
    """
    store, skipped = shipped_store(extra)
    for note in skipped:
        warnings.warn(f"borderkg lint: {note}", UserWarning, stacklevel=2)
    return LintReport(run_lint(store), skipped)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: lint the shipped files (plus any given); exit status 1 on problems."""
    parser = argparse.ArgumentParser(
        prog="python -m borderkg.ontology.lint",
        description="Lint the borderkg ontology, concept schemes and vocabulary.",
    )
    parser.add_argument(
        "files", nargs="*", type=Path, help="extra RDF files to lint with the shipped ones"
    )
    args = parser.parse_args(argv)
    try:
        report = lint_shipped(args.files)
    except (OSError, SyntaxError, ValueError) as error:
        parser.error(str(error))
    print(report.format())
    return 0 if report.ok else 1


def _as_store(graph: Graph | Dataset | ox.Store) -> ox.Store:
    if isinstance(graph, ox.Store):
        return graph
    store = ox.Store()
    # Every graph of a Dataset goes in; the queries read them all as one union.
    parts = graph.graphs() if isinstance(graph, Dataset) else [graph]
    for part in parts:
        store.load(part.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return store


def _load_turtle(store: ox.Store, text: str, graph_iri: URIRef) -> None:
    store.load(text, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(graph_iri)))


def _select(store: ox.Store, query: str) -> list[LintRow]:
    solutions = store.query(query, use_default_graph_as_union=True)
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError("a lint query must be a SELECT query")
    names = [variable.value for variable in solutions.variables]
    rows: list[LintRow] = []
    for solution in solutions:
        row = {name: to_rdflib(solution[name]) for name in names if solution[name] is not None}
        rows.append(row)
    return rows


def _format_row(row: LintRow) -> str:
    return "  ".join(f"{name}={value.n3()}" for name, value in row.items())


if __name__ == "__main__":
    sys.exit(main())

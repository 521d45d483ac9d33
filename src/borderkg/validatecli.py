"""``borderkg validate``: read inputs, validate them with the project's shapes, report.

The click command in ``borderkg.cli`` only passes its options to :func:`run_command`.
Exit codes, decided from the report and never from a validator's own status: 0 when
nothing is at or above ``--fail-on`` (Violations by default, so warnings pass), 1 when
something is, 2 when the command could not validate (usage errors, a missing file, a
syntax error, a locked store) — the convention of pyshacl's command line.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import click
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from borderkg.reportfmt import FORMATS, render, verdict
from borderkg.reportmodel import Outcome, default_compactor, shape_catalog
from borderkg.sourcelines import SourceIndex
from borderkg.validation import ValidationReport, ValidationResult, knownterms
from borderkg.validation.advice import advise, for_hand_written
from borderkg.validation_inputs import (
    Collected,
    InputError,
    InputFile,
    collect,
    read_shapes,
)

#: Shapes whose results are about a node reused where it must not be: located at the reuse
#: (the result's value), not where the node is defined.
REUSE_SHAPES = frozenset({"https://w3id.org/borderkg/shapes#AnonymousSourceGraphsShape"})


def _term(node: str) -> ox.NamedNode | ox.BlankNode:
    if node.startswith("_:"):
        return ox.BlankNode(node[2:])
    return ox.NamedNode(node[1:-1])


class _Locator:
    """Fills in ``file`` and ``line`` of results from what the inputs said about each node."""

    def __init__(self, collected: Collected) -> None:
        self.collected = collected
        self.indexes: dict[str, SourceIndex | None] = {}

    def _index(self, source: InputFile) -> SourceIndex | None:
        if source.source not in self.indexes:
            try:
                text = Path(source.source).read_text(encoding="utf-8", errors="replace")
            except OSError:
                self.indexes[source.source] = None
            else:
                self.indexes[source.source] = SourceIndex(
                    text, source.format, base=source.base, prefixes=source.prefixes
                )
        return self.indexes[source.source]

    def locate(self, result: ValidationResult) -> ValidationResult:
        """The result with the file (and line) of the input's own statement about its focus
        node: where the node is a subject. A node the inputs only mention (as an object) is
        located at that mention only when nothing describes it; one the project's
        vocabulary describes is the project's, and gets no file. A reused anonymous source
        is located where it is reused (:meth:`_locate_reuse`)."""
        if result.source_shape in REUSE_SHAPES:
            reused = self._locate_reuse(result)
            if reused is not None:
                return reused
        node = result.focus_node
        collected = self.collected
        if node in collected.subject_of:
            source = collected.inputs[collected.subject_of[node]]
        elif node in collected.mentioned_in and not collected.described_by_project(node):
            source = collected.inputs[collected.mentioned_in[node]]
        else:
            return result
        if source.kind == "article":
            # A JSON Lines record's source is "FILE:LINE"; other articles are whole files.
            file, _, line = source.source.rpartition(":")
            if file and line.isdigit():
                return replace(result, file=file, line=int(line))
            return replace(result, file=source.source)
        index = self._index(source)
        if index is None:
            return replace(result, file=source.source, line=None)
        # A result on one of the node's own statements points at that statement's line.
        own = node in collected.subject_of
        line = (
            index.line_of_statement(node, result.path, result.value) if own else index.line_of(node)
        )
        return replace(result, file=source.source, line=line)

    def _locate_reuse(self, result: ValidationResult) -> ValidationResult | None:
        """A reuse result at the statement that makes the reuse: the line of the reusing
        node's (the value's) statement that names the focus node (``prov:wasAttributedTo
        <…#source-1>`` of another article's claim), else the line of the focus node's
        statement that names the value (its ``bkg:evidence`` in another article's text).
        ``None`` when the value is not described by an RDF input: then located as usual."""
        value, node = result.value, result.focus_node
        collected = self.collected
        if not value or value == node or value not in collected.subject_of:
            return None
        source = collected.inputs[collected.subject_of[value]]
        index = self._index(source) if source.kind == "rdf" else None
        if index is None:
            return None
        line = index.line_writing(value, node)
        if line is None or line == index.line_of(value):
            # The value's statement does not name the node: the node's statement in the
            # value's file names the value (or the reuse is the value itself).
            line = index.line_writing(node, value) or line
        return replace(result, file=source.source, line=line)


def _target_focus(store: ox.Store, shapes: Graph) -> list[ox.Term]:
    """Focus nodes the data files do not name: every ``sh:targetNode`` (only shapes files
    have them: the project's shapes use none), and literal objects in the inputs of
    ``sh:targetObjectsOf`` predicates (the shipped background graphs are not inputs).

    The focus restriction keeps results about the nodes the inputs describe or mention;
    a literal is neither, a blank node of the shapes file is not a node of the data files,
    and an IRI may be absent from the data, yet ``sh:targetNode`` makes each a focus node
    in SHACL (an empty data graph can fail a shape that targets a node).
    """
    from borderkg.oxterms import to_ox
    from borderkg.validation.data import BACKGROUND_GRAPHS

    found = {to_ox(o) for o in shapes.objects(None, SH.targetNode)}
    for predicate in {o for o in shapes.objects(None, SH.targetObjectsOf) if isinstance(o, URIRef)}:
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, None):
            graph = quad.graph_name
            if isinstance(quad.object, ox.Literal) and (
                not isinstance(graph, ox.NamedNode) or graph.value not in BACKGROUND_GRAPHS
            ):
                found.add(quad.object)
    return sorted(found, key=str)


def focus_of(collected: Collected, shapes: Graph) -> list[ox.Term]:
    """The focus nodes a run over ``collected`` reports on: what the inputs describe or
    mention, and the targets of :func:`_target_focus`."""
    focus: list[ox.Term] = [_term(node) for node in collected.focus_nodes()]
    return focus + _target_focus(collected.store, shapes)


def _check_arguments(paths: Sequence[str], store_dir: Path | None) -> None:
    if store_dir is not None and paths:
        raise click.UsageError(
            "give either PATHS or --store, not both: --store validates the whole store"
        )
    if store_dir is None and not paths:
        raise click.UsageError("give at least one file or folder to validate (or --store DIR)")


def _run_engine(
    data: object, shapes: Graph, engine: str, focus: list | None, shapes_files: Sequence[str]
) -> tuple[ValidationReport | None, list[InputError]]:
    """The engine's report, or why the shapes could not be applied (a malformed shape)."""
    from borderkg.validation import validate

    try:
        return validate(data, shapes=shapes, engine=engine, focus_nodes=focus), []
    except Exception as exc:  # pyshacl and the SPARQL engine raise assorted types on bad shapes
        where = ", ".join(shapes_files) or "borderkg shapes"
        message = f"the shapes could not be applied: {type(exc).__name__}: {exc}"
        return None, [InputError(where, message, kind="shapes")]


def _validate_store(
    store_dir: Path, shapes: Graph, engine: str, shapes_files: Sequence[str]
) -> tuple[ValidationReport | None, list[InputFile], list[InputError]]:
    from borderkg.store import GraphStore, StoreError

    try:
        graph_store = GraphStore.open_read_only(store_dir)
    except StoreError as exc:
        return None, [], [InputError(str(store_dir), str(exc), kind="store")]
    with graph_store:
        entry = InputFile(str(store_dir), "store", "oxigraph", quads=len(graph_store.store))
        report, errors = _run_engine(graph_store, shapes, engine, None, shapes_files)
        if report is not None:
            advise(report, graph_store.store)
    return report, [entry], errors


def run(
    paths: Sequence[str],
    *,
    store_dir: Path | None = None,
    shapes_files: Iterable[str] = (),
    engine: str = "auto",
    fail_on: str = "violation",
    input_format: str | None = None,
) -> Outcome:
    """Read, validate and locate: everything an output format needs, and the exit code.

    Input problems (missing files, syntax errors, unreadable articles, extra shapes that
    do not parse) stop the run before validating: the outcome then has no report, lists
    the errors and exits 2. Raises ``click.UsageError`` for contradictory arguments.
    """
    _check_arguments(paths, store_dir)
    shapes_files = list(shapes_files)
    shape_warnings: list[str] = []
    shapes, errors = read_shapes(shapes_files, shape_warnings)
    compact = default_compactor(shapes)
    # The misspelt-terms check runs on input files only (not on --store).
    catalog = shape_catalog(shapes, compact, known_terms=store_dir is None)
    outcome = Outcome(report=None, exit_code=2, fail_on=fail_on, shapes=catalog, compact=compact)
    if store_dir is not None:
        if errors:
            outcome.errors = errors
            return outcome
        outcome.warnings = shape_warnings
        report, outcome.inputs, outcome.errors = _validate_store(
            store_dir, shapes, engine, shapes_files
        )
        if report is not None:
            outcome.report = report
            outcome.exit_code = report.exit_code(fail_on)
        return outcome
    collected = collect(paths, input_format)
    outcome.inputs = collected.inputs
    outcome.warnings = shape_warnings + collected.warnings
    outcome.errors = errors + collected.errors
    if not outcome.errors and not collected.inputs:
        outcome.errors = [
            InputError(", ".join(paths), "no RDF or article files found", kind="empty")
        ]
    # Shapes that cannot be applied stop the run; an unreadable input does not stop the
    # others from being checked (a CI run keeps its other annotations), though it exits 2.
    if errors or not collected.inputs:
        return outcome
    declared = {p: n for entry in reversed(collected.inputs) for p, n in entry.prefixes.items()}
    outcome.compact = default_compactor(shapes, declared)
    focus = focus_of(collected, shapes)
    report, shape_errors = _run_engine(collected.store, shapes, engine, focus, shapes_files)
    outcome.errors += shape_errors
    if report is None:
        return outcome
    report.results += knownterms.unknown_terms(collected.store, shapes, outcome.compact.iri)
    locator = _Locator(collected)
    report.results = [locator.locate(result) for result in report.results]
    written = {entry.source for entry in collected.inputs if entry.kind == "rdf"}
    report.results = [for_hand_written(r) if r.file in written else r for r in report.results]
    advise(report, collected.store)
    outcome.report = report
    outcome.exit_code = 2 if outcome.errors else report.exit_code(fail_on)
    return outcome


def parse_extra_reports(specs: Iterable[str]) -> list[tuple[str, Path]]:
    """``FORMAT:FILE`` pairs of ``--report``, checked."""
    pairs = []
    for spec in specs:
        fmt, sep, file = spec.partition(":")
        if not sep or not file or fmt not in FORMATS:
            raise click.BadParameter(
                f"{spec!r}: expected FORMAT:FILE with FORMAT one of {', '.join(FORMATS)}",
                param_hint="--report",
            )
        pairs.append((fmt, Path(file)))
    return pairs


def run_command(
    paths: Sequence[str],
    *,
    store_dir: Path | None,
    shapes_files: Sequence[str],
    fmt: str,
    output: Path | None,
    extra_reports: Sequence[str],
    fail_on: str,
    engine: str,
    input_format: str | None,
) -> int:
    """What the ``validate`` command does: run, print or write each report, return the exit code."""
    extras = parse_extra_reports(extra_reports)
    # rdflib logs a traceback for every ill-formed typed literal it meets ("20/03/2024"^^
    # xsd:date); the shapes report each such value, and a CI log must not look like a crash.
    literals = logging.getLogger("rdflib.term")
    level = literals.level
    literals.setLevel(logging.ERROR)
    try:
        outcome = run(
            paths,
            store_dir=store_dir,
            shapes_files=shapes_files,
            engine=engine,
            fail_on=fail_on,
            input_format=input_format,
        )
    finally:
        literals.setLevel(level)
    for warning in outcome.warnings:
        click.echo(f"warning: {warning}", err=True)
    for extra_fmt, target in extras:
        _write(target, render(outcome, extra_fmt))
    text = render(outcome, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)
        click.echo(f"wrote {output}: {click.unstyle(verdict(outcome))}", err=True)
    sys.stdout.flush()
    return outcome.exit_code


class CannotWrite(click.ClickException):
    """A report file could not be written: exit code 2, like every other usage problem."""

    exit_code = 2


def _write(target: Path, text: str) -> None:
    try:
        target.write_text(click.unstyle(text), encoding="utf-8")
    except OSError as exc:
        raise CannotWrite(f"cannot write {target}: {exc.strerror or exc}") from exc

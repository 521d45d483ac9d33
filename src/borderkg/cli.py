"""The ``borderkg`` command: one click group of thin commands over the core.

Exit codes: 0 success, 1 when some input was rejected, a check failed or a query or
export ran and failed (a query stopped at its time limit, a SERVICE endpoint that could not
be reached, a graph the store lacks), 2 for usage errors
and for conditions that stop a command from running at all (a locked store, a folder that
holds no store, an unreadable query file, a query with a syntax error or an update).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from borderkg import __version__
from borderkg.clioptions import open_store, read_option_flags, read_options, store_option

FORMATS_RDF = ("nquads", "trig", "turtle", "jsonld")
_FORMAT_NAMES = {"nquads": "N-Quads", "trig": "TriG", "turtle": "Turtle", "jsonld": "JSON-LD"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="borderkg")
def main() -> None:
    """borderkg: a knowledge graph of China–North Korea border affairs."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--sample", is_flag=True, help="Load the bundled sample corpus.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Extraction processes (default: one per core).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@store_option
@read_option_flags
def load(paths, sample, workers, quiet, store_dir, **read_flags) -> None:
    """Load article files, folders, globs or - (standard input) into the store.

    Every article passes the SHACL gate against the store before it is written; an article
    with violations is rejected and reported, and the others load.
    """
    from borderkg.loaders.samples import sample_paths
    from borderkg.pipeline import load as run_load

    inputs = [str(p) for p in paths]
    if any(not p.strip() for p in inputs):
        raise click.UsageError("an empty PATH (an unset shell variable?): give a file or folder")
    if sample:
        inputs += [str(p) for p in sample_paths()]
    if not inputs:
        raise click.UsageError("give at least one PATH (or --sample)")
    options = read_options(**read_flags)
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    with open_store(store_dir) as store:
        summary = run_load(
            store,
            inputs,
            options=options,
            workers=workers,
            stdin=sys.stdin.buffer if "-" in inputs else None,
            on_article=progress.tick,
        )
    progress.done()
    _print_summary(summary, store.root)
    sys.exit(summary.exit_code)


class _Progress:
    """A one-line progress display on standard error: articles settled, rate, elapsed."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.count = 0
        self.rejected = 0
        self.started = time.perf_counter()
        self.last = 0.0

    def tick(self, source: str, outcome: str) -> None:
        self.count += 1
        self.rejected += outcome == "rejected"
        now = time.perf_counter()
        if self.enabled and now - self.last > 0.2:
            self.last = now
            elapsed = now - self.started
            click.echo(
                f"\r  {self.count} articles ({self.rejected} rejected) · "
                f"{self.count / max(elapsed, 1e-9):.1f}/s · {elapsed:.0f}s",
                err=True,
                nl=False,
            )

    def done(self) -> None:
        if self.enabled and self.count:
            click.echo("", err=True)


def _print_summary(summary, store_path) -> None:
    click.echo(
        f"loaded {summary.loaded} article(s) in {summary.seconds:.1f}s: "
        f"{len(summary.added)} added, {len(summary.replaced)} replaced, "
        f"{len(summary.unchanged)} unchanged, {len(summary.rejected)} rejected"
        + (f" — store {store_path}" if store_path else "")
    )
    if summary.incidents is not None:
        inc = summary.incidents
        click.echo(
            f"incidents: {inc.incidents} from {inc.reports} event report(s), "
            f"{inc.clustered} told by more than one article"
        )
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    for rejected in summary.rejected:
        reason = rejected.reason
        if not reason.startswith(rejected.source):
            reason = f"{rejected.source}: {reason}"
        click.echo(f"rejected: {reason}", err=True)


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(FORMATS_RDF), default="trig", show_default=True)
@read_option_flags
def extract(file, fmt, **read_flags) -> None:
    """Print one article's RDF without touching a store.

    The output has the article's named graph and, in separate graphs, the types, labels
    and Wikidata/GeoNames links of every entity it mentions and what its extraction run is,
    so it can be read alone.
    """
    from borderkg.loaders.extract import extract as run_extract
    from borderkg.loaders.rdf import article_quads, entity_context_quads, serialize_extraction
    from borderkg.loaders.readers import ReadError, iter_records
    from borderkg.ontology import vocabulary_graph
    from borderkg.runs import run_quads

    options = read_options(**read_flags)
    results = list(iter_records([file], options, stdin=sys.stdin.buffer if file == "-" else None))
    errors = [r for r in results if isinstance(r, ReadError) and not r.is_warning]
    records = [r for r in results if not isinstance(r, ReadError)]
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if not records:
        sys.exit(1 if errors else 2)
    vocabulary = vocabulary_graph()
    quads = run_quads()
    for record in records:
        extraction = run_extract(record)
        quads.extend(article_quads(record, extraction))
        quads.extend(entity_context_quads(extraction, vocabulary))
    click.echo(serialize_extraction(quads, fmt), nl=False)
    sys.exit(1 if errors else 0)


def _graph_iris(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    """The ``--graph`` values, each an absolute IRI, else a usage error naming it."""
    import pyoxigraph as ox

    iris = []
    for value in values:
        try:
            iris.append(ox.NamedNode(value).value)
        except ValueError as exc:
            raise click.BadParameter(f"{value!r} is not an absolute IRI ({exc})") from None
    return iris


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS_RDF), default="nquads", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    callback=_graph_iris,
    help="Export only this named graph (repeatable).",
)
@store_option
def export(fmt, output, graphs, store_dir) -> None:
    """Export the store (all graphs, or some) as N-Quads, TriG, Turtle or JSON-LD.

    A --graph the store does not hold is an error (exit code 1), and nothing is written.
    Turtle has no graphs: exporting several merges them, losing which article each triple
    came from, and a warning says so.
    """
    import pyoxigraph as ox

    from borderkg.storeread import merged_graphs

    with open_store(store_dir, read_only=True) as store:
        for iri in graphs:
            if not store.store.contains_named_graph(ox.NamedNode(iri)):
                raise click.ClickException(f"no graph <{iri}> in the store {store.root}")
        merged = merged_graphs(store.store, fmt, graphs or None)
        if merged > 1:
            click.echo(
                f"warning: {_FORMAT_NAMES.get(fmt, fmt)} has no named graphs, so the {merged} "
                "graphs exported are merged into one and which article each triple came from "
                "is lost; export N-Quads or TriG (--format nquads or trig) to keep it, or one "
                "graph with --graph IRI.",
                err=True,
            )
        if output is None:
            store.export(fmt, sys.stdout.buffer, graphs=graphs or None)
            sys.stdout.buffer.flush()
        else:
            store.export(fmt, output, graphs=graphs or None)
            click.echo(f"wrote {output}", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@store_option
def stats(as_json, store_dir) -> None:
    """Articles, triples, entities per type and unreviewed entities in the store."""
    from borderkg.pagedata import curie

    with open_store(store_dir, read_only=True) as store:
        st = store.stats()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "articles": st.articles,
                    "named_graphs": st.named_graphs,
                    "quads": st.quads,
                    "triples": st.triples,
                    "unreviewed_entities": st.unreviewed,
                    "types": st.types,
                },
                indent=2,
            )
        )
        return
    click.echo(f"articles             {st.articles}")
    click.echo(f"named graphs         {st.named_graphs}")
    click.echo(f"quads                {st.quads}")
    click.echo(f"distinct triples     {st.triples}")
    click.echo(f"unreviewed entities  {st.unreviewed}")
    click.echo("entities per type:")
    for iri, count in sorted(st.types.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"  {count:>7}  {curie(iri)}")


@main.command()
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of gold annotations (default: the sample corpus's).",
)
@click.option(
    "--against",
    "second_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A second annotator's folder for the same articles: score it against the gold "
    "instead of the extractor (inter-annotator agreement).",
)
@click.option(
    "--details",
    is_flag=True,
    help="Also list, per article, what was missed (-) and found only (+), by category.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def evaluate(gold_dir, second_dir, details, as_json) -> None:
    """Precision, recall and F1 of the extractor per category against gold annotations."""
    from borderkg.loaders.evaluate import evaluate_gold_dir
    from borderkg.loaders.evaluate_agreement import agreement
    from borderkg.loaders.samples import corpus_root
    from borderkg.loaders.samples import gold_dir as sample_gold

    gold = gold_dir or sample_gold()
    root = corpus_root() if gold_dir is None else gold.parent
    if second_dir is not None:
        report = agreement(gold, second_dir, root)
    else:
        report = evaluate_gold_dir(gold, root)
    if as_json:
        data: dict = report.as_dict()
        if details:
            data = {"categories": data, "files": report.files_as_dicts()}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(report.table())
        if details:
            click.echo("\n" + report.details())


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Validate this whole store (opened read-only) instead of files.",
)
@click.option(
    "--shapes",
    "shapes_files",
    multiple=True,
    metavar="FILE",
    help="Extra SHACL shapes, on top of the project's (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json", "junit", "github", "sarif"]),
    default="human",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--report",
    "extra_reports",
    multiple=True,
    metavar="FORMAT:FILE",
    help="Also write the report in FORMAT to FILE (repeatable), e.g. sarif:borderkg.sarif.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["violation", "warning", "info"]),
    default="violation",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "sparql", "pyshacl"]),
    default="auto",
    show_default=True,
)
@click.option(
    "--input-format",
    type=click.Choice(
        [
            "turtle",
            "trig",
            "nquads",
            "ntriples",
            "jsonld",
            "rdfxml",
            "text",
            "json",
            "jsonl",
            "html",
        ]
    ),
    help="Read every input in this format instead of choosing by extension.",
)
def validate(paths, store_dir, shapes_files, fmt, output, extra_reports, **options) -> None:
    """Check RDF files, article files, folders or a whole store against the SHACL shapes.

    Exit code 0 when the data conforms (warnings allowed unless --fail-on warning),
    1 when it does not, 2 when it could not be validated (see docs/validate.md).
    """
    from borderkg.validatecli import run_command

    sys.exit(
        run_command(
            list(paths),
            store_dir=store_dir,
            shapes_files=list(shapes_files),
            fmt=fmt,
            output=output,
            extra_reports=list(extra_reports),
            **options,
        )
    )


def _register_query_command() -> None:
    """``query`` lives in ``borderkg.querycli``."""
    from borderkg.querycli import query

    main.add_command(query)


_register_query_command()


def _register_serving_commands() -> None:
    """``serve``, ``demo``, ``reindex`` and ``search`` live in ``borderkg.servecli``."""
    from borderkg.servecli import demo, reindex, search, serve

    for command in (serve, demo, reindex, search):
        main.add_command(command)


_register_serving_commands()


def _register_curation_commands() -> None:
    """``unreviewed`` lives in ``borderkg.curatecli``."""
    from borderkg.curatecli import unreviewed

    main.add_command(unreviewed)


_register_curation_commands()

if __name__ == "__main__":  # pragma: no cover
    main()

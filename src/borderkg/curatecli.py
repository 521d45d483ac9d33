"""``borderkg unreviewed``: the curator's queue of entities found by pattern (``curation``).

Registered on the command group by ``borderkg.cli``, after its shared options are defined.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from borderkg.clioptions import store_option


@click.command()
@click.option(
    "--min-articles",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only entities named by at least this many articles.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--registry-out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write candidate rows for ontology/registry/*.csv into this folder.",
)
@store_option
def unreviewed(
    min_articles: int, as_json: bool, registry_out: Path | None, store_dir: Path | None
) -> None:
    """Entities the extractor found by pattern, not in the vocabulary: the curator's queue.

    Most widespread first, each with its articles, mentions and a sentence naming it.
    --registry-out writes them as rows of the registry files (places.csv, actors.csv,
    legal.csv) to check, complete and append; the next load then links the name.
    """
    from borderkg.cli import open_store
    from borderkg.curation import registry_rows
    from borderkg.curation import unreviewed as find
    from borderkg.pagedata import curie

    with open_store(store_dir, read_only=True) as store:
        candidates = find(store, min_articles=min_articles)
    if registry_out is not None:
        registry_out.mkdir(parents=True, exist_ok=True)
        for name, text in registry_rows(candidates).items():
            (registry_out / name).write_text(text, encoding="utf-8")
            click.echo(f"wrote {registry_out / name}", err=True)
    if as_json:
        click.echo(json.dumps([c.as_dict() for c in candidates], indent=2, ensure_ascii=False))
        return
    if not candidates:
        click.echo("no unreviewed entities")
        return
    click.echo(f"{'articles':>8}  {'mentions':>8}  {'type':<20}  entity")
    for c in candidates:
        click.echo(f"{c.articles:>8}  {c.mentions:>8}  {c.registry_type:<20}  {curie(c.iri)}")
        if c.example:
            words = c.example if len(c.example) <= 100 else c.example[:99] + "…"
            click.echo(f"{'':>42}“{words}”")
    click.echo(f"{len(candidates)} unreviewed entit{'y' if len(candidates) == 1 else 'ies'}")

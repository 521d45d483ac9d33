"""Options and helpers the command modules share (``cli``, ``servecli``, ``curatecli``).

A module of its own so that command modules need not import ``borderkg.cli``, which imports
them to register their commands (``python -m borderkg.cli`` would load it twice).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from borderkg.loaders.readers import ReadOptions
    from borderkg.store import GraphStore

STORE_HELP = "Store folder (default: $BORDERKG_STORE or ~/.local/share/borderkg/store)."


class Fail(click.ClickException):
    """An error that stops a command, printed without a traceback, exit code 2."""

    exit_code = 2


def store_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--store DIR``, else $BORDERKG_STORE, else the per-user data folder."""
    return click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help=STORE_HELP,
    )(func)


def existing_store(store_dir: Path | None) -> Path:
    """The store folder ``--store`` (or the default) names, refused with :class:`Fail` when
    it holds no store, before anything is opened or created there.

    For the commands that only read: a mistyped path must not become an empty store that
    answers every query with nothing. A bare pyoxigraph database (a checkpoint) counts.
    """
    from borderkg import storefiles
    from borderkg.config import resolve_store_path
    from borderkg.storelock import StoreError

    path = resolve_store_path(store_dir)
    try:
        found = storefiles.read_active(path) is not None or storefiles.is_plain_database(path)
    except StoreError as exc:
        raise Fail(str(exc)) from exc
    if not found:
        raise Fail(storefiles.no_store_message(path))
    return path


def open_store(store_dir: Path | None, *, read_only: bool = False) -> GraphStore:
    """Open the store, turning a lock held by another process into a clear error.

    ``read_only``: the store must exist already (see :func:`existing_store`) and is opened
    under the shared lock, so that several readers may run at once. Otherwise it is opened
    for writing, and created if needed (``borderkg load``).
    """
    from borderkg.config import StoreSettings
    from borderkg.store import GraphStore
    from borderkg.storelock import StoreError

    try:
        if read_only:
            return GraphStore.open_read_only(existing_store(store_dir))
        return GraphStore(settings=StoreSettings.resolve(store_dir))
    except StoreError as exc:
        raise Fail(str(exc)) from exc


def read_options(**kwargs: Any) -> ReadOptions:
    """The ``ReadOptions`` of :func:`read_option_flags`' values; a bad value is a usage error."""
    from borderkg.loaders.readers import ReadError, ReadOptions

    try:
        return ReadOptions(
            id=kwargs.get("article_id"),
            url=kwargs.get("url"),
            title=kwargs.get("title"),
            published=kwargs.get("date"),
            publisher=kwargs.get("publisher"),
            language=kwargs.get("language"),
            format=kwargs.get("input_format"),
            max_bytes=kwargs.get("max_bytes") or 5 * 1024 * 1024,
        )
    except ReadError as exc:
        raise click.UsageError(exc.message) from exc


def read_option_flags(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options that override or supply article metadata (for files without a sidecar)."""
    for decorator in reversed(
        [
            click.option("--id", "article_id", help="Article id (overrides the file's)."),
            click.option("--url", help="Article URL."),
            click.option("--title", help="Headline."),
            click.option("--date", help="Publication date (e.g. 2023-10-12)."),
            click.option("--publisher", help="Publisher name."),
            click.option("--language", help="Language code (default en)."),
            click.option(
                "--input-format",
                type=click.Choice(["text", "json", "jsonl", "html"]),
                help="Input format when the extension does not tell (e.g. standard input).",
            ),
            click.option(
                "--max-bytes",
                type=click.IntRange(min=1),
                default=5 * 1024 * 1024,
                show_default=True,
                help="Refuse input files larger than this.",
            ),
        ]
    ):
        func = decorator(func)
    return func

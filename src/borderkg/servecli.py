"""The serving commands of ``borderkg``: ``serve``, ``demo``, ``reindex`` and ``search``.

Registered on the ``borderkg`` click group by ``borderkg.cli``. Settings of ``serve`` and
``demo`` come from options, then ``BORDERKG_*`` variables, then the TOML file of ``--config``
(or ``$BORDERKG_CONFIG``), then defaults (``borderkg.api.config``; table in docs/serving.md).
"""

from __future__ import annotations

import errno
import html
import json
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from borderkg.allocator import CHOICES as ALLOCATORS
from borderkg.clioptions import STORE_HELP, Fail, existing_store, store_option


def check_address_free(host: str, port: int) -> None:
    """Refuse, with :class:`Fail`, an address the server could not listen on alone.

    granian binds its socket with ``SO_REUSEPORT``, so on Linux a second server on the port
    of a running one starts without error and the kernel splits the connections between
    them (two stores behind one URL). A plain bind (``SO_REUSEADDR`` only, as servers use:
    connections of a stopped server waiting out TIME_WAIT are no conflict) is refused while
    any socket listens there, ``SO_REUSEPORT`` or not. Done before anything else, so that a
    refused start has published no snapshot and loaded nothing. Port 0 (any free port) is
    not checked. A race with a server starting meanwhile remains possible.
    """
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:  # granian takes IP addresses only, no host names
        family, kind, proto, _, address = socket.getaddrinfo(
            host,
            port,
            type=socket.SOCK_STREAM,
            flags=socket.AI_NUMERICHOST | socket.AI_PASSIVE,
        )[0]
    except socket.gaierror:
        raise Fail(
            f"cannot listen on {where}: --host must be an IP address, such as 127.0.0.1, "
            "::1 or 0.0.0.0 (all interfaces), not a host name"
        ) from None
    if port == 0:
        return
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise Fail(
                    f"address already in use: {where} (is another server running?). Stop it, "
                    "or give this one another --port."
                ) from None
            raise Fail(f"cannot listen on {where}: {exc.strerror or exc}") from None


def serve_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options of ``serve`` and ``demo``; each left unset defers to variables and file."""
    options = [
        click.option(
            "--store",
            "store",
            type=click.Path(file_okay=False, path_type=Path),
            help=STORE_HELP,
        ),
        click.option("--host", help="Address to listen on (default 127.0.0.1)."),
        click.option("--port", type=click.IntRange(0, 65535), help="TCP port (default 8000)."),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            help="Queries that run at once, in query worker processes (default 16).",
        ),
        click.option(
            "--worker-threads",
            type=click.IntRange(min=1),
            help="Queries one query worker process runs at once (default 16).",
        ),
        click.option(
            "--allocator",
            type=click.Choice(ALLOCATORS),
            help="malloc of the query workers (default auto: jemalloc when installed).",
        ),
        click.option("--threads", type=click.IntRange(min=1), help="HTTP threads (default 32)."),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            help="Per-query time limit in seconds (default 30).",
        ),
        click.option(
            "--max-rows",
            type=click.IntRange(min=1),
            help="Result cap in rows/triples (default 100000).",
        ),
        click.option(
            "--max-queue",
            type=click.IntRange(min=0),
            help="Queries that may wait for a worker before 503 (default 64).",
        ),
        click.option(
            "--lookup-budget",
            type=click.FloatRange(min=0, max=1),
            help="Seconds a lookup by IRI may run in the server process (default 0.02; 0: off).",
        ),
        click.option(
            "--token-file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="File with the API token that turns the write endpoints on (or $BORDERKG_TOKEN).",
        ),
        click.option(
            "--service-allow",
            multiple=True,
            metavar="URL",
            help="SPARQL endpoint that SERVICE may call (repeatable; default: SERVICE off).",
        ),
        click.option("--base-url", help="Public URL of the server, when behind a proxy."),
        click.option(
            "--union-default-graph/--no-union-default-graph",
            default=None,
            help="Default graph = union of all graphs (default on).",
        ),
        click.option(
            "--max-body", type=click.IntRange(min=1), help="Largest request body in bytes."
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            help="TOML config file (or $BORDERKG_CONFIG).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _config(options: dict[str, Any]):
    from borderkg.api.config import ConfigError, ServeConfig

    config_file = options.pop("config_file", None)
    try:
        return ServeConfig.resolve(options, config_file=config_file)
    except ConfigError as exc:
        raise Fail(str(exc)) from exc


@click.command()
@serve_options
def serve(**options: Any) -> None:
    """Serve the store: SPARQL endpoint, web UI and Linked Data pages (granian, WSGI).

    Stops cleanly on Ctrl-C or SIGTERM. See docs/serving.md.
    """
    from borderkg.serving import ServeError, run

    config = _config(options)
    check_address_free(config.host, config.port)
    try:
        run(config, echo=click.echo)
    except ServeError as exc:
        raise Fail(str(exc)) from exc


@click.command()
@serve_options
def demo(**options: Any) -> None:
    """Load the bundled sample corpus into the store if it has no article, then serve it.

    Takes the same options as ``serve``; prints the URL to open.
    """
    from borderkg.serving import ServeError, preflight, serve_granian

    config = _config(options)
    check_address_free(config.host, config.port)
    try:
        state = preflight(config.store)
        if state.missing or not state.articles:
            click.echo(
                f"borderkg demo: the store at {config.store} has no article: loading the "
                "bundled sample corpus first …"
            )
            code = subprocess.call(
                [
                    sys.executable,
                    "-m",
                    "borderkg.cli",
                    "load",
                    "--sample",
                    "--store",
                    str(config.store),
                ]
            )
            if code not in (0, 1):  # 1: some article rejected; the rest is loaded
                raise Fail(f"loading the sample corpus failed (exit code {code})")
            state = preflight(config.store)
        serve_granian(config, echo=click.echo, snapshot=state.snapshot)
    except ServeError as exc:
        raise Fail(str(exc)) from exc


@click.command()
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Store folder (default: $BORDERKG_STORE or ~/.local/share/borderkg/store).",
)
def reindex(store_dir: Path | None) -> None:
    """Rebuild the full-text search index of the store from scratch."""
    from borderkg.search import reindex as run_reindex
    from borderkg.storelock import StoreError

    root = existing_store(store_dir)
    try:
        stats = run_reindex(root)
    except StoreError as exc:
        raise Fail(str(exc)) from exc
    click.echo(
        f"reindexed {root} in {stats.seconds:.1f}s: {stats.added} article(s), "
        f"{stats.entities} entit{'y' if stats.entities == 1 else 'ies'}"
    )


@click.command()
@click.argument("text")
@click.option(
    "--kind", type=click.Choice(["article", "entity"]), help="Only articles or only entities."
)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@store_option
def search(text: str, kind: str | None, limit: int, as_json: bool, store_dir: Path | None) -> None:
    """Full-text search over article titles and bodies and entity labels and aliases."""
    from borderkg.search import SearchIndex, SearchIndexError

    try:
        index = SearchIndex.for_store(existing_store(store_dir), read_only=True)
    except SearchIndexError as exc:
        raise Fail(str(exc)) from exc
    with index:
        hits = index.search(text, kind=kind, limit=limit)
    if as_json:
        click.echo(json.dumps([hit.as_dict() for hit in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        click.echo("no match")
    for hit in hits:
        snippet = html.unescape(hit.snippet.replace("<mark>", "[").replace("</mark>", "]"))
        click.echo(f"{hit.kind:<8} {hit.label}\n         <{hit.iri}>\n         {snippet}")

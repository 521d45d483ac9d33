"""``borderkg query``: run a SPARQL query on the store, within a time limit.

pyoxigraph has no timeout of its own, so a query with a time limit runs where the endpoint
runs its queries: in a query worker process of :class:`borderkg.querypool.QueryPool`, here
with one slot, no spare and no result cap, reading the very database this command opened
(under the store's shared lock, so that no writer changes it meanwhile). At the limit the
worker process is killed, which really stops the query. The limit is ``--timeout``, else
``$BORDERKG_TIMEOUT``, else ``timeout`` in the config file of ``$BORDERKG_CONFIG``, else the
endpoint's default (30 s); ``0`` turns it off, and the query then runs in this process.

Exit codes: 0 answered; 1 the query ran and failed (it was stopped at the time limit, a
``SERVICE`` endpoint could not be reached, the engine failed); 2 it could not run (no store,
a locked store, an unreadable query file, a syntax error, an update, a bad setting).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from borderkg.clioptions import Fail, open_store, store_option
from borderkg.querytypes import QuerySettings

if TYPE_CHECKING:
    from borderkg.store import GraphStore

FORMATS_QUERY = ("table", "json", "csv", "tsv")
#: The variable that sets the time limit, as for ``borderkg serve``.
TIMEOUT_ENV = "BORDERKG_TIMEOUT"
#: The variable naming the config file whose ``timeout`` applies (``borderkg.api.config``).
CONFIG_ENV = "BORDERKG_CONFIG"
#: The endpoint's default time limit, in seconds.
DEFAULT_TIMEOUT = QuerySettings.timeout
#: No result cap on the command line (the pool needs one).
NO_CAP = 1 << 62


@click.command()
@click.argument("query_text", metavar="QUERY")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS_QUERY), default="table", show_default=True
)
@click.option(
    "--no-union",
    is_flag=True,
    help="Query the default graph alone instead of the union of all graphs.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help=f"Stop the query after this many seconds (default: ${TIMEOUT_ENV}, else timeout in "
    f"the ${CONFIG_ENV} file, else {DEFAULT_TIMEOUT:g}, as on the endpoint; 0: no limit). A "
    "stopped query exits with 1.",
)
@store_option
def query(
    query_text: str, fmt: str, no_union: bool, timeout: float | None, store_dir: Path | None
) -> None:
    """Run a SPARQL query (text, or @FILE.rq) against the store.

    The project's prefixes (bkg:, schema:, prov:, measure: …) are predeclared. By default
    the default graph is the union of all graphs. SERVICE calls any endpoint, from this
    machine (the server allows only the endpoints it is told to). Updates are refused: they
    go to the server's /update (docs/serving.md). A query that runs past the time limit is
    stopped (exit code 1); put required patterns before OPTIONAL ones (docs/serving.md).
    """
    from borderkg.queryout import update_keyword

    text = _query_text(query_text)
    keyword = update_keyword(text)
    if keyword is not None:
        raise Fail(
            f"this is a SPARQL update ({keyword}): `borderkg query` runs queries only "
            "(SELECT, ASK, CONSTRUCT, DESCRIBE). Send updates to a running server's /update "
            "with its API token (see docs/serving.md, section Writes), or add articles with "
            "`borderkg load`."
        )
    limit = resolve_timeout(timeout)
    with open_store(store_dir, read_only=True) as store:
        if limit == 0:
            _run_here(store, text, fmt, not no_union)
        else:
            _run_in_worker(store, text, fmt, not no_union, limit)


def resolve_timeout(option: float | None, environ: Mapping[str, str] | None = None) -> float:
    """The time limit in seconds (``0``: none): ``option``, else ``$BORDERKG_TIMEOUT``, else
    the config file's ``timeout`` (``$BORDERKG_CONFIG``), else the endpoint's default.
    A bad value is refused with :class:`Fail` naming where it came from."""
    if option is not None:
        return _seconds(option, "--timeout")
    env = os.environ if environ is None else environ
    raw = env.get(TIMEOUT_ENV, "").strip()
    if raw:
        try:
            return _seconds(float(raw), f"${TIMEOUT_ENV}")
        except ValueError:
            raise Fail(f"${TIMEOUT_ENV}: bad value {raw!r}: give seconds, 0 for no limit") from None
    from borderkg.api.config import ConfigError, load_config_file

    path = env.get(CONFIG_ENV, "").strip()
    if path:
        try:
            values = load_config_file(path)
        except ConfigError as exc:
            raise Fail(str(exc)) from exc
        if "timeout" in values:
            return _seconds(values["timeout"], f"config file {path}")
    return DEFAULT_TIMEOUT


def _seconds(value: float, source: str) -> float:
    if not math.isfinite(value) or value < 0:
        raise Fail(f"{source}: bad value for timeout: {value:g}: give seconds, 0 for no limit")
    return value


def _query_text(arg: str) -> str:
    if arg.startswith("@"):
        path = Path(arg[1:])
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise Fail(f"cannot read query file {path}: {exc}") from exc
    return arg


def _run_here(store: GraphStore, text: str, fmt: str, union: bool) -> None:
    """Run the query in this process, with no time limit, and print its result."""
    from borderkg import deepstack
    from borderkg.queryout import QueryFailed, render_results

    try:
        out = deepstack.call(render_results, store, text, fmt, union=union)
    except QueryFailed as exc:
        if exc.syntax:
            raise Fail(str(exc)) from None
        raise click.ClickException(str(exc)) from None  # exit code 1: it ran and failed
    _write([out.encode("utf-8")])


def _run_in_worker(store: GraphStore, text: str, fmt: str, union: bool, limit: float) -> None:
    """Run the query in a query worker process that is killed at ``limit`` seconds, and
    print its result (streamed from the pool's spool)."""
    import pyoxigraph as ox

    from borderkg import querytext
    from borderkg.ontology.namespaces import PREFIXES
    from borderkg.queryout import table_of
    from borderkg.querypool import (
        QueryError,
        QueryPool,
        QuerySyntaxError,
        QueryTimeout,
        UpdateOnQueryURL,
    )
    from borderkg.servicefail import timeout_hint
    from borderkg.storelock import StoreError

    info = querytext.inspect(text, tuple(PREFIXES.items()))
    media_type = _media_type(fmt, info.is_graph)
    settings = QuerySettings(
        workers=1,
        worker_threads=1,
        timeout=limit,
        max_timeout=max(limit, QuerySettings.max_timeout),
        max_rows=NO_CAP,
        service_allowlist=("*",),  # the operator's own query, on the operator's machine
        default_graph_union=union,
        local_budget=0,
        spare=False,
    )
    try:
        with (
            QueryPool(store.root, settings, database=store.database) as pool,
            pool.run(text, media_type=media_type) as result,
        ):
            if fmt == "table" and not info.is_graph:
                parsed = ox.parse_query_results(result.read(), ox.QueryResultsFormat.JSON)
                _write([table_of(parsed).encode("utf-8")])
            else:
                _write(result.chunks())
    except StoreError as exc:
        raise Fail(str(exc)) from exc
    except QuerySyntaxError as exc:
        raise Fail(f"query syntax error: {exc.message}") from None
    except UpdateOnQueryURL as exc:
        raise Fail(exc.message) from None
    except QueryTimeout as exc:
        raise click.ClickException(
            f"the query did not finish within the time limit of {exc.limit:g} s and was "
            f"stopped. Give it longer with --timeout SECONDS (or ${TIMEOUT_ENV}; 0: no "
            "limit), or narrow it down: LIMIT, more specific patterns, required patterns "
            "before OPTIONAL ones (docs/serving.md)." + timeout_hint(info.services)
        ) from None
    except QueryError as exc:
        message = exc.message.removeprefix("The query failed in the engine: ")
        raise click.ClickException(f"query failed: {message}") from None


def _media_type(fmt: str, is_graph: bool) -> str:
    """The pool's result type for the ``--format`` of a query giving a graph or results."""
    from borderkg import conneg

    if is_graph:
        return {"table": conneg.TURTLE, "json": conneg.JSONLD}.get(fmt, conneg.NTRIPLES)
    return {"csv": conneg.CSV, "tsv": conneg.TSV}.get(fmt, conneg.JSON_RESULTS)


def _write(chunks: Iterable[bytes]) -> None:
    """Write the result to standard output, ending it with a newline."""
    sys.stdout.flush()
    out = sys.stdout.buffer
    last = b""
    for chunk in chunks:
        out.write(chunk)
        last = chunk or last
    if not last.endswith(b"\n"):
        out.write(b"\n")
    out.flush()

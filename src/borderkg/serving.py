"""Running the endpoint on granian (a Rust HTTP server with a WSGI interface) from the CLI.

Process layout of ``borderkg serve``::

    borderkg serve          granian's supervisor: binds the socket, handles SIGINT/SIGTERM
      └─ granian worker     the Flask app (``create_app``) in N HTTP threads
           └─ query workers processes of the QueryPool running ``--workers`` queries at
                            once as threads, killed on timeouts, and a spare

The supervisor stays small and single-threaded: the store is checked, its snapshot published
and its search index caught up in a short-lived child process (:func:`preflight`), so neither
pyoxigraph's RocksDB threads nor rdflib ever live in the process that forks granian's worker.
The worker builds the app from the resolved :class:`ServeConfig`, so options, variables and the
config file are read once, here.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from borderkg import storefiles
from borderkg.api.config import ServeConfig

PR_SET_PDEATHSIG = 1
#: Seconds granian waits for its worker to finish open requests after SIGINT/SIGTERM.
SHUTDOWN_GRACE = 10


class ServeError(Exception):
    """The endpoint cannot start; the message says why and what to do."""


@dataclass(frozen=True)
class StoreState:
    """What :func:`preflight` found: the published snapshot and whether it has any article."""

    snapshot: str | None
    articles: bool
    missing: bool


def preflight(store: Path, *, create: bool = False) -> StoreState:
    """Publish a fresh snapshot of ``store`` (or find the last one) in a child process, and
    bring its search index up to date.

    ``missing`` is set, and nothing is created, when there is no store at ``store`` unless
    ``create``. Raises :class:`ServeError` when the store can be neither snapshotted nor
    served (locked by a first load that has not published yet, unreadable …).
    """
    code = (
        f"from borderkg.serving import _preflight_main; _preflight_main({str(store)!r}, {create})"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise ServeError(
            f"checking the store at {store} failed (exit code {done.returncode}):\n"
            + done.stderr.strip()
        ) from None
    if "error" in answer:
        raise ServeError(answer["error"])
    return StoreState(**answer)


def _preflight_main(root_text: str, create: bool) -> None:
    """The child of :func:`preflight`: prints its finding as one line of JSON."""
    from borderkg import snapshots, storefiles
    from borderkg.api.services import catch_up_search_index
    from borderkg.storelock import StoreError
    from borderkg.storetypes import ARTICLE_GRAPH_PREFIX

    root = Path(root_text)
    if (
        not create
        and storefiles.read_active(root) is None
        and snapshots.current_snapshot(root) is None
    ):
        print(json.dumps({"snapshot": None, "articles": False, "missing": True}))
        return
    try:
        snapshot = snapshots.ensure_snapshot(root, create=create)
        catch_up_search_index(root)
        store, held = snapshots.open_held(snapshot)
        articles = any(g.value.startswith(ARTICLE_GRAPH_PREFIX) for g in store.named_graphs())
        del store
        held.release()
    except (StoreError, OSError) as exc:
        print(json.dumps({"error": f"cannot serve the store at {root}: {exc}"}))
        return
    print(json.dumps({"snapshot": snapshot.name, "articles": articles, "missing": False}))


def load_app(config: ServeConfig, target: str) -> Callable[..., Any]:
    """Build the WSGI app in granian's worker (``target`` is granian's label for it)."""
    _follow_the_supervisor()
    from borderkg.api import create_app

    return create_app(config)


def _follow_the_supervisor() -> None:
    """In granian's worker: take signals from the supervisor only, and die with it.

    Ctrl-C in a terminal signals the whole foreground process group. granian's worker, hit
    by that SIGINT and by the supervisor's SIGTERM at nearly the same moment, can miss its
    shutdown and be killed after the grace period. In a session of its own the worker only
    hears the supervisor, which stops it (and so its query workers) at once; and it gets
    SIGTERM if the supervisor dies without stopping it (Linux).
    """
    with contextlib.suppress(OSError):
        os.setsid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() == 1:  # the supervisor died before the line above
        os.kill(os.getpid(), signal.SIGTERM)


def run(config: ServeConfig, *, echo: Callable[[str], None] = print) -> None:
    """Serve ``config.store`` on granian until SIGINT or SIGTERM; blocks.

    The store must exist (``borderkg demo`` creates and fills it); its snapshot is published
    first, so the server starts on the store's current content.
    """
    state = preflight(config.store)
    if state.missing:
        raise ServeError(
            storefiles.no_store_message(
                config.store,
                "or run `borderkg demo` to load the bundled sample corpus and serve it.",
            )
        )
    serve_granian(config, echo=echo, snapshot=state.snapshot)


def _drop_thread_advice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("Configuration allows spawning up to")


def serve_granian(
    config: ServeConfig, *, echo: Callable[[str], None] = print, snapshot: str | None = None
) -> None:
    """Start granian with one WSGI worker process of ``config.threads`` threads; blocks."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    server = Granian(
        "borderkg.api:create_app",
        address=config.host,
        port=config.port,
        interface=Interfaces.WSGI,
        workers=1,
        blocking_threads=config.threads,
        log_level=LogLevels.warning,
        workers_kill_timeout=SHUTDOWN_GRACE,
        process_name=None,
    )
    # granian advises against more HTTP threads than 2 x cores + 1; here the threads mostly
    # wait for the query workers, so more of them is intended: keep the advice off the screen.
    logging.getLogger("_granian").addFilter(_drop_thread_advice)
    writes = "on (token configured)" if config.writes_enabled else "off (no token)"
    echo(f"borderkg: serving {config.store}" + (f" (snapshot {snapshot})" if snapshot else ""))
    echo(
        f"  {config.workers} queries at once, {config.threads} HTTP thread(s), "
        f"timeout {config.timeout:g} s, result cap {config.max_rows} rows, writes {writes}"
    )
    echo(f"  open {config.url}   SPARQL endpoint {config.url}sparql   (Ctrl-C to stop)")
    # The store was prepared (snapshot, search index) by preflight: the app need not redo it.
    server.serve(target_loader=partial(load_app, config.with_changes(prepare_store=False)))

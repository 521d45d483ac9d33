"""Threads with a deep stack, for pyoxigraph's work on text that comes from outside.

pyoxigraph's parsers and its query planner recurse in native code. On a thread's usual
stack (8 MiB on Linux) input nested deep enough overflows it, and the process dies of
SIGSEGV with no Python exception to catch: a SPARQL query nesting 4,000 groups or 300 blank
nodes, JSON-LD objects nested 5,000 deep, an update nesting 4,000 blank nodes. Work on such
text runs on a thread with a 256 MiB stack (address space, not memory: pages are used only
as deep as the work goes), where that input meets the parser's own limit (JSON-LD: 65,536
levels, a ``SyntaxError``) or the endpoint's query timeout instead of killing the process.
A :func:`call` made on such a thread runs where it is: one deep thread per piece of work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: The stack of every thread started here.
STACK_BYTES = 256 * 1024 * 1024
# ``threading.stack_size`` is process-wide: set it, start the thread, set it back.
_LOCK = threading.Lock()
_HERE = threading.local()  # ``deep`` is set on the threads that got the deep stack


def start(
    target: Callable[..., object],
    args: tuple[Any, ...] = (),
    name: str | None = None,
    daemon: bool = False,
) -> threading.Thread:
    """Start ``target(*args)`` on a new thread with a deep stack; the thread is returned."""

    def deep(*given: Any) -> None:
        _HERE.deep = True
        target(*given)

    with _LOCK:
        previous = threading.stack_size(STACK_BYTES)
        try:
            return _started(deep, args, name, daemon)
        except RuntimeError:
            # No address space for it (a strict overcommit policy, a ulimit -v): an
            # ordinary stack, as before, rather than no thread at all.
            threading.stack_size(previous)
            return _started(target, args, name, daemon)
        finally:
            threading.stack_size(previous)


def _started(
    target: Callable[..., object], args: tuple[Any, ...], name: str | None, daemon: bool
) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, name=name, daemon=daemon)
    thread.start()
    return thread


def call(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` run on a deep-stack thread: its result, or its exception.
    On a deep-stack thread already, it runs there. A new thread is a daemon, so Ctrl-C
    while the caller waits still ends the process."""
    if getattr(_HERE, "deep", False):
        return fn(*args, **kwargs)
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, fn(*args, **kwargs)))
        except BaseException as exc:  # handed to the caller's thread, re-raised there
            outcome.append((False, exc))

    start(run, name=f"deep-{getattr(fn, '__name__', 'call')}", daemon=True).join()
    ok, value = outcome.pop()
    if ok:
        return value
    try:
        raise value
    finally:
        # No cycle (exception -> traceback -> this frame -> exception): what the failed
        # call's frames hold, an open store among them, is freed as soon as it is handled.
        del value

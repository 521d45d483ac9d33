"""Answer bounded lookups in the server process itself, on a tight budget.

A query that goes to a worker process crosses two sockets and wakes two threads in two
processes; for a lookup that the engine answers in a few tenths of a millisecond, that hop
is most of the latency (more still on a loaded machine, where every wake-up waits for a
core). :class:`LocalRunner` runs the queries :func:`borderkg.querytext.is_bounded_lookup`
accepts — one triple pattern with a constant subject, nothing that makes the engine work
without writing — right here, on its own read-only store over the current snapshot, with
the workers' own code (:func:`borderkg.queryworker.run_query`: same formats, same result
cap, same bytes).

The timeout still holds, because the run is bounded: the serializer writes through
:class:`_BudgetWriter`, which stops it once the run has taken ``budget`` seconds or
written ``max_bytes`` bytes (for such a query, every few KiB of output is a bounded amount
of engine work). A lookup that turns out big is then handed to the worker processes as any
other query — within its own deadline, where a timeout kills the worker — and its text is
remembered so that it goes there straight away next time. The server process thus spends at
most ``budget`` seconds of CPU on any one query.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from typing import Any

from borderkg.querymessages import explain_syntax_error
from borderkg.querytypes import QueryResult, QuerySyntaxError
from borderkg.queryworker import IDLE_REFRESH, DocumentWriter, run_query
from borderkg.snapshots import SnapshotReader

#: Seconds of engine time a lookup may take here before it goes to a worker instead.
BUDGET = 0.02
#: Bytes of output a lookup may write here before it goes to a worker instead.
MAX_BYTES = 256 * 1024
#: Lookups remembered as over the budget (least recently seen forgotten first).
REMEMBERED = 1024
#: Times in a row a lookup may go over the time budget before it always goes to a worker.
STRIKES = 3


class OverBudget(Exception):
    """Raised from :meth:`_BudgetWriter.write` to stop the serializer: the run took too
    long or wrote too much to stay in this process."""


class _BudgetWriter(DocumentWriter):
    """Collects a result in memory, stopping the serializer past a deadline or a size.

    The result cap is applied once the result is complete (one count over it, see
    :class:`DocumentWriter`), which costs less than counting rows as they pass.
    """

    def __init__(self, deadline: float, max_bytes: int) -> None:
        super().__init__()
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.full = False

    def write(self, data: bytes) -> int:
        if self.size + len(data) > self.max_bytes:
            self.full = True
            raise OverBudget
        if time.monotonic() > self.deadline:
            raise OverBudget
        return super().write(data)


class LocalRunner:
    """Runs bounded lookups in this process on the current snapshot of ``root``.

    Thread-safe. The store is opened at the first lookup and reopened when a new snapshot
    is published (checked before every lookup: one ``stat``).
    """

    def __init__(
        self,
        root: str,
        prefixes: dict[str, str],
        *,
        budget: float = BUDGET,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.reader = SnapshotReader(root)
        self.prefixes = prefixes
        self.budget = budget
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._strikes: OrderedDict[str, int] = OrderedDict()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    def worth_trying(self, query: str) -> bool:
        """``False`` for a lookup that went over the budget before (it goes to a worker):
        at once if it wrote too much, after :data:`STRIKES` times in a row if it took too
        long."""
        return self._strikes.get(query, 0) < STRIKES

    def run(self, request: dict[str, Any], media_type: str, deadline: float) -> QueryResult | None:
        """The result of ``request`` (a SELECT lookup, as a worker would get it) serialized
        as ``media_type``, or ``None`` if it went over the budget, past ``deadline``
        (``time.monotonic``) or failed here: then nothing has been answered yet, and the
        caller times it out or runs it on a worker. A query the engine cannot parse raises
        :class:`QuerySyntaxError` (with the message a worker would give).
        """
        try:
            with self._lock:
                self.reader.refresh()  # opening a new snapshot is not the query's time
                if self._watcher is None and not self._stop.is_set():
                    self._watcher = threading.Thread(
                        target=self._follow, name="borderkg-local-snapshot", daemon=True
                    )
                    self._watcher.start()
            store = self.reader.store
        except Exception:
            return None
        out = _BudgetWriter(min(time.monotonic() + self.budget, deadline), self.max_bytes)
        try:
            rows, capped, kind = run_query(store, request, self.prefixes, out)
        except OverBudget:
            if time.monotonic() < deadline:
                # Too much output: too big for good. Too slow: maybe a stalled machine
                # or a cold cache, so only after STRIKES times in a row.
                self._strike(request["q"], STRIKES if out.full else 1)
            return None
        except SyntaxError as exc:
            message = explain_syntax_error(request["q"], str(exc), self.prefixes)
            raise QuerySyntaxError(message) from None
        except Exception:  # anything unexpected: the worker path reports it properly
            return None
        if kind != b"S":
            return None
        if self._strikes:
            with self._lock:
                self._strikes.pop(request["q"], None)  # strikes count in a row
        body = out.getvalue()
        if rows is None:  # surely under the cap: counted only if someone asks
            return QueryResult("SELECT", media_type, None, capped, body, count=request["fmt"])
        return QueryResult("SELECT", media_type, rows, capped, body)

    def _strike(self, query: str, strikes: int) -> None:
        with self._lock:
            self._strikes[query] = self._strikes.get(query, 0) + strikes
            self._strikes.move_to_end(query)
            while len(self._strikes) > REMEMBERED:
                self._strikes.popitem(last=False)

    def _follow(self) -> None:
        """Switch to a newly published snapshot while no lookups come, as idle workers do,
        so that a superseded one is let go of (its files freed) in time."""
        while not self._stop.wait(IDLE_REFRESH):
            with self._lock:
                if self.reader.name is not None:
                    with contextlib.suppress(Exception):
                        self.reader.refresh()

    def close(self) -> None:
        """Let go of the store (and stop following snapshots)."""
        self._stop.set()
        with self._lock:
            self.reader.close()
            watcher, self._watcher = self._watcher, None
        if watcher is not None and watcher is not threading.current_thread():
            watcher.join()

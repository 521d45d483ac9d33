"""The query worker processes of a pool: start, hand out, take back, kill, replace.

:class:`WorkerSet` owns the :mod:`borderkg.queryworker` processes of one
:class:`~borderkg.querypool.QueryPool`. A request takes an idle worker (waiting, up to
``max_queue`` requests, while all are busy), gives it back when the answer is complete,
or kills it (SIGKILL, then reaped) when it ran past its deadline or died; a replacement is
started in the background at once while the other workers keep serving.

Workers are started from one long-lived thread: Linux kills a worker when the thread
that started it ends (``PR_SET_PDEATHSIG``, set by the worker), so a server that dies
leaves no orphan computing a runaway query.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path

from borderkg.querytypes import PoolBusy, PoolMetrics, QueryFailed
from borderkg.queryworker import READY, FrameReader, send_frame
from borderkg.storelock import StoreError

#: Seconds a new worker may take to start and open the snapshot.
SPAWN_TIMEOUT = 60.0


class Worker:
    """One worker process and the parent's end of its socket."""

    def __init__(self, proc: subprocess.Popen[bytes], sock: socket.socket) -> None:
        self.proc = proc
        self.sock = sock
        self.frames = FrameReader(sock)
        self.pid = proc.pid

    def kill(self) -> None:
        """SIGKILL the process and reap it (so its pid is really gone)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.sock.close()


def _python() -> str:
    return sys.executable or shutil.which("python3") or "python3"


class WorkerSet:
    """``count`` worker processes over the snapshots of the store at ``root``."""

    def __init__(
        self,
        root: Path,
        count: int,
        max_queue: int,
        config: dict[str, object],
        metrics: PoolMetrics,
    ) -> None:
        self.root = root
        self.count = count
        self.max_queue = max_queue
        self.config = config
        self.metrics = metrics
        self.lock = threading.RLock()
        self.cond = threading.Condition(self.lock)
        self.idle: list[Worker] = []
        self.workers: set[Worker] = set()
        self.starting = 0
        # Waiting requests, first come first served: a released worker is handed to the
        # first in line directly, so no newcomer barges past and only one thread wakes.
        self.queue: deque[_Waiter] = deque()
        self.closed = False
        self.started = False
        self.spawn_error: str | None = None
        self._jobs: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._spawner: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Start the workers and wait until each has opened the snapshot.

        Raises :class:`StoreError` if they cannot (no snapshot published, …).
        """
        with self.cond:
            if self.closed:
                raise QueryFailed("The query service is shut down.")
            if self.started:
                return
            self.started = True
            self._spawner = threading.Thread(
                target=self._spawn_loop, name="borderkg-query-spawner", daemon=True
            )
            self._spawner.start()
            self.starting += self.count
            self._jobs.put(self.count)
            deadline = time.monotonic() + SPAWN_TIMEOUT
            while self.starting and self.spawn_error is None:
                if not self.cond.wait(max(0.0, deadline - time.monotonic())):
                    break
            error = self.spawn_error or (
                "the query workers did not start in time" if self.starting else None
            )
        if error is not None:
            self.close()
            raise StoreError(f"Cannot start the query workers for {self.root}: {error}")

    def close(self) -> None:
        """Kill every worker and stop. Calling it twice is harmless."""
        with self.cond:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
            self.idle.clear()
            self._wake_all()
        self._jobs.put(None)
        for worker in workers:
            worker.kill()
        if self._spawner is not None and self._spawner is not threading.current_thread():
            self._spawner.join(timeout=SPAWN_TIMEOUT)

    def _spawn_loop(self) -> None:
        backoff = 0.5
        while True:
            count = self._jobs.get()
            while count is not None:  # take every pending job: start processes together
                try:
                    more = self._jobs.get_nowait()
                except queue.Empty:
                    break
                count = None if more is None else count + more
            if count is None:
                return
            failed = self._spawn(count)
            if failed < 0:
                return
            if failed:  # try again later: the snapshot may come back
                time.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
                self._jobs.put(failed)
            else:
                backoff = 0.5

    def _spawn(self, count: int) -> int:
        """Start ``count`` workers; the number that failed, or -1 if the set was closed."""
        launched = []
        for _ in range(count):
            try:
                launched.append(self._launch())
            except OSError as exc:
                with self.cond:
                    self.spawn_error = f"cannot start a query worker: {exc}"
                    self._wake_all()
        failed = count - len(launched)
        for proc, sock in launched:
            worker, error = self._handshake(proc, sock)
            with self.cond:
                if worker is not None and not self.closed:
                    self.workers.add(worker)
                    self.starting -= 1
                    self.spawn_error = None
                    self._give(worker)
                    self.cond.notify_all()
                    continue
                self.spawn_error = error or self.spawn_error
                self._wake_all()
                closed = self.closed
            if worker is not None:
                worker.kill()
            if closed:
                return -1
            failed += 1
        return failed

    def _launch(self) -> tuple[subprocess.Popen[bytes], socket.socket]:
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            proc = subprocess.Popen(
                [_python(), "-m", "borderkg.queryworker", str(child.fileno()), str(os.getpid())],
                pass_fds=(child.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        except BaseException:
            parent.close()
            raise
        finally:
            child.close()
        return proc, parent

    def _handshake(
        self, proc: subprocess.Popen[bytes], sock: socket.socket
    ) -> tuple[Worker | None, str | None]:
        worker = Worker(proc, sock)
        try:
            send_frame(sock, b"C", json.dumps({"root": str(self.root), **self.config}).encode())
            sock.settimeout(SPAWN_TIMEOUT)
            frame = worker.frames.read()
        except (OSError, EOFError) as exc:
            worker.kill()
            return None, f"a query worker failed to start ({type(exc).__name__}: {exc})"
        if frame[:1] != READY:
            worker.kill()
            try:
                return None, json.loads(frame[1:])["message"]
            except (ValueError, KeyError, TypeError):
                return None, "a query worker failed to start"
        return worker, None

    # -- handing workers out -------------------------------------------------------------

    def acquire(self, deadline: float) -> Worker:
        """An idle worker, waiting for one until ``deadline`` (``time.monotonic``).

        Raises :class:`PoolBusy` when the queue is full or the deadline passes, and
        :class:`QueryFailed` when no worker can be started at all.
        """
        with self.cond:
            if self.idle and not self.queue:
                return self.idle.pop()  # the most recently used: its caches are warm
            self._check_can_wait()
            waiter = _Waiter(self.lock)
            self.queue.append(waiter)
            try:
                while waiter.worker is None:
                    self._check_can_wait(queued=True)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise PoolBusy(
                            f"All {self.count} query workers stayed busy while this query "
                            "waited; try again shortly."
                        )
                    waiter.cond.wait(remaining)
                return waiter.worker
            finally:
                if waiter.worker is None:
                    self.queue.remove(waiter)

    def _check_can_wait(self, *, queued: bool = False) -> None:
        """Raise why a request cannot wait for a worker (closed, none can start, queue full)."""
        if self.closed:
            raise QueryFailed("The query service is shutting down.")
        if not self.workers and self.spawn_error is not None:
            raise QueryFailed(f"No query worker is running: {self.spawn_error}")
        if not queued and len(self.queue) >= self.max_queue:
            raise PoolBusy(
                f"All {self.count} query workers are busy and {len(self.queue)} queries "
                "are waiting; try again shortly."
            )

    def _give(self, worker: Worker) -> None:
        """Hand ``worker`` to the first waiting request, or make it idle (lock held)."""
        if self.queue:
            waiter = self.queue.popleft()
            waiter.worker = worker
            waiter.cond.notify()
        else:
            self.idle.append(worker)

    def _wake_all(self) -> None:
        """Wake every waiting request to look at the pool's state again (lock held)."""
        for waiter in self.queue:
            waiter.cond.notify()
        self.cond.notify_all()

    def release(self, worker: Worker) -> None:
        """Give a worker back after a complete exchange."""
        with self.cond:
            if self.closed or worker not in self.workers:
                return
            self._give(worker)

    def kill(self, worker: Worker, why: str) -> None:
        """Kill a worker (``why``: ``"killed"`` at a timeout, ``"crashed"``), replace it."""
        self.metrics.count(why)
        with self.cond:
            if worker in self.workers:
                self.workers.discard(worker)
                if not self.closed:
                    self.starting += 1
                    self._jobs.put(1)
        worker.kill()

    def state(self) -> dict[str, int]:
        """Counts of workers by state and of waiting requests."""
        with self.cond:
            return {
                "configured": self.count,
                "alive": len(self.workers),
                "idle": len(self.idle),
                "busy": len(self.workers) - len(self.idle),
                "starting": self.starting,
                "waiting": len(self.queue),
            }

    def pids(self) -> list[int]:
        """Process ids of the running workers."""
        with self.cond:
            return sorted(worker.pid for worker in self.workers)


class _Waiter:
    """A request waiting for a worker; the worker is set by whoever hands it over."""

    __slots__ = ("cond", "worker")

    def __init__(self, lock: threading.RLock) -> None:
        self.cond = threading.Condition(lock)
        self.worker: Worker | None = None

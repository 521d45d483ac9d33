"""The query worker processes of a pool: start, hand out, take back, kill, replace.

:class:`WorkerSet` owns the :mod:`borderkg.queryworker` processes of one
:class:`~borderkg.querypool.QueryPool`. A process has one or more *slots* (threads, each
with its own socket pair to this process); a slot runs one query at a time. Slots of one
process share its interpreter and RocksDB block cache, so ``count`` slots cost much less
memory in a few processes than in ``count`` processes. A request takes an idle slot
(waiting, up to ``max_queue`` requests, while all are busy), gives it back when the answer
is complete, or kills its process (SIGKILL, then reaped) when the query ran past its
deadline or the process died. The other queries of a process killed at a timeout are run
again by the pool, elsewhere (see :attr:`WorkerProcess.ended`).

One spare process waits, started but with no snapshot open yet (an open store costs memory;
opening one takes milliseconds), for a killed process's place, so a timeout does not leave
the pool without workers while a replacement starts; a new spare is then started in the
background. A set made with ``spare=False`` (a command that runs one query) keeps none.

Processes are started from one long-lived thread: Linux kills a worker when the thread
that started it ends (``PR_SET_PDEATHSIG``, set by the worker), so a server that dies
leaves no orphan computing a runaway query.
"""

from __future__ import annotations

import json
import math
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

from borderkg.allocator import worker_environment
from borderkg.querytypes import PoolBusy, PoolMetrics, QueryFailed
from borderkg.queryworker import READY, FrameReader, send_frame
from borderkg.storelock import StoreError

#: Seconds a new worker process may take to start and open the snapshot.
SPAWN_TIMEOUT = 60.0
#: Longest wait before starting a process again after a failed start.
MAX_BACKOFF = 30.0


class WorkerProcess:
    """One worker process and its slots."""

    def __init__(self, proc: subprocess.Popen[bytes], socks: list[socket.socket]) -> None:
        self.proc = proc
        self.pid = proc.pid
        self.slots = [Worker(self, sock) for sock in socks]
        #: Why the set took the process out of service, set before it is killed:
        #: ``"killed"`` (a slot's query ran past its deadline: the others are innocent and
        #: run again), ``"crashed"`` or ``"closed"``; ``None`` while it serves.
        self.ended: str | None = None

    def kill(self) -> None:
        """SIGKILL the process and reap it (so its pid is really gone); idempotent."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class Worker:
    """One slot: a thread of a worker process and this process's end of its socket."""

    __slots__ = ("frames", "pid", "process", "sock")

    def __init__(self, process: WorkerProcess, sock: socket.socket) -> None:
        self.process = process
        self.pid = process.pid
        self.sock = sock
        self.frames = FrameReader(sock)


def _python() -> str:
    return sys.executable or shutil.which("python3") or "python3"


def process_sizes(count: int, per_process: int) -> list[int]:
    """Slots of each process: ``count`` slots in as few processes of at most
    ``per_process`` slots as possible, as evenly as possible."""
    processes = math.ceil(count / max(per_process, 1))
    base, extra = divmod(count, processes)
    return [base + 1] * extra + [base] * (processes - extra)


class WorkerSet:
    """``count`` slots in worker processes over the snapshots of the store at ``root``."""

    def __init__(
        self,
        root: Path,
        count: int,
        max_queue: int,
        config: dict[str, object],
        metrics: PoolMetrics,
        per_process: int = 8,
        preload: str | None = None,
        spare: bool = True,
    ) -> None:
        self.root = root
        self.keep_spare = spare  # keep a spare process waiting (see the module docstring)
        self.preload = preload  # a malloc for the workers (borderkg.allocator), or None
        self.count = count
        self.max_queue = max_queue
        self.config = config
        self.metrics = metrics
        self.sizes = process_sizes(count, per_process)
        self.lock = threading.RLock()
        self.cond = threading.Condition(self.lock)
        self.idle: list[Worker] = []
        self.workers: set[Worker] = set()  # slots in service
        self.processes: list[WorkerProcess] = []  # processes in service
        self.spare: WorkerProcess | None = None
        self.need: list[int] = []  # sizes of service processes to start
        # Waiting requests, first come first served: a released slot is handed to the
        # first in line directly, so no newcomer barges past and only one thread wakes.
        self.queue: deque[_Waiter] = deque()
        self.closed = False
        self.started = False
        self.spawn_error: str | None = None
        self._wake: queue.SimpleQueue[bool | None] = queue.SimpleQueue()
        self._spawner: threading.Thread | None = None
        self._starting: WorkerProcess | None = None  # a process the spawner is starting

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker processes and wait until every slot has the snapshot open.

        The spare starts afterwards, in the background. Raises :class:`StoreError` if the
        workers cannot start (no snapshot published, …).
        """
        with self.cond:
            if self.closed:
                raise QueryFailed("The query service is shut down.")
            if self.started:
                return
            self.started = True
            self.need = list(self.sizes)
            self._spawner = threading.Thread(
                target=self._spawn_loop, name="borderkg-query-spawner", daemon=True
            )
            self._spawner.start()
            self._wake.put(True)
            deadline = time.monotonic() + SPAWN_TIMEOUT
            while len(self.workers) < self.count and self.spawn_error is None:
                if not self.cond.wait(max(0.0, deadline - time.monotonic())):
                    break
            error = self.spawn_error or (
                "the query workers did not start in time"
                if len(self.workers) < self.count
                else None
            )
        if error is not None:
            self.close()
            raise StoreError(f"Cannot start the query workers for {self.root}: {error}")

    def close(self) -> None:
        """Kill every worker process and stop. Calling it twice is harmless."""
        with self.cond:
            self.closed = True
            processes = list(self.processes)
            if self.spare is not None:
                processes.append(self.spare)
            free = [*self.idle, *(self.spare.slots if self.spare else ())]
            self.processes.clear()
            self.workers.clear()
            self.idle.clear()
            self.spare = None
            for process in processes:
                process.ended = process.ended or "closed"
            starting = self._starting
            self._wake_all()
        self._wake.put(None)
        if starting is not None:  # its start is no longer wanted: do not wait for it
            starting.proc.kill()
        for process in processes:
            process.kill()
        for slot in free:  # busy slots are closed by the requests that hold them
            slot.sock.close()
        if self._spawner is not None and self._spawner is not threading.current_thread():
            self._spawner.join(timeout=SPAWN_TIMEOUT)

    def _spawn_loop(self) -> None:
        """Start processes while service processes or the spare are missing."""
        backoff = 0.5
        while True:
            if self._wake.get() is None:
                return
            while True:
                with self.cond:
                    if self.closed:
                        return
                    if self.need:
                        size, role = max(self.need), "service"
                        self.need.remove(size)
                    elif self.spare is None and self.keep_spare:
                        size, role = max(self.sizes), "spare"
                    else:
                        break
                process, error = self._spawn(size, lazy=role == "spare")
                with self.cond:
                    placed = process is not None and not self.closed and self._place(process, role)
                    if not placed and role == "service":
                        self.need.append(size)
                    if process is None:
                        self.spawn_error = error
                        self._wake_all()
                    else:
                        self.spawn_error = None
                    closed = self.closed
                if process is not None and not placed:
                    self._discard(process)
                if closed:
                    return
                if process is not None:
                    backoff = 0.5
                    continue
                # Try again later (the snapshot may come back), unless told to stop.
                try:
                    if self._wake.get(timeout=backoff) is None:
                        return
                except queue.Empty:
                    pass
                backoff = min(backoff * 2, MAX_BACKOFF)

    @staticmethod
    def _discard(process: WorkerProcess) -> None:
        """Kill a process that never served and close its slots."""
        process.kill()
        for slot in process.slots:
            slot.sock.close()

    def _place(self, process: WorkerProcess, role: str) -> bool:
        """Put a started process in service, or make it the spare; ``False`` if neither is
        wanted any more (lock held)."""
        if role == "spare" and self.need:  # a service process died while this one started
            size = max(self.need)
            self.need.remove(size)
            for slot in process.slots[size:]:
                slot.sock.close()
            process.slots = process.slots[:size]
            role = "service"
        if role == "service":
            self._serve(process)
            return True
        if self.spare is None:
            self.spare = process
            return True
        return False

    def _serve(self, process: WorkerProcess) -> None:
        """Put ``process``'s slots in service (lock held)."""
        self.processes.append(process)
        for slot in process.slots:
            self.workers.add(slot)
            self._give(slot)
        self.cond.notify_all()

    def _spawn(self, size: int, *, lazy: bool) -> tuple[WorkerProcess | None, str | None]:
        """Start a process with ``size`` slots; ``(process, None)`` or ``(None, why not)``.

        ``lazy``: the process opens the snapshot at its first query, not now (a spare: an
        open store costs memory, and opening it when promoted takes milliseconds).
        """
        pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM) for _ in range(size)]
        fds = [child.fileno() for _parent, child in pairs]
        try:
            proc = subprocess.Popen(
                [
                    _python(),
                    "-m",
                    "borderkg.queryworker",
                    ",".join(map(str, fds)),
                    str(os.getpid()),
                ],
                pass_fds=fds,
                stdin=subprocess.DEVNULL,
                env=worker_environment(size, self.preload),
            )
        except OSError as exc:
            for parent, _child in pairs:
                parent.close()
            return None, f"cannot start a query worker: {exc}"
        finally:
            for _parent, child in pairs:
                child.close()
        process = WorkerProcess(proc, [parent for parent, _child in pairs])
        with self.cond:
            self._starting, closed = process, self.closed
        try:
            error = "the query service is shut down" if closed else self._handshake(process, lazy)
        finally:
            with self.cond:
                self._starting = None
        if error is not None:
            self._discard(process)
            return None, error
        return process, None

    def _handshake(self, process: WorkerProcess, lazy: bool) -> str | None:
        """Send the configuration, wait for every slot to report ready; why not, or None."""
        first = process.slots[0]
        config = {"root": str(self.root), "lazy": lazy, **self.config}
        try:
            send_frame(first.sock, b"C", json.dumps(config).encode())
            for slot in process.slots:
                slot.sock.settimeout(SPAWN_TIMEOUT)
                frame = slot.frames.read()
                if frame[:1] != READY:
                    try:
                        return json.loads(frame[1:])["message"]
                    except (ValueError, KeyError, TypeError):
                        return "a query worker failed to start"
        except (OSError, EOFError) as exc:
            return f"a query worker failed to start ({type(exc).__name__}: {exc})"
        return None

    # -- handing slots out ---------------------------------------------------------------

    def acquire(self, deadline: float) -> Worker:
        """An idle slot, waiting for one until ``deadline`` (``time.monotonic``).

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
        """Raise why a request cannot wait for a slot (closed, none can start, queue full)."""
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
        """Give a slot back after a complete exchange."""
        with self.cond:
            if not self.closed and worker in self.workers:
                self._give(worker)
                return
        worker.sock.close()  # its process was taken out of service meanwhile

    def kill(self, worker: Worker, why: str) -> None:
        """Kill the process of a slot whose exchange failed, and replace it.

        ``why``: ``"killed"`` (its query ran past its deadline) or ``"crashed"``. The
        process's other slots leave service with it: idle ones are closed here, busy ones
        by the requests that hold them, which find :attr:`WorkerProcess.ended` set. Only
        the first call for a process counts in the metrics.
        """
        process = worker.process
        free: list[Worker] = []
        with self.cond:
            if process.ended is None:
                process.ended = why
                self.metrics.count(why)
                if process in self.processes:
                    free = self._retire(process)
                elif process is self.spare:
                    self.spare = None
                    self._wake.put(True)
        process.kill()
        worker.sock.close()
        for slot in free:
            slot.sock.close()

    def _retire(self, process: WorkerProcess) -> list[Worker]:
        """Take ``process`` out of service and put the spare (or a new process) in its
        place; its idle slots are returned to be closed (lock held)."""
        self.processes.remove(process)
        free = []
        for slot in process.slots:
            self.workers.discard(slot)
            if slot in self.idle:
                self.idle.remove(slot)
                free.append(slot)
        if not self.closed:
            spare, size = self.spare, len(process.slots)
            if spare is not None and len(spare.slots) >= size:
                self.spare = None
                free.extend(spare.slots[size:])  # its thread in the worker ends
                spare.slots = spare.slots[:size]
                self._serve(spare)
            else:
                self.need.append(size)
            self._wake.put(True)
        return free

    def state(self) -> dict[str, int]:
        """Counts of slots by state, of waiting requests and of spare processes."""
        with self.cond:
            return {
                "configured": self.count,
                "alive": len(self.workers),
                "idle": len(self.idle),
                "busy": len(self.workers) - len(self.idle),
                "starting": 0 if self.closed else self.count - len(self.workers),
                "waiting": len(self.queue),
                "spare": int(self.spare is not None),
            }

    def pids(self, *, spare: bool = False) -> list[int]:
        """Process ids of the worker processes in service (and of the spare if ``spare``)."""
        with self.cond:
            processes = [*self.processes, *([self.spare] if spare and self.spare else [])]
            return sorted(process.pid for process in processes)


class _Waiter:
    """A request waiting for a slot; the slot is set by whoever hands it over."""

    __slots__ = ("cond", "worker")

    def __init__(self, lock: threading.RLock) -> None:
        self.cond = threading.Condition(lock)
        self.worker: Worker | None = None

"""Store errors and the inter-process lock that keeps one writer per store.

A store directory holds a lock file, ``borderkg.lock``, locked with ``flock``: exclusively
by the one process that opens the store read-write, shared by processes that open it
read-only. The lock is released by the kernel when its holder exits, however it exits, so
a killed loader never leaves a stale lock behind. RocksDB's own ``LOCK`` file is a second
line of defence against programs that open the database directory without this lock
(``oxigraph serve --location …``); both cases raise :class:`StoreLockedError`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

LOCK_NAME = "borderkg.lock"


class StoreError(Exception):
    """A store cannot be opened or used as asked."""


class StoreReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only."""


@dataclass(frozen=True)
class LockHolder:
    """A process that holds a store: its pid, how it holds it and its command line."""

    pid: int
    mode: str  # "read-write" or "read-only"
    command: str | None = None

    def describe(self) -> str:
        """``process 123 (python -m …, read-write)``."""
        what = f"{self.command}, {self.mode}" if self.command else self.mode
        return f"process {self.pid} ({what})"


class StoreLockedError(StoreError):
    """The store is held by another process: a load, a command reading the store, or a
    server for the moment of one write (servers read published snapshots, not the store)."""

    def __init__(self, path: Path, holders: list[LockHolder], read_only: bool = False) -> None:
        self.path = path
        self.holders = holders
        who = ", ".join(h.describe() for h in holders) if holders else "another process"
        super().__init__(f"The store {path} is in use by {who}. {_advice(holders, read_only)}")

    @property
    def by_writer(self) -> bool:
        """Whether a writer holds the store (also when the holder is unknown)."""
        return _writing(self.holders)


def _writing(holders: list[LockHolder]) -> bool:
    return not holders or any(h.mode == "read-write" for h in holders)


def _advice(holders: list[LockHolder], read_only: bool) -> str:
    """What holds the store, most likely, and what the user can do about it."""
    writing = _writing(holders)
    if read_only:  # only a writer refuses a reader
        return (
            "A store cannot be read while another process writes it (pyoxigraph forbids "
            "it): that is usually a `borderkg load` still running. Wait for it to finish "
            "and try again. Meanwhile a `borderkg serve` of this store answers queries from "
            "the last snapshot the load published (a checkpoint it makes every minute and "
            "at its end)."
        )
    if writing:
        others = [h.pid for h in holders if h.pid != os.getpid()]
        stop = f"stop it (`kill {others[0]}`)" if len(others) == 1 else "stop it"
        return (
            "Only one process may write a store at a time: that is usually another "
            "`borderkg load` still running (a server writes only for the moment of an "
            f"/update or /data request). Wait for it to finish and try again, or {stop}: a "
            "load stopped half way leaves only whole articles in the store. Or give this "
            "command another store directory."
        )
    return (
        "A store cannot be written while another process reads it: that is a command "
        "reading the store (`borderkg query`, `stats`, `export`, `unreviewed`, `reindex`, "
        "`validate --store`), which ends by itself. Wait for it to finish and try again."
    )


def _command_of(pid: int) -> str | None:
    """The command line of a running process, shortened (Linux ``/proc`` only)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    command = " ".join(raw.decode("utf-8", "replace").replace("\0", " ").split())  # one line
    return command[:157] + "…" if len(command) > 160 else command or None


def _holders_from_proc_locks(path: Path) -> list[LockHolder]:
    """Processes holding a lock on ``path`` according to ``/proc/locks`` (Linux)."""
    try:
        st = path.stat()
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return []
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    holders: dict[int, LockHolder] = {}
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 5630 fe:00:2146 0 EOF"; "->" marks a waiting request.
        if len(fields) < 6 or fields[1] == "->" or fields[5] != key:
            continue
        try:
            pid = int(fields[4])
        except ValueError:
            continue
        mode = "read-write" if fields[3] == "WRITE" else "read-only"
        holders[pid] = LockHolder(pid, mode, _command_of(pid))
    return sorted(holders.values(), key=lambda h: h.pid)


def _holder_from_record(handle: IO[bytes]) -> list[LockHolder]:
    """The holder a read-write process recorded in the lock file (when ``/proc`` is absent)."""
    try:
        handle.seek(0)
        record = json.loads(handle.read().decode("utf-8") or "{}")
        return [LockHolder(int(record["pid"]), "read-write", record.get("command"))]
    except (OSError, ValueError, KeyError, TypeError):
        return []


class StoreLock:
    """The ``flock`` on a store's lock file: exclusive for writing, shared for reading."""

    def __init__(self, directory: Path, *, shared: bool = False) -> None:
        self.directory = directory
        self.path = directory / LOCK_NAME
        self.shared = shared
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        """Take the lock without waiting; raise :class:`StoreLockedError` if it is held."""
        if self._handle is not None:
            return
        try:
            handle = open(self.path, "rb" if self.shared else "a+b")  # noqa: SIM115
        except FileNotFoundError:
            if not self.shared:
                raise
            # A reader of a store no writer has opened yet creates the lock file.
            handle = open(self.path, "a+b")  # noqa: SIM115
        try:
            fcntl.flock(handle, (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            holders = _holders_from_proc_locks(self.path) or _holder_from_record(handle)
            handle.close()
            raise StoreLockedError(self.directory, holders, read_only=self.shared) from None
        except BaseException:
            handle.close()
            raise
        self._handle = handle
        if not self.shared:
            self._record_holder(handle)

    @staticmethod
    def _record_holder(handle: IO[bytes]) -> None:
        record = {
            "pid": os.getpid(),
            "command": " ".join(sys.argv)[:160] or sys.executable,
            "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(record).encode("utf-8"))
        handle.flush()

    def release(self) -> None:
        """Release the lock (closing the file releases it too)."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()
        self._handle = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._handle is not None


def rocksdb_lock_holder(database: Path) -> LockHolder | None:
    """The process holding RocksDB's ``LOCK`` in ``database``, if any (Linux ``F_GETLK``).

    Only call this for a database this process does not have open: closing any descriptor
    of a file drops this process's POSIX locks on it, RocksDB's included.
    """
    lock_file = database / "LOCK"
    if not sys.platform.startswith("linux") or not lock_file.exists():
        return None
    # struct flock on Linux: short l_type, short l_whence, off_t l_start, off_t l_len, pid_t l_pid
    query = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except OSError:
        return None
    try:
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
    except OSError:
        return None
    finally:
        os.close(fd)
    kind, _, _, _, pid = struct.unpack("hhqqi", answer)
    if kind == fcntl.F_UNLCK:
        return None
    return LockHolder(pid, "read-write", _command_of(pid))

"""Read snapshots of a store: what query workers open instead of the live database.

pyoxigraph leaves opening a database read-only while another process writes it undefined,
so readers never open the live database. Every writer session ends by publishing a
snapshot, a RocksDB checkpoint (hard links: cheap) of the live database::

    STORE/snapshots/
      snap-000007/      a bare, complete pyoxigraph database nobody writes
      snap-000008/
      current.json      {"name": "snap-000008", "published": "…", "quads": 30752 or null,
                         "superseded": [{"name": "snap-000007", "at": "…"}]}

``current.json`` is replaced atomically (write, fsync, rename), so a reader sees either
the old or the new snapshot, both complete. :class:`SnapshotReader` stats it before each
query (about a microsecond) and reopens when it changed.

Readers register: whoever opens a snapshot holds a shared ``flock`` on
``snap-NNNNNN.readers`` next to it for as long as it uses it (:func:`hold`). A superseded
snapshot is removed by a later publisher as soon as nobody holds it — so a long load that
publishes progress snapshots with no server running does not pin the files of every
snapshot — and otherwise once it has been superseded for longer than the grace period
(longer than any query may run; on Linux a reader keeps reading files already open). The
current snapshot is never removed; directories never named in ``current.json`` (a
publisher that crashed half-way) are removed at once.

Publishers hold the store's one-writer lock (they write through ``GraphStore``), so two
never run at once. This module imports only pyoxigraph and small standard modules on the
reading side: query workers import it and must stay small.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from borderkg.storelock import StoreError, StoreLockedError

if TYPE_CHECKING:
    from borderkg.store import GraphStore

SNAPSHOTS_DIR = "snapshots"
CURRENT_NAME = "current.json"
SNAP_PREFIX = "snap-"
#: Seconds a superseded snapshot is kept for queries still reading it.
DEFAULT_GRACE = 15 * 60.0
#: Seconds a reader keeps holding a snapshot after switching to a newer one: queries that
#: started on the old store may still read it (RocksDB opens table files as it needs them),
#: and none runs longer than the endpoint's longest time limit (300 s).
LINGER = 330.0


@dataclass(frozen=True)
class SnapshotInfo:
    """The published snapshot named by ``current.json``."""

    name: str
    path: Path
    published: str
    quads: int | None


def snapshots_dir(root: str | os.PathLike[str]) -> Path:
    """``<store>/snapshots``."""
    return Path(root) / SNAPSHOTS_DIR


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _is_snap_name(name: str) -> bool:
    number = name[len(SNAP_PREFIX) :]
    return name.startswith(SNAP_PREFIX) and len(number) == 6 and number.isdigit()


READERS_SUFFIX = ".readers"


class Hold:
    """A shared lock on a snapshot's readers file: the snapshot is in use while it is held.

    The file is created by the publisher, so a reader needs only read access to the store
    (``flock`` works on a read-only descriptor). A snapshot without one (published by an
    older borderkg) cannot be held; publishers keep such snapshots for the grace period.
    """

    def __init__(self, snapshot: Path) -> None:
        self.snapshot = snapshot
        try:
            self._fd: int | None = os.open(_readers_file(snapshot), os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            self._fd = None
            return
        fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        """Let a publisher remove the snapshot (harmless twice)."""
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock
            self._fd = None

    def __enter__(self) -> Hold:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _readers_file(snapshot: Path) -> Path:
    return snapshot.with_name(snapshot.name + READERS_SUFFIX)


def hold(snapshot: Path) -> Hold:
    """Register as a reader of ``snapshot`` before opening it; ``release`` when done.

    If the snapshot was removed before the hold was taken (it was superseded meanwhile),
    its directory is gone: check that it still exists after taking the hold.
    """
    return Hold(Path(snapshot))


def open_current(root: str | os.PathLike[str], tries: int = 5) -> tuple[ox.Store, Hold, str]:
    """Open the current snapshot read-only with a hold on it: ``(store, hold, name)``.

    A snapshot superseded and removed between reading ``current.json`` and taking the hold
    is not an error: ``current.json`` then names a newer one, which is tried instead.
    """
    for _ in range(tries):
        info = current_info(root)
        if info is None:
            raise StoreError(
                f"The store {root} has no published snapshot: publish one "
                "(borderkg.snapshots.ensure_snapshot) before serving it."
            )
        held = hold(info.path)
        if info.path.is_dir():
            try:
                return ox.Store.read_only(str(info.path)), held, info.name
            except BaseException:
                held.release()
                raise
        held.release()
    raise StoreError(f"The snapshots of {root} kept changing while being opened; try again.")


def open_held(snapshot: Path) -> tuple[ox.Store, Hold]:
    """Open a snapshot read-only with a hold on it; the current one if it was removed."""
    held = hold(snapshot)
    if snapshot.is_dir():
        try:
            return ox.Store.read_only(str(snapshot)), held
        except BaseException:
            held.release()
            raise
    held.release()
    store, held, _name = open_current(snapshot.parent.parent)
    return store, held


def _unheld(snapshot: Path) -> int | None:
    """An exclusive lock on the readers file of ``snapshot`` if nobody holds it, else None
    (also when it has no readers file: who reads it cannot be known)."""
    try:
        fd = os.open(_readers_file(snapshot), os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _read_record(directory: Path) -> dict | None:
    try:
        text = (directory / CURRENT_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        record = json.loads(text)
        if not _is_snap_name(str(record["name"])):
            raise ValueError(f"invalid snapshot name {record['name']!r}")
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{directory / CURRENT_NAME} is malformed: {exc}") from exc
    return record


def current_info(root: str | os.PathLike[str]) -> SnapshotInfo | None:
    """The current snapshot of the store at ``root``, or ``None`` if none was published."""
    directory = snapshots_dir(root)
    record = _read_record(directory)
    if record is None:
        return None
    return SnapshotInfo(
        record["name"],
        directory / record["name"],
        str(record.get("published", "")),
        record.get("quads") if isinstance(record.get("quads"), int) else None,
    )


def current_snapshot(root: str | os.PathLike[str]) -> Path | None:
    """The directory of the current snapshot of the store at ``root``, or ``None``."""
    info = current_info(root)
    return info.path if info is not None else None


def _write_record(directory: Path, record: dict) -> None:
    tmp = directory / (CURRENT_NAME + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, directory / CURRENT_NAME)
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _next_name(directory: Path, current: str | None) -> str:
    numbers = [
        int(p.name[len(SNAP_PREFIX) :]) for p in directory.iterdir() if _is_snap_name(p.name)
    ]
    if current is not None:
        numbers.append(int(current[len(SNAP_PREFIX) :]))
    return f"{SNAP_PREFIX}{max(numbers, default=0) + 1:06d}"


def publish_snapshot(
    store: GraphStore, *, grace: float = DEFAULT_GRACE, quads: int | None = None
) -> Path:
    """Checkpoint ``store`` (open for writing) as the new current snapshot; returns its path.

    Also removes snapshots superseded more than ``grace`` seconds ago. Call it at the end
    of every writer session (a load, a write through the endpoint): query workers see the
    new data from their next query on. ``quads``: the store's size, recorded when the
    caller knows it (counting costs a full scan, seconds on a large store).
    """
    directory = snapshots_dir(store.root)
    directory.mkdir(parents=True, exist_ok=True)
    previous = _read_record(directory)
    name = _next_name(directory, previous["name"] if previous else None)
    target = store.checkpoint(directory / name)
    _readers_file(target).touch()  # before current.json names it: readers can always register
    now = _now()
    superseded = list(previous.get("superseded", [])) if previous else []
    if previous is not None:
        superseded.append({"name": previous["name"], "at": now.isoformat()})
    record = {
        "name": name,
        "published": now.isoformat(),
        "quads": quads,
        "superseded": superseded,
    }
    _write_record(directory, record)
    collect_garbage(store.root, grace=grace)
    return target


def collect_garbage(root: str | os.PathLike[str], *, grace: float = DEFAULT_GRACE) -> list[str]:
    """Remove superseded snapshots nobody reads (or superseded over ``grace`` seconds ago)
    and never-published ones.

    Only call while holding the store's writer lock (as publishers do). Returns the names
    of the removed directories.
    """
    directory = snapshots_dir(root)
    record = _read_record(directory)
    if record is None:
        return []
    now = _now()
    keep = {record["name"]}
    kept_history = []
    for entry in record.get("superseded", []):
        try:
            at = dt.datetime.fromisoformat(entry["at"])
        except (KeyError, TypeError, ValueError):
            continue
        name = str(entry.get("name"))
        if (now - at).total_seconds() >= grace or not _is_snap_name(name):
            continue
        fd = _unheld(directory / name)
        if fd is None:  # a reader has it open: keep it for the grace period
            keep.add(name)
            kept_history.append(entry)
        else:
            _remove(directory / name, fd)
    removed = []
    for path in sorted(directory.iterdir()):
        # A checkpoint cut short by a kill is left under its name plus RocksDB's ".tmp".
        name = path.name.removesuffix(".tmp")
        if _is_snap_name(name) and path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
        elif path.name.endswith(READERS_SUFFIX) and path.name[: -len(READERS_SUFFIX)] not in keep:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()  # a reader that still holds it keeps its own descriptor
    if len(kept_history) != len(record.get("superseded", [])):
        _write_record(directory, {**record, "superseded": kept_history})
    with contextlib.suppress(FileNotFoundError):
        (directory / (CURRENT_NAME + ".tmp")).unlink()
    return removed


def _remove(snapshot: Path, fd: int) -> None:
    """Delete a snapshot nobody holds, keeping its readers file locked until it is gone."""
    try:
        shutil.rmtree(snapshot, ignore_errors=True)
    finally:
        os.close(fd)


def ensure_snapshot(root: str | os.PathLike[str], *, create: bool = False) -> Path:
    """Make sure the store at ``root`` has a current snapshot; returns its directory.

    A server calls this at start. If no process holds the live store, it is opened,
    checkpointed as a fresh snapshot and closed (cheap). If a writer (a load) holds it, the
    last published snapshot is used. ``create``: make an empty store if there is none
    (otherwise a directory that is not a store is an error, so that a mistyped path
    does not serve an empty graph).
    """
    from borderkg import storefiles
    from borderkg.store import GraphStore

    path = Path(root)
    if not create and storefiles.read_active(path) is None:
        raise StoreError(storefiles.no_store_message(path))
    try:
        with GraphStore.open(path) as store:
            return publish_snapshot(store)
    except StoreLockedError as exc:
        current = current_snapshot(path)
        if current is None:
            raise StoreError(
                f"The store {path} is held by another process and has no published "
                f"snapshot to serve yet; wait for that process to finish. ({exc})"
            ) from exc
        return current


class SnapshotReader:
    """A read-only ``pyoxigraph.Store`` on the current snapshot, reopened when it changes.

    :attr:`store` opens the current snapshot on first use; :meth:`refresh` (called before
    each query) reopens it when ``current.json`` was replaced. If reopening fails the
    previous store stays in use and the error is kept in :attr:`last_error`.
    """

    def __init__(self, root: str | os.PathLike[str], *, linger: float = LINGER) -> None:
        self.root = Path(root)
        self.linger = linger
        self._current = snapshots_dir(self.root) / CURRENT_NAME
        self._stamp: tuple[int, int, int] | None = None
        self._store: ox.Store | None = None
        self._hold: Hold | None = None
        #: Holds of snapshots switched away from, with when to let go of each.
        self._lingering: list[tuple[float, Hold]] = []
        self.name: str | None = None
        self.last_error: str | None = None

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self._current)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def refresh(self) -> bool:
        """Reopen if a new snapshot was published; ``True`` if the store changed."""
        self._let_go()
        stamp = self._stat()
        if stamp == self._stamp and self._store is not None:
            return False
        try:
            info = current_info(self.root)
            if info is not None and info.name == self.name and self._store is not None:
                self._stamp = stamp
                return False
            store, held, name = open_current(self.root)
        except (OSError, StoreError) as exc:
            if self._store is None:
                raise StoreError(str(exc)) from exc
            self.last_error = str(exc)
            return False
        if self._hold is not None:
            self._lingering.append((time.monotonic() + self.linger, self._hold))
        self._store, self._hold, self.name, self._stamp = store, held, name, stamp
        self.last_error = None
        self._let_go()
        return True

    def _let_go(self) -> None:
        """Release the holds of superseded snapshots no query can still be reading."""
        now = time.monotonic()
        while self._lingering and self._lingering[0][0] <= now:
            self._lingering.pop(0)[1].release()

    @property
    def store(self) -> ox.Store:
        """The store of the current snapshot (opened on first use)."""
        if self._store is None:
            self.refresh()
        assert self._store is not None
        return self._store

    def close(self) -> None:
        """Drop the store (pyoxigraph closes the database when it is no longer used)."""
        self._store = None
        self.name = None
        self._stamp = None
        for _at, held in self._lingering:
            held.release()
        self._lingering.clear()
        if self._hold is not None:
            self._hold.release()
            self._hold = None


class DatabaseReader:
    """A read-only ``pyoxigraph.Store`` on one database, never reopened: what query workers
    read when their caller names a database instead of the store's snapshots (``borderkg
    query``, holding the store's shared lock so that no writer changes it meanwhile). Has
    :class:`SnapshotReader`'s interface."""

    def __init__(self, database: str | os.PathLike[str]) -> None:
        self.database = Path(database)
        self._store: ox.Store | None = None
        self.name: str | None = None
        self.last_error: str | None = None

    def refresh(self) -> bool:
        """Open the database on first use; ``True`` when it was opened now."""
        if self._store is not None:
            return False
        try:
            self._store = ox.Store.read_only(str(self.database))
        except OSError as exc:
            raise StoreError(f"Cannot open {self.database} for reading: {exc}") from exc
        self.name = self.database.name
        return True

    @property
    def store(self) -> ox.Store:
        """The database's store (opened on first use)."""
        self.refresh()
        assert self._store is not None
        return self._store

    def close(self) -> None:
        """Drop the store (pyoxigraph closes the database when it is no longer used)."""
        self._store = None
        self.name = None

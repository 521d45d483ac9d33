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
query (about a microsecond) and reopens when it changed. A superseded snapshot is removed
by a later publisher once it has been superseded for longer than the grace period
(longer than any query may run), never the current one; directories never named in
``current.json`` (a publisher that crashed half-way) are removed at once.

Publishers hold the store's one-writer lock (they write through ``GraphStore``), so two
never run at once. This module imports only pyoxigraph and small standard modules on the
reading side: query workers import it and must stay small.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
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
    """Remove snapshots superseded over ``grace`` seconds ago and never-published ones.

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
        if (now - at).total_seconds() < grace and _is_snap_name(str(entry.get("name"))):
            keep.add(entry["name"])
            kept_history.append(entry)
    removed = []
    for path in sorted(directory.iterdir()):
        # A checkpoint cut short by a kill is left under its name plus RocksDB's ".tmp".
        name = path.name.removesuffix(".tmp")
        if _is_snap_name(name) and path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    if len(kept_history) != len(record.get("superseded", [])):
        _write_record(directory, {**record, "superseded": kept_history})
    with contextlib.suppress(FileNotFoundError):
        (directory / (CURRENT_NAME + ".tmp")).unlink()
    return removed


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
        raise StoreError(
            f"There is no store at {path}: load articles into it first "
            "(borderkg load … --store DIR), or give the directory of an existing store."
        )
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

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self._current = snapshots_dir(self.root) / CURRENT_NAME
        self._stamp: tuple[int, int, int] | None = None
        self._store: ox.Store | None = None
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
        stamp = self._stat()
        if stamp == self._stamp and self._store is not None:
            return False
        try:
            info = current_info(self.root)
            if info is None:
                raise StoreError(
                    f"The store {self.root} has no published snapshot: publish one "
                    "(borderkg.snapshots.ensure_snapshot) before serving it."
                )
            if info.name == self.name and self._store is not None:
                self._stamp = stamp
                return False
            store = ox.Store.read_only(str(info.path))
        except (OSError, StoreError) as exc:
            if self._store is None:
                raise StoreError(str(exc)) from exc
            self.last_error = str(exc)
            return False
        self._store, self.name, self._stamp, self.last_error = store, info.name, stamp, None
        return True

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

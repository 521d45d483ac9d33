"""The files of a store directory: which database is live, compaction, disk usage.

Layout::

    STORE/
      borderkg.lock     the writer/reader lock (see ``borderkg.storelock``)
      active.json       {"data": "data-000002", "quads": …, "sst_bytes": …, "rebuilt": …}
      data-000002/      the live pyoxigraph (RocksDB) database

Why a pointer and numbered databases: compaction rebuilds the database into a new
directory with a bulk load and then switches ``active.json`` to it with one atomic
rename. A crash at any moment leaves ``active.json`` naming a complete database; the
directory of an interrupted rebuild, or of a database that was switched away from, is
removed the next time the store is opened for writing, and so are the table files of a
bulk load that was interrupted before RocksDB took them (``remove_bulk_leftovers``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

from borderkg.cmemory import release_free_memory
from borderkg.storelock import LOCK_NAME, StoreError

ACTIVE_NAME = "active.json"
DATA_PREFIX = "data-"
#: Rebuild baselines from fewer quads than this are dominated by per-file overhead.
MIN_BASELINE_QUADS = 2000
#: Bytes per quad assumed before a store has a baseline: low on purpose, so that a store
#: without one is rebuilt (cheaply, being small) rather than left bloated.
DEFAULT_BYTES_PER_QUAD = 150
#: Databases smaller than this are never rebuilt automatically: their size is mostly
#: RocksDB's fixed files, which a rebuild cannot shrink.
MIN_COMPACT_BYTES = 8 * 1024 * 1024
#: RocksDB info logs (LOG.old.*) kept; every open starts a new one.
KEEP_INFO_LOGS = 2


@dataclass(frozen=True)
class Active:
    """The live database of a store and the size baseline of its last rebuild.

    ``quads`` and ``sst_bytes``: the compact size (of the rebuild, or of its first bulk
    load when it took more than ``COMPACT_INGESTIONS``). ``rebuilt``: how many times that
    size the rebuild ended (1.0 unless RocksDB merged its loads): a rebuild cannot get a
    store below it, so rebuilding again is worth it only once the store grew past it.
    ``held``: the quads the rebuilt store held (0: never rebuilt; records written before
    it was kept read as ``quads``), the base of :data:`REBUILD_GROWTH`.
    """

    data: str
    quads: int = 0
    sst_bytes: int = 0
    rebuilt: float = 1.0
    held: int = 0

    def bytes_per_quad(self) -> float:
        """Bytes of table files per quad right after the last rebuild (or a low default)."""
        if self.quads >= MIN_BASELINE_QUADS and self.sst_bytes > 0:
            return self.sst_bytes / self.quads
        return DEFAULT_BYTES_PER_QUAD


def is_plain_database(path: Path) -> bool:
    """Whether ``path`` is a bare pyoxigraph/RocksDB directory (e.g. a checkpoint)."""
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def no_store_message(path: Path, then: str = "") -> str:
    """What a command that needs an existing store says of a folder that holds none (one
    wording for every command: the CLI's readers, ``serve``, snapshots)."""
    then = then or "or give the folder of an existing store (--store DIR or $BORDERKG_STORE)."
    return (
        f"There is no store at {path}: load articles into it first "
        f"(`borderkg load --store {path} FILES…`), {then}"
    )


def read_active(root: Path) -> Active | None:
    """The store's pointer file, or ``None`` for a directory that is not (yet) a store."""
    try:
        record = json.loads((root / ACTIVE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError(f"The store {root} has an unreadable {ACTIVE_NAME}: {exc}") from exc
    try:
        active = Active(
            str(record["data"]),
            int(record["quads"]),
            int(record["sst_bytes"]),
            float(record.get("rebuilt", 1.0)),
            int(record.get("held", record["quads"])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"The store {root} has a malformed {ACTIVE_NAME}: {exc}") from exc
    if not active.data.startswith(DATA_PREFIX) or "/" in active.data:
        raise StoreError(f"The store {root} names an invalid database {active.data!r}")
    return active


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_active(root: Path, active: Active) -> None:
    """Point the store at ``active.data`` atomically (write, fsync, rename, fsync dir)."""
    tmp = root / (ACTIVE_NAME + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(asdict(active), handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, root / ACTIVE_NAME)
    _fsync_dir(root)


def next_data_name(root: Path, current: str | None) -> str:
    """A database directory name not used in ``root``, numbered after ``current``."""
    number = int(current[len(DATA_PREFIX) :]) if current else 0
    while True:
        number += 1
        name = f"{DATA_PREFIX}{number:06d}"
        if not (root / name).exists():
            return name


def _files(path: Path) -> Iterator[os.DirEntry[str]]:
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                yield entry


def disk_usage(path: Path) -> int:
    """Total size in bytes of the regular files under ``path`` (what ``du -b`` sums)."""
    if not path.exists():
        return 0
    return sum(_size(entry) for entry in _files(path))


def _size(entry: os.DirEntry[str]) -> int:
    """A file's size, 0 if it is gone: RocksDB deletes files as background work finishes."""
    try:
        return entry.stat(follow_symlinks=False).st_size
    except FileNotFoundError:
        return 0


def table_bytes(path: Path) -> int:
    """Size of the RocksDB table (``.sst``) files of a database."""
    return sum(_size(e) for e in _files(path) if e.name.endswith(".sst"))


def in_use_by_this_process(path: Path) -> bool:
    """Whether this process has a file under ``path`` open (Linux ``/proc/self/fd``)."""
    prefix = str(path.resolve()) + os.sep
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return True  # cannot tell: assume it is in use
    for fd in fds:
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/self/fd/{fd}").startswith(prefix):
                return True
    return False


def is_data_name(name: str) -> bool:
    """Whether ``name`` is one this module gives database directories (``data-000001``)."""
    number = name[len(DATA_PREFIX) :]
    return name.startswith(DATA_PREFIX) and len(number) == 6 and number.isdigit()


#: Other files of a store directory, kept by other modules: read snapshots
#: (``borderkg.snapshots``), the full-text index (``borderkg.search``) and the incidents'
#: index (``borderkg.incidentindex``), both SQLite.
COMPANION_NAMES = frozenset({"snapshots"})
COMPANION_PREFIXES = ("search.sqlite", "incidents.sqlite")


def is_companion(name: str) -> bool:
    """Whether ``name`` in a store directory belongs to a companion of the database."""
    return name in COMPANION_NAMES or name.startswith(COMPANION_PREFIXES)


def check_can_create(root: Path) -> None:
    """Refuse to turn a directory holding other files into a store.

    The store's own companions (snapshots, side indexes) do not count: they may outlive
    a database removed by hand, and are never touched here.
    """
    ours = {LOCK_NAME, ACTIVE_NAME, ACTIVE_NAME + ".tmp"}
    others = sorted(
        p.name for p in root.iterdir() if p.name not in ours and not is_companion(p.name)
    )
    if others:
        shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
        raise StoreError(
            f"{root} is not a borderkg store and is not empty ({shown}); give a new or "
            "empty directory for the store"
        )


def remove_stale(root: Path, keep: str) -> list[str]:
    """Remove database directories other than ``keep`` that this process does not use.

    Only call while holding the store's exclusive lock: then no other process uses them.
    """
    removed = []
    for entry in sorted(root.iterdir()):
        if entry.name == keep or not is_data_name(entry.name) or not entry.is_dir():
            continue
        if in_use_by_this_process(entry):
            continue  # an old snapshot still being read here: removed on a later open
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry.name)
    with contextlib.suppress(FileNotFoundError):
        (root / (ACTIVE_NAME + ".tmp")).unlink()
    return removed


#: Table files a pyoxigraph bulk load writes into the database directory before handing
#: them to RocksDB (``bulk-{random u128}.sst``; older releases used the bare number). A
#: process killed before the hand-over leaves them, and RocksDB never deletes files it did
#: not name itself: its own names are short zero-padded numbers with a suffix.
BULK_LEFTOVER = re.compile(r"(bulk-)?[0-9]{20,}(\.sst)?")


def remove_bulk_leftovers(database: Path) -> list[str]:
    """Delete table files of bulk loads interrupted in ``database``; their names.

    Only call while holding the store's exclusive lock, before opening the database: then
    no bulk load is running.
    """
    removed = []
    with contextlib.suppress(FileNotFoundError), os.scandir(database) as entries:
        for entry in entries:
            if BULK_LEFTOVER.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                removed.append(entry.name)
    return sorted(removed)


def prune_info_logs(database: Path, keep: int = KEEP_INFO_LOGS) -> None:
    """Delete all but the newest ``keep`` RocksDB info logs (one is added per open)."""
    old = sorted(database.glob("LOG.old.*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in old[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()


def estimated_compact_bytes(database: Path, active: Active, quads: int) -> float:
    """What ``database`` would take right after a rebuild, from the last rebuild's ratio."""
    overhead = sum(
        _size(e)
        for e in _files(database)
        if not e.name.endswith((".sst", ".log")) and not e.name.startswith("LOG.old.")
    )
    return overhead + active.bytes_per_quad() * quads


#: Bulk loads a rebuild may make into its new database and still end compact: the first
#: lands in the last level, later ones that overlap it in level 0, and from the third
#: level-0 file on RocksDB merges them (its output uncompressed, with pyoxigraph's
#: settings). Measured on 1.64 M quads of 1,000 articles: 1, 2 or 3 loads 1.00× the size
#: of one load, 4 or 5 loads 1.46× (graph-first indexes, split by graph, stay compact).
COMPACT_INGESTIONS = 3
#: A store is rebuilt again only once it is this much larger than its last rebuild could
#: make it (``Active.rebuilt``): a smaller gain is not worth reading the whole store.
REBUILD_GAIN = 1.05
#: ... and only once the quads written since it are this share of what it held: a rebuild
#: reads and loads the whole store, and a few articles added to a large store would
#: otherwise pay for it every time RocksDB's own compaction of their files (uncompressed
#: in the levels it writes) puts the store over budget again — every other one-article
#: load into a 1,000,000-quad store did (~30–50 s each instead of ~5 s). Between
#: rebuilds the store stays at RocksDB's own size, up to :data:`REBUILD_CEILING`.
REBUILD_GROWTH = 0.1
#: Beyond this multiple of its compact size a store is rebuilt however little was written.
REBUILD_CEILING = 2.0


def rebuild_chunks(total: int, max_chunk: int) -> int:
    """Quads per bulk load of a rebuild of ``total`` quads, each load at most ``max_chunk``.

    As few loads as possible, evenly split: the size of a chunk bounds the bulk loader's
    memory, their number decides whether RocksDB merges them, so a store of up to
    ``COMPACT_INGESTIONS * max_chunk`` quads is rebuilt as compact as by one load.
    """
    loads = max(1, -(-total // max_chunk))
    return max(1, -(-total // loads))


def graph_ranges(source: ox.Store, chunk: int) -> Iterator[Iterator[ox.Quad]]:
    """The quads of ``source`` in runs of about ``chunk``, cut only between graphs.

    A store iterates in graph order, so each run covers its own range of graphs: in the
    graph-first indexes its bulk load then overlaps no earlier one and lands straight in
    the last level, whatever the number of runs. Consume each run before the next.
    """
    quads = iter(source)
    pending = next(quads, None)
    while pending is not None:
        first = pending
        pending = None

        def run(first: ox.Quad = first) -> Iterator[ox.Quad]:
            nonlocal pending
            yield first
            count, graph = 1, first.graph_name
            for quad in quads:
                if count >= chunk and quad.graph_name != graph:
                    pending = quad
                    return
                count, graph = count + 1, quad.graph_name
                yield quad

        yield run()


@dataclass
class Rebuilt:
    """What a rebuild made: quads, bulk loads, and the size after the first load alone.

    The first load lands compact whatever follows (later ones may be merged by RocksDB
    uncompressed), so its bytes per quad is the store's compact size.
    """

    quads: int = 0
    loads: int = 0
    first_quads: int = 0
    first_bytes: int = 0

    def loaded(self, copy: ox.Store, target: Path) -> None:
        """Count one bulk load; measure the copy after the first; hand freed heap back."""
        self.loads += 1
        if self.loads == 1:
            self.first_quads, self.first_bytes = len(copy), table_bytes(target)
        release_free_memory()

    def active(self, name: str, target: Path) -> Active:
        """The record of the rebuilt database ``name`` at ``target``: its own size as the
        compact baseline, or its first load's (and how much larger it ended) when it took
        more than ``COMPACT_INGESTIONS`` loads, since RocksDB merges later loads into
        larger files that must not become the compact size the budget is of."""
        size = table_bytes(target)
        if self.loads <= COMPACT_INGESTIONS or self.first_quads < 1:
            return Active(name, self.quads, size, held=self.quads)
        compact = self.first_bytes / self.first_quads * self.quads
        rebuilt = max(1.0, size / compact) if compact > 0 else 1.0
        return Active(name, self.first_quads, self.first_bytes, round(rebuilt, 3), self.quads)


def keep_empty_graphs(source: ox.Store, copy: ox.Store) -> None:
    """Add to ``copy`` the named graphs of ``source`` that hold no quad (a bulk load of
    quads cannot carry them)."""
    for graph in source.named_graphs():
        if next(source.quads_for_pattern(None, None, None, graph), None) is None:
            copy.add_graph(graph)


def copy_compact(source: ox.Store, target: Path, max_chunk: int) -> Rebuilt:
    """Bulk-load every quad of ``source`` into a new database at ``target``.

    A bulk load writes sorted, compressed table files, which is what makes the copy
    compact (transactional writes followed by ``optimize()`` end up in an uncompressed
    level with pyoxigraph's settings). The quads go in by graph ranges of at most about
    ``max_chunk`` quads each, one bulk load per range: pyoxigraph's bulk loader holds up
    to three batches of a million quads in memory at ~0.7 KB each, so one load of a large
    store would take gigabytes. Returns what it made, after checking the copy holds every
    quad.
    """
    if target.exists():
        shutil.rmtree(target)
    done = Rebuilt()

    def counted(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
        for quad in quads:
            done.quads += 1
            yield quad

    total = len(source)
    release_free_memory()  # what the load before freed, before the bulk loader needs more
    copy = ox.Store(str(target))
    try:
        for quads in graph_ranges(source, rebuild_chunks(total, max_chunk)):
            copy.bulk_extend(counted(quads))
            done.loaded(copy, target)
        keep_empty_graphs(source, copy)
        copy.flush()
        if not total == done.quads == len(copy):
            raise StoreError(
                f"Compaction read {done.quads} of {total} quads and the copy holds {len(copy)}"
            )
    except BaseException:
        del copy
        shutil.rmtree(target, ignore_errors=True)
        raise
    del copy  # closes the copy's database before it is switched to
    return done

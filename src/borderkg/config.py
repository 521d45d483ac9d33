"""Where the store lives and how it is kept compact.

The store directory is chosen in this order: an explicit path (the CLI's ``--store DIR``),
else ``$BORDERKG_STORE``, else a per-user data directory
(``$XDG_DATA_HOME/borderkg/store``, or ``~/.local/share/borderkg/store`` when
``XDG_DATA_HOME`` is unset or not absolute, as the XDG base-directory spec asks).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Environment variable naming the store directory.
STORE_ENV = "BORDERKG_STORE"


def default_store_path(environ: Mapping[str, str] | None = None) -> Path:
    """The store directory when no ``--store`` is given: ``$BORDERKG_STORE`` or the XDG dir."""
    env = os.environ if environ is None else environ
    explicit = env.get(STORE_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    xdg = env.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "borderkg" / "store"


def resolve_store_path(
    store: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The store directory to use: ``store`` (from ``--store``) if given, else the default."""
    if store is not None and str(store).strip():
        return Path(store).expanduser()
    return default_store_path(environ)


@dataclass(frozen=True)
class StoreSettings:
    """Settings of an on-disk store.

    ``compact_above``: at the end of a bulk load the store is rebuilt compactly when its
    size on disk exceeds this multiple of its estimated compact size (see
    ``borderkg.store``); ``None`` turns automatic compaction off. The default leaves a
    margin under the project's budget of 1.5× the size of a bulk load of the same quads.
    ``group_size``: how many new articles :meth:`GraphStore.write_articles` writes in one
    bulk load (each article is still whole or absent; see ``borderkg.storebulk``); the
    loader's gate checks groups of the same size. ``rebuild_chunk``: at most this many
    quads go into one bulk load of a rebuild (``GraphStore.compact``); it bounds the
    rebuild's memory (~0.7 KB per quad), and a store of up to three times as many quads
    is rebuilt in three loads or fewer, which stay as compact as one. ``spool``: keep
    the text of the articles a session writes in a compressed spool next to the database
    so that a rebuild bulk-loads them from it instead of reading them back from the store
    (see ``borderkg.storespool``).
    """

    path: Path
    compact_above: float | None = 1.3
    group_size: int = 32
    rebuild_chunk: int = 600_000
    spool: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))  # accept a str path too
        if self.compact_above is not None and self.compact_above < 1.0:
            raise ValueError(f"compact_above must be at least 1.0, not {self.compact_above}")
        if self.group_size < 1:
            raise ValueError(f"group_size must be at least 1, not {self.group_size}")
        if self.rebuild_chunk < 1:
            raise ValueError(f"rebuild_chunk must be at least 1, not {self.rebuild_chunk}")

    @classmethod
    def resolve(
        cls,
        store: str | os.PathLike[str] | None = None,
        environ: Mapping[str, str] | None = None,
        **options: object,
    ) -> StoreSettings:
        """Settings for the store named by ``--store``, ``$BORDERKG_STORE`` or the XDG default."""
        return cls(path=resolve_store_path(store, environ), **options)  # type: ignore[arg-type]

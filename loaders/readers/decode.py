"""Bytes in, text out: the checks every input goes through before a reader sees it."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from borderkg.loaders.readers.errors import ReadError

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_file_bytes(path: Path, max_bytes: int, name: str | None = None) -> bytes:
    """The bytes of a regular file, refusing what cannot or should not be read.

    Broken symbolic links, FIFOs and devices are refused without opening them
    (opening a FIFO would block); files over ``max_bytes`` without reading them.
    """
    name = name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            raise ReadError(
                name, f"cannot read: broken symbolic link (points to {target})", kind="unreadable"
            ) from None
        raise ReadError(name, "no such file", kind="not-found") from None
    except OSError as exc:
        raise ReadError(name, f"cannot read: {exc.strerror}", kind="unreadable") from None
    if not stat.S_ISREG(info.st_mode):
        kind = _file_kind(info.st_mode)
        raise ReadError(name, f"cannot read: {kind}, not a file", kind="unreadable")
    if info.st_size > max_bytes:
        raise ReadError(
            name,
            f"file is {_megabytes(info.st_size)}, over the {_megabytes(max_bytes)} limit",
            kind="too-large",
        )
    try:
        with path.open("rb") as handle:
            return _read_limited(handle, max_bytes, name)
    except PermissionError:
        raise ReadError(name, "cannot read: permission denied", kind="unreadable") from None
    except OSError as exc:
        raise ReadError(name, f"cannot read: {exc.strerror}", kind="unreadable") from None


def _read_limited(handle: BinaryIO, max_bytes: int, name: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(name, f"input is over the {_megabytes(max_bytes)} limit", kind="too-large")
    return data


def read_stream_bytes(stream: BinaryIO, max_bytes: int, name: str = "<stdin>") -> bytes:
    """The bytes of a stream (standard input), up to ``max_bytes``."""
    return _read_limited(stream, max_bytes, name)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of the bytes (a leading BOM dropped), or a ReadError saying why not."""
    if not data:
        raise ReadError(name, "empty file", kind="empty")
    if data.startswith(_UTF16_BOMS):
        raise ReadError(
            name, "the file is UTF-16 encoded; save it as UTF-8", kind="encoding", line=1
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise ReadError(
            name,
            f"binary file, not text (NUL byte at byte offset {nul})",
            kind="binary",
            line=line,
            column=column,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise ReadError(
            name,
            f"not valid UTF-8: byte 0x{data[exc.start]:02X} at byte offset {exc.start} "
            "(perhaps Latin-1 or Windows-1252); save the file as UTF-8",
            kind="encoding",
            line=line,
            column=column,
        ) from None
    if not text.replace("\ufeff", "").strip():
        raise ReadError(name, "the file contains only whitespace", kind="empty")
    return text


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column

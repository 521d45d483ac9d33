"""Inputs to records: files, folders, globs and standard input, one result per record.

``iter_records`` is what the CLI calls. It never stops on a bad input: each
problem is yielded as a ``ReadError`` next to the records that could be read.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from borderkg.iris import article_id
from borderkg.loaders.readers.decode import decode_text, read_file_bytes, read_stream_bytes
from borderkg.loaders.readers.errors import ReadError, ReadResult
from borderkg.loaders.readers.html import read_html
from borderkg.loaders.readers.jsonrec import read_json, read_jsonl
from borderkg.loaders.readers.options import ReadOptions
from borderkg.loaders.readers.text import read_text, read_text_file, sidecar_path
from borderkg.loaders.record import ArticleRecord

#: File extensions (lower-case) and the reader each selects.
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
STDIN = "-"
_GLOB_CHARS = re.compile(r"[*?\[]")
_SOURCE_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+)$")


def sniff_format(text: str) -> str:
    """Reader for text of unknown type: HTML, JSON (or JSON Lines) or plain text."""
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start == "<":
        return "html"
    if start in ("{", "["):
        return "json"
    return "text"


def _read_decoded(text: str, name: str, fmt: str) -> Iterator[ReadResult]:
    if fmt == "json":
        yield from read_json(text, name)
    elif fmt == "jsonl":
        yield from read_jsonl(text, name)
    elif fmt == "html":
        yield read_html(text, name)
    else:
        yield read_text(text, name)


def read_path(path: Path, options: ReadOptions, *, found: bool = False) -> Iterator[ReadResult]:
    """Every record (or error) of one file, picking the reader by extension.

    A named file of unknown type is sniffed when it has no extension and refused
    when it has another one; a ``found`` file (from a folder or glob) of unknown
    type is skipped with a warning, so a README or notes file is not taken for
    an article.
    """
    name = str(path)
    fmt = options.format or EXTENSIONS.get(path.suffix.lower())
    try:
        if fmt is None and found:
            raise ReadError(
                name,
                f"skipped: not an article file (extension {path.suffix or 'none'!r})",
                kind="skipped",
            )
        if fmt is None and path.suffix:
            known = ", ".join(EXTENSIONS)
            raise ReadError(
                name,
                f"unknown extension {path.suffix!r} (known: {known}; or give a format)",
                kind="extension",
            )
        if fmt == "text":
            yield read_text_file(path, options.max_bytes, name)
            return
        text = decode_text(read_file_bytes(path, options.max_bytes, name), name)
        yield from _read_decoded(text, name, fmt or sniff_format(text))
    except ReadError as err:
        yield err


def read_stream(
    stream: BinaryIO, options: ReadOptions, name: str = "<stdin>"
) -> Iterator[ReadResult]:
    """Every record (or error) of a byte stream; the format is given or sniffed."""
    try:
        text = decode_text(read_stream_bytes(stream, options.max_bytes, name), name)
        yield from _read_decoded(text, name, options.format or sniff_format(text))
    except ReadError as err:
        yield err


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(top: Path) -> Iterator[Path]:
    """Non-hidden files under a folder, in a stable order (symlinked folders not followed)."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d) and d != "__pycache__")
        for file in sorted(files):
            if not _is_hidden(file):
                yield Path(root) / file


def _expand(arg: str) -> Iterator[tuple[Path, bool] | ReadError]:
    """Files named by one argument, each with whether it was found rather than named."""
    path = Path(arg)
    if os.path.lexists(path):
        if path.is_dir():
            yield from ((p, True) for p in _walk(path))
        else:
            yield path, False
        return
    if _GLOB_CHARS.search(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield ReadError(arg, "no files match this pattern", kind="not-found")
        for match in matches:
            found = Path(match)
            if found.is_dir():
                yield from ((p, True) for p in _walk(found))
            else:
                yield found, True
        return
    yield ReadError(arg, "no such file or directory", kind="not-found")


def _is_sidecar(path: Path, found: bool, named_texts: set[Path]) -> bool:
    """A ``NAME.json`` next to ``NAME.txt`` is that text's metadata, not a record."""
    if path.suffix.lower() != ".json":
        return False
    text = path.with_suffix(".txt")
    if found:
        return text.exists()
    return text in named_texts and sidecar_path(text) == path


def _iter_inputs(
    paths: Iterable[str | os.PathLike[str]], options: ReadOptions, stdin: BinaryIO | None
) -> Iterator[ReadResult]:
    expanded: list[tuple[Path, bool] | ReadError | str] = []
    for arg in paths:
        text_arg = os.fspath(arg)
        if text_arg == STDIN:
            expanded.append(STDIN)
        else:
            expanded.extend(_expand(text_arg))
    named_texts = {
        item[0] for item in expanded if isinstance(item, tuple) and item[0].suffix == ".txt"
    }
    done: set[str] = set()
    for item in expanded:
        if isinstance(item, ReadError):
            yield item
        elif item == STDIN:
            yield from read_stream(stdin or sys.stdin.buffer, options)
        else:
            path, found = item
            key = os.path.realpath(path)
            if key in done or _is_sidecar(path, found, named_texts):
                continue
            done.add(key)
            yield from read_path(path, options, found=found)


def _split_source(source: str) -> tuple[str, int | None]:
    match = _SOURCE_LINE.match(source)
    return (match.group("file"), int(match.group("line"))) if match else (source, None)


def iter_records(
    paths: Iterable[str | os.PathLike[str]],
    options: ReadOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[ReadResult]:
    """Read every input; yield an ArticleRecord or a ReadError per record, in input order.

    ``paths`` holds files, folders (read recursively; hidden entries,
    ``__pycache__`` and the sidecars of ``.txt`` files skipped silently, files of
    unknown type skipped with a ``skipped`` warning), glob patterns and ``"-"`` for standard
    input (``stdin`` or ``sys.stdin.buffer``). Options override metadata of every
    record. Two records with the same article id (see ``borderkg.iris.article_id``)
    are checked: the same content is reported once as a harmless ``duplicate``,
    different content rejects the later record as ``duplicate-id``.
    """
    options = options or ReadOptions()
    seen: dict[str, tuple[str, str]] = {}
    for result in _iter_inputs(paths, options, stdin):
        if isinstance(result, ReadError):
            yield result
            continue
        record = options.apply(result)
        duplicate = _duplicate(record, seen)
        yield duplicate or record


def _describe_id(record: ArticleRecord, key: str) -> str:
    if record.id:
        return f"id {key!r}"
    if record.url:
        return f"article id {key!r} (derived from the URL)"
    return f"article id {key!r} (derived from the text)"


def _duplicate(record: ArticleRecord, seen: dict[str, tuple[str, str]]) -> ReadError | None:
    """An error when an earlier record had the same article id (and so the same graph)."""
    key = article_id(record.id, record.url, record.text)
    digest = record.content_hash()
    if key not in seen:
        seen[key] = (record.source, digest)
        return None
    first, first_digest = seen[key]
    file, line = _split_source(record.source)
    what = _describe_id(record, key)
    if digest == first_digest:
        return ReadError(
            file,
            f"duplicate of {first} (same {what}, same content): read once",
            kind="duplicate",
            line=line,
        )
    return ReadError(
        file,
        f"{what} is already used by {first} with different content; this record was not read",
        kind="duplicate-id",
        line=line,
    )

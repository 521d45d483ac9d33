"""JSON and JSON Lines records from researchers' own scrapers.

A ``.json`` file holds one record (an object) or an array of records; a
``.jsonl``/``.ndjson`` file one record per line, blank lines ignored. Every
record's body goes through the same cleaning as a plain-text article, so a body
that still starts with a keyword line or ends in outlet boilerplate is handled.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from borderkg.loaders.readers.errors import ReadError, ReadResult
from borderkg.loaders.readers.fields import FieldSource, build_record
from borderkg.loaders.record import ArticleRecord

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


def _json_error(name: str, exc: json.JSONDecodeError, line_offset: int = 0) -> ReadError:
    return ReadError(
        name,
        f"malformed JSON: {exc.msg}",
        kind="json",
        line=exc.lineno + line_offset,
        column=exc.colno,
    )


def _too_deep(name: str, line: int | None = None) -> ReadError:
    # Python's parser gives up by recursion, with no position to report.
    return ReadError(
        name,
        "malformed JSON: nested too deeply to read (a record is one object of fields)",
        kind="json",
        line=line,
    )


def _record(data: Any, name: str, line: int | None) -> ArticleRecord:
    source = f"{name}:{line}" if line is not None else name
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise ReadError(name, f"a record must be a JSON object, got {kind}", kind="json", line=line)
    return build_record(data, None, FieldSource(name, line=line), source=source)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


def _iter_array(text: str, start: int) -> Iterator[tuple[Any, int]]:
    """Elements of the JSON array at ``start`` with the line each begins on."""
    pos = _skip_ws(text, start + 1)
    if pos < len(text) and text[pos] == "]":
        return
    while True:
        value, end = _DECODER.raw_decode(text, pos)
        yield value, _line_of(text, pos)
        pos = _skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            return
        raise json.JSONDecodeError("Expecting ',' delimiter or ']'", text, pos)


def read_json(text: str, name: str) -> Iterator[ReadResult]:
    """Records of a JSON document: one object, or an array of objects.

    A malformed document yields one error with the parser's line and column.
    Records in an array are named ``FILE:LINE`` by the line they start on, and a
    bad one does not stop the others. A ``.json`` file that is really JSON Lines
    (one object per line) is read as such.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _looks_like_lines(text):
            yield from read_jsonl(text, name)
        else:
            yield _json_error(name, exc)
        return
    except RecursionError:
        yield _too_deep(name)
        return
    if isinstance(data, dict):
        yield _record_or_error(data, name, None)
        return
    if not isinstance(data, list):
        kind = type(data).__name__
        yield ReadError(
            name, f"expected a JSON object or an array of objects, got {kind}", kind="json"
        )
        return
    if not data:
        yield ReadError(name, "the JSON array holds no records", kind="empty")
        return
    for value, line in _iter_array(text, _skip_ws(text, 0)):
        yield _record_or_error(value, name, line)


def _looks_like_lines(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def read_jsonl(text: str, name: str) -> Iterator[ReadResult]:
    """Records of a JSON Lines document, one per non-blank line, each ``FILE:LINE``.

    A bad line yields an error for that line; the other lines are still read.
    """
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _json_error(name, exc, line_offset=number - 1)
            continue
        except RecursionError:
            yield _too_deep(name, number)
            continue
        yield _record_or_error(data, name, number)
    if not found:
        yield ReadError(name, "the file contains only whitespace", kind="empty")


def _record_or_error(data: Any, name: str, line: int | None) -> ReadResult:
    try:
        return _record(data, name, line)
    except ReadError as err:
        return err

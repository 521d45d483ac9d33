"""Plain-text articles in the outlet's layout, with metadata from front matter or a sidecar.

Title, date and URL are never in the text itself: they come from a ``---`` front
matter block at the top, from ``NAME.json`` next to ``NAME.txt``, or from the
reader options; when none gives them they stay None.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from borderkg.loaders.readers.decode import decode_text, read_file_bytes
from borderkg.loaders.readers.errors import ReadError
from borderkg.loaders.readers.fields import ALIASES, FieldSource, build_record, merge_fields
from borderkg.loaders.record import ArticleRecord

_FENCE = "---"
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*)\s*:(?:\s+(?P<value>.*))?$")
_LIST_ITEM = re.compile(r"^\s*-\s+(?P<item>.*)$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _scalar(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def _value(raw: str) -> Any:
    value = raw.strip()
    if value.startswith("[") and value.endswith("]"):
        return [_scalar(item) for item in value[1:-1].split(",") if item.strip()]
    return _scalar(value) if value else None


def parse_front_matter(text: str, name: str) -> tuple[dict[str, Any], dict[str, int], str]:
    """Split ``---``-fenced ``key: value`` lines off the top of a text.

    Returns the fields, the line of each field and the rest of the text. Supports
    quoted values, ``[a, b]`` lists and ``- item`` block lists (a small subset of
    YAML: enough for metadata, without a YAML dependency). Without a front matter
    block, returns no fields and the text unchanged.
    """
    lines = _LINE_BREAK.split(text)
    if not lines or lines[0].rstrip() != _FENCE:
        return {}, {}, text
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE), None)
    if close is None:
        raise ReadError(
            name, "front matter opened with '---' is never closed", kind="front-matter", line=1
        )
    fields: dict[str, Any] = {}
    where: dict[str, int] = {}
    current: str | None = None
    for index in range(1, close):
        number = index + 1
        line = lines[index].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if item and current is not None and isinstance(fields[current], list | None):
            fields[current] = [*(fields[current] or []), _scalar(item.group("item"))]
            continue
        match = _KEY_VALUE.match(line)
        if not match:
            raise ReadError(
                name,
                f"front matter line is not 'key: value': {line.strip()!r}",
                kind="front-matter",
                line=number,
            )
        key = match.group("key")
        if key in fields:
            raise ReadError(
                name,
                f"front matter key {key!r} appears twice (first on line {where[key]})",
                kind="front-matter",
                line=number,
            )
        fields[key] = _value(match.group("value") or "")
        where[key] = number
        current = key
    return fields, where, "\n".join(lines[close + 1 :])


def sidecar_path(path: Path) -> Path:
    """Where the metadata sidecar of a text file lives: ``NAME.json`` next to ``NAME.txt``."""
    return path.with_suffix(".json")


def read_sidecar(path: Path, max_bytes: int) -> dict[str, Any]:
    """The fields of a sidecar JSON file (one object)."""
    name = str(path)
    text = decode_text(read_file_bytes(path, max_bytes), name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            name, f"malformed JSON: {exc.msg}", kind="json", line=exc.lineno, column=exc.colno
        ) from None
    if not isinstance(data, dict):
        raise ReadError(name, "a sidecar must hold one JSON object", kind="json", line=1)
    return data


def read_text(
    text: str, name: str, *, sidecar: dict[str, Any] | None = None, sidecar_name: str = ""
) -> ArticleRecord:
    """An ArticleRecord from decoded plain text and an optional sidecar's fields.

    Front matter wins over the sidecar field by field; a sidecar's body fields are
    ignored (the text file is the body).
    """
    front, front_lines, body = parse_front_matter(text, name)
    side = {k: v for k, v in (sidecar or {}).items() if k not in ALIASES["body"]}
    fields = merge_fields(side, front)
    origins: dict[str, tuple[str, int | None]] = {
        key: (name, front_lines[key]) if key in front else (sidecar_name, None) for key in fields
    }
    return build_record(
        fields,
        body,
        FieldSource(name, origins=origins),
        source=name,
        no_body="no article text in the file (only front matter, keyword line, caption, "
        "credits or outlet boilerplate)",
    )


def read_text_file(path: Path, max_bytes: int, name: str | None = None) -> ArticleRecord:
    """Read a ``.txt`` article and its sidecar, when there is one."""
    name = name or str(path)
    text = decode_text(read_file_bytes(path, max_bytes, name), name)
    side_path = sidecar_path(path)
    sidecar = read_sidecar(side_path, max_bytes) if side_path.is_file() else None
    return read_text(text, name, sidecar=sidecar, sidecar_name=str(side_path))

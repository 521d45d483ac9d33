"""Metadata fields: aliases, types, dates, and building the ArticleRecord.

JSON records, sidecar files, front matter and reader options all name the same
few fields in different ways; this module is the one place that maps them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dateutil import parser as date_parser

from borderkg.loaders.readers.bylines import author_names
from borderkg.loaders.readers.errors import ReadError
from borderkg.loaders.readers.layout import CleanedBody, clean_body, dedupe
from borderkg.loaders.record import ArticleRecord

#: Canonical field → accepted input names, in order of preference.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid"),
    "url": ("url", "link", "canonical_url"),
    "title": ("title", "headline"),
    "published": (
        "published",
        "date",
        "datePublished",
        "published_at",
        "publication_date",
        "pub_date",
    ),
    "keywords": ("keywords", "tags"),
    "body": ("body", "text", "content", "articleBody"),
    "caption": ("caption",),
    "photo_credit": ("photo_credit", "credit"),
    "authors": ("author", "authors", "byline", "creator"),
    "translator": ("translator",),
    "editor": ("editor",),
    "publisher": ("publisher",),
    "language": ("language", "lang", "inLanguage"),
}
_KNOWN = {name for names in ALIASES.values() for name in names}

_DEFAULT_A = dt.datetime(2001, 1, 1)
_DEFAULT_B = dt.datetime(2002, 2, 2)


def parse_date(value: str) -> dt.date:
    """Publication date of a date or datetime string, as written (no time-zone shift).

    Accepts ISO dates and datetimes, ``March 2, 2021``, ``2 March 2021`` and
    ``2021.03.02``. A value missing its year, month or day raises ValueError rather
    than being completed with today's parts.
    """
    text = value.strip()
    if not text:
        raise ValueError("the date is empty")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        first = date_parser.parse(text, default=_DEFAULT_A)
        second = date_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError) as exc:
        raise ValueError("not a date this reader understands") from exc
    if first.date() != second.date():
        raise ValueError("the date is incomplete (year, month or day missing)")
    return first.date()


@dataclass
class FieldSource:
    """Where a set of fields came from, to locate errors about them."""

    file: str
    line: int | None = None
    #: file and line of single fields that came from elsewhere (sidecar, front matter)
    origins: Mapping[str, tuple[str, int | None]] = dataclasses.field(default_factory=dict)

    def error(self, key: str | None, message: str, kind: str) -> ReadError:
        file, line = self.origins.get(key or "", (self.file, self.line))
        return ReadError(file, message, kind=kind, line=line)


def merge_fields(low: Mapping[str, Any], high: Mapping[str, Any]) -> dict[str, Any]:
    """Fields of ``high`` over those of ``low``, canonical field by canonical field.

    A field ``high`` gives under any alias replaces every alias of it in ``low``
    (front matter ``date`` beats a sidecar's ``published``); names stay as written
    so that errors can name them.
    """
    merged = dict(low)
    for canonical, names in ALIASES.items():
        if pick(high, canonical)[0] is not None:
            for name in names:
                merged.pop(name, None)
    merged.update(high)
    return merged


def pick(fields: Mapping[str, Any], canonical: str) -> tuple[str | None, Any]:
    """The first non-empty alias of a canonical field: ``(input name, value)``."""
    for name in ALIASES[canonical]:
        value = fields.get(name)
        if value is not None and value != "" and value != []:
            return name, value
    return None, None


def _text(value: Any, key: str, where: FieldSource) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        if isinstance(value, Mapping) and isinstance(value.get("name"), str):
            return value["name"].strip() or None  # schema.org style {"name": …}
        kind = type(value).__name__
        raise where.error(key, f"field {key!r} must be text, got {kind} {value!r}", "field")
    return str(value).strip() or None


def _keywords(value: Any, key: str, where: FieldSource) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        message = f"field {key!r} must be a list of strings or a comma-separated string"
        raise where.error(key, message, "field")
    return dedupe(item.strip().lower() for item in items)


def _authors(value: Any, key: str, where: FieldSource) -> tuple[str, ...]:
    """Names of an author field; "By A and B" and "A, B" strings are split into names."""
    try:
        return tuple(author_names(value))
    except ValueError as exc:
        message = (
            f"field {key!r} must be a name, a byline ('By A and B'), an object with a "
            f"'name' or a list of those; {exc}"
        )
        raise where.error(key, message, "field") from None


def _date(value: Any, key: str, where: FieldSource) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise where.error(key, f"date field {key!r} must be text, got {value!r}", "date")
    try:
        return parse_date(value)
    except ValueError as exc:
        message = f"date field {key!r} = {value!r} cannot be parsed: {exc}"
        raise where.error(key, message, "date") from None


def build_record(
    fields: Mapping[str, Any],
    body: str | None,
    where: FieldSource,
    *,
    source: str,
    known_subheadings: tuple[str, ...] = (),
    no_body: str | None = None,
) -> ArticleRecord:
    """An ArticleRecord from metadata fields and a raw body (cleaned here).

    ``body`` None means: take it from the fields (JSON records). Unknown fields go
    to ``extra`` unchanged. Keywords from the fields come first, then any from a
    keyword line at the top of the body.
    """
    if body is None:
        key, body = pick(fields, "body")
        if body is not None and not isinstance(body, str):
            raise where.error(key, f"field {key!r} must be text", "field")
    if body is None or not body.strip():
        names = ", ".join(ALIASES["body"])
        message = no_body or f"record has no body (expected one of the fields {names})"
        raise where.error(None, message, "no-body")
    cleaned: CleanedBody = clean_body(body, known_subheadings=known_subheadings)
    if not cleaned.text:
        message = (
            "no article text left after removing keyword line, caption, credits "
            "and outlet boilerplate"
        )
        raise where.error(None, message, "no-body")

    values: dict[str, Any] = {}
    for canonical in ALIASES:
        if canonical == "body":
            continue
        key, value = pick(fields, canonical)
        label = key or canonical
        if canonical == "published":
            values[canonical] = _date(value, label, where)
        elif canonical == "keywords":
            values[canonical] = _keywords(value, label, where)
        elif canonical == "authors":
            values[canonical] = _authors(value, label, where)
        else:
            values[canonical] = _text(value, label, where)

    # Unknown fields, and aliases shadowed by a preferred one, are kept as read.
    used = {pick(fields, c)[0] for c in ALIASES}
    extra = {
        k: v
        for k, v in fields.items()
        if k not in _KNOWN
        or (k not in used and k not in ALIASES["body"] and v is not None and v not in ("", []))
    }
    return ArticleRecord(
        text=cleaned.text,
        source=source,
        id=values["id"],
        url=values["url"],
        title=values["title"],
        published=values["published"],
        keywords=dedupe([*values["keywords"], *cleaned.keywords]),
        caption=values["caption"] or cleaned.caption,
        photo_credit=values["photo_credit"] or cleaned.photo_credit,
        subheadings=cleaned.subheadings,
        authors=values["authors"],
        translator=values["translator"] or cleaned.translator,
        editor=values["editor"] or cleaned.editor,
        publisher=values["publisher"],
        language=values["language"] or "en",
        extra=extra,
    )

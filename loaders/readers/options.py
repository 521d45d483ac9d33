"""Reader options: metadata overrides from the command line and reading limits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from borderkg.loaders.readers.errors import ReadError
from borderkg.loaders.readers.fields import parse_date
from borderkg.loaders.record import ArticleRecord

FORMATS = ("text", "json", "jsonl", "html")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """What the caller (the CLI's --id/--url/--title/--date …) says about every input.

    Metadata given here overrides what the files say, for every record read with
    these options. ``format`` forces a reader (needed for standard input or an
    unknown extension; sniffed when None). ``max_bytes`` refuses larger inputs.
    """

    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | dt.date | None = None
    publisher: str | None = None
    language: str | None = None
    format: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise ReadError(
                "options",
                f"unknown format {self.format!r} (expected one of {', '.join(FORMATS)})",
                kind="options",
            )
        if self.max_bytes <= 0:
            raise ReadError("options", "max_bytes must be positive", kind="options")
        self.published_date  # noqa: B018  (validate the date once, up front)

    @property
    def published_date(self) -> dt.date | None:
        """The overriding publication date, parsed."""
        if self.published is None:
            return None
        if isinstance(self.published, dt.datetime):
            return self.published.date()
        if isinstance(self.published, dt.date):
            return self.published
        try:
            return parse_date(self.published)
        except ValueError as exc:
            raise ReadError(
                "options", f"date {self.published!r} cannot be parsed: {exc}", kind="options"
            ) from exc

    def apply(self, record: ArticleRecord) -> ArticleRecord:
        """The record with every override that is set."""
        changes = {
            name: value
            for name, value in (
                ("id", self.id),
                ("url", self.url),
                ("title", self.title),
                ("published", self.published_date),
                ("publisher", self.publisher),
                ("language", self.language),
            )
            if value is not None
        }
        return dataclasses.replace(record, **changes) if changes else record

"""What a reader reports when an input cannot become an ArticleRecord."""

from __future__ import annotations

from borderkg.loaders.record import ArticleRecord
from borderkg.sourcelines import location

#: Kinds of read problems; the CLI can count or filter on them.
ERROR_KINDS = frozenset(
    {
        "not-found",  # no such file, or a glob that matches nothing
        "unreadable",  # permission denied, broken symlink, FIFO, device …
        "too-large",  # over ReadOptions.max_bytes
        "extension",  # unknown file extension and no format given
        "skipped",  # a file found in a folder or glob that no reader handles
        "empty",  # empty or whitespace-only input
        "binary",  # NUL bytes: not a text file
        "encoding",  # not valid UTF-8
        "json",  # malformed JSON (or a JSON value that is not a record)
        "front-matter",  # a malformed front-matter block
        "field",  # a metadata field of the wrong type
        "date",  # a publication date that was given but cannot be parsed
        "no-body",  # a record without article text
        "no-main-text",  # an HTML page with no extractable main text
        "duplicate-id",  # same article id as an earlier record, different content
        "duplicate",  # same article id and same content: harmless, reported once
        "options",  # a bad reader option (e.g. an unparseable --date)
    }
)

#: Kinds that do not mean lost data.
WARNING_KINDS = frozenset({"duplicate", "skipped"})


class ReadError(Exception):
    """A problem with one input, located as precisely as the reader knows it.

    It is raised inside the readers and yielded as a value by ``iter_records`` so
    that one bad input never stops the others. ``str(err)`` gives the usual
    ``FILE:LINE:COLUMN: message`` form a person (and an editor) can follow.
    """

    def __init__(
        self,
        file: str,
        message: str,
        *,
        kind: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown ReadError kind {kind!r}")
        super().__init__(message)
        self.file = file
        self.message = message
        self.kind = kind
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need this for pickling (multiprocessing, caches).
        return (_rebuild, (self.file, self.message, self.kind, self.line, self.column))

    @property
    def is_warning(self) -> bool:
        """True when nothing was lost (an identical duplicate, a skipped non-article file)."""
        return self.kind in WARNING_KINDS

    @property
    def location(self) -> str:
        """``FILE``, ``FILE:LINE`` or ``FILE:LINE:COLUMN``."""
        return location(self.file, self.line, self.column)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def __repr__(self) -> str:
        return f"ReadError({self.location!r}, {self.message!r}, kind={self.kind!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReadError):
            return NotImplemented
        return (self.file, self.line, self.column, self.kind, self.message) == (
            other.file,
            other.line,
            other.column,
            other.kind,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.file, self.line, self.column, self.kind, self.message))


def _rebuild(file: str, message: str, kind: str, line: int | None, column: int | None) -> ReadError:
    return ReadError(file, message, kind=kind, line=line, column=column)


#: What reading one input yields: a record, or the reason there is none.
ReadResult = ArticleRecord | ReadError

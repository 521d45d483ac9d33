"""Readers: article files (plain text, JSON, JSON Lines, saved HTML) in, ArticleRecords out.

The entry point is :func:`iter_records`; each result is an
:class:`~borderkg.loaders.record.ArticleRecord` or a :class:`ReadError`.
"""

from __future__ import annotations

from borderkg.loaders.readers.errors import ReadError, ReadResult
from borderkg.loaders.readers.fields import parse_date
from borderkg.loaders.readers.html import read_html
from borderkg.loaders.readers.jsonrec import read_json, read_jsonl
from borderkg.loaders.readers.layout import CleanedBody, clean_body
from borderkg.loaders.readers.normalize import normalize_text
from borderkg.loaders.readers.options import DEFAULT_MAX_BYTES, FORMATS, ReadOptions
from borderkg.loaders.readers.sources import (
    EXTENSIONS,
    iter_records,
    read_path,
    read_stream,
    sniff_format,
)
from borderkg.loaders.readers.text import read_text, read_text_file

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "FORMATS",
    "CleanedBody",
    "ReadError",
    "ReadOptions",
    "ReadResult",
    "clean_body",
    "iter_records",
    "normalize_text",
    "parse_date",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_path",
    "read_stream",
    "read_text",
    "read_text_file",
    "sniff_format",
]

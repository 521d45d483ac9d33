"""Normalisation of article text: the form every evidence offset refers to."""

from __future__ import annotations

import re
import unicodedata

_BLANK_RUN = re.compile(r"\n{3,}")
_BOM = "\ufeff"


def normalize_text(text: str) -> str:
    """Normalise text as the ArticleRecord contract requires.

    NFC; ``\\r\\n`` and ``\\r`` become ``\\n``; byte-order marks are dropped; trailing
    whitespace (including U+00A0) is stripped from every line; runs of blank lines
    collapse to one; leading and trailing blank lines go. Quotes, brackets and inner
    spacing are kept as they are, so offsets point into what the reader sees.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(_BOM, "")
    # str.rstrip() also strips U+00A0 and the other Unicode spaces.
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")


def split_blocks(text: str) -> list[str]:
    """Split normalised text into its blank-line separated blocks (paragraphs)."""
    return [block for block in text.split("\n\n") if block]


def join_blocks(blocks: list[str]) -> str:
    """Join paragraphs with exactly one blank line, re-normalising the result."""
    return normalize_text("\n\n".join(block for block in blocks if block.strip()))

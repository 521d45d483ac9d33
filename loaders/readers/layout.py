"""The outlet's article layout: keyword line, caption, body, subheadings, credits.

Every reader (plain text, JSON body, HTML main text) sends its body through
``clean_body`` so the stored text is the same whatever the input format was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from borderkg.loaders.readers.boilerplate import (
    is_boilerplate,
    is_read_in_korean,
    is_tip_line,
    parse_credits,
)
from borderkg.loaders.readers.normalize import join_blocks, normalize_text, split_blocks

_KEYWORD_SPLIT = re.compile(r"\s*[,;]\s*|(?<=[^\W\d_]{2})\.\s+")
_KEYWORD = re.compile(r"^[^\W_][\w '\u2019&/+.-]*$")
_CAPTION = re.compile(r"^(?P<caption>.*?)\s*\((?P<credit>[^()]{1,80})\)$")
_CREDIT_LABEL = re.compile(r"^(?:photo|image|picture|graphic)(?:\s+credit)?\s*[:：]\s*", re.I)
_SENTENCE_END = tuple(".!?:;,…\"”’'")
_TRAILING_ZONE = 4  # how many final paragraphs count as the outlet's footer zone
_QUESTION_WORDS = 8  # a subheading that asks a question is at most this long


@dataclass
class CleanedBody:
    """The body of one article split into what it is made of."""

    text: str
    keywords: list[str] = field(default_factory=list)
    caption: str | None = None
    photo_credit: str | None = None
    subheadings: list[str] = field(default_factory=list)
    translator: str | None = None
    editor: str | None = None


def parse_keyword_line(line: str) -> list[str] | None:
    """Keywords of a keyword line (``"smuggling, trade. sanctions"``), None if it is not one.

    A keyword line is lower-case, short items separated by commas (the last one
    sometimes after a period), with no sentence-like item.
    """
    text = line.strip()
    if not text or len(text) > 300 or text != text.lower() or not any(c.isalpha() for c in text):
        return None
    if text.endswith(".") and "," not in text:
        return None
    items = [item.strip().rstrip(".") for item in _KEYWORD_SPLIT.split(text)]
    items = [item for item in items if item]
    if not items:
        return None
    max_words = 3 if len(items) == 1 else 5
    for item in items:
        if len(item) > 40 or len(item.split()) > max_words or not _KEYWORD.match(item):
            return None
    return dedupe(items)


def dedupe(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats or empties."""
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def parse_caption(line: str) -> tuple[str | None, str] | None:
    """``(caption, credit)`` of a caption line ending in a parenthesised credit, else None."""
    text = line.strip()
    match = _CAPTION.match(text)
    if not match or len(text) > 400:
        return None
    credit = _CREDIT_LABEL.sub("", match.group("credit").strip()).strip()
    if not credit or not (credit[0].isupper() or credit[0].isdigit()):
        return None
    if len(credit.split()) > 8 or credit.endswith("."):
        return None
    caption = match.group("caption").strip() or None
    return caption, credit


_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'"}


def _is_quoted_heading(block: str) -> bool:
    """A pull quote standing as a heading (‘They will all be sent back’).

    The words inside the quote marks end without punctuation; a quoted sentence of the
    body ends with its own period or comma inside the marks.
    """
    close = _QUOTES.get(block[0])
    if close is None or len(block) < 3 or not block.endswith(close):
        return False
    inner = block[1:-1].strip()
    return (
        bool(inner)
        and close not in inner
        and not inner.endswith(_SENTENCE_END)
        and (inner[0].isupper() or inner[0].isdigit())
    )


def _ends_with_quoted_words(block: str) -> bool:
    """A heading ending in quoted words (Clams and crab “relabelled”): the quote opens after
    a space, and neither the quoted words nor what comes before them end a sentence."""
    for opening, close in _QUOTES.items():
        if not block.endswith(close) or len(block) < 4:
            continue
        start = block.rfind(" " + opening, 0, len(block) - 1)
        if start < 0:
            continue
        inner = block[start + 2 : -1].strip()
        return (
            bool(inner)
            and not inner.endswith(_SENTENCE_END)
            and not any(mark in block[:start] for mark in ".!?;:")
        )
    return False


def _is_subheading(block: str) -> bool:
    if "\n" in block or len(block) > 100 or len(block.split()) > 12:
        return False
    if block.startswith(tuple(_QUOTES)):
        return _is_quoted_heading(block)
    if block.startswith(("(", "[")):
        return False
    # A short question alone on its line ("Manpo next?") heads a section too; a sentence
    # of the body never stands alone so short.
    question = block.endswith("?") and len(block.split()) <= _QUESTION_WORDS
    if question and any(mark in block[:-1] for mark in ".!?;:"):
        return False
    if block.endswith(_SENTENCE_END) and not (question or _ends_with_quoted_words(block)):
        return False
    first = block[0]
    return first.isupper() or first.isdigit()


def _take_head(blocks: list[list[str]], result: CleanedBody) -> list[list[str]]:
    """Remove the keyword line and the caption from the start of the body."""
    if not blocks:
        return blocks
    blocks = [list(lines) for lines in blocks]
    had_keywords = False
    keywords = parse_keyword_line(blocks[0][0])
    if keywords is not None and (len(blocks[0]) > 1 or len(blocks) > 1):
        result.keywords = keywords
        had_keywords = True
        blocks[0] = blocks[0][1:]
        if not blocks[0]:
            blocks = blocks[1:]
    if not blocks:
        return blocks
    head = blocks[0]
    # A caption is a single line ending in a parenthesised credit. Without a keyword
    # line above it, it must also stand alone, so that a body paragraph whose first
    # wrapped line ends in parentheses is not taken for one.
    if len(head) == 1 or had_keywords:
        found = parse_caption(head[0])
        if found is not None and (len(blocks) > 1 or len(head) > 1):
            result.caption, result.photo_credit = found
            blocks[0] = head[1:]
            if not blocks[0]:
                blocks = blocks[1:]
    return blocks


def _footer_zone(blocks: list[list[str]]) -> int:
    """Index of the first block of the footer zone: the credits line or the last few blocks."""
    zone = max(len(blocks) - _TRAILING_ZONE, 0)
    for index, lines in enumerate(blocks):
        if any(parse_credits(line) for line in lines):
            return min(zone, index)
    return zone


def _strip_lines(blocks: list[list[str]], result: CleanedBody) -> list[tuple[str, bool]]:
    """Drop credits, "Read in Korean" and tip lines wherever they stand on a line.

    Returns the remaining paragraphs, each with whether it lies in the footer zone.
    """
    zone = _footer_zone(blocks)
    kept: list[tuple[str, bool]] = []
    for index, lines in enumerate(blocks):
        remaining = []
        for line in lines:
            credits = parse_credits(line)
            if credits is not None:
                if result.translator is None and result.editor is None:
                    result.translator, result.editor = credits.translator, credits.editor
                continue
            if is_read_in_korean(line) or (len(lines) == 1 and is_tip_line(line)):
                continue
            remaining.append(line)
        if remaining:
            kept.append(("\n".join(remaining), index >= zone))
    return kept


def clean_body(raw: str, *, known_subheadings: Iterable[str] = ()) -> CleanedBody:
    """Split a raw article body into normalised text and its layout parts.

    ``known_subheadings`` are headings the input marked as such (HTML ``<h2>``);
    others are recognised as short one-line paragraphs without a final period (or short
    questions, ``Manpo next?``) that stand between two paragraphs. Subheadings stay in the text as their own
    paragraph and are also listed.
    """
    result = CleanedBody(text="")
    blocks = [block.split("\n") for block in split_blocks(normalize_text(raw))]
    blocks = _take_head(blocks, result)
    paragraphs = [
        text
        for text, trailing in _strip_lines(blocks, result)
        if not is_boilerplate(text, trailing=trailing)
    ]
    known = {unicodedata.normalize("NFC", h).strip() for h in known_subheadings}
    last = len(paragraphs) - 1
    result.subheadings = dedupe(
        p for i, p in enumerate(paragraphs) if p in known or (0 < i < last and _is_subheading(p))
    )
    result.text = join_blocks(paragraphs)
    return result

"""Quotations: words printed in quotation marks, with the speaker of their sentence.

Curly and straight quotes are paired within a paragraph; a quote left open at the end of a
paragraph runs to its end (the next paragraph may continue it, as newspapers print long
quotes). Short quoted phrases ("scare quotes") are not quotations. A quotation takes the
speaker of the sentence that closes or opens it, else the previous quotation's speaker in
the same paragraph or the one it continues.
"""

from __future__ import annotations

import bisect
import re

from .model import Quotation, Span

_MARKS = re.compile('[\u201c\u201d"]')


def find_quotations(text: str, sentences: list[Span], speakers: dict[int, str]) -> list[Quotation]:
    """Quotations of the article in text order, numbered ``quote-1``…"""
    starts = [s.begin for s in sentences]
    out: list[Quotation] = []
    previous: Quotation | None = None
    for begin, end, continued in _quote_spans(text):
        inner = text[begin:end]
        n_words = len(inner.split())
        if n_words < 4 or (n_words < 6 and inner[-1] not in ".,?!;:"):
            continue  # scare quotes and quoted phrases, not quotations
        first = max(0, bisect.bisect_right(starts, begin) - 1)
        last = max(0, bisect.bisect_right(starts, max(begin, end - 1)) - 1)
        speaker = speakers.get(last) or speakers.get(first)
        if speaker is None and previous is not None:
            same_paragraph = "\n\n" not in text[previous.span.end : begin]
            if same_paragraph or continued:
                speaker = previous.attributed_to
        quote = Quotation(
            local=f"quote-{len(out) + 1}",
            span=Span(begin, end),
            text=inner,
            sentence=first,
            attributed_to=speaker,
            evidence=_per_sentence(text, begin, end, sentences[first : last + 1]),
        )
        out.append(quote)
        previous = quote
    return out


def _per_sentence(text: str, begin: int, end: int, sentences: list[Span]) -> list[Span]:
    """The quoted words cut at sentence ends, so each piece lies in one sentence."""
    pieces: list[Span] = []
    for sent in sentences:
        b, e = max(begin, sent.begin), min(end, sent.end)
        while b < e and text[b].isspace():
            b += 1
        while e > b and text[e - 1].isspace():
            e -= 1
        if b < e:
            pieces.append(Span(b, e))
    return pieces or [Span(begin, end)]


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """``(begin, end, continues_previous)`` of the inner text of each quotation."""
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for paragraph in text.split("\n\n"):
        start: int | None = None
        opened_by = ""
        continued = bool(paragraph[:1] in '\u201c"' and out and out[-1][1] <= pos)
        for mark in _MARKS.finditer(paragraph):  # only quotation marks open or close one
            i, ch = mark.start(), mark.group()
            if start is None and ch in '\u201c"':
                start, opened_by = i + 1, ch
            elif start is not None and (
                (ch == "\u201d" and opened_by == "\u201c") or (ch == '"' and opened_by == '"')
            ):
                _add(out, pos + start, pos + i, text, continued)
                start = None
                continued = False
        if start is not None:
            _add(out, pos + start, pos + len(paragraph), text, continued)
        pos += len(paragraph) + 2
    return out


def _add(out: list[tuple[int, int, bool]], begin: int, end: int, text: str, cont: bool) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        out.append((begin, end, cont))

"""An article's text as HTML with every evidence span marked, nested or overlapping.

Spans are code-point offsets into the stored text (Python ``str`` indices, as in
docs/data-model.md). HTML elements must nest, but evidence spans may overlap without
nesting (a sentence and a phrase that runs past its end), so the text is cut at every span
boundary and each piece is wrapped in the spans covering it, outermost first. A span that
has to be closed early to keep the nesting valid is reopened as a continuation: every
element of one span carries the same ``data-span`` name, and only its first piece carries
the ``id``, so ``#char=120,148`` links land on the start of the span.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise


@dataclass(frozen=True)
class Span:
    """One span to mark: ``text[begin:end]``, its fragment name, CSS classes and a tooltip."""

    begin: int
    end: int
    name: str
    classes: tuple[str, ...] = ()
    title: str = ""
    attrs: tuple[tuple[str, str], ...] = field(default=())

    def order(self) -> tuple[int, int, str]:
        """Outer spans first: earlier start, then longer, then by name (deterministic)."""
        return (self.begin, -self.end, self.name)


def _open_tag(span: Span, first: bool) -> str:
    classes = " ".join(("ev", *span.classes, *(() if first else ("ev-cont",))))
    parts = [f'<span class="{escape(classes)}" data-span="{escape(span.name)}"']
    if first:
        parts.append(f' id="{escape(span.name)}"')
        if span.title:
            parts.append(f' title="{escape(span.title)}"')
    for key, value in span.attrs:
        parts.append(f' {escape(key)}="{escape(value)}"')
    parts.append(">")
    return "".join(parts)


def valid_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """The spans that fit the text (0 ≤ begin < end ≤ len), each name once, outermost first."""
    seen: set[str] = set()
    kept = []
    for span in sorted(spans, key=Span.order):
        if 0 <= span.begin < span.end <= len(text) and span.name not in seen:
            seen.add(span.name)
            kept.append(span)
    return kept


def highlight_html(text: str, spans: Iterable[Span]) -> str:
    """``text`` escaped for HTML, with each span wrapped in ``<span class="ev …">`` elements.

    The result has exactly the characters of ``text`` (escaped) in order, so a container
    with ``white-space: pre-wrap`` shows paragraphs as they are stored.
    """
    marked = valid_spans(text, spans)
    bounds = sorted({0, len(text), *(s.begin for s in marked), *(s.end for s in marked)})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[str] = set()
    for start, stop in pairwise(bounds):
        wanted = [s for s in marked if s.begin <= start and stop <= s.end]
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend("</span>" for _ in stack[keep:])
        del stack[keep:]
        for span in wanted[keep:]:
            out.append(_open_tag(span, span.name not in opened))
            opened.add(span.name)
            stack.append(span)
        out.append(escape(text[start:stop], quote=False))
    out.extend("</span>" for _ in stack)
    return "".join(out)

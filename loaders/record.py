"""The article record: what every reader produces and the extractor consumes."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

#: Metadata fields whose absence is recorded (``bkg:missingMetadata``), never invented.
TRACKED_METADATA = ("headline", "datePublished", "url")


@dataclass
class ArticleRecord:
    """One article as read from a file, before extraction.

    ``text`` is the normalised body that all evidence offsets refer to: NFC, ``\\n`` line
    ends, paragraphs and subheadings separated by one blank line, trailing spaces and
    U+00A0 stripped from each line, no keyword line, caption, credits line or outlet
    boilerplate. Offsets into it are Python ``str`` indices (Unicode code points).
    """

    text: str
    source: str  # the file it came from; "FILE:LINE" for a JSON Lines record
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    keywords: list[str] = field(default_factory=list)
    caption: str | None = None
    photo_credit: str | None = None
    subheadings: list[str] = field(default_factory=list)
    #: bylines as printed, one name each; persons or not is decided in the RDF (loaders.rdf)
    authors: tuple[str, ...] = ()
    translator: str | None = None
    editor: str | None = None
    publisher: str | None = None
    language: str = "en"
    extra: dict[str, Any] = field(default_factory=dict)  # unknown input fields, kept as read
    #: the name ``source`` is published under (``bkg:sourceFile``) when it differs: a load
    #: never publishes the absolute path it read from (``borderkg.sourcenames``)
    source_name: str | None = None

    @property
    def missing(self) -> list[str]:
        """Names of tracked metadata fields the input did not give."""
        present = {
            "headline": self.title,
            "datePublished": self.published,
            "url": self.url,
        }
        return [name for name in TRACKED_METADATA if not present[name]]

    def content_hash(self) -> str:
        """SHA-256 over the text and the metadata that shapes the article's graph.

        Authors count in any order (the graph does not encode it) and only when there are
        some, so the hash of a record without authors is what it was before they were read.
        """
        h = hashlib.sha256()
        authors = ("\x1f".join(sorted(set(self.authors))),) if self.authors else ()
        for part in (
            self.text,
            self.id or "",
            self.url or "",
            self.title or "",
            self.published.isoformat() if self.published else "",
            "\x1f".join(self.keywords),
            self.caption or "",
            self.photo_credit or "",
            self.translator or "",
            self.editor or "",
            self.publisher or "",
            self.language,
            *authors,
        ):
            h.update(part.encode("utf-8"))
            h.update(b"\x1e")
        return h.hexdigest()

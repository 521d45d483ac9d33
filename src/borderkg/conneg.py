"""Content negotiation: parse ``Accept`` (q-values, wildcards, parameters) and pick a format.

Two families of formats: query *results* (``SELECT`` / ``ASK``) and RDF *graphs*
(``CONSTRUCT`` / ``DESCRIBE``, Linked Data pages). Each family has canonical media types,
the names :mod:`borderkg.queryworker` serializes to, and a few aliases clients send
(``application/json`` for SPARQL JSON results or JSON-LD, ``application/xml`` …).

Matching follows RFC 9110: the most specific media range that matches an offered type
gives its quality (``text/turtle`` over ``text/*`` over ``*/*``); ``q=0`` refuses; among
equal qualities the server's order of preference wins. Media-range parameters other than
``q`` (``charset``, ``profile`` …) are accepted but do not restrict the match: every format
here is UTF-8, and refusing ``application/ld+json;profile=…`` would surprise clients more
than serving the JSON-LD we have.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"
TRIG = "application/trig"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"

#: Canonical media types of query results, in the server's order of preference.
RESULT_TYPES: tuple[str, ...] = (JSON_RESULTS, XML_RESULTS, CSV, TSV)
#: Canonical media types of RDF graphs, in the server's order of preference.
GRAPH_TYPES: tuple[str, ...] = (TURTLE, NTRIPLES, NQUADS, TRIG, JSONLD, RDFXML)

#: Aliases clients send, per family: alias -> canonical media type.
RESULT_ALIASES: dict[str, str] = {
    "application/json": JSON_RESULTS,
    "application/xml": XML_RESULTS,
    "text/xml": XML_RESULTS,
}
GRAPH_ALIASES: dict[str, str] = {
    "application/x-turtle": TURTLE,
    "application/turtle": TURTLE,
    "text/n3": TURTLE,  # Turtle is a subset of N3
    "text/plain": NTRIPLES,  # the historical N-Triples type
    "application/json": JSONLD,
    "application/xml": RDFXML,
    "application/x-trig": TRIG,
}

#: The ``format=`` request parameter: short name -> canonical media type.
FORMAT_PARAM: dict[str, str] = {
    "json": JSON_RESULTS,
    "xml": XML_RESULTS,
    "csv": CSV,
    "tsv": TSV,
    "turtle": TURTLE,
    "ttl": TURTLE,
    "ntriples": NTRIPLES,
    "nt": NTRIPLES,
    "nquads": NQUADS,
    "nq": NQUADS,
    "trig": TRIG,
    "jsonld": JSONLD,
    "json-ld": JSONLD,
    "rdfxml": RDFXML,
    "rdf": RDFXML,
}
#: Canonical media type -> the format name the query worker serializes to.
FORMAT_NAMES: dict[str, str] = {
    JSON_RESULTS: "json",
    XML_RESULTS: "xml",
    CSV: "csv",
    TSV: "tsv",
    TURTLE: "turtle",
    NTRIPLES: "ntriples",
    NQUADS: "nquads",
    TRIG: "trig",
    JSONLD: "jsonld",
    RDFXML: "rdfxml",
}
#: The ``Content-Type`` to send for each canonical media type.
CONTENT_TYPES: dict[str, str] = {
    JSON_RESULTS: JSON_RESULTS + "; charset=utf-8",
    XML_RESULTS: XML_RESULTS + "; charset=utf-8",
    CSV: CSV + "; charset=utf-8",
    TSV: TSV + "; charset=utf-8",
    TURTLE: TURTLE + "; charset=utf-8",
    NTRIPLES: NTRIPLES + "; charset=utf-8",
    NQUADS: NQUADS + "; charset=utf-8",
    TRIG: TRIG + "; charset=utf-8",
    JSONLD: JSONLD + "; charset=utf-8",
    RDFXML: RDFXML + "; charset=utf-8",
}


@dataclass(frozen=True)
class MediaRange:
    """One element of an ``Accept`` header."""

    type: str
    subtype: str
    q: float
    params: tuple[tuple[str, str], ...] = ()

    def matches(self, media_type: str) -> bool:
        """Whether this range covers ``media_type`` (``type/subtype``, lower case)."""
        if self.type == "*":
            return True
        main, _, sub = media_type.partition("/")
        return self.type == main and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``."""
        return 0 if self.type == "*" else 1 if self.subtype == "*" else 2


def _split_params(text: str) -> list[str]:
    """Split on ``;`` outside double quotes."""
    parts, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _quality(value: str) -> float | None:
    try:
        q = float(value)
    except ValueError:
        return None
    return q if 0.0 <= q <= 1.0 else None


@lru_cache(maxsize=256)
def parse_accept(header: str) -> tuple[MediaRange, ...]:
    """The media ranges of an ``Accept`` header; malformed elements are skipped."""
    ranges = []
    for element in header.split(","):
        pieces = _split_params(element)
        media = pieces[0].strip().lower()
        main, slash, sub = media.partition("/")
        if not slash or not main or not sub or (main == "*" and sub != "*"):
            continue
        q: float | None = 1.0
        params = []
        for piece in pieces[1:]:
            name, _, value = piece.strip().partition("=")
            name, value = name.strip().lower(), value.strip().strip('"')
            if name == "q":
                q = _quality(value)
                break  # what follows q are accept-extensions, not media-type parameters
            if name:
                params.append((name, value))
        if q is not None:
            ranges.append(MediaRange(main, sub, q, tuple(params)))
    return tuple(ranges)


def quality(ranges: tuple[MediaRange, ...], media_type: str) -> float:
    """The quality ``ranges`` give ``media_type``: that of the most specific match, or 0."""
    best: MediaRange | None = None
    for media_range in ranges:
        if media_range.matches(media_type) and (
            best is None or media_range.specificity > best.specificity
        ):
            best = media_range
    return best.q if best is not None else 0.0


def choose(accept: str | None, offered: list[str] | tuple[str, ...]) -> str | None:
    """The offered media type the client prefers, or ``None`` if none is acceptable (406).

    ``offered`` is in the server's order of preference, which breaks ties; an absent or
    empty ``Accept`` accepts anything, so the first offered type is chosen.
    """
    if not offered:
        return None
    if accept is None or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]  # nothing parsable: as if there were no Accept header
    best, best_q = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type.lower())
        if q > best_q:
            best, best_q = media_type, q
    return best


def _family(family: str) -> tuple[tuple[str, ...], dict[str, str]]:
    if family == "results":
        return RESULT_TYPES, RESULT_ALIASES
    if family == "graph":
        return GRAPH_TYPES, GRAPH_ALIASES
    raise ValueError(f"unknown format family {family!r}: use 'results' or 'graph'")


def negotiate(accept: str | None, family: str, format_param: str | None = None) -> str | None:
    """The canonical media type to answer with, for ``family`` ``"results"`` or ``"graph"``.

    ``format_param`` (the ``format=`` request parameter: a short name from
    :data:`FORMAT_PARAM` or a media type) takes precedence over ``Accept``. ``None`` means
    nothing acceptable can be produced: answer 406.
    """
    canonical, aliases = _family(family)
    if format_param:
        wanted = format_param.strip().lower()
        wanted = FORMAT_PARAM.get(wanted, wanted).split(";")[0].strip()
        wanted = aliases.get(wanted, wanted)
        return wanted if wanted in canonical else None
    offered = (*canonical, *aliases)
    chosen = choose(accept, offered)
    return aliases.get(chosen, chosen) if chosen is not None else None


def family_of(media_type: str) -> str | None:
    """``"results"`` or ``"graph"`` for a canonical media type, else ``None``."""
    if media_type in RESULT_TYPES:
        return "results"
    if media_type in GRAPH_TYPES:
        return "graph"
    return None

"""How the project mints IRIs (see docs/data-model.md): one place, so every writer agrees."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from rdflib import URIRef

from borderkg.ontology.namespaces import ACTOR, ARTICLE, GRAPH, LEGAL, PLACE

_NON_SLUG = re.compile(r"[^a-z0-9]+")

#: IRI prefixes as plain strings, for writers that build N-Triples text without term objects.
PLACE_BASE = str(PLACE)
ACTOR_BASE = str(ACTOR)
LEGAL_BASE = str(LEGAL)
ARTICLE_BASE = str(ARTICLE)
GRAPH_BASE = str(GRAPH)


def slugify(label: str) -> str:
    """Lower-case ASCII slug of a label: ``"Ch'ŏngjin City"`` → ``"chongjin-city"``."""
    ascii_text = (
        unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    )
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if not slug:
        # A label with no ASCII letters (e.g. Hangul only) still needs a stable slug.
        slug = "x-" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:12]
    return slug


def place_iri(slug: str) -> URIRef:
    """IRI of a place (curated or found by a pattern)."""
    return URIRef(PLACE_BASE + slug)


def actor_iri(slug: str) -> URIRef:
    """IRI of a state, organisation, collective actor or public figure."""
    return URIRef(ACTOR_BASE + slug)


def legal_iri(slug: str) -> URIRef:
    """IRI of a legal instrument; ``slug`` may carry a provision part (``x/art_33``)."""
    return URIRef(LEGAL_BASE + slug)


def provision_iri(instrument: URIRef, number: str, paragraph: str | None = None) -> URIRef:
    """Akoma Ntoso-style IRI of a provision: ``…/art_33`` or ``…/art_33__para_1``."""
    local = "art_" + _NON_SLUG.sub("_", number.lower()).strip("_")
    if paragraph:
        local += "__para_" + _NON_SLUG.sub("_", paragraph.lower()).strip("_")
    return URIRef(f"{instrument}/{local}")


def article_id(record_id: str | None, url: str | None, text: str) -> str:
    """Stable article id: the record's id, else one derived from its URL, else a text hash."""
    if record_id and record_id.strip():
        return slugify(record_id.strip())
    if url and url.strip():
        parts = urlsplit(url.strip())
        path = (parts.netloc + parts.path + ("?" + parts.query if parts.query else "")).rstrip("/")
        return slugify(path)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_iri(art_id: str) -> URIRef:
    """IRI of an article."""
    return URIRef(ARTICLE_BASE + art_id)


def article_graph_iri(art_id: str) -> URIRef:
    """IRI of the named graph that holds everything extracted from one article."""
    return URIRef(GRAPH_BASE + "article/" + art_id)


def article_node(art_id: str, local: str) -> URIRef:
    """IRI of a per-article node (``#text``, ``#source-1``, ``#policy-2`` …)."""
    return URIRef(f"{ARTICLE_BASE}{art_id}#{local}")


def span_iri(art_id: str, begin: int, end: int) -> URIRef:
    """NIF-style IRI of a span of an article's text."""
    return article_node(art_id, f"char={begin},{end}")

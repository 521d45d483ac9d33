"""``/api/search``: full-text search over articles and entities as JSON.

``GET /api/search?q=WORDS[&kind=article|entity][&limit=N][&offset=N]`` answers
``{"query", "kind", "limit", "offset", "total", "hits": [...]}``; each hit has ``kind``,
``iri``, ``label``, ``snippet`` (HTML: text escaped, matches in ``<mark>``), ``score``,
``date``, ``types`` and ``href``, the page on this server for the hit's IRI. Bad parameters
get the one JSON error shape (400); a missing index 503. An ``offset`` past the last hit is
not an error (``hits`` is empty, ``total`` says how many there are); one beyond
:data:`MAX_OFFSET` is. The HTML search page (``api/ui.py``) applies the same rules through
:func:`int_param`.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from borderkg.api.errors import ApiError
from borderkg.api.services import services
from borderkg.ldpaths import href
from borderkg.search import KINDS, SearchIndexError

bp = Blueprint("searchapi", __name__)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
#: The deepest result offset a search may ask for.
MAX_OFFSET = 10_000


def int_param(name: str, default: int, low: int, high: int) -> int:
    """The whole-number request parameter ``name`` (``default`` when absent or empty);
    :class:`ApiError` 400 when it is not a number or not in ``low``…``high``."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(
            400, "bad-parameter", f"{name} must be a whole number, not {raw[:50]!r}."
        ) from None
    if not low <= value <= high:
        raise ApiError(400, "bad-parameter", f"{name} must be between {low} and {high}.")
    return value


@bp.get("/api/search")
def search() -> Response:
    """Search hits as JSON, best first."""
    if len(request.args.getlist("q")) > 1:
        raise ApiError(400, "bad-parameter", "Give the q parameter once.")
    q = request.args.get("q", "").strip()
    if not q:
        raise ApiError(400, "missing-parameter", "Give the words to search for in q.")
    kind = request.args.get("kind", "").strip() or None
    if kind is not None and kind not in KINDS:
        raise ApiError(
            400, "bad-parameter", f"kind must be one of {', '.join(KINDS)} (or absent for both)."
        )
    limit = int_param("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = int_param("offset", 0, 0, MAX_OFFSET)
    index = services().search
    try:
        hits = index.search(q, kind=kind, limit=limit, offset=offset)
        total = index.count(q, kind=kind)
    except SearchIndexError as exc:
        raise ApiError(503, "search-unavailable", str(exc)) from None
    return jsonify(
        {
            "query": q,
            "kind": kind,
            "limit": limit,
            "offset": offset,
            "total": total,
            "hits": [{**hit.as_dict(), "href": href(hit.iri)} for hit in hits],
        }
    )

"""``/sparql``: the SPARQL 1.1 Protocol query operation, the service description and CORS.

The view parses the request (GET ``?query=``, POST form, POST ``application/sparql-query``,
``default-graph-uri`` / ``named-graph-uri``, ``timeout``, ``format``), negotiates the result
format and hands the query to the query pool; the response streams the pool's spooled,
already-serialized result. No query logic lives here.

Kept lean because it is the hot path: parameters are parsed straight from the WSGI environ
(strict UTF-8), nothing is imported per request, rdflib is never touched.

Response headers of note (documented in docs/serving.md):
``BorderKG-Result-Cap: N`` and ``Warning: 199 borderkg "result capped at N rows"`` when the
result was cut at the configured cap; ``Retry-After`` on 503; ``Vary: Accept``;
``Access-Control-Allow-Origin: *`` (CORS is on this URL only).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from flask import Blueprint, Response, redirect, request

from borderkg import conneg, querytext
from borderkg.api.errors import ApiError
from borderkg.api.sdesc import service_description
from borderkg.api.services import services
from borderkg.querypool import QueryError

bp = Blueprint("sparql", __name__)

#: Methods of the query URL; anything else is 405 with this list in ``Allow``.
METHODS = "GET, HEAD, POST, OPTIONS"
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
CAP_HEADER = "BorderKG-Result-Cap"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": f"{CAP_HEADER}, Warning, Retry-After, Content-Type",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, Content-Type, Cache-Control, "
    "X-Requested-With",
    "Access-Control-Max-Age": "86400",
    "Allow": METHODS,
}
#: Longest parameter text whose parsing is cached (bounds the cache's memory).
_CACHED_PARAMS_LENGTH = 4096
_UTF8 = ("utf-8", "utf8", "us-ascii", "ascii")
_UPDATE_HINT = (
    "This is the query URL, which never runs updates: send SPARQL Update to /update "
    "(POST, with the API token)."
)
#: ``format=`` names that mean a graph format for CONSTRUCT/DESCRIBE (as SPARQLWrapper sends).
_GRAPH_NAMES = {"xml": "rdfxml", "rdf+xml": "rdfxml", "json": "jsonld", "n3": "turtle"}
_SD_OFFER = (*conneg.GRAPH_TYPES, *conneg.GRAPH_ALIASES, "text/html")  # */* → Turtle


_RESULT_HEADERS = [*CORS_HEADERS.items(), ("Vary", "Accept")]


@bp.after_request
def _cors(response: Response) -> Response:
    """CORS on every answer of the query URL (errors included, so browsers can read them);
    results carry the headers from the start."""
    if "Access-Control-Allow-Origin" not in response.headers:
        response.headers.extend(_RESULT_HEADERS)
    return response


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"], provide_automatic_options=False)
def sparql() -> Response:
    """One SPARQL protocol query request (see the module docstring)."""
    method = request.method
    if method == "OPTIONS":
        return Response(status=204, headers=PREFLIGHT_HEADERS)
    params = _parse(request.environ.get("QUERY_STRING", ""), "URL")
    query = _post_body(params) if method == "POST" else None
    for name, _ in params:
        if name == "update":
            raise ApiError(400, "update-on-query-url", _UPDATE_HINT)
    queries = [value for name, value in params if name == "query"]
    if query is not None:
        queries.append(query)
    if len(queries) > 1:
        raise ApiError(
            400,
            "multiple-queries",
            f"The request has {len(queries)} queries; send exactly one `query` parameter.",
        )
    if not queries:
        return _no_query(method)
    return _run(queries[0], params)


def _endpoint_url(environ: dict[str, Any]) -> str:
    """This endpoint's URL, the base IRI of relative IRIs in queries (cheaper than
    ``request.base_url``, which re-encodes the whole URL on every request)."""
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return f"{environ['wsgi.url_scheme']}://{host}{path}"


def _run(query: str, params: list[tuple[str, str]]) -> Response:
    default_graphs = [v for k, v in params if k == "default-graph-uri"]
    named_graphs = [v for k, v in params if k == "named-graph-uri"]
    timeout = _timeout(params)
    info = querytext.inspect(query)
    if info.form == "UPDATE":
        raise ApiError(400, "update-on-query-url", _UPDATE_HINT)
    media_type = _negotiate(params, "graph" if info.is_graph else "results")
    pool = services().pool
    try:
        result = pool.run(
            query,
            media_type=media_type,
            default_graphs=default_graphs or None,
            named_graphs=named_graphs or None,
            timeout=timeout,
            base_iri=_endpoint_url(request.environ),
        )
    except QueryError as exc:
        raise _api_error(exc) from None
    response = Response(
        result.chunks(),
        headers=_RESULT_HEADERS,
        content_type=_content_type(result.media_type),
        direct_passthrough=True,
    )
    response.call_on_close(result.close)
    if result.capped:
        cap = services().config.max_rows
        unit = "triples" if info.is_graph else "rows"
        response.headers[CAP_HEADER] = str(cap)
        response.headers["Warning"] = f'199 borderkg "result capped at {cap} {unit}"'
    return response


def _post_body(params: list[tuple[str, str]]) -> str | None:
    """The query of a POST: form fields join ``params``; a direct body is returned."""
    media_type = request.mimetype
    if not media_type:
        raise ApiError(
            400,
            "missing-content-type",
            f"A POST to /sparql needs a Content-Type: {FORM} (query=… in the body) or "
            f"{QUERY_TYPE} (the query as the body).",
        )
    if media_type == FORM:
        params.extend(
            _parse(_utf8(request.get_data(cache=False), "form body").strip(), "form body")
        )
        return None
    if media_type == QUERY_TYPE:
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in _UTF8:
            raise ApiError(
                400,
                "not-utf-8",
                f"The query body is declared as {charset}; the SPARQL protocol takes UTF-8 only.",
            )
        return _utf8(request.get_data(cache=False), "query body")
    if media_type == UPDATE_TYPE:
        raise ApiError(400, "update-on-query-url", _UPDATE_HINT)
    raise ApiError(
        415,
        "unsupported-media-type",
        f"A POST to /sparql takes {FORM} or {QUERY_TYPE}, not {media_type}.",
        supported=[FORM, QUERY_TYPE],
    )


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400,
            "not-utf-8",
            f"The {what} is not valid UTF-8 (byte {exc.start}); the SPARQL protocol takes "
            "UTF-8 only.",
        ) from None


def _parse(text: str, where: str) -> list[tuple[str, str]]:
    """``name=value`` pairs of a URL query string or form body, percent-decoded as UTF-8."""
    if not text:
        return []
    if len(text) <= _CACHED_PARAMS_LENGTH:
        return list(_parse_cached(text, where))
    return _parse_text(text, where)


@lru_cache(maxsize=256)
def _parse_cached(text: str, where: str) -> tuple[tuple[str, str], ...]:
    """Clients send the same queries again and again (dashboards, benchmarks, pages)."""
    return tuple(_parse_text(text, where))


def _parse_text(text: str, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ApiError(
            400,
            "not-utf-8",
            f"A parameter in the {where} is not percent-encoded UTF-8; the SPARQL protocol "
            "takes UTF-8 only.",
        ) from None
    except ValueError as exc:
        raise ApiError(400, "bad-parameters", f"Cannot read the {where}: {exc}") from None


def _timeout(params: list[tuple[str, str]]) -> float | None:
    values = [v for k, v in params if k == "timeout"]
    if not values:
        return None
    try:
        seconds = float(values[-1])
    except ValueError:
        seconds = float("nan")
    if not seconds > 0 or seconds == float("inf"):
        raise ApiError(
            400,
            "bad-timeout",
            f"timeout must be a number of seconds above 0, not {values[-1]!r} (the server's "
            f"limit, {services().config.timeout:g} s, applies when it is larger).",
        )
    return seconds


def _negotiate(params: list[tuple[str, str]], family: str) -> str:
    """The media type to answer in: ``format=`` (or ``output=``) if given, else ``Accept``.

    Several values may be given (SPARQLWrapper sends a name and a media type): the first
    this query can be answered in wins. Names follow the query's family, so ``xml`` and
    ``json`` mean RDF/XML and JSON-LD for CONSTRUCT/DESCRIBE. Nothing producible: 406.
    """
    wanted = [v for k, v in params if k in ("format", "output") and v.strip()]
    for value in wanted:
        name = value.strip().lower()
        chosen = conneg.negotiate(
            None, family, _GRAPH_NAMES.get(name, name) if family == "graph" else name
        )
        if chosen is not None:
            return chosen
    if not wanted:
        chosen = conneg.negotiate(request.headers.get("Accept"), family)
        if chosen is not None:
            return chosen
    offered = list(conneg.RESULT_TYPES if family == "results" else conneg.GRAPH_TYPES)
    if wanted:
        names = [name for name, media in conneg.FORMAT_PARAM.items() if media in offered]
        message = (
            f"format={wanted[0]!r} is not available for this query; use one of {', '.join(names)}."
        )
    else:
        message = (
            "None of the media types in the Accept header can be produced for this query. "
            f"Available: {', '.join(offered)}."
        )
    raise ApiError(406, "not-acceptable", message, available=offered)


def _no_query(method: str) -> Response:
    """No query: GET gives the service description (RDF) or the UI (browsers); else 400."""
    if method == "POST":
        raise ApiError(400, "missing-query", "The request has no `query` parameter or body.")
    chosen = conneg.choose(request.headers.get("Accept"), _SD_OFFER)
    chosen = conneg.GRAPH_ALIASES.get(chosen, chosen) if chosen else None
    if chosen == "text/html":
        return redirect(request.script_root + "/", code=303)
    if chosen is None:
        raise ApiError(
            400,
            "missing-query",
            "The request has no `query` parameter. Without one, GET /sparql returns the "
            f"service description in {', '.join(conneg.GRAPH_TYPES)}.",
        )
    try:
        body = service_description(services(), request.host_url, chosen)
    except QueryError as exc:
        raise _api_error(exc) from None
    return Response(body, content_type=_content_type(chosen))


def _content_type(media_type: str) -> str:
    return conneg.CONTENT_TYPES.get(media_type, media_type)


def _api_error(exc: QueryError) -> ApiError:
    """The pool's error as an API error: its status, code, message and headers (503s always
    carry ``Retry-After``), with the time limit or refused endpoint when there is one."""
    headers = dict(exc.headers)
    if exc.status == 503:
        headers.setdefault("Retry-After", "1")
    details = {}
    for name in ("limit", "endpoint"):
        value = getattr(exc, name, None)
        if value is not None:
            details[name] = value
    return ApiError(exc.status, exc.code, exc.message, headers=headers, **details)

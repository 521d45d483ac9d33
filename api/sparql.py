"""``/sparql``: the SPARQL 1.1 Protocol query operation, the service description and CORS.

A request (GET ``?query=``, POST form, POST ``application/sparql-query``,
``default-graph-uri`` / ``named-graph-uri``, ``timeout``, ``format``) is read, its result
format negotiated and its query handed to the query pool; the response streams the pool's
spooled, already-serialized result. No query logic lives here.

Two doors lead to the same code. Query requests (GET and POST with a query) take
:class:`QueryFastPath`, a WSGI layer in front of Flask that answers them straight from the
WSGI environ: Flask's request machinery costs more than a cheap query. Everything else at
``/sparql`` — HEAD, the CORS preflight, GET without a query (service description or UI),
other methods (405) — goes on to the Flask view :func:`sparql`. Both build their answers
with the functions below (:func:`read_request`, :func:`answer_query`, :func:`error_answer`),
so status codes, headers, error bodies and metrics are the same whichever door a request
took.

Response headers of note (documented in docs/serving.md):
``BorderKG-Result-Cap: N`` and ``Warning: 199 borderkg "result capped at N rows"`` when the
result was cut at the configured cap; ``Retry-After`` on 503; ``Vary: Accept``;
``Access-Control-Allow-Origin: *`` (CORS is on this URL only).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from flask import Blueprint, Response, redirect, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES, parse_options_header
from werkzeug.wsgi import get_input_stream

from borderkg import conneg, querytext
from borderkg.api.errors import ApiError, error_body, http_error, internal_error
from borderkg.api.sdesc import service_description
from borderkg.api.services import services
from borderkg.querypool import QueryError, QueryResult

if TYPE_CHECKING:
    from flask import Flask

    from borderkg.api.services import Services

log = logging.getLogger(__name__)

bp = Blueprint("sparql", __name__)

ROUTE = "/sparql"
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
_ERROR_TYPE = "application/json"

_RESULT_HEADERS = [*CORS_HEADERS.items(), ("Vary", "Accept")]


@dataclass
class Answer:
    """A response to send: status, headers (CORS included) and body; ``close`` frees the
    result behind the body once it is sent."""

    status: int
    headers: list[tuple[str, str]]
    body: Iterable[bytes]
    close: Callable[[], None] | None = None


# -- reading a request -----------------------------------------------------------------------


def read_request(
    environ: dict[str, Any], method: str, max_body: int
) -> tuple[str | None, list[tuple[str, str]]]:
    """The query of a request (``None`` if it has none) and its parameters (URL, then form).

    Raises :class:`ApiError` for what the protocol refuses (two queries, an update, a body
    that is not UTF-8, a wrong Content-Type …) and werkzeug's ``HTTPException`` for a body
    over ``max_body`` bytes (413).
    """
    params = _parse(environ.get("QUERY_STRING", ""), "URL")
    query = _post_body(environ, params, max_body) if method == "POST" else None
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
    return (queries[0] if queries else None), params


@lru_cache(maxsize=64)
def _content_type(header: str) -> tuple[str, dict[str, str]]:
    """``(media type in lower case, parameters)`` of a Content-Type header, as werkzeug
    reads it for ``request.mimetype``."""
    media_type, options = parse_options_header(header)
    return media_type.lower(), options


def _body(environ: dict[str, Any], max_body: int) -> bytes:
    """The request body, refused with 413 beyond ``max_body`` bytes (as Flask does)."""
    return get_input_stream(environ, max_content_length=max_body).read()


def _post_body(environ: dict[str, Any], params: list[tuple[str, str]], max_body: int) -> str | None:
    """The query of a POST: form fields join ``params``; a direct body is returned."""
    media_type, options = _content_type(environ.get("CONTENT_TYPE") or "")
    if not media_type:
        raise ApiError(
            400,
            "missing-content-type",
            f"A POST to /sparql needs a Content-Type: {FORM} (query=… in the body) or "
            f"{QUERY_TYPE} (the query as the body).",
        )
    if media_type == FORM:
        params.extend(_parse(_utf8(_body(environ, max_body), "form body").strip(), "form body"))
        return None
    if media_type == QUERY_TYPE:
        charset = options.get("charset", "utf-8").lower()
        if charset not in _UTF8:
            raise ApiError(
                400,
                "not-utf-8",
                f"The query body is declared as {charset}; the SPARQL protocol takes UTF-8 only.",
            )
        return _utf8(_body(environ, max_body), "query body")
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


def _timeout(params: list[tuple[str, str]], svc: Services) -> float | None:
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
            f"limit, {svc.config.timeout:g} s, applies when it is larger).",
        )
    return seconds


@lru_cache(maxsize=256)
def _negotiate_accept(accept: str | None, family: str) -> str | None:
    """Clients send the same few Accept headers again and again."""
    return conneg.negotiate(accept, family)


def _negotiate(params: list[tuple[str, str]], family: str, accept: str | None) -> str:
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
        chosen = _negotiate_accept(accept, family)
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


# -- answering -------------------------------------------------------------------------------


def endpoint_url(environ: dict[str, Any]) -> str:
    """This endpoint's URL, the base IRI of relative IRIs in queries (cheaper than
    ``request.base_url``, which re-encodes the whole URL on every request)."""
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return f"{environ['wsgi.url_scheme']}://{host}{path}"


def answer_query(
    query: str, params: list[tuple[str, str]], environ: dict[str, Any], svc: Services
) -> Answer:
    """Run ``query`` with the request's parameters; raises :class:`ApiError`."""
    default_graphs = [v for k, v in params if k == "default-graph-uri"]
    named_graphs = [v for k, v in params if k == "named-graph-uri"]
    timeout = _timeout(params, svc)
    info = querytext.inspect(query)
    if info.form == "UPDATE":
        raise ApiError(400, "update-on-query-url", _UPDATE_HINT)
    media_type = _negotiate(
        params, "graph" if info.is_graph else "results", environ.get("HTTP_ACCEPT")
    )
    try:
        result = svc.pool.run(
            query,
            media_type=media_type,
            default_graphs=default_graphs or None,
            named_graphs=named_graphs or None,
            timeout=timeout,
            base_iri=endpoint_url(environ),
        )
    except QueryError as exc:
        raise _api_error(exc) from None
    headers = [("Content-Type", _media_header(result.media_type)), *_RESULT_HEADERS]
    if result.capped:
        cap = svc.config.max_rows
        unit = "triples" if info.is_graph else "rows"
        headers.append((CAP_HEADER, str(cap)))
        headers.append(("Warning", f'199 borderkg "result capped at {cap} {unit}"'))
    body = result.body
    if body is not None:
        # One frame's worth, already in memory: a list lets the server send it at once with
        # a Content-Length (granian answers a list without iterating it from Python).
        headers.append(("Content-Length", str(len(body))))
        result.close()
        return Answer(200, headers, [body])
    return Answer(200, headers, _Chunks(result), result.close)


class _Chunks:
    """A result's bytes as a WSGI body: streamed in chunks, freed when the server closes it."""

    __slots__ = ("result",)

    def __init__(self, result: QueryResult) -> None:
        self.result = result

    def __iter__(self) -> Iterator[bytes]:
        return self.result.chunks()

    def close(self) -> None:
        self.result.close()


def error_answer(
    status: int,
    code: str,
    message: str,
    json_dumps: Callable[[Any], str],
    *,
    headers: dict[str, str] | None = None,
    **details: Any,
) -> Answer:
    """The project's JSON error response (the shape of :mod:`borderkg.api.errors`), with
    the query URL's CORS headers."""
    body = json_dumps(error_body(status, code, message, **details)).encode()
    out = [("Content-Type", _ERROR_TYPE), ("Content-Length", str(len(body)))]
    out += list((headers or {}).items())
    out += _RESULT_HEADERS
    return Answer(status, out, [body])


def _media_header(media_type: str) -> str:
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


# -- the Flask view (requests the fast path passes on) ----------------------------------------


@bp.after_request
def _cors(response: Response) -> Response:
    """CORS on every answer of the query URL (errors included, so browsers can read them);
    results carry the headers from the start."""
    if "Access-Control-Allow-Origin" not in response.headers:
        response.headers.extend(_RESULT_HEADERS)
    return response


@bp.route(ROUTE, methods=["GET", "POST", "OPTIONS"], provide_automatic_options=False)
def sparql() -> Response:
    """One SPARQL protocol request (see the module docstring)."""
    method = request.method
    if method == "OPTIONS":
        return Response(status=204, headers=PREFLIGHT_HEADERS)
    svc = services()
    query, params = read_request(request.environ, method, svc.config.max_body)
    if query is None:
        return _no_query(method)
    answer = answer_query(query, params, request.environ, svc)
    response = Response(answer.body, status=answer.status, direct_passthrough=True)
    response.headers.clear()
    response.headers.extend(answer.headers)
    if answer.close is not None:
        response.call_on_close(answer.close)
    return response


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
    return Response(body, content_type=_media_header(chosen))


# -- the fast path --------------------------------------------------------------------------


class QueryFastPath:
    """WSGI layer that answers GET and POST query requests at ``/sparql`` without Flask.

    Install it in front of the app's WSGI callable (``app.wsgi_app = QueryFastPath(app,
    services, app.wsgi_app)``); every other request, and a GET without a ``query``
    parameter, goes on to ``inner``. Errors get the project's JSON shape, unexpected ones a
    logged 500 without a traceback, and every answer is counted in the app's metrics under
    the route ``/sparql`` — as the Flask view's would be.
    """

    def __init__(self, app: Flask, svc: Services, inner: Callable[..., Iterable[bytes]]) -> None:
        self.svc = svc
        self.inner = inner
        self.json_dumps: Callable[[Any], str] = app.json.dumps
        self.max_body = svc.config.max_body

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO") != ROUTE or method not in ("GET", "POST"):
            return self.inner(environ, start_response)
        if method == "GET" and not _has_query(environ.get("QUERY_STRING", "")):
            return self.inner(environ, start_response)  # service description, UI redirect
        started = time.perf_counter()
        answer = self._answer(environ, method)
        self.svc.metrics.record_request(ROUTE, method, answer.status, time.perf_counter() - started)
        start_response(_status_line(answer.status), answer.headers)
        return answer.body

    def _answer(self, environ: dict[str, Any], method: str) -> Answer:
        try:
            query, params = read_request(environ, method, self.max_body)
            if query is None:  # a POST without a query
                raise ApiError(
                    400, "missing-query", "The request has no `query` parameter or body."
                )
            return answer_query(query, params, environ, self.svc)
        except ApiError as exc:
            return self._error(exc)
        except HTTPException as exc:  # 413 from the body reader
            return self._error(http_error(exc))
        except Exception as exc:
            log.exception("unexpected error on %s %s", method, ROUTE)
            return self._error(internal_error(exc))

    def _error(self, exc: ApiError) -> Answer:
        return error_answer(
            exc.status, exc.code, exc.message, self.json_dumps, headers=exc.headers, **exc.details
        )


@lru_cache(maxsize=256)
def _has_query(query_string: str) -> bool:
    """Whether a URL query string has a ``query`` or ``update`` parameter."""
    return any(part.split("=", 1)[0] in ("query", "update") for part in query_string.split("&"))


@lru_cache(maxsize=64)
def _status_line(status: int) -> str:
    return f"{status} {HTTP_STATUS_CODES.get(status, 'UNKNOWN').upper()}"

"""One JSON error shape for every API error, built here and nowhere else.

Every error the API returns is ``{"error": {"status": 400, "code": "malformed-query",
"message": "…", …details}}`` with the matching HTTP status. Views raise :class:`ApiError`;
the handlers registered by :func:`register_error_handlers` turn it, HTTP errors from Werkzeug
(404, 405 with ``Allow`` …) and unexpected exceptions (500, logged, no traceback in the
response) into that shape. A server bug is never reported as a 400.

URLs people open in a browser (the Linked Data pages, the UI, unknown addresses) answer the
same errors as an HTML page when the client prefers HTML: :func:`error_page` chooses between
the page (``templates/error.html``, same status, message and headers) and the JSON shape, and
:func:`register_page_errors` routes a blueprint's :class:`ApiError` errors through it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, json, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from borderkg import conneg

log = logging.getLogger(__name__)

ERROR_MEDIA_TYPE = "application/json"
HTML = "text/html"
#: What an error can be, for :func:`wants_html`: clients that accept anything get JSON.
_ERROR_OFFER = (conneg.TURTLE, ERROR_MEDIA_TYPE, HTML, "application/xhtml+xml")
_HTML_TYPES = (HTML, "application/xhtml+xml")


class ApiError(Exception):
    """An error to report to the client: HTTP ``status``, a stable ``code`` and a message.

    ``headers`` are added to the response (``Retry-After``, ``Allow`` …); ``details`` go
    into the error object beside ``message`` (a validation report, a limit …).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
        **details: Any,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = dict(headers or {})
        self.details = details


def error_body(status: int, code: str, message: str, **details: Any) -> dict[str, Any]:
    """The error object itself, for callers that embed it (streams, batch reports)."""
    return {"error": {"status": status, "code": code, "message": message, **details}}


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    headers: Mapping[str, str] | None = None,
    **details: Any,
) -> Response:
    """A JSON error response in the project's one shape."""
    response = Response(
        json.dumps(error_body(status, code, message, **details)),
        status=status,
        mimetype=ERROR_MEDIA_TYPE,
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def wants_html() -> bool:
    """Whether this request's client wants an HTML page: ``format=html``, or an ``Accept``
    that prefers HTML to RDF and JSON (a browser's does; ``*/*`` and none do not)."""
    fmt = request.args.get("format", "").strip().lower()
    if fmt:
        return fmt in ("html", "xhtml")
    return conneg.choose(request.headers.get("Accept"), _ERROR_OFFER) in _HTML_TYPES


def error_page(
    status: int,
    code: str,
    message: str,
    *,
    html: bool | None = None,
    title: str | None = None,
    headers: Mapping[str, str] | None = None,
    **details: Any,
) -> Response:
    """An error of a browsable URL: ``templates/error.html`` when ``html`` (by default: when
    :func:`wants_html`), else the JSON shape. Both carry ``Vary: Accept``. ``details`` go
    into the JSON; the page shows ``iri`` and puts ``q`` in its search box."""
    if html is None:
        html = wants_html()
    if html:
        body = render_template(
            "error.html",
            status=status,
            title=title or HTTP_STATUS_CODES.get(status, "Error"),
            message=message,
            iri=details.get("iri"),
            q=details.get("q"),
        )
        response = Response(body, status=status, mimetype=HTML)
        for name, value in (headers or {}).items():
            response.headers[name] = value
    else:
        response = error_response(status, code, message, headers=headers, **details)
    if "accept" not in response.headers.get("Vary", "").lower():
        response.headers.add("Vary", "Accept")
    return response


def register_page_errors(bp: Blueprint) -> None:
    """Answer the :class:`ApiError` errors of ``bp``'s views with :func:`error_page`."""

    def _page_error(exc: ApiError) -> Response:
        return error_page(exc.status, exc.code, exc.message, headers=exc.headers, **exc.details)

    bp.register_error_handler(ApiError, _page_error)


def _code_for(exc: HTTPException) -> str:
    name = exc.name or "error"
    return name.lower().replace(" ", "-").replace("'", "")


def http_error(exc: HTTPException) -> ApiError:
    """A Werkzeug HTTP error (404, 405 with ``Allow``, 413 …) as an :class:`ApiError`."""
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
    return ApiError(exc.code or 500, _code_for(exc), exc.description or exc.name, headers=headers)


def internal_error(exc: Exception) -> ApiError:
    """An unexpected exception as a 500 that names no internals: a server bug is never
    reported as the client's fault, and the traceback goes to the log, not the response."""
    return ApiError(
        500,
        "internal-error",
        f"The server failed while handling this request ({type(exc).__name__}). "
        "This is a bug in the server, not in your request; it has been logged.",
    )


def register_error_handlers(app: Flask) -> None:
    """Route ``ApiError``, Werkzeug HTTP errors and unexpected exceptions to the one shape."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        return _respond(exc)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        return _respond(http_error(exc))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return _respond(internal_error(exc))


def _respond(exc: ApiError) -> Response:
    return error_response(exc.status, exc.code, exc.message, headers=exc.headers, **exc.details)

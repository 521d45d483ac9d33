"""Write endpoints: SPARQL 1.1 Update at ``/update`` and the Graph Store Protocol at ``/data``.

Writes are off unless the operator configures an API token: until then every write answers
**403** ``writes-disabled`` (the URLs exist — ``GET /data`` works without a token — but writing
is switched off; a 404 would hide why). With a token, a write needs
``Authorization: Bearer <token>`` (compared in constant time); a missing or wrong token is
**401** with ``WWW-Authenticate: Bearer …``. Every write goes through
:class:`borderkg.writes.WriteService`: SHACL gate, one transaction, new snapshot. These URLs
send no CORS headers, so scripts on other origins cannot write through a visitor's browser.

``/update`` (POST only; 405 with ``Allow`` otherwise): body ``application/sparql-update``
(``using-graph-uri`` / ``using-named-graph-uri`` in the query string) or form-encoded
``update=`` (all parameters in the body). **200** with a JSON summary (``graphs`` changed,
``inserted`` / ``deleted`` triples, gate ``warnings``, ``snapshot`` published); **400** bad
syntax (with ``line`` and ``column``), parameters, encoding or no Content-Type; **403**
``LOAD`` or a ``SERVICE`` not allowed; **415** another body type; **422** rejected by the
gate, ``report`` holding every result (focus node, path, constraint component, message …);
**503** + ``Retry-After`` while a load holds the store.

``/data`` (indirect identification: ``?graph=IRI`` or ``?default``; ``?default`` is the store's
own default graph, not the union the query URL uses): GET/HEAD read the graph through the
query pool — Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML by ``Accept`` or ``format=``
(406 otherwise); 404 if the graph does not exist; no token needed. PUT replaces the graph
(**201** when it is new, else **204**); POST merges into it (201 when new, else 204), and POST
without a graph parameter creates a graph with a new IRI (**201** + ``Location``); DELETE
removes it (**204**, **404** if missing). Payloads: Turtle, N-Triples, RDF/XML, JSON-LD
(**415** otherwise, dataset formats included; **400** with line and column when they do not
parse). The same 401/403/422/503 as ``/update``.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from urllib.parse import parse_qsl

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, request

from borderkg import conneg
from borderkg.api.errors import ApiError
from borderkg.api.services import services
from borderkg.api.sparql import CAP_HEADER
from borderkg.querypool import QueryError, QueryPool, QueryResult
from borderkg.writes import DEFAULT_GRAPH, WriteError, WriteResult, WriteService

bp = Blueprint("writes", __name__)

UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"

#: Media types a graph may be read as (GET/HEAD /data), preferred first, and the format the
#: query pool is asked for: N-Quads and TriG are made from N-Triples by naming the graph.
READ_TYPES: dict[str, str] = {
    conneg.TURTLE: conneg.TURTLE,
    conneg.NTRIPLES: conneg.NTRIPLES,
    conneg.NQUADS: conneg.NTRIPLES,
    conneg.TRIG: conneg.NTRIPLES,
    conneg.JSONLD: conneg.JSONLD,
    conneg.RDFXML: conneg.RDFXML,
}


class _Default:
    """The default graph, as ``?default`` names it."""


DEFAULT = _Default()


# -- request parsing ------------------------------------------------------------------------


def _pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    """``key=value`` pairs of a query string or form body; 400 when it is not UTF-8."""
    try:
        text = raw.decode("utf-8")
        return parse_qsl(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "not-utf-8", f"The {where} is not percent-encoded UTF-8 (byte {exc.start})."
        ) from exc


def _iri_param(name: str, value: str) -> str:
    try:
        return ox.NamedNode(value).value
    except ValueError as exc:
        raise ApiError(
            400, "invalid-parameter", f"{name} must be an absolute IRI, not {value!r}: {exc}"
        ) from exc


def _single(pairs: list[tuple[str, str]], name: str, where: str) -> str:
    values = [v for k, v in pairs if k == name]
    if not values:
        raise ApiError(400, "missing-parameter", f"The {where} has no {name} parameter.")
    if len(values) > 1:
        raise ApiError(
            400, "repeated-parameter", f"The {where} has {len(values)} {name} parameters; send one."
        )
    return values[0]


def _body_text() -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8", "us-ascii", "ascii"):
        raise ApiError(
            400,
            "not-utf-8",
            f"The update body is declared as {charset}; the SPARQL protocol takes UTF-8 only.",
        )
    try:
        return request.get_data(cache=True).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "not-utf-8", f"The update body is not valid UTF-8 (byte {exc.start})."
        ) from exc


# -- authorisation -----------------------------------------------------------------------------


def _writer() -> WriteService:
    """The write service, after checking writes are on and the bearer token is right."""
    svc = services()
    token = svc.config.token
    if svc.writes is None or not token:
        raise ApiError(
            403,
            "writes-disabled",
            "Writes are switched off on this server: the operator enables /update and the "
            "write methods of /data by configuring an API token (--token-file or "
            "$BORDERKG_TOKEN).",
        )
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.strip().partition(" ")
    if not header.strip():
        raise ApiError(
            401,
            "unauthorized",
            "This write needs the API token: send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": 'Bearer realm="borderkg"'},
        )
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise ApiError(
            401,
            "invalid-token",
            "The API token is missing from the Authorization header or wrong.",
            headers={"WWW-Authenticate": 'Bearer realm="borderkg", error="invalid_token"'},
        )
    return svc.writes


# -- running writes and reporting their outcome -------------------------------------------------

#: Metrics outcome label per write error code (anything else counts as ``invalid``).
_OUTCOMES = {
    "validation-failed": "rejected",
    "store-busy": "busy",
    "graph-not-found": "not-found",
    "write-failed": "error",
}


def _run(operation: str, action: Callable[[], WriteResult]) -> WriteResult:
    """Run a write, count its outcome and turn the write service's errors into API errors.

    A write error carries its HTTP status, code, headers (``Retry-After``) and details (the
    validation report of a rejected write, line and column of a syntax error): they go into
    the one JSON error shape unchanged.
    """
    metrics = services().metrics
    try:
        result = action()
    except WriteError as exc:
        metrics.record_write(operation, _OUTCOMES.get(exc.code, "invalid"))
        raise ApiError(
            exc.status, exc.code, exc.message, headers=exc.headers, **exc.details
        ) from exc
    except Exception:
        metrics.record_write(operation, "error")
        raise
    metrics.record_write(operation, "accepted")
    return result


# -- /update -----------------------------------------------------------------------------------


@bp.route("/update", methods=["POST"])
def update() -> Response:
    """SPARQL 1.1 Update over the protocol (POST direct or form-encoded)."""
    writer = _writer()
    mimetype = request.mimetype
    query_pairs = _pairs(request.query_string, "query string")
    if mimetype == UPDATE_TYPE:
        if any(k == "update" for k, _ in query_pairs):
            raise ApiError(
                400,
                "repeated-parameter",
                "The update is in the body; the query string must not carry another one.",
            )
        params, text = query_pairs, _body_text()
    elif mimetype == FORM_TYPE:
        params = _pairs(request.get_data(cache=True), "form body")
        text = _single(params, "update", "form body")
        params = [*params, *query_pairs]
    elif not mimetype:
        raise ApiError(
            400,
            "missing-content-type",
            f"A POST to /update needs a Content-Type: {FORM_TYPE} (update=… in the body) or "
            f"{UPDATE_TYPE} (the update as the body).",
        )
    else:
        raise ApiError(
            415,
            "unsupported-media-type",
            f"A POST to /update takes {FORM_TYPE} or {UPDATE_TYPE}, not {mimetype}.",
            supported=[FORM_TYPE, UPDATE_TYPE],
        )
    using = tuple(_iri_param(k, v) for k, v in params if k == "using-graph-uri")
    using_named = tuple(_iri_param(k, v) for k, v in params if k == "using-named-graph-uri")
    result = _run("update", lambda: writer.update(text, using=using, using_named=using_named))
    return jsonify(result.as_dict())


# -- /data -------------------------------------------------------------------------------------


def _target() -> str | _Default | None:
    """The graph a /data request names: an IRI, :data:`DEFAULT`, or ``None`` (the service)."""
    pairs = _pairs(request.query_string, "query string")
    graphs = [v for k, v in pairs if k == "graph"]
    default = any(k == "default" for k, _ in pairs)
    if len(graphs) > 1 or (graphs and default):
        raise ApiError(
            400, "invalid-parameter", "Name one graph: either ?graph=IRI or ?default, once."
        )
    if graphs:
        return _iri_param("graph", graphs[0])
    return DEFAULT if default else None


@bp.route("/data", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def data() -> Response:
    """The Graph Store HTTP Protocol, indirect graph identification."""
    target = _target()
    if request.method in ("GET", "HEAD"):
        return _read(target)
    writer = _writer()
    graph = DEFAULT_GRAPH if target is DEFAULT else target
    method = request.method
    if method == "POST":
        # POST without a graph parameter: the service names a new graph (result.graph).
        payload = request.get_data(cache=False)
        result = _run("post", lambda: writer.graph_post(graph, payload, request.content_type))
        return _created(result) if result.created else _no_content()
    if graph is None:
        raise ApiError(400, "missing-parameter", f"{method} /data needs ?graph=IRI or ?default.")
    if method == "DELETE":
        _run("delete", lambda: writer.graph_delete(graph))
        return _no_content()
    payload = request.get_data(cache=False)
    result = _run("put", lambda: writer.graph_put(graph, payload, request.content_type))
    return _created(result) if result.created else _no_content()


def _no_content() -> Response:
    return Response(status=204)


def _created(result: WriteResult) -> Response:
    """201 with the write's summary; ``Location`` names the graph (the protocol asks for it
    when the service named a new graph)."""
    response = jsonify(result.as_dict())
    response.status_code = 201
    if result.graph:
        response.headers["Location"] = result.graph
    return response


def _read_type() -> str:
    """The media type to answer a graph read with: ``format=``, else ``Accept``; 406 if none."""
    chosen = conneg.negotiate(request.headers.get("Accept"), "graph", request.args.get("format"))
    if chosen is None or chosen not in READ_TYPES:
        raise ApiError(
            406,
            "not-acceptable",
            f"A graph can be had as {', '.join(READ_TYPES)} (Accept, or format= with "
            f"{', '.join(sorted(conneg.FORMAT_PARAM))}); this request allows none of them.",
        )
    return chosen


def pool_error(exc: QueryError) -> ApiError:
    """A query pool error as an API error (503s always carry ``Retry-After``)."""
    headers = dict(exc.headers)
    if exc.status == 503:
        headers.setdefault("Retry-After", "1")
    return ApiError(exc.status, exc.code, exc.message, headers=headers)


def _read(target: str | _Default | None) -> Response:
    if target is None:
        raise ApiError(
            400,
            "missing-parameter",
            "Name the graph to read with ?graph=IRI or ?default; the whole dataset is at /dump.nq.",
        )
    media_type = _read_type()
    headers = {"Vary": "Accept", "Content-Type": conneg.CONTENT_TYPES[media_type]}
    pool = services().pool
    try:
        if isinstance(target, str) and not pool.ask(f"ASK {{ GRAPH <{target}> {{}} }}"):
            raise ApiError(404, "graph-not-found", f"There is no graph <{target}> in the store.")
        if request.method == "HEAD":
            return Response(status=200, headers=headers)
        result = _construct(pool, target, READ_TYPES[media_type])
    except QueryError as exc:
        raise pool_error(exc) from None
    if result.capped:
        cap = services().config.max_rows
        headers[CAP_HEADER] = str(cap)
        headers["Warning"] = f'199 borderkg "result capped at {cap} triples"'
    chunks = result.chunks()
    name = str(ox.NamedNode(target)) if isinstance(target, str) else None
    if media_type == conneg.NQUADS and name is not None:
        chunks = _with_graph_name(chunks, name.encode("utf-8"))
    elif media_type == conneg.TRIG:
        chunks = _graph_block(chunks, name)
    response = Response(chunks, status=200, headers=headers, direct_passthrough=True)
    response.call_on_close(result.close)
    return response


def _construct(pool: QueryPool, target: str | _Default, media_type: str) -> QueryResult:
    """The triples of one graph (a named one, or the store's own default graph)."""
    if isinstance(target, str):
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}"
        return pool.run(query, media_type=media_type)
    return pool.run(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        media_type=media_type,
        default_graphs=[ox.DefaultGraph()],
        named_graphs=[],
    )


def _graph_block(chunks: Iterator[bytes], name: str | None) -> Iterator[bytes]:
    """N-Triples as a TriG document: the triples inside the graph's block (``{ }`` if default).

    N-Triples statements are valid TriG triples, so no re-serialization is needed.
    """
    yield ((name + " ") if name else "").encode("utf-8") + b"{\n"
    yield from chunks
    yield b"}\n"


def _with_graph_name(chunks: Iterator[bytes], name: bytes) -> Iterator[bytes]:
    """N-Triples lines (one triple each, ending ``" ."``) as N-Quads lines in graph ``name``."""
    rest = b""
    for chunk in chunks:
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        yield b"".join(_quad_line(line, name) for line in lines)
    if rest:
        yield _quad_line(rest, name)


def _quad_line(line: bytes, name: bytes) -> bytes:
    line = line.rstrip()
    if not line:
        return b""
    # pyoxigraph writes each triple on one line ending in " ."
    return line[:-1].rstrip() + b" " + name + b" .\n"

"""Failed ``SERVICE`` calls, told so that a person knows which endpoint and what went wrong.

pyoxigraph reports a federated call that failed with the network library's bare message
("failed to lookup address information: Name or service not known", "Connection refused
(os error 111)") or the HTTP client's, naming no endpoint and not saying that the failure is
a remote one. :func:`explain_service_failure` recognises those messages in a query that
calls ``SERVICE`` and says which endpoint failed (the one the message names, else the one
the query calls, else the list of them) and, plainly, whether it could not be reached (DNS,
refused or reset connection, timeout, TLS) or answered with something unusable. Used by
the query workers (the endpoint answers 502 ``service-failed``), and by ``borderkg query``
where it runs a query in its own process, so that both say the same. Imports only small
modules: query workers load it.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from borderkg.querytext import inspect

#: Said of an endpoint that could not be reached.
UNREACHABLE = "could not be reached"

# (kind, pattern of the engine's message, what happened), checked in order, ignoring case.
_NETWORK: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE), what)
    for kind, pattern, what in (
        (
            "dns",
            r"failed to lookup address|name or service not known|temporary failure in name "
            r"resolution|no address associated|nodename nor servname",
            "its host name could not be resolved (a DNS failure: is this machine offline, or "
            "the host name mistyped?)",
        ),
        (
            "port",
            r"port (\d+) is not allowed",
            "the engine's HTTP client does not call that port (it is reserved for another use)",
        ),
        (
            "net",
            r"connection refused",
            "the connection was refused (nothing listens at that address)",
        ),
        ("net", r"timed out|timeout", "the connection timed out"),
        (
            "net",
            r"network is unreachable|no route to host|host is unreachable",
            "the network is unreachable from this machine",
        ),
        (
            "net",
            r"connection reset|connection aborted|broken pipe|empty http request|"
            r"unexpected end of file|connection closed",
            "it closed the connection without answering",
        ),
        (
            "net",
            r"certificate|\btls\b|\bssl\b|handshake",
            "a secure (TLS) connection could not be set up",
        ),
    )
)
_HTTP_STATUS = re.compile(r"Error (\d{3})\b ?([^\n]*?) returned by (\S+?)(?: with payload|$)")
_CONTENT_TYPE = re.compile(r"Unsupported Content-Type returned by service <([^>]*)>: ?(.*)")
_SCHEME = re.compile(r"Not supported URL scheme", re.IGNORECASE)
_PARSER = re.compile(r"^parser error|\bparse|syntax error", re.IGNORECASE)
_NETWORK_TYPES = frozenset(
    (
        "ConnectionError",
        "ConnectionRefusedError",
        "ConnectionResetError",
        "ConnectionAbortedError",
        "BrokenPipeError",
        "TimeoutError",
    )
)


@dataclass(frozen=True)
class ServiceFailure:
    """A failed ``SERVICE`` call: the message to show, the endpoint (``None`` when the query
    calls several and neither the engine's message nor its kind tells which) and whether
    the endpoint could not be reached at all."""

    message: str
    endpoint: str | None
    unreachable: bool


@dataclass(frozen=True)
class _Cause:
    what: str
    unreachable: bool
    endpoint: str | None = None  # named by the engine's message
    kind: str = ""
    port: int | None = None


def explain_service_failure(
    query: str,
    error_type: str,
    error: str,
    prefixes: Mapping[str, str] | None = None,
) -> ServiceFailure | None:
    """The failure of a ``SERVICE`` call in ``query``, if the engine's ``error`` (an
    exception of the class named ``error_type``) is one; else ``None``.

    ``prefixes``: the predeclared ones, to resolve a ``SERVICE`` endpoint written as a
    prefixed name (default: the project's).
    """
    if prefixes is None:
        from borderkg.ontology.namespaces import PREFIXES

        prefixes = PREFIXES
    services = tuple(dict.fromkeys(inspect(query, prefixes).services))
    if not services:
        return None
    detail = error.strip().rstrip(":").strip()
    cause = _classify(error_type, detail)
    if cause is None:
        return None
    endpoint = cause.endpoint
    if endpoint is None:
        suspects = _suspects(services, cause)
        endpoint = suspects[0] if len(suspects) == 1 else None
    if endpoint is not None:
        subject = f"The SERVICE endpoint <{endpoint}>"
    else:
        subject = "One of the SERVICE endpoints " + ", ".join(f"<{s}>" for s in services)
    if cause.unreachable:
        message = f"{subject} {UNREACHABLE}: {cause.what}. (The engine said: {detail}.)"
    else:
        message = f"{subject} {cause.what}."
    if cause.kind in ("port", "url"):
        message += " Check the endpoint's URL."
    else:
        message += (
            " Try again when it answers, or write SERVICE SILENT to run the query without "
            "that part when the call fails."
        )
    return ServiceFailure(message, endpoint, cause.unreachable)


def _classify(error_type: str, detail: str) -> _Cause | None:
    """What the engine's message says happened, or ``None`` if it is no failure of a
    remote call."""
    status = _HTTP_STATUS.search(detail)
    if status is not None:
        code, reason, url = status.groups()
        return _Cause(f"answered with HTTP status {code} {reason}".rstrip(), False, url)
    content = _CONTENT_TYPE.search(detail)
    if content is not None:
        url, media = content.groups()
        what = f"answered in a format the engine cannot read ({media.strip()})"
        return _Cause(what, False, url)
    if _SCHEME.search(detail):
        return _Cause(f"is no http(s) URL the engine can call ({detail})", False, kind="url")
    for kind, pattern, what in _NETWORK:
        found = pattern.search(detail)
        if found is not None:
            port = int(found.group(1)) if kind == "port" else None
            return _Cause(what, True, kind=kind, port=port)
    if error_type in _NETWORK_TYPES:
        return _Cause("the connection failed", True)
    if _PARSER.search(detail):
        return _Cause(f"answered with results the engine could not read ({detail})", False)
    return None


def _suspects(services: Sequence[str], cause: _Cause) -> list[str]:
    """The endpoints among ``services`` that can have failed so: any, but for a DNS
    failure only those named by a host name, and for a refused port only those on it."""
    suspects = []
    for service in services:
        try:
            url = urlsplit(service)
            host, port = url.hostname or "", url.port
        except ValueError:
            host, port = "", None
        if cause.kind == "dns" and _is_address(host):
            continue
        if cause.kind == "port" and port != cause.port:
            continue
        suspects.append(service)
    return suspects


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def timeout_hint(services: Sequence[str]) -> str:
    """A sentence for a timed-out query that calls the ``SERVICE`` endpoints ``services``
    (``""`` for none): a remote endpoint that does not answer holds the query until its
    time limit."""
    if not services:
        return ""
    listed = ", ".join(f"<{s}>" for s in dict.fromkeys(services))
    return (
        f" The query calls SERVICE {listed}: an endpoint that does not answer (or answers "
        "slowly) holds the query until the limit."
    )

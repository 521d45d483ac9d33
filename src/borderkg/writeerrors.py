"""The errors of the write path, each with the HTTP status and error code the API answers with.

Every error has ``status``, ``code``, ``message``, ``headers`` (``Retry-After`` …) and
``details`` (line and column, the validation report …), so the endpoint can turn any of them
into the project's one JSON error shape without knowing them one by one:
``ApiError(e.status, e.code, e.message, headers=e.headers, **e.details)``.
"""

from __future__ import annotations

from typing import Any

from borderkg.reportfmt import result_dict
from borderkg.validation.report import ValidationReport


class WriteError(Exception):
    """A write that was not applied; nothing in the store changed."""

    status = 500
    code = "write-failed"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers the response should carry."""
        return {}


class UpdateSyntaxError(WriteError):
    """The update does not parse; ``line`` and ``column`` (1-based) say where, when known."""

    status, code = 400, "malformed-update"

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, line=line, column=column)
        self.line, self.column = line, column


class UpdateRefused(WriteError):
    """The update would fetch from the network (``LOAD``, a ``SERVICE`` not allowed)."""

    status = 403

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class DatasetConflict(WriteError):
    """``using-graph-uri``/``using-named-graph-uri`` with an update that sets its dataset."""

    status, code = 400, "dataset-conflict"


class UpdateFailed(WriteError):
    """The engine refused an operation (``CREATE`` of an existing graph, ``DROP`` of a
    missing one without ``SILENT`` …); the whole request was not applied."""

    status, code = 400, "update-failed"


class WriteRejected(WriteError):
    """The SHACL gate found Violations the write would bring; ``report`` holds them.

    ``report``: the Violations the write introduces, and its Warnings; ``reports``: the
    gate's report per checked graph (``""`` names the default graph).
    """

    status, code = 422, "validation-failed"

    def __init__(self, report: ValidationReport, reports: dict[str, ValidationReport]) -> None:
        count = len(report.violations)
        first = report.violations[0].message if report.violations else ""
        super().__init__(
            f"The write was rejected by the SHACL gate: {count} Violation"
            f"{'s' if count != 1 else ''} (first: {first}). Nothing was changed.",
            report=report_json(report),
        )
        self.report = report
        self.reports = reports


class WriteBusy(WriteError):
    """Another process (a load) holds the store's writer lock; try again later."""

    status, code = 503, "store-busy"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, retry_after=retry_after)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        """``Retry-After`` in seconds."""
        return {"Retry-After": str(self.retry_after)}


class GraphNotFound(WriteError):
    """The named graph does not exist."""

    status, code = 404, "graph-not-found"


class InvalidGraph(WriteError):
    """The graph given is not an absolute IRI."""

    status, code = 400, "invalid-graph"


class PayloadSyntaxError(WriteError):
    """The RDF payload does not parse; ``line`` and ``column`` say where, when known."""

    status, code = 400, "malformed-rdf"

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, line=line, column=column)
        self.line, self.column = line, column


class UnsupportedPayload(WriteError):
    """The payload's media type is not an RDF graph format this service reads."""

    status, code = 415, "unsupported-media-type"


def report_json(report: ValidationReport) -> dict[str, Any]:
    """A validation report as JSON: conformance, counts and every result."""
    return {
        "conforms": report.conforms,
        "violations": len(report.violations),
        "warnings": len(report.warnings),
        "results": [result_dict(r) for r in report.sorted_results()],
    }

"""``borderkg validate`` output for CI: JUnit XML for test reporters, SARIF 2.1.0 for code scanning.

JUnit: one ``<testcase>`` per shape of the shapes graph (so passing shapes count as passed
tests). Results at or above ``--fail-on`` (Violations by default) become one ``<failure>``
listing them; results below it (warnings by default) are listed in the test case's
``<system-out>`` and the test passes — they are not "skipped", which would say the shape was
not checked. Input errors (exit 2) are ``<error>``\\ s of a separate ``borderkg.inputs`` suite.

SARIF: one run of the ``borderkg`` tool; a rule per shape (``sh:name`` as short description,
``sh:description`` as full description, ``sh:message`` as help), a result per validation result
(level ``error``/``warning``/``note``) located in its file and line when known and always by its
focus node (a logical location), and input errors as tool execution notifications.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import click

from borderkg import __version__
from borderkg.reportfmt import verdict
from borderkg.reportmodel import Outcome, ShapeInfo, plural
from borderkg.validation.report import ValidationResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {"Violation": "error", "Warning": "warning", "Info": "note"}


def _describe(outcome: Outcome, result: ValidationResult) -> str:
    compact = outcome.compact
    where = ""
    if result.file:
        where = outcome.relative(result.file) + (f":{result.line}" if result.line else "") + ": "
    parts = [f"{where}{compact.term(result.focus_node)}"]
    if result.path:
        parts.append(f"path {compact.term(result.path)}")
    if result.value is not None:
        parts.append(f"value {compact.term(result.value)}")
    message = "\n".join("    " + line for line in result.message.splitlines())
    return f"[{result.severity}] " + " · ".join(parts) + "\n" + message


def _testcase_name(shape: ShapeInfo) -> str:
    return f"{shape.id} ({shape.name})" if shape.name else shape.id


def _classname(shape: ShapeInfo) -> str:
    prefix, sep, _ = shape.id.partition(":")
    if prefix == "bkgsh":
        return "borderkg.shapes"
    if not sep or prefix in ("_", "http", "https", "urn", "file") or "/" in prefix:
        return "shapes"
    return f"shapes.{prefix}"


def render_junit(outcome: Outcome) -> str:
    """JUnit XML: a test case per shape, failures for results at or above ``--fail-on``."""
    seconds = outcome.report.seconds if outcome.report else 0.0
    suites = ET.Element("testsuites", name="borderkg validate", time=f"{seconds:.3f}")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if outcome.errors:
        suite = ET.SubElement(suites, "testsuite", name="borderkg.inputs")
        for error in outcome.errors:
            case = ET.SubElement(
                suite, "testcase", classname="borderkg.inputs", name=outcome.relative(error.file)
            )
            case.set("file", outcome.relative(error.file))
            if error.line:
                case.set("line", str(error.line))
            node = ET.SubElement(case, "error", type=error.kind, message=error.message)
            node.text = str(error)
        _count(suite, len(outcome.errors), errors=len(outcome.errors))
        totals["tests"] += len(outcome.errors)
        totals["errors"] += len(outcome.errors)
    if outcome.report is not None:
        by_shape: dict[str, list[ValidationResult]] = {}
        for result in outcome.results:
            by_shape.setdefault(result.source_shape, []).append(result)
        suite = ET.SubElement(suites, "testsuite", name="borderkg.shapes", time=f"{seconds:.3f}")
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="engine", value=outcome.report.engine)
        ET.SubElement(props, "property", name="fail-on", value=outcome.fail_on)
        shapes = outcome.all_shapes()
        failures = 0
        for shape in shapes:
            case = ET.SubElement(
                suite, "testcase", classname=_classname(shape), name=_testcase_name(shape)
            )
            case.set("time", "0")
            results = by_shape.get(shape.key, [])
            failing = [r for r in results if outcome.fails(r)]
            passing = [r for r in results if not outcome.fails(r)]
            if failing:
                failures += 1
                first = failing[0]
                if first.file:
                    case.set("file", outcome.relative(first.file))
                    if first.line:
                        case.set("line", str(first.line))
                severity = first.severity
                node = ET.SubElement(
                    case,
                    "failure",
                    type=severity,
                    message=f"{plural(len(failing), 'result')} at or above {outcome.fail_on}: "
                    f"{first.message}",
                )
                node.text = "\n".join(_describe(outcome, r) for r in failing)
            if passing:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(_describe(outcome, r) for r in passing)
        _count(suite, len(shapes), failures=failures)
        totals["tests"] += len(shapes)
        totals["failures"] += failures
    for name, value in totals.items():
        suites.set(name, str(value))
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _count(suite: ET.Element, tests: int, *, failures: int = 0, errors: int = 0) -> None:
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")


def _rule(shape: ShapeInfo) -> dict[str, object]:
    rule: dict[str, object] = {
        "id": shape.id,
        "name": shape.id.rsplit(":", 1)[-1].rsplit("/", 1)[-1].rsplit("#", 1)[-1] or shape.id,
        "shortDescription": {"text": shape.name or shape.id},
        "defaultConfiguration": {"level": SARIF_LEVELS.get(shape.severity, "error")},
        "properties": {"shape": shape.key, "severity": shape.severity, "tags": ["shacl"]},
    }
    if shape.description:
        rule["fullDescription"] = {"text": shape.description}
    if shape.message:
        rule["help"] = {"text": shape.message}
    return rule


def _artifact(outcome: Outcome, file: str) -> dict[str, object]:
    relative = outcome.relative(file)
    if Path(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": relative, "uriBaseId": "SRCROOT"}


def _fingerprint(result: ValidationResult) -> str:
    key = "\x1f".join(
        [
            result.source_shape,
            result.focus_node,
            result.path or "",
            result.value or "",
            result.constraint_component,
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _sarif_result(outcome: Outcome, result: ValidationResult, index: int) -> dict[str, object]:
    shape = outcome.shape_of(result)
    compact = outcome.compact
    detail = [f"focus node {compact.term(result.focus_node)}"]
    if result.path:
        detail.append(f"path {compact.term(result.path)}")
    if result.value is not None:
        detail.append(f"value {compact.term(result.value)}")
    location: dict[str, object] = {
        "logicalLocations": [
            {
                "fullyQualifiedName": result.focus_node.strip("<>"),
                "kind": "resource",
            }
        ]
    }
    if result.file:
        physical: dict[str, object] = {"artifactLocation": _artifact(outcome, result.file)}
        if result.line:
            physical["region"] = {"startLine": result.line}
        location["physicalLocation"] = physical
    properties = {
        "focusNode": result.focus_node,
        "resultPath": result.path,
        "value": result.value,
        "constraintComponent": result.constraint_component,
        "sourceShape": result.source_shape,
        "graph": result.graph,
    }
    return {
        "ruleId": shape.id,
        "ruleIndex": index,
        "level": SARIF_LEVELS.get(result.severity, "error"),
        "message": {"text": f"{result.message} ({'; '.join(detail)})"},
        "locations": [location],
        "partialFingerprints": {"borderkgResult/v1": _fingerprint(result)},
        "properties": {k: v for k, v in properties.items() if v is not None},
    }


def render_sarif(outcome: Outcome) -> str:
    """A SARIF 2.1.0 log: rules from the shapes, results, and input errors as notifications."""
    shapes = outcome.all_shapes()
    index = {shape.key: i for i, shape in enumerate(shapes)}
    notifications = []
    for error in outcome.errors:
        physical: dict[str, object] = {"artifactLocation": _artifact(outcome, error.file)}
        if error.line:
            region: dict[str, int] = {"startLine": error.line}
            if error.column:
                region["startColumn"] = error.column
            physical["region"] = region
        notifications.append(
            {
                "level": "error",
                "message": {"text": error.message},
                "locations": [{"physicalLocation": physical}],
                "descriptor": {"id": error.kind},
            }
        )
    invocation: dict[str, object] = {
        "executionSuccessful": outcome.report is not None and not outcome.errors,
        "exitCode": outcome.exit_code,
        "exitCodeDescription": verdict_text(outcome),
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "borderkg",
                "fullName": "borderkg validate (SHACL)",
                "version": __version__,
                "rules": [_rule(shape) for shape in shapes],
            }
        },
        "originalUriBaseIds": {
            "SRCROOT": {"uri": outcome.root.resolve().as_uri().rstrip("/") + "/"}
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [
            _sarif_result(outcome, r, index[outcome.shape_of(r).key]) for r in outcome.results
        ],
    }
    if outcome.report is not None:
        run["properties"] = {
            "engine": outcome.report.engine,
            "conforms": outcome.report.conforms,
            "failOn": outcome.fail_on,
        }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def verdict_text(outcome: Outcome) -> str:
    """The human verdict line without mark or terminal colours."""
    return click.unstyle(verdict(outcome, mark=False))

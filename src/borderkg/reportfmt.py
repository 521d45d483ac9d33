"""``borderkg validate`` output for people, programs and GitHub Actions annotations.

* ``human``: results grouped by severity and shape, each with file:line, focus node, path,
  value and message, then a one-line verdict.
* ``json``: the stable schema documented in docs/validate.md (``"format": "borderkg-validate"``,
  ``"version": 1``); terms stay in full N-Triples form.
* ``github``: one workflow command per result (``::error file=…,line=…::…``) that GitHub
  Actions turns into an annotation on the file.

JUnit XML and SARIF are in ``borderkg.reportci``; :func:`render` picks any of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from borderkg.reportmodel import Outcome, group_by_shape, plural
from borderkg.validation.report import ValidationResult

#: JSON schema version: bumped only when a field changes meaning or disappears.
JSON_VERSION = 1

_STYLE = {"Violation": "red", "Warning": "yellow", "Info": "cyan"}


def _where(outcome: Outcome, result: ValidationResult) -> str:
    if result.file is None:
        return result.graph or "(no file)"
    where = outcome.relative(result.file)
    return f"{where}:{result.line}" if result.line else where


def render_human(outcome: Outcome) -> str:
    """The report for a terminal: grouped by severity and shape, then the verdict."""
    lines: list[str] = []
    for error in outcome.errors:
        lines.append(click.style("error: ", fg="red", bold=True) + str(error))
    if outcome.report is None:
        if outcome.errors:
            lines.append(
                f"\nnothing was validated: {plural(len(outcome.errors), 'error')} (exit 2)."
            )
        return "\n".join(lines) + "\n"
    compact = outcome.compact
    for (_, _), results in group_by_shape(outcome.results).items():
        first = results[0]
        shape = outcome.shape_of(first)
        label = f"{shape.name} ({shape.id})" if shape.name else shape.id
        header = click.style(f"{first.severity}", fg=_STYLE.get(first.severity), bold=True)
        lines.append(f"{header}  {label} — {plural(len(results), 'result')}")
        messages = {r.message for r in results}
        shared = first.message if len(messages) == 1 else None
        if shared:
            lines.append(_indent(shared, "  "))
        for result in results:
            lines.append(f"  {_where(outcome, result)}  {compact.term(result.focus_node)}")
            details = [f"path {compact.term(result.path)}"] if result.path else []
            if result.value is not None:
                details.append(f"value {compact.term(result.value)}")
            if details:
                lines.append("      " + "   ".join(details))
            if not shared:
                lines.append(_indent(result.message, "      "))
        lines.append("")
    if delegated := outcome.pyshacl_shapes():
        lines.append(f"checked by pyshacl: {', '.join(delegated)}")
    lines.append(verdict(outcome))
    return "\n".join(lines) + "\n"


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def verdict(outcome: Outcome, *, mark: bool = True) -> str:
    """One line: conforms or not, result counts, inputs, engine, time and exit code.

    A conforming run that fails (``--fail-on warning`` or ``info``) says so rather than
    "conforms … exit 1"."""
    report = outcome.report
    if report is None:
        return f"not validated: {plural(len(outcome.errors), 'input error')} (exit 2)"
    counts = outcome.counts()
    quads = sum(i.quads for i in outcome.inputs)
    summary = (
        f"{plural(counts['violations'], 'violation')}, {plural(counts['warnings'], 'warning')}, "
        f"{plural(counts['infos'], 'info')}"
    )
    if outcome.inputs and outcome.inputs[0].kind == "store":
        scope = f"the store {outcome.inputs[0].source}"
    else:
        scope = f"{plural(len(outcome.inputs), 'input')} ({plural(quads, 'quad')})"
    if not report.conforms:
        state = "does not conform"
    elif outcome.exit_code != 0:  # conforming, yet results at the --fail-on level fail it
        state = f"{outcome.fail_on}s fail this run (--fail-on {outcome.fail_on})"
    else:
        state = "conforms"
    sign = click.style(
        "✓" if outcome.exit_code == 0 else "✗",
        fg="green" if outcome.exit_code == 0 else "red",
        bold=True,
    )
    unread = (
        f"; {plural(len(outcome.errors), 'input error')}: not validated, and results may "
        "stem from what they would have defined"
        if outcome.errors
        else ""
    )
    text = (
        f"{state}: {summary} in {scope}{unread}; engine {report.engine}, "
        f"{report.seconds:.2f} s, exit {outcome.exit_code}"
    )
    return f"{sign} {text}" if mark else text


def result_dict(result: ValidationResult) -> dict[str, object]:
    """One result as JSON: every field of the result, terms in N-Triples form."""
    return {
        "severity": result.severity,
        "focus_node": result.focus_node,
        "path": result.path,
        "value": result.value,
        "message": result.message,
        "constraint_component": result.constraint_component,
        "source_shape": result.source_shape,
        "shape_name": result.shape_name,
        "graph": result.graph,
        "file": result.file,
        "line": result.line,
    }


def render_json(outcome: Outcome) -> str:
    """The report as JSON (schema in docs/validate.md), pretty-printed, keys in fixed order."""
    report = outcome.report
    document = {
        "format": "borderkg-validate",
        "version": JSON_VERSION,
        "conforms": report.conforms if report else None,
        "exit_code": outcome.exit_code,
        "fail_on": outcome.fail_on,
        "engine": report.engine if report else None,
        "checked_by_pyshacl": outcome.pyshacl_shapes(),
        "seconds": round(report.seconds, 3) if report else None,
        "counts": outcome.counts(),
        "inputs": [
            {"source": i.source, "kind": i.kind, "format": i.format, "quads": i.quads}
            for i in outcome.inputs
        ],
        "errors": [
            {
                "file": e.file,
                "line": e.line,
                "column": e.column,
                "kind": e.kind,
                "message": e.message,
            }
            for e in outcome.errors
        ],
        "warnings": list(outcome.warnings),
        "results": [result_dict(r) for r in outcome.results],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, **properties: object) -> str:
    props = ",".join(
        f"{name}={_escape_property(str(value))}"
        for name, value in properties.items()
        if value is not None
    )
    return f"::{kind}{' ' + props if props else ''}::{_escape_data(message)}"


#: Workflow command for each severity.
GITHUB_COMMANDS = {"Violation": "error", "Warning": "warning", "Info": "notice"}


def render_github(outcome: Outcome) -> str:
    """GitHub Actions workflow commands: an annotation per result (or per input error)."""
    lines = []
    for error in outcome.errors:
        lines.append(
            _command(
                "error",
                error.message,
                file=outcome.relative(error.file),
                line=error.line,
                col=error.column,
                title=f"borderkg validate: {error.kind}",
            )
        )
    compact = outcome.compact
    for result in outcome.results:
        shape = outcome.shape_of(result)
        detail = [f"focus node {compact.term(result.focus_node)}"]
        if result.path:
            detail.append(f"path {compact.term(result.path)}")
        if result.value is not None:
            detail.append(f"value {compact.term(result.value)}")
        title = f"{shape.name} ({shape.id})" if shape.name else shape.id
        lines.append(
            _command(
                GITHUB_COMMANDS.get(result.severity, "error"),
                f"{result.message}\n{'; '.join(detail)}",
                file=outcome.relative(result.file) if result.file else None,
                line=result.line if result.file else None,
                title=f"{result.severity}: {title}",
            )
        )
    lines.append(click.unstyle(verdict(outcome)))
    return "\n".join(lines) + "\n"


def formatters() -> dict[str, Callable[[Outcome], str]]:
    """Output format name → function rendering an :class:`Outcome` as text."""
    from borderkg.reportci import render_junit, render_sarif

    return {
        "human": render_human,
        "json": render_json,
        "junit": render_junit,
        "github": render_github,
        "sarif": render_sarif,
    }


#: The output format names ``--format`` accepts.
FORMATS = ("human", "json", "junit", "github", "sarif")


def render(outcome: Outcome, fmt: str) -> str:
    """The outcome in one of :data:`FORMATS`."""
    formatter = formatters().get(fmt)
    if formatter is None:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return formatter(outcome)

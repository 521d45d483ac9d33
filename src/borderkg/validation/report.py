"""The validation report model shared by every engine, the load-time gate and the CLI.

Terms are kept as N-Triples strings (``<http://…>``, ``"v"^^<dt>``, ``"v"@en``, ``_:b0``) so the
results of two engines compare exactly as plain values, and the CLI can print them unchanged.
The exit code is decided here from the report, never from an engine's own exit status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SH = "http://www.w3.org/ns/shacl#"

#: Severity names in rising order of gravity.
SEVERITIES = ("Info", "Warning", "Violation")

_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL validation result, with every RDF term in N-Triples form.

    ``constraint_component`` is the full IRI of the constraint component, ``path`` the SPARQL
    property-path text of ``sh:resultPath``, ``source_shape`` the shape IRI (or a stable id for
    a blank-node shape), ``shape_name`` the ``sh:name`` of the shape (or of its parent node
    shape), ``graph`` the named graph the focus node was found in when the engine knows it,
    and ``file``/``line`` where a file input gives them.
    """

    severity: str
    focus_node: str
    path: str | None
    value: str | None
    constraint_component: str
    source_shape: str
    message: str
    shape_name: str | None = None
    graph: str | None = None
    file: str | None = None
    line: int | None = None

    def key(self) -> tuple:
        """Sort key: gravest first, then by shape, focus node, path, value and message."""
        return (
            -(_RANK["Violation"] if is_violation(self.severity) else _RANK.get(self.severity, 0)),
            self.source_shape,
            self.focus_node,
            self.path or "",
            self.value or "",
            self.constraint_component,
            self.message,
            self.graph or "",
            self.file or "",
            self.line or 0,
        )

    def core(self) -> tuple:
        """The fields two engines must agree on (everything except file and line)."""
        return (
            self.severity,
            self.focus_node,
            self.path,
            self.value,
            self.constraint_component,
            self.source_shape,
            self.message,
            self.shape_name,
        )


def severity_rank(severity: str) -> int:
    """Rank of a severity name (``Info`` 0, ``Warning`` 1, ``Violation`` 2); accepts any case.

    A custom severity (an IRI other than ``sh:Info``/``sh:Warning``/``sh:Violation``, kept
    as its full IRI) ranks with Violation: SHACL calls data with any result non-conforming,
    and only Info and Warning are known to be milder.
    """
    for name, rank in _RANK.items():
        if name.lower() == severity.lower():
            return rank
    if is_custom_severity(severity):
        return _RANK["Violation"]
    raise ValueError(f"unknown severity {severity!r}; expected one of {', '.join(SEVERITIES)}")


def is_custom_severity(severity: str) -> bool:
    """Whether a result's severity is a custom ``sh:severity`` IRI rather than a SHACL name."""
    return ":" in severity


def is_violation(severity: str) -> bool:
    """Whether a result of this severity breaks conformance and keeps data out of the store:
    Violation and custom severities (which rank with it), never Warning or Info."""
    return severity == "Violation" or is_custom_severity(severity)


@dataclass
class ValidationReport:
    """All results of one validation run, with the engine that produced them.

    ``engine`` names the engine (``pyshacl``, ``sparql``); ``shape_engines`` says which engine
    handled each shape (the fast engine hands shapes it cannot compile to pyshacl), and
    ``notes`` why.
    """

    results: list[ValidationResult]
    engine: str
    seconds: float = 0.0
    shape_engines: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when no result is a Violation or of a custom severity (warnings and infos do
        not break conformance)."""
        return not self.violations

    @property
    def violations(self) -> list[ValidationResult]:
        """Results of severity Violation or of a custom severity (ranked with it), sorted."""
        return sorted(
            (r for r in self.results if is_violation(r.severity)), key=ValidationResult.key
        )

    @property
    def warnings(self) -> list[ValidationResult]:
        """Results of severity Warning, sorted."""
        return self._of("Warning")

    @property
    def infos(self) -> list[ValidationResult]:
        """Results of severity Info, sorted."""
        return self._of("Info")

    def _of(self, severity: str) -> list[ValidationResult]:
        return sorted((r for r in self.results if r.severity == severity), key=ValidationResult.key)

    def exit_code(self, fail_on: str = "violation") -> int:
        """0 when no result is at or above ``fail_on`` (``violation``/``warning``/``info``), else 1."""
        threshold = severity_rank(fail_on)
        return int(any(severity_rank(r.severity) >= threshold for r in self.results))

    def key(self) -> list[tuple]:
        """The results' sort keys, in order: a stable value for comparing and printing reports."""
        return sorted(r.key() for r in self.results)

    def sorted_results(self) -> list[ValidationResult]:
        """The results in stable output order (gravest first, then shape, focus node …)."""
        return sorted(self.results, key=ValidationResult.key)

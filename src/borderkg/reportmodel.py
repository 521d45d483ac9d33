"""What every ``borderkg validate`` output format is made from.

:class:`Outcome` bundles a validation report with the inputs it covered, the input errors
that stopped it, the catalogue of shapes (for JUnit test cases and SARIF rules) and the
exit code; the formatters in ``borderkg.reportfmt`` and ``borderkg.reportci`` only read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

# The catalogue of shapes is built by the core; re-exported for the formatters.
from borderkg.validation.catalog import ShapeInfo, display_id, shape_catalog
from borderkg.validation.report import ValidationReport, ValidationResult, severity_rank
from borderkg.validation_inputs import InputError, InputFile

__all__ = [
    "Compactor",
    "Outcome",
    "ShapeInfo",
    "default_compactor",
    "display_id",
    "group_by_shape",
    "plural",
    "shape_catalog",
]

_IRI_TOKEN = re.compile(r"<([^<>\s]*)>")
# Local names shortened for reading; ``#``, ``=`` and ``,`` keep article nodes short
# (``article:abc#char=120,148``) although Turtle would need them escaped.
_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_][\w\-.#=,]*(?<!\.)$")


class Compactor:
    """Writes IRIs with prefixes (``bkg:Policy``) for people; machines get full terms."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # Longest namespace first, so the most specific prefix wins.
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def iri(self, iri: str) -> str:
        """``pfx:local`` when a prefix fits and the local part is a plain name, else ``<iri>``."""
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def term(self, text: str | None) -> str:
        """A term or path in N-Triples/SPARQL form with every IRI in it compacted."""
        if text is None:
            return "—"
        if text.startswith('"'):
            # A literal: compact only its datatype, never text inside the quotes.
            head, sep, datatype = text.rpartition("^^")
            if sep and datatype.startswith("<") and datatype.endswith(">"):
                return head + "^^" + self.iri(datatype[1:-1])
            return text
        return _IRI_TOKEN.sub(lambda m: self.iri(m.group(1)), text)


def default_compactor(
    shapes: Graph | None = None, extra: Mapping[str, str] | None = None
) -> Compactor:
    """The project prefixes, ``bkgsh:``, ``sh:``, ``xsd:``, then the shapes' and ``extra``'s.

    Project prefixes win a clash; ``extra`` holds the prefixes the input files declare.
    """
    from borderkg.ontology.namespaces import PREFIXES

    prefixes = {
        "sh": str(SH),
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "bkgsh": "https://w3id.org/borderkg/shapes#",
    }
    declared = [(p, str(n)) for p, n in shapes.namespaces()] if shapes is not None else []
    declared += list((extra or {}).items())
    prefixes.update(PREFIXES)
    for prefix, namespace in declared:
        if prefix and namespace not in prefixes.values():
            prefixes.setdefault(prefix, namespace)
    return Compactor(prefixes)


@dataclass
class Outcome:
    """A run of ``borderkg validate``: the report (``None`` when inputs failed) and context."""

    report: ValidationReport | None
    exit_code: int
    fail_on: str = "violation"
    inputs: list[InputFile] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    shapes: dict[str, ShapeInfo] = field(default_factory=dict)
    compact: Compactor = field(default_factory=lambda: default_compactor())
    root: Path = field(default_factory=Path.cwd)

    @property
    def results(self) -> list[ValidationResult]:
        """The report's results in stable order (none when the run stopped on inputs)."""
        return self.report.sorted_results() if self.report else []

    def fails(self, result: ValidationResult) -> bool:
        """Whether ``result`` is at or above the ``--fail-on`` severity."""
        return severity_rank(result.severity) >= severity_rank(self.fail_on)

    def shape_of(self, result: ValidationResult) -> ShapeInfo:
        """The catalogue entry of the result's source shape (made up for unnamed shapes)."""
        known = self.shapes.get(result.source_shape)
        if known is not None:
            return known
        source = result.source_shape
        ident = source if source.startswith("_:") else self.compact.iri(source).strip("<>")
        return ShapeInfo(source, ident, result.shape_name, None, result.severity)

    def all_shapes(self) -> list[ShapeInfo]:
        """The catalogue plus any shape that reported but is not in it (blank-node shapes)."""
        shapes = dict(self.shapes)
        for result in self.results:
            shapes.setdefault(result.source_shape, self.shape_of(result))
        return sorted(shapes.values(), key=lambda s: s.id)

    def pyshacl_shapes(self) -> list[str]:
        """Ids of the shapes the fast engine handed to pyshacl (it could not translate them).

        Empty when pyshacl ran everything (``--engine pyshacl``) or nothing was validated.
        """
        report = self.report
        if report is None or report.engine == "pyshacl":
            return []
        keys = [key for key, engine in report.shape_engines.items() if engine == "pyshacl"]
        return sorted(self.shapes[k].id if k in self.shapes else k for k in keys)

    def counts(self) -> dict[str, int]:
        """Results per severity: ``{"violations": …, "warnings": …, "infos": …}``."""
        report = self.report
        if report is None:
            return {"violations": 0, "warnings": 0, "infos": 0}
        return {
            "violations": len(report.violations),
            "warnings": len(report.warnings),
            "infos": len(report.infos),
        }

    def relative(self, file: str) -> str:
        """A file path relative to the working folder, with ``/`` separators when possible."""
        path = Path(file)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def group_by_shape(
    results: Iterable[ValidationResult],
) -> dict[tuple[int, str], list[ValidationResult]]:
    """Results grouped by (gravest first) severity and source shape, in stable order."""
    groups: dict[tuple[int, str], list[ValidationResult]] = {}
    for result in results:
        groups.setdefault((-severity_rank(result.severity), result.source_shape), []).append(result)
    for members in groups.values():
        members.sort(key=lambda r: (r.file or "\uffff", r.line or 0, r.focus_node, r.path or ""))
    return groups


def plural(count: int, word: str) -> str:
    """``1 violation``, ``2 violations``."""
    return f"{count} {word}{'' if count == 1 else 's'}"

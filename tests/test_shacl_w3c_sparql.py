"""Conformance of ``borderkg validate`` with the SHACL-SPARQL part of the W3C SHACL test suite.

The part is vendored in tests/fixtures/w3c-shacl-sparql/ (see its README.md). Every
``sht:Validate`` entry reachable from its root manifest is run and compared like the Core
entries (tests/w3cshacl.py), with the engines ``auto`` and ``sparql``. An entry expecting
``sht:Failure`` brings a shapes graph SHACL-SPARQL forbids (a pre-bound query with MINUS,
VALUES, SERVICE, a subquery that drops ``$this``, ``AS $this``): ``borderkg validate`` must
refuse it before validating, with exit code 2 and a message naming the shape and the reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from w3cshacl import (
    Entry,
    borderkg_validate,
    check_report,
    entries,
    input_file,
    missing_files,
    params,
    turtle_that_does_not_parse,
)

from borderkg import validatecli

SUITE = Path(__file__).parent / "fixtures" / "w3c-shacl-sparql"

#: Entries whose expected report our engines do not give, with the reason (strict xfail: a
#: fix makes the test fail until the entry is taken off this list).
_COMPONENT_CONFORM = (
    "upstream error: the shapes graph is ill-formed, so borderkg refuses it (exit 2) where the "
    "entry expects sh:conforms true: its validator's query 'SELECT DISTINCT $this WHERE { "
    "FILTER false }' is not SPARQL 1.1 (a FILTER constraint is bracketed, a built-in call or a "
    "function call: grammar rule [68]; rdflib and Oxigraph reject it), and it is a SELECT-based "
    "validator given as sh:validator, which takes ASK-based ones (w3c/data-shapes#96)"
)
_COMPONENT_NONCONFORM = (
    "upstream error: the expected result names sh:sourceConstraintComponent ex:SillyConstraint, "
    "which the shapes graph does not define (its component is ex:SillyConstraintComponent), and "
    "the component's sh:validator is a SELECT-based validator, which sh:validator does not take "
    "(w3c/data-shapes#96): borderkg refuses the shapes (exit 2)"
)
_SHAPES_GRAPH = (
    "optional feature, not an upstream error: SHACL-SPARQL lets a processor leave $shapesGraph "
    "unsupported if it reports a failure for a query that uses it, which borderkg does (exit 2, "
    "'it uses $shapesGraph, which borderkg does not support'); pyshacl 0.40.1 refuses it too"
)
KNOWN_DEVIATIONS: dict[tuple[str, str], str] = {
    (ident, engine): reason
    for ident, reason in (
        ("core/component-conform", _COMPONENT_CONFORM),
        ("core/component-nonconform", _COMPONENT_NONCONFORM),
        ("pre-binding/shapesGraph-001", _SHAPES_GRAPH),
    )
    for engine in ("auto", "sparql")
}

#: What the refusal of each ``sht:Failure`` entry must name: the shape, and the reason.
REFUSALS = {
    "pre-binding/pre-binding-006": ("TestShape", "subquery"),
    "pre-binding/unsupported-sparql-001": ("TestShape", "MINUS"),
    "pre-binding/unsupported-sparql-002": ("TestShape", "VALUES"),
    "pre-binding/unsupported-sparql-003": ("TestShape", "SERVICE"),
    "pre-binding/unsupported-sparql-004": ("TestShape", "subquery"),
    "pre-binding/unsupported-sparql-005": ("TestShape", "AS $this"),
    "pre-binding/unsupported-sparql-006": ("LanguageConstraintComponentUsingASK", "$value"),
}

ENTRIES = entries(SUITE)
REPORTS = [e for e in ENTRIES if not e.expects_failure]
FAILURES = [e for e in ENTRIES if e.expects_failure]


@pytest.mark.parametrize(("entry", "engine"), params(REPORTS, ("auto", "sparql"), KNOWN_DEVIATIONS))
def test_w3c_sparql_entry_gives_the_expected_report(
    entry: Entry, engine: str, tmp_path: Path
) -> None:
    """``auto``: the entry's files as they are; ``sparql``: its shapes given messages."""
    check_report(entry, engine, tmp_path)


@pytest.mark.parametrize("entry", FAILURES, ids=[e.ident for e in FAILURES])
def test_w3c_sparql_failure_entry_is_refused_with_exit_2(entry: Entry) -> None:
    """The shapes are refused while they are read, before any engine runs (so whatever the
    engine): no report, one error naming the shape and the reason."""
    shape, reason = REFUSALS[entry.ident]
    outcome = validatecli.run(
        [str(input_file(entry.data))], shapes_files=[str(input_file(entry.shapes))]
    )
    assert (outcome.report, outcome.exit_code) == (None, 2)
    assert [error.kind for error in outcome.errors] == ["shapes"]
    message = outcome.errors[0].message
    assert shape in message and reason in message, message


# -- the suite itself --------------------------------------------------------------------------


def test_every_vendored_turtle_file_parses() -> None:
    assert turtle_that_does_not_parse(SUITE) == []


def test_no_entry_of_the_vendored_suite_lacks_a_file() -> None:
    assert [(e.ident, missing_files(e)) for e in ENTRIES if missing_files(e)] == []


def test_manifests_reach_every_entry_of_the_sparql_sections() -> None:
    sections = {entry.ident.split("/")[0] for entry in ENTRIES}
    assert sections == {"component", "core", "node", "pre-binding", "property"}
    assert len(ENTRIES) == len({entry.ident for entry in ENTRIES}) == 27
    assert sorted(e.ident for e in FAILURES) == sorted(REFUSALS)


# -- the real command --------------------------------------------------------------------------


def test_command_exits_2_naming_the_shape_a_forbidden_query_belongs_to() -> None:
    suite_file = str(SUITE / "pre-binding" / "unsupported-sparql-001.ttl")
    done = borderkg_validate(suite_file, "--shapes", suite_file, "--engine", "pyshacl")
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert report["results"] == []
    [error] = report["errors"]
    assert "ex:TestShape" in error["message"] and "MINUS" in error["message"], error


def test_command_exits_1_with_a_sparql_constraint_violation_in_its_json() -> None:
    suite_file = str(SUITE / "property" / "sparql-001.ttl")
    done = borderkg_validate(suite_file, "--shapes", suite_file)
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)["results"]
    assert [(r["focus_node"], r["value"]) for r in results] == [
        (
            "<http://datashapes.org/sh/tests/sparql/property/sparql-001.test#InvalidCountry>",
            '"Spain"@en',
        )
    ]

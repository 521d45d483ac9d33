"""``borderkg validate`` as an audit found it wanting, mended: where syntax errors are, broken
SPARQL in a researcher's shapes, what the verdict and the report say, and the wording of the
evidence-span message. (The pre-commit hook and the documented CI job are tested in
test_validate_cli.py, next to the tests that already read them.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from borderkg.cli import main
from borderkg.shapequeries import sparql_errors
from borderkg.validation_inputs import _syntax_error, read_shapes

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
SHAPES_HEAD = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix bkg: <https://w3id.org/borderkg/ontology#> .\n"
    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix team: <https://example.org/team-shapes#> .\n"
)


def validate(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args])


def validate_json(*args: str) -> tuple[int, dict]:
    result = validate("--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- 1, 2: syntax errors are located once, in every format -------------------------------------

BAD_RDFXML = (
    '<?xml version="1.0"?>\n'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
    '  <rdf:Description rdf:about="https://example.org/a">\n'
    "  </rdf:Descriptio>\n"
    "</rdf:RDF>\n"
)


def test_rdfxml_well_formedness_error_is_reported_at_file_line_and_column(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.rdf", BAD_RDFXML)
    human = validate(bad)
    assert human.exit_code == 2
    assert f"{bad}:4:5: ill-formed document" in human.stdout
    code, document = validate_json(bad)
    assert code == 2
    (error,) = document["errors"]
    assert (error["line"], error["column"], error["kind"]) == (4, 5, "syntax")


def test_rdfxml_shapes_file_error_is_located_too(tmp_path: Path) -> None:
    bad = write(tmp_path, "team.rdf", BAD_RDFXML)
    _graph, (error,) = read_shapes([bad])
    assert (error.line, error.column) == (4, 5)


def test_turtle_error_between_columns_prints_its_position_once(tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad2.ttl",
        "@prefix ex: <https://example.org/> .\nex:a ex:p ex:b .\nex:a ex:p ex:c ex:d .\n",
    )
    result = validate(bad)
    assert result.exit_code == 2
    assert f"{bad}:3:16: A dot is expected at the end of statements" in result.stdout
    assert "Parser error" not in result.stdout
    assert "between columns" not in result.stdout


@pytest.mark.parametrize(
    "message",
    [
        "Parser error at line 3 between columns 16 and 20: A dot is expected",
        "Parser error at line 3 column 16: A dot is expected",
        "Parser error between line 3 column 16 and line 4 column 2: A dot is expected",
    ],
)
def test_position_in_the_parser_message_is_parsed_and_stripped(message: str) -> None:
    error = _syntax_error("x.ttl", SyntaxError(message))
    assert (error.line, error.column, error.message) == (3, 16, "A dot is expected")


# -- 3: a broken SPARQL constraint fails whatever the data ----------------------------------

BROKEN_SELECT = SHAPES_HEAD + (
    "team:S a sh:NodeShape ; sh:targetClass team:NothingHasThisClass ;\n"
    '  sh:sparql [ a sh:SPARQLConstraint ; sh:message "m" ;\n'
    '    sh:select "SELECT $this WHERE { $this bkg:p ?o " ] .\n'
)


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_broken_sparql_constraint_fails_even_when_no_node_is_targeted(
    tmp_path: Path, engine: str
) -> None:
    shapes = write(tmp_path, "team.ttl", BROKEN_SELECT)
    code, document = validate_json(
        "--engine", engine, "--shapes", shapes, str(FIXTURES / "conforming.ttl")
    )
    assert code == 2
    (error,) = document["errors"]
    assert (error["file"], error["kind"]) == (shapes, "shapes")
    assert "team:S" in error["message"]
    assert "sh:select" in error["message"] and "does not parse" in error["message"]
    assert "Expected" in error["message"]  # the parser's own words


def test_sparql_prefixes_are_those_of_sh_prefixes(tmp_path: Path) -> None:
    query = "SELECT $this WHERE { $this my:p ?o }"
    undeclared = SHAPES_HEAD + (
        "team:S a sh:NodeShape ; sh:targetClass team:Nothing ;\n"
        f'  sh:sparql [ a sh:SPARQLConstraint ; sh:message "m" ; sh:select "{query}" ] .\n'
    )
    declared = SHAPES_HEAD + (
        'team: a owl:Ontology ; sh:declare [ sh:prefix "my" ;\n'
        '  sh:namespace "https://example.org/my#"^^xsd:anyURI ] .\n'
        "team:S a sh:NodeShape ; sh:targetClass team:Nothing ;\n"
        '  sh:sparql [ a sh:SPARQLConstraint ; sh:message "m" ; sh:prefixes team: ;\n'
        f'    sh:select "{query}" ] .\n'
    )
    _graph, errors = read_shapes([write(tmp_path, "undeclared.ttl", undeclared)])
    assert len(errors) == 1 and "my" in errors[0].message
    assert read_shapes([write(tmp_path, "declared.ttl", declared)])[1] == []


def test_broken_ask_validator_and_path_without_a_path_fail_up_front(tmp_path: Path) -> None:
    shapes = SHAPES_HEAD + (
        "team:Component a sh:ConstraintComponent ;\n"
        "  sh:parameter [ sh:path team:flag ] ;\n"
        '  sh:validator [ a sh:SPARQLAskValidator ; sh:ask "ASK { $value = " ] .\n'
        "team:NoPath a sh:NodeShape ; sh:targetClass team:Nothing ;\n"
        '  sh:sparql [ a sh:SPARQLConstraint ; sh:message "m" ;\n'
        '    sh:select "SELECT $this WHERE { $this $PATH ?o }" ] .\n'
    )
    _graph, errors = read_shapes([write(tmp_path, "team.ttl", shapes)])
    messages = sorted(e.message for e in errors)
    assert len(messages) == 2, messages
    assert messages[0].startswith("constraint component team:Component: its sh:ask query")
    assert messages[1].startswith("shape team:NoPath:") and "$PATH" in messages[1]


def test_working_sparql_shapes_pass_the_check(tmp_path: Path) -> None:
    shapes = SHAPES_HEAD + (
        "team:S a sh:NodeShape ; sh:targetClass bkg:Policy ;\n"
        "  sh:property [ sh:path bkg:status ; sh:sparql [ a sh:SPARQLConstraint ;\n"
        '    sh:message "m" ;\n'
        '    sh:select """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n'
        '      SELECT $this ?value WHERE { $this $PATH ?value . ?value skos:notation ?n }""" ] ] .\n'
    )
    path = write(tmp_path, "team.ttl", shapes)
    assert read_shapes([path])[1] == []
    assert validate("--shapes", path, str(FIXTURES / "conforming.ttl")).exit_code == 0


def test_every_shipped_sparql_query_passes_the_check() -> None:
    from rdflib.namespace import SH

    from borderkg.shapes import shapes_graph

    graph = shapes_graph()
    nodes = set(graph.subjects(SH.select, None)) | set(graph.subjects(SH.ask, None))
    assert nodes
    assert sparql_errors(graph, {"shipped": nodes}) == []


# -- 4, 5: the verdict and the report say what happened --------------------------------------


def test_verdict_under_fail_on_warning_says_warnings_fail_the_run() -> None:
    result = validate(str(FIXTURES / "warning.ttl"), "--fail-on", "warning")
    assert result.exit_code == 1
    last = result.stdout.strip().splitlines()[-1]
    assert "warnings fail this run (--fail-on warning): 0 violations, 2 warnings" in last
    assert "conforms" not in last
    lenient = validate(str(FIXTURES / "warning.ttl"))
    assert "✓ conforms: 0 violations, 2 warnings" in lenient.stdout


def test_shapes_handed_to_pyshacl_are_named_in_the_report(tmp_path: Path) -> None:
    # A shape without sh:message is delegated: pyshacl writes its generic messages.
    shapes = write(
        tmp_path,
        "team.ttl",
        SHAPES_HEAD + "team:Start a sh:NodeShape ; sh:targetClass bkg:Policy ;\n"
        "  sh:property team:StartDate .\n"
        "team:StartDate a sh:PropertyShape ; sh:path bkg:inForceFrom ; sh:minCount 1 .\n",
    )
    data = str(FIXTURES / "conforming.ttl")
    human = validate("--shapes", shapes, data)
    assert "checked by pyshacl: team:StartDate\n" in human.stdout
    code, document = validate_json("--shapes", shapes, data)
    assert code == 1
    assert document["checked_by_pyshacl"] == ["team:StartDate"]
    assert document["engine"] == "sparql"
    _, plain = validate_json(data)
    assert plain["checked_by_pyshacl"] == []
    assert "checked by pyshacl" not in validate(data).stdout


# -- 6: the evidence-span message reads well however the offsets are wrong ------------------


@pytest.mark.parametrize(
    ("begin", "end", "selected"),
    [("40", "32", "“”"), ("0", "30", "“Border police put up new camer”")],
)
def test_evidence_span_message_reads_well_when_the_span_is_reversed_or_short(
    tmp_path: Path, begin: str, end: str, selected: str
) -> None:
    text = (FIXTURES / "conforming.ttl").read_text("utf-8")
    text = text.replace('beginIndex "0"', f'beginIndex "{begin}"')
    text = text.replace('endIndex "32"', f'endIndex "{end}"')
    data = write(tmp_path, "span.ttl", text)
    code, document = validate_json(data)
    assert code == 1
    (result,) = [r for r in document["results"] if "anchor-matches-text" in r["source_shape"]]
    message = result["message"]
    assert "reads :" not in message
    assert f"differs from the text its offsets select, {selected}" in message

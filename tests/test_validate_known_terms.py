"""``borderkg validate`` names misspelt terms, which SHACL alone lets pass silently."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from borderkg.cli import main

BKG = "https://w3id.org/borderkg/ontology#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SHAPE = "https://w3id.org/borderkg/shapes#KnownTermsShape"
COMPONENT = "https://w3id.org/borderkg/shapes#KnownTermConstraintComponent"
CONFORMING = Path(__file__).parent / "fixtures" / "validate" / "conforming.ttl"

HEAD = """@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/nkb/> .
"""


def known_term_results(tmp_path: Path, body: str) -> tuple[int, list[dict]]:
    data = tmp_path / "data.ttl"
    data.write_text(HEAD + body, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(data)])
    document = json.loads(result.stdout)
    return result.exit_code, [r for r in document["results"] if r["source_shape"] == SHAPE]


def test_a_misspelt_ontology_property_is_a_violation_on_its_own_line_with_a_guess(
    tmp_path: Path,
) -> None:
    code, results = known_term_results(
        tmp_path, "ex:p1 ex:note 1 ;\n    bkg:implementedby ex:a1 .\n"
    )
    assert code == 1
    (result,) = results
    assert result["severity"] == "Violation"
    assert result["focus_node"] == "<https://example.org/nkb/p1>"
    assert result["path"] == f"<{BKG}implementedby>"
    assert result["value"] == "<https://example.org/nkb/a1>"
    assert result["constraint_component"] == COMPONENT
    assert result["line"] == 6  # the statement's line, not the subject's (5)
    assert "Did you mean bkg:implementedBy?" in result["message"]


def test_a_misspelt_ontology_class_is_a_violation_naming_the_class(tmp_path: Path) -> None:
    code, results = known_term_results(tmp_path, "ex:p1 a bkg:Polcy .\n")
    assert code == 1
    (result,) = results
    assert (result["path"], result["value"]) == (
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
        f"<{BKG}Polcy>",
    )
    assert "not a class of the borderkg ontology. Did you mean bkg:Policy?" in result["message"]


def test_a_class_used_as_a_property_is_named_as_such(tmp_path: Path) -> None:
    _, results = known_term_results(tmp_path, "ex:p1 bkg:Policy ex:x .\n")
    (result,) = results
    assert result["severity"] == "Violation"
    assert (
        "bkg:Policy is a class of the borderkg ontology, used here as a property"
        in (result["message"])
    )


def test_a_near_miss_of_a_reused_term_is_a_warning_and_a_far_one_is_nothing(
    tmp_path: Path,
) -> None:
    code, results = known_term_results(
        tmp_path, "ex:e1 sem:hasPlce ex:x ;\n    dcterms:creator ex:y ;\n    ex:anything 3 .\n"
    )
    assert code == 0  # warnings pass by default
    (result,) = results
    assert (result["severity"], result["path"]) == ("Warning", f"<{SEM}hasPlce>")
    assert "Did you mean sem:hasPlace?" in result["message"]


def test_terms_the_ontology_declares_give_no_result_and_junit_lists_the_check(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "--format", "junit", str(CONFORMING)])
    assert result.exit_code == 0, result.output
    cases = {case.get("name"): case for case in ET.fromstring(result.stdout).iter("testcase")}
    name = "bkgsh:KnownTermsShape (Known terms)"
    assert name in cases
    assert cases[name].find("failure") is None


def test_a_misspelt_place_gets_the_closest_described_place_and_a_far_one_none(
    tmp_path: Path,
) -> None:
    data = tmp_path / "places.ttl"
    data.write_text(
        HEAD
        + "@prefix place: <https://w3id.org/borderkg/id/place/> .\n"
        + "ex:p1 sem:hasPlace place:hyesn .\nex:p2 sem:hasPlace place:zzqqxx .\n"
        + "ex:p1 a bkg:Policy .\nex:p2 a bkg:Policy .\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(data)])
    by_value = {
        r["value"]: r["message"]
        for r in json.loads(result.stdout)["results"]
        if r["path"] == f"<{SEM}hasPlace>"
    }
    place = "https://w3id.org/borderkg/id/place/"
    assert by_value[f"<{place}hyesn>"].endswith(f"Did you mean {place}hyesan?")
    assert "Did you mean" not in by_value[f"<{place}zzqqxx>"]

"""Where ``borderkg validate`` locates a result, and whose advice it gives.

A result is located on the input's own statement about its focus node (the lines where the
node is a subject), never on a line that only mentions it as an object; a node of the
project's vocabulary that an input merely points to gets no file. The advice of the
identifier-uniqueness rule depends on whose the two nodes are: the researcher's own nodes
get "change your file", the project's get "report it upstream". Real files, the real CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from borderkg.cli import main
from borderkg.sourcelines import find_line

EX = "https://example.org/research/"
SINUIJU = "<https://w3id.org/borderkg/id/place/sinuiju>"
UNIQUE = "https://w3id.org/borderkg/shapes#ExternalIdentifier-unique"

PREFIXES = """@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix measure: <https://w3id.org/borderkg/scheme/measure-type/> .
@prefix status: <https://w3id.org/borderkg/scheme/policy-status/> .
@prefix place: <https://w3id.org/borderkg/id/place/> .
@prefix ex: <https://example.org/research/> .
"""
# Line 9 mentions Sinuiju as an object; the twin is described from line 13, the two
# markets sharing a QID from lines 16 and 18.
PLACES = (
    PREFIXES
    + """ex:policy-1 a bkg:Policy ;
    sem:hasPlace place:sinuiju ;
    bkg:measureType measure:BorderClosure ; bkg:status status:InForce .

# my own places
ex:place-sinuiju-twin a bkg:Settlement ;
    skos:prefLabel "Sinuiju (my copy)"@en ;
    skos:exactMatch <http://www.wikidata.org/entity/Q156243> .
ex:market-a a bkg:Settlement ; skos:prefLabel "Market A"@en ;
    skos:exactMatch <http://www.wikidata.org/entity/Q1000> .
ex:market-b a bkg:Settlement ; skos:prefLabel "Market B"@en ;
    skos:exactMatch <http://www.wikidata.org/entity/Q1000> .
"""
)


def run_json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def places_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("places") / "my-article.ttl"
    path.write_text(PLACES, encoding="utf-8")
    return path, run_json(str(path))


def unique_results(document: dict, focus: str) -> list[dict]:
    return [
        r for r in document["results"] if r["source_shape"] == UNIQUE and r["focus_node"] == focus
    ]


def test_projects_vocabulary_node_only_mentioned_by_the_input_gets_no_file(places_report) -> None:
    _path, document = places_report
    [result] = unique_results(document, SINUIJU)
    assert result["file"] is None and result["line"] is None


def test_researchers_node_is_located_on_its_own_statement(places_report) -> None:
    path, document = places_report
    # On the line of the node's own skos:exactMatch statement, inside its block.
    [twin] = unique_results(document, f"<{EX}place-sinuiju-twin>")
    assert (twin["file"], twin["line"]) == (str(path), 15)
    [a] = unique_results(document, f"<{EX}market-a>")
    [b] = unique_results(document, f"<{EX}market-b>")
    assert (a["line"], b["line"]) == (17, 19)


def test_advice_on_the_projects_node_says_it_is_the_projects_and_to_report_upstream(
    places_report,
) -> None:
    _path, document = places_report
    [result] = unique_results(document, SINUIJU)
    message = result["message"]
    assert "borderkg's own vocabulary node" in message
    assert "report it upstream" in message
    assert f"{EX}place-sinuiju-twin" in message
    assert "ontology/registry" not in message


def test_advice_on_the_researchers_node_says_what_to_change_in_their_file(places_report) -> None:
    _path, document = places_report
    [twin] = unique_results(document, f"<{EX}place-sinuiju-twin>")
    assert "your file" in twin["message"]
    assert "use https://w3id.org/borderkg/id/place/sinuiju" in twin["message"]
    assert "ontology/registry" not in twin["message"]
    [a] = unique_results(document, f"<{EX}market-a>")
    assert "in your file, merge the two entities or remove the wrong link" in a["message"]
    assert "ontology/registry" not in a["message"]


def test_projects_node_described_in_the_input_is_located_on_that_description(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sinuiju.ttl"
    path.write_text(
        PREFIXES
        + "ex:p a bkg:Policy ; sem:hasPlace place:sinuiju .\n"
        + "place:sinuiju skos:exactMatch <http://www.wikidata.org/entity/Q1000> .\n"
        + 'ex:m a bkg:Settlement ; skos:prefLabel "M"@en ;\n'
        + "    skos:exactMatch <http://www.wikidata.org/entity/Q1000> .\n",
        encoding="utf-8",
    )
    document = run_json(str(path))
    [result] = unique_results(document, SINUIJU)
    assert (result["file"], result["line"]) == (str(path), 9)


def test_node_that_nothing_describes_is_located_at_its_mention(tmp_path: Path) -> None:
    """A misspelt place only the input names: the mention is the statement to fix."""
    shapes = tmp_path / "team.ttl"
    shapes.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/research/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:PlaceLabel a sh:NodeShape ; sh:targetObjectsOf sem:hasPlace ;
    sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:message "places need a label" ] .
""",
        encoding="utf-8",
    )
    data = tmp_path / "data.ttl"
    data.write_text(
        PREFIXES + "ex:p a bkg:Policy ;\n    sem:hasPlace place:sinuiu .\n", encoding="utf-8"
    )
    document = run_json(str(data), "--shapes", str(shapes))
    [result] = [r for r in document["results"] if r["message"] == "places need a label"]
    assert result["focus_node"] == "<https://w3id.org/borderkg/id/place/sinuiu>"
    assert (result["file"], result["line"]) == (str(data), 9)


def test_subject_after_another_statement_on_the_same_line_is_found_before_an_object_line() -> None:
    text = PREFIXES + "ex:a ex:knows ex:b .\nex:c ex:p 1 . ex:b ex:q 2 .\n"
    assert find_line(text, f"<{EX}b>", "turtle") == 9


def test_object_on_a_continuation_line_is_not_taken_for_a_subject() -> None:
    text = PREFIXES + "ex:a ex:knows\n    ex:b ,\n    ex:c .\nex:b ex:q 2 .\n"
    assert find_line(text, f"<{EX}b>", "turtle") == 11
    # Without a statement of its own, the mention is still the fallback.
    assert find_line(text, f"<{EX}c>", "turtle") == 10

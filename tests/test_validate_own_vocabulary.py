"""Validating a researcher's own SKOS vocabulary, and data written from docs/data-model.md.

SKOS semantics apply to any vocabulary: a concept is in at least one scheme (several are
fine), and a broader/narrower/related target is a concept the data or the project's schemes
know — a dangling one is reported with the likely intended concept when one is close by
edit distance. The project's own rule stays: a concept is in at most one of its schemes.
Messages about a researcher's concept name their namespace, not the project's (worded after
validation by borderkg.validation.advice). Real files and the real CLI; the shape suite
(tests/fixtures/shapes/concept) checks both engines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from borderkg.cli import main
from borderkg.shapes import BKGSH, shapes_graph
from borderkg.validation import validate
from borderkg.validation.advice import in_scheme_message, unique_message
from borderkg.validation.checks import pattern_check
from borderkg.validation.data import add_background
from borderkg.validation.suggest import closest_concept, edit_distance

VOCAB = "https://example.org/research/vocab/"
SHAPES = "https://w3id.org/borderkg/shapes#"
IN_SCHEME = SHAPES + "Concept-inScheme"
PROJECT_SCHEME = SHAPES + "Concept-projectScheme"
BROADER, RELATED = SHAPES + "Concept-broader", SHAPES + "Concept-related"
CLASS = "http://www.w3.org/ns/shacl#ClassConstraintComponent"
DATA_MODEL = Path(__file__).resolve().parent.parent / "docs" / "data-model.md"

MY_VOCAB = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/research/vocab/> .
@prefix goods: <https://w3id.org/borderkg/scheme/goods/> .

ex:goods a skos:ConceptScheme ; skos:prefLabel "My goods"@en .
ex:markets a skos:ConceptScheme ; skos:prefLabel "Market goods"@en .
ex:Seafood a skos:Concept ; skos:inScheme ex:goods , ex:markets ;
    skos:prefLabel "Seafood"@en ; skos:closeMatch goods:Seafood .
ex:Crab a skos:Concept ; skos:inScheme ex:goods ;
    skos:prefLabel "Crab"@en ; skos:broader ex:Seafod .
ex:Squid a skos:Concept ; skos:prefLabel "Squid"@en ;
    skos:broader ex:Seafood .
ex:Kelp a skos:Concept ; skos:inScheme ex:goods ; skos:prefLabel "Kelp"@en ;
    skos:broader goods:Seafood ; skos:related ex:Zzyzx .
"""


def run_json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def vocab_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("vocab") / "my-vocab.ttl"
    path.write_text(MY_VOCAB, encoding="utf-8")
    return run_json(str(path))


def results_of(document: dict, shape: str, focus: str) -> list[dict]:
    return [
        r
        for r in document["results"]
        if r["source_shape"] == shape and r["focus_node"] == f"<{VOCAB}{focus}>"
    ]


def test_own_concept_without_scheme_names_the_researchers_namespace(vocab_report) -> None:
    [result] = results_of(vocab_report, IN_SCHEME, "Squid")
    assert f"your namespace: {VOCAB}" in result["message"]
    assert "w3id.org/borderkg/scheme" not in result["message"]
    assert result["line"] == 11


def test_own_concept_in_two_schemes_of_the_researcher_conforms(vocab_report) -> None:
    assert results_of(vocab_report, IN_SCHEME, "Seafood") == []


def test_misspelt_broader_target_is_reported_with_the_likely_intended_concept(
    vocab_report,
) -> None:
    [result] = results_of(vocab_report, BROADER, "Crab")
    assert result["constraint_component"] == CLASS
    assert result["value"] == f"<{VOCAB}Seafod>"
    assert result["path"] == "<http://www.w3.org/2004/02/skos/core#broader>"
    assert result["message"].endswith(f"Did you mean {VOCAB}Seafood?")
    assert result["line"] == 10  # the skos:broader statement's line


def test_broader_project_concept_passes_and_a_far_off_target_gets_no_guess(vocab_report) -> None:
    [result] = results_of(vocab_report, RELATED, "Kelp")
    assert results_of(vocab_report, BROADER, "Kelp") == []
    assert result["value"] == f"<{VOCAB}Zzyzx>"
    assert result["path"] == "<http://www.w3.org/2004/02/skos/core#related>"
    assert "Did you mean" not in result["message"]


def test_project_concept_in_two_of_the_projects_schemes_is_still_a_violation(
    tmp_path: Path,
) -> None:
    path = tmp_path / "extra.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/borderkg/scheme/measure-type/BorderClosure>\n"
        "    skos:inScheme <https://w3id.org/borderkg/scheme/policy-status> .\n",
        encoding="utf-8",
    )
    document = run_json(str(path))
    [result] = [r for r in document["results"] if r["source_shape"].startswith(SHAPES)]
    assert result["source_shape"] == PROJECT_SCHEME
    assert "more than one of borderkg's schemes" in result["message"]
    assert result["line"] == 3  # the skos:inScheme statement's line


def test_project_concept_also_in_a_researchers_scheme_conforms(tmp_path: Path) -> None:
    path = tmp_path / "mine.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/s> a skos:ConceptScheme ; skos:prefLabel "Mine"@en .\n'
        "<https://w3id.org/borderkg/scheme/measure-type/BorderClosure>\n"
        "    skos:inScheme <https://example.org/s> .\n",
        encoding="utf-8",
    )
    document = run_json(str(path))
    assert document["results"] == []


def test_edit_distance_counts_single_character_edits() -> None:
    assert edit_distance("Seafod", "Seafood") == 1
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3


def test_closest_concept_prefers_the_same_namespace_and_refuses_far_guesses() -> None:
    known = [f"{VOCAB}Seafood", f"{VOCAB}Seaweed", "https://w3id.org/borderkg/scheme/goods/Seafod"]
    assert closest_concept(f"{VOCAB}Seafod", known) == f"{VOCAB}Seafood"
    assert closest_concept(f"{VOCAB}seafood", known) == f"{VOCAB}Seafood"
    assert closest_concept(f"{VOCAB}Lobster", known) is None
    # Another vocabulary counts only with exactly the same local name.
    assert closest_concept("https://example.org/other/Seafood", known) == f"{VOCAB}Seafood"


# --- docs/data-model.md's sketches show what the shapes require ------------------------------

SKETCHED = {
    "bkg:Article": "ArticleShape",
    "nif:Context": "TextContextShape",
    "bkg:EvidenceSpan": "EvidenceSpanShape",
    "bkg:Policy": "PolicyShape",
    "bkg:Claim": "ClaimShape",
    "bkg:AnonymousSource": "AnonymousSourceShape",
}


def required_paths(shapes: Graph, node_shape: str) -> set[str]:
    """Prefixed names of the paths a node shape requires (``sh:minCount`` ≥ 1), at any
    severity: a missing Warning property is worth showing in a sketch too."""
    found = set()
    for child in shapes.objects(BKGSH[node_shape], SH.property):
        minimum = shapes.value(child, SH.minCount)
        path = shapes.value(child, SH.path)
        if minimum is not None and int(minimum) >= 1 and isinstance(path, URIRef):
            found.add(shapes.namespace_manager.normalizeUri(path))
    return found


def sketch_statements() -> dict[str, str]:
    """The first Turtle statement of each class in data-model.md's sketches, by class."""
    text = DATA_MODEL.read_text(encoding="utf-8")
    statements: dict[str, str] = {}
    for block in re.findall(r"```turtle\n(.*?)```", text, re.S):
        for statement in re.split(r"\s\.\s*\n", block):
            for cls in SKETCHED:
                if re.search(rf"\ba {re.escape(cls)}\b", statement):
                    statements.setdefault(cls, statement)
    return statements


def test_article_sketch_shows_every_property_the_article_shapes_require() -> None:
    statement = sketch_statements()["bkg:Article"]
    required = required_paths(shapes_graph(), "ArticleShape")
    assert {"dcterms:identifier", "bkg:text"} <= required
    assert {path for path in required if path not in statement} == set()


@pytest.mark.parametrize("cls", [c for c in SKETCHED if c != "bkg:Article"])
def test_other_sketches_show_every_property_their_shapes_require(cls: str) -> None:
    statement = sketch_statements()[cls]
    required = required_paths(shapes_graph(), SKETCHED[cls])
    assert required
    assert {path for path in required if path not in statement} == set()


# --- the advice layer and the native compilation of the project-scheme rule -------------------


def test_own_concept_message_names_the_researchers_schemes_in_that_namespace(vocab_report) -> None:
    [result] = results_of(vocab_report, IN_SCHEME, "Squid")
    assert f"your schemes there: {VOCAB}goods, {VOCAB}markets" in result["message"]


def test_project_concept_without_scheme_is_told_its_scheme_not_a_placeholder() -> None:
    measure = "https://w3id.org/borderkg/scheme/measure-type"
    message = in_scheme_message(f"<{measure}/Kiosk>", [measure, f"{VOCAB}goods"])
    assert f"add skos:inScheme <{measure}>" in message
    assert "{scheme}" not in message and VOCAB not in message
    fallback = in_scheme_message("<https://w3id.org/borderkg/scheme/nowhere/X>", [measure])
    assert "add skos:inScheme one of the project's schemes" in fallback


def test_two_project_nodes_keep_the_maintainers_advice_of_the_shape() -> None:
    place, wd = "<https://w3id.org/borderkg/id/place/", "<http://www.wikidata.org/entity/Q1>"
    assert unique_message(f"{place}a>", f"{place}b>", wd) is None
    assert "your file" in (unique_message(f"<{VOCAB}a>", f"<{VOCAB}b>", wd) or "")


def test_a_literal_text_pattern_is_exact_on_iris_so_the_rule_compiles_to_sparql() -> None:
    assert pattern_check(Literal("^https://w3id\\.org/borderkg/scheme/"), None).iri_exact
    assert not pattern_check(Literal("^[0-9a-f]{64}$"), None).iri_exact
    assert not pattern_check(Literal("^a\\.b"), Literal("i")).iri_exact
    store = ox.Store()
    add_background(store)
    store.update(
        "INSERT DATA { GRAPH <file:///x.ttl> { "
        "<https://w3id.org/borderkg/scheme/measure-type/BorderClosure> "
        "<http://www.w3.org/2004/02/skos/core#inScheme> "
        "<https://w3id.org/borderkg/scheme/policy-status> } }"
    )
    report = validate(store, engine="sparql")
    assert report.shape_engines[PROJECT_SCHEME] == "sparql", report.notes
    assert [r.source_shape for r in report.results] == [PROJECT_SCHEME]

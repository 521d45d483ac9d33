"""The lint queries pass on the shipped ontology, schemes and vocabulary — and can fail.

Every query must return no rows on the shipped data AND must report a deliberately broken
example, so no check can pass merely because it never matches anything.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from borderkg.ontology.lint import LintReport, lint_queries, lint_shipped, run_lint
from borderkg.ontology.namespaces import PLACE

ROOT = Path(__file__).resolve().parent.parent
QUERY_NAMES = sorted(lint_queries())

PREFIXES = """
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix sh:      <http://www.w3.org/ns/shacl#> .
@prefix bkg:     <https://w3id.org/borderkg/ontology#> .
@prefix scheme:  <https://w3id.org/borderkg/scheme/> .
@prefix measure: <https://w3id.org/borderkg/scheme/measure-type/> .
@prefix review:  <https://w3id.org/borderkg/scheme/review-status/> .
@prefix place:   <https://w3id.org/borderkg/id/place/> .
@prefix wd:      <http://www.wikidata.org/entity/> .
"""

BKG = "https://w3id.org/borderkg/ontology#"
MEASURE = "https://w3id.org/borderkg/scheme/measure-type/"

#: query name → (a small graph with exactly the defect it looks for, an IRI it must report).
BROKEN: dict[str, tuple[str, str]] = {
    "lint-term-without-label": (
        'bkg:Orphan a owl:Class ; rdfs:label "고아"@ko ; skos:definition "A class."@en .',
        BKG + "Orphan",
    ),
    "lint-term-without-definition": (
        'bkg:vague a owl:ObjectProperty ; rdfs:label "vague"@en ;'
        ' rdfs:comment "Not a definition."@en .',
        BKG + "vague",
    ),
    "lint-property-without-domain-or-range": (
        'bkg:loose a owl:DatatypeProperty ; rdfs:label "loose"@en ;'
        ' skos:definition "A property."@en ; rdfs:domain bkg:Actor .',
        BKG + "loose",
    ),
    "lint-concept-scheme-membership": (
        "scheme:a a skos:ConceptScheme . scheme:b a skos:ConceptScheme .\n"
        "measure:Twice a skos:Concept ; skos:inScheme scheme:a, scheme:b .",
        MEASURE + "Twice",
    ),
    "lint-concept-without-english-preflabel": (
        'measure:KoreanOnly a skos:Concept ; skos:prefLabel "국경 봉쇄"@ko .',
        MEASURE + "KoreanOnly",
    ),
    "lint-concept-without-definition": (
        'measure:Undefined a skos:Concept ; skos:prefLabel "Undefined"@en ;'
        ' skos:scopeNote "Not a definition."@en .',
        MEASURE + "Undefined",
    ),
    "lint-duplicate-preflabel-in-scheme": (
        'measure:One skos:inScheme scheme:measure-type ; skos:prefLabel "Border closure"@en .\n'
        'measure:Two skos:inScheme scheme:measure-type ; skos:prefLabel "border closure"@en .',
        MEASURE + "One",
    ),
    "lint-preflabel-per-language": (
        'measure:Torn skos:prefLabel "Crackdown"@en, "Campaign"@en .',
        MEASURE + "Torn",
    ),
    "lint-label-clash": (
        'measure:Echo skos:prefLabel "Crackdown"@en ; skos:altLabel "Crackdown"@en .',
        MEASURE + "Echo",
    ),
    "lint-shared-external-identifier": (
        "place:first-china skos:exactMatch wd:Q148 . place:second-china skos:exactMatch wd:Q148 .",
        "http://www.wikidata.org/entity/Q148",
    ),
    "lint-malformed-external-identifier": (
        "place:dandong skos:exactMatch <https://www.wikidata.org/wiki/Q75110> .",
        PLACE + "dandong",
    ),
    "lint-vocabulary-entity-outside-top-classes": (
        "bkg:Settlement rdfs:subClassOf bkg:Location .\n"
        "place:hyesan a bkg:Settlement ; bkg:reviewStatus review:Curated .\n"
        "place:typo a bkg:Setlement ; bkg:reviewStatus review:Curated .",
        PLACE + "typo",
    ),
    "lint-vocabulary-entity-without-preflabel": (
        "place:nameless a bkg:Settlement ; bkg:reviewStatus review:Curated ;"
        ' rdfs:label "Nameless"@en .',
        PLACE + "nameless",
    ),
    "lint-duplicate-preflabel-within-type": (
        'place:tumen-1 a bkg:Settlement ; skos:prefLabel "Tumen"@en ;'
        " bkg:reviewStatus review:Curated .\n"
        'place:tumen-2 a bkg:Settlement ; skos:prefLabel "TUMEN"@en ;'
        " bkg:reviewStatus review:Curated .",
        PLACE + "tumen-1",
    ),
    "lint-reused-term-outside-declared-namespaces": (
        "<https://w3id.org/borderkg/ontology> a owl:Ontology ;"
        ' sh:declare [ sh:prefix "schema" ; sh:namespace "https://schema.org/"^^xsd:anyURI ] .\n'
        "bkg:Town rdfs:subClassOf <https://schema.org/City>, <http://schema.org/Place> .",
        "http://schema.org/Place",
    ),
    "lint-broader-outside-scheme": (
        "measure:Child skos:inScheme scheme:a ; skos:broader measure:Parent .\n"
        "measure:Parent skos:inScheme scheme:b .",
        MEASURE + "Child",
    ),
    "lint-top-concept-inconsistent": (
        "scheme:a a skos:ConceptScheme ; skos:hasTopConcept measure:Top .\n"
        "measure:Top a skos:Concept ; skos:inScheme scheme:a ; skos:topConceptOf scheme:a .\n"
        "measure:Stray a skos:Concept ; skos:inScheme scheme:a .",
        MEASURE + "Stray",
    ),
    "lint-broader-cycle": (
        "measure:Egg skos:broader measure:Hen . measure:Hen skos:broader measure:Egg .",
        MEASURE + "Egg",
    ),
    "lint-undeclared-local-term": (
        "bkg:adminParent a owl:ObjectProperty .\n"
        "place:hyesan bkg:adminParent place:ryanggang ; bkg:adminparent place:ryanggang .",
        BKG + "adminparent",
    ),
    "lint-undeclared-concept": (
        "measure:CCTVInstallation a skos:Concept .\n"
        "place:x bkg:measureType measure:CCTVInstallation, measure:CCTVInstalation .",
        MEASURE + "CCTVInstalation",
    ),
}


def _graph(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def _reported(rows: list[dict]) -> set[str]:
    return {str(value) for row in rows for value in row.values()}


@pytest.fixture(scope="module")
def shipped() -> LintReport:
    return lint_shipped()


def test_every_lint_query_has_a_broken_example() -> None:
    assert set(BROKEN) == set(QUERY_NAMES)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_lint_query_finds_nothing_in_the_shipped_data(shipped: LintReport, name: str) -> None:
    assert shipped.results[name] == []


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_lint_query_reports_its_broken_example(name: str) -> None:
    turtle, offender = BROKEN[name]
    rows = run_lint(_graph(turtle), [name])[name]
    assert offender in _reported(rows), rows


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_lint_query_is_a_commented_select_that_rdflib_also_parses(name: str) -> None:
    text = lint_queries()[name]
    assert text.startswith("# Finds "), "header comment must say what the query finds"
    assert "# Why it matters:" in text
    assert prepareQuery(text).algebra.name == "SelectQuery"


def test_missing_range_is_reported_without_a_false_missing_domain() -> None:
    turtle, _ = BROKEN["lint-property-without-domain-or-range"]
    rows = run_lint(_graph(turtle), ["lint-property-without-domain-or-range"])
    assert rows["lint-property-without-domain-or-range"] == [
        {"property": URIRef(BKG + "loose"), "missing": Literal("rdfs:range")}
    ]


def test_entity_under_a_top_class_through_subclass_chain_is_not_reported() -> None:
    turtle, _ = BROKEN["lint-vocabulary-entity-outside-top-classes"]
    rows = run_lint(_graph(turtle), ["lint-vocabulary-entity-outside-top-classes"])
    assert _reported(rows["lint-vocabulary-entity-outside-top-classes"]) == {PLACE + "typo"}


def test_same_label_on_different_types_is_not_a_duplicate() -> None:
    graph = _graph(
        'place:tumen a bkg:Settlement ; skos:prefLabel "Tumen"@en ;'
        " bkg:reviewStatus review:Curated .\n"
        'place:tumen-river a bkg:River ; skos:prefLabel "Tumen"@en ;'
        " bkg:reviewStatus review:Curated ."
    )
    assert run_lint(graph, ["lint-duplicate-preflabel-within-type"]) == {
        "lint-duplicate-preflabel-within-type": []
    }


@pytest.mark.parametrize(
    "identifier",
    [
        "<https://www.wikidata.org/entity/Q148>",
        "<http://www.wikidata.org/wiki/Q148>",
        "<http://www.wikidata.org/entity/P31>",
        "<https://sws.geonames.org/1814991>",
        "<http://sws.geonames.org/1814991/>",
        '"Q148"',
    ],
)
def test_every_non_canonical_identifier_form_is_reported(identifier: str) -> None:
    graph = _graph(f"place:china skos:exactMatch {identifier} .")
    rows = run_lint(graph, ["lint-malformed-external-identifier"])
    assert _reported(rows["lint-malformed-external-identifier"]) >= {PLACE + "china"}


def test_canonical_identifiers_and_same_as_links_are_told_apart() -> None:
    graph = _graph(
        "place:china skos:exactMatch wd:Q148, <https://sws.geonames.org/1814991/> .\n"
        "place:north-korea owl:sameAs wd:Q423 ."
    )
    rows = run_lint(graph, ["lint-malformed-external-identifier"])[
        "lint-malformed-external-identifier"
    ]
    assert [row["entity"] for row in rows] == [URIRef(PLACE + "north-korea")]
    assert "owl:sameAs" in str(rows[0]["problem"])


def test_lint_of_a_dataset_covers_its_named_graphs() -> None:
    dataset = Dataset()
    named = dataset.graph(URIRef("https://w3id.org/borderkg/graph/article/demo"))
    named.parse(data=PREFIXES + BROKEN["lint-broader-cycle"][0], format="turtle")
    rows = run_lint(dataset, ["lint-broader-cycle"])["lint-broader-cycle"]
    assert {str(row["concept"]) for row in rows} == {MEASURE + "Egg", MEASURE + "Hen"}


def test_unknown_query_name_is_refused() -> None:
    with pytest.raises(KeyError, match="lint-no-such-check"):
        run_lint(Graph(), ["lint-no-such-check"])


def test_command_line_fails_on_a_broken_extra_file_and_names_the_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(PREFIXES + BROKEN["lint-shared-external-identifier"][0], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "borderkg.ontology.lint", str(broken)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "lint-shared-external-identifier: " in result.stdout
    assert f"other=<{PLACE}second-china>" in result.stdout


def test_missing_vocabulary_is_skipped_with_a_clear_message(tmp_path: Path) -> None:
    # A copy of the package without vocabulary.ttl, imported from outside the checkout.
    site = tmp_path / "site"
    shutil.copytree(ROOT / "src" / "borderkg", site / "borderkg")
    shutil.copytree(
        ROOT / "ontology",
        site / "borderkg" / "ontology",
        ignore=shutil.ignore_patterns("vocabulary.ttl", "__pycache__"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "borderkg.ontology.lint"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped: vocabulary.ttl is not in the package" in result.stdout
    assert "borderkg lint: vocabulary.ttl is not in the package" in result.stderr
    assert f"{len(QUERY_NAMES)} of {len(QUERY_NAMES)} lint checks passed" in result.stdout

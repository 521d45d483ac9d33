"""Review findings 3, 4 and 15 through the real ``borderkg validate`` command (click's
runner) on real files in tmp dirs: a reused anonymous source is found in Turtle and
located where it is reused, an identifier that is not its IRI's {id} fails, reversed
offsets fail the order check, and a team property shape is headed by its node shape's
``sh:name``; the misspelt-terms catalogue entry comes from the core."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from borderkg.cli import main as cli
from borderkg.reportmodel import default_compactor
from borderkg.validation import knownterms
from borderkg.validation.catalog import shape_catalog

PREFIXES = """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix sourcetype: <https://w3id.org/borderkg/scheme/source-type/> .
"""
A = "https://w3id.org/borderkg/article/"
TEXT = "A trader in Hyesan said guards took a fee."


def article(name: str, *, identifier: str | None = None, begin: str | None = None) -> str:
    """Turtle of a complete article ``name`` with one source and one claim of its own."""
    first = begin or '"0"^^xsd:nonNegativeInteger'
    return f"""
<{A}{name}> a bkg:Article ; dcterms:identifier "{identifier or name}" ;
    schema:headline "Fees" ; schema:datePublished "2024-01-02"^^xsd:date ;
    bkg:text <{A}{name}#text> .
<{A}{name}#text> a nif:Context ; nif:isString "{TEXT}" .
<{A}{name}#char=0,18> a bkg:EvidenceSpan ; nif:referenceContext <{A}{name}#text> ;
    nif:beginIndex {first} ; nif:endIndex "18"^^xsd:nonNegativeInteger ;
    nif:anchorOf "A trader in Hyesan" .
<{A}{name}#source-1> a bkg:AnonymousSource ; rdfs:label "a trader"@en ;
    bkg:sourceType sourcetype:SourceInNorthKorea ; bkg:evidence <{A}{name}#char=0,18> .
<{A}{name}#claim-1> a bkg:Claim ;
    prov:wasAttributedTo <{A}{name}#source-1> ;
    prov:wasDerivedFrom <{A}{name}> ;
    bkg:evidence <{A}{name}#char=0,18> .
"""


REUSE = f"""
<{A}c#claim-2> a bkg:Claim ;
    prov:wasAttributedTo <{A}a#source-1> ;
    prov:wasDerivedFrom <{A}c> ;
    bkg:evidence <{A}c#char=0,18> .
"""


def run(tmp_path: Path, files: dict[str, str], *extra: str) -> tuple[int, dict]:
    for name, text in files.items():
        (tmp_path / name).write_text(PREFIXES + text, encoding="utf-8")
    paths = [str(tmp_path / name) for name in files]
    result = CliRunner().invoke(cli, ["validate", *paths, "--format", "json", *extra])
    return result.exit_code, json.loads(result.output)


def shape_results(report: dict, shape: str) -> list[dict]:
    return [r for r in report["results"] if r["source_shape"].endswith("#" + shape)]


def test_source_reused_by_a_second_turtle_file_is_found_at_the_reusing_line(tmp_path) -> None:
    code, report = run(tmp_path, {"a.ttl": article("a"), "c.ttl": article("c") + REUSE})
    found = shape_results(report, "AnonymousSourceGraphsShape")
    assert code == 1
    assert [(r["focus_node"], r["value"]) for r in found] == [
        (f"<{A}a#source-1>", f"<{A}c#claim-2>")
    ]
    reusing = (
        (tmp_path / "c.ttl")
        .read_text()
        .split("\n")
        .index(f"    prov:wasAttributedTo <{A}a#source-1> ;")
    )
    assert (found[0]["file"], found[0]["line"]) == (str(tmp_path / "c.ttl"), reusing + 1)


def test_source_reused_within_one_turtle_file_of_two_articles_is_found(tmp_path) -> None:
    code, report = run(tmp_path, {"both.ttl": article("a") + article("c") + REUSE})
    assert code == 1
    assert len(shape_results(report, "AnonymousSourceGraphsShape")) == 1


def test_articles_each_using_their_own_source_conform(tmp_path) -> None:
    code, report = run(tmp_path, {"a.ttl": article("a"), "c.ttl": article("c")})
    assert (code, report["results"]) == (0, [])


def test_source_reused_across_trig_article_graphs_is_still_found(tmp_path) -> None:
    graph = "https://w3id.org/borderkg/graph/article/"
    files = {
        "a.trig": f"<{graph}a> {{ {article('a')} }}",
        "c.trig": f"<{graph}c> {{ {article('c')} <{A}c> bkg:mentions <{A}a#source-1> . }}",
    }
    code, report = run(tmp_path, files)
    found = shape_results(report, "AnonymousSourceGraphsShape")
    assert code == 1 and [r["focus_node"] for r in found] == [f"<{A}a#source-1>"]


def test_identifier_that_is_not_the_iri_id_fails_naming_both(tmp_path) -> None:
    code, report = run(tmp_path, {"a.ttl": article("nkb-a1", identifier="nkb-a2")})
    found = shape_results(report, "Article-identifier-iri")
    assert code == 1 and len(found) == 1
    assert '"nkb-a2"' in found[0]["message"] and '"nkb-a1"' in found[0]["message"]


def test_reversed_integer_offsets_still_fail_the_order_check(tmp_path) -> None:
    code, report = run(tmp_path, {"a.ttl": article("a", begin='"30"^^xsd:nonNegativeInteger')})
    assert code == 1
    assert shape_results(report, "EvidenceSpan-order")


def test_team_property_shape_is_headed_by_its_node_shape_name(tmp_path) -> None:
    shapes = tmp_path / "team.ttl"
    shapes.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix team: <https://example.org/team#> .
team:ClaimAbout a sh:NodeShape ; sh:targetClass bkg:Claim ;
    sh:name "claim says what it is about (team rule)" ;
    sh:property [ sh:path bkg:about ; sh:minCount 1 ; sh:severity sh:Warning ;
                  sh:message "Our codebook: a claim needs bkg:about." ] .
""",
        encoding="utf-8",
    )
    (tmp_path / "a.ttl").write_text(PREFIXES + article("a"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "a.ttl"), "--shapes", str(shapes)])
    assert "Warning  claim says what it is about (team rule) (team:ClaimAbout/bkg:about)" in (
        result.output
    )


def test_known_terms_catalogue_entry_comes_from_the_core_for_input_runs_only() -> None:
    from borderkg.shapes import shapes_graph

    shapes = shapes_graph()
    compact = default_compactor(shapes)
    with_terms = shape_catalog(shapes, compact, known_terms=True)
    assert with_terms[knownterms.SHAPE].name == knownterms.SHAPE_NAME
    assert knownterms.SHAPE not in shape_catalog(shapes, compact)

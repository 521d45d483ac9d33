"""``borderkg validate`` on inputs a CI run meets: what to fix is said, nothing passes by accident."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from borderkg.cli import main

PREFIXES = """@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix article: <https://w3id.org/borderkg/article/> .
"""


def run(*paths: Path) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *map(str, paths)])
    return result.exit_code, json.loads(result.stdout), result.stderr


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_with_no_statements_conforms_as_shacl_says_but_is_warned_about(
    tmp_path: Path,
) -> None:
    code, document, stderr = run(
        write(tmp_path, "truncated.ttl", PREFIXES + "# merge lost the rest\n")
    )
    assert code == 0  # empty data conforms (the W3C suite has such a case)
    (warning,) = document["warnings"]
    assert "truncated.ttl: no statements" in warning
    assert "truncated.ttl: no statements" in stderr


def test_an_unescaped_span_name_in_turtle_gets_the_escaping_rule(tmp_path: Path) -> None:
    bad = write(tmp_path, "span.ttl", PREFIXES + "article:a1#char=0,10 a bkg:EvidenceSpan .\n")
    code, document, _ = run(bad)
    assert code == 2
    (error,) = document["errors"]
    assert error["line"] in (5, 6)  # '#' starts a comment: the parser stops a line later
    assert "must be escaped with a backslash" in error["message"]


def test_a_missing_final_dot_points_to_the_statement_before(tmp_path: Path) -> None:
    bad = write(
        tmp_path, "dot.ttl", PREFIXES + "article:a1 a bkg:Article\n\narticle:a2 a bkg:Article .\n"
    )
    code, document, _ = run(bad)
    assert code == 2
    assert "the statement before this point lacks its final '.'" in document["errors"][0]["message"]


def test_a_remote_json_ld_context_says_to_inline_it(tmp_path: Path) -> None:
    remote = write(
        tmp_path,
        "remote.jsonld",
        '{"@context": "https://example.org/context.jsonld", "@id": "https://example.org/a"}',
    )
    code, document, _ = run(remote)
    assert code == 2
    assert "write the @context inline" in document["errors"][0]["message"]


def test_an_ill_formed_date_is_reported_without_a_traceback_on_stderr(tmp_path: Path) -> None:
    data = write(
        tmp_path,
        "date.ttl",
        PREFIXES + 'article:a1 a bkg:Article ; schema:datePublished "20/03/2024"^^xsd:date .\n',
    )
    code, document, stderr = run(data)
    assert code == 1
    shapes = {r["source_shape"].rsplit("#", 1)[-1] for r in document["results"]}
    assert "Article-datePublished-datatype" in shapes
    assert "Traceback" not in stderr


def test_a_misspelt_shacl_term_in_own_shapes_is_warned_about_with_a_guess(tmp_path: Path) -> None:
    shapes = write(
        tmp_path,
        "team.ttl",
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix ex: <https://example.org/team/> .\n"
        "ex:Rule a sh:NodeShape ; sh:targetClass ex:Thing ;\n"
        "    sh:property [ sh:path ex:p ; sh:minCnt 1 ] .\n",
    )
    data = write(
        tmp_path, "data.ttl", "<https://example.org/a> a <https://example.org/team/Thing> .\n"
    )
    result = CliRunner().invoke(
        main, ["validate", "--format", "json", "--shapes", str(shapes), str(data)]
    )
    # SHACL ignores a triple it does not know (the W3C suite has one, sh:nodeShape), so the
    # run goes on; the warning names the file, the line and the term meant.
    assert result.exit_code == 0
    (warning,) = json.loads(result.stdout)["warnings"]
    assert warning.startswith(f"{shapes}:4: sh:minCnt is not a SHACL term")
    assert "Did you mean sh:minCount?" in warning
    assert "sh:minCnt is not a SHACL term" in result.stderr


def test_an_unreadable_file_does_not_hide_the_results_of_the_others(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.ttl", PREFIXES + "article:a1 a bkg:Article\n\n")
    date = write(
        tmp_path,
        "date.ttl",
        PREFIXES + 'article:a2 a bkg:Article ; schema:datePublished "20/03/2024"^^xsd:date .\n',
    )
    code, document, _ = run(broken, date)
    assert code == 2  # an input failed, whatever the others say
    assert [e["file"] for e in document["errors"]] == [str(broken)]
    assert document["conforms"] is False
    assert any(r["file"] == str(date) for r in document["results"])
    sarif = CliRunner().invoke(main, ["validate", "--format", "sarif", str(broken), str(date)])
    (run_log,) = json.loads(sarif.stdout)["runs"]
    assert run_log["invocations"][0]["executionSuccessful"] is False
    assert run_log["results"] and run_log["invocations"][0]["toolExecutionNotifications"]


def test_a_hand_written_article_without_headline_is_told_to_add_it_not_to_reload(
    tmp_path: Path,
) -> None:
    data = write(
        tmp_path,
        "article.ttl",
        PREFIXES + 'article:a3 a bkg:Article ; schema:datePublished "2024-03-20"^^xsd:date .\n',
    )
    _, document, _ = run(data)
    (headline,) = [
        r for r in document["results"] if r["source_shape"].endswith("#Article-headline")
    ]
    assert (
        "add the title as the outlet printed it to the article node in your file"
        in (headline["message"])
    )
    assert "sidecar" not in headline["message"]

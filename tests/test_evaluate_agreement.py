"""Inter-annotator agreement: a second annotation scored as the extractor is scored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from borderkg.cli import main
from borderkg.loaders.evaluate_agreement import agreement

FIXTURES = Path(__file__).parent / "fixtures"
ROLES = ("policy_agents", "policy_targets", "policy_places", "policy_time")


def test_an_annotation_agrees_fully_with_itself_in_every_category() -> None:
    root = FIXTURES / "heldout14"
    report = agreement(root / "gold", root / "gold", root)
    assert len(report.files) == 14 and not report.unmatched
    assert {*ROLES, "policies", "policies_anchored", "actors"} <= set(report.categories)
    for name, score in report.categories.items():
        assert score.fp == score.fn == 0 and score.tp > 0, name


@pytest.mark.parametrize("name", ["heldout14", "heldout15"])
def test_second_annotations_of_blind_sets_agree_with_the_gold_well_above_the_extractor(
    name: str,
) -> None:
    """Two annotators under the project's rules agree on nine policies in ten (type, status
    and sentence), where the extractor reaches about half; the disagreements are listed."""
    root = FIXTURES / name
    report = agreement(root / "gold", root / "second", root)
    assert len(report.files) == 14 and not report.unmatched
    assert report.categories["policies_anchored"].f1 >= 0.90
    assert report.categories["policy_agents"].f1 >= 0.85
    assert report.categories["policy_places"].f1 >= 0.80
    assert report.categories["policies"].f1 < 1.0
    lost = [m for f in report.files for m in f.missed["policies_anchored"]]
    assert lost and all(": " in m for m in lost)


def test_a_first_file_without_a_second_is_reported_unmatched(tmp_path: Path) -> None:
    root = FIXTURES / "heldout14"
    second = tmp_path / "second"
    shutil.copytree(root / "second", second)
    gone = sorted(second.glob("*.json"))[0]
    file = json.loads(gone.read_text(encoding="utf-8"))["file"]
    gone.unlink()
    report = agreement(root / "gold", second, root)
    assert report.unmatched == [file]
    assert len(report.files) == 13


def test_a_second_evidence_missing_from_the_text_names_its_file_and_policy(
    tmp_path: Path,
) -> None:
    root = FIXTURES / "heldout15"
    second = tmp_path / "second"
    shutil.copytree(root / "second", second)
    path = sorted(second.glob("*.json"))[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["policies"][1]["evidence"] = "words this article never prints"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{data['file']}: policy 2: evidence not found"):
        agreement(root / "gold", second, root)


def test_evaluate_against_prints_the_agreement_of_a_second_folder() -> None:
    root = FIXTURES / "heldout14"
    args = ["evaluate", "--gold", str(root / "gold"), "--against", str(root / "second")]
    out = CliRunner().invoke(main, [*args, "--json"])
    assert out.exit_code == 0, out.output
    scores = json.loads(out.output)
    assert scores["policies"]["f1"] >= 0.9 and scores["policies"]["fp"] > 0
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0 and "policy_agents" in table.output
    assert "(14 gold articles compared)" in table.output


def test_evaluate_details_list_each_articles_disagreements_by_category() -> None:
    """``--details`` shows what to settle: per article, the first annotation's policies the
    second lacks (-) and the second's own (+), with their evidence."""
    root = FIXTURES / "heldout14"
    args = ["evaluate", "--gold", str(root / "gold"), "--against", str(root / "second")]
    out = CliRunner().invoke(main, [*args, "--details"])
    assert out.exit_code == 0, out.output
    assert "html/2020-07-yanbian-parcels-halted.html\n" in out.output
    assert (
        "  policies_anchored - BorderClosure/InForce: North Korea has refused all mail and "
        "parcels from abroad since March" in out.output
    )
    assert (
        "  policies_anchored + TradeRestriction/InForce: North Korea has refused all mail and "
        "parcels from abroad since March" in out.output
    )
    data = json.loads(CliRunner().invoke(main, [*args, "--details", "--json"]).output)
    assert data["categories"]["policies"]["f1"] >= 0.9
    assert len(data["files"]) == 14
    parcels = next(f for f in data["files"] if f["file"].endswith("parcels-halted.html"))
    assert parcels["extra"]["policies"] and parcels["missed"]["policies"]

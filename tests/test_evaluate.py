"""Precision, recall and F1 of the extractor against gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from borderkg.loaders.evaluate import Score, evaluate, evaluate_gold_dir, load_gold
from borderkg.loaders.extract import Extractor, ExtractSettings
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR, LEGAL, PLACE

VOCABULARY = Path(__file__).parent / "fixtures" / "extract" / "vocabulary.ttl"
TEXT = (
    "Chinese border police installed cameras near Dandong, a source in Hyesan said. "
    "Amnesty International said this violates Article 33 of the Refugee Convention."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    graph = Graph().parse(VOCABULARY)
    return Extractor(vocabulary=graph, settings=ExtractSettings(use_env=False))


def write_gold(folder: Path, name: str, data: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")


GOLD = {
    "file": "text/one.txt",
    "record": None,
    "actors": [
        ACTOR + "chinese-border-police",
        ACTOR + "amnesty-international",
        ACTOR + "defectors",
    ],
    "locations": [PLACE + "dandong", PLACE + "hyesan"],
    "legal_instruments": [LEGAL + "refugee-convention", LEGAL + "refugee-convention/art_33"],
    "policies": [
        {
            "measure_type": "CCTVInstallation",
            "status": "CarriedOut",
            "evidence": "installed cameras",
        },
        {"measure_type": "BorderClosure", "status": "InForce", "evidence": "x"},
    ],
}


def test_scores_count_hits_misses_and_extras_per_category(
    tmp_path: Path, extractor: Extractor
) -> None:
    write_gold(tmp_path, "text__one.json", GOLD)
    record = ArticleRecord(text=TEXT, source="text/one.txt")
    report = evaluate(tmp_path, {"text/one.txt": record}, extractor)
    scores = {name: (s.tp, s.fp, s.fn) for name, s in report.categories.items()}
    assert scores == {
        "actors": (2, 0, 1),
        "locations": (2, 0, 0),
        "legal_instruments": (2, 0, 0),
        "policies": (1, 0, 1),
        "policies_anchored": (1, 0, 1),
    }
    [result] = report.files
    assert result.missed["actors"] == [ACTOR + "defectors"]
    assert result.missed["policies"] == ["BorderClosure/InForce"]
    assert result.extra["policies"] == []


def test_precision_recall_and_f1_follow_their_definitions() -> None:
    score = Score(tp=6, fp=2, fn=4)
    assert (score.precision, score.recall) == (0.75, 0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert (Score().precision, Score().recall, Score().f1) == (1.0, 1.0, 1.0)


def test_policies_match_as_a_multiset_of_type_and_status(
    tmp_path: Path, extractor: Extractor
) -> None:
    gold = dict(
        GOLD,
        policies=[
            {"measure_type": "CCTVInstallation", "status": "CarriedOut", "evidence": "a"},
            {
                "measure_type": "https://w3id.org/borderkg/scheme/measure-type/CCTVInstallation",
                "status": "status:CarriedOut",
                "evidence": "b",
            },
        ],
    )
    write_gold(tmp_path, "g.json", gold)
    text = "Border police installed cameras in March 2021. More cameras were installed in May 2022."
    report = evaluate(tmp_path, {"text/one.txt": ArticleRecord(text=text, source="x")}, extractor)
    policies = report.categories["policies"]
    assert (policies.tp, policies.fp, policies.fn) == (2, 0, 0)


def test_anchored_policies_need_overlapping_evidence_too(
    tmp_path: Path, extractor: Extractor
) -> None:
    text = "Border police installed cameras in March 2021. More cameras were installed in May 2022."
    gold = dict(
        GOLD,
        policies=[
            {"measure_type": "CCTVInstallation", "status": "CarriedOut", "evidence": "in May 2022"},
            {"measure_type": "CCTVInstallation", "status": "CarriedOut", "evidence": "not there"},
        ],
    )
    write_gold(tmp_path, "g.json", gold)
    report = evaluate(tmp_path, {"text/one.txt": ArticleRecord(text=text, source="x")}, extractor)
    loose, strict = report.categories["policies"], report.categories["policies_anchored"]
    assert (loose.tp, loose.fp, loose.fn) == (2, 0, 0)
    assert (strict.tp, strict.fp, strict.fn) == (1, 1, 1)
    [result] = report.files
    assert result.missed["policies_anchored"] == ["CCTVInstallation/CarriedOut: not there"]
    assert result.extra["policies_anchored"][0].startswith("CCTVInstallation/CarriedOut: ")
    assert (
        "March 2021" in result.extra["policies_anchored"][0]
        or "installed cameras" in (result.extra["policies_anchored"][0])
    )


def test_multi_record_files_are_matched_by_record_id(tmp_path: Path, extractor: Extractor) -> None:
    write_gold(tmp_path, "json__feed.json", dict(GOLD, file="json/feed.jsonl", record="b"))
    records = [
        ArticleRecord(text="Guards patrol Musan.", source="json/feed.jsonl:1", id="a"),
        ArticleRecord(text=TEXT, source="json/feed.jsonl:2", id="b"),
    ]
    report = evaluate(tmp_path, {"/corpus/json/feed.jsonl": records}, extractor)
    assert [(f.file, f.record) for f in report.files] == [("json/feed.jsonl", "b")]
    assert report.categories["locations"].tp == 2


def test_gold_without_a_record_is_listed_not_scored(tmp_path: Path, extractor: Extractor) -> None:
    write_gold(tmp_path, "missing.json", dict(GOLD, file="text/absent.txt"))
    report = evaluate(tmp_path, {}, extractor)
    assert report.unmatched == ["text/absent.txt"]
    assert report.files == []
    assert "no record for: text/absent.txt" in report.table()


def test_the_table_lists_every_category_with_its_numbers(
    tmp_path: Path, extractor: Extractor
) -> None:
    write_gold(tmp_path, "text__one.json", GOLD)
    report = evaluate(tmp_path, {"text/one.txt": ArticleRecord(text=TEXT, source="s")}, extractor)
    lines = report.table().splitlines()
    assert lines[0].split() == ["category", "P", "R", "F1", "TP", "FP", "FN"]
    assert lines[2].split() == ["actors", "1.000", "0.667", "0.800", "2", "0", "1"]
    assert lines[5].split() == ["policies", "1.000", "0.500", "0.667", "1", "0", "1"]
    assert report.as_dict()["locations"]["f1"] == 1.0


def test_a_gold_folder_is_read_against_corpus_files(tmp_path: Path, extractor: Extractor) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "text").mkdir(parents=True)
    (corpus / "text" / "one.txt").write_text("border, cameras\n\n" + TEXT + "\n", encoding="utf-8")
    write_gold(corpus / "gold", "text__one.json", GOLD)
    report = evaluate_gold_dir(corpus / "gold", corpus, extractor)
    assert report.categories["legal_instruments"].tp == 2
    assert len(load_gold(corpus / "gold")) == 1


def test_a_file_that_is_not_gold_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="not a gold annotation"):
        load_gold(tmp_path)


def test_agents_are_compared_on_the_policies_found_when_the_gold_names_them(
    tmp_path: Path, extractor: Extractor
) -> None:
    gold = dict(
        GOLD,
        policies=[
            {
                "measure_type": "CCTVInstallation",
                "status": "InForce",  # another status: agents are judged all the same
                "evidence": "installed cameras",
                "agents": [ACTOR + "chinese-border-police", ACTOR + "dprk-border-guards"],
            },
            {"measure_type": "BorderClosure", "status": "InForce", "evidence": "x", "agents": []},
        ],
    )
    write_gold(tmp_path, "g.json", gold)
    report = evaluate(tmp_path, {"text/one.txt": ArticleRecord(text=TEXT, source="x")}, extractor)
    agents = report.categories["policy_agents"]
    assert (agents.tp, agents.fp, agents.fn) == (1, 0, 1)
    [result] = report.files
    assert result.missed["policy_agents"] == [
        f"CCTVInstallation: installed cameras — {ACTOR}dprk-border-guards"
    ]
    assert "policy_agents" in report.table()


def test_agents_are_not_scored_for_gold_without_them(tmp_path: Path, extractor: Extractor) -> None:
    write_gold(tmp_path, "g.json", GOLD)
    report = evaluate(tmp_path, {"text/one.txt": ArticleRecord(text=TEXT, source="x")}, extractor)
    assert "policy_agents" not in report.categories
    assert "policy_agents" not in report.table()


def test_targets_are_compared_like_agents(tmp_path: Path, extractor: Extractor) -> None:
    text = "Chinese border police arrested three defectors near Dandong last week."
    gold = dict(
        GOLD,
        policies=[
            {
                "measure_type": "DefectionCrackdown",
                "status": "CarriedOut",
                "evidence": "arrested three defectors",
                "agents": [ACTOR + "chinese-border-police"],
                "targets": [ACTOR + "defectors", ACTOR + "smugglers"],
            }
        ],
    )
    write_gold(tmp_path, "g.json", gold)
    report = evaluate(tmp_path, {"text/one.txt": ArticleRecord(text=text, source="x")}, extractor)
    targets, agents = report.categories["policy_targets"], report.categories["policy_agents"]
    assert (targets.tp, targets.fp, targets.fn) == (1, 0, 1)
    assert (agents.tp, agents.fp, agents.fn) == (1, 0, 0)
    [result] = report.files
    assert result.missed["policy_targets"][0].endswith(f"— {ACTOR}smugglers")


def test_places_and_times_of_found_policies_are_scored_where_the_gold_gives_them(
    tmp_path: Path, extractor: Extractor
) -> None:
    text = "Border police installed cameras in Dandong in March 2021. More cameras were installed in May 2022."
    gold = dict(
        GOLD,
        policies=[
            {
                "measure_type": "CCTVInstallation",
                "status": "CarriedOut",
                "evidence": "installed cameras in Dandong",
                "places": [PLACE + "dandong"],
                "when": "2021-03",
            },
            {
                "measure_type": "CCTVInstallation",
                "status": "CarriedOut",
                "evidence": "More cameras were installed",
                "places": [],
                "when": "2022-06",
            },
        ],
    )
    write_gold(tmp_path, "g.json", gold)
    report = evaluate(tmp_path, {"text/one.txt": ArticleRecord(text=text, source="x")}, extractor)
    places, times = report.categories["policy_places"], report.categories["policy_time"]
    assert places.tp == 1 and places.fn == 0
    assert (times.tp, times.fp, times.fn) == (1, 1, 1)
    [result] = report.files
    assert result.missed["policy_time"] == [
        "CCTVInstallation: More cameras were installed — 2022-06 (found 2022-05-01..2022-05-31)"
    ]

"""The curator's queue (``borderkg unreviewed``): entities found by pattern, listed with their
articles and turned into registry rows that, completed and appended, make the next
extraction link the name to the vocabulary instead of minting it."""

from __future__ import annotations

import csv
import json
import shutil
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from click.testing import CliRunner

from borderkg.cli import main
from borderkg.curation import registry_header
from borderkg.loaders.extract import Extractor, ExtractSettings
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.build_vocabulary import build_graph, load_registries
from borderkg.ontology.namespaces import PLACE
from borderkg.pipeline import load
from borderkg.store import GraphStore

ARTICLES = [
    {
        "id": "curation-1",
        "published": "2024-05-02",
        "body": "Guards in Kapsan County have been ordered to shoot anyone near the river. "
        "Residents of Kapsan County say patrols were doubled in April.",
    },
    {
        "id": "curation-2",
        "published": "2024-06-10",
        "body": "State security officers arrested three smugglers in Kapsan County, Ryanggang "
        "Province, last week.",
    },
    {
        "id": "curation-3",
        "published": "2024-07-01",
        "body": "Customs officers in Dandong have stopped lorries bound for Hwasong County.",
    },
    {
        "id": "curation-4",
        "published": "2024-08-01",
        "body": "Police fined traders under Article 12 of the Foreign Currency Control Act.",
    },
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("curation")
    source = folder / "articles.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    with GraphStore.open(folder / "store") as graph_store:
        assert load(graph_store, [str(source)], workers=1).exit_code == 0
    return folder / "store"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["unreviewed", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_unreviewed_lists_each_found_entity_with_its_articles_mentions_and_a_sentence(
    store: Path,
) -> None:
    found = {c["iri"]: c for c in json.loads(run("--store", str(store), "--json"))}
    kapsan = found[PLACE + "kapsan-county"]
    assert (kapsan["type"], kapsan["articles"], kapsan["mentions"]) == ("AdministrativeArea", 2, 3)
    assert "Kapsan County" in kapsan["example"]
    assert [iri.rsplit("/", 1)[-1] for iri in kapsan["article_iris"]] == [
        "curation-1",
        "curation-2",
    ]
    assert found[PLACE + "hwasong-county"]["articles"] == 1
    assert next(iter(found)) == PLACE + "kapsan-county"  # most widespread first


def test_min_articles_leaves_out_entities_fewer_articles_name(store: Path) -> None:
    found = json.loads(run("--store", str(store), "--json", "--min-articles", "2"))
    assert [c["iri"] for c in found] == [PLACE + "kapsan-county"]
    assert "1 unreviewed entity" in run("--store", str(store), "--min-articles", "2")


def test_registry_rows_have_the_registry_columns_and_what_the_extractor_knew(
    store: Path, tmp_path: Path
) -> None:
    run("--store", str(store), "--registry-out", str(tmp_path))
    with (tmp_path / "places.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == registry_header("place")
        rows = {row["local_id"]: row for row in reader}
    kapsan = rows["kapsan-county"]
    assert (kapsan["type"], kapsan["label_en"], kapsan["admin_level"]) == (
        "AdministrativeArea",
        "Kapsan County",
        "3",
    )
    # where the text placed it ("Kapsan County, Ryanggang Province"); never guessed
    assert (kapsan["admin_parent"], kapsan["country"]) == ("ryanggang", "north-korea")
    assert (rows["hwasong-county"]["admin_parent"], rows["hwasong-county"]["country"]) == ("", "")
    assert kapsan["wikidata"] == kapsan["geonames"] == ""  # identifiers are the curator's
    assert "2 article(s)" in kapsan["evidence"]
    with (tmp_path / "legal.csv").open(encoding="utf-8", newline="") as fh:
        legal = {row["local_id"]: row for row in csv.DictReader(fh)}
    act = legal["foreign-currency-control-act"]
    assert (act["type"], act["legal_type"]) == ("LegalInstrument", "NationalLaw")
    article = legal["foreign-currency-control-act/art_12"]
    assert (article["type"], article["part_of"], article["number"]) == (
        "Provision",
        "foreign-currency-control-act",
        "12",
    )


def test_a_promoted_row_makes_the_extractor_link_the_name_to_the_vocabulary(
    store: Path, tmp_path: Path
) -> None:
    run("--store", str(store), "--registry-out", str(tmp_path / "candidates"))
    with as_file(files("borderkg.ontology").joinpath("registry")) as shipped:
        registry = tmp_path / "registry"
        shutil.copytree(shipped, registry)
    with (tmp_path / "candidates" / "places.csv").open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["local_id"] == "kapsan-county")
    row.update(admin_parent="ryanggang", country="north-korea", checked_on="2026-11-30")
    with (registry / "places.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=registry_header("place"), lineterminator="\n").writerow(row)
    record = ArticleRecord(text=ARTICLES[1]["body"], source="t.txt", id="t")

    def kapsan_with(vocabulary_graph):
        extractor = Extractor(vocabulary=vocabulary_graph, settings=ExtractSettings(use_env=False))
        return extractor.extract(record).entities[PLACE + "kapsan-county"]

    assert not kapsan_with(build_graph()).curated
    promoted = kapsan_with(build_graph(load_registries(registry)))
    assert promoted.curated and promoted.country == PLACE + "north-korea"

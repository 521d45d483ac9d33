"""The third held-out set: the extractor measured on twelve articles it has never seen.

``tests/fixtures/heldout3/`` (8 plain-text files, 2 JSON/JSONL records, 2 saved HTML pages)
was written and annotated without reading the extractor, its tests or its output; the gold
was final before the extractor first ran on it (issue 3: "the numbers on unseen articles are
what count"). First measured at actors 0.915, locations 0.968, legal instruments 0.867,
policies 0.694, its errors were then analysed by cause and fixed with general rules tested
on invented sentences (``test_extract_described.py``, ``test_extract_policy_framing.py``),
reaching 1.000 in every category; so it is no longer unseen, and its floors sit 0.03 below
that as regression guards. Never change its gold to match the extractor (see
``tests/fixtures/heldout3/gold/README.md``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import URIRef

from borderkg.loaders.evaluate import (
    EvaluationReport,
    evaluate_gold_dir,
    load_gold,
    read_corpus_records,
)
from borderkg.loaders.readers import ReadError, ReadOptions, read_path
from borderkg.ontology.namespaces import MEASURE, STATUS

HELDOUT3 = Path(__file__).parent / "fixtures" / "heldout3"
ARTICLE_DIRS = ("text", "json", "html")
ID_BASE = "https://w3id.org/borderkg/id/"
# Reached after the error analysis (1.000 each) minus 0.03.
HELDOUT3_FLOORS = {"actors": 0.97, "locations": 0.97, "legal_instruments": 0.97, "policies": 0.97}


def _corpus() -> Path:
    return Path(str(files("borderkg.loaders").joinpath("corpus")))


def _article_files(root: Path) -> list[Path]:
    """Article files of a corpus-like folder; sidecars (``NAME.json`` next to ``NAME.txt``)
    are metadata, not articles."""
    out: list[Path] = []
    for folder in ARTICLE_DIRS:
        for path in sorted((root / folder).iterdir()):
            sidecar = path.suffix == ".json" and path.with_suffix(".txt").exists()
            if (
                path.is_file()
                and path.suffix in (".txt", ".json", ".jsonl", ".html")
                and not sidecar
            ):
                out.append(path)
    return out


def _texts(root: Path) -> set[str]:
    return {
        r.text
        for path in _article_files(root)
        for r in read_path(path, ReadOptions())
        if not isinstance(r, ReadError)
    }


@pytest.fixture(scope="module")
def heldout3_report() -> EvaluationReport:
    return evaluate_gold_dir(HELDOUT3 / "gold", HELDOUT3)


@pytest.mark.parametrize("category", sorted(HELDOUT3_FLOORS))
def test_heldout3_f1_stays_above_what_the_error_analysis_reached(
    heldout3_report: EvaluationReport, category: str
) -> None:
    assert len(heldout3_report.files) == 12 and not heldout3_report.unmatched
    assert heldout3_report.categories[category].f1 >= HELDOUT3_FLOORS[category]


def test_heldout3_articles_are_not_part_of_the_shipped_corpus() -> None:
    shipped_root = _corpus()
    shipped_names = {p.name for p in shipped_root.rglob("*") if p.is_file()}
    mine = _article_files(HELDOUT3)
    assert len(mine) == 12
    assert not {p.name for p in mine} & shipped_names
    texts = _texts(HELDOUT3)
    assert len(texts) == 12
    assert not texts & _texts(shipped_root)


def test_heldout3_gold_evidence_occurs_once_in_its_article() -> None:
    gold = load_gold(HELDOUT3 / "gold")
    records = read_corpus_records(HELDOUT3, gold)
    assert len(gold) == 12
    for annotation in gold:
        found = records[annotation["file"]]
        wanted = annotation["record"]
        record = next(r for r in found if wanted is None or r.id == wanted)
        assert annotation["policies"], annotation["file"]
        for policy in annotation["policies"]:
            assert record.text.count(policy["evidence"]) == 1, policy["evidence"]


def test_heldout3_gold_uses_scheme_terms_and_project_iris() -> None:
    for annotation in load_gold(HELDOUT3 / "gold"):
        for category, kinds in (
            ("actors", ("actor/", "place/")),
            ("locations", ("place/",)),
            ("legal_instruments", ("legal/",)),
        ):
            values = annotation[category]
            assert len(values) == len(set(values)), (annotation["file"], category)
            for iri in values:
                assert iri.startswith(tuple(ID_BASE + k for k in kinds)), iri
        for policy in annotation["policies"]:
            assert URIRef(str(MEASURE._NS) + policy["measure_type"]) in MEASURE, policy
            assert URIRef(str(STATUS._NS) + policy["status"]) in STATUS, policy

"""The generated ontology documentation covers every term and is kept up to date."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import OWL, RDF

from borderkg.ontology import ontology_graph
from borderkg.ontology.docs import main, render_html
from borderkg.ontology.namespaces import BKG

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "ontology" / "index.html"


def test_every_class_and_property_has_an_anchored_entry() -> None:
    html = render_html()
    anchors = set(re.findall(r'<section class="term" id="([^"]+)">', html))
    graph = ontology_graph()
    local = {
        str(s)[len(str(BKG._NS)) :]
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(str(BKG._NS))
    }
    assert local and local <= anchors


def test_every_concept_scheme_is_documented() -> None:
    html = render_html()
    assert 'id="scheme-measure-type"' in html
    assert "measure:ForcedRepatriation" in html
    assert "status:Lifted" in html


def test_committed_documentation_is_current() -> None:
    assert main(["--check", "--out", str(COMMITTED)]) == 0, (
        "docs/ontology/index.html is stale: run python -m borderkg.ontology.docs"
    )


def test_check_mode_fails_on_a_stale_page(tmp_path: Path) -> None:
    stale = tmp_path / "index.html"
    stale.write_text("<html></html>", encoding="utf-8")
    assert main(["--check", "--out", str(stale)]) == 1

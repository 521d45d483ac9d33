"""Classes declared outside the ontology: the gate judges as full validation does.

The gate reads whether its scratch store states ``rdfs:subClassOf`` outside the ontology graph
from the batch's predicates and the quads it copied from the store (not with a query); then it
runs every shape with subclass closures computed afresh. Here an invented class is declared a
subclass of ``bkg:Actor`` in the batch, or in another article already stored, and a claim is
attributed to an instance of it: valid with the declaration, a violation without it — in each
case the gate's results equal those of a full validation of the resulting store. Invented data
in a real on-disk store.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from gatescratch import GRAPH, SHAPES

from borderkg import ontology
from borderkg.ontology.namespaces import (
    ONTOLOGY_GRAPH,
    SCHEMES_GRAPH,
    VOCABULARY_GRAPH,
    sparql_prefixes,
)
from borderkg.store import GraphStore
from borderkg.validation import Gate, validate

ARTICLE = "https://w3id.org/borderkg/article/"
TEXT = "A smuggler near Sinuiju said that the ferry stopped running in March."
PREFIXES = sparql_prefixes() + "PREFIX ex: <https://example.org/kinds#>\n"
DECLARED = "ex:Smuggler rdfs:subClassOf bkg:Actor ."


def article(aid: str, extra: str = "") -> tuple[str, list[ox.Quad]]:
    """An article graph with a claim attributed to ``ex:smuggler-1``, an ``ex:Smuggler``."""
    anchor = "the ferry stopped running in March"
    begin = TEXT.index(anchor)
    span = f"<{ARTICLE}{aid}#char={begin},{begin + len(anchor)}>"
    me = f"<{ARTICLE}{aid}>"
    body = f"""
        {me} a bkg:Article ; dcterms:identifier "{aid}" ; bkg:text <{ARTICLE}{aid}#text> ;
            schema:datePublished "2024-03-20"^^xsd:date ; schema:headline "Ferry ({aid})" .
        <{ARTICLE}{aid}#text> a nif:Context ; nif:isString "{TEXT}" .
        {span} a bkg:EvidenceSpan ; nif:referenceContext <{ARTICLE}{aid}#text> ;
            nif:beginIndex "{begin}"^^xsd:nonNegativeInteger ;
            nif:endIndex "{begin + len(anchor)}"^^xsd:nonNegativeInteger ; nif:anchorOf "{anchor}" .
        ex:smuggler-1 a ex:Smuggler ; rdfs:label "smuggler near Sinuiju"@en .
        <{ARTICLE}{aid}#claim-1> a bkg:Claim ; prov:wasAttributedTo ex:smuggler-1 ;
            prov:wasDerivedFrom {me} ; bkg:evidence {span} .
        {extra}
    """
    text = f"{PREFIXES}<{GRAPH}{aid}> {{ {body} }}"
    return GRAPH + aid, list(ox.parse(text.encode(), ox.RdfFormat.TRIG))


def store_with(tmp_path: Path, *articles: tuple[str, list[ox.Quad]]) -> GraphStore:
    store = GraphStore(tmp_path / "store")
    store.replace_graph(ONTOLOGY_GRAPH, ontology.ontology_graph())
    store.replace_graph(SCHEMES_GRAPH, ontology.schemes_graph())
    store.replace_graph(VOCABULARY_GRAPH, ontology.vocabulary_graph())
    if articles:
        store.write_articles([(g, q, "c" * 64) for g, q in articles])
    return store


def full_run_results(store: GraphStore, graph: str, quads: list[ox.Quad]) -> set[tuple]:
    """Results a full validation finds on the article's nodes with it and not without it."""
    without = ox.Store()
    without.extend(q for q in store.store if q.graph_name != ox.NamedNode(graph))
    with_article = ox.Store()
    with_article.extend(without)
    with_article.extend(quads)
    nodes = {str(t) for q in quads for t in (q.subject, q.object)}
    before = {r.core() for r in validate(without).results if r.focus_node in nodes}
    after = {r.core() for r in validate(with_article).results if r.focus_node in nodes}
    return after - before


@pytest.mark.parametrize(
    ("declared_in", "valid"),
    [("batch", True), ("store", True), ("nowhere", False)],
)
def test_subclass_declared_outside_the_ontology_is_judged_as_full_validation_does(
    tmp_path: Path, declared_in: str, valid: bool
) -> None:
    stored = [article("earlier", DECLARED)] if declared_in == "store" else []
    graph, quads = article("new", DECLARED if declared_in == "batch" else "")
    with store_with(tmp_path, *stored) as store:
        report = Gate().check(store, [(graph, quads)])[graph]
        gated = {r.core() for r in report.results}
        assert gated == full_run_results(store, graph, quads)
    attributed = {r.source_shape.removeprefix(SHAPES) for r in report.results}
    assert ("Claim-attributedTo-class" not in attributed) == valid

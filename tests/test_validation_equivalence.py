"""The fast SPARQL engine gives exactly pyshacl's results.

Compared as sets of ValidationResult (focus node, path, value, constraint component, source
shape, severity, message, shape name, graph): on every W3C-style shapes test case, on
researcher-style extra shapes using most of SHACL Core and SHACL-SPARQL (including literals
where pyoxigraph and rdflib differ: ill-typed, non-canonical, lang-tagged, plain strings in
sh:in), and on sample-corpus articles with injected errors — the fast engine in its default
whole-store form, with every scan rewrite forced, and with the plans' own queries. The whole
sample corpus is compared in ``test_validation_equivalence_corpus.py``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpusinject import INJECTED, corpus_store
from rdflib import Graph

from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH
from borderkg.validation import validate
from borderkg.validation.data import background_nquads
from borderkg.validation.engine_sparql import validate_sparql

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
SHAPES = "https://w3id.org/borderkg/shapes#"
CASES = [
    f"{folder.name}/{kind}"
    for folder in sorted(FIXTURES.iterdir())
    if (folder / "manifest.ttl").is_file()
    for kind in ("valid", "invalid")
]
# pyshacl (through rdflib) warns about its own Dataset internals and logs ill-typed literals.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def both(store: ox.Store, **options) -> tuple:
    """(fast report, pyshacl report) of the same data.

    The fast engine also runs with every whole-store rewrite on one thread, and with none on
    two: each must give exactly the results of its default run.
    """
    fast = validate(store, engine="sparql", **options)
    for joins, threads in (("scan", 1), ("index", 2)):
        other = validate_sparql(store, joins=joins, threads=threads, **options)
        assert set(other.results) == set(fast.results), (joins, differences(other, fast))
    reference = validate(store, engine="pyshacl", **options)
    return fast, reference


def differences(fast, reference) -> str:
    lines = [f"only fast: {r}" for r in set(fast.results) - set(reference.results)]
    lines += [f"only pyshacl: {r}" for r in set(reference.results) - set(fast.results)]
    return "\n".join(sorted(lines))


# --- the shapes test cases ---------------------------------------------------------------------


def case_store(case: str) -> ox.Store:
    """A case's TriG file with the ontology and schemes graphs, as the shapes suite has them."""
    store = ox.Store()
    for graph in (str(ONTOLOGY_GRAPH), str(SCHEMES_GRAPH)):
        store.load(background_nquads(graph), format=ox.RdfFormat.N_QUADS)
    store.load(path=FIXTURES / f"{case}.trig", format=ox.RdfFormat.TRIG)
    return store


@pytest.mark.parametrize("case", CASES)
def test_fast_engine_equals_pyshacl_on_shapes_test_case(case: str) -> None:
    fast, reference = both(case_store(case))
    assert set(fast.results) == set(reference.results), differences(fast, reference)
    assert set(fast.shape_engines.values()) == {"sparql"}, fast.notes
    if case.endswith("invalid"):
        assert fast.violations or fast.warnings


# --- researchers' own shapes -----------------------------------------------------------------

EXTRA_SHAPES = r'''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .

ex:prefixes a owl:Ontology ; sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/ns#"^^xsd:anyURI ] .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:name "Thing" ;
    sh:message "thing problem" ;
    sh:property ex:Thing-count , ex:Thing-code , ex:Thing-score , ex:Thing-label ,
        [ sh:path ex:tag ; sh:in ( "red" "green" ex:Blue 1 ) ; sh:message "bad tag" ] ,
        [ sh:path ( ex:part ex:size ) ; sh:maxInclusive 10 ; sh:message "part too big" ] ,
        [ sh:path [ sh:inversePath ex:owns ] ; sh:maxCount 1 ; sh:message "two owners" ] ,
        [ sh:path [ sh:alternativePath ( ex:start ex:begin ) ] ; sh:lessThan ex:end ; sh:message "starts after end" ] ,
        [ sh:path ex:friend ; sh:node ex:PersonShape ; sh:message "friend is not a person" ] ,
        [ sh:path ex:kind ; sh:xone ( [ sh:hasValue ex:A ] [ sh:hasValue ex:B ] ) ; sh:message "kind" ] ,
        [ sh:path ex:when ; sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:dateTime ] ) ; sh:minExclusive "2000-01-01"^^xsd:date ; sh:message "when" ] ,
        [ sh:path ex:note ; sh:not [ sh:pattern "^forbidden" ; sh:flags "i" ] ; sh:message "no forbidden notes" ] ,
        [ sh:path ex:alias ; sh:equals ex:name ; sh:message "alias differs from name" ] ,
        [ sh:path ex:name ; sh:disjoint ex:nick ; sh:message "name used as nick" ] ,
        [ sh:path ex:name ; sh:uniqueLang true ; sh:languageIn ( "en" "ko" ) ; sh:message "names" ] ,
        [ sh:path ex:level ; sh:hasValue "3"^^xsd:integer ; sh:message "level 3 required" ] ,
        [ sh:path ex:member ; sh:qualifiedValueShape [ sh:class ex:Person ] ; sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 2 ; sh:message "members" ] .

ex:Thing-count a sh:PropertyShape ; sh:path ex:code ; sh:minCount 1 ; sh:maxCount 2 ; sh:message "one or two codes" ; sh:severity sh:Warning .
ex:Thing-code a sh:PropertyShape ; sh:path ex:code ; sh:datatype xsd:string ; sh:minLength 2 ; sh:maxLength 5 ; sh:pattern "^[a-z]+$" ; sh:message "code form" .
ex:Thing-score a sh:PropertyShape ; sh:path ex:score ; sh:datatype xsd:integer ; sh:minInclusive 0 ; sh:maxExclusive 100.5 ; sh:message "score" ; sh:severity sh:Info .
ex:Thing-label a sh:PropertyShape ; sh:path rdfs:label ; sh:nodeKind sh:Literal ; sh:message "label kind" ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes ex:prefixes ;
        sh:message "label {?value} of {$this} repeats on {?other}" ;
        sh:select """SELECT $this ?value ?other WHERE { $this $PATH ?value . ?other $PATH ?value . FILTER(?other != $this) }""" ] .

ex:PersonShape a sh:NodeShape ; sh:property [ sh:path ex:age ; sh:minCount 1 ; sh:datatype xsd:integer ] ; sh:class ex:Person .

ex:Person a rdfs:Class , sh:NodeShape ; sh:message "person" ;
    sh:property [ sh:path ex:age ; sh:maxCount 1 ; sh:message "one age" ] .

ex:Target a sh:NodeShape ; sh:targetNode ex:missing , ex:t1 ; sh:message "targeted node" ;
    sh:property [ sh:path ex:code ; sh:minCount 1 ; sh:message "target needs code" ] .

ex:ObjectsShape a sh:NodeShape ; sh:targetObjectsOf ex:owns ; sh:nodeKind sh:IRI ; sh:message "owned things are IRIs" .

ex:NoMessage a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:score ; sh:maxCount 1 ] .

ex:Closed a sh:NodeShape ; sh:targetClass ex:Closed ; sh:closed true ; sh:ignoredProperties ( rdfs:label ) ;
    sh:message "closed" ; sh:property [ sh:path ex:code ; sh:message "code" ] .

ex:Off a sh:NodeShape ; sh:targetClass ex:Thing ; sh:deactivated true ; sh:property [ sh:path ex:code ; sh:minCount 9 ; sh:message "off" ] .

ex:EvenComponent a sh:ConstraintComponent ;
    sh:parameter [ sh:path ex:even ] ;
    sh:nodeValidator [ a sh:SPARQLSelectValidator ; sh:prefixes ex:prefixes ;
        sh:select """SELECT $this WHERE { $this ex:size ?s . FILTER((?s - 2 * FLOOR(?s / 2) != 0) = $even) }""" ] .

ex:EvenShape a sh:NodeShape ; sh:targetSubjectsOf ex:size ; ex:even true ; sh:message "size must be even" .
'''

# t1 breaks most rules; t2 and a blank node break a few; tricky literals throughout:
# "abc"^^xsd:integer (ill-typed), "7"^^xsd:int (stored as xsd:integer), 1.5e0 (a double
# rdflib writes "1.5"), "2020-02-30"^^xsd:date (no such day), a date with a time zone,
# plain and lang-tagged strings against sh:in.
EXTRA_DATA = r"""
@prefix ex: <http://example.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<http://example.org/g1> {
  ex:t1 a ex:Thing ; ex:code "ab" , "Abc" , "toolongcode" ; ex:score 5 , "abc"^^xsd:integer , 100 ;
     rdfs:label "same" , "ok"@en ; ex:tag "red" , "blue" , ex:Blue , "1"^^xsd:integer , "red"@en ;
     ex:part ex:p1 , ex:p2 ; ex:start 5 ; ex:begin "2020-01-01"^^xsd:date ; ex:end 3 ;
     ex:friend ex:bob , ex:carol , "literal friend" ; ex:kind ex:A ; ex:when "1999-01-01"^^xsd:date , "2021-05-05T10:00:00Z"^^xsd:dateTime , "soon" , "2020-02-30"^^xsd:date ;
     ex:note "Forbidden words" , "fine" ; ex:alias "x" ; ex:name "x" , "y"@en , "z"@en ; ex:nick "x" ; ex:level 3.0 ;
     ex:member ex:bob , ex:carol , ex:dave , ex:erin .
  ex:t2 a ex:Thing ; rdfs:label "same" ; ex:code "zz" ; ex:score "7"^^xsd:int ; ex:level "3"^^xsd:integer ; ex:kind ex:C ;
     ex:when "2010-10-10+02:00"^^xsd:date ; ex:start 1.5e0 ; ex:end 2 ; ex:member ex:dave .
  _:b1 a ex:Thing ; ex:code "q" ; ex:level 3 ; ex:size 3 .
  ex:p1 ex:size 12 . ex:p2 ex:size 4 .
  ex:bob a ex:Person ; ex:age 30 . ex:carol ex:age "old" . ex:dave a ex:Person ; ex:age 1 , 2 . ex:erin a ex:Person ; ex:age 40 .
  ex:x ex:owns ex:t1 . ex:y ex:owns ex:t1 . ex:z ex:owns "lit" .
  ex:c1 a ex:Closed ; ex:code "a" ; rdfs:label "c" ; ex:other 1 .
}
"""


@cache
def extra_shapes() -> Graph:
    return Graph().parse(data=EXTRA_SHAPES, format="turtle")


def extra_store() -> ox.Store:
    store = ox.Store()
    store.load(EXTRA_DATA.encode(), format=ox.RdfFormat.TRIG)
    return store


def test_fast_engine_equals_pyshacl_on_researchers_shapes() -> None:
    fast, reference = both(extra_store(), shapes=extra_shapes(), background=False)
    assert set(fast.results) == set(reference.results), differences(fast, reference)
    assert len(fast.results) > 30
    components = {r.constraint_component.rsplit("#", 1)[-1] for r in fast.results}
    assert {
        "DatatypeConstraintComponent",
        "InConstraintComponent",
        "OrConstraintComponent",
        "XoneConstraintComponent",
        "NotConstraintComponent",
        "NodeConstraintComponent",
        "LessThanConstraintComponent",
        "QualifiedMaxCountConstraintComponent",
        "SPARQLConstraintComponent",
        "EvenComponent",
    } <= components


def test_untranslatable_shapes_go_to_pyshacl_and_only_those() -> None:
    fast = validate(extra_store(), shapes=extra_shapes(), background=False)
    handed = {shape for shape, engine in fast.shape_engines.items() if engine == "pyshacl"}
    closed = "http://example.org/ns#Closed"
    assert closed in handed  # sh:closed
    assert len(handed) == 2  # and the property shape without sh:message
    assert len(fast.notes) == 2
    assert any(r.source_shape == closed for r in fast.results)
    assert sum(e == "sparql" for e in fast.shape_engines.values()) > 15


def test_rdflib_input_gives_the_same_results_on_both_engines() -> None:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=EXTRA_DATA, format="trig")
    fast = validate(dataset, shapes=extra_shapes(), engine="sparql", background=False)
    reference = validate(dataset, shapes=extra_shapes(), engine="pyshacl", background=False)
    # rdflib keeps "7"^^xsd:int, which pyoxigraph stores as xsd:integer: the one difference.
    only_reference = {r for r in set(reference.results) - set(fast.results)}
    assert {r.value for r in only_reference} == {'"7"^^<http://www.w3.org/2001/XMLSchema#integer>'}
    assert set(fast.results) - set(reference.results) == set()


# --- the sample corpus, with errors injected -------------------------------------------------


def test_fast_engine_equals_pyshacl_on_corpus_articles_with_injected_errors() -> None:
    fast, reference = both(corpus_store(1))  # one article of each input format
    assert set(fast.results) == set(reference.results), differences(fast, reference)
    found = {r.source_shape.removeprefix(SHAPES) for r in fast.results}
    assert set(INJECTED) <= found, set(INJECTED) - found

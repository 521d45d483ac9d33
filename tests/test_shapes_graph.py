"""The shapes graph itself: it parses everywhere, is valid SHACL, documents itself, and the
shipped ontology, schemes and vocabulary satisfy it."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from pyshacl.entrypoints import meta_validate
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import BNode, Node

from borderkg.ontology import ontology_graph, schemes_graph, vocabulary_graph
from borderkg.ontology.namespaces import ONTOLOGY_GRAPH, SCHEMES_GRAPH, VOCABULARY_GRAPH
from borderkg.shapes import BKGSH, SHAPES_GRAPH_IRI, shape_files, shape_text, shapes_graph

# rdflib 7.6 warns about its own Dataset internals on every parse and query.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
README = Path(__file__).resolve().parent.parent / "shapes" / "README.md"

# The SHACL Core parameters that make a shape report results, plus SHACL-SPARQL constraints.
# fmt: off
CORE_PARAMETERS = {SH[name] for name in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive",
    "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern", "languageIn",
    "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not", "and", "or",
    "xone", "node", "qualifiedValueShape", "closed", "hasValue", "in", "sparql",
)}
# fmt: on
# Shapes whose absence-of-data results are Warnings on purpose (see shapes/README.md).
WARNING_SHAPES = {
    "Article-headline",
    "Article-datePublished",
    "Provision-label",
    "AnonymousSource-label",
    "Quotation-speaker",
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph()


def named_shapes(shapes: Graph) -> set[Node]:
    return {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if str(s).startswith(str(BKGSH))
    }


def parameters(shapes: Graph) -> set[Node]:
    """Core constraint parameters and the parameters of the custom constraint components."""
    custom = {
        shapes.value(parameter, SH.path)
        for component in shapes.subjects(RDF.type, SH.ConstraintComponent)
        for parameter in shapes.objects(component, SH.parameter)
    }
    return CORE_PARAMETERS | custom


def reporting_shapes(shapes: Graph) -> set[Node]:
    params = parameters(shapes)
    return {s for s in named_shapes(shapes) if any(p in params for p in shapes.predicates(s))}


def local(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1]


# --- files and parsing --------------------------------------------------------------------


def test_shape_files_lists_every_turtle_file_of_the_package() -> None:
    on_disk = sorted(e.name for e in files("borderkg.shapes").iterdir() if e.name.endswith(".ttl"))
    assert shape_files() == on_disk
    assert {"article.ttl", "evidence.ttl", "schemes.ttl", "sources.ttl"} <= set(on_disk)


def test_shape_text_refuses_names_that_are_not_shape_files() -> None:
    with pytest.raises(FileNotFoundError):
        shape_text("../ontology/borderkg.ttl")


@pytest.mark.parametrize("name", shape_files())
def test_each_shape_file_parses_identically_with_rdflib_and_pyoxigraph(name: str) -> None:
    text = shape_text(name)
    with_rdflib = Graph().parse(data=text, format="turtle")
    quads = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    ntriples = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    with_oxigraph = Graph().parse(data=ntriples, format="nt")
    assert len(with_rdflib) > 0
    assert isomorphic(with_rdflib, with_oxigraph)


def test_shapes_graph_is_the_union_of_the_files(shapes: Graph) -> None:
    assert len(shapes) == sum(len(Graph().parse(data=shape_text(n))) for n in shape_files())
    assert shapes.namespace_manager.store.namespace("bkgsh") == URIRef(str(BKGSH))


def test_shapes_graph_is_valid_shacl_by_the_shacl_shacl_shapes(shapes: Graph) -> None:
    conforms, _report, text = meta_validate(shapes)
    assert conforms, text


# --- self-description ---------------------------------------------------------------------


def test_every_named_shape_has_one_name_and_one_description(shapes: Graph) -> None:
    found = named_shapes(shapes)
    assert len(found) > 100
    for shape in found:
        names = list(shapes.objects(shape, SH.name))
        descriptions = list(shapes.objects(shape, SH.description))
        assert len(names) == 1 and str(names[0]).strip(), shape
        assert len(descriptions) == 1 and len(str(descriptions[0])) > 20, shape


def test_every_reporting_shape_has_a_deliberate_severity(shapes: Graph) -> None:
    for shape in reporting_shapes(shapes):
        severities = list(shapes.objects(shape, SH.severity))
        assert severities in ([SH.Violation], [SH.Warning]), shape
    warnings = {
        local(s) for s in reporting_shapes(shapes) if (s, SH.severity, SH.Warning) in shapes
    }
    assert warnings == WARNING_SHAPES


def test_every_constraint_says_what_is_wrong_and_how_to_fix_it(shapes: Graph) -> None:
    for shape in reporting_shapes(shapes):
        messages = list(shapes.objects(shape, SH.message))
        messages += [
            m for c in shapes.objects(shape, SH.sparql) for m in shapes.objects(c, SH.message)
        ]
        assert messages, f"{shape} has no sh:message"
        for message in messages:
            # Convention: "<what is wrong>: <how to fix it>".
            what, _, how = str(message).partition(": ")
            assert len(what) > 15 and len(how) > 15, f"{shape}: {message}"
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.message) is not None, constraint


def test_anonymous_shapes_only_appear_inside_named_ones(shapes: Graph) -> None:
    params = parameters(shapes)
    allowed: set[Node] = set(shapes.objects(None, SH.qualifiedValueShape))
    for logical in (SH["or"], SH["and"], SH.xone):
        for head in shapes.objects(None, logical):
            allowed.update(Collection(shapes, head))
    for node in set(shapes.subjects()):
        if isinstance(node, BNode) and any(p in params for p in shapes.predicates(node)):
            assert node in allowed, (
                f"an anonymous shape reports results: {list(shapes.predicate_objects(node))}"
            )


def test_readme_documents_every_reporting_shape(shapes: Graph) -> None:
    readme = README.read_text(encoding="utf-8")
    names = {local(s) for s in reporting_shapes(shapes)}
    assert {name for name in names if f"`{name}`" not in readme} == set()


# --- SPARQL -------------------------------------------------------------------------------


def sparql_texts(shapes: Graph) -> list[tuple[Node, str]]:
    """Every sh:select with the prologue pyshacl gives it and $PATH filled in."""
    texts = []
    for holder, select in shapes.subject_objects(SH.select):
        prologue = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for source in shapes.objects(holder, SH.prefixes)
            for d in shapes.objects(source, SH.declare)
        )
        texts.append((holder, prologue + str(select).replace("$PATH", "<urn:x-test:path>")))
    return texts


def test_every_sparql_constraint_declares_its_prefixes_through_the_shapes_graph_node(
    shapes: Graph,
) -> None:
    holders = [holder for holder, _ in sparql_texts(shapes)]
    assert len(holders) >= 7
    for holder in holders:
        assert list(shapes.objects(holder, SH.prefixes)) == [URIRef(SHAPES_GRAPH_IRI)]


def test_every_sparql_query_parses_in_rdflib_and_runs_in_pyoxigraph(shapes: Graph) -> None:
    store = ox.Store()
    for holder, text in sparql_texts(shapes):
        prepareQuery(text)
        solutions = store.query(text, use_default_graph_as_union=True)
        assert list(solutions) == [], holder


# --- the shipped data ---------------------------------------------------------------------


def test_shipped_ontology_schemes_and_vocabulary_satisfy_the_shapes(shapes: Graph) -> None:
    dataset = Dataset()
    for graph_iri, graph in (
        (ONTOLOGY_GRAPH, ontology_graph()),
        (SCHEMES_GRAPH, schemes_graph()),
        (VOCABULARY_GRAPH, vocabulary_graph()),
    ):
        named = dataset.graph(graph_iri)
        for triple in graph:
            named.add(triple)
    assert len(dataset) > 4000
    conforms, report, text = validate(
        dataset, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    violations = [
        r for r in report.objects(None, SH.result) if (r, SH.resultSeverity, SH.Violation) in report
    ]
    assert violations == [], text
    assert conforms, text

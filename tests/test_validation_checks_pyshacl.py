"""The gate's copies of pyshacl's two value tests agree with pyshacl's own functions.

``borderkg.validation.checks`` writes out pyshacl's ``sh:datatype`` test
(``DatatypeConstraintComponent._assert_actual_datatype``) and its literal ordering for the
range constraints (``rdfutil.compare.compare_literal``) so that a gate check does not import
pyshacl. These tests run both over literals of every kind the shapes meet, well- and
ill-formed, and fail if an upgrade of pyshacl or rdflib makes them part ways.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from pyshacl.constraints.core.value_constraints import DatatypeConstraintComponent
from pyshacl.rdfutil.compare import compare_literal as pyshacl_compare
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from borderkg.validation.checks import actual_datatype, compare_literal

LITERALS = [
    Literal("plain"),
    Literal("tagged", lang="en"),
    Literal("x", datatype=XSD.string),
    Literal("12", datatype=XSD.integer),
    Literal("-3", datatype=XSD.integer),
    Literal("twelve", datatype=XSD.integer),
    Literal("1.5", datatype=XSD.decimal),
    Literal("1,5", datatype=XSD.decimal),
    Literal("2.5e3", datatype=XSD.float),
    Literal("fast", datatype=XSD.float),
    Literal("true", datatype=XSD.boolean),
    Literal("yes", datatype=XSD.boolean),
    Literal("2023-04-12", datatype=XSD.date),
    Literal("2023-13-45", datatype=XSD.date),
    Literal("2023-04-12T10:00:00", datatype=XSD.dateTime),
    Literal("2023-04-12T10:00:00+09:00", datatype=XSD.dateTime),
    Literal("noon", datatype=XSD.dateTime),
    Literal("10:30:00", datatype=XSD.time),
    Literal("2023", datatype=XSD.gYear),
    Literal("41.8", datatype=XSD.double),
    Literal("7", datatype=XSD.nonNegativeInteger),
    Literal("-7", datatype=XSD.nonNegativeInteger),
    Literal("x", datatype=URIRef("https://example.org/own-datatype")),
]
DATATYPES = [
    XSD.string,
    RDF.langString,
    XSD.integer,
    XSD.float,
    XSD.decimal,
    XSD.boolean,
    XSD.date,
    XSD.time,
    XSD.dateTime,
    XSD.gYear,
    XSD.double,
    XSD.nonNegativeInteger,
    RDFS.Literal,
]


@pytest.mark.parametrize("datatype", DATATYPES, ids=lambda d: d.split("#")[-1])
def test_datatype_test_agrees_with_pyshacl_on_every_literal(datatype: URIRef) -> None:
    ours = [actual_datatype(value, datatype) for value in LITERALS]
    theirs = [
        DatatypeConstraintComponent._assert_actual_datatype(None, value, datatype)
        for value in LITERALS
    ]
    assert ours == theirs
    if datatype == XSD.integer:  # the comparison has teeth: an ill-formed integer fails
        assert ours.count(False) >= 1


def _order(compare, first: Literal, second: Literal) -> int | str:
    try:
        return compare(first, second)
    except (TypeError, NotImplementedError) as error:
        return type(error).__name__


def test_literal_order_agrees_with_pyshacl_on_every_pair() -> None:
    pairs = [(a, b) for a in LITERALS for b in LITERALS]
    ours = [_order(compare_literal, a, b) for a, b in pairs]
    theirs = [_order(pyshacl_compare, a, b) for a, b in pairs]
    assert ours == theirs
    assert {0, 1, -1} <= set(ours)  # equal, greater and smaller pairs all occur


def test_a_gate_check_of_a_sample_article_does_not_import_pyshacl(tmp_path) -> None:
    """A check of a real article (dates, integers, coordinates) runs without pyshacl loaded;
    it used to import it (~0.4 s) at the first typed literal."""
    script = f"""
import sys
from importlib.resources import files
from borderkg.loaders.readers import iter_records
from borderkg.pipeline import build_article, ensure_schema_graphs
from borderkg.store import GraphStore
from borderkg.validation import Gate
text = files("borderkg.loaders") / "corpus" / "text" / "2019-06-hyesan-remittance-fees.txt"
built = build_article(next(iter_records([str(text)])))
with GraphStore({str(tmp_path / "store")!r}) as store:
    ensure_schema_graphs(store)
    report = Gate().check(store, [(built.graph, built.quads, built.content_hash)])[built.graph]
print(report.conforms, "pyshacl" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["True", "False"]

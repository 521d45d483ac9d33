"""Plans the gate decides in Python (``gatevouch.py``) find what their own queries find.

For each shortcut — sh:lessThan(OrEquals) pairs, the in-scheme component, the evidence-span
anchor and sentence constraints, the quick passes of datatype and range checks, ``sh:or``
over datatypes — a valid batch is vouched for and its plan's query finds nothing, and an
invalid one is not vouched for and the query finds the error; unusual terms are left to the
query. Hand-written data (invented text) in real pyoxigraph stores.
"""

from __future__ import annotations

import pytest
from gatescratch import gate_parts as build_parts
from gatescratch import scratch

from borderkg.validation.gatedecide import Vouch
from borderkg.validation.gatefacts import VALUE_TESTS
from borderkg.validation.gaterun import GateRunner

ARTICLE = "https://w3id.org/borderkg/article/"
GRAPH = "https://w3id.org/borderkg/graph/article/"
SHAPES = "https://w3id.org/borderkg/shapes#"
TEXT = "A trader in Hyesan said the 한국 goods 🚚 crossed at night, and guards took a fee."
PREFIXES = """
@prefix bkg: <https://w3id.org/borderkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix measure: <https://w3id.org/borderkg/scheme/measure-type/> .
@prefix status: <https://w3id.org/borderkg/scheme/policy-status/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
NNI = "xsd:nonNegativeInteger"


def span(
    name: str,
    anchor: str,
    *,
    begin: int | None = None,
    end: int | None = None,
    kind: str = NNI,
    text: str = "text",
    more: str = "",
) -> str:
    """Turtle of an evidence span of article ``a`` over ``anchor`` (offsets in TEXT unless
    given)."""
    first = TEXT.index(anchor) if begin is None else begin
    last = first + len(anchor) if end is None else end
    return (
        f"<{ARTICLE}a#{name}> a bkg:EvidenceSpan ; nif:referenceContext <{ARTICLE}a#{text}> ; "
        f'nif:beginIndex "{first}"^^{kind} ; nif:endIndex "{last}"^^{kind} ; '
        f'nif:anchorOf "{anchor}" {more} .'
    )


def batch(*statements: str) -> str:
    """TriG of article ``a``'s graph: its text and the statements."""
    body = f'<{ARTICLE}a#text> a nif:Context ; nif:isString "{TEXT}" .\n' + "\n".join(statements)
    return f"<{GRAPH}a> {{ {body} }}"


@pytest.fixture(scope="module")
def gate_parts() -> tuple[Vouch, GateRunner, dict]:
    return build_parts()


def judge(parts: tuple[Vouch, GateRunner, dict], trig: str, shape_id: str, kind: str):
    """(vouched for, results of the plan's own query on the batch's subjects) for one plan,
    on a scratch store like the gate's: the well-known graphs and the batch."""
    vouch, runner, plans = parts
    store, facts, subjects = scratch(vouch, PREFIXES + trig)
    shape, shape_plans = plans[shape_id]
    plan = next(p for p in shape_plans if p.kind == kind)
    vouched = vouch.finds_nothing(shape, plan, facts, subjects)
    found = [
        raw
        for _shape, raw in runner.run(store, {shape.node}, lambda _s, p: p is not plan, {})
        if raw.focus in subjects
    ]
    return vouched, found


# --- the anchor is the text between the offsets --------------------------------------------


def test_anchor_matching_its_offsets_is_vouched_for_and_the_query_finds_nothing(
    gate_parts,
) -> None:
    trig = batch(span("s1", "A trader in Hyesan"), span("s2", "한국 goods 🚚 crossed"))
    assert judge(gate_parts, trig, "EvidenceSpan-anchor-matches-text", "sparql") == (True, [])


def test_anchor_not_between_its_offsets_is_left_to_the_query_which_finds_it(gate_parts) -> None:
    wrong = span("s1", "goods 🚚 crossed", begin=TEXT.index("goods") + 1)
    vouched, found = judge(gate_parts, batch(wrong), "EvidenceSpan-anchor-matches-text", "sparql")
    assert not vouched
    assert [str(r.focus) for r in found] == [f"<{ARTICLE}a#s1>"]


def test_anchor_counted_in_utf16_units_is_found_like_the_query_finds_it(gate_parts) -> None:
    # the lorry emoji is one code point but two UTF-16 units: offsets after it are off by one
    begin = TEXT.index("crossed") + 1
    utf16 = span("s1", "crossed at", begin=begin, end=begin + len("crossed at"))
    vouched, found = judge(gate_parts, batch(utf16), "EvidenceSpan-anchor-matches-text", "sparql")
    assert (vouched, len(found)) == (False, 1)


def test_anchor_with_unusual_offsets_is_left_to_the_query(gate_parts) -> None:
    decimal = span("s1", "A trader", kind="xsd:decimal")
    vouched, found = judge(gate_parts, batch(decimal), "EvidenceSpan-anchor-matches-text", "sparql")
    assert not vouched
    assert found == []  # the query decides: here SUBSTR with 0.0 + 1 still reads "A trader"


# --- a span lies inside its sentence ---------------------------------------------------------


SENTENCE = "A trader in Hyesan said the 한국 goods 🚚 crossed at night"


def test_span_inside_its_sentence_is_vouched_for_and_the_query_finds_nothing(gate_parts) -> None:
    trig = batch(
        span("sentence", SENTENCE),
        span("s1", "goods 🚚 crossed", more=f"; bkg:sentence <{ARTICLE}a#sentence>"),
    )
    assert judge(gate_parts, trig, "EvidenceSpan-sentence-contains", "sparql") == (True, [])


@pytest.mark.parametrize(
    "inner",
    [
        span("s1", "guards took a fee", more=f"; bkg:sentence <{ARTICLE}a#sentence>"),
        span("s1", "goods", text="other", more=f"; bkg:sentence <{ARTICLE}a#sentence>"),
    ],
    ids=["outside", "another-text"],
)
def test_span_outside_its_sentence_is_left_to_the_query_which_finds_it(gate_parts, inner) -> None:
    trig = batch(span("sentence", SENTENCE), inner)
    vouched, found = judge(gate_parts, trig, "EvidenceSpan-sentence-contains", "sparql")
    assert not vouched
    assert [str(r.focus) for r in found] == [f"<{ARTICLE}a#s1>"]


# --- sh:lessThan / sh:lessThanOrEquals ---------------------------------------------------------


def test_ordered_offsets_are_vouched_for_and_reversed_ones_found(gate_parts) -> None:
    assert judge(gate_parts, batch(span("s1", "A trader")), "EvidenceSpan-order", "pair") == (
        True,
        [],
    )
    empty = span("s1", "", begin=4, end=4)
    vouched, found = judge(gate_parts, batch(empty), "EvidenceSpan-order", "pair")
    assert (vouched, len(found)) == (False, 1)


def policy(begin: str, end: str) -> str:
    return (
        f"<{ARTICLE}a#policy-1> a bkg:Policy ; bkg:measureType measure:BorderClosure ; "
        f"bkg:status status:InForce ; bkg:inForceFrom {begin} ; bkg:inForceUntil {end} ."
    )


def test_dates_in_order_are_vouched_for_through_the_exact_test_and_swapped_ones_found(
    gate_parts,
) -> None:
    fine = batch(policy('"2024-03-01"^^xsd:date', '"2024-03-01"^^xsd:date'))
    assert judge(gate_parts, fine, "Policy-interval", "pair") == (True, [])
    swapped = batch(policy('"2024-03-02"^^xsd:date', '"2024-03-01"^^xsd:date'))
    vouched, found = judge(gate_parts, swapped, "Policy-interval", "pair")
    assert (vouched, len(found)) == (False, 1)
    mixed = batch(policy('"2024-03-01"^^xsd:date', '"later"'))
    vouched, found = judge(gate_parts, mixed, "Policy-interval", "pair")
    assert (vouched, len(found)) == (False, 1)


# --- sh:datatype xsd:string without rdflib -----------------------------------------------------


def test_many_plain_anchors_are_vouched_for_without_a_budget_and_a_tagged_one_is_found(
    gate_parts,
) -> None:
    words = TEXT.split(" ")
    spans = [span(f"w{i}", word) for i, word in enumerate(words * 4)]
    assert len(spans) > VALUE_TESTS
    assert judge(gate_parts, batch(*spans), "EvidenceSpan-anchor-datatype", "values") == (True, [])
    tagged = f'<{ARTICLE}a#w0> nif:anchorOf "A"@en .'
    vouched, found = judge(
        gate_parts, batch(*spans, tagged), "EvidenceSpan-anchor-datatype", "values"
    )
    assert not vouched
    assert [str(r.focus) for r in found] == [f"<{ARTICLE}a#w0>"]


# --- sh:or over datatypes, integer ranges, dates -------------------------------------------------


def test_many_plain_offsets_are_vouched_for_and_a_negative_or_decimal_one_is_found(
    gate_parts,
) -> None:
    spans = [span(f"w{i}", word) for i, word in enumerate(TEXT.split(" ") * 4)]
    assert len(spans) > VALUE_TESTS
    fine = batch(*spans)
    assert judge(gate_parts, fine, "EvidenceSpan-begin-value", "values") == (True, [])
    for wrong in ('"-1"^^xsd:integer', '"2.0"^^xsd:decimal', '"two"'):
        bad = batch(*spans, f"<{ARTICLE}a#w3> nif:beginIndex {wrong} .")
        vouched, found = judge(gate_parts, bad, "EvidenceSpan-begin-value", "values")
        assert not vouched, wrong
        assert {str(r.focus) for r in found} == {f"<{ARTICLE}a#w3>"}, wrong


def report(stamp: str) -> str:
    return (
        f"<{ARTICLE}a#event-1> a bkg:EventReport ; "
        f"<http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp> {stamp} ."
    )


@pytest.mark.parametrize(
    ("stamp", "valid"),
    [
        ('"2024-02-29"^^xsd:date', True),
        ('"2024-02-29T10:00:00"^^xsd:dateTime', True),
        ('"2023-02-29"^^xsd:date', False),
        ('"29 February"', False),
    ],
)
def test_dates_are_vouched_for_only_when_the_query_finds_nothing(gate_parts, stamp, valid) -> None:
    vouched, found = judge(gate_parts, batch(report(stamp)), "EventReport-earliestBegin", "values")
    assert found == [] if valid else len(found) == 1
    if not valid:
        assert not vouched
    if stamp.endswith("xsd:date") and valid:
        assert vouched


# --- the in-scheme component -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "valid"),
    [("measure:BorderClosure", True), ("measure:NoSuchMeasure", False), ('"closure"', False)],
)
def test_scheme_values_are_vouched_for_only_when_the_query_finds_nothing(
    gate_parts, measure, valid
) -> None:
    trig = batch(
        f"<{ARTICLE}a#policy-1> a bkg:Policy ; bkg:measureType {measure} ; "
        "bkg:status status:InForce ."
    )
    vouched, found = judge(gate_parts, trig, "MeasureTypeValues", "custom")
    assert (vouched, len(found)) == ((True, 0) if valid else (False, 1))

"""Content negotiation: Accept parsing (q-values, wildcards, parameters) and format choice."""

from __future__ import annotations

import pytest

from borderkg import conneg
from borderkg.conneg import choose, negotiate, parse_accept, quality


def test_accept_elements_carry_their_quality_and_parameters() -> None:
    ranges = parse_accept('text/turtle;charset=utf-8;q=0.5, application/ld+json;profile="a;b"')
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "turtle", 0.5),
        ("application", "ld+json", 1.0),
    ]
    assert ranges[0].params == (("charset", "utf-8"),)
    assert ranges[1].params == (("profile", "a;b"),)


@pytest.mark.parametrize("header", ["text", "/json", "text/csv;q=abc", "*/json", "text/csv;q=2"])
def test_malformed_accept_elements_are_skipped(header: str) -> None:
    assert parse_accept(header + ", text/tab-separated-values") == parse_accept(
        "text/tab-separated-values"
    )


def test_the_most_specific_matching_range_gives_the_quality() -> None:
    ranges = parse_accept("text/*;q=0.3, text/csv;q=0.9, */*;q=0.1")
    assert quality(ranges, "text/csv") == 0.9
    assert quality(ranges, "text/turtle") == 0.3
    assert quality(ranges, "application/n-triples") == 0.1


def test_q_zero_refuses_a_type_even_under_a_wildcard() -> None:
    assert choose("*/*, text/csv;q=0", ["text/csv", "text/tab-separated-values"]) == (
        "text/tab-separated-values"
    )
    assert choose("text/csv;q=0", ["text/csv"]) is None


def test_ties_go_to_the_servers_order_of_preference() -> None:
    offered = ["application/sparql-results+json", "text/csv"]
    assert choose("text/csv, application/sparql-results+json", offered) == offered[0]
    assert choose("text/csv, application/sparql-results+json", offered[::-1]) == "text/csv"


def test_higher_quality_wins_over_server_preference() -> None:
    offered = ["application/sparql-results+json", "text/csv"]
    assert choose("application/sparql-results+json;q=0.4, text/csv", offered) == "text/csv"


@pytest.mark.parametrize("header", [None, "", "   ", "*/*"])
def test_no_preference_gives_json_results_and_turtle_graphs(header: str | None) -> None:
    assert negotiate(header, "results") == conneg.JSON_RESULTS
    assert negotiate(header, "graph") == conneg.TURTLE


def test_nothing_acceptable_means_406() -> None:
    assert negotiate("image/png", "results") is None
    assert negotiate("text/turtle", "results") is None
    assert negotiate("application/sparql-results+json", "graph") is None


@pytest.mark.parametrize(
    ("header", "family", "expected"),
    [
        ("application/json", "results", conneg.JSON_RESULTS),
        ("application/xml", "results", conneg.XML_RESULTS),
        ("application/json", "graph", conneg.JSONLD),
        ("text/plain", "graph", conneg.NTRIPLES),
        ("application/x-turtle", "graph", conneg.TURTLE),
        # SPARQLWrapper's JSON request
        (
            "application/sparql-results+json,application/json,text/javascript,"
            "application/javascript",
            "results",
            conneg.JSON_RESULTS,
        ),
        # A browser asking for a page: XML ranks above */*
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "results",
            conneg.XML_RESULTS,
        ),
        ("text/*", "results", conneg.CSV),
        ("application/*;q=0.2, text/turtle;q=0.1", "graph", conneg.NTRIPLES),
        (
            'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"',
            "graph",
            conneg.JSONLD,
        ),
        ("TEXT/TURTLE", "graph", conneg.TURTLE),
    ],
)
def test_aliases_and_real_client_headers_give_canonical_types(
    header: str, family: str, expected: str
) -> None:
    assert negotiate(header, family) == expected


@pytest.mark.parametrize(
    ("param", "family", "expected"),
    [
        ("json", "results", conneg.JSON_RESULTS),
        ("TSV", "results", conneg.TSV),
        ("csv", "results", conneg.CSV),
        ("xml", "results", conneg.XML_RESULTS),
        ("turtle", "graph", conneg.TURTLE),
        ("ntriples", "graph", conneg.NTRIPLES),
        ("nquads", "graph", conneg.NQUADS),
        ("trig", "graph", conneg.TRIG),
        ("jsonld", "graph", conneg.JSONLD),
        ("rdfxml", "graph", conneg.RDFXML),
        ("text/turtle", "graph", conneg.TURTLE),
        ("application/json", "results", conneg.JSON_RESULTS),
    ],
)
def test_format_parameter_overrides_accept(param: str, family: str, expected: str) -> None:
    assert negotiate("image/png", family, param) == expected


def test_format_parameter_of_the_wrong_family_is_not_acceptable() -> None:
    assert negotiate(None, "results", "turtle") is None
    assert negotiate(None, "graph", "csv") is None
    assert negotiate(None, "graph", "nonsense") is None


def test_every_canonical_type_has_a_worker_format_and_a_content_type() -> None:
    for media_type in (*conneg.RESULT_TYPES, *conneg.GRAPH_TYPES):
        assert media_type in conneg.FORMAT_NAMES
        assert conneg.CONTENT_TYPES[media_type].startswith(media_type)
        assert conneg.family_of(media_type) in ("results", "graph")
    assert conneg.family_of("text/html") is None


def test_unknown_family_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="family"):
        negotiate(None, "pictures")

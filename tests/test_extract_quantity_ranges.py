"""Ranges, exchange rates and numbers that are no amounts (decades, multiples, names)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from extracthelp import extract
from rdflib import URIRef
from rdflib.namespace import SKOS

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.cues import SentenceWords
from borderkg.loaders.extract.model import Span
from borderkg.loaders.extract.quantities import QuantityMatch, as_quantity, find_quantities
from borderkg.loaders.extract.quantities_lexicon import APPROXIMATE_RANGE, RANGE
from borderkg.ontology import schemes_graph

COUNTQ = "https://w3id.org/borderkg/scheme/count-qualifier/"
Row = tuple[str, str, Decimal | None, Decimal | None, Decimal | None, str | None, str | None]


def found(text: str) -> list[QuantityMatch]:
    sentences = [Span(0, len(text))]
    return find_quantities(text, [], sentences, SentenceWords(text, sentences))


def rows(text: str) -> list[Row]:
    """(words, qualifier, value, min, max, unit, currency) of each quantity, as stored."""
    out: list[Row] = []
    for match in found(text):
        q = as_quantity(match, "qty-1")
        words = text[q.span.begin : q.span.end]
        qualifier = q.qualifier.removeprefix(COUNTQ)
        out.append((words, qualifier, q.value, q.min_value, q.max_value, q.unit_text, q.currency))
    return out


D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Villagers must stay three to four kilometres from the bank.",
            ("three to four kilometres", "Range", None, D(3), D(4), "kilometres", None),
        ),
        (
            "Dealers quoted roughly 40 to 45 yuan per kilogram for dried squid.",
            (
                "roughly 40 to 45 yuan per kilogram",
                "ApproximateRange",
                None,
                D(40),
                D(45),
                "per kilogram",
                "CNY",
            ),
        ),
        (
            "Middlemen keep between 25 and 35 percent of every payment.",
            ("between 25 and 35 percent", "Range", None, D(25), D(35), "percent", None),
        ),
        (
            "Watchtowers now stand every 2-4 km on the road.",
            ("2-4 km", "Range", None, D(2), D(4), "km", None),
        ),
        (
            "Between 1 and 3 million won changed hands.",
            ("Between 1 and 3 million won", "Range", None, D(10**6), D(3 * 10**6), None, "KPW"),
        ),
        (
            "Five or six soldiers watched the ford.",
            ("Five or six soldiers", "Range", None, D(5), D(6), "soldiers", None),
        ),
        (
            "A guide asks $150 to $200 per crossing.",
            ("$150 to $200 per crossing", "Range", None, D(150), D(200), "per crossing", "USD"),
        ),
        (
            "Fees ranging from 70 to 90 yuan were reported.",
            ("70 to 90 yuan", "Range", None, D(70), D(90), None, "CNY"),
        ),
    ],
)
def test_a_range_is_stored_with_both_bounds_and_no_single_value(text: str, expected: Row) -> None:
    assert rows(text) == [expected]


def test_a_change_from_one_value_to_another_is_two_values_not_a_range() -> None:
    assert rows("The price of corn went from 2,000 to 2,400 won.") == [
        ("2,000", "Exact", D(2000), None, None, None, "KPW"),
        ("2,400 won", "Exact", D(2400), None, None, None, "KPW"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Officials offered $300 or 3 million won.",  # two currencies
        "The fence runs 10 km to 20 miles inland.",  # two units
        "Guards fined him 90 to 60 yuan.",  # bounds in the wrong order
    ],
)
def test_two_numbers_that_do_not_share_a_unit_in_order_are_no_range(text: str) -> None:
    assert all(row[1] not in {"Range", "ApproximateRange"} for row in rows(text))


def test_numbers_without_a_unit_make_no_range() -> None:
    assert rows("Men aged 18 to 25 were called up between 2018 and 2020.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Many traders got rich in the 1990s and the early 2000s.",
        "Songs from the '80s are banned.",
        "Officers in their 40s ran the post.",
    ],
)
def test_a_decade_is_not_a_quantity(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Trucks are sprayed four times a week.",
        "Rice now costs five times more than last spring.",
        "Brokers ask more than three times the old fee.",
    ],
)
def test_a_multiple_or_a_repetition_is_not_a_quantity(text: str) -> None:
    assert rows(text) == []


def test_a_number_inside_a_name_is_not_a_quantity() -> None:
    assert rows("After the COVID-19 outbreak 12 guards were sent north.") == [
        ("12 guards", "Exact", D(12), None, None, "guards", None)
    ]


def test_a_compound_number_word_is_one_number() -> None:
    assert rows("Twenty-five workers were sent home.") == [
        ("Twenty-five workers", "Exact", D(25), None, None, "workers", None)
    ]


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("Money changers paid about 1,350 won to the yuan.", ("KPW", "per CNY")),
        ("The won fell to 9,500 won against the US dollar.", ("KPW", "per USD")),
        ("Banks sold at 7 yuan per dollar.", ("CNY", "per USD")),
        ("Dealers paid 8,200 won for one dollar.", ("KPW", "per USD")),
    ],
)
def test_an_exchange_rate_names_the_currency_it_prices(text: str, rate: tuple[str, str]) -> None:
    [row] = rows(text)
    assert (row[6], row[5]) == rate


def test_money_exchanged_for_a_currency_is_an_amount_not_a_rate() -> None:
    assert rows("He swapped 300 dollars for won at the market.") == [
        ("300 dollars", "Exact", D(300), None, None, None, "USD")
    ]


def test_a_vague_amount_of_money_is_a_monetary_amount() -> None:
    assert rows("Wild ginseng fetches several thousand yuan.") == [
        ("several thousand yuan", "AtLeast", None, D(2000), None, None, "CNY")
    ]


def test_a_range_in_a_price_report_keeps_its_currency_and_unit(extractor: Extractor) -> None:
    x = extract(extractor, "In Hyesan, rice sells for 30 to 35 yuan per kilogram this week.")
    [q] = x.quantities
    assert (q.qualifier, q.currency, q.unit_text) == (RANGE, "CNY", "per kilogram")
    assert (q.value, q.min_value, q.max_value) == (None, D(30), D(35))
    assert [e.quantities for e in x.events] == [[q.local]]


def test_an_exchange_rate_in_a_price_report_names_the_priced_currency(
    extractor: Extractor,
) -> None:
    x = extract(extractor, "In Sinuiju the exchange rate reached 9,800 won to the dollar.")
    [q] = x.quantities
    assert (q.currency, q.unit_text, q.value) == ("KPW", "per USD", D(9800))


def test_a_decade_and_a_repetition_attach_to_nothing(extractor: Extractor) -> None:
    x = extract(
        extractor,
        "Police in Hyesan arrested two smugglers active since the 1990s "
        "and searched their homes three times.",
    )
    assert [x.text[q.span.begin : q.span.end] for q in x.quantities] == ["two smugglers"]


def test_the_range_qualifiers_are_concepts_of_the_count_qualifier_scheme() -> None:
    graph = schemes_graph()
    scheme = URIRef(COUNTQ.removesuffix("/"))
    rng, approx = URIRef(RANGE), URIRef(APPROXIMATE_RANGE)
    assert (rng, SKOS.topConceptOf, scheme) in graph
    assert (approx, SKOS.inScheme, scheme) in graph
    assert (approx, SKOS.broader, rng) in graph
    assert "schema:minValue" in str(graph.value(rng, SKOS.definition))
    assert "around 60 to 65" in str(graph.value(approx, SKOS.definition))

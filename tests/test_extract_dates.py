"""Time expressions and quantities, resolved against the publication date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from borderkg.loaders.extract.cues import SentenceWords
from borderkg.loaders.extract.dates import day_index, find_times
from borderkg.loaders.extract.model import Span
from borderkg.loaders.extract.quantities import find_quantities
from borderkg.loaders.extract.text import fold

TIMEPREC = "https://w3id.org/borderkg/scheme/time-precision/"
COUNTQ = "https://w3id.org/borderkg/scheme/count-qualifier/"
PUBLISHED = dt.date(2023, 10, 12)  # a Thursday


def times(
    text: str, published: dt.date | None = PUBLISHED
) -> list[tuple[str, object, object, str, str]]:
    sentences = [Span(0, len(text))]
    folded = fold(text)
    found = find_times(text, folded, published, sentences, SentenceWords(folded, sentences))
    return [
        (t.expression, t.earliest, t.latest, t.precision.removeprefix(TIMEPREC), t.relation)
        for t in found
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It happened on March 3.",
            ("on March 3", dt.date(2023, 3, 3), dt.date(2023, 3, 3), "Day", "at"),
        ),
        (
            "It happened in October 2023.",
            ("in October 2023", dt.date(2023, 10, 1), dt.date(2023, 10, 31), "Month", "at"),
        ),
        (
            "Closed since January 2020.",
            ("since January 2020", dt.date(2020, 1, 1), dt.date(2020, 1, 31), "Month", "since"),
        ),
        (
            "Seen last Thursday.",
            ("last Thursday", dt.date(2023, 10, 5), dt.date(2023, 10, 5), "Day", "at"),
        ),
        ("Seen on Monday.", ("on Monday", dt.date(2023, 10, 9), dt.date(2023, 10, 9), "Day", "at")),
        (
            "Built earlier this month.",
            ("earlier this month", dt.date(2023, 10, 1), dt.date(2023, 10, 12), "Month", "at"),
        ),
        (
            "Built this autumn.",
            ("this autumn", dt.date(2023, 9, 1), dt.date(2023, 11, 30), "Season", "at"),
        ),
        (
            "Built late last year.",
            ("late last year", dt.date(2022, 10, 1), dt.date(2022, 12, 31), "Season", "at"),
        ),
        (
            "Built last week.",
            ("last week", dt.date(2023, 10, 2), dt.date(2023, 10, 8), "Week", "at"),
        ),
        (
            # the scheme: "recently" is vague, so Unknown; the rough window stays for reading
            "Built recently.",
            ("recently", dt.date(2023, 9, 12), dt.date(2023, 10, 12), "Unknown", "at"),
        ),
        (
            "Built two weeks ago.",
            ("two weeks ago", dt.date(2023, 9, 25), dt.date(2023, 10, 1), "Week", "at"),
        ),
        (
            "Built in early 2021.",
            ("in early 2021", dt.date(2021, 1, 1), dt.date(2021, 3, 31), "Season", "at"),
        ),
        (
            "Seized in the last two weeks of September.",
            (
                "in the last two weeks of September",
                dt.date(2023, 9, 17),
                dt.date(2023, 9, 30),
                "Month",
                "at",
            ),
        ),
        (
            "Impounded in the second week of April.",
            (
                "in the second week of April",
                dt.date(2023, 4, 8),
                dt.date(2023, 4, 14),
                "Week",
                "at",
            ),
        ),
        (
            "Put up in the first days of March.",
            ("in the first days of March", dt.date(2023, 3, 1), dt.date(2023, 3, 7), "Week", "at"),
        ),
        (
            "Arrested since the start of the year.",
            (
                "since the start of the year",
                dt.date(2023, 1, 1),
                dt.date(2023, 2, 28),
                "Season",
                "since",
            ),
        ),
    ],
)
def test_time_expressions_resolve_against_the_publication_date(text: str, expected: tuple) -> None:
    assert times(text) == [expected]


def test_a_future_day_without_year_is_the_next_one() -> None:
    assert times("The law will take effect on January 1.") == [
        ("on January 1", dt.date(2024, 1, 1), dt.date(2024, 1, 1), "Day", "at")
    ]


def test_a_month_an_authority_is_preparing_for_is_the_next_one() -> None:
    found = times("Officers are preparing to bring detection vans to the county by February.")
    assert [(w[1], w[2]) for w in found] == [(dt.date(2024, 2, 1), dt.date(2024, 2, 29))]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # published 12 October 2023: a formal start date is the nearest one, either side
        ("The decree applies with effect from November 1.", dt.date(2023, 11, 1)),
        ("The decree applies with effect from September 1.", dt.date(2023, 9, 1)),
        ("The order, effective January 5, closes the ferry.", dt.date(2024, 1, 5)),
        ("The notice, effective from May 3, closed the ferry.", dt.date(2023, 5, 3)),
    ],
)
def test_a_formal_start_date_without_year_is_the_nearest_one(text: str, day: dt.date) -> None:
    assert [w[1] for w in times(text)] == [day]


def test_a_formal_start_month_without_year_is_the_nearest_one() -> None:
    found = times("The rules apply with effect from December.")
    assert [(w[1], w[2]) for w in found] == [(dt.date(2023, 12, 1), dt.date(2023, 12, 31))]


def test_a_month_and_year_before_a_comma_are_read() -> None:
    found = times("Workers were sent home in March 2024, a source said.")
    assert [(w[0], w[1]) for w in found] == [("in March 2024", dt.date(2024, 3, 1))]


def test_a_number_with_a_thousands_comma_is_no_year() -> None:
    assert times("The fine rose to 2024,500 won.") == []


def test_relative_dates_stay_unresolved_without_a_publication_date() -> None:
    assert times("It began last Thursday and ended in October 2023.", published=None) == [
        ("last Thursday", None, None, "Unknown", "at"),
        ("in October 2023", dt.date(2023, 10, 1), dt.date(2023, 10, 31), "Month", "at"),
    ]


def test_numbers_that_are_not_dates_are_not_taken_for_years() -> None:
    assert times("Resolution 2397 and the 1951 Refugee Convention; May I ask?") == []


def test_day_index_counts_days_since_the_epoch() -> None:
    assert day_index(dt.date(2023, 9, 1)) == 19601


def quantities(text: str) -> list[tuple[str, Decimal, str | None, str | None, str]]:
    sentences = [Span(0, len(text))]
    found = find_quantities(text, [], sentences, SentenceWords(text, sentences))
    return [
        (
            text[q.span.begin : q.span.end],
            q.number,
            q.unit_text,
            q.currency,
            q.qualifier.removeprefix(COUNTQ),
        )
        for q in found
    ]


def test_counts_carry_their_qualifier_and_unit() -> None:
    text = (
        "Hundreds of defectors fled; around 600 people were held, at least 50 guards came, "
        "as many as 2,000 North Koreans hid and a 20 km fence rose."
    )
    assert quantities(text) == [
        ("Hundreds of defectors", Decimal(200), "defectors", None, "AtLeast"),
        ("around 600 people", Decimal(600), "people", None, "Approximately"),
        ("at least 50 guards", Decimal(50), "guards", None, "AtLeast"),
        ("as many as 2,000 North Koreans", Decimal(2000), "North Koreans", None, "AtMost"),
        ("20 km", Decimal(20), "km", None, "Exact"),
    ]


def test_prices_are_monetary_amounts_with_a_currency_code() -> None:
    text = "Brokers demand more than 30,000 yuan per person, $300 or 3 million won."
    assert quantities(text) == [
        ("more than 30,000 yuan per person", Decimal(30000), "per person", "CNY", "AtLeast"),
        ("$300", Decimal(300), None, "USD", "Exact"),
        ("3 million won", Decimal(3000000), None, "KPW", "Exact"),
    ]


def test_article_numbers_and_years_are_not_quantities() -> None:
    assert quantities("Article 33 of the 1951 Refugee Convention applies.") == []


def test_a_month_with_a_relative_year_is_that_month_of_that_year() -> None:
    found = times(
        "The border has been closed since January last year; the fence is due in March next year."
    )
    assert [(e, lo, hi) for e, lo, hi, _p, _r in found] == [
        ("since January last year", dt.date(2022, 1, 1), dt.date(2022, 1, 31)),
        ("in March next year", dt.date(2024, 3, 1), dt.date(2024, 3, 31)),
    ]

"""Broker fees and transfer commissions over time (DOMAIN question 10; invented sentences).

A change "from A to B" is two observations: A dated by its own time, else undated, and B
the current one. A current price told in the present with no time of its own is dated by
the publication date (its time expression is the present verb or "now"), a past one is
not; a price report whose sentence names no place is set where the article's first
paragraph sets it, as an inferred place.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from extracthelp import PUBLISHED, extract

from borderkg.loaders.extract import Extraction, Extractor
from borderkg.loaders.extract.model import EventReport
from borderkg.ontology.namespaces import EVENTTYPE, TIMEPREC

PRICE_REPORT = str(EVENTTYPE.PriceReport)


def _reports(x: Extraction) -> list[EventReport]:
    return [e for e in x.events if e.event_type == PRICE_REPORT]


def observations(
    extractor: Extractor, text: str, published: dt.date | None = PUBLISHED
) -> list[tuple[str, str | None, str | None, dt.date | None]]:
    """(amount words, currency or unit, goods local name, earliest date) per price report."""
    x = extract(extractor, text, published=published)  # type: ignore[arg-type]
    by_name = {q.local: q for q in x.quantities}
    out = []
    for report in _reports(x):
        for name in report.quantities:
            q = by_name[name]
            goods = q.price_of.rsplit("/", 1)[-1] if q.price_of else None
            when = report.time.earliest if report.time else None
            out.append((x.text[q.span.begin : q.span.end], q.currency or q.unit_text, goods, when))
    return out


def test_a_commission_risen_from_a_to_b_is_an_undated_earlier_and_a_current_observation(
    extractor: Extractor,
) -> None:
    text = "Since the crackdown, broker commissions in Musan have risen from about 20 percent to 35 percent."
    assert observations(extractor, text) == [
        ("about 20 percent", "percent", "RemittanceCommission", None),
        ("35 percent", "percent", "RemittanceCommission", PUBLISHED),
    ]


def test_a_commission_that_fell_is_still_observed(extractor: Extractor) -> None:
    text = "The commission in Onsong has fallen from 45 percent to 30 percent."
    assert [(w, d) for w, _, _, d in observations(extractor, text)] == [
        ("45 percent", None),
        ("30 percent", PUBLISHED),
    ]


def test_the_earlier_price_of_a_change_keeps_its_own_time(extractor: Extractor) -> None:
    text = (
        "The fee charged by brokers in Hyesan has climbed from 9,000 yuan last year to 14,000 yuan."
    )
    assert observations(extractor, text) == [
        ("9,000 yuan", "CNY", "BrokerFee", dt.date(2023, 1, 1)),
        ("14,000 yuan", "CNY", "BrokerFee", PUBLISHED),
    ]


def test_a_price_doubled_to_an_amount_is_the_current_one(extractor: Extractor) -> None:
    text = "A broker's fee for crossing the river near Manpo has doubled to 16,000 yuan."
    assert observations(extractor, text) == [("16,000 yuan", "CNY", "BrokerFee", PUBLISHED)]


def test_a_price_told_in_the_present_is_dated_by_the_publication_day(
    extractor: Extractor,
) -> None:
    x = extract(extractor, "In Kanggye, brokers charge 15 to 25 percent of the money sent.")
    [report] = _reports(x)
    assert report.time is not None
    assert (report.time.expression, report.time.earliest, report.time.latest) == (
        "charge",
        PUBLISHED,
        PUBLISHED,
    )
    assert report.time.precision == str(TIMEPREC.Day)
    [q] = x.quantities
    assert (q.min_value, q.max_value, q.unit_text) == (Decimal(15), Decimal(25), "percent")


def test_a_price_told_in_the_past_without_a_time_stays_undated(extractor: Extractor) -> None:
    text = "The ring charged its customers a commission of 15 percent in Tumen."
    assert observations(extractor, text) == [
        ("15 percent", "percent", "RemittanceCommission", None)
    ]


def test_a_present_price_is_undated_without_a_publication_date(extractor: Extractor) -> None:
    text = "Remittance brokers in Hyesan now take 10 percent of each transfer."
    assert observations(extractor, text, published=None) == [
        ("10 percent", "percent", "RemittanceCommission", None)
    ]
    assert observations(extractor, text)[0][3] == PUBLISHED


def test_a_participle_charged_by_brokers_is_not_a_past_price(extractor: Extractor) -> None:
    text = "The fee charged by smugglers in Musan is 7,000 yuan."
    assert observations(extractor, text) == [("7,000 yuan", "CNY", "BrokerFee", PUBLISHED)]


def test_a_price_with_no_place_is_set_where_the_lead_paragraph_sets_the_article(
    extractor: Extractor,
) -> None:
    text = (
        "A merchant who has traded in Hunchun for years described how payments work.\n\n"
        "Most money goes through brokers who take 4 percent."
    )
    x = extract(extractor, text)
    [report] = _reports(x)
    assert [p.rsplit("/", 1)[-1] for p in report.places] == ["hunchun"]
    assert report.place_inferred


def test_a_price_whose_sentence_names_a_place_keeps_it_as_stated(extractor: Extractor) -> None:
    text = (
        "A merchant who has traded in Hunchun for years described how payments work.\n\n"
        "In Hyesan, brokers take 6 percent of each transfer."
    )
    [report] = _reports(extract(extractor, text))
    assert [p.rsplit("/", 1)[-1] for p in report.places] == ["hyesan"]
    assert not report.place_inferred


def test_prices_ranging_from_a_to_b_are_one_range_not_a_change(extractor: Extractor) -> None:
    text = "In Hyesan broker fees ranging from 5,000 to 8,000 yuan are now demanded."
    x = extract(extractor, text)
    assert len(_reports(x)) == 1
    [q] = x.quantities
    assert (q.min_value, q.max_value, q.currency) == (Decimal(5000), Decimal(8000), "CNY")


def test_each_currency_of_a_fee_is_its_iso_code(extractor: Extractor) -> None:
    text = (
        "In Sinuiju a broker's fee of 3,000 dollars is now demanded. "
        "In Manpo a broker's fee of 9,000 RMB is now demanded. "
        "In Hyesan a broker's fee of 900,000 won is now demanded."
    )
    assert [c for _, c, _, _ in observations(extractor, text)] == ["USD", "CNY", "KPW"]


def test_the_sum_a_fee_is_counted_on_is_no_price(extractor: Extractor) -> None:
    text = "Brokers in Hoeryong charge 1,500 yuan per 10,000 yuan sent."
    assert observations(extractor, text) == [("1,500 yuan", "CNY", "BrokerFee", PUBLISHED)]


def test_a_fraction_of_each_transfer_is_a_commission_in_percent(extractor: Extractor) -> None:
    text = "Brokers in Musan take a fifth of every transfer sent from Seoul."
    assert observations(extractor, text) == [
        ("a fifth", "percent", "RemittanceCommission", PUBLISHED)
    ]


def test_a_fraction_of_people_is_no_commission(extractor: Extractor) -> None:
    x = extract(extractor, "Half of the residents of Hyesan were questioned by police.")
    assert not _reports(x)
    assert all(q.unit_text != "percent" for q in x.quantities)


def test_a_sum_brokers_ask_for_is_their_fee(extractor: Extractor) -> None:
    text = "Brokers in Chongjin ask for 6,000 RMB to arrange a phone call."
    assert observations(extractor, text) == [("6,000 RMB", "CNY", "BrokerFee", PUBLISHED)]


def test_a_setting_in_china_is_no_place_of_a_price_in_won(extractor: Extractor) -> None:
    text = (
        "A trader who has worked in Changbai for years described the markets across the river.\n\n"
        "A bag of flour now costs 90,000 won, the trader said. "
        "Brokers now take 8 percent of each transfer."
    )
    flour, share = _reports(extract(extractor, text))
    assert flour.places == []
    assert [p.rsplit("/", 1)[-1] for p in share.places] == ["changbai"]


def test_a_price_compared_with_another_market_is_not_an_earlier_one(
    extractor: Extractor,
) -> None:
    text = (
        "Copper currently sells for 20 yuan a kilogram in Hunchun, compared with 28 yuan in Yanji."
    )
    assert [d for _, _, _, d in observations(extractor, text)] == [PUBLISHED, PUBLISHED]


def test_the_time_a_price_is_compared_with_does_not_date_it(extractor: Extractor) -> None:
    text = "In Musan a sack of corn now costs about 60,000 won, 10 percent more than in March."
    assert [(w, d) for w, _, _, d in observations(extractor, text)] == [
        ("about 60,000 won", PUBLISHED)
    ]

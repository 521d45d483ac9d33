"""Broker fees, commissions and prices told against an earlier one (invented sentences).

Paying a go-between an amount is a broker fee; the share of a transfer brokers keep is a
remittance commission; "and" before a phrase of direction does not part a fee from its
amount; a price compared with an earlier dated one is two observations, each dated.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from extracthelp import PUBLISHED, extract

from borderkg.loaders.extract import Extraction, Extractor
from borderkg.ontology.namespaces import EVENTTYPE

PRICE_REPORT = str(EVENTTYPE.PriceReport)


def observations(x: Extraction) -> list[tuple[Decimal | None, str | None, dt.date | None]]:
    """(value or lower bound, goods local name, earliest date) of each price report amount."""
    by_name = {q.local: q for q in x.quantities}
    out = []
    for event in x.events:
        if event.event_type != PRICE_REPORT:
            continue
        for name in event.quantities:
            q = by_name[name]
            goods = q.price_of.rsplit("/", 1)[-1] if q.price_of else None
            day = event.time.earliest if event.time else None
            out.append((q.value if q.value is not None else q.min_value, goods, day))
    return out


def test_a_fee_for_a_journey_through_two_places_keeps_its_goods(extractor: Extractor) -> None:
    text = (
        "An informant said the broker fee for a trip over the mountains and on to a port in "
        "Thailand has risen to about 52,000 yuan."
    )
    # "has risen to": a current price, dated by the publication date
    assert observations(extract(extractor, text)) == [(Decimal(52000), "BrokerFee", PUBLISHED)]


def test_and_between_two_clauses_still_parts_goods_from_a_later_price(
    extractor: Extractor,
) -> None:
    text = "Corn sold for 2,300 won and the officials later demanded 700 yuan."
    assert (Decimal(700), "Corn", None) not in observations(extract(extractor, text))


def test_paying_a_broker_an_amount_is_a_broker_fee(extractor: Extractor) -> None:
    text = "A man from Hoeryong said he paid a broker 38,000 yuan to reach Yanji."
    assert observations(extract(extractor, text)) == [(Decimal(38000), "BrokerFee", None)]


def test_paying_an_amount_to_a_smuggler_is_a_broker_fee(extractor: Extractor) -> None:
    text = "Her brother paid 12,000 yuan to a smuggler who guided him over the ice."
    assert observations(extract(extractor, text)) == [(Decimal(12000), "BrokerFee", None)]


def test_a_fee_is_never_the_goods_of_a_smuggling_event(extractor: Extractor) -> None:
    text = "Her brother paid 12,000 yuan to a smuggler who guided him over the ice."
    x = extract(extractor, text)
    assert all(
        "BrokerFee" not in " ".join(e.goods) for e in x.events if e.event_type != PRICE_REPORT
    )


def test_a_fine_paid_is_no_price_report(extractor: Extractor) -> None:
    assert observations(extract(extractor, "The trader paid a fine of 4,000 yuan.")) == []


def test_the_share_of_a_transfer_brokers_keep_is_a_commission(extractor: Extractor) -> None:
    text = "Go-betweens in Musan keep about 35 percent of every transfer, a resident said."
    assert observations(extract(extractor, text)) == [
        (Decimal(35), "RemittanceCommission", PUBLISHED)  # told in the present
    ]


def test_a_broker_who_took_a_share_of_money_sent_is_a_commission_not_the_sum(
    extractor: Extractor,
) -> None:
    text = "Her cousin sent 900 dollars through a broker who took 25 percent."
    assert observations(extract(extractor, text)) == [(Decimal(25), "RemittanceCommission", None)]


def test_a_rise_in_percent_is_no_commission(extractor: Extractor) -> None:
    text = "The price of corn in Musan has risen by about 12 percent, a trader said."
    assert observations(extract(extractor, text)) == []


def test_a_price_compared_with_an_earlier_one_is_two_dated_observations(
    extractor: Extractor,
) -> None:
    text = "Corn now sells for 3,300 won per kilogram, up from 2,900 won a month ago."
    assert observations(extract(extractor, text)) == [
        (Decimal(3300), "Corn", PUBLISHED),
        (Decimal(2900), "Corn", dt.date(2024, 5, 1)),
    ]


def test_a_month_ago_after_a_price_dates_it_and_is_no_unit(extractor: Extractor) -> None:
    x = extract(extractor, "Flour cost 4,100 won, compared with 3,700 won a month ago.")
    units = [q.unit_text for q in x.quantities if q.value == Decimal(3700)]
    assert units == [None]


def test_a_change_from_one_dated_price_to_another_gives_each_its_date(
    extractor: Extractor,
) -> None:
    text = "Flour prices went from 3,500 won in February to 4,200 won in April."
    assert observations(extract(extractor, text)) == [
        (Decimal(3500), "Flour", dt.date(2024, 2, 1)),
        (Decimal(4200), "Flour", dt.date(2024, 4, 1)),
    ]


def test_an_earlier_commission_is_dated_apart_from_the_current_one(
    extractor: Extractor,
) -> None:
    text = (
        "Middlemen who carry money to the border towns now take 40 percent of each "
        "transfer, up from 25 percent last year."
    )
    assert observations(extract(extractor, text)) == [
        (Decimal(40), "RemittanceCommission", PUBLISHED),
        (Decimal(25), "RemittanceCommission", dt.date(2023, 1, 1)),
    ]


def test_prices_of_two_goods_in_one_month_stay_one_report(extractor: Extractor) -> None:
    text = "Corn sold for 2,800 won in May and flour for 4,000 won."
    x = extract(extractor, text)
    assert len([e for e in x.events if e.event_type == PRICE_REPORT]) == 1


def test_a_fee_for_arranging_a_phone_call_is_a_broker_fee(extractor: Extractor) -> None:
    text = "Couriers also ask a fee of 150 to 250 yuan for arranging a quick phone call."
    x = extract(extractor, text)
    assert observations(x) == [(Decimal(150), "BrokerFee", PUBLISHED)]  # told in the present


def test_a_fee_for_delivering_goods_is_no_broker_fee(extractor: Extractor) -> None:
    text = "Traders in Musan charge a fee of 30 yuan for carrying a sack of flour."
    assert all(goods != "BrokerFee" for _, goods, _ in observations(extract(extractor, text)))

"""A price belongs to its goods, a quantity to what it counts (invented sentences).

``bkg:priceOf`` pairs each monetary amount of a price report with the goods it prices (the
goods named right after it, else nearest before it in its chunk), never by guess; each
quantity stays on the policy or event report it counts, not on every node of its sentence.
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extraction, Extractor
from borderkg.loaders.rdf import article_quads
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import BKG, EVENTTYPE

PRICE_REPORT = str(EVENTTYPE.PriceReport)


def _words(x: Extraction, name: str) -> str:
    q = next(q for q in x.quantities if q.local == name)
    return x.text[q.span.begin : q.span.end]


def prices(extractor: Extractor, text: str) -> list[tuple[str, str | None]]:
    """(amount words, goods local name or None) of the amounts of the price reports."""
    x = extract(extractor, text)
    names = [n for e in x.events if e.event_type == PRICE_REPORT for n in e.quantities]
    by_name = {q.local: q for q in x.quantities}
    return [
        (_words(x, n), by_name[n].price_of.rsplit("/", 1)[-1] if by_name[n].price_of else None)
        for n in names
    ]


def counted(extractor: Extractor, text: str) -> dict[str, list[str]]:
    """Event type or measure type (local name) → the words of the quantities it keeps."""
    x = extract(extractor, text)
    out: dict[str, list[str]] = {}
    for node in x.events:
        out[node.event_type.rsplit("/", 1)[-1]] = [_words(x, n) for n in node.quantities]
    for node in x.policies:
        out[node.measure_type.rsplit("/", 1)[-1]] = [_words(x, n) for n in node.quantities]
    return out


# --- prices -------------------------------------------------------------------------------


def test_each_price_of_a_coordinated_report_is_paired_with_its_own_goods(
    extractor: Extractor,
) -> None:
    assert prices(
        extractor, "Rice sold for 4,200 won per kilogram in Musan on Monday and corn for 1,900 won."
    ) == [("4,200 won per kilogram", "Rice"), ("1,900 won", "Corn")]


def test_goods_named_after_a_price_are_what_it_buys(extractor: Extractor) -> None:
    assert prices(extractor, "In Hyesan the price is now 6,500 won for a kilogram of flour.") == [
        ("6,500 won", "Flour")
    ]
    assert prices(extractor, "In Manpo it costs 12 yuan per kilogram of fresh squid.") == [
        ("12 yuan per kilogram", "Seafood")
    ]


def test_a_brokers_fee_is_the_price_of_the_broker_fee(extractor: Extractor) -> None:
    assert prices(
        extractor, "A defector said a broker's fee of 45,000 yuan was demanded in Changbai."
    ) == [("45,000 yuan", "BrokerFee")]


def test_an_exchange_rate_prices_the_currency_in_its_unit_not_goods(extractor: Extractor) -> None:
    x = extract(extractor, "In Hoeryong the exchange rate climbed to 8,300 won to the dollar.")
    [q] = x.quantities
    assert (q.unit_text, q.price_of) == ("per USD", None)


def test_an_earlier_rate_without_its_currency_is_paired_with_no_goods(
    extractor: Extractor,
) -> None:
    assert prices(
        extractor, "The exchange rate in Hyesan rose to 11,000 won to the dollar, from 9,000 won."
    ) == [("11,000 won to the dollar", None), ("9,000 won", None)]


def test_a_price_for_a_list_of_goods_is_paired_with_none(extractor: Extractor) -> None:
    assert prices(extractor, "Rice and corn cost 17,000 won in Sinuiju this month.") == [
        ("17,000 won", None)
    ]


def test_an_amount_with_no_goods_in_its_chunk_is_paired_with_none(extractor: Extractor) -> None:
    pairs = prices(
        extractor,
        "Rice prices rose in Onsong last month, while a day of hired work paid 9,000 won.",
    )
    assert pairs == [("9,000 won", None)]


def test_the_pair_is_written_as_bkg_price_of_on_the_amount(extractor: Extractor) -> None:
    record = ArticleRecord(
        text="Pine nuts sold for 80 yuan per kilogram in Changbai in May and ginseng for 300 yuan.",
        source="t.txt",
        id="t",
    )
    store = ox.Store()
    store.extend(article_quads(record, extractor.extract(record)))
    query = f"SELECT ?v ?g WHERE {{ ?a <{BKG.priceOf}> ?g ; <https://schema.org/value> ?v }} ORDER BY ?v"
    rows = store.query(query, use_default_graph_as_union=True)
    got = [(Decimal(r["v"].value), r["g"].value.rsplit("/", 1)[-1]) for r in rows]
    assert got == [(Decimal(80), "PineNuts"), (Decimal(300), "Ginseng")]


# --- quantities -----------------------------------------------------------------------------


def test_a_quantity_counts_only_for_the_node_of_its_clause(extractor: Extractor) -> None:
    found = counted(
        extractor, "Border guards arrested 14 smugglers and seized 250 kg of copper in Hyesan."
    )
    assert found["Arrest"] == ["14 smugglers"]
    assert "250 kg" not in found["Arrest"]
    assert any(words == ["250 kg"] for kind, words in found.items() if kind != "Arrest")


def test_an_object_in_its_own_chunk_goes_to_the_nearest_node_before_it(
    extractor: Extractor,
) -> None:
    found = counted(
        extractor,
        "Police in Musan arrested 6 traders and 3 brokers and confiscated 40 mobile phones.",
    )
    assert found["Arrest"] == ["6 traders", "3 brokers"]


def test_two_nodes_anchored_in_one_clause_share_its_quantity(extractor: Extractor) -> None:
    x = extract(extractor, "Security agents in Hyesan arrested 9 smugglers on Tuesday.")
    holders = [n for n in (*x.policies, *x.events) if n.quantities]
    assert len(holders) >= 2
    assert all([_words(x, n) for n in node.quantities] == ["9 smugglers"] for node in holders)


def test_a_leading_subordinate_clause_keeps_its_node_apart(extractor: Extractor) -> None:
    found = counted(extractor, "After the border was closed, guards arrested 15 smugglers.")
    assert found["Arrest"] == ["15 smugglers"]
    assert found["BorderClosure"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Guards detained 5 defectors near Musan, a source said.",
        "About 30 women were repatriated from Tumen last week.",
    ],
)
def test_a_lone_node_keeps_every_quantity_of_its_sentence(extractor: Extractor, text: str) -> None:
    x = extract(extractor, text)
    assert x.quantities
    assert all(any(q.local in e.quantities for e in x.events) for q in x.quantities)

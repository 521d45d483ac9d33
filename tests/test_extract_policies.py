"""Policies (measure type, status, actors, place, time) and event reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

from borderkg.loaders.extract import Extraction, Extractor, ExtractSettings
from borderkg.loaders.record import ArticleRecord

VOCABULARY = Path(__file__).parent / "fixtures" / "extract" / "vocabulary.ttl"
PLACE = "https://w3id.org/borderkg/id/place/"
ACTOR = "https://w3id.org/borderkg/id/actor/"
SCHEME = "https://w3id.org/borderkg/scheme/"
PUBLISHED = dt.date(2023, 10, 12)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    graph = Graph().parse(VOCABULARY)
    return Extractor(vocabulary=graph, settings=ExtractSettings(use_env=False))


def extract(extractor: Extractor, text: str, published: dt.date | None = PUBLISHED) -> Extraction:
    record = ArticleRecord(text=text, source="test.txt", id="t1", published=published)
    return extractor.extract(record)


def local(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


def policies(x: Extraction) -> list[tuple[str | None, str | None]]:
    return [(local(p.measure_type), local(p.status)) for p in x.policies]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The authorities are set to build a fence near Hyesan.",
            ("BarrierConstruction", "Planned"),
        ),
        (
            "The MSS ordered a crackdown on mobile phones in Hyesan.",
            ("PhoneCrackdown", "Announced"),
        ),
        (
            "The ban on travel has been in place since January 2020.",
            ("MovementRestriction", "InForce"),
        ),
        (
            "Border police installed motion sensors near Dandong.",
            ("SensorInstallation", "CarriedOut"),
        ),
        ("Authorities relaxed the quarantine rules in Sinuiju.", ("QuarantineRule", "Eased")),
        ("North Korea lifted the ban on imports of rice.", ("TradeRestriction", "Lifted")),
        (
            "Rumours are circulating that the MSS will install floodlights.",
            ("LightingInstallation", "Rumoured"),
        ),
        ("The border has not been reopened.", ("BorderClosure", "InForce")),
        ("Workers at the plant were sent home in March.", ("WorkerRepatriation", "CarriedOut")),
    ],
)
def test_measure_type_and_status_come_from_the_sentence(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extract(extractor, text)) == [expected]


def test_a_negated_installation_is_no_policy(extractor: Extractor) -> None:
    assert (
        policies(extract(extractor, "The border police did not install cameras in Hyesan.")) == []
    )


def test_a_policy_carries_actors_place_time_and_evidence(extractor: Extractor) -> None:
    text = (
        "Chinese border police installed thermal imaging cameras along the Yalu River near "
        "Dandong last month to catch defectors."
    )
    x = extract(extractor, text)
    [p] = x.policies
    assert (p.local, local(p.measure_type), local(p.status)) == (
        "policy-1",
        "CCTVInstallation",
        "CarriedOut",
    )
    assert p.implemented_by == [ACTOR + "chinese-border-police"]
    assert p.issued_by == []
    assert p.targets == [ACTOR + "defectors"]
    assert p.places == [PLACE + "yalu-river", PLACE + "dandong"]
    assert p.location_precision == SCHEME + "location-precision/Settlement"
    assert [x.text[e.begin : e.end] for e in p.evidence] == ["installed thermal imaging cameras"]
    assert p.time is not None
    assert (p.time.expression, p.time.earliest, p.time.latest, p.time.precision) == (
        "last month",
        dt.date(2023, 9, 1),
        dt.date(2023, 9, 30),
        SCHEME + "time-precision/Month",
    )


def test_the_authority_after_by_implements_and_an_order_issues(extractor: Extractor) -> None:
    passive = extract(
        extractor, "Cameras were installed by the Chinese border police near Dandong."
    )
    assert passive.policies[0].implemented_by == [ACTOR + "chinese-border-police"]
    order = extract(extractor, "The MSS ordered a crackdown on mobile phones in Hyesan.")
    assert (order.policies[0].issued_by, order.policies[0].implemented_by) == (
        [ACTOR + "dprk-ministry-of-state-security"],
        [],
    )


def test_without_a_place_in_the_sentence_the_article_place_is_used_less_precisely(
    extractor: Extractor,
) -> None:
    text = "Guards patrol Hyesan and Hyesan again. Later, floodlights were installed."
    x = extract(extractor, text)
    [p] = x.policies
    assert (p.places, p.place_inferred) == ([PLACE + "hyesan"], True)
    assert p.location_precision == SCHEME + "location-precision/County"


def test_the_same_measure_in_two_sentences_is_one_policy(extractor: Extractor) -> None:
    text = "Border police installed cameras in Dandong. The cameras were installed quickly."
    x = extract(extractor, text)
    assert policies(x) == [("CCTVInstallation", "CarriedOut")]
    assert [x.text[e.begin : e.end] for e in x.policies[0].evidence] == [
        "installed cameras",
        "cameras were installed",
    ]


def test_the_same_measure_at_two_dates_is_two_policies(extractor: Extractor) -> None:
    text = "Border police installed cameras in March 2021. More cameras were installed in May 2022."
    assert policies(extract(extractor, text)) == [
        ("CCTVInstallation", "CarriedOut"),
        ("CCTVInstallation", "CarriedOut"),
    ]


def test_a_generic_arrest_crackdown_takes_the_type_of_its_targets(extractor: Extractor) -> None:
    x = extract(extractor, "The MSS arrested several people who tried to smuggle goods in Hyesan.")
    assert policies(x) == [("SmugglingCrackdown", "CarriedOut")]


def test_quantities_attach_to_the_policy_of_their_sentence(extractor: Extractor) -> None:
    x = extract(extractor, "Soldiers built a 20 km fence near Hyesan.")
    [p] = x.policies
    [q] = x.quantities
    assert (p.quantities, q.local, q.value, q.unit_text, local(q.qualifier)) == (
        ["qty-1"],
        "qty-1",
        Decimal(20),
        "km",
        "Exact",
    )


def events(x: Extraction) -> list[str | None]:
    return [local(e.event_type) for e in x.events]


def test_a_shooting_report_has_authority_victim_place_and_time(extractor: Extractor) -> None:
    x = extract(extractor, "North Korean border guards shot a smuggler near Musan on Monday.")
    [e] = x.events
    assert (local(e.event_type), e.authorities, e.affected, e.places) == (
        "ShootingIncident",
        [ACTOR + "dprk-border-guard"],
        [ACTOR + "smugglers"],
        [PLACE + "musan"],
    )
    assert e.time is not None and e.time.earliest == dt.date(2023, 10, 9)


def test_a_price_report_has_goods_and_a_monetary_amount(extractor: Extractor) -> None:
    x = extract(extractor, "Pine nuts sold for 30 yuan per kilogram in Hyesan.")
    [e] = x.events
    [q] = x.quantities
    assert (local(e.event_type), [local(g) for g in e.goods], e.quantities) == (
        "PriceReport",
        ["PineNuts"],
        ["qty-1"],
    )
    assert (q.value, q.currency, q.unit_text) == (Decimal(30), "CNY", "per kilogram")


def test_statements_belong_to_their_named_speaker(extractor: Extractor) -> None:
    x = extract(extractor, "Amnesty International condemned the returns and urged China to stop.")
    assert [(local(e.event_type), e.agents, e.authorities) for e in x.events] == [
        ("Condemnation", [ACTOR + "amnesty-international"], []),
        ("Appeal", [ACTOR + "amnesty-international"], []),
    ]


def test_hypothetical_and_negated_events_are_not_reported(extractor: Extractor) -> None:
    text = "Brokers could be arrested if caught. No one was shot. Guards did not shoot anyone."
    assert events(extract(extractor, text)) == []


def test_facilitators_are_brokers_and_the_crossers_act(extractor: Extractor) -> None:
    x = extract(extractor, "Brokers helped defectors who crossed the river near Hyesan last week.")
    [e] = x.events
    assert (local(e.event_type), e.agents, e.facilitators) == (
        "BorderCrossing",
        [ACTOR + "defectors"],
        [ACTOR + "brokers"],
    )

"""Event reports of wordings first met in unseen articles: a time inside an event's own noun
phrase dates that event, not the statement around it; a particle verb with its object between
verb and particle (``handed … over to``, ``sent … back``) is a handover; a crossing of a river
described by an adjective and an arrest told by a participle clause are events; durations,
frequencies and the witnesses who tell of an event are no count of it; trade that resumes and
freight carried are trade, with their amounts. Every sentence is invented."""

from __future__ import annotations

import datetime as dt

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import EventReport


def reports(extractor: Extractor, text: str, kind: str) -> list[tuple[EventReport, list[str]]]:
    """The reports of one type with the words of their quantities."""
    x = extract(extractor, text)
    words = {q.local: x.text[q.span.begin : q.span.end] for q in x.quantities}
    return [
        (e, [words[q] for q in e.quantities]) for e in x.events if e.event_type.endswith("/" + kind)
    ]


def one(extractor: Extractor, text: str, kind: str) -> tuple[EventReport, list[str]]:
    """The single report of ``kind`` in ``text``."""
    found = reports(extractor, text, kind)
    assert len(found) == 1, found
    return found[0]


def day(event: EventReport) -> dt.date | None:
    return event.time.earliest if event.time else None


# --- 1. A time inside the event's own noun phrase dates the event ---------------------------


def test_the_time_in_the_noun_phrase_dates_the_event_not_the_statement(
    extractor: Extractor,
) -> None:
    text = (
        "Amnesty International on Friday condemned China's repatriation of some 60 North "
        "Koreans through Dandong on March 12."
    )
    event, _ = one(extractor, text, "ForcedRepatriation")
    assert day(event) == dt.date(2024, 3, 12)
    statement, _ = one(extractor, text, "Condemnation")
    assert day(statement) == dt.date(2024, 5, 31)


def test_a_noun_event_without_a_time_of_its_own_keeps_the_nearest(extractor: Extractor) -> None:
    text = "Police in Hyesan announced the arrest of eight smugglers last month."
    event, _ = one(extractor, text, "Arrest")
    assert day(event) == dt.date(2024, 5, 1)


# --- 2. Handovers with the object after the verb (before the particle, or with none) -------


@pytest.mark.parametrize(
    "text",
    [
        "Chinese police handed 40 women who had been held in Dandong over to North Korean "
        "guards on Monday.",
        "Border police turned the three defectors over at the bridge in Tumen last week.",
        "Chinese officers sent the 12 women back to North Korea on Friday.",
        "Chinese police handed 60 detainees to North Korean security agents last week.",
    ],
)
def test_a_handover_with_its_object_after_the_verb_is_one(extractor: Extractor, text: str) -> None:
    event, counts = one(extractor, text, "ForcedRepatriation")
    assert event.time is not None
    assert counts


@pytest.mark.parametrize(
    "text",
    [
        "Traders sent the goods back to Dandong.",
        "The consul handed a protest letter to North Korean officials last week.",
        "Then the guards sent him back to his boat.",
        "The visitor had a bible in her bag and was sent straight back over the bridge.",
        "The treaty forbids sending anyone back to a country where they face torture.",
        "The agency urged China to stop sending the women back against their will.",
    ],
)
def test_things_and_generic_sending_are_no_handover(extractor: Extractor, text: str) -> None:
    assert not reports(extractor, text, "ForcedRepatriation")


@pytest.mark.parametrize(
    "text",
    [
        "Two shoe factories in Hunchun sent about 150 women back across the bridge last week.",
        "About 80 workers from seafood plants in Hunchun were sent back to North Korea in May.",
    ],
)
def test_workers_sent_home_are_no_forced_repatriation(extractor: Extractor, text: str) -> None:
    assert not reports(extractor, text, "ForcedRepatriation")


def test_workers_handed_over_to_the_north_are_repatriated(extractor: Extractor) -> None:
    text = "The 14 workers were handed over to North Korean police at Hunchun in April."
    assert reports(extractor, text, "ForcedRepatriation")


def test_people_caught_after_leaving_a_workplace_are_repatriated(extractor: Extractor) -> None:
    text = (
        "Three women were caught by police after leaving a restaurant in Dandong and were "
        "sent back to North Korea in March."
    )
    assert reports(extractor, text, "ForcedRepatriation")


# --- 3. A crossing of a river described by an adjective; an arrest in a participle clause ----


def test_crossing_a_described_river_is_a_crossing(extractor: Extractor) -> None:
    text = "Two men from Musan crossed the icy river on the night of May 3 and reached Nanping."
    event, counts = one(extractor, text, "BorderCrossing")
    assert day(event) == dt.date(2024, 5, 3)
    assert counts == ["Two men"]


def test_crossing_a_river_bridge_is_no_border_crossing(extractor: Extractor) -> None:
    assert not reports(extractor, "Trucks crossed the New Yalu River Bridge.", "BorderCrossing")


def test_an_arrest_in_a_participle_clause_is_an_arrest(extractor: Extractor) -> None:
    text = "Police launched a raid in Hyesan last month, arresting at least 20 people."
    _, counts = one(extractor, text, "Arrest")
    assert counts == ["at least 20 people"]


# --- 4. Durations, frequencies and witnesses are no count of the event -----------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The women had been caught in Musan over the past three years.", "Arrest"),
        (
            "The guards were rotated every two months, and villagers caught with phones "
            "were detained.",
            "Detention",
        ),
        (
            "Imported cargo is now cleared at the Hunchun customs post within four days.",
            "FormalTrade",
        ),
    ],
)
def test_a_duration_or_frequency_is_no_count(extractor: Extractor, text: str, kind: str) -> None:
    _, counts = one(extractor, text, kind)
    assert counts == []


@pytest.mark.parametrize(
    ("text", "kind", "term"),
    [
        ("One broker was sentenced to 12 years in a labour camp.", "Punishment", "12 years"),
        ("Police detained five traders for 20 days.", "Detention", "20 days"),
    ],
)
def test_a_punishment_or_detention_keeps_its_term(
    extractor: Extractor, text: str, kind: str, term: str
) -> None:
    _, counts = one(extractor, text, kind)
    assert term in counts


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        (
            "Some 50 refugees were sent back to North Korea through the Sinuiju crossing on "
            "April 3, according to three villagers who saw the transfer.",
            "ForcedRepatriation",
            "Some 50 refugees",
        ),
        (
            "Three traders said police arrested 12 smugglers in Hyesan last week.",
            "Arrest",
            "12 smugglers",
        ),
    ],
)
def test_the_witnesses_are_no_count(extractor: Extractor, text: str, kind: str, count: str) -> None:
    _, counts = one(extractor, text, kind)
    assert counts == [count]


# --- 5. Trade that resumes, freight carried ---------------------------------------------------


def test_trade_that_resumes_is_trade_with_its_count(extractor: Extractor) -> None:
    text = (
        "Freight trade across the Tumen between Hunchun and Rason resumed on March 3, with "
        "about 80 trucks crossing in the first week."
    )
    event, counts = one(extractor, text, "FormalTrade")
    assert day(event) == dt.date(2024, 3, 3)
    assert counts == ["about 80 trucks"]


def test_freight_carried_is_trade_with_its_tonnage(extractor: Extractor) -> None:
    text = "The first lorries carried corn, salt and about 450 tonnes of flour."
    event, counts = one(extractor, text, "FormalTrade")
    assert counts == ["about 450 tonnes"]
    assert {g.rsplit("/", 1)[-1] for g in event.goods} == {"Corn", "Flour"}


@pytest.mark.parametrize(
    "text",
    [
        "China banned cross-border trade with North Korea in January.",
        "Border trade has been halted since February.",
        "The copper was hidden at the bottom of trucks carrying fish and clothes.",
        "Customs officers have been turning back refrigerated lorries carrying squid.",
        "Boats carried defectors across the river.",
    ],
)
def test_banned_trade_and_hiding_places_are_no_trade(extractor: Extractor, text: str) -> None:
    assert not reports(extractor, text, "FormalTrade")

"""What a researcher's review of articles in new styles (live updates, a translated notice,
an op-ed, credits lines, the DPRK's own romanisation) found wrong, each held right here.

- A ban lifted "this morning" after being "in force since January 2020" ends on the day of
  publication; the date it had applied since is its start (``bkg:inForceFrom``), never its
  end. "this morning", "earlier today", "tonight" are the day of publication, "last night"
  the day before.
- The border guards people are handed over to receive them: the handover does not befall
  them (``bkg:affected``).
- A clock time ("between 6 p.m. and 6 a.m.", "10:30 pm") is no quantity.
- A credit that names no person ("Edited by the news desk") mints no ``schema:Person``.
- "North Phyongan Province", the DPRK's own spelling, is the curated North Pyongan.
- An NGO's op-ed, its byline the NGO, speaks for the NGO where no one else is named (not for
  the outlet that printed it), and an organisation's byline mints no ``schema:Person``.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.loaders.rdf import article_quads
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import sparql_prefixes

PUBLISHED = dt.date(2024, 8, 14)
ID = "https://w3id.org/borderkg/id/"


def _graph(extractor: Extractor, text: str, **metadata: str) -> ox.Store:
    record = ArticleRecord(
        text=text, source="text/t.txt", id="t-1", published=PUBLISHED, **metadata
    )
    store = ox.Store()
    store.extend(article_quads(record, extractor.extract(record), run="urn:run"))
    return store


def _values(store: ox.Store, query: str) -> set[str]:
    rows = store.query(sparql_prefixes() + query)
    return {row[0].value for row in rows}


def test_a_ban_lifted_this_morning_ends_today_and_starts_on_its_since_date(
    extractor: Extractor,
) -> None:
    text = (
        "The Sino-Korean Friendship Bridge reopened to travellers this morning, ending a ban "
        "on passenger crossings that had been in force since January 2020."
    )
    store = _graph(extractor, text)
    until = "SELECT ?d WHERE { GRAPH ?g { ?p bkg:status status:Lifted ; bkg:inForceUntil ?d } }"
    assert _values(store, until) == {"2024-08-14"}


def test_a_lifted_measure_dated_only_by_since_gets_that_date_as_its_start(
    extractor: Extractor,
) -> None:
    text = (
        "Officials lifted the ban on private boats on the Yalu, which had been in force "
        "since January 2020."
    )
    store = _graph(extractor, text)
    ask = "SELECT ?p ?d WHERE { GRAPH ?g { ?x bkg:status status:Lifted ; ?p ?d . "
    ask += "FILTER(?p IN (bkg:inForceFrom, bkg:inForceUntil)) } }"
    rows = {
        (r[0].value.rsplit("#", 1)[-1], r[1].value) for r in store.query(sparql_prefixes() + ask)
    }
    assert rows == {("inForceFrom", "2020-01-01")}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Police raided the market in Hyesan this morning.", PUBLISHED),
        ("Police raided the market in Hyesan earlier today.", PUBLISHED),
        ("Police raided the market in Hyesan last night.", dt.date(2024, 8, 13)),
    ],
)
def test_this_morning_and_last_night_date_an_act_by_the_publication_day(
    extractor: Extractor, text: str, day: dt.date
) -> None:
    found = extract(extractor, text, published=PUBLISHED).policies
    assert found and found[0].time is not None
    assert (found[0].time.earliest, found[0].time.latest) == (day, day)


@pytest.mark.parametrize(
    "text",
    [
        "Chinese police handed about 60 North Koreans over to North Korean border guards at "
        "the Tumen bridge on Tuesday.",
        "Chinese police handed over about 60 defectors to North Korean border guards at the "
        "Tumen bridge on Tuesday.",
    ],
)
def test_the_guards_people_are_handed_to_are_not_affected_by_the_handover(
    extractor: Extractor, text: str
) -> None:
    events = [
        e for e in extract(extractor, text).events if e.event_type.endswith("/ForcedRepatriation")
    ]
    assert len(events) == 1
    assert f"{ID}actor/dprk-border-guards" not in events[0].affected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Residents may not go within 100 metres of the river between 6 p.m. and 6 a.m.",
            ["100 metres"],
        ),
        ("The curfew on the riverbank starts at 10:30 pm and ends at 5 am.", []),
    ],
)
def test_a_clock_time_is_no_quantity(extractor: Extractor, text: str, expected: list) -> None:
    found = extract(extractor, text)
    assert [text[q.span.begin : q.span.end] for q in found.quantities] == expected


def test_a_credit_naming_no_person_mints_no_person(extractor: Extractor) -> None:
    text = "Police in Hyesan detained 12 smugglers last week, a source said."
    store = _graph(extractor, text, editor="the news desk", translator="the translation team")
    persons = "SELECT ?x WHERE { GRAPH ?g { ?x a schema:Person } }"
    bylines = "SELECT ?b WHERE { GRAPH ?g { ?a bkg:byline ?b } }"
    assert _values(store, persons) == set()
    assert _values(store, bylines) == {
        "Edited by the news desk",
        "Translated by the translation team",
    }


def test_a_named_translator_is_still_a_person(extractor: Extractor) -> None:
    text = "Police in Hyesan detained 12 smugglers last week, a source said."
    store = _graph(extractor, text, translator="Jane Park")
    persons = "SELECT ?x WHERE { GRAPH ?g { ?a schema:translator ?x . ?x a schema:Person } }"
    assert _values(store, persons) == {f"{ID}actor/jane-park"}


def test_the_dprks_own_spelling_of_a_province_is_the_curated_province(
    extractor: Extractor,
) -> None:
    found = extract(extractor, "A source in North Phyongan Province said the fence is new.")
    assert f"{ID}place/north-pyongan" in found.entities


OPED = (
    "Chinese police handed 60 North Koreans to North Korean border guards in Tumen on April 16. "
    "Article 33 of the Refugee Convention forbids any state party to return a refugee to a "
    "territory where their life or freedom would be threatened."
)


def _oped(extractor: Extractor, author: str) -> tuple[ArticleRecord, object]:
    record = ArticleRecord(
        text=OPED,
        source="json/oped.json",
        id="oped-1",
        published=dt.date(2024, 5, 2),
        authors=(author,),
        publisher="Daily NK",
    )
    return record, extractor.extract(record)


def test_an_ngos_op_ed_speaks_for_the_ngo_where_no_one_else_is_named(
    extractor: Extractor,
) -> None:
    _, found = _oped(extractor, "Northeast Asia Refugee Rights Network")
    voice = f"{ID}actor/northeast-asia-refugee-rights-network"
    invoking = [c for c in found.claims if c.invokes]
    assert invoking and {c.attributed_to for c in invoking} == {voice}
    assert found.entities[voice].actor_type.endswith("/NGO")
    assert not found.entities[voice].curated


def test_a_curated_organisation_as_author_is_its_vocabulary_entry_and_no_person(
    extractor: Extractor,
) -> None:
    record, found = _oped(extractor, "Human Rights Watch")
    invoking = [c for c in found.claims if c.invokes]
    assert {c.attributed_to for c in invoking} == {f"{ID}actor/human-rights-watch"}
    store = ox.Store()
    store.extend(article_quads(record, found, run="urn:run"))
    assert _values(store, "SELECT ?x WHERE { GRAPH ?g { ?x a schema:Person } }") == set()


def test_a_reporters_article_stays_the_outlets_voice(extractor: Extractor) -> None:
    _, found = _oped(extractor, "Jane Park")
    invoking = [c for c in found.claims if c.invokes]
    assert {c.attributed_to for c in invoking} == {f"{ID}actor/daily-nk"}

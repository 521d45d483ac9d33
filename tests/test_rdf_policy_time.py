"""When a measure applies, as the graph says it: the start and end of its force, and deadlines.

``bkg:inForceUntil`` is the last date a measure applies (the ontology's definition): "until
the end of next month" ends it on the month's last day, a lifting on the day it was lifted.
"by next spring" is a deadline for doing something, which neither starts nor ends a force, so
it gives the window's end timestamps and nothing else. "in the last two weeks" is resolved
against the publication date. A claim that invokes a law about a measure it names by its noun ("the fence is needed
… in line with the new law") is about that measure.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import datetime as dt
import re

import pyoxigraph as ox
from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.loaders.rdf import article_quads
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import sparql_prefixes

PUBLISHED = dt.date(2022, 6, 29)


def _store(extractor: Extractor, text: str) -> ox.Store:
    record = ArticleRecord(text=text, source="text/t.txt", id="t-1", published=PUBLISHED)
    store = ox.Store()
    store.extend(article_quads(record, extractor.extract(record), run="urn:run"))
    return store


def _dates(store: ox.Store, measure_type: str) -> dict[str, str]:
    query = sparql_prefixes() + (
        "SELECT ?p ?d WHERE { GRAPH ?g { ?x bkg:measureType measure:" + measure_type + " ; "
        "?p ?d . FILTER(?p IN (bkg:inForceFrom, bkg:inForceUntil, sem:hasLatestEndTimeStamp)) } }"
    )
    return {re.split(r"[#/]", row["p"].value)[-1]: row["d"].value for row in store.query(query)}


def test_a_measure_in_force_until_a_month_ends_on_its_last_day(extractor: Extractor) -> None:
    text = "Residents of Hyesan may not go near the river until the end of next month."
    assert _dates(_store(extractor, text), "MovementRestriction") == {
        "hasLatestEndTimeStamp": "2022-07-31",
        "inForceUntil": "2022-07-31",
    }


def test_a_deadline_gives_no_start_or_end_of_force(extractor: Extractor) -> None:
    text = "Chinese border police are set to build a fence along the Yalu River by next spring."
    dates = _dates(_store(extractor, text), "BarrierConstruction")
    assert dates == {"hasLatestEndTimeStamp": "2023-05-31"}


def test_the_last_two_weeks_are_resolved_against_the_publication_date(
    extractor: Extractor,
) -> None:
    text = "New cameras went up along the river road near Changbai in the last two weeks."
    [policy] = extract(extractor, text, published=PUBLISHED).policies
    assert policy.time is not None
    assert (policy.time.earliest, policy.time.latest) == (dt.date(2022, 6, 15), PUBLISHED)


def test_a_claim_invoking_a_law_is_about_the_measure_it_names(extractor: Extractor) -> None:
    text = (
        "Chinese authorities forcibly repatriated 60 North Korean defectors earlier this month. "
        "Local officials have told villagers that a new fence will be built on the Chinese bank "
        "next spring. “They said the fence is needed to protect the border in line with the new "
        "law,” the source said, referring to China’s Land Border Law."
    )
    found = extract(extractor, text)
    by_local = {p.local: p.measure_type.rsplit("/", 1)[-1] for p in found.policies}
    [claim] = [c for c in found.claims if c.invokes]
    assert [by_local[iri.rsplit("#", 1)[-1]] for iri in claim.about] == ["BarrierConstruction"]


def test_a_rule_in_force_has_a_start_of_force_and_a_one_off_act_has_none(
    extractor: Extractor,
) -> None:
    rule = "Since March, residents of Hyesan have been banned from the riverbank."
    act = "Border guards in Hyesan arrested three smugglers at the river in March."
    assert _dates(_store(extractor, rule), "MovementRestriction")["inForceFrom"] == "2022-03-01"
    acted = _dates(_store(extractor, act), "SmugglingCrackdown")
    assert acted == {"hasLatestEndTimeStamp": "2022-03-31"}  # when it happened, no force


def test_a_closure_extended_until_at_least_a_date_ends_there(extractor: Extractor) -> None:
    text = "North Korea has extended the closure of its border until at least the end of the year."
    assert _dates(_store(extractor, text), "BorderClosure") == {
        "hasLatestEndTimeStamp": "2022-12-31",
        "inForceUntil": "2022-12-31",
    }


def test_precision_follows_the_scheme_for_parts_of_a_unit(extractor: Extractor) -> None:
    precisions = {}
    for words in ("in early May", "at the end of last year", "in the first week of May"):
        text = f"Police in Hyesan detained three brokers {words}."
        [policy] = extract(extractor, text, published=PUBLISHED).policies
        assert policy.time is not None
        precisions[words] = policy.time.precision.rsplit("/", 1)[-1]
    assert precisions == {
        "in early May": "Month",
        "at the end of last year": "Season",
        "in the first week of May": "Week",
    }


def test_recently_is_no_usable_time(extractor: Extractor) -> None:
    store = _store(extractor, "Border guards in Hyesan have recently been reinforced.")
    query = sparql_prefixes() + (
        "SELECT ?words ?precision ?day WHERE { GRAPH ?g { ?x bkg:timeExpression ?words ; "
        "bkg:timePrecision ?precision . OPTIONAL { ?x bkg:dayIndex ?day } } }"
    )
    [row] = list(store.query(query))
    assert row["words"].value == "recently" and row["precision"].value.endswith("/Unknown")
    assert row["day"] is None

"""Where a measure stands by the dates the text gives for it, and where it is not placed.

The policy-status scheme places a measure where it stands at publication; the annotation
guide counts a measure told in several sentences once and dates it by when it came into
force or was lifted. So:

- a start date given by "with effect from", "effective from", "takes effect on" makes a
  measure reported as issued in force once the date has come (on or before publication)
  and leaves it announced before that; the date is its start (``bkg:inForceFrom``), and
  one without a year is the nearest such day, ahead of publication or behind it;
- "The rule took effect on …" dates, by reference, the measure told just before it;
- "That order was lifted on …" lifts the order told before it: one measure, Lifted, ending
  on the lifting date (``bkg:inForceUntil``), not a rule still in force;
- an issued measure told as applied "since" a past date, with no one told or promised
  anything, is in force ("has been enforced since");
- a closure told in an aside ("the park, closed to visitors in the winter, reopened in May")
  stands where the main verb puts it: lifted;
- a practice done "every evening" is a routine in force, also when the words it acts with
  ("with detection devices") are what names the measure;
- the place of a ``who had`` clause about the people's past ("who had been held in a camp
  in Jilin") is not where the measure acts on them.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary,
published on 1 June 2024 (``extracthelp.PUBLISHED``).
"""

from __future__ import annotations

import datetime as dt
import re

import pyoxigraph as ox
from extracthelp import PUBLISHED, extract, policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.rdf import article_quads
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import sparql_prefixes

_PLACE = "https://w3id.org/borderkg/id/place/"


def _statuses(extractor: Extractor, text: str) -> list[str]:
    return [status for _, status in policies(extractor, text)]


def _dates(extractor: Extractor, text: str) -> dict[str, str]:
    """bkg:status, inForceFrom and inForceUntil of the article's policies, by local name."""
    record = ArticleRecord(text=text, source="text/t.txt", id="t-1", published=PUBLISHED)
    store = ox.Store()
    store.extend(article_quads(record, extractor.extract(record), run="urn:run"))
    query = sparql_prefixes() + (
        "SELECT ?p ?d WHERE { GRAPH ?g { ?x bkg:measureType ?m ; ?p ?d . "
        "FILTER(?p IN (bkg:status, bkg:inForceFrom, bkg:inForceUntil)) } }"
    )
    return {re.split(r"[#/]", row["p"].value)[-1]: row["d"].value for row in store.query(query)}


def test_a_decree_with_effect_from_a_past_date_is_in_force_from_it(extractor: Extractor) -> None:
    text = (
        "The provincial security bureau has issued a decree banning the use of foreign "
        "mobile phones in the border villages of Samsu County, with effect from May 20, a "
        "source said."
    )
    assert _statuses(extractor, text) == ["InForce"]
    dates = _dates(extractor, text)
    assert dates["status"].endswith("InForce")
    assert dates["inForceFrom"] == "2024-05-20"


def test_a_notice_effective_from_a_past_date_is_in_force(extractor: Extractor) -> None:
    text = (
        "The county office has issued a notice banning boats from the river at night, "
        "effective from May 3."
    )
    assert _statuses(extractor, text) == ["InForce"]


def test_a_decree_with_effect_from_a_coming_date_is_announced_from_that_date(
    extractor: Extractor,
) -> None:
    text = (
        "The provincial security bureau has issued a decree banning the use of foreign "
        "mobile phones within five kilometres of the Yalu, with effect from July 1."
    )
    found = extract(extractor, text).policies
    assert [p.status.rsplit("/", 1)[-1] for p in found] == ["Announced"]
    assert found[0].time is not None and found[0].time.earliest == dt.date(2024, 7, 1)


def test_an_order_without_a_start_date_stays_announced(extractor: Extractor) -> None:
    text = (
        "The county office has issued an order banning private boats from the Yalu River in Manpo."
    )
    assert _statuses(extractor, text) == ["Announced"]


def test_the_rule_took_effect_dates_the_measure_before_it_and_puts_it_in_force(
    extractor: Extractor,
) -> None:
    text = (
        "The county office has issued an order banning private boats from the Yalu River in "
        "Manpo. The rule took effect on 15 May."
    )
    found = extract(extractor, text).policies
    assert [p.status.rsplit("/", 1)[-1] for p in found] == ["InForce"]
    assert found[0].time is not None and found[0].time.earliest == dt.date(2024, 5, 15)


def test_a_rule_that_takes_effect_after_publication_is_announced(extractor: Extractor) -> None:
    text = (
        "The county office has issued an order banning private boats from the Yalu River in "
        "Manpo. The rule takes effect on 15 July."
    )
    found = extract(extractor, text).policies
    assert [p.status.rsplit("/", 1)[-1] for p in found] == ["Announced"]
    assert found[0].time is not None and found[0].time.earliest == dt.date(2024, 7, 15)


def test_a_start_date_in_a_clause_of_time_dates_something_else(extractor: Extractor) -> None:
    text = (
        "Police officers in Musan have been told to check every lorry on the river road since "
        "the curfew took effect on 1 May."
    )
    assert _statuses(extractor, text) == ["Announced"]


# --- a measure lifted by reference --------------------------------------------------------


def test_an_order_lifted_by_reference_is_one_lifted_measure_with_its_end(
    extractor: Extractor,
) -> None:
    text = (
        "Last year the county office issued an order that barred villagers from walking on "
        "the riverbank after dark. That order was lifted on May 12, a source said."
    )
    assert _statuses(extractor, text) == ["Lifted"]
    dates = _dates(extractor, text)
    assert dates["status"].endswith("Lifted")
    assert dates["inForceUntil"] == "2024-05-12"
    assert "inForceFrom" not in dates


def test_a_ban_lifted_in_the_same_sentence_by_reference_is_lifted(extractor: Extractor) -> None:
    text = (
        "Fishermen in Chongsong were banned from the river in January; that ban was lifted "
        "at the start of May."
    )
    assert "Lifted" in _statuses(extractor, text)
    assert "InForce" not in _statuses(extractor, text)


def test_a_lifting_told_as_background_leaves_the_order(extractor: Extractor) -> None:
    text = (
        "Last year the county office issued an order that barred villagers from walking on "
        "the riverbank after dark. Although the order was lifted, guards still patrol the bank."
    )
    assert "Lifted" not in _statuses(extractor, text)


def test_a_lifting_undone_in_its_sentence_leaves_the_order(extractor: Extractor) -> None:
    text = (
        "Guards in Musan were ordered last year to fire on anyone crossing the ice. The order "
        "was dropped in the spring but has been reinstated for the winter."
    )
    assert "Lifted" not in _statuses(extractor, text)


def test_a_closure_told_in_an_aside_and_reopened_after_it_is_lifted(
    extractor: Extractor,
) -> None:
    text = (
        "The riverside park in Manpo, closed to visitors for most of the winter, reopened in May."
    )
    assert _statuses(extractor, text) == ["Lifted"]


def test_a_closure_in_a_relative_clause_reopened_by_the_main_verb_is_lifted(
    extractor: Extractor,
) -> None:
    text = (
        "The town government, which closed the riverside road to evening walkers for a month "
        "after the flood, reopened it on 2 May."
    )
    assert _statuses(extractor, text) == ["Lifted"]


def test_a_closure_in_an_aside_with_nothing_reopened_stays_carried_out(
    extractor: Extractor,
) -> None:
    text = (
        "The town government, which closed the riverside road to evening walkers after the "
        "flood, has also put up a fence along the bank."
    )
    assert "Lifted" not in _statuses(extractor, text)


# --- applied since a date ------------------------------------------------------------------


def test_a_measure_applied_since_a_date_is_in_force(extractor: Extractor) -> None:
    text = (
        "Fishing boats in Donggang have been kept in harbour at night by order of the border "
        "police since 12 April."
    )
    assert _statuses(extractor, text) == ["InForce"]


def test_a_measure_told_to_residents_stays_announced_despite_since(extractor: Extractor) -> None:
    text = "Villagers were told in March that since 3 March nobody may cut wood on the riverbank."
    assert _statuses(extractor, text) == ["Announced"]


# --- a routine done with the measure's equipment -------------------------------------------


def test_searches_every_evening_with_detection_equipment_are_a_practice_in_force(
    extractor: Extractor,
) -> None:
    text = (
        "Security officers have been going from house to house in Musan with radio detection "
        "equipment every evening since the start of the month."
    )
    assert _statuses(extractor, text) == ["InForce"]


def test_searches_with_detection_equipment_without_a_frequency_stay_carried_out(
    extractor: Extractor,
) -> None:
    text = (
        "Security officers have been going from house to house in Musan with radio detection "
        "equipment since the start of the month."
    )
    assert _statuses(extractor, text) == ["CarriedOut"]


# --- where the people were before --------------------------------------------------------


def _places(extractor: Extractor, text: str) -> list[str]:
    found = extract(extractor, text).policies
    assert len(found) == 1, found
    return [p.removeprefix(_PLACE) for p in found[0].places]


def test_the_place_of_the_peoples_past_is_not_the_handovers(extractor: Extractor) -> None:
    text = (
        "Chinese police handed about 30 North Koreans who had been held in a detention centre "
        "in Yanji over to North Korean guards at the bridge between Tumen and Namyang on Monday."
    )
    places = _places(extractor, text)
    assert "yanji" not in places
    assert "tumen-namyang-bridge" in places


def test_the_place_of_the_peoples_past_stays_when_it_is_the_only_one(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese police handed back 30 North Koreans who had been held in a detention centre "
        "in Yanji on Monday."
    )
    assert _places(extractor, text) == ["yanji"]

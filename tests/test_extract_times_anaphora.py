"""Times a measure's own clause leaves out but the text gives: a time pointing back ("at the
same time", "in the same year", "since the arrests"), one opening or closing the sentence,
the next sentence's "That ended in March", the time of the rules a list sets out, and a
deadline resolved ahead of the report. Invented sentences only."""

from __future__ import annotations

import datetime as dt

from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import EventReport, Policy


def _policy(found: list[Policy], local_type: str) -> Policy:
    return next(p for p in found if p.measure_type.endswith("/" + local_type))


def _event(found: list[EventReport], local_type: str) -> EventReport:
    return next(e for e in found if e.event_type.endswith("/" + local_type))


def _window(node: Policy | EventReport) -> tuple[dt.date | None, dt.date | None] | None:
    return (node.time.earliest, node.time.latest) if node.time is not None else None


def test_lifted_at_the_same_time_takes_the_date_before(extractor: Extractor) -> None:
    text = (
        "On 1 September 2023 the border guard eased the buffer zone. "
        "The shoot-on-sight order was lifted at the same time."
    )
    order = _policy(extract(extractor, text).policies, "ShootToKillOrder")
    assert _window(order) == (dt.date(2023, 9, 1), dt.date(2023, 9, 1))


def test_in_the_same_year_is_the_year_last_named(extractor: Extractor) -> None:
    text = (
        "In March 2021 soldiers began building a second fence along the river. "
        "In the same year the guards declared the strip between the two fences a buffer zone."
    )
    zone = _policy(extract(extractor, text).policies, "BufferZone")
    assert _window(zone) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_since_the_arrests_takes_the_date_of_the_arrests(extractor: Extractor) -> None:
    text = (
        "Police arrested five smugglers in Hunchun on 3 May 2024. "
        "Since the arrests, the border police have been checking every boat on the Tumen."
    )
    found = extract(extractor, text).policies
    checks = next(p for p in found if p.sentence == 1)
    assert _window(checks) == (dt.date(2024, 5, 3), dt.date(2024, 5, 3))
    assert checks.time is not None and checks.time.relation == "since"


def test_the_same_day_needs_a_day_before_it(extractor: Extractor) -> None:
    text = (
        "Customs at Dandong began checking every lorry in May 2024. "
        "Police detained two drivers the same day."
    )
    found = extract(extractor, text)
    later = [n for n in (*found.policies, *found.events) if n.sentence == 1]
    assert later
    assert all(n.time is None for n in later)


def test_a_time_of_its_own_wins_over_one_pointing_back(extractor: Extractor) -> None:
    text = (
        "Officers searched the flats on 2 February 2024. At the same time, the city police "
        "relaxed in March the monthly checks they had imposed on foreign women."
    )
    found = extract(extractor, text).policies
    relaxed = next(p for p in found if p.sentence == 1)
    assert _window(relaxed) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))


def test_a_time_opening_the_sentence_dates_its_main_clause(extractor: Extractor) -> None:
    text = (
        "Last week state security officers from the provincial bureau in the riverside "
        "districts of the city searched the homes of three families and confiscated two "
        "Chinese mobile phones."
    )
    phones = _policy(extract(extractor, text).policies, "PhoneCrackdown")
    assert _window(phones) == (dt.date(2024, 5, 20), dt.date(2024, 5, 26))


def test_an_opening_time_before_a_verb_of_saying_dates_the_telling(
    extractor: Extractor,
) -> None:
    text = (
        "Last week, a source in the province who trades across the river with Chinese "
        "partners said that border guards have been arresting smugglers."
    )
    found = extract(extractor, text)
    assert found.policies
    assert all(n.time is None for n in (*found.policies, *found.events))


def test_a_time_closing_a_long_clause_dates_its_verb(extractor: Extractor) -> None:
    text = (
        "The Yanbian court in Yanji sentenced the organiser of the network to seven years in "
        "prison and a fine of 500,000 yuan on November 8, finding that the group had moved "
        "money across the border."
    )
    punishment = _event(extract(extractor, text).events, "Punishment")
    assert _window(punishment) == (dt.date(2023, 11, 8), dt.date(2023, 11, 8))


def test_the_time_a_source_spoke_does_not_close_the_clause(extractor: Extractor) -> None:
    text = (
        "Chinese border police have put up cameras along the riverbank in Changbai, "
        "a source told Daily NK on Wednesday."
    )
    cameras = _policy(extract(extractor, text).policies, "CCTVInstallation")
    assert cameras.time is None


def test_that_ended_in_march_dates_the_lifting_before_it(extractor: Extractor) -> None:
    text = (
        "The North Korean side lifted the rule that every cargo had to sit in quarantine for "
        "15 days. That ended in March."
    )
    rule = _policy(extract(extractor, text).policies, "QuarantineRule")
    assert rule.status.endswith("/Lifted")
    assert _window(rule) == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))


def test_list_items_take_the_time_given_to_the_rules(extractor: Extractor) -> None:
    text = (
        "Authorities issued new rules for border residents in late May.\n\n"
        "- Residents may not go within 100 metres of the river without a permit.\n"
        "- Households must report any relative who has gone missing within three days.\n"
    )
    zone = _policy(extract(extractor, text).policies, "BufferZone")
    assert zone.time is not None and zone.time.earliest is not None
    assert (zone.time.earliest.year, zone.time.earliest.month) == (2024, 5)


def test_a_deadline_without_a_year_is_the_nearest_one(extractor: Extractor) -> None:
    text = "Every household must hand in any Chinese mobile phone to state security by May 30."
    found = extract(extractor, text, published=dt.date(2024, 5, 5)).policies
    assert found
    dated = [p for p in found if p.time is not None]
    assert dated and all(p.time.earliest == dt.date(2024, 5, 30) for p in dated)


def test_since_the_event_takes_no_date_from_an_older_sentence_about_something_else(
    extractor: Extractor,
) -> None:
    text = (
        "Guards have a standing order, in force since 2020, to shoot anyone near the river.\n\n"
        "Guards fired several shots at two people wading across.\n\n"
        "Since the shooting, the border unit has doubled its night patrols along the river."
    )
    patrols = _policy(
        extract(extractor, text, published=dt.date(2024, 6, 20)).policies, "PatrolReinforcement"
    )
    assert patrols.time is None or patrols.time.earliest != dt.date(2020, 1, 1)

"""The time of a measure once what was found is settled (``policy_time``): a lifting's own
time, the effective date of a told rule, the first day of a span of days, a yearless month
a rule looks ahead to, and no time from a source's telling. Invented sentences only."""

from __future__ import annotations

import datetime as dt

from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import Policy


def _window(found: list[Policy], local_type: str) -> tuple[dt.date | None, dt.date | None] | None:
    policy = next(p for p in found if p.measure_type.endswith("/" + local_type))
    return (policy.time.earliest, policy.time.latest) if policy.time is not None else None


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, 1), dt.date(year, month, last)


def test_a_lifted_ban_is_dated_by_its_lifting_not_its_imposition(extractor: Extractor) -> None:
    text = "A ban on fishing from the river bank, imposed in February, was lifted in April."
    found = extract(extractor, text, published=dt.date(2024, 5, 20)).policies
    assert _window(found, "MovementRestriction") == _month(2024, 4)


def test_a_curfew_in_force_since_a_year_is_dated_by_its_easing(extractor: Extractor) -> None:
    text = (
        "The night curfew in the riverside villages, in force since 2020, was relaxed last month."
    )
    found = extract(extractor, text, published=dt.date(2024, 5, 20)).policies
    assert _window(found, "MovementRestriction") == _month(2024, 4)


def test_a_time_opening_the_clause_of_the_easing_dates_it(extractor: Extractor) -> None:
    text = (
        "Since 2021 the police had barred villagers from the riverbank at night; "
        "in March the ban was relaxed for fishermen."
    )
    found = extract(extractor, text, published=dt.date(2024, 5, 20)).policies
    assert _window(found, "MovementRestriction") == _month(2024, 3)


def test_a_rule_told_at_a_meeting_is_dated_by_its_effective_date(extractor: Extractor) -> None:
    text = (
        "Traders were told at a meeting last week that from 1 July no goods may be sold "
        "in yuan at the market."
    )
    found = extract(extractor, text, published=dt.date(2024, 6, 12)).policies
    day = dt.date(2024, 7, 1)
    assert _window(found, "TradeRestriction") == (day, day)


def test_a_span_of_days_is_dated_by_its_first_day(extractor: Extractor) -> None:
    text = "The border guard closed the bridge to all traffic from 10 to 20 May."
    found = extract(extractor, text, published=dt.date(2024, 5, 28)).policies
    day = dt.date(2024, 5, 10)
    assert _window(found, "BorderClosure") == (day, day)


def test_a_month_a_rule_takes_effect_from_is_the_next_one(extractor: Extractor) -> None:
    text = "Residents were told that from August nobody may go within 500 metres of the river."
    found = extract(extractor, text, published=dt.date(2024, 7, 10)).policies
    assert _window(found, "BufferZone") == _month(2024, 8)


def test_a_rumoured_season_is_the_coming_one(extractor: Extractor) -> None:
    text = "Traders have heard that passenger trains across the bridge could resume in the spring."
    found = extract(extractor, text, published=dt.date(2024, 1, 15)).policies
    window = _window(found, "BorderClosure")
    assert window is not None and window[0] is not None and window[0].year == 2024


def test_a_month_just_past_stays_in_the_past(extractor: Extractor) -> None:
    text = "The government said it would close the border to foreign tourists from January 22."
    found = extract(extractor, text, published=dt.date(2024, 1, 30)).policies
    day = dt.date(2024, 1, 22)
    assert _window(found, "BorderClosure") == (day, day)


def test_the_day_a_source_spoke_dates_the_measure_only_by_its_month(
    extractor: Extractor,
) -> None:
    text = (
        "Ships arriving at the port from China are being kept at anchor for forty days before "
        "they may unload, a source told Daily NK on Sunday."
    )
    found = extract(extractor, text, published=dt.date(2024, 5, 23)).policies
    assert _window(found, "QuarantineRule") == _month(2024, 5)


def test_since_then_takes_the_time_told_just_before(extractor: Extractor) -> None:
    text = (
        "Two smugglers were shot dead on the river in March. "
        "Since then, residents have been barred from the riverbank at night."
    )
    found = extract(extractor, text, published=dt.date(2024, 5, 20)).policies
    assert _window(found, "MovementRestriction") == _month(2024, 3)


def test_has_since_takes_no_time_from_before(extractor: Extractor) -> None:
    text = (
        "Two smugglers were shot dead on the river in March. "
        "The police have since barred residents from the riverbank at night."
    )
    found = extract(extractor, text, published=dt.date(2024, 5, 20)).policies
    assert _window(found, "MovementRestriction") is None


def test_a_relative_clause_time_does_not_date_the_handover(extractor: Extractor) -> None:
    text = (
        "Two men who had crossed the river in April to buy fuel were handed back to North "
        "Korean border guards by the Chinese police last month."
    )
    found = extract(extractor, text, published=dt.date(2024, 6, 10)).policies
    assert _window(found, "ForcedRepatriation") == _month(2024, 5)


def test_a_trailing_distance_phrase_does_not_date_the_reopening(extractor: Extractor) -> None:
    text = (
        "Chinese tour groups were allowed to cross the bridge to Sinuiju again on 3 March, "
        "the first time since the border was closed in January 2020."
    )
    found = extract(extractor, text, published=dt.date(2024, 3, 12)).policies
    day = dt.date(2024, 3, 3)
    reopening = [p for p in found if p.evidence[0].begin < text.index("the first time")]
    assert reopening and all(
        p.time is not None and (p.time.earliest, p.time.latest) == (day, day) for p in reopening
    )


def test_since_the_new_year_is_this_january(extractor: Extractor) -> None:
    text = "Border police have doubled their patrols on the frozen river since the new year."
    found = extract(extractor, text, published=dt.date(2024, 2, 6)).policies
    assert _window(found, "PatrolReinforcement") == _month(2024, 1)


def test_in_the_new_year_late_in_a_year_is_the_coming_year(extractor: Extractor) -> None:
    text = "There is talk that the police will stop all deliveries by courier in the new year."
    found = extract(extractor, text, published=dt.date(2024, 12, 6)).policies
    window = next(iter([(p.time.earliest, p.time.latest) for p in found if p.time]), None)
    assert window == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_a_telling_before_its_clause_gives_way_to_the_date_told(extractor: Extractor) -> None:
    text = (
        "At meetings in mid-November, residents were told that from next month no household "
        "may receive more than one parcel from abroad."
    )
    found = extract(extractor, text, published=dt.date(2024, 11, 21)).policies
    assert _window(found, "TradeRestriction") == _month(2024, 12)


def test_the_measure_takes_the_time_of_its_own_coordinated_clause(extractor: Extractor) -> None:
    text = (
        "The county finished a new road along the river in 2021, and cameras were added "
        "to the guard posts last year."
    )
    found = extract(extractor, text, published=dt.date(2023, 6, 8)).policies
    assert _window(found, "CCTVInstallation") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def test_since_then_skips_a_time_of_distance(extractor: Extractor) -> None:
    text = (
        "State media announced earlier this month that citizens abroad may come home, more "
        "than three years after the country sealed its borders in January 2020. "
        "Since then, passenger flights between Pyongyang and Beijing have resumed."
    )
    found = extract(extractor, text, published=dt.date(2023, 8, 31)).policies
    resumed = [p for p in found if p.sentence == 1 and p.time is not None]
    assert resumed and all(p.time.earliest == dt.date(2023, 8, 1) for p in resumed)

"""Where a measure stands: a state kept, deeds tallied, orders told, stops that are rules.

The policy-status scheme calls a standing rule or regime that "remains in place" InForce, a
one-off action done CarriedOut, and an order told to people that the text does not show
applied Announced. These tests pin the constructions that decide between them:

- ``has kept X closed``, ``still keeps X shut``, ``… and has kept it shut``: the state held;
  a simple past ``kept X closed for three days`` stays a deed done;
- an active perfect with a counted object (``have confiscated at least twelve drones``):
  a tally of deeds, even with a ``since``;
- ``until further notice`` after an order told to people is how long the order is to hold,
  not a sign it is applied; ``have since been told that they may not`` is a rule told;
- ``police stopped issuing passports``: the authority ceased doing something, it stopped
  no one;
- ``has opened every lorry``: each vehicle or consignment passing is checked, a routine in
  force even in the perfect; every person questioned stays a sweep done.

Every sentence is invented for these tests (none comes from an article or a gold file).
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor, get_extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The extractor on the shipped vocabulary (built once per module)."""
    return get_extractor()


def test_perfect_kept_closed_is_a_state_held(extractor: Extractor) -> None:
    found = policies(extractor, "North Korea has kept its border with Russia closed since 2021.")
    assert ("BorderClosure", "InForce") in found
    assert ("BorderClosure", "CarriedOut") not in found


def test_perfect_kept_market_closed_is_in_force(extractor: Extractor) -> None:
    text = "The city government has kept the main market in Hyesan closed since March."
    assert [s for _, s in policies(extractor, text)] == ["InForce"]


def test_present_keeps_sealed_is_in_force(extractor: Extractor) -> None:
    text = "The county still keeps the crossing sealed to traders."
    assert ("BorderClosure", "InForce") in policies(extractor, text)


def test_simple_past_kept_closed_for_days_stays_done(extractor: Extractor) -> None:
    text = "Police kept the riverside park closed for three days last week."
    assert [s for _, s in policies(extractor, text)] == ["CarriedOut"]


def test_closed_and_has_kept_it_shut_is_in_force(extractor: Extractor) -> None:
    text = "Laos closed its border to traders in 2021 and has kept it closed ever since."
    assert policies(extractor, text) == [("BorderClosure", "InForce")]


def test_closed_in_a_year_alone_stays_done(extractor: Extractor) -> None:
    text = "Laos closed its border to traders in 2021."
    assert policies(extractor, text) == [("BorderClosure", "CarriedOut")]


def test_counted_seizures_since_a_date_are_deeds(extractor: Extractor) -> None:
    text = (
        "Since the new rule took effect, police in Hyesan have confiscated at least twelve "
        "drones along the river."
    )
    found = policies(extractor, text)
    assert found and all(s == "CarriedOut" for _, s in found)


def test_uncounted_practice_since_a_date_stays_in_force(extractor: Extractor) -> None:
    text = "Customs officers have opened every lorry bound for Musan since January."
    found = policies(extractor, text)
    assert found and all(s == "InForce" for _, s in found)


def test_order_told_until_further_notice_is_announced(extractor: Extractor) -> None:
    text = (
        "Border police have told villagers in Sanhe not to go within 200 metres of the river "
        "until further notice."
    )
    found = policies(extractor, text)
    assert found and all(s == "Announced" for _, s in found)


def test_people_told_to_keep_out_until_further_notice_is_announced(
    extractor: Extractor,
) -> None:
    text = (
        "Residents of Musan have been told to keep out of the fields near the bridge until "
        "further notice."
    )
    assert policies(extractor, text) == [("MovementRestriction", "Announced")]


def test_closed_until_further_notice_stays_in_force(extractor: Extractor) -> None:
    text = "The crossing at Tumen has been closed until further notice."
    assert policies(extractor, text) == [("BorderClosure", "InForce")]


def test_since_told_that_they_may_not_is_announced(extractor: Extractor) -> None:
    text = (
        "Residents of Musan have since been told that they may not leave the town without a pass."
    )
    assert policies(extractor, text) == [("MovementRestriction", "Announced")]


def test_stopped_issuing_is_no_crackdown(extractor: Extractor) -> None:
    text = (
        "North Korean authorities stopped issuing travel permits for Musan to people from "
        "other counties on 1 March."
    )
    found = policies(extractor, text)
    assert ("MovementRestriction", "InForce") in found
    assert all(t != "Crackdown" for t, _ in found)


def test_police_stopping_a_lorry_is_still_a_crackdown(extractor: Extractor) -> None:
    text = "Police stopped a lorry carrying smuggled copper at the bridge."
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")]


def test_perfect_check_of_every_container_is_a_routine_in_force(extractor: Extractor) -> None:
    text = "Customs at Hunchun has x-rayed every container that arrives from Rason."
    found = policies(extractor, text)
    assert found and all(s == "InForce" for _, s in found)


def test_perfect_questioning_of_every_worker_stays_done(extractor: Extractor) -> None:
    text = "State security officers have questioned every worker whose relatives fled to the South."
    found = policies(extractor, text)
    assert found and all(s == "CarriedOut" for _, s in found)

"""From a researcher's review of new article styles: a team named by the bodies it is made of
is their joint team, not the non-socialist groups whose bare alias its noun is, and a
campaign typed by what it hunts becomes a NonSocialistInspection only when framed so;
returnees back from a legal stay are not forcibly repatriated people; trade said to have
stopped of itself is no measure; a crossing named in the condition of a reward is no event;
a trial held somewhere is no detention; and sentencings in two countries are two reports.
Every sentence is invented."""

from __future__ import annotations

from extracthelp import extract, pairs

from borderkg.loaders.extract import Extractor

_NSI_GROUPS = "actor/non-socialist-inspection-groups"
_RETURNED = "actor/repatriated-defectors"


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _entities(extractor: Extractor, text: str) -> set[str]:
    return {m.entity for m in extract(extractor, text).mentions}


def _event_types(extractor: Extractor, text: str) -> list[str]:
    return [_local(e.event_type) for e in extract(extractor, text).events]


def test_a_team_made_of_named_bodies_officers_is_their_phone_crackdown(
    extractor: Extractor,
) -> None:
    text = (
        "Since April a joint inspection group of state security and police officers has "
        "gone through homes in Musan looking for Chinese mobile phones."
    )
    found = extract(extractor, text)
    assert [t for t, _ in pairs(found.policies)] == ["PhoneCrackdown"]
    agents = {_local(a) for p in found.policies for a in p.issued_by + p.implemented_by}
    assert "dprk-ministry-of-state-security" in agents
    assert not any(e.endswith(_NSI_GROUPS) for e in _entities(extractor, text))


def test_a_bare_inspection_group_not_made_of_named_bodies_keeps_its_alias(
    extractor: Extractor,
) -> None:
    text = "An inspection group from Pyongyang has been searching homes in Hyesan for USB sticks."
    assert any(e.endswith(_NSI_GROUPS) for e in _entities(extractor, text))


def test_a_search_for_south_korean_songs_may_still_be_a_non_socialist_inspection(
    extractor: Extractor,
) -> None:
    text = (
        "A non-socialist inspection group has been checking phones in Manpo for South "
        "Korean songs since March."
    )
    assert [t for t, _ in pairs(extract(extractor, text).policies)] == ["NonSocialistInspection"]


def test_returnees_of_a_legal_trip_are_not_forcibly_repatriated_people(
    extractor: Extractor,
) -> None:
    text = (
        "About 80 trade officials and workers came back from Dandong on Monday. Returnees "
        "are being held in quarantine for ten days in a facility in Sinuiju."
    )
    found = extract(extractor, text)
    assert ("QuarantineRule", "InForce") in pairs(found.policies)
    assert not any(e.endswith(_RETURNED) for e in _entities(extractor, text))
    assert not any(t.endswith(_RETURNED) for p in found.policies for t in p.targets)


def test_returnees_after_a_handover_stay_forcibly_repatriated_people(
    extractor: Extractor,
) -> None:
    text = (
        "China handed 40 defectors back to North Korea last week. Returnees are being held "
        "in quarantine for ten days in a facility in Sinuiju."
    )
    assert any(e.endswith(_RETURNED) for e in _entities(extractor, text))


def test_trade_said_to_have_stopped_of_itself_is_no_measure(extractor: Extractor) -> None:
    for text in (
        "Since the notice went up, that trade has almost completely stopped.",
        "Trade with the villages across the river has all but stopped.",
    ):
        assert pairs(extract(extractor, text).policies) == [], text


def test_trade_halted_by_an_authority_is_still_a_trade_restriction(
    extractor: Extractor,
) -> None:
    for text in (
        "Trade with the Chinese side has been halted since January.",
        "North Korea has halted trade with Ji'an.",
    ):
        assert [t for t, _ in pairs(extract(extractor, text).policies)] == ["TradeRestriction"], (
            text
        )


def test_a_crossing_named_in_the_condition_of_a_reward_is_no_event(
    extractor: Extractor,
) -> None:
    text = (
        "Villagers who report a person who has crossed the river illegally will receive 3,000 yuan."
    )
    assert "BorderCrossing" not in _event_types(extractor, text)


def test_a_particular_crossing_told_in_a_relative_clause_stays_an_event(
    extractor: Extractor,
) -> None:
    text = "Police said a man who had crossed the river was shot near Hyesan."
    assert "BorderCrossing" in _event_types(extractor, text)


def test_a_public_trial_held_in_a_square_is_no_detention(extractor: Extractor) -> None:
    text = (
        "Three smugglers were sentenced to nine years at a public trial held in the market "
        "square of Musan in May."
    )
    kinds = _event_types(extractor, text)
    assert "Punishment" in kinds
    assert "Detention" not in kinds


def test_people_held_in_a_cell_are_still_detained(extractor: Extractor) -> None:
    text = "The two women were held in a cell in Onsong for a month."
    assert "Detention" in _event_types(extractor, text)


def test_sentencings_in_two_countries_are_two_reports(extractor: Extractor) -> None:
    text = (
        "A court in Yanji sentenced four brokers to prison last month. In Hoeryong, two "
        "smugglers were sentenced to labour camps."
    )
    found = extract(extractor, text)
    punished = [e for e in found.events if e.event_type.endswith("/Punishment")]
    assert len(punished) == 2
    assert {_local(p) for p in punished[0].places} & {"yanji"}
    assert {_local(p) for p in punished[1].places} == {"hoeryong"}


def test_sentencings_in_two_towns_of_one_country_may_still_be_one_report(
    extractor: Extractor,
) -> None:
    text = (
        "A court in Yanji sentenced four brokers to prison. Their driver, from Longjing, "
        "was also sentenced."
    )
    punished = [e for e in extract(extractor, text).events if e.event_type.endswith("/Punishment")]
    assert len(punished) == 1

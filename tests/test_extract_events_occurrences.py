"""Event reports record occurrences, one report per occurrence: a cessation, a decline, a
generic present rule, a livelihood, a kind of act argued about and an appeal are none; a
handover of people to the North's authorities is a forced repatriation; two mentions of one
type are one report when they can be one occurrence, and an embedded back-reference keeps
its own time, places and counts. Every sentence is invented."""

from __future__ import annotations

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import EventReport


def types(extractor: Extractor, text: str) -> list[str]:
    """Event types (local names) found in ``text``, in order."""
    return [e.event_type.rsplit("/", 1)[-1] for e in extract(extractor, text).events]


def reports(extractor: Extractor, text: str, kind: str) -> list[tuple[EventReport, list[str]]]:
    """The reports of one type with the words of their quantities."""
    x = extract(extractor, text)
    words = {q.local: x.text[q.span.begin : q.span.end] for q in x.quantities}
    return [
        (e, [words[q] for q in e.quantities]) for e in x.events if e.event_type.endswith("/" + kind)
    ]


def local(iris: list[str]) -> list[str]:
    return [i.rsplit("/", 1)[-1] for i in iris]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Since the new fence went up, smuggling across the Tumen has almost entirely stopped.",
            "Smuggling",
        ),
        ("Timber smuggling near Manpo has nearly come to a standstill this winter.", "Smuggling"),
        (
            "Cross-border trade between Hunchun and Rason has been almost completely halted.",
            "FormalTrade",
        ),
        ("Official fish shipments through Nampo stopped soon after the ban.", "FormalTrade"),
        ("Defections from the county have fallen to a handful each year.", "Defection"),
        ("The new patrols have made crossings from the North almost impossible.", "BorderCrossing"),
    ],
)
def test_a_cessation_or_decline_is_no_event(extractor: Extractor, text: str, absent: str) -> None:
    assert absent not in types(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smuggling near Musan has not completely disappeared, a source said.", "Smuggling"),
        ("After the arrests in Hyesan on Monday, everyone stopped for a few days.", "Arrest"),
    ],
)
def test_an_activity_said_to_go_on_stays(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in types(extractor, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Everyone caught near the river is now questioned, a source said.", "Arrest"),
        ("Only those with money can pay. Everyone else goes to a labour camp.", "Punishment"),
        ("Smugglers caught at night are sent to a labour camp.", "Arrest"),
        ("Smugglers caught at night are sent to a labour camp.", "Punishment"),
        (
            "Before the border closed, most families in the village lived from trade or smuggling.",
            "Smuggling",
        ),
        (
            "Rights groups say that forced returns to a country where people face torture breach "
            "international law.",
            "ForcedRepatriation",
        ),
        (
            "The rapporteur urged Beijing to end the deportation of North Koreans.",
            "ForcedRepatriation",
        ),
    ],
)
def test_a_generic_rule_or_appeal_is_no_event(extractor: Extractor, text: str, absent: str) -> None:
    assert absent not in types(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Everyone on the boat was arrested by Chinese police last week.", "Arrest"),
        ("Three smugglers caught near the river last week are now held in Hyesan.", "Arrest"),
        ("They are sent to a labour camp in Chongjin this week.", "Punishment"),
    ],
)
def test_particular_people_stay_events(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in types(extractor, text)


@pytest.mark.parametrize(
    ("text", "repatriation"),
    [
        ("They were brought by bus and handed over at the bridge to Namyang on Wednesday.", True),
        ("Guards handed over about 30 defectors to the North Korean police in May.", True),
        ("The police handed over the documents to North Korean officials.", False),
    ],
)
def test_a_handover_of_people_is_a_forced_repatriation(
    extractor: Extractor, text: str, repatriation: bool
) -> None:
    assert ("ForcedRepatriation" in types(extractor, text)) is repatriation


def test_an_embedded_back_reference_is_its_own_occurrence(extractor: Extractor) -> None:
    text = (
        "Guards handed over about 30 defectors at the Sinuiju crossing last week, three weeks "
        "after the mass repatriation of about 400 people in March."
    )
    found = reports(extractor, text, "ForcedRepatriation")
    assert len(found) == 2
    by_time = {e.time.expression: (e, qty) for e, qty in found if e.time}
    handover, handover_qty = by_time["last week"]
    earlier, earlier_qty = by_time["in March"]
    assert local(handover.places) == ["sinuiju"] and earlier.places == []
    assert any("30" in q for q in handover_qty) and not any("400" in q for q in handover_qty)
    assert any("400" in q for q in earlier_qty) and not any("30" in q for q in earlier_qty)
    assert not any("weeks" in q for _, qty in found for q in qty)


def test_an_appeal_lends_no_place_to_a_back_reference(extractor: Extractor) -> None:
    text = (
        "Several governments called on China to stop the forced repatriation of defectors at "
        "a meeting in Geneva on Monday, the first since the mass repatriations of last year."
    )
    for event, _ in reports(extractor, text, "ForcedRepatriation"):
        assert "geneva" not in local(event.places)
        assert event.time is not None and event.time.expression == "last year"


@pytest.mark.parametrize(
    "text",
    [
        "Guards handed over about 50 defectors to North Korean police in May. They were "
        "handed over at the Tumen bridge on May 14.",
        "Chinese police sent back 40 defectors through Dandong on Monday. The repatriation was "
        "carried out at night.",
    ],
)
def test_mentions_of_one_occurrence_are_one_report(extractor: Extractor, text: str) -> None:
    assert types(extractor, text).count("ForcedRepatriation") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested two traders in Hyesan in March. Police arrested three brokers in "
        "Musan in May.",
        "Chinese police sent back about 50 defectors through Tumen in October. Officials also "
        "sent back about 600 people through Dandong in October.",
    ],
)
def test_different_dates_or_groups_are_two_reports(extractor: Extractor, text: str) -> None:
    found = types(extractor, text)
    assert max(found.count("Arrest"), found.count("ForcedRepatriation")) == 2


def test_counts_of_different_groups_at_one_time_are_two_reports(extractor: Extractor) -> None:
    text = (
        "Police arrested at least twelve traders in Hoeryong in May. Two brokers were also "
        "arrested in Hoeryong in May."
    )
    assert types(extractor, text).count("Arrest") == 2


def test_a_definite_back_reference_joins_the_occurrence(extractor: Extractor) -> None:
    text = (
        "Officials executed at least six people in Hyesan in March. Many residents watched the "
        "executions, about 200 people in all."
    )
    assert types(extractor, text).count("Execution") == 1


def test_a_duration_stays_a_quantity(extractor: Extractor) -> None:
    """ "for 14 days" is a quantity (of the node whose clause holds it), unlike the time span
    of "14 days after"."""
    text = "Police held the four women in a hotel for 14 days before questioning them in May."
    x = extract(extractor, text)
    used = {q for node in (*x.events, *x.policies) for q in node.quantities}
    assert any(
        x.text[q.span.begin : q.span.end] == "14 days" and q.local in used for q in x.quantities
    )

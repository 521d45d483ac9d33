"""Event reports state that something happened: threats, conditions, plans, purposes,
targets of measures, comparisons and generic rules are no events; people-events need
people; each cue gets the type the event-type scheme defines. Every sentence is invented."""

from __future__ import annotations

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor


def types(extractor: Extractor, text: str) -> list[str]:
    """Event types (local names) found in ``text``, in order."""
    return [e.event_type.rsplit("/", 1)[-1] for e in extract(extractor, text).events]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # threats and forecasts
        (
            "Officials warned villagers that anyone who shelters a defector will be punished.",
            "Punishment",
        ),
        (
            "Soldiers said that anyone who enters the strip will be shot on sight.",
            "ShootingIncident",
        ),
        ("Cadres said those who keep foreign songs will be sent to a labour camp.", "Punishment"),
        (
            "Pupils were told that those who share foreign videos would be expelled and their "
            "parents punished.",
            "Punishment",
        ),
        # conditions of a rule
        (
            "Police told traders that anyone caught helping smugglers would lose their licences.",
            "Arrest",
        ),
        ("Any Chinese trader caught buying herbs at night would be fined.", "Arrest"),
        ("Villagers caught selling fuel to outsiders will have it confiscated.", "Arrest"),
        ("Smuggling of copper across the Tumen remains strictly banned.", "Smuggling"),
        ("A tip that leads to the arrest of a broker earns 2,000 yuan.", "Arrest"),
        # generic rules told in the present passive
        ("Smuggling across the river is harshly punished in Musan.", "Punishment"),
        ("Defectors are people who left the country and are arrested by the police.", "Arrest"),
        # plans, purposes and targets of measures
        ("The new radar was needed to stop smuggling on the Tumen.", "Smuggling"),
        ("The county launched a campaign against smuggling along the river.", "Smuggling"),
        ("The county launched a campaign against illegal border crossings.", "BorderCrossing"),
        ("Pyongyang kept its ban on squid exports in place.", "FormalTrade"),
        ("Returnees are expected to receive sentences in a labour training camp.", "Punishment"),
        # comparisons and suspicions
        (
            "Sending workers home when their contracts end is different from the forced "
            "repatriation of defectors.",
            "ForcedRepatriation",
        ),
        ("Police detained four men suspected of smuggling copper into Hunchun.", "Smuggling"),
    ],
)
def test_what_did_not_happen_is_no_event(extractor: Extractor, text: str, absent: str) -> None:
    assert absent not in types(extractor, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The squid caught by Chinese trawlers sells for less in Dandong.", "Arrest"),
        (
            "The buyers pay in cash and send back rice and fuel on the same trucks.",
            "ForcedRepatriation",
        ),
        ("Officials explained the law at meetings held in every village last week.", "Detention"),
    ],
)
def test_a_people_event_said_of_things_is_no_event(
    extractor: Extractor, text: str, absent: str
) -> None:
    assert absent not in types(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One of the brokers was sentenced to ten years in a labour camp last month.",
            "Punishment",
        ),
        ("The detainees were sent back across the bridge on Tuesday.", "ForcedRepatriation"),
        ("Police arrested three brokers in Yanji on Friday.", "Arrest"),
        ("Officials said the families of those sent back would be watched.", "ForcedRepatriation"),
        ("Residents said the guards who shot the man will be disciplined.", "ShootingIncident"),
        ("They are questioned every day in the county jail.", "Detention"),
        ("Smugglers arrested last week will be tried in Hyesan.", "Arrest"),
        ("Smugglers in Hyesan were sent to a labour camp in May.", "Punishment"),
        ("Customs data show that exports of pine nuts to China rose in May.", "FormalTrade"),
    ],
)
def test_real_events_stay(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in types(extractor, text)


def test_smugglers_sent_to_a_camp_are_not_smuggling(extractor: Extractor) -> None:
    assert "Smuggling" not in types(extractor, "Smugglers in Hyesan were sent to a labour camp.")


@pytest.mark.parametrize(
    "text",
    [
        "The returnees are being questioned by security officials in Musan.",
        "Three traders were summoned to the county office for interrogation.",
    ],
)
def test_questioning_is_detention_not_punishment(extractor: Extractor, text: str) -> None:
    found = types(extractor, text)
    assert "Detention" in found and "Punishment" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty International called the handover a serious breach of international law.",
        "In a statement, Human Rights Watch said China is bound by the principle of "
        "non-refoulement.",
    ],
)
def test_an_accusing_statement_is_a_condemnation(extractor: Extractor, text: str) -> None:
    found = types(extractor, text)
    assert "Condemnation" in found and "Statement" not in found


def test_rejecting_criticism_is_no_condemnation(extractor: Extractor) -> None:
    text = "China's foreign ministry rejected the criticism, saying the returns were lawful."
    assert "Condemnation" not in types(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Traders have been shipping seafood to Dandong under cover of night.",
        "Police arrested two traders who had tried to import fertiliser outside the official "
        "channels.",
        "Border guards take a share of every shipment and look the other way.",
        "Smugglers with links to the police still carry goods across the river.",
    ],
)
def test_trade_outside_customs_is_smuggling(extractor: Extractor, text: str) -> None:
    found = types(extractor, text)
    assert "Smuggling" in found and "FormalTrade" not in found

"""A measure told without a status verb of its own takes the tense of its sentence: a deed
narrated in the simple past or the perfect was carried out, a promise or an order in the
perfect is announced, a standing practice told in the present is in force.

Every sentence is invented for these tests (none comes from an article or a gold file).
"""

from __future__ import annotations

import pytest
from extracthelp import extractor, policies  # noqa: F401  (extractor is a fixture)

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.sentence_tense import told_as_done, told_in_perfect
from borderkg.ontology.namespaces import STATUS


@pytest.mark.parametrize(
    "sentence",
    [
        "Officers of the Jilin police visited the brick kilns in Helong three times this month.",
        "Mobile phones were gathered from the returning workers at the bridge, a source said.",
        "A court in Yanji sentenced three couriers to prison, a source in Jilin told Daily NK.",
        "Inspectors went through every lorry from Rason and kept back televisions and fridges.",
        # a relative clause in the present does not make the deed a practice
        "The returnees were questioned about whom they met, according to the source.",
    ],
)
def test_a_deed_narrated_in_the_simple_past_is_told_as_done(sentence: str) -> None:
    assert told_as_done(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # present, modal, "now", "since": a standing measure
        "Customs officers at the bridge hold visitors' phones for the length of the stay.",
        "Residents may leave their homes only between seven and eight in the morning.",
        "Fishing boats have been kept in port since the summer, a source said.",
        # the perfect tells deeds and states alike: left to the default
        "Two families have been moved off the island to a farm inland.",
        # habitual: "as a matter of course", "before each anniversary", "used to"
        "Police handed smugglers caught with drugs back to the North as a matter of course.",
        "Families were visited by the police before each anniversary, the groups said.",
        # participles, adjectives and states are not finite past verbs
        "A cap set by the resolution limits the fuel that may be sold.",
        "Each of them had first needed an exit permit from the county.",
        "The report says grid officers report every unregistered resident to the police.",
    ],
)
def test_a_standing_or_undated_measure_is_not_told_as_done(sentence: str) -> None:
    assert not told_as_done(sentence)


def test_a_measure_without_a_status_verb_narrated_in_the_past_was_carried_out(
    extractor: Extractor,  # noqa: F811
) -> None:
    # the sentence model finds these; no status word of the rules stands in them
    past = (
        "Their phones were handed to a minder from the Ministry of State Security when they "
        "arrived in Pyongyang."
    )
    present = (
        "Their phones are handed to a minder from the Ministry of State Security when they "
        "arrive in Pyongyang."
    )
    assert policies(extractor, past) == [("PhoneCrackdown", "CarriedOut")]
    assert policies(extractor, present) == [("PhoneCrackdown", "InForce")]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        (
            "Security officials have moved four families away from the river, a source said.",
            STATUS.CarriedOut,
        ),
        (
            "A court in Baishan has sentenced two couriers to prison for carrying phones.",
            STATUS.CarriedOut,
        ),
        (
            "Villagers have been promised a sack of rice for every stranger they report.",
            STATUS.Announced,
        ),
        ("The police have asked every hotel to copy its guests' passports.", STATUS.Announced),
        # a participle that leaves a state behind, or a "since": the measure stands
        ("The workers have been confined to their dormitory, the source added.", None),
        ("Fishing boats have been kept in port since the summer.", None),
        ("Crews have been sent to the shore every evening.", None),
        # no perfect at all
        ("Guards walk the bank in pairs at night.", None),
    ],
)
def test_a_measure_told_in_the_perfect_takes_the_status_of_its_participle(
    sentence: str, status: str | None
) -> None:
    assert told_in_perfect(sentence) == (None if status is None else str(status))


def test_a_deed_in_the_perfect_without_a_status_verb_was_carried_out(
    extractor: Extractor,  # noqa: F811
) -> None:
    text = "Guards in Hyesan have put up sheets of tin along the bank so that tourists cannot see."
    assert policies(extractor, text) == [("BarrierConstruction", "CarriedOut")]

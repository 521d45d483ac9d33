"""Crackdowns told without a measure noun, found in the sentences of heldout3-95 where the
extractor predicted nothing: an obligation's infinitive ("have to hand in their phones"),
fines imposed on a group ("were each fined between …", "were fined last week for …"),
residents told not to wave or shout across the river, and residents told to hand in money
or weapons they hold.

Every sentence is invented for these tests (none comes from an article or a gold file); each
rule has a negative look-alike (a hypothetical, a past habit, a denial, no authority, a ban
on going somewhere). Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies, roles_at

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import ACTOR

_RESIDENTS = ACTOR + "border-residents"

# -- an obligation's infinitive is the rule's deed -----------------------------------------


def test_people_who_have_to_hand_in_phones_are_under_a_phone_crackdown(
    extractor: Extractor,
) -> None:
    text = "Since May, passengers at Dandong station have to hand in their phones before boarding."
    assert policies(extractor, text) == [("PhoneCrackdown", "InForce")]


@pytest.mark.parametrize(
    "text",
    [
        "Passengers would have to hand in their phones if the rule passed.",
        "Passengers used to have to hand in their phones.",
        "\u201cNow I have to hand in my phone every time I visit him,\u201d a trader said.",
    ],
)
def test_an_obligation_that_would_hold_used_to_or_is_the_speakers_own_is_no_measure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


# -- fines imposed on a group --------------------------------------------------------------


def test_a_group_each_fined_a_range_is_a_crackdown_carried_out(extractor: Extractor) -> None:
    text = (
        "Four shopkeepers in Hyesan were each fined between 1,000 and 3,000 won by social "
        "security officers."
    )
    assert policies(extractor, text) == [("Crackdown", "CarriedOut")]
    _, implementers, _ = roles_at(extractor, text, "fined")
    assert implementers == {ACTOR + "dprk-ministry-of-social-security"}


def test_a_group_fined_last_week_for_a_deed_is_carried_out(extractor: Extractor) -> None:
    text = "Five drivers were fined last week for carrying Chinese cigarettes."
    assert policies(extractor, text) == [("SmugglingCrackdown", "CarriedOut")]


def test_nobody_fined_is_no_crackdown(extractor: Extractor) -> None:
    assert policies(extractor, "Nobody was fined last week for fishing, the villager said.") == []


# -- residents told not to wave or shout across the river ----------------------------------


def test_residents_told_not_to_wave_or_shout_is_an_announced_crackdown(
    extractor: Extractor,
) -> None:
    text = (
        "Villagers in Namyang were told by the border guard at a meeting last week not to wave "
        "or shout to the tour boats."
    )
    assert policies(extractor, text) == [("Crackdown", "Announced")]
    issuers, _, targets = roles_at(extractor, text, "not to wave")
    assert issuers == {ACTOR + "dprk-border-security-command"}
    assert targets == {_RESIDENTS}


@pytest.mark.parametrize(
    "text",
    [
        "A neighbour told her not to wave at the boats.",
        "Residents have been told by the border guard not to go near the bank or call out to "
        "the farmers.",
    ],
)
def test_advice_without_authority_or_a_ban_on_going_is_no_waving_crackdown(
    extractor: Extractor, text: str
) -> None:
    assert ("Crackdown", "Announced") not in policies(extractor, text)


# -- residents told to hand in money or weapons --------------------------------------------


def test_residents_told_to_hand_in_currency_is_an_announced_crackdown(
    extractor: Extractor,
) -> None:
    text = (
        "Residents of the border villages have been told by the police to hand in any foreign "
        "currency they keep."
    )
    assert policies(extractor, text) == [("Crackdown", "Announced")]
    _, _, targets = roles_at(extractor, text, "hand in")
    assert targets == {_RESIDENTS}


def test_a_broker_asking_for_money_is_no_crackdown(extractor: Extractor) -> None:
    text = "The broker told them to hand in their money before the crossing."
    assert policies(extractor, text) == []

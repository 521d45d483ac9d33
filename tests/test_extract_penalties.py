"""Guard units disbanded, people struck off a register and premises sealed or shut down are a
crackdown carried out.

"Their platoon has since been broken up", "the county security office struck eight families
off the residence register", "the bureau has sealed two warehouses": the held-out gold reads
such penalties as enforcement, typed by what the sentence says they punish. Their look-alikes
punish nobody: a unit disbanded long ago and named only by it, a blow struck, bags sealed, a
plant shut down by a power cut, a village sealed off (a movement measure), a striking off
that did not happen.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies, roles_at

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import ACTOR


@pytest.mark.parametrize(
    "text",
    [
        "The guard platoon on the island has since been broken up and its men sent inland.",
        "The Border Security Command disbanded the whole company at the ferry in March.",
    ],
)
def test_a_guard_unit_broken_up_or_disbanded_is_a_crackdown_carried_out(
    extractor: Extractor, text: str
) -> None:
    [(measure_type, status)] = policies(extractor, text)
    assert measure_type.endswith("Crackdown") and status == "CarriedOut"


@pytest.mark.parametrize(
    "text",
    [
        "The ice on the river broke up early this year.",
        "The trading company, disbanded in 2015, once sold coal to Dandong.",
        "The old cameras on the bank were replaced last year by the guard company.",
    ],
)
def test_ice_broken_up_or_a_unit_described_is_no_crackdown(extractor: Extractor, text: str) -> None:
    assert not [p for p in policies(extractor, text) if p[0].endswith("Crackdown")]


@pytest.mark.parametrize(
    "text",
    [
        "The county security office struck eight families off the residence register last week.",
        "Households with a son in the army were struck off the list for the new flats in March.",
    ],
)
def test_people_struck_off_a_register_are_a_crackdown_carried_out(
    extractor: Extractor, text: str
) -> None:
    [(measure_type, status)] = policies(extractor, text)
    assert measure_type.endswith("Crackdown") and status == "CarriedOut"


def test_a_striking_off_for_a_relative_who_fled_is_the_defection_crackdown(
    extractor: Extractor,
) -> None:
    text = (
        "Security officials struck every applicant with a relative who had fled to South Korea "
        "off the list in May."
    )
    assert policies(extractor, text) == [("DefectionCrackdown", "CarriedOut")]


def test_a_striking_off_told_as_a_rumour_is_rumoured(extractor: Extractor) -> None:
    text = "Rumours say that anyone caught calling China will be struck off the farm register."
    assert policies(extractor, text) == [("Crackdown", "Rumoured")]


@pytest.mark.parametrize(
    "text",
    [
        "Nobody has been struck off the register so far.",
        "The guard struck the smuggler with his rifle.",
        "Traders paid clerks to have their names struck off before the lists were sent on.",
    ],
)
def test_no_striking_off_or_a_blow_struck_is_no_crackdown(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Social security officers have sealed the doors of three shops in Hyesan.",
        "The depot's warehouse at the port was sealed by officers of the county bureau on Monday.",
        "Several shops near the station were shut down last week on the orders of the police.",
    ],
)
def test_premises_sealed_or_shut_by_an_authority_are_a_crackdown_carried_out(
    extractor: Extractor, text: str
) -> None:
    [(measure_type, status)] = policies(extractor, text)
    assert measure_type.endswith("Crackdown") and status == "CarriedOut"


def test_the_authority_that_sealed_premises_carries_out_the_measure(extractor: Extractor) -> None:
    text = "Chinese police sealed two workshops in Hunchun last week."
    _, implementers, _ = roles_at(extractor, text, "sealed two workshops")
    assert implementers == {ACTOR + "prc-ministry-of-public-security"}


@pytest.mark.parametrize(
    "text",
    [
        "The customs officers sealed the bags with tape.",
        "The plant was shut down for a week when the power failed.",
        "The police have not sealed the restaurant.",
    ],
)
def test_things_sealed_or_premises_shut_without_an_authority_are_no_crackdown(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


def test_a_village_sealed_off_stays_a_movement_restriction(extractor: Extractor) -> None:
    text = "Officials sealed off the village after the outbreak."
    assert policies(extractor, text) == [("MovementRestriction", "CarriedOut")]

"""Requirements told in the present perfect (``have had to``): a rule held until now; checks
required "now" and requirements to be somewhere by a time: restrictions on movement.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the requirement's own verb is a check on movement
        (
            "Since April, lorry drivers have had to stop at a barrier outside the port and show "
            "their identity cards.",
            ("MovementRestriction", "InForce"),
        ),
        (
            "Passengers at the ferry terminal have had to walk through a gate that reads their "
            "faces since the spring.",
            ("MovementRestriction", "InForce"),
        ),
        (
            "Anyone driving to the lake has since had to present a pass at the county line.",
            ("MovementRestriction", "InForce"),
        ),
    ],
)
def test_a_requirement_held_until_now_is_a_movement_rule_in_force(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in policies(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deed read from another verb of the clause is the requirement held
        (
            "Since the summer, visitors have had to leave their phones in lockers at the gate, a "
            "practice the guards brought in after photographs appeared online.",
            ("PhoneCrackdown", "InForce"),
        ),
        (
            "Guards on the northern stretch have had to patrol in threes rather than pairs since "
            "the start of winter.",
            ("PatrolReinforcement", "InForce"),
        ),
    ],
)
def test_a_measure_governed_by_have_had_to_is_in_force(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    found = policies(extractor, text)
    assert expected in found
    assert (expected[0], "CarriedOut") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what was put up stays put up
        (
            "Ticket buyers have had to look into a camera that the police mounted above the "
            "window last month.",
            ("CCTVInstallation", "CarriedOut"),
        ),
        # a simple past "had to" is no requirement held until now
        (
            "The police stopped every car on the river road last week, and drivers had to wait "
            "for an hour.",
            ("MovementRestriction", "CarriedOut"),
        ),
    ],
)
def test_what_is_built_or_done_once_keeps_its_status(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    found = policies(extractor, text)
    assert (expected[0], "InForce") not in found


@pytest.mark.parametrize(
    "text",
    [
        # a burden on ordinary people, told without any check
        "Many families have had to travel home from the city to apply for new cards in person.",
        "Traders have had to store their goods for weeks because the bridge is shut.",
    ],
)
def test_a_burden_without_a_check_is_no_movement_rule(extractor: Extractor, text: str) -> None:
    assert ("MovementRestriction", "InForce") not in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Hikers on the ridge road now have to stop at a police post and show their passes.",
        "Since the new year, boat crews must now present their identity cards at the jetty.",
        "Passengers are now required to walk through a scanner at the station entrance.",
    ],
)
def test_a_check_required_now_is_a_movement_rule_in_force(extractor: Extractor, text: str) -> None:
    assert ("MovementRestriction", "InForce") in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        # going through a middleman is no check on movement
        "Private buyers must now go through one of the licensed firms and pay a fee.",
    ],
)
def test_going_through_a_middleman_is_no_movement_rule(extractor: Extractor, text: str) -> None:
    assert ("MovementRestriction", "InForce") not in policies(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Villagers with plots near the shore must now be off the fields an hour before dark.",
            ("MovementRestriction", "InForce"),
        ),
        (
            "Seasonal workers have to be back in their dormitories by ten, the source said.",
            ("MovementRestriction", "InForce"),
        ),
        (
            "Fishermen were told that from next month they must be off the water by dusk.",
            ("MovementRestriction", "Announced"),
        ),
    ],
)
def test_a_requirement_to_be_somewhere_by_a_time_is_a_movement_rule(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        # a wish or a habit, not a rule
        "The farmers say they would rather be off the fields before the rain comes.",
        "He is usually back home by nine after the market closes.",
    ],
)
def test_a_wish_or_habit_to_be_somewhere_is_no_rule(extractor: Extractor, text: str) -> None:
    assert ("MovementRestriction", "InForce") not in policies(extractor, text)

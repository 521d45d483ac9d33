"""Status of orders and rules by their framing: standing orders in force, dated future rules told."""

from __future__ import annotations

from extracthelp import policies

from borderkg.loaders.extract import Extractor

_SHOOT = "ShootToKillOrder"


def test_a_standing_order_named_as_a_noun_is_in_force(extractor: Extractor) -> None:
    text = (
        "The standing order to fire on anyone who wades into the Tumen after midnight has not "
        "been withdrawn, a resident of Onsong said."
    )
    assert (_SHOOT, "InForce") in policies(extractor, text)


def test_guards_operating_under_an_order_to_fire_apply_a_standing_rule(
    extractor: Extractor,
) -> None:
    text = (
        "Soldiers at the new posts work under an order to fire at anyone who crosses the "
        "ditch without a permit, a source in Musan told us."
    )
    assert (_SHOOT, "InForce") in policies(extractor, text)


def test_an_order_just_given_to_guards_stays_announced(extractor: Extractor) -> None:
    text = "Guards in Onsong have been ordered to fire on anyone crossing the ice, a source said."
    assert (_SHOOT, "Announced") in policies(extractor, text)
    assert (_SHOOT, "InForce") not in policies(extractor, text)


def test_a_standing_instruction_told_as_just_issued_is_news_of_the_order(
    extractor: Extractor,
) -> None:
    text = (
        "The State Security Department has since issued a standing instruction that guards "
        "fire on anyone crossing the ice, a source in Onsong said."
    )
    assert policies(extractor, text) == [(_SHOOT, "Announced")]


def test_a_rule_told_in_the_future_from_a_coming_date_is_announced(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese customs at Quanhe will check every lorry against the sanctions list from "
        "March, a trader in Hunchun said."
    )
    assert ("SanctionsEnforcement", "Announced") in policies(extractor, text)


def test_a_prepared_rule_from_a_coming_date_stays_planned(extractor: Extractor) -> None:
    text = (
        "Chinese customs at Quanhe are preparing to check every lorry against the sanctions "
        "list from March, a trader in Hunchun said."
    )
    assert ("SanctionsEnforcement", "Planned") in policies(extractor, text)

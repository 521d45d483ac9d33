"""A measure's targets depend on what the measure is: a group told of a rule is bound by it, a
group told of equipment, a fence or a trial of particular people is only its audience.

The annotation guide makes targets the people a measure "restricts, searches, arrests,
punishes, sends back or moves", and not "the people who report" it; the scheme's
``Announced`` is "an order, warning or notice told to residents". So residents told at a
meeting that nobody may go near the river are that buffer zone's target, and villagers told
that cameras will be put up are not the cameras'. Those who pass a rumour on, what those
punished will be "treated as", and the other side of a deal are no targets either; guards told
that whoever takes money will be sent to a labour unit are what that punishment is aimed at.
A patrol reinforcement (more guards) binds no one: the villagers who patrol are its means.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import roles_at

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import ACTOR

RESIDENTS = ACTOR + "border-residents"
TRADERS = ACTOR + "traders"
SMUGGLERS = ACTOR + "smugglers"
BROKERS = ACTOR + "defection-brokers"
GUARDS = ACTOR + "dprk-border-guards"


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (  # a zone told at a meeting, with no pronoun for those it binds
            "Villagers in Sambong were told at a meeting on Tuesday that nobody may go within "
            "400 metres of the Tumen River after dark.",
            "nobody may go within 400 metres of",
            RESIDENTS,
        ),
        (  # a trade rule told to traders
            "Traders in Hoeryong were told last month that from May cooking oil may be sold only "
            "at state shops.",
            "may be sold only",
            TRADERS,
        ),
        (  # a punishment of whoever breaks a rule is a rule for those told
            "Traders in Musan were warned that anyone caught selling Chinese medicine will be "
            "tried in public.",
            "tried in public",
            TRADERS,
        ),
    ],
)
def test_the_group_told_of_a_rule_is_its_target(
    extractor: Extractor, text: str, words: str, group: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert group in targets


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Villagers in Sambong were told at a meeting on Tuesday that a second fence will be "
            "built along the Tumen River.",
            "fence will be built",
        ),
        (
            "Officials told villagers in Sambong that cameras will be installed along the Tumen "
            "River next month.",
            "cameras will be installed",
        ),
    ],
)
def test_those_told_of_equipment_or_a_fence_are_not_its_target(
    extractor: Extractor, text: str, words: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert RESIDENTS not in targets


def test_those_told_of_a_trial_of_particular_people_are_its_audience(
    extractor: Extractor,
) -> None:
    text = (
        "Villagers in Sambong were told at a meeting that the two smugglers will be tried in "
        "public."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "tried in public")
    assert RESIDENTS not in targets
    assert SMUGGLERS in targets


def test_a_group_ordered_to_do_something_stays_a_target_whatever_the_measure(
    extractor: Extractor,
) -> None:
    text = "Villagers in Sambong have been ordered to repair the fence along the Tumen River."
    _issuers, _implementers, targets = roles_at(extractor, text, "repair the fence")
    assert RESIDENTS in targets


def test_a_telling_in_another_clause_binds_nobody_to_the_measure(extractor: Extractor) -> None:
    text = (
        "Villagers in Sambong have been told to keep away from the railway yard at night, and "
        "police detained two smugglers in March for stealing diesel from a wagon."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "detained")
    assert RESIDENTS not in targets


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (
            "There is talk among villagers in Sambong that cameras will be put up on every "
            "guard post before winter.",
            "talk among villagers",
            RESIDENTS,
        ),
        (
            "Among brokers, there is talk that Chinese police will begin checking the phones of "
            "bus passengers.",
            "there is talk",
            BROKERS,
        ),
    ],
)
def test_those_who_pass_a_rumour_on_are_not_its_target(
    extractor: Extractor, text: str, words: str, group: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert group not in targets


def test_what_those_punished_are_taken_for_is_no_target(extractor: Extractor) -> None:
    text = (
        "Villagers in Sambong were warned that anyone caught buying diesel from Chinese boats "
        "will be treated as a smuggler."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "treated as a smuggler")
    assert SMUGGLERS not in targets
    assert RESIDENTS in targets


def test_the_other_side_of_a_deal_is_no_target_whatever_its_adjective(
    extractor: Extractor,
) -> None:
    text = (
        "State security arrested four border guards in Sambong last week for taking money from "
        "cigarette smugglers."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "arrested")
    assert SMUGGLERS not in targets


def test_guards_told_what_they_will_suffer_are_the_punishments_target(
    extractor: Extractor,
) -> None:
    text = (
        "Border guards in Sambong have been warned that anyone who takes money from smugglers "
        "will be sent to a labour training unit."
    )
    _issuers, implementers, targets = roles_at(extractor, text, "been warned")
    assert GUARDS in targets
    assert GUARDS not in implementers


def test_guards_told_of_an_order_to_fire_carry_it_out(extractor: Extractor) -> None:
    text = (
        "Border guards in Sambong were told at a meeting that they may fire on anyone who "
        "approaches the river after dark."
    )
    _issuers, implementers, targets = roles_at(extractor, text, "may fire on anyone")
    assert GUARDS not in targets
    assert GUARDS in implementers


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (  # the villagers who patrol are its means
            "Chinese border police have organised paid night patrols of villagers along the "
            "Tumen River near Sambong.",
            "night patrols",
            RESIDENTS,
        ),
        (  # what the patrols are meant to stop
            "The border guard has doubled its posts along the river near Sambong, so that "
            "soldiers have no time to make friends with smugglers.",
            "doubled its posts",
            SMUGGLERS,
        ),
    ],
)
def test_a_patrol_reinforcement_binds_no_group_its_words_do_not_bind(
    extractor: Extractor, text: str, words: str, group: str
) -> None:
    _issuers, _implementers, targets = roles_at(extractor, text, words)
    assert group not in targets


def test_a_patrol_reinforcement_keeps_the_group_its_words_bind(extractor: Extractor) -> None:
    text = (
        "The border guard has doubled its posts near Sambong, and fishermen must now stay "
        "within sight of a guard post."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "must now stay")
    assert ACTOR + "fishermen" in targets


def test_officers_of_a_body_punished_make_it_the_target_not_the_agent(
    extractor: Extractor,
) -> None:
    text = (
        "Three officers of Dandong Customs have been dismissed for clearing North Korean "
        "containers without opening them."
    )
    issuers, implementers, targets = roles_at(extractor, text, "dismissed")
    customs = ACTOR + "dandong-customs"
    assert customs in targets
    assert customs not in issuers | implementers


def test_a_body_that_warns_by_its_officers_stays_the_agent(extractor: Extractor) -> None:
    text = (
        "Families in Sambong have been warned by state security officers that they will be "
        "questioned if they send money to relatives in China."
    )
    _issuers, _implementers, targets = roles_at(extractor, text, "questioned")
    assert ACTOR + "dprk-ministry-of-state-security" not in targets

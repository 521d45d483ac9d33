"""Whom a measure targets: the people of a body it falls on, the enforcers it binds, the owners
of the belongings it searches; not the go-between or the topic.

- the people of a body that an active punishment is done to ("detained three officers of
  Dandong Customs", "arrested four social security officials", "sentenced a former border
  police officer") make the body a target, not an agent; so do officers "held" or "taken for
  questioning" (``roles``);
- guards or soldiers a crackdown or restriction obliges to give up or limit something of their
  own ("must hand their rifles back", "have been ordered to hand in their phones", "were
  told that they must report any contact") are its targets; an order to act on others ("must
  search every boat") is not; guards told they may fire are who shoot, not an order's targets
  (``roles_obliged``);
- a search or seizure of "their" luggage, bags, phones or papers is aimed at the group the
  possessive refers to, named before it in the sentence or the one before; not "their loads"
  (``roles_possessed``);
- a group named only as the go-between or the topic ("money sent through brokers", "questioned
  about the brokers", "put her in touch with a broker") is no target; "a crackdown on brokers"
  is; nor are the guards people are handed to (``roles_means``);
- a defection crackdown on "North Koreans" (people: "North Koreans working without papers",
  "North Korean teenagers") is aimed at defectors, unless they are those whom the people
  punished shelter, feed or carry, and a relocation of the families or households of someone
  who fled at the families of defectors (``roles_targets.typed_group``);
- a generic head after another group ("ethnic Korean villagers") and the people whose families
  are targeted ("the families of two soldiers who fled") are no targets of their own
  (``roles_qualified``);
- the group the clause after an eased rule says may or may still not do something is its
  target, also past a clause of time or a "however" ("was relaxed in May, when the teams began
  working at night, but residents still may not go out") (``roles_bound``).

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import Policy
from borderkg.ontology.namespaces import ACTOR

GUARDS = ACTOR + "dprk-border-guards"
SOLDIERS = ACTOR + "soldiers"
CUSTOMS = ACTOR + "dandong-customs"
SOCIAL_SECURITY = ACTOR + "dprk-ministry-of-social-security"
STATE_SECURITY = ACTOR + "dprk-ministry-of-state-security"


def _policy(extractor: Extractor, text: str, words: str) -> Policy:
    """The policy whose evidence holds ``words``."""
    found = extract(extractor, text)
    start = text.index(words)
    return next(p for p in found.policies if any(e.begin <= start < e.end for e in p.evidence))


@pytest.mark.parametrize(
    ("text", "words", "body"),
    [
        (
            "Provincial discipline inspectors have detained two officers of Dandong Customs who "
            "let containers through unopened, a trader said.",
            "detained",
            CUSTOMS,
        ),
        (
            "The Ministry of State Security arrested five social security officials in the "
            "county town last month.",
            "arrested",
            SOCIAL_SECURITY,
        ),
        (
            "Three officers of Dandong Customs have been held for questioning since early May on "
            "suspicion of taking bribes from smugglers.",
            "held for questioning",
            CUSTOMS,
        ),
    ],
)
def test_the_people_of_a_body_punished_make_it_the_target(
    extractor: Extractor, text: str, words: str, body: str
) -> None:
    policy = _policy(extractor, text, words)
    assert body in policy.targets
    assert body not in policy.issued_by + policy.implemented_by


def test_the_body_that_detains_stays_the_agent(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "The Ministry of State Security arrested five social security officials in the county "
        "town last month.",
        "arrested",
    )
    assert STATE_SECURITY in policy.issued_by + policy.implemented_by
    assert STATE_SECURITY not in policy.targets


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (
            "In a new crackdown on smuggling, guards in Musan must now hand their rifles back to "
            "the armoury as soon as they come off duty.",
            "crackdown on smuggling",
            GUARDS,
        ),
        (
            "Guards in Musan must now hand in their Chinese mobile phones to the company "
            "commander.",
            "hand in their Chinese mobile phones",
            GUARDS,
        ),
        (
            "Soldiers on the river have also been ordered to hand in any mobile phones by the "
            "end of the month.",
            "hand in any mobile phones",
            SOLDIERS,
        ),
        (
            "Guards in Hoeryong were told at a meeting that they must report any contact with "
            "Chinese traders to their political officer.",
            "told at a meeting",
            GUARDS,
        ),
    ],
)
def test_enforcers_obliged_about_their_own_conduct_are_targets(
    extractor: Extractor, text: str, words: str, group: str
) -> None:
    assert group in _policy(extractor, text, words).targets


def test_enforcers_ordered_to_act_on_others_are_not_targets(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "Guards in Musan must now search every boat that lands on the riverbank.",
        "search every boat",
    )
    assert GUARDS not in policy.targets


@pytest.mark.parametrize(
    ("text", "words", "group"),
    [
        (
            "North Korean workers returning from Dandong crossed at Sinuiju on Monday. State "
            "security officers went through their luggage for South Korean films and Bibles.",
            "went through their luggage",
            ACTOR + "overseas-workers",
        ),
        (
            "Chinese traders must now register at the customs house in Dandong, and customs "
            "officers check their bags for banned machinery parts.",
            "check their bags",
            ACTOR + "chinese-traders",
        ),
    ],
)
def test_a_search_of_their_belongings_targets_the_people_referred_to(
    extractor: Extractor, text: str, words: str, group: str
) -> None:
    assert group in _policy(extractor, text, words).targets


def test_a_search_of_their_loads_names_no_target(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "Smugglers have moved upstream. Chinese border police on the Tumen have begun stopping "
        "lorries and checking their loads against delivery slips.",
        "stopping",
    )
    assert ACTOR + "smugglers" not in policy.targets


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Families in Hyesan who have relatives in South Korea are now barred from receiving "
            "money through brokers.",
            "barred from receiving",
        ),
        (
            "State security officers in Musan questioned the returnees about the brokers who had "
            "guided them.",
            "questioned",
        ),
        (
            "Police in Yanji arrested a woman's brother last week for putting her in touch with a "
            "broker.",
            "arrested",
        ),
    ],
)
def test_a_go_between_or_topic_is_no_target(extractor: Extractor, text: str, words: str) -> None:
    targets = _policy(extractor, text, words).targets
    assert not [t for t in targets if "broker" in t]


def test_a_crackdown_on_brokers_targets_them(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "Police in Yanji have launched a crackdown on brokers who guide North Koreans across the "
        "river.",
        "launched a crackdown",
    )
    assert ACTOR + "defection-brokers" in policy.targets


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Police in Tonghua detained six North Koreans working at a brick factory without "
            "papers last week.",
            "detained",
        ),
        (
            "Chinese border police handed back three North Korean teenagers who had crossed the "
            "river near Sanhe.",
            "handed back",
        ),
    ],
)
def test_north_koreans_caught_or_sent_back_are_defectors(
    extractor: Extractor, text: str, words: str
) -> None:
    assert ACTOR + "defectors" in _policy(extractor, text, words).targets


def test_north_koreans_sheltered_by_those_punished_are_no_target(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "Police in Tonghua have warned that anyone who shelters North Koreans will be prosecuted.",
        "warned",
    )
    assert ACTOR + "defectors" not in policy.targets


def test_the_family_of_one_who_fled_moved_away_are_families_of_defectors(
    extractor: Extractor,
) -> None:
    policy = _policy(
        extractor,
        "The family of a young soldier who fled to China last month has been moved to a farm in "
        "the mountains.",
        "has been moved",
    )
    assert policy.targets == [ACTOR + "families-of-defectors"]


def test_households_moved_from_the_river_stay_residents(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "Households closest to the river in Musan will be moved inland before the winter.",
        "moved inland",
    )
    assert ACTOR + "families-of-defectors" not in policy.targets


def test_a_generic_head_after_a_group_is_no_target_of_its_own(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "A court in Yanji sentenced three ethnic Korean villagers to two years in prison for "
        "hiding North Koreans in a barn.",
        "sentenced",
    )
    assert policy.targets == [ACTOR + "ethnic-koreans-in-china"]


def test_a_specific_head_after_a_group_stays_a_target(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "Yanbian police have arrested two ethnic Korean money brokers in Yanji.",
        "arrested",
    )
    assert ACTOR + "remittance-brokers" in policy.targets


def test_those_whose_families_are_questioned_are_no_targets(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "The families of two soldiers who fled to China in May were questioned by state security "
        "agents for a week.",
        "questioned",
    )
    assert policy.targets == [ACTOR + "families-of-defectors"]


def test_the_guards_people_are_handed_to_are_no_target(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "Chinese police in Tumen handed the man back to North Korean border guards at the bridge "
        "on Monday.",
        "handed",
    )
    assert GUARDS not in policy.targets


def test_guards_told_they_may_fire_are_no_target_of_the_order(extractor: Extractor) -> None:
    policy = _policy(
        extractor,
        "The guards on the Hyesan bank were told at a meeting that they may fire on any boat "
        "that moves after dark.",
        "may fire",
    )
    assert GUARDS not in policy.targets
    assert GUARDS in policy.issued_by + policy.implemented_by


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "The night curfew imposed on Musan after the floods was relaxed in May, when the "
            "repair teams began working at night, but residents still may not go out after "
            "11 p.m.",
            "relaxed",
        ),
        (
            "The curfew on the riverside villages of Hoeryong was lifted on 3 March, however, and "
            "residents can again go out in the evening.",
            "lifted",
        ),
    ],
)
def test_the_group_the_next_clause_binds_is_the_eased_rules_target(
    extractor: Extractor, text: str, words: str
) -> None:
    assert ACTOR + "border-residents" in _policy(extractor, text, words).targets

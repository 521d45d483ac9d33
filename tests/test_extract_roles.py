"""Who took a measure (``issued_by``/``implemented_by``) and whom it concerns (``targets``),
on invented sentences: the mechanisms of ``loaders/extract/roles.py``."""

from __future__ import annotations

import pytest
from extracthelp import extract
from extracthelp import roles_at as _roles

from borderkg.loaders.extract import Extractor

ID = "https://w3id.org/borderkg/id/"
GUARDS = ID + "actor/dprk-border-guards"
MSS = ID + "actor/dprk-ministry-of-state-security"
POLICE = ID + "actor/chinese-border-police"
CHINA = ID + "place/china"


def test_border_guards_who_build_are_agents_not_targets(extractor: Extractor) -> None:
    text = "Border guards in Hyesan have started building a second fence along the Yalu River."
    issuers, implementers, targets = _roles(extractor, text, "building a second fence")
    assert GUARDS in implementers | issuers
    assert GUARDS not in targets


def test_whoever_gives_an_order_issues_it_and_the_guards_told_carry_it_out(
    extractor: Extractor,
) -> None:
    text = (
        "The Ministry of State Security has ordered border guards to shoot anyone who "
        "approaches the Tumen River at night."
    )
    issuers, implementers, targets = _roles(extractor, text, "shoot anyone")
    assert MSS in issuers
    assert GUARDS in implementers
    assert GUARDS not in targets


def test_a_country_after_with_is_a_place_not_an_agent(extractor: Extractor) -> None:
    text = (
        "Residents of Sinuiju say the border with China has been closed to traders since January."
    )
    issuers, implementers, _ = _roles(extractor, text, "closed")
    assert CHINA not in issuers | implementers


def test_a_country_named_after_the_measure_is_where_it_leads_not_who_took_it(
    extractor: Extractor,
) -> None:
    text = (
        "Border guards in Musan have been told they may fire on anyone who tries to cross "
        "into China at night."
    )
    issuers, implementers, _ = _roles(extractor, text, "fire on anyone")
    assert CHINA not in issuers | implementers
    assert GUARDS in implementers


def test_the_police_refers_back_to_the_police_body_named_before(extractor: Extractor) -> None:
    text = (
        "Chinese border police have installed new cameras along the river in Changbai.\n"
        "Traders in the town say the cameras cover the whole bank.\n"
        "The police have also put up floodlights near the bridge."
    )
    issuers, implementers, _ = _roles(extractor, text, "put up floodlights")
    assert POLICE in issuers | implementers


def test_the_police_with_no_police_body_before_gives_no_agent(extractor: Extractor) -> None:
    text = (
        "Traders in Changbai say the river has been quiet this winter.\n"
        "The police have also put up floodlights near the bridge."
    )
    issuers, implementers, _ = _roles(extractor, text, "put up floodlights")
    assert not issuers | implementers


def test_a_group_named_after_the_measure_is_what_it_concerns(extractor: Extractor) -> None:
    text = "North Korean authorities have banned border residents from fishing in the Yalu River."
    _issuers, implementers, targets = _roles(extractor, text, "banned")
    assert ID + "actor/border-residents" in targets
    assert ID + "actor/border-residents" not in implementers


def test_added_with_an_object_is_an_act_not_a_source_speaking(extractor: Extractor) -> None:
    text = (
        "A source in Ryanggang Province said the riverbank is now closed at night.\n"
        "The border guard has also added night patrols below the mushroom hills in Musan."
    )
    found = extract(extractor, text)
    assert [s.description for s in found.sources] == ["A source in Ryanggang Province"]
    issuers, implementers, _ = _roles(extractor, text, "added night patrols")
    assert ID + "actor/dprk-border-security-command" in issuers | implementers


def test_added_before_a_pause_still_reports_speech(extractor: Extractor) -> None:
    text = (
        "Guards in Hyesan now search every house near the river, a source in Ryanggang "
        "Province added."
    )
    found = extract(extractor, text)
    assert [s.description for s in found.sources] == ["a source in Ryanggang Province"]


def test_by_names_the_agent_of_the_measure_it_follows_not_of_a_later_clause(
    extractor: Extractor,
) -> None:
    text = (
        "New cameras were installed in Changbai by the border police shortly after Chinese "
        "authorities forcibly repatriated hundreds of North Korean defectors."
    )
    issuers, implementers, _ = _roles(extractor, text, "cameras were installed")
    assert POLICE in issuers | implementers
    issuers, implementers, _ = _roles(extractor, text, "repatriated hundreds")
    assert POLICE not in issuers | implementers
    assert CHINA in issuers | implementers


RESIDENTS = ID + "actor/border-residents"


def test_residents_told_not_to_go_near_the_river_are_its_target(extractor: Extractor) -> None:
    text = "Residents of Hyesan were told not to go within 300 metres of the Yalu River."
    _issuers, _implementers, targets = _roles(extractor, text, "not to go within")
    assert RESIDENTS in targets


def test_a_group_in_another_clause_is_not_what_a_passing_measure_binds(
    extractor: Extractor,
) -> None:
    text = (
        "Since the border was closed in 2020, smugglers in Hyesan have raised their prices "
        "for goods from China."
    )
    _issuers, _implementers, targets = _roles(extractor, text, "the border was closed")
    assert ID + "actor/smugglers" not in targets


def test_the_audience_of_a_punishment_is_not_its_target(extractor: Extractor) -> None:
    text = (
        "Residents of Hoeryong were told at neighbourhood meetings that two dealers will be "
        "tried in front of the whole town."
    )
    _issuers, _implementers, targets = _roles(extractor, text, "tried in front")
    assert RESIDENTS not in targets


def test_those_who_tell_of_a_measure_are_not_its_target(extractor: Extractor) -> None:
    text = (
        "Smugglers in Hyesan say that the Ministry of State Security has begun searching "
        "homes near the river."
    )
    _issuers, _implementers, targets = _roles(extractor, text, "searching")
    assert ID + "actor/smugglers" not in targets


def test_a_country_after_with_is_neither_the_place_nor_an_agent_of_the_measure(
    extractor: Extractor,
) -> None:
    text = "North Korea has closed its border with China to traders since January."
    found = extract(extractor, text)
    [closure] = [p for p in found.policies if p.measure_type.endswith("BorderClosure")]
    assert CHINA not in closure.places
    assert CHINA not in closure.issued_by + closure.implemented_by


WOMEN = ID + "actor/north-korean-women"
SMUGGLERS = ID + "actor/smugglers"


def test_people_referred_to_by_a_pronoun_are_the_group_named_just_before(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese police detained four North Korean women in Helong last week. "
        "They are to be handed over to North Korea later this month."
    )
    assert _roles(extractor, text, "handed over")[2] == {WOMEN}


def test_people_handed_to_guards_are_the_target_not_the_guards(extractor: Extractor) -> None:
    text = (
        "Chinese police detained four North Korean women in Helong last week. On Tuesday the "
        "border police handed four of them to North Korean guards on the bridge to Namyang."
    )
    assert _roles(extractor, text, "handed four of them")[2] == {WOMEN}


def test_the_women_refers_back_only_to_a_group_of_women(extractor: Extractor) -> None:
    text = (
        "Smugglers carried the women across the river at night. "
        "The women were sent back within a month."
    )
    assert SMUGGLERS not in _roles(extractor, text, "sent back")[2]


def test_a_number_that_names_its_own_group_refers_to_nobody_before(
    extractor: Extractor,
) -> None:
    text = (
        "Smugglers carried sacks of copper across the ice near Musan. "
        "The two guards were later tried before a crowd at the market."
    )
    assert SMUGGLERS not in _roles(extractor, text, "tried before a crowd")[2]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Two border guards from the post below Musan were detained in December.", "detained"),
        (
            "Border guards in Sinuiju have been barred from going aboard any boat on the Yalu.",
            "barred",
        ),
    ],
)
def test_border_guards_who_are_punished_or_restricted_are_its_target_not_its_agent(
    extractor: Extractor, text: str, words: str
) -> None:
    issuers, implementers, targets = _roles(extractor, text, words)
    assert GUARDS in targets
    assert GUARDS not in issuers | implementers


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Border guards have arrested three smugglers near Musan.", "arrested"),
        (
            "Border guards in Sinuiju have barred residents from going aboard boats on the Yalu.",
            "barred",
        ),
    ],
)
def test_border_guards_who_arrest_or_bar_people_stay_its_agent(
    extractor: Extractor, text: str, words: str
) -> None:
    issuers, implementers, targets = _roles(extractor, text, words)
    assert GUARDS in issuers | implementers
    assert GUARDS not in targets


def test_soldiers_added_by_a_patrol_reinforcement_are_not_its_target(
    extractor: Extractor,
) -> None:
    text = "The border guard in Hoeryong doubled the soldiers at its posts along the Tumen."
    found = extract(extractor, text)
    patrols = [p for p in found.policies if p.measure_type.endswith("PatrolReinforcement")]
    assert patrols
    assert all(not p.targets for p in patrols)


def test_a_group_named_in_a_clause_describing_the_target_is_not_a_target(
    extractor: Extractor,
) -> None:
    text = (
        "Traders in Sinuiju who sold dried fish to Chinese traders across the water were "
        "arrested by the Ministry of State Security in February."
    )
    targets = _roles(extractor, text, "arrested")[2]
    assert ID + "actor/traders" in targets
    assert ID + "actor/chinese-traders" not in targets


def test_the_women_refers_back_to_women_named_several_sentences_before(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese police detained six North Korean women in Helong in March. "
        "The raid followed a tip from a neighbour. "
        "Officers searched the house for two days. "
        "The detained women are expected to be sent back within weeks."
    )
    assert _roles(extractor, text, "sent back")[2] == {WOMEN}


FAMILIES = ID + "actor/families-of-defectors"


def test_families_summoned_for_questioning_are_its_target(extractor: Extractor) -> None:
    text = (
        "The provincial state security department has summoned the families of two soldiers "
        "who fled to China in September."
    )
    assert FAMILIES in _roles(extractor, text, "summoned")[2]


DEFECTORS = ID + "actor/defectors"
WORKERS = ID + "actor/overseas-workers"
RESIDENTS = ID + "actor/border-residents"


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # a worker repatriation sends overseas workers home, whatever the word for them
        (
            "About 150 seamstresses from a garment factory in Helong were sent home through "
            "Tumen last week under UN Security Council Resolution 2397.",
            "sent home",
            WORKERS,
        ),
        # "North Koreans" returned by force are defectors
        (
            "China sent about 50 North Koreans back across the border at Tumen in July.",
            "sent about 50 North Koreans back",
            DEFECTORS,
        ),
        # and so are those a reward asks people to report
        (
            "Police in Ji'an have put up posters offering 5,000 yuan for information about North "
            "Koreans hiding in the city.",
            "offering 5,000 yuan",
            DEFECTORS,
        ),
        # a defection crackdown on parents binds the families of defectors
        (
            "Their parents were called in for questioning by the Ministry of State Security in "
            "Hyesan in the first week of September.",
            "called in for questioning",
            FAMILIES,
        ),
    ],
)
def test_a_measure_whose_clause_names_no_group_takes_the_group_its_type_and_words_point_to(
    extractor: Extractor, text: str, words: str, expected: str
) -> None:
    assert _roles(extractor, text, words)[2] == {expected}


def test_north_korean_goods_in_a_reward_notice_point_to_no_defectors(
    extractor: Extractor,
) -> None:
    text = (
        "The Dandong police have offered rewards of up to 10,000 yuan for reports of boats "
        "bringing North Korean sea cucumbers ashore."
    )
    assert DEFECTORS not in _roles(extractor, text, "offered rewards")[2]


def test_residents_offered_a_reward_for_reporting_are_not_its_target(
    extractor: Extractor,
) -> None:
    text = (
        "Residents of Hyesan have been promised 50 kilograms of rice for every smuggler they "
        "report to the border guard."
    )
    assert RESIDENTS not in _roles(extractor, text, "promised 50 kilograms")[2]


def test_the_other_side_of_a_deal_is_not_the_target_of_the_arrest(extractor: Extractor) -> None:
    text = (
        "The Ministry of State Security arrested four border guards in Wiwon County in June "
        "for taking bribes from smugglers."
    )
    targets = _roles(extractor, text, "arrested")[2]
    assert SMUGGLERS not in targets
    assert GUARDS in targets


@pytest.mark.parametrize(
    "text",
    [
        "Two smugglers were tried in front of some 2,000 residents at the county stadium.",
        "A smuggler was paraded before a mass meeting of villagers in the county town.",
    ],
)
def test_a_counted_or_gathered_audience_is_not_the_target_of_a_public_punishment(
    extractor: Extractor, text: str
) -> None:
    found = extract(extractor, text)
    [punishment] = [p for p in found.policies if p.measure_type.endswith("PublicPunishment")]
    assert RESIDENTS not in punishment.targets
    assert SMUGGLERS in punishment.targets


def test_guards_under_orders_to_shoot_are_the_north_korean_border_guard(
    extractor: Extractor,
) -> None:
    text = (
        "Guards along that stretch of the river remain under orders to fire on anyone who "
        "approaches the water at night."
    )
    found = extract(extractor, text)
    [order] = [p for p in found.policies if p.measure_type.endswith("ShootToKillOrder")]
    assert GUARDS in order.issued_by + order.implemented_by

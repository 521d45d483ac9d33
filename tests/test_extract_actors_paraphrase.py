"""Group actors named by paraphrase: people sent back or caught fleeing, their families,
bare "guards" and "police" read by the side of the border they are on, nationalities in
editorial insertions, and bodies named without their country on the wrong side.

Every sentence is invented for these tests (none comes from an article or a gold file).
Each rule has a sentence that must yield the actor and a near miss that must not: a wrong
side, an unclear side, or words that look alike but name something else.
"""

from __future__ import annotations

import datetime as dt

import pytest

from borderkg.loaders.extract import Extraction, Extractor, get_extractor
from borderkg.loaders.extract.categories import entity_categories
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


def run(extractor: Extractor, text: str) -> tuple[Extraction, set[str]]:
    """The extraction and the local names of the actors it counts."""
    record = ArticleRecord(text=text, source="t.txt", id="t", published=dt.date(2024, 5, 20))
    x = extractor.extract(record)
    actors = {iri.rsplit("/", 1)[-1] for iri in entity_categories(x, record)["actors"]}
    return x, actors


def evidence(x: Extraction, slug: str) -> list[str]:
    """The text of every mention of an actor."""
    return [x.text[m.span.begin : m.span.end] for m in x.mentions if m.entity == ACTOR + slug]


# -- people sent back ---------------------------------------------------------------------------


def test_people_described_as_repatriated_are_repatriated_defectors(extractor: Extractor) -> None:
    x, actors = run(
        extractor, "Relatives say those who were repatriated in March are still held in Onsong."
    )
    assert "repatriated-defectors" in actors
    assert evidence(x, "repatriated-defectors") == ["those who were repatriated"]


def test_those_returned_counts_only_where_the_passage_speaks_of_repatriation(
    extractor: Extractor,
) -> None:
    cue = "China sent dozens of detainees back across the bridge at dawn. "
    _, with_cue = run(extractor, cue + "Those returned were questioned for weeks in Sinuiju.")
    _, without = run(extractor, "Those returned from the market found the gate locked in Hyesan.")
    assert "repatriated-defectors" in with_cue
    assert "repatriated-defectors" not in without


def test_people_returned_home_are_not_repatriated(extractor: Extractor) -> None:
    text = "After the deportations ended, people returned home to their fields near Musan."
    _, actors = run(extractor, text)
    assert "repatriated-defectors" not in actors


def test_people_returned_from_china_are_repatriated_defectors_and_their_families_follow(
    extractor: Extractor,
) -> None:
    text = (
        "People returned from China are held for months by the Ministry of State Security in "
        "Onsong. Their families must report to the county office every week."
    )
    x, actors = run(extractor, text)
    assert evidence(x, "repatriated-defectors") == ["People returned"]
    assert "families-of-defectors" in actors


def test_returned_women_are_repatriated_defectors(extractor: Extractor) -> None:
    x, _ = run(extractor, "Returned women have been made to stand before crowds in Hyesan.")
    assert evidence(x, "repatriated-defectors") == ["Returned women"]


def test_workers_back_from_china_are_not_repatriated_defectors(extractor: Extractor) -> None:
    _, actors = run(extractor, "Workers returned from China in March after their contracts ended.")
    assert "repatriated-defectors" not in actors


# -- families of such people ----------------------------------------------------------------------


def test_relatives_of_people_sent_back_are_families_of_defectors(extractor: Extractor) -> None:
    x, actors = run(
        extractor, "Security agents questioned the relatives of those sent back from Tumen."
    )
    assert {"families-of-defectors", "repatriated-defectors"} <= actors
    assert evidence(x, "families-of-defectors") == ["relatives"]
    assert evidence(x, "repatriated-defectors") == ["those sent back"]


def test_relatives_of_a_counted_share_of_returnees_are_families_of_defectors(
    extractor: Extractor,
) -> None:
    x, actors = run(
        extractor, "Police in Hyesan detained the parents of at least four of the returnees."
    )
    assert "families-of-defectors" in actors
    assert evidence(x, "families-of-defectors") == ["parents"]


def test_families_of_people_said_to_have_left_are_families_of_defectors(
    extractor: Extractor,
) -> None:
    x, actors = run(
        extractor,
        "State security officers questioned the families of two drivers who did not come back "
        "from a delivery to Dandong.",
    )
    assert "families-of-defectors" in actors
    assert evidence(x, "families-of-defectors") == ["families"]


def test_families_of_workers_who_ran_away_are_families_of_defectors(extractor: Extractor) -> None:
    _, actors = run(
        extractor,
        "The families of workers who ran away from Russian sites were moved to a farm.",
    )
    assert "families-of-defectors" in actors


def test_families_of_people_who_only_crossed_a_bridge_for_work_are_not_families_of_defectors(
    extractor: Extractor,
) -> None:
    _, actors = run(
        extractor, "The families of drivers who cross the bridge every day were given passes."
    )
    assert "families-of-defectors" not in actors


def test_households_living_by_the_water_are_border_residents(extractor: Extractor) -> None:
    x, actors = run(
        extractor,
        "Twelve households living closest to the water were moved to flats near the timber mill.",
    )
    assert "border-residents" in actors
    assert evidence(x, "border-residents") == ["households"]


def test_households_living_by_a_road_are_not_border_residents(extractor: Extractor) -> None:
    _, actors = run(
        extractor, "Twelve households living closest to the new road were moved to flats."
    )
    assert "border-residents" not in actors


def test_families_of_soldiers_are_not_families_of_defectors(extractor: Extractor) -> None:
    _, actors = run(extractor, "The families of soldiers on leave in Hyesan got extra rations.")
    assert "families-of-defectors" not in actors


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Families with relatives in South Korea are called in one by one.", "Families"),
        ("Officers have started calling on households with relatives in China.", "households"),
        ("They moved households with a member living in South Korea inland.", "households"),
        ("Families whose relatives fled to the South must report weekly.", "Families"),
    ],
)
def test_families_with_relatives_on_the_other_side_are_families_of_defectors(
    extractor: Extractor, text: str, head: str
) -> None:
    x, actors = run(extractor, text)
    assert "families-of-defectors" in actors
    assert evidence(x, "families-of-defectors") == [head]


@pytest.mark.parametrize(
    ("text", "head"),
    [
        (
            "Officers have questioned every power-station worker whose relatives fled to "
            "South Korea.",
            "worker",
        ),
        ("The ministry struck off every candidate with a relative who fled to China.", "candidate"),
        ("Households in Manpo whose mothers are in China will be moved inland.", "Households"),
        ("Pupils whose parents fled to China may not sit the examinations.", "Pupils"),
        ("The deserter's family in Onsong town has been placed under watch.", "family"),
        ("Families of young people who flee will be moved out of the county.", "Families"),
    ],
)
def test_people_whose_kin_left_are_families_of_defectors(
    extractor: Extractor, text: str, head: str
) -> None:
    x, actors = run(extractor, text)
    assert "families-of-defectors" in actors
    assert evidence(x, "families-of-defectors") == [head]


def test_traders_with_relatives_in_china_are_not_families_of_defectors(
    extractor: Extractor,
) -> None:
    _, actors = run(extractor, "Traders with relatives in China get goods more cheaply in Hyesan.")
    assert "families-of-defectors" not in actors


def test_families_with_relatives_at_home_are_not_families_of_defectors(
    extractor: Extractor,
) -> None:
    _, actors = run(extractor, "Families with relatives in the army got extra rations in Hyesan.")
    assert "families-of-defectors" not in actors


# -- people caught fleeing -------------------------------------------------------------------------


def test_a_north_korean_crossing_the_ice_is_a_defector(extractor: Extractor) -> None:
    x, actors = run(
        extractor, "Farmers who shelter a North Korean crossing the ice are fined in Helong."
    )
    assert "defectors" in actors
    assert evidence(x, "defectors") == ["North Korean crossing"]


def test_north_koreans_caught_near_the_border_are_defectors(extractor: Extractor) -> None:
    _, actors = run(extractor, "North Koreans caught near the border are sent to Tumen at once.")
    assert "defectors" in actors


def test_north_koreans_caught_doing_something_else_are_not_defectors(
    extractor: Extractor,
) -> None:
    _, actors = run(
        extractor, "A North Korean caught watching foreign films in Hyesan got five years."
    )
    assert "defectors" not in actors


def test_north_korean_crossing_points_are_not_defectors(extractor: Extractor) -> None:
    _, actors = run(extractor, "Two North Korean crossing points near Manpo stayed shut in May.")
    assert "defectors" not in actors


def test_people_caught_trying_to_escape_are_defectors(extractor: Extractor) -> None:
    x, actors = run(extractor, "People caught trying to escape from Musan now face ten years.")
    assert "defectors" in actors
    assert evidence(x, "defectors") == ["People caught trying to escape"]


def test_would_be_defectors_are_named_not_characterised(extractor: Extractor) -> None:
    _, actors = run(extractor, "The new rules in Hoeryong are aimed at would-be defectors.")
    assert "defectors" in actors


# -- guards and police by the side they are on -------------------------------------------------


def test_guards_in_a_north_korean_town_are_dprk_border_guards(extractor: Extractor) -> None:
    x, actors = run(extractor, "In Musan, guards now check every cart that goes near the river.")
    assert "dprk-border-guards" in actors
    assert evidence(x, "dprk-border-guards") == ["guards"]


def test_guards_in_a_chinese_town_are_the_chinese_border_police(extractor: Extractor) -> None:
    _, actors = run(extractor, "In Changbai, guards now stop every car on the riverside road.")
    assert "chinese-border-police" in actors
    assert "dprk-border-guards" not in actors


def test_guards_take_the_side_of_an_article_whose_places_lie_on_one_side(
    extractor: Extractor,
) -> None:
    text = (
        "Markets in Hyesan closed early this week, a source in Ryanggang Province said.\n\n"
        "Traders from Pochon and Kimjongsuk were sent home.\n\n"
        "Extra guards have been posted since the curfew began."
    )
    _, actors = run(extractor, text)
    assert "dprk-border-guards" in actors


def test_guards_of_a_sentence_with_places_on_both_sides_are_left_unlinked(
    extractor: Extractor,
) -> None:
    _, actors = run(extractor, "Guards between Musan and Nanping watched the trucks all day.")
    assert not {"dprk-border-guards", "chinese-border-police"} & actors


def test_where_a_source_speaks_from_does_not_decide_the_side_of_the_guards(
    extractor: Extractor,
) -> None:
    text = (
        "Guards along the Tumen River near Onsong have been ordered to shoot anyone who "
        "approaches the riverbank at night, a source in Yanbian said."
    )
    _, actors = run(extractor, text)
    assert "dprk-border-guards" in actors
    assert "chinese-border-police" not in actors


def test_a_source_s_place_decides_the_side_when_the_sentence_names_no_other(
    extractor: Extractor,
) -> None:
    text = "The guards can now see the whole bank from the towers, a source in Musan said."
    _, actors = run(extractor, text)
    assert "dprk-border-guards" in actors


def test_a_place_the_guards_face_stands_for_the_other_side(extractor: Extractor) -> None:
    _, actors = run(extractor, "Guards have built three new posts on the bank facing Sinuiju.")
    assert "chinese-border-police" in actors
    assert "dprk-border-guards" not in actors


def test_a_place_where_the_facing_happens_keeps_its_side(extractor: Extractor) -> None:
    _, actors = run(extractor, "Guards have built a tower overlooking the river in Sinuiju.")
    assert "dprk-border-guards" in actors


def test_a_body_facing_a_place_across_the_river_is_not_dropped_as_standing_there(
    extractor: Extractor,
) -> None:
    text = (
        "Officers confiscated drones from tourists in July, a source in Dandong said, and PLA "
        "border troops have installed devices that detect drones at two posts facing Sakju."
    )
    _, actors = run(extractor, text)
    assert "pla-border-defense-units" in actors


def test_pla_border_troops_are_neither_side_s_border_force(extractor: Extractor) -> None:
    text = "PLA border troops have built three new sentry posts facing Sinuiju."
    _, actors = run(extractor, text)
    assert not {"dprk-border-guards", "chinese-border-police"} & actors


def test_guards_with_no_side_anywhere_are_left_unlinked(extractor: Extractor) -> None:
    _, actors = run(extractor, "Guards were seen walking the bank after dark.")
    assert not {"dprk-border-guards", "chinese-border-police"} & actors


def test_prison_and_coast_guards_are_not_border_guards(extractor: Extractor) -> None:
    _, prison = run(extractor, "Guards at the prison camp near Hoeryong beat the inmates.")
    _, coast = run(extractor, "Coast guards off Sinuiju seized a boat on Monday.")
    assert "dprk-border-guards" not in prison
    assert "dprk-border-guards" not in coast


def test_police_in_a_north_korean_town_are_the_social_security_ministry(
    extractor: Extractor,
) -> None:
    x, actors = run(extractor, "Police in Hyesan have searched homes for Chinese phones.")
    assert "dprk-ministry-of-social-security" in actors
    assert evidence(x, "dprk-ministry-of-social-security") == ["Police"]


def test_police_in_a_chinese_town_are_not_the_north_korean_ministry(
    extractor: Extractor,
) -> None:
    _, actors = run(extractor, "Police in Yanji have searched homes for North Korean women.")
    assert "dprk-ministry-of-social-security" not in actors


def test_police_as_a_modifier_names_no_force(extractor: Extractor) -> None:
    _, actors = run(extractor, "Police checks on the roads out of Hyesan were doubled.")
    assert "dprk-ministry-of-social-security" not in actors


def test_social_security_officers_are_the_social_security_ministry(
    extractor: Extractor,
) -> None:
    _, actors = run(extractor, "Social security officers have raided homes in Kimchaek.")
    assert "dprk-ministry-of-social-security" in actors


# -- nationalities and countries ---------------------------------------------------------------


def test_a_nationality_inserted_by_the_editor_qualifies_the_group(extractor: Extractor) -> None:
    x, actors = run(extractor, "“The [Chinese] dealers pay in cash,” the source in Sinuiju said.")
    assert "chinese-traders" in actors
    assert evidence(x, "chinese-traders") == ["[Chinese] dealers"]


def test_chinese_suppliers_are_chinese_traders(extractor: Extractor) -> None:
    _, actors = run(extractor, "Importers in Sinuiju cannot order from Chinese suppliers now.")
    assert "chinese-traders" in actors


def test_state_security_without_its_country_is_north_koreas_even_in_a_chinese_town(
    extractor: Extractor,
) -> None:
    """North Korea's ministry works in Chinese towns too (minders of workers, escorts of
    troupes): only China named with it, or a place attached to it, makes it China's."""
    _, north = run(extractor, "In Hyesan, state security has been tapping phone calls.")
    _, dandong = run(extractor, "In Dandong, state security has been tapping phone calls.")
    _, chinese = run(extractor, "In Dandong, China's state security has been tapping calls.")
    _, attached = run(extractor, "State security officers of the Dandong bureau tap calls.")
    assert "prc-ministry-of-state-security" not in north | dandong
    assert "dprk-ministry-of-state-security" in dandong
    assert "prc-ministry-of-state-security" in chinese & attached


def test_state_security_hunting_chinese_phones_is_north_koreas(extractor: Extractor) -> None:
    text = "State security officers search the dormitories every week for Chinese phones."
    _, actors = run(extractor, text)
    assert "dprk-ministry-of-state-security" in actors
    assert "prc-ministry-of-state-security" not in actors


def test_the_place_of_a_bodys_officers_decides_its_side_over_the_articles_other_country(
    extractor: Extractor,
) -> None:
    text = (
        "State security officers in Musan County have begun searching every person handed "
        "back from China. Chinese police in Tumen and Helong have found more people hiding in "
        "China this year, and Chinese officials in Yanji say more will be sent back from China."
    )
    _, actors = run(extractor, text)
    assert "dprk-ministry-of-state-security" in actors
    assert "prc-ministry-of-state-security" not in actors


def test_state_security_in_a_sentence_that_names_no_side_is_north_koreas(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese police in Dandong and Tumen have stepped up checks on North Korean workers. "
        "State security officers questioned the families of two workers who did not come back."
    )
    _, actors = run(extractor, text)
    assert "dprk-ministry-of-state-security" in actors
    assert "prc-ministry-of-state-security" not in actors


def test_guard_posts_alone_do_not_make_soldiers_border_guards(extractor: Extractor) -> None:
    _, posts = run(extractor, "Soldiers near Sinuiju stood at the guard posts all night.")
    _, border = run(extractor, "Soldiers who guard the border at Musan were given new rifles.")
    assert "soldiers" in posts
    assert "dprk-border-guards" not in posts
    assert "dprk-border-guards" in border


def test_people_china_sent_back_are_repatriated_defectors(extractor: Extractor) -> None:
    x, actors = run(extractor, "Many of those China sent back last year are held in Onsong.")
    assert "repatriated-defectors" in actors
    assert evidence(x, "repatriated-defectors") == ["those China sent back"]


def test_police_officers_in_a_north_korean_town_are_the_social_security_ministry(
    extractor: Extractor,
) -> None:
    x, actors = run(extractor, "Police officers in Hoeryong have stopped buses at night.")
    assert "dprk-ministry-of-social-security" in actors
    assert evidence(x, "dprk-ministry-of-social-security") == ["Police officers"]


def test_families_left_behind_by_defectors_are_families_of_defectors(
    extractor: Extractor,
) -> None:
    text = (
        "Defectors in Seoul send money north through brokers in Yanji.\n\n"
        "The families they left behind in Hyesan are watched closely."
    )
    x, actors = run(extractor, text)
    assert "families-of-defectors" in actors
    assert evidence(x, "families-of-defectors") == ["families"]


def test_families_left_behind_with_no_one_who_left_named_are_not_linked(
    extractor: Extractor,
) -> None:
    text = "Soldiers sent to the coast worry about the families they left behind in Hyesan."
    _, actors = run(extractor, text)
    assert "families-of-defectors" not in actors


def test_women_from_north_korea_are_north_korean_women(extractor: Extractor) -> None:
    _, actors = run(extractor, "Women from North Korea married to farmers in Helong were fined.")
    assert "north-korean-women" in actors


def test_women_sent_back_are_repatriated_defectors(extractor: Extractor) -> None:
    x, actors = run(extractor, "Three women sent back through Namyang were questioned for a month.")
    assert "repatriated-defectors" in actors
    assert evidence(x, "repatriated-defectors") == ["women sent back"]


def test_people_who_crossed_the_river_are_defectors(extractor: Extractor) -> None:
    _, fled = run(extractor, "People who crossed the river near Musan were arrested within days.")
    _, traded = run(
        extractor, "People who crossed the border to trade in Dandong were fined in Sinuiju."
    )
    assert "defectors" in fled
    assert "defectors" not in traded


def test_border_troops_take_the_side_of_their_town(extractor: Extractor) -> None:
    _, north = run(extractor, "Border troops in Onsong were put on alert after the escape.")
    _, china = run(extractor, "Border troops in Changbai were put on alert after the escape.")
    assert "dprk-border-guards" in north
    assert "pla-border-defense-units" not in north
    assert "pla-border-defense-units" in china
    assert "dprk-border-guards" not in china


def test_police_of_another_nationality_are_not_the_north_korean_ministry(
    extractor: Extractor,
) -> None:
    _, inserted = run(extractor, "“The [Chinese] police told us to leave,” a woman in Hyesan said.")
    _, southern = run(extractor, "South Korean police in Hyesan? No, the source said.")
    assert "dprk-ministry-of-social-security" not in inserted
    assert "dprk-ministry-of-social-security" not in southern


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "About 300 North Korean workers from two garment factories in Dandong were sent "
            "home last month. Workers still in Dandong have been kept in their dormitories on "
            "Sundays since May. Chinese workers at the plants were not affected.",
            ["North Korean workers", "Workers"],
        ),
        # the trades they are sent abroad in; "hotel cooks" are others
        (
            "North Korean workers at three restaurants in Shenyang were told last month to go "
            "home by the end of the year. The waitresses have been kept in their dormitories "
            "outside working hours since the order. Hotel cooks in the city were not affected.",
            ["North Korean workers", "waitresses"],
        ),
    ],
)
def test_bare_workers_after_north_korean_workers_are_those_workers(
    extractor: Extractor, text: str, named: list[str]
) -> None:
    x, _ = run(extractor, text)
    assert evidence(x, "overseas-workers") == named
    kept = [p for p in x.policies if p.measure_type.endswith("MovementRestriction")]
    assert [p.targets for p in kept] == [[ACTOR + "overseas-workers"]]


def test_bare_workers_alone_name_no_group(extractor: Extractor) -> None:
    text = "Workers at the new port in Rason have been told to stay away from the quay at night."
    x, actors = run(extractor, text)
    assert evidence(x, "overseas-workers") == [] and "overseas-workers" not in actors

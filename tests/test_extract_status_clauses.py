"""Which status a measure takes: the clause it is told in, modals, changes, denials and
tellings.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import Span
from borderkg.loaders.extract.policy_clauses import clause_distance, clause_window, same_clause


def span_of(text: str, words: str) -> Span:
    begin = text.index(words)
    return Span(begin, begin + len(words))


# -- clauses ---------------------------------------------------------------------------------


def test_a_coordinated_clause_with_its_own_subject_is_another_clause() -> None:
    text = "Agents carried radio scanners in Musan, and two couriers were arrested."
    assert not same_clause(text, span_of(text, "radio scanners"), span_of(text, "arrested"))
    shared = "Inspectors checked the stalls, and confiscated the goods."
    assert same_clause(shared, span_of(shared, "checked"), span_of(shared, "confiscated"))
    told = "Officials warned that the road would close, and that anyone caught would be fined."
    assert same_clause(told, span_of(told, "warned"), span_of(told, "fined"))


def test_a_relative_clause_between_commas_does_not_count_towards_the_distance() -> None:
    text = "The night patrols, which were tripled after the floods, have been cut back."
    near = clause_distance(text, span_of(text, "patrols"), span_of(text, "cut back"))
    assert near == len("have been ")


def test_the_clause_window_stops_at_a_subordinate_clause() -> None:
    text = "Guards were withdrawn from the bank now that the floodlights are working."
    begin, end = clause_window(text, 0, 6, 0, len(text))
    assert text[begin:end].strip() == "Guards were withdrawn from the bank"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the arrests are told in a clause of their own, not the detector vans'
        (
            "Security agents in Kanggye have been patrolling at night in cars fitted with "
            "signal-tracking equipment since May, and four couriers were detained in June.",
            [("PhoneCrackdown", "InForce"), ("Crackdown", "CarriedOut")],
        ),
        # the cameras belong to the reason clause; the patrols were cut back
        (
            "Foot patrols on the Chinese bank near Ji'an, which were doubled in 2021, have been "
            "scaled back now that the cameras are working.",
            [("PatrolReinforcement", "Eased")],
        ),
    ],
)
def test_a_measure_without_a_verb_takes_a_status_from_its_own_clause(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


# -- modals and plans --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Border guards in Manpo may put up infrared cameras on the embankment next year.",
            ("CCTVInstallation", "Planned"),
        ),
        (
            "The authorities could soon send more soldiers to the riverbank in Onsong.",
            ("PatrolReinforcement", "Planned"),
        ),
        (
            "Motion sensors are to be buried along the Tumen near Hoeryong before the winter.",
            ("SensorInstallation", "Planned"),
        ),
        (
            "Security officials in Sinuiju are preparing a public trial of two smugglers.",
            ("PublicPunishment", "Planned"),
        ),
        (
            "The public trial of four traders in Hyesan was postponed until the summer.",
            ("PublicPunishment", "Planned"),
        ),
    ],
)
def test_a_possible_or_prepared_measure_is_planned(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


def test_a_permission_in_a_rule_is_no_plan(extractor: Extractor) -> None:
    text = "Seasonal workers at the plant in Hunchun may leave their hostel only with a minder."
    assert policies(extractor, text) == [("MovementRestriction", "InForce")]


def test_an_infinitive_that_nothing_requires_reports_no_measure(extractor: Extractor) -> None:
    text = "The treaty gave the parties five years to send all such labourers home."
    assert policies(extractor, text) == []
    required = (
        "Officials in Sinuiju are requiring every arriving trader to spend ten days in isolation."
    )
    assert policies(extractor, required) == [("QuarantineRule", "InForce")]


# -- done deeds and changes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trade has dried up since the fence on the Musan riverbank was completed in March.",
            ("BarrierConstruction", "CarriedOut"),
        ),
        (
            "A concrete wall, finished in April, now runs along the river in Hyesan.",
            ("BarrierConstruction", "CarriedOut"),
        ),
        (
            "Freight arriving in Sinuiju now waits four days in the customs yard for "
            "disinfection before it is released, down from twelve days.",
            ("QuarantineRule", "Eased"),
        ),
        (
            "The no-go strip beside the Yalu in Hyesan was narrowed from two kilometres to "
            "800 metres in May.",
            ("BufferZone", "Eased"),
        ),
        (
            "Importers in Sinuiju have been exempted from the ban on imports of Chinese rice.",
            ("TradeRestriction", "Eased"),
        ),
        (
            "The order to fire on anyone crossing the ice near Onsong was withdrawn in March.",
            ("ShootToKillOrder", "Lifted"),
        ),
        (
            "Drivers entering Sinuiju are no longer required to stay in quarantine.",
            ("QuarantineRule", "Lifted"),
        ),
        (
            "Villagers in Hyesan no longer need a permit to visit the market.",
            ("MovementRestriction", "Lifted"),
        ),
        (
            "Returning pupils also no longer have to go through the seven-day quarantine.",
            ("QuarantineRule", "Lifted"),
        ),
        ("Hoeryong has been under lockdown since early May.", ("MovementRestriction", "InForce")),
    ],
)
def test_a_deed_a_change_or_a_state_gives_its_status(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


def test_added_without_an_object_is_a_word_of_saying(extractor: Extractor) -> None:
    text = "The border police plan a public trial in Tumen to deter others, an official added."
    assert policies(extractor, text) == [("PublicPunishment", "Planned")]


def test_a_compound_adjective_is_no_done_deed(extractor: Extractor) -> None:
    text = "Many fear the families will be sent to half-finished flats near Hyesan."
    assert policies(extractor, text) == []


def test_the_change_that_makes_a_weak_cue_a_measure_gives_its_status(
    extractor: Extractor,
) -> None:
    text = (
        "The quarantine office ordered last month that the holding time for parcels at the "
        "Manpo depot be extended from 20 days to 40."
    )
    assert policies(extractor, text) == [("QuarantineRule", "InForce")]


# -- denials, fears, beliefs and the press -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Church groups in Seoul fear that the women held in Yanji will be deported.",
        "Some traders expect the customs post in Sinuiju to reopen in April.",
        "Rights groups believe the detainees in Dandong will be sent back to the North.",
        "Villagers in Hyesan say there is no sign that the floodlights will be removed.",
        "Officials in Manpo may decide to lift the travel restrictions next month.",
    ],
)
def test_what_others_fear_expect_or_see_no_sign_of_is_no_measure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


def test_a_belief_about_a_done_deed_keeps_the_deed(extractor: Extractor) -> None:
    text = "Many in Hyesan believe the fence was built to keep them in."
    assert policies(extractor, text) == [("BarrierConstruction", "CarriedOut")]


def test_telling_the_press_is_no_announcement(extractor: Extractor) -> None:
    text = "A port official told a Dandong newspaper that the cameras were for the customs queue."
    assert policies(extractor, text) == []


def test_an_obligation_an_authority_tells_people_is_announced(extractor: Extractor) -> None:
    text = (
        "The Liaoning provincial police have told landlords in Dandong that they must now "
        "report every new tenant to the police."
    )
    statuses = [status for _, status in policies(extractor, text)]
    assert statuses == ["Announced"]
    stated = "A source told Daily NK that residents of Hyesan must now carry a pass to the river."
    assert [s for _, s in policies(extractor, stated)] == ["InForce"]


def test_a_thing_installed_was_put_in_whatever_rule_it_serves(extractor: Extractor) -> None:
    # a scanner for sanctions: the rule is in force, but the report is of the installation
    text = (
        "Customs at the Hunchun crossing have installed a scanner that checks every lorry for "
        "goods barred by UN sanctions."
    )
    assert policies(extractor, text) == [("SanctionsEnforcement", "CarriedOut")]
    # a verb of building in the clause before a reward does not make the reward a deed
    reward = (
        "Signal detectors have been mounted on the dormitory roofs, and workers have been "
        "promised a reward for reporting anyone with a Chinese phone."
    )
    assert ("InformantReward", "Announced") in policies(extractor, reward)


def test_a_participle_describing_the_subject_does_not_give_the_status(
    extractor: Extractor,
) -> None:
    # the sentence model's measure spans the whole sentence: "are held" is its verb, the
    # habitual present of a practice, not "returned", which only says who is held
    text = "People returned from Russia are held for weeks by the Ministry of State Security."
    assert policies(extractor, text) == [("DefectionCrackdown", "InForce")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a campaign told as under way is an ongoing one-off action (gold rules: "a done or
        # ongoing one-off action ... CarriedOut"), whichever path finds it
        (
            "An inspection team sent from Pyongyang has been going through the ledgers of the "
            "trading firms in Manpo since October.",
            [("NonSocialistInspection", "CarriedOut")],
        ),
        (
            "Inspectors have been going from flat to flat in Onsong County since the spring.",
            [("NonSocialistInspection", "CarriedOut")],
        ),
        (
            "The inspection group that came in March is combing the riverside wards of Hyesan.",
            [("NonSocialistInspection", "CarriedOut")],
        ),
        (
            "State security agents have been searching homes in Musan for Chinese phones since "
            "the New Year.",
            [("PhoneCrackdown", "CarriedOut")],
        ),
    ],
)
def test_a_sweep_under_way_is_carried_out(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # routine checks under way are a practice in force, not a sweep
        (
            "Guards at the bridge have been searching every lorry for goods from China since May.",
            [("SmugglingCrackdown", "InForce")],
        ),
        (
            # (papers of everyone travelling: a MovementRestriction since session 31)
            "Chinese police have been checking the papers of every bus passenger to Yanji since "
            "April.",
            [("MovementRestriction", "InForce")],
        ),
    ],
)
def test_a_routine_check_under_way_stays_in_force(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "on the orders of", "under an order of": what the measure rests on, not news of an
        # order; the measure's own verb gives its status
        (
            "Fishing boats in Sinuiju have been kept in harbour since March under an order of "
            "the Central Emergency Anti-epidemic Headquarters.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Every lorry is sprayed and parked for ten days before it may unload, on the orders "
            "of the Central Emergency Anti-epidemic Headquarters.",
            [("QuarantineRule", "InForce")],
        ),
        (
            "Guard posts along the Tumen in Onsong have been doubled on the orders of the "
            "Ministry of State Security.",
            [("PatrolReinforcement", "CarriedOut")],
        ),
    ],
)
def test_an_order_a_measure_rests_on_is_no_announcement(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_orders_issued_to_guards_are_still_announced(extractor: Extractor) -> None:
    text = "The ministry issued orders to the guards to shoot anyone who crosses the river."
    assert policies(extractor, text) == [("ShootToKillOrder", "Announced")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the start of a check is the deed reported, whatever lasts after it
        (
            "Customs officers at the bridge have begun opening every lorry that comes from "
            "Sinuiju.",
            [("SanctionsEnforcement", "CarriedOut")],
        ),
        (
            # (papers of everyone travelling: a MovementRestriction since session 31)
            "Chinese police have begun checking the identity cards of every passenger on the "
            "buses to Tumen.",
            [("MovementRestriction", "CarriedOut")],
        ),
        # a rule or an offer begun goes on
        (
            "The county has begun requiring fishermen to carry a pass on the river.",
            [("MovementRestriction", "InForce")],
        ),
    ],
)
def test_a_check_begun_is_a_deed_and_a_rule_begun_is_in_force(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_subject_that_says_none_negates_the_measure(extractor: Extractor) -> None:
    assert policies(extractor, "No broker has been arrested in Hoeryong so far.") == []
    # "no fewer than" counts, it does not negate
    counted = "No fewer than 200 people were sent back across the bridge in May."
    assert policies(extractor, counted) == [("ForcedRepatriation", "CarriedOut")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count cut to a smaller one
        (
            "Night patrols on the embankment have been cut from eight a night to four.",
            [("PatrolReinforcement", "Eased")],
        ),
        # a duration cut, told far from the verb
        (
            "Officials have cut the time that lorries from Sinuiju must wait in the disinfection "
            "yard near the bridge from three weeks to ten days.",
            [("QuarantineRule", "Eased")],
        ),
    ],
)
def test_a_measure_cut_from_more_to_less_is_eased(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_since_after_a_done_deed_cue_dates_its_perfect(extractor: Extractor) -> None:
    # the cue's own tense is read with the rest of its clause, as a frame's verb is: posted
    # "since the middle of the month" is a practice in force, not a posting done
    text = (
        "Members of the Socialist Patriotic Youth League have been posted at the entrances of "
        "the market in Hoeryong since the middle of the month to stop young people wearing "
        "dyed hair or clothes with foreign lettering."
    )
    assert policies(extractor, text) == [("Crackdown", "InForce")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reward that has stood for a while is in force, posters or not
        (
            "Notices in the border villages still promise 3,000 yuan to anyone who reports a "
            "stranger.",
            [("InformantReward", "InForce")],
        ),
        (
            "A reward of 5,000 yuan for reporting smugglers, first offered in 2021, still stands.",
            [("InformantReward", "InForce")],
        ),
        # a reward only promised stays announced
        (
            "Posters in Yanji promise 2,000 yuan to anyone who reports a North Korean without "
            "papers.",
            [("InformantReward", "Announced")],
        ),
    ],
)
def test_a_reward_still_on_offer_is_in_force(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_verdicts_read_out_to_a_crowd_are_the_shaming_done_not_news(
    extractor: Extractor,
) -> None:
    shamed = (
        "The verdicts were read out before a crowd of 3,000 at the stadium in Hyesan last week."
    )
    assert policies(extractor, shamed) == [("PublicPunishment", "CarriedOut")]
    # an order read out is still news of the order
    order = "An order to fire on anyone near the river was read out to the guard units."
    assert policies(extractor, order) == [("ShootToKillOrder", "Announced")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # told, with no "that", a rule by "may not": news of the rule given to those it binds
        (
            "Farm workers near Sonbong have been told they may not leave the farms until the "
            "harvest is in.",
            [("MovementRestriction", "Announced")],
        ),
        # an authority telling people "may not": the same
        (
            "Border police in Ji'an have told villagers along the reservoir that they may not "
            "fish on the frozen river this winter.",
            [("MovementRestriction", "Announced")],
        ),
        # the rule stated, told to no one: in force
        (
            "Residents of the riverside blocks may not go down to the water after dark.",
            [("MovementRestriction", "InForce")],
        ),
    ],
)
def test_a_may_not_rule_told_to_those_it_binds_is_announced(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_check_begun_with_the_start_as_its_only_status_word_was_carried_out(
    extractor: Extractor,
) -> None:
    # "begun" is the cue itself: the start is the deed told, as for a frame's "have begun
    # …ing"; "since" makes it a practice kept up
    begun = "Chinese customs at Hunchun have begun measuring the diesel in the tanks of trucks."
    assert policies(extractor, begun) == [("SanctionsEnforcement", "CarriedOut")]
    since = begun.replace("have begun", "have since begun")
    assert policies(extractor, since) == [("SanctionsEnforcement", "InForce")]


def test_a_present_passive_far_from_the_measures_words_is_a_standing_practice(
    extractor: Extractor,
) -> None:
    present = "Returning traders are held for ten days at a quarantine centre near the station."
    assert policies(extractor, present) == [("QuarantineRule", "InForce")]
    past = present.replace("are held", "were held")
    assert policies(extractor, past) == [("QuarantineRule", "CarriedOut")]


def test_hearsay_lets_the_sentence_model_name_a_measure_it_is_less_sure_of(
    extractor: Extractor,
) -> None:
    # the model scores this .37, under its .4 threshold; hearsay tells a measure is meant
    heard = "Traders in Shenyang have heard that more flights to Pyongyang will be added in July."
    assert policies(extractor, heard) == [("BorderClosure", "Rumoured")]
    # without hearsay (and under .3) nothing is proposed
    said = "Traders in Shenyang say more flights to Pyongyang will be added in July."
    assert policies(extractor, said) == []

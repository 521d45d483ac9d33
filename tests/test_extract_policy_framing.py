"""Policy rules for how a report frames a measure: who sends people home, what is denied,
hoped for or only the purpose of another measure, which wordings name a measure, which
status a telling gives it, and which mentions are one measure.

Every sentence is invented for these tests (none comes from an article or a gold file) and
is worded unlike the held-out articles whose errors the rules were written for. Extraction
runs on the shipped vocabulary.
"""

from __future__ import annotations

import datetime as dt

import pytest

from borderkg.loaders.extract import Extraction, Extractor, get_extractor
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import PLACE


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


def extract(extractor: Extractor, text: str) -> Extraction:
    record = ArticleRecord(text=text, source="t.txt", id="t", published=dt.date(2024, 5, 20))
    return extractor.extract(record)


def policies(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    x = extract(extractor, text)
    return [(p.measure_type.rsplit("/", 1)[-1], p.status.rsplit("/", 1)[-1]) for p in x.policies]


# -- workers sent home are not defectors sent back -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A shoe factory in Hunchun sent 80 North Korean women back across the river in March.",
            [("WorkerRepatriation", "CarriedOut")],
        ),
        (
            "Restaurants in Shenyang have begun sending their North Korean staff home.",
            [("WorkerRepatriation", "CarriedOut")],
        ),
        (
            "Under Resolution 2397, Russia repatriated hundreds of North Korean nationals last "
            "year.",
            [("WorkerRepatriation", "CarriedOut")],
        ),
        (
            "Chinese police arrested 20 women in a factory dormitory and repatriated them.",
            [("Crackdown", "CarriedOut"), ("ForcedRepatriation", "CarriedOut")],
        ),
    ],
)
def test_people_sent_home_by_employers_or_under_resolution_2397_are_workers(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_deadline_is_not_the_date_of_the_measure_it_hurries(extractor: Extractor) -> None:
    text = (
        "Factories in Hunchun have begun sending their North Korean workers home ahead of the "
        "March 1 deadline. One plant sent 50 workers back across the bridge last week."
    )
    assert policies(extractor, text) == [("WorkerRepatriation", "CarriedOut")]


# -- denied, negated, hoped for, handed over money, or only a purpose: no measure ----------


@pytest.mark.parametrize(
    "text",
    [
        "The county denied that new fences were being built along the river.",
        "Officials dismissed reports that the crossing would be closed.",
        "No checkpoint has been set up on the road, residents said.",
        "No border post had been closed, the ministry insisted.",
        "Many merchants hope that the border will reopen before the harvest.",
        "Villagers are hoping the curfew will be lifted soon.",
        "Couriers hand over cash sent by defectors to families in Musan.",
        "Brokers deliver remittances sent by escapees to their relatives.",
        "The consul handed a protest letter to North Korean diplomats in Dandong last week.",
        "Police handed the seized documents to a North Korean official at the bridge on Monday.",
        "The officers returned to the station with the detainees.",
        "The MSS returned the families to their village after questioning.",
        "A statement issued in Geneva said the repatriation of North Koreans violates the "
        "principle of non-refoulement.",
        "Trains are stopped at the station so that police can check every passenger's papers.",
        "The women, who had been arrested in Yanji, now live in Seoul.",
    ],
)
def test_denials_hopes_money_handovers_and_purposes_are_no_policy(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Would the provincial police go as far as closing the crossing at Sanhe?",
        "Will the guards in Musan start arresting the smugglers who pay them?",
        '"Will they move every family away from the riverbank?" one trader asked.',
    ],
)
def test_a_question_about_a_measure_reports_none(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == []


def test_what_an_authority_hopes_to_do_is_its_plan(extractor: Extractor) -> None:
    assert policies(extractor, "North Korea hopes to reopen the crossing next spring.") == [
        ("BorderClosure", "Planned")
    ]


# -- wordings that name a measure ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chinese police are preparing to return another group of 30 people next month.",
            [("ForcedRepatriation", "Planned")],
        ),
        (
            "Guards handed over five defectors to the North on Friday.",
            [("ForcedRepatriation", "CarriedOut")],
        ),
        (
            "Security agents have set up devices that block Chinese phone signals near the river.",
            [("PhoneCrackdown", "CarriedOut")],
        ),
        (
            "The ministry plans to expand the jamming to Samjiyon.",
            [("PhoneCrackdown", "Planned")],
        ),
        ("Jammers were installed on the hill last year.", [("PhoneCrackdown", "CarriedOut")]),
        (
            "Cameras are being attached to the new posts every fifty metres.",
            [("CCTVInstallation", "CarriedOut")],
        ),
        (
            "Police in Tumen have frozen the bank accounts of several brokers.",
            [("Crackdown", "CarriedOut")],
        ),
        (
            "Accounts used by brokers are frozen as soon as they are found.",
            [("Crackdown", "InForce")],
        ),
        (
            "At least four smugglers have been detained since March, the source added.",
            [("SmugglingCrackdown", "CarriedOut")],
        ),
        ("Two brokers were arrested in Hyesan last week.", [("Crackdown", "CarriedOut")]),
        (
            "Shop owners who employed North Korean women were fined 5,000 yuan each.",
            [("DefectionCrackdown", "CarriedOut")],
        ),
        pytest.param(
            "Two farms that hired North Koreans without papers were fined 8,000 yuan last month.",
            [("DefectionCrackdown", "CarriedOut")],
            marks=pytest.mark.xfail(
                strict=True,
                reason="round 19's type head retypes it Crackdown (the gold: employers fined "
                "for hiring North Koreans, DefectionCrackdown 1, SanctionsEnforcement 1)",
            ),
        ),
        (
            "Authorities in Hyesan lifted a ban on bathing in the Yalu that had been in place "
            "since 2020.",
            [("MovementRestriction", "Lifted")],
        ),
        (
            "A ban on gathering firewood along the riverbank remains in force.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Each truck is still searched for goods banned under UN sanctions.",
            [("SanctionsEnforcement", "InForce")],
        ),
        # the rules say SmugglingCrackdown; the annotators read customs checking or opening
        # cargo as sanctions enforcement (42 times to 3 in the 36 training sets), which round
        # 17's type head learned and round 19's does not
        pytest.param(
            "Customs officers open every container to look for smuggled cigarettes.",
            [("SanctionsEnforcement", "InForce")],
            marks=pytest.mark.xfail(
                strict=True, reason="round 19's type head no longer overrules the weak cue"
            ),
        ),
        (
            "Hunchun customs has refused to accept seafood from North Korea since 2017, in "
            "compliance with UN resolutions.",
            [("SanctionsEnforcement", "InForce")],
        ),
        (
            "Agents have been searching homes near the river for goods bought from Chinese "
            "boats since January.",
            [("SmugglingCrackdown", "CarriedOut")],
        ),
        (
            "Customs later shortened the waiting period for imported goods from 20 days to a week.",
            [("QuarantineRule", "Eased")],
        ),
        (
            "Farmers are allowed into the fields near the river only with a pass.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Goods are allowed through only with a permit from the trade ministry.",
            [("TradeRestriction", "InForce")],
        ),
        (
            "Chinese trucks may now enter the city only three days a week.",
            [("TradeRestriction", "InForce")],
        ),
        (
            "China has reopened the Changbai customs office to trucks carrying food.",
            [("TradeRestriction", "Lifted")],
        ),
        (
            # a reward promised, in any voice, is not yet shown paid (41 of 42 held-out gold)
            "Residents who report smugglers are promised 500,000 won, the source said.",
            [("InformantReward", "Announced")],
        ),
        (
            "Fishing boats in Donggang must now stay in port after sunset.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "The authorities have required trading companies to report their Chinese partners "
            "to the security ministry.",
            [("Crackdown", "InForce")],
        ),
        (
            "Officers are stepping up inspections of cargo bound for the North, checking for "
            "items banned under UN Security Council resolutions.",
            [("SanctionsEnforcement", "InForce")],
        ),
    ],
)
def test_measures_named_without_their_usual_nouns(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


# -- the status a telling gives a measure --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Residents were told at a meeting that anyone caught crossing the river will now "
            "be prosecuted.",
            ("DefectionCrackdown", "Announced"),
        ),
        (
            "A public trial of two smugglers has been scheduled for Friday, and residents have "
            "been told to attend.",
            ("PublicPunishment", "Announced"),
        ),
        (
            "Posters in the market warn that guards will open fire on anyone near the river at "
            "night.",
            ("ShootToKillOrder", "Announced"),
        ),
        (
            "Officials are debating whether to relocate households living by the river.",
            ("ResidentRelocation", "Planned"),
        ),
        (
            "The county is considering whether to move villagers away from the border.",
            ("ResidentRelocation", "Planned"),
        ),
        (
            "Traders in Sinuiju say they have heard that Chinese tourists will be allowed back "
            "in the spring.",
            ("BorderClosure", "Rumoured"),
        ),
        (
            "Brokers say they have heard that the police will order banks to report all "
            "transfers from South Korea.",
            ("Crackdown", "Rumoured"),
        ),
        (
            "A travel ban introduced in March was lifted last week.",
            ("MovementRestriction", "Lifted"),
        ),
        ("The curfew imposed after the outbreak has been eased.", ("MovementRestriction", "Eased")),
        (
            "Roadblocks on the road to Musan were reinstated in October.",
            ("MovementRestriction", "InForce"),
        ),
        ("The curfew was reimposed after the summer.", ("MovementRestriction", "InForce")),
        (
            "Those who keep their phones will be sent to labour camps, the notice said.",
            ("PhoneCrackdown", "Announced"),
        ),
        (
            # what residents say is to come is hearsay (``policy_hearsay``)
            "Residents say more soldiers will be sent to the border before the winter.",
            ("PatrolReinforcement", "Rumoured"),
        ),
        (
            "A second group is being held in Tumen and could be sent back next month.",
            ("ForcedRepatriation", "Planned"),
        ),
        (
            "Cargo has to sit in sealed yards for ten days before it can be released, and it "
            "must be disinfected before it may be unloaded.",
            ("QuarantineRule", "InForce"),
        ),
        (
            "They were caught in an anti-smuggling drive by an inspection unit from Pyongyang.",
            ("SmugglingCrackdown", "InForce"),
        ),
    ],
)
def test_status_follows_the_telling_the_relative_clause_or_the_later_change(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


def test_similar_equipment_switched_off_is_the_earlier_measure_lifted(extractor: Extractor) -> None:
    text = (
        "The MSS installed equipment that jams phone signals in Musan. Identical devices were "
        "put up in Hoeryong in 2019 but were turned off within a year."
    )
    assert policies(extractor, text) == [
        ("PhoneCrackdown", "CarriedOut"),
        ("PhoneCrackdown", "Lifted"),
    ]


# -- which mentions are one measure --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Villagers have been banned from leaving the county without a permit, and soldiers "
            "have set up checkpoints on every road.",
            [("MovementRestriction", "InForce")],
        ),
        (
            "Five traders were arrested during a campaign against smuggling, which has been "
            "running since May.",
            [("SmugglingCrackdown", "InForce")],
        ),
        (
            "Smuggling across the river remains strictly banned. Three residents were arrested "
            "last week for smuggling copper.",
            [("SmugglingCrackdown", "InForce")],
        ),
        (
            "An inspection group from Pyongyang has been searching homes in Musan since June for "
            "South Korean videos. Dozens of residents have been detained since the start of the "
            "inspection.",
            [("NonSocialistInspection", "CarriedOut")],
        ),
        (
            "The MSS has deployed radio-wave detectors in Hyesan. At least five remittance "
            "brokers have been detained since March.",
            [("PhoneCrackdown", "CarriedOut"), ("Crackdown", "CarriedOut")],
        ),
    ],
)
def test_acts_enforcing_a_measure_join_it_and_arrests_of_money_brokers_stay_apart(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_in_the_city_places_a_measure_in_the_town_named_just_before(
    extractor: Extractor,
) -> None:
    x = extract(
        extractor,
        "Traders in Yanji say prices have doubled. Banks in Yanji are closing early.\n\n"
        "The market in Hoeryong was quiet last week. Four smugglers in the city have been "
        "detained since May.",
    )
    [policy] = x.policies
    assert policy.places == [PLACE + "hoeryong"] and policy.place_inferred


@pytest.mark.xfail(
    strict=True,
    reason="the rules alone do not find an order to seize goods; round 19's sentence model "
    "proposed it, the model retrained in session 21 does not",
)
def test_arrests_after_an_order_only_announced_stay_a_measure_of_their_own(
    extractor: Extractor,
) -> None:
    # nothing shows the order applied yet, so the arrests were not made under it
    text = (
        "Border guards in Musan have been told to seize any meat carried near the river. "
        "Four smugglers were arrested last week with pork from China."
    )
    assert policies(extractor, text) == [
        ("SmugglingCrackdown", "Announced"),
        ("SmugglingCrackdown", "CarriedOut"),
    ]


def test_an_act_by_another_body_is_not_part_of_the_article_campaign(
    extractor: Extractor,
) -> None:
    # the police's search and the ministry's questioning are two bodies' measures
    text = (
        "Social security officers searched homes in the riverside villages last week and "
        "took away several people. The Ministry of State Security, meanwhile, is questioning "
        "the families of defectors."
    )
    assert policies(extractor, text) == [
        ("Crackdown", "CarriedOut"),
        ("DefectionCrackdown", "CarriedOut"),
    ]
    # by the same body, the search is the campaign's
    same = (
        "State security agents searched homes in the riverside villages last week. The "
        "Ministry of State Security is also questioning the families of defectors."
    )
    assert policies(extractor, same) == [("DefectionCrackdown", "CarriedOut")]

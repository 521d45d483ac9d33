"""Policies (measure type, status, actors, place, time) and event reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

from borderkg.loaders.extract import Extraction, Extractor, ExtractSettings
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR, PLACE

VOCABULARY = Path(__file__).parent / "fixtures" / "extract" / "vocabulary.ttl"
SCHEME = "https://w3id.org/borderkg/scheme/"
PUBLISHED = dt.date(2023, 10, 12)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    graph = Graph().parse(VOCABULARY)
    return Extractor(vocabulary=graph, settings=ExtractSettings(use_env=False))


def extract(extractor: Extractor, text: str, published: dt.date | None = PUBLISHED) -> Extraction:
    record = ArticleRecord(text=text, source="test.txt", id="t1", published=published)
    return extractor.extract(record)


def local(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


def policies(x: Extraction) -> list[tuple[str | None, str | None]]:
    return [(local(p.measure_type), local(p.status)) for p in x.policies]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The authorities are set to build a fence near Hyesan.",
            ("BarrierConstruction", "Planned"),
        ),
        (
            "The MSS ordered a crackdown on mobile phones in Hyesan.",
            ("PhoneCrackdown", "Announced"),
        ),
        (
            "The ban on travel has been in place since January 2020.",
            ("MovementRestriction", "InForce"),
        ),
        (
            "Border police installed motion sensors near Dandong.",
            ("SensorInstallation", "CarriedOut"),
        ),
        ("Authorities relaxed the quarantine rules in Sinuiju.", ("QuarantineRule", "Eased")),
        ("North Korea lifted the ban on imports of rice.", ("TradeRestriction", "Lifted")),
        ("China eased the ban on flour shipments to Rason.", ("TradeRestriction", "Eased")),
        ("Customs lifted limits on coal deliveries to Sinuiju.", ("TradeRestriction", "Lifted")),
        (
            "Rumours are circulating that the MSS will install floodlights.",
            ("LightingInstallation", "Rumoured"),
        ),
        ("The border has not been reopened.", ("BorderClosure", "InForce")),
        ("Workers at the plant were sent home in March.", ("WorkerRepatriation", "CarriedOut")),
    ],
)
def test_measure_type_and_status_come_from_the_sentence(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extract(extractor, text)) == [expected]


def test_a_negated_installation_is_no_policy(extractor: Extractor) -> None:
    assert (
        policies(extract(extractor, "The border police did not install cameras in Hyesan.")) == []
    )


def test_a_policy_carries_actors_place_time_and_evidence(extractor: Extractor) -> None:
    text = (
        "Chinese border police installed thermal imaging cameras along the Yalu River near "
        "Dandong last month to catch defectors."
    )
    x = extract(extractor, text)
    [p] = x.policies
    assert (p.local, local(p.measure_type), local(p.status)) == (
        "policy-1",
        "CCTVInstallation",
        "CarriedOut",
    )
    assert p.implemented_by == [ACTOR + "chinese-border-police"]
    assert p.issued_by == []
    assert p.targets == [ACTOR + "defectors"]
    assert p.places == [PLACE + "yalu-river", PLACE + "dandong"]
    assert p.location_precision == SCHEME + "location-precision/Settlement"
    assert [x.text[e.begin : e.end] for e in p.evidence] == ["installed thermal imaging cameras"]
    assert p.time is not None
    assert (p.time.expression, p.time.earliest, p.time.latest, p.time.precision) == (
        "last month",
        dt.date(2023, 9, 1),
        dt.date(2023, 9, 30),
        SCHEME + "time-precision/Month",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Residents of Tumangang were told on 3 June that nobody may go within 300 metres "
            "of the river.",
            ("on 3 June", dt.date(2023, 6, 3)),
        ),
        (
            "At a meeting on 2 December, guards were told again that they must fire without "
            "warning at anyone who approaches the river at night.",
            ("on 2 December", dt.date(2022, 12, 2)),
        ),
    ],
)
def test_an_announced_measure_is_dated_by_its_telling(
    extractor: Extractor, text: str, expected: tuple[str, dt.date]
) -> None:
    times = [(p.time.expression, p.time.earliest) for p in extract(extractor, text).policies]
    assert times and set(times) == {expected}


def test_a_deed_is_not_dated_by_a_time_across_a_clause_of_telling(extractor: Extractor) -> None:
    text = "A source said on Monday that police installed cameras along the river in Hyesan."
    [p] = extract(extractor, text).policies
    assert p.time is None


def test_a_time_that_ends_a_long_sentence_dates_its_measure(extractor: Extractor) -> None:
    text = (
        "Officers of the provincial social security bureau confiscated more than 200 Chinese "
        "gas cylinders in house-to-house searches in Hyesan in the last two weeks of "
        "September, a source in Ryanggang Province said."
    )
    [p] = extract(extractor, text).policies
    assert p.time is not None
    assert (p.time.earliest, p.time.latest) == (dt.date(2023, 9, 17), dt.date(2023, 9, 30))


def test_a_time_far_from_its_measure_dates_it_only_where_it_ends_the_sentence(
    extractor: Extractor,
) -> None:
    """The same time, as far from the measure (beyond the ordinary reach): at the end of the
    sentence it dates the measure, with more of the sentence after it it does not."""
    head = (
        "Police installed cameras along the old road from the river up to the market and the "
        "new school of the county in January"
    )
    [ending] = extract(extractor, head + ".").policies
    [inside] = extract(extractor, head + " and along the dyke above the town.").policies
    assert ending.time is not None and ending.time.earliest == dt.date(2023, 1, 1)
    assert inside.time is None


def test_the_authority_after_by_implements_and_an_order_issues(extractor: Extractor) -> None:
    passive = extract(
        extractor, "Cameras were installed by the Chinese border police near Dandong."
    )
    assert passive.policies[0].implemented_by == [ACTOR + "chinese-border-police"]
    order = extract(extractor, "The MSS ordered a crackdown on mobile phones in Hyesan.")
    assert (order.policies[0].issued_by, order.policies[0].implemented_by) == (
        [ACTOR + "dprk-ministry-of-state-security"],
        [],
    )


def test_a_measure_whose_sentence_names_no_place_is_not_placed_from_the_article(
    extractor: Extractor,
) -> None:
    text = "Guards patrol Hyesan and Hyesan again. Later, floodlights were installed."
    [p] = [
        q
        for q in extract(extractor, text).policies
        if q.measure_type.endswith("LightingInstallation")
    ]
    assert (p.places, p.location_precision, p.place_inferred) == ([], None, False)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Smugglers cross into Changbai Korean Autonomous County. The county has installed"
            " new cameras.",
            "changbai",
        ),
        ("Traders gather in Hyesan. The city has installed new cameras.", "hyesan"),
        (
            "Traders met near the Yalu River in Hyesan. Floodlights were put up along that "
            "stretch.",
            "yalu-river",
        ),
        ("Many traders live in Sinuiju. Cameras were installed there last week.", "sinuiju"),
    ],
)
def test_a_place_referred_back_to_is_the_nearest_earlier_place_of_its_kind(
    extractor: Extractor, text: str, place: str
) -> None:
    # Dandong, named most often, was the article's main place: not what the text refers to.
    [p] = extract(extractor, "Dandong is busy. Dandong is big. " + text).policies
    assert (p.places, p.place_inferred) == ([PLACE + place], True)


def test_the_river_is_not_resolved_to_the_river_named_before(extractor: Extractor) -> None:
    """A van "near the river" is not placed on it: the gold places such measures on the river in
    45 of 663 sentences that do not name it."""
    text = (
        "Traders met near the Yalu River in Hyesan. Police detained two men in a van parked "
        "near the river."
    )
    [p] = extract(extractor, text).policies
    assert PLACE + "yalu-river" not in p.places


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang has closed its border to foreign tourists.",
        "Passengers flying to Pyongyang may now check in no more than 20 kilograms.",
        "Trade officials now need a letter from their head office in Pyongyang to buy a ticket.",
        "Clothing made in China may no longer be displayed in the market.",
    ],
)
def test_a_capital_as_government_destination_or_seat_and_a_country_qualifying_place_nothing(
    extractor: Extractor, text: str
) -> None:
    [p] = extract(extractor, text).policies
    assert not {PLACE + "pyongyang", PLACE + "china"} & set(p.places)


def test_a_measure_put_in_the_capital_is_placed_there(extractor: Extractor) -> None:
    [p] = extract(extractor, "Police in Pyongyang have installed new cameras.").policies
    assert PLACE + "pyongyang" in p.places


def test_existential_there_refers_to_no_place(extractor: Extractor) -> None:
    text = "Traders gather in Hyesan. There are reports that floodlights were installed."
    [p] = extract(extractor, text).policies
    assert p.places == []


def test_a_country_people_are_sent_to_is_not_where_the_measure_is(extractor: Extractor) -> None:
    x = extract(extractor, "Chinese police sent 50 defectors back to North Korea in May.")
    assert [(local(p.measure_type), p.places) for p in x.policies] == [("ForcedRepatriation", [])]
    x = extract(extractor, "Chinese police have installed cameras in North Korea.")
    assert [p.places for p in x.policies] == [[PLACE + "north-korea"]]


def test_where_goods_come_from_is_not_the_place_when_another_is_named(
    extractor: Extractor,
) -> None:
    text = "Police in Tumen arrested four traders from Hunchun for smuggling."
    [p] = extract(extractor, text).policies
    assert p.places == [PLACE + "tumen"]


def test_the_same_measure_in_two_sentences_is_one_policy(extractor: Extractor) -> None:
    text = "Border police installed cameras in Dandong. The cameras were installed quickly."
    x = extract(extractor, text)
    assert policies(x) == [("CCTVInstallation", "CarriedOut")]
    assert [x.text[e.begin : e.end] for e in x.policies[0].evidence] == [
        "installed cameras",
        "cameras were installed",
    ]


def test_the_same_measure_at_two_dates_is_two_policies(extractor: Extractor) -> None:
    text = "Border police installed cameras in March 2021. More cameras were installed in May 2022."
    assert policies(extract(extractor, text)) == [
        ("CCTVInstallation", "CarriedOut"),
        ("CCTVInstallation", "CarriedOut"),
    ]


def test_a_generic_arrest_crackdown_takes_the_type_of_its_targets(extractor: Extractor) -> None:
    x = extract(extractor, "The MSS arrested several people who tried to smuggle goods in Hyesan.")
    assert policies(x) == [("SmugglingCrackdown", "CarriedOut")]


def test_quantities_attach_to_the_policy_of_their_sentence(extractor: Extractor) -> None:
    x = extract(extractor, "Soldiers built a 20 km fence near Hyesan.")
    [p] = x.policies
    [q] = x.quantities
    assert (p.quantities, q.local, q.value, q.unit_text, local(q.qualifier)) == (
        ["qty-1"],
        "qty-1",
        Decimal(20),
        "km",
        "Exact",
    )


def events(x: Extraction) -> list[str | None]:
    return [local(e.event_type) for e in x.events]


def test_a_shooting_report_has_authority_victim_place_and_time(extractor: Extractor) -> None:
    x = extract(extractor, "North Korean border guards shot a smuggler near Musan on Monday.")
    [e] = x.events
    assert (local(e.event_type), e.authorities, e.affected, e.places) == (
        "ShootingIncident",
        [ACTOR + "dprk-border-guard"],
        [ACTOR + "smugglers"],
        [PLACE + "musan"],
    )
    assert e.time is not None and e.time.earliest == dt.date(2023, 10, 9)


def test_a_price_report_has_goods_and_a_monetary_amount(extractor: Extractor) -> None:
    x = extract(extractor, "Pine nuts sold for 30 yuan per kilogram in Hyesan.")
    [e] = x.events
    [q] = x.quantities
    assert (local(e.event_type), [local(g) for g in e.goods], e.quantities) == (
        "PriceReport",
        ["PineNuts"],
        ["qty-1"],
    )
    assert (q.value, q.currency, q.unit_text) == (Decimal(30), "CNY", "per kilogram")


def test_statements_belong_to_their_named_speaker(extractor: Extractor) -> None:
    x = extract(extractor, "Amnesty International condemned the returns and urged China to stop.")
    assert [(local(e.event_type), e.agents, e.authorities) for e in x.events] == [
        ("Condemnation", [ACTOR + "amnesty-international"], []),
        ("Appeal", [ACTOR + "amnesty-international"], []),
    ]


def test_hypothetical_and_negated_events_are_not_reported(extractor: Extractor) -> None:
    text = "Brokers could be arrested if caught. No one was shot. Guards did not shoot anyone."
    assert events(extract(extractor, text)) == []


def test_facilitators_are_brokers_and_the_crossers_act(extractor: Extractor) -> None:
    x = extract(extractor, "Brokers helped defectors who crossed the river near Hyesan last week.")
    [e] = x.events
    assert (local(e.event_type), e.agents, e.facilitators) == (
        "BorderCrossing",
        [ACTOR + "defectors"],
        [ACTOR + "brokers"],
    )


# -- generalisation: each cause of the errors on unseen articles, in new words -------------
# Every sentence below is invented for the test; none is taken from an article or a gold file.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phrasal verb whose particle follows its object
        (
            "Fish factories in Hunchun sent about 150 North Korean employees home last week.",
            [("WorkerRepatriation", "CarriedOut")],
        ),
        (
            "Chinese police handed the two teenagers back to the North Korean border guards.",
            [("ForcedRepatriation", "CarriedOut")],
        ),
        (
            "Soldiers tore the old riverside huts down in a single day.",
            [("ResidentRelocation", "CarriedOut")],
        ),
        # a prefix written with a hyphen, a verb with a long object
        ("North Korea re-opened the Namyang crossing on Monday.", [("BorderClosure", "Lifted")]),
        (
            "Beijing is preparing to deport more than 100 North Korean women held in Liaoning.",
            [("ForcedRepatriation", "Planned")],
        ),
        (
            "The guards will send back a third group of about 40 escapees next week.",
            [("ForcedRepatriation", "Planned")],
        ),
        # a punishment done in public, in any tense
        (
            "Two smugglers were publicly executed in Hyesan last month.",
            [("PublicPunishment", "CarriedOut")],
        ),
        (
            "Dozens of people have been publicly denounced in Musan for watching foreign films.",
            [("PublicPunishment", "CarriedOut")],
        ),
        # rewards and questioning in verb form
        (
            "The police now pay informers who tip them off about crossings.",
            [("InformantReward", "InForce")],
        ),
        (
            "Villagers who turn in a smuggler are rewarded with a sack of rice.",
            [("InformantReward", "InForce")],
        ),
        # an ongoing practice: the gold is split (a crackdown told as "has been …ing": dev to
        # heldout21 19 InForce to 10 CarriedOut, heldout22-35 4 to 12), and the status head
        # retrained in round 19 reads it as carried out
        (
            "Police in Hunchun have been interrogating traders who deal with North Koreans.",
            [("Crackdown", "CarriedOut")],
        ),
    ],
)
def test_verb_families_match_in_any_inflection_and_word_order(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extract(extractor, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a distance from the river or the border scopes a buffer zone
        (
            "Farmers may no longer work fields within 300 metres of the river.",
            [("BufferZone", "InForce")],
        ),
        (
            "Residents are banned from going within one kilometre of the border.",
            [("BufferZone", "InForce")],
        ),
        # trade measures taken under UN sanctions
        (
            "Chinese customs have halted imports of North Korean coal to comply with UN sanctions.",
            [("SanctionsEnforcement", "InForce")],
        ),
        (
            "Customs officers have stepped up checks on trucks for goods banned under "
            "UN Security Council Resolution 2397.",
            [("SanctionsEnforcement", "InForce")],
        ),
        # a crossing opened to particular goods is a trade measure
        (
            "North Korea reopened the Manpo crossing to exports of timber last week.",
            [("TradeRestriction", "Lifted")],
        ),
        # equipment that detects phones serves the phone crackdown
        (
            "The security ministry has brought in new signal detectors to catch callers.",
            [("PhoneCrackdown", "CarriedOut")],
        ),
        # the target of an arrest or a search names the crackdown
        (
            "Police in Dandong launched a crackdown on selling North Korean coal across the river.",
            [("SmugglingCrackdown", "CarriedOut")],
        ),
        (
            "Security agents arrested five villagers trading with Chinese smugglers at night.",
            [("SmugglingCrackdown", "CarriedOut")],
        ),
        (
            "Relatives of defectors in Hoeryong have been told that their homes will be inspected "
            "every week.",
            [("DefectionCrackdown", "Announced")],
        ),
        (
            "Households of people who fled will be kept under constant surveillance, officials "
            "announced.",
            [("DefectionCrackdown", "Announced")],
        ),
        # the walls of a building are no barrier
        ("Posters on the walls of the county office warn residents about strangers.", []),
    ],
)
def test_the_narrower_type_follows_the_scheme_definitions(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extract(extractor, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people and goods held for a set time, drivers kept in their cabs
        (
            "Truck drivers must stay in a designated hotel for ten days after arriving from China.",
            [("QuarantineRule", "InForce")],
        ),
        (
            "Returning workers are kept in an isolation centre for three weeks.",
            [("QuarantineRule", "InForce")],
        ),
        (
            "Chinese drivers may not leave their trucks while they are in Sinuiju.",
            [("QuarantineRule", "InForce")],
        ),
        # travel across the border coming back, foreigners let in
        (
            "Passenger trains across the Yalu bridge will resume next month, officials said.",
            [("BorderClosure", "Planned")],
        ),
        ("Passenger trains between two inland cities resumed last week.", []),
        (
            "North Korea has begun letting Chinese business travellers into Sinuiju again.",
            [("BorderClosure", "Lifted")],
        ),
        # boats kept in port, goods that need a licence, travel permits stopped
        (
            "Fishermen have been told to keep their boats ashore at night.",
            [("MovementRestriction", "Announced")],
        ),
        (
            "Exports of seafood now require a licence from the trade ministry.",
            [("TradeRestriction", "InForce")],
        ),
        (
            "The state has stopped issuing permits for trips to China.",
            [("BorderClosure", "InForce")],
        ),
        (
            "Authorities in Hyesan have banned residents from using Chinese mobile phones.",
            [("PhoneCrackdown", "InForce")],
        ),
    ],
)
def test_what_may_cross_leave_or_move_is_a_measure_without_its_noun(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extract(extractor, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a causative passive takes its own tense; a perfect "begun" is still going on
        (
            "Villagers living near the river were forced to move out of their homes in March.",
            [("ResidentRelocation", "CarriedOut")],
        ),
        # An enforcement begun is a deed under way (gold README: "started building" →
        # CarriedOut; 34 of 37 held-out gold policies with "have begun" agree).
        (
            "The police have begun checking phones at the market.",
            [("PhoneCrackdown", "CarriedOut")],
        ),
        (
            "Police in Hunchun have started paying cash rewards of up to 3,000 yuan to "
            "villagers who report crossers.",
            [("InformantReward", "InForce")],
        ),
        # one arrest after another since a date: arrests made
        (
            "Since the start of the year, the police have detained more than 50 people for "
            "making illegal phone calls.",
            [("PhoneCrackdown", "CarriedOut")],
        ),
        # orders held by those who enforce them are applied
        (
            "Border guards are under strict orders to shoot anyone crossing the river.",
            [("ShootToKillOrder", "InForce")],
        ),
        # an order given to them is news of the order: announced
        (
            "The Ministry of State Security has ordered border guards to fire on anyone "
            "approaching the Yalu at night.",
            [("ShootToKillOrder", "Announced")],
        ),
        # the modal that governs a frame's verb outranks words inside the frame
        (
            "Officials told residents that families of defectors will be placed under "
            "round-the-clock watch.",
            [("DefectionCrackdown", "Announced")],
        ),
        # the telling put after what was told
        (
            "Anyone who reports a stranger will be rewarded with 500 yuan, residents were told.",
            [("InformantReward", "Announced")],
        ),
        # security tightened is a done deed
        (
            "Security around the bridge has been tightened, with new checkpoints on every road.",
            [("PatrolReinforcement", "CarriedOut")],
        ),
        # equipment named as new was put up, unless it is only wanted
        (
            "Villagers have spotted new cameras on the poles along the river.",
            [("CCTVInstallation", "CarriedOut")],
        ),
        (
            "A new barbed-wire fence now runs along the river near Sinuiju.",
            [("BarrierConstruction", "CarriedOut")],
        ),
        ("The government wants new fences along the river.", []),
        # hearsay about the future is a rumour
        (
            "People say the Chinese tour groups will be back in Sinuiju by the summer.",
            [("BorderClosure", "Rumoured")],
        ),
    ],
)
def test_status_comes_from_the_verb_that_governs_the_measure(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extract(extractor, text)) == expected


def test_a_bare_mention_of_the_broader_type_is_the_measure_already_reported(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese border police installed thermal cameras along the Yalu last month. "
        "The new surveillance makes crossing much harder, the source said."
    )
    assert policies(extract(extractor, text)) == [("CCTVInstallation", "CarriedOut")]


def test_a_dated_done_measure_is_not_merged_into_a_planned_one(extractor: Extractor) -> None:
    text = (
        "Human Rights Watch condemned the deportation of 200 North Koreans last month under "
        "the Refugee Convention. China is preparing to send back another group of 50 defectors."
    )
    assert sorted(policies(extract(extractor, text))) == [
        ("ForcedRepatriation", "CarriedOut"),
        ("ForcedRepatriation", "Planned"),
    ]


def test_an_arrest_with_its_own_target_is_not_merged_into_a_later_crackdown(
    extractor: Extractor,
) -> None:
    text = (
        "The Ministry of State Security has arrested six remittance brokers in Musan this year. "
        "Agents have also deployed vans fitted with radio-wave detectors near the town."
    )
    assert policies(extract(extractor, text)) == [
        ("Crackdown", "CarriedOut"),
        ("PhoneCrackdown", "CarriedOut"),
    ]


def test_a_search_told_after_a_named_crackdown_belongs_to_it(extractor: Extractor) -> None:
    text = (
        "Chinese police launched a crackdown on seafood smuggling near Dandong last month. "
        "Officers searched every boat in the harbour."
    )
    assert policies(extract(extractor, text)) == [("SmugglingCrackdown", "CarriedOut")]

"""Entities named by description, groups named by what their members did, and law titles.

Every sentence is invented for these tests (none comes from an article or a gold file) and
is worded unlike the held-out articles whose errors the rules were written for. Extraction
runs on the shipped vocabulary: facilities, crossings and provincial bodies are curated
entities found through the place a description names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from borderkg.loaders.extract import Extraction, Extractor, get_extractor
from borderkg.loaders.extract.categories import entity_categories
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR, LEGAL, PLACE


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


def extract(extractor: Extractor, text: str) -> tuple[Extraction, dict[str, set[str]]]:
    record = ArticleRecord(text=text, source="t.txt", id="t", published=dt.date(2024, 5, 20))
    x = extractor.extract(record)
    return x, entity_categories(x, record)


# -- facilities and crossings named by what they are and where ------------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Detainees are held at the detention centre in Tumen before the handover.",
            {"tumen-border-detention-centre", "tumen"},
        ),
        (
            "They were taken to a holding facility run by the Ministry of State Security in "
            "Onsong.",
            {"onsong-mss-holding-centre", "onsong"},
        ),
        (
            "Returnees are kept in holding centres of the security ministry in Sinuiju and "
            "Onsong for weeks.",
            {"sinuiju-mss-holding-centre", "onsong-mss-holding-centre"},
        ),
        (
            "Soldiers now guard the bridge between Ji’an and Manpo around the clock.",
            {"jian-manpo-bridge"},
        ),
        (
            "Freight crosses on the rail bridge that connects Tumen with the town of Namyang.",
            {"tumen-namyang-bridge"},
        ),
        ("Trucks with flour cross the bridge to Wonjong every morning.", {"quanhe-wonjong-bridge"}),
    ],
)
def test_a_facility_or_crossing_described_with_its_place_is_the_curated_one(
    extractor: Extractor, text: str, wanted: set[str]
) -> None:
    _, found = extract(extractor, text)
    assert {PLACE + w for w in wanted} <= found["locations"]


def test_a_description_that_fits_no_single_curated_entity_names_none(
    extractor: Extractor,
) -> None:
    # no curated facility in Hunchun; two curated bridges join Dandong and Sinuiju
    _, found = extract(
        extractor,
        "A detention centre in Hunchun is being enlarged. "
        "Traffic on the bridge between Dandong and Sinuiju has doubled.",
    )
    assert found["locations"] == {PLACE + p for p in ("hunchun", "dandong", "sinuiju")}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "The provincial security department in Musan arrested three brokers.",
            "north-hamgyong-provincial-state-security-department",
        ),
        (
            "Officers of the provincial police in Hyesan searched the market.",
            "ryanggang-provincial-social-security-bureau",
        ),
        (
            "The provincial party committee ordered factories in Sinuiju to send workers.",
            "north-pyongan-provincial-party-committee",
        ),
        (
            "In Hyesan, the provincial state security bureau has questioned dozens of people.",
            "ryanggang-provincial-state-security-department",
        ),
        (
            "They were taken across the Sino-Korean Friendship Bridge to Sinuiju, where the "
            "provincial security department holds them.",
            "north-pyongan-provincial-state-security-department",
        ),
        (
            "Officers from the provincial public security department in Yanji raided the hotel.",
            "jilin-public-security-department",
        ),
    ],
)
def test_a_provincial_body_is_that_of_the_province_its_town_lies_in(
    extractor: Extractor, text: str, body: str
) -> None:
    _, found = extract(extractor, text)
    assert ACTOR + body in found["actors"]
    # the ministry inside "provincial state security bureau" is not named separately
    assert ACTOR + "prc-ministry-of-state-security" not in found["actors"]


# -- places the vocabulary lacks -----------------------------------------------------------


def test_a_capitalised_place_after_in_or_at_is_an_unreviewed_place(extractor: Extractor) -> None:
    _, found = extract(
        extractor,
        "The report was presented in Brussels on Monday. Envoys met at Bangkok last month. "
        "The rule took effect in March, was eased in Sept. and notices were printed in Korean.",
    )
    assert found["locations"] == {PLACE + "brussels", PLACE + "bangkok"}


# -- groups named by description -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("The relatives of people who escaped to the South are watched.", "families-of-defectors"),
        ("Families whose sons had fled were questioned again.", "families-of-defectors"),
        (
            "Couriers carry money from defectors in Seoul to their relatives in Musan.",
            "families-of-defectors",
        ),
        ("Women who settled in South Korea years ago still send money.", "defectors"),
        ("Many families keep in touch with relatives who defected.", "defectors"),
        (
            "Households that receive money from relatives in South Korea are watched.",
            "families-of-defectors",
        ),
    ],
)
def test_groups_named_by_what_their_members_did_are_the_curated_groups(
    extractor: Extractor, text: str, group: str
) -> None:
    _, found = extract(extractor, text)
    assert ACTOR + group in found["actors"]


def test_their_families_needs_a_defector_antecedent(extractor: Extractor) -> None:
    _, found = extract(
        extractor,
        "People who fled the floods have returned to their homes. "
        "Traders brought goods to their families in Hyesan.",
    )
    assert not {ACTOR + "defectors", ACTOR + "families-of-defectors"} & found["actors"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Four border guards were dismissed for taking bribes.", "dprk-border-guards"),
        ("About 30 defectors were held in the centre.", "defectors"),
        ("The campaign is aimed at brokers rather than defectors.", "defectors"),
        ("Officials say the new rules are about defectors.", "defectors"),
        ("Most of the passengers were traders.", "traders"),
    ],
)
def test_counted_contrasted_and_described_members_name_their_group(
    extractor: Extractor, text: str, group: str
) -> None:
    _, found = extract(extractor, text)
    assert ACTOR + group in found["actors"]


@pytest.mark.parametrize(
    "text",
    [
        "Beijing describes them as economic migrants rather than refugees.",
        "The ministry said the women were not refugees.",
        "Those who cross are regarded by the police as migrants rather than refugees.",
    ],
)
def test_a_contested_characterisation_names_no_group(extractor: Extractor, text: str) -> None:
    _, found = extract(extractor, text)
    assert ACTOR + "refugees" not in found["actors"]


def test_ethnic_koreans_and_north_korean_workers_are_curated_groups(extractor: Extractor) -> None:
    _, found = extract(
        extractor,
        "Ethnic Koreans in Longjing lend their accounts to brokers. "
        "North Korean workers at a garment plant in Hunchun were sent home.",
    )
    assert {ACTOR + "ethnic-koreans-in-china", ACTOR + "overseas-workers"} <= found["actors"]


@pytest.mark.parametrize(
    "text",
    [
        "Chinese nationals living in Rason had used the route for years.",
        "The pharmacies had served the Chinese residents of Rason and North Koreans alike.",
        "Chinese nationals in Sinuiju who want to travel to Dandong must leave a spouse behind.",
    ],
)
def test_chinese_nationals_in_a_north_korean_town_are_the_hwagyo(
    extractor: Extractor, text: str
) -> None:
    _, found = extract(extractor, text)
    assert ACTOR + "chinese-nationals-in-north-korea" in found["actors"]


def test_chinese_residents_of_a_chinese_town_are_not_the_hwagyo(extractor: Extractor) -> None:
    _, found = extract(extractor, "Chinese residents of Dandong complained about the noise.")
    assert ACTOR + "chinese-nationals-in-north-korea" not in found["actors"]


# -- countries: the state, its body, or a place --------------------------------------------


def test_a_country_owning_a_body_is_neither_actor_nor_place(extractor: Extractor) -> None:
    _, found = extract(extractor, "China’s Ministry of Public Security issued a new rule.")
    assert PLACE + "china" not in found["actors"] | found["locations"]
    assert ACTOR + "prc-ministry-of-public-security" in found["actors"]


def test_a_country_owning_a_law_is_neither_actor_nor_place(extractor: Extractor) -> None:
    _, found = extract(
        extractor, "Two brokers were charged under Article 318 of China's Criminal Law in Yanji."
    )
    assert PLACE + "china" not in found["actors"] | found["locations"]


@pytest.mark.parametrize(
    "text",
    [
        "Guards made sure that windows facing China were shuttered in Hyesan.",
        "Officials who visited China last year must report within a day.",
        "Wholesalers in Hyesan who deal with China pay in yuan.",
        "They are hungry, and they can see China every day from the posts.",
    ],
)
def test_a_country_faced_visited_or_dealt_with_is_a_place(extractor: Extractor, text: str) -> None:
    _, found = extract(extractor, text)
    assert PLACE + "china" in found["locations"]
    assert PLACE + "china" not in found["actors"]


def test_a_country_phoned_is_a_place_and_its_authorities_an_actor(extractor: Extractor) -> None:
    _, found = extract(
        extractor,
        "Residents can no longer ring China from the riverside. "
        "Detainees were handed over to North Korean authorities.",
    )
    assert PLACE + "china" in found["locations"] and PLACE + "china" not in found["actors"]
    assert PLACE + "north-korea" in found["actors"]
    assert PLACE + "north-korea" not in found["locations"]


# -- legal provisions and law titles -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "provision"),
    [
        (
            "UN Security Council Resolution 2375 was adopted in 2017. Paragraph 17 of the "
            "resolution banned new work permits.",
            "unsc-resolution-2375/para_17",
        ),
        (
            "Resolution 2397 tightened the sanctions. Paragraph 8 of that resolution set a "
            "deadline for workers.",
            "unsc-resolution-2397/para_8",
        ),
        (
            "Resolution 2321 capped coal exports. Paragraph 11 of the resolution is cited.",
            "unsc-resolution-2321/para_11",
        ),
        (
            "Prosecutors used the article of the DPRK Criminal Code on illegal border crossing.",
            "dprk-criminal-code/art_illegal_border_crossing",
        ),
    ],
)
def test_a_provision_named_by_number_or_subject_is_listed_with_its_instrument(
    extractor: Extractor, text: str, provision: str
) -> None:
    _, found = extract(extractor, text)
    instrument = provision.split("/", 1)[0]
    assert {LEGAL + provision, LEGAL + instrument} <= found["legal_instruments"]


def test_a_paragraph_of_another_kind_of_instrument_is_not_guessed(extractor: Extractor) -> None:
    _, found = extract(
        extractor, "The Refugee Convention is cited. Paragraph 4 of the resolution is not."
    )
    assert found["legal_instruments"] == {LEGAL + "refugee-convention"}


@pytest.mark.parametrize(
    "title",
    [
        "Reactionary Thought and Culture Rejection Act",
        "Law on the Rejection of Reactionary Thought and Culture",
        "Reactionary Ideology and Culture Rejection Law",
    ],
)
def test_a_law_named_by_a_variant_title_is_the_curated_law(
    extractor: Extractor, title: str
) -> None:
    _, found = extract(extractor, f"Lecturers cited the {title} at every meeting.")
    assert found["legal_instruments"] == {LEGAL + "reactionary-ideology-and-culture-rejection-act"}

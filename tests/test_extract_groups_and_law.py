"""Groups named by description, places people leave for, local bodies, and provisions pinned
by the right they protect or by a pronoun.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import datetime as dt

import pytest

from borderkg.loaders.extract import Extractor, get_extractor
from borderkg.loaders.extract.categories import entity_categories
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR, LEGAL, PLACE


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return get_extractor()


def categories(extractor: Extractor, text: str) -> dict[str, set[str]]:
    record = ArticleRecord(text=text, source="t.txt", id="t", published=dt.date(2024, 6, 1))
    return entity_categories(extractor.extract(record), record)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "The relatives of returnees in Onsong have been told to report every week.",
            "families-of-defectors",
        ),
        (
            "Guards say the river will stay watched as long as people keep trying to leave the "
            "country.",
            "defectors",
        ),
        (
            "North Koreans attempting to flee were caught near Hyesan last winter.",
            "defectors",
        ),
        (
            "Most of those arrested were North Korean women who had married Chinese farmers.",
            "north-korean-women",
        ),
    ],
)
def test_a_group_named_by_description_is_an_actor(
    extractor: Extractor, text: str, group: str
) -> None:
    assert ACTOR + group in categories(extractor, text)["actors"]


def test_crossing_a_river_alone_names_no_defectors(extractor: Extractor) -> None:
    text = "Guards near Musan stop people trying to cross the river at night."
    assert ACTOR + "defectors" not in categories(extractor, text)["actors"]


def test_a_country_people_leave_for_is_a_place_not_an_actor(extractor: Extractor) -> None:
    text = "The rapporteur asked China to let the detainees leave for South Korea."
    found = categories(extractor, text)
    assert PLACE + "south-korea" in found["locations"]
    assert PLACE + "south-korea" not in found["actors"]


def test_a_local_public_security_bureau_is_not_the_ministry(extractor: Extractor) -> None:
    text = "Notices signed by the city public security bureau in Tumen offer a reward."
    assert ACTOR + "prc-ministry-of-public-security" not in categories(extractor, text)["actors"]
    named = "The Chinese public security authorities deny any change of policy."
    assert ACTOR + "prc-ministry-of-public-security" in categories(extractor, named)["actors"]


def test_the_right_to_leave_named_with_its_holder_pins_the_paragraph(
    extractor: Extractor,
) -> None:
    text = (
        "The lawyers cited the right of all people to leave any country, guaranteed by Article "
        "12 of the International Covenant on Civil and Political Rights."
    )
    legal = categories(extractor, text)["legal_instruments"]
    assert {LEGAL + "iccpr/art_12", LEGAL + "iccpr/art_12__para_2"} <= legal


def test_the_right_without_its_instrument_pins_nothing(extractor: Extractor) -> None:
    text = "Activists spoke of the right of every person to leave a country."
    assert categories(extractor, text)["legal_instruments"] == set()


def test_its_paragraph_is_a_paragraph_of_the_resolution_named_before(
    extractor: Extractor,
) -> None:
    text = (
        "Diplomats pointed to UN Security Council Resolution 2397, whose deadline passed in "
        "2019; its paragraph 8 covers workers abroad."
    )
    legal = categories(extractor, text)["legal_instruments"]
    assert LEGAL + "unsc-resolution-2397/para_8" in legal


def test_a_treaty_title_with_in_and_a_capitalised_noun_mints_no_place(
    extractor: Extractor,
) -> None:
    """In "Trafficking in Persons" the capitalised noun is part of a title, not a place; the
    protocol's short official title names the protocol."""
    found = categories(
        extractor,
        "Seoul urged Beijing to honour the Protocol to Prevent, Suppress and Punish "
        "Trafficking in Persons when it detains women in Yanbian.",
    )
    assert f"{LEGAL}trafficking-protocol" in found["legal_instruments"]
    assert not any(iri.endswith("/persons") for iri in found["locations"])


@pytest.mark.parametrize(
    ("text", "wanted", "not_wanted"),
    [
        (
            "The two were jailed under China's Criminal Law last year.",
            "prc-criminal-law",
            "dprk-criminal-code",
        ),
        (
            "Returnees are punished under North Korea's Criminal Law.",
            "dprk-criminal-code",
            "prc-criminal-law",
        ),
        (
            "Chinese courts in Yanji apply the Criminal Law to brokers.",
            "prc-criminal-law",
            "dprk-criminal-code",
        ),
    ],
)
def test_a_law_named_without_its_country_is_the_law_of_the_country_the_text_names(
    extractor: Extractor, text: str, wanted: str, not_wanted: str
) -> None:
    """Two vocabularies' laws share the title "Criminal Law" once their country is left out;
    a law's country is its jurisdiction, so the country named before it ("China's") or in
    its sentence ("Chinese courts") decides, as it does for a body named without its country."""
    legal = categories(extractor, text)["legal_instruments"]
    assert LEGAL + wanted in legal
    assert LEGAL + not_wanted not in legal


def test_an_article_of_a_countrys_law_is_that_laws_provision(extractor: Extractor) -> None:
    text = "Two brokers were convicted under Article 318 of China's Criminal Law in Yanji."
    legal = categories(extractor, text)["legal_instruments"]
    assert LEGAL + "prc-criminal-law/art_318" in legal


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("The Criminal Law of the DPRK punishes illegal border crossing.", "dprk-criminal-code"),
        ("The Criminal Law of the PRC punishes those who organise crossings.", "prc-criminal-law"),
    ],
)
def test_a_law_titled_with_its_states_short_name_is_the_curated_law(
    extractor: Extractor, text: str, wanted: str
) -> None:
    # "of the DPRK" for "of the Democratic People's Republic of Korea": no new law minted
    legal = categories(extractor, text)["legal_instruments"]
    assert legal == {LEGAL + wanted}

"""Which source says what: "the source" refers back to the last source, narrator background
is the outlet's own, named bodies speak for themselves, and words that only look like
sources ("source of income", "people who contact …") are none. Invented sentences, read
with the shipped vocabulary."""

from __future__ import annotations

from borderkg.loaders.extract import Extraction, Extractor
from borderkg.loaders.extract.model import AnonymousSource
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR, PLACE

ARTICLE = "https://w3id.org/borderkg/article/t#"
SOURCETYPE = "https://w3id.org/borderkg/scheme/source-type/"


def read(extractor: Extractor, text: str) -> Extraction:
    """The extraction of ``text`` as an article the outlet Daily NK published."""
    record = ArticleRecord(text=text, source="t.txt", id="t", publisher="Daily NK")
    return extractor.extract(record)


def speakers(found: Extraction) -> list[str]:
    """Who each claim is attributed to, in text order, with article nodes shortened."""
    return [(c.attributed_to or "").replace(ARTICLE, "#") for c in found.claims]


def source(found: Extraction, words: str) -> AnonymousSource:
    """The source whose description begins with ``words``."""
    [match] = [s for s in found.sources if s.description.startswith(words)]
    return match


# -- "the source" and the speaker of a sentence ------------------------------------------------


def test_the_source_skips_officials_named_since(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Guards have closed the ferry crossing near Hyesan, a source in Ryanggang Province told "
        "Daily NK.\n\nCounty officials said the closure would last until spring.\n\n"
        "\u201cNobody can cross the river now, not even at night,\u201d the source said.",
    )
    assert speakers(found) == ["#source-1", "#source-2", "#source-1"]
    assert source(found, "County officials").role == "official"
    assert found.quotations[0].attributed_to == ARTICLE + "source-1"


def test_the_source_is_the_source_mentioned_last(extractor: Extractor) -> None:
    found = read(
        extractor,
        "A source in Hunchun said the fence was finished. A source in Onsong said guards were "
        "added. The source in Hunchun added that cameras were installed. \u201cThey watch the "
        "river all night,\u201d the source said.",
    )
    assert speakers(found) == ["#source-1", "#source-2", "#source-1", "#source-1"]


def test_the_second_and_the_other_source_refer_back(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Prices rose, a source in Hyesan said. A second source, in Musan, said guards were paid. "
        "The second source added that two traders were held. \u201cEveryone is afraid of the "
        "guards,\u201d the source said. The other source said prices fell.",
    )
    assert len(found.sources) == 2
    assert speakers(found) == ["#source-1", "#source-2", "#source-2", "#source-2", "#source-1"]


def test_a_quote_told_to_the_source_is_its_speakers(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Police now stop every bus on the river road, a Daily NK source in China said.\n\n"
        "\u201cThe police check every bus and every passenger now,\u201d a driver from a village "
        "near Dandong told the source.",
    )
    driver = source(found, "a driver from a village near Dandong")
    assert (driver.location, driver.affiliation, driver.source_type) == (
        PLACE + "dandong",
        "driver",
        SOURCETYPE + "SourceInChina",
    )
    assert speakers(found) == ["#source-1", "#" + driver.local]
    assert found.quotations[0].attributed_to == ARTICLE + driver.local


def test_the_attribution_tag_speaks_not_the_telling_it_reports(
    extractor: Extractor,
) -> None:
    found = read(
        extractor,
        "Traders were searched at the bridge, a source in North Pyongan Province said. Local "
        "officials have told farmers near the river that their fields will be fenced, the "
        "source said.",
    )
    assert speakers(found) == ["#source-1", "#source-1"]
    assert [s.role for s in found.sources] == ["source"]


def test_officials_telling_villagers_is_no_attribution(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Police added night patrols, a source in Hunchun said. Officials have also told "
        "villagers that strangers must be reported.",
    )
    assert speakers(found) == ["#source-1", "#source-1"]
    assert len(found.sources) == 1


def test_a_verb_of_an_adverbial_clause_names_no_speaker(extractor: Extractor) -> None:
    found = read(
        extractor,
        "After North Korea announced new cases in May, markets in Onsong were closed, a source "
        "in North Hamgyong Province said.",
    )
    assert speakers(found) == ["#source-1"]


# -- the narrator's own sentences ---------------------------------------------------------------


def test_a_paragraph_without_attribution_is_the_outlets(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Guards have begun new patrols along the Tumen, a source in North Hamgyong Province "
        "said. Several smugglers were reportedly detained last week.\n\n"
        "The Land Border Law, which took effect in 2022, reportedly obliges border villages to "
        "report strangers. Similar patrols have been reported near Hunchun.",
    )
    daily_nk = ACTOR + "daily-nk"
    assert speakers(found) == ["#source-1", "#source-1", daily_nk, daily_nk]


def test_a_quotation_continues_its_speaker_across_paragraphs(
    extractor: Extractor,
) -> None:
    found = read(
        extractor,
        "\u201cThe guards were told to stop everyone,\u201d a source in Hyesan said.\n\n"
        "\u201cPeople reportedly hide their phones in the roof now.\u201d",
    )
    assert speakers(found) == ["#source-1", "#source-1"]


# -- named bodies --------------------------------------------------------------------------------


def test_a_named_office_speaks_and_is_referred_back_to(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Daily NK sources in China said more returns were planned.\n\nThe Office of the UN High "
        "Commissioner for Human Rights said on Friday that returnees risk torture. It also "
        "noted that leaving one's country is a right.",
    )
    assert speakers(found) == ["#source-1", ACTOR + "ohchr", ACTOR + "ohchr"]


def test_a_title_with_its_complement_speaks(extractor: Extractor) -> None:
    found = read(
        extractor,
        "The UN High Commissioner for Refugees said the returnees may be refugees. The UN "
        "Special Rapporteur on the situation of human rights in North Korea urged China to halt "
        "the returns.",
    )
    assert speakers(found) == [ACTOR + "unhcr", ACTOR + "un-special-rapporteur-dprk"]
    assert found.sources == []


def test_a_delegation_named_by_its_demonym_is_its_country(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Several delegations, including South Korea, urged China to stop the returns. The Chinese "
        "delegation rejected the criticism, saying that the returnees were economic migrants.",
    )
    assert speakers(found) == [PLACE + "south-korea", PLACE + "china"]


def test_a_description_after_a_named_body_is_no_source(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Human Rights Watch, a rights group based in Seoul, said the returns break the law.",
    )
    assert speakers(found) == [ACTOR + "human-rights-watch"]
    assert found.sources == []


def test_rejecting_an_appeal_is_no_speech(extractor: Extractor) -> None:
    found = read(extractor, "The county court rejected the appeal of two smugglers last week.")
    assert found.claims == []


# -- what is a source ---------------------------------------------------------------------------


def test_a_source_of_income_is_no_informant(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Pine nuts are a source of income for many families in Hyesan and one of the state's "
        "main sources of foreign currency, a source in Ryanggang Province said.",
    )
    assert [s.description for s in found.sources] == ["a source in Ryanggang Province"]


def test_people_who_contact_others_are_no_contact(extractor: Extractor) -> None:
    found = read(
        extractor,
        "The MSS is tracking people who contact relatives abroad and checks contact lists on "
        "phones, a source in Ryanggang Province said.",
    )
    assert [s.description for s in found.sources] == ["a source in Ryanggang Province"]


def test_a_source_and_its_apposition_are_one_source(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Prices rose in Hyesan, a source in Ryanggang Province said. A second source, a Daily NK "
        "source in China who works with traders in Hunchun, said prices had doubled. \u201cThe "
        "buyers pay twice what they paid last year,\u201d the source said.",
    )
    assert len(found.sources) == 2
    second = found.sources[1]
    assert second.description.startswith("A second source, a Daily NK source in China who works")
    assert (second.location, second.affiliation, second.source_type) == (
        PLACE + "china",
        "works with traders",
        SOURCETYPE + "SourceInChina",
    )
    assert speakers(found) == ["#source-1", "#source-2", "#source-2"]


def test_differently_described_traders_stay_two(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Traders in Hunchun said the market was quiet. A Chinese trader in the city said orders "
        "had fallen. \u201cNobody is buying anything this month,\u201d the trader said.",
    )
    assert [(s.description, s.location) for s in found.sources] == [
        ("Traders in Hunchun", PLACE + "hunchun"),
        ("A Chinese trader in the city", PLACE + "hunchun"),
    ]
    assert speakers(found) == ["#source-1", "#source-2", "#source-2"]


def test_a_repeated_description_is_the_same_source(extractor: Extractor) -> None:
    found = read(
        extractor,
        "Checks were tightened, sources in Ryanggang Province said.\n\n\u201cThe guards search "
        "every bag now,\u201d a source in Ryanggang Province told Daily NK.",
    )
    assert len(found.sources) == 1
    assert speakers(found) == ["#source-1", "#source-1"]


def test_the_affiliation_is_the_role_never_the_outlet(extractor: Extractor) -> None:
    found = read(
        extractor,
        "A Daily NK source in China said the bridge was closed. A security official in Hyesan "
        "said the checks would continue.",
    )
    assert [s.affiliation for s in found.sources] == [None, "security official"]


def test_the_city_is_the_one_the_text_calls_a_city(extractor: Extractor) -> None:
    found = read(
        extractor,
        "In Tumen, the city that faces the North Korean town of Namyang across the river, police "
        "have put up new lights. Residents of the city said the road is lit all night.",
    )
    residents = source(found, "Residents of the city")
    assert (residents.location, residents.source_type) == (
        PLACE + "tumen",
        SOURCETYPE + "SourceInChina",
    )

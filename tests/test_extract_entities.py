"""Entity linking: vocabulary labels and their variants, disambiguation, found entities."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from borderkg.loaders.extract import Extraction, Extractor, ExtractSettings
from borderkg.loaders.extract.text import fold
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR, LEGAL, PLACE

VOCABULARY = Path(__file__).parent / "fixtures" / "extract" / "vocabulary.ttl"
BKG = "https://w3id.org/borderkg/ontology#"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    graph = Graph().parse(VOCABULARY)
    return Extractor(vocabulary=graph, settings=ExtractSettings(use_env=False))


def extract(extractor: Extractor, text: str, art_id: str = "t1") -> Extraction:
    return extractor.extract(ArticleRecord(text=text, source="test.txt", id=art_id))


def linked(x: Extraction) -> list[tuple[str, str]]:
    """(surface, entity IRI) of every mention, in text order."""
    return [(x.text[m.span.begin : m.span.end], m.entity) for m in x.mentions]


def test_fold_keeps_every_offset_and_strips_typography() -> None:
    text = "Ch\u2019\u014fngjin \u2013 Hoery\u014fng\u2019s \u201cMSS\u201d"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "Ch'ongjin - Hoeryong's \"MSS\""


def test_longest_label_wins_over_the_shorter_one_inside_it(extractor: Extractor) -> None:
    x = extract(extractor, "Guards patrol the Tumen River and the Yalu River every night.")
    assert linked(x) == [
        ("Tumen River", PLACE + "tumen-river"),
        ("Yalu River", PLACE + "yalu-river"),
    ]


def test_diacritics_apostrophes_and_possessives_still_match(extractor: Extractor) -> None:
    x = extract(
        extractor, "Traders in Hoery\u014fng and Ch\u2019\u014fngjin met Hyesan\u2019s buyers."
    )
    assert linked(x) == [
        ("Hoery\u014fng", PLACE + "hoeryong"),
        ("Ch\u2019\u014fngjin", PLACE + "chongjin"),
        ("Hyesan", PLACE + "hyesan"),
    ]


def test_province_and_city_suffixes_and_romanisation_variants(extractor: Extractor) -> None:
    x = extract(extractor, "Officials in Yanggang Province, Hyesan City and Changbai County met.")
    assert linked(x) == [
        ("Yanggang Province", PLACE + "ryanggang"),
        ("Hyesan City", PLACE + "hyesan"),
        ("Changbai County", PLACE + "changbai"),
    ]


def test_tumen_is_the_river_after_the_and_the_city_otherwise(extractor: Extractor) -> None:
    text = (
        "Smugglers crossed the Tumen at night and walked along the Tumen. Goods from Tumen, "
        "Jilin went through Tumen customs, Tumen City and the Tumen-Namyang bridge."
    )
    x = extract(extractor, text)
    tumen = [
        (x.text[m.span.begin : m.span.end], m.entity)
        for m in x.mentions
        if "Tumen" in x.text[m.span.begin : m.span.end]
    ]
    assert tumen == [
        ("Tumen", PLACE + "tumen-river"),
        ("Tumen", PLACE + "tumen-river"),
        ("Tumen", PLACE + "tumen"),
        ("Tumen", PLACE + "tumen"),
        ("Tumen City", PLACE + "tumen"),
        ("Tumen", PLACE + "tumen"),
    ]


def test_tumen_in_the_yalu_and_tumen_rivers_is_the_river(extractor: Extractor) -> None:
    x = extract(extractor, "Guards patrol the Yalu and Tumen rivers at night.")
    assert [m.entity for m in x.mentions if x.text[m.span.begin : m.span.end] == "Tumen"] == [
        PLACE + "tumen-river"
    ]


def test_shared_abbreviation_is_resolved_by_the_country_named_before_it(
    extractor: Extractor,
) -> None:
    x = extract(extractor, "China's MSS and North Korea's MSS both watch the border.")
    mss = [m.entity for m in x.mentions if x.text[m.span.begin : m.span.end] == "MSS"]
    assert mss == [
        ACTOR + "prc-ministry-of-state-security",
        ACTOR + "dprk-ministry-of-state-security",
    ]


def test_shared_abbreviation_follows_a_place_attached_to_it(extractor: Extractor) -> None:
    x = extract(extractor, "Officers of the MSS in Hyesan questioned them.")
    assert (x.text[x.mentions[0].span.begin : x.mentions[0].span.end], x.mentions[0].entity) == (
        "MSS",
        ACTOR + "dprk-ministry-of-state-security",
    )


def test_lower_case_common_words_are_not_entities(extractor: Extractor) -> None:
    x = extract(extractor, "The border was quiet and the river was high; the china was broken.")
    assert linked(x) == []


def test_group_names_match_in_any_case_and_number(extractor: Extractor) -> None:
    x = extract(extractor, "A defector and several Smugglers paid brokers.")
    assert linked(x) == [
        ("defector", ACTOR + "defectors"),
        ("Smugglers", ACTOR + "smugglers"),
        ("brokers", ACTOR + "brokers"),
    ]


def test_bare_group_noun_takes_the_group_its_sentence_qualifies(extractor: Extractor) -> None:
    x = extract(extractor, "The brokers who deliver remittances now take half of each transfer.")
    assert linked(x) == [("brokers", ACTOR + "remittance-brokers")]


def test_authorities_of_a_country_and_the_north_are_the_country(extractor: Extractor) -> None:
    x = extract(extractor, "Chinese authorities said the North had tried to go to the South.")
    assert linked(x) == [
        ("Chinese authorities", PLACE + "china"),
        ("North", PLACE + "north-korea"),
        ("South", PLACE + "south-korea"),
    ]
    # the North that tries is the state acting; the South gone to is a place
    assert [m.role for m in x.mentions] == ["actor", "actor", "place"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Trucks from the North now cross twice a week.", "place"),
        ("Some of them were sent back to the North in May.", "place"),
        ("The source said the North has stopped all passenger trains.", "actor"),
        ("Traders fear the North will close the market again.", "actor"),
        ("Officials believe the North reopened the crossing last spring.", "actor"),
    ],
)
def test_the_north_acting_is_the_state_and_the_north_named_as_a_place_is_a_place(
    extractor: Extractor, text: str, role: str
) -> None:
    x = extract(extractor, text)
    north = [m for m in x.mentions if m.entity == PLACE + "north-korea"]
    assert [m.role for m in north] == [role]


def test_unknown_county_gets_a_stable_unreviewed_place_shared_by_articles(
    extractor: Extractor,
) -> None:
    first = extract(extractor, "Guards in Pochon County were reinforced.", "a1")
    second = extract(extractor, "Residents of Pochon County were moved. Pochon is quiet.", "a2")
    iri = PLACE + "pochon-county"
    assert [m.entity for m in first.mentions] == [iri]
    assert [second.text[m.span.begin : m.span.end] for m in second.mentions if m.entity == iri] == [
        "Pochon County",
        "Pochon",
    ]
    found = first.entities[iri]
    assert (found.curated, found.types, found.label, found.admin_level) == (
        False,
        (BKG + "AdministrativeArea",),
        "Pochon County",
        3,
    )


def test_ministries_laws_and_places_of_sources_are_found_by_pattern(
    extractor: Extractor,
) -> None:
    text = (
        "The Ministry of Land and Environment Protection enforced the Anti-Espionage Law, "
        "a source in Kapsan said."
    )
    x = extract(extractor, text)
    assert linked(x) == [
        (
            "Ministry of Land and Environment Protection",
            ACTOR + "ministry-of-land-and-environment-protection",
        ),
        ("Anti-Espionage Law", LEGAL + "anti-espionage-law"),
        ("Kapsan", PLACE + "kapsan"),
    ]
    assert x.entities[LEGAL + "anti-espionage-law"].types == (BKG + "LegalInstrument",)
    assert x.entities[PLACE + "kapsan"].types == (BKG + "Location",)


def test_a_name_found_by_pattern_stops_before_the_date_after_it(extractor: Extractor) -> None:
    """ "the Ministry of Land Management on Thursday" is the ministry, not a body named after a
    weekday; the same for a committee and a law on something, and for months."""
    text = (
        "A trader was handed to the Ministry of Land Management on Thursday. "
        "The Standing Committee of the Provincial Assembly in March adopted the Law on the "
        "Protection of Border Rivers on Monday."
    )
    x = extract(extractor, text)
    labels = sorted(e.label for e in x.entities.values() if not e.curated)
    assert labels == [
        "Law on the Protection of Border Rivers",
        "Ministry of Land Management",
        "Standing Committee of the Provincial Assembly",
    ]


def test_a_participle_opening_the_sentence_is_not_part_of_a_law_name(extractor: Extractor) -> None:
    """ "Citing the Land Border Law, …" names the curated law, not a new "Citing the Land
    Border Law"; a name that only ends in -ing ("Housing Act") keeps its first word."""
    x = extract(
        extractor,
        "Citing the Land Border Law, the police closed the bank. "
        "Violating the Mining Act is punished. The Housing Act was passed.",
    )
    assert linked(x) == [
        ("Land Border Law", LEGAL + "land-border-law"),
        ("Mining Act", LEGAL + "mining-act"),
        ("Housing Act", LEGAL + "housing-act"),
    ]


def test_resolution_numbers_link_to_curated_or_found_resolutions(extractor: Extractor) -> None:
    x = extract(extractor, "Resolution 2397 followed UNSCR 2371 and resolutions 2270 and 2321.")
    assert [m.entity for m in x.mentions] == [
        LEGAL + "unsc-resolution-2397",
        LEGAL + "unsc-resolution-2371",
        LEGAL + "unsc-resolution-2270",
        LEGAL + "unsc-resolution-2321",
    ]
    assert x.entities[LEGAL + "unsc-resolution-2397"].curated is True
    found = x.entities[LEGAL + "unsc-resolution-2371"]
    assert (found.curated, found.label) == (False, "UN Security Council Resolution 2371")


def test_article_of_an_instrument_is_its_provision(extractor: Extractor) -> None:
    text = (
        "Critics cite Article 33 of the 1951 Refugee Convention, Article 3 of the Convention "
        "against Torture and Article 33(1) of the Refugee Convention."
    )
    x = extract(extractor, text)
    provisions = [
        (x.text[m.span.begin : m.span.end], m.entity) for m in x.mentions if "/art_" in m.entity
    ]
    assert provisions == [
        ("Article 33", LEGAL + "refugee-convention/art_33"),
        ("Article 3", LEGAL + "convention-against-torture/art_3"),
        ("Article 33(1)", LEGAL + "refugee-convention/art_33__para_1"),
    ]
    art3 = x.entities[LEGAL + "convention-against-torture/art_3"]
    assert (art3.curated, art3.part_of, art3.number, art3.types) == (
        False,
        LEGAL + "convention-against-torture",
        "3",
        (BKG + "Provision",),
    )
    para = x.entities[LEGAL + "refugee-convention/art_33__para_1"]
    assert (para.part_of, para.number) == (LEGAL + "refugee-convention/art_33", "1")
    assert x.entities[LEGAL + "refugee-convention/art_33"].curated is True


def test_named_entities_of_a_trained_pipeline_become_unreviewed_entities(
    extractor: Extractor,
) -> None:
    from spacy.tokens import Span as DocSpan

    from borderkg.loaders.extract.cues import SentenceWords
    from borderkg.loaders.extract.nlp import sentence_spans

    text = "Officials of the Sunrise Trading Bureau met in Kimchaek under the Harbour Charter."
    doc = extractor.nlp(text)
    # what a trained pipeline's recogniser would have marked
    doc.ents = [
        DocSpan(doc, 2, 6, label="ORG"),  # "the Sunrise Trading Bureau": "the" is dropped
        DocSpan(doc, 8, 9, label="GPE"),
        DocSpan(doc, 11, 13, label="LAW"),
    ]
    sentences = sentence_spans(doc, text)
    entities: dict = {}
    mentions = extractor.linker.link(
        doc, text, text, sentences, SentenceWords(text, sentences), entities, use_model=True
    )
    assert [(text[m.span.begin : m.span.end], m.entity, m.origin) for m in mentions] == [
        ("Sunrise Trading Bureau", ACTOR + "sunrise-trading-bureau", "model"),
        ("Kimchaek", PLACE + "kimchaek", "model"),
        ("Harbour Charter", LEGAL + "harbour-charter", "model"),
    ]
    assert [(e.curated, e.types) for e in entities.values()] == [
        (False, (BKG + "Organization",)),
        (False, (BKG + "Location",)),
        (False, (BKG + "LegalInstrument",)),
    ]

"""Regulations named by title, instruments referred back to by a short form (``the
Regulations``, ``the Convention``) and the instrument a bare ``Article N`` is of.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extraction, Extractor
from borderkg.ontology.namespaces import BKG, LEGAL, LEGALTYPE

JILIN = LEGAL + "jilin-provincial-border-area-management-regulations"


def legal_mentions(x: Extraction) -> list[tuple[str, str]]:
    """(text, entity) of every legal mention, in text order."""
    return [
        (x.text[m.span.begin : m.span.end], m.entity.removeprefix(LEGAL))
        for m in x.mentions
        if m.entity.startswith(LEGAL)
    ]


def test_provincial_regulations_and_their_articles_are_found(extractor: Extractor) -> None:
    text = (
        "Jilin tightens rules for border villages\n\n"
        "The Jilin Provincial Border Area Management Regulations took effect on 1 March 2025.\n"
        "Article 7 of the Regulations bars residents from approaching the Tumen River at night.\n"
        "Under Article 12, villagers must report strangers to the police.\n"
    )
    x = extract(extractor, text)
    slug = JILIN.removeprefix(LEGAL)
    assert legal_mentions(x) == [
        ("Jilin Provincial Border Area Management Regulations", slug),
        ("Article 7", slug + "/art_7"),
        ("Regulations", slug),
        ("Article 12", slug + "/art_12"),
    ]
    regs = x.entities[JILIN]
    assert (regs.curated, regs.legal_type, regs.types) == (
        False,
        str(LEGALTYPE.Regulation),
        (str(BKG.LegalInstrument),),
    )
    art = x.entities[JILIN + "/art_12"]
    assert (art.part_of, art.number, art.curated) == (JILIN, "12", False)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Regulations on the Administration of Exit and Entry of Foreigners took effect.",
            "Regulations on the Administration of Exit and Entry of Foreigners",
        ),
        (
            "Liaoning issued the Interim Measures for the Administration of Border Trade.",
            "Interim Measures for the Administration of Border Trade",
        ),
        (
            "Police enforce the Liaoning Province Border Security Regulations strictly.",
            "Liaoning Province Border Security Regulations",
        ),
        (
            "The Hyesan market posted the Anti-Smuggling Provisions at the gate.",
            "Anti-Smuggling Provisions",
        ),
    ],
)
def test_a_regulation_is_found_by_its_title(extractor: Extractor, text: str, label: str) -> None:
    x = extract(extractor, text)
    found = [e for e in x.entities.values() if e.iri.startswith(LEGAL)]
    assert [(e.label, e.legal_type) for e in found] == [(label, str(LEGALTYPE.Regulation))]


@pytest.mark.parametrize(
    "text",
    [
        "Authorities issued new regulations on phone use. The regulations ban handsets.",
        "The border rules were tightened after the floods.",
        "Measures to curb smuggling were announced in March.",
        "Emergency Quarantine Measures were imposed in Hyesan last week.",
        "Officials said Strict Measures had been ordered.",
        "China Tightens Border Rules For Villages\nOfficials said the rules apply to Changbai.",
        "The United Nations Decision was welcomed by the envoys.",
        "Under Kim Jong Un's Rules of Conduct, cadres must report weekly.",
        "Under the Regulations, nobody may approach the river.",
    ],
)
def test_a_head_word_without_a_title_names_no_instrument(extractor: Extractor, text: str) -> None:
    x = extract(extractor, text)
    assert legal_mentions(x) == []


def test_a_short_form_is_the_last_instrument_of_its_kind(extractor: Extractor) -> None:
    """ "the Convention" refers back to the Refugee Convention even with a law named in
    between, and so does "Article 33 of the Convention"."""
    text = (
        "Critics cite the 1951 Refugee Convention. China acceded to the Convention in 1982. "
        "Under the Land Border Law, guards may fire. Article 33 of the Convention bars returns."
    )
    x = extract(extractor, text)
    assert legal_mentions(x) == [
        ("1951 Refugee Convention", "refugee-convention"),
        ("Convention", "refugee-convention"),
        ("Land Border Law", "prc-land-border-law"),
        ("Article 33", "refugee-convention/art_33"),
        ("Convention", "refugee-convention"),
    ]


def test_an_article_of_a_lower_case_kind_is_of_the_last_instrument_of_that_kind(
    extractor: Extractor,
) -> None:
    text = (
        "The group cited the International Covenant on Civil and Political Rights and the "
        "Land Border Law. It said Article 7 of the covenant bars cruel treatment."
    )
    x = extract(extractor, text)
    assert ("Article 7", "iccpr/art_7") in legal_mentions(x)


def test_a_bare_article_with_two_instruments_in_scope_is_of_neither(
    extractor: Extractor,
) -> None:
    text = "The Land Border Law and the Youth Education Guarantee Act apply. Article 9 bars it."
    x = extract(extractor, text)
    assert [e for _, e in legal_mentions(x) if "/art_" in e] == []


@pytest.mark.parametrize(
    ("number", "wanted"),
    [("33", "refugee-convention/art_33"), ("3", "convention-against-torture/art_3")],
)
def test_a_bare_article_beside_two_instruments_is_the_one_the_vocabulary_gives_it(
    extractor: Extractor, number: str, wanted: str
) -> None:
    text = (
        "The Refugee Convention and the Convention against Torture both apply. "
        f"Article {number} bars the returns."
    )
    x = extract(extractor, text)
    assert [e for _, e in legal_mentions(x) if "/art_" in e] == [wanted]


def test_a_bare_article_is_of_the_instrument_the_previous_sentence_names(
    extractor: Extractor,
) -> None:
    """The paragraph of "Article 12" names nothing; the sentence before names one law,
    though the text named another earlier."""
    text = (
        "The Refugee Convention was cited.\n\n"
        "The Youth Education Guarantee Act was passed.\n\n"
        "Under Article 12, guards may fire."
    )
    x = extract(extractor, text)
    assert ("Article 12", "youth-education-guarantee-act/art_12") in legal_mentions(x)


def test_a_list_of_articles_gives_each_article(extractor: Extractor) -> None:
    text = (
        "The Liaoning Province Border Security Regulations were revised. "
        "Articles 5 and 6 of the Regulations set fines."
    )
    x = extract(extractor, text)
    slug = "liaoning-province-border-security-regulations"
    provisions = [(t, e) for t, e in legal_mentions(x) if "/art_" in e]
    assert provisions == [("Articles 5", slug + "/art_5"), ("6", slug + "/art_6")]


def test_a_bare_article_after_a_curated_provision_is_of_its_instrument(
    extractor: Extractor,
) -> None:
    """ "Article 33 of the Refugee Convention" is one curated label: the convention is named
    only through its provision, and "Article 5" after it is still the convention's."""
    x = extract(extractor, "Critics cite Article 33 of the Refugee Convention. Article 5 applies.")
    assert legal_mentions(x)[-1] == ("Article 5", "refugee-convention/art_5")
    assert x.entities[LEGAL + "refugee-convention/art_5"].part_of == LEGAL + "refugee-convention"

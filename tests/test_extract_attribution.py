"""Anonymous sources, speakers, quotations, claims and the law they invoke."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from borderkg.loaders.extract import Extraction, Extractor, ExtractSettings
from borderkg.loaders.record import ArticleRecord
from borderkg.ontology.namespaces import ACTOR, LEGAL, PLACE

VOCABULARY = Path(__file__).parent / "fixtures" / "extract" / "vocabulary.ttl"
ARTICLE = "https://w3id.org/borderkg/article/t1"
SOURCETYPE = "https://w3id.org/borderkg/scheme/source-type/"
CERTAINTY = "https://w3id.org/borderkg/scheme/certainty/"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    graph = Graph().parse(VOCABULARY)
    return Extractor(vocabulary=graph, settings=ExtractSettings(use_env=False))


def extract(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(ArticleRecord(text=text, source="test.txt", id="t1"))


REPORT = (
    "Border police installed cameras in Dandong, a source in Ryanggang Province told Daily NK. "
    "\u201cThe police installed them at night,\u201d the source added. Another source in Hunchun "
    "said the cameras were new. A security official in Hyesan reportedly denied it. According "
    "to a trader in Dandong, prices rose."
)


def test_anonymous_sources_get_type_location_and_affiliation(extractor: Extractor) -> None:
    x = extract(extractor, REPORT)
    assert [
        (s.local, s.description, s.location, s.affiliation, s.source_type) for s in x.sources
    ] == [
        (
            "source-1",
            "a source in Ryanggang Province",
            PLACE + "ryanggang",
            None,
            SOURCETYPE + "SourceInNorthKorea",
        ),
        (
            "source-2",
            "Another source in Hunchun",
            PLACE + "hunchun",
            None,
            SOURCETYPE + "SourceInChina",
        ),
        (
            "source-3",
            "A security official in Hyesan",
            PLACE + "hyesan",
            "security official",
            SOURCETYPE + "SourceInNorthKorea",
        ),
        (
            "source-4",
            "a trader in Dandong",
            PLACE + "dandong",
            "trader",
            SOURCETYPE + "SourceInChina",
        ),
    ]


def test_the_source_again_is_the_same_node_with_both_spans(extractor: Extractor) -> None:
    x = extract(extractor, REPORT)
    first = x.sources[0]
    assert [x.text[s.begin : s.end] for s in first.evidence] == [
        "a source in Ryanggang Province",
        "the source",
    ]


def test_claims_are_attributed_with_their_certainty_and_hedges(extractor: Extractor) -> None:
    x = extract(extractor, REPORT)
    node = ARTICLE + "#"
    assert [(c.local, c.attributed_to, c.certainty, c.hedges) for c in x.claims] == [
        ("claim-1", node + "source-1", CERTAINTY + "Reported", []),
        ("claim-2", node + "source-1", CERTAINTY + "Reported", []),
        ("claim-3", node + "source-2", CERTAINTY + "Reported", []),
        ("claim-4", node + "source-3", CERTAINTY + "Denied", ["denied", "reportedly"]),
        ("claim-5", node + "source-4", CERTAINTY + "Reported", []),
    ]
    assert x.claims[0].about == [node + "policy-1"]
    assert x.claims[0].evidence == [x.sentences[0]]


def test_a_quotation_is_attributed_to_the_speaker_after_it(extractor: Extractor) -> None:
    x = extract(extractor, REPORT)
    [quote] = x.quotations
    assert (quote.local, quote.text, quote.attributed_to) == (
        "quote-1",
        "The police installed them at night,",
        ARTICLE + "#source-1",
    )
    assert x.text[quote.span.begin : quote.span.end] == quote.text


def test_inverted_attribution_and_a_named_organisation_speaker(extractor: Extractor) -> None:
    text = (
        "\u201cWe cannot sleep at night because of the lights along the river,\u201d said a "
        "resident in Hyesan. Amnesty International said the repatriations violate Article 33 of "
        "the Refugee Convention."
    )
    x = extract(extractor, text)
    assert [q.attributed_to for q in x.quotations] == [ARTICLE + "#source-1"]
    assert (x.sources[0].affiliation, x.sources[0].source_type) == (
        "resident",
        SOURCETYPE + "SourceInNorthKorea",
    )
    legal = x.claims[1]
    assert (legal.attributed_to, legal.invokes) == (
        ACTOR + "amnesty-international",
        [LEGAL + "refugee-convention/art_33"],
    )
    assert x.policies == []


def test_a_legal_claim_is_about_the_preceding_repatriation(extractor: Extractor) -> None:
    text = (
        "China forcibly repatriated 50 defectors in Dandong on Monday. Human Rights Watch said "
        "this breaches Article 33 of the Refugee Convention."
    )
    x = extract(extractor, text)
    claim = x.claims[-1]
    assert (claim.attributed_to, claim.invokes, claim.about) == (
        ACTOR + "human-rights-watch",
        [LEGAL + "refugee-convention/art_33"],
        [ARTICLE + "#policy-1"],
    )


def test_instruments_invoked_or_referred_to_make_a_legal_claim(extractor: Extractor) -> None:
    """ "invoked" and "referred (explicitly) to" an article are legal claims, as "violates"
    is; a law merely named is none."""
    text = (
        "Amnesty International invoked Article 3 of the Convention against Torture. "
        "Human Rights Watch referred explicitly to Article 33 of the Refugee Convention. "
        "The Refugee Convention was adopted in 1951, Human Rights Watch said."
    )
    x = extract(extractor, text)
    assert [(c.attributed_to, c.invokes) for c in x.claims if c.invokes] == [
        (ACTOR + "amnesty-international", [LEGAL + "convention-against-torture/art_3"]),
        (ACTOR + "human-rights-watch", [LEGAL + "refugee-convention/art_33"]),
    ]


def test_an_unnamed_invoker_does_not_inherit_the_paragraphs_speaker(
    extractor: Extractor,
) -> None:
    """ "Some delegations referred to Article 33" after Amnesty spoke is not Amnesty's
    claim: with nobody named, the outlet reports it."""
    text = (
        "Amnesty International said the returns must stop. Some delegations referred to "
        "Article 33 of the Refugee Convention."
    )
    record = ArticleRecord(text=text, source="test.txt", id="t1", publisher="Daily NK")
    claims = extractor.extract(record).claims
    assert [(c.attributed_to, c.invokes) for c in claims] == [
        (ACTOR + "amnesty-international", []),
        (ACTOR + "daily-nk", [LEGAL + "refugee-convention/art_33"]),
    ]


def test_an_unattributed_rumour_is_the_outlets_claim(extractor: Extractor) -> None:
    text = "Rumours are circulating that the MSS will install floodlights."
    record = ArticleRecord(text=text, source="test.txt", id="t1", publisher="Daily NK")
    [claim] = extractor.extract(record).claims
    assert (claim.certainty, claim.hedges, claim.attributed_to) == (
        CERTAINTY + "Rumoured",
        ["Rumours"],
        ACTOR + "daily-nk",
    )


def test_without_speaker_or_outlet_no_claim_is_made(extractor: Extractor) -> None:
    x = extract(extractor, "Rumours are circulating that the MSS will install floodlights.")
    assert x.claims == []
    assert [p.status for p in x.policies] == [
        "https://w3id.org/borderkg/scheme/policy-status/Rumoured"
    ]


def test_scare_quotes_are_not_quotations(extractor: Extractor) -> None:
    x = extract(extractor, "Officials called it a \u201cnon-socialist\u201d practice.")
    assert x.quotations == []


def test_sources_are_numbered_per_article(extractor: Extractor) -> None:
    one = extractor.extract(ArticleRecord(text=REPORT, source="a.txt", id="a"))
    two = extractor.extract(ArticleRecord(text=REPORT, source="b.txt", id="b"))
    assert one.node(one.sources[0].local) == "https://w3id.org/borderkg/article/a#source-1"
    assert two.node(two.sources[0].local) == "https://w3id.org/borderkg/article/b#source-1"


DENIAL = (
    "North Korean authorities have ordered households near the Yalu River to move away from "
    "the river before the summer, a source in Ryanggang Province said.\n\n"
    "County officials have denied any such plan.\n\n"
    "Residents say the guards beat people at the riverside, and officials have not denied it."
)


def test_a_denial_that_tells_nothing_is_about_the_measure_told_before_it(
    extractor: Extractor,
) -> None:
    x = extract(extractor, DENIAL)
    [order] = x.policies
    denial = next(c for c in x.claims if c.sentence == 1)
    assert denial.certainty == CERTAINTY + "Denied"
    assert denial.about == [ARTICLE + "#" + order.local]


def test_a_negated_denial_denies_nothing(extractor: Extractor) -> None:
    x = extract(extractor, DENIAL)
    last = next(c for c in x.claims if c.sentence == 2)
    assert last.certainty != CERTAINTY + "Denied"
    assert "denied" not in last.hedges


def test_a_denial_points_back_only_a_few_sentences_and_one_paragraph(
    extractor: Extractor,
) -> None:
    far = DENIAL.replace(
        "\n\nCounty officials",
        "\n\nThe weather was cold.\n\nMarkets were quiet.\n\nCounty officials",
    )
    x = extract(extractor, far)
    denial = next(c for c in x.claims if c.certainty == CERTAINTY + "Denied")
    assert denial.about == []


def test_to_deny_people_a_right_is_not_to_deny_a_claim(extractor: Extractor) -> None:
    text = (
        "Human Rights Watch said that returning them breaches Article 33 of the Refugee "
        "Convention and denies them the right to leave any country.\n\n"
        "Officials denied the rights abuses."
    )
    x = extract(extractor, text)
    certainty = {c.sentence: c.certainty for c in x.claims}
    assert certainty[0] != CERTAINTY + "Denied"
    assert certainty[1] == CERTAINTY + "Denied"


def test_believed_to_be_describing_a_noun_does_not_hedge_the_claim(extractor: Extractor) -> None:
    text = (
        "Police in Hyesan questioned every household with a member believed to be in China, a "
        "source in Ryanggang Province said.\n\n"
        "The broker is believed to be in China, the source said."
    )
    x = extract(extractor, text)
    assert [(c.certainty, c.hedges) for c in x.claims] == [
        (CERTAINTY + "Reported", []),
        (CERTAINTY + "Rumoured", ["believed to be"]),
    ]

"""Bodies the vocabulary lacks found by the shape of their names, and legal bases cited after
the measure ("as the X Law requires") or in the sentence after it ("The court convicted them
… under Article N").

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import ACTOR, ACTORTYPE


def found(extractor: Extractor, text: str) -> dict[str, str | None]:
    """Unreviewed actors of ``text``: IRI → actor type."""
    x = extract(extractor, text)
    return {
        e.iri: e.actor_type
        for e in x.entities.values()
        if not e.curated and e.iri.startswith(ACTOR)
    }


def agents(extractor: Extractor, text: str) -> set[str]:
    """Every agent of every policy of ``text``."""
    x = extract(extractor, text)
    return {a for p in x.policies for a in (*p.issued_by, *p.implemented_by)}


# -- courts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "The Tonghua Intermediate People's Court jailed two ginseng smugglers for four "
            "years last month.",
            "tonghua-intermediate-peoples-court",
        ),
        (
            "In May the Jilin Higher People's Court upheld the sentences of three brokers.",
            "jilin-higher-peoples-court",
        ),
        (
            "A judge of the Hunchun District Court fined the captain of a fishing boat.",
            "hunchun-district-court",
        ),
    ],
)
def test_a_named_court_is_a_judicial_body(extractor: Extractor, text: str, slug: str) -> None:
    assert found(extractor, text) == {ACTOR + slug: str(ACTORTYPE.Judiciary)}


@pytest.mark.parametrize(
    "text",
    [
        "A court in Hunchun fined the captain of a fishing boat.",
        "Players met at the Food Court on Friday.",
        "The Intermediate People's Court fined the captain of a fishing boat.",
    ],
)
def test_an_unnamed_court_or_a_place_called_court_is_no_body(
    extractor: Extractor, text: str
) -> None:
    assert found(extractor, text) == {}


def test_a_named_court_is_the_agent_of_its_sentence(extractor: Extractor) -> None:
    text = (
        "The Tonghua Intermediate People's Court jailed two ginseng smugglers for four years "
        "last month."
    )
    assert ACTOR + "tonghua-intermediate-peoples-court" in agents(extractor, text)


# -- police offices named by their place ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Police of the Changbai County public security bureau detained two traders.",
            "changbai-county-public-security-bureau",
        ),
        (
            "The public security bureau of Ji'an City has detained four North Koreans.",
            "jian-public-security-bureau",
        ),
        (
            "The Linjiang City public security bureau has ordered hotels to register every guest.",
            "linjiang-public-security-bureau",
        ),
    ],
)
def test_a_public_security_bureau_named_by_its_place_is_a_police_body(
    extractor: Extractor, text: str, slug: str
) -> None:
    assert found(extractor, text) == {ACTOR + slug: str(ACTORTYPE.Police)}
    assert ACTOR + slug in agents(extractor, text)


@pytest.mark.parametrize(
    ("text", "curated"),
    [
        (
            "The Dandong City public security bureau has ordered hotels to register every guest.",
            "dandong-public-security-bureau",
        ),
        (
            "The public security bureau of Yanbian Korean Autonomous Prefecture has detained "
            "four North Koreans.",
            "yanbian-public-security-bureau",
        ),
    ],
)
def test_a_bureau_the_vocabulary_has_keeps_its_curated_node(
    extractor: Extractor, text: str, curated: str
) -> None:
    assert found(extractor, text) == {}
    assert ACTOR + curated in agents(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "The county public security bureau posted new notices in the villages.",
        "The Chinese public security bureau posted new notices in the villages.",
    ],
)
def test_a_bureau_with_no_place_name_is_no_new_body(extractor: Extractor, text: str) -> None:
    assert found(extractor, text) == {}


# -- China's coast guard ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Last week the Chinese coast guard seized two boats carrying crab near Donggang.",
        "China's coast guard stopped a North Korean fishing boat in the Yellow Sea in March.",
        "The China Coast Guard has increased patrols off Dandong since April.",
    ],
)
def test_every_wording_of_chinas_coast_guard_is_one_body(extractor: Extractor, text: str) -> None:
    assert found(extractor, text) == {ACTOR + "china-coast-guard": str(ACTORTYPE.BorderGuard)}


def test_the_coast_guard_is_the_agent_of_its_seizure(extractor: Extractor) -> None:
    text = "Last week the Chinese coast guard seized two boats carrying crab near Donggang."
    assert ACTOR + "china-coast-guard" in agents(extractor, text)


# -- NGOs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "The Border Crossers Support Network said the women were sent back on Tuesday.",
            "border-crossers-support-network",
        ),
        (
            "The Yalu Refugee Relief Foundation urged Beijing to stop the returns.",
            "yalu-refugee-relief-foundation",
        ),
    ],
)
def test_a_name_ending_in_an_ngo_head_word_is_an_ngo(
    extractor: Extractor, text: str, slug: str
) -> None:
    assert found(extractor, text) == {ACTOR + slug: str(ACTORTYPE.NGO)}


def test_an_ngo_is_never_the_agent_of_a_measure(extractor: Extractor) -> None:
    text = "The Border Crossers Support Network said China sent the women back on Tuesday."
    assert not any("network" in a for a in agents(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Guards took the women to the Sinuiju Holding Centre on Friday.",
        "In April the Ryanggang Provincial Party Committee banned the sale of Chinese phones.",
        "The UN Committee met in Geneva on Monday.",
    ],
)
def test_sites_curated_bodies_and_one_word_names_mint_no_ngo(
    extractor: Extractor, text: str
) -> None:
    assert found(extractor, text) == {}


def test_a_central_commission_for_a_task_is_one_body(extractor: Extractor) -> None:
    text = "The Central Commission for Discipline Inspection opened a case against a customs chief."
    assert ACTOR + "central-commission-for-discipline-inspection" in found(extractor, text)


# -- legal bases --------------------------------------------------------------------------------


def _bases(extractor: Extractor, text: str) -> set[str]:
    x = extract(extractor, text)
    return {b.rsplit("/", 1)[-1] for p in x.policies for b in p.legal_basis}


@pytest.mark.parametrize(
    "text",
    [
        "Landlords must report foreign tenants within a day, as required by the Exit and Entry "
        "Administration Law.",
        "Landlords must report foreign tenants within a day, as the Exit and Entry "
        "Administration Law requires.",
    ],
)
def test_a_law_a_rule_is_required_by_is_its_basis(extractor: Extractor, text: str) -> None:
    assert _bases(extractor, text) == {"prc-exit-entry-administration-law"}


def test_a_law_a_rule_breaks_is_no_basis(extractor: Extractor) -> None:
    text = (
        "Landlords must now report foreign tenants within a day, which lawyers say goes "
        "against the Exit and Entry Administration Law."
    )
    assert _bases(extractor, text) == set()


def test_the_article_a_court_convicted_under_is_the_basis_of_its_sentencing(
    extractor: Extractor,
) -> None:
    text = (
        "The Harbin Intermediate People's Court sentenced three smugglers to five years in "
        "prison on Monday. The court convicted them of smuggling under Article 153 of China's "
        "Criminal Law."
    )
    assert _bases(extractor, text) == {"art_153"}


def test_a_later_sentence_about_another_case_lends_no_basis(extractor: Extractor) -> None:
    text = (
        "The Harbin Intermediate People's Court sentenced three smugglers to five years in "
        "prison on Monday. Article 153 of China's Criminal Law punishes smuggling."
    )
    assert _bases(extractor, text) == set()


def test_a_municipal_bureau_is_the_citys_curated_bureau_and_speaks_its_denial(
    extractor: Extractor,
) -> None:
    text = (
        "A source said border police had put up motion sensors near Hekou last month. "
        "The Dandong municipal public security bureau rejected that account on Monday. "
        "In a notice posted online, it said no sensors had been installed."
    )
    x = extract(extractor, text)
    bureau = ACTOR + "dandong-public-security-bureau"
    assert bureau in x.mentioned()
    speakers = {
        x.text[c.evidence[0].begin : c.evidence[0].end][:20]: c.attributed_to for c in x.claims
    }
    assert speakers.get("The Dandong municipa") == bureau
    (rejecting,) = [
        c
        for c in x.claims
        if "rejected that account" in x.text[c.evidence[0].begin : c.evidence[0].end]
    ]
    assert rejecting.certainty.endswith("/Denied")
    assert speakers.get("In a notice posted o") == bureau


def test_a_provincial_peoples_committee_is_a_north_korean_local_authority(
    extractor: Extractor,
) -> None:
    text = "The North Hamgyong Provincial People's Committee ordered new fences along the Tumen."
    bodies = found(extractor, text)
    iri = ACTOR + "north-hamgyong-provincial-peoples-committee"
    assert bodies.get(iri) == str(ACTORTYPE.LocalAuthority)
    assert iri in agents(extractor, text)

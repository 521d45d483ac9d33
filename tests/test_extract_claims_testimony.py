"""Claims, sources and generic statements: a provision cited as protecting a right is
invoked, a habitual present about a class of people is no event, and a person said to have
left North Korea is a defector source whose departure is a Defection (invented sentences)."""

from __future__ import annotations

from extracthelp import extract

from borderkg.loaders.extract import Extraction, Extractor

_ICCPR_12 = "legal/iccpr/art_12"
_CAT_3 = "legal/convention-against-torture/art_3"


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _claim_of(found: Extraction, words: str):
    """The claim whose sentence holds ``words``."""
    start = found.text.index(words)
    for claim in found.claims:
        if any(span.begin <= start < span.end for span in claim.evidence):
            return claim
    raise AssertionError(f"no claim at {words!r}")


def _types(found: Extraction) -> list[str]:
    return [_local(e.event_type) for e in found.events]


def _about_repatriation(found: Extraction, claim) -> bool:
    """Whether a claim is about a forced repatriation (the measure or its event)."""
    nodes = {found.node(p.local): _local(p.measure_type) for p in found.policies}
    nodes |= {found.node(e.local): _local(e.event_type) for e in found.events}
    return any(nodes.get(iri) == "ForcedRepatriation" for iri in claim.about)


# -- a provision cited as protecting a right --------------------------------------------------


def test_provision_said_to_protect_a_right_in_a_quoted_statement_is_invoked(
    extractor: Extractor,
) -> None:
    text = (
        "Human Rights Watch criticised the forced repatriation of 30 North Koreans from Dandong "
        'in March. "Article 12 of the International Covenant on Civil and Political Rights '
        'protects the right of everyone to leave any country," the group said.'
    )
    found = extract(extractor, text)
    claim = _claim_of(found, "protects the right")
    assert any(_ICCPR_12 in iri for iri in claim.invokes), claim.invokes
    assert _about_repatriation(found, claim), claim.about


def test_right_guaranteed_by_a_provision_is_invoked_against_the_measure(
    extractor: Extractor,
) -> None:
    text = (
        "Human Rights Watch condemned the repatriation of 25 people from Hunchun in April, "
        "saying they were exercising the right to leave their own country, which is "
        "guaranteed by Article 12 of the International Covenant on Civil and Political Rights."
    )
    claim = _claim_of(extract(extractor, text), "guaranteed by")
    assert any(_ICCPR_12 in iri for iri in claim.invokes), claim.invokes


def test_provision_merely_mentioned_is_not_invoked(extractor: Extractor) -> None:
    text = (
        "Human Rights Watch said Article 12 of the International Covenant on Civil and "
        "Political Rights was discussed at the meeting."
    )
    assert _claim_of(extract(extractor, text), "was discussed").invokes == []


# -- a habitual present about a class of people ----------------------------------------------


def test_habitual_present_about_returnees_is_no_event_and_claim_is_about_the_return(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese police forcibly returned 40 North Koreans from Tumen on March 3, Human Rights "
        "Watch said. The group said China is bound by Article 3 of the Convention against "
        "Torture and that people who are sent back are usually beaten and sent to labour camps."
    )
    found = extract(extractor, text)
    assert "Punishment" not in _types(found)
    claim = _claim_of(found, "usually beaten")
    assert any(_CAT_3 in iri for iri in claim.invokes), claim.invokes
    assert _about_repatriation(found, claim), claim.about


def test_coordinated_present_passives_of_a_class_report_no_punishment(
    extractor: Extractor,
) -> None:
    text = "Those caught at the river are typically beaten and imprisoned, the group said."
    assert "Punishment" not in _types(extract(extractor, text))


def test_particular_people_beaten_and_sent_to_a_camp_are_still_an_event(
    extractor: Extractor,
) -> None:
    past = "Last month the two women were beaten and sent to a labour camp, the source said."
    present = "The three men are beaten and imprisoned in Hyesan, the source said."
    assert "Punishment" in _types(extract(extractor, past))
    assert "Punishment" in _types(extract(extractor, present))


# -- defector testimony ---------------------------------------------------------------------


def test_person_who_left_north_korea_is_a_defector_source_with_her_quotes(
    extractor: Extractor,
) -> None:
    text = (
        "A man who left North Korea last spring and now lives in Seoul told Daily NK that the "
        'guards took bribes.\n\n"We paid them in cigarettes," he said.'
    )
    found = extract(extractor, text)
    assert [_local(s.source_type) for s in found.sources] == ["Defector"]
    source = found.sources[0]
    assert source.description == "A man who left North Korea last spring"
    speaker = found.node(source.local)
    assert _claim_of(found, "took bribes").attributed_to == speaker
    assert [q.attributed_to for q in found.quotations] == [speaker]


def test_departure_of_a_defector_source_is_a_defection_dated_by_its_clause(
    extractor: Extractor,
) -> None:
    text = "A woman who left North Korea last autumn said the guards had been paid."
    found = extract(extractor, text)
    defections = [e for e in found.events if _local(e.event_type) == "Defection"]
    assert len(defections) == 1
    event = defections[0]
    assert text[event.evidence[0].begin : event.evidence[0].end] == "left North Korea"
    assert event.time is not None and event.time.expression == "last autumn"


def test_named_defector_is_a_source_described_without_the_name(
    extractor: Extractor,
) -> None:
    text = "Choi, who fled North Korea in 2019, said the guards had been paid."
    found = extract(extractor, text)
    assert [_local(s.source_type) for s in found.sources] == ["Defector"]
    assert "Choi" not in found.sources[0].description
    assert all("Choi" not in text[s.begin : s.end] for s in found.sources[0].evidence)
    assert _claim_of(found, "had been paid").attributed_to == found.node("source-1")
    assert "Defection" in _types(found)


def test_quote_inversion_names_a_defector_after_the_verb(
    extractor: Extractor,
) -> None:
    text = '"We waited for an hour," said Lee, who left the North in 2021.'
    found = extract(extractor, text)
    assert [_local(s.source_type) for s in found.sources] == ["Defector"]
    assert found.quotations[0].attributed_to == found.node("source-1")


def test_role_noun_with_a_departure_clause_is_a_defector(extractor: Extractor) -> None:
    text = "A trader who fled the North in 2018 said rice prices had risen."
    found = extract(extractor, text)
    assert [_local(s.source_type) for s in found.sources] == ["Defector"]
    assert found.sources[0].description == "A trader who fled the North in 2018"


def test_two_defectors_of_one_article_are_two_sources(extractor: Extractor) -> None:
    text = (
        "A woman who left North Korea in 2020 said the fence was new. A man who left North "
        "Korea in 2022 said the guards were armed."
    )
    found = extract(extractor, text)
    assert len(found.sources) == 2
    assert {_local(s.source_type) for s in found.sources} == {"Defector"}


def test_interviewees_who_left_north_korea_are_no_source(extractor: Extractor) -> None:
    text = (
        "The report is based on interviews with 30 people who left North Korea between 2019 "
        "and 2023, the group said."
    )
    found = extract(extractor, text)
    assert "Defector" not in {_local(s.source_type) for s in found.sources}
    assert "Defection" not in _types(found)

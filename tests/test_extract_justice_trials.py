"""Trials and sentences passed are measures: people who stood trial, went on trial, were put
on trial or will stand trial, and a sentence told without its length ("Three smugglers were
sentenced last month"), typed by the crime. A pronoun that names people already told of
("They were sentenced") is the same case, not a new measure. A trial before an assembled
audience is a public punishment, and a sentence passed at a public trial the article reports
(in its sentence, or of those it tried, after it) is that trial. A penalty a law or a warning
promises ("can be sentenced to ten years") is left to the rule frames, and "trial" or
"sentence" in other senses (a test, a trial period, a sentence of grammar, "tried to cross")
is no measure. What the frames tell as judicial, the merge recognises as judicial too (one
shared definition, ``justice_words``).

Every sentence is invented for these tests (none comes from an article or a gold file).
"""

from __future__ import annotations

import pytest
from extracthelp import extract, pairs, policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.justice_words import JUDICIAL, judicial
from borderkg.loaders.extract.text import fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Five people stood trial in Hyesan last week for smuggling copper into China.",
            ("SmugglingCrackdown", "CarriedOut"),
        ),
        (
            "The two brokers went on trial in Yanji on Monday for helping defectors cross the "
            "Tumen.",
            ("DefectionCrackdown", "CarriedOut"),
        ),
        (
            "Four women were put on trial in Hyesan for using Chinese phones.",
            ("PhoneCrackdown", "CarriedOut"),
        ),
        (
            "Three men were tried in Hyesan last week for smuggling copper.",
            ("SmugglingCrackdown", "CarriedOut"),
        ),
        (
            "The broker will stand trial next month for smuggling copper.",
            ("SmugglingCrackdown", "Planned"),
        ),
        (
            "Residents were told that the smugglers will stand trial in March.",
            ("SmugglingCrackdown", "Announced"),
        ),
    ],
)
def test_a_trial_held_or_to_come_is_a_measure_typed_by_its_crime(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three smugglers were sentenced last month.", ("SmugglingCrackdown", "CarriedOut")),
        (
            "The two guards were convicted of taking bribes from smugglers.",
            ("SmugglingCrackdown", "CarriedOut"),
        ),
        (
            "Two brokers have been sentenced in Yanji for guiding North Koreans across the Tumen.",
            ("DefectionCrackdown", "CarriedOut"),
        ),
    ],
)
def test_a_sentence_passed_without_its_length_is_a_measure(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert policies(extractor, text) == [expected]


@pytest.mark.parametrize(
    "second",
    [
        "They were sentenced on Monday.",
        "He was sentenced in June.",
        "They stood trial last week.",
        "They will stand trial next month.",
    ],
)
def test_people_named_by_a_pronoun_are_the_case_already_told(
    extractor: Extractor, second: str
) -> None:
    text = "Police in Hyesan arrested a broker in March. " + second
    assert policies(extractor, text) == [("Crackdown", "CarriedOut")]


@pytest.mark.parametrize(
    "text",
    [
        "The trial of the new scanners began at the Dandong customs post last week.",
        "Traders say the trial period for the new rules ends in July.",
        "The source did not finish the sentence.",
        "A similar system was tried in Sinuiju in 2018 but was switched off after a few months.",
        "Two defectors tried to cross the river last week.",
        "The new scanners were tried for two weeks at the customs post.",
        "The court tried to reach the families.",
        "None of those arrested has been sentenced yet, the source said.",
        "The brokers, who stood trial in March, were released in June.",
        "Women who had been sentenced to labour camps were released in the amnesty.",
        "The broker faces trial for guiding North Koreans across the river.",
    ],
)
def test_trial_and_sentence_in_other_senses_or_of_people_described_are_no_measure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Under the Criminal Law, smugglers can be sentenced to ten years in prison.",
        "Article 63 says that those who flee can be sentenced to five years.",
    ],
)
def test_a_penalty_a_law_promises_is_no_sentence_passed(extractor: Extractor, text: str) -> None:
    assert all(status != "CarriedOut" for _, status in policies(extractor, text))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Two guards stood trial before a crowd of villagers in Hyesan on Monday.", "CarriedOut"),
        (
            "Residents were warned that anyone caught selling squid to Chinese boats will stand "
            "trial before their neighbours.",
            "Announced",
        ),
        (
            "A court in Hyesan tried two brokers before some 5,000 people at the stadium.",
            "CarriedOut",
        ),
    ],
)
def test_a_trial_before_an_assembled_audience_is_a_public_punishment(
    extractor: Extractor, text: str, status: str
) -> None:
    assert policies(extractor, text) == [("PublicPunishment", status)]


@pytest.mark.parametrize(
    "text",
    [
        "Three smugglers were sentenced at a public trial in Hyesan last week.",
        "Two guards were tried in front of their company in Hyesan last week. Both were "
        "sentenced to long terms in a labour camp.",
        "North Korean authorities held a public trial at a stadium in Hyesan last Friday. "
        "Thousands of people were ordered to attend. Prosecutors read out the charges. "
        "Two of the accused were given ten years of reform through labour.",
    ],
)
def test_a_sentence_passed_at_a_public_trial_is_that_trial(extractor: Extractor, text: str) -> None:
    assert policies(extractor, text) == [("PublicPunishment", "CarriedOut")]


def test_a_sentence_after_an_execution_before_a_crowd_stays_a_measure_of_its_own(
    extractor: Extractor,
) -> None:
    text = (
        "One soldier was executed by firing squad in front of residents in Hoeryong on 12 "
        "May. The second soldier was sentenced to ten years in a re-education camp."
    )
    found = policies(extractor, text)
    assert ("PublicPunishment", "CarriedOut") in found
    assert any(t.endswith("Crackdown") for t, _ in found)


def test_the_charge_a_court_names_does_not_type_the_police_arrests(
    extractor: Extractor,
) -> None:
    text = (
        "A court in Longjing sentenced four members of a ring that sold North Korean women "
        "to farmers to between five and nine years in prison. The four were convicted of "
        "organising illegal border crossings. The ring was broken up by Jilin provincial "
        "police in March."
    )
    found = pairs(extract(extractor, text).policies)
    assert ("DefectionCrackdown", "CarriedOut") in found
    assert ("Crackdown", "CarriedOut") in found


@pytest.mark.parametrize(
    "text",
    [
        "A court in Yanji has sentenced four people to between three and seven years.",
        "Prosecutors in Dandong have charged four traders with smuggling.",
        "Returnees are now being given at least five years at the re-education camp.",
        "Two of the traders were given suspended sentences.",
        "Prosecutors are preparing to bring a second group of suspects to trial.",
        "Five people stood trial in Hyesan last week for smuggling.",
        "The two brokers went on trial in Yanji on Monday.",
        "The broker will stand trial next month for smuggling.",
        "Three men were tried in Hyesan last week for smuggling.",
        "Three smugglers were sentenced last month.",
        "Authorities in Hyesan sentenced three smugglers last month.",
    ],
)
def test_every_judicial_frame_is_judicial_to_the_merge(extractor: Extractor, text: str) -> None:
    found = extract(extractor, text).policies
    assert found, text
    assert all(judicial(fold(text), p.evidence) for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "the trial of the new scanners",
        "a trial period",
        "defectors who tried to cross",
        "families of those sentenced were summoned",
        "a similar system was tried in Sinuiju",
    ],
)
def test_trial_words_in_other_senses_are_not_judicial(text: str) -> None:
    assert JUDICIAL.search(text) is None

"""Courts and prosecutors acting on people are measures: a court sentencing or jailing
people, prosecutors charging them, people sentenced by a named court or given sentences,
whatever the length of the sentence or how far it comes from the verb. A trial is a stage of
its own: it stays apart from the arrests of a campaign told in the same article, while
repeated mentions of one sentencing are one measure, whose legal basis a following "The court
convicted them under Article N" gives. Drug trafficking is smuggling; a sentence passed
before an assembled audience is a public punishment.

Every sentence is invented for these tests (none comes from an article or a gold file).
"""

from __future__ import annotations

import pytest
from extracthelp import extract, pairs, policies

from borderkg.loaders.extract import Extractor
from borderkg.ontology.namespaces import LEGAL


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A court in Hunchun last Monday sentenced five members of a gang that moved cash "
            "from defectors in Seoul to relatives in Musan.",
            ("Crackdown", "CarriedOut"),
        ),
        (
            "Prosecutors in Hunchun have charged six Korean-Chinese with smuggling copper "
            "from North Korea.",
            ("SmugglingCrackdown", "CarriedOut"),
        ),
        (
            "A court in Hunchun sentenced the former head of the customs post at Quanhe to "
            "six years in prison on Monday.",
            ("Crackdown", "CarriedOut"),
        ),
        (
            "Chinese courts have sentenced at least 30 ethnic Koreans for helping North "
            "Koreans cross the river since 2021.",
            ("DefectionCrackdown", "CarriedOut"),
        ),
        (
            "The two guards were sentenced by a military court in the county last month to "
            "a year of labour training.",
            ("Crackdown", "CarriedOut"),
        ),
    ],
)
def test_court_or_prosecutors_acting_on_people_is_a_measure(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in policies(extractor, text)


def test_prosecutors_expected_to_charge_is_planned(extractor: Extractor) -> None:
    text = "Prosecutors are expected to charge the two brokers under Article 318."
    assert policies(extractor, text) == [("Crackdown", "Planned")]


@pytest.mark.parametrize(
    "text",
    [
        "The court building in Yanji was repainted last year.",
        "The court said it had sentenced nobody.",
    ],
)
def test_court_without_a_judicial_act_on_people_is_no_measure(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == []


def test_trial_stays_apart_from_the_arrests_of_a_campaign(extractor: Extractor) -> None:
    text = (
        "A court in Hunchun has sentenced four people for running a money transfer network "
        "between Seoul and Musan. Chinese police arrested the group in Hunchun in May "
        "after tracing their calls on smuggled phones."
    )
    found = pairs(extract(extractor, text).policies)
    assert ("Crackdown", "CarriedOut") in found
    assert ("PhoneCrackdown", "CarriedOut") in found


def test_trial_stays_apart_from_the_police_arrests_of_the_same_people(
    extractor: Extractor,
) -> None:
    text = (
        "Chinese police arrested four members of a ring in Hunchun in March for guiding North "
        "Koreans across the Tumen. A court in Hunchun sentenced the four on Monday to between "
        "three and six years for guiding North Koreans across the river."
    )
    found = pairs(extract(extractor, text).policies)
    assert found.count(("DefectionCrackdown", "CarriedOut")) == 2


def test_one_sentencing_told_three_times_is_one_measure_with_its_basis(
    extractor: Extractor,
) -> None:
    text = (
        "A court in Hunchun has sentenced four people for running a money transfer network "
        "between Seoul and Musan. The Yanbian Intermediate People's Court in Hunchun sentenced "
        "the leader of the network to six years in prison on 3 October. The court convicted "
        "them of illegal business operations under Article 225 of China's Criminal Law. "
        "Two other members of the network received sentences of two years."
    )
    found = extract(extractor, text).policies
    assert pairs(found) == [("Crackdown", "CarriedOut")]
    assert f"{LEGAL}prc-criminal-law/art_225" in found[0].legal_basis


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two of the Chinese buyers who dealt with him were given suspended sentences on "
            "the same day.",
            ("Crackdown", "CarriedOut"),
        ),
        (
            "Courts in Jilin have sentenced at least six people to death since 2018 for "
            "trafficking methamphetamine from North Korea.",
            ("SmugglingCrackdown", "CarriedOut"),
        ),
        (
            "Two soldiers who had stolen fuel from the depot were sentenced to five years each "
            "before about 300 farmers and soldiers.",
            ("PublicPunishment", "CarriedOut"),
        ),
    ],
)
def test_sentence_shapes_and_their_types(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in policies(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "He said he had received a letter about the sentences.",
        "Villagers found taking the drug, the notice says, are usually sent to labour camps.",
    ],
)
def test_no_sentence_or_no_trafficking_gives_no_court_measure_or_smuggling(
    extractor: Extractor, text: str
) -> None:
    assert ("Crackdown", "CarriedOut") not in policies(extractor, text)
    assert all(t != "SmugglingCrackdown" for t, _ in policies(extractor, text))


def test_date_after_the_term_a_court_gave_is_the_measure_time(extractor: Extractor) -> None:
    text = (
        "A court in Hunchun sentenced three members of a gang that sold North Korean women to "
        "farmers in Liaoning to between four and eight years in prison on 4 May 2024, a "
        "source in Jilin Province said."
    )
    found = extract(extractor, text).policies
    assert len(found) == 1
    assert found[0].time is not None
    assert str(found[0].time.earliest) == "2024-05-04"

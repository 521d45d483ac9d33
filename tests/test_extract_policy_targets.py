"""What a crackdown is against, which mentions are no measure, and which mentions are one.

- the target of an act of enforcement gives its type, read in its own clause, in the charge
  told after it, or in the goods a check looks for;
- structures named as where something is, speakers, campaigns a measure serves and
  references back to a measure already told are no new measure;
- a sentence without a place is set where its paragraph is; a border river names no side.

Every sentence is invented for these tests (none comes from an article or a gold file).
Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor

# -- targets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the charge told after the arrest
        (
            "Two soldiers from a post near Musan were arrested by the Ministry of State Security "
            "last week, accused of taking bribes to let a family cross the ice into China.",
            "DefectionCrackdown",
        ),
        # handsets are phones
        (
            "Villagers in Hyesan were warned that anyone found with a foreign handset will be "
            "punished.",
            "PhoneCrackdown",
        ),
        # phones moved across the border are contraband
        (
            "Police in Dandong have begun searching fishing boats on the Yalu for handsets being "
            "smuggled to the North.",
            "SmugglingCrackdown",
        ),
        # people hiding in China are hunted
        (
            "The Jilin provincial police have stepped up a hunt for North Koreans living in "
            "villages near Tumen.",
            "DefectionCrackdown",
        ),
        # sheltering a North Korean is helping a defection
        (
            "Notices in Changbai warn that anyone caught sheltering one will be fined 5,000 yuan.",
            "DefectionCrackdown",
        ),
    ],
)
def test_an_act_of_enforcement_takes_the_type_of_its_target(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert [t for t, _ in policies(extractor, text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # "escape prison" is no escape across the border
        "Notices in Musan promise that brokers who confess before May will escape prison, and "
        "warn that those caught later will be sent to a labour camp.",
        # a border crossing point is no crossing of the border
        "Police have also stepped up inspections at the crossing between Tumen and Namyang.",
        # "including several traders accused of …" is told of some of them only
        pytest.param(
            "At least ten people have been detained in Hyesan since the start of the campaign, "
            "the source said, including two traders accused of buying goods from smugglers.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the sentence model retrained in session 21 reads the detentions as the "
                "smuggling crackdown (.5 or more), as heldout58's gold reads goods bought from "
                "smugglers; the rules alone keep it generic",
            ),
        ),
    ],
)
def test_words_that_only_look_like_a_target_leave_the_crackdown_generic(
    extractor: Extractor, text: str
) -> None:
    assert "DefectionCrackdown" not in [t for t, _ in policies(extractor, text)]
    assert "SmugglingCrackdown" not in [t for t, _ in policies(extractor, text)]


def test_an_arrest_in_its_own_clause_is_kept_apart_from_a_named_campaign(
    extractor: Extractor,
) -> None:
    text = (
        "Agents in Hyesan have been driving vans fitted with signal-tracking equipment since "
        "March, and three money brokers were detained in April."
    )
    assert policies(extractor, text) == [("PhoneCrackdown", "InForce"), ("Crackdown", "CarriedOut")]


def test_a_warning_that_opens_a_clause_refers_back_to_nothing(extractor: Extractor) -> None:
    text = (
        "Agents have confiscated dozens of phones in Hyesan this month. Officials also posted "
        "notices warning that those caught later will be sent to a labour camp."
    )
    assert [t for t, _ in policies(extractor, text)] == ["PhoneCrackdown", "Crackdown"]


# -- no new measure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the guard posts are where the cameras go
        (
            "Infrared cameras will be mounted on the guard posts near Musan in the spring.",
            [("CCTVInstallation", "Planned")],
        ),
        # the campaign is what the wires are for
        (
            "Soldiers have strung alarm wires along the bank near Hyesan, part of a drive to "
            "stop people crossing.",
            [("SensorInstallation", "CarriedOut")],
        ),
        # the inspectors speak; they are no measure
        (
            "The inspectors say they will make an example of the smugglers in Hyesan.",
            [],
        ),
        # a lockdown already told, used to date something else
        (
            "Sinuiju has been sealed off since early May. Chinese trucks have stopped coming "
            "since the lockdown began.",
            [("MovementRestriction", "InForce")],
        ),
    ],
)
def test_words_that_name_no_new_measure(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert policies(extractor, text) == expected


def test_a_structure_told_as_put_up_counts_even_after_a_preposition(
    extractor: Extractor,
) -> None:
    text = "Guards were posted at the new fence built last year near Hyesan."
    assert ("BarrierConstruction", "CarriedOut") in policies(extractor, text)


def test_a_measure_word_inside_a_law_title_is_no_measure(extractor: Extractor) -> None:
    text = "The ministry said the cases were handled under the 1986 repatriation agreement."
    assert policies(extractor, text) == []


# -- one measure or two ------------------------------------------------------------------------


def test_a_sentence_without_a_place_is_set_where_its_paragraph_is(extractor: Extractor) -> None:
    text = (
        "In villages along the Yalu in Kuandian County, posters offer 2,000 yuan for a tip-off "
        "about North Koreans in hiding. The same posters warn that anyone caught hiding one will "
        "be fined.\n\n"
        "In Sinuiju, the Ministry of State Security has warned families that they will be fined "
        "if a relative is caught in China."
    )
    types = [t for t, _ in policies(extractor, text)]
    assert types.count("DefectionCrackdown") == 2


def test_a_border_river_names_no_side(extractor: Extractor) -> None:
    text = (
        "North Korean soldiers have built a new fence along the Yalu River in Hyesan.\n\n"
        "They are putting up concrete posts and stringing barbed wire between them."
    )
    assert policies(extractor, text) == [("BarrierConstruction", "CarriedOut")]


@pytest.mark.xfail(
    strict=True,
    reason="round 19's type head retypes the trucks turned back as sanctions enforcement, so "
    "they no longer join the closure",
)
def test_trucks_turned_back_at_a_closed_border_join_the_closure(extractor: Extractor) -> None:
    text = (
        "North Korea closed its border with China in Sinuiju on Tuesday night. Trucks that were "
        "already loaded were turned back at the customs gate."
    )
    assert policies(extractor, text) == [("BorderClosure", "CarriedOut")]

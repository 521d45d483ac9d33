"""Which bank a measure is on, and which clause dates an event.

A place named after ``opposite``, ``facing``, ``across from``, ``looks across at`` or ``on the
other side of the river from`` is the other bank the measure faces, not where it is (the
annotation guide's *where*: where the measure applies, is carried out or is enforced): the
measure is on the bank the text names, else nowhere. A border river or a bridge lies between
the banks, and a site faced may be on either bank; a river named only to move to its other
bank ("Across the Tumen, Chinese police in Nanping …") is no place of the measure. Nor is the
place of those who heard of a measure ("There is talk in Rajin that …", "Traders in Manpo
have heard that …") where it is, unless what they heard refers back to it ("… along their
stretch of the river"). The merge still compares the places as the sentence names them, so
which measures are found does not change.

A time after an event's cue that a ``before``, ``after`` or ``until`` clause opens dates that
clause ("held in detention centres before being handed over on 9 October": the handover's
date, not the detention's).

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import extract, places_by_policy

from borderkg.loaders.extract import Extractor


@pytest.mark.parametrize(
    "text",
    [
        "Chinese border police have put up a new fence on the Chinese bank across from Hyesan.",
        "China has installed cameras opposite Sinuiju.",
        "Chinese troops built a watchtower facing Hyesan last month.",
        "Chinese police have set up a checkpoint on the road opposite the Chinese city of Tumen.",
        "Chinese troops have put up camera towers on the hills facing Sakju County in North Korea.",
    ],
)
def test_the_bank_faced_is_not_the_measures_place(extractor: Extractor, text: str) -> None:
    assert places_by_policy(extractor, text) == [[]]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("North Korean guards in Hyesan have put up a fence facing Changbai.", ["hyesan"]),
        ("Chinese border police have doubled patrols in Changbai, opposite Hyesan.", ["changbai"]),
        (
            "Chinese border police put up floodlights along the Tumen River opposite Onsong.",
            ["tumen-river"],
        ),
        (
            "Chinese border police have put up floodlights along the Yalu River facing Sakju "
            "and Uiju.",
            ["yalu-river"],
        ),
        (
            "Police in Ji'an, the city facing North Korea's Manpo, have set up a checkpoint on "
            "the riverside road.",
            ["jian"],
        ),
        (
            "Chinese police closed the riverside square in Changbai that looks across the river "
            "at Hyesan on Monday.",
            ["changbai"],
        ),
    ],
)
def test_the_measure_is_on_the_bank_the_text_names(
    extractor: Extractor, text: str, places: list[str]
) -> None:
    assert places_by_policy(extractor, text) == [places]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Across the Tumen, Chinese border police in Nanping have fitted motion sensors to "
            "the fence.",
            ["nanping"],
        ),
        (
            "In Hoeryong, across the Tumen from Longjing, the Ministry of State Security has "
            "ordered families to report every call.",
            ["hoeryong"],
        ),
    ],
)
def test_a_river_crossed_to_the_other_bank_is_not_the_place(
    extractor: Extractor, text: str, places: list[str]
) -> None:
    assert places_by_policy(extractor, text) == [places]


def test_a_river_goods_are_carried_across_stays(extractor: Extractor) -> None:
    text = (
        "Border guards in Chasong caught five smugglers carrying flour across the frozen Yalu "
        "River."
    )
    assert places_by_policy(extractor, text) == [["chasong", "yalu-river"]]


def test_a_river_faced_is_where_the_measure_is(extractor: Extractor) -> None:
    text = (
        "North Korean guards have installed cameras on the embankment facing the Yalu River in "
        "Sinuiju."
    )
    assert places_by_policy(extractor, text) == [["sinuiju", "yalu-river"]]


def test_a_site_faced_may_be_on_the_same_bank(extractor: Extractor) -> None:
    text = (
        "Chinese police ordered hotels with windows facing Dandong station to keep their "
        "curtains drawn."
    )
    assert places_by_policy(extractor, text) == [["dandong"]]


def test_a_place_people_are_handed_across_from_is_not_faced(extractor: Extractor) -> None:
    text = "Chinese police handed 50 North Koreans back across the river from Tumen on Monday."
    assert places_by_policy(extractor, text) == [["tumen"]]


def test_a_reference_to_the_county_faced_is_not_the_place(extractor: Extractor) -> None:
    text = (
        "Guards in Onsong were reinforced last month. Chinese police have put up new cameras on "
        "the embankment facing the county."
    )
    assert places_by_policy(extractor, text) == [["onsong"], []]


def test_the_merge_still_tells_the_banks_apart(extractor: Extractor) -> None:
    text = (
        "Cameras have been installed on the embankment opposite Hyesan. Cameras have also been "
        "installed in Changbai."
    )
    assert places_by_policy(extractor, text) == [[], ["changbai"]]


@pytest.mark.parametrize(
    "text",
    [
        "Rumours are circulating in Hyesan that private trips will be suspended from October.",
        "Traders in Manpo have heard that the authorities will ban all textile orders from China.",
        "In Yanji, brokers have heard that the police will install cameras at the checkpoints.",
        "Chinese traders in Changbai say they have heard that customs will soon require every "
        "lorry to pass through a scanner.",
    ],
)
def test_where_a_measure_was_heard_of_is_not_its_place(extractor: Extractor, text: str) -> None:
    assert places_by_policy(extractor, text) == [[]]


def test_a_reference_to_the_talk_place_is_not_its_place(extractor: Extractor) -> None:
    text = (
        "Guards were reinforced in Musan last month. There is talk in the county that the two "
        "women will be tried in public."
    )
    assert places_by_policy(extractor, text) == [["musan"], []]


def test_what_was_heard_may_name_the_measures_own_place(extractor: Extractor) -> None:
    text = "There is talk in Rajin that fishing boats will be banned from mooring in Sinuiju."
    assert places_by_policy(extractor, text) == [["sinuiju"]]


def test_a_heard_clause_referring_back_keeps_the_hearers_place(extractor: Extractor) -> None:
    text = (
        "Residents of Sanhe have heard that the devices will be put up along their stretch of "
        "the river before the autumn."
    )
    assert places_by_policy(extractor, text) == [["sanhe"]]


def _event_times(extractor: Extractor, text: str, kind: str) -> list[str | None]:
    return [
        str(e.time.earliest) if e.time and e.time.earliest else None
        for e in extract(extractor, text).events
        if e.event_type.endswith("/" + kind)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The women were held in Chinese detention centres before being handed over on 9 October.",
        "The group spent three months in detention before being handed over to North Korean "
        "guards on 9 October.",
        "The women were detained after they crossed the river on 2 May.",
    ],
)
def test_a_later_clause_dates_its_own_act_not_the_detention(
    extractor: Extractor, text: str
) -> None:
    assert _event_times(extractor, text, "Detention") == [None]


def test_a_time_in_the_detentions_own_clause_still_dates_it(extractor: Extractor) -> None:
    text = "Police detained the women on 2 May before handing them over on 9 May."
    assert _event_times(extractor, text, "Detention") == ["2024-05-02"]


def test_a_time_after_a_noun_phrase_still_dates_the_detention(extractor: Extractor) -> None:
    text = "Three men were detained after a raid on Monday."
    assert _event_times(extractor, text, "Detention") == ["2024-05-27"]

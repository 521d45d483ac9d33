"""Which type a measure takes where the scheme's definitions tell two concepts apart.

- The scheme's TradeRestriction limits trade in goods, its MovementRestriction where people
  may go: a trade rule the sentence model reads in a sentence that tells only of people's
  trips, travel passes, visas or nights away (and names no goods, money or sale) is a
  MovementRestriction.
- The scheme's NonSocialistInspection is an inspection campaign in North Korea framed as
  against "non-socialist" conduct: an inspection team of a Chinese body is a generic
  Crackdown, and the "Socialist" of a body's name frames nothing.
- A checkpoint the border police put up is a guard post (PatrolReinforcement) unless a
  check on people passing is told: lorries looked into are a check of goods; cars stopped
  are a control of who may pass (MovementRestriction).

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary.
"""

from __future__ import annotations

import pytest
from extracthelp import policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.policy_types import refine
from borderkg.loaders.extract.policy_types_learned import proposed_type
from borderkg.ontology.namespaces import MEASURE

_TRADE, _MOVEMENT = str(MEASURE.TradeRestriction), str(MEASURE.MovementRestriction)
_INSPECTION, _CRACKDOWN = str(MEASURE.NonSocialistInspection), str(MEASURE.Crackdown)


@pytest.mark.parametrize(
    "sentence",
    [
        "Traders in Hyesan have heard that their passes may soon allow three nights in Changbai.",
        "The ministry told trading companies in Rason last week that their staff may apply for "
        "Chinese visas only through the ministry in Pyongyang.",
        "Rumours are circulating in Musan that private trips to China will be suspended.",
        "Officials are said to be holding the passports of hwagyo who returned in the spring.",
    ],
)
def test_a_trade_rule_on_peoples_trips_or_visas_is_a_movement_restriction(sentence: str) -> None:
    assert proposed_type(_TRADE, sentence) == _MOVEMENT


@pytest.mark.parametrize(
    "sentence",
    [
        "Rumours are circulating that seafood exports to Dandong will be suspended.",
        "Traders have heard that their passes will no longer cover goods carried by hand.",
        "Petrol stations were ordered not to sell fuel to visitors holding passports.",
        "Dealers say parcels may soon be allowed to travel on the trips by rail.",
    ],
)
def test_a_trade_rule_naming_goods_money_or_sale_stays_a_trade_restriction(sentence: str) -> None:
    assert proposed_type(_TRADE, sentence) == _TRADE


def test_only_the_models_trade_rules_are_retyped_by_travel_words() -> None:
    sentence = "Private trips to China will be suspended from next month."
    assert proposed_type(_CRACKDOWN, sentence) == _CRACKDOWN


def test_trips_and_visas_told_of_people_give_a_movement_restriction(
    extractor: Extractor,
) -> None:
    found = policies(
        extractor,
        "Traders in Hyesan have heard that their passes may soon allow three nights in "
        "Changbai.\n\nThe ministry told trading companies in Rason last week that their staff "
        "may apply for Chinese visas only through the ministry in Pyongyang.",
    )
    assert found and {t for t, _ in found} == {"MovementRestriction"}


def test_a_ban_on_goods_the_model_reads_stays_a_trade_restriction(extractor: Extractor) -> None:
    found = policies(
        extractor,
        "Rumours are circulating in Sinuiju that seafood exports to Dandong will be suspended "
        "from next month.",
    )
    assert ("TradeRestriction", "Rumoured") in found


def test_an_inspection_team_of_a_chinese_body_is_a_generic_crackdown(
    extractor: Extractor,
) -> None:
    found = policies(
        extractor,
        "An inspection team of the Jilin provincial government has been going through the "
        "accounts of trading companies in Hunchun since April.",
    )
    assert found and {t for t, _ in found} == {"Crackdown"}


@pytest.mark.parametrize(
    ("before", "cue", "after"),
    [
        ("A central ", "inspection team", " of the Chinese Communist Party arrived in Yanji."),
        ("The Liaoning police ", "inspection team", " has been checking hotels in Dandong."),
    ],
)
def test_a_chinese_bodys_inspection_is_no_non_socialist_campaign(
    before: str, cue: str, after: str
) -> None:
    sentence = before + cue + after
    assert refine(_INSPECTION, sentence, cue, after, before, sentence) == _CRACKDOWN


def test_an_inspection_group_from_pyongyang_stays_a_non_socialist_inspection(
    extractor: Extractor,
) -> None:
    found = policies(
        extractor,
        "An inspection group sent from Pyongyang has been going from house to house in Manpo.",
    )
    assert ("NonSocialistInspection", "CarriedOut") in found


def test_the_socialist_of_a_bodys_name_does_not_frame_the_campaign() -> None:
    before = "Joint "
    cue = "inspection teams of the police and the Socialist Youth League have been searching"
    after = " homes for smuggled goods."
    sentence = before + cue + after
    assert refine(_INSPECTION, sentence, cue, after, before, sentence) == str(
        MEASURE.SmugglingCrackdown
    )


def test_a_non_socialist_framing_keeps_the_inspection_campaign() -> None:
    before, cue = "A non-socialist ", "inspection group"
    after = " has been searching homes for smuggled goods."
    sentence = before + cue + after
    assert refine(_INSPECTION, sentence, cue, after, before, sentence) == _INSPECTION


def test_a_border_police_checkpoint_that_looks_into_lorries_is_a_guard_post(
    extractor: Extractor,
) -> None:
    found = policies(
        extractor,
        "The Chinese border police have set up a checkpoint on the road from the Tumen crossing "
        "into the town, where officers look inside every lorry that has come over from the North.",
    )
    assert ("PatrolReinforcement", "CarriedOut") in found


def test_a_border_police_checkpoint_that_stops_every_car_controls_movement(
    extractor: Extractor,
) -> None:
    found = policies(
        extractor,
        "The Chinese border police have set up a checkpoint on the road into the town, where "
        "officers stop every car.",
    )
    assert ("MovementRestriction", "CarriedOut") in found

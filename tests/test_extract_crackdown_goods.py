"""A smuggling crackdown is one aimed at goods moved across the border: what decides it.

The scheme's SmugglingCrackdown is a crackdown "on moving goods across the border outside
customs"; the plain Crackdown takes "any other or an unnamed target":

- a warning against passing goods to people on the other bank, or meeting a boat from the
  other side, is a smuggling crackdown; one against talking, waving or fishing is not;
- the learned type head may narrow a generic act to smuggling only where its sentence moves
  goods across (the river, lorries, customs, buyers on the other side) or the article's
  campaign is against smuggling (one of its sentences names it); a market sweep or seized
  stalls in an article about something else stay a Crackdown.

Every sentence is invented for these tests. Extraction runs on the shipped vocabulary; the
small type head is trained in the test so that its answer is known.
"""

from __future__ import annotations

import pytest
from extracthelp import extract, extractor, policies

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import Policy
from borderkg.loaders.extract.policy_goods_across import goods_across
from borderkg.loaders.extract.policy_heads import Heads, apply_heads, recording, using_heads
from borderkg.loaders.extract.policy_model import PolicyModel
from borderkg.loaders.extract.policy_model_train import all_classes, train

__all__ = ["extractor"]


@pytest.mark.parametrize(
    "text",
    [
        "Border police in the county told villagers last week that anyone caught passing food "
        "to people on the North Korean bank will be fined 3,000 yuan.",
        "Coast police have told fishermen in the bay that anyone found meeting a boat from the "
        "Chinese side at night will be fined.",
        "Guides on the ferry were told that anyone who lets tourists throw sweets to children on "
        "the other bank will be fined.",
    ],
)
def test_a_warning_against_passing_goods_to_the_other_bank_is_a_smuggling_crackdown(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("SmugglingCrackdown", "Announced")]


@pytest.mark.parametrize(
    "text",
    [
        "Border police in the county told villagers last week that anyone caught waving to "
        "people on the North Korean bank will be fined 3,000 yuan.",
        "Coast police have told fishermen in the bay that anyone found fishing at night will be "
        "fined.",
    ],
)
def test_a_warning_against_other_conduct_by_the_river_stays_a_crackdown(
    extractor: Extractor, text: str
) -> None:
    assert policies(extractor, text) == [("Crackdown", "Announced")]


@pytest.mark.parametrize(
    ("sentence", "across"),
    [
        ("Guards arrested four men who had carried copper across the river.", True),
        ("Police stopped two lorries bound for the bridge.", True),
        ("Agents detained three traders who sold herbs to Chinese buyers.", True),
        ("Two guards who took payment to look the other way were arrested.", True),
        ("Officers seized goods from a dozen stalls at the central market.", False),
        ("Police detained five residents who had dug gravel to sell.", False),
        ("Agents arrested two printers who made forged travel permits.", False),
    ],
)
def test_goods_across_reads_goods_moved_over_the_border(sentence: str, across: bool) -> None:
    assert goods_across(sentence) is across


@pytest.fixture(scope="module")
def smuggling_head() -> PolicyModel:
    """A type head that reads every generic arrest or seizure as a smuggling crackdown."""
    examples = [
        ("officers arrested traders . xrtcrackdown xact", {"SmugglingCrackdown": 1.0}),
        ("police seized goods . xrtcrackdown xact", {"SmugglingCrackdown": 1.0}),
        ("agents detained sellers . xrtcrackdown xact", {"SmugglingCrackdown": 1.0}),
        ("cameras were put up on the bank . xrtcctvinstallation", {"CCTVInstallation": 1.0}),
        ("a fence was built along the road . xrtbarrierconstruction", {"BarrierConstruction": 1.0}),
    ]
    model = train(examples * 4, all_classes(), iterations=150)
    model.threshold = 0.5
    return model


def _headed(extractor: Extractor, head: PolicyModel, text: str) -> list[str]:
    """The types of an article's mentions after ``head`` reads them (the rules' mentions
    recorded with no heads, then the head applied to every mention)."""
    with using_heads(None), recording() as seen:
        extract(extractor, text)
    ctx, mentions = seen[-1]
    found: list[Policy] = apply_heads(ctx, Heads(head, None), mentions)
    return [p.measure_type.rsplit("/", 1)[-1] for p in found]


def test_the_head_does_not_make_a_market_sweep_a_smuggling_crackdown(
    extractor: Extractor, smuggling_head: PolicyModel
) -> None:
    text = (
        "Officers of the city security bureau arrested six stall holders at the central market "
        "last week for selling rice without a licence, a source said."
    )
    assert _headed(extractor, smuggling_head, text) == ["Crackdown"]


def test_the_head_narrows_an_arrest_of_people_who_carried_goods_across(
    extractor: Extractor, smuggling_head: PolicyModel
) -> None:
    text = (
        "Officers of the city security bureau arrested six traders last week who had carried "
        "rice across the river at night, a source said."
    )
    assert _headed(extractor, smuggling_head, text) == ["SmugglingCrackdown"]


def test_the_head_narrows_a_plain_arrest_in_an_article_on_smuggling(
    extractor: Extractor, smuggling_head: PolicyModel
) -> None:
    text = (
        "Smuggling of copper wire has grown along the upper river this year, a source said. "
        "Officers of the city security bureau arrested six guards last week, the source said."
    )
    assert _headed(extractor, smuggling_head, text)[-1:] == ["SmugglingCrackdown"]

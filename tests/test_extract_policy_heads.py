"""The learned heads over the rules' policy mentions (``policy_heads``): what a head reads,
when it may overrule the rules' type or status and when it must not, the recording of
mentions for training, and how the trainer labels a mention from the gold.

Every sentence is invented for these tests (none comes from an article or a gold file). The
small heads here are trained in the test on invented examples, so that each rule of
overruling is checked against a model whose answers are known.
"""

from __future__ import annotations

import json
from dataclasses import replace
from importlib.resources import files

import pytest
from extracthelp import extract, extractor, pairs

from borderkg.loaders.extract import Extractor
from borderkg.loaders.extract.model import Policy, Span
from borderkg.loaders.extract.policy_heads import (
    HEADS_FILE,
    WINDOW,
    Heads,
    apply_heads,
    mention_text,
    recording,
    restatus,
    retype,
    using_heads,
)
from borderkg.loaders.extract.policy_heads_train import (
    HEADS_SETS,
    Article,
    folds_of,
    label,
    score,
    statuses,
)
from borderkg.loaders.extract.policy_model import NONE, PolicyModel
from borderkg.loaders.extract.policy_model_train import _local as local
from borderkg.loaders.extract.policy_model_train import all_classes, train
from borderkg.ontology.namespaces import MEASURE, STATUS

__all__ = ["extractor"]

_TEXT = (
    "The provincial government said on Monday that it had put up a long row of new "
    "cameras along the riverbank near the old ferry landing. Residents were told nothing."
)


@pytest.fixture(scope="module")
def recorded(extractor: Extractor) -> tuple[object, list[tuple[Policy, bool, bool]]]:
    """The context and rules' mentions of one invented article, recorded with no heads."""
    with using_heads(None), recording() as seen:
        extract(extractor, _TEXT)
    return seen[-1]


@pytest.fixture(scope="module")
def type_head() -> PolicyModel:
    """A type head that reads ``xrtcrackdown`` next to ``phones`` as a phone crackdown."""
    examples = [
        ("police searched homes for phones . xrtcrackdown", {"PhoneCrackdown": 1.0}),
        ("agents seized phones in the market . xrtcrackdown", {"PhoneCrackdown": 1.0}),
        ("guards checked phones at the bridge . xrtcrackdown", {"PhoneCrackdown": 1.0}),
        ("cameras were put up on the bank . xrtcctvinstallation", {"CCTVInstallation": 1.0}),
        ("new cameras watch the river . xrtcctvinstallation", {"CCTVInstallation": 1.0}),
        ("a fence was built along the road . xrtbarrierconstruction", {"BarrierConstruction": 1.0}),
    ]
    model = train(examples * 4, all_classes(), iterations=150)
    model.threshold = 0.5
    return model


@pytest.fixture(scope="module")
def status_head() -> PolicyModel:
    """A status head that reads ``will`` as planned and ``xrsinforce`` elsewhere as in force."""
    examples = [
        ("the county will build a fence next year . xrsinforce", {"Planned": 1.0}),
        ("officials will install lights soon . xrsinforce", {"Planned": 1.0}),
        ("the ban has been in place since spring . xrsinforce", {"InForce": 1.0}),
        ("guards have patrolled the bank all year . xrsinforce", {"InForce": 1.0}),
    ]
    model = train(examples * 4, statuses(), iterations=150)
    model.threshold = 0.5
    return model


def test_a_head_reads_the_clause_window_evidence_and_the_rules_decision(recorded) -> None:
    ctx, mentions = recorded
    policy, defaulted, act = mentions[0]
    text = mention_text(ctx, policy, defaulted, act)
    sent = ctx.sentences[policy.sentence]
    assert "xrtcctvinstallation" in text or "xrtsurveillanceinstallation" in text
    assert "xecameras" in text
    # the window stays in the mention's sentence: the next sentence is not read
    assert "residents" not in text
    assert len(text.split(" . ")[0]) <= min(sent.end - sent.begin, 2 * WINDOW + 200)


def test_a_confident_different_type_overrules_a_generic_crackdown(type_head) -> None:
    text = "police searched homes for phones . xrtcrackdown"
    assert retype(type_head, text, str(MEASURE.Crackdown)) == str(MEASURE.PhoneCrackdown)


def test_a_head_below_its_threshold_leaves_the_rules_type(type_head) -> None:
    text = "police searched homes for phones . xrtcrackdown"
    _, prob = type_head.best_type(text)
    strict = replace(type_head, threshold=prob + 1e-6)
    assert retype(strict, text, str(MEASURE.Crackdown)) == str(MEASURE.Crackdown)


def test_a_head_agreeing_with_the_rules_changes_nothing(type_head) -> None:
    text = "new cameras watch the river . xrtcctvinstallation"
    concept = str(MEASURE.CCTVInstallation)
    assert retype(type_head, text, concept) == concept


def test_a_confident_status_head_overrules_a_defaulted_status(status_head) -> None:
    text = "the county will build a fence next year . xrsinforce"
    assert restatus(status_head, text, str(STATUS.InForce)) == str(STATUS.Planned)


def test_a_status_head_never_gives_none(status_head) -> None:
    assert NONE in status_head.classes
    always_none = replace(status_head, bias=status_head.bias.copy())
    always_none.bias[status_head.classes.index(NONE)] = 50.0
    text = "the county will build a fence next year . xrsinforce"
    assert restatus(always_none, text, str(STATUS.Announced)) == str(STATUS.Announced)


def test_a_weak_scope_head_leaves_a_mention_with_its_own_cue_alone(
    recorded, type_head, status_head
) -> None:
    ctx, mentions = recorded
    policy = replace(mentions[0][0], measure_type=str(MEASURE.Crackdown))
    planted = replace(status_head, threshold=0.0)
    typed = replace(type_head, threshold=0.0)
    heads = Heads(typed, planted, type_scope="weak", status_scope="weak")
    [kept] = apply_heads(ctx, heads, [(policy, False, False)])
    assert (kept.measure_type, kept.status) == (policy.measure_type, policy.status)
    [weak] = apply_heads(ctx, heads, [(policy, True, False)])
    assert (weak.measure_type, weak.status) != (policy.measure_type, policy.status)


def test_no_heads_return_the_rules_mentions_unchanged(recorded) -> None:
    ctx, mentions = recorded
    out = apply_heads(ctx, None, mentions)
    assert [(p.measure_type, p.status) for p in out] == [
        (p.measure_type, p.status) for p, _, _ in mentions
    ]


def test_shipped_heads_do_not_overrule_a_plainly_worded_measure(extractor: Extractor) -> None:
    text = (
        "Chinese border police installed thermal cameras along the Tumen River last month, "
        "a local official said."
    )
    with using_heads(None):
        rules = pairs(extract(extractor, text).policies)
    assert pairs(extract(extractor, text).policies) == rules
    assert rules and rules[0][1] == "CarriedOut"


def test_recording_keeps_the_mentions_as_the_rules_left_them(recorded) -> None:
    ctx, mentions = recorded
    assert mentions, "the invented article reports a measure"
    policy, defaulted, act = mentions[0]
    assert ctx.folded[policy.evidence[0].begin : policy.evidence[0].end].lower().find("camera") >= 0
    assert isinstance(defaulted, bool) and isinstance(act, bool)


def test_a_mention_is_labelled_by_the_gold_evidence_it_overlaps(recorded) -> None:
    ctx, mentions = recorded
    policy = mentions[0][0]
    ev = policy.evidence[0]
    gold = [
        (ev.begin, ev.end, "CCTVInstallation", "CarriedOut"),
        (ev.begin, ev.end, "BarrierConstruction", "Planned"),
    ]
    article = Article(ctx, mentions, gold)
    own = replace(policy, measure_type=str(MEASURE.BarrierConstruction))
    # of two overlapping gold policies, the one of the rules' own type
    assert label(article, own) == ("BarrierConstruction", "Planned")
    elsewhere = replace(policy, evidence=[Span(ev.end + 1000, ev.end + 1010)])
    lone = Article(ctx, mentions, [(ev.begin, ev.end, "CCTVInstallation", "CarriedOut")])
    # no overlap: a gold policy told in the same sentence
    assert label(lone, elsewhere) == ("CCTVInstallation", "CarriedOut")
    assert label(Article(ctx, mentions, []), policy) is None


def test_shipped_heads_were_trained_on_every_analysed_set_and_not_the_blind_one() -> None:
    """The heads stay blind to every set measured after round 19 (heldout36 on) and learn from
    every set analysed before it (the sentence model has since learnt from more)."""
    data = json.loads(
        files("borderkg.loaders.extract").joinpath(HEADS_FILE).read_text(encoding="utf-8")
    )
    assert set(data["trained_on"]) == {"dev", *HEADS_SETS}
    assert not {f"heldout{n}" for n in range(36, 110)} & set(data["trained_on"])
    assert set(data["loso"]) == set(data["trained_on"])


def test_the_trainer_scores_a_set_with_the_heads_it_is_given(recorded, status_head) -> None:
    """Leave-one-set-out compares settings by re-merging a set's mentions under each pair
    of heads; a head that overrules a status must change that score (it once scored every
    setting as the rules alone)."""
    ctx, mentions = recorded
    policy = mentions[0][0]
    ev = policy.evidence[0]
    planted = replace(status_head, threshold=0.0)
    [judged] = apply_heads(ctx, Heads(None, planted), [(policy, True, False)])
    assert judged.status != policy.status
    gold = [(ev.begin, ev.end, local(policy.measure_type), local(judged.status))]
    article = Article(ctx, [(policy, True, False)], gold)
    assert score([article], None)[2] == 0.0
    assert score([article], Heads(None, planted)) == (1.0, 1.0, 1.0)


def test_sets_are_held_out_one_by_one_unless_folds_are_asked_for() -> None:
    names = [f"s{i}" for i in range(7)]
    assert folds_of(names, 0) == [[n] for n in names]
    assert folds_of(names, 7) == [[n] for n in names]
    groups = folds_of(names, 3)
    assert groups == [["s0", "s3", "s6"], ["s1", "s4"], ["s2", "s5"]]
    assert sorted(n for g in groups for n in g) == names

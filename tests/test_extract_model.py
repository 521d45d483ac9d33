"""The trained policy sentence model: training, shipped weights and the extractor hook."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
from extracthelp import pairs

from borderkg.loaders.extract import ExtractSettings, get_extractor
from borderkg.loaders.extract.policy_clause_model import clause_spans
from borderkg.loaders.extract.policy_model import (
    NONE,
    WEIGHTS_FILE,
    FeatureSettings,
    PolicyModel,
    load_shipped,
    using,
)
from borderkg.loaders.extract.policy_model_train import (
    HELDOUT,
    NEAR_BEST,
    THRESHOLDS,
    Fold,
    all_classes,
    choose,
    labelled_sentences,
    train,
)
from borderkg.loaders.readers import ReadError, ReadOptions, read_path
from borderkg.loaders.record import ArticleRecord
from borderkg.loaders.samples import sample_paths
from borderkg.ontology.namespaces import MEASURE

FIXTURES = Path(__file__).parent / "fixtures"

SMALL = FeatureSettings(dim=1 << 10)
CLASSES = ["BarrierConstruction", "CCTVInstallation", NONE]
# Invented sentences: fences against cameras against sentences about no measure.
FENCES = [
    "Soldiers built a second wire fence along the riverbank this spring.",
    "A concrete wall topped with barbed wire now runs beside the river road.",
    "Workers put up new fencing on the hills above the village last month.",
    "The barbed wire fence was raised to three metres along the bank.",
]
CAMERAS = [
    "Police installed surveillance cameras at every crossing point near the bridge.",
    "New CCTV cameras now watch the frozen river from tall poles.",
    "Dozens of cameras were mounted on the riverside posts by the border police.",
    "Surveillance cameras with night vision now cover the whole bank.",
]
OTHER = [
    "The weather was cold and the market sold apples and rice.",
    "Farmers in the valley harvested corn before the first snow.",
    "Prices of rice rose slightly in the town market this week.",
    "Children walked to school along the river road in the morning.",
]


def _examples() -> list[tuple[str, dict[str, float]]]:
    return (
        [(s, {"BarrierConstruction": 1.0}) for s in FENCES]
        + [(s, {"CCTVInstallation": 1.0}) for s in CAMERAS]
        + [(s, {NONE: 1.0}) for s in OTHER]
    )


def test_training_on_invented_sentences_separates_two_measure_types() -> None:
    model = train(_examples(), CLASSES, SMALL, iterations=150)
    assert model.predict("Guards built a taller barbed wire fence beside the river.") == (
        "BarrierConstruction"
    )
    assert model.predict("The police mounted more surveillance cameras on the bridge.") == (
        "CCTVInstallation"
    )
    assert model.predict("Farmers sold corn and apples at the market.") == NONE


def test_training_twice_on_the_same_data_gives_identical_weights() -> None:
    first = train(_examples(), CLASSES, SMALL, iterations=60)
    second = train(_examples(), CLASSES, SMALL, iterations=60)
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.bias, second.bias)
    assert np.abs(first.weights).max() > 0


def test_saved_model_reads_back_with_the_same_predictions() -> None:
    model = train(_examples(), CLASSES, SMALL, iterations=150)
    model.threshold = 0.42
    back = PolicyModel.from_json(json.loads(json.dumps(model.to_json())))
    assert back.threshold == 0.42 and back.classes == CLASSES
    for sentence in FENCES + CAMERAS + OTHER:
        assert back.predict(sentence) == model.predict(sentence)
        assert np.allclose(back.probabilities(sentence), model.probabilities(sentence), atol=0.02)


def test_sentences_are_labelled_with_the_type_of_the_gold_evidence_they_hold() -> None:
    text = "Police put up cameras. Rice was cheap. Guards built a fence and closed the gate."
    spans = [(0, 22), (23, 38), (39, len(text))]
    gold = [
        {"measure_type": "CCTVInstallation", "status": "CarriedOut", "evidence": "put up cameras"},
        {"measure_type": "BarrierConstruction", "status": "CarriedOut", "evidence": "a fence"},
        {"measure_type": "BorderClosure", "status": "CarriedOut", "evidence": "closed the gate"},
    ]
    labelled = labelled_sentences(text, spans, gold)
    assert labelled[0] == ("Police put up cameras.", {"CCTVInstallation": 1.0})
    assert labelled[1][1] == {NONE: 1.0}
    assert labelled[2][1] == {"BarrierConstruction": 0.5, "BorderClosure": 0.5}


def _fold(rules: float, model: float) -> Fold:
    return Fold((rules, rules), {t: (model, model) for t in THRESHOLDS})


def test_model_is_switched_on_only_if_the_mean_rises_and_the_least_tuned_set_holds() -> None:
    newest = HELDOUT[-1]
    rising = {"dev": _fold(0.8, 0.82), newest: _fold(0.6, 0.62)}
    assert choose(rising)[1] is True
    dropping = {"dev": _fold(0.8, 0.9), newest: _fold(0.6, 0.58)}
    assert choose(dropping)[1] is False
    flat = {"dev": _fold(0.8, 0.8), newest: _fold(0.6, 0.6)}
    assert choose(flat)[1] is False


def test_the_threshold_is_the_best_one_at_which_the_least_tuned_set_holds() -> None:
    newest = HELDOUT[-1]
    low, high = THRESHOLDS[0], THRESHOLDS[-1]
    dev = Fold((0.8, 0.8), {t: (0.95 if t == low else 0.85, 0.85) for t in THRESHOLDS})
    held = Fold((0.6, 0.6), {t: (0.58 if t == low else 0.61, 0.6) for t in THRESHOLDS})
    assert choose({"dev": dev, newest: held}) == (high, True)
    falling = Fold((0.6, 0.6), {t: (0.58, 0.6) for t in THRESHOLDS})
    assert choose({"dev": dev, newest: falling}) == (low, False)


def test_thresholds_the_folds_cannot_tell_apart_resolve_to_the_most_cautious() -> None:
    """Means within NEAR_BEST of the best are noise: the highest such threshold proposes
    fewer measures without a rule cue; a clear winner still wins."""
    low, mid = THRESHOLDS[0], THRESHOLDS[2]
    close = {
        t: (0.80 if t == low else 0.80 - NEAR_BEST / 2 if t <= mid else 0.70, 0.7)
        for t in THRESHOLDS
    }
    table = {"dev": Fold((0.7, 0.7), close), HELDOUT[-1]: _fold(0.6, 0.62)}
    assert choose(table) == (mid, True)
    clear = {t: (0.80 if t == low else 0.80 - 3 * NEAR_BEST, 0.7) for t in THRESHOLDS}
    table = {"dev": Fold((0.7, 0.7), clear), HELDOUT[-1]: _fold(0.6, 0.62)}
    assert choose(table) == (low, True)


def test_least_tuned_set_of_the_decision_is_a_parameter() -> None:
    table = {"dev": _fold(0.8, 0.9), "heldout6": _fold(0.6, 0.62), "newest": _fold(0.5, 0.48)}
    assert choose(table, least_tuned="heldout6")[1] is True
    assert choose(table, least_tuned="newest")[1] is False


def test_shipped_weights_load_as_package_data_and_score_an_invented_sentence() -> None:
    resource = files("borderkg.loaders.extract").joinpath(WEIGHTS_FILE)
    assert len(resource.read_bytes()) < 2_000_000
    model = load_shipped()
    assert model.classes == all_classes()
    assert {"trained_on", "loso"} <= set(model.meta)
    sentence = "Border police installed dozens of new surveillance cameras along the riverbank."
    ranked = sorted(
        zip(model.classes, model.probabilities(sentence), strict=True), key=lambda kv: -kv[1]
    )
    assert "CCTVInstallation" in {name for name, _ in ranked[:2]}  # a small model: near ties
    assert model.predict("The weather was mild and the market sold apples.") == NONE


def _corpus_records() -> list[ArticleRecord]:
    out = []
    for folder in sample_paths():
        for path in sorted(folder.iterdir()):
            out += [r for r in read_path(path, ReadOptions()) if not isinstance(r, ReadError)]
    return out


def _eager(model: PolicyModel) -> PolicyModel:
    """The shipped weights with a low threshold, so that the hook proposes often."""
    return PolicyModel(model.classes, model.weights, model.bias, model.settings, threshold=0.2)


@pytest.fixture(scope="module")
def eager_corpus() -> list[tuple[ArticleRecord, list, list]]:
    extractor = get_extractor(ExtractSettings(use_env=False))
    eager = _eager(load_shipped())
    out = []
    for record in _corpus_records():
        with using(None):
            rules = extractor.extract(record)
        with using(eager):
            both = extractor.extract(record)
        out.append((record, rules.policies, both))
    return out


def test_model_added_policies_have_exact_sentence_evidence_across_the_corpus(
    eager_corpus: list,
) -> None:
    added = 0
    for record, rules, both in eager_corpus:
        rule_spans = {e for p in rules for e in p.evidence}
        for policy in both.policies:
            assert policy.measure_type.startswith(str(MEASURE._NS))
            for e in policy.evidence:
                assert record.text[e.begin : e.end].strip()
                if e in rule_spans:
                    continue
                added += 1
                # a model-added policy's evidence is one whole sentence of the text, or one
                # whole clause of a sentence of several (policy_clause_model)
                assert e in both.sentences or any(
                    e in clause_spans(record.text, s) for s in both.sentences
                )
    assert added > 0


def test_the_model_only_adds_policies_never_removes_what_the_rules_found(
    eager_corpus: list,
) -> None:
    grew = 0
    for _, rules, both in eager_corpus:
        rule_evidence = {e for p in rules for e in p.evidence}
        model_evidence = {e for p in both.policies for e in p.evidence}
        assert rule_evidence <= model_evidence
        grew += len(both.policies) > len(rules)
    assert grew > 0


def test_a_proposed_measure_never_makes_a_rule_mention_redundant(monkeypatch) -> None:
    """A generic crackdown the rules find ("tightened controls") stays beside a specific one
    the model proposes earlier in the article: merging may let a rule mention join a
    proposal, never drop it for one (it once folded it away, so the model removed it)."""
    from borderkg.loaders.extract import policies as found_policies
    from borderkg.loaders.extract.policy_candidates import Candidate
    from borderkg.ontology.namespaces import STATUS

    text = (
        "Border guards there were ordered to stop all smuggling with China, a source said.\n\n"
        "The Chinese side has also tightened controls."
    )
    record = ArticleRecord(id="proposed", text=text, source="proposed")
    extractor = get_extractor(ExtractSettings(use_env=False))
    with using(None):
        rules = extractor.extract(record)
    assert [text[e.begin : e.end] for p in rules.policies for e in p.evidence] == [
        "tightened controls"
    ]

    def forced(ctx, weighed):  # the model proposing a smuggling crackdown in sentence 0
        cand = Candidate(str(MEASURE.SmugglingCrackdown), ctx.sentences[0], strong=True)
        return [(0, cand, str(STATUS.Announced), False)]

    monkeypatch.setattr(found_policies, "proposals", forced)
    both = extractor.extract(record)
    evidence = {text[e.begin : e.end] for p in both.policies for e in p.evidence}
    assert "tightened controls" in evidence
    assert len(both.policies) == 2


def _always(kind: str) -> PolicyModel:
    """A model that names ``kind`` for every sentence, sure of it: where it is asked shows."""
    shipped = load_shipped()
    bias = np.full(len(shipped.classes), -10.0)
    bias[shipped.classes.index(kind)] = 10.0
    weights = np.zeros((shipped.settings.dim, len(shipped.classes)))
    return PolicyModel(shipped.classes, weights, bias, shipped.settings, threshold=0.4)


@pytest.mark.parametrize(
    "text",
    [
        # no measure cue at all
        "The new road runs along the river to the customs house in the town.",
        # only a cue too weak alone ("cameras", no status): the rules keep nothing
        "Cameras look out over the river from the roof of the old customs house.",
    ],
)
def test_the_model_is_asked_where_the_rules_kept_no_measure(text: str) -> None:
    extractor = get_extractor(ExtractSettings(use_env=False))
    record = ArticleRecord(id="asked", text=text, source="asked")
    with using(None):
        assert extractor.extract(record).policies == []
    with using(_always("PatrolReinforcement")):
        found = extractor.extract(record)
    assert [text[e.begin : e.end] for p in found.policies for e in p.evidence] == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Border guards continue to patrol the riverbank day and night.",  # a routine
        "Trains are stopped at the station so that police can check every passenger's papers.",
        "Rights groups believe the detainees in Dandong will be sent back to the North.",
    ],
)
def test_the_model_is_not_asked_where_the_rules_set_a_cue_aside(text: str) -> None:
    """A purpose, a routine or a belief reports no measure taken: the rules' refusal
    stands, however sure the model is."""
    extractor = get_extractor(ExtractSettings(use_env=False))
    record = ArticleRecord(id="refused", text=text, source="refused")
    with using(_always("PatrolReinforcement")):
        assert extractor.extract(record).policies == []


def test_the_model_names_the_crackdown_of_an_act_whose_target_the_rules_cannot_type() -> None:
    """An act of enforcement with no target the rules know ("were taken away") is a generic
    crackdown by the rules; the model, reading the whole sentence, names the narrower one
    when it is confident (brokers and money stay the rules' call: see the targets tests)."""
    text = (
        "The families of the two soldiers who vanished from their post were taken away by "
        "state security officers."
    )
    extractor = get_extractor()
    record = ArticleRecord(text=text, source="t.txt", id="t")
    assert pairs(extractor.extract(record).policies) == [("DefectionCrackdown", "CarriedOut")]
    with using(None):
        assert pairs(extractor.extract(record).policies) == [("Crackdown", "CarriedOut")]


def test_goods_sent_across_are_no_repatriation_the_model_proposes() -> None:
    """The model reads "China sent … to North Korea" as a return of people; with goods named
    and no people, it proposes nothing."""
    extractor = get_extractor()
    aid = ArticleRecord(
        text="China sent 10,000 tonnes of rice to North Korea as aid.", source="t.txt", id="t"
    )
    assert pairs(extractor.extract(aid).policies) == []
    people = ArticleRecord(
        text="China sent 30 North Koreans back across the bridge to Sinuiju last week.",
        source="t.txt",
        id="t",
    )
    assert pairs(extractor.extract(people).policies) == [("ForcedRepatriation", "CarriedOut")]


def test_a_least_tuned_set_missing_from_the_folds_is_an_error_not_a_dropped_guard() -> None:
    table = {"dev": _fold(0.8, 0.9), "heldout6": _fold(0.6, 0.62)}
    with pytest.raises(ValueError, match="heldout99"):
        choose(table, least_tuned="heldout99")


def test_gold_sets_reads_heldout_when_called(monkeypatch: pytest.MonkeyPatch) -> None:
    from borderkg.loaders.extract import policy_model_train

    monkeypatch.setattr(policy_model_train, "HELDOUT", ("heldout2",))
    names = [name for name, _, _ in policy_model_train.gold_sets(FIXTURES)]
    assert names == ["dev", "heldout2"]


def test_a_given_threshold_ships_a_model_trained_on_every_set_without_the_folds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from borderkg.loaders.extract import policy_model_train

    monkeypatch.setattr(policy_model_train, "HELDOUT", ("heldout2",))
    out = tmp_path / "model.json"
    assert (
        policy_model_train.main(
            ["--fixtures", str(FIXTURES), "--threshold", "0.55", "--out", str(out)]
        )
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    model = PolicyModel.from_json(data)
    assert (model.threshold, model.enabled) == (0.55, True)
    assert model.meta["trained_on"] == ["dev", "heldout2"]
    assert model.meta["loso"] == {} and model.meta["thresholds_tried"] == [0.55]
    assert "no leave-one-set-out" in model.meta["decision"]


def test_the_fair_split_scores_only_the_sets_after_the_training_data(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from borderkg.loaders.extract import policy_model_train

    monkeypatch.setattr(policy_model_train, "HELDOUT", ("heldout", "heldout2"))
    assert policy_model_train.main(["--fixtures", str(FIXTURES), "--split", "heldout"]) == 0
    rows = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert "heldout2" in rows and "mean" in rows
    assert "dev" not in rows and "heldout" not in rows
    with pytest.raises(SystemExit):
        policy_model_train.main(["--fixtures", str(FIXTURES), "--split", "heldout2"])
    with pytest.raises(SystemExit):  # a split trains no model to ship at a threshold
        policy_model_train.main(["--split", "heldout", "--threshold", "0.4"])

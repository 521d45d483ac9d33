"""Train the policy sentence model and judge it by leave-one-set-out evaluation.

Run from the repository root: ``python -m borderkg.loaders.extract.policy_model_train``
(``--fixtures`` names the folder of the held-out sets, ``--out`` where the weights go;
``--no-write`` only prints the table; ``--keep-blind heldout6`` leaves a set out of the
shipped model's training; ``--threshold 0.4`` skips the leave-one-set-out table;
``--split heldout59`` only prints how a model of the sets up to heldout59 scores on the
later ones).

Each gold set (the corpus gold and ``heldout`` … ``heldout79``; a set not named in ``HELDOUT``,
such as one still being written blind, is never opened) is held out in turn: a model
trained on the others runs inside the full extractor on the held-out set, and its policies
F1 (and anchored F1) are compared with the rules alone. One threshold for all folds is chosen
to maximise the mean policies F1 over the folds among the thresholds at which the least tuned
set (``--least-tuned``, by default the last of ``HELDOUT``) does not fall. The model is switched
on only if there is such a threshold and the mean rises there; the shipped weights are then
trained on all sets, and the table goes into the weights file either way (empty, and only the
given threshold recorded as tried, with ``--threshold``).

Labels: a sentence holding a gold policy's evidence is labelled with its measure type (a
sentence with several types shares its target among them); every other sentence of an
annotated article is ``NONE``. Training is full-batch Adam on softmax cross-entropy with L2,
from zero weights in a fixed order, so the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np

from borderkg.loaders.evaluate import evaluate, load_gold, read_corpus_records
from borderkg.loaders.record import ArticleRecord

from .pipeline import Extractor
from .policy_model import NONE, WEIGHTS_FILE, FeatureSettings, PolicyModel, featurize, using
from .text import fold

HELDOUT = ("heldout", *(f"heldout{n}" for n in range(2, 80)))
# Not below 0.4: a proposal has no rule cue behind it, and at 0.3 the model already proposes
# look-alikes (``customs turned away a delegation``: SanctionsEnforcement at 0.31) for a
# leave-one-set-out gain of one policy in a set (round 7: mean .904 at 0.3, .902 at 0.4).
# Round 17's model scores that delegation .398, just under the floor it ships at; round 19's
# .637, session 21's .686, session 26's .734 (tests/test_extract_policy_wordings.py keeps
# it as an expected failure).
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
#: Mean F1 differences under this are noise between thresholds (a policy or two in sixteen sets).
NEAR_BEST = 0.003
L2 = 1e-5
ITERATIONS = 200
LEARNING_RATE = 0.1


@dataclass
class GoldSet:
    """One gold set: its gold folder, the records it annotates and the labelled sentences."""

    name: str
    gold_dir: Path
    records: dict[str, list[ArticleRecord]]
    examples: list[tuple[str, dict[str, float]]]


def _local(value: str) -> str:
    return value.rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1]


def gold_sets(fixtures: Path, names: Sequence[str] | None = None) -> list[tuple[str, Path, Path]]:
    """(name, gold folder, corpus root) of the corpus gold and each held-out set of ``names``
    (``HELDOUT`` as it stands when called, so a script that rebinds it is obeyed)."""
    names = HELDOUT if names is None else names
    corpus = Path(str(files("borderkg.loaders").joinpath("corpus")))
    out = [("dev", corpus / "gold", corpus)]
    out += [(n, fixtures / n / "gold", fixtures / n) for n in names if (fixtures / n).is_dir()]
    return out


def labelled_sentences(
    text: str, sentences: Sequence[tuple[int, int]], policies: Sequence[dict]
) -> list[tuple[str, dict[str, float]]]:
    """Each sentence with its target: the measure types of the gold policies whose evidence
    starts in it (shares summing to one), else ``NONE``."""
    folded = fold(text)
    types: dict[int, list[str]] = {}
    for policy in policies:
        evidence = str(policy.get("evidence") or "")
        start = text.find(evidence) if evidence else -1
        if start < 0:
            continue
        for i, (begin, end) in enumerate(sentences):
            if begin <= start < end:
                types.setdefault(i, []).append(_local(policy["measure_type"]))
                break
    out: list[tuple[str, dict[str, float]]] = []
    for i, (begin, end) in enumerate(sentences):
        found = types.get(i, [NONE])
        target: dict[str, float] = {}
        for t in found:
            target[t] = target.get(t, 0.0) + 1.0 / len(found)
        out.append((folded[begin:end], target))
    return out


def _record_of(annotation: dict, records: dict[str, list[ArticleRecord]]) -> ArticleRecord | None:
    """The record a gold annotation is about (by file, then by record id)."""
    found = records.get(str(annotation["file"]), [])
    wanted = annotation.get("record")
    return next((r for r in found if wanted is None or r.id == wanted), None)


def load_set(name: str, gold_dir: Path, root: Path, extractor: Extractor) -> GoldSet:
    """Read a gold set's records and label their sentences as the extractor splits them."""
    gold = load_gold(gold_dir)
    records = read_corpus_records(root, gold)
    examples: list[tuple[str, dict[str, float]]] = []
    with using(None):
        for annotation in gold:
            record = _record_of(annotation, records)
            if record is None:
                continue
            result = extractor.extract(record)
            spans = [(s.begin, s.end) for s in result.sentences]
            examples += labelled_sentences(record.text, spans, annotation.get("policies", []))
    return GoldSet(name, gold_dir, records, examples)


def train(
    examples: Sequence[tuple[str, dict[str, float]]],
    classes: Sequence[str],
    settings: FeatureSettings | None = None,
    l2: float = L2,
    iterations: int = ITERATIONS,
    learning_rate: float = LEARNING_RATE,
) -> PolicyModel:
    """Softmax regression over hashed sentence features by full-batch Adam (deterministic:
    zero start, examples in the given order)."""
    settings = settings or FeatureSettings()
    column = {c: k for k, c in enumerate(classes)}
    rows, idx_parts, val_parts = [], [], []
    targets = []
    for text, target in examples:
        idx, vals = featurize(text, settings)
        if not len(idx):
            continue
        rows.append(len(idx))
        idx_parts.append(idx)
        val_parts.append(vals)
        y = np.zeros(len(classes))
        for label, share in target.items():
            y[column[label]] += share
        targets.append(y)
    n, c = len(rows), len(classes)
    used, idx = np.unique(np.concatenate(idx_parts), return_inverse=True)
    vals = np.concatenate(val_parts).astype(np.float32)[:, None]
    row_of = np.repeat(np.arange(n), rows)
    row_starts = np.concatenate([[0], np.cumsum(rows)[:-1]])
    order = np.argsort(idx, kind="stable")
    feature_starts = np.flatnonzero(np.diff(idx[order], prepend=-1))
    y = np.array(targets, dtype=np.float32)
    # Only features seen in training move away from zero, so only their rows are optimised.
    w = np.zeros((len(used), c), dtype=np.float32)
    b = np.zeros(c, dtype=np.float32)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, iterations + 1):
        logits = np.add.reduceat(w[idx] * vals, row_starts) + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / n
        grad_w = l2 * w + np.add.reduceat((vals * g[row_of])[order], feature_starts)
        grad_b = g.sum(axis=0)
        for param, grad, m, v in ((w, grad_w, m_w, v_w), (b, grad_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= (
                (learning_rate / (1 - beta1**step)) * m / (np.sqrt(v / (1 - beta2**step)) + eps)
            )
    full = np.zeros((settings.dim, c))
    full[used] = w
    return PolicyModel(
        classes=list(classes), weights=full, bias=b.astype(np.float64), settings=settings
    )


def all_classes() -> list[str]:
    """The measure types of the scheme, sorted, then ``NONE``."""
    from borderkg.ontology.namespaces import MEASURE

    return [*sorted(MEASURE.__annotations__), NONE]


def _scores(gold: GoldSet, extractor: Extractor, model: PolicyModel | None) -> tuple[float, float]:
    with using(model):
        report = evaluate(gold.gold_dir, gold.records, extractor)
    return report.categories["policies"].f1, report.categories["policies_anchored"].f1


@dataclass
class Fold:
    """Scores on one held-out set: (policies F1, anchored F1) of the rules alone and, per
    threshold, of the rules with a model trained on the other sets."""

    rules: tuple[float, float]
    model: dict[float, tuple[float, float]]

    def as_json(self) -> dict[str, object]:
        """The scores as plain JSON values (thresholds as strings)."""
        return {
            "rules": [round(x, 4) for x in self.rules],
            "model": {str(t): [round(x, 4) for x in v] for t, v in self.model.items()},
        }


def leave_one_set_out(
    sets: Sequence[GoldSet], classes: Sequence[str], extractor: Extractor
) -> dict[str, Fold]:
    """Hold out each set in turn: rules-only scores, and scores with a model trained on the
    other sets at each threshold of ``THRESHOLDS``."""
    table: dict[str, Fold] = {}
    for held in sets:
        model = train([e for s in sets if s is not held for e in s.examples], classes)
        table[held.name] = _fold(held, extractor, model)
        print(f"  held out {held.name}", file=sys.stderr)
    return table


def _fold(held: GoldSet, extractor: Extractor, model: PolicyModel) -> Fold:
    """A set's scores with the rules alone and with ``model`` at each of ``THRESHOLDS``."""
    scores: dict[float, tuple[float, float]] = {}
    for t in THRESHOLDS:
        model.threshold = t
        scores[t] = _scores(held, extractor, model)
    return Fold(_scores(held, extractor, None), scores)


def split_table(
    sets: Sequence[GoldSet], last: str, classes: Sequence[str], extractor: Extractor
) -> dict[str, Fold]:
    """The fair split: a model trained on the sets up to ``last`` (in ``HELDOUT`` order, the
    corpus gold first) scored on every later set at each threshold of ``THRESHOLDS``, beside
    the rules alone. The later sets were written after all of its training data, as new
    text is, and it takes one training, not one per set."""
    names = [s.name for s in sets]
    if last not in names[:-1]:
        raise ValueError(f"{last!r} is not a gold set with another after it")
    cut = names.index(last) + 1
    model = train([e for s in sets[:cut] for e in s.examples], classes)
    return {held.name: _fold(held, extractor, model) for held in sets[cut:]}


def _mean(table: dict[str, Fold], threshold: float | None, which: int = 0) -> float:
    """Mean over folds of policies F1 (``which=1``: anchored), rules only if no threshold."""
    return float(
        np.mean(
            [(f.rules if threshold is None else f.model[threshold])[which] for f in table.values()]
        )
    )


def choose(table: dict[str, Fold], least_tuned: str | None = None) -> tuple[float, bool]:
    """The highest threshold whose mean policies F1 over folds is within :data:`NEAR_BEST` of
    the best, among those where the least tuned set does not fall, and whether the model
    wins there: the mean rises. With no such threshold the best one overall is returned,
    switched off.

    Within that margin the folds cannot tell thresholds apart, and a higher one proposes
    fewer measures with no rule cue behind them (round 15: .4 to .6 within .0024, and at .4
    "students have to walk two hours to school" became a patrol reinforcement at .51; rounds
    16 and 17: .4 best by .006 or more, so .4). ``least_tuned`` defaults to the last of
    ``HELDOUT`` as it stands when called; a set that is not among the folds is an error, not
    a guard silently dropped."""
    least_tuned = HELDOUT[-1] if least_tuned is None else least_tuned
    if least_tuned not in table:
        raise ValueError(f"the least tuned set {least_tuned!r} is not among the folds")
    held = table[least_tuned]
    kept = [t for t in THRESHOLDS if held.model[t][0] >= held.rules[0]]
    top = max(_mean(table, t) for t in kept or THRESHOLDS)
    best = max(t for t in kept or THRESHOLDS if _mean(table, t) >= top - NEAR_BEST)
    return best, bool(kept) and _mean(table, best) > _mean(table, None)


def format_table(table: dict[str, Fold], threshold: float) -> str:
    """A printable LOSO table: rules only against rules with the model at ``threshold``."""
    lines = [
        f"{'held out':<10} {'rules F1':>8} {'model F1':>8} {'rules anc':>9} {'model anc':>9}",
        "-" * 49,
    ]
    rows = [
        (n, *f.rules[:1], f.model[threshold][0], f.rules[1], f.model[threshold][1])
        for n, f in table.items()
    ]
    rows.append(
        (
            "mean",
            _mean(table, None),
            _mean(table, threshold),
            _mean(table, None, 1),
            _mean(table, threshold, 1),
        )
    )
    lines += [f"{n:<10} {a:8.3f} {b:8.3f} {c:9.3f} {d:9.3f}" for n, a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run LOSO, print the table, train on all sets and write the weights file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixtures", type=Path, default=Path("tests/fixtures"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--keep-blind",
        nargs="*",
        default=[],
        metavar="SET",
        help="sets left out of the shipped model's training (e.g. heldout6, to keep it blind)",
    )
    parser.add_argument(
        "--least-tuned",
        default=HELDOUT[-1],
        metavar="SET",
        help="the set whose F1 must not fall for the model to be switched on",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="skip leave-one-set-out (one fold per set: hours for 80 sets) and ship the "
        "model switched on at this threshold",
    )
    mode.add_argument(
        "--split",
        default=None,
        metavar="SET",
        help="only print the fair split: a model trained on the sets up to SET, scored on "
        "every later set at each threshold",
    )
    args = parser.parse_args(argv)
    from borderkg.loaders.extract import get_extractor

    extractor = get_extractor()
    classes = all_classes()
    sets = [load_set(n, g, r, extractor) for n, g, r in gold_sets(args.fixtures)]
    if args.split is not None:
        try:
            split = split_table(sets, args.split, classes, extractor)
        except ValueError as err:
            parser.error(str(err))
        for t in THRESHOLDS:
            print(f"threshold {t}: mean policies F1 {_mean(split, t):.4f}")
        print(format_table(split, max(THRESHOLDS, key=lambda t: _mean(split, t))))
        return 0
    table: dict[str, Fold] = {}
    if args.threshold is None:
        table = leave_one_set_out(sets, classes, extractor)
        threshold, wins = choose(table, args.least_tuned)
        print(f"threshold {threshold} (best mean policies F1 over held-out sets); on: {wins}")
        print(format_table(table, threshold))
        decision = (
            f"threshold {threshold}: best mean policies F1 over held-out sets among the "
            f"thresholds at which {args.least_tuned} does not fall; switched "
            f"{'on' if wins else 'off'} (on only if that mean rises)"
        )
    else:
        threshold, wins = args.threshold, True
        decision = f"threshold {threshold} given (--threshold), no leave-one-set-out run"
    if args.no_write:
        return 0
    shipped = [s for s in sets if s.name not in args.keep_blind]
    model = train([e for s in shipped for e in s.examples], classes)
    model.threshold = threshold
    model.enabled = wins
    model.meta = {
        "trained_on": [s.name for s in shipped],
        "training": {"l2": L2, "iterations": ITERATIONS, "learning_rate": LEARNING_RATE},
        "thresholds_tried": list(THRESHOLDS) if table else [threshold],
        "decision": decision,
        "loso": {name: fold.as_json() for name, fold in table.items()},
    }
    out = args.out or Path(str(files("borderkg.loaders.extract").joinpath(WEIGHTS_FILE)))
    out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A small trained sentence classifier that proposes policies the rules miss.

The rules find a measure only where its wording matches a frame or cue; each new article
words some measures differently. This model reads a whole sentence as a bag of hashed
features (lower-case words, crude stems, word bigrams and a few cue flags) and gives a
probability for each of the 23 measure types and ``NONE`` (multinomial logistic regression,
trained by ``policy_model_train`` on the gold sets). Where the rules kept no measure in a
sentence and set none aside as no report of one (a purpose, a hope, a routine, a denial),
and the model's best type is confident enough (less so in a sentence of hearsay),
``proposals`` offers that type: a sentence with no measure cue, or with only a cue too weak
alone. The status comes from the rules' own status logic applied to the sentence, so a
negated measure is still left out; a repatriation is not proposed where goods, not people,
are sent. Where the rules found only a generic act of enforcement whose target they cannot
type, ``narrower_crackdown`` lets the model name the crackdown.

The weights ship as ``policy_model.json`` next to this module (read with importlib.resources);
its ``enabled`` flag records whether leave-one-set-out evaluation showed a gain.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import zlib
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import numpy as np

from borderkg.ontology.namespaces import MEASURE, STATUS

from .context import ArticleContext
from .measure_groups import SPECIFIC_CRACKDOWNS
from .model import Span
from .override import Override
from .policy_candidates import Candidate
from .policy_choice import choose_status, status_matches
from .policy_defaults import default_status, negated, unreported
from .policy_filters import asks
from .policy_hearsay import RUMOURED, doubted
from .policy_participles import describes_subject
from .policy_status import by_notice, refine_status
from .policy_status_cues import IN_FORCE_EXPLICIT, STATUS_CUES
from .sentence_tense import narrated_status

NONE = "NONE"
WEIGHTS_FILE = "policy_model.json"

_TOKEN = re.compile(r"[a-z]+|\d+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "ers", "er", "s")
_CUES: dict[str, frozenset[str]] = {
    "modal": frozenset({"will", "would", "may", "might", "could", "shall", "plans", "planned"}),
    "negation": frozenset({"not", "no", "never", "nor", "without", "t"}),
    "must": frozenset({"must", "required", "require", "requires", "banned", "forbidden"}),
    "report": frozenset({"said", "told", "according", "reported", "says"}),
}
_IN_FORCE, _CARRIED_OUT = str(STATUS.InForce), str(STATUS.CarriedOut)
# Hearsay ("there is talk in Tumen that …", "are said to be preparing …") tells of a measure
# whatever its words, so the model's type is taken at a lower confidence there: over
# heldout36-55, which the model then (session 20) had not seen, policies F1 .6143 -> .6162
# at .3 (.6151 at .2).
_HEARSAY = dict(STATUS_CUES)[str(STATUS.Rumoured)]
_HEARSAY_THRESHOLD = 0.3
_NARROWER_THRESHOLD = 0.5
# A repatriation sends people: a sentence that names goods or papers sent and no people is
# none ("handed a protest letter to North Korean officials": "North Korean" there is no one).
_SENDING_PEOPLE = frozenset({"ForcedRepatriation", "WorkerRepatriation"})
_GOODS = re.compile(
    r"\b(?:tonnes?|tons?|kilograms?|kg|sacks?|bags?|boxes|crates|shipments?|cargo|consignments?|"
    r"aid|rice|grain|maize|flour|fertili[sz]ers?|food|medicines?|goods|vaccines?|doses|"
    r"letters?|documents?|notes?|files|parcels?|packages?|petitions?)\b",
    re.IGNORECASE,
)
_PEOPLE = re.compile(
    r"\b(?:north\s+koreans\b|(?:a|one|another)\s+north\s+korean(?=\s*[,.;]|\s+(?:to|at|in|who|"
    r"back|over|across|into|from)\b)|defectors?|escapees?|refugees?|people|persons?|wom[ae]n|m[ae]n|"
    r"workers?|crossers?|migrants?|detainees?|returnees?|deportees?|them|him|her|families|"
    r"children|girls?|boys?|labou?rers?|staff|employees|citizens|nationals|students|"
    r"fishermen|soldiers|asylum\s+seekers|brides|wives|escapers|runaways|those|others|group)\b",
    re.IGNORECASE,
)
# Brokers and money carried across are a trade of their own that the rules keep apart from
# any campaign ("detained three brokers who carry money for families"): not the model's call.
_OWN_TRADE = re.compile(r"\b(?:brokers?|money|cash|remittances?|transfers?)\b", re.I)
_SAFE_IF_NEGATED = {str(STATUS.Lifted): str(STATUS.InForce), str(STATUS.Eased): str(STATUS.InForce)}
# A sentence shorter than this (in words) is a caption, dateline or heading fragment.
MIN_WORDS = 5


@dataclass(frozen=True)
class FeatureSettings:
    """How a sentence becomes feature indices: hashing size and which feature kinds."""

    dim: int = 1 << 14
    stems: bool = True
    bigrams: bool = True
    cues: bool = True

    def as_dict(self) -> dict[str, Any]:
        """Settings as plain JSON values."""
        return {"dim": self.dim, "stems": self.stems, "bigrams": self.bigrams, "cues": self.cues}


def stem(word: str) -> str:
    """A crude stem (``cameras`` → ``camera``, ``installed`` → ``install``) so that
    inflections share a feature; exact lemmas are not needed for a bag of words."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(sentence: str) -> list[str]:
    """Lower-case words of a sentence, digits folded to ``#num``."""
    return ["#num" if t[0].isdigit() else t for t in _TOKEN.findall(sentence.lower())]


def feature_names(sentence: str, settings: FeatureSettings) -> list[str]:
    """The named features of a sentence before hashing (each listed once)."""
    return sorted(_feature_set(sentence, settings))


def _feature_set(sentence: str, settings: FeatureSettings) -> set[str]:
    words = tokens(sentence)
    names = {f"u:{w}" for w in words}
    if settings.stems:
        names.update(f"s:{_stem(w)}" for w in words)
    if settings.bigrams:
        names.update(f"b:{a}_{b}" for a, b in itertools.pairwise(words))
    if settings.cues:
        present = set(words)
        names.update(f"c:{cue}" for cue, cue_words in _CUES.items() if present & cue_words)
    return names


# Stems and hashed indices are remembered (words and features recur from sentence to
# sentence): the same values, without the suffix loop or a CRC per feature each time.
_stem = lru_cache(maxsize=1 << 16)(stem)
_HASHES: dict[int, dict[str, int]] = {}  # dimension → feature name → index
_HASHES_KEPT = 1 << 18  # names remembered per dimension before the memory starts afresh


def _hashed(names: set[str], dim: int) -> set[int]:
    known = _HASHES.setdefault(dim, {})
    if len(known) > _HASHES_KEPT:
        known.clear()
    out: set[int] = set()
    for name in names:
        index = known.get(name)
        if index is None:
            index = known[name] = zlib.crc32(name.encode("utf-8")) % dim
        out.add(index)
    return out


def featurize(sentence: str, settings: FeatureSettings) -> tuple[np.ndarray, np.ndarray]:
    """Hashed feature indices of a sentence and their values (L2-normalised presence)."""
    idx = np.array(
        sorted(_hashed(_feature_set(sentence, settings), settings.dim)),
        dtype=np.int64,
    )
    vals = np.full(len(idx), 1.0 / np.sqrt(max(len(idx), 1)), dtype=np.float64)
    return idx, vals


@dataclass
class PolicyModel:
    """Softmax weights over hashed sentence features: ``classes`` are measure-type local
    names and ``NONE``; ``threshold`` is the probability a type needs to be proposed."""

    classes: list[str]
    weights: np.ndarray  # (dim, classes)
    bias: np.ndarray  # (classes,)
    settings: FeatureSettings = field(default_factory=FeatureSettings)
    threshold: float = 0.5
    enabled: bool = True
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, sentence: str) -> np.ndarray:
        """Probability of each class for one sentence."""
        idx, vals = featurize(sentence, self.settings)
        logits = vals @ self.weights[idx] + self.bias
        logits = logits - logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()

    def best_type(self, sentence: str) -> tuple[str, float]:
        """The most probable measure type other than ``NONE``, and its probability."""
        probs = self.probabilities(sentence)
        order = np.argsort(-probs, kind="stable")
        for k in order:
            if self.classes[k] != NONE:
                return self.classes[k], float(probs[k])
        return NONE, 0.0

    def predict(self, sentence: str) -> str:
        """The most probable class (``NONE`` included)."""
        return self.classes[int(np.argmax(self.probabilities(sentence)))]

    def to_json(self) -> dict[str, Any]:
        """The model as JSON: weights quantised to int8 per class, zlib-compressed, base64."""
        scale = np.abs(self.weights).max(axis=0) / 127.0
        scale[scale == 0] = 1.0
        quantised = np.round(self.weights / scale).astype(np.int8)
        packed = base64.b64encode(zlib.compress(quantised.tobytes(), 9)).decode("ascii")
        return {
            "format": 1,
            "enabled": self.enabled,
            "threshold": self.threshold,
            "features": self.settings.as_dict(),
            "classes": self.classes,
            "bias": [round(float(b), 6) for b in self.bias],
            "scale": [float(s) for s in scale],
            "weights": packed,
            **self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PolicyModel:
        """A model from the JSON ``to_json`` wrote."""
        settings = FeatureSettings(**data["features"])
        classes = list(data["classes"])
        raw = np.frombuffer(zlib.decompress(base64.b64decode(data["weights"])), dtype=np.int8)
        scale = np.array(data["scale"], dtype=np.float64)
        weights = raw.reshape(settings.dim, len(classes)).astype(np.float64) * scale
        known = {
            "format",
            "enabled",
            "threshold",
            "features",
            "classes",
            "bias",
            "scale",
            "weights",
        }
        return cls(
            classes=classes,
            weights=weights,
            bias=np.array(data["bias"], dtype=np.float64),
            settings=settings,
            threshold=float(data["threshold"]),
            enabled=bool(data["enabled"]),
            meta={k: v for k, v in data.items() if k not in known},
        )


def load_shipped() -> PolicyModel:
    """The model shipped with the package (``policy_model.json``)."""
    text = files("borderkg.loaders.extract").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return PolicyModel.from_json(json.loads(text))


_OVERRIDE: Override[PolicyModel | None] = Override()


@cache
def _shipped() -> PolicyModel:
    return load_shipped()


def _shipped_if_enabled() -> PolicyModel | None:
    model = _shipped()
    return model if model.enabled else None


def active_model() -> PolicyModel | None:
    """The model the extractor uses: an override set by ``using`` (evaluation), else the
    shipped one (read once per process) if it is enabled."""
    return _OVERRIDE.get(_shipped_if_enabled)


def using(model: PolicyModel | None) -> AbstractContextManager[None]:
    """Run the extractor with another model (``None``: rules only) inside the block; for
    training and leave-one-set-out evaluation in one process, not for concurrent use."""
    return _OVERRIDE.using(model)


def proposal_status(ctx: ArticleContext, index: int, cand: Candidate) -> tuple[str, bool] | None:
    """The status the rules give a measure spanning the whole sentence and whether it was
    only defaulted: the chosen status cue (negation and framing applied), else the default
    of a measure named without one; None where the sentence reports no measure taken
    (negated, denied, hypothetical)."""
    sent = ctx.sentences[index]
    explicit = [
        Span(sent.begin + m.start(), sent.begin + m.end())
        for m in IN_FORCE_EXPLICIT.finditer(ctx.folded[sent.begin : sent.end])
    ]
    cues = [
        cue
        for cue in status_matches(ctx, index)
        if not (cue[0] == _CARRIED_OUT and describes_subject(ctx.folded, cue[1], sent))
    ]
    chosen = choose_status(ctx, index, cand, cues, explicit)
    if chosen is None:
        if unreported(ctx, index, cand.span, None):
            return None
        status = default_status(ctx, index, cand.span)
        if status == _IN_FORCE:  # "police visited the factories twice this month"
            status = narrated_status(ctx.original[sent.begin : sent.end]) or status
        return by_notice(ctx, index, status), True
    status, cue = chosen
    if negated(ctx, index, cue):
        if status not in _SAFE_IF_NEGATED:
            return None
        status = _SAFE_IF_NEGATED[status]
    status = refine_status(ctx, index, cand.concept, status, cue, cand.span)
    return (RUMOURED if doubted(ctx, index) else by_notice(ctx, index, status)), False


def narrower_crackdown(ctx: ArticleContext, index: int) -> str | None:
    """The narrower crackdown the model reads in a sentence whose rules found only a generic
    act of enforcement (``were taken away``, ``searched the flat``) with no target to type it:
    the model's best type when it is a named crackdown and it is confident enough (not a
    warning of a penalty, which the caller leaves generic, nor brokers or money)."""
    model = active_model()
    sent = ctx.sentences[index]
    chunk = ctx.folded[sent.begin : sent.end]
    if model is None or _OWN_TRADE.search(chunk):
        return None
    local, prob = model.best_type(chunk)
    concept = str(getattr(MEASURE, local))
    return concept if concept in SPECIFIC_CRACKDOWNS and prob >= _NARROWER_THRESHOLD else None


def proposals(ctx: ArticleContext, skip: set[int]) -> list[tuple[int, Candidate, str, bool]]:
    """Policies the model proposes: for each sentence outside ``skip`` (those where the
    rules kept a measure, or set one aside as no report of a measure) and not a heading, its
    best measure type if confident enough, as (sentence index, candidate spanning the
    sentence, status, whether the status was only defaulted: a sentence with a status verb of
    its own reports a measure, not a mention of one already told)."""
    model = active_model()
    if model is None:
        return []
    out: list[tuple[int, Candidate, str, bool]] = []
    for index, sent in enumerate(ctx.sentences):
        if index in skip or index in ctx.headings or asks(ctx, index):
            continue
        chunk = ctx.folded[sent.begin : sent.end]
        if len(tokens(chunk)) < MIN_WORDS:
            continue
        local, prob = model.best_type(chunk)
        if prob < model.threshold and not (prob >= _HEARSAY_THRESHOLD and _HEARSAY.search(chunk)):
            continue
        if local in _SENDING_PEOPLE and _GOODS.search(chunk) and not _PEOPLE.search(chunk):
            continue  # "China sent 10,000 tonnes of rice to North Korea": goods, not people
        cand = Candidate(concept=str(getattr(MEASURE, local)), span=sent, strong=True)
        status = proposal_status(ctx, index, cand)
        if status is not None:
            out.append((index, cand, *status))
    return out

"""Learned heads over the rules' policy mentions: a second opinion on type and status.

The rules give each mention a measure type and a status from the cue that fired; where that
cue is weak (a default status, a generic verb, the article's campaign) the gold sets show the
rules wrong more often than anywhere else. Two small softmax models read the mention's own
clause window (the evidence, up to ``WINDOW`` characters either side within its sentence;
evidence words also as features of their own) together with the rules' decision (type,
status, whether the status was only defaulted, whether it is one act of enforcement) as
marker words, and give a probability for each measure type and each status. A head changes a
mention only where its best answer differs from the rules' and is at least as probable as the
head's threshold; thresholds and the on/off flag of each head come from leave-one-set-out
evaluation (``policy_heads_train``) and ship with the weights in ``policy_heads.json``
(round 17: both heads on, for mentions with a defaulted status or a single act only: the
type head at 0.5, the status head at 0.8). The type head never narrows a crackdown on the
money trade (brokers, remittances, cash): merging keeps that a crackdown of its own; nor
does it make a campaign the rules typed by what it hunts (phones, smuggled goods) a
NonSocialistInspection where its sentence neither calls it "non-socialist" nor names the
foreign films, songs or speech that conduct is; nor a generic Crackdown a smuggling one
where its sentence moves no goods across the border and the article's campaign is not
against smuggling (``policy_goods_across``).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from borderkg.ontology.namespaces import MEASURE, STATUS

from .context import ArticleContext
from .model import Policy
from .override import Override
from .policy_goods_across import keeps_smuggling
from .policy_merge import money_trade
from .policy_model import NONE, PolicyModel
from .policy_types import NON_SOCIALIST

HEADS_FILE = "policy_heads.json"
_CRACKDOWN, _INSPECTION = str(MEASURE.Crackdown), str(MEASURE.NonSocialistInspection)
# The conduct the scheme's NonSocialistInspection names besides the word itself: foreign
# films, music and speech ("searching phones for South Korean songs and slang").
_FOREIGN_CULTURE = re.compile(
    r"\b(?:south\s+korean|foreign|western|american)\s+(?:[\w-]+\s+){0,2}?(?:films?|movies?|"
    r"dramas?|songs?|music|videos?|shows?|media|slang|speech|fashion|culture|publications)\b",
    re.IGNORECASE,
)
# The rules' types that name what a campaign hunts (phones, smuggled goods, crossers).
_TARGETED = {
    str(MEASURE.PhoneCrackdown),
    str(MEASURE.SmugglingCrackdown),
    str(MEASURE.DefectionCrackdown),
}
#: Characters of context either side of a mention's evidence, within its sentence.
WINDOW = 60


@dataclass
class Heads:
    """The type head and the status head; ``None`` for a head that is switched off."""

    type_head: PolicyModel | None
    status_head: PolicyModel | None
    #: Whether a head may overrule every mention (``all``) or only one whose own signal is
    #: weak (``weak``: a defaulted status or a single act of enforcement).
    type_scope: str = "all"
    status_scope: str = "all"


def _local(value: str) -> str:
    return value.rsplit("/", 1)[-1]


def mention_text(ctx: ArticleContext, policy: Policy, defaulted: bool, act: bool = False) -> str:
    """What a head reads for one mention: its clause window, its evidence words marked
    (``xe…``) and the rules' own decision as marker words (``xrt…`` type, ``xrs…`` status,
    ``xbare`` defaulted status, ``xact`` one act of enforcement)."""
    sent = ctx.sentences[policy.sentence]
    evidence = policy.evidence[0]
    lo = max(sent.begin, evidence.begin - WINDOW)
    hi = min(sent.end, evidence.end + WINDOW)
    window = ctx.folded[lo:hi]
    marked = " ".join(
        "xe" + w for w in ctx.folded[evidence.begin : evidence.end].lower().split() if w.isalpha()
    )
    markers = [f"xrt{_local(policy.measure_type).lower()}", f"xrs{_local(policy.status).lower()}"]
    if defaulted:
        markers.append("xbare")
    if act:
        markers.append("xact")
    return f"{window} . {marked} . {' '.join(markers)}"


def retype(model: PolicyModel, text: str, current: str) -> str:
    """The measure type for a mention: the head's best type where it differs from the
    rules' ``current`` and reaches the head's threshold, else ``current``."""
    local, prob = model.best_type(text)
    if local == NONE or prob < model.threshold or str(getattr(MEASURE, local)) == current:
        return current
    return str(getattr(MEASURE, local))


def restatus(model: PolicyModel, text: str, current: str) -> str:
    """The status for a mention: the head's best status where it differs from the rules'
    ``current`` and reaches the head's threshold, else ``current``."""
    probs = model.probabilities(text)
    best = int(probs.argmax())
    if probs[best] < model.threshold or model.classes[best] == NONE:
        return current
    return str(getattr(STATUS, model.classes[best]))


def apply_heads(
    ctx: ArticleContext, heads: Heads | None, mentions: list[tuple[Policy, bool, bool]]
) -> list[Policy]:
    """The policies of ``mentions`` (policy, defaulted, act) with the heads' type and status
    where they overrule the rules; the status head reads the type the type head chose."""
    if heads is None:
        return [policy for policy, _, _ in mentions]
    out: list[Policy] = []
    for policy, defaulted, act in mentions:
        weak = defaulted or act
        type_head = heads.type_head if heads.type_scope == "all" or weak else None
        if type_head is not None and policy.measure_type == _CRACKDOWN and money_trade(ctx, policy):
            type_head = None  # brokers carrying money: a crackdown of its own, as merge keeps it
        status_head = heads.status_head if heads.status_scope == "all" or weak else None
        if type_head is not None:
            text = mention_text(ctx, policy, defaulted, act)
            concept = retype(type_head, text, policy.measure_type)
            if concept == _INSPECTION and unframed_inspection(ctx, policy):
                concept = policy.measure_type
            if not keeps_smuggling(ctx, concept, policy.measure_type, policy.sentence):
                concept = policy.measure_type
            if concept != policy.measure_type:
                policy = replace(policy, measure_type=concept)
        if status_head is not None:
            text = mention_text(ctx, policy, defaulted, act)
            status = restatus(status_head, text, policy.status)
            if status != policy.status:
                policy = replace(policy, status=status)
        out.append(policy)
    return out


def unframed_inspection(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether a mention the rules typed by what it hunts (phones, smuggled goods) is told
    without the "non-socialist" framing in its sentence: the scheme makes it a
    NonSocialistInspection only when so framed, so the type head may not make it one."""
    sentence = ctx.sentences[policy.sentence]
    return policy.measure_type in _TARGETED and not any(
        framing.search(ctx.folded, sentence.begin, sentence.end)
        for framing in (NON_SOCIALIST, _FOREIGN_CULTURE)
    )


def heads_from_json(data: dict) -> Heads:
    """Heads from the JSON ``policy_heads_train`` writes (a head switched off is ``None``)."""

    def head(key: str) -> PolicyModel | None:
        entry = data.get(key, {})
        return PolicyModel.from_json(entry) if entry.get("enabled") else None

    scopes = data.get("scopes", {})
    return Heads(
        head("type"), head("status"), scopes.get("type", "all"), scopes.get("status", "all")
    )


@cache
def _shipped() -> Heads:
    resource = files("borderkg.loaders.extract").joinpath(HEADS_FILE)
    if not resource.is_file():
        return Heads(None, None)
    return heads_from_json(json.loads(resource.read_text(encoding="utf-8")))


_OVERRIDE: Override[Heads | None] = Override()
_RECORDING: list[list[tuple[ArticleContext, list[tuple[Policy, bool, bool]]]]] = []


def active_heads() -> Heads | None:
    """The heads the extractor uses: an override set by ``using_heads`` (evaluation), else
    the shipped ones (read once per process)."""
    return _OVERRIDE.get(_shipped)


def using_heads(heads: Heads | None) -> AbstractContextManager[None]:
    """Run the extractor with other heads (``None``: rules only) inside the block; for
    training and leave-one-set-out evaluation in one process, not for concurrent use."""
    return _OVERRIDE.using(heads)


@contextmanager
def recording() -> Iterator[list[tuple[ArticleContext, list[tuple[Policy, bool, bool]]]]]:
    """Collect, for each article extracted inside the block, its context and its mentions
    as the rules left them (before the heads and merging): the training data of the heads."""
    seen: list[tuple[ArticleContext, list[tuple[Policy, bool, bool]]]] = []
    _RECORDING.append(seen)
    try:
        yield seen
    finally:
        _RECORDING.pop()


def judged(ctx: ArticleContext, mentions: list[tuple[Policy, bool, bool]]) -> list[Policy]:
    """The mentions' policies after the active heads (recording them first if asked)."""
    if _RECORDING:
        _RECORDING[-1].append((ctx, copy.deepcopy(mentions)))
    return apply_heads(ctx, active_heads(), mentions)

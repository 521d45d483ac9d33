"""Whether a generic act of enforcement may take the narrower crackdown the model reads.

The rules type an act (``detained``, ``were questioned``) by its target; where they find
none, the sentence model may still name a narrower crackdown (``policy_model``). The
scheme's Crackdown is the type "for any other or an unnamed target": a sentence that tells
what those arrested were suspected of, or what those warned will be treated as (``on
suspicion of photographing border posts``, ``will be treated as a spy``), names the target
itself, and when that charge is none of the narrower targets (phones, smuggling, defection,
"non-socialist" conduct, sanctions) and names no goods, trade or money, the act stays a
Crackdown whatever the model or the heads read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from borderkg.ontology.namespaces import MEASURE

from .context import ArticleContext
from .model import Policy
from .policy_subtypes import SUBTYPES

_I = re.IGNORECASE
_CRACKDOWN, _DEFECTION = str(MEASURE.Crackdown), str(MEASURE.DefectionCrackdown)
# The charge told of those arrested or warned, up to the end of its clause.
_CHARGE = re.compile(
    r"\b(?:on\s+suspicion\s+of|suspected\s+of|accused\s+of|charged\s+with|on\s+charges\s+of|"
    r"convicted\s+of|(?:be|being|were|was)\s+treated\s+as\s+(?:an?\s+)?(?:spy|spies|enemy|"
    r"enemies|collaborators?|accomplices?|agents?|traitors?|spying|espionage)|"
    # the offence a warning names: "anyone who posts photographs of the port will be fined"
    r"(?:anyone|those|people)\s+(?:who|caught|found)(?=[^,;]*\b(?:will|would)\s+be\s+(?:\w+ly\s+)?"
    r"(?:prosecuted|punished|fined|arrested|detained|jailed|imprisoned|sentenced)))\b[^,;]*",
    _I,
)

# Goods, trade and money in a charge: the target may be smuggling or sanctions in words the
# narrower types' patterns lack ("on suspicion of buying the relabelled logs").
_GOODS = re.compile(
    r"\b(?:buy\w*|bought|sell\w*|sold|trad\w+|deal\w*|cargo|goods|freight|coal|ore|iron|steel|"
    r"copper|logs?|timber|oil|fuel|diesel|seafood|containers?|shipments?|consignments?|"
    r"lorr(?:y|ies)|barges?|customs|imports?|exports?|unload\w*|load\w*|relabel\w*|fees?|"
    r"money|cash|yuan|dollars|financ\w+|launder\w*|accounts?)\b",
    _I,
)

#: A South Korean body acting on defectors who have arrived (``the National Intelligence
#: Service has questioned newly arrived defectors``) does not act against leaving North Korea.
SOUTH_AGENT = re.compile(
    r"\b(?:national\s+intelligence\s+service|nis|south\s+korea(?:'s|’s|n)\s+(?:police|"
    r"prosecutors?|intelligence|spy\s+agency|authorities|government|ministry|courts?))\b",
    _I,
)


def charged_otherwise(ctx: ArticleContext, index: int) -> bool:
    """Whether sentence ``index`` tells a charge that names none of the narrower crackdowns'
    targets (so the act it tells is a Crackdown of its own)."""
    sent = ctx.sentences[index]
    chunk = ctx.folded[sent.begin : sent.end]
    charges = [m.group(0) for m in _CHARGE.finditer(chunk)]
    if not charges:
        return False
    return not any(
        _GOODS.search(c) or any(pattern.search(c) for _, pattern in SUBTYPES) for c in charges
    )


def _named_otherwise(ctx: ArticleContext, index: int, narrower: str) -> bool:
    """Whether sentence ``index`` names a target other than ``narrower``'s: a charge of
    another target, or a South Korean body acting on defectors (no hunt for those leaving)."""
    if charged_otherwise(ctx, index):
        return True
    sent = ctx.sentences[index]
    return narrower == _DEFECTION and bool(SOUTH_AGENT.search(ctx.folded, sent.begin, sent.end))


def campaign_type(ctx: ArticleContext, index: int, model_type: str | None) -> str | None:
    """The model's narrower crackdown for a generic act in sentence ``index``, unless the
    sentence names another target (:func:`charged_otherwise`, a South Korean body)."""
    if model_type is None or _named_otherwise(ctx, index, model_type):
        return None
    return model_type


def keep_charged(ctx: ArticleContext, before: list[Policy], after: list[Policy]) -> list[Policy]:
    """The heads' policies ``after``, but a Crackdown of the rules whose sentence names
    another target keeps its type: the sentence's own word on the target stands against
    the heads' reading of its words."""
    return [
        replace(new, measure_type=old.measure_type)
        if old.measure_type == _CRACKDOWN
        and new.measure_type != _CRACKDOWN
        and _named_otherwise(ctx, old.sentence, new.measure_type)
        else new
        for old, new in zip(before, after, strict=True)
    ]

"""Whether a sentence tells of goods moved across the border: what a smuggling crackdown hunts.

The scheme's SmugglingCrackdown is a crackdown "on moving goods across the border outside
customs"; its plain Crackdown is the type for "any other or an unnamed target". The gold
sets type arrests, seizures and searches by what they are aimed at: a sweep of unlicensed
stalls, goods stolen from a site, forged notes or papers, gravel dug to sell or people
detained at a hotel are a Crackdown, however much the article around them deals in trade;
goods carried over the river, boats and lorries searched, customs, Chinese buyers and
guards paid to look the other way are smuggling. The learned type head reads only a window
of words and narrows such generic acts to smuggling on market and goods words alone, so its
narrowing is kept only where the sentence tells of goods crossing (:func:`goods_across`)
or the article's campaign is against smuggling: one of its sentences names it (``an arrest
of five guards`` in an article on gold smuggled over the river).
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE

from .context import ArticleContext
from .policy_subtypes import SUBTYPES

_I = re.IGNORECASE
_SMUGGLING, _CRACKDOWN = str(MEASURE.SmugglingCrackdown), str(MEASURE.Crackdown)
_SMUGGLING_WORDS = dict(SUBTYPES)[_SMUGGLING]
# Goods carried over the water or the border, the carriers and posts of cross-border
# freight, buyers and sellers on the other side, and guards paid to let goods pass.
_ACROSS = re.compile(
    r"\b(?:across|over)\s+(?:the\s+)?(?:frozen\s+)?(?:river|border|water|ice|yalu|tumen)\b"
    r"|\bfrom\s+across\b|\bto\s+the\s+(?:chinese|north\s+korean|other)\s+(?:bank|side|shore)\b"
    r"|\b(?:lorr(?:y|ies)|trucks?|cargo|freight|wagons?|customs|shipments?|consignments?|"
    r"exports?|imports?|middlemen|wharf|wharves)\b"
    r"|\b(?:chinese|foreign|north\s+korean)\s+(?:buyers?|partners?|vessels?|boats?|dealers?)\b"
    r"|\b(?:boats?|barges?)\s+(?:loaded|carrying|with\s+a\s+load)\b|\bby\s+boat\b"
    r"|\blook\s+the\s+other\s+way\b|\btook\s+payment\b",
    _I,
)


def goods_across(sentence: str) -> bool:
    """Whether ``sentence`` tells of goods moved across the border or smuggled (the target
    the scheme's SmugglingCrackdown names)."""
    return bool(_ACROSS.search(sentence) or _SMUGGLING_WORDS.search(sentence))


def smuggling_campaign(ctx: ArticleContext) -> bool:
    """Whether the article's campaign is against smuggling: one of its sentences names it
    (the scheme's words for goods moved outside customs)."""
    return any(_SMUGGLING_WORDS.search(ctx.folded, s.begin, s.end) for s in ctx.sentences)


def keeps_smuggling(ctx: ArticleContext, concept: str, current: str, index: int) -> bool:
    """Whether a reading of ``concept`` (a head's) over the rules' ``current`` Crackdown in
    sentence ``index`` stands: not a smuggling crackdown where the sentence moves no goods
    across and the article's campaign is not against smuggling."""
    if concept != _SMUGGLING or current != _CRACKDOWN:
        return True
    sent = ctx.sentences[index]
    return goods_across(ctx.folded[sent.begin : sent.end]) or smuggling_campaign(ctx)

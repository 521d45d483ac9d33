"""Narrower types of a generic crackdown, and the words of a measure taken under sanctions.

A generic crackdown cue (``crackdown``, an authority ``arrested`` people) becomes the
narrower type whose words its sentence uses (``SUBTYPES``, first wins: phones, defection,
smuggling …); ``SANCTIONS_BASIS`` is what makes a measure SanctionsEnforcement. Kept apart
from the cue lexicon (``policy_cues``) so that each stays a readable size.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE

from .policy_cues import ACROSS_TRADE

_I = re.IGNORECASE


#: A measure taken to implement UN (or other) sanctions: "banned under UN Security Council
#: Resolution 2397", "to comply with the resolution", "turned away seafood … under
#: Resolution 2371" (the scheme's SanctionsEnforcement: a state or its customs implements
#: sanctions in trade).
SANCTIONS_BASIS = (
    r"\b(?:(?:banned|prohibited|restricted|listed|forbidden|barred|sanctioned)\s+(?:by|under)|"
    r"(?:to\s+)?compl(?:y|ies|ied|ying)\s+with|in\s+(?:line|accordance|compliance)\s+with|"
    r"(?:enforc|implement|observ)\w*)\s+(?:the\s+)?(?:(?:un|united\s+nations|international)\s+)?"
    r"(?:security\s+council\s+)?(?:resolutions?|sanctions)\b|\b(?:un|international)\s+"
    r"sanctions\b|\bunder\s+(?:the\s+)?(?:(?:un|united\s+nations)\s+)?(?:security\s+council\s+)?"
    r"resolutions?\s+\d{4}\b"
)

#: Goods passed over the water to people on the other bank, or boats met from it: "anyone
#: caught passing goods to people on the North Korean bank", "throw cigarettes to soldiers on
#: the other bank", "meeting a boat from the North Korean side" (goods moved outside customs).
OVER_THE_WATER = (
    r"(?:pass(?:es|ed|ing)?|throw\w*|threw|toss\w*|float\w*|sell\w*|sold)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:to|from)\s+(?:[\w-]+\s+){0,2}?(?:on|across)\s+the\s+(?:north\s+korean|chinese|other|far|"
    r"opposite)\s+(?:bank|side|shore)\b|meet\w*\s+(?:a\s+|the\s+)?boats?\s+from\s+the\s+"
    r"(?:north\s+korean|chinese|other|far)\s+(?:bank|side|shore)\b"
)

#: A generic crackdown becomes the narrower type whose words its sentence uses (first wins).
SUBTYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        str(MEASURE.PhoneCrackdown),
        re.compile(
            r"\b(?:phones?|handsets?|sim cards?|calls|cellphones?|radio[- ]wave|detection "
            r"equipment|(?:signal|phone)[- ](?:tracking|detection|jamming))\b",
            _I,
        ),
    ),
    (str(MEASURE.NonSocialistInspection), re.compile(r"\bnon-?socialist\b", _I)),
    (
        str(MEASURE.DefectionCrackdown),
        re.compile(
            r"\b(?:defect\w*|cross(?:es|ing|ed)? (?:the )?(?:frozen |icy |shallow |swollen )?(?:border|"
            r"river|ice|water|tumen|yalu)|cross(?:es|ing|ed)? into china|fle[de]|flee\w*|escap(?:e|es|ed|ing|ees?)\b"
            r"(?! (?:prison|jail|punishment|penalt\w+|charges?|a fine|fines|arrest|sentences?|"
            r"the (?:camp|charges|punishment)))|strangers?|north koreans (?:who (?:are|were|have been) )?(?:in|hiding|living|staying|"
            r"working without)|returnees|(?:sent|handed|deported|repatriated) back from china|(?:those|people|women|men|"
            r"defectors) (?:who were )?(?:returned|sent back|handed back|repatriated)\b|"
            r"leav(?:e|es|ing) the country|shelter(?:s|ed|ing)?|harbou?r(?:s|ed|ing)|(?:hid|hide|hides|"
            r"hiding) (?:one|them|him|her)\b|caught (?:in|crossing into) china|(?:border|river) "
            r"cross(?:ings?|ers?)|crossers|(?:help|aid|assist)\w* (?:[\w-]+ ){0,3}?(?:cross|"
            r"escape|flee|defect|leave the country)\w*|(?:shelter|hid|hide|harbou?r|employ|hir(?:e|ed|es|ing))\w* "
            r"(?:a |any )?north koreans?|(?:detain|arrest|round|apprehend|caught|catch|hunt|search|track)\w* "
            r"(?:up |down )?"
            r"(?:[\w-]+ ){0,3}?north koreans\b(?! (?:authorities|officials|guards|police|agents))|"
            r"(?:identity|identification|id) (?:checks?|cards?|documents|papers)|"
            r"(?:help|let|guid|lead|led|ferr)\w* (?:[\w-]+ ){0,3}?across|(?:guid|lead|led|ferr|escort|driv|drove)\w* "
            r"(?:[\w-]+ ){0,2}?(?:people|north koreans|women|defectors|escapees|families) (?:down )?"
            r"(?:to|towards) the (?:river|riverbank|border|ice|water)|(?:help|let|allow)\w* "
            r"(?:[\w-]+ ){1,5}?(?:cross|escape|flee|defect)\b"
            r"(?! the (?:river|border) (?:with|by) (?:goods|cargo)))\b",
            _I,
        ),
    ),
    (
        str(MEASURE.SmugglingCrackdown),
        re.compile(
            r"\b(?:smuggl\w+|official channels|import\w* goods|contraband|undeclared|outside "
            r"(?:the )?(?:official|state|legal|formal|customs) (?:channels|office|system)|(?:not|"
            r"without|never) (?:\w+ ){0,2}?(?:pass\w*|go\w*|gone) through customs|illegal(?:ly)? "
            r"(?:imported|traded|brought in) goods|brib\w+|"
            # drugs are goods moved outside customs: "for trafficking methamphetamine"
            r"traffick\w* (?:in )?(?:[\w-]+ ){0,2}?(?:drugs|narcotics|methamphetamine|opium|"
            r"heroin)\b|(?:drug|narcotics?|methamphetamine|opium|heroin) traffick\w*|"
            # goods taken out of a mine or across: "carrying copper out of the mine"
            r"(?:carry\w*|carried|tak\w+|took|sneak\w*|snuck|spirit\w*) (?!(?:people|north koreans|women|"
            r"defectors|them|children|families)\b)(?:[\w-]+ ){1,3}?(?:out of|across) (?:the )?"
            r"(?:[\w-]+ ){0,2}?(?:mines?|border|river|country|factory|port)|"
            # boats run across the river: "running boats between Sindo and the Chinese shore"
            r"run\w* (?:[\w-]+ ){0,2}?boats? (?:between|across|to)\b|"
            # goods sold to or bought from the North: "sold diesel to North Koreans on the
            # ice", "dealing in North Korean frogs", "detained with a load of herbs"
            # (unless in breach of sanctions, told next: the sanctions are enforced)
            r"(?:(?:sold|sell\w*|bought|buy\w*|deal\w* in|shipp\w*) (?:[\w-]+ ){0,4}?(?:to|from) "
            r"(?:the )?north korea(?:ns?)?|(?:sold|sell\w*|bought|buy\w*|deal\w* in) north korean "
            r"(?!(?:women|wives|brides|girls|workers|defectors|people|refugees)\b)\w+|with a load of|"
            r"courier networks?)\b(?![^.;]{0,160}\bsanctions?\b))\b|"
            + ACROSS_TRADE
            + "|"
            + OVER_THE_WATER,
            _I,
        ),
    ),
    (str(MEASURE.SanctionsEnforcement), re.compile(SANCTIONS_BASIS, _I)),
]

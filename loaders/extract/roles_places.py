"""Where a measure is not: the other bank it faces, nor where those who heard of it are.

A place named after ``opposite``, ``facing``, ``across from``, ``looks across at`` or ``on the
other side of the river from`` is what the measure looks at, not where it is: "a fence on the
Chinese bank across from Hyesan", "cameras in Changbai facing Hyesan", "floodlights along the
Tumen opposite Onsong" put the measure on the bank the text names (Changbai, the Tumen) or,
when it names none, nowhere (the annotation guide's *where*: where the measure applies, is
carried out or is enforced). So is a place joined to the faced one ("facing Sakju and Uiju",
"facing Sakju County in North Korea") and a place referred back to there ("facing the
county"). A border river or a bridge is between the banks, not across them ("cameras facing
the Yalu", "facing the railway bridge to Namyang" are on the river, the bridge), but one
named only to move to its other bank is no place of the measure ("Across the Yalu, Chinese
police in Changbai …"). Goods or people that come "across from" a place come from it
(``placerefs.ORIGIN``'s business).

The place of those who heard of a measure ("There is talk in Rajin that …") is not where it
is either (``places_heard``), nor the place a ``who had`` clause gives the people's past
("North Koreans who had been held in Jilin", ``places_past``), nor where the goods or
travellers it checks are bound ("lorries bound for Rason", ``places_bound``). The merge compares the places
of the mentions as ``ArticleContext.places`` reads them; the rules are applied once the
mentions are merged, to the place the policy kept, so they change where a measure is and
never which measures are found.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import BKG

from . import kinds
from .model import Entity, Mention, Policy, Span
from .places_bound import destination, has_destination
from .places_heard import HEARSAY_WORDS, heard_at
from .places_past import has_past_clause, past_place

if TYPE_CHECKING:
    from .context import ArticleContext

# Right before a place the measure faces, ``across`` when the words say it lies across the
# river; the place may be qualified ("North Korea's Manpo", "the Chinese city of Tumen").
_FACING = re.compile(
    r"\b(?:opposite|fac(?:e|es|ed|ing)|(?P<across>"
    r"across\s+(?:the\s+(?:river|water|border|yalu|tumen|[\w'’-]+\s+river)\s+)?from|"
    r"(?:other|opposite|far)\s+(?:side|bank|shore)\s+(?:of\s+the\s+(?:[\w'’-]+\s+){1,2})?from|"
    r"(?:looks?|looking|looked|stares?|staring)\s+(?:out\s+)?(?:across|over)\s+"
    r"(?:the\s+(?:[\w'’-]+\s+){1,2})?(?:at|to|towards?)))\s+"
    r"(?:the\s+)?(?:(?:North\s+Korea|China|Russia)['’]s\s+)?"
    r"(?:(?:North\s+Korean|Chinese|Russian)\s+)?"
    r"(?:(?:border\s+)?(?:city|town|county|village|port|district)s?\s+of\s+)?$",
    re.IGNORECASE,
)
# "brought across from Changbai", "floated across the river from China": where goods come from.
_MOTION = re.compile(
    r"\b(?:br(?:ing|ings|ought)|c(?:ame|ome|omes|oming)|float\w*|thr(?:own|ew|ow|ows)|"
    r"carr\w+|smuggl\w+|hand\w*|sen[dt]\w*|taken|cross\w*|sw[iau]m\w*|wad\w+|walk\w*|fled|"
    r"mov\w+|ferr\w+|shipp?\w*|deliver\w*|pass\w*|push\w*|truck\w*|dr[io]ve\w*|fl[eo]w\w*|"
    r"got|sneak\w*|snuck)\s+(?:[\w'’-]+\s+){0,5}$",
    re.IGNORECASE,
)
_ACROSS = re.compile(r"\bacross\b[^.;]*$", re.IGNORECASE)
# A river after a fronted "Across the" or "On the other side of the", or one in a phrase set
# off by a comma ("In Hoeryong, across the Tumen from Longjing").
_OTHER_SIDE_OF = re.compile(
    r"(?:^|[,;]\s*)\W*(?:(?:just|right)\s+)?(?:across|over|on\s+the\s+(?:other|far|opposite)\s+"
    r"(?:side|bank|shore)\s+of)\s+(?:the\s+)?(?:frozen\s+)?$",
    re.IGNORECASE,
)
# A place joined to a faced one: "facing Sakju and Uiju", "facing Sakju County in North Korea".
_JOINED = re.compile(
    r"^(?:\s+(?:county|city|town|district|province))?\s*(?:,\s*)?(and|or)\s+(?:the\s+)?$"
    r"|^(?:\s+(?:county|city|town|district|province))?\s+(in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A reference back to a place across the river ("facing the county"), not to a river, a
# bridge or a site.
_AREA_REFERENCE = re.compile(
    r"\b(?:count(?:y|ies)|districts?|city|town|township|villages?|province|island|area|region)$",
    re.IGNORECASE,
)
_CROSSING = str(BKG.BorderCrossing)
_BANK_TYPES = {
    str(BKG.Settlement),
    str(BKG.AdministrativeArea),
    str(BKG.Landform),
    str(BKG.EconomicZone),
}
# A place named as what a site belongs to ("Dandong station", "the Hyesan market").
_SITE_AFTER = re.compile(
    r"\s+(?:railway\s+|train\s+|bus\s+)?(?:station|market|park|gate|hotel|square|promenade|"
    r"bridge|crossing|port|customs|airport|school|factory|mine|cent(?:re|er)|office|hospital|"
    r"stadium|pier|wharf|dock|dam|plaza)s?\b",
    re.IGNORECASE,
)


def _facing(ctx: ArticleContext, sent: int, pos: int) -> str | None:
    """How the place at ``pos`` is named as what is faced: ``"across"`` (``across from``,
    ``looks across at``), ``"facing"`` (``opposite``, ``facing``), else ``None`` (also where
    goods or people come from it)."""
    before = ctx.before(sent, pos, 90)
    found = _FACING.search(before)
    if found is None:
        return None
    if not found.group("across"):
        return "facing"
    across = _ACROSS.search(before)
    if across is not None and _MOTION.search(before[: across.start()]):
        return None
    return "across"


def _across(ctx: ArticleContext, sent: int, m: Mention, joined: bool = False) -> bool:
    """Whether a place named as faced (or ``joined`` to one) lies across the river: a town,
    an area, an island, not a river or a bridge between the banks; a site only when the words
    say it is across ("looks across the Tumen at the Musan mine"): one faced may be on either
    bank ("windows facing Dandong station")."""
    entity = ctx.entities[m.entity]
    if kinds.is_country(entity) or kinds.is_river(entity) or _CROSSING in entity.types:
        return False
    if joined:
        return True
    how = _facing(ctx, sent, m.span.begin)
    if how is None:
        return False
    site = not _BANK_TYPES & set(entity.types) or _SITE_AFTER.match(ctx.folded, m.span.end)
    return how == "across" or not site


def _river_crossed_to(ctx: ArticleContext, sent: int, m: Mention) -> bool:
    """Whether a river is named only to say the sentence moves to its other bank ("Across the
    Yalu, Chinese police …", "In Hoeryong, across the Tumen from Longjing, …")."""
    if not kinds.is_river(ctx.entities[m.entity]):
        return False
    s = ctx.sentences[sent]
    return bool(_OTHER_SIDE_OF.search(ctx.folded, s.begin, m.span.begin))


def _faced_mentions(ctx: ArticleContext, sent: int) -> set[Span]:
    """Spans of the places a sentence names as the other bank its measure faces, and of a
    river it names only to cross to the other bank."""
    faced: list[Mention] = []
    crossed: set[Span] = set()  # no place of the measure, and no faced bank to join to
    for m in sorted(ctx.by_sentence.get(sent, []), key=lambda m: m.span.begin):
        entity = ctx.entities[m.entity]
        if not kinds.is_place(entity):
            continue
        if _river_crossed_to(ctx, sent, m):
            crossed.add(m.span)
            continue
        if _across(ctx, sent, m):
            faced.append(m)
            continue
        last = faced[-1] if faced else None
        if last is None or last.span.end > m.span.begin:
            continue
        joined = _JOINED.match(ctx.folded[last.span.end : m.span.begin])
        if joined is None:
            continue
        if joined.group(1) and _across(ctx, sent, m, joined=True):
            faced.append(m)  # "facing Sakju and Uiju"
        elif joined.group(2) and m.entity in _containing(ctx, last.entity):
            faced.append(m)  # "facing Sakju County in North Korea"
    return {m.span for m in faced} | crossed


def _containing(ctx: ArticleContext, iri: str) -> set[str]:
    """The places a place lies in (its country, the areas it is part of)."""
    out: set[str] = set()
    entity = ctx.entities.get(iri)
    while entity is not None and entity.iri not in out:
        if entity.country:
            out.add(entity.country)
        if entity.part_of is None:
            break
        out.add(entity.part_of)
        entity = ctx.entities.get(entity.part_of)
    return out


def _places_sentence(ctx: ArticleContext, policy: Policy) -> int | None:
    """The sentence whose places the merged policy kept (its first mention's, or a later
    mention's that names its own)."""
    seen: set[int] = set()
    for e in policy.evidence:
        sent = ctx.words.sentence_of(e.begin)
        if sent in seen:
            continue
        seen.add(sent)
        places, _, inferred = ctx.places(sent)
        if places == policy.places and inferred == policy.place_inferred:
            return sent
    return None


def own_places(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Set each merged policy where its sentence puts it, without the other bank it faces
    nor the place of those who heard of it (``places_heard``)."""
    for policy in policies:
        if not policy.places:
            continue
        sent = _places_sentence(ctx, policy)
        if sent is None:
            continue
        s = ctx.sentences[sent]
        facing = _ANY_FACING.search(ctx.folded, s.begin, s.end) is not None
        hearsay = HEARSAY_WORDS.search(ctx.folded, s.begin, s.end) is not None
        past = has_past_clause(ctx, sent, policy.evidence)
        bound = has_destination(ctx, sent)
        if not (facing or hearsay or past or bound):
            continue
        faced = _faced_mentions(ctx, sent) if facing else set()
        mentions = {m.span: ctx.entities[m.entity] for m in ctx.by_sentence.get(sent, [])}
        # the measure told after the place, in what was heard
        told = max(e.end for e in policy.evidence if ctx.words.sentence_of(e.begin) == sent)

        def apart(
            span: Span,
            sent: int = sent,
            faced: set[Span] = faced,
            mentions: dict[Span, Entity] = mentions,
            hearsay: bool = hearsay,
            told: int = told,
            past: bool = past,
            bound: bool = bound,
            evidence: list[Span] = policy.evidence,
        ) -> bool:
            if span in faced:
                return True
            if bound and span in mentions and destination(ctx, sent, span):
                return True
            if past and past_place(ctx, sent, span, evidence):
                return True
            if hearsay and span.end <= told and heard_at(ctx, sent, span, mentions.get(span)):
                return True
            if span in mentions:
                return False
            # a reference back ("facing the county")
            words = ctx.folded[span.begin : span.end]
            return bool(_AREA_REFERENCE.search(words) and _facing(ctx, sent, span.begin))

        places, precision, inferred = ctx.places_apart(sent, apart)
        if places != policy.places:
            policy.places, policy.location_precision = places, precision
            policy.place_inferred = inferred
    return policies


_ANY_FACING = re.compile(r"\b(?:opposite|fac(?:e|es|ed|ing)|across|other|far)\b", re.I)

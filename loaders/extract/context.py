"""What a sentence offers to the nodes built from it: actors, places, times, quantities.

Policies and event reports share the same way of filling their roles from the sentence
they are found in, so it lives here: authorities in subject position or after ``by``, the
groups affected, the places (named in the sentence, else referred back to: ``the county``
is the county named before; ``placerefs``), the nearest time expression
and the quantities. A cue is negated by ``not``, ``no …`` or a denial that governs its
clause (``denied that any new equipment was being put up``, ``there is no sign that the
curfew will be lifted``). A sentence without a place of its own is set where the sentence
before it in its paragraph is (``paragraph_places``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import kinds
from .bullets import ListLayout, list_layout
from .cues import SentenceWords
from .model import Entity, Mention, Span, SpanReach, TimeInfo
from .placerefs import CAPITALS, COUNTRY_LOCATIVE, IN_CAPITAL, ORIGIN, QUALIFIED_IN, referred_places
from .policy_clauses import other_predicate, participle_apart, relative_apart, subordinate_apart
from .roles import COUNTRY_AS_PLACE, Roles, sentence_roles

_NEGATION = re.compile(
    r"\b(?:not|never|no longer|n't|neither|nor|denied|denies|deny|failed to|refused to|"
    # "without permission" qualifies the act a rule is about, it does not negate the rule
    r"without(?!\s+(?:a\s+|an\s+|official\s+|valid\s+|prior\s+)?(?:permission|permits?|"
    r"papers|warning|authori[sz]ation|documents|identification|id|approval)\b)|"
    r"nobody|no one|none|"
    # "No broker has been arrested so far": a subject that says none was
    r"no\s+(?!(?:longer|more|fewer|less)\b)[\w'’-]+(?:\s+[\w'’-]+)?\s+"
    r"(?:has|have|had|was|were))"
    r"\b[^,;]{0,25}$",
    re.IGNORECASE,
)
# "No one from the families of the three has been arrested": the subject that says none
# was, with what it is of, at the head of the sentence and governing the cue's own verb (not
# one in a clause of its own: "No goods from China have been allowed in since the border
# was closed").
_NONE_SUBJECT = re.compile(
    r"\W*(?:nobody|no\s+one|none|no\s+[\w'’-]+)\s+(?:of|from|on|in|among|at|inside|outside)\s+"
    r"(?:(?!\b(?:has|have|had|was|were|is|are|been|since|when|after|before|because|while|"
    r"until|as|but|and)\b)[^,;]){1,60}?\s+(?:has|have|had|was|were)\s+"
    r"(?:yet\s+|so\s+far\s+|ever\s+|since\s+)?(?:been\s+)?(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_NO_BEFORE = re.compile(r"\b(?:no|zero)\s+(?:new\s+|more\s+)?$", re.IGNORECASE)
_DENIAL_STEMS = (
    *("deni", "deny", "dismiss", "reject", "refut", "Deni", "Deny", "Dismiss", "Reject"),
    *("no sign", "no indication", "no evidence", "no word", "no hint"),
)
_NO_START = re.compile(r"(?:no|zero)\s", re.IGNORECASE)
# A denial governs its whole clause: "denied that any new equipment was being put up",
# "dismissed talk that guards would be paid a bonus".
_DENIAL = re.compile(
    r"(?:\b(?:denied|denies|deny|denying|dismissed|dismisses|dismissing|rejected|rejects|refuted)"
    r"\s+(?:(?:the\s+|any\s+)?(?:reports?|claims?|rumou?rs?|talk|suggestions?|allegations?|"
    r"speculation)\s+)?(?:(?:this|last|on)\s+\w+\s+)?"
    # "there is no sign that the curfew will be lifted": nothing says it is happening
    r"|\bno\s+(?:sign|signs|indication|evidence|word|hint)\s+(?:yet\s+)?)(?:that|of)\b[^.;]*$",
    re.IGNORECASE,
)
# Where something happens, not where it comes from or goes ("smuggled from Dandong").
# "… sources in Ryanggang Province and [North Hamgyong]": a second place of a source formula.
_SOURCE_AND = re.compile(
    r"\b(?:sources?|informants?|contacts?)\s+(?:based\s+)?in\s+[^.;:,]*?\s(?:and|or)\s+"
    r"(?:in\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_SETTING = re.compile(
    r"\b(?:in|at|near|inside|around|along|within|throughout)\s+(?:the\s+)?$", re.I
)
_LEGAL_BASIS = re.compile(
    r"\b(?:under|in accordance with|based on|pursuant to|citing|in line with|according to|"
    r"linked to|tied to|on the basis of|enforcing|(?:as\s+)?required\s+by|"
    r"as\s+(?:stipulated|provided|prescribed|set\s+out|laid\s+down)\s+(?:in|by))\s+"
    r"(?:the\s+)?(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "…, as the Exit and Entry Administration Law requires": the law after "as", its verb after it.
_AS_LAW = re.compile(r"\bas\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)
_LAW_REQUIRES = re.compile(r"\s*(?:requires|required|demands|stipulates|prescribes)\b", re.I)
_BREACH = re.compile(r"\b(?:violat\w*|breach\w*|contrary|against|infring\w*)\b", re.IGNORECASE)


@dataclass
class ArticleContext:
    """Mentions, times and quantities of one article, indexed by sentence."""

    original: str
    folded: str
    sentences: list[Span]
    mentions: list[Mention]
    entities: dict[str, Entity]
    times: list[TimeInfo]
    quantities: list[tuple[Span, str]]  # (span, Quantity.local)
    source_spans: list[Span]
    words: SentenceWords
    headings: frozenset[int] = frozenset()  # sentences that are subheadings
    published: dt.date | None = None

    def __post_init__(self) -> None:
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        # Built on first use: a sentence's times and quantities (asked for each mention of
        # every sentence with a measure).
        self._times_in: dict[int, list[TimeInfo]] = {}
        self._quantities_in: dict[int, list[str]] = {}
        self._sources = SpanReach(self.source_spans)
        self._places: dict[int, tuple[list[str], str | None, bool]] = {}
        self._source_places: dict[int, list[str]] = {}
        self._lists: ListLayout | None = None

    def lists(self) -> ListLayout:
        """The article's bulleted lists (built on first use)."""
        if self._lists is None:
            self._lists = list_layout(self.original, self.sentences, self.headings)
        return self._lists

    def before(self, sent: int, pos: int, width: int = 48) -> str:
        """Up to ``width`` characters of the sentence before ``pos`` (for end-anchored cues)."""
        return self.folded[max(self.sentences[sent].begin, pos - width) : pos]

    def negated(self, sent: int, cue: Span, target: Span | None = None) -> bool:
        """Whether a cue is negated (``did not install``, ``no cameras``)."""
        s = self.sentences[sent]
        if _NEGATION.search(self.before(sent, cue.begin, 60)):
            return True
        if _NONE_SUBJECT.match(self.folded, s.begin, cue.begin):
            return True
        if self.denied(sent, min(cue.begin, target.begin) if target else cue.begin):
            return True
        return bool(
            target
            and (
                _NO_BEFORE.search(self.folded[max(s.begin, target.begin - 12) : target.begin])
                or _NO_START.match(self.folded, target.begin)
            )
        )

    def denied(self, sent: int, pos: int) -> bool:
        """Whether what follows ``pos`` is what someone denies (``denied reports that …``)."""
        before = self.before(sent, pos, 150)
        if not any(w in before for w in _DENIAL_STEMS):
            return False
        return bool(_DENIAL.search(before))

    def roles(self, sent: int, anchor: Span, issuing: bool) -> Roles:
        """Agents (issuing or implementing) and affected groups of a sentence's measure."""
        return sentence_roles(self, sent, anchor, issuing)

    def has_legal(self, sent: int) -> bool:
        """Whether the sentence names a legal instrument or provision."""
        return any(kinds.is_legal(self.entities[m.entity]) for m in self.by_sentence.get(sent, []))

    def has_authority(self, sent: int) -> bool:
        """Whether the sentence names a state body (or a state acting)."""
        return any(
            kinds.is_authority(self.entities[m.entity]) for m in self.by_sentence.get(sent, [])
        )

    def places(self, sent: int) -> tuple[list[str], str | None, bool]:
        """Places of a sentence's measure, their precision, and whether they were read from
        earlier sentences: those it names, else those it refers back to ("the county",
        "there"; ``placerefs``), else none."""
        known = self._places.get(sent)
        if known is None:
            known = self._places[sent] = self._sentence_places(sent)
        return list(known[0]), known[1], known[2]

    def places_apart(
        self, sent: int, apart: Callable[[Span], bool]
    ) -> tuple[list[str], str | None, bool]:
        """``places`` without the places, and references to places, at the spans ``apart``
        sets aside (the other bank a measure faces: ``roles_places``): a sentence that names
        places, all of them set aside, has none. Not cached, and not what the merge
        compares: it is read once per merged policy."""
        if self._places_named(sent, located=True):
            named = self._places_named(sent, located=True, apart=apart)
            return self._with_precision(list(dict.fromkeys(m.entity for m in named)), False)
        return self._with_precision(referred_places(self, sent, apart), True)

    def _sentence_places(self, sent: int) -> tuple[list[str], str | None, bool]:
        named = list(dict.fromkeys(m.entity for m in self._places_named(sent, located=True)))
        if named:
            return self._with_precision(named, False)
        return self._with_precision(referred_places(self, sent), True)

    def _with_precision(
        self, found: list[str], inferred: bool
    ) -> tuple[list[str], str | None, bool]:
        """Places, the precision of the most precise, and whether they were referred back to."""
        if not found:
            return [], None, False
        precision = min(
            (kinds.location_precision(self.entities[i]) for i in found), key=_precision_rank
        )
        return found, precision, inferred

    def paragraph_places(self, sent: int) -> list[str]:
        """The places below country level named by the nearest sentence before ``sent`` in
        its paragraph that names any (where a sentence without a place of its own is set;
        "relatives in China" names no setting)."""
        while sent > 0:
            between = self.folded[self.sentences[sent - 1].end : self.sentences[sent].begin]
            if "\n" in between:
                return []
            sent -= 1
            found = self._settings(sent)
            if found:
                return found
        return []

    def _settings(self, sent: int) -> list[str]:
        """The places below country level a sentence sets the article in ("in Dandong")."""
        found = [
            m.entity
            for m in self._places_named(sent)
            if not kinds.is_country(self.entities[m.entity])
            and _SETTING.search(self.before(sent, m.span.begin, 30))
        ]
        return list(dict.fromkeys(found))

    def with_precision(self, inferred: list[str]) -> tuple[list[str], str | None, bool]:
        """``places`` for places read from other sentences than the node's own."""
        return self._with_precision(inferred, True)

    def lead_places(self) -> list[str]:
        """The places below country level the article's first paragraph sets it in ("a
        trader who has done business in Dandong"): where an observation that names no
        place was made."""
        for index, sent in enumerate(self.sentences):
            if index in self.headings:
                continue
            found = self._settings(index)
            after = self.sentences[index + 1].begin if index + 1 < len(self.sentences) else sent.end
            if found or "\n" in self.folded[sent.end : after]:
                return found
        return []

    def _places_named(
        self,
        sent: int,
        located: bool = False,
        sources: bool = False,
        apart: Callable[[Span], bool] | None = None,
    ) -> list[Mention]:
        """The places a sentence names (countries only as places), the most specific ones:
        for its measure never those of a source formula (``sources``: only those), for a
        paragraph's setting those too if it names no other. ``located``: where the sentence puts
        its measure — a country only where something is put in it ("in China"), and not
        where people or goods come from ("traders from Longjing") if it names another.
        ``apart``: mentions at these spans are not the measure's places."""
        country_place = COUNTRY_LOCATIVE if located else COUNTRY_AS_PLACE
        found: list[Mention] = []
        for m in self.by_sentence.get(sent, []):
            entity = self.entities[m.entity]
            if not kinds.is_place(entity):
                continue
            # A country is a place only as the object of a preposition ("in China"), not
            # as an actor ("China has", "Chinese authorities").
            before = self.before(sent, m.span.begin)
            if kinds.is_country(entity) and not country_place.search(before):
                continue
            if located and kinds.is_country(entity) and QUALIFIED_IN.search(before):
                continue  # "relatives in China"
            if located and m.entity.endswith(CAPITALS) and not IN_CAPITAL.search(before):
                continue  # "Pyongyang lifted its ban", "a group sent from Pyongyang"
            if apart is not None and apart(m.span):
                continue
            found.append(m)
        # Where a source is said to be is not where the measure is: the held-out gold names
        # the measure's own places, and a sentence naming none has none of its own. A
        # paragraph's setting may still come from its source's place.
        own = [m for m in found if not self._in_source_formula(sent, m)]
        sourced = [m for m in found if m not in own]
        if not located:
            own = [m for m in found if not self.inside_source(m.span)] or found
        return self._narrowed(sent, sourced if sources else own, located)

    def _narrowed(self, sent: int, found: list[Mention], located: bool) -> list[Mention]:
        """The most specific of a sentence's places, and not where people or goods come from
        if it names another."""
        specific = [m for m in found if not kinds.is_country(self.entities[m.entity])]
        found = specific or found
        if located:
            there = [m for m in found if not ORIGIN.search(self.before(sent, m.span.begin))]
            found = there or found
        return found

    def source_places(self, sent: int) -> list[str]:
        """The places a sentence gives its sources ("a source in Sinuiju said"): not where
        its measure is, but a sign of which side of the border the report comes from. Asked
        by the merge for every pair of mentions it compares, so read once per sentence."""
        found = self._source_places.get(sent)
        if found is None:
            named = self._places_named(sent, located=True, sources=True)
            found = self._source_places[sent] = list(dict.fromkeys(m.entity for m in named))
        return list(found)

    def times_in(self, sent: int) -> list[TimeInfo]:
        """The time expressions inside a sentence, in the order of ``times`` (do not change)."""
        found = self._times_in.get(sent)
        if found is None:
            s = self.sentences[sent]
            found = self._times_in[sent] = [t for t in self.times if s.contains(t.span)]
        return found

    def time(self, sent: int, anchor: Span) -> TimeInfo | None:
        """The time expression of a sentence nearest to the anchor, if it is close enough."""
        inside = [t for t in self.times_in(sent) if distance(t.span, anchor) <= TIME_REACH]
        if not inside:
            return None
        return min(inside, key=lambda t: distance(t.span, anchor))

    def own_time(self, sent: int, anchor: Span) -> TimeInfo | None:
        """The nearest time expression close enough to an event's anchor that stands in its
        own clause: not a coordinated predicate's, a relative clause's, that of the finite
        verb after a participle cue nor that of a ``before``/``after``/``until`` clause after
        the cue (``policy_clauses``)."""
        s = self.sentences[sent]
        inside = [
            t
            for t in self.times_in(sent)
            if distance(t.span, anchor) <= TIME_REACH
            and not other_predicate(self.folded, t.span, anchor, s)
            and not relative_apart(self.folded, t.span, anchor, s)
            and not participle_apart(self.folded, t.span, anchor)
            and not subordinate_apart(self.folded, t.span, anchor)
        ]
        return min(inside, key=lambda t: distance(t.span, anchor)) if inside else None

    def quantities_in(self, sent: int) -> list[str]:
        """Local names of the quantities of a sentence."""
        found = self._quantities_in.get(sent)
        if found is None:
            s = self.sentences[sent]
            found = self._quantities_in[sent] = [
                local for span, local in self.quantities if s.contains(span)
            ]
        return list(found)

    def legal_basis(self, sent: int) -> list[str]:
        """Legal instruments the sentence gives as the basis of a measure (``under X``)."""
        out: list[str] = []
        for m in self.by_sentence.get(sent, []):
            if not kinds.is_legal(self.entities[m.entity]):
                continue
            before = self.before(sent, m.span.begin, 90)
            cited = _AS_LAW.search(before) and _LAW_REQUIRES.match(self.folded, m.span.end)
            if (_LEGAL_BASIS.search(before) or cited) and not _BREACH.search(before[-60:]):
                out.append(m.entity)
        return out

    def _in_source_formula(self, sent: int, m: Mention) -> bool:
        """Whether a place is where a source is said to be: inside a source's description,
        or coordinated with one ("sources in Ryanggang Province and North Hamgyong")."""
        if self.inside_source(m.span):
            return True
        return bool(_SOURCE_AND.search(self.before(sent, m.span.begin, 90)))

    def inside_source(self, span: Span) -> bool:
        """Whether ``span`` lies inside the description of a source (``a source in X``)."""
        return self._sources.reach(span.begin) >= span.end


# How far (in characters) a time expression may be from what it dates.
TIME_REACH = 70
_PRECISION_ORDER = ("Exact", "Settlement", "County", "BorderStretch", "Province", "Country")


def _precision_rank(iri: str) -> int:
    name = iri.rsplit("/", 1)[-1]
    return _PRECISION_ORDER.index(name) if name in _PRECISION_ORDER else len(_PRECISION_ORDER)


def distance(a: Span, b: Span) -> int:
    """Characters between two spans (0 when they overlap)."""
    if a.overlaps(b):
        return 0
    return b.begin - a.end if a.end <= b.begin else a.begin - b.end

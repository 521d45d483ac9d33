"""The noun phrases that may name a source: "a source in Ryanggang Province", "Traders in
Dandong", "A second source, a Daily NK source in China who works with brokers …".

A phrase is a role noun with its determiner and modifiers, the place or body it is put in
("in Hyesan", "of a village near Changbai", "based in Seoul"), a relative clause that gives
its role ("who works with brokers") and an apposition that describes it again ("A second
source, a … source in China, said": one source). Words that only look like sources are
left out: "source of income" (an origin), a bare "contact" (a verb or a mass noun), a role
noun that is part of a named body's name ("The UN Special Rapporteur"), and a description
set after a named body ("The Citizens' Alliance …, a rights group based in Seoul, said").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from borderkg.ontology.namespaces import ACTORTYPE, BKG

from . import kinds
from .anchors import words_before
from .attribution_lexicon import MODIFIERS, NP, ROLE_SEARCH, SOURCE_ROLES, TAIL, TAIL_WORDS
from .model import Entity, Mention, Span

# "source(s) of" something that is not a place is an origin ("source of income").
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
# Places given only vaguely: the phrase goes on, but no place is claimed.
_VAGUE_TAIL = re.compile(
    r"\s*,?\s*(?:on\s+both\s+sides\s+of\s+the\s+(?:border|river)|in\s+both\s+countries|"
    r"(?:inside|in)\s+the\s+country|(?:in|from|along)\s+the\s+border\s+(?:region|area)s?|"
    r"(?:across|along)\s+the\s+(?:border|river))\b",
    re.IGNORECASE,
)
# "of a village near Changbai", "from a town in Jilin": the place named after the setting.
_SETTING = re.compile(
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:village|town|city|county|district|area|"
    r"neighbou?rhood|farm|factory|market|port|region)s?\s+(?:near|in|outside|of|on)\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
# Where the source works, given by its workplace ("a source at a rival agency").
_EMPLOYER = re.compile(
    r"\s+(?:at|with|for|from|of)\s+(?:a|an)\s+(?P<org>(?:[\w-]+\s+){0,2}?(?:agency|company|firm|"
    r"factory|enterprise|bank|hotel|office|unit|bureau|mine|cooperative|shipyard|forwarder|"
    r"hospital|school|market)s?)\b",
    re.IGNORECASE,
)
# What "a source in the …" may go on with: a place the text named before, or a vague one.
_PLACE_NOUNS = frozenset(
    {"province", "city", "town", "county", "village", "region", "area", "district", "country"}
)
# "no official has commented": nobody speaks.
_NEGATED = re.compile(r"\b(?:no|nor|neither)\s+$", re.IGNORECASE)
# Nouns that name several people in the singular form ("hotel staff").
_COLLECTIVE_NOUNS = frozenset({"staff"})
# A relative clause that says what the source does or where it lives.
_RELATIVE = re.compile(
    r"\s*,?\s*(?:who|that)\s+(?:(?:also|now|still|regularly|often|has|have)\s+)?"
    r"(?P<verb>works?|worked|working|trades?|traded|deals?|dealt|runs?|ran|manages?|managed|"
    r"drives?|drove|lives?|lived|is|was|are|were)\b(?P<rest>[^,.;:\"()]{1,80})",
    re.IGNORECASE,
)
_DOING = re.compile(r"work|trad|deal|run|ran|manag|driv|drove", re.IGNORECASE)
_LIVING = re.compile(r"liv", re.IGNORECASE)
_PLACE_PP = re.compile(r"\s+(?:in|near|at|from|across|along|on)\s+.*$", re.IGNORECASE | re.DOTALL)
_APPOSITION = re.compile(r"\s*,\s*")
_CLOSED = re.compile(r"\s*(?:,|$|\.|;)")
_INDEFINITE = frozenset({"a", "an", "one"})
_SOME = _INDEFINITE | {"another", "two", "three", "several", "some", "many", "other", "second"}
# What a place is called where the text names it ("the town of Namyang", "Tumen, the city").
_CLASS_BEFORE = re.compile(r"\b(?P<cls>city|town|village|county|province)\s+of\s+$", re.IGNORECASE)
_CLASS_AFTER = re.compile(
    r"\s*,\s*(?:a|the)\s+(?:[\w-]+\s+){0,3}?(?P<cls>city|town|village|county|province)\b",
    re.IGNORECASE,
)
_OUTLETS = frozenset(str(t) for t in (ACTORTYPE.Media, ACTORTYPE.StateMedia))
_COLLECTIVE, _ORGANIZATION = str(BKG.CollectiveActor), str(BKG.Organization)


@dataclass
class NounPhrase:
    """A phrase that may name a source, with what it says about it."""

    span: Span
    det: str
    role: str  # singular, lower case
    mods: str
    location: str | None = None
    country: str | None = None
    affiliation_org: str | None = None
    doing: str | None = None  # what a relative clause says it does ("works with brokers")
    role_at: tuple[int, int] = (0, 0)  # where the role noun begins and ends
    plural: bool = False  # "sources in Dandong": a group, of which "a source" may be one
    # a person said to have left North Korea (``defectors``): the words naming them
    # ("A woman", "Kim"), the description the source gets, and that it is a defector
    head: Span | None = None
    label: str | None = None
    departed: bool = False


def singular(role: str) -> str:
    """The singular, lower-case form of a role noun."""
    role = role.lower()
    for plural, single in (("men", "man"), ("women", "woman"), ("people", "person")):
        if role.endswith(plural):
            return role[: -len(plural)] + single
    if role.endswith("sses"):
        return role[:-2]
    if role.endswith("s") and not role.endswith("ss"):
        return role[:-1]
    return role.replace("organisation", "organization")


class PhraseFinder:
    """Finds the noun phrases of one article's sentences."""

    def __init__(self, entities: dict[str, Entity], mentions: list[Mention]) -> None:
        self.entities = entities
        self._by_begin = sorted(mentions, key=lambda m: m.span.begin)
        self._begins = [m.span.begin for m in self._by_begin]

    def mention_at(self, pos: int) -> Mention | None:
        """The mention that begins exactly at ``pos``."""
        i = bisect.bisect_left(self._begins, pos)
        if i < len(self._by_begin) and self._by_begin[i].span.begin == pos:
            return self._by_begin[i]
        return None

    def _within(self, begin: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self._begins, begin)
        out = []
        while i < len(self._by_begin) and self._by_begin[i].span.begin < end:
            if self._by_begin[i].span.end <= end:
                out.append(self._by_begin[i])
            i += 1
        return out

    def noun_phrases(self, folded: str, sent: Span) -> list[NounPhrase]:
        """The source-like noun phrases of a sentence, in text order."""
        out: list[NounPhrase] = []
        covered = (0, 0)  # a relative clause or apposition already read
        for role_match in ROLE_SEARCH.finditer(folded, sent.begin, sent.end):
            if covered[0] <= role_match.start() < covered[1]:
                continue
            np = self._phrase(folded, sent, role_match)
            if np is None:
                continue
            clause_end = self._relative(np, folded, sent)
            if clause_end:
                covered = (np.span.begin, clause_end)
            if out and self._apposed(out[-1], np, folded):
                out[-1] = _merged(out[-1], np)
                covered = (out[-1].span.begin, out[-1].span.end)
                continue
            out.append(np)
        return [np for np in out if not self._names_body(np, folded, sent)]

    def _phrase(self, folded: str, sent: Span, role_match: re.Match[str]) -> NounPhrase | None:
        window = max(sent.begin, role_match.start() - 60)
        # NP holds at most six words before the role (determiner, ordinal, 4 modifiers)
        start = words_before(folded, window, role_match.start(), 6)
        m = NP.search(folded, start, role_match.end())
        if m is None:
            return None
        had_det = bool(m.group("det"))
        det, mods = (m.group("det") or ""), m.group("mods")
        words = mods.split()
        keep: list[str] = []
        for word in reversed(words):
            if word[0].isupper() or word.lower() in MODIFIERS:
                keep.insert(0, word)
            else:
                det = ""
                break
        written = m.group("role")
        role = singular(written)
        plural = written.lower() != role or role in _COLLECTIVE_NOUNS
        if not had_det and not keep and not plural:
            return None  # a bare singular is no phrase that names someone ("contact lists")
        first = det.split()[0].lower() if det.strip() else ""
        if first in (("this", "that") if plural else ("these", "those")):
            det = ""  # "a reversal that sources say": "that" is no determiner here
        if role == "person" and not keep:
            return None
        if role == "source" and self._origin(folded, m.end(), sent):
            return None
        begin = m.start("role")
        if keep:
            word_starts = [w.start() for w in re.finditer(r"\S+", mods)]
            begin = m.start("mods") + word_starts[len(words) - len(keep)]
        if det:
            begin = m.start("det")
        negated = keep and keep[0].lower() in ("no", "nor", "neither")
        if negated or _NEGATED.search(folded, max(sent.begin, begin - 10), begin):
            return None  # "no official has confirmed it": nobody speaks
        np = NounPhrase(Span(begin, m.end()), det.strip(), role, " ".join(keep))
        np.role_at = (m.start("role"), m.end())
        np.plural = plural
        self._read_modifiers(np, folded)
        self._attach_tail(np, folded, sent)
        return np

    def _origin(self, folded: str, end: int, sent: Span) -> bool:
        """Whether "source(s)" at ``end`` is followed by "of" something other than a place."""
        of = _OF.match(folded, end, sent.end)
        if of is None:
            return False
        mention = self.mention_at(of.end())
        return mention is None or not kinds.is_place(self.entities[mention.entity])

    def _read_modifiers(self, np: NounPhrase, folded: str) -> None:
        """Take names out of the modifiers: the outlet ("a Daily NK source" is the outlet's
        source, not one whose affiliation is Daily NK) and a place ("a Dandong trader" is a
        trader in Dandong)."""
        for mention in self._within(np.span.begin, np.role_at[0]):
            entity = self.entities[mention.entity]
            outlet = entity.actor_type in _OUTLETS
            place = kinds.is_place(entity) and not kinds.is_country(entity)
            if not (outlet or place):
                continue
            name = re.escape(folded[mention.span.begin : mention.span.end])
            np.mods = re.sub(rf"\s*\b{name}\b\s*", " ", np.mods).strip()
            if place and np.location is None:
                np.location, np.country = entity.iri, entity.country

    def _attach_tail(self, np: NounPhrase, folded: str, sent: Span) -> None:
        employer = _EMPLOYER.match(folded, np.span.end, sent.end)
        if employer:  # "a source at a rival agency"
            np.doing = re.sub(r"\s+", " ", employer.group(0)).strip()
            np.span = Span(np.span.begin, employer.end())
            return
        tail = TAIL.match(folded, np.span.end, sent.end)
        if not tail:
            vague = _VAGUE_TAIL.match(folded, np.span.end, sent.end)
            if vague:
                np.span = Span(np.span.begin, vague.end())
            return
        at = tail.end()
        setting = _SETTING.match(folded, at, sent.end)
        mention = self.mention_at(at)
        if mention is None and setting is not None:  # "of a village near Changbai"
            mention = self.mention_at(setting.end())
        if mention is not None:
            entity = self.entities[mention.entity]
            end = mention.span.end
            if kinds.is_place(entity) and tail.group("prep").lower() != "at":
                np.location = mention.entity
                np.country = entity.country
                after = re.match(r"\s*,\s*", folded[end : sent.end])
                if after:
                    outer = self.mention_at(end + after.end())
                    if outer is not None and kinds.is_place(self.entities[outer.entity]):
                        end = outer.span.end
                        np.country = np.country or self.entities[outer.entity].country
            elif kinds.is_actor(entity):
                np.affiliation_org = mention.entity
            else:
                return
            np.span = Span(np.span.begin, end)
            return
        vague = _VAGUE_TAIL.match(folded, np.span.end, sent.end)
        if vague:
            np.span = Span(np.span.begin, vague.end())
            return
        words = TAIL_WORDS.match(folded, at, sent.end)
        if (
            words
            and tail.group("prep").lower() in ("in", "of", "at", "from")
            and words.group(0).lower() in _PLACE_NOUNS
        ):
            np.span = Span(np.span.begin, words.end())
            place = self.place_anaphor(words.group(0), np.span.begin, folded)
            if place is not None:
                np.location = place
                np.country = self.entities[place].country

    def _relative(self, np: NounPhrase, folded: str, sent: Span) -> int:
        """Read a relative clause after the phrase into it; the clause's end, or 0."""
        clause = _RELATIVE.match(folded, np.span.end, sent.end)
        if clause is None:
            return 0
        verb, rest = clause.group("verb"), clause.group("rest")
        if _DOING.match(verb):
            np.doing = re.sub(r"\s+", " ", f"{verb}{_PLACE_PP.sub('', rest)}").strip().lower()
        elif _LIVING.match(verb) and np.location is None:
            where = re.search(r"\b(?:in|near)\s+(?:the\s+)?", rest)
            mention = where and self.mention_at(clause.start("rest") + where.end())
            if mention and kinds.is_place(self.entities[mention.entity]):
                np.location = mention.entity
                np.country = self.entities[mention.entity].country
        else:
            return 0
        np.span = Span(np.span.begin, clause.end())
        return clause.end()

    def _apposed(self, first: NounPhrase, second: NounPhrase, folded: str) -> bool:
        """Whether ``second`` describes ``first`` again ("A second source, a Daily NK source
        in China …,"): right after it, indefinite, closed by a comma or the sentence end."""
        gap = _APPOSITION.fullmatch(folded, first.span.end, second.span.begin)
        if gap is None or second.det.lower() not in _INDEFINITE:
            return False
        if SOURCE_ROLES.isdisjoint({first.role, second.role}):
            return False
        return _CLOSED.match(folded, second.span.end) is not None

    def _names_body(self, np: NounPhrase, folded: str, sent: Span) -> bool:
        """Whether the phrase is part of a named body's name ("The UN Special Rapporteur"),
        or describes a named body right before it ("Amnesty International, a rights group")."""
        for mention in self._within(sent.begin, sent.end):
            entity = self.entities[mention.entity]
            if not kinds.is_actor(entity) or _COLLECTIVE in entity.types:
                continue
            span = mention.span
            if (
                span.begin <= np.role_at[0]
                and span.end >= np.role_at[1]
                and not set(np.det.lower().split()) & _SOME
            ):
                return True  # "The UN Special Rapporteur", not "a border guard" (one of them)
            if (
                _ORGANIZATION in entity.types
                and span.end <= np.span.begin
                and np.det.lower() in _INDEFINITE
                and _APPOSITION.fullmatch(folded, span.end, np.span.begin)
                and _APPOSITION.match(folded, np.span.end)
            ):
                return True  # "X, a rights group based in Seoul, said": X speaks
        return False

    def place_anaphor(self, noun: str, before: int, folded: str) -> str | None:
        """The place ``the province`` / ``the city`` / ``the county`` refers back to: the
        nearest one named before of that kind, passing over a place the text calls by
        another kind ("the town of Namyang" is not "the city")."""
        noun = noun.lower()
        wanted = {
            "province": lambda e: e.admin_level == 1,
            "city": lambda e: str(BKG.Settlement) in e.types,
            "town": lambda e: str(BKG.Settlement) in e.types,
            "county": lambda e: (e.admin_level or 0) >= 3 or str(BKG.Settlement) in e.types,
        }.get(noun)
        if wanted is None:
            return None
        fallback: str | None = None
        i = bisect.bisect_left(self._begins, before) - 1
        while i >= 0:
            mention = self._by_begin[i]
            entity = self.entities[mention.entity]
            if kinds.is_place(entity) and not kinds.is_country(entity) and wanted(entity):
                called = self._called(mention, folded)
                if called is None or called == noun:
                    return entity.iri
                fallback = fallback or entity.iri
            i -= 1
        return fallback

    @staticmethod
    def _called(mention: Mention, folded: str) -> str | None:
        """What kind of place the text calls a mention ("the town of X", "X, the city")."""
        before = _CLASS_BEFORE.search(folded, max(0, mention.span.begin - 20), mention.span.begin)
        if before:
            return before.group("cls").lower()
        after = _CLASS_AFTER.match(folded, mention.span.end)
        return after.group("cls").lower() if after else None


def _merged(first: NounPhrase, second: NounPhrase) -> NounPhrase:
    """One phrase of a phrase and its apposition: the first one's determiner, the more
    telling role, modifiers, place and clause of either."""
    role = first.role if first.role not in SOURCE_ROLES else second.role
    return NounPhrase(
        span=Span(first.span.begin, second.span.end),
        det=first.det,
        role=role,
        role_at=first.role_at,
        mods=second.mods or first.mods,
        location=second.location or first.location,
        country=second.country or first.country,
        affiliation_org=second.affiliation_org or first.affiliation_org,
        doing=second.doing or first.doing,
        plural=first.plural,
    )

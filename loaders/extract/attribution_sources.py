"""Anonymous sources of one article: which phrase is a new source, which refers back.

An indefinite or bare phrase ("a source in Hyesan", "Traders in Dandong") introduces a
source unless an earlier one was described the same way (the lead's "sources in Ryanggang
Province" and the body's "a source in Ryanggang Province"); "another", "a second" always
introduce one. A definite phrase ("the source", "the trader", "the source in China")
refers back to the source last mentioned that it fits: "the source" to the last *source*
("a Daily NK source in China"), not to a group or officials named since, which the text
never calls "the source". The source's own role or affiliation, never the outlet, is its
bkg:claimedAffiliation; its place decides its source type (ontology/schemes.ttl), then its role: a person said to
have left North Korea is a Defector.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from borderkg.ontology.namespaces import SOURCETYPE

from .attribution_lexicon import ANAPHORIC_DETS, DEMONYMS, GROUP_ROLES, NEW_DETS, SOURCE_ROLES
from .attribution_phrases import NounPhrase
from .model import AnonymousSource, Entity, Span

_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_ORDINALS = re.compile(r"\b(?:another|second|third|fourth|other|same|new|local)\b", re.I)


class SourceBook:
    """The anonymous sources of one article, in the order they are introduced."""

    def __init__(
        self,
        article_node: Callable[[str], str],
        entities: dict[str, Entity],
        countries: dict[str, str],
        text: str,
    ) -> None:
        self._node = article_node
        self.entities = entities
        self._countries = countries
        self._text = text
        self.sources: list[AnonymousSource] = []
        self._by_span: dict[Span, str] = {}
        self._keys: dict[str, tuple[str, ...]] = {}  # source local → how it was described
        self._groups: set[str] = set()  # sources introduced in the plural ("sources in …")

    def node(self, np: NounPhrase) -> str:
        """The node of a source phrase: an earlier source it refers to, or a new one."""
        known = self._by_span.get(np.span)
        if known is None:
            known = self._by_span[np.span] = self._resolve(np)
        return known

    def _resolve(self, np: NounPhrase) -> str:
        det = np.det.lower().split()
        affiliation = self.affiliation(np)
        key = _key(np, affiliation)
        anaphoric = bool(det) and det[0] in ANAPHORIC_DETS
        match: AnonymousSource | None = None
        if anaphoric:
            fitting = [s for s in self._latest_first() if _fits(np, s)]
            ordinal = next((w for w in det if w in _ORDINAL), None)
            if ordinal is not None:  # "the second source": the one called so, or introduced so
                called = [s for s in fitting if re.search(rf"\b{ordinal}\b", s.description, re.I)]
                introduced = sorted(fitting, key=lambda s: self.sources.index(s))
                n = _ORDINAL[ordinal]
                match = (
                    called[0] if called else (introduced[n - 1] if len(introduced) >= n else None)
                )
            elif "other" in det:  # "the other source": not the one just mentioned
                match = fitting[1] if len(fitting) > 1 else None
            else:
                match = fitting[0] if fitting else None
        elif not any(word in NEW_DETS for word in det):
            latest = self._latest_first()
            match = next((s for s in latest if self._keys[s.local] == key), None)
            if match is None and _undescribed(np):  # "a source said": one of "sources in …"
                match = next((s for s in latest if s.local in self._groups and _fits(np, s)), None)
        if match is not None:
            if np.span not in match.evidence:
                match.evidence.append(np.span)
            return self._node(match.local)
        source = AnonymousSource(
            local=f"source-{len(self.sources) + 1}",
            description=np.label or self._text[np.span.begin : np.span.end],
            role=np.role,
            source_type=self.source_type(np),
            evidence=[np.span],
            location=np.location,
            affiliation=affiliation,
        )
        self.sources.append(source)
        self._keys[source.local] = key
        if np.plural:
            self._groups.add(source.local)
        return self._node(source.local)

    def _latest_first(self) -> list[AnonymousSource]:
        """The sources, the one mentioned last first."""
        return sorted(self.sources, key=lambda s: max(e.begin for e in s.evidence), reverse=True)

    def affiliation(self, np: NounPhrase) -> str | None:
        """The role or affiliation the phrase gives its source ("security official",
        "trader", "works with brokers"), without demonyms, ordinals or the outlet."""
        mods = _ORDINALS.sub("", DEMONYMS.sub("", np.mods))
        mods = re.sub(r"\s+", " ", mods).strip()
        parts = [mods] if mods else []
        if np.role not in SOURCE_ROLES:
            parts.append(np.role)
        if np.affiliation_org:
            parts.append(f"({self.entities[np.affiliation_org].label})")
        if np.doing:
            parts.append(np.doing)
        return " ".join(parts) or None

    def source_type(self, np: NounPhrase) -> str:
        """The source-type concept: the place decides, then the kind of source."""
        if np.country:
            if np.country == self._countries.get("north korea"):
                return str(SOURCETYPE.SourceInNorthKorea)
            if np.country == self._countries.get("china"):
                return str(SOURCETYPE.SourceInChina)
            return str(SOURCETYPE.SourceElsewhere)
        if np.role == "defector" or np.departed:
            return str(SOURCETYPE.Defector)
        if np.role in GROUP_ROLES and re.search(r"rights|ngo|aid|humanitarian", np.mods, re.I):
            return str(SOURCETYPE.NGOReport)
        if re.search(r"\b(?:UN|U\.N\.|United Nations)\b", np.mods):
            return str(SOURCETYPE.UNReport)
        if np.role in ("official", "officer", "cadre", "diplomat", "envoy"):
            return str(SOURCETYPE.OfficialSource)
        return str(SOURCETYPE.UnspecifiedSource)


def _fits(np: NounPhrase, source: AnonymousSource) -> bool:
    """Whether a definite phrase can refer to a source: "the source" to any source, "the
    trader" to a trader, "the source in China" to one in China."""
    if np.location and source.location != np.location:
        return False
    if np.role in SOURCE_ROLES:
        return source.role in SOURCE_ROLES
    return source.role == np.role


def _undescribed(np: NounPhrase) -> bool:
    """Whether a singular phrase says nothing of its source but its role ("a source")."""
    return not (np.plural or np.mods or np.location or np.affiliation_org or np.doing)


def _key(np: NounPhrase, affiliation: str | None) -> tuple[str, ...]:
    """How a phrase describes its source, for telling a repeated description from a new
    source: role, modifiers (demonyms included), place and affiliation."""
    mods = re.sub(r"\s+", " ", _ORDINALS.sub("", np.mods)).strip().lower()
    return (np.role, mods, np.location or "", affiliation or "", np.label or "")

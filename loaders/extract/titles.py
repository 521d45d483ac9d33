"""Law titles in their variants: the curated law a differently worded title names.

Reports and translations word a law's title in many ways — "Reactionary Thought and Culture
Rejection Act", "Law on the Rejection of Reactionary Ideology and Culture" — for the one
curated "Reactionary Ideology and Culture Rejection Act". Two titles name the same law when
their content words agree: the kind word (Act, Law, Code), function words and word endings
aside, and "thought" read as "ideology".
"""

from __future__ import annotations

import re

from . import kinds
from .gazetteer import Gazetteer
from .text import fold

#: Words of a law's title that do not tell laws apart, and words that mean the same in them.
_NOISE = frozenset(
    ["act", "law", "code", "on", "the", "of", "and", "for", "in", "to", "a", "an", "dprk", "prc"]
)
_SYNONYMS = {"thoug": "ideol", "ideas": "ideol"}


def title_key(title: str) -> frozenset[str]:
    """The content words of a law's title, each cut to its first five letters."""
    words = re.findall(r"[a-z]+", fold(title).lower())
    stems = (w[:5] for w in words if w not in _NOISE)
    return frozenset(_SYNONYMS.get(s, s) for s in stems)


class LawTitles:
    """The curated instruments of a vocabulary, keyed by the content words of their titles."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        index: dict[frozenset[str], set[str]] = {}
        for iri, entity in gazetteer.entities.items():
            if kinds.is_legal(entity) and not kinds.is_provision(entity):
                for label in gazetteer.labels[iri]:
                    key = title_key(label)
                    if len(key) >= 2:  # one content word ("Criminal Law") tells nothing apart
                        index.setdefault(key, set()).add(iri)
        self._index = index

    def curated(self, title: str) -> str | None:
        """The curated instrument whose title has the same content words, if exactly one."""
        found = self._index.get(title_key(title), set())
        return next(iter(found)) if len(found) == 1 else None

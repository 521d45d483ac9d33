"""Anchored cue search finds exactly what a full regular-expression search finds.

The cue lexicons are searched only at the word starts their matches can begin with
(``anchors``); these tests hold that to ``re.finditer`` on every cue of the lexicons and on
invented sentences.
"""

from __future__ import annotations

import re

import pytest

from borderkg.loaders.extract.anchors import AnchoredPattern, literal_prefixes
from borderkg.loaders.extract.cues import word_regex
from borderkg.loaders.extract.policy_candidates import MEASURE_CUES
from borderkg.loaders.extract.policy_status_cues import STATUS_CUES

SENTENCES = [
    "Border guards in Onsong had been told that the order was back in force for the winter.",
    "The authorities are set to build a fence and have already put up cameras near Hyesan.",
    "Rumours are circulating that the curfew will be lifted, but it remains in place.",
    "Customs officers turned back trucks carrying coal, and the ban was later relaxed.",
    "Residents must now carry a pass; those caught without one will be fined.",
    "Quarantine rules were shortened from 20 days to ten, down from a month in 2021.",
    "Police arrested three brokers and were told to step up checks of identity cards.",
    "Nobody may approach the river after dark, and patrols have been doubled since May.",
]
ALL_STATUSES = word_regex(
    "|".join(f"(?P<s{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(STATUS_CUES))
)


def _found(pattern: re.Pattern[str] | AnchoredPattern, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup or "") for m in pattern.finditer(text, 0, len(text))]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_status_lexicon_finds_the_same_matches_anchored(text: str) -> None:
    anchored = AnchoredPattern(ALL_STATUSES)
    assert anchored.prefixes is not None
    assert _found(anchored, text) == _found(ALL_STATUSES, text)
    assert _found(anchored, text)  # every sentence has a status word


def test_every_measure_cue_finds_the_same_matches_anchored() -> None:
    for cue in MEASURE_CUES:
        anchored = AnchoredPattern(cue.pattern)
        for text in SENTENCES:
            assert _found(anchored, text) == _found(cue.pattern, text), cue.pattern.pattern[:60]


def test_overlapping_beginnings_do_not_hide_a_later_match() -> None:
    pattern = word_regex(r"had been|been told")
    anchored = AnchoredPattern(pattern)
    text = "They had been told twice."
    assert _found(anchored, text) == _found(pattern, text) == [(5, 13, "")]
    later = "It had not been told."
    assert _found(anchored, later) == _found(pattern, later) == [(11, 20, "")]


def test_a_pattern_that_may_begin_with_any_word_is_not_anchored() -> None:
    assert literal_prefixes(word_regex(r"(?:\w+ly )?banned")) is None
    assert literal_prefixes(re.compile(r"banned", re.I)) is None  # not a word-start pattern


def test_the_prefixes_follow_every_branch_and_optional_word() -> None:
    pattern = word_regex(r"(?:is|are) (?:now )?banned")
    assert literal_prefixes(pattern, 4) == ("are ", "is b", "is n")

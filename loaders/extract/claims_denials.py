"""Denials: the words of a sentence that deny, and what a denial naming nothing denies.

A denial word (``denied``, ``rejected the report``, ``groundless``) makes a claim Denied,
unless it is itself negated (``officials have not denied it``, ``did not deny``, ``would
neither confirm nor deny``) or means to deprive (``denies them the right to leave``, ``were
denied entry``). A denial whose sentence tells no measure or event of
its own and points back (``County officials have denied any such plan``, ``though the
police deny it``, ``North Korea rejected the report as a fabrication``) is about what was
just told: the measures and events of the nearest sentence before it, in its paragraph or
the one before, that tells any.
"""

from __future__ import annotations

import re

from .cues import word_regex
from .events import SPEECH_EVENTS
from .model import EventReport, Policy

_DENIED = word_regex(
    r"\b(?:denied|denies|deny|dismissed (?:the |these |that |this |such )?(?:claims?|reports?|"
    r"allegations?|accounts?)|refuted|rejected (?:the |these |that |this |such )?(?:claims?|"
    r"reports?|allegations?|accounts?)|not true|"
    r"groundless|baseless)\b",
)
_NEGATED = word_regex(
    r"\b(?:(?:(?:has|have|had|did|does|do|would|could|will)(?: not|n[’']t)|never|not)"
    r"(?: yet| publicly| officially)?|neither confirm(?:ed|s)? nor|declined to|refused to)"
    r" (?:denied|denies|deny)\b",
)
# "denies them the right to leave", "were denied entry": to deprive, not to deny a claim.
_DEPRIVES = word_regex(
    r"\b(?:denied|denies|deny|denying)\s+(?:(?:them|him|her|us|you|people|[a-z]+s)\s+)?"
    r"(?:the\s+|their\s+|his\s+|her\s+|any\s+|a\s+)?(?:rights?|access|entry|exit|"
    r"permission|protection|asylum|passage|visas?|food|treatment|care|contact|hearing|trial|"
    r"lawyers?|counsel|due\s+process|refugee\s+status|status|work|jobs?)\b"
    r"(?![\s-]+(?:abuses?|violations?|groups?|workers?))",
)
# What a denial points back to: a pronoun or a definite noun of telling or of a measure.
_BACK_NOUNS = (
    r"(?:reports?|claims?|allegations?|accounts?|plans?|stor(?:y|ies)|rumou?rs?|measures?|"
    r"orders?|moves?|criticism)"
)
_POINTS_BACK = word_regex(
    r"\b(?:denied|denies|deny|rejected|dismissed|refuted|called)\s+(?:it|this|them|"
    rf"(?:the|these|those|this|such|any\s+such)\s+(?:[\w-]+\s+)?{_BACK_NOUNS})\b"
    rf"|\b(?:it|this|the\s+{_BACK_NOUNS})\s+(?:was|were|is|are)\s+(?:\w+\s+)?"
    r"(?:groundless|baseless|not\s+true|a\s+fabrication)\b",
)
_LOOK_BACK = 3  # sentences


def denials(chunk: str) -> list[re.Match[str]]:
    """The denial words of a sentence's folded text, those negated left out."""
    negated = [m.span() for m in _NEGATED.finditer(chunk)]
    negated += [m.span() for m in _DEPRIVES.finditer(chunk)]
    return [
        m
        for m in _DENIED.finditer(chunk)
        if not any(start <= m.start() < end for start, end in negated)
    ]


def points_back(chunk: str) -> bool:
    """Whether a denial's object is a pronoun or a definite report, plan or measure."""
    return _POINTS_BACK.search(chunk) is not None


def denied_antecedents(
    index: int,
    paragraphs: list[int],
    policies_in: dict[int, list[Policy]],
    events_in: dict[int, list[EventReport]],
) -> list[Policy | EventReport]:
    """The measures and events (no speech) of the nearest sentence before ``index``, in its
    paragraph or the one before and at most three sentences back, that tells any."""
    for before in range(index - 1, max(-1, index - 1 - _LOOK_BACK), -1):
        if paragraphs[before] < paragraphs[index] - 1:
            break
        told = [
            *policies_in.get(before, ()),
            *(e for e in events_in.get(before, ()) if e.event_type not in SPEECH_EVENTS),
        ]
        if told:
            return told
    return []


def tells_something(policies: list[Policy], events: list[EventReport]) -> bool:
    """Whether a sentence tells a measure or an event other than speech."""
    return bool(policies) or any(e.event_type not in SPEECH_EVENTS for e in events)

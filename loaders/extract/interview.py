"""Question-and-answer interviews: which sentences are questions, which answers, and who answers.

An interview prints its turns as paragraphs opening with a marker (``Q:`` / ``A:``,
``Question:`` / ``Answer:``) after an intro that says who answers (``A trader who has done
business in Dandong … spoke to Daily NK``). An answer is the interviewee's speech: its
sentences are the interviewee's claims and its words a quotation of them, the way a quoted
source's are; a question is the interviewer's and states no fact. An answer runs from its
marker to the next question (it may take several paragraphs); a text needs both a question
and an answer marker to be read as an interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Quotation, Span

_MARKER = re.compile(r"(?P<turn>Q|A|Question|Answer)\s?:[ \t]+(?=\S)")
_ANSWER = frozenset({"A", "Answer"})
# The intro's words for the interview: "spoke to Daily NK", "was interviewed", "told us".
INTERVIEWED = re.compile(
    r"\b(?:sp(?:oke|eaks?)|talk(?:ed|s)?|sat\s+down)\s+(?:to|with)\b|\binterview(?:ed|s)?\b|"
    r"\b(?:told|tells|answered)\b|\basked\s+not\s+to\s+be\s+(?:named|identified)\b",
    re.IGNORECASE,
)


# Who the intro says was interviewed, named by an indefinite phrase before the verb ("A woman
# who trades in Sinuiju talked to us"): its head noun and the whole phrase.
_SUBJECT = re.compile(
    r"\s*(?P<det>an?|one)\s+(?:[\w'-]+\s+){0,3}?(?P<head>[a-z][\w'-]*)"
    r"(?:\s+(?:who|from|in|with|at|based)\b[^.;:]*?)?\s*,?\s*$",
    re.IGNORECASE,
)


@dataclass
class Turns:
    """The turns of an interview, by sentence index."""

    questions: set[int] = field(default_factory=set)
    answers: set[int] = field(default_factory=set)
    intro: list[int] = field(default_factory=list)  # the sentences before the first turn
    spans: list[Span] = field(default_factory=list)  # each answer's words, one per paragraph


def interview_turns(text: str, sentences: list[Span]) -> Turns:
    """The questions and answers of ``text`` if it is laid out as an interview, else none."""
    turns = Turns()
    marked: dict[int, tuple[str, int]] = {}  # sentence → (turn, end of its marker)
    for i, sent in enumerate(sentences):
        if sent.begin != 0 and text[sent.begin - 1] != "\n":
            continue
        m = _MARKER.match(text, sent.begin, sent.end)
        if m:
            marked[i] = (m.group("turn"), m.end())
    kinds = {turn in _ANSWER for turn, _ in marked.values()}
    if kinds != {True, False}:
        return turns
    first = min(marked)
    turns.intro = list(range(first))
    answering = False
    for i in range(first, len(sentences)):
        if i in marked:
            answering = marked[i][0] in _ANSWER
        (turns.answers if answering else turns.questions).add(i)
    for i in sorted(turns.answers):
        sent = sentences[i]
        begin = marked[i][1] if i in marked else sent.begin
        if turns.spans and "\n" not in text[turns.spans[-1].end : begin]:
            turns.spans[-1] = Span(turns.spans[-1].begin, sent.end)
        else:
            turns.spans.append(Span(begin, sent.end))
    return turns


def subject_before(folded: str, begin: int, verb: int) -> tuple[str, str, Span] | None:
    """The indefinite phrase from ``begin`` to the interview verb at ``verb``: (its
    determiner, its head noun, its span), or None."""
    m = _SUBJECT.fullmatch(folded, begin, verb)
    if m is None:
        return None
    end = begin + len(folded[begin:verb].rstrip(" ,"))
    return m.group("det"), m.group("head").lower(), Span(begin + m.start("det") - m.start(), end)


def answer_quotations(
    text: str, sentences: list[Span], turns: Turns, speaker: str, found: list[Quotation]
) -> list[Quotation]:
    """The quotations of the article with each answer paragraph quoted as the interviewee's
    words, renumbered ``quote-1``… in text order."""
    out = list(found)
    for span in turns.spans:
        inside = [s for s in sentences if span.begin < s.end and s.begin < span.end]
        evidence = [Span(max(s.begin, span.begin), min(s.end, span.end)) for s in inside]
        first = sentences.index(inside[0])
        out.append(
            Quotation(
                local="",
                span=span,
                text=text[span.begin : span.end],
                sentence=first,
                attributed_to=speaker,
                evidence=evidence,
            )
        )
    out.sort(key=lambda q: (q.span.begin, -q.span.end))
    for n, quote in enumerate(out, start=1):
        quote.local = f"quote-{n}"
    return out

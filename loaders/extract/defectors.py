"""People the article says left North Korea: defector sources and their departures.

A person described as having left, fled or escaped North Korea ("a woman who left North
Korea last autumn", "Kim, who fled the North in 2019,") is a defector (the source-type
scheme: "a person who has left North Korea and tells of what they saw"); when they speak
they are a source of type Defector, and their departure is a Defection event dated by the
time of its own clause. Only one person is read so (a group of interviewees "people who
left North Korea" is not a speaker), and a name is never recorded: a named defector's
source is described by the clause alone ("a person who fled the North in 2019").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import triggers
from .model import Span

#: The words a departure clause needs (checked before the patterns run).
DEPARTING = triggers("left fled escaped defected")

# Nouns for one person that a departure clause can describe.
_PERSON = (
    r"(?:woman|man|mother|father|girl|boy|teenager|grandmother|grandfather|widow|wife|"
    r"husband|daughter|son|person|youth|soldier|worker|trader|farmer|student|resident|"
    r"defector|refugee|smuggler|fisherman|miner|driver|teacher|doctor|nurse)"
)
_LEFT = (
    r"(?i:(?:left|fled|escaped(?:\s+from)?|defected\s+from)\s+(?:north\s+korea|the\s+north)"
    r"(?![\w-]))"
)
# "who left North Korea last autumn" up to the end of its clause (a comma, "and", a verb of
# saying or the sentence end).
_CLAUSE = (
    r"\s*,?\s*(?P<who>who)\s+(?i:(?:had|has)\s+)?(?i:(?:\w+ly|also|first|later|since)\s+)?"
    rf"(?P<dep>{_LEFT})(?P<rest>[^,;:\"()\u201c\u201d.]*?)"
    r"(?=\s*(?:[,;:\"()\u201c\u201d.]|(?i:and|but|said|says|told|tells|recalled|added|"
    r"explained)\b|$))"
)
# Determiners and pronouns: a modifier is none of them ("a broker took a man who …" is
# about the man).
_NOT_MODIFIER = r"(?!(?i:a|an|the|one|his|her|their|its|this|that|these|those|some|any|no)\s)"
# "a young mother from Hyesan, who …": the person, with where they come from.
_INDEFINITE = re.compile(
    rf"(?<![\w-])(?P<head>(?i:a|an|one)\s+(?:{_NOT_MODIFIER}[\w'-]+\s+){{0,3}}?"
    rf"(?i:{_PERSON})(?![\w-])(?:\s+(?i:from|in|of)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,2}})?)"
    rf"{_CLAUSE}"
)
# A departure that is no escape: a trip, a posting abroad, a legal exit.
_NOT_ESCAPE = re.compile(
    r"\b(?:work|job|jobs|summit|visit|trip|talks|tour|meeting|delegation|mission|contract|"
    r"assignment|study|studies|russia|officially|legally|permission|business)\b",
    re.IGNORECASE,
)
# "Kim, who fled …", "Park Mi-ok, 34, who left …": a name set off by commas.
_NAMED = re.compile(
    r"(?<![\w-])(?P<head>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2})\s*,\s*(?:\d{1,2}\s*,\s*)?"
    rf"{_CLAUSE}"
)
# Capitalised words that open a sentence or name a body, not a person.
_NOT_NAMES = frozenset(
    {
        *("the", "a", "an", "one", "he", "she", "they", "it", "we", "i", "this", "that"),
        *("these", "those", "residents", "traders", "sources", "officials", "guards"),
        *("soldiers", "people", "women", "men"),
    }
)


@dataclass(frozen=True)
class Departure:
    """One person said to have left North Korea: the words naming them, their clause."""

    head: Span  # "A woman", "Kim"
    clause: Span  # "who left North Korea last autumn"
    departure: Span  # "left North Korea"
    named: bool  # named by the article: the name is not part of the source's description

    @property
    def span(self) -> Span:
        """The words that describe the defector: with an indefinite head, head and clause;
        with a name, the clause only."""
        return self.clause if self.named else Span(self.head.begin, self.clause.end)


def departures(folded: str, sent: Span) -> list[Departure]:
    """The people a sentence describes as having left North Korea, in text order."""
    out: list[Departure] = []
    for pattern, named in ((_INDEFINITE, False), (_NAMED, True)):
        for m in pattern.finditer(folded, sent.begin, sent.end):
            if named and m.group("head").split()[0].lower() in _NOT_NAMES:
                continue
            if named and m.group("head").split()[-1].endswith("s") and m.start() == sent.begin:
                continue  # "Traders, who fled …": a plural noun opening the sentence
            if _NOT_ESCAPE.search(m.group("rest")):
                continue
            head = Span(m.start("head"), m.end("head"))
            if any(d.head.overlaps(head) or d.clause.overlaps(head) for d in out):
                continue
            end = m.end("rest") if m.group("rest").strip() else m.end("dep")
            out.append(
                Departure(
                    head=head,
                    clause=Span(m.start("who"), end),
                    departure=Span(m.start("dep"), m.end("dep")),
                    named=named,
                )
            )
    return sorted(out, key=lambda d: d.head.begin)


def description(text: str, found: Departure) -> str:
    """How a defector source is described: the article's words, never a name."""
    words = re.sub(r"\s+", " ", text[found.span.begin : found.span.end]).strip()
    return f"a person {words}" if found.named else words

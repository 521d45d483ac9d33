"""Bulleted lists: which sentences are items of a list, and the lead that introduces it.

An explainer often lists rules as bullets (``- Fishing on the Tumen is banned.``) under a
lead that says who issued them and how people were told (``The rules were read out at
neighbourhood meetings``). Each bullet is a rule of its own: two bullets are never one
measure's mentions (``policy_merge``), and a bullet's place comes from its own line, not
from the bullet above it. A rule told to people stays Announced until the text shows it
applied (the annotation guide's "an order, warning or notice told to residents that the
text does not yet show being applied"), so a bullet of a list whose lead tells the rules
to people is Announced unless its own words say it applies already (``told_items``).

A list is two or more lines that open with a bullet or a number (``-``, ``*``, ``•``,
``1.``, ``2)``), one after the other or with blank lines between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from borderkg.ontology.namespaces import STATUS

from .model import Policy, Span

if TYPE_CHECKING:
    from .context import ArticleContext

_MARKER = re.compile(r"(?:[-*\u2022\u2023\u25aa\u00b7]|\d{1,2}[.)])[ \t]+(?=\S)")
# Telling people the rules (not the outlet: "sources told Daily NK"): at meetings, by
# notices or lectures, "residents were told", "read out".
_TOLD_LEAD = re.compile(
    r"\b(?:read\s+(?:out|aloud)|(?:were|was|been)\s+(?:\w+ly\s+)?(?:told|notified|informed|"
    r"warned|instructed|briefed)|(?:told|notified|informed|warned|instructed)\s+(?:the\s+|all\s+"
    r"|local\s+)?(?:residents|villagers|households|people|citizens|traders|workers|families)|"
    r"(?:announced|posted|published|distributed|handed\s+out)\b[^.;]{0,60}\b(?:rules?|"
    r"regulations?|orders?|notices?|instructions?|measures?|guidelines?)|(?:notices?|posters?|"
    r"lectures?|meetings?)\b[^.;]{0,60}?\b(?:say|said|says|tell|told|warn\w*|announc\w*|"
    r"stat\w*|list\w*))\b",
    re.IGNORECASE,
)
# A bullet that says its rule applies already, whatever its lead says.
_APPLIED = re.compile(
    r"\b(?:in\s+(?:place|effect|force)|remains?|remained|still|now|since|already|"
    r"(?:has|have)\s+been|took\s+effect)\b",
    re.IGNORECASE,
)
_ANNOUNCED, _IN_FORCE = str(STATUS.Announced), str(STATUS.InForce)


@dataclass
class ListLayout:
    """The bulleted lists of one article, by sentence index."""

    item_of: dict[int, int] = field(default_factory=dict)  # sentence → its item (line) number
    list_of: dict[int, int] = field(default_factory=dict)  # sentence → its list number
    leads: dict[int, list[int]] = field(default_factory=dict)  # list → its lead's sentences

    def lead(self, sent: int) -> list[int]:
        """The sentences of the lead of the list holding ``sent`` (none if not an item)."""
        number = self.list_of.get(sent)
        return self.leads.get(number, []) if number is not None else []


def list_layout(text: str, sentences: list[Span], headings: frozenset[int]) -> ListLayout:
    """The lists of ``text``: items are lines opening with a marker, lists runs of two or
    more such lines with nothing but blank lines between them."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    runs: list[list[int]] = []  # indices of item lines, per run
    current: list[int] = []
    for i, (begin, end) in enumerate(lines):
        if begin == end:
            continue  # a blank line does not end a list
        if _MARKER.match(text, begin, end):
            current.append(i)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = []
    if len(current) >= 2:
        runs.append(current)
    layout = ListLayout()
    for number, run in enumerate(runs):
        for i in run:
            begin, end = lines[i]
            for s, sent in enumerate(sentences):
                if begin <= sent.begin < end:
                    layout.item_of[s] = i
                    layout.list_of[s] = number
        first = min((s for s, n in layout.list_of.items() if n == number), default=None)
        if first is not None:
            layout.leads[number] = _lead(text, sentences, headings, first, layout)
    return layout


def _lead(
    text: str, sentences: list[Span], headings: frozenset[int], first: int, layout: ListLayout
) -> list[int]:
    """The paragraph before a list's first item, past any subheading between them."""
    i = first - 1
    while i >= 0 and i in headings:
        i -= 1
    out: list[int] = []
    while i >= 0 and i not in headings and i not in layout.item_of:
        out.append(i)
        if i == 0 or "\n\n" in text[sentences[i - 1].end : sentences[i].begin]:
            break
        i -= 1
    return sorted(out)


def told_items(
    text: str, sentences: list[Span], layout: ListLayout, policies: list[Policy]
) -> None:
    """Make Announced each rule in force told by a bullet whose list's lead tells the rules
    to people, unless the bullet says the rule applies already."""
    for policy in policies:
        if policy.status != _IN_FORCE or policy.sentence not in layout.item_of:
            continue
        lead = layout.lead(policy.sentence)
        if not any(_TOLD_LEAD.search(text, sentences[s].begin, sentences[s].end) for s in lead):
            continue
        sent = sentences[policy.sentence]
        if _APPLIED.search(text, sent.begin, sent.end):
            continue
        policy.status = _ANNOUNCED


# The lead's verb of issuing: "issued a new set of rules", "The new rules, issued by X".
_ISSUING = re.compile(
    r"\b(?:issued|announced|introduced|imposed|adopted|ordered|published|handed\s+down|"
    r"drew\s+up|put\s+out)\b",
    re.IGNORECASE,
)


def lead_roles(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Give a bullet's rule that names no agent (no place) the body (the places) its list's
    lead says issued or told the rules (``North Korean authorities in North Hamgyong Province
    issued a new set of rules``, ``Officials in Hyesan told residents``)."""
    layout = ctx.lists()
    for policy in policies:
        if policy.sentence not in layout.item_of:
            continue
        for s in layout.lead(policy.sentence):
            sent = ctx.sentences[s]
            verb = _ISSUING.search(ctx.folded, sent.begin, sent.end) or _TOLD_LEAD.search(
                ctx.folded, sent.begin, sent.end
            )
            if verb is None:
                continue
            roles = ctx.roles(s, Span(verb.start(), verb.end()), issuing=True)
            if not (policy.issued_by or policy.implemented_by):
                policy.issued_by = list(dict.fromkeys(roles.issuers + roles.implementers))
            if not policy.places:
                places, precision, _ = ctx.places(s)
                policy.places, policy.location_precision = places, precision
                policy.place_inferred = bool(places)
            break
    return policies

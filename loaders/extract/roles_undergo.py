"""Enforcers, bodies and states that undergo a measure are its targets, not its agents.

:mod:`.roles` takes the guards, soldiers, bodies or states named before a measure for its
agents (``guards have laid cables``), save the subject of a few passives of punishment
(``two border guards were detained``). The annotation guide makes those a measure restricts,
punishes, removes or watches its targets, and never agents. So the subject of more of what is
done to people is one too: ``the two guards were later tried``, ``soldiers who were caught were
criticised in front of their company``, ``guards who take money are to be charged``,
``soldiers found with Chinese phones have had them taken away``, ``the soldiers have been kept
inside their camps``, ``border troops have been forbidden to swap cigarettes``, ``guards may
no longer spend their leave in town``, ``North Korea may not export seafood`` (a state a
sanction binds). A qualifier may stand between the subject and its verb (a place, ``who …``,
``found with …``); not one named after ``by`` or a preposition (``sent back by China are
questioned``: China is who sent them). Not ``must`` or ``told``: ``guards must fire``, ``guards were told they may
shoot`` are orders they carry out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import kinds
from .model import Policy
from .roles_phrases import joined_clause

if TYPE_CHECKING:
    from .context import ArticleContext

_DONE = (
    r"arrested|detained|tried|sentenced|executed|punished|charged|dismissed|expelled|fined|"
    r"questioned|interrogated|jailed|imprisoned|demoted|purged|disciplined|criticised|"
    r"criticized|denounced|paraded|investigated|held|kept|confined|barred|banned|forbidden|"
    r"prohibited|searched|rotated|replaced|transferred|reassigned|court-martiall?ed|"
    r"taken\s+away|sent\s+to\s+(?:a\s+|the\s+)?(?:labou?r|prison|political|re-education|mine|"
    r"farm)"
)
# After the subject (a qualifier first, at most): what is done to it, or what it may no longer do.
_UNDERGOES = re.compile(
    r"(?:\s+(?:in|at|of|on|along|from|near)\s+[^,;:]{0,40}?"
    r"|\s+(?:who|that|found|caught)\s+[^,;:]{0,70}?)?,?\s+"
    r"(?:(?:also|now|later|then|since|meanwhile|still|all|both|reportedly)\s+)*"
    r"(?:(?:was|were|are|is|(?:have|has|had)\s+(?:also\s+|now\s+|since\s+)?been|will\s+be|"
    r"would\s+be|(?:are|were|is|was)\s+to\s+be)\s+(?:(?:\w+ly|also|now|later|since|then|"
    r"all|both)\s+)*(?:" + _DONE + r")"
    r"|(?:have|has|had)\s+had\s+(?:[\w’'-]+\s+){1,3}?(?:taken|confiscated|seized|searched)"
    r"|(?:may|can)\s+(?:now\s+|also\s+|still\s+)?(?:not|no\s+longer)\b|cannot\b)\b",
    re.IGNORECASE,
)
# Right before a mention: it is no subject ("sent back by China", "who reach Mongolia").
_NOT_SUBJECT = re.compile(
    r"\b(?:by|to|into|from|in|at|with|for|of|reach|reached|reaches)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# How far after the measure's words the subject's verb may end.
_REACH = 40


def undergoing(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Move the enforcers, bodies and states a measure's clause says undergo it from its
    agents to its targets."""
    for policy in policies:
        agents = set(policy.issued_by) | set(policy.implemented_by)
        if not agents:
            continue
        sent = policy.sentence
        anchor = policy.evidence[0]
        begin, end = joined_clause(ctx, sent, anchor)
        moved: list[str] = []
        for m in ctx.by_sentence.get(sent, []):
            if m.entity not in agents or m.entity in moved or ctx.inside_source(m.span):
                continue
            if not begin <= m.span.begin < anchor.end:
                continue
            entity = ctx.entities[m.entity]
            if not (kinds.is_collective(entity) or kinds.is_country(entity)):
                continue
            if _NOT_SUBJECT.search(ctx.before(sent, m.span.begin)):
                continue  # "sent back by China are questioned": China sent them
            if _UNDERGOES.match(ctx.folded, m.span.end, min(end, anchor.end + _REACH)):
                moved.append(m.entity)
        if not moved:
            continue
        policy.issued_by = [a for a in policy.issued_by if a not in moved]
        policy.implemented_by = [a for a in policy.implemented_by if a not in moved]
        policy.targets = [*policy.targets, *(t for t in moved if t not in policy.targets)]
    return policies

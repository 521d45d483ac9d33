"""Acts of enforcement told as done: a crackdown carried out, not one in force.

A crackdown's status comes from its verb's kind (``policy_tense``); verbs of closing or
holding back read as states, and a perfect with ``since`` as a practice in force. Reports
of single deeds, however, tell what was done to named or counted things and people:

- a simple past with a time it happened (``customs officers held back three lorries last
  week``, ``police closed a house church earlier this month``, ``… in 2023``);
- a perfect with a count of the things it was done to (one among others, ``a farmhouse``),
  or of the times it was done (``have shut down six marriage agencies since April``, ``have
  checked the workers' visas twice since March``);
- people dealt with, told in the passive perfect (``their families have since been
  summoned for questioning``), unlike a place closed since a date (a state).

Each is the crackdown carried out, as the gold rules read it. A verb governed by a modal
or ``to`` (``will close``, ``ordered to seize``), a practice told as repeated (``every
night``, ``5,000 won a day``) or as under way (``has been checking every house``), and a
standing rule's generic subject (``households that fail to send a worker``) keep their
status.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE, STATUS

from .context import ArticleContext
from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .model import Policy

_IN_FORCE, _CARRIED_OUT = str(STATUS.InForce), str(STATUS.CarriedOut)
_CRACKDOWNS = frozenset(
    str(m)
    for m in (
        MEASURE.Crackdown,
        MEASURE.DefectionCrackdown,
        MEASURE.SmugglingCrackdown,
        MEASURE.PhoneCrackdown,
        MEASURE.SanctionsEnforcement,
    )
)
# Verbs of one act of enforcement done to things or people, in the past (participle and
# simple past forms are the same for all but a few, listed apart).
_ACT = (
    r"(?:held\s+back|kept\s+back|stopped|seized|confiscated|impounded|detained|arrested|"
    r"searched|raided|closed(?:\s+down)?|shut(?:\s+down)?|sealed(?:\s+off)?|questioned|"
    r"summoned|interrogated|checked|inspected|fined|turned\s+back|froze|frozen|broke\s+up|"
    r"broken\s+up|cleared|dismantled|demolished|pulled\s+(?:up|down)|took\s+down|"
    r"taken\s+down|expelled|deported|revoked|cancelled|canceled|suspended|withdrew|withdrawn)"
)
# A time the deed happened: "last week", "on 3 May", "in March", "earlier this month".
_WEEKDAYS = "|".join(WEEKDAY_NAMES)
_WHEN = (
    rf"(?:in\s+(?:19|20)\d\d|this\s+(?:week|month)|last\s+(?:week|month|year|night|weekend|{_WEEKDAYS})|"
    r"yesterday|earlier\s+(?:this|that)\s+(?:week|month|year)|on\s+\d{1,2}\s+"
    rf"[a-z]+|on\s+[a-z]+\s+\d{{1,2}}|on\s+(?:{_WEEKDAYS})|in\s+(?:early\s+|late\s+|mid-)?"
    rf"(?:{'|'.join(MONTH_NAMES)})|at\s+the\s+(?:start|end|beginning)\s+of\s+"
    r"(?:the\s+)?[a-z]+|(?:the\s+)?(?:same|next|following|previous)\s+(?:day|week|night)|"
    r"in\s+the\s+(?:first|second|third|last)\s+week\s+of\s+[a-z]+|(?:a\s+few|two|three|"
    r"several)\s+days\s+(?:ago|later))"
)
_COUNTED = (
    r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|a\s+dozen|dozens\s+of|hundreds\s+of|several|all\s+(?:two|three|"
    r"four|five|six|seven|eight|nine|ten|\d+)|(?:at\s+least|"
    r"about|around|some|nearly|almost|more\s+than|over)\s+(?:\d[\d,]*|[a-z]+))\b"
)
_SUBJECT_END = r"(?<![.;:])\s"
# "customs officers held back three lorries … last week" (not "had", a modal or "to").
_SIMPLE_PAST = re.compile(
    r"(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmay\s)(?<!\bmight\s)"
    r"(?<!\bmust\s)(?<!\bhave\s)(?<!\bhas\s)(?<!\bhad\s)(?<!\bbeen\s)(?<!\bbe\s)(?<!\bbeing\s)"
    r"(?<!\bare\s)(?<!\bis\s)(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)\b" + _ACT + r"\b"
    r"[^.;]{0,120}?\b" + _WHEN + r"\b",
    re.I,
)
# "have shut down six agencies since April", "has searched the camp twice".
_PERFECT_COUNTED = re.compile(
    r"\b(?:has|have)\s+(?:(?:also|now|already|since|so\s+far|\w+ly)\s+)*" + _ACT + r"\s+"
    r"(?:(?:the|their|its|his|her)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:twice|three\s+times|"
    r"several\s+times|\w+\s+times)\b|(?:[\w'’-]+\s+){0,2}?(?:twice|three\s+times|several\s+"
    r"times)\b|an?\s+(?!few\b|number\b|series\b|lot\b)|(?:the|their)\s+[\w'’-]+\s+of\s+(?:the\s+)?"
    + _COUNTED
    + r"|"
    + _COUNTED
    + r")",
    re.I,
)
# "their families have since been summoned for questioning", "two officers have been
# dismissed": people dealt with, told in the passive perfect (not a place "closed since").
_PERFECT_PASSIVE = re.compile(
    r"(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)\b(?:has|have)\s+(?:(?:also|now|already|since|"
    r"so\s+far|\w+ly)\s+)*been\s+(?:(?:also|since|already|\w+ly)\s+)*(?:summoned|questioned|"
    r"interrogated|detained|arrested|expelled|dismissed|fined|deported|punished|sentenced)\b",
    re.I,
)
# A practice told as repeated stays in force.
_REPEATED = re.compile(
    r"\b(?:every|each)\s+(?:day|night|week|morning|evening|month)\b|\bdaily\b|\bnightly\b|"
    r"\broutinely\b|\bregularly\b|\busually\b|\b(?:a|per)\s+(?:day|week|month|head|person)\b|"
    # a standing rule's generic subject: "households that fail to send a worker"
    r"\b(?:who|that)\s+(?:fail|refuse|do|does|try|tries|keep|keeps|break|breaks|use|uses)\b",
    re.I,
)

# A practice told as under way ("has been checking every house") is the rule's own.
_ONGOING = re.compile(r"\b(?:been|are|is)\s+(?:\w+ly\s+)?\w+ing\b", re.I)


def done_deeds(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Crackdowns in force whose only evidence tells one deed done (see above), carried
    out instead."""
    for policy in policies:
        if policy.status != _IN_FORCE or policy.measure_type not in _CRACKDOWNS:
            continue
        if len(policy.evidence) != 1:
            continue
        if _told_done(ctx, policy):
            policy.status = _CARRIED_OUT
    return policies


def _told_done(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether the policy's evidence begins a clause that tells a deed done; a deed told in
    another clause before it (``were arrested during a sweep, which has been checking …``)
    is not the measure's own."""
    evidence = policy.evidence[0]
    sent = ctx.sentences[policy.sentence]
    text = ctx.folded[sent.begin : sent.end]
    if _REPEATED.search(text):
        return False
    lo, hi = evidence.begin - sent.begin, evidence.end - sent.begin
    for pattern in (_SIMPLE_PAST, _PERFECT_COUNTED, _PERFECT_PASSIVE):
        for m in pattern.finditer(text):
            # the deed's verb begins the evidence, or its auxiliary just before it
            start = lo - 5 if pattern is not _PERFECT_PASSIVE else lo - 40
            if start <= m.start() < hi and m.end() > lo and not _ONGOING.search(text, lo, m.end()):
                return True
    return False

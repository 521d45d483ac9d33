"""Status told by the verb form that governs a measure, read once every mention is merged.

The nearest status cue can miss what the grammar of the measure's own clause says:

- a causative passive in the past or the perfect (``were made to stand before a meeting``,
  ``have been forced to sign pledges``) reports the deed done to people: CarriedOut,
  whatever cue lies nearer (``while an official read out their crimes``); so does what
  people underwent told with ``have`` (``have had their phones taken``);
- taking a permission away from someone (``has withdrawn the licences of four companies``,
  ``cancelled his residence permit``) is a measure against them carried out, not a lifting;
- a consequence told in the future for a class of people picked out by what they do
  (``crews who fail to return are to be barred``, ``anyone caught … will be fined, the
  notice says``) is a rule made known, not a plan: Announced (told with no teller, as a
  standing rule, it stays in force);
- an obligation told in the future (``drivers will need a new permit from May``, ``each boat
  will have to carry a tracker``) is a rule made known: Announced;
- a present passive with ``now`` (``posts are now manned by two soldiers``, ``guards are
  now moved every ten days``) tells how things stand since a change: InForce;
- traffic told as moving again (``freight trains started running again``) and a measure
  named by how it began, then removed (``checkpoints, set up in 2020, were taken down``)
  are a measure lifted;
- a rule in the present whose sentence tells the future only in a clause it governs
  (``must leave a child behind as a guarantee that they will return``) is in force, not
  planned;
- ``is to`` / ``are to`` with a verb (``the station is to get new cameras``, ``the trial is
  to be held in public``) is an arrangement still to come: Planned.

Rumours and easings are left as they are. A form counts where it overlaps the measure's
evidence or governs it from just before, with no clause break between; where the evidence
is the whole sentence (the sentence model's), only a form of its first clause counts. A
policy merged from several mentions keeps the status the merge gave it.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import STATUS

from .context import ArticleContext
from .model import Policy, Span
from .morph import IRREGULAR_PAST
from .policy_aspect import repeated

_I = re.IGNORECASE
_CARRIED_OUT, _IN_FORCE = str(STATUS.CarriedOut), str(STATUS.InForce)
_PLANNED, _ANNOUNCED = str(STATUS.Planned), str(STATUS.Announced)
_LIFTED = str(STATUS.Lifted)
_ADV = r"(?:(?:also|all|then|later|each|even|\w+ly)\s+)*"

# "were made to stand", "have since been forced to sign", "got made to": a past or perfect
# causative passive.
_CAUSED = re.compile(
    rf"\b(?:was|were|got|(?:has|have|had)\s+{_ADV}(?:since\s+)?been)\s+{_ADV}"
    r"(?:made|forced|compelled)\s+to\b",
    _I,
)
# "have had their phones taken", "had their warehouses sealed": what people underwent, told
# by "have" with the thing done to them.
_UNDERGONE = re.compile(
    rf"\b(?:had|(?:has|have|had)\s+{_ADV}had|got)\s+(?:their|his|her|its)\s+(?:[\w'’-]+\s+){{0,3}}?"
    r"(?!\w+ly\b)(?:\w+ed|taken|seized|frozen|torn|stolen|shut|cut)\b",
    _I,
)
# "since" later in the same clause: a state held since then, not a deed.
_SINCE_AFTER = re.compile(r"[^,;.]{0,80}?\bsince\b", _I)
# "crews who fail to return … are to be barred", "anyone caught … will be fined": a class
# picked out by what its members do (in the present), then the consequence in the future
# passive. People picked out by a past deed ("two men who sold panels are to be tried") or
# the subject of the consequence itself ("families who are to be moved") are no class; nor
# are those who "do" an act named before ("the risk that those who do will be caught").
_CLASS = (
    r"\b(?:(?:anyone|anybody|whoever|those|people|\w+s)\s+who\s+(?!(?:were|was|had|"
    r"have|has|are|is|will|would|could|do|does|did|may|might)\b)(?:\w+ly\s+)?(?!\w+ed\b)(?!(?:"
    + "|".join(sorted(IRREGULAR_PAST))
    + r")\b)\w+|(?:anyone|anybody|those|people|\w+s)\s+(?:caught|found)\s+(?:\w+ing|with|in|at|on|near|"
    r"outside|inside|closer|there|again|twice|\w+ly)\b)"
)
_CLASS_CONSEQUENCE = re.compile(
    rf"{_CLASS}[^.;:]{{0,100}}?\b(?:will|shall|(?:is|are)\s+to)\s+{_ADV}be\s+(?!\w+ly\b)"
    r"\w+(?:ed|en|t)\b",
    _I,
)
# Someone telling the consequence: a notice, an order, a warning, a source's report of it.
_TOLD = re.compile(
    r"\b(?:said|says|say|told|tells|warn\w*|notices?|orders?|ordered|announc\w*|declar\w*|"
    r"according\s+to)\b",
    _I,
)
# "will need a pass", "will have to carry", "will require a licence": a future obligation.
_WILL_NEED = re.compile(
    rf"\bwill\s+{_ADV}(?:need|have\s+to|require)\b(?!\s+(?:time|months|weeks|years)\b)", _I
)
# "are now manned by two soldiers", "are now moved every ten days": a present passive with
# "now" tells how things stand since a change, the measure in force.
_NOW_PASSIVE = re.compile(
    r"\b(?:is|are)\s+now\s+(?:(?:also|routinely|only|\w+ly)\s+)?(?!\w+ly\b)"
    # not a plan ("are now expected to be handed back")
    r"(?!(?:expected|scheduled|supposed|planned|slated|due|set)\b)[a-z]+(?:ed|en)\b",
    _I,
)
# "has withdrawn the licences of nine companies", "cancelled his residence permit": taking
# a permission away from someone is a measure against them, not a measure lifted.
_PERMISSION_TAKEN = re.compile(
    r"\b(?:withdrawn|withdrew|cancell?ed|revoked|suspended|stripped|confiscated)\s+"
    r"(?:[\w'’-]+\s+){0,6}?(?:licen[cs]es?|permits?|(?:identity|residence|border)\s+cards?|"
    r"visas?|passports?|registrations?)\b",
    _I,
)
# "freight trains started running again", "has carried lorries again since May": traffic
# moving again is a closure lifted.
_MOVING_AGAIN = re.compile(
    r"\b(?:run|runs|running|ran|cross|crosses|crossing|crossed|carried|carries|carrying|"
    r"reached|reach|reaches|arrived|arriving|sailed|sailing|travelled|travelling)\b(?!\s+out\b)"
    # not a possibility given back ("can again get a pass"): an easing
    r"[^.;,]{0,60}?(?<!can\s)(?<!may\s)(?<!could\s)\bagain\b"
    # not a reopening for some only ("…, but only for state companies")
    r"(?![^.;]*?\b(?:but|though)\s+only\b|[^.;]*?\bonly\s+for\b)",
    _I,
)
# "the checkpoints, set up during the pandemic, were taken down": a measure named by how it
# began, then removed.
_REMOVED = re.compile(
    r"\b(?:set\s+up|imposed|introduced|put\s+up|erected)\b[^.;]{0,100}?\b(?:was|were|has\s+been|"
    r"have\s+been)\s+(?:\w+ly\s+)?(?:taken\s+down|removed|dismantled|stood\s+down|scrapped|"
    r"dropped|withdrawn|lifted)\b",
    _I,
)
# "must leave a child behind as a guarantee that they will return", "now stand along the
# river, where the team will walk across": a rule in the present whose only future lies in
# a clause it governs.
_PRESENT_RULE = re.compile(
    r"\b(?:must|may\s+(?:not|only|no\s+longer)|now|(?:has|have)\s+to|cannot|(?:is|are)\s+"
    r"(?:now\s+)?required)\b",
    _I,
)
_SUBORDINATE = re.compile(
    r"\b(?:that|who|whose|when|before|until|once|where|which|after|if|as\s+soon\s+as)\b", _I
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|plans?|planned|planning|preparing|expected|due|set\s+to)\b", _I
)
# "under a plan being drawn up": the obligation is part of a plan.
_PLAN = re.compile(r"\bplan(?:s|ned|ning)?\b|\bdraft(?:s|ed|ing)?\b", _I)
# "is to get", "are to be moved": an arrangement to come ("was to" tells a past plan).
_IS_TO = re.compile(
    # not a noun told by its content ("whose only task is to locate calls")
    r"(?<!task )(?<!job )(?<!role )(?<!duty )(?<!aim )(?<!goal )(?<!purpose )(?<!mission )"
    r"(?<!idea )(?<!point )\b(?:is|are)\s+(?:now\s+|also\s+|soon\s+)?to\s+(?:be\s+)?[a-z]+\b",
    _I,
)
# What may stand between a governing verb and the measure it governs: no clause break.
_BREAK = re.compile(
    r"[;:]|,\s+(?:and|but|so|while|which|who|where|when|after|before)\b|\bso\s+that\b|\.\s", _I
)
_REACH = 80


def _near(ctx: ArticleContext, match: re.Match[str], evidence: Span) -> bool:
    """Whether a form matched in the text governs a measure whose evidence is ``evidence``:
    it overlaps the evidence or ends shortly before it with no clause break between."""
    if match.start() < evidence.end and evidence.begin < match.end():
        return True
    gap = evidence.begin - match.end()
    return 0 <= gap <= _REACH and not _BREAK.search(ctx.folded, match.end(), evidence.begin)


def _governing(
    ctx: ArticleContext, pattern: re.Pattern[str], sentence: Span, evidence: Span
) -> re.Match[str] | None:
    """The first match of a verb form that governs the evidence; where the evidence is the
    whole sentence (the sentence model's), only a form of its first clause does."""
    for m in pattern.finditer(ctx.folded, sentence.begin, sentence.end):
        if evidence == sentence and _BREAK.search(ctx.folded, sentence.begin, m.start()):
            continue
        if _near(ctx, m, evidence):
            return m
    return None


def _within(ctx: ArticleContext, pattern: re.Pattern[str], sentence: Span, evidence: Span) -> bool:
    """Whether a form overlaps the evidence itself, or lies in the first clause of a whole
    sentence given as evidence (the sentence model's)."""
    for m in pattern.finditer(ctx.folded, sentence.begin, sentence.end):
        if evidence == sentence:
            if not _BREAK.search(ctx.folded, sentence.begin, m.start()):
                return True
        elif m.start() < evidence.end and evidence.begin < m.end():
            return True
    return False


def _present_rule_over_future(ctx: ArticleContext, sentence: Span, evidence: Span) -> bool:
    """Whether the measure is a present rule whose sentence tells the future only in a
    clause the rule governs (``… must leave a spouse behind as a guarantee that they will
    return``)."""
    main_end = min(evidence.end, sentence.end)
    if evidence == sentence:
        # the sentence model's whole sentence: the rule's clause ends at the first clause
        # word after its modal ("who want to travel … must leave …, that they will return")
        rule = _PRESENT_RULE.search(ctx.folded, sentence.begin, sentence.end)
        sub = rule and _SUBORDINATE.search(ctx.folded, rule.end(), sentence.end)
        if not sub:
            return False
        main_end = sub.start()
    main = ctx.folded[sentence.begin : main_end]
    rest = ctx.folded[main_end : sentence.end]
    if not _PRESENT_RULE.search(main) or _FUTURE.search(main):
        return False
    sub = _SUBORDINATE.search(rest)
    return (
        sub is not None
        and bool(_FUTURE.search(rest, sub.end()))
        and not _FUTURE.search(rest, 0, sub.start())
    )


def _form_status(ctx: ArticleContext, policy: Policy, evidence: Span) -> str | None:
    """The status the verb form around one piece of evidence gives, or None."""
    sentence = ctx.sentences[policy.sentence]
    if not sentence.contains(evidence):
        return None
    status = policy.status
    caused = _governing(ctx, _CAUSED, sentence, evidence) or _governing(
        ctx, _UNDERGONE, sentence, evidence
    )
    if caused and status in (_IN_FORCE, _ANNOUNCED, _PLANNED):
        before = ctx.folded[sentence.begin : caused.start()]
        after = ctx.folded[caused.end() : sentence.end]
        if not repeated(before, after) and not _SINCE_AFTER.match(after):
            # "were made to stand before a meeting"; not "every week", not "since May"
            return _CARRIED_OUT
    if status in (_LIFTED, _ANNOUNCED) and _governing(ctx, _PERMISSION_TAKEN, sentence, evidence):
        return _CARRIED_OUT
    if status in (_IN_FORCE, _CARRIED_OUT) and (
        _within(ctx, _MOVING_AGAIN, sentence, evidence)
        or _within(ctx, _REMOVED, sentence, evidence)
    ):
        return _LIFTED
    if status == _PLANNED and _present_rule_over_future(ctx, sentence, evidence):
        return _IN_FORCE
    if status in (_IN_FORCE, _CARRIED_OUT) and _governing(ctx, _IS_TO, sentence, evidence):
        return _PLANNED
    if status in (_CARRIED_OUT, _PLANNED) and _governing(ctx, _NOW_PASSIVE, sentence, evidence):
        return _IN_FORCE
    if (
        status in (_PLANNED, _IN_FORCE)
        and _governing(ctx, _CLASS_CONSEQUENCE, sentence, evidence)
        # told as a standing rule with no one telling it ("anyone who … will be fined."),
        # it stays in force
        and (status == _PLANNED or _TOLD.search(ctx.folded, sentence.begin, sentence.end))
    ):
        return _ANNOUNCED
    if (
        status in (_PLANNED, _IN_FORCE)
        and _governing(ctx, _WILL_NEED, sentence, evidence)
        and not _PLAN.search(ctx.folded, sentence.begin, sentence.end)
    ):
        return _ANNOUNCED
    return None


def governed_status(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """Policies whose only evidence lies under a governing verb form take its status."""
    for policy in policies:
        if len(policy.evidence) != 1:
            continue
        status = _form_status(ctx, policy, policy.evidence[0])
        if status is not None:
            policy.status = status
    return policies

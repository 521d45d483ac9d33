"""What makes a measure judicial: courts and prosecutors, sentences passed, trials held.

One definition serves the frames that find court measures (``policy_frames_justice``) and
the merge that keeps a trial apart from the arrests of the same campaign (``policy_merge``),
so that every judicial frame the frames produce is recognised as judicial when mentions are
merged. The words are those of a sentence or a trial told of people; ``trial`` alone is no
court (``the trial of the new scanners``, ``a trial period``), nor is ``tried`` (``tried to
cross``, ``a similar system was tried in Sinuiju``) unless a charge, a court or a law
follows.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import MEASURE

from .measure_groups import SPECIFIC_CRACKDOWNS
from .model import Policy, Span

_CRACKDOWNS = SPECIFIC_CRACKDOWNS | {str(MEASURE.Crackdown)}

#: A court or prosecution office as the subject of a judicial verb (not "the court building").
JUDICIAL_BODY = r"\b(?:courts?|tribunals?|prosecutors?|procuratorates?|prosecutors[’']?\s+office)\b"
#: What a court or prosecutors do to people ("sentenced", "charged", "tried"); ``try``
#: needs its object, so "the court tried to" is left out by the frames' object guard.
JUDICIAL_VERB = (
    r"sentenc(?:e|es|ed)|jail(?:s|ed)?|convict(?:s|ed)?|charg(?:e|es|ed)|indict(?:s|ed)?|"
    r"prosecut(?:e|es|ed)|tr(?:y|ies|ied)"
)
#: A term of years or months ("between three and seven years", "two and a half years").
TERM = (
    r"(?:between\s+|at\s+least\s+|up\s+to\s+|more\s+than\s+|as\s+many\s+as\s+)?(?:\d+|a|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+(?:and\s+a\s+half\s+)?"
    r"(?:(?:and|to|or)\s+(?:\d+|"
    r"two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+)?(?:more\s+)?"
    r"(?:years?|months?)\b(?!\s+to\s+\w)"  # "given two months to leave" is a deadline
)
#: A sentence passed, as a participle or a noun ("were sentenced", "received prison terms").
SENTENCE_WORDS = (
    # not of people described by it ("families of those sentenced", "who were convicted")
    r"(?<!\bthose\s)(?<!\bpeople\s)(?<!\bwho\swere\s)(?<!\bwho\shad\sbeen\s)"
    r"\b(?:sentenced|sentences|sentencing|jailed|imprisoned|convicted|(?:prison|jail)\s+terms?)\b"
)
#: An adjective a trial may have ("faced a military trial", "stood a second trial").
TRIAL_KIND = (
    r"(?:(?:a|an)\s+)?(?:(?:criminal|military|closed|secret|separate|second|third|fresh|new|"
    r"speedy|summary|public|show|mass)\s+)?"
)
#: People brought to trial, told by the verb that takes them there: "stood trial", "went on
#: trial", "were put on trial", "bring them to trial", "faces trial".
TRIAL_PHRASE = (
    r"\b(?:to|on|stood|stand|stands|standing|face|faces|faced|facing)\s+" + TRIAL_KIND + r"trial\b"
)
#: "tried" of a court: with the charge (not "for the first time", "for two weeks"), the
#: court or the law after it, or another judicial verb ("tried and sentenced").
TRIED = (
    r"tried\s+(?!(?:to|out|again|hard)\b)(?:[\w'’,-]+\s+){0,8}?(?:for\s+(?!(?:a|an|the\s+first|"
    r"the\s+second|\d+|one|two|three|four|five|six|several|some|many|a\s+few)\s+(?:[\w-]+\s+)?"
    r"(?:time|times|days?|weeks?|months?|years?|hours?)\b)|on\s+charges?\b|over\b|under\s+"
    r"(?:article|the\b)|as\s+(?:an?\s+)?(?:spy|spies|accomplices?|traitors?|enem(?:y|ies))|"
    r"in\s+(?:court|absentia)|by\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,4}?(?:courts?|tribunals?)|"
    r"and\s+(?:later\s+)?(?:sentenced|convicted|jailed|executed))"
)

#: Whether a stretch of text tells a judicial measure: a court acting, a sentence passed, a
#: trial held or to be held.
JUDICIAL = re.compile(
    rf"{JUDICIAL_BODY}[^.;]{{0,60}}?\b(?:(?:sentenc|jail|convict|charg|indict|prosecut)\w*|"
    rf"tr(?:y|ies|ied)\b(?!\s+to\b))|{SENTENCE_WORDS}|{TRIAL_PHRASE}|\b{TRIED}|"
    # "were charged by prosecutors in Dandong"
    rf"\b(?:charged|indicted|prosecuted)\s+(?:[\w-]+\s+){{0,2}}?by\s+(?:an?|the)\s+"
    rf"(?:[\w'’-]+\s+){{0,4}}?{JUDICIAL_BODY}|"
    # a term given: "are now being given at least five years at the re-education camp"
    rf"\b(?:given|handed(?:\s+down)?)\s+(?:to\s+)?{TERM}",
    re.IGNORECASE,
)


def judicial(folded: str, evidence: list[Span]) -> bool:
    """Whether a measure's evidence tells it as a trial or a sentence ("a court in Yanji
    sentenced …", "received sentences of three years", "stood trial"): a stage of its own,
    not the arrests of a campaign."""
    return any(JUDICIAL.search(folded, e.begin, e.end) for e in evidence)


def trial_stage(folded: str, policy: Policy) -> bool:
    """Whether a crackdown is told at its judicial stage (:func:`judicial`). Only crackdowns
    have such a stage apart from their arrests; a public punishment is one whatever the
    words it is told by ("tried before a crowd", "paraded through the market")."""
    return policy.measure_type in _CRACKDOWNS and judicial(folded, policy.evidence)

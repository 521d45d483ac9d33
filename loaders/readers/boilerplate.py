"""Recognisers for outlet boilerplate and the credits line.

The outlet appends paragraphs that are not part of the article: one about its
network of anonymous sources, one asking for comments by e-mail, a "Read in
Korean" line and sometimes a tip line. Their wording changes over the years, so
the long ones are recognised by a score over content cues rather than by one
exact string, and quoted speech counts against a paragraph (the outlet's own
notice never quotes anyone, while reporting about sources does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_QUOTE_MARKS = re.compile(r"[“”\"]")
_SPEECH = re.compile(r"\b(?:said|says|told|added|explained|according to)\b", re.IGNORECASE)

# (pattern, weight) cues of the sourcing-policy paragraph.
_SOURCE_CUES: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p, re.IGNORECASE), w)
    for p, w in (
        (r"\bnetwork\b", 2),
        (r"\bsources?\b", 1),
        (
            r"\banonym\w*|\bidentit(?:y|ies)\b|\bunnamed\b|\bnot (?:be )?named\b"
            r"|\b(?:whose|their) names\b",
            2,
        ),
        (r"\bsecurity\b|\bsafety\b|\bprotect\w*|\brisks?\b|\bdanger\w*", 1),
        (
            r"\bwithh[oe]ld\w*|\bconfidential\w*"
            r"|\b(?:not|cannot|never)\s+(?:be\s+)?(?:disclosed?|reveal(?:ed)?|publish(?:ed)?|named|identified)\b",
            1,
        ),
        (r"\b(?:living|based|located|residing) (?:in|inside)\b|\binside north korea\b", 1),
        (r"\bpolicy\b|\bverif\w*|\bcross-check\w*|\bvet\w*", 1),
    )
)
# The notice always speaks of the outlet itself; reporting about sources does not.
_SELF_REFERENCE = re.compile(
    r"\b(?:we|our|us|daily nk)\b|\bthis (?:outlet|publication|newspaper|site)\b", re.IGNORECASE
)
_SOURCES = re.compile(r"\b(?:sources?|contacts)\b", re.IGNORECASE)
_UNNAMED = re.compile(
    r"\banonym\w*|\bunnamed\b"
    r"|\b(?:not|cannot|never)\s+(?:be\s+)?(?:named|identified|disclosed?|publish(?:ed)?|reveal(?:ed)?)\b"
    r"|\b(?:not|never|n't)\s+(?:publish|reveal|disclose|print|share|give)\s+(?:\w+\s+)?"
    r"(?:names|identit(?:y|ies))\b"
    r"|\b(?:names|identities)\s+(?:stay|remain|are\s+kept|are\s+withheld)\b",
    re.IGNORECASE,
)
_SOURCE_THRESHOLD = 6
_SOURCE_THRESHOLD_TRAILING = 5

_COMMENT_WORDS = re.compile(
    r"\b(?:comments?|feedback|questions?|thoughts|suggestions|opinions?|corrections?)\b",
    re.IGNORECASE,
)
_SEND_WORDS = re.compile(
    r"\b(?:send|sent|e-?mail|write|contact|reach|share|forward|direct|tell)\w*", re.IGNORECASE
)
_ADDRESS_WORDS = re.compile(r"\b(?:please|readers?|welcome|us|we)\b", re.IGNORECASE)

_READ_IN_KOREAN = re.compile(
    r"^[\[(]?\s*(?:(?:read|view|see)\s+(?:this\s+(?:article|story)\s+|the\s+)?"
    r"(?:in\s+korean|korean\s+(?:version|original|article))"
    r"|korean\s+(?:version|original)|한국어(?:로)?\s*(?:보기|읽기|기사)?)"
    r"\s*[\])]?\s*[.:!>»→]*\s*(?:https?://\S+)?$",
    re.IGNORECASE,
)

_TIP_START = re.compile(
    r"^(?:do\s+you\s+)?(?:have|got|know\s+of)\s+(?:a\s+|any\s+)?(?:news\s+|story\s+)?tips?\b"
    r"|^(?:send|share|email|e-mail)\s+(?:us\s+)?(?:your\s+|a\s+)?(?:news\s+|story\s+)?tips?\b",
    re.IGNORECASE,
)
_TIP_WORD = re.compile(r"\btips?\b(?!\s+off)", re.IGNORECASE)

_CREDITS_START = re.compile(r"^(?:translated|edited|translation)\b", re.IGNORECASE)
_TRANSLATED_AND_EDITED = re.compile(
    r"^translated\s+and\s+edited\s+by\s+(?P<both>.+?)\.?$", re.IGNORECASE
)
_TRANSLATED = re.compile(r"^(?:translated\s+by|translation\s*(?:by|:))\s+(?P<name>.+)$", re.I)
_EDITED = re.compile(r"^edited\s+by\s+(?P<name>.+)$", re.IGNORECASE)
_EDITED_SPLIT = re.compile(r"\s*\b(?=edited\s+by\b)", re.IGNORECASE)
_NAME = re.compile(r"^[^\W\d_][\w.'’\- ]{0,60}$")


def _quoted_speech(paragraph: str) -> bool:
    return bool(_QUOTE_MARKS.search(paragraph)) and bool(_SPEECH.search(paragraph))


def source_network_score(paragraph: str) -> int:
    """Score of how much a paragraph reads like the outlet's sourcing notice."""
    score = sum(weight for pattern, weight in _SOURCE_CUES if pattern.search(paragraph))
    score += bool(_SELF_REFERENCE.search(paragraph))
    if _QUOTE_MARKS.search(paragraph):
        score -= 3
    if _SPEECH.search(paragraph):
        score -= 2
    return score


def is_source_network_paragraph(paragraph: str, *, trailing: bool = False) -> bool:
    """True for the paragraph about the outlet's network of anonymous sources.

    ``trailing`` paragraphs (after the article's last real paragraph or the credits
    line) need a slightly lower score: that is where the notice lives.
    """
    if len(paragraph) > 900 or not _SELF_REFERENCE.search(paragraph):
        return False
    threshold = _SOURCE_THRESHOLD_TRAILING if trailing else _SOURCE_THRESHOLD
    if source_network_score(paragraph) >= threshold:
        return True
    # Short as it may be, a trailing paragraph in which the outlet speaks of its sources
    # and of keeping them unnamed, quoting no one, is the notice.
    return (
        trailing
        and len(paragraph) <= 400
        and bool(_SOURCES.search(paragraph) and _UNNAMED.search(paragraph))
        and not _QUOTE_MARKS.search(paragraph)
        and not _SPEECH.search(paragraph)
    )


def is_comments_paragraph(paragraph: str) -> bool:
    """True for the paragraph asking readers to send comments to an e-mail address."""
    if len(paragraph) > 500 or not _EMAIL.search(paragraph) or _quoted_speech(paragraph):
        return False
    score = 3  # the e-mail address
    score += bool(_COMMENT_WORDS.search(paragraph))
    score += bool(_SEND_WORDS.search(paragraph))
    score += bool(_ADDRESS_WORDS.search(paragraph))
    return score >= 5


def is_read_in_korean(line: str) -> bool:
    """True for the "Read in Korean" link line and its variants."""
    return bool(_READ_IN_KOREAN.match(line.strip()))


def is_tip_line(paragraph: str) -> bool:
    """True for a short appeal for news tips ("Have a tip? Contact us …")."""
    text = paragraph.strip()
    if len(text) > 300 or _quoted_speech(text):
        return False
    if _TIP_START.match(text):
        return True
    has_contact = bool(_EMAIL.search(text) or _URL.search(text))
    return bool(_TIP_WORD.search(text)) and has_contact and bool(_SEND_WORDS.search(text))


def is_boilerplate(paragraph: str, *, trailing: bool = False) -> bool:
    """True when a whole paragraph is outlet boilerplate that must not become text."""
    return (
        is_source_network_paragraph(paragraph, trailing=trailing)
        or is_comments_paragraph(paragraph)
        or is_read_in_korean(paragraph)
        or is_tip_line(paragraph)
    )


@dataclass(frozen=True)
class Credits:
    """Staff credits printed at the end of an article."""

    translator: str | None = None
    editor: str | None = None


def _clean_name(raw: str) -> str | None:
    name = raw.strip().rstrip(".,;").strip()
    if not name or not _NAME.match(name) or len(name.split()) > 6:
        return None
    return name


def parse_credits(line: str) -> Credits | None:
    """Parse ``Translated by NAME. Edited by NAME.`` (either part may be missing).

    Returns None unless the whole line is a credits line, so a body sentence that
    happens to start with "Edited by" is not taken for one.
    """
    text = line.strip()
    if not _CREDITS_START.match(text) or len(text) > 160:
        return None
    both = _TRANSLATED_AND_EDITED.match(text)
    if both:
        name = _clean_name(both.group("both"))
        return Credits(translator=name, editor=name) if name else None
    parts = [part.strip() for part in _EDITED_SPLIT.split(text) if part.strip()]
    translator = editor = None
    for part in parts:
        if (m := _TRANSLATED.match(part)) and translator is None:
            translator = _clean_name(m.group("name"))
            if translator is None:
                return None
        elif (m := _EDITED.match(part)) and editor is None:
            editor = _clean_name(m.group("name"))
            if editor is None:
                return None
        else:
            return None
    if translator is None and editor is None:
        return None
    return Credits(translator=translator, editor=editor)

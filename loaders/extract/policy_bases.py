"""Legal bases given in the sentence after a measure: "The court convicted them of smuggling
under Article 153 of the Criminal Law." follows the sentence that told of the sentencing.

Such a sentence reports no measure of its own: it names the law the court (or the
prosecutors) applied in the measure just told, by referring back to its agent ("the court",
"the judges", "prosecutors", "it") and a verb of a criminal case ("convicted", "charged",
"found guilty"). The annotation guide lists the provision with its instrument wherever it is
named; this step also makes it the basis of the measure it was applied in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import Policy

if TYPE_CHECKING:
    from .context import ArticleContext

# The sentence opens with the deciding body referred back to and a verb of its case.
_CASE_BACK = re.compile(
    r"\s*[\"'“]?(?:the\s+(?:court|judges?|tribunal|prosecutors?|prosecution)|it|they|"
    r"prosecutors|judges)\s+(?:\w+\s+)?"
    r"(?:convicted|charged|found|sentenced|tried|prosecuted|indicted|ruled)\b",
    re.IGNORECASE,
)


def carried_bases(ctx: ArticleContext, policies: list[Policy]) -> list[Policy]:
    """``policies`` with the legal bases of a following case sentence added to the measures
    of the sentence it refers back to."""
    told = {p.sentence for p in policies}
    for index, sent in enumerate(ctx.sentences):
        if index == 0 or index in told or not _CASE_BACK.match(ctx.folded, sent.begin):
            continue
        bases = ctx.legal_basis(index)
        if not bases:
            continue
        before = ctx.sentences[index - 1]
        for policy in policies:
            # a measure told again in the sentence before ("The court … sentenced the
            # organiser …" after "A court has sentenced five people …") is the one meant
            if policy.sentence == index - 1 or any(
                before.begin <= e.begin < before.end for e in policy.evidence
            ):
                policy.legal_basis.extend(b for b in bases if b not in policy.legal_basis)
    return policies

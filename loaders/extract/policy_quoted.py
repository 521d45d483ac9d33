"""A measure a quoted source tells again is the one the article reported in its own words.

Reporters give a measure in their own words and then quote the source on it ("Guards now
stop every car before the village. “Now the [border] police stop every car, and if your name
is not on the list you turn round,” a source said."). The quote colours the measure; it is
no second one, though its words (a date, a status, a place) rarely match closely enough to
merge with the first. A measure read from inside a quotation that opens its sentence is
dropped when the rules found, outside quotations, a measure of the same or a related type
whose status is told alike: done or in force; yet to come (announced, planned, rumoured);
changed (eased, lifted). A quote that tells what is yet to come of a measure done ("anyone
who hands over a phone will be let off with a fine") is a measure of its own. Only the
rules' measures count as told: the trained model adds measures, it never removes one.

Measured when written: tuning sets heldout3–95 policies .7615 → .7622 (sixteen sets up,
three down); the measures removed were mostly quotes telling again a ban, a search or a
seizure the reporter had given in the sentence before.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import STATUS

from .context import ArticleContext
from .model import Policy
from .policy_merge import BROADER

_CLOSERS = {"“": re.compile("”"), '"': re.compile('"'), "‘": re.compile("’(?![A-Za-z])")}


def _quoted(ctx: ArticleContext, policy: Policy) -> bool:
    """Whether the policy's evidence lies inside a quotation its sentence opens with
    (what follows it, "…,” the source said, adding that …", is the reporter's)."""
    sent = ctx.sentences[policy.sentence]
    chunk = ctx.folded[sent.begin : sent.end]
    start = sent.begin + len(chunk) - len(chunk.lstrip())
    closer = _CLOSERS.get(ctx.folded[start : start + 1])
    if closer is None:
        return False
    end = closer.search(ctx.folded, start + 1, sent.end)
    inside = end.start() if end else sent.end
    return all(e.begin > start and e.end <= inside for e in policy.evidence)


# Statuses told alike: a measure done or in force, one yet to come, one changed.
_GROUP = {
    str(STATUS.InForce): "done",
    str(STATUS.CarriedOut): "done",
    str(STATUS.Announced): "coming",
    str(STATUS.Planned): "coming",
    str(STATUS.Rumoured): "coming",
    str(STATUS.Eased): "changed",
    str(STATUS.Lifted): "changed",
}


def _kin(a: str, b: str) -> bool:
    return a == b or BROADER.get(a, a) == BROADER.get(b, b)


def quoted_again(ctx: ArticleContext, policies: list[Policy], found: list[Policy]) -> list[Policy]:
    """The policies without those only a quotation tells again (see above), told again of
    one among ``found`` (the rules' own: the trained model may add measures, never remove
    one the rules found)."""
    quoted = {id(p) for p in policies if _quoted(ctx, p)}
    told = [p for p in found if id(p) not in quoted]
    return [
        p
        for p in policies
        if id(p) not in quoted
        or not any(
            _kin(p.measure_type, o.measure_type) and _GROUP.get(p.status) == _GROUP.get(o.status)
            for o in told
        )
    ]

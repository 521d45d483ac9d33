"""Which quantities of a sentence are no amount of its event.

An event report's ``bkg:quantity`` counts the people or goods of the occurrence (or a
punishment's or detention's term). Two kinds of number in the same sentence are not that:

- a duration or a frequency (``caught over the past two years``, ``rotated every three
  months``, ``the 20-day quarantine``, ``released within three days``): when, how long or how
  often something else happens. Only a punishment's or a detention's own term stays
  (``sentenced to 10 years``, ``held for 30 days``, ``sent to labour camps for two years``);
- the witnesses or informants who tell of it (``two residents said``, ``according to three
  villagers who saw the transfer``, a count inside a source's description): they count the
  tellers, not the event.
"""

from __future__ import annotations

import re

from borderkg.ontology.namespaces import EVENTTYPE

from .context import ArticleContext
from .model import Quantity

_I = re.IGNORECASE
_TIME_UNIT = re.compile(r"^(?:hours?|days?|weeks?|months?|years?)$", _I)
#: Events whose term is their own amount ("sentenced to 10 years", "held for 30 days").
_WITH_TERM = {str(EVENTTYPE.Punishment), str(EVENTTYPE.Detention)}
_TERM_BEFORE = re.compile(r"\b(?:for|to|of)\s+$", _I)
_TELLERS_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", _I)
# "two residents said", "three traders who saw it told …": a count of the tellers.
_TELLS_AFTER = re.compile(
    r"^\s+(?:(?:who|that)\s+)?(?:[\w'-]+\s+){0,3}?(?:said|say|says|told|tell|tells|reported|"
    r"recalled|described|saw|watched|witnessed)\b",
    _I,
)


def not_its_count(ctx: ArticleContext, event_type: str, q: Quantity) -> bool:
    """Whether quantity ``q`` of an event's sentence is no amount of that event: a duration
    or frequency other than its own term, or a count of those who tell of it."""
    if q.currency:
        return False
    before = ctx.folded[max(0, q.span.begin - 30) : q.span.begin]
    if q.unit_text and _TIME_UNIT.match(q.unit_text.strip()):
        return not (event_type in _WITH_TERM and _TERM_BEFORE.search(before))
    if ctx.inside_source(q.span) or _TELLERS_BEFORE.search(before):
        return True
    return bool(_TELLS_AFTER.match(ctx.folded[q.span.end : q.span.end + 60]))

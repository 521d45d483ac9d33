"""Other wordings of a curated law's title that reporters use for the same law.

The gazetteer matches every label of an entity and some variants of it; for a law's title
two kinds of variant are common: the kind word ("… Rejection Law" for "… Rejection Act";
a code stays a code) and the state's short name ("the Criminal Law of the DPRK" for "… of
the Democratic People's Republic of Korea").
"""

from __future__ import annotations

import re

# A state's full name in a law's title and the short names reporters use for it.
_STATE_NAMES = (
    ("Democratic People's Republic of Korea", ("DPRK", "North Korea")),
    ("People's Republic of China", ("PRC", "China")),
)
_KIND = re.compile(r" (Act|Law|Code)$")


def title_variants(title: str) -> list[str]:
    """Other wordings of ``title`` (a law's folded label) that name the same law."""
    out: list[str] = []
    for full, shorts in _STATE_NAMES:
        if title.endswith(" of the " + full):
            stem = title[: -len(full)]
            out += [stem + short for short in shorts]
    kind = _KIND.search(title)
    if kind:
        for other in ("Act", "Law", "Code"):
            if other != kind.group(1) and (other == "Code") == (kind.group(1) == "Code"):
                out.append(title[: kind.start(1)] + other)
    return out

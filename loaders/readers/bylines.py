"""Bylines: the names of an article's authors, from a byline paragraph or a metadata field.

Every reader reads authors the same way: a free-text byline ("By Jane Doe and Lee Min",
"Jane Doe, Lee Min") is split into names, a structured value (``{"name": …}``, schema.org
style) is one name. Whether a name is a person or an anonymous byline (an outlet, a news
agency, "our correspondent") is decided when the article is written as RDF, by
:func:`is_anonymous_byline`, so the record keeps the byline as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from borderkg.loaders.readers.layout import dedupe

# A byline paragraph: "By NAME", "By NAME and NAME", "By our correspondent | Outlet".
_BYLINE = re.compile(r"^by\s+(?P<names>[^\d.!?:;|\u2014]{2,80}?)\s*(?:[|\u2014].{0,60})?$", re.I)
_BYLINE_WORDS = frozenset(["and", "our", "staff", "correspondent", "correspondents", "reporter"])
_NOT_NAMES = re.compile(
    r"the|a|an|then|now|this|that|these|late|early|mid|end|noon|night|dawn|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday",
    re.I,
)
_LEADING_BY = re.compile(r"^by\s+", re.I)
_TRAILING_OUTLET = re.compile(r"\s*[|\u2014].*$")  # "Jane Doe | Example News"
_SEPARATORS = re.compile(r"\s*(?:,|&|\band\b)\s*")

# Words that make a byline anonymous or institutional rather than a person's name.
_ANONYMOUS_WORDS = frozenset(
    [
        *("our", "staff", "correspondent", "correspondents", "reporter", "reporters"),
        *("writer", "writers", "contributor", "contributors", "desk", "team", "newsroom"),
        *("editors", "editorial", "bureau", "wire", "wires", "agency", "agencies", "news"),
        *("press", "media", "service", "daily", "times", "herald", "network", "online"),
        *("anonymous", "unknown", "admin"),
    ]
)
# News agencies and outlets that appear as a byline on their own ("Reuters", "AFP").
_OUTLETS = frozenset(
    [
        *("reuters", "afp", "ap", "upi", "yonhap", "xinhua", "kcna", "rfa", "voa", "bbc"),
        *("cnn", "kyodo", "nhk", "dpa", "efe"),
    ]
)

#: The words a staff credit that names no person keeps before the name in ``bkg:byline``
#: ("Translated by the translation team"), so its role is not lost.
CREDIT_WORDS = {"translator": "Translated by", "editor": "Edited by"}


def is_credit(byline: str) -> bool:
    """Whether a ``bkg:byline`` value is a translator's or editor's credit, not an author's."""
    return byline.startswith(tuple(CREDIT_WORDS.values()))


def split_byline(text: str) -> list[str]:
    """The names of a free-text byline: ``"By A and B | Outlet"`` → ``["A", "B"]``.

    A leading "By" and a trailing ``| Outlet`` / ``— Outlet`` part are dropped; names are
    separated by commas, ``&`` or "and".
    """
    names = _TRAILING_OUTLET.sub("", _LEADING_BY.sub("", " ".join(text.split())))
    return dedupe(_SEPARATORS.split(names))


def byline_names(block: str) -> list[str] | None:
    """The names of a paragraph that is only a byline ("By Jane Doe and Lee Min"), else
    ``None``: every word a capitalised name or a byline word, none a month or a time word, so
    "By March, guards had …" stays text."""
    match = _BYLINE.match(" ".join(block.split()))
    if match is None:
        return None
    words = re.split(r"[\s,&]+", match.group("names").strip())
    if not words or len(words) > 8:
        return None
    if not all(w[:1].isupper() or w.lower() in _BYLINE_WORDS for w in words if w):
        return None
    if any(_NOT_NAMES.fullmatch(w) for w in words):
        return None
    return split_byline(match.group("names")) or None


def author_names(value: Any) -> list[str]:
    """Author names of a metadata value: a byline string (split), an object with a string
    ``name`` (one name), or a list of either. ``None`` gives no names.

    Raises ValueError, saying what was wrong, for anything else (a number, an object
    without a name, a nested list), so a reader can report the field.
    """
    if value is None:
        return []
    if isinstance(value, str):
        return split_byline(value)
    if isinstance(value, Mapping):
        name = value.get("name")
        if isinstance(name, str) and name.strip():
            return [" ".join(name.split())]
        raise ValueError(f"got an object without a 'name' string: {dict(value)!r}")
    if isinstance(value, list):
        names: list[str] = []
        for item in value:
            if isinstance(item, list):
                raise ValueError(f"got a list inside the list: {item!r}")
            names += author_names(item)
        return dedupe(names)
    kind = type(value).__name__
    raise ValueError(f"got {kind} {value!r}")


def is_anonymous_byline(name: str, publisher: str | None = None) -> bool:
    """True when a byline names no person: the publisher itself, a news agency or outlet
    ("Reuters", "Daily NK"), an unnamed writer ("our correspondent", "Reuters staff") or an
    organisation ("Human Rights Watch").

    Such a byline is kept as printed, but never becomes a ``schema:Person``.
    """
    folded = " ".join(name.split()).casefold()
    if publisher and folded == " ".join(publisher.split()).casefold():
        return True
    words = re.findall(r"[^\W\d_]+", folded)
    if not words or _ANONYMOUS_WORDS.intersection(words) or _OUTLETS.intersection(words):
        return True
    if _ORGANISATION_WORDS.intersection(words):  # "Human Rights Watch", "Amnesty International"
        return True
    # A lone acronym ("KCNA", "NK") is an outlet, not a person's name.
    return len(words) == 1 and name.strip().isupper() and len(name.strip()) > 1


# Words that make a byline naming no person an organisation speaking for itself ("Northeast
# Asia Refugee Rights Network", "Amnesty International"), not a desk or a news outlet.
_ORGANISATION_WORDS = frozenset(
    [
        *("network", "alliance", "coalition", "committee", "watch", "foundation", "institute"),
        *("center", "centre", "association", "council", "federation", "society", "league"),
        *("international", "amnesty", "rights", "organisation", "organization", "ngo"),
        *("mission", "commission", "campaign", "citizens", "union"),
    ]
)
_DESK_WORDS = frozenset(
    ["staff", "correspondent", "correspondents", "reporter", "reporters", "desk", "team", "editors"]
)


def organisation_author(names: Iterable[str], publisher: str | None) -> str | None:
    """The one organisation among an article's bylines that writes in its own name (an NGO's
    statement or op-ed), or None: a person, a desk, the publisher or a news outlet is not."""
    found = []
    for name in names:
        words = set(re.findall(r"[^\W\d_]+", " ".join(name.split()).casefold()))
        if (
            is_anonymous_byline(name, publisher)
            and words & _ORGANISATION_WORDS
            and not words & _DESK_WORDS
            and not words & _OUTLETS
            and len(words) > 1
        ):
            found.append(" ".join(name.split()))
    return found[0] if len(set(found)) == 1 else None


def sort_authors(names: Iterable[str], publisher: str | None) -> tuple[list[str], list[str]]:
    """Names of persons and anonymous bylines, each sorted: the graph does not encode the
    order of the authors, so it must not change the article's triples or hash."""
    unique = sorted(set(names))
    anonymous = [name for name in unique if is_anonymous_byline(name, publisher)]
    return [name for name in unique if name not in anonymous], anonymous

"""Which event reports tell of the same incident: the clustering rules, apart from the store.

Two reports are of one incident when they come from different articles, have the same event
type, their time windows overlap, and their places agree: one place, or one inside the other
(Hyesan in Ryanggang Province), below the level of a country. A report placed only in a
country, or not at all, and a report dated only to a season or a year, join an incident only
when it is the only one of their type their window (and places, where both have some) fits;
undated reports, and reports of a measure's start ("since May"), stay incidents of their own. Within
one article the extractor has already merged what it reads as one event, so two reports of an
article are never joined. Statements, condemnations, appeals and price reports are not
occurrences of the kind counted here and get no incident.

Incidents the rules kept apart although they might be one are linked as *near*: same type,
overlapping windows and no article in common, but places that do not agree (Tumen and
Namyang, told by two outlets), or a vague report that fits more than one incident and so
joined none. A near link is a hint for a reader, not a judgement: it is only made between
incidents with at most :data:`MAX_NEAR` such candidates each (on a busy day every incident
would be near every other, and the hint would say nothing).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from borderkg.iris import slugify
from borderkg.ontology.namespaces import EVENTTYPE, INCIDENT

#: Event types that are sayings or observations, not incidents.
NOT_INCIDENTS = frozenset(
    str(t)
    for t in (EVENTTYPE.Statement, EVENTTYPE.Condemnation, EVENTTYPE.Appeal, EVENTTYPE.PriceReport)
)
_TIMEPREC = "https://w3id.org/borderkg/scheme/time-precision/"
#: Changed with the rules (or the triples made from them): a store's incidents made by
#: other rules are clustered again in full at the next rebuild.
RULES_VERSION = "2"
#: Most near incidents an incident may have; one with more gets no near link at all.
MAX_NEAR = 5
#: Precisions fine enough to join reports by overlapping windows, finest first.
FINE = ("Day", "Week", "Month")
COARSE = ("Season", "Year")


@dataclass
class Report:
    """One article's report of an event, as the clustering needs it."""

    iri: str
    event_type: str
    earliest: dt.date | None
    latest: dt.date | None
    precision: str | None  # a time-precision concept IRI
    article: str
    published: dt.date | None = None
    places: set[str] = field(default_factory=set)
    #: Its places and their administrative parents below the country.
    areas: set[str] = field(default_factory=set)

    @property
    def grain(self) -> str | None:
        """The local name of its precision when it is dated, else None."""
        if self.earliest is None or self.latest is None or not self.precision:
            return None
        return self.precision.removeprefix(_TIMEPREC)


@dataclass
class Incident:
    """Reports of one real-world event."""

    iri: str
    event_type: str
    reports: list[str]
    earliest: dt.date | None
    latest: dt.date | None
    precision: str | None  # local name in the time-precision scheme
    places: set[str]
    label: str
    #: Incidents of the same type it may be one with (see the module's docstring).
    near: list[str] = field(default_factory=list)


@dataclass
class _Cluster:
    members: list[Report]
    earliest: dt.date | None
    latest: dt.date | None
    areas: set[str]

    def __post_init__(self) -> None:
        self.articles = {m.article for m in self.members}

    def fits(self, r: Report) -> bool:
        if r.article in self.articles:
            return False
        if self.earliest is None or self.latest is None or r.earliest is None or r.latest is None:
            return False
        if r.earliest > self.latest or self.earliest > r.latest:
            return False
        if self.areas and r.areas:
            return bool(self.areas & r.areas)
        return not r.areas  # an unplaced report is placed by the one incident it fits

    def near(self, other: _Cluster) -> bool:
        """Kept apart only by places: windows overlap, no shared article, areas disjoint."""
        if self.articles & other.articles or not (self.areas and other.areas):
            return False
        if None in (self.earliest, self.latest, other.earliest, other.latest):
            return False
        assert self.earliest and self.latest and other.earliest and other.latest
        overlap = self.earliest <= other.latest and other.earliest <= self.latest
        return overlap and not self.areas & other.areas

    def add(self, r: Report) -> None:
        self.members.append(r)
        self.articles.add(r.article)
        if r.grain in FINE:
            assert r.earliest is not None and r.latest is not None
            self.earliest = max(self.earliest, r.earliest) if self.earliest else r.earliest
            self.latest = min(self.latest, r.latest) if self.latest else r.latest
        self.areas = (self.areas & r.areas) if self.areas and r.areas else self.areas or r.areas


def cluster(reports: list[Report]) -> list[Incident]:
    """The incidents of ``reports`` (each report in at most one), in a stable order."""
    by_type: dict[str, list[Report]] = {}
    for r in reports:
        if r.event_type not in NOT_INCIDENTS:
            by_type.setdefault(r.event_type, []).append(r)
    out: list[Incident] = []
    for event_type in sorted(by_type):
        group = by_type[event_type]
        index = _Windows()
        for r in sorted(
            (r for r in group if r.grain in FINE and r.areas),
            key=lambda r: (r.earliest, r.latest, r.iri),
        ):
            home = next((c for c in index.overlapping(r) if c.fits(r)), None)
            if home is None:
                index.add(_Cluster([r], r.earliest, r.latest, set(r.areas)))
            else:
                home.add(r)
        # Vaguer reports join only an incident they cannot mistake for another.
        alone: list[_Cluster] = []
        ambiguous: list[tuple[_Cluster, list[_Cluster]]] = []
        vague = [r for r in group if not (r.grain in FINE and r.areas)]
        for r in sorted(vague, key=lambda r: (r.grain not in FINE, r.iri)):
            dated = r.grain in FINE + COARSE
            fitting = [c for c in index.overlapping(r) if c.fits(r)] if dated else []
            if len(fitting) == 1:
                fitting[0].add(r)
                continue
            own = _Cluster([r], r.earliest, r.latest, set(r.areas))
            if r.grain in FINE:
                index.add(own)
            else:
                own.earliest = own.latest = None
                alone.append(own)
            if fitting:
                ambiguous.append((own, fitting))
        clusters = [*index.clusters, *alone]
        made = {id(c): _incident(event_type, c) for c in clusters}
        for a, b in _near_pairs(index, ambiguous):
            made[id(a)].near.append(made[id(b)].iri)
            made[id(b)].near.append(made[id(a)].iri)
        for incident in made.values():
            incident.near.sort()
        out += made.values()
    return sorted(out, key=lambda i: i.iri)


def _near_pairs(
    index: _Windows, ambiguous: list[tuple[_Cluster, list[_Cluster]]]
) -> list[tuple[_Cluster, _Cluster]]:
    """Pairs of one type's clusters to link as near, each with at most MAX_NEAR candidates."""
    candidates: dict[int, set[int]] = {}
    by_id: dict[int, _Cluster] = {}

    def pair(a: _Cluster, b: _Cluster) -> None:
        by_id[id(a)], by_id[id(b)] = a, b
        candidates.setdefault(id(a), set()).add(id(b))
        candidates.setdefault(id(b), set()).add(id(a))

    for c in index.clusters:
        assert c.earliest is not None and c.latest is not None
        for other in index.between(c.earliest, c.latest):
            if other is not c and c.near(other):
                pair(c, other)
    for own, fitting in ambiguous:
        for other in fitting:
            pair(own, other)
    return [
        (by_id[a], by_id[b])
        for a, near in candidates.items()
        for b in near
        if a < b and len(near) <= MAX_NEAR and len(candidates[b]) <= MAX_NEAR
    ]


class _Windows:
    """Dated clusters, found by their windows: a store of thousands of reports compares each
    report with the few incidents of its weeks, not with all of them.

    A cluster is keyed by the first day of its window when it was made; joining reports only
    narrows a window, so a cluster that overlaps a window starting on day d was keyed no
    earlier than d minus the longest window made so far.
    """

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []  # in the order they were made
        self._keys: list[tuple[int, int]] = []  # (first day, position in clusters), sorted
        self._span = 0  # the longest window made, in days

    def add(self, c: _Cluster) -> None:
        assert c.earliest is not None and c.latest is not None
        entry = (c.earliest.toordinal(), len(self.clusters))
        bisect.insort(self._keys, entry)
        self.clusters.append(c)
        self._span = max(self._span, (c.latest - c.earliest).days)

    def overlapping(self, r: Report) -> list[_Cluster]:
        """The clusters whose windows may overlap ``r``'s (a superset), in the order they
        were made, so that the first that fits is the one a scan of all of them would find."""
        assert r.earliest is not None and r.latest is not None
        return self.between(r.earliest, r.latest)

    def between(self, earliest: dt.date, latest: dt.date) -> list[_Cluster]:
        """The clusters whose windows may overlap ``earliest``–``latest`` (a superset), in
        the order they were made."""
        lo = bisect.bisect_left(self._keys, (earliest.toordinal() - self._span, -1))
        hi = bisect.bisect_right(self._keys, (latest.toordinal(), len(self.clusters)))
        return [self.clusters[k] for _, k in sorted(self._keys[lo:hi], key=lambda e: e[1])]


def _incident(event_type: str, c: _Cluster) -> Incident:
    first = min(c.members, key=lambda r: (r.published or dt.date.max, r.iri))
    grains = [m.grain for m in c.members if m.grain in FINE]
    precision = min(grains, key=FINE.index) if grains else None
    places = set().union(*(m.places for m in c.members))
    kind = _words(event_type.rsplit("/", 1)[-1])
    n = len(c.members)
    when = _window(c.earliest, c.latest, precision)
    label = f"{kind}{', ' + when if when else ''} ({n} report{'s' if n > 1 else ''})"
    return Incident(
        iri=str(INCIDENT[slugify(first.iri.rsplit("/", 1)[-1].replace("#", "-"))]),
        event_type=event_type,
        reports=sorted(m.iri for m in c.members),
        earliest=c.earliest if precision else None,
        latest=c.latest if precision else None,
        precision=precision,
        places=places,
        label=label,
    )


def _words(name: str) -> str:
    """``ForcedRepatriation`` → ``Forced repatriation``."""
    words = re.findall(r"[A-Z][a-z]*|[a-z]+", name)
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else name


def _window(earliest: dt.date | None, latest: dt.date | None, precision: str | None) -> str:
    if earliest is None or latest is None or precision is None:
        return ""
    if earliest == latest:
        return earliest.isoformat()
    return f"{earliest.isoformat()} to {latest.isoformat()}"

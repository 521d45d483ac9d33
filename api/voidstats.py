"""The counts behind ``/.well-known/void``, computed through the query pool, cached per snapshot.

Sizes (``void:triples`` — distinct triples of the union of all graphs, the default graph the
endpoint queries —, ``void:entities`` — distinct subject IRIs in the ``https://w3id.org/borderkg/``
URI space —, distinct subjects and objects), one count per predicate and per class (instances of
subclasses included, each once), the ``skos:exactMatch`` links into Wikidata and GeoNames and an
example article. They cost full scans, so they are computed once per snapshot (after a load or a
write), not per request; see :class:`VoidCache`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from borderkg.closure import ancestors, parents_of
from borderkg.ontology.namespaces import BASE, BKG, PREFIXES
from borderkg.querytypes import QueryError, QueryTimeout

log = logging.getLogger(__name__)

SKOS_EXACT_MATCH = "http://www.w3.org/2004/02/skos/core#exactMatch"

#: Top classes always given a class partition, even when they have no instances.
TOP_CLASSES = (BKG.Actor, BKG.Location, BKG.Policy, BKG.LegalInstrument, BKG.Article)

#: External datasets the linksets point into: key → (title, homepage, URI space, endpoint).
LINK_TARGETS: dict[str, tuple[str, str, str, str | None]] = {
    "wikidata": (
        "Wikidata",
        "https://www.wikidata.org/",
        "http://www.wikidata.org/entity/",
        "https://query.wikidata.org/sparql",
    ),
    "geonames": ("GeoNames", "https://www.geonames.org/", "https://sws.geonames.org/", None),
}

_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_QUERIES = {
    "properties": (
        "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } "
        "GROUP BY ?p"
    ),
    "distinct": (
        "SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) "
        "WHERE { ?s ?p ?o }"
    ),
    "entities": (
        "SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s WHERE { ?s ?p ?o } } "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BASE}")) }}'
    ),
    "classes": "SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t FILTER(isIRI(?t)) } GROUP BY ?t",
    "subclasses": f"SELECT ?t ?c WHERE {{ ?t {_SUBCLASS} ?c FILTER(isIRI(?t) && isIRI(?c)) }}",
    "linksets": (
        "SELECT ?target (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?target ?s ?o WHERE { "
        + "VALUES (?target ?space) { "
        + " ".join(f'("{key}" "{spec[2]}")' for key, spec in LINK_TARGETS.items())
        + f" }} ?s <{SKOS_EXACT_MATCH}> ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), ?space)) }} }} "
        "GROUP BY ?target"
    ),
    "example": f"SELECT ?a WHERE {{ ?a a <{BKG.Article}> }} ORDER BY ?a LIMIT 1",
}

#: Seconds cached counts keep being served after a new snapshot appears: during a long load
#: snapshots are published every few seconds, and counting costs full scans.
REFRESH_INTERVAL = 60.0

Select = Callable[[str], list[Mapping[str, Any]]]


@dataclass
class VoidStats:
    """The counts behind the description, computed from one snapshot.

    A count is ``None`` when its query failed (a timeout on a very large store): the
    description then leaves it out rather than state a wrong number; ``missing`` names them,
    and ``transient`` says a failure may not recur (a busy pool), so the stats are not kept.
    ``stale``: a snapshot was published while counting, so the counts may mix two snapshots.
    """

    snapshot: str | None
    published: str | None
    triples: int | None = None
    distinct_subjects: int | None = None
    distinct_objects: int | None = None
    entities: int | None = None
    properties: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    class_partitions: dict[str, int] = field(default_factory=dict)
    linksets: dict[str, int] = field(default_factory=dict)
    example: str | None = None
    missing: list[str] = field(default_factory=list)
    transient: bool = False
    stale: bool = False
    computed: float = field(default_factory=time.monotonic)

    @property
    def vocabularies(self) -> list[str]:
        """Namespaces (from the project prefixes) of the predicates and classes used, sorted."""
        spaces = sorted(set(PREFIXES.values()), key=len, reverse=True)
        used = set()
        for term in [*self.properties, *self.classes]:
            found = next((ns for ns in spaces if term.startswith(ns)), None)
            if found is not None:
                used.add(found)
        return sorted(used)


def _value(term: Any) -> str:
    return term.value if hasattr(term, "value") else str(term)


def _int(term: Any) -> int:
    return int(_value(term))


def _ancestors(edges: list[tuple[str, str]], classes: list[str]) -> set[tuple[str, str]]:
    """``(class, superclass)`` pairs of the reflexive-transitive ``rdfs:subClassOf`` closure."""
    parents = parents_of(edges)
    return {(cls, sup) for cls in classes for sup in ancestors(parents, cls)}


def _partition_query(pairs: set[tuple[str, str]]) -> str:
    rows = " ".join(f"(<{t}> <{c}>)" for t, c in sorted(pairs))
    return (
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES (?t ?c) {{ {rows} }} ?s a ?t }} "
        "GROUP BY ?c"
    )


def compute_stats(select: Select, snapshot: str | None, published: str | None) -> VoidStats:
    """Run the counting queries through ``select`` (the query pool's) and collect the counts.

    Class partitions count the instances of a class and of its subclasses
    (``rdfs:subClassOf`` closure computed here from the direct links: property paths are
    slow in the engine), each instance once.
    """
    stats = VoidStats(snapshot, published)

    def run(name: str, query: str) -> list[Mapping[str, Any]] | None:
        try:
            return select(query)
        except QueryError as exc:
            log.warning("VoID count %r failed: %s", name, exc)
            stats.missing.append(name)
            # A timeout would recur on the same snapshot; a busy pool or a crash may not.
            stats.transient |= not isinstance(exc, QueryTimeout)
            return None

    if (rows := run("properties", _QUERIES["properties"])) is not None:
        stats.properties = {_value(r["p"]): _int(r["n"]) for r in rows}
        stats.triples = sum(stats.properties.values())
    if rows := run("distinct", _QUERIES["distinct"]):
        stats.distinct_subjects = _int(rows[0]["subjects"])
        stats.distinct_objects = _int(rows[0]["objects"])
    if rows := run("entities", _QUERIES["entities"]):
        stats.entities = _int(rows[0]["n"])
    if (rows := run("classes", _QUERIES["classes"])) is not None:
        stats.classes = {_value(r["t"]): _int(r["n"]) for r in rows}
    edges = run("subclasses", _QUERIES["subclasses"])
    if edges is not None and stats.classes:
        pairs = _ancestors([(_value(r["t"]), _value(r["c"])) for r in edges], list(stats.classes))
        if (rows := run("partitions", _partition_query(pairs))) is not None:
            stats.class_partitions = {_value(r["c"]): _int(r["n"]) for r in rows}
    if "partitions" not in stats.missing and "classes" not in stats.missing:
        for top in TOP_CLASSES:
            stats.class_partitions.setdefault(str(top), 0)
    if (rows := run("linksets", _QUERIES["linksets"])) is not None:
        found = {_value(r["target"]): _int(r["n"]) for r in rows}
        stats.linksets = {key: found.get(key, 0) for key in LINK_TARGETS}
    if rows := run("example", _QUERIES["example"]):
        stats.example = _value(rows[0]["a"])
    return stats


class VoidCache:
    """The last computed :class:`VoidStats`, kept while the snapshot is unchanged.

    After a new snapshot the old counts are still served for up to
    :data:`REFRESH_INTERVAL` seconds after they were computed (their ``dcterms:modified``
    and ``dcterms:hasVersion`` say which snapshot they describe). Stats with a failure that
    may not recur are never served again. One computation at a time: concurrent requests wait
    for the first instead of all running the counting queries.
    """

    def __init__(self, refresh_interval: float = REFRESH_INTERVAL) -> None:
        self.refresh_interval = refresh_interval
        self._lock = threading.Lock()
        self._stats: VoidStats | None = None

    def _usable(self, cached: VoidStats | None, name: str | None) -> bool:
        if cached is None or cached.transient:
            return False
        if cached.snapshot == name and name is not None and not cached.stale:
            return True
        return time.monotonic() - cached.computed < self.refresh_interval

    def get(
        self, current: Callable[[], tuple[str | None, str | None]], select: Select
    ) -> VoidStats:
        """Stats for the snapshot ``current()`` names (``(name, published)``), cached."""
        with self._lock:
            name, published = current()
            if self._usable(self._stats, name):
                assert self._stats is not None
                return self._stats
            stats = compute_stats(select, name, published)
            stats.stale = current()[0] != name
            self._stats = stats
            return stats

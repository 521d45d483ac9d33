"""Incidents: the real-world events that the event reports of several articles describe.

Counting event reports counts coverage, not events (GDELT's best-known failure): one mass
repatriation told by four articles is one incident. After every load and every write the
store's event reports are clustered into incidents (:mod:`borderkg.incidentclusters`) and
the incidents graph is brought in step: each ``bkg:Incident`` with its event type, the
window all its reports agree on and its places, and each report linked to it by
``bkg:reportOf``. The graph is derived data, never edited by hand, and an article's own
graph never holds it, so reloading an article cannot leave a stale link. A side index
(:mod:`borderkg.incidentindex`) keeps each article's reports and the incidents last
written, so a rebuild reads only the articles that changed and writes only what differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from borderkg.incidentclusters import RULES_VERSION, Incident, Report, cluster
from borderkg.incidentindex import IncidentIndex, Written
from borderkg.ontology.namespaces import BKG, INCIDENTS_GRAPH, SEM, TIMEPREC
from borderkg.searchsource import digest
from borderkg.store import GraphStore

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
_XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_EPOCH = dt.date(1970, 1, 1)

# The administrative areas of places below the country, each place with itself: two
# reports whose places share one of these are at the same place or one inside the other.
_AREAS = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
SELECT DISTINCT ?place ?area WHERE {
  VALUES ?place { {places} }
  ?place bkg:adminParent* ?area .
  FILTER NOT EXISTS { ?area a bkg:Country }
}
"""


@dataclass
class IncidentStats:
    """What a rebuild of the incidents graph found."""

    reports: int = 0
    incidents: int = 0
    clustered: int = 0  # incidents told by more than one report


def rebuild_incidents(store: GraphStore, changed: Iterable[str] = ()) -> IncidentStats | None:
    """Bring the incidents graph in step with the store's event reports; None if nothing
    changed since the last rebuild.

    Reads from the store only the article graphs named in ``changed`` and those whose
    content hash changed (see :mod:`borderkg.incidentindex`), clusters again the reports of
    the event types those graphs have or had (incidents never mix types), and writes the
    incidents that differ from those last written.
    """
    graph = str(INCIDENTS_GRAPH)
    with IncidentIndex.for_store(store.root) as index:
        moved = index.refresh(store.store, changed)
        held = index.written()
        if held and not store.has_graph(graph):
            held = None  # the graph was removed behind the index's back
        areas = _areas(store, index.places())
        # A vocabulary that moved a place may join or split incidents of any type, and so
        # may new clustering rules: both make every type clustered again.
        areas_moved = index.areas_changed(
            digest(
                [f"rules\t{RULES_VERSION}"]
                + [f"{p}\t{a}" for p in sorted(areas) for a in sorted(areas[p])]
            )
        )
        types: set[str] | None = None if held is None or areas_moved else moved
        if types is not None and not types:
            return None
        triples = {
            i.iri: (i, incident_triples([i])) for i in cluster(_reports(index, areas, types))
        }
        fresh = {
            iri: Written(i.event_type, len(i.reports), "".join(f"{t} .\n" for t in ts))
            for iri, (i, ts) in triples.items()
        }
        kept = (
            {}
            if held is None or types is None
            else {iri: w for iri, w in held.items() if w.event_type not in types}
        )
        wanted = kept | fresh
        index.begin_writing()
        if held is not None:
            text = _delta(graph, held, wanted)
            if text:
                store.apply_update(text, [graph])
        else:
            store.replace_graph(graph, [t for _, ts in triples.values() for t in ts])
        index.record_written(wanted)
        return IncidentStats(
            reports=index.report_count(),
            incidents=len(wanted),
            clustered=sum(1 for w in wanted.values() if w.size > 1),
        )


def mark_changing(store: GraphStore, graphs: Iterable[str]) -> None:
    """Note graphs a write is about to change, so the incidents follow them even if the
    process dies before :func:`rebuild_incidents` runs."""
    with IncidentIndex.for_store(store.root) as index:
        index.mark_pending(graphs)


def _reports(
    index: IncidentIndex, areas: dict[str, set[str]], types: set[str] | None
) -> list[Report]:
    out = [
        Report(
            iri=iri,
            event_type=kind,
            earliest=_date(earliest),
            latest=_date(latest),
            precision=precision,
            article=graph,
            published=_date(published),
            places=set(places),
        )
        for iri, graph, kind, earliest, latest, precision, published, places in index.reports(types)
    ]
    for r in out:
        for place in r.places:
            r.areas |= areas.get(place, set())
    return out


def _areas(store: GraphStore, places: set[str]) -> dict[str, set[str]]:
    """Each place's areas below the country (itself included unless it is a country)."""
    found: dict[str, set[str]] = {}
    ordered = sorted(places)
    for k in range(0, len(ordered), 500):
        values = " ".join(f"<{p}>" for p in ordered[k : k + 500])
        for row in store.store.query(
            _AREAS.replace("{places}", values), use_default_graph_as_union=True
        ):
            found.setdefault(row["place"].value, set()).add(row["area"].value)
    return found


def _delta(graph: str, held: dict[str, Written], wanted: dict[str, Written]) -> str:
    """The update that turns the incidents ``held`` into those ``wanted``, or ""."""
    gone = [w.triples for iri, w in held.items() if wanted.get(iri) != w]
    new = [w.triples for iri, w in wanted.items() if held.get(iri) != w]
    removed = set().union(*(t.splitlines() for t in gone)) if gone else set()
    added = set().union(*(t.splitlines() for t in new)) if new else set()
    removed, added = removed - added, added - removed
    ops = [
        f"{verb} DATA {{ GRAPH <{graph}> {{\n{''.join(sorted(lines))}}} }}"
        for verb, lines in (
            ("DELETE", {f"{x}\n" for x in removed}),
            ("INSERT", {f"{x}\n" for x in added}),
        )
        if lines
    ]
    return " ;\n".join(ops)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def incident_triples(incidents: Iterable[Incident]) -> list[ox.Triple]:
    """The incidents graph: each incident, and every report's ``bkg:reportOf`` link."""
    out: list[ox.Triple] = []
    incident_class = ox.NamedNode(str(BKG.Incident))
    for inc in incidents:
        node = ox.NamedNode(inc.iri)
        out.append(ox.Triple(node, _RDF_TYPE, incident_class))
        out.append(ox.Triple(node, ox.NamedNode(str(SEM.eventType)), ox.NamedNode(inc.event_type)))
        out.append(ox.Triple(node, _LABEL, ox.Literal(inc.label, language="en")))
        if inc.earliest is not None and inc.latest is not None:
            out.append(_dated(node, SEM.hasEarliestBeginTimeStamp, inc.earliest))
            out.append(_dated(node, SEM.hasLatestEndTimeStamp, inc.latest))
            days = (inc.earliest - _EPOCH).days
            out.append(
                ox.Triple(
                    node, ox.NamedNode(str(BKG.dayIndex)), ox.Literal(str(days), datatype=_XSD_INT)
                )
            )
            out.append(
                ox.Triple(
                    node,
                    ox.NamedNode(str(BKG.timePrecision)),
                    ox.NamedNode(str(TIMEPREC[inc.precision])),
                )
            )
        for place in sorted(inc.places):
            out.append(ox.Triple(node, ox.NamedNode(str(SEM.hasPlace)), ox.NamedNode(place)))
        for other in inc.near:
            out.append(ox.Triple(node, ox.NamedNode(str(BKG.nearIncident)), ox.NamedNode(other)))
        for report in inc.reports:
            out.append(ox.Triple(ox.NamedNode(report), ox.NamedNode(str(BKG.reportOf)), node))
    return out


def _dated(node: ox.NamedNode, prop: object, day: dt.date) -> ox.Triple:
    return ox.Triple(node, ox.NamedNode(str(prop)), ox.Literal(day.isoformat(), datatype=_XSD_DATE))

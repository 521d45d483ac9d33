"""Incidents: the real-world events that the event reports of several articles describe.

Counting event reports counts coverage, not events (GDELT's best-known failure): one mass
repatriation told by four articles is one incident. After every load and every write the
store's event reports are clustered into incidents (:mod:`borderkg.incidentclusters`) and
the incidents graph is rebuilt whole: each ``bkg:Incident`` with its event type, the window
all its reports agree on and its places, and each report linked to it by ``bkg:reportOf``. The graph is derived data: it is replaced, never edited, and an
article's own graph never holds it, so reloading an article cannot leave a stale link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from borderkg.incidentclusters import Incident, Report, cluster
from borderkg.ontology.namespaces import BKG, INCIDENTS_GRAPH, SEM, TIMEPREC
from borderkg.store import GraphStore

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
_XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_EPOCH = dt.date(1970, 1, 1)

_REPORTS = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?r ?type ?earliest ?latest ?precision ?place ?g ?published WHERE {
  GRAPH ?g {
    ?r a bkg:EventReport ; sem:eventType ?type .
    OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?earliest ; sem:hasLatestEndTimeStamp ?latest }
    OPTIONAL { ?r bkg:timePrecision ?precision }
    OPTIONAL { ?r sem:hasPlace ?place }
  }
  OPTIONAL { ?g prov:wasDerivedFrom/schema:datePublished ?published }
}
"""
# The places of every report with their administrative ancestors below the country: two
# reports whose places share one of these are at the same place or one inside the other.
_AREAS = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT DISTINCT ?place ?area WHERE {
  { SELECT DISTINCT ?place WHERE { GRAPH ?g { ?r a bkg:EventReport ; sem:hasPlace ?place } } }
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


def rebuild_incidents(store: GraphStore) -> IncidentStats:
    """Cluster the store's event reports and replace the incidents graph with the result."""
    reports = read_reports(store)
    incidents = cluster(reports)
    store.replace_graph(str(INCIDENTS_GRAPH), incident_triples(incidents))
    return IncidentStats(
        reports=len(reports),
        incidents=len(incidents),
        clustered=sum(1 for i in incidents if len(i.reports) > 1),
    )


def read_reports(store: GraphStore) -> list[Report]:
    """Every event report of the store's article graphs, with its window and places."""
    areas: dict[str, set[str]] = {}
    for row in store.store.query(_AREAS, use_default_graph_as_union=True):
        areas.setdefault(row["place"].value, set()).add(row["area"].value)
    found: dict[str, Report] = {}
    for row in store.store.query(_REPORTS, use_default_graph_as_union=True):
        iri = row["r"].value
        report = found.get(iri)
        if report is None:
            report = found[iri] = Report(
                iri=iri,
                event_type=row["type"].value,
                earliest=_date(row["earliest"]),
                latest=_date(row["latest"]),
                precision=row["precision"].value if row["precision"] else None,
                article=row["g"].value,
                published=_date(row["published"]),
            )
        place = row["place"]
        if place is not None:
            report.places.add(place.value)
            report.areas |= areas.get(place.value, set())
    return sorted(found.values(), key=lambda r: r.iri)


def _date(term: ox.Literal | None) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(term.value[:10])
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
        for report in inc.reports:
            out.append(ox.Triple(ox.NamedNode(report), ox.NamedNode(str(BKG.reportOf)), node))
    return out


def _dated(node: ox.NamedNode, prop: object, day: dt.date) -> ox.Triple:
    return ox.Triple(node, ox.NamedNode(str(prop)), ox.Literal(day.isoformat(), datatype=_XSD_DATE))

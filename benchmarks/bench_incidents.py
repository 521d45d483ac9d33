"""Incidents benchmark: what bringing the incidents graph in step costs in a large store.

Run by hand (never in CI), on a copy of a store it may change:
    python benchmarks/servestore.py /tmp/bench10k -n 10000      # once: build the store
    cp -r /tmp/bench10k /tmp/bench10k-incidents
    python benchmarks/bench_incidents.py /tmp/bench10k-incidents [--writes 5]

Prints, each in a child process of its own (its time and peak memory are its own):
* ``read all``: every event report read back from the store by one SPARQL query — what a
  rebuild cost before the side index, and still the floor of any design that reads them;
* ``index from nothing``: the side index (``<store>/incidents.sqlite``) made from the store
  and the incidents graph written in full (a one-off after an upgrade or a deleted index);
* ``nothing changed``: a rebuild when no article changed (every load ends with one);
* ``one-article write``: the date of one report moved as a SPARQL update through the store,
  then the rebuild a write runs (``--writes`` of them; median and max).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from borderkg.store import GraphStore
from borderkg.incidents import mark_changing, rebuild_incidents
from borderkg.incidentindex import INDEX_NAME

root, step, arg = sys.argv[1], sys.argv[2], sys.argv[3]
out = {}
with GraphStore.open(root) as store:
    if step == "read-all":
        query = '''PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT ?r ?type ?earliest ?latest ?precision ?place ?g WHERE { GRAPH ?g {
  ?r a bkg:EventReport ; sem:eventType ?type .
  OPTIONAL { ?r sem:hasEarliestBeginTimeStamp ?earliest ; sem:hasLatestEndTimeStamp ?latest }
  OPTIONAL { ?r bkg:timePrecision ?precision } OPTIONAL { ?r sem:hasPlace ?place } } }'''
        started = time.perf_counter()
        out["rows"] = sum(1 for _ in store.store.query(query))
        out["seconds"] = time.perf_counter() - started
    elif step == "scratch":
        (store.root / INDEX_NAME).unlink(missing_ok=True)
        started = time.perf_counter()
        stats = rebuild_incidents(store)
        out["seconds"] = time.perf_counter() - started
        out["reports"], out["incidents"] = stats.reports, stats.incidents
    elif step == "unchanged":
        started = time.perf_counter()
        assert rebuild_incidents(store) is None
        out["seconds"] = time.perf_counter() - started
    else:
        graph, report, day = json.loads(arg)
        update = f'''PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE {{ GRAPH <{graph}> {{ <{report}> sem:hasEarliestBeginTimeStamp ?e ;
                                       sem:hasLatestEndTimeStamp ?l }} }}
INSERT {{ GRAPH <{graph}> {{ <{report}> sem:hasEarliestBeginTimeStamp "{day}"^^xsd:date ;
                                       sem:hasLatestEndTimeStamp "{day}"^^xsd:date }} }}
WHERE {{ GRAPH <{graph}> {{ <{report}> sem:hasEarliestBeginTimeStamp ?e ;
                                      sem:hasLatestEndTimeStamp ?l }} }}'''
        mark_changing(store, [graph])
        store.apply_update(update)
        started = time.perf_counter()
        stats = rebuild_incidents(store, [graph])
        out["seconds"] = time.perf_counter() - started
        out["changed"] = stats is not None
out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""

_DATED = """
PREFIX bkg: <https://w3id.org/borderkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT ?g ?r WHERE { GRAPH ?g { ?r a bkg:EventReport ; sem:hasEarliestBeginTimeStamp ?d } }
LIMIT %d
"""


def child(store: Path, step: str, arg: str = "") -> dict:
    """Run one step in a fresh process; its JSON result."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(store), step, arg],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def dated_reports(store: Path, count: int) -> list[tuple[str, str]]:
    """``count`` dated event reports of different articles: (graph, report)."""
    import pyoxigraph as ox

    db = ox.Store.read_only(str(_database(store)))
    rows = db.query(_DATED % (count * 20))
    picked: dict[str, str] = {}
    for row in rows:
        picked.setdefault(row["g"].value, row["r"].value)
    return list(picked.items())[:: max(1, len(picked) // count)][:count]


def _database(store: Path) -> Path:
    active = json.loads((store / "active.json").read_text())
    return store / active["data"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="a copy of a borderkg store (it is changed)")
    parser.add_argument("--writes", type=int, default=5, help="one-article writes to time")
    args = parser.parse_args()
    started = time.perf_counter()
    targets = dated_reports(args.store, args.writes)
    read_all = child(args.store, "read-all")
    print(
        f"read all       {read_all['seconds']:7.2f} s  {read_all['rows']} rows, "
        f"peak {read_all['peak_mib']:.0f} MiB"
    )
    scratch = child(args.store, "scratch")
    print(
        f"index from nothing {scratch['seconds']:7.2f} s  {scratch['reports']} reports, "
        f"{scratch['incidents']} incidents, peak {scratch['peak_mib']:.0f} MiB"
    )
    unchanged = child(args.store, "unchanged")
    print(f"nothing changed {unchanged['seconds']:7.2f} s  peak {unchanged['peak_mib']:.0f} MiB")
    writes = [
        child(args.store, "write", json.dumps([graph, report, f"1999-01-{k + 1:02d}"]))
        for k, (graph, report) in enumerate(targets)
    ]
    seconds = [w["seconds"] for w in writes]
    print(
        f"one-article write  median {statistics.median(seconds):.2f} s, "
        f"max {max(seconds):.2f} s over {len(seconds)}, "
        f"peak {max(w['peak_mib'] for w in writes):.0f} MiB"
    )
    print(
        f"(whole run {time.perf_counter() - started:.0f} s; "
        f"this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)"
    )


if __name__ == "__main__":
    main()

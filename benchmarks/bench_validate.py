"""Validation benchmark: both engines side by side, and the load-time gate, at 10k–1M triples.

Run by hand (never in CI):
    python benchmarks/bench_validate.py [--sizes 10000 100000 1000000]
                                        [--max-pyshacl-triples N] [--gate-articles 200]
                                        [--reuse DIR] [--repeat N] [--threads N]
                                        [--gate-only] [--gate-rounds N]

``--reuse DIR`` keeps the built stores in DIR and reuses them in later runs (building 1M
quads takes minutes); ``--repeat`` runs the fast engine several times and reports the median;
``--gate-articles 0`` leaves the gate part out, ``--gate-only`` the whole-store runs;
``--gate-rounds N`` repeats every gate check N times and keeps the fastest (a shared machine).

Data: the sample corpus is extracted once; its article graphs are cloned under new article ids
(shared vocabulary entities stay shared, URLs and hashes are made unique) until the store holds
the wanted number of quads, with one injected error per 100 clones and one of each kind in the
first clones, so even the 10k store has some (a span whose anchor does not match, a policy
without status, a latitude of 120, a duplicate QID, a reused anonymous source).
Each engine validates the whole store in a child process, so its time and peak memory are its
own. The gate then checks held-out articles one at a time inside the store (p50/p99), and in
batches of 16 (per-article cost). Targets (issue "SHACL shapes, the load-time gate…"): 1M
triples in < 15 s and < 1 GB; one article's gate check < 20 ms in a 1M-triple store.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ARTICLE = "https://w3id.org/borderkg/article/"
GRAPH = "https://w3id.org/borderkg/graph/article/"
BKG = "https://w3id.org/borderkg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SCHEMA_URL = "https://schema.org/url"
EXACT_MATCH = "http://www.w3.org/2004/02/skos/core#exactMatch"
LAT = "http://www.w3.org/2003/01/geo/wgs84_pos#lat"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ATTRIBUTED = "http://www.w3.org/ns/prov#wasAttributedTo"


def templates() -> list[tuple[str, list[ox.Quad]]]:
    """The sample corpus, extracted: (article id, quads with the content hash) per article."""
    from borderkg.loaders.readers import ReadError, iter_records
    from borderkg.loaders.samples import sample_paths
    from borderkg.pipeline import build_article
    from borderkg.storetypes import article_update

    records = [r for r in iter_records([str(p) for p in sample_paths()], None)]
    found = []
    for record in records:
        if isinstance(record, ReadError):
            continue
        built = build_article(record)
        name = ox.NamedNode(built.graph)
        _article, triples = article_update(built.graph, built.quads, built.content_hash)
        found.append(
            (built.article_id, [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples])
        )
    return found


def _rename(term: ox.Term, old: str, new: str, n: int, predicate: str) -> ox.Term:
    if isinstance(term, ox.NamedNode):
        value = term.value
        for prefix in (ARTICLE, GRAPH):
            base = prefix + old
            if value == base or value.startswith(base + "#"):
                return ox.NamedNode(prefix + new + value[len(base) :])
        if predicate == SCHEMA_URL:
            return ox.NamedNode(f"{value}?copy={n}")
    elif isinstance(term, ox.Literal):
        if predicate == SCHEMA_URL:
            return ox.Literal(f"{term.value}?copy={n}", datatype=term.datatype)
        if term.value == old:
            return ox.Literal(new, datatype=term.datatype)
    return term


def clone(article_id: str, quads: list[ox.Quad], n: int) -> tuple[str, list[ox.Quad]]:
    """An article graph under a new id (``{id}-c{n}``): its own nodes, URL and identifier."""
    new = f"{article_id}-c{n}"
    out = []
    for q in quads:
        p = q.predicate.value
        out.append(
            ox.Quad(
                _rename(q.subject, article_id, new, n, ""),
                q.predicate,
                _rename(q.object, article_id, new, n, p),
                _rename(q.graph_name, article_id, new, n, ""),
            )
        )
    return GRAPH + new, out


def inject(kind: int, graph: str, quads: list[ox.Quad], previous: list[ox.Quad]) -> list[ox.Quad]:
    """One error of the given kind (0–4) in an article graph."""
    name = ox.NamedNode(graph)

    def subjects(cls: str) -> list[ox.Term]:
        return [q.subject for q in quads if q.predicate.value == TYPE and q.object.value == cls]

    if kind == 0:  # an anchor that does not match its offsets
        for i, q in enumerate(quads):
            if q.predicate.value == NIF + "anchorOf":
                quads[i] = ox.Quad(q.subject, q.predicate, ox.Literal(q.object.value + "!"), name)
                break
    elif kind == 1:  # a policy without status
        policies = set(subjects(BKG + "Policy"))
        quads = [
            q for q in quads if not (q.subject in policies and q.predicate.value == BKG + "status")
        ]
    elif kind == 2:  # a latitude of 120 on a place
        places = [q.object for q in quads if q.predicate.value == BKG + "mentions"]
        if places:
            quads.append(
                ox.Quad(
                    places[0],
                    ox.NamedNode(LAT),
                    ox.Literal(
                        "120", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
                    ),
                    name,
                )
            )
    elif kind == 3:  # a QID already on another entity (Q148 is China's)
        actors = [q.object for q in quads if q.predicate.value == BKG + "mentions"]
        if actors:
            quads.append(
                ox.Quad(
                    actors[-1],
                    ox.NamedNode(EXACT_MATCH),
                    ox.NamedNode("http://www.wikidata.org/entity/Q148"),
                    name,
                )
            )
    elif kind == 4:  # the previous clone's anonymous source, reused
        sources = [
            q.subject
            for q in previous
            if q.predicate.value == TYPE and q.object.value == BKG + "AnonymousSource"
        ]
        claims = subjects(BKG + "Claim")
        if sources and claims:
            quads.append(ox.Quad(claims[0], ox.NamedNode(ATTRIBUTED), sources[0], name))
    return quads


def hash_of(quads: list[ox.Quad]) -> str:
    """The content hash an article graph carries (the store checks it against the one given)."""
    return next(q.object.value for q in quads if q.predicate.value == BKG + "contentHash")


def clones() -> Iterator[tuple[str, list[ox.Quad]]]:
    """Cloned sample articles, endlessly, with an injected error in every 100th (and one
    of each kind in clones 1 to 5)."""
    sample = templates()
    previous: list[ox.Quad] = []
    for n in count():
        article_id, quads = sample[n % len(sample)]
        graph, copy = clone(article_id, quads, n)
        if n % 100 == 99:
            copy = inject((n // 100) % 5, graph, copy, previous)
        elif 1 <= n <= 5:  # so that the smallest store, a few clones, holds every kind too
            copy = inject(n - 1, graph, copy, previous)
        yield graph, copy
        previous = copy


def build_store(path: Path, target: int, held_out: int) -> list[tuple[str, list[ox.Quad]]]:
    """A store of about ``target`` quads; returns ``held_out`` more articles for the gate.

    A store built before at ``path`` (with its ``.json`` note of how many clones it holds)
    is reused: the clones are deterministic, so the held-out articles are the same.
    """
    from borderkg.pipeline import ensure_schema_graphs
    from borderkg.store import GraphStore

    note = path.with_suffix(".json")
    source = clones()
    if note.is_file():
        made = json.loads(note.read_text())["articles"]
        for _ in range(made):
            next(source)
        print(f"  store: reused {path} ({made:,} articles)", flush=True)
        return [next(source) for _ in range(held_out)]
    with GraphStore(path) as store:
        ensure_schema_graphs(store)
        total, articles = len(store.store), []
        while total < target:
            graph, quads = next(source)
            articles.append((graph, quads))
            total += len(quads)
        store.write_articles((g, q, hash_of(q)) for g, q in articles)
        print(f"  store: {len(store.store):,} quads, {len(articles):,} articles", flush=True)
    note.write_text(json.dumps({"articles": len(articles)}))
    return [next(source) for _ in range(held_out)]


def _high_water_mark() -> int:
    """Peak resident memory of this process in bytes (VmHWM: unlike ru_maxrss, not inherited
    from the parent across fork and exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child(engine: str, path: str, out: str) -> None:
    """Validate a store with one engine; write time, peak memory and results to ``out``.

    ``engine`` may carry the fast engine's thread count: ``sparql:1``.
    """
    from borderkg.store import GraphStore
    from borderkg.validation import validate
    from borderkg.validation.engine_sparql import validate_sparql

    engine, _, threads = engine.partition(":")
    with GraphStore.open_read_only(path) as store:
        started = time.perf_counter()
        if threads:
            report = validate_sparql(store, threads=int(threads))
        else:
            report = validate(store, engine=engine)
        seconds = time.perf_counter() - started
    peak = _high_water_mark()
    results = sorted(
        json.dumps(
            [
                r.severity,
                r.focus_node,
                r.path,
                r.value,
                r.constraint_component,
                r.source_shape,
                r.message,
            ]
        )
        for r in report.results
    )
    Path(out).write_text(json.dumps({"seconds": seconds, "peak": peak, "results": results}))


def run_engine(engine: str, path: Path, repeat: int = 1) -> dict:
    """Validate in a child process ``repeat`` times: the median time, the highest peak."""
    runs = []
    for _ in range(repeat):
        out = path.parent / f"{engine.replace(':', '-')}-{path.name}.json"
        command = [sys.executable, __file__, "--child", engine, str(path), str(out)]
        subprocess.run(command, check=True)
        runs.append(json.loads(out.read_text()))
        out.unlink()
    seconds = sorted(r["seconds"] for r in runs)
    return {
        "seconds": statistics.median(seconds),
        "all_seconds": seconds,
        "peak": max(r["peak"] for r in runs),
        "results": runs[0]["results"],
    }


def as_text(quads: list[ox.Quad]) -> Any:
    """An article's quads as the N-Triples text the loader hands the gate."""
    from borderkg.storetypes import NTriples

    return NTriples("".join(f"{q.triple} .\n" for q in quads))


def gate_times(
    path: Path, held: list[tuple[str, list[ox.Quad]]], rounds: int = 1
) -> tuple[list[float], float, int]:
    """Per-article check times (one at a time), per-article time in batches of 16, rejections.

    The articles go in as N-Triples text, as the loader hands them over. Also printed: the
    CPU time of the checking thread (the machine may be shared: wall time includes waiting)
    and the per-article time in batches of 32, the loader's group size. With ``rounds`` > 1
    every check is repeated and its fastest run counts (wall and CPU separately): on a
    shared machine that leaves out most of the waiting for a core.
    """
    from borderkg.store import GraphStore
    from borderkg.validation import Gate

    batch = [(g, as_text(q), hash_of(q)) for g, q in held]
    gate = Gate()
    with GraphStore(path) as store:
        gate.check(store, batch[:1])  # warm-up
        single = [float("inf")] * len(batch)
        cpu = [float("inf")] * len(batch)
        rejected = 0
        for _ in range(rounds):
            rejected = 0
            for i, item in enumerate(batch):
                started, ticks = time.perf_counter(), time.thread_time()
                reports = gate.check(store, [item])
                single[i] = min(single[i], time.perf_counter() - started)
                cpu[i] = min(cpu[i], time.thread_time() - ticks)
                rejected += sum(not r.conforms for r in reports.values())
        per_batch = {}
        for size in (16, 32):
            groups = [batch[i : i + size] for i in range(0, len(batch), size)]
            wall = [float("inf")] * len(groups)
            ticks_used = [float("inf")] * len(groups)
            for _ in range(rounds):
                for i, group in enumerate(groups):
                    started, ticks = time.perf_counter(), time.thread_time()
                    gate.check(store, group)
                    wall[i] = min(wall[i], time.perf_counter() - started)
                    ticks_used[i] = min(ticks_used[i], time.thread_time() - ticks)
            per_batch[size] = (sum(wall) / len(batch), sum(ticks_used) / len(batch))
    print(
        f"  gate cpu: p50 {statistics.median(cpu) * 1000:.1f} ms, "
        f"p99 {sorted(cpu)[max(0, int(len(cpu) * 0.99) - 1)] * 1000:.1f} ms one at a time; "
        + "; ".join(
            f"batches of {n}: {w * 1000:.1f} ms wall, {c * 1000:.1f} ms cpu per article"
            for n, (w, c) in per_batch.items()
        ),
        flush=True,
    )
    return single, per_batch[16][0], rejected


def gate_only(args: argparse.Namespace) -> None:
    """The gate part alone (``--gate-only``): no whole-store runs."""
    for size in args.sizes:
        print(f"{size:,} quads", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.reuse or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            held = build_store(folder / f"store-{size}", size, args.gate_articles)
            single, batched, rejected = gate_times(folder / f"store-{size}", held, args.gate_rounds)
            p50 = statistics.median(single) * 1000
            p99 = sorted(single)[max(0, int(len(single) * 0.99) - 1)] * 1000
            print(
                f"  gate   : p50 {p50:.1f} ms, p99 {p99:.1f} ms per article; {batched * 1000:.1f} ms per article in batches of 16; {rejected} of {len(single)} rejected",
                flush=True,
            )


def whole_store(size: int, path: Path, args: argparse.Namespace) -> tuple[dict, dict | None]:
    """Both engines on the whole store: the fast one ``--repeat`` times, pyshacl once."""
    engine = f"sparql:{args.threads}" if args.threads else "sparql"
    fast = run_engine(engine, path, args.repeat)
    runs = ", ".join(f"{t:.2f}" for t in fast["all_seconds"])
    print(
        f"  sparql : {fast['seconds']:8.2f} s (median of {runs})  {fast['peak'] / 2**20:7.0f} MB  {len(fast['results'])} results",
        flush=True,
    )
    ref = None
    if args.max_pyshacl_triples is None or size <= args.max_pyshacl_triples:
        ref = run_engine("pyshacl", path)
        same = "same results" if ref["results"] == fast["results"] else "RESULTS DIFFER"
        print(
            f"  pyshacl: {ref['seconds']:8.2f} s  {ref['peak'] / 2**20:7.0f} MB  {len(ref['results'])} results, {same}",
            flush=True,
        )
    return fast, ref


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--max-pyshacl-triples",
        type=int,
        default=None,
        help="run pyshacl only up to this size (default: every size; 1M takes minutes, ~1.4 GB)",
    )
    parser.add_argument("--gate-articles", type=int, default=200, help="0: no gate part")
    parser.add_argument(
        "--gate-rounds", type=int, default=1, help="repeat each gate check, keep the fastest"
    )
    parser.add_argument(
        "--reuse", type=Path, metavar="DIR", help="keep the stores in DIR and reuse them"
    )
    parser.add_argument("--repeat", type=int, default=1, help="whole-store runs (median)")
    parser.add_argument("--threads", type=int, help="threads of the fast engine")
    parser.add_argument("--gate-only", action="store_true", help="no whole-store engine runs")
    parser.add_argument(
        "--child", nargs=3, metavar=("ENGINE", "STORE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.gate_only:
        gate_only(args)
        return
    rows = []
    for size in args.sizes:
        print(f"{size:,} quads", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.reuse or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"store-{size}"
            held = build_store(path, size, args.gate_articles)
            fast, ref = whole_store(size, path, args)
            p50 = p99 = batched = None
            if held:
                single, batched, rejected = gate_times(path, held, args.gate_rounds)
                p50 = statistics.median(single) * 1000
                p99 = sorted(single)[max(0, int(len(single) * 0.99) - 1)] * 1000
                print(
                    f"  gate   : p50 {p50:.1f} ms, p99 {p99:.1f} ms per article; {batched * 1000:.1f} ms per article in batches of 16; {rejected} of {len(single)} rejected",
                    flush=True,
                )
            rows.append((size, fast, ref, p50, p99, batched))
    print(
        "\n| quads | sparql s | sparql MB | pyshacl s | pyshacl MB | same | gate p50 ms | gate p99 ms | gate/article in 16s ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for size, fast, ref, p50, p99, batched in rows:
        ref_s = f"{ref['seconds']:.1f}" if ref else "—"
        ref_m = f"{ref['peak'] / 2**20:.0f}" if ref else "—"
        same = ("yes" if ref["results"] == fast["results"] else "NO") if ref else "—"
        gate = (
            f"{p50:.1f} | {p99:.1f} | {batched * 1000:.1f}" if batched is not None else "— | — | —"
        )
        print(
            f"| {size:,} | {fast['seconds']:.1f} | {fast['peak'] / 2**20:.0f} | {ref_s} | {ref_m} | {same} | {gate} |"
        )


if __name__ == "__main__":
    main()

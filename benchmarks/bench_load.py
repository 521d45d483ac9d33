"""Load benchmark: end-to-end `borderkg load` throughput, peak memory, store size, extract latency.

Run by hand (never in CI):  python benchmarks/bench_load.py [-n 10000] [--workers 2]

Targets (issue "Loaders"): ≥150 articles/s per core with parallel extraction, peak memory
under 1 GB, store on disk ≤1.5× a bulk_load of the same quads, one article's extraction
under 50 ms after start-up; with the SHACL gate on, at least 2/3 of the throughput without.

Besides the end-to-end loads (gate on and off), ``--phases`` times each stage of the
pipeline on a sample of articles in this process — extraction, RDF mapping, the trip
between processes, the gate, the store write (one ``write_articles`` call per gate group,
as the pipeline makes them: new articles go in by bulk-loaded groups), the compaction at
the end (a rebuild, only when the store is over its size budget) — so the share of each
in the total is known (the throughput with a free extractor follows from it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus


def _tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def _du(path: Path) -> int:
    """Bytes of the distinct files under ``path`` (hard links, as snapshots make, once)."""
    seen: dict[tuple[int, int], int] = {}
    for f in path.rglob("*"):
        if f.is_file():
            st = f.stat()
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


def database_size(store: Path) -> int:
    """Bytes of the store's live database alone (no snapshots, no search index)."""
    from borderkg.store import GraphStore

    with GraphStore(store) as st:
        return st.disk_usage()


#: The CLI's load with the gate switched off, for the gate's cost in throughput.
_UNGATED = (
    "import sys; from pathlib import Path; from borderkg.cli import _print_summary, open_store; "
    "from borderkg.pipeline import load\n"
    "with open_store(Path(sys.argv[2])) as store:\n"
    "    summary = load(store, [sys.argv[1]], workers=int(sys.argv[3]), gate=False)\n"
    "_print_summary(summary, store.root)"
)


def run_load(corpus: Path, store: Path, workers: int, gate: bool) -> tuple[float, int, str]:
    """Run the real CLI as a subprocess (gate off: the same load through the library, as
    the CLI offers no way round the gate); returns seconds, peak tree RSS, its summary."""
    cmd = [sys.executable, "-m", "borderkg.cli", "load", str(corpus), "--store", str(store)]
    cmd += ["--quiet", "--workers", str(workers)]
    if not gate:
        cmd = [sys.executable, "-c", _UNGATED, str(corpus), str(store), str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"load failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, peak, out.strip()


def bulk_size(store: Path, scratch: Path) -> tuple[int, int]:
    """Size on disk of a fresh store bulk-loaded with the same quads: as loaded, optimized.

    ``optimize()`` makes a bulk-loaded store larger with pyoxigraph's settings (its
    compactions write uncompressed), so the plain load is the stricter reference.
    """
    import pyoxigraph as ox

    from borderkg.store import GraphStore

    dump = scratch / "dump.nq"
    with GraphStore(store) as st:
        st.export("nquads", dump)
    target = scratch / "bulk"
    bulk = ox.Store(str(target))
    bulk.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    bulk.flush()
    plain = _du(target)
    bulk.optimize()
    del bulk
    return plain, _du(target)


def extract_latency(corpus: Path, count: int = 300) -> list[float]:
    """Milliseconds per article for read+extract+map after warm-up, in this process."""
    from borderkg.loaders.extract import get_extractor
    from borderkg.loaders.readers import ReadError, iter_records
    from borderkg.pipeline import build_article

    get_extractor()
    records = []
    for item in iter_records([str(next(corpus.glob("*.jsonl")))]):
        if not isinstance(item, ReadError):
            records.append(item)
        if len(records) >= count:
            break
    times = []
    for record in records:
        t = time.perf_counter()
        build_article(record)
        times.append((time.perf_counter() - t) * 1000)
    return times


def _records(corpus: Path, count: int) -> list:
    from borderkg.loaders.readers import ReadError, iter_records

    records = []
    for item in iter_records([str(next(corpus.glob("*.jsonl")))]):
        if not isinstance(item, ReadError):
            records.append(item)
        if len(records) >= count:
            break
    return records


def phase_costs(corpus: Path, scratch: Path, count: int = 200) -> dict[str, float]:
    """CPU milliseconds per article of each pipeline stage, measured one after another."""
    import pickle

    from borderkg.loaders.extract import extract, get_extractor
    from borderkg.loaders.rdf import article_text_and_hash
    from borderkg.pipeline import GATE_GROUP, Built, ensure_schema_graphs
    from borderkg.store import GraphStore, NTriples
    from borderkg.validation.gate import Gate

    get_extractor()
    records = _records(corpus, count)
    costs: dict[str, float] = {}

    def timed(name: str, func: Callable[[], Any]) -> Any:
        started = time.process_time()
        value = func()
        costs[name] = (time.process_time() - started) * 1000 / len(records)
        return value

    extractions = timed("extract", lambda: [extract(r) for r in records])
    texts = timed(
        "rdf (N-Triples)",
        lambda: [article_text_and_hash(r, x) for r, x in zip(records, extractions, strict=True)],
    )
    built = [
        Built(
            r.source,
            x.article_id,
            f"https://w3id.org/borderkg/graph/article/{x.article_id}",
            NTriples(t),
            digest,
        )
        for r, x, (t, digest) in zip(records, extractions, texts, strict=True)
    ]
    timed("pickle round trip", lambda: pickle.loads(pickle.dumps(built)))
    groups = [built[i : i + GATE_GROUP] for i in range(0, len(built), GATE_GROUP)]
    with GraphStore(scratch / "phases") as store:
        ensure_schema_graphs(store)
        gate = Gate()
        timed(
            f"gate (groups of {GATE_GROUP})",
            lambda: [
                gate.check(store, [(b.graph, b.quads, b.content_hash) for b in group])
                for group in groups
            ],
        )
        # As the pipeline writes: one write_articles call per gate group, compaction at the
        # end only if the store is over its size budget (both as `borderkg load` does them).
        timed(
            f"store write ({GATE_GROUP}/call)",
            lambda: [
                store.write_articles(
                    [(b.graph, b.quads, b.content_hash) for b in group], compact=False
                )
                for group in groups
            ],
        )
        written = store.disk_usage()
        compacted = timed("compaction if over", store.compact)
        print(
            f"phases store: {written / 2**20:.1f} MiB after the writes, "
            f"{'rebuilt' if compacted else 'within budget, not rebuilt'}"
        )
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1, help="repeat the load into fresh stores")
    parser.add_argument("--no-gate-run", action="store_true", help="skip the load without gate")
    parser.add_argument("--phases", type=int, default=0, help="time each stage on N articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        corpus = tmpdir / "corpus"
        write_corpus(corpus, args.n)
        words = sum(len(line.split()) for f in corpus.glob("*.jsonl") for line in f.open())
        print(f"corpus: {args.n} articles, ~{words / args.n:.0f} words each")
        rates, peaks = [], []
        modes = [True] + ([] if args.no_gate_run else [False])
        by_mode: dict[bool, list[float]] = {True: [], False: []}
        for run in range(args.runs):
            for gate in modes:
                store = tmpdir / f"store{run}{'' if gate else '-nogate'}"
                seconds, peak, summary = run_load(corpus, store, args.workers, gate)
                rates.append(args.n / seconds)
                by_mode[gate].append(args.n / seconds)
                peaks.append(peak)
                print(
                    f"run {run + 1} gate {'on ' if gate else 'off'}: {seconds:.1f}s, "
                    f"{args.n / seconds:.1f} articles/s "
                    f"({args.n / seconds / args.workers:.1f}/s per core), peak RSS "
                    f"{peak / 2**20:.0f} MiB — {summary}",
                    flush=True,
                )
        size = _du(tmpdir / "store0")
        database = database_size(tmpdir / "store0")
        bulk, optimized = bulk_size(tmpdir / "store0", tmpdir)
        lat = sorted(extract_latency(corpus))
        print()
        for gate in modes:
            rate = statistics.median(by_mode[gate])
            print(
                f"load throughput median, gate {'on ' if gate else 'off'}: {rate:.1f} articles/s "
                f"= {rate / args.workers:.1f}/s per core ({args.workers} workers)"
            )
        if len(modes) == 2:
            ratio = statistics.median(by_mode[True]) / statistics.median(by_mode[False])
            print(f"gate on / gate off     : {ratio:.2f} (target >= 0.67)")
        print(f"peak memory (all procs): {max(peaks) / 2**20:.0f} MiB")
        print(
            f"store database on disk : {database / 2**20:.1f} MiB vs bulk_load "
            f"{bulk / 2**20:.1f} MiB = {database / bulk:.2f}x (target <= 1.5); vs bulk_load "
            f"+ optimize() {optimized / 2**20:.1f} MiB = {database / optimized:.2f}x"
        )
        print(f"store folder, all files: {size / 2**20:.1f} MiB (with snapshots and search index)")
        print(
            f"extract one article    : p50 {statistics.median(lat):.1f} ms, "
            f"p95 {lat[int(len(lat) * 0.95)]:.1f} ms, max {lat[-1]:.1f} ms"
        )
        if args.phases:
            costs = phase_costs(corpus, tmpdir, args.phases)
            total = sum(costs.values())
            print(f"\nCPU ms per article by stage ({args.phases} articles, one process):")
            for name, ms in costs.items():
                print(f"  {name:22s} {ms:7.2f}  ({ms / total:5.1%})")
            rest = total - costs["extract"]
            print(
                f"  all but extraction     {rest:7.2f} → with a free extractor at most "
                f"{1000 / rest:.0f} articles/s per core"
            )


if __name__ == "__main__":
    main()

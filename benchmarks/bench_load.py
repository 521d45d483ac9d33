"""Load benchmark: end-to-end `borderkg load` throughput, peak memory, store size, extract latency.

Run by hand (never in CI):  python benchmarks/bench_load.py [-n 10000] [--workers 2]

Targets (issue "Loaders"): ≥150 articles/s per core with parallel extraction, peak memory
under 1 GB, store on disk ≤1.5× a bulk_load of the same quads, one article's extraction
under 50 ms after start-up.
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
from pathlib import Path

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
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_load(corpus: Path, store: Path, workers: int) -> tuple[float, int, str]:
    """Run the real CLI as a subprocess; returns seconds, peak tree RSS, its summary line."""
    cmd = [
        sys.executable,
        "-m",
        "borderkg.cli",
        "load",
        str(corpus),
        "--store",
        str(store),
        "--quiet",
        "--workers",
        str(workers),
    ]
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


def bulk_size(store: Path, scratch: Path) -> int:
    """Size on disk of a fresh store bulk-loaded with the same quads."""
    import pyoxigraph as ox

    from borderkg.store import GraphStore

    dump = scratch / "dump.nq"
    with GraphStore(store) as st:
        st.export("nquads", dump)
    target = scratch / "bulk"
    bulk = ox.Store(str(target))
    bulk.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    bulk.optimize()
    del bulk
    return _du(target)


def extract_latency(corpus: Path, count: int = 300) -> list[float]:
    """Milliseconds per article for read+extract+map after warm-up, in this process."""
    from borderkg.loaders.extract import warm_up
    from borderkg.loaders.readers import ReadError, iter_records
    from borderkg.pipeline import build_article

    warm_up()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1, help="repeat the load into fresh stores")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        corpus = tmpdir / "corpus"
        write_corpus(corpus, args.n)
        words = sum(len(line.split()) for f in corpus.glob("*.jsonl") for line in f.open())
        print(f"corpus: {args.n} articles, ~{words / args.n:.0f} words each")
        rates, peaks = [], []
        for run in range(args.runs):
            store = tmpdir / f"store{run}"
            seconds, peak, summary = run_load(corpus, store, args.workers)
            rates.append(args.n / seconds)
            peaks.append(peak)
            print(
                f"run {run + 1}: {seconds:.1f}s, {args.n / seconds:.1f} articles/s "
                f"({args.n / seconds / args.workers:.1f}/s per core), peak RSS "
                f"{peak / 2**20:.0f} MiB — {summary}"
            )
        size = _du(tmpdir / "store0")
        bulk = bulk_size(tmpdir / "store0", tmpdir)
        lat = sorted(extract_latency(corpus))
        print()
        print(
            f"load throughput median : {statistics.median(rates):.1f} articles/s "
            f"= {statistics.median(rates) / args.workers:.1f}/s per core ({args.workers} workers)"
        )
        print(f"peak memory (all procs): {max(peaks) / 2**20:.0f} MiB")
        print(
            f"store on disk          : {size / 2**20:.1f} MiB vs bulk_load {bulk / 2**20:.1f} MiB "
            f"= {size / bulk:.2f}x"
        )
        print(
            f"extract one article    : p50 {statistics.median(lat):.1f} ms, "
            f"p95 {lat[int(len(lat) * 0.95)]:.1f} ms, max {lat[-1]:.1f} ms"
        )


if __name__ == "__main__":
    main()

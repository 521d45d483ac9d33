"""Serving benchmark: borderkg's endpoint against Oxigraph server on the same data, with wrk.

    python benchmarks/servestore.py /tmp/bench10k -n 10000        # once: build the store
    python benchmarks/bench_serve.py /tmp/bench10k                  # then this

Starts ``borderkg serve`` on the store (timeouts, cap and the query worker pool all on) and
``oxigraph serve-read-only --union-default-graph`` on a checkpoint copy of it, then runs
``wrk`` against each, interleaved round by round (the machine is shared and noisy), for a
cheap query (a lookup by IRI) and a medium one (a join with GROUP BY over all articles) at
several concurrencies. Prints requests/s and p50/p99 latency medians over the rounds, the
ratios to Oxigraph server, errors, the CPU time each side spent per request (all its
processes: steadier than requests/s when other work shares the machine), and the peak
memory (PSS, so shared pages count once) of all serving processes of each side.

A medium run lasts ``--medium-duration`` seconds, longer at high concurrency (x level/16):
at c=32 a query waits many seconds, and a run must see many of them end, or requests/s
counts the few batches that happened to finish. Needs ``wrk`` (Debian) and
``pip install '.[bench]'``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from borderkg.allocator import CHOICES as ALLOCATORS

CHEAP = "SELECT ?p ?o WHERE { <https://w3id.org/borderkg/article/bench-000042-c017> ?p ?o }"
# Which entities the most articles mention: a join over every article graph with GROUP BY.
MEDIUM = """PREFIX bkg: <https://w3id.org/borderkg/ontology#>
SELECT ?entity (COUNT(?article) AS ?articles)
WHERE { GRAPH ?g { ?article a bkg:Article ; bkg:mentions ?entity } }
GROUP BY ?entity
ORDER BY DESC(?articles) ?entity
LIMIT 20"""
ACCEPT = "application/sparql-results+json"


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_ms: float = float("nan")  # CPU time of all the server's processes per request


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    peak_pss: int = 0
    samples: list[int] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url: str, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    query = urllib.parse.urlencode({"query": "ASK {}"})
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}?{query}", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not come up in {seconds:.0f} s")


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def pss_bytes(pids: list[int]) -> int:
    """Proportional set size of the processes together (shared pages split between them)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            continue
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def watch_memory(servers: list[Server], stop: threading.Event) -> None:
    """Sample each server's PSS every second (its process list every 5 s: walking /proc and
    reading smaps costs CPU the servers being measured would otherwise have)."""
    pids: dict[str, list[int]] = {}
    ticks = 0
    while not stop.wait(1.0):
        for server in servers:
            if ticks % 5 == 0 or server.name not in pids:
                pids[server.name] = descendants(server.process.pid)
            value = pss_bytes(pids[server.name])
            server.peak_pss = max(server.peak_pss, value)
            server.samples.append(value)
        ticks += 1


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def wrk(url: str, query: str, connections: int, seconds: int) -> Run:
    target = f"{url}?{urllib.parse.urlencode({'query': query})}"
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "60s",
        "--latency",
        "-H",
        f"Accept: {ACCEPT}",
        target,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(g) for g in match.groups())
    return Run(rps, p50, p99, errors)


def settle(server: Server, seconds: float = 180.0) -> None:
    """Wait until the server has finished the queries the last wrk run abandoned: its
    processes use almost no CPU for three half-seconds in a row. (A quick answer to a tiny
    query is not enough: with several query slots one can be free while others still run
    abandoned queries, which would then be counted against the next run, of either side.)"""
    deadline = time.monotonic() + seconds
    quiet = 0
    last = cpu_seconds(descendants(server.process.pid))
    while quiet < 3 and time.monotonic() < deadline:
        time.sleep(0.5)
        now = cpu_seconds(descendants(server.process.pid))
        quiet = quiet + 1 if now - last < 0.05 else 0
        last = now


def check_same_answers(servers: list[Server]) -> None:
    """Both servers must give the same rows, or the comparison is meaningless."""
    for query in (CHEAP, MEDIUM):
        bodies = []
        for server in servers:
            request = urllib.request.Request(
                f"{server.url}?{urllib.parse.urlencode({'query': query})}",
                headers={"Accept": "text/tab-separated-values"},
            )
            with urllib.request.urlopen(request, timeout=300) as response:
                bodies.append(sorted(response.read().decode().splitlines()[1:]))
        if bodies[0] != bodies[1] or not bodies[0]:
            raise SystemExit(f"the servers disagree (or return nothing) on:\n{query}")
        print(
            f"same {len(bodies[0])} rows from both servers for the {'cheap' if query is CHEAP else 'medium'} query"
        )


def start_servers(
    store: Path,
    copy: Path,
    workers: int | None,
    threads: int,
    per_process: int | None = None,
    allocator: str | None = None,
) -> list[Server]:
    ours_port, ox_port = free_port(), free_port()
    borderkg = Path(sys.executable).with_name("borderkg")
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    chosen = [] if workers is None else ["--workers", str(workers)]
    if per_process is not None:
        chosen += ["--worker-threads", str(per_process)]
    if allocator is not None:
        chosen += ["--allocator", allocator]
    ours = subprocess.Popen(
        [str(borderkg), "serve", "--store", str(store), "--port", str(ours_port),
         *chosen, "--threads", str(threads)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    theirs = subprocess.Popen(
        [oxigraph, "serve-read-only", "--location", str(copy), "--bind",
         f"127.0.0.1:{ox_port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    servers = [
        Server("borderkg", f"http://127.0.0.1:{ours_port}/sparql", ours),
        Server("oxigraph", f"http://127.0.0.1:{ox_port}/query", theirs),
    ]
    for server in servers:
        wait_ready(server.url)
    return servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="a borderkg store (benchmarks/servestore.py)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per cheap-query run")
    parser.add_argument("--medium-duration", type=int, default=20, help="seconds per medium run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument(
        "--workers", type=int, help="queries borderkg runs at once (default: serve's default)"
    )
    parser.add_argument(
        "--worker-threads", type=int, help="queries per query worker process (default: serve's)"
    )
    parser.add_argument(
        "--allocator",
        choices=ALLOCATORS,
        help="malloc of borderkg's query workers (default: serve's, auto)",
    )
    parser.add_argument("--threads", type=int, default=32, help="borderkg HTTP threads")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    levels = [int(c) for c in args.concurrency.split(",")]

    from borderkg.store import GraphStore

    with tempfile.TemporaryDirectory(dir=args.store.parent) as tmp:
        copy = Path(tmp) / "oxigraph-copy"
        with GraphStore(args.store) as store:
            store.checkpoint(copy)
            print(f"store: {len(store.article_graphs()):,} articles, {len(store.store):,} quads")
        servers = start_servers(
            args.store, copy, args.workers, args.threads, args.worker_threads, args.allocator
        )
        stop = threading.Event()
        watcher = threading.Thread(target=watch_memory, args=(servers, stop), daemon=True)
        watcher.start()
        results: dict[tuple[str, str, int], list[Run]] = {}
        try:
            check_same_answers(servers)
            for server in servers:  # warm caches on both sides alike
                wrk(server.url, MEDIUM, 2, 5)
                wrk(server.url, CHEAP, 2, 3)
                settle(server)
            for round_ in range(args.rounds):
                order = servers if round_ % 2 == 0 else servers[::-1]
                for name, query in (("cheap", CHEAP), ("medium", MEDIUM)):
                    for level in levels:
                        for server in order:
                            seconds = args.duration
                            if name == "medium":
                                seconds = round(args.medium_duration * max(1.0, level / 16))
                            pids = descendants(server.process.pid)
                            before = cpu_seconds(pids)
                            run = wrk(server.url, query, level, seconds)
                            spent = cpu_seconds(pids) - before
                            run.cpu_ms = spent / max(run.rps * seconds, 1) * 1e3
                            settle(server)
                            results.setdefault((server.name, name, level), []).append(run)
                            print(
                                f"round {round_ + 1} {name:6} c={level:<3} {server.name:9} "
                                f"{run.rps:9.1f} req/s  p50 {run.p50_ms:8.2f} ms  "
                                f"p99 {run.p99_ms:8.2f} ms  errors {run.errors}  "
                                f"cpu {run.cpu_ms:8.2f} ms/req",
                                flush=True,
                            )
        finally:
            stop.set()
            watcher.join()
            for server in servers:
                os.killpg(server.process.pid, signal.SIGTERM)
                server.process.wait(timeout=30)
    report(results, servers, levels)


def _ratio(ours: float, theirs: float) -> float:
    return ours / theirs if theirs else float("nan")


def report(
    results: dict[tuple[str, str, int], list[Run]], servers: list[Server], levels: list[int]
) -> None:
    print("\nmedians over rounds (ratio = borderkg / oxigraph; cpu = CPU ms per request)")
    print(f"{'query':7}{'c':>4}{'req/s ours':>12}{'req/s ox':>10}{'ratio':>7}"
          f"{'p50 ours':>10}{'p50 ox':>9}{'ratio':>7}{'p99 ours':>10}{'p99 ox':>9}{'ratio':>7}"
          f"{'errors':>8}{'cpu ours':>10}{'cpu ox':>9}")  # fmt: skip
    for name in ("cheap", "medium"):
        for level in levels:
            ours = results[("borderkg", name, level)]
            theirs = results[("oxigraph", name, level)]
            med = {
                key: (statistics.median(getattr(r, key) for r in ours),
                      statistics.median(getattr(r, key) for r in theirs))
                for key in ("rps", "p50_ms", "p99_ms", "cpu_ms")
            }  # fmt: skip
            errors = sum(r.errors for r in ours)
            print(
                f"{name:7}{level:>4}{med['rps'][0]:>12.1f}{med['rps'][1]:>10.1f}"
                f"{_ratio(*med['rps']):>7.2f}{med['p50_ms'][0]:>10.2f}"
                f"{med['p50_ms'][1]:>9.2f}{_ratio(*med['p50_ms']):>7.2f}"
                f"{med['p99_ms'][0]:>10.2f}{med['p99_ms'][1]:>9.2f}"
                f"{_ratio(*med['p99_ms']):>7.2f}{errors:>8}"
                f"{med['cpu_ms'][0]:>10.2f}{med['cpu_ms'][1]:>9.2f}"
            )
    for server in servers:
        print(f"peak memory (PSS, all processes) {server.name}: {server.peak_pss / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()

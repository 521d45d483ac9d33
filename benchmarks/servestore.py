"""Build a borderkg store of many generated articles quickly, for the serving benchmark.

Extracting 10,000 articles takes about an hour on two cores, so this builds the store from a
smaller set of really extracted articles: ``--base`` synthetic articles (benchmarks/corpus.py)
go through the real extractor, and each is then copied ``n / base`` times under new article
ids (article, graph, per-article node IRIs and URL renamed), so every copy is a distinct
article graph that shares the vocabulary entities, as real articles do. The quads are
bulk-loaded into a borderkg store directory with the ontology, schemes and vocabulary graphs.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from borderkg.loaders.readers import ReadOptions, iter_records
from borderkg.pipeline import build_all, default_workers, ensure_schema_graphs
from borderkg.store import GraphStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus


def _copies(ntriples: str, graph: str, article_id: str, copies: int) -> list[str]:
    """N-Quads lines of ``copies`` renamed copies of one article graph."""
    pattern = re.compile(
        re.escape(f"article/{article_id}") + r"(?=[>#])|" + re.escape(f"bench/{article_id[6:]}")
    )
    lines = [f"{line[:-1]} <{graph}> .\n" for line in ntriples.splitlines() if line.endswith(".")]
    text = "".join(lines)
    out = []
    for k in range(copies):
        suffix = f"-c{k:03d}"
        out.append(pattern.sub(lambda m, s=suffix: m.group(0) + s, text))
    return out


def build(store_dir: Path, n: int, base: int, workers: int) -> dict[str, float]:
    """Create ``store_dir`` holding ``n`` articles made from ``base`` extracted ones."""
    started = time.perf_counter()
    copies = max(1, n // base)
    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp) / "corpus", base)
        records = iter_records([str(f) for f in files], ReadOptions())
        nquads = Path(tmp) / "all.nq"
        extracted = 0
        with nquads.open("w", encoding="utf-8") as out:
            for built in build_all(records, workers):
                if not hasattr(built, "quads"):
                    print(f"skipped {built}", file=sys.stderr)
                    continue
                extracted += 1
                for chunk in _copies(str(built.quads), built.graph, built.article_id, copies):
                    out.write(chunk)
        extract_s = time.perf_counter() - started
        with GraphStore(store_dir) as store:
            ensure_schema_graphs(store)
            store.store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            store.store.flush()
            quads = len(store.store)
            articles = len(store.article_graphs())
            store.compact(force=True)
    return {
        "articles": articles,
        "quads": quads,
        "extracted": extracted,
        "extract_s": extract_s,
        "total_s": time.perf_counter() - started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="new store directory")
    parser.add_argument("-n", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--base", type=int, default=200, help="articles really extracted")
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    if args.store.exists():
        parser.error(f"{args.store} exists; give a new directory")
    figures = build(args.store, args.n, args.base, args.workers)
    print(
        f"{figures['articles']:,} articles, {figures['quads']:,} quads "
        f"({figures['extracted']} extracted in {figures['extract_s']:.0f} s), "
        f"built in {figures['total_s']:.0f} s at {args.store}"
    )


if __name__ == "__main__":
    main()

"""Generate a synthetic corpus of border articles for the benchmarks (not for quality).

Articles are ~500 words of Daily NK-style sentences assembled from templates and the
curated vocabulary, written as JSON Lines files of 1,000 records each, so a 10,000-article
corpus streams from ten files. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

PLACES_CN = [
    "Dandong",
    "Changbai County",
    "Hunchun",
    "Tumen",
    "Ji'an",
    "Linjiang",
    "Yanji",
    "Helong",
]
PLACES_KP = ["Hyesan", "Sinuiju", "Hoeryong", "Musan", "Manpo", "Onsong", "Kanggye", "Chongjin"]
PROVINCES = [
    "Ryanggang Province",
    "North Hamgyong Province",
    "North Pyongan Province",
    "Chagang Province",
]
RIVERS = ["Yalu River", "Tumen River"]
AUTHORITIES = [
    "Chinese border police",
    "the Ministry of State Security",
    "the Ministry of Social Security",
    "China's Ministry of Public Security",
    "the National Immigration Administration",
    "border guards",
]
GROUPS = ["defectors", "smugglers", "brokers", "traders", "border residents", "fishermen"]
GOODS = ["seafood", "pine nuts", "medicinal herbs", "copper", "mobile phones", "rice"]
TIMES = [
    "last Thursday",
    "earlier this month",
    "this autumn",
    "late last year",
    "in March",
    "recently",
]

TEMPLATES = [
    "{auth} installed new surveillance cameras along the {river} near {cn} {time}, a source in {prov} told Daily NK.",
    "According to the source, {auth} is set to build a new fence near {kp} before the end of the year.",
    "“They check every house now,” said a source in {kp}, adding that {group} were being questioned.",
    "Authorities in {kp} announced a crackdown on illegal phone use {time}, targeting {group}.",
    "Around {n} people were forcibly repatriated from {cn} to {kp} {time}, the source said.",
    "Rights groups said the repatriations violate Article 33 of the Refugee Convention and the Convention against Torture.",
    "The price of {goods} in the {kp} market rose by about {pct} percent {time}.",
    "Brokers now take a cut of {pct} percent on remittances sent from {cn} to families in {prov}.",
    "Smuggling of {goods} across the {river} has nearly stopped since {auth} tightened patrols.",
    "The ban on trade through {cn} was lifted {time}, and trucks resumed crossing the bridge to {kp}.",
    "Hundreds of {group} were reportedly detained near {cn} {time}.",
    "Rumours are circulating in {prov} that the border will be reopened to licensed traders.",
    "{auth} relaxed quarantine rules for cargo arriving in {kp} {time}.",
    "A security official in {kp} said that guards had been ordered to shoot anyone approaching the {river}.",
    "Residents of {kp} say the buffer zone along the {river} now stretches {km} km inland.",
]


def article(rng: random.Random, i: int, words: int = 500) -> dict:
    """One synthetic record with about ``words`` words of body."""
    published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 6 * 365))
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            s = rng.choice(TEMPLATES).format(
                auth=rng.choice(AUTHORITIES),
                river=rng.choice(RIVERS),
                cn=rng.choice(PLACES_CN),
                kp=rng.choice(PLACES_KP),
                prov=rng.choice(PROVINCES),
                group=rng.choice(GROUPS),
                goods=rng.choice(GOODS),
                time=rng.choice(TIMES),
                n=rng.choice([12, 50, 120, 600]),
                pct=rng.randint(5, 40),
                km=rng.randint(1, 20),
            )
            sentences.append(s[0].upper() + s[1:])
            count += len(s.split())
        paragraphs.append(" ".join(sentences))
    return {
        "id": f"bench-{i:06d}",
        "url": f"https://example.org/bench/{i:06d}",
        "title": f"Border report {i}",
        "published": published.isoformat(),
        "keywords": ["border", "china", "dprk"],
        "body": "\n\n".join(paragraphs),
    }


def write_corpus(out: Path, n: int, seed: int = 7, per_file: int = 1000) -> list[Path]:
    """Write ``n`` articles as JSON Lines files under ``out``; returns the files."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for start in range(0, n, per_file):
        path = out / f"part-{start // per_file:04d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(start, min(n, start + per_file)):
                fh.write(json.dumps(article(rng, i), ensure_ascii=False) + "\n")
        files.append(path)
    return files


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=10_000)
    args = parser.parse_args()
    print("\n".join(str(p) for p in write_corpus(args.out, args.n)))

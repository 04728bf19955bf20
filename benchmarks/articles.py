"""Articles per second for `articles add` (read, check; no storing), seed-sized articles.

Run: python benchmarks/articles.py [--copies 40] [--workers 1 2]
The five seeds are copied under new names (``--copies`` times each) into a temporary folder
and read with ``read_many`` (worker processes), once per worker count; the first pass per
process pays for loading the knowledge base and language packs, which is included.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from backcheck.articles.batch import read_many

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    paths = []
    for i in range(args.copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            path = folder / f"{i:04d}_{seed.name}"
            path.write_bytes(seed.read_bytes())
            paths.append(path)
    report: dict[str, object] = {
        "articles": len(paths),
        "mean_bytes": sum(p.stat().st_size for p in paths) // len(paths),
    }
    for workers in args.workers:
        start = time.perf_counter()
        results = read_many(paths, workers=workers)
        seconds = time.perf_counter() - start
        assert all("report" in r for r in results)
        report[f"workers_{workers}"] = {
            "seconds": round(seconds, 2),
            "articles_per_s": round(len(paths) / seconds, 1),
            "articles_per_s_per_core": round(len(paths) / seconds / workers, 1),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

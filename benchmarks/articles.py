"""Articles per second for `articles add` (read, check; no storing), seed-sized articles.

Run: python benchmarks/articles.py [--copies 40] [--workers 1 2]
The five seeds are copied under new names (``--copies`` times each) into a temporary folder
and read with ``read_many`` (worker processes), once per worker count. Each worker count runs
in a fresh interpreter, timed from the import of backcheck on: start-up (imports, knowledge
base, language packs, article terms) is included for every worker, and no worker inherits a
loaded reader from an earlier run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def timed_run(folder: Path, workers: int) -> dict[str, float]:
    """Read every file in ``folder`` (this process is fresh: nothing of backcheck is loaded yet)."""
    start = time.perf_counter()
    from backcheck.articles.batch import read_many

    paths = sorted(folder.iterdir())
    results = read_many(paths, workers=workers)
    seconds = time.perf_counter() - start
    assert all("report" in r for r in results)
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(paths) / seconds, 1),
        "articles_per_s_per_core": round(len(paths) / seconds / workers, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # internal: one timed run
    args = parser.parse_args()
    if args.run is not None:
        print(json.dumps(timed_run(args.run, args.workers[0])))
        return
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
        command = [sys.executable, __file__, "--run", str(folder), "--workers", str(workers)]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        report[f"workers_{workers}"] = json.loads(done.stdout)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

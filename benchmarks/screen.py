"""Screening speed and memory: rows per second and peak memory of `backcheck screen`.

Run: python benchmarks/screen.py --rows 100000 [--runs local:1 local:2 dask:1 dask:2] [--format csv]

A table of short messages in English, Arabic and Chinese (``backcheck.screening.generate``, seed 7,
no faults) is written to a temporary folder, then screened once per run by a new `backcheck screen`
process (``--quiet --json``), so every figure includes start-up: imports, the knowledge base and
the language packs in each worker, and for Dask the local cluster. Peak memory is the largest sum
of the resident set sizes of the process and all its descendants (workers, Dask nannies),
sampled from /proc every 0.1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backcheck.screening.generate import write_table

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and every descendant."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        todo += tree.get(current, [])
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * PAGE
        except OSError:
            continue
    return total


def run(table: Path, out: Path, engine: str, workers: int) -> dict[str, object]:
    command = [
        sys.executable, "-m", "backcheck", "screen", str(table), str(out), "--id-column", "id",
        "--age-column", "age", "--sex-column", "sex", "--language-column", "language",
        "--engine", engine, "--workers", str(workers), "--quiet", "--json", "--restart",
    ]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    summary = json.loads(process.stdout.read() if process.stdout else "{}")
    if process.returncode != 0:
        raise SystemExit(f"backcheck screen failed ({process.returncode})")
    return {
        "engine": engine,
        "workers": workers,
        "rows": summary["rows"],
        "wall_s": round(seconds, 1),
        "rows_per_s": round(summary["rows"] / seconds),
        "rows_per_s_per_worker": round(summary["rows"] / seconds / workers),
        "peak_rss_mb": round(peak / 2**20, 1),
        "errors": summary["errors"],
    }


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", nargs="+", default=["local:1", "local:2", "dask:1", "dask:2"])
    parser.add_argument("--format", default="csv", choices=["csv", "jsonl", "parquet"])
    parser.add_argument("--folder", type=Path, default=None, help="for the table (default: temporary)")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="screen-bench-"))
    table = folder / f"messages-{args.rows}.{args.format}"
    if not table.exists():
        write_table(table, args.rows, seed=7)
    size = round(table.stat().st_size / 2**20, 1)
    report: dict[str, object] = {"rows": args.rows, "format": args.format, "table_mb": size}
    results = []
    for spec in args.runs:
        engine, workers = spec.split(":")
        out = folder / f"screened-{engine}-{workers}.{args.format}"
        results.append(run(table, out, engine, int(workers)))
        out.unlink()
        print(json.dumps(results[-1]), file=sys.stderr)
    report["runs"] = results
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

"""Engine benchmark: assessments per second, p50/p99 latency, cold start and peak memory.

Run: python benchmarks/engine.py [--cases N] [--seed S]
Figures, not assertions: record them in docs/benchmarks.md with the command.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from process_timing import time_backcheck

from backcheck.engine.assess import assess
from backcheck.engine.case import Case
from backcheck.knowledge.load import load_knowledge_base

ROOT = Path(__file__).resolve().parents[1]


def random_cases(n: int, seed: int) -> list[Case]:
    """Structured cases with 4-14 known findings each, like a finished interview."""
    kb = load_knowledge_base()
    rng = random.Random(seed)
    booleans = sorted(f.id for f in kb.findings.values() if f.kind == "boolean" and not f.derived_from)
    out = []
    for i in range(n):
        findings: dict[str, Any] = {f: rng.random() < 0.4 for f in rng.sample(booleans, rng.randint(4, 14))}
        if rng.random() < 0.3:
            findings["temperature_c"] = round(rng.uniform(36.0, 40.0), 1)
        if rng.random() < 0.5:
            findings["duration_days"] = rng.randint(0, 200)
        out.append(Case(id=i, age=rng.randint(16, 95), sex=rng.choice(["female", "male"]), findings=findings))
    return out


def cold_start(runs: int) -> list[float]:
    """Wall time of `backcheck assess --json` on one case, new process each run."""
    example = (ROOT / "examples" / "strain_after_sex.json").read_text()
    return time_backcheck(["assess", "--json"], stdin=example, runs=runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    kb = load_knowledge_base()
    load_s = time.perf_counter() - t0
    cases = random_cases(args.cases, args.seed)
    for case in cases[:200]:  # warm-up
        assess(case, kb)
    latencies = []
    start = time.perf_counter()
    for case in cases:
        t = time.perf_counter()
        assess(case, kb)
        latencies.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    latencies.sort()
    cold = cold_start(args.cold_runs)
    figures = {
        "cases": args.cases,
        "assessments_per_second": round(args.cases / total, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 3),
        "p99_ms": round(latencies[int(0.99 * len(latencies)) - 1] * 1000, 3),
        "kb_load_s": round(load_s, 3),
        "cold_start_median_s": round(statistics.median(cold), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": sys.version.split()[0],
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

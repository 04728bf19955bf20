"""Engine throughput in CPU time, for A/B runs of two checkouts on a shared machine.

Run: PYTHONPATH=<checkout>/src python benchmarks/ab_engine.py
Prints assessments/s (best of three passes over benchmarks/engine.py's random cases, seed 7).
"""

from __future__ import annotations

import time

from backcheck.engine.assess import assess
from backcheck.knowledge.load import load_knowledge_base
from engine import random_cases


def main() -> None:
    kb = load_knowledge_base()
    cases = random_cases(3000, seed=7)
    best = 0.0
    for _ in range(3):
        start = time.process_time()
        for case in cases:
            assess(case, kb)
        best = max(best, len(cases) / (time.process_time() - start))
    print(f"assessments/s (CPU): {round(best)} over {len(cases)} cases")


if __name__ == "__main__":
    main()

"""Interview benchmark: time to choose the next question, and questions asked per triage level.

Run: python benchmarks/interview.py [--repeat N]
Replays the golden vignettes as simulated patients (from age and sex), timing every call of
``next_question`` on one core.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from backcheck.evaluation.interview import run_case, summary
from backcheck.evaluation.vignettes import load_vignettes
from backcheck.interview import InterviewState, NextQuestion, next_question
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    kb = load_knowledge_base()
    ctx = Context.create(kb)
    vignettes = load_vignettes(sorted((ROOT / "tests" / "golden").glob("cases_*.yaml")))
    latencies: list[float] = []

    def timed(state: InterviewState, kb: KnowledgeBase) -> NextQuestion | None:
        start = time.perf_counter()
        out = next_question(state, kb)
        latencies.append(time.perf_counter() - start)
        return out

    runs = []
    for _ in range(args.repeat):
        runs = [run_case(v.case(), ctx, chooser=timed, acceptable=v.acceptable_triage) for v in vignettes]
    latencies.sort()
    figures = summary(runs)
    report = {
        "calls": len(latencies),
        "next_question_p50_ms": round(statistics.median(latencies) * 1000, 2),
        "next_question_p99_ms": round(latencies[int(0.99 * len(latencies)) - 1] * 1000, 2),
        "next_question_max_ms": round(latencies[-1] * 1000, 2),
        "questions_median_by_level": figures["questions_median_by_level"],
        "questions_median": figures["questions_median"],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

"""Interview benchmark: time to choose the next question, and questions asked per triage level.

Run: python benchmarks/interview.py [--repeat N] [--compare]
Replays the golden vignettes as simulated patients (from age and sex), timing every call of
``next_question`` on one core. ``--compare`` also prints the summary of each run in
docs/interview.md: from age and sex, from each language's text, and the fixed-order baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from backcheck.evaluation.interview import Run, run_case, summary
from backcheck.evaluation.vignettes import Vignette, load_vignettes
from backcheck.interview import InterviewState, NextQuestion, next_question
from backcheck.interview.simulate import fixed_order
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", action="store_true")
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
    if args.compare:
        compare(ctx, vignettes)


def compare(ctx: Context, vignettes: list[Vignette]) -> None:
    """Summaries of the runs compared in docs/interview.md."""
    keep = ("same_triage_as_full_information", "under_triage", "questions_median")
    keep += ("questions_median_emergency", "questions_max", "questions_median_by_level")
    modes: dict[str, list[Run]] = {
        "adaptive, from age and sex": [
            run_case(v.case(), ctx, acceptable=v.acceptable_triage) for v in vignettes
        ],
        "fixed order": [
            run_case(v.case(), ctx, chooser=fixed_order, acceptable=v.acceptable_triage) for v in vignettes
        ],
    }
    for lang in ("en", "ar", "zh"):
        modes[f"adaptive, from {lang} text"] = [
            run_case(
                v.case().model_copy(update={"text": v.text[lang]}),
                ctx,
                from_text=True,
                lang=lang,  # type: ignore[arg-type]
                acceptable=v.acceptable_triage,
            )
            for v in vignettes
        ]
    for name, runs in modes.items():
        s = summary(runs)
        print(name, json.dumps({k: s[k] for k in keep}))


if __name__ == "__main__":
    main()

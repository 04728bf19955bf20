"""Free-text benchmark: texts per second and p99 per ~200-character text, per language.

Run: python benchmarks/text.py [--repeat N]
Measures reading alone (detect + extract + map) and reading plus the assessment, on one core,
and the cold start of `backcheck assess --jsonl` (import, knowledge base, language pack, one line).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from process_timing import time_backcheck

from backcheck.engine.case import Case, Lang
from backcheck.evaluation.vignettes import load_vignettes
from backcheck.knowledge.load import load_knowledge_base
from backcheck.language.reading import read_text, red_flag_findings
from backcheck.pipeline import Context, run_case

ROOT = Path(__file__).resolve().parents[1]


def texts_for(lang: Lang) -> list[str]:
    """Golden vignette texts cut or repeated to about 200 characters."""
    out = []
    for v in load_vignettes(sorted((ROOT / "tests" / "golden").glob("cases_*.yaml"))):
        text = v.text.get(lang)
        if text:
            while len(text) < 200:
                text = text + " " + text
            out.append(text[:200])
    return out


def timed(fn: object, items: list[str], repeat: int) -> tuple[float, float]:
    assert callable(fn)
    latencies = []
    for _ in range(repeat):
        for item in items:
            start = time.perf_counter()
            fn(item)
            latencies.append(time.perf_counter() - start)
    latencies.sort()
    return len(latencies) / sum(latencies), latencies[int(0.99 * len(latencies)) - 1] * 1000


def cold_start(lang: Lang, runs: int) -> float:
    line = json.dumps({"id": 1, "text": texts_for(lang)[0]}, ensure_ascii=False) + "\n"
    return statistics.median(time_backcheck(["assess", "--jsonl"], stdin=line, runs=runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    kb = load_knowledge_base()
    ctx = Context.create(kb)
    flags = red_flag_findings(kb)
    report: dict[str, object] = {}
    for lang in ("en", "ar", "zh"):
        texts = texts_for(lang)
        pack = ctx.packs[lang]
        pack.compile_all()  # patterns compile on first use; the figures are a warm process's
        for text in texts[:20]:  # warm-up (jieba builds its prefix dictionary on first use)
            read_text(text, kb=kb, packs={lang: pack}, lang=lang, flags=flags)
        read_rate, read_p99 = timed(
            lambda t, lang=lang, pack=pack: read_text(t, kb=kb, packs={lang: pack}, flags=flags),
            texts,
            args.repeat,
        )
        full_rate, full_p99 = timed(lambda t, lang=lang: run_case(Case(text=t), ctx), texts, args.repeat)
        report[lang] = {
            "texts": len(texts) * args.repeat,
            "read_texts_per_s": round(read_rate),
            "read_p99_ms": round(read_p99, 2),
            "read_and_assess_texts_per_s": round(full_rate),
            "read_and_assess_p99_ms": round(full_p99, 2),
            "cold_start_jsonl_s": round(cold_start(lang, args.cold_runs), 3),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

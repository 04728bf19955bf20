"""Search-and-answer benchmark: index build time, then `ask` latency (p50/p99) over mixed questions.

Run: python benchmarks/ask.py [--passages N] [--questions N] [--seed S] [--memory]
The index holds the knowledge-base passages plus N synthetic article passages (default 10,000),
made deterministically from knowledge-base sentences in all three languages, in an SQLite file
(or in memory with --memory). Each question's language is detected, as in `backcheck ask`.
Target: p99 <= 100 ms. Figures, not assertions: record them in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from backcheck.articles.ask import ask, sentences
from backcheck.articles.index import LANGS, PassageIndex, knowledge_passages
from backcheck.articles.passage import Passage
from backcheck.engine.case import Lang
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base

SECTIONS_PER_ARTICLE = 8
# Questions people ask, and some the knowledge base does not cover (they must come back "not known").
QUESTIONS: dict[Lang, list[str]] = {
    "en": [
        "Should I stay in bed with back pain?",
        "Does heat help back pain?",
        "Can I take ibuprofen for my back?",
        "What mattress should I sleep on?",
        "My back hurts after sex, is my kidney weak?",
        "Back pain in pregnancy, what can I do?",
        "Is it safe to keep working with a sore back?",
        "When should I see a doctor about back pain?",
        "What is the capital of France?",
        "How do I bake sourdough bread at home?",
    ],
    "ar": [
        "هل يجب أن أبقى في السرير إذا كان ظهري يؤلمني؟",
        "هل الحرارة تساعد في ألم الظهر؟",
        "ما هو عرق النسا؟",
        "متى يجب أن أراجع الطبيب بسبب ألم الظهر؟",
        "ألم الظهر أثناء الحمل، ماذا أفعل؟",
        "ما هي عاصمة فرنسا؟",
        "كيف أطبخ الأرز؟",
    ],
    "zh": [
        "腰痛要卧床休息吗？",
        "腰椎间盘突出要不要牵引？",
        "什么是坐骨神经痛？",
        "热敷对腰痛有用吗？",
        "同房后腰痛是肾虚吗？",
        "法国的首都是哪里？",
        "怎么做红烧肉？",
    ],
}
_TEMPLATES: dict[Lang, tuple[str, ...]] = {
    "en": ("What should I know about {}?", "{}: is that right for me?", "Tell me about {}"),
    "ar": ("ماذا يجب أن أعرف عن {}؟", "{}: هل هذا مناسب لي؟"),
    "zh": ("关于{}我应该知道什么？", "{}适合我吗？"),
}


def synthetic_passages(kb: KnowledgeBase, n: int, seed: int) -> list[Passage]:
    """``n`` article-like passages: 3-8 knowledge-base sentences of one language, shuffled together
    under a knowledge-base heading, in files of eight sections, languages in turn."""
    rng = random.Random(seed)
    pool: dict[Lang, list[str]] = {lang: [] for lang in LANGS}
    titles: dict[Lang, list[str]] = {lang: [] for lang in LANGS}
    for p in knowledge_passages(kb):
        pool[p.lang].extend(sentences(p.text))
        titles[p.lang].append(p.title)
    out = []
    for i in range(n):
        lang = LANGS[(i // SECTIONS_PER_ARTICLE) % len(LANGS)]
        source = f"synthetic_{i // SECTIONS_PER_ARTICLE:05d}_{lang}.txt"
        joiner = "" if lang == "zh" else " "
        text = joiner.join(rng.sample(pool[lang], rng.randint(3, 8)))
        title = rng.choice(titles[lang])
        out.append(
            Passage(
                id=f"{source}#{i % SECTIONS_PER_ARTICLE}", source=source, lang=lang, title=title, text=text
            )
        )
    return out


def questions(kb: KnowledgeBase, n: int, seed: int) -> list[str]:
    """``n`` questions, languages mixed: two in three are fixed questions (some off-topic), the rest
    ask about a knowledge-base item by name."""
    rng = random.Random(seed + 1)
    names: dict[Lang, list[str]] = {
        lang: [a.names.get(lang) for a in kb.advice.values()]
        + [c.names.get(lang) for c in kb.conditions.values()]
        for lang in LANGS
    }
    out = []
    for _ in range(n):
        lang = rng.choice(LANGS)
        if rng.random() < 2 / 3:
            out.append(rng.choice(QUESTIONS[lang]))
        else:
            out.append(rng.choice(_TEMPLATES[lang]).format(rng.choice(names[lang])))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=10_000, help="synthetic article passages")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--memory", action="store_true", help="index in memory instead of a file")
    args = parser.parse_args()

    kb = load_knowledge_base()
    articles = synthetic_passages(kb, args.passages, args.seed)
    asked = questions(kb, args.questions, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = ":memory:" if args.memory else Path(tmp) / "articles.sqlite3"
        start = time.perf_counter()
        index = PassageIndex(path)
        n_kb = index.add_knowledge(kb)  # includes jieba's dictionary load (about 1 s)
        index.add(articles)
        build = time.perf_counter() - start
        for q in QUESTIONS["en"][:3] + QUESTIONS["ar"][:2] + QUESTIONS["zh"][:2]:  # warm: lingua's models
            ask(q, index=index, kb=kb)
        latencies: list[float] = []
        known = 0
        for q in asked:
            start = time.perf_counter()
            answer = ask(q, index=index, kb=kb)
            latencies.append((time.perf_counter() - start) * 1000)
            known += answer.known
        total = index.count()
        index.close()

    print(
        f"index: {total} passages ({n_kb} knowledge base, {len(articles)} synthetic),"
        f" {'in memory' if args.memory else 'in a file'}"
    )
    print(f"build: {build:.2f} s ({total / build:,.0f} passages/s)")
    print(
        f"ask: {len(asked)} questions (en/ar/zh mixed, language detected), known {known}/{len(asked)}; "
        f"p50 {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
        f"max {max(latencies):.1f} ms (target p99 <= 100 ms)"
    )


if __name__ == "__main__":
    main()

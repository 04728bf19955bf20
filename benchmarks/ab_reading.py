"""Reading throughput in CPU time, for A/B runs of two checkouts on a shared machine.

Run: PYTHONPATH=<checkout>/src python benchmarks/ab_reading.py
Prints texts/s per language (best of five passes over benchmarks/text.py's texts), measured with
``time.process_time`` so that other processes on the machine disturb it less than wall time.
"""

from __future__ import annotations

import time

from text import texts_for

from backcheck.engine.case import Lang
from backcheck.knowledge.load import load_knowledge_base
from backcheck.language.pack import load_pack
from backcheck.language.reading import read_text, red_flag_findings


def main() -> None:
    kb = load_knowledge_base()
    flags = red_flag_findings(kb)
    out = []
    langs: list[Lang] = ["en", "ar", "zh"]
    for lang in langs:
        texts = texts_for(lang)
        packs = {lang: load_pack(lang)}
        for t in texts:  # warm: compile the patterns these texts need
            read_text(t, kb=kb, packs=packs, lang=lang, flags=flags)
        best = 0.0
        for _ in range(5):
            start = time.process_time()
            for t in texts:
                read_text(t, kb=kb, packs=packs, lang=lang, flags=flags)
            best = max(best, len(texts) / (time.process_time() - start))
        out.append(f"{lang} {round(best)}")
    print("read texts/s (CPU):", *out)


if __name__ == "__main__":
    main()

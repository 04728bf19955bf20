"""``extract(..., only=...)`` is a shortcut only: it returns exactly the wanted part of a full read."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from backcheck.evaluation.corpus import load_corpus
from backcheck.knowledge.load import load_knowledge_base
from backcheck.language.extract import extract
from backcheck.language.pack import load_pack
from backcheck.language.reading import red_flag_findings

CORPUS = Path(__file__).parent / "corpus"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
KB = load_knowledge_base()


def _subsets(lang: str) -> list[frozenset[str]]:
    pack = load_pack(lang)  # type: ignore[arg-type]
    ids = sorted({fid for fid, _ in pack.findings} | {key for key, _ in pack.values})
    rng = random.Random(6)
    return [
        red_flag_findings(KB),
        frozenset(rng.sample(ids, 10)),
        frozenset(rng.sample(ids, 40)) | {"sex", "duration_days"},
        frozenset(),
    ]


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_only_returns_the_wanted_part_of_a_full_read(lang: str) -> None:
    pack = load_pack(lang)  # type: ignore[arg-type]
    texts = [s.text for s in load_corpus(CORPUS / f"{lang}.yaml").sentences]
    texts.append(" ".join(texts))  # long texts: overlaps and cues across sentences
    texts += [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    for only in _subsets(lang):
        for text in texts:
            full = [m for m in extract(text, pack).mentions if m.finding in only]
            assert extract(text, pack, only=only).mentions == full, text[:80]

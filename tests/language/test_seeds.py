"""The five seed articles run through the whole pipeline, and their Q&A blocks read sensibly."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcheck.engine.case import Case
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context, run_case

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
CTX = Context.create(load_knowledge_base())

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")

# What a reader of each article would expect it to be about.
EXPECTED = {
    "000_caa667ac1fdde179.txt": {"after_sex"},
    "001_689e3034d7da574a.txt": {"day_after_sex"},
    "002_0d29035b812f45d7.txt": {"after_sex"},
    "003_fd259aef8f23d6d0.txt": {"months_postpartum"},
    "004_e1dc66b7e7369344.txt": {"after_exercise"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_article_runs_and_reads(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    result = run_case(Case(text=text), CTX)
    assert result.reading is not None
    found = set(result.reading.findings)
    assert EXPECTED[name] <= found, f"{name}: read {sorted(found)}"
    assert result.assessment.triage  # an assessment came out, with no error

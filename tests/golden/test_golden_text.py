"""The golden vignettes assessed from their free text alone, per language (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcheck.engine.case import Case, Lang
from backcheck.evaluation.vignettes import Outcome, load_vignettes, outcome_of, score
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context, run_case

HERE = Path(__file__).parent
VIGNETTES = load_vignettes(sorted(HERE.glob("cases_*.yaml")))
CTX = Context.create(load_knowledge_base())
LANGS: list[Lang] = ["en", "ar", "zh"]


def _outcomes(lang: Lang) -> list[Outcome]:
    return [
        outcome_of(v, run_case(Case(id=v.id, text=v.text[lang]), CTX, lang=lang).assessment)
        for v in VIGNETTES
        if lang in v.text
    ]


@pytest.mark.golden
@pytest.mark.parametrize("lang", LANGS)
def test_free_text_meets_the_bars(lang: Lang) -> None:
    outcomes = _outcomes(lang)
    assert len(outcomes) >= 20
    missed = [o.vignette.id for o in outcomes if o.vignette.red_flag_case and o.under_triaged]
    assert not missed, f"under-triaged from {lang} text: {missed}"
    s = score(outcomes)
    wrong = [(o.vignette.id, o.triage, o.top3) for o in outcomes if not o.acceptable or not o.cause_in_top3]
    assert s.acceptable_triage >= 0.90, (s, wrong)
    assert s.cause_in_top3 >= 0.85, (s, wrong)

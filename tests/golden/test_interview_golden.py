"""The golden vignettes as simulated patients (issue 4): few questions, the same safe answer."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from backcheck.engine.case import Lang
from backcheck.evaluation.interview import Run, run_case, summary
from backcheck.evaluation.vignettes import load_vignettes
from backcheck.interview.simulate import fixed_order
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context

HERE = Path(__file__).parent
VIGNETTES = load_vignettes(sorted(HERE.glob("cases_*.yaml")))
CTX = Context.create(load_knowledge_base())


@cache
def _runs(start_from: Lang | None) -> list[Run]:
    runs = []
    for v in VIGNETTES:
        # From age and sex only (the patient knows the findings), or from the case's own words.
        text = None if start_from is None else v.text[start_from]
        case = v.case().model_copy(update={"text": text})
        runs.append(
            run_case(
                case, CTX, from_text=start_from is not None, lang=start_from, acceptable=v.acceptable_triage
            )
        )
    return runs


def _check(runs: list[Run]) -> dict[str, object]:
    s = summary(runs)
    under = [(r.id, r.full_triage, r.triage, r.simulated.questions) for r in runs if r.under_triaged]
    assert not under, f"under-triaged: {under}"
    differs = [(r.id, r.full_triage, r.triage) for r in runs if r.triage != r.full_triage]
    assert s["same_triage_share"] >= 0.95, differs  # type: ignore[operator]
    assert s["questions_median"] <= 8, s  # type: ignore[operator]
    assert s["questions_median_emergency"] <= 5, s  # type: ignore[operator]
    return s


@pytest.mark.golden
def test_interview_from_age_and_sex() -> None:
    s = _check(_runs(None))
    assert s["cases"] == len(VIGNETTES)


@pytest.mark.golden
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_interview_from_free_text(lang: Lang) -> None:
    s = _check(_runs(lang))
    # Starting from the person's words must not take more questions than starting from nothing.
    assert s["questions_median"] <= summary(_runs(None))["questions_median"]  # type: ignore[operator]


@pytest.mark.golden
def test_adaptive_order_finds_emergencies_sooner_than_a_fixed_order() -> None:
    adaptive = summary(_runs(None))
    fixed = summary(
        [run_case(v.case(), CTX, chooser=fixed_order, acceptable=v.acceptable_triage) for v in VIGNETTES]
    )
    assert adaptive["questions_median_emergency"] < fixed["questions_median_emergency"]  # type: ignore[operator]

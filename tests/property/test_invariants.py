"""Hypothesis invariants of the engine over arbitrary cases."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcheck.engine.assess import assess
from backcheck.engine.case import Case
from backcheck.engine.replay import replays
from backcheck.knowledge.base import KnowledgeBase, level_rank
from backcheck.knowledge.load import load_knowledge_base

KB = load_knowledge_base()
BOOLEANS = sorted(f.id for f in KB.findings.values() if f.kind == "boolean" and f.derived_from is None)
NUMBERS = {f.id: (f.minimum, f.maximum) for f in KB.findings.values() if f.kind == "number" and f.id != "age"}
# Findings that on their own make a red flag fire.
RED_FLAG_FINDINGS = sorted(
    {r.when.present for r in KB.rules if r.kind == "red_flag" and r.when.present is not None}
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def cases(draw: st.DrawFn) -> Case:
    chosen = draw(st.lists(st.sampled_from(BOOLEANS), max_size=14, unique=True))
    findings: dict[str, Any] = {f: draw(st.sampled_from([True, False, None])) for f in chosen}
    for fid in draw(st.lists(st.sampled_from(sorted(NUMBERS)), max_size=3, unique=True)):
        low, high = NUMBERS[fid]
        findings[fid] = draw(st.floats(min_value=low, max_value=high, allow_nan=False))
    return Case(
        age=draw(st.none() | st.integers(min_value=16, max_value=100)),
        sex=draw(st.none() | st.sampled_from(["female", "male"])),
        findings=findings,
    )


def test_there_are_red_flag_findings() -> None:
    assert len(RED_FLAG_FINDINGS) >= 5


@SETTINGS
@given(case=cases(), flag=st.sampled_from(RED_FLAG_FINDINGS))
def test_adding_a_red_flag_never_lowers_triage(case: Case, flag: str) -> None:
    before = assess(case, KB)
    after = assess(case.model_copy(update={"findings": {**case.findings, flag: True}}), KB)
    assert level_rank(after.triage) <= level_rank(before.triage)
    assert after.red_flags


@SETTINGS
@given(case=cases())
def test_probabilities_bounded_ranking_deterministic_trace_replays(case: Case) -> None:
    a = assess(case, KB)
    probabilities = [c.probability for c in a.conditions]
    assert all(0.0 <= p <= 1.0 for p in probabilities)
    flags = [c.flagged for c in a.conditions]
    assert flags == sorted(flags, reverse=True)  # red-flag suspects first
    for group in (True, False):
        ps = [c.probability for c in a.conditions if c.flagged is group]
        assert ps == sorted(ps, reverse=True)
    assert assess(case, KB) == a
    assert replays(a)


@SETTINGS
@given(case=cases())
def test_unknown_never_acts_as_present(case: Case) -> None:
    a = assess(case, KB)
    known = {o.finding: o.state for o in a.observations}
    for hit in [*a.red_flags, *a.care_rules]:
        assert all(f in known for f in hit.matched), hit.id
    for condition in a.conditions:
        for why in condition.why:
            assert known.get(why.finding) == why.state
    # Saying "unknown" explicitly is the same as saying nothing.
    unknowns = {f: None for f in BOOLEANS[:20] if f not in case.findings}
    again = assess(case.model_copy(update={"findings": {**case.findings, **unknowns}}), KB)
    assert again == a


def test_red_flag_floor_survives_reassuring_findings(kb: KnowledgeBase) -> None:
    reassuring = {
        "pain_improving": True, "after_exercise": True, "muscle_stiffness_tenderness": True,
        "fever": False, "history_of_cancer": False, "radiation_below_knee": False,
    }  # fmt: skip
    a = assess(Case(age=25, sex="male", findings={**reassuring, "saddle_anaesthesia": True}), kb)
    assert level_rank(a.triage) <= level_rank("emergency")


@SETTINGS
@given(case=cases())
def test_skipping_rules_by_their_triggers_changes_nothing(case: Case) -> None:
    from backcheck.engine.evidence import collect_evidence
    from backcheck.engine.rules import matches
    from backcheck.engine.triage import fire_rules

    evidence, _ = collect_evidence(case, KB)
    every = [r.id for r in KB.rules if matches(r.when, evidence)]
    assert [f.rule.id for f in fire_rules(KB, evidence)] == every

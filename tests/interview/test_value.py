"""The value model's shortcuts agree with the plain computation they replace."""

from __future__ import annotations

import pytest

from backcheck.interview import answer, start
from backcheck.interview.steps import evidence_of
from backcheck.interview.value import Situation
from backcheck.knowledge.load import load_knowledge_base

KB = load_knowledge_base()


@pytest.mark.parametrize(
    ("age", "sex", "answers"),
    [
        (40, "male", []),
        (30, "female", [("pregnancy_status", "pregnant")]),
        (72, "female", [("legs", "dont_know")]),
    ],
)
def test_sensitivity_is_the_difference_of_setting_each_finding_both_ways(
    age: int, sex: str, answers: list[tuple[str, str]]
) -> None:
    state = start(KB, age=age, sex=sex)  # type: ignore[arg-type]
    for question, value in answers:
        state = answer(state, KB, question, value)
    situation = Situation.of(KB, evidence_of(state, KB))
    checked = 0
    for rule in KB.rules:
        for fid, slope in situation._sensitivity(rule).items():
            direct = abs(
                situation._rule_chance(rule.when, fid, True) - situation._rule_chance(rule.when, fid, False)
            )
            assert slope == pytest.approx(direct, abs=1e-12), (rule.id, fid)
            checked += 1
    assert checked > 50


def test_chance_is_memoised_but_equal_to_a_fresh_computation() -> None:
    state = start(KB, age=40, sex="male")
    situation = Situation.of(KB, evidence_of(state, KB))
    fresh = Situation.of(KB, evidence_of(state, KB))
    for fid in KB.findings:
        first = situation.chance(fid)
        assert situation.chance(fid) == first == fresh._chance(fid)


def test_flat_rules_keep_every_leaf_in_post_order() -> None:
    for rule in KB.rules:
        flat = KB.flat_rules[rule.id]
        leaves = [s.finding for s in flat.steps if s.finding is not None]
        assert set(leaves) == rule.when.finding_ids()
        for place, step in enumerate(flat.steps):
            assert all(child < place for child in step.children), rule.id  # children come first
        assert flat.once == {f for f in leaves if leaves.count(f) == 1}

"""General danger signs, trauma mechanisms, crisis and scope: each rule sets its floor, a sign
never lowers the level, implied findings reach the back-pain rules, no information is refused."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcheck.danger.crisis import crisis_help
from backcheck.engine.assess import assess
from backcheck.engine.case import Case
from backcheck.errors import InputError
from backcheck.knowledge.base import KnowledgeBase, level_rank
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context, result_to_dict, run_case

KB = load_knowledge_base()
SIGN_RULES = [r for r in KB.rules if r.kind in ("danger_sign", "crisis")]
# Signs a person can be asked about (derived ones, such as NEWS2 thresholds, come from numbers).
SINGLE_SIGNS = sorted(
    {r.when.present for r in SIGN_RULES if r.when.present is not None} & set(KB.warning_signs)
)
BOOLEANS = sorted(f.id for f in KB.findings.values() if f.kind == "boolean" and f.derived_from is None)


@pytest.mark.parametrize(
    ("findings", "level", "rule"),
    [
        ({"collapse": True}, "emergency", "ds_collapse"),
        ({"collapse": True, "sudden_onset": True}, "emergency_ambulance", "ds_collapse_with_sudden_pain"),
        ({"new_confusion": True}, "emergency_ambulance", "ds_new_confusion"),
        ({"new_confusion": True, "fever": True}, "emergency_ambulance", "ds_confusion_with_fever"),
        ({"reduced_consciousness": True}, "emergency_ambulance", "ds_reduced_consciousness"),
        ({"shock_signs": True}, "emergency_ambulance", "ds_shock_signs"),
        ({"breathing_difficulty": True}, "emergency", "ds_breathing_difficulty"),
        ({"worst_pain_ever": True}, "consultation_24", "ds_worst_pain_ever"),
        ({"severe_pain": True}, "consultation", "ds_severe_pain"),
        ({"pain_score": 9}, "consultation", "ds_severe_pain"),
        ({"sudden_onset": True, "pain_score": 8}, "consultation_24", "ds_sudden_severe_pain"),
        ({"heavy_bleeding": True}, "emergency_ambulance", "ds_heavy_bleeding"),
        ({"cannot_stand_or_walk": True}, "emergency", "ds_cannot_stand_or_walk"),
        ({"penetrating_injury": True}, "emergency_ambulance", "tr_penetrating_injury"),
        ({"fall_from_height": True}, "emergency", "fracture_significant_trauma"),
        # A road collision or a sports injury is not high-energy in itself (NICE NG41).
        ({"road_traffic_collision": True}, "consultation_24", "tr_collision_or_sport_injury"),
        (
            {"high_speed_sport_injury": True, "spine_tender_to_touch": True},
            "emergency",
            "tr_collision_or_sport_with_warning",
        ),
        (
            {"fall_from_height": True, "spine_tender_to_touch": True},
            "emergency_ambulance",
            "tr_high_risk_mechanism_with_pain",
        ),
        # A fall from a height alone goes to the emergency department; being crushed is enough
        # for an ambulance (second pass, issue 14).
        ({"fall_from_height": True, "back_pain": True}, "emergency", "fracture_significant_trauma"),
        (
            {"crush_injury": True, "back_pain": True},
            "emergency_ambulance",
            "tr_high_risk_mechanism_with_pain",
        ),
        ({"news2_5_or_more": True, "fever": True}, "emergency", "news2_with_fever_sepsis"),
        ({"suicidal_thoughts": True}, "consultation_24", "crisis_suicidal_thoughts"),
        ({"suicidal_intent": True}, "emergency", "crisis_intent_or_self_harm"),
        ({"self_harm": True}, "emergency", "crisis_intent_or_self_harm"),
    ],
)
def test_each_sign_sets_its_floor(findings: dict[str, Any], level: str, rule: str) -> None:
    a = assess(Case(age=40, findings=findings), KB)
    assert a.triage == level
    assert rule in {h.id for h in a.red_flags}


@pytest.mark.parametrize("sign", SINGLE_SIGNS)
def test_a_denied_sign_sets_no_floor(sign: str) -> None:
    a = assess(Case(age=40, findings={sign: False, "after_lifting": True}), KB)
    assert a.triage == "self_care"
    assert sign in a.screened.absent


def test_implied_findings_reach_the_back_pain_rules() -> None:
    a = assess(Case(age=40, findings={"collapse": True}), KB)
    states = {o.finding: (o.state, o.source) for o in a.observations}
    assert states["feeling_faint"] == ("present", "derived")
    # An implied "yes" outranks an answered "no", as a measurement does, and says so.
    b = assess(Case(age=40, findings={"fall_from_height": True, "significant_trauma": False}), KB)
    assert {o.finding: o.state for o in b.observations}["significant_trauma"] == "present"
    assert any("significant_trauma" in n for n in b.notes)


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    chosen=st.lists(st.sampled_from(BOOLEANS), max_size=12, unique=True),
    values=st.lists(st.sampled_from([True, False, None]), min_size=12, max_size=12),
    sign=st.sampled_from(SINGLE_SIGNS),
    age=st.integers(min_value=16, max_value=100),
)
def test_a_danger_sign_never_lowers_the_level(
    chosen: list[str], values: list[bool | None], sign: str, age: int
) -> None:
    findings: dict[str, Any] = dict(zip(chosen, values, strict=False))
    findings.pop(sign, None)
    before = assess(Case(age=age, findings=findings), KB)
    after = assess(Case(age=age, findings={**findings, sign: True}), KB)
    assert level_rank(after.triage) <= level_rank(before.triage)
    floor = min(level_rank(r.level) for r in SIGN_RULES if r.when.present == sign)
    assert level_rank(after.triage) <= floor


def test_crisis_leads_with_help_for_the_place(kb: KnowledgeBase) -> None:
    a = assess(Case(age=30, findings={"suicidal_thoughts": True}), kb, lang="zh")
    assert a.crisis is not None and a.crisis.locale == "CN"
    assert "12356" in [line.contact for line in a.crisis.lines]
    b = assess(Case(age=30, findings={"suicidal_thoughts": True}, locale="US"), kb)
    assert b.crisis is not None and [line.contact for line in b.crisis.lines] == ["988"]
    # A place we list no lines for gets the emergency number advice, never an invented line.
    unknown = crisis_help(kb, lang="ar", locale="ZZ")
    assert unknown.lines == [] and unknown.fallback
    assert assess(Case(age=30, findings={"after_lifting": True}), kb).crisis is None


def test_a_child_gets_no_adult_plan(kb: KnowledgeBase) -> None:
    a = assess(Case(age=8, findings={"after_lifting": True}), kb)
    assert a.scope is not None and a.scope.min_age == 16
    assert a.triage == "consultation"
    assert not (a.plan.do or a.plan.exercises or a.plan.avoid or a.plan.not_recommended)
    # Danger signs still apply to a child.
    assert assess(Case(age=8, findings={"new_confusion": True, "fever": True}), kb).triage == (
        "emergency_ambulance"
    )
    assert assess(Case(age=16, findings={"after_lifting": True}), kb).scope is None


@pytest.mark.parametrize("data", [{}, {"text": ""}, {"text": "   "}, {"age": 40}, {"sex": "male"}])
def test_no_information_is_refused_not_reassured(data: dict[str, Any], kb: KnowledgeBase) -> None:
    with pytest.raises(InputError) as info:
        run_case(Case(**data), Context.create(kb))
    assert info.value.code.name == "IN113"


def test_a_child_age_alone_gets_the_childs_answer(kb: KnowledgeBase) -> None:
    a = run_case(Case(age=7), Context.create(kb)).assessment
    assert a.scope is not None and a.triage != "self_care"


def test_result_lists_unscreened_signs_and_the_next_question(kb: KnowledgeBase) -> None:
    result = run_case(Case(age=40, findings={"after_lifting": True}), Context.create(kb), next_question=True)
    out = result_to_dict(result)
    assert out["triage"] == "self_care"
    assert "saddle_anaesthesia" in out["screened"]["unknown"]
    assert kb.findings["saddle_anaesthesia"].names.en in out["plan"]["safety_net"]
    assert out["next_question"] is not None and out["next_question"]["text"]
    # Once every safety-net sign is answered, the safety-netting no longer lists them.
    answered = dict.fromkeys(kb.triage.safety_net_signs, False)
    full = assess(Case(age=40, findings={"after_lifting": True, **answered}), kb)
    assert kb.findings["saddle_anaesthesia"].names.en not in full.plan.safety_net


def test_pain_that_is_not_improving_sees_a_gp(kb: KnowledgeBase) -> None:
    a = assess(Case(age=40, findings={"back_pain": True, "not_improving": True}), kb)
    assert a.triage == "consultation"
    assert "pain_not_improving" in {h.id for h in a.care_rules}
    better = assess(Case(age=40, findings={"back_pain": True, "pain_improving": True}), kb)
    assert better.triage == "self_care"
    # An unticked "getting better" (a pain that began yesterday) is not "not improving".
    new = assess(Case(age=40, findings={"back_pain": True, "pain_improving": False}), kb)
    assert new.triage == "self_care"

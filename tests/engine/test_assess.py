"""The assessment's shape and its safety behaviour on simple cases."""

from __future__ import annotations

from backcheck.engine.assess import assess
from backcheck.engine.case import Case
from backcheck.engine.replay import replays
from backcheck.knowledge.base import KnowledgeBase

STRAIN = Case(
    id="s1",
    age=30,
    sex="male",
    findings={
        "after_sex": True,
        "muscle_stiffness_tenderness": True,
        "fever": False,
        "saddle_anaesthesia": False,
        "urinary_retention": False,
        "radiation_below_knee": False,
    },
)
CES = Case(age=45, sex="male", findings={"saddle_anaesthesia": True, "urinary_retention": True})


def test_plain_strain_is_self_care_with_a_plan(kb: KnowledgeBase) -> None:
    a = assess(STRAIN, kb)
    assert a.triage == "self_care"
    assert not a.red_flags
    top3 = [c.id for c in a.conditions[:3]]
    assert "muscle_strain" in top3
    assert a.plan.do and a.plan.exercises
    assert a.id == "s1"


def test_ces_is_an_emergency_without_exercises(kb: KnowledgeBase) -> None:
    a = assess(CES, kb)
    assert a.triage in ("emergency", "emergency_ambulance")
    assert a.red_flags
    assert a.conditions[0].id == "cauda_equina_syndrome"
    assert not a.plan.exercises
    assert a.plan.seek_care


def test_output_carries_codes_why_citations_version(kb: KnowledgeBase) -> None:
    a = assess(STRAIN, kb)
    top = a.conditions[0]
    assert top.icd10 and 0.0 <= top.probability <= 1.0 and top.why
    cited = {c.id for c in a.citations}
    assert {w.citation for c in a.conditions for w in c.why} <= cited
    assert a.kb_version == kb.version and a.disclaimer
    assert replays(a)


def test_languages_change_text_not_decisions(kb: KnowledgeBase) -> None:
    en, ar, zh = (assess(CES, kb, lang=lang) for lang in ("en", "ar", "zh"))
    assert en.triage == ar.triage == zh.triage
    assert [c.id for c in en.conditions] == [c.id for c in ar.conditions]
    assert en.triage_name != ar.triage_name != zh.triage_name


def test_text_is_noted_not_read(kb: KnowledgeBase) -> None:
    a = assess(Case(text="I cannot pee and my bottom is numb"), kb)
    assert a.notes and "not" in a.notes[-1]


def test_no_prescription_drug_advice(kb: KnowledgeBase) -> None:
    banned = ("antibiotic", "levofloxacin", "opioid", "muscle relaxant", "prescription")
    for advice in kb.advice.values():
        if advice.kind == "pain_relief":
            text = advice.text.en.lower()
            assert not any(word in text and "not" not in text for word in banned), advice.id


def test_heat_withheld_when_infection_suspected(kb: KnowledgeBase) -> None:
    case = Case(
        age=35,
        sex="female",
        findings={"fever": True, "chills_rigors": True, "pain_flank": True, "dysuria": True},
    )
    a = assess(case, kb)
    offered = {i.id for i in [*a.plan.do, *a.plan.exercises]}
    assert not any("heat" in i for i in offered)

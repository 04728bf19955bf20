"""The general findings of issue 14 (findings_general.yaml): reachable from text in each
language (lexicon_general.yaml), and their rules keep mechanical pain out of the emergency
department (triage_rules_general.yaml)."""

from __future__ import annotations

import pytest

from backcheck.engine.assess import assess
from backcheck.engine.case import Case, Lang
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context, run_case

KB = load_knowledge_base()
CTX = Context.create(KB)


@pytest.mark.parametrize(
    ("lang", "text", "finding", "state"),
    [
        (
            "en",
            "Sore back, and a gnawing ache just below my right ribs since the takeaway",
            "right_upper_abdominal_pain",
            True,
        ),
        (
            "en",
            "My husband noticed my eyes are looking a bit yellow; lower back aches",
            "yellow_skin_or_eyes",
            True,
        ),
        ("en", "Mid back pain, stabbing when I breathe in", "pain_on_breathing", True),
        ("en", "I have had a dry cough for a week and now my back hurts", "cough", True),
        ("en", "Back pain, no cough and no fever", "cough", False),
        ("ar", "عندي الم فوق البطن من اليمين وظهري بيوجعني", "right_upper_abdominal_pain", True),
        ("ar", "ضهري بيوجعني وعندي سعال من ايام", "cough", True),
        ("zh", "右侧肋骨底下疼，背也疼", "right_upper_abdominal_pain", True),
    ],
)
def test_general_findings_are_read(lang: Lang, text: str, finding: str, state: bool) -> None:
    result = run_case(Case(text=text), CTX, lang=lang)
    assert result.reading is not None
    assert result.reading.findings.get(finding) is state


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "My back really hurts when I cough or sneeze"), ("ar", "لما اكح بيوجعني ظهري")],
)
def test_pain_on_coughing_is_not_a_cough(lang: Lang, text: str) -> None:
    result = run_case(Case(text=text), CTX, lang=lang)
    assert result.reading is not None
    assert result.reading.findings.get("cough") is None


@pytest.mark.parametrize(
    ("findings", "level"),
    [
        # low-speed collision or a tackle: a same-day check, not the emergency department
        ({"road_traffic_collision": True, "minor_trauma": True}, "consultation_24"),
        ({"high_speed_sport_injury": True, "spine_tender_to_touch": True}, "emergency"),
        # old cancer: a GP appointment; with features of spread, within 24 hours (NICE NG234)
        ({"history_of_cancer": True, "after_lifting": True}, "consultation"),
        ({"history_of_cancer": True, "night_pain": True}, "consultation_24"),
        ({"long_term_steroids": True, "sudden_onset": True}, "consultation_24"),
        ({"weeks_pregnant": 36}, "consultation"),
        ({"weeks_pregnant": 24}, "self_care"),
        ({"immunosuppression": True, "temperature_c": 37.6}, "consultation_24"),
        ({"chills_rigors": True, "heart_rate": 104}, "emergency"),
        ({"yellow_skin_or_eyes": True}, "consultation_24"),
        ({"right_upper_abdominal_pain": True, "fever": True}, "emergency"),
        ({"chest_pain": True, "thoracic_pain": True}, "emergency_ambulance"),
        ({"known_aortic_aneurysm": True}, "emergency"),
    ],
)
def test_general_rules_set_their_level(findings: dict[str, object], level: str) -> None:
    assert assess(Case(age=40, sex="female", findings=findings), KB).triage == level  # type: ignore[arg-type]


# Second pass (issue 14, round 2 engine misses): each class reaches its level from structured
# findings, and a near-miss of it does not (red flags only raise; strains stay out of hospital).
@pytest.mark.parametrize(
    ("age", "findings", "level"),
    [
        # renal colic among the worst pain ever: emergency (CKS renal colic); without it, same day
        (
            41,
            {"colicky_pain": True, "pain_flank": True, "pain_to_groin": True, "severe_pain": True},
            "emergency",
        ),
        (41, {"colicky_pain": True, "pain_flank": True, "pain_to_groin": True}, "consultation_24"),
        # kidney infection with diabetes: emergency (CKS pyelonephritis)
        (
            58,
            {
                "diabetes": True,
                "pain_one_side": True,
                "dysuria": True,
                "chills_rigors": True,
                "temperature_c": 39.0,
            },
            "emergency",
        ),
        # shingles before the rash: same day (CKS shingles)
        (71, {"band_like_pain": True, "band_rash": False}, "consultation_24"),
        # weight loss with night pain in a smoker over 50: same day (NICE NG234)
        (66, {"weight_loss_unexplained": True, "night_pain": True, "smoking": True}, "consultation_24"),
        # new sexual dysfunction: suspected cauda equina, emergency (CKS sciatica, GIRFT)
        (40, {"sexual_dysfunction_new": True}, "emergency"),
        # cannot stand or walk: emergency; with both legs affected, an ambulance
        (40, {"cannot_stand_or_walk": True}, "emergency"),
        (40, {"cannot_stand_or_walk": True, "both_legs": True, "leg_weakness": True}, "emergency_ambulance"),
        # breathing difficulty with pain on breathing in: ambulance; alone it stays emergency
        (40, {"breathing_difficulty": True, "pain_on_breathing": True}, "emergency_ambulance"),
        (40, {"breathing_difficulty": True}, "emergency"),
        # a fall from a height alone: emergency department; with spinal tenderness, an ambulance
        (45, {"fall_from_height": True}, "emergency"),
        (45, {"fall_from_height": True, "spine_tender_to_touch": True}, "emergency_ambulance"),
        # blood thinners, sudden pain and a fast pulse: emergency
        (
            73,
            {"anticoagulants": True, "sudden_onset": True, "pain_flank": True, "heart_rate": 108},
            "emergency",
        ),
        # infection risk, tender spine and night sweats: emergency
        (30, {"injecting_drug_use": True, "spine_tender_to_touch": True, "night_sweats": True}, "emergency"),
        # appointment-level classes
        (29, {"psoriasis_uveitis_or_ibd": True}, "consultation"),
        (25, {"morning_stiffness_over_30min": True, "better_with_exercise": True}, "consultation"),
        (36, {"after_lifting": True, "duration_days": 30}, "consultation"),
        (36, {"radiation_below_knee": True, "duration_days": 15}, "consultation"),
        (40, {"anaemia_symptoms": True}, "consultation"),
        (40, {"abdominal_pain": True}, "consultation"),
        (40, {"hypertension": True}, "consultation"),
        (75, {"after_lifting": True}, "consultation"),
        (40, {"unsteady_walking": True}, "consultation_24"),
        (40, {"pain_on_hip_extension": True}, "consultation_24"),
        # near-misses that stay at home: a young athlete's day-0 soreness, period pain, a short strain
        (19, {"after_exercise": True, "muscle_stiffness_tenderness": True, "duration_days": 0}, "self_care"),
        (25, {"during_period": True, "lower_abdominal_pain": True, "duration_days": 1}, "self_care"),
        (36, {"after_lifting": True, "radiation_below_knee": True, "duration_days": 5}, "self_care"),
    ],
)
def test_second_pass_classes(age: int, findings: dict[str, object], level: str) -> None:
    assert assess(Case(age=age, findings=findings), KB).triage == level

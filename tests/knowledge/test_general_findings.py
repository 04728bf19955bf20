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

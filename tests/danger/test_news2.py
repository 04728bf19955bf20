"""NEWS2 against the Royal College of Physicians' chart 1 (2017): worked examples, partial scores
as lower bounds, and the floors the score sets."""

from __future__ import annotations

import pytest

from backcheck.danger.scores import compute_score
from backcheck.engine.assess import assess
from backcheck.engine.case import Case
from backcheck.knowledge.base import KnowledgeBase

FULL_NORMAL = {
    "respiratory_rate": 16.0, "oxygen_saturation": 97.0, "on_supplemental_oxygen": False,
    "systolic_bp": 125.0, "heart_rate": 72.0, "new_confusion": False, "reduced_consciousness": False,
    "temperature_c": 36.8,
}  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "total", "highest"),
    [
        ({}, 0, 0),
        # Each band edge of the chart, one parameter at a time.
        ({"respiratory_rate": 8.0}, 3, 3),
        ({"respiratory_rate": 9.0}, 1, 1),
        ({"respiratory_rate": 11.0}, 1, 1),
        ({"respiratory_rate": 12.0}, 0, 0),
        ({"respiratory_rate": 20.0}, 0, 0),
        ({"respiratory_rate": 21.0}, 2, 2),
        ({"respiratory_rate": 24.0}, 2, 2),
        ({"respiratory_rate": 25.0}, 3, 3),
        ({"oxygen_saturation": 91.0}, 3, 3),
        ({"oxygen_saturation": 92.0}, 2, 2),
        ({"oxygen_saturation": 94.0}, 1, 1),
        ({"oxygen_saturation": 96.0}, 0, 0),
        ({"on_supplemental_oxygen": True}, 2, 2),
        ({"systolic_bp": 90.0}, 3, 3),
        ({"systolic_bp": 91.0}, 2, 2),
        ({"systolic_bp": 101.0}, 1, 1),
        ({"systolic_bp": 111.0}, 0, 0),
        ({"systolic_bp": 219.0}, 0, 0),
        ({"systolic_bp": 220.0}, 3, 3),
        ({"heart_rate": 40.0}, 3, 3),
        ({"heart_rate": 41.0}, 1, 1),
        ({"heart_rate": 51.0}, 0, 0),
        ({"heart_rate": 91.0}, 1, 1),
        ({"heart_rate": 111.0}, 2, 2),
        ({"heart_rate": 130.0}, 2, 2),
        ({"heart_rate": 131.0}, 3, 3),
        ({"new_confusion": True}, 3, 3),
        ({"temperature_c": 35.0}, 3, 3),
        ({"temperature_c": 35.1}, 1, 1),
        ({"temperature_c": 36.1}, 0, 0),
        ({"temperature_c": 38.1}, 1, 1),
        ({"temperature_c": 39.1}, 2, 2),
        # ACVPU counts once: confusion and responding only to voice are one parameter.
        ({"new_confusion": True, "reduced_consciousness": True}, 3, 3),
        # A worked example: RR 22, SpO2 95 % on air, BP 105, pulse 105, alert, 38.5 °C = 2+1+1+1+1.
        (
            {
                "respiratory_rate": 22.0,
                "oxygen_saturation": 95.0,
                "systolic_bp": 105.0,
                "heart_rate": 105.0,
                "temperature_c": 38.5,
            },
            6,
            2,
        ),
    ],
)
def test_news2_chart(kb: KnowledgeBase, changes: dict[str, float | bool], total: int, highest: int) -> None:
    result = compute_score(kb.scores["news2"], {**FULL_NORMAL, **changes})
    assert result is not None
    assert (result.total, result.highest, result.complete) == (total, highest, True)


def test_news2_is_unknown_without_any_vital_sign(kb: KnowledgeBase) -> None:
    assert compute_score(kb.scores["news2"], {"after_lifting": True}) is None
    a = assess(Case(age=40, findings={"after_lifting": True}), kb)
    assert a.scores == []
    assert not any(o.finding.startswith("news2") for o in a.observations)


def test_a_partial_score_is_a_floor_never_reassurance(kb: KnowledgeBase) -> None:
    # Pulse 125 and BP 78/40 alone: 2 + 3 = 5 with four parameters unknown.
    a = assess(Case(age=60, findings={"heart_rate": 125, "systolic_bp": 78, "diastolic_bp": 40}), kb)
    news2 = a.scores[0]
    assert (news2.total, news2.complete) == (5, False)
    assert a.triage == "consultation_24"
    states = {o.finding: o.state for o in a.observations}
    assert states["news2_5_or_more"] == "present" and states["news2_red_parameter"] == "present"
    assert "news2_7_or_more" not in states  # unknown, not absent: the rest could add two more
    # A normal but partial set says nothing about the score at all.
    b = assess(Case(age=60, findings={"heart_rate": 72, "after_lifting": True}), kb)
    assert not any(o.finding.startswith("news2") for o in b.observations)


def test_a_complete_normal_set_is_known_absent(kb: KnowledgeBase) -> None:
    a = assess(Case(age=60, findings={**FULL_NORMAL, "after_lifting": True}), kb)
    states = {o.finding: o.state for o in a.observations}
    assert states["news2_5_or_more"] == states["news2_7_or_more"] == "absent"
    assert a.triage == "self_care"


@pytest.mark.parametrize(
    ("vitals", "level"),
    [
        ({"heart_rate": 124, "systolic_bp": 86, "temperature_c": 39.8}, "emergency_ambulance"),  # 2+3+2
        ({"respiratory_rate": 26, "oxygen_saturation": 90, "heart_rate": 120}, "emergency_ambulance"),
        ({"heart_rate": 112, "temperature_c": 38.9, "respiratory_rate": 22}, "emergency"),  # 2+1+2, fever
        ({"oxygen_saturation": 91}, "consultation_24"),  # one red parameter
        ({"heart_rate": 112, "oxygen_saturation": 94, "respiratory_rate": 22}, "consultation_24"),  # 2+1+2
    ],
)
def test_news2_sets_the_floor(kb: KnowledgeBase, vitals: dict[str, float], level: str) -> None:
    assert assess(Case(age=50, findings=vitals), kb).triage == level

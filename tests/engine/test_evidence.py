"""Input checking and derived findings."""

from __future__ import annotations

import pytest

from backcheck.engine.case import Case, parse_case
from backcheck.engine.evidence import collect_evidence
from backcheck.errors import InputError
from backcheck.knowledge.base import KnowledgeBase


def test_age_and_sex_derive_booleans(kb: KnowledgeBase) -> None:
    evidence, _ = collect_evidence(Case(age=72, sex="female"), kb)
    assert evidence["age_over_70"].present and evidence["age_over_50"].present
    assert not evidence["age_under_40"].present
    assert evidence["sex_female"].present and not evidence["sex_male"].present


def test_unknown_stays_unknown(kb: KnowledgeBase) -> None:
    evidence, _ = collect_evidence(Case(findings={"fever": None}), kb)
    assert "fever" not in evidence and "age_over_50" not in evidence


def test_temperature_derives_fever(kb: KnowledgeBase) -> None:
    evidence, _ = collect_evidence(Case(findings={"temperature_c": 38.6}), kb)
    assert evidence["fever"].present and evidence["fever"].source == "derived"
    evidence, _ = collect_evidence(Case(findings={"temperature_c": 36.9}), kb)
    assert not evidence["fever"].present


def test_measured_fever_outranks_a_no(kb: KnowledgeBase) -> None:
    evidence, notes = collect_evidence(Case(findings={"temperature_c": 39.2, "fever": False}), kb)
    assert evidence["fever"].present
    assert any("fever" in n for n in notes)


@pytest.mark.parametrize(
    ("findings", "code", "field"),
    [
        ({"no_such_thing": True}, "IN104", "findings.no_such_thing"),
        ({"fever": "yes"}, "IN105", "findings.fever"),
        ({"fever": 1}, "IN105", "findings.fever"),
        ({"temperature_c": True}, "IN105", "findings.temperature_c"),
        ({"temperature_c": 55}, "IN106", "findings.temperature_c"),
        ({"sex": "other"}, "IN105", "findings.sex"),
    ],
)
def test_bad_findings_name_the_field(kb: KnowledgeBase, findings: dict, code: str, field: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InputError) as info:
        collect_evidence(Case(findings=findings), kb)
    assert info.value.code.name == code
    assert info.value.field == field


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        ([1, 2], "IN102", None),
        ({"age": True}, "IN105", "age"),
        ({"age": "40"}, "IN105", "age"),
        ({"age": 130}, "IN106", "age"),
        ({"sex": "m"}, "IN105", "sex"),
        ({"colour": "red"}, "IN103", "colour"),
        ({"findings": {"fever": [1]}}, "IN105", "findings.fever"),
    ],
)
def test_parse_case_names_the_field(data: object, code: str, field: str | None) -> None:
    with pytest.raises(InputError) as info:
        parse_case(data)
    assert info.value.code.name == code
    assert info.value.field == field


def test_conflicting_age_is_rejected(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="age"):
        collect_evidence(Case(age=40, findings={"age": 41}), kb)


def test_a_boolean_age_in_findings_is_refused_even_beside_age_zero(kb: KnowledgeBase) -> None:
    # Found by schemathesis: False == 0 in Python, so findings.age=false slipped past age=0.
    with pytest.raises(InputError) as info:
        collect_evidence(Case(age=0, findings={"age": False}), kb)
    assert info.value.code.name in ("IN105", "IN106")


def test_a_whole_number_age_written_as_34_0_is_34_but_34_5_is_refused() -> None:
    # JSON has one number type, and JSON Schema calls 34.0 an integer (found by schemathesis).
    assert Case(age=34.0).age == 34  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Case(age=34.5)  # type: ignore[arg-type]

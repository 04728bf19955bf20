"""Which questions apply, what each shows, and what an answer sets."""

from __future__ import annotations

from backcheck.engine.case import FindingValue
from backcheck.engine.evidence import Evidence
from backcheck.engine.rules import matches
from backcheck.errors import ErrorCode, InputError
from backcheck.interview.state import DONT_KNOW, AnswerValue
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Applies, Question


def applies(rule: Applies | None, evidence: Evidence) -> bool:
    """Whether a question or item applies. Unknown age or sex never hides it (safety first)."""
    if rule is None:
        return True
    sex = evidence.get("sex")
    if rule.sex is not None and sex is not None and sex.value != rule.sex:
        return False
    age = evidence.get("age")
    if age is not None and isinstance(age.value, float):
        if rule.age_min is not None and age.value < rule.age_min:
            return False
        if rule.age_max is not None and age.value > rule.age_max:
            return False
    return rule.when is None or matches(rule.when, evidence)


def shown_members(question: Question, evidence: Evidence) -> list[str]:
    """The checklist items to show: those that apply and are not known yet."""
    return [
        m.finding
        for m in question.members or []
        if m.finding not in evidence and applies(m.applies, evidence)
    ]


def is_open(question: Question, evidence: Evidence) -> bool:
    """A question is worth showing when it applies and something it sets is still unknown."""
    if not applies(question.applies, evidence):
        return False
    if question.kind == "checklist":
        return bool(shown_members(question, evidence))
    return any(fid not in evidence for fid in question.finding_ids())


def findings_from_answer(
    kb: KnowledgeBase, question: Question, value: AnswerValue, *, shown: list[str] | None = None
) -> dict[str, FindingValue]:
    """What an answer sets, after checking that it fits the question.

    Raises:
        InputError: IN110 when the answer does not fit (naming what would).
    """
    if value == DONT_KNOW:
        return {}
    where = f"answer to {question.id}"
    if question.kind == "yes_no":
        if not isinstance(value, bool):
            raise InputError(ErrorCode.IN110, f"{question.id} takes yes, no or don't know", field=where)
        assert question.finding is not None  # schema: yes_no questions name their finding
        return {question.finding: value}
    if question.kind == "number":
        assert question.finding is not None
        finding = kb.findings[question.finding]
        low, high = finding.minimum, finding.maximum
        assert low is not None and high is not None  # schema: numbers have a range
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise InputError(
                ErrorCode.IN110,
                f"{question.id} takes a number from {low:g} to {high:g} {finding.unit}, or don't know",
                field=where,
            )
        return {question.finding: int(value) if question.finding == "age" else float(value)}
    if question.kind == "choice":
        for option in question.options or []:
            if value == option.id:
                return dict(option.sets)
        ids = [o.id for o in question.options or []]
        raise InputError(ErrorCode.IN110, f"{question.id} takes one of {ids} or don't know", field=where)
    if not isinstance(value, dict):
        raise InputError(
            ErrorCode.IN110, f"{question.id} takes each item as true, false or null", field=where
        )
    allowed = shown if shown is not None else [m.finding for m in question.members or []]
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise InputError(ErrorCode.IN110, f"{question.id} does not list {unknown}", field=where)
    return {fid: v for fid, v in value.items() if v is not None}

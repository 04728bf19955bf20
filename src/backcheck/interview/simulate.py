"""The simulated patient: answers each question from what a case states, "don't know" otherwise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from backcheck.engine.assessment import Assessment
from backcheck.engine.case import Case, FindingValue, Lang
from backcheck.engine.evidence import Evidence, collect_evidence
from backcheck.interview.choose import NextQuestion, next_question
from backcheck.interview.questions import is_open, shown_members
from backcheck.interview.state import DONT_KNOW, AnswerValue, InterviewState
from backcheck.interview.steps import answer, evidence_of, finish, start
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Option, Question


@dataclass(frozen=True, slots=True, kw_only=True)
class Simulated:
    """One simulated interview and its result."""

    id: str | int | None
    assessment: Assessment
    questions: list[str]
    answers: list[AnswerValue]


def patient_answer(question: Question, shown: list[str], knows: Evidence) -> AnswerValue:
    """What a person who knows exactly ``knows`` (findings with derived ones) would answer."""
    if question.kind == "checklist":
        return {fid: (knows[fid].present if fid in knows else None) for fid in shown}
    if question.kind == "yes_no":
        assert question.finding is not None
        obs = knows.get(question.finding)
        return obs.present if obs is not None else DONT_KNOW
    if question.kind == "number":
        assert question.finding is not None
        obs = knows.get(question.finding)
        return obs.value if obs is not None and isinstance(obs.value, float) else DONT_KNOW
    for option in question.options or []:
        if _fits(option, knows):
            return option.id
    return DONT_KNOW


def _fits(option: Option, knows: Evidence) -> bool:
    """Every finding the option sets that the patient knows agrees, and at least one is known."""
    known = 0
    for fid, value in option.sets.items():
        obs = knows.get(fid)
        if obs is None:
            continue
        known += 1
        if isinstance(value, bool):
            if obs.present != value:
                return False
        elif option.covers is not None and isinstance(obs.value, float):
            low, high = option.covers
            if not low <= obs.value < high:
                return False
        elif obs.value != value:
            return False
    return known > 0


Chooser = Callable[[InterviewState, KnowledgeBase], NextQuestion | None]


def fixed_order(state: InterviewState, kb: KnowledgeBase) -> NextQuestion | None:
    """The baseline: every question that applies, in file order, with no stopping rule."""
    evidence = evidence_of(state, kb)
    asked = state.asked()
    for q in kb.questions.values():
        if q.id not in asked and is_open(q, evidence):
            shown = shown_members(q, evidence) if q.kind == "checklist" else []
            return NextQuestion(
                question=q, shown=shown, phase="warning_signs", reason="", about=[],
                triage_value=0.0, differential_value=0.0, asked=len(state.answers), remaining=1,
            )  # fmt: skip
    return None


def simulate(
    case: Case,
    kb: KnowledgeBase,
    *,
    lang: Lang = "en",
    from_text: dict[str, FindingValue] | None = None,
    knows: dict[str, FindingValue] | None = None,
    chooser: Chooser = next_question,
) -> Simulated:
    """Run one interview against a simulated patient. Pure.

    Args:
        case: the patient: ``age``, ``sex`` and ``findings`` are what they know.
        from_text: findings read from the case's text: the interview starts from them.
        knows: extra findings the patient knows (what their text states), under the case's own.
        chooser: how the next question is chosen (the baseline :func:`fixed_order` to compare).
    """
    truth = Case(age=case.age, sex=case.sex, findings={**(knows or {}), **case.findings})
    evidence, _ = collect_evidence(truth, kb)
    state: InterviewState = start(kb, lang=lang, age=case.age, sex=case.sex, from_text=from_text)
    asked: list[str] = []
    given: list[AnswerValue] = []
    while (ask := chooser(state, kb)) is not None:
        value = patient_answer(ask.question, ask.shown, evidence)
        state = answer(state, kb, ask.question.id, value)
        asked.append(ask.question.id)
        given.append(value)
    case_id = str(case.id) if case.id is not None else None
    return Simulated(
        id=case.id, assessment=finish(state, kb, case_id=case_id), questions=asked, answers=given
    )

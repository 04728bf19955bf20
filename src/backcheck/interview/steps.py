"""Moving through an interview: start, answer (or change an answer), go back, assess."""

from __future__ import annotations

from backcheck.engine.assess import assess
from backcheck.engine.assessment import Assessment
from backcheck.engine.case import Case, FindingValue, Lang, Sex
from backcheck.engine.evidence import Evidence, collect_evidence
from backcheck.errors import ErrorCode, InputError
from backcheck.interview.questions import findings_from_answer, is_open, shown_members
from backcheck.interview.state import Answer, AnswerValue, InterviewState, case_of
from backcheck.knowledge.base import KnowledgeBase


def start(
    kb: KnowledgeBase,
    *,
    lang: Lang = "en",
    age: int | None = None,
    sex: Sex | None = None,
    text: str | None = None,
    from_text: dict[str, FindingValue] | None = None,
) -> InterviewState:
    """A new interview, optionally from what was read in the person's own words.

    Raises:
        InputError: a finding read from the text is not in the knowledge base.
    """
    state = InterviewState(
        kb_version=kb.version, lang=lang, age=age, sex=sex, text=text, from_text=dict(from_text or {})
    )
    collect_evidence(case_of(state, {}), kb)  # validates the text's findings and the profile
    return state


def answered_findings(state: InterviewState, kb: KnowledgeBase) -> dict[str, FindingValue]:
    """What the answers set, in order (a later answer to the same finding wins)."""
    out: dict[str, FindingValue] = {}
    for a in state.answers:
        out.update(findings_from_answer(kb, kb.questions[a.question], a.value))
    return out


def to_case(state: InterviewState, kb: KnowledgeBase, *, case_id: str | None = None) -> Case:
    """The case the answers describe (text findings first, answers over them)."""
    return case_of(state, answered_findings(state, kb), case_id=case_id)


def evidence_of(state: InterviewState, kb: KnowledgeBase) -> Evidence:
    """The engine's evidence for the state (derived findings included)."""
    evidence, _ = collect_evidence(to_case(state, kb), kb)
    return evidence


def answer(state: InterviewState, kb: KnowledgeBase, question_id: str, value: AnswerValue) -> InterviewState:
    """Record an answer, or change an earlier one.

    Changing an earlier answer keeps the later answers whose questions still apply and drops
    the others (a "yes, pregnant" changed to "no" drops the pregnancy questions).

    Raises:
        InputError: IN111 for a question that does not exist or does not apply now;
            IN110 for an answer that does not fit the question.
    """
    question = kb.questions.get(question_id)
    if question is None:
        raise InputError(ErrorCode.IN111, f"there is no question {question_id!r}", field="question")
    earlier = [a for a in state.answers if a.question != question_id]
    position = next((i for i, a in enumerate(state.answers) if a.question == question_id), None)
    before = state.model_copy(update={"answers": tuple(earlier if position is None else earlier[:position])})
    evidence = evidence_of(before, kb)
    if position is None and not is_open(question, evidence):
        raise InputError(ErrorCode.IN111, f"question {question_id!r} does not apply now", field="question")
    shown = shown_members(question, evidence) if question.kind == "checklist" else None
    findings_from_answer(kb, question, value, shown=shown)  # raises IN110 if it does not fit
    new = Answer(question=question_id, value=value)
    if position is None:
        return state.model_copy(update={"answers": (*state.answers, new)})
    kept: list[Answer] = [*earlier[:position], new]
    for later in earlier[position:]:
        current = state.model_copy(update={"answers": tuple(kept)})
        if is_open(kb.questions[later.question], evidence_of(current, kb)):
            kept.append(later)
    return state.model_copy(update={"answers": tuple(kept)})


def back(state: InterviewState) -> InterviewState:
    """Undo the last answer (nothing to undo: the same state)."""
    return state.model_copy(update={"answers": state.answers[:-1]})


def finish(state: InterviewState, kb: KnowledgeBase, *, case_id: str | None = None) -> Assessment:
    """Assess what is known now (the interview may stop at any point)."""
    return assess(to_case(state, kb, case_id=case_id), kb, lang=state.lang)

"""The interview engine: what it asks, when it stops, and how answers and changes behave."""

from __future__ import annotations

import pytest

from backcheck.errors import InputError
from backcheck.interview import DONT_KNOW, InterviewState, answer, back, finish, next_question, start, to_case
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def _asked_ids(state: InterviewState, kb: KnowledgeBase, *, reply: object = DONT_KNOW) -> list[str]:
    """Run to the end answering every question the same way (checklists: nothing known)."""
    ids = []
    while (ask := next_question(state, kb)) is not None:
        value = {f: None for f in ask.shown} if ask.question.kind == "checklist" else reply
        state = answer(state, kb, ask.question.id, value)  # type: ignore[arg-type]
        ids.append(ask.question.id)
    return ids


def test_age_and_sex_come_first_when_unknown(kb: KnowledgeBase) -> None:
    state = start(kb)
    first = next_question(state, kb)
    assert first is not None and first.question.id == "age" and first.phase == "profile"
    state = answer(state, kb, "age", 34)
    second = next_question(state, kb)
    assert second is not None and second.question.id == "sex"


def test_no_pregnancy_questions_for_men_or_outside_the_age_range(kb: KnowledgeBase) -> None:
    for age, sex in ((30, "male"), (70, "female"), (8, "female")):
        asked = _asked_ids(start(kb, age=age, sex=sex), kb)  # type: ignore[arg-type]
        assert "pregnancy_status" not in asked
        assert "pregnancy_warning_signs" not in asked
    assert "pregnancy_status" in _asked_ids(start(kb, age=30, sex="female"), kb)


def test_pregnancy_warning_signs_follow_a_yes_to_pregnancy(kb: KnowledgeBase) -> None:
    state = answer(start(kb, age=30, sex="female"), kb, "pregnancy_status", "pregnant")
    assert "pregnancy_warning_signs" in _asked_ids(state, kb)
    state = answer(start(kb, age=30, sex="female"), kb, "pregnancy_status", "neither")
    assert "pregnancy_warning_signs" not in _asked_ids(state, kb)


def test_what_the_text_said_is_not_asked_again(kb: KnowledgeBase) -> None:
    state = start(kb, age=40, sex="male", from_text={"saddle_anaesthesia": False, "urinary_retention": False})
    while (ask := next_question(state, kb)) is not None:
        assert "saddle_anaesthesia" not in ask.shown and "urinary_retention" not in ask.shown
        state = answer(state, kb, ask.question.id, DONT_KNOW)


def test_warning_signs_come_first_and_each_question_says_why(kb: KnowledgeBase) -> None:
    state = start(kb, age=40, sex="male")
    first = next_question(state, kb)
    assert first is not None and first.phase == "warning_signs"
    assert first.about and all(a in {r.id for r in kb.rules} | set(kb.conditions) for a in first.about)
    assert first.reason.startswith("To check for warning signs")


def test_reasons_are_in_the_interview_language(kb: KnowledgeBase) -> None:
    ask = next_question(start(kb, lang="ar", age=40, sex="male"), kb)
    assert ask is not None and any("\u0600" <= ch <= "\u06ff" for ch in ask.reason)


def test_an_emergency_answer_ends_the_interview_at_emergency(kb: KnowledgeBase) -> None:
    state = start(kb, age=45, sex="male")
    ask = next_question(state, kb)
    while ask is not None and ask.question.id != "bladder_bowel_urine":
        state = answer(state, kb, ask.question.id, DONT_KNOW)
        ask = next_question(state, kb)
    assert ask is not None, "the bladder and saddle checklist must be asked"
    items = {f: f == "saddle_anaesthesia" for f in ask.shown}
    state = answer(state, kb, "bladder_bowel_urine", items)
    assert finish(state, kb).triage in ("emergency", "emergency_ambulance")
    follow = next_question(state, kb)
    assert follow is None or follow.phase == "warning_signs"  # never refines causes in an emergency


def test_dont_know_fits_every_question_and_sets_nothing(kb: KnowledgeBase) -> None:
    state = start(kb, age=30, sex="female")
    for qid in ("pregnancy_status", "duration"):
        state = answer(state, kb, qid, DONT_KNOW)
    assert to_case(state, kb).findings == {}


@pytest.mark.parametrize(
    ("question", "value"),
    [("duration", "forever"), ("age", 200), ("age", True), ("legs", {"fever": True}), ("legs", "yes")],
)
def test_answers_that_do_not_fit_are_refused(kb: KnowledgeBase, question: str, value: object) -> None:
    state = start(kb, age=30 if question != "age" else None, sex="male")
    with pytest.raises(InputError) as info:
        answer(state, kb, question, value)  # type: ignore[arg-type]
    assert info.value.code.name == "IN110"


def test_unknown_or_inapplicable_questions_are_refused(kb: KnowledgeBase) -> None:
    state = start(kb, age=30, sex="male")
    for qid in ("no_such_question", "pregnancy_status"):
        with pytest.raises(InputError) as info:
            answer(state, kb, qid, DONT_KNOW)
        assert info.value.code.name == "IN111"


def test_back_undoes_the_last_answer(kb: KnowledgeBase) -> None:
    state = start(kb, age=30, sex="male")
    first = next_question(state, kb)
    assert first is not None
    after = answer(state, kb, first.question.id, DONT_KNOW)
    assert back(after) == state
    assert back(state) == state  # nothing to undo


def test_changing_an_answer_drops_questions_that_no_longer_apply(kb: KnowledgeBase) -> None:
    state = start(kb, age=30, sex="female")
    state = answer(state, kb, "pregnancy_status", "pregnant")
    ask = next_question(state, kb)
    while ask is not None and ask.question.id != "pregnancy_warning_signs":
        state = answer(state, kb, ask.question.id, DONT_KNOW)
        ask = next_question(state, kb)
    assert ask is not None
    state = answer(state, kb, "pregnancy_warning_signs", {f: False for f in ask.shown})
    legs_before = [a for a in state.answers if a.question == "legs"]
    changed = answer(state, kb, "pregnancy_status", "neither")
    assert "pregnancy_warning_signs" not in changed.asked()
    assert [a for a in changed.answers if a.question == "legs"] == legs_before
    assert to_case(changed, kb).findings["pregnant"] is False


def test_the_state_survives_json_and_the_engine_is_pure(kb: KnowledgeBase) -> None:
    state = start(kb, age=52, sex="male", text="back pain", from_text={"after_lifting": True})
    state = answer(state, kb, "legs", {"radiation_below_knee": True, "leg_weakness": None})
    again = InterviewState.model_validate_json(state.model_dump_json())
    assert again == state
    assert next_question(again, kb) == next_question(state, kb)


def test_the_interview_stops_at_max_questions(kb: KnowledgeBase) -> None:
    import dataclasses

    small = dataclasses.replace(kb, interview=kb.interview.model_copy(update={"max_questions": 2}))
    assert len(_asked_ids(start(small, age=40, sex="male"), small)) == 2

"""The interview state: a plain, serialisable record of what is known and what was answered."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from backcheck.engine.case import Case, FindingValue, Lang, Sex

DONT_KNOW = "dont_know"

#: yes_no: true/false; number: a number; choice: an option id; checklist: each shown item's
#: finding -> true/false/null. "dont_know" fits every question.
AnswerValue = StrictBool | StrictInt | StrictFloat | StrictStr | dict[StrictStr, StrictBool | None]


class Answer(BaseModel):
    """One answer, exactly as given."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: StrictStr
    value: AnswerValue


class InterviewState(BaseModel):
    """Everything an interview needs to continue: save it as JSON, load it, go on.

    The engine never changes a state in place; every step returns a new one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1] = 1
    kb_version: StrictStr
    lang: Lang = "en"
    age: Annotated[StrictInt, Field(ge=0, le=120)] | None = None
    sex: Sex | None = None
    #: The person's own words, if the interview started from them, and what was read there.
    text: StrictStr | None = None
    from_text: dict[StrictStr, FindingValue] = Field(default_factory=dict)
    answers: tuple[Answer, ...] = ()

    def asked(self) -> set[str]:
        """Ids of the questions answered so far (a "don't know" counts as asked)."""
        return {a.question for a in self.answers}

    def not_known(self) -> list[str]:
        """Ids of the questions answered "don't know", in order (for safety-netting)."""
        return [a.question for a in self.answers if a.value == DONT_KNOW]


def case_of(state: InterviewState, answered: dict[str, FindingValue], *, case_id: str | None = None) -> Case:
    """The case the engine assesses: the text's findings, then the answers (answers win)."""
    findings: dict[str, FindingValue] = {**state.from_text, **answered}
    age = findings.pop("age", None)
    sex = findings.pop("sex", None)
    return Case(
        id=case_id,
        age=state.age if state.age is not None else (int(age) if isinstance(age, int | float) else None),
        sex=state.sex if state.sex is not None else (sex if sex in ("female", "male") else None),
        findings=findings,
    )

"""The adaptive interview: the fewest questions to a safe answer (docs/interview.md).

Pure functions over a plain, serialisable :class:`InterviewState`, so the terminal, the web
app and the simulated-patient harness drive the same steps.
"""

from backcheck.interview.choose import NextQuestion, next_question
from backcheck.interview.state import DONT_KNOW, Answer, InterviewState
from backcheck.interview.steps import answer, back, finish, start, to_case

__all__ = [
    "DONT_KNOW",
    "Answer",
    "InterviewState",
    "NextQuestion",
    "answer",
    "back",
    "finish",
    "next_question",
    "start",
    "to_case",
]

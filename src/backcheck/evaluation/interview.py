"""The simulated-patient harness: interviews run against cases, scored against full information.

Used by ``backcheck interview --simulate``, the golden tests and docs/interview.md.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from backcheck.engine.assess import assess
from backcheck.engine.case import Case, FindingValue, Lang
from backcheck.errors import BackcheckError, ErrorCode, InputError
from backcheck.interview.choose import next_question
from backcheck.interview.simulate import Chooser, Simulated, simulate
from backcheck.knowledge.base import level_rank
from backcheck.knowledge.schema import TriageLevel
from backcheck.language.reading import read_text
from backcheck.pipeline import Context


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """One simulated interview next to the full-information assessment of the same case."""

    id: str | int | None
    full_triage: TriageLevel
    simulated: Simulated
    acceptable: tuple[TriageLevel, ...] = ()

    @property
    def triage(self) -> TriageLevel:
        return self.simulated.assessment.triage

    @property
    def asked(self) -> int:
        return len(self.simulated.questions)

    @property
    def under_triaged(self) -> bool:
        """Less urgent than the full-information result, or than every acceptable level."""
        floor = max((level_rank(x) for x in self.acceptable), default=level_rank(self.full_triage))
        return level_rank(self.triage) > min(floor, level_rank(self.full_triage))


def run_case(
    case: Case,
    ctx: Context,
    *,
    from_text: bool = False,
    lang: Lang | None = None,
    chooser: Chooser = next_question,
    acceptable: Iterable[TriageLevel] = (),
) -> Run:
    """Interview a simulated patient who knows the case's findings and what its text states.

    Raises:
        InputError: a bad case, or a text that cannot be read.
    """
    knows: dict[str, FindingValue] = {}
    reading_lang: Lang = lang or "en"
    if case.text:
        reading = read_text(case.text, kb=ctx.kb, packs=ctx.packs, lang=lang, flags=ctx.flags)
        knows = dict(reading.findings)
        reading_lang = reading.language
    structured = Case(id=case.id, age=case.age, sex=case.sex, findings=case.findings)
    full = assess(Case(age=case.age, sex=case.sex, findings={**knows, **case.findings}), ctx.kb)
    simulated = simulate(
        structured,
        ctx.kb,
        lang=reading_lang,
        from_text=knows if from_text else None,
        knows=knows,
        chooser=chooser,
    )
    return Run(id=case.id, full_triage=full.triage, simulated=simulated, acceptable=tuple(acceptable))


def run_lines(
    lines: Iterable[tuple[int, str]], ctx: Context, *, from_text: bool, chooser: Chooser = next_question
) -> Iterator[Run | tuple[int, BackcheckError]]:
    """Each JSONL line as a run, or (line number, error): a bad line never stops the batch."""
    for number, raw in lines:
        try:
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as err:
                raise InputError(ErrorCode.IN101, f"invalid JSON at column {err.colno}: {err.msg}") from err
            if not isinstance(data, dict):
                raise InputError(ErrorCode.IN102, "each line must be a JSON object")
            fields = {k: v for k, v in data.items() if k in ("id", "age", "sex", "text", "findings")}
            extra = sorted(set(data) - set(fields) - {"lang"})
            if extra:
                raise InputError(ErrorCode.IN103, f"unknown field(s) {extra}")
            case = Case.model_validate(fields)
            lang = data.get("lang")
            yield run_case(case, ctx, from_text=from_text, lang=lang, chooser=chooser)
        except BackcheckError as err:
            yield number, err
        except ValueError as err:  # pydantic's ValidationError
            yield number, InputError(ErrorCode.IN105, str(err).splitlines()[0])


def run_line_dict(run: Run) -> dict[str, Any]:
    """The JSON line ``--simulate`` prints for one case."""
    a = run.simulated.assessment
    return {
        "id": run.id,
        "triage": a.triage,
        "conditions": [c.id for c in a.conditions[:3]],
        "questions_asked": run.asked,
        "questions": run.simulated.questions,
        "full_information_triage": run.full_triage,
    }


def summary(runs: list[Run], *, errors: int = 0) -> dict[str, Any]:
    """Figures over many runs: same triage as full information, under-triage, questions asked."""
    counts = [r.asked for r in runs]
    same = sum(r.triage == r.full_triage for r in runs)
    by_level: dict[str, list[int]] = {}
    for r in runs:
        by_level.setdefault(r.full_triage, []).append(r.asked)
    emergencies = [r.asked for r in runs if level_rank(r.full_triage) <= level_rank("emergency")]
    return {
        "cases": len(runs),
        "errors": errors,
        "same_triage_as_full_information": same,
        "same_triage_share": round(same / len(runs), 4) if runs else None,
        "under_triage": sum(r.under_triaged for r in runs),
        "questions_median": statistics.median(counts) if counts else None,
        "questions_max": max(counts, default=None),
        "questions_median_emergency": statistics.median(emergencies) if emergencies else None,
        "questions_median_by_level": {k: statistics.median(v) for k, v in sorted(by_level.items())},
        "questions_most_asked": Counter(q for r in runs for q in r.simulated.questions).most_common(5),
    }

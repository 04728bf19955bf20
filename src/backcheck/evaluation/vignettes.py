"""Golden clinical vignettes: load them, assess them, score them like published checker studies.

Metrics follow the symptom-checker literature (Semigran 2015, Gilbert 2020):
acceptable triage, under- and over-triage, and the expected cause in the top three.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from backcheck.engine.assess import assess
from backcheck.engine.assessment import Assessment
from backcheck.engine.case import Case, FindingValue, Lang
from backcheck.knowledge.base import KnowledgeBase, level_rank
from backcheck.knowledge.schema import TriageLevel


class Vignette(BaseModel):
    """One golden case with its source and what a careful clinician would accept."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    source: str
    source_note: str
    description: str
    age: int
    sex: Literal["female", "male"]
    findings: dict[str, FindingValue]
    acceptable_triage: list[TriageLevel] = Field(min_length=1)
    expected_causes: list[str] = Field(min_length=1)
    red_flag_case: bool
    text: dict[Lang, str] = Field(default_factory=dict)

    def case(self) -> Case:
        """The structured case the engine assesses."""
        return Case(id=self.id, age=self.age, sex=self.sex, findings=dict(self.findings))


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cases: list[Vignette]


class Skip(BaseModel):
    """A vignette we cannot meet yet, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    reason: str


def load_vignettes(paths: list[Path]) -> list[Vignette]:
    """Read vignette files (each a mapping with a ``cases`` list)."""
    out: list[Vignette] = []
    for path in paths:
        out.extend(_File.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).cases)
    return out


def load_skips(path: Path) -> dict[str, str]:
    """Read a skip list: ``skips: [{id, reason}]``; a missing file means no skips."""
    if not path.exists():
        return {}
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {s.id: s.reason for s in (Skip.model_validate(x) for x in data.get("skips", []))}


@dataclass(frozen=True)
class Outcome:
    """How the engine did on one vignette."""

    vignette: Vignette
    triage: TriageLevel
    top3: tuple[str, ...]

    @property
    def acceptable(self) -> bool:
        return self.triage in self.vignette.acceptable_triage

    @property
    def under_triaged(self) -> bool:
        least_urgent = max(level_rank(t) for t in self.vignette.acceptable_triage)
        return level_rank(self.triage) > least_urgent

    @property
    def over_triaged(self) -> bool:
        most_urgent = min(level_rank(t) for t in self.vignette.acceptable_triage)
        return level_rank(self.triage) < most_urgent

    @property
    def cause_in_top3(self) -> bool:
        return any(c in self.top3 for c in self.vignette.expected_causes)


def outcome_of(vignette: Vignette, assessment: Assessment) -> Outcome:
    """Score one assessment against its vignette."""
    return Outcome(vignette, assessment.triage, tuple(c.id for c in assessment.conditions[:3]))


def run_vignette(vignette: Vignette, kb: KnowledgeBase) -> Outcome:
    """Assess a vignette's structured findings and score the result."""
    return outcome_of(vignette, assess(vignette.case(), kb))


@dataclass(frozen=True)
class Scores:
    """Suite-level figures."""

    cases: int
    acceptable_triage: float
    cause_in_top3: float
    under_triage_red_flag: int
    under_triage: int
    over_triage: int
    self_care_cases: int
    self_care_correct: float

    def as_dict(self) -> dict[str, float | int]:
        return dict(self.__dict__)


def score(outcomes: list[Outcome]) -> Scores:
    """Aggregate outcomes; percentages are fractions in [0, 1]."""
    n = len(outcomes) or 1
    self_care = [o for o in outcomes if o.vignette.acceptable_triage == ["self_care"]]
    return Scores(
        cases=len(outcomes),
        acceptable_triage=sum(o.acceptable for o in outcomes) / n,
        cause_in_top3=sum(o.cause_in_top3 for o in outcomes) / n,
        under_triage_red_flag=sum(o.under_triaged for o in outcomes if o.vignette.red_flag_case),
        under_triage=sum(o.under_triaged for o in outcomes),
        over_triage=sum(o.over_triaged for o in outcomes),
        self_care_cases=len(self_care),
        self_care_correct=sum(o.acceptable for o in self_care) / (len(self_care) or 1),
    )

"""The engine's output: an assessment with its explanation and trace."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import TypeAdapter

from backcheck.danger.crisis import CrisisHelp
from backcheck.danger.screened import Screened
from backcheck.knowledge.schema import Citation, Grade, RuleKind, TriageLevel

# Output values are frozen dataclasses: cheap to build on the hot path (an assessment holds
# ~200 of them), and pydantic still serialises them through a TypeAdapter.


@dataclass(frozen=True, slots=True, kw_only=True)
class Contribution:
    """One finding's effect on one condition: the 'why' of a ranking."""

    finding: str
    finding_name: str
    state: Literal["present", "absent"]
    likelihood_ratio: float
    effect: Literal["raised", "lowered", "unchanged"]
    citation: str
    grade: Grade


@dataclass(frozen=True, slots=True, kw_only=True)
class RankedCondition:
    """A possible cause with its probability and the reasons for it.

    ``flagged`` causes are those an open red flag points to; they are listed first.
    """

    id: str
    name: str
    icd10: str
    icd10_system: str
    snomed: str | None
    category: str
    evidence: str
    probability: float
    flagged: bool
    prior: float
    prior_context: list[str]
    needs: TriageLevel
    why: list[Contribution]
    referral: str
    citations: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleHit:
    """A red flag, triage tuple or care rule that matched."""

    id: str
    kind: RuleKind
    name: str
    level: TriageLevel
    reason: str
    matched: list[str]
    suspects: list[str]
    citations: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanItem:
    """One piece of advice."""

    id: str
    kind: str
    name: str
    text: str
    steps: list[str]
    citations: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictNote:
    """Advice some articles give that backcheck does not follow, and why."""

    id: str
    claim: str
    claim_source: str
    position: str
    citations: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """What to do: self-care, what to avoid, when to seek care, the expected course."""

    do: list[PlanItem]
    exercises: list[PlanItem]
    avoid: list[PlanItem]
    seek_care: list[PlanItem]
    safety_net: str
    course: str
    notes: list[str]
    not_recommended: list[ConflictNote]


@dataclass(frozen=True, slots=True, kw_only=True)
class ObservationOut:
    """A finding the engine used, and where it came from."""

    finding: str
    state: Literal["present", "absent"]
    value: float | str | None
    source: Literal["answer", "derived"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoreOut:
    """An aggregate score (NEWS2) over what is known; ``complete`` is False while a parameter
    is unknown, and the total is then a lower bound."""

    id: str
    name: str
    total: int
    highest: int
    points: dict[str, int]
    complete: bool
    missing: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScopeNote:
    """Said instead of an adult plan when the person is younger than backcheck is made for."""

    min_age: int
    title: str
    message: str
    citations: list[str]


StepKind = Literal[
    "derive", "exclude", "prior", "lr", "score", "rule", "escalate", "scope", "advice", "withhold"
]


@dataclass(frozen=True, slots=True, kw_only=True)
class TraceStep:
    """One step of the computation, enough to replay it (see :mod:`backcheck.engine.replay`)."""

    step: StepKind
    subject: str
    detail: str
    value: float | None = None
    level: TriageLevel | None = None
    citations: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    """Everything backcheck concluded about one case."""

    id: str | int | None
    language: str
    #: a crisis (thoughts of suicide or self-harm) comes before anything about the back
    crisis: CrisisHelp | None
    #: set when the person is younger than backcheck is made for
    scope: ScopeNote | None
    triage: TriageLevel
    triage_name: str
    triage_reason: str
    action: str
    red_flags: list[RuleHit]
    care_rules: list[RuleHit]
    conditions: list[RankedCondition]
    plan: Plan
    observations: list[ObservationOut]
    scores: list[ScoreOut]
    #: warning signs with an answer (present, absent) and those still unknown
    screened: Screened
    notes: list[str]
    citations: list[Citation]
    kb_version: str
    disclaimer: str
    trace: list[TraceStep]


_ADAPTER: TypeAdapter[Assessment] = TypeAdapter(Assessment)


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The assessment as JSON-ready data (the shape of ``backcheck assess --json``)."""
    data: dict[str, Any] = _ADAPTER.dump_python(assessment, mode="json")
    return data


def assessment_to_json(assessment: Assessment, *, indent: int | None = None) -> str:
    """The assessment as a JSON string, non-ASCII kept readable."""
    return _ADAPTER.dump_json(assessment, indent=indent).decode()

"""The engine's output: an assessment with its explanation and trace."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from backcheck.knowledge.schema import Grade, TriageLevel


class Out(BaseModel):
    """Base for output values: frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Contribution(Out):
    """One finding's effect on one condition: the 'why' of a ranking."""

    finding: str
    finding_name: str
    state: Literal["present", "absent"]
    likelihood_ratio: float
    effect: Literal["raised", "lowered", "unchanged"]
    citation: str
    grade: Grade


class RankedCondition(Out):
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


class RuleHit(Out):
    """A red flag, triage tuple or care rule that matched."""

    id: str
    kind: Literal["red_flag", "tuple", "care_rule"]
    name: str
    level: TriageLevel
    reason: str
    matched: list[str]
    suspects: list[str]
    citations: list[str]


class PlanItem(Out):
    """One piece of advice."""

    id: str
    kind: str
    name: str
    text: str
    steps: list[str]
    citations: list[str]


class ConflictNote(Out):
    """Advice some articles give that backcheck does not follow, and why."""

    id: str
    claim: str
    claim_source: str
    position: str
    citations: list[str]


class Plan(Out):
    """What to do: self-care, what to avoid, when to seek care, the expected course."""

    do: list[PlanItem]
    exercises: list[PlanItem]
    avoid: list[PlanItem]
    seek_care: list[PlanItem]
    safety_net: str
    course: str
    notes: list[str]
    not_recommended: list[ConflictNote]


class CitationRef(Out):
    """A source behind the assessment."""

    id: str
    kind: str
    title: str
    url: str | None
    file: str | None


class ObservationOut(Out):
    """A finding the engine used, and where it came from."""

    finding: str
    state: Literal["present", "absent"]
    value: float | str | None
    source: Literal["answer", "derived"]


class TraceStep(Out):
    """One step of the computation, enough to replay it (see :mod:`backcheck.engine.replay`)."""

    step: Literal["derive", "exclude", "prior", "lr", "rule", "escalate", "advice", "withhold"]
    subject: str
    detail: str
    value: float | None = None
    level: TriageLevel | None = None
    citations: list[str] = []


class Assessment(Out):
    """Everything backcheck concluded about one case."""

    id: str | int | None
    language: str
    triage: TriageLevel
    triage_name: str
    triage_reason: str
    action: str
    red_flags: list[RuleHit]
    care_rules: list[RuleHit]
    conditions: list[RankedCondition]
    plan: Plan
    observations: list[ObservationOut]
    notes: list[str]
    citations: list[CitationRef]
    kb_version: str
    disclaimer: str
    trace: list[TraceStep]

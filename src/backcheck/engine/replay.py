"""Replay an assessment's trace to the same probabilities and triage level.

The trace is the explanation; replaying it proves the explanation is complete.
"""

from __future__ import annotations

from collections import defaultdict

from backcheck.engine.assessment import Assessment, TraceStep
from backcheck.knowledge.base import more_urgent
from backcheck.knowledge.schema import TriageLevel


def replay(trace: list[TraceStep]) -> tuple[dict[str, float], TriageLevel]:
    """Probabilities per condition and the triage level, computed from the trace alone."""
    odds: dict[str, float] = {}
    ratios: dict[str, list[float]] = defaultdict(list)
    level: TriageLevel = "self_care"
    for step in trace:
        if step.step == "prior" and step.value is not None:
            odds[step.subject] = step.value / (1.0 - step.value)
        elif step.step == "lr" and step.value is not None:
            ratios[step.subject.split(":", 1)[0]].append(step.value)
        elif step.step in ("rule", "escalate", "scope") and step.level is not None:
            level = more_urgent(level, step.level)
    probabilities = {}
    for cid, o in odds.items():
        for ratio in ratios[cid]:
            o *= ratio
        probabilities[cid] = o / (1.0 + o)
    return probabilities, level


def replays(assessment: Assessment) -> bool:
    """True when the trace reproduces the reported probabilities (to 1e-9) and triage level."""
    probabilities, level = replay(assessment.trace)
    if level != assessment.triage:
        return False
    return all(abs(probabilities.get(c.id, -1.0) - c.probability) < 1e-9 for c in assessment.conditions)

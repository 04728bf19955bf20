"""The engine's decision for one case, before anything is worded: what a full assessment and a
batch screening share (evidence, differential, rules, triage level, causes in order)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from backcheck.danger.scope import under_age
from backcheck.danger.scores import ScoreResult
from backcheck.engine.case import Case
from backcheck.engine.differential import Exclusion, Posterior, differential
from backcheck.engine.evidence import Evidence, collect_evidence_and_scores
from backcheck.engine.triage import Fired, TriageDecision, decide, fire_rules
from backcheck.knowledge.base import KnowledgeBase, more_urgent


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the engine decided, with what it decided from."""

    evidence: Evidence
    derivation_notes: list[str]
    #: the differential's order (the trace follows it)
    ranked: list[Posterior]
    excluded: list[Exclusion]
    fired: tuple[Fired, ...]
    decision: TriageDecision
    #: fired rules that are not care rules
    red_flags: list[Fired]
    #: causes an open red flag points to
    suspects: frozenset[str]
    #: the causes as reported: the suspects first, then by probability
    ordered: list[Posterior]
    #: aggregate scores (NEWS2) over what is known, by score id
    scores: dict[str, ScoreResult]
    #: younger than backcheck is made for (scope.yaml): its level is a floor, no adult plan
    under_age: bool


def outcome(case: Case, kb: KnowledgeBase) -> Outcome:
    """Decide one case. Pure.

    Raises:
        InputError: an unknown finding id or a value of the wrong type or range.
    """
    # The scores come with the evidence: they were computed to derive NEWS2 findings.
    evidence, notes, scores = collect_evidence_and_scores(case, kb)
    ranked, excluded = differential(kb, evidence)
    fired = fire_rules(kb, evidence)
    decision = decide(kb, fired, ranked)
    age = evidence.get("age")
    young = under_age(kb, age.value if age is not None and isinstance(age.value, float) else None)
    if young:
        decision = replace(decision, level=more_urgent(decision.level, kb.scope.level))
    red_flags = [f for f in fired if f.rule.kind != "care_rule"]
    suspects = frozenset(s for f in red_flags for s in f.rule.suspects)
    # Must-not-miss first: causes an open red flag points to lead the list (each keeps its own
    # probability), because naive odds updating underrates the combinations red flags encode.
    ordered = sorted(ranked, key=lambda p: (p.condition.id not in suspects, -p.probability, p.condition.id))
    return Outcome(
        evidence=evidence,
        derivation_notes=notes,
        ranked=ranked,
        excluded=excluded,
        fired=fired,
        decision=decision,
        red_flags=red_flags,
        suspects=suspects,
        ordered=ordered,
        scores=scores,
        under_age=young,
    )

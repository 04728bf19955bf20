"""Set the triage level: every matching rule and every probable urgent cause is a floor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from backcheck.engine.differential import Posterior
from backcheck.engine.evidence import Evidence
from backcheck.engine.rules import matched_findings
from backcheck.knowledge.base import KnowledgeBase, more_urgent
from backcheck.knowledge.schema import TriageLevel, TriageRule


class Fired(NamedTuple):
    """A rule that matched, with the findings that made it match."""

    rule: TriageRule
    matched: tuple[str, ...]


class Escalation(NamedTuple):
    """A cause probable enough to need its own level of care."""

    posterior: Posterior
    level: TriageLevel


@dataclass(frozen=True)
class TriageDecision:
    """The level and everything that set it."""

    level: TriageLevel
    fired: tuple[Fired, ...]
    escalations: tuple[Escalation, ...]


def fire_rules(kb: KnowledgeBase, evidence: Evidence) -> tuple[Fired, ...]:
    """Every danger sign, red flag, tuple and care rule that matches the evidence."""
    # A rule that needs a present finding the case does not have cannot match: only the rules
    # a present finding triggers, and those with no trigger, are tried (in file order).
    tried = set(kb.rules_always_tried)
    by_finding = kb.rules_triggered_by
    for fid, o in evidence.items():
        if o.present:
            tried.update(by_finding.get(fid, ()))
    fired = []
    rules, tests = kb.rules, kb.rule_tests
    for i in sorted(tried):
        if tests[i](evidence):
            rule = rules[i]
            fired.append(Fired(rule, tuple(matched_findings(rule.when, evidence))))
    return tuple(fired)


def decide(kb: KnowledgeBase, fired: tuple[Fired, ...], ranked: list[Posterior]) -> TriageDecision:
    """The most urgent floor; ``self_care`` when nothing sets one. Probabilities never lower a floor."""
    escalations = tuple(
        Escalation(p, p.condition.triage)
        for p in ranked
        if p.condition.triage != "self_care" and p.probability >= kb.levels[p.condition.triage].escalate_at
    )
    level: TriageLevel = "self_care"
    for f in fired:
        level = more_urgent(level, f.rule.level)
    for e in escalations:
        level = more_urgent(level, e.level)
    return TriageDecision(level, fired, escalations)

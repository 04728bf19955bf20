"""Rank the possible causes: context prior × likelihood ratios, one condition at a time."""

from __future__ import annotations

from dataclasses import dataclass

from backcheck.engine.evidence import Evidence
from backcheck.engine.rules import matches
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Condition, LikelihoodRatio, Prior


@dataclass(frozen=True)
class Applied:
    """A likelihood ratio applied to a condition because its finding is known."""

    lr: LikelihoodRatio
    present: bool
    ratio: float


@dataclass(frozen=True)
class Posterior:
    """One condition's probability and how it was reached."""

    condition: Condition
    prior: Prior
    applied: tuple[Applied, ...]
    probability: float


@dataclass(frozen=True)
class Exclusion:
    """A condition ruled out by a hard rule (wrong sex, not pregnant, no surgery...)."""

    condition: Condition
    rule_index: int


def choose_prior(condition: Condition, evidence: Evidence) -> Prior:
    """The most specific prior whose context findings are all present; ties go to the first listed."""
    best = next(p for p in condition.priors if not p.when)
    for prior in condition.priors:
        fits = all((obs := evidence.get(f)) is not None and obs.present for f in prior.when)
        if fits and len(prior.when) > len(best.when):
            best = prior
    return best


def posterior(condition: Condition, evidence: Evidence) -> Posterior:
    """Odds form of Bayes' rule; unknown findings leave the odds unchanged."""
    prior = choose_prior(condition, evidence)
    odds = prior.value / (1.0 - prior.value)
    applied: list[Applied] = []
    for lr in condition.likelihoods:
        obs = evidence.get(lr.finding)
        if obs is None or lr.finding in prior.when:
            continue
        ratio = lr.lr_present if obs.present else lr.lr_absent
        if ratio is None:
            continue
        odds *= ratio
        applied.append(Applied(lr, obs.present, ratio))
    return Posterior(condition, prior, tuple(applied), odds / (1.0 + odds))


def differential(kb: KnowledgeBase, evidence: Evidence) -> tuple[list[Posterior], list[Exclusion]]:
    """All ranked conditions, most probable first (ties by id, so the order is deterministic)."""
    ranked: list[Posterior] = []
    excluded: list[Exclusion] = []
    for condition in kb.ranked_conditions():
        hit = next((i for i, rule in enumerate(condition.excluded_when) if matches(rule, evidence)), None)
        if hit is not None:
            excluded.append(Exclusion(condition, hit))
            continue
        ranked.append(posterior(condition, evidence))
    ranked.sort(key=lambda p: (-p.probability, p.condition.id))
    return ranked, excluded

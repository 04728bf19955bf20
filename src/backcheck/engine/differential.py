"""Rank the possible causes: context prior × likelihood ratios, one condition at a time."""

from __future__ import annotations

from typing import NamedTuple

from backcheck.engine.evidence import Evidence
from backcheck.engine.rules import matches
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Condition, LikelihoodRatio, Prior


class Applied(NamedTuple):
    """A likelihood ratio applied to a condition because its finding is known."""

    lr: LikelihoodRatio
    present: bool
    ratio: float


class Posterior(NamedTuple):
    """One condition's probability and how it was reached."""

    condition: Condition
    prior: Prior
    applied: tuple[Applied, ...]
    probability: float


class Exclusion(NamedTuple):
    """A condition ruled out by a hard rule (wrong sex, not pregnant, no surgery...)."""

    condition: Condition
    rule_index: int


def choose_prior(priors: tuple[tuple[frozenset[str], Prior], ...], present: set[str]) -> Prior:
    """The most specific prior whose context findings are all present; ties go to the first listed.

    ``priors``: (context findings, prior) pairs ordered most specific first, as
    ``KnowledgeBase.priors_by_specificity`` is; ``present``: the findings known to be present.
    """
    for when, prior in priors:
        if when <= present:
            return prior
    raise AssertionError("the schema guarantees a default prior with no context")


def _first_match(condition: Condition, evidence: Evidence) -> int:
    """Index of the first matching exclusion rule, or -1."""
    for i, rule in enumerate(condition.excluded_when):
        if matches(rule, evidence):
            return i
    return -1


def differential(kb: KnowledgeBase, evidence: Evidence) -> tuple[list[Posterior], list[Exclusion]]:
    """All ranked conditions, most probable first (ties by id, so the order is deterministic).

    Odds form of Bayes' rule per condition: the context prior's odds times the likelihood ratio of
    each known finding; unknown findings leave the odds unchanged. Findings used to choose the
    prior are not counted again.
    """
    excluded: list[Exclusion] = []
    present = {fid for fid, obs in evidence.items() if obs.present}
    priors: dict[str, Prior] = {}
    odds: dict[str, float] = {}
    applied: dict[str, list[Applied]] = {}
    for condition in kb.ranked:
        hit = _first_match(condition, evidence)
        if hit >= 0:
            excluded.append(Exclusion(condition, hit))
            continue
        prior = choose_prior(kb.priors_by_specificity[condition.id], present)
        priors[condition.id] = prior
        odds[condition.id] = prior.value / (1.0 - prior.value)
        applied[condition.id] = []
    for fid, obs in evidence.items():
        for cid, lr in kb.likelihoods_by_finding.get(fid, ()):
            if cid not in odds or fid in priors[cid].when:
                continue
            ratio = lr.lr_present if obs.present else lr.lr_absent
            if ratio is None:
                continue
            odds[cid] *= ratio
            applied[cid].append(Applied(lr, obs.present, ratio))
    ranked = [
        Posterior(kb.conditions[cid], priors[cid], tuple(applied[cid]), o / (1.0 + o))
        for cid, o in odds.items()
    ]
    ranked.sort(key=lambda p: (-p.probability, p.condition.id))
    return ranked, excluded

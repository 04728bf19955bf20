"""Rank the possible causes: context prior × likelihood ratios, one condition at a time."""

from __future__ import annotations

from typing import NamedTuple

from backcheck.engine.evidence import Evidence
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.compiled import Test
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


def choose_prior(
    priors: tuple[tuple[frozenset[str], Prior], ...], present: set[str]
) -> tuple[frozenset[str], Prior]:
    """The most specific prior whose context findings are all present, with that context; ties
    go to the first listed.

    ``priors``: (context findings, prior) pairs ordered most specific first, as
    ``KnowledgeBase.priors_by_specificity`` is; ``present``: the findings known to be present.
    """
    for pair in priors:
        if pair[0] <= present:
            return pair
    raise AssertionError("the schema guarantees a default prior with no context")


def _first_match(tests: tuple[Test, ...], evidence: Evidence) -> int:
    """Index of the first matching exclusion rule (``kb.exclusion_tests``), or -1."""
    for i, test in enumerate(tests):
        if test(evidence):
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
    contexts: dict[str, frozenset[str]] = {}
    odds: dict[str, float] = {}
    applied: dict[str, list[Applied]] = {}
    exclusions, by_specificity = kb.exclusion_tests, kb.priors_by_specificity
    for condition in kb.ranked:
        cid = condition.id
        hit = _first_match(exclusions[cid], evidence)
        if hit >= 0:
            excluded.append(Exclusion(condition, hit))
            continue
        when, prior = choose_prior(by_specificity[cid], present)
        priors[cid] = prior
        contexts[cid] = when
        odds[cid] = prior.value / (1.0 - prior.value)
        applied[cid] = []
    for fid, obs in evidence.items():
        for cid, lr in kb.likelihoods_by_finding.get(fid, ()):
            if cid not in odds or fid in contexts[cid]:
                continue
            ratio = lr.lr_present if obs.present else lr.lr_absent
            if ratio is None:
                continue
            odds[cid] *= ratio
            applied[cid].append(Applied(lr, obs.present, ratio))
    conditions = kb.conditions
    ranked = [
        Posterior(conditions[cid], priors[cid], tuple(applied[cid]), o / (1.0 + o)) for cid, o in odds.items()
    ]
    ranked.sort(key=lambda p: (-p.probability, p.condition.id))
    return ranked, excluded

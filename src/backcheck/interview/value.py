"""How much an answer is expected to matter: the interview's model of what it does not know yet.

For an unknown finding f with probability p of being present (see :meth:`Situation.chance`):

* triage value: for every rule more urgent than the current level that f takes part in,
  the expected change in the probability that the rule fires, 2·p·(1−p)·|P(rule | f) −
  P(rule | not f)|, times the cost of missing the rule's level (``miss_cost``); and likewise
  for causes whose probability decides a level (their shift measured against the threshold).
* differential value: the expected movement of the ranked causes, 2·p·(1−p)·TV(π|f, π|not f),
  with π the causes' probabilities normalised to sum to one.

Unknown findings are taken as independent, each with the probability the causes give it.
docs/interview.md explains the choice and its limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backcheck.engine.differential import Posterior, differential
from backcheck.engine.evidence import Evidence
from backcheck.engine.triage import decide, fire_rules
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Expr, LikelihoodRatio, TriageLevel, TriageRule


@dataclass(frozen=True, slots=True)
class Gain:
    """What asking one finding is worth, and what it is worth it for."""

    triage: float
    differential: float
    #: rule or condition id -> its share of the triage value; condition id -> its share of the
    #: differential value
    triage_by: dict[str, float]
    differential_by: dict[str, float]


@dataclass(frozen=True, slots=True)
class Situation:
    """What the engine makes of the answers so far, with what the value model needs."""

    kb: KnowledgeBase
    evidence: Evidence
    level: TriageLevel
    fired: frozenset[str]
    ranked: tuple[Posterior, ...]
    mixture: dict[str, float]
    #: chance() per finding, filled on first use: one next_question asks for the same few
    #: findings thousands of times (rules share them), and the situation never changes
    _chances: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    _gains: dict[str, Gain] = field(default_factory=dict, compare=False, repr=False)
    #: rule id -> |P(fires | f present) - P(fires | f absent)| per finding f
    _sensitivities: dict[str, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)
    #: condition id -> its place in ``ranked``
    _rank: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    #: condition id -> the cost of missing it, for the causes more urgent than ``level``
    _urgent: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    #: rule id -> the cost of missing it, for the rules not fired and more urgent than ``level``
    _live: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._rank.update({p.condition.id: i for i, p in enumerate(self.ranked)})
        cost = self.kb.interview.miss_cost
        here = cost.get(self.level, 0.0)
        for p in self.ranked:
            missed = cost.get(p.condition.triage, 0.0) - here
            if missed > 0.0:
                self._urgent[p.condition.id] = missed
        for rule in self.kb.rules:
            missed = cost.get(rule.level, 0.0) - here
            if missed > 0.0 and rule.id not in self.fired:
                self._live[rule.id] = missed

    @classmethod
    def of(cls, kb: KnowledgeBase, evidence: Evidence) -> Situation:
        """Run the engine's differential and triage on the evidence."""
        ranked, _ = differential(kb, evidence)
        fired = fire_rules(kb, evidence)
        decision = decide(kb, fired, ranked)
        total = sum(p.probability for p in ranked) or 1.0
        return cls(
            kb=kb,
            evidence=evidence,
            level=decision.level,
            fired=frozenset(f.rule.id for f in fired),
            ranked=tuple(ranked),
            mixture={p.condition.id: p.probability / total for p in ranked},
        )

    def chance(self, fid: str) -> float:
        """P(finding present | everything known): known findings are certain."""
        known = self._chances.get(fid)
        if known is not None:
            return known
        self._chances[fid] = p = self._chance(fid)
        return p

    def _chance(self, fid: str) -> float:
        obs = self.evidence.get(fid)
        if obs is not None:
            return 1.0 if obs.present else 0.0
        base = self.kb.base_rates[fid]
        p = base
        mixture = self.mixture
        for cid, _, given in self.kb.chances_given.get(fid, ()):
            p += mixture.get(cid, 0.0) * (given - base)
        return min(0.99, max(0.001, p))

    def gain(self, fid: str) -> Gain:
        """The triage and differential value of learning whether ``fid`` is present."""
        known = self._gains.get(fid)
        if known is None:
            self._gains[fid] = known = self._gain(fid)
        return known

    def _gain(self, fid: str) -> Gain:
        p = self.chance(fid)
        spread = 2.0 * p * (1.0 - p)
        triage_by: dict[str, float] = {}
        live = self._live
        for rule in self.kb.rules_by_finding.get(fid, ()):
            missed = live.get(rule.id)
            if missed is None:
                continue
            delta = self._sensitivity(rule).get(fid)
            if delta is None:  # fid appears more than once in the rule: set it both ways
                delta = abs(
                    self._rule_chance(rule.when, fid, True) - self._rule_chance(rule.when, fid, False)
                )
            if delta > 0.0:
                triage_by[rule.id] = spread * delta * missed
        # Only the more urgent causes with a likelihood ratio for fid matter for triage; visit
        # them in ranked order.
        urgent, pairs = self._urgent, self.kb.likelihoods_by_finding.get(fid, ())
        movable = sorted((self._rank[cid], cid, lr) for cid, lr in pairs if cid in urgent)
        for rank, cid, lr in movable:
            posterior = self.ranked[rank]
            if fid in posterior.prior.when or cid in triage_by:
                continue
            moved = _shift(posterior.probability, lr)
            if moved > 0.0:
                threshold = self.kb.levels[posterior.condition.triage].escalate_at
                triage_by[cid] = spread * min(1.0, moved / threshold) * urgent[cid]
        differential_by = self._differential(fid, p)
        return Gain(
            triage=sum(triage_by.values()),
            differential=spread * sum(differential_by.values()),
            triage_by=triage_by,
            differential_by=differential_by,
        )

    def _sensitivity(self, rule: TriageRule) -> dict[str, float]:
        """How much setting each finding of the rule moves P(rule fires), all findings at once.

        P(fires) is multilinear in the chances of the findings that appear once, so
        P(f present) - P(f absent) is the partial derivative in f's chance: one pass along the
        rule's post-order program for the values and one back for the derivatives, instead of
        evaluating the whole rule twice per finding. Findings that appear twice are left out
        (callers fall back).
        """
        known = self._sensitivities.get(rule.id)
        if known is not None:
            return known
        flat = self.kb.flat_rules[rule.id]
        steps = flat.steps
        values = [0.0] * len(steps)
        for i, step in enumerate(steps):
            if step.finding is not None:
                c = self.chance(step.finding)
                values[i] = c if step.present else 1.0 - c
            elif step.every:
                product = 1.0
                for k in step.children:
                    product *= values[k]
                values[i] = product
            else:
                product = 1.0
                for k in step.children:
                    product *= 1.0 - values[k]
                values[i] = 1.0 - product
        out: dict[str, float] = {}
        slopes = [0.0] * len(steps)
        slopes[-1] = 1.0
        for i in range(len(steps) - 1, -1, -1):  # parents before children
            step, slope = steps[i], slopes[i]
            if step.finding is not None:
                if step.finding in flat.once:
                    out[step.finding] = abs(slope)
                continue
            kids = step.children
            terms = [values[k] for k in kids] if step.every else [1.0 - values[k] for k in kids]
            # the product of the other terms, for each term: prefix times suffix products
            before = [1.0]
            for term in terms[:-1]:
                before.append(before[-1] * term)
            after = 1.0
            for j in range(len(kids) - 1, -1, -1):
                slopes[kids[j]] = slope * before[j] * after
                after *= terms[j]
        self._sensitivities[rule.id] = out
        return out

    def _rule_chance(self, rule: Expr, fid: str, present: bool) -> float:
        """P(rule fires) with ``fid`` set to ``present`` and every other finding at its chance
        (only for a finding that appears twice in a rule; see :meth:`_sensitivity`)."""
        if rule.present is not None:
            return (1.0 if present else 0.0) if rule.present == fid else self.chance(rule.present)
        if rule.absent is not None:
            return (0.0 if present else 1.0) if rule.absent == fid else 1.0 - self.chance(rule.absent)
        return _combine(rule, [self._rule_chance(sub, fid, present) for sub in rule.all or rule.any or ()])

    def _differential(self, fid: str, p: float) -> dict[str, float]:
        """Each cause's share of TV(π | present, π | absent)."""
        base = self.kb.base_rates[fid]
        out: dict[str, float] = {}
        with_lr = 0.0
        for cid, _, q in self.kb.chances_given.get(fid, ()):
            weight = self.mixture.get(cid)
            if weight is None:
                continue
            with_lr += weight
            out[cid] = 0.5 * weight * abs(q / p - (1.0 - q) / (1.0 - p))
        rest = 1.0 - with_lr
        if rest > 0.0:
            out["(others)"] = 0.5 * rest * abs(base / p - (1.0 - base) / (1.0 - p))
        return out


def _shift(probability: float, lr: LikelihoodRatio) -> float:
    """How far a cause's probability moves between a yes and a no."""
    odds = probability / (1.0 - probability)
    yes = odds * (lr.lr_present or 1.0)
    no = odds * (lr.lr_absent or 1.0)
    return abs(yes / (1.0 + yes) - no / (1.0 + no))


def _combine(node: Expr, parts: list[float]) -> float:
    out = 1.0
    if node.all is not None:
        for q in parts:
            out *= q
        return out
    for q in parts:
        out *= 1.0 - q
    return 1.0 - out

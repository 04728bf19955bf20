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
from backcheck.knowledge.schema import Expr, LikelihoodRatio, TriageLevel


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
    warning_signs: frozenset[str]
    base_rates: dict[str, float]
    #: chance() per finding, filled on first use: one next_question asks for the same few
    #: findings thousands of times (rules share them), and the situation never changes
    _chances: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    _gains: dict[str, Gain] = field(default_factory=dict, compare=False, repr=False)
    #: id(rule expression) -> |P(fires | f present) - P(fires | f absent)| per finding f
    _sensitivities: dict[int, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)
    #: condition id -> its place in ``ranked``
    _rank: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._rank.update({p.condition.id: i for i, p in enumerate(self.ranked)})

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
            # Findings that are a red flag on their own are rare; tuple members often are not.
            warning_signs=frozenset(
                r.when.present for r in kb.rules if r.kind == "red_flag" and r.when.present
            ),
            base_rates={r.finding: r.value for r in kb.interview.base_rates},
        )

    def base_rate(self, fid: str) -> float:
        """How common the finding is when none of the causes that change it is present."""
        if fid in self.base_rates:
            return self.base_rates[fid]
        settings = self.kb.interview
        return settings.base_rate_warning_sign if fid in self.warning_signs else settings.base_rate_default

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
        base = self.base_rate(fid)
        p = base
        for cid, lr in self.kb.likelihoods_by_finding.get(fid, ()):
            weight = self.mixture.get(cid, 0.0)
            p += weight * (_given(base, lr) - base)
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
        cost = self.kb.interview.miss_cost
        here = cost.get(self.level, 0.0)
        for rule in self.kb.rules_by_finding.get(fid, ()):
            missed = cost.get(rule.level, 0.0) - here
            if rule.id in self.fired or missed <= 0.0:
                continue
            delta = self._sensitivity(rule.when).get(fid)
            if delta is None:  # fid appears more than once in the rule: set it both ways
                delta = abs(
                    self._rule_chance(rule.when, fid, True) - self._rule_chance(rule.when, fid, False)
                )
            if delta > 0.0:
                triage_by[rule.id] = spread * delta * missed
        # Only the causes with a likelihood ratio for fid can move; visit them in ranked order.
        movable = sorted(
            (
                (self._rank[cid], cid, lr)
                for cid, lr in self.kb.likelihoods_by_finding.get(fid, ())
                if cid in self._rank
            ),
            key=lambda item: item[0],
        )
        for _, cid, lr in movable:
            posterior = self.ranked[self._rank[cid]]
            condition = posterior.condition
            if fid in posterior.prior.when:
                continue
            missed = cost.get(condition.triage, 0.0) - here
            if missed <= 0.0 or condition.id in triage_by:
                continue
            moved = _shift(posterior.probability, lr)
            if moved > 0.0:
                threshold = self.kb.levels[condition.triage].escalate_at
                triage_by[condition.id] = spread * min(1.0, moved / threshold) * missed
        differential_by = self._differential(fid, p)
        return Gain(
            triage=sum(triage_by.values()),
            differential=spread * sum(differential_by.values()),
            triage_by=triage_by,
            differential_by=differential_by,
        )

    def _sensitivity(self, rule: Expr) -> dict[str, float]:
        """How much setting each finding of the rule moves P(rule fires), all findings at once.

        P(fires) is multilinear in the chances of the findings that appear once, so
        P(f present) - P(f absent) is the partial derivative in f's chance: one pass down the
        rule for the values and one back up for the derivatives, instead of evaluating the whole
        rule twice per finding. Findings that appear twice are left out (callers fall back).
        """
        known = self._sensitivities.get(id(rule))
        if known is not None:
            return known
        out: dict[str, float] = {}
        seen: set[str] = set()
        repeated: set[str] = set()
        values: dict[int, float] = {}

        def value(node: Expr) -> float:
            leaf = node.present or node.absent
            if leaf is not None:
                (repeated if leaf in seen else seen).add(leaf)
                q = self.chance(leaf) if node.present is not None else 1.0 - self.chance(leaf)
            else:
                q = _combine(node, [value(sub) for sub in node.all or node.any or ()])
            values[id(node)] = q
            return q

        def back(node: Expr, slope: float) -> None:
            leaf = node.present or node.absent
            if leaf is not None:
                out[leaf] = abs(slope)
                return
            subs = node.all or node.any or []
            every = node.all is not None
            terms = [values[id(sub)] if every else 1.0 - values[id(sub)] for sub in subs]
            # the product of the other terms, for each term: prefix times suffix products
            before = [1.0]
            for term in terms[:-1]:
                before.append(before[-1] * term)
            after = 1.0
            for k in range(len(subs) - 1, -1, -1):
                back(subs[k], slope * before[k] * after)
                after *= terms[k]

        value(rule)
        back(rule, 1.0)
        for fid in repeated:
            out.pop(fid, None)
        self._sensitivities[id(rule)] = out
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
        base = self.base_rate(fid)
        out: dict[str, float] = {}
        with_lr = 0.0
        for cid, lr in self.kb.likelihoods_by_finding.get(fid, ()):
            weight = self.mixture.get(cid)
            if weight is None:
                continue
            with_lr += weight
            q = _given(base, lr)
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


def _given(base: float, lr: LikelihoodRatio) -> float:
    """P(finding | condition) from the finding's base rate and the condition's likelihood ratio."""
    if lr.lr_present is not None:
        return min(0.95, base * lr.lr_present)
    if lr.lr_absent is not None:
        return min(0.95, max(0.001, 1.0 - (1.0 - base) * lr.lr_absent))
    return base


def _combine(node: Expr, parts: list[float]) -> float:
    out = 1.0
    if node.all is not None:
        for q in parts:
            out *= q
        return out
    for q in parts:
        out *= 1.0 - q
    return 1.0 - out

"""The loaded, indexed knowledge base that the engine reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from backcheck.knowledge.compiled import Test, compile_expr
from backcheck.knowledge.flat import FlatExpr, flatten
from backcheck.knowledge.schema import (
    TRIAGE_ORDER,
    Advice,
    Citation,
    Condition,
    Conflict,
    Crisis,
    Expr,
    Finding,
    InterviewSettings,
    Level,
    LikelihoodRatio,
    Manifest,
    Phrases,
    Prior,
    Question,
    Scope,
    Score,
    Triage,
    TriageLevel,
    TriageRule,
)

#: Rule kinds whose single finding is a warning sign in its own right.
_SIGN_KINDS = frozenset({"danger_sign", "crisis", "red_flag"})


def chance_given(base: float, lr: LikelihoodRatio) -> float:
    """P(finding | condition) from the finding's base rate and the condition's likelihood ratio."""
    if lr.lr_present is not None:
        return min(0.95, base * lr.lr_present)
    if lr.lr_absent is not None:
        return min(0.95, max(0.001, 1.0 - (1.0 - base) * lr.lr_absent))
    return base


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything clinical backcheck knows, validated and indexed by id.

    Built by :func:`backcheck.knowledge.load.load_knowledge_base`; the engine
    receives it as an argument and never loads anything itself.
    """

    manifest: Manifest
    digest: str
    citations: dict[str, Citation]
    findings: dict[str, Finding]
    conditions: dict[str, Condition]
    rules: tuple[TriageRule, ...]
    triage: Triage
    advice: dict[str, Advice]
    conflicts: dict[str, Conflict]
    phrases: Phrases
    questions: dict[str, Question]
    interview: InterviewSettings
    scores: dict[str, Score]
    crisis: Crisis
    scope: Scope
    levels: dict[TriageLevel, Level] = field(init=False)
    derived: tuple[Finding, ...] = field(init=False)
    #: per condition, (context findings, prior) pairs, most specific context first
    priors_by_specificity: dict[str, tuple[tuple[frozenset[str], Prior], ...]] = field(init=False)
    ranked: tuple[Condition, ...] = field(init=False)
    likelihoods_by_finding: dict[str, tuple[tuple[str, LikelihoodRatio], ...]] = field(init=False)
    rules_by_finding: dict[str, tuple[TriageRule, ...]] = field(init=False)
    questions_opened_by: dict[str, tuple[Question, ...]] = field(init=False)
    base_rates: dict[str, float] = field(init=False)
    flat_rules: dict[str, FlatExpr] = field(init=False)
    chances_given: dict[str, tuple[tuple[str, LikelihoodRatio, float], ...]] = field(init=False)
    #: askable warning signs, most urgent first (danger/screened.py reports them per result)
    warning_signs: tuple[str, ...] = field(init=False)
    #: finding -> positions (in ``rules``) of the rules it can trigger (a rule needs one of the
    #: findings it reads as present, unless it can match on absent findings alone); and the
    #: positions of the rules with no trigger, which are always tried. So the engine skips the
    #: rules a case cannot fire.
    rules_triggered_by: dict[str, tuple[int, ...]] = field(init=False)
    rules_always_tried: tuple[int, ...] = field(init=False)
    #: the rules, exclusions, advice blocks and mentions as closures (knowledge/compiled.py),
    #: aligned with ``rules``, per condition id, per advice id, and in condition order
    rule_tests: tuple[Test, ...] = field(init=False)
    exclusion_tests: dict[str, tuple[Test, ...]] = field(init=False)
    advice_blocks: dict[str, tuple[Test, ...]] = field(init=False)
    mention_tests: tuple[tuple[Condition, Test], ...] = field(init=False)
    #: every finding some score (NEWS2) reads
    score_findings: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", {level.id: level for level in self.triage.levels})
        object.__setattr__(
            self,
            "derived",
            tuple(f for f in self.findings.values() if f.derived_from is not None),
        )
        # Most specific context first (stable, so ties keep file order); the default comes last.
        object.__setattr__(
            self,
            "priors_by_specificity",
            {
                c.id: tuple((frozenset(p.when), p) for p in sorted(c.priors, key=lambda p: -len(p.when)))
                for c in self.conditions.values()
            },
        )
        # Traditional concepts are explained, not ranked.
        ranked = tuple(c for c in self.conditions.values() if c.category != "traditional_concept")
        object.__setattr__(self, "ranked", ranked)
        # finding -> (condition, ratio) pairs, so the engine touches only what the person reported.
        by_finding: dict[str, list[tuple[str, LikelihoodRatio]]] = {}
        for condition in ranked:
            for lr in condition.likelihoods:
                by_finding.setdefault(lr.finding, []).append((condition.id, lr))
        object.__setattr__(self, "likelihoods_by_finding", {k: tuple(v) for k, v in by_finding.items()})
        # finding -> the triage rules that read it (the interview values questions by these).
        rules: dict[str, list[TriageRule]] = {}
        for rule in self.rules:
            for fid in rule.when.finding_ids():
                rules.setdefault(fid, []).append(rule)
        object.__setattr__(self, "rules_by_finding", {k: tuple(v) for k, v in rules.items()})
        # finding -> the questions that apply only when it is present (pregnant -> weeks).
        opened: dict[str, list[Question]] = {}
        for question in self.questions.values():
            when = question.applies.when
            if when is not None and when.present is not None:
                opened.setdefault(when.present, []).append(question)
        object.__setattr__(self, "questions_opened_by", {k: tuple(v) for k, v in opened.items()})
        # The interview's model of findings it has not asked about, as constants: how common
        # each finding is when no cause that changes it is present, and P(finding | condition)
        # for every condition with a ratio for it. The value model reads them thousands of
        # times per question.
        settings = self.interview
        signs = {r.when.present for r in self.rules if r.kind in _SIGN_KINDS and r.when.present}
        stated = {r.finding: r.value for r in settings.base_rates}

        def rate(fid: str) -> float:
            default = settings.base_rate_warning_sign if fid in signs else settings.base_rate_default
            return stated.get(fid, default)

        # Ids the cross-reference check has yet to reject get a rate too, so that it can run.
        base_rates = {fid: rate(fid) for fid in {*self.findings, *self.likelihoods_by_finding}}
        object.__setattr__(self, "base_rates", base_rates)
        given = {
            fid: tuple((cid, lr, chance_given(base_rates[fid], lr)) for cid, lr in pairs)
            for fid, pairs in self.likelihoods_by_finding.items()
        }
        object.__setattr__(self, "chances_given", given)
        object.__setattr__(self, "flat_rules", {rule.id: flatten(rule.when) for rule in self.rules})
        object.__setattr__(self, "warning_signs", self._warning_signs())
        triggered: dict[str, list[int]] = {}
        always: list[int] = []
        for i, rule in enumerate(self.rules):
            if not _needs_present(rule.when):
                always.append(i)
                continue
            for fid in dict.fromkeys(rule.when.present_ids()):
                triggered.setdefault(fid, []).append(i)
        object.__setattr__(self, "rules_triggered_by", {k: tuple(v) for k, v in triggered.items()})
        object.__setattr__(self, "rules_always_tried", tuple(always))
        object.__setattr__(
            self,
            "score_findings",
            frozenset(p.finding for score in self.scores.values() for p in score.parameters),
        )
        object.__setattr__(self, "rule_tests", tuple(compile_expr(r.when) for r in self.rules))
        object.__setattr__(
            self,
            "exclusion_tests",
            {c.id: tuple(compile_expr(e) for e in c.excluded_when) for c in self.conditions.values()},
        )
        object.__setattr__(
            self,
            "advice_blocks",
            {a.id: tuple(compile_expr(e) for e in a.not_when) for a in self.advice.values()},
        )
        object.__setattr__(
            self,
            "mention_tests",
            tuple(
                (c, compile_expr(c.mention_when))
                for c in self.conditions.values()
                if c.mention_when is not None
            ),
        )

    def _warning_signs(self) -> tuple[str, ...]:
        # Every finding a danger sign, crisis or red flag reads as present, ranked by the most
        # urgent rule that reads it; derived and demographic findings are not asked about.
        best: dict[str, int] = {}
        for rule in self.rules:
            if rule.kind not in _SIGN_KINDS:
                continue
            for fid in rule.when.present_ids():
                finding = self.findings.get(fid)
                if (
                    finding is None
                    or finding.derived_from is not None
                    or finding.category == "demographic"
                    or fid == self.triage.complaint
                ):
                    continue
                best[fid] = min(best.get(fid, len(TRIAGE_ORDER)), level_rank(rule.level))
        return tuple(sorted(best, key=lambda f: (best[f], f)))

    @property
    def version(self) -> str:
        """Version stamped on every assessment: release plus content digest."""
        return f"{self.manifest.kb_version}+{self.digest}"

    def ranked_conditions(self) -> tuple[Condition, ...]:
        """Conditions the differential ranks (traditional concepts are explained, not ranked)."""
        return self.ranked


def _needs_present(rule: Expr) -> bool:
    """True when the rule cannot match unless some finding it reads as ``present`` is present."""
    if rule.present is not None:
        return True
    if rule.absent is not None:
        return False
    if rule.all is not None:
        return any(_needs_present(sub) for sub in rule.all)
    return all(_needs_present(sub) for sub in rule.any or [])


_RANK: dict[str, int] = {level: i for i, level in enumerate(TRIAGE_ORDER)}


def level_rank(level: TriageLevel) -> int:
    """0 for the most urgent level, 4 for self-care."""
    return _RANK[level]  # a dict, not TRIAGE_ORDER.index(): called per rule and advice item


def more_urgent(a: TriageLevel, b: TriageLevel) -> TriageLevel:
    """The more urgent of two levels."""
    return a if _RANK[a] <= _RANK[b] else b

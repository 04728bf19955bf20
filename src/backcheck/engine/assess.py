"""Orchestration only: evidence → differential → triage → plan → assessment with trace."""

from __future__ import annotations

import math
from dataclasses import replace

from backcheck.danger.crisis import crisis_help
from backcheck.danger.screened import warning_signs
from backcheck.engine.assessment import (
    Assessment,
    ConflictNote,
    Contribution,
    ObservationOut,
    Plan,
    PlanItem,
    RankedCondition,
    RuleHit,
    ScopeNote,
    ScoreOut,
    TraceStep,
)
from backcheck.engine.case import Case, Lang
from backcheck.engine.differential import Posterior
from backcheck.engine.evidence import Evidence
from backcheck.engine.outcome import outcome
from backcheck.engine.plan import choose_advice, likely_and_suspected, relevant_conflicts
from backcheck.engine.triage import Escalation, Fired
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Advice, Citation, TriageLevel

_PLAN_BUCKETS = {"exercise": "exercises", "avoid": "avoid", "seek_care": "seek_care"}
#: Causes of these categories are problems of the back itself; any other leading cause is said
#: plainly not to be (a pancreas, a kidney, an artery).
_BACK_CATEGORIES = frozenset(
    {"mechanical", "radicular", "degenerative", "inflammatory", "serious_spinal", "traditional_concept"}
)
_MAX_UNSCREENED = 6


def assess(
    case: Case,
    kb: KnowledgeBase,
    *,
    lang: Lang = "en",
    max_conditions: int = 8,
    locale: str | None = None,
) -> Assessment:
    """Assess one case. Pure: the same case and knowledge base give the same assessment.

    Args:
        case: what is known about the person.
        kb: the knowledge base (see :func:`backcheck.knowledge.load.load_knowledge_base`).
        lang: language of names and texts in the result.
        max_conditions: how many ranked causes to report.
        locale: the person's country (ISO code such as ``GB``) for crisis lines; the language's
            default place (crisis.yaml) when omitted.

    Raises:
        InputError: an unknown finding id or a value of the wrong type or range.

    Example:
        >>> a = assess(Case(age=30, sex="male", findings={"after_lifting": True}), kb)
        >>> a.triage
        'self_care'
    """
    decided = outcome(case, kb)
    evidence, ranked = decided.evidence, decided.ranked
    trace: list[TraceStep] = [
        TraceStep(step="derive", subject=o.finding, detail="derived", value=float(o.present))
        for o in evidence.values()
        if o.source == "derived"
    ]
    trace += [
        TraceStep(step="exclude", subject=x.condition.id, detail=f"excluded_when[{x.rule_index}]")
        for x in decided.excluded
    ]
    for p in ranked:
        trace.append(
            TraceStep(
                step="prior",
                subject=p.condition.id,
                detail="when=" + ",".join(p.prior.when),
                value=p.prior.value,
                citations=[p.prior.citation],
            )
        )
        trace += [
            TraceStep(
                step="lr",
                subject=f"{p.condition.id}:{a.lr.finding}",
                detail="present" if a.present else "absent",
                value=a.ratio,
                citations=[a.lr.citation],
            )
            for a in p.applied
        ]

    trace += [
        TraceStep(
            step="score",
            subject=r.score,
            detail=",".join(f"{k}={v}" for k, v in r.points.items()) + ("" if r.complete else ";partial"),
            value=float(r.total),
            citations=list(kb.scores[r.score].citations),
        )
        for r in decided.scores.values()
    ]
    fired, decision = decided.fired, decided.decision
    trace += [
        TraceStep(
            step="rule",
            subject=f.rule.id,
            detail=",".join(f.matched),
            level=f.rule.level,
            citations=list(f.rule.citations),
        )
        for f in fired
    ]
    trace += [
        TraceStep(
            step="escalate",
            subject=e.posterior.condition.id,
            detail=f">= {kb.levels[e.level].escalate_at}",
            value=e.posterior.probability,
            level=e.level,
        )
        for e in decision.escalations
    ]

    if decided.under_age:
        trace.append(
            TraceStep(
                step="scope",
                subject="age",
                detail=f"< {kb.scope.min_age}",
                level=kb.scope.level,
                citations=list(kb.scope.citations),
            )
        )
    red_flags, suspects, ranked = decided.red_flags, decided.suspects, decided.ordered
    likely, suspected = likely_and_suspected(kb, ranked, suspects)
    # A child gets no adult plan at all: what to do is in the scope note (scope.yaml).
    choices = (
        []
        if decided.under_age
        else choose_advice(
            kb,
            level=decision.level,
            red_flag_open=bool(red_flags),
            evidence=evidence,
            likely=likely,
            suspected=suspected,
        )
    )
    trace += [
        TraceStep(step="advice" if c.offered else "withhold", subject=c.advice.id, detail=c.reason)
        for c in choices
    ]
    offered = [c.advice for c in choices if c.offered]
    shown = ranked[:max_conditions]
    plan = _plan(kb, lang=lang, level=decision.level, offered=offered, ranked=shown, evidence=evidence)
    level = kb.levels[decision.level]
    rule_hits = [_hit(kb, f, lang) for f in fired]
    screened = warning_signs(kb, {fid: o.present for fid, o in evidence.items()})
    plan = replace(plan, safety_net=_safety_net(kb, lang, decision.level, plan.safety_net, evidence))
    notes = [*decided.derivation_notes, *([kb.phrases.text_not_read.get(lang)] if case.text else [])]
    leader = ranked[0].condition if ranked else None
    if leader is not None and leader.category not in _BACK_CATEGORIES and (red_flags or decision.escalations):
        notes.insert(0, kb.phrases.not_back_problem.get(lang).format(name=leader.names.get(lang)))
    in_crisis = any(f.rule.kind == "crisis" for f in fired)

    assessment = Assessment(
        id=case.id,
        language=lang,
        crisis=crisis_help(kb, lang=lang, locale=case.locale or locale) if in_crisis else None,
        scope=_scope_note(kb, lang) if decided.under_age else None,
        triage=decision.level,
        triage_name=level.names.get(lang),
        triage_reason=_reason(kb, lang, red_flags, decision.escalations),
        action=level.action.get(lang),
        red_flags=[h for h in rule_hits if h.kind != "care_rule"],
        care_rules=[h for h in rule_hits if h.kind == "care_rule"],
        conditions=[_ranked(kb, p, lang, flagged=p.condition.id in suspects) for p in shown],
        plan=plan,
        observations=[
            ObservationOut(
                finding=o.finding,
                state="present" if o.present else "absent",
                value=o.value,
                source=o.source,
            )
            for o in sorted(evidence.values(), key=lambda o: o.finding)
        ],
        scores=[
            ScoreOut(
                id=r.score,
                name=kb.scores[r.score].names.get(lang),
                total=r.total,
                highest=r.highest,
                points=r.points,
                complete=r.complete,
                missing=list(r.missing),
            )
            for r in decided.scores.values()
        ],
        screened=screened,
        notes=notes,
        citations=[],
        kb_version=kb.version,
        disclaimer=kb.phrases.disclaimer.get(lang),
        trace=trace,
    )
    return replace(assessment, citations=_citations(kb, assessment, level.citations))


def _safety_net(kb: KnowledgeBase, lang: Lang, level: TriageLevel, text: str, evidence: Evidence) -> str:
    """The level's safety-netting, plus the key warning signs nobody has answered yet: a result
    that knows little must say so, not read as "no warning signs"."""
    if level not in ("self_care", "consultation"):
        return text
    unknown = [f for f in kb.triage.safety_net_signs if f not in evidence][:_MAX_UNSCREENED]
    if not unknown:
        return text
    names = "; ".join(kb.findings[f].names.get(lang) for f in unknown)
    return f"{text} {kb.phrases.not_yet_screened.get(lang).format(names=names)}"


def _scope_note(kb: KnowledgeBase, lang: Lang) -> ScopeNote:
    scope = kb.scope
    return ScopeNote(
        min_age=scope.min_age,
        title=scope.names.get(lang),
        message=scope.message.get(lang),
        citations=list(scope.citations),
    )


def _reason(
    kb: KnowledgeBase, lang: Lang, red_flags: list[Fired], escalations: tuple[Escalation, ...]
) -> str:
    if red_flags:
        return " ".join(
            kb.phrases.red_flag_found.get(lang).format(
                name=f.rule.names.get(lang), reason=f.rule.reason.get(lang)
            )
            for f in red_flags
        )
    parts = [
        kb.phrases.condition_possible.get(lang).format(
            name=e.posterior.condition.names.get(lang), percent=f"{e.posterior.probability:.0%}"
        )
        for e in escalations
    ]
    return " ".join(parts) if parts else kb.phrases.no_red_flags.get(lang)


def _hit(kb: KnowledgeBase, fired: Fired, lang: Lang) -> RuleHit:
    rule = fired.rule
    return RuleHit(
        id=rule.id,
        kind=rule.kind,
        name=rule.names.get(lang),
        level=rule.level,
        reason=rule.reason.get(lang),
        matched=list(fired.matched),
        suspects=list(rule.suspects),
        citations=list(rule.citations),
    )


def _ranked(kb: KnowledgeBase, p: Posterior, lang: Lang, *, flagged: bool) -> RankedCondition:
    c = p.condition
    why = [
        Contribution(
            finding=a.lr.finding,
            finding_name=kb.findings[a.lr.finding].names.get(lang),
            state="present" if a.present else "absent",
            likelihood_ratio=a.ratio,
            effect="raised" if a.ratio > 1 else "lowered" if a.ratio < 1 else "unchanged",
            citation=a.lr.citation,
            grade=a.lr.grade,
        )
        for a in sorted(p.applied, key=lambda a: -abs(math.log(a.ratio)))
    ]
    return RankedCondition(
        id=c.id,
        name=c.names.get(lang),
        icd10=c.icd10,
        icd10_system=c.icd10_system,
        snomed=c.snomed,
        category=c.category,
        evidence=c.evidence,
        probability=p.probability,
        flagged=flagged,
        prior=p.prior.value,
        prior_context=list(p.prior.when),
        needs=c.triage,
        why=why,
        referral=c.referral.get(lang),
        citations=list(c.citations),
    )


def _item(advice: Advice, lang: Lang) -> PlanItem:
    return PlanItem(
        id=advice.id,
        kind=advice.kind,
        name=advice.names.get(lang),
        text=advice.text.get(lang),
        steps=[s.get(lang) for s in advice.steps],
        citations=list(advice.citations),
    )


def _plan(
    kb: KnowledgeBase,
    *,
    lang: Lang,
    level: TriageLevel,
    offered: list[Advice],
    ranked: list[Posterior],
    evidence: Evidence,
) -> Plan:
    buckets: dict[str, list[PlanItem]] = {"do": [], "exercises": [], "avoid": [], "seek_care": []}
    for advice in offered:
        buckets[_PLAN_BUCKETS.get(advice.kind, "do")].append(_item(advice, lang))
    notes = [
        kb.phrases.traditional_concept.get(lang).format(name=c.names.get(lang), course=c.course.get(lang))
        for c, test in kb.mention_tests
        if test(evidence)
    ]
    conflicts = relevant_conflicts(kb, {a.id for a in offered})
    return Plan(
        do=buckets["do"],
        exercises=buckets["exercises"],
        avoid=buckets["avoid"],
        seek_care=buckets["seek_care"],
        safety_net=kb.levels[level].safety_net.get(lang),
        course=ranked[0].condition.course.get(lang) if ranked else "",
        notes=notes,
        not_recommended=[
            ConflictNote(
                id=c.id,
                claim=c.claim.get(lang),
                claim_source=c.claim_source,
                position=c.position.get(lang),
                citations=list(c.citations),
            )
            for c in conflicts
        ],
    )


def _citations(kb: KnowledgeBase, a: Assessment, level_citations: list[str]) -> list[Citation]:
    ids: dict[str, None] = {}  # an ordered set: first mention first

    def add(items: list[str]) -> None:
        for item in items:
            ids[item] = None

    for hit in [*a.red_flags, *a.care_rules]:
        add(hit.citations)
    for c in a.conditions:
        add(c.citations)
        add([w.citation for w in c.why])
    for item in [*a.plan.do, *a.plan.exercises, *a.plan.avoid, *a.plan.seek_care]:
        add(item.citations)
    for note in a.plan.not_recommended:
        add([note.claim_source, *note.citations])
    if a.crisis is not None:
        add(a.crisis.citations)
    if a.scope is not None:
        add(a.scope.citations)
    for score in a.scores:
        add(list(kb.scores[score.id].citations))
    add(level_citations)
    return [kb.citations[i] for i in ids]

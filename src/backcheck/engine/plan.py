"""Choose the plan: advice that fits the triage level, the likely causes and the person."""

from __future__ import annotations

from typing import NamedTuple

from backcheck.engine.differential import Posterior
from backcheck.engine.evidence import Evidence
from backcheck.knowledge.base import KnowledgeBase, level_rank
from backcheck.knowledge.compiled import Test
from backcheck.knowledge.schema import Advice, Conflict, TriageLevel


class AdviceChoice(NamedTuple):
    """Advice offered, or withheld with the reason (withheld items go to the trace only)."""

    advice: Advice
    offered: bool
    reason: str


def likely_and_suspected(
    kb: KnowledgeBase, ranked: list[Posterior], suspects: frozenset[str] | set[str]
) -> tuple[set[str], set[str]]:
    """Likely causes (top three above the suspicion threshold, plus the leader) and suspected ones."""
    threshold = kb.triage.suspect_at
    likely = {p.condition.id for p in ranked[:3] if p.probability >= threshold}
    if ranked:
        likely.add(ranked[0].condition.id)
    suspected = {p.condition.id for p in ranked if p.probability >= threshold} | suspects
    return likely, suspected


def choose_advice(
    kb: KnowledgeBase,
    *,
    level: TriageLevel,
    red_flag_open: bool,
    evidence: Evidence,
    likely: set[str],
    suspected: set[str],
) -> list[AdviceChoice]:
    """Walk the advice in knowledge-base order; irrelevant items are skipped silently."""
    out: list[AdviceChoice] = []
    rank = level_rank(level)
    for advice in kb.advice.values():
        if advice.for_conditions and not likely.intersection(advice.for_conditions):
            continue
        reason = _withhold_reason(
            advice,
            level=level,
            rank=rank,
            blocks=kb.advice_blocks[advice.id],
            red_flag_open=red_flag_open,
            evidence=evidence,
            suspected=suspected,
        )
        out.append(AdviceChoice(advice, reason is None, reason or "fits"))
    return out


def _withhold_reason(
    advice: Advice,
    *,
    level: TriageLevel,
    rank: int,
    blocks: tuple[Test, ...],
    red_flag_open: bool,
    evidence: Evidence,
    suspected: set[str],
) -> str | None:
    if rank < level_rank(advice.max_level):
        return f"triage {level} is more urgent than {advice.max_level}"
    if red_flag_open and not advice.offer_with_red_flag:
        return "a red flag is open"
    for i, test in enumerate(blocks):
        if test(evidence):
            return f"not_when[{i}] matches"
    blocked = sorted(suspected.intersection(advice.not_if_suspected))
    if blocked:
        return f"not while {', '.join(blocked)} is suspected"
    return None


def relevant_conflicts(kb: KnowledgeBase, offered: set[str]) -> list[Conflict]:
    """Conflicting article advice whose guideline alternative is part of this plan."""
    return [c for c in kb.conflicts.values() if offered.intersection(c.advice_instead)]

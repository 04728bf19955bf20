"""Counts that describe a knowledge base (``backcheck kb stats``)."""

from __future__ import annotations

from typing import Any

from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import LikelihoodRatio, Prior, Text
from backcheck.knowledge.scripts import SCRIPT, in_script


def kb_stats(kb: KnowledgeBase) -> dict[str, Any]:
    """Counts of each kind of item, and the share of names written in each language's script."""
    names: list[Text] = [
        *(f.names for f in kb.findings.values()),
        *(c.names for c in kb.conditions.values()),
        *(r.names for r in kb.rules),
        *(a.names for a in kb.advice.values()),
    ]
    coverage = {
        lang: round(sum(in_script(t.get(lang), lang) for t in names) / len(names), 4) if names else 0.0
        for lang in SCRIPT
    }
    numbers: list[Prior | LikelihoodRatio] = [
        *(p for c in kb.conditions.values() for p in c.priors),
        *(lr for c in kb.conditions.values() for lr in c.likelihoods),
    ]
    return {
        "kb_version": kb.version,
        "conditions": len(kb.conditions),
        "findings": len(kb.findings),
        "red_flags": sum(r.kind == "red_flag" for r in kb.rules),
        "triage_tuples": sum(r.kind == "tuple" for r in kb.rules),
        "care_rules": sum(r.kind == "care_rule" for r in kb.rules),
        "advice": len(kb.advice),
        "conflicts": len(kb.conflicts),
        "citations": len(kb.citations),
        "likelihood_ratios": sum(len(c.likelihoods) for c in kb.conditions.values()),
        "numbers_by_grade": {
            g: sum(n.grade == g for n in numbers) for g in ("published", "derived", "expert_estimate")
        },
        "name_coverage": coverage,
    }

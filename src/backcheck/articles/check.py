"""Each claim against the knowledge base: agrees, conflicts, or not covered; and what the
article never mentions of the warning signs that matter most (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from backcheck.articles.claims import Claim
from backcheck.engine.case import Lang
from backcheck.knowledge.base import KnowledgeBase, level_rank


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictFound:
    """Where the article goes against the evidence, with both sides and their sources."""

    id: str
    topic: str
    claim: str  # the article's own sentence
    start: int
    end: int
    position: str  # the knowledge base's position, in the article's language
    citations: list[str]
    advice_instead: list[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Missing:
    """A red flag the article never mentions: none of its findings appears anywhere."""

    rule: str
    name: str
    level: str
    findings: list[str]


def judge(claims: list[Claim], stated: dict[str, tuple[int, int, str]], kb: KnowledgeBase) -> list[Claim]:
    """Give every claim its verdict; a claim inside a sentence that states a conflict conflicts."""
    out: list[Claim] = []
    for claim in claims:
        inside = [
            cid for cid, (a, b, _) in stated.items() if a <= claim.start < b and claim.kind != "warning_sign"
        ]
        if inside:
            out.append(replace(claim, verdict="conflicts", conflicts=inside))
            continue
        known = (
            (claim.kind == "cause" and all(k in kb.conditions for k in claim.kb_ids))
            or (claim.kind == "advice" and all(k in kb.advice for k in claim.kb_ids))
            or (claim.kind == "warning_sign" and all(k in kb.findings for k in claim.kb_ids))
        )
        traditional = claim.kind == "cause" and any(
            kb.conditions[k].category == "traditional_concept" for k in claim.kb_ids if k in kb.conditions
        )
        out.append(replace(claim, verdict="agrees" if known and not traditional else "not_covered"))
    return out


def conflicts_found(
    stated: dict[str, tuple[int, int, str]], kb: KnowledgeBase, lang: Lang
) -> list[ConflictFound]:
    """The conflicts the article states, in the order it states them."""
    out = []
    for cid, (a, b, sentence) in sorted(stated.items(), key=lambda kv: kv[1][0]):
        c = kb.conflicts[cid]
        out.append(
            ConflictFound(
                id=cid,
                topic=c.topic,
                claim=sentence,
                start=a,
                end=b,
                position=c.position.get(lang),
                citations=list(c.citations),
                advice_instead=list(c.advice_instead),
            )
        )
    return out


def missing_warning_signs(claims: list[Claim], kb: KnowledgeBase, lang: Lang) -> list[Missing]:
    """Emergency red flags (ambulance or emergency department) the article says nothing of."""
    mentioned = {k for c in claims if c.kind == "warning_sign" for k in c.kb_ids}
    out = []
    for rule in kb.rules:
        if rule.kind != "red_flag" or level_rank(rule.level) > level_rank("emergency"):
            continue
        findings = sorted(rule.when.finding_ids())
        if not mentioned.intersection(findings):
            out.append(Missing(rule=rule.id, name=rule.names.get(lang), level=rule.level, findings=findings))
    return out

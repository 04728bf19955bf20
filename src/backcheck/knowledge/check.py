"""Cross-reference checker: what the per-file schemas cannot see.

Every referenced id must exist, every clinical item must cite the bibliography,
every number must be graded honestly, and every text must really be translated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from backcheck.errors import ErrorCode
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Expr, Grade, Text
from backcheck.knowledge.scripts import in_script


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge base."""

    code: ErrorCode
    where: str
    message: str


def duplicate_problems(**ids_by_kind: list[str]) -> list[Problem]:
    """Ids listed more than once within a kind."""
    out = []
    for kind, ids in ids_by_kind.items():
        for item, count in Counter(ids).items():
            if count > 1:
                out.append(Problem(ErrorCode.KB004, kind, f"{kind} id {item!r} is defined {count} times"))
    return out


def check_knowledge_base(kb: KnowledgeBase) -> list[Problem]:
    """Return every cross-reference problem; an empty list means the knowledge base is sound."""
    return list(_problems(kb))


def _problems(kb: KnowledgeBase) -> Iterator[Problem]:
    yield from _check_citations(kb)
    yield from _check_findings(kb)
    yield from _check_conditions(kb)
    yield from _check_rules(kb)
    yield from _check_advice(kb)
    yield from _check_conflicts(kb)
    yield from _check_questions(kb)
    yield from _check_scores(kb)
    yield from _check_crisis_and_scope(kb)
    yield from _check_texts(kb)


def _cites(kb: KnowledgeBase, where: str, ids: Iterable[str]) -> Iterator[Problem]:
    for cid in ids:
        if cid not in kb.citations:
            yield Problem(ErrorCode.KB006, where, f"cites unknown citation {cid!r}")


def _graded(kb: KnowledgeBase, where: str, citation: str, grade: Grade) -> Iterator[Problem]:
    yield from _cites(kb, where, [citation])
    source = kb.citations.get(citation)
    if source is None:
        return
    if grade != "expert_estimate" and source.kind in ("expert_estimate", "seed_article"):
        yield Problem(
            ErrorCode.KB006,
            where,
            f"a {grade} number cannot rest on {citation!r} ({source.kind}); grade it expert_estimate",
        )


def _findings_exist(kb: KnowledgeBase, where: str, ids: Iterable[str]) -> Iterator[Problem]:
    for fid in ids:
        if fid not in kb.findings:
            yield Problem(ErrorCode.KB005, where, f"unknown finding {fid!r}")
        elif kb.findings[fid].kind != "boolean":
            yield Problem(
                ErrorCode.KB007, where, f"{fid!r} is a {kb.findings[fid].kind}; rules read booleans"
            )


def _rule_findings(kb: KnowledgeBase, where: str, rules: Iterable[Expr]) -> Iterator[Problem]:
    for rule in rules:
        yield from _findings_exist(kb, where, sorted(rule.finding_ids()))


def _conditions_exist(kb: KnowledgeBase, where: str, ids: Iterable[str]) -> Iterator[Problem]:
    for cid in ids:
        if cid not in kb.conditions:
            yield Problem(ErrorCode.KB005, where, f"unknown condition {cid!r}")


def _check_citations(kb: KnowledgeBase) -> Iterator[Problem]:
    for citation in kb.citations.values():
        if citation.kind == "seed_article" and not re.fullmatch(
            r"\d{3}_[0-9a-f]{16}\.txt", citation.file or ""
        ):
            yield Problem(ErrorCode.KB006, f"citation {citation.id}", "seed file name is not a seed article")
        if citation.kind not in ("expert_estimate", "seed_article") and not citation.url:
            yield Problem(ErrorCode.KB006, f"citation {citation.id}", "published source needs a url")


def _check_findings(kb: KnowledgeBase) -> Iterator[Problem]:
    for finding in kb.findings.values():
        where = f"finding {finding.id}"
        yield from _cites(kb, where, finding.citations)
        yield from _findings_exist(kb, f"{where} implies", finding.implies)
        if finding.id in finding.implies:
            yield Problem(ErrorCode.KB007, where, "a finding cannot imply itself")
        derivation = finding.derived_from
        if derivation is None:
            continue
        if derivation.source in kb.scores:
            if derivation.part is None or derivation.at_least is None:
                yield Problem(ErrorCode.KB007, where, "a score derivation needs part and at_least")
            continue
        if derivation.part is not None:
            yield Problem(ErrorCode.KB007, where, f"part is for scores; {derivation.source!r} is not one")
        source = kb.findings.get(derivation.source)
        if source is None:
            yield Problem(ErrorCode.KB005, where, f"derived from unknown finding {derivation.source!r}")
        elif derivation.equals is not None and derivation.equals not in (source.options or []):
            yield Problem(ErrorCode.KB007, where, f"{derivation.equals!r} is not an option of {source.id}")
        elif derivation.equals is None and source.kind != "number":
            yield Problem(ErrorCode.KB007, where, f"threshold on non-number finding {source.id!r}")


def _check_conditions(kb: KnowledgeBase) -> Iterator[Problem]:
    for condition in kb.conditions.values():
        where = f"condition {condition.id}"
        yield from _cites(kb, where, condition.citations)
        for prior in condition.priors:
            yield from _graded(kb, f"{where} prior {prior.when or 'default'}", prior.citation, prior.grade)
            yield from _findings_exist(kb, f"{where} prior", prior.when)
        for lr in condition.likelihoods:
            yield from _graded(kb, f"{where} LR {lr.finding}", lr.citation, lr.grade)
            yield from _findings_exist(kb, f"{where} LR", [lr.finding])
        yield from _rule_findings(kb, f"{where} excluded_when", condition.excluded_when)
        if condition.mention_when is not None:
            yield from _rule_findings(kb, f"{where} mention_when", [condition.mention_when])
        if condition.maps_to is not None:
            yield from _conditions_exist(kb, f"{where} maps_to", [condition.maps_to])
        if condition.category != "traditional_concept" and not condition.likelihoods:
            yield Problem(ErrorCode.KB007, where, "a ranked condition needs likelihood ratios")


def _check_rules(kb: KnowledgeBase) -> Iterator[Problem]:
    for rule in kb.rules:
        where = f"rule {rule.id}"
        yield from _cites(kb, where, rule.citations)
        yield from _rule_findings(kb, where, [rule.when])
        yield from _conditions_exist(kb, where, rule.suspects)
        if rule.kind != "care_rule" and rule.level == "self_care":
            yield Problem(ErrorCode.KB007, where, f"a {rule.kind} must raise triage above self_care")
    yield from _cites(kb, "triage", kb.triage.citations)
    yield from _findings_exist(kb, "triage safety_net_signs", kb.triage.safety_net_signs)
    if kb.triage.complaint is not None:
        yield from _findings_exist(kb, "triage complaint", [kb.triage.complaint])
    for level in kb.triage.levels:
        yield from _cites(kb, f"triage level {level.id}", level.citations)


def _check_advice(kb: KnowledgeBase) -> Iterator[Problem]:
    for advice in kb.advice.values():
        where = f"advice {advice.id}"
        yield from _cites(kb, where, advice.citations)
        yield from _conditions_exist(kb, where, [*advice.for_conditions, *advice.not_if_suspected])
        yield from _rule_findings(kb, f"{where} not_when", advice.not_when)


def _check_conflicts(kb: KnowledgeBase) -> Iterator[Problem]:
    for conflict in kb.conflicts.values():
        where = f"conflict {conflict.id}"
        yield from _cites(kb, where, [conflict.claim_source, *conflict.citations])
        source = kb.citations.get(conflict.claim_source)
        if source is not None and source.kind != "seed_article":
            yield Problem(ErrorCode.KB006, where, "claim_source must be a seed article")
        for cid in conflict.citations:
            cited = kb.citations.get(cid)
            if cited is not None and cited.kind == "seed_article":
                yield Problem(ErrorCode.KB006, where, f"the guideline position cannot rest on seed {cid!r}")
        for aid in conflict.advice_instead:
            if aid not in kb.advice:
                yield Problem(ErrorCode.KB005, where, f"unknown advice {aid!r}")


def _check_questions(kb: KnowledgeBase) -> Iterator[Problem]:
    settings = kb.interview
    yield from _graded(kb, "interview settings", settings.citation, settings.grade)
    for rate in settings.base_rates:
        yield from _graded(kb, f"interview base rate {rate.finding}", rate.citation, rate.grade)
        yield from _findings_exist(kb, "interview base rates", [rate.finding])
    settable: set[str] = set()
    for question in kb.questions.values():
        where = f"question {question.id}"
        yield from _cites(kb, where, question.citations)
        ids = question.finding_ids()
        for fid in ids:
            if fid not in kb.findings:
                yield Problem(ErrorCode.KB005, where, f"unknown finding {fid!r}")
        settable.update(ids)
        if question.applies.when is not None:
            yield from _rule_findings(kb, f"{where} applies", [question.applies.when])
        for option in question.options or []:
            for fid, value in option.sets.items():
                finding = kb.findings.get(fid)
                if finding is not None and not _fits(finding.kind, finding.options, value):
                    yield Problem(
                        ErrorCode.KB007, f"{where} option {option.id}", f"{value!r} does not fit {fid}"
                    )
        kinds = {"yes_no": "boolean", "number": "number"}
        target = kb.findings.get(question.finding or "")
        if target is not None and target.kind != kinds[question.kind]:
            yield Problem(ErrorCode.KB007, where, f"a {question.kind} question cannot set {target.id}")
        for member in question.members or []:
            if member.finding in kb.findings and kb.findings[member.finding].kind != "boolean":
                yield Problem(ErrorCode.KB007, where, f"checklist item {member.finding} is not yes/no")
    # Safety: every finding a triage rule or likelihood ratio reads must be askable, directly
    # or through the number it is derived from; otherwise the interview could never find it.
    used = {f for r in kb.rules for f in r.when.finding_ids()}
    used |= {lr.finding for c in kb.conditions.values() for lr in c.likelihoods}
    # A finding set by another's `implies` is settable through it; a score-derived finding
    # through any of the score's parameters.
    settable |= {t for fid in list(settable) if fid in kb.findings for t in kb.findings[fid].implies}
    for fid in sorted(used):
        finding = kb.findings.get(fid)
        if finding is not None and finding.category == "examination" and finding.clinician_only:
            continue  # found on examination by a clinician (API, CDS Hooks, notes), never asked
        source = finding.derived_from.source if finding and finding.derived_from else None
        if source in kb.scores and settable & {p.finding for p in kb.scores[source].parameters}:
            continue
        if fid not in settable and source not in settable:
            yield Problem(ErrorCode.KB005, f"finding {fid}", "no interview question can set it")


def _check_scores(kb: KnowledgeBase) -> Iterator[Problem]:
    for score in kb.scores.values():
        where = f"score {score.id}"
        yield from _cites(kb, where, score.citations)
        for parameter in score.parameters:
            finding = kb.findings.get(parameter.finding)
            if finding is None:
                yield Problem(ErrorCode.KB005, where, f"unknown finding {parameter.finding!r}")
            elif (finding.kind == "number") != (parameter.bands is not None) or finding.kind == "choice":
                yield Problem(
                    ErrorCode.KB007, where, f"{finding.id} is a {finding.kind}: bands for numbers only"
                )
        named = {p.finding for p in score.parameters}
        for group in score.groups:
            for fid in group:
                if fid not in named:
                    yield Problem(ErrorCode.KB005, where, f"group names {fid!r}, which is no parameter")


def _check_crisis_and_scope(kb: KnowledgeBase) -> Iterator[Problem]:
    crisis = kb.crisis
    yield from _cites(kb, "crisis", crisis.citations)
    known = {x.locale for x in crisis.locales}
    if "default" not in known:
        yield Problem(ErrorCode.KB005, "crisis", "a 'default' locale is needed for unknown places")
    for lang, locale in crisis.default_locale.items():
        if locale not in known:
            yield Problem(ErrorCode.KB005, "crisis", f"default locale for {lang} is {locale!r}, not listed")
    for entry in crisis.locales:
        yield from _cites(kb, f"crisis locale {entry.locale}", entry.citations)
    yield from _cites(kb, "scope", kb.scope.citations)


def _fits(kind: str, options: list[str] | None, value: bool | float | str) -> bool:
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str) and value in (options or [])


def _texts(kb: KnowledgeBase) -> Iterator[tuple[str, Text]]:
    for f in kb.findings.values():
        yield f"finding {f.id} names", f.names
    for c in kb.conditions.values():
        yield f"condition {c.id} names", c.names
        yield f"condition {c.id} course", c.course
        yield f"condition {c.id} referral", c.referral
    for r in kb.rules:
        yield f"rule {r.id} names", r.names
        yield f"rule {r.id} reason", r.reason
    for level in kb.triage.levels:
        yield f"level {level.id} action", level.action
        yield f"level {level.id} safety_net", level.safety_net
    for a in kb.advice.values():
        yield f"advice {a.id} text", a.text
        for i, step in enumerate(a.steps):
            yield f"advice {a.id} step {i + 1}", step
    for x in kb.conflicts.values():
        yield f"conflict {x.id} claim", x.claim
        yield f"conflict {x.id} position", x.position
    for name in type(kb.phrases).model_fields:
        value = getattr(kb.phrases, name)
        if isinstance(value, Text):
            yield f"phrase {name}", value
    for key, label in kb.phrases.labels.items():
        yield f"label {key}", label
    for score in kb.scores.values():
        yield f"score {score.id} names", score.names
    yield "crisis message", kb.crisis.message
    yield "crisis no_locale", kb.crisis.no_locale
    for entry in kb.crisis.locales:
        for line in entry.lines:
            yield f"crisis {entry.locale} line {line.contact}", line.name
    yield "scope names", kb.scope.names
    yield "scope message", kb.scope.message
    for q in kb.questions.values():
        yield f"question {q.id} text", q.text
        for o in q.options or []:
            yield f"question {q.id} option {o.id}", o.text


def _check_texts(kb: KnowledgeBase) -> Iterator[Problem]:
    # An English string pasted into the ar/zh slot passes the schema; the script check catches it.
    for where, text in _texts(kb):
        if not in_script(text.ar, "ar"):
            yield Problem(ErrorCode.KB008, where, "the Arabic text has no Arabic script")
        if not in_script(text.zh, "zh"):
            yield Problem(ErrorCode.KB008, where, "the Chinese text has no Chinese characters")

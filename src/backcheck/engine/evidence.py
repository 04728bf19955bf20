"""Turn a :class:`Case` into observations the rules can read, checked against the knowledge base."""

from __future__ import annotations

from typing import Literal, NamedTuple

from backcheck.danger.scores import ScoreResult, compute_score
from backcheck.engine.case import Case
from backcheck.errors import ErrorCode, InputError
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Derivation, Finding

Source = Literal["answer", "derived"]


class Observation(NamedTuple):
    """A known finding. Unknown findings have no observation at all."""

    finding: str
    present: bool
    value: float | str | None
    source: Source


Evidence = dict[str, Observation]


def collect_evidence(case: Case, kb: KnowledgeBase) -> tuple[Evidence, list[str]]:
    """Validate the case's findings and add derived ones.

    Returns the evidence and notes on derivations that overrode an answer.
    Raises :class:`InputError` naming the field on any unknown id or bad value.
    """
    evidence, notes, _ = collect_evidence_and_scores(case, kb)
    return evidence, notes


def collect_evidence_and_scores(
    case: Case, kb: KnowledgeBase
) -> tuple[Evidence, list[str], dict[str, ScoreResult]]:
    """:func:`collect_evidence`, and the scores (NEWS2) the derivations were made from."""
    given: dict[str, bool | int | float | str] = {}
    for fid, value in case.findings.items():
        if value is not None:
            given[fid] = value
    for name, value in (("age", case.age), ("sex", case.sex)):
        if value is None:
            continue
        # False == 0 in Python, but a boolean is not an age.
        if name in given and (
            given[name] != value or isinstance(given[name], bool) != isinstance(value, bool)
        ):
            raise InputError(
                ErrorCode.IN105,
                f"{name} is {value!r} but findings.{name} is {given[name]!r}",
                field=name,
            )
        given[name] = value

    evidence: Evidence = {}
    for fid, value in given.items():
        finding = kb.findings.get(fid)
        if finding is None:
            raise InputError(ErrorCode.IN104, f"unknown finding id {fid!r}", field=f"findings.{fid}")
        evidence[fid] = _observe(finding, value)

    notes: list[str] = []
    for finding in kb.derived:
        derivation = finding.derived_from
        assert derivation is not None  # kb.derived holds only derived findings
        source = evidence.get(derivation.source)
        if source is None or source.value is None:
            continue
        _set_derived(
            evidence,
            notes,
            finding.id,
            _derive(derivation, source.value),
            why=f"{derivation.source}={source.value}",
        )
    _imply(evidence, notes, kb)
    results = compute_scores(evidence, kb)
    for finding in kb.derived:
        derivation = finding.derived_from
        assert derivation is not None
        result = results.get(derivation.source)
        if result is None or derivation.at_least is None:
            continue
        number = result.total if derivation.part == "total" else result.highest
        # A partial score is a lower bound: it can say "at least", never "below".
        if number >= derivation.at_least:
            _set_derived(evidence, notes, finding.id, True, why=f"{result.score} {derivation.part}={number}")
        elif result.complete:
            _set_derived(evidence, notes, finding.id, False, why=f"{result.score} {derivation.part}={number}")
    return evidence, notes, results


def _set_derived(evidence: Evidence, notes: list[str], fid: str, present: bool, *, why: str) -> None:
    answered = evidence.get(fid)
    if answered is None:
        evidence[fid] = Observation(fid, present, None, "derived")
    elif present and not answered.present:
        # A measured value outranks a "no": never let "no fever" hide 39 °C.
        evidence[fid] = Observation(fid, True, None, "derived")
        notes.append(f"{fid}: answered no, but {why} says yes")


def _imply(evidence: Evidence, notes: list[str], kb: KnowledgeBase) -> None:
    """Present findings set what they imply (a fall from a roof is significant trauma), to a
    fixed point; an implied "yes" outranks an answered "no", as a measurement does."""
    pending = [fid for fid, o in evidence.items() if o.present and kb.findings[fid].implies]
    while pending:
        fid = pending.pop()
        for target in kb.findings[fid].implies:
            before = evidence.get(target)
            if before is not None and before.present:
                continue
            _set_derived(evidence, notes, target, True, why=fid)
            if kb.findings[target].implies:
                pending.append(target)


def compute_scores(evidence: Evidence, kb: KnowledgeBase) -> dict[str, ScoreResult]:
    """Every score of the knowledge base that has at least one known parameter."""
    if kb.score_findings.isdisjoint(evidence):
        return {}  # no parameter of any score is known: no score at all
    known: dict[str, bool | float] = {
        fid: o.value if isinstance(o.value, float) else o.present for fid, o in evidence.items()
    }
    out: dict[str, ScoreResult] = {}
    for score in kb.scores.values():
        result = compute_score(score, known)
        if result is not None:
            out[score.id] = result
    return out


def _observe(finding: Finding, value: bool | int | float | str) -> Observation:
    where = f"findings.{finding.id}"
    if finding.kind == "boolean":
        if not isinstance(value, bool):
            raise InputError(ErrorCode.IN105, f"{finding.id} takes true or false, not {value!r}", field=where)
        return Observation(finding.id, value, None, "answer")
    if finding.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(
                ErrorCode.IN105, f"{finding.id} takes a number in {finding.unit}, not {value!r}", field=where
            )
        low, high = finding.minimum, finding.maximum
        assert low is not None and high is not None  # schema guarantees both for numbers
        if not low <= value <= high:
            raise InputError(
                ErrorCode.IN106,
                f"{finding.id} must be between {low:g} and {high:g} {finding.unit}, got {value!r}",
                field=where,
            )
        return Observation(finding.id, True, float(value), "answer")
    options = finding.options or []
    if not isinstance(value, str) or value not in options:
        raise InputError(
            ErrorCode.IN105, f"{finding.id} must be one of {options}, not {value!r}", field=where
        )
    return Observation(finding.id, True, value, "answer")


def _derive(derivation: Derivation, value: float | str) -> bool:
    if derivation.equals is not None:
        return value == derivation.equals
    if isinstance(value, str):
        return False
    if derivation.at_least is not None:
        return value >= derivation.at_least
    assert derivation.below is not None  # schema: exactly one test is set
    return value < derivation.below

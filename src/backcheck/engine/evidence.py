"""Turn a :class:`Case` into observations the rules can read, checked against the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backcheck.engine.case import Case
from backcheck.errors import ErrorCode, InputError
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.schema import Derivation, Finding

Source = Literal["answer", "derived"]


@dataclass(frozen=True)
class Observation:
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
        present = _derive(derivation, source.value)
        answered = evidence.get(finding.id)
        if answered is None:
            evidence[finding.id] = Observation(finding.id, present, None, "derived")
        elif present and not answered.present:
            # A measured value outranks a "no": never let "no fever" hide 39 °C.
            evidence[finding.id] = Observation(finding.id, True, None, "derived")
            notes.append(f"{finding.id}: answered no, but {derivation.source}={source.value} says yes")
    return evidence, notes


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

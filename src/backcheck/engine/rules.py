"""Evaluate knowledge-base rules (``present``/``absent``/``all``/``any``) over evidence."""

from __future__ import annotations

from backcheck.engine.evidence import Evidence
from backcheck.knowledge.schema import Expr


def matches(rule: Expr, evidence: Evidence) -> bool:
    """True when the rule holds. Unknown findings satisfy neither ``present`` nor ``absent``."""
    # Plain loops, not all()/any() over generators: this is the engine's innermost call.
    if rule.present is not None:
        obs = evidence.get(rule.present)
        return obs is not None and obs.present
    if rule.absent is not None:
        obs = evidence.get(rule.absent)
        return obs is not None and not obs.present
    if rule.all is not None:
        for sub in rule.all:  # noqa: SIM110 (a loop is faster than all() here)
            if not matches(sub, evidence):
                return False
        return True
    assert rule.any is not None  # Expr validation: exactly one key is set
    for sub in rule.any:  # noqa: SIM110 (a loop is faster than any() here)
        if matches(sub, evidence):
            return True
    return False


def matched_findings(rule: Expr, evidence: Evidence) -> list[str]:
    """The findings that made a matching rule true, for the explanation."""
    if rule.present is not None or rule.absent is not None:
        fid = rule.present or rule.absent
        assert fid is not None
        return [fid] if matches(rule, evidence) else []
    subs = rule.all if rule.all is not None else rule.any or []
    out: list[str] = []
    for sub in subs:
        if matches(sub, evidence):
            out.extend(f for f in matched_findings(sub, evidence) if f not in out)
    return out

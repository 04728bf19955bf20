"""Rules as Python closures, built once per knowledge base, for the engine's innermost calls.

``engine.rules.matches`` walks an :class:`~backcheck.knowledge.schema.Expr` tree and asks each
node which of its four keys is set; an assessment makes about a hundred such walks. A closure
per node knows its key already. The meaning is the same: unknown findings satisfy neither
``present`` nor ``absent`` (tests/engine/test_rules.py runs both over generated rules).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from backcheck.knowledge.schema import Expr


class Known(Protocol):
    """What a test reads of an observation (engine.evidence.Observation)."""

    @property
    def present(self) -> bool: ...


Test = Callable[[Mapping[str, Known]], bool]


def compile_expr(expr: Expr) -> Test:
    """A function of the evidence that is true exactly when ``matches(expr, evidence)`` is."""
    if expr.present is not None:
        fid = expr.present

        def present(evidence: Mapping[str, Known]) -> bool:
            obs = evidence.get(fid)
            return obs is not None and obs.present

        return present
    if expr.absent is not None:
        fid_absent = expr.absent

        def absent(evidence: Mapping[str, Known]) -> bool:
            obs = evidence.get(fid_absent)
            return obs is not None and not obs.present

        return absent
    subs = tuple(compile_expr(sub) for sub in expr.all or expr.any or ())
    if expr.all is not None:

        def every(evidence: Mapping[str, Known]) -> bool:
            for test in subs:  # noqa: SIM110 (a loop is faster than all() here)
                if not test(evidence):
                    return False
            return True

        return every

    def some(evidence: Mapping[str, Known]) -> bool:
        for test in subs:  # noqa: SIM110 (a loop is faster than any() here)
            if test(evidence):
                return True
        return False

    return some

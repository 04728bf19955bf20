"""Rule expressions as flat post-order programs, for code that evaluates one rule many times.

The interview's value model evaluates every live rule once per candidate question and state;
walking a list is cheaper than recursing through the nested models, and the walk backwards
gives every finding's partial derivative in the same pass order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from backcheck.knowledge.schema import Expr


@dataclass(frozen=True, slots=True)
class Step:
    """One node: a leaf tests a finding; an inner node combines earlier steps."""

    #: a leaf: the finding it tests, and whether it tests present (True) or absent (False)
    finding: str | None
    present: bool
    #: an inner node: all (True) or any (False) of its children, by their places in the program
    every: bool
    children: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class FlatExpr:
    """A rule expression in post-order: children before their parent, the root last."""

    steps: tuple[Step, ...]
    #: findings that appear exactly once (the expression is multilinear in their chances)
    once: frozenset[str]


def flatten(expr: Expr) -> FlatExpr:
    """The post-order program of ``expr``."""
    steps: list[Step] = []

    def visit(node: Expr) -> int:
        leaf = node.present if node.present is not None else node.absent
        if leaf is not None:
            steps.append(Step(finding=leaf, present=node.present is not None, every=False, children=()))
        else:
            children = tuple(visit(sub) for sub in node.all or node.any or ())
            steps.append(Step(finding=None, present=False, every=node.all is not None, children=children))
        return len(steps) - 1

    visit(expr)
    counts = Counter(s.finding for s in steps if s.finding is not None)
    return FlatExpr(steps=tuple(steps), once=frozenset(f for f, n in counts.items() if n == 1))
